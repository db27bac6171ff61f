"""Owns rebuilding paragraphs from plain text hard-wrapped at a fixed width.

Text copied out of a PDF viewer, or saved from one as .txt, breaks every line at the
page's width and carries the page numbers between pages. Read a line at a time, each
line would be a paragraph: an article cut in three, a 款 counted per line and a quote
broken mid-word. Such text is told by its lines: most long lines run to the same width.
Text written a paragraph a line (the seeds, most uploads) has no such width and is
returned unchanged.
"""

from __future__ import annotations

import unicodedata
from collections import Counter
from collections.abc import Sequence

from policyqa.pdf_layout import ITEM_START, PAGE_NUMBER

# Lines at least this wide (in half-width units, 20 Chinese characters) can show a wrap
# width; shorter ones are headings, signatures and paragraph ends.
MIN_WRAP_WIDTH = 40
# How many lines, and what share of the long ones, must run to one width.
MIN_FULL_LINES = 5
MIN_FULL_SHARE = 0.5
# A line breaks a character early when the next one is wide, and closing punctuation
# may hang past the margin (避头尾).
SHORT_BY, HANG_BY = 1, 2
INDENTS = ("\u3000", "  ", "\t")


def display_width(text: str) -> int:
    """The width of ``text`` in half-width units, as a monospaced page sets it."""
    return sum(2 if unicodedata.east_asian_width(ch) in "WF" else 1 for ch in text)


def wrap_width(lines: Sequence[str]) -> int | None:
    """The width the text was wrapped at, or None when it reads a paragraph a line."""
    widths = [display_width(line.rstrip()) for line in lines]
    long = [w for w in widths if w >= MIN_WRAP_WIDTH]
    if len(long) < MIN_FULL_LINES:
        return None
    best, full = 0, 0
    for width, _ in Counter(long).most_common(3):
        near = sum(1 for w in long if width - SHORT_BY <= w <= width + HANG_BY)
        if near > full:
            best, full = width, near
    if full < MIN_FULL_LINES or full < MIN_FULL_SHARE * len(long):
        return None
    return best


def _starts_paragraph(line: str) -> bool:
    return line.startswith(INDENTS) or bool(ITEM_START.match(line))


def unwrap(lines: Sequence[str]) -> list[str]:
    """The paragraphs of hard-wrapped text, a paragraph a line, page numbers dropped;
    any other text unchanged. A line goes on the one before when that one ran to the
    wrap width and this one does not start indented or numbered; a page break (its
    number and the blank lines around it) does not end a paragraph."""
    width = wrap_width(lines)
    if width is None:
        return list(lines)
    rebuilt: list[str] = []
    blanks: list[str] = []  # blank lines since the last text line
    page_break = False
    joinable = False  # whether the last text line ran to the margin
    for raw in lines:
        line = raw.rstrip()
        if not line.strip():
            blanks.append(line)
            continue
        if PAGE_NUMBER.match(line):
            page_break = True
            continue
        if blanks and not page_break:  # a blank line between paragraphs
            rebuilt += blanks
            joinable = False
        blanks, page_break = [], False
        if joinable and not _starts_paragraph(line):
            rebuilt[-1] += line
        else:
            rebuilt.append(line)
        joinable = display_width(line) >= width - SHORT_BY
    return rebuilt + blanks
