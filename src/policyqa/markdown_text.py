"""Owns reading Markdown as the text it marks up.

A regulation converted to Markdown (by pandoc, an editor's export, a chat tool) wears its
structure as markup: `## 第二章 运营安全`, `**第四条**　…`, `> 通过日期`, `1. …`. Read a line
at a time, the markup hides the article numbers and would be quoted back. markdown-it
(CommonMark, with tables) parses it; what comes back is each block's text, a line a
paragraph, and each table's rows.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.front_matter import front_matter_plugin

# A callout's marker opening a quote (> [!note] …), as notes apps write one: no text.
_CALLOUT = re.compile(r"^\[![A-Za-z]+\][+-]?\s*")


@dataclass
class Table:
    """A table's rows, each a tuple of cell texts."""

    rows: list[tuple[str, ...]] = field(default_factory=list)


def _inline_text(token: Token) -> str:
    """The text of an inline token: emphasis, links and code marks dropped, line breaks
    kept (a 款 on the next line of one Markdown paragraph is a paragraph of its own)."""
    parts = []
    for child in token.children or ():
        if child.type in ("text", "code_inline"):
            parts.append(child.content)
        elif child.type in ("softbreak", "hardbreak"):
            parts.append("\n")
        elif child.type == "image":
            parts.append("".join(c.content for c in child.children or ()))
    return "".join(parts)


def read_markdown(text: str) -> list[str | Table]:
    """The paragraphs (a line each) and tables of Markdown ``text``, in order. An ordered
    list's items keep their numbers (1. …): a regulation's items are numbered so."""
    # Front matter (---, title: …, ---) is the notes app's, not the document's text.
    parser = MarkdownIt("commonmark").enable("table").use(front_matter_plugin)
    out: list[str | Table] = []
    table: Table | None = None
    row: list[str] = []
    number = ""  # the number of the ordered-list item whose first line comes next
    for token in parser.parse(text):
        if token.type == "table_open":
            table = Table()
        elif token.type == "table_close" and table is not None:
            out.append(table)
            table = None
        elif token.type == "tr_open":
            row = []
        elif token.type == "tr_close" and table is not None:
            table.rows.append(tuple(row))
        elif token.type == "list_item_open" and token.info:
            number = f"{token.info}{token.markup} "
        elif token.type == "inline" and table is not None:
            row.append(_inline_text(token).strip())
        elif token.type == "inline":
            lines = [_CALLOUT.sub("", line.strip()) for line in _inline_text(token).split("\n")]
            lines = [line for line in lines if line]
            if lines and number:
                lines[0], number = number + lines[0], ""
            out.extend(lines)
        elif token.type in ("fence", "code_block"):
            out.extend(line for line in token.content.splitlines() if line.strip())
    return out
