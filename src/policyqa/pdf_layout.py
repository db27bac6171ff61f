"""Owns reading a PDF as a reader sees it: lines with their positions become paragraphs.

公文 PDFs hard-break every line at about 28 characters, number their pages in the footer
(— 3 —) and may repeat a header on every page. A paragraph is rebuilt from the geometry
and the punctuation of its lines; page furniture and the 版记 (抄送, 印发) are dropped.
The rules are pure functions over ``Line`` records, so they are tested without a PDF.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import Any

from policyqa.scan_layer import as_on_paper

# Page numbers as footers write them: — 3 —, - 3 -, 第3页, 第3页/共12页, 3/12, 3.
_RULED_NUMBER = r"[—–\-－]\s*\d+\s*[—–\-－]|第\s*\d+\s*页(?:\s*[/／]?\s*共\s*\d+\s*页)?"
PAGE_NUMBER = re.compile(rf"^\s*(?:{_RULED_NUMBER}|\d+\s*[/／]\s*\d+|\d+)\s*$")
# Those set between rules or in words (— 23 —, 第23页): a page break even in plain text,
# where a bare number may be a line of the text.
RULED_PAGE_NUMBER = re.compile(rf"^\s*(?:{_RULED_NUMBER})\s*$")
# A line that ends one of these ends a sentence.
SENTENCE_END = "。；！？：!?;:"
# A line that starts like this starts a heading or a numbered item.
ITEM_START = re.compile(
    r"^(?:[一二三四五六七八九十]+、|[（(][一二三四五六七八九十\d]+[）)]|\d+[．.、]|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇\d]+[编章节条]|附件\d{0,2}(?![:：\d]))"
)
# The 版记 at the foot of a 公文: who gets copies, and who printed it when.
DISTRIBUTION = re.compile(r"^(?:抄送|主送)[:：]|^\S.{0,40}\d{4}年\d{1,2}月\d{1,2}日印发$")
# Top and bottom bands of a page, as shares of its height, where furniture sits.
EDGE_BAND = 0.1


@dataclass(frozen=True)
class Line:
    """One line of a page as pdfplumber sets it (points, from the top-left corner)."""

    text: str
    x0: float
    x1: float
    top: float
    bottom: float
    page: int
    page_height: float
    # Which of its page's ``reading_regions`` it is in: 0 on a page of one column.
    column: int = 0
    # The size its characters are set in, most of them; 0 where the reader gives none.
    size: float = 0.0

    @property
    def on_edge(self) -> bool:
        return self.top < EDGE_BAND * self.page_height or (
            self.bottom > (1 - EDGE_BAND) * self.page_height
        )

    @property
    def char_width(self) -> float:
        return (self.x1 - self.x0) / max(1, len(self.text))


def masked(text: str) -> str:
    """A line with its numbers masked, so that a header repeated page to page matches."""
    return re.sub(r"\d+", "#", text.strip())


def drop_furniture(lines: Sequence[Line]) -> list[Line]:
    """The lines less page numbers and the headers or footers repeated on most pages."""
    pages = len({line.page for line in lines})
    on_edges = Counter(masked(line.text) for line in lines if line.on_edge)
    repeated = {t for t, n in on_edges.items() if pages >= 2 and n >= max(2, pages // 2)}
    return [
        line
        for line in lines
        if not PAGE_NUMBER.match(line.text) and not (line.on_edge and masked(line.text) in repeated)
    ]


# Where a gutter between two columns may run, as shares of the page's width.
_GUTTER_BAND = (0.35, 0.65)
# At most this share of a page's words may cross the gutter (a title set across both
# columns does), and at least this share must stand in each column.
_CROSSING_SHARE = 0.1
_COLUMN_SHARE = 0.2


def reading_regions(
    words: Sequence[dict[str, Any]], width: float
) -> list[tuple[float, float, float]]:
    """The parts of a page in reading order, each ``(x0, top, x1)`` down to the page's
    foot: the whole page; or, set in two columns, what runs across both above them (a
    title), then the left column, then the right. Two columns are told by a gutter in
    the middle of the page that few words cross and many stand on either side of."""
    whole = [(0.0, 0.0, width)]
    if len(words) < 20:
        return whole
    low, high = (int(width * share) for share in _GUTTER_BAND)
    # How many words cross each point of the band, counted once per word: where a word's
    # span opens and closes, summed along the band.
    steps = [0] * (high - low + 2)
    for w in words:
        first, last = max(low, math.floor(w["x0"]) + 1), min(high, math.ceil(w["x1"]) - 1)
        if first <= last:
            steps[first - low] += 1
            steps[last - low + 1] -= 1
    crossed = list(accumulate(steps[: high - low]))  # points low … high - 1
    gutter = low + crossed.index(min(crossed))
    crossing = [w for w in words if w["x0"] < gutter < w["x1"]]
    left = [w for w in words if w["x1"] <= gutter]
    right = [w for w in words if w["x0"] >= gutter]
    if len(crossing) > _CROSSING_SHARE * len(words) or min(
        len(left), len(right)
    ) < _COLUMN_SHARE * len(words):
        return whole
    # What crosses the gutter above the middle of the columns is their heading (a title,
    # the line under it); below their last line, a footer. Anywhere between, the page is
    # not set in two columns.
    tops = sorted(w["top"] for w in left + right)
    middle, foot = tops[len(tops) // 2], max(w["bottom"] for w in left + right)
    top = max((w["bottom"] for w in crossing if w["top"] < middle), default=0.0)
    if any(top <= w["top"] < foot for w in crossing):
        return whole
    return [(0.0, 0.0, width), (0.0, top, float(gutter)), (float(gutter), top, width)][
        0 if top else 1 :
    ]


def region_of(regions: Sequence[tuple[float, float, float]], x0: float, top: float) -> int:
    """Which of ``reading_regions`` a line or table starting at ``x0``, ``top`` is in."""
    for at in range(len(regions) - 1, -1, -1):
        left, start, _ = regions[at]
        if x0 >= left - 1 and top >= start - 1:
            return at
    return 0


# A page's line or table, keyed by where it is read: page, region, then down the region.
PageItem = tuple[int, int, float, "Line | list[tuple[str, ...]]"]


# How far from a right angle a character's matrix must turn it to be set at a slant.
_SLANT = 0.05


def _oblique(obj: dict[str, Any]) -> bool:
    """Whether a character is set at a slant (a watermark printed across each page, 30° or
    45°): no text of the document. Text turned a right angle (a column's heading set
    upright in a table) is kept."""
    if obj.get("object_type") != "char":
        return False
    a, b = obj["matrix"][:2]
    return abs(a) > _SLANT and abs(b) > _SLANT


def page_items(page: Any) -> list[PageItem]:
    """A pdfplumber page's lines and ruled tables, each keyed by its place in reading
    order: on a page set in two columns, what runs across both (its title) first, then
    each column down (``reading_regions``); a table's cells are read with the table."""
    page = as_on_paper(page.filter(lambda obj: not _oblique(obj)))
    # Fake bold, a character drawn again a fraction of a point over: one character.
    page = page.dedupe_chars()
    tables = page.find_tables()
    boxes = [t.bbox for t in tables]
    regions = reading_regions(page.extract_words(), float(page.width))
    items: list[PageItem] = []
    for table in tables:
        at = region_of(regions, table.bbox[0], table.bbox[1])
        items.append((page.page_number, at, table.bbox[1], fill_merged(table.extract())))
    for at, (x0, top, x1) in enumerate(regions):
        whole = len(regions) == 1
        region = page if whole else page.within_bbox((x0, top, x1, float(page.height)))
        for found in region.extract_text_lines(strip=True):
            middle = (found["top"] + found["bottom"]) / 2
            if any(b[1] <= middle <= b[3] and b[0] <= found["x0"] < b[2] for b in boxes):
                continue  # a cell's text, read with its table
            if region_of(regions, found["x0"], found["top"]) != at:
                continue  # a line across both columns, read with their heading
            line = Line(
                _closed_up(found["text"]),
                found["x0"],
                found["x1"],
                found["top"],
                found["bottom"],
                page.page_number,
                float(page.height),
                0 if whole else at,
                _size(found.get("chars", [])),
            )
            items.append((page.page_number, at, line.top, line))
    return items


