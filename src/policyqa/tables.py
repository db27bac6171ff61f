"""Owns task-division tables (重点任务分工表): which table is one, and how its rows become
the numbered items with labelled notes that the parser and the note grammar already read.

A row ``3 | 禁止生产塑料吸管 | 市发改委 | 市商务局 | 2024年底前`` is written as
``3．禁止生产塑料吸管。完成时限：2024年底前。（牵头单位：市发改委，配合单位：市商务局）``:
that line is the document text, so it is what ``policyqa parse`` shows and citations quote.
A row that spans the table (一、源头减量) is a group heading.

Tables that hold a regulation are read as its text: one setting an article a row (a
register, with its 款 and 项 rows), and a revision's comparison table (修改前后对照表), of
which the text after the revision is the document. Pure functions throughout.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from policyqa import rules

Row = tuple[str, ...]
_LEADING_NUMBER = re.compile(r"^\s*(\d{1,3})\s*[.．、]?\s*$")


@cache
def _vocabulary() -> dict[str, Any]:
    return rules.data_toml("tables.toml")


@dataclass(frozen=True)
class TableLayout:
    """Which column holds what; -1 where a table has no such column."""

    header_row: int
    number: int
    group: int
    task: int
    lead: int
    partners: int
    deadline: int


def clean_cell(text: str) -> str:
    """A cell's text on one line: a wrapped cell rejoins with no space."""
    return re.sub(r"\s*\n\s*", "", text or "").strip()


def _kind(cell: str) -> str | None:
    words = _vocabulary()["columns"]
    for kind in ("number", "group", "partners", "lead", "deadline", "task"):
        if any(word in cell for word in words[kind]):
            return kind
    return None


def find_layout(rows: Sequence[Row]) -> TableLayout | None:
    """The layout of a responsibility table, from its first header row that names a task
    column and a lead column; None for any other table."""
    for index, row in enumerate(rows[:5]):
        kinds: dict[str, int] = {}
        for column, cell in enumerate(row):
            kind = _kind(clean_cell(cell))
            if kind and kind not in kinds:
                kinds[kind] = column
        if "task" in kinds and "lead" in kinds:
            return TableLayout(
                index,
                kinds.get("number", -1),
                kinds.get("group", -1),
                kinds["task"],
                kinds["lead"],
                kinds.get("partners", -1),
                kinds.get("deadline", -1),
            )
    return None


def _cell(row: Row, column: int) -> str:
    return clean_cell(row[column]) if 0 <= column < len(row) else ""


def _note(lead: str, partners: str) -> str:
    render = _vocabulary()["render"]
    parts = [f"{render['lead_label']}：{lead}"] if lead else []
    if partners:
        parts.append(f"{render['partners_label']}：{partners}")
    return f"（{'，'.join(parts)}）" if parts else ""


def render_table(rows: Sequence[Row], layout: TableLayout) -> list[str]:
    """The rows of a responsibility table as lines of text: a group row as a heading,
    each task row as a numbered item whose note labels its lead and partners."""
    lines: list[str] = []
    group = ""
    count = 0
    for row in rows[layout.header_row + 1 :]:
        cells = [clean_cell(c) for c in row]
        filled = [c for c in cells if c]
        if not filled:
            continue
        if len(set(filled)) == 1 and not _LEADING_NUMBER.match(filled[0]):
            lines.append(filled[0])  # a row spanning the table: 一、源头减量
            continue
        task = _cell(row, layout.task)
        if not task:
            continue
        category = _cell(row, layout.group)
        if category and category != group:
            lines.append(category)
            group = category
        count += 1
        number = _LEADING_NUMBER.match(_cell(row, layout.number))
        label = number.group(1) if number else str(count)
        text = task if task.endswith(("。", "；", "！")) else task + "。"
        deadline = _cell(row, layout.deadline)
        if deadline:
            text += f"{_vocabulary()['render']['deadline_label']}：{deadline.rstrip('。')}。"
        note = _note(_cell(row, layout.lead), _cell(row, layout.partners))
        lines.append(f"{label}．{text}{note}")
    return lines


def table_lines(rows: Sequence[Row], caption: str = "") -> list[str] | None:
    """A responsibility table as document lines under an attachment heading (the file's
    own 附件 caption when it has one); None when the table is not one."""
    layout = find_layout(rows)
    if layout is None:
        return None
    return [*_heading(caption), *render_table(rows, layout)]


def _heading(caption: str) -> list[str]:
    """The attachment heading to put above a table, unless its caption is one already:
    附件 重点任务分工表 stays; 附件 alone or a bare title (…分工表) get the other half."""
    render = _vocabulary()["render"]
    marker = re.match(rf"^{render['attachment']}\s*\d{{0,2}}", caption)
    rest = caption[marker.end() :].strip(" ：:") if marker else ""
    if marker and rest:
        return []
    title = caption if not marker and caption.endswith("表") else render["title"]
    return [f"{marker.group().strip() if marker else render['attachment']} {title}"]


