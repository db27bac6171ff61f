"""Owns reading spreadsheets: each sheet of an ``.xlsx`` (openpyxl), an ``.xls`` (xlrd,
the Excel 97–2003 workbooks offices still keep) or an ``.ods`` (LibreOffice Calc, WPS), or
the one table of a ``.csv`` (a legal database's or Excel's export), as a grid of the text
its cells show, with its merged ranges, and the blocks a sheet makes. Errors of a bad file are the
libraries' own; the reader names the file."""

from __future__ import annotations

import csv
import io
from typing import Any

from policyqa.metadata import kind_of
from policyqa.tables import table_blocks

Grid = list[list[str]]
# A merged range: first row, row past the last, first column, column past the last (from 0).
Merged = tuple[int, int, int, int]
# The most times a row or cell an .ods repeats is written out: more than any table of a
# document holds, and a file repeating a filled row a million times is read no further.
_MOST_REPEATED = 1024


def xlsx_sheets(data: bytes) -> list[tuple[Grid, list[Merged]]]:
    """Each sheet of an .xlsx: its values (formulas as last computed) and merged ranges."""
    import openpyxl

    workbook = openpyxl.load_workbook(io.BytesIO(data), data_only=True)
    return [
        (
            [
                ["" if v is None else str(v) for v in row]
                for row in sheet.iter_rows(values_only=True)
            ],
            [
                (m.min_row - 1, m.max_row, m.min_col - 1, m.max_col)
                for m in sheet.merged_cells.ranges
            ],
        )
        for sheet in workbook.worksheets
    ]


def xls_sheets(data: bytes) -> list[tuple[Grid, list[Merged]]]:
    """Each sheet of an .xls: its cells as shown, and its merged ranges (kept with the
    formatting, which is read for them)."""
    import xlrd

    workbook = xlrd.open_workbook(file_contents=data, formatting_info=True)
    return [
        (
            [
                [_xls_value(sheet.cell(r, c), workbook.datemode) for c in range(sheet.ncols)]
                for r in range(sheet.nrows)
            ],
            list(sheet.merged_cells),
        )
        for sheet in workbook.sheets()
    ]


def ods_sheets(data: bytes) -> list[tuple[Grid, list[Merged]]]:
    """Each sheet of an .ods: its cells as shown (a cell's paragraphs one per line) and its
    merged ranges. Calc writes a run of like rows or cells once with a repeat count, and
    the sheet's unused rest as a million blank rows: a blank row stands once for its run."""
    from policyqa.opendocument import spreadsheet_tables

    sheets = []
    for table in spreadsheet_tables(data):
        grid: Grid = []
        merged: list[Merged] = []
        for cells, repeated in table:
            for _ in range(min(repeated, _MOST_REPEATED) if cells else 1):
                row: list[str] = []
                for text, times, spans in cells:
                    if spans:
                        rows, columns = spans
                        merged.append((len(grid), len(grid) + rows, len(row), len(row) + columns))
                    row += [text] * min(times, _MOST_REPEATED)
                grid.append(row)
        width = max((len(row) for row in grid), default=0)
        sheets.append(([row + [""] * (width - len(row)) for row in grid], merged))
    return sheets


def csv_grid(text: str) -> Grid:
    """A .csv's rows: its delimiter (comma, tab, semicolon or |) as the sample shows it,
    quoted cells with their line breaks whole (an article's items in one cell)."""
    try:
        dialect: Any = csv.Sniffer().sniff(text[:8192], delimiters=",\t;|")
    except csv.Error:  # one column, or too little to tell: Excel's own
        dialect = csv.excel
    return [list(row) for row in csv.reader(io.StringIO(text), dialect)]


def _xls_value(cell: Any, datemode: int) -> str:
    """A cell's text as the sheet shows it: .xls keeps every number as a float (序号 1 is
    1.0) and a date as a day count."""
    import xlrd

    if cell.ctype == xlrd.XL_CELL_NUMBER:
        return str(int(cell.value)) if float(cell.value).is_integer() else str(cell.value)
    if cell.ctype == xlrd.XL_CELL_DATE:
        return xlrd.xldate_as_datetime(cell.value, datemode).date().isoformat()
    if cell.ctype in (xlrd.XL_CELL_EMPTY, xlrd.XL_CELL_BLANK, xlrd.XL_CELL_ERROR):
        return ""
    return str(cell.value)


def workbook_blocks(
    sheets: list[tuple[Grid, list[Merged]]],
) -> list[tuple[str, str, tuple[str, ...]]]:
    """Every sheet's blocks, in order."""
    return [block for grid, merged in sheets for block in sheet_blocks(grid, merged)]


def sheet_blocks(grid: Grid, merged: list[Merged]) -> list[tuple[str, str, tuple[str, ...]]]:
    """A sheet's title rows (a single filled cell, often merged) as paragraphs, then its
    table; each merged range repeats its value to every cell it covers."""
    for first_row, end_row, first_col, end_col in merged:
        value = grid[first_row][first_col]
        for r in range(first_row, end_row):
            for c in range(first_col, end_col):
                grid[r][c] = value
    rows = [tuple(row) for row in grid if any(cell.strip() for cell in row)]
    titles = []
    while rows and len({c.strip() for c in rows[0] if c.strip()}) == 1:
        titles.append(next(c.strip() for c in rows[0] if c.strip()))
        rows = rows[1:]
    named, rows = _named_document(rows)
    titles += [named] if named and not titles else []
    blocks: list[tuple[str, str, tuple[str, ...]]] = [("paragraph", t, ()) for t in titles]
    if rows:
        blocks += table_blocks(rows, titles[-1] if titles else "")
    return blocks


def _named_document(rows: list[tuple[str, ...]]) -> tuple[str, list[tuple[str, ...]]]:
    """A column a database export repeats on every row below its header (法规名称: the
    regulation's title, the same each row), and the rows without it; or "" and the rows.
    Only a document's name so repeated goes: a column of one deadline (2025年底) stays."""
    body = rows[1:]
    if len(body) < 2:
        return "", rows
    for at in range(min(len(row) for row in rows)):
        values = {row[at].strip() for row in body}
        value = values.pop() if len(values) == 1 else ""
        if value and kind_of(value):
            return value, [row[:at] + row[at + 1 :] for row in rows]
    return "", rows