# A line set with letter spacing (justified to both margins, or 分散对齐), which the reader
# extracts a character and a space at a time: 第 十 条 本 规 定 自 2 0 4 5 年 ….
_LETTER_SPACED = re.compile(r"(?:\S ){3,}\S")


def _closed_up(text: str) -> str:
    """A letter-spaced line's characters without the spaces between them."""
    return text.replace(" ", "") if _LETTER_SPACED.fullmatch(text.strip()) else text


def _size(chars: Sequence[dict[str, Any]]) -> float:
    """The size most of a line's characters are set in."""
    sizes = Counter(round(float(c.get("size", 0)), 1) for c in chars)
    return sizes.most_common(1)[0][0] if sizes else 0.0


def _same_size(previous: Line, line: Line) -> bool:
    """Set in one size, as a title's wrapped lines are; not a title over the smaller note
    a web page prints below it (发布日期：…　来源：…)."""
    if not previous.size or not line.size:
        return True
    return abs(previous.size - line.size) <= 0.1 * previous.size


def _centred(line: Line, left: float, right: float) -> bool:
    """Set in the middle of the text block, with room on both sides."""
    width = line.char_width
    middle = (left + right) / 2
    return line.x0 > left + 2 * width and abs((line.x0 + line.x1) / 2 - middle) < width


