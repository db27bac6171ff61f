"""Owns reading OpenDocument packages, as LibreOffice, WPS and other office suites of
domestic desktops save them: a text's (.odt) headings, paragraphs, lists and tables in
body order, and a spreadsheet's (.ods) tables as their rows of cells.

``content.xml`` holds the body. A paragraph's text is its characters with ``text:s``
(spaces), ``text:tab`` and ``text:line-break`` written out; notes, annotations and what a
reviewer deleted (``text:tracked-changes``) are no text of it. A numbered list prints its
numbers from its list style (``（一）`` from prefix ``（``, format ``一, 二, 三, ...`` and
suffix ``）``), as Word's numbering does in ``docx_numbering``; no paragraph holds them.
"""

from __future__ import annotations

import io
import zipfile
from typing import Any

from defusedxml import ElementTree

from policyqa.docx_numbering import format_number

_OFFICE = "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}"
_TEXT = "{urn:oasis:names:tc:opendocument:xmlns:text:1.0}"
_TABLE = "{urn:oasis:names:tc:opendocument:xmlns:table:1.0}"
_STYLE = "{urn:oasis:names:tc:opendocument:xmlns:style:1.0}"
# An ODF number format, as Word names it for ``format_number``.
_FORMATS = {
    "1": "decimal",
    "a": "lowerLetter",
    "A": "upperLetter",
    "i": "lowerRoman",
    "I": "upperRoman",
    "一, 二, 三, ...": "chineseCounting",
    "壹, 贰, 叁, ...": "chineseLegalSimplified",
    "①, ②, ③, ...": "decimalEnclosedCircle",
}
# What a paragraph holds that is none of its text.
_NOT_TEXT = {_OFFICE + "annotation", _TEXT + "note", _TEXT + "tracked-changes", _TEXT + "bookmark"}

Row = tuple[str, ...]


class OpenDocumentError(ValueError):
    """A package that is no OpenDocument text or spreadsheet: what is missing."""


def _body(data: bytes, kind: str, named: str) -> tuple[Any, Any]:
    """A package's ``content.xml`` and its body of ``kind`` (office:text, office:spreadsheet);
    what is missing refused, ``named`` so."""
    with zipfile.ZipFile(io.BytesIO(data)) as package:
        try:
            content = ElementTree.fromstring(package.read("content.xml"))
        except KeyError as exc:
            raise OpenDocumentError("content.xml is missing from the package") from exc
    body = content.find(f"{_OFFICE}body/{_OFFICE}{kind}")
    if body is None:
        raise OpenDocumentError(f"content.xml holds no {named} (office:{kind})")
    return content, body


def odt_parts(data: bytes) -> list[str | list[Row]]:
    """The body of an .odt in order: each paragraph or heading as its text (a list item
    with the number its style prints), each table as its rows of cell texts."""
    content, body = _body(data, "text", "text body")
    styles = _list_styles(content)
    parts: list[str | list[Row]] = []
    _walk(body, styles, parts)
    return parts


# A spreadsheet row's cells: (text, how many columns it repeats to, (rows, columns) merged
# from it or None), and how many rows the row repeats to.
SheetRow = tuple[list[tuple[str, int, tuple[int, int] | None]], int]


def spreadsheet_tables(data: bytes) -> list[list[SheetRow]]:
    """Each table (sheet) of an .ods, as its rows; the empty cells at a row's end are
    dropped, since Calc writes the unused columns as one cell repeated a thousand times (a
    row left with no cell is blank)."""
    _, body = _body(data, "spreadsheet", "spreadsheet")
    tables = []
    for table in body.iter(_TABLE + "table"):
        rows: list[SheetRow] = []
        for row in table.iter(_TABLE + "table-row"):
            cells = []
            filled = 0  # the cells up to the last with text, a merge, or under a merge
            for cell in row:
                if cell.tag not in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
                    continue
                text = "\n".join(paragraph_text(p) for p in cell.iter(_TEXT + "p"))
                spans = (
                    int(cell.get(f"{_TABLE}number-rows-spanned", "1")),
                    int(cell.get(f"{_TABLE}number-columns-spanned", "1")),
                )
                repeated = int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
                cells.append((text, repeated, spans if spans != (1, 1) else None))
                if text or spans != (1, 1) or cell.tag == _TABLE + "covered-table-cell":
                    filled = len(cells)
            del cells[filled:]
            rows.append((cells, int(row.get(f"{_TABLE}number-rows-repeated", "1"))))
        tables.append(rows)
    return tables


