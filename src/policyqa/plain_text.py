"""Owns reading text written a paragraph a line, or hard-wrapped, as blocks: a .txt's, and
an .rtf's once its control words are gone. Wrapped lines are rejoined and page furniture
dropped (``unwrap``), a run of | or tab separated lines is read as a table, and a post's
end mark ends the text."""

from __future__ import annotations

import re

from policyqa.tables import caption_of, table_lines
from policyqa.unwrap import close_up, drop_page_breaks, split_run_on, unwrap

_CELL_SEPARATOR = re.compile(r"\s*[|\t｜]\s*")


def _cells(line: str) -> tuple[str, ...]:
    """A line's cells when it is a row of a text table (| or tab separated), else ()."""
    if not re.search(r"[|\t｜]", line):
        return ()
    cells = tuple(_CELL_SEPARATOR.split(line.strip().strip("|｜")))
    return cells if len(cells) >= 3 else ()


def text_blocks(text: str) -> list[tuple[str, str, tuple[str, ...]]]:
    """The blocks of a text: its paragraphs, a line each once rejoined, and its tables."""
    lines = unwrap(text.split("\n"))
    lines = before_end_mark(close_up(split_run_on(drop_page_breaks(lines))))
    blocks: list[tuple[str, str, tuple[str, ...]]] = []
    at = 0
    while at < len(lines):
        run = at
        while run < len(lines) and _cells(lines[run]):
            run += 1
        rows = [_cells(line) for line in lines[at:run]]
        rows = [r for r in rows if not all(set(c) <= set("-: ") for c in r)]  # md rules
        rendered = table_lines(rows, caption_of(blocks)) if len(rows) >= 2 else None
        if rendered is None:
            blocks.append(("paragraph", lines[at], ()))
            at += 1
        else:
            blocks += [("table_row", line, ()) for line in rendered]
            at = run
    return blocks


# The mark a social-media post ends its text with (—END—, - END -), before the account's
# own credits, recommended reading and "点个在看": none of it the document's; and the
# copyright notice a legal database closes its export with (©…), none of it either.
_END_MARK = re.compile(
    r"^\s*(?:[—\-－─_=]+\s*END\s*[—\-－─_=]+\s*$|[©Ⓒ]|\(c\)\s|Copyright\b)", re.I
)


def before_end_mark(lines: list[str]) -> list[str]:
    """The lines before a post's end mark or a database's copyright notice, where one
    follows some text."""
    ends = [at for at, line in enumerate(lines) if at and _END_MARK.match(line)]
    return lines[: ends[0]] if ends else lines
