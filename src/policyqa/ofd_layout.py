"""Owns reading an OFD file (GB/T 33190), the layout format China's e-government systems
export 公文 and regulations in: the text objects placed on its pages become the lines
that ``pdf_layout`` rebuilds paragraphs from, as a PDF's do.

An OFD is a zip package. ``OFD.xml`` names each document's root (``Doc_0/Document.xml``),
which lists the pages and their size in millimetres; a page's ``Content.xml`` holds layers
of ``TextObject``s, each with a boundary box and ``TextCode`` runs placed in it, their
glyphs spaced by ``DeltaX`` (``g 5 5.64`` is five steps of 5.64). Paths, images, seals
and annotations carry no text of the document and are not read.
"""

from __future__ import annotations

import io
import posixpath
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from defusedxml import ElementTree

from policyqa.pdf_layout import Line, paragraphs, split_imprint

_OFD = "{http://www.ofdspec.org/2016}"
# Points to a millimetre: lines are measured as a PDF's are, so its rules of layout hold.
_POINTS = 72 / 25.4
# A baseline within this share of the glyph size of another is on the same line.
_SAME_LINE = 0.3
# A gap wider than this share of the glyph size between two runs of a line is a space
# (第一条 set bold apart from its text).
_SPACE_GAP = 0.5


class OfdError(ValueError):
    """A package that is not an OFD document: what is missing."""


@dataclass(frozen=True)
class _Glyph:
    text: str
    x: float
    baseline: float
    size: float
    width: float


def ofd_paragraphs(data: bytes) -> tuple[list[str], list[str]]:
    """The body's paragraphs of an OFD package and its 版记, as a PDF's are rebuilt."""
    body, imprint = split_imprint(paragraphs(ofd_lines(data)))
    if not body:
        raise OfdError("OFD has no text (scanned?); OCR it first")
    return body, imprint


def ofd_lines(data: bytes) -> list[Line]:
    """The lines of text of the first document in an OFD package, page by page, top down,
    in points from each page's top-left corner."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        root = _xml(package, "OFD.xml")
        doc_root = root.findtext(f"{_OFD}DocBody/{_OFD}DocRoot")
        if not doc_root:
            raise OfdError("OFD.xml names no document (DocRoot)")
        doc_root = doc_root.strip().lstrip("/")
        document = _xml(package, doc_root)
        base = posixpath.dirname(doc_root)
        height = _page_height(document, None)
        lines: list[Line] = []
        for number, page in enumerate(document.iter(f"{_OFD}Page"), 1):
            location = page.get("BaseLoc")
            if not location:
                continue
            content = _xml(package, posixpath.join(base, location.strip().lstrip("/")))
            page_height = _page_height(content, height)
            glyphs = list(_glyphs(content))
            lines += _lines(glyphs, number, page_height)
    return lines


def _xml(package: zipfile.ZipFile, name: str) -> Any:
    try:
        return ElementTree.fromstring(package.read(name))
    except KeyError as exc:
        raise OfdError(f"{name} is missing from the package") from exc


def _page_height(element: Any, default: float | None) -> float:
    """The page's height in points, from its own PhysicalBox (a page's Area) or the
    document's (its PageArea)."""
    box = element.findtext(f".//{_OFD}PhysicalBox")
    if box:
        return float(box.split()[3]) * _POINTS
    if default is None:
        raise OfdError("the document gives no page size (PhysicalBox)")
    return default


def _numbers(text: str | None) -> list[float]:
    return [float(n) for n in (text or "").split()]


def _deltas(text: str | None) -> list[float]:
    """``DeltaX`` written out: ``g 3 5.6`` is 5.6 three times."""
    tokens = (text or "").split()
    steps: list[float] = []
    at = 0
    while at < len(tokens):
        if tokens[at] == "g" and at + 2 < len(tokens):
            steps += [float(tokens[at + 2])] * int(tokens[at + 1])
            at += 3
        else:
            steps.append(float(tokens[at]))
            at += 1
    return steps


def _glyphs(content: Any) -> Iterator[_Glyph]:
    """Each character of the page's text objects, placed on the page (in millimetres)."""
    for text_object in content.iter(f"{_OFD}TextObject"):
        x0, y0, *_ = _numbers(text_object.get("Boundary")) or [0.0, 0.0]
        size = float(text_object.get("Size") or 0) or 3.5
        a, b, c, d, e, f = _numbers(text_object.get("CTM")) or [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]
        scale = abs(a) or 1.0
        x, y = 0.0, 0.0
        for code in text_object.iter(f"{_OFD}TextCode"):
            text = code.text or ""
            # A run placed at X and Y, or where the last run of its object ended.
            x = float(code.get("X", x))
            y = float(code.get("Y", y))
            steps = _deltas(code.get("DeltaX"))
            for at, char in enumerate(text):
                width = steps[at] if at < len(steps) else _width(char, size)
                page_x = x0 + a * x + c * y + e
                page_y = y0 + b * x + d * y + f
                yield _Glyph(char, page_x, page_y, size * scale, width * scale)
                x += width


def _width(char: str, size: float) -> float:
    """A glyph's advance where no DeltaX gives it: half an em for ASCII."""
    return size / 2 if ord(char) < 128 else size


def _lines(glyphs: list[_Glyph], page: int, page_height: float) -> list[Line]:
    """Glyphs sharing a baseline, left to right, as lines top down."""
    rows: list[list[_Glyph]] = []
    for glyph in sorted(glyphs, key=lambda g: (g.baseline, g.x)):
        if rows and abs(rows[-1][0].baseline - glyph.baseline) <= _SAME_LINE * glyph.size:
            rows[-1].append(glyph)
        else:
            rows.append([glyph])
    lines = []
    for row in rows:
        row.sort(key=lambda g: g.x)
        parts = [row[0].text]
        for before, glyph in zip(row, row[1:], strict=False):
            gap = glyph.x - (before.x + before.width)
            parts.append((" " if gap > _SPACE_GAP * glyph.size else "") + glyph.text)
        text = re.sub(r"\s+", " ", "".join(parts)).strip()
        if not text:
            continue
        size = max(g.size for g in row)
        baseline = row[0].baseline
        lines.append(
            Line(
                text,
                row[0].x * _POINTS,
                (row[-1].x + row[-1].width) * _POINTS,
                (baseline - 0.88 * size) * _POINTS,
                (baseline + 0.12 * size) * _POINTS,
                page,
                page_height,
            )
        )
    return lines