def table_blocks(
    rows: list[Row], caption: str = "", *, marked_breaks: bool = True
) -> list[tuple[str, str, tuple[str, ...]]]:
    """A table's blocks: a task-division table as numbered items with labelled notes,
    any other table one row a line, cells joined by `` | ``. ``marked_breaks``: a line
    break in a cell is the file's own (not a PDF's wrapping)."""
    lines = table_lines(rows, caption)
    if lines is not None:
        return [("table_row", line, ()) for line in lines]
    revision = find_revision(rows)
    if revision is not None:
        return [("paragraph", line, ()) for line in revised_text(rows, revision, marked_breaks)]
    blocks: list[tuple[str, str, tuple[str, ...]]] = []
    part = article = ""
    for row in rows:
        cells = tuple(clean_cell(c) for c in row)
        filled = [c for c in cells if c]
        if len(set(filled)) == 1:
            filled = filled[:1]  # a row merged across the table (第二章 经营规范): said once
        at = _article_at(filled)
        if at is None:
            blocks.append(("table_row", " | ".join(filled), cells))
            continue
        # A page or a sheet laid out in a table, an article a row: 第四条 | its text, maybe
        # after a row number and the chapter (a register: 序号 | 章节 | 条款 | 内容 | 备注).
        # The article's text is the cell after its number; further cells (备注) are the
        # compiler's, not the regulation's.
        heading = next((c for c in filled[:at] if _PART_CELL.match(c)), "")
        if heading and heading != part:
            blocks.append(("paragraph", heading, ()))
        part = heading or part
        label, rest = filled[at], [c for c in row if clean_cell(c)][at + 1 :]
        # A register setting a 款 or a 项 a row (条号 | 款 | 项 | 内容): its marks before the
        # text; the 项's opens its line, a 款 is a line of its own.
        marks = []
        while len(rest) > 1 and _UNIT_CELL.fullmatch(clean_cell(rest[0])):
            marks.append(clean_cell(rest.pop(0)))
        body = rest[0]
        # Where the file marks its breaks (a page's <br>, a Word cell's paragraphs), each
        # line is a paragraph of the article: its items and its 款 stay apart.
        paragraphs = (
            [line.strip() for line in body.split("\n") if line.strip()]
            if marked_breaks
            else [clean_cell(body)]
        )
        paragraphs[0] = "".join(m for m in marks if not m.endswith("款")) + paragraphs[0]
        # The article's later rows continue it: its number is written once.
        opening = paragraphs[0] if label == article else f"{label} {paragraphs[0]}"
        blocks.append(("paragraph", opening, ()))
        blocks += [("paragraph", line, ()) for line in paragraphs[1:]]
        article = label
    return blocks


# A cell holding an article's number alone, as pages laid out in tables set it. (Reading
# comes before structure: numbering's ARTICLE_LABEL, the same pattern, is downstream.)
_ARTICLE_CELL = re.compile(r"第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十]+)?")
# A cell marking the 款 or the 项 a register's row holds (第二款, （三）, (3)).
_UNIT_CELL = re.compile(r"第[一二三四五六七八九十\d]+款|[（(][一二三四五六七八九十\d]{1,3}[）)]")
# A cell naming the chapter (第二章　设置与备案) or section a register's row sits in.
_PART_CELL = re.compile(r"第[一二三四五六七八九十百零〇\d]+[编章节](?:\s|$)")


def _article_at(filled: list[str]) -> int | None:
    """Where a row's article number is, when the row lays out one article: its number's
    cell, after nothing but a row number and its chapter, then its text."""
    for at, cell in enumerate(filled[:3]):
        if _ARTICLE_CELL.fullmatch(cell):
            before = filled[:at]
            laid_out = all(_LEADING_NUMBER.match(c) or _PART_CELL.match(c) for c in before)
            return at if laid_out and len(filled) > at + 1 else None
    return None


def caption_of(blocks: list[tuple[str, str, tuple[str, ...]]]) -> str:
    """The last non-empty paragraph before a table: its caption."""
    return next((text.strip() for _, text, _ in reversed(blocks) if text.strip()), "")


@dataclass(frozen=True)
class RevisionLayout:
    """A comparison table's (修改前后对照表) header row and its before and after columns."""

    header_row: int
    before: int
    after: int


def _names_side(cell: str, side: str) -> bool:
    # A header cell is short: an article's text that quotes 修改为 names no column.
    return len(cell) <= 12 and any(word in cell for word in _vocabulary()["revision"][side])


def find_revision(rows: Sequence[Row]) -> RevisionLayout | None:
    """The layout of a comparison table: a header row naming a column of the text after
    a revision and one of the text before; None for any other table."""
    for index, row in enumerate(rows[:3]):
        cells = [clean_cell(c) for c in row]
        after = next((i for i, c in enumerate(cells) if _names_side(c, "after")), None)
        before = next(
            (i for i, c in enumerate(cells) if i != after and _names_side(c, "before")), None
        )
        if after is not None and before is not None:
            return RevisionLayout(index, before, after)
    return None


def _says(cell: str, kind: str) -> bool:
    bare = re.sub(r"[（）()【】\[\]\s。]", "", cell)
    return bare in _vocabulary()["revision"][kind]


def revised_text(rows: Sequence[Row], layout: RevisionLayout, marked_breaks: bool) -> list[str]:
    """The text a comparison table gives after the revision, a line a paragraph: each
    row's after cell, its before cell where the after one says unchanged, nothing where
    it says deleted or is empty (the before side alone is repealed text)."""
    lines: list[str] = []
    for row in rows[layout.header_row + 1 :]:
        after = row[layout.after] if layout.after < len(row) else ""
        if _says(after, "unchanged"):
            after = row[layout.before] if layout.before < len(row) else ""
        if not clean_cell(after) or _says(after, "deleted"):
            continue
        if marked_breaks:
            lines += [line.strip() for line in after.split("\n") if line.strip()]
        else:
            lines.append(clean_cell(after))
    return lines