# Marks that close what goes before them: no line of a paragraph starts with one.
_CLOSING = frozenset("。，、；：？！）」』”》")


def _continues(
    previous: Line, line: Line, left: float, right: float, pitch: float, spacing_style: bool
) -> bool:
    """Whether ``line`` goes on the paragraph that ``previous`` ends. ``spacing_style``:
    the document separates paragraphs by space rather than by a first-line indent."""
    width = previous.char_width
    full = previous.x1 >= right - 1.5 * width  # it ran to the right margin
    # A column's foot is a page's foot: what goes on continues at the next one's top.
    same_page = (line.page, line.column) == (previous.page, previous.column)
    spaced = same_page and line.top - previous.top > 1.5 * pitch  # paragraph spacing
    set_apart = line.x0 > left + width  # indented, centred or right-aligned
    if _centred(previous, left, right) and _centred(line, left, right):
        # A title set in centred lines is one title: 行动计划（2024—2 / 026年）; a chapter
        # heading centred below a centred note (…令第33号公布） / 第一章 总则) is none of it.
        return (
            same_page
            and not spaced
            and previous.text[-1] not in SENTENCE_END
            and not ITEM_START.match(line.text)
            and _same_size(previous, line)
        )
    if ITEM_START.match(line.text):
        return False
    if line.text[:1] in _CLOSING and not spaced:
        return True  # a mark no line may start with (…的除外 / 。) closes the one before
    if full and same_page and not spaced and _centred(line, left, right):
        # A centred note wrapped from a full line (…2039年8月20 / 日…令第33号公布）).
        return previous.text[-1] not in SENTENCE_END
    if not full or spaced or set_apart:
        return False
    if DISTRIBUTION.match(line.text):  # the 版记 starts: 抄送：…, …印发
        return False
    # A sentence may end at the margin with the paragraph going on. On one page the
    # spacing has told; across a page break an unindented line goes on where paragraphs
    # start indented, and otherwise only a note in parentheses goes on for sure.
    ended = previous.text[-1] in SENTENCE_END
    return not ended or same_page or not spacing_style or line.text[0] in "（("


def paragraphs(lines: Sequence[Line]) -> list[str]:
    """Rebuild paragraphs: a line joins the previous one, with no space, unless the
    geometry or an item number says a new paragraph starts."""
    body = [line for line in drop_furniture(lines) if line.text.strip()]
    if not body:
        return []
    # Each column's margins: a left column's lines run to its own right edge.
    margins = {
        column: (
            min(line.x0 for line in body if line.column == column),
            max(line.x1 for line in body if line.column == column),
        )
        for column in {line.column for line in body}
    }
    steps = Counter(
        round(b.top - a.top) for a, b in zip(body, body[1:], strict=False) if b.top > a.top
    )
    pitch = steps.most_common(1)[0][0] if steps else 0.0
    spaced = sum(n for step, n in steps.items() if step > 1.5 * pitch)
    spacing_style = spaced >= 0.1 * sum(steps.values())
    rebuilt: list[str] = []
    previous: Line | None = None
    for line in body:
        text = line.text.strip()
        left, right = margins[previous.column if previous else line.column]
        if previous is not None and _continues(previous, line, left, right, pitch, spacing_style):
            rebuilt[-1] += text
        else:
            rebuilt.append(text)
        previous = line
    return rebuilt


def split_imprint(paragraphs: Sequence[str]) -> tuple[list[str], list[str]]:
    """The body, and the 版记 at its end (抄送：…, …印发) kept apart as metadata."""
    for at, paragraph in enumerate(paragraphs):
        if DISTRIBUTION.match(paragraph):
            return list(paragraphs[:at]), list(paragraphs[at:])
    return list(paragraphs), []


def fill_merged(rows: Sequence[Sequence[str | None]]) -> list[tuple[str, ...]]:
    """A ruled table's rows with merged cells filled: a row spanning the table (一、源头减量)
    keeps its one value; a cell merged with the one above takes its text."""
    filled: list[tuple[str, ...]] = []
    for row in rows:
        cells = list(row)
        spans_row = len(cells) > 1 and cells[0] and all(c is None for c in cells[1:])
        if not spans_row and filled:
            above = filled[-1]
            cells = [above[i] if c is None and i < len(above) else c for i, c in enumerate(cells)]
        filled.append(tuple(c or "" for c in cells))
    return filled
