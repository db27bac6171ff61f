"""Owns a searchable scan's text layer as the reader takes it.

An office scans its signed copy and publishes the scan with the OCR's text under the image
(invisible text, render mode 3). The OCR writes each line along the paper's skew in the
scanner, turned a degree or less, and each word where it found it with a space after it,
over the next word. Read as it stands, a long line climbs across the next one's band and
breaks (第一条 on a line of its own), and 母婴 护理机构 has a space the paper has not.
"""

from __future__ import annotations

import math
from collections.abc import Sequence
from statistics import median
from typing import Any

from pdfplumber.page import DerivedPage, Page

# How much room a space must leave between its neighbours, as a share of their size, to be
# a space: one typeset takes its advance (a quarter of an em or more).
_SPACE_ROOM = 0.1
# A skew worth turning back (radians, about 0.03°), and how closely most characters must
# share it for the page to be one turned sheet rather than text set at angles of its own.
_LEAST_SKEW = 0.0005
_SHARED_SKEW = 0.002
_SHARING = 0.8


def roomless_spaces(chars: Sequence[dict[str, Any]]) -> set[int]:
    """Indexes of the space characters that leave no room between the characters around
    them: the OCR's space after a word, set over the next word."""
    found: set[int] = set()
    for i, char in enumerate(chars):
        if not char["text"].isspace() or not 0 < i < len(chars) - 1:
            continue
        before, after = chars[i - 1], chars[i + 1]
        if before["text"].isspace() or after["text"].isspace():
            continue
        size = max(float(before.get("size", 0)), float(after.get("size", 0)), 1.0)
        same_line = abs(float(after["top"]) - float(before["top"])) < size / 2
        if same_line and float(after["x0"]) - float(before["x1"]) < _SPACE_ROOM * size:
            found.add(i)
    return found


def skew(chars: Sequence[dict[str, Any]]) -> float:
    """The angle (radians) the page's characters share, turned off the horizontal; 0 where
    they share none or are set straight."""
    angles = [
        math.atan2(float(c["matrix"][1]), float(c["matrix"][0]))
        for c in chars
        if not c["text"].isspace()
    ]
    if not angles:
        return 0.0
    middle = median(angles)
    sharing = sum(abs(a - middle) <= _SHARED_SKEW for a in angles)
    if abs(middle) < _LEAST_SKEW or sharing < _SHARING * len(angles):
        return 0.0
    return middle


def turned_back(char: dict[str, Any], angle: float, centre: tuple[float, float]) -> dict[str, Any]:
    """A character moved to where it stood on the paper before the scanner turned it by
    ``angle`` about ``centre``: its box goes where its origin goes."""
    e, f = float(char["matrix"][4]), float(char["matrix"][5])
    cx, cy = centre
    cos, sin = math.cos(-angle), math.sin(-angle)
    dx = cx + (e - cx) * cos - (f - cy) * sin - e
    dy = cy + (e - cx) * sin + (f - cy) * cos - f
    moved = dict(char)
    for key in ("x0", "x1"):
        moved[key] = float(char[key]) + dx
    for key in ("y0", "y1"):
        moved[key] = float(char[key]) + dy
    for key in ("top", "bottom", "doctop"):
        moved[key] = float(char[key]) - dy
    return moved


class _LayerPage(DerivedPage):
    """A page whose characters are given: the others (images, lines, rects) its own."""

    def __init__(self, parent_page: Page, chars: list[dict[str, Any]]):
        self.bbox = parent_page.bbox
        self._chars = chars
        super().__init__(parent_page)

    @property
    def objects(self) -> dict[str, list[Any]]:
        found = dict(self.parent_page.objects)
        found["char"] = self._chars
        return found


def as_on_paper(page: Any) -> Any:
    """A pdfplumber page with its text layer as the paper has it: turned back straight
    where the page's characters share a skew, with the spaces that take no room dropped.
    A page set straight with typeset spaces is returned as it is."""
    chars = list(page.chars)
    angle = skew(chars)
    spaces = roomless_spaces(chars)
    if not angle and not spaces:
        return page
    centre = (float(page.width) / 2, float(page.height) / 2)
    kept = [
        turned_back(c, angle, centre) if angle else c
        for i, c in enumerate(chars)
        if i not in spaces
    ]
    return _LayerPage(page, kept)