def _list_styles(content: Any) -> dict[str, dict[int, tuple[str, str, str]]]:
    """Each list style's levels: (prefix, Word's number format, suffix)."""
    styles: dict[str, dict[int, tuple[str, str, str]]] = {}
    for style in content.iter(f"{_TEXT}list-style"):
        levels = styles.setdefault(style.get(f"{_STYLE}name", ""), {})
        for level in style.iter(f"{_TEXT}list-level-style-number"):
            number_format = _FORMATS.get(level.get(f"{_STYLE}num-format", ""), "")
            levels[int(level.get(f"{_TEXT}level", "1"))] = (
                level.get(f"{_STYLE}num-prefix", ""),
                number_format,
                level.get(f"{_STYLE}num-suffix", ""),
            )
    return styles


def _walk(
    element: Any,
    styles: dict[str, dict[int, tuple[str, str, str]]],
    parts: list[str | list[Row]],
    style: str = "",
    depth: int = 0,
) -> None:
    for child in element:
        if child.tag in (_TEXT + "p", _TEXT + "h"):
            parts.append(paragraph_text(child))
        elif child.tag == _TEXT + "list":
            _list(child, styles, parts, child.get(f"{_TEXT}style-name") or style, depth + 1)
        elif child.tag == _TABLE + "table":
            parts.append([_row(row) for row in child.iter(_TABLE + "table-row")])
        elif child.tag == _TEXT + "section":
            _walk(child, styles, parts, style, depth)


def _list(
    element: Any,
    styles: dict[str, dict[int, tuple[str, str, str]]],
    parts: list[str | list[Row]],
    style: str,
    depth: int,
) -> None:
    """A list's items, each opening with the number its style prints at this depth."""
    prefix, number_format, suffix = styles.get(style, {}).get(depth, ("", "", ""))
    number = 0
    for item in element:
        if item.tag != _TEXT + "list-item":
            continue  # a list-header holds no number
        number = int(item.get(f"{_TEXT}start-value", number + 1))  # an item restarting
        label = f"{prefix}{format_number(number, number_format)}{suffix}" if number_format else ""
        first = True
        for child in item:
            if child.tag in (_TEXT + "p", _TEXT + "h"):
                text = paragraph_text(child)
                parts.append(label + text if first else text)
                first = False
            elif child.tag == _TEXT + "list":
                _list(child, styles, parts, child.get(f"{_TEXT}style-name") or style, depth + 1)


def _row(row: Any) -> Row:
    cells: list[str] = []
    for cell in row:
        if cell.tag not in (_TABLE + "table-cell", _TABLE + "covered-table-cell"):
            continue
        text = "\n".join(paragraph_text(p) for p in cell.iter(_TEXT + "p"))
        cells += [text] * int(cell.get(f"{_TABLE}number-columns-repeated", "1"))
    return tuple(cells)


def paragraph_text(paragraph: Any) -> str:
    """A paragraph's text as it shows: spaces, tabs and line breaks written out."""
    out: list[str] = [paragraph.text or ""]
    for child in paragraph:
        if child.tag in _NOT_TEXT:
            out.append(child.tail or "")
            continue
        if child.tag == _TEXT + "s":
            out.append(" " * int(child.get(f"{_TEXT}c", "1")))
        elif child.tag == _TEXT + "tab":
            out.append("\t")
        elif child.tag == _TEXT + "line-break":
            out.append("\n")
        else:
            out.append(paragraph_text(child))
        out.append(child.tail or "")
    return "".join(out)
