"""Owns reading files by format: each reader turns one file into the same blocks.

A block is a paragraph or a table row. A document's text is its blocks joined by line
breaks, so every block's offsets point into that text. A new format (a PDF read with
its layout, an ``.xlsx`` sheet, a saved web page) is one more reader in ``READERS``.
"""

from __future__ import annotations

import csv
import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any, TypeVar

from policyqa.bilingual import translated
from policyqa.decoding import BinaryData, UnknownEncoding, decode_text
from policyqa.docx_numbering import ListNumbering
from policyqa.docx_text import (
    SequenceFields,
    as_it_stands,
    inner_content,
    numbering_element,
    text_boxes,
)
from policyqa.mail import mail_blocks
from policyqa.plain_text import before_end_mark, text_blocks
from policyqa.spreadsheets import (
    csv_grid,
    ods_sheets,
    sheet_blocks,
    workbook_blocks,
    xls_sheets,
    xlsx_sheets,
)
from policyqa.tables import caption_of, table_blocks
from policyqa.traditional import is_traditional, to_simplified
from policyqa.unwrap import as_typed, rejoined, without_note_markers
from policyqa.web_pages import page_blocks, saved_page


class DocumentError(Exception):
    """A file that cannot be loaded; the message names the file and the reason."""


@dataclass(frozen=True)
class Block:
    """A paragraph or a table row; ``text == document.text[start:end]``."""

    kind: str
    text: str
    start: int
    end: int
    cells: tuple[str, ...] = ()


Reader = Callable[[Path, bytes], list[tuple[str, str, tuple[str, ...]]]]
Parsed = TypeVar("Parsed")


def _decode_text(path: Path, data: bytes) -> str:
    try:
        return decode_text(data)
    except BinaryData as exc:
        raise DocumentError(f"{path}: looks like a binary file, not {path.suffix} text") from exc
    except UnknownEncoding as exc:
        raise DocumentError(
            f"{path}: text is neither UTF-8 nor GB18030 nor Big5 nor UTF-16"
        ) from exc


def read_plain(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.txt: one paragraph a line, the text as decoded; text hard-wrapped at a
    fixed width (copied out of a PDF) is rejoined into paragraphs first. A run of lines
    split by | or tabs that forms a task-division table is read as one."""
    return text_blocks(_decode_text(path, data))


def read_rtf(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.rtf, as Word saves it (its Chinese as \\'xx bytes of the code page it declares, or
    as \\u escapes): the text striprtf takes out of the control words, then read as a
    .txt's, a paragraph a line."""
    from striprtf.striprtf import rtf_to_text

    if not data.lstrip().startswith(b"{\\rtf"):
        raise DocumentError(f"{path}: not an RTF file (no {{\\rtf header)")
    try:
        # Control words are ASCII; a writer putting raw bytes there writes UTF-8, if any.
        text = rtf_to_text(data.decode("utf-8", errors="replace"), errors="replace")
    except (ValueError, LookupError, IndexError) as exc:  # an unknown code page, a bad escape
        raise DocumentError(f"{path}: corrupt RTF ({exc})") from exc
    return text_blocks(text)


def read_md(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.md: the text Markdown marks up (``markdown_text``), a paragraph a line; its
    tables read like any other (a task-division table as tasks)."""
    from policyqa.markdown_text import Table, read_markdown

    blocks: list[tuple[str, str, tuple[str, ...]]] = []
    for part in read_markdown(_decode_text(path, data)):
        if isinstance(part, Table):
            blocks += table_blocks(part.rows, caption_of(blocks))
        else:
            blocks.append(("paragraph", part, ()))
    return blocks


def read_docx(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.docx: paragraphs and table rows in body order (cells joined by `` | ``)."""
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(f"{path}: not a valid .docx (not a zip package)")
    try:
        document = docx.Document(io.BytesIO(data))
    except Exception as exc:  # python-docx raises many types for corrupt packages
        raise DocumentError(f"{path}: corrupt .docx ({exc})") from exc
    blocks: list[tuple[str, str, tuple[str, ...]]] = []
    # Numbers Word prints itself (第五条 in a numbered list) are in no paragraph's text.
    numbering = ListNumbering(numbering_element(document), document.styles.element)
    # Numbers a SEQ field shows (第{SEQ 条}条) are counted, not taken as last saved.
    fields = SequenceFields()

    def walk(content: Any) -> None:
        # In body order, so tables stay where they were among the paragraphs.
        for item in content:
            if isinstance(item, Paragraph):
                # A text box floats apart from the paragraph anchoring it (a 红头 template's
                # 发文机关标志 and 令号): its own paragraphs, read before the anchor's text.
                for box in text_boxes(item._p):
                    walk(inner_content(box, item._parent))
                text = as_it_stands(item._p, fields)
                blocks.append(("paragraph", numbering.label(item._p) + text, ()))
            elif isinstance(item, Table) and len(item.columns) == 1:
                # A one-column table frames its text (a 公文 template sets the whole body
                # in one cell): its paragraphs are the document's, not a table's rows.
                for row in item.rows:
                    walk(inner_content(row.cells[0]._tc, row.cells[0]))
            elif isinstance(item, Table):
                # Merged cells repeat their text in every row and column they span.
                rows = [
                    tuple(
                        "\n".join(as_it_stands(p._p, fields) for p in cell.paragraphs)
                        for cell in row.cells
                    )
                    for row in item.rows
                ]
                blocks.extend(table_blocks(rows, caption_of(blocks)))

    walk(inner_content(document.element.body, document))
    return blocks


def _from_package(path: Path, data: bytes, parse: Callable[[bytes], Parsed]) -> Parsed:
    """``parse(data)`` of a zip package of XML parts (an .odt, an .ofd); a package that is
    none, or whose XML is broken or hostile, is refused naming the file."""
    from defusedxml.common import DefusedXmlException

    suffix = path.suffix.lower()
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(f"{path}: not a valid {suffix} (not a zip package)")
    try:
        return parse(data)
    except (DefusedXmlException, SyntaxError, ValueError, KeyError) as exc:
        # ElementTree's ParseError is a SyntaxError; a missing part or a bad number, the
        # parser's own ValueError; a part the index names but the package lacks, KeyError.
        raise DocumentError(f"{path}: corrupt {suffix} ({exc})") from exc


def read_odt(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.odt (LibreOffice, WPS): paragraphs, list items with the numbers their styles print,
    and tables, in body order (``opendocument``)."""
    from policyqa.opendocument import odt_parts

    blocks: list[tuple[str, str, tuple[str, ...]]] = []
    for part in _from_package(path, data, odt_parts):
        if isinstance(part, str):
            blocks.append(("paragraph", part, ()))
        else:
            blocks += table_blocks(part, caption_of(blocks))
    return blocks


def read_xlsx(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.xlsx, a sheet at a time (``spreadsheets.sheet_blocks``)."""
    if not zipfile.is_zipfile(io.BytesIO(data)):
        raise DocumentError(f"{path}: not a valid .xlsx (not a zip package)")
    try:
        sheets = xlsx_sheets(data)
    except Exception as exc:  # openpyxl raises many types for corrupt packages
        raise DocumentError(f"{path}: corrupt .xlsx ({exc})") from exc
    return workbook_blocks(sheets)


def read_xls(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.xls, the Excel 97–2003 workbook many offices still keep, a sheet at a time."""
    try:
        sheets = xls_sheets(data)
    except Exception as exc:  # xlrd raises XLRDError, struct and index errors on bad files
        raise DocumentError(f"{path}: not a valid .xls ({exc})") from exc
    return workbook_blocks(sheets)


def read_ods(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.ods, as LibreOffice Calc or WPS saves a workbook, a sheet at a time."""
    return workbook_blocks(_from_package(path, data, ods_sheets))


def read_csv(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.csv, as a legal database or Excel exports a table (GBK or UTF-8): read as a
    sheet's rows are."""
    try:
        grid = csv_grid(_decode_text(path, data))
    except csv.Error as exc:  # an unclosed quote, a NUL inside a cell
        raise DocumentError(f"{path}: not a valid .csv ({exc})") from exc
    return sheet_blocks(grid, [])


def read_pdf(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.pdf with a text layer: paragraphs rebuilt from the lines' positions (pdfplumber),
    without page numbers, running headers or the 版记; ruled tables read as tables."""
    if not data.startswith(b"%PDF"):
        raise DocumentError(f"{path}: not a PDF file (no %PDF header)")
    import pdfplumber

    from policyqa.pdf_layout import (
        Line,
        PageItem,
        drop_furniture,
        page_items,
        paragraphs,
        split_imprint,
    )

    items: list[PageItem] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                items += page_items(page)
    except Exception as exc:  # pdfminer raises many types for corrupt files
        raise DocumentError(f"{path}: corrupt PDF ({exc})") from exc
    items.sort(key=lambda item: item[:3])
    kept = set(map(id, drop_furniture([i for *_, i in items if isinstance(i, Line)])))
    blocks: list[tuple[str, str, tuple[str, ...]]] = []
    run: list[Line] = []
    for *_, item in items:
        if isinstance(item, Line):
            if id(item) in kept:
                run.append(item)
            continue
        blocks += [("paragraph", text, ()) for text in paragraphs(run)]
        run = []
        blocks += table_blocks(item, caption_of(blocks), marked_breaks=False)
    body, imprint = split_imprint(paragraphs(run))
    blocks += [("paragraph", text, ()) for text in body]
    blocks += [("imprint", text, ()) for text in imprint]
    if not "".join(text for _, text, _ in blocks).strip():
        raise DocumentError(f"{path}: PDF has no text layer (scanned?); OCR it first")
    return blocks


def read_ofd(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.ofd, the layout format e-government systems export: its pages' lines rebuilt into
    paragraphs as a PDF's are, without page numbers, running heads or the 版记."""
    from policyqa.ofd_layout import ofd_paragraphs

    body, imprint = _from_package(path, data, ofd_paragraphs)
    blocks: list[tuple[str, str, tuple[str, ...]]] = [("paragraph", text, ()) for text in body]
    return blocks + [("imprint", text, ()) for text in imprint]


def read_html(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.html / .htm saved from a website: the article's title and main text, up to a
    post's end mark (a WeChat account's — END — before its credits and promotions)."""
    blocks = page_blocks(_decode_text(path, data))
    if blocks is None:
        raise DocumentError(f"{path}: no article text found in the page")
    texts = before_end_mark([text for _, text, _ in blocks])
    return blocks[: len(texts)]


def read_eml(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.eml, a message a mail client saved: its body, as a .txt or a page is read."""
    blocks = mail_blocks(data)
    if not blocks:
        raise DocumentError(f"{path}: no message text found (not an e-mail, or only attachments)")
    return blocks


def read_mhtml(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.mhtml / .mht, a web page a browser saved as one file: its page, read as .html."""
    page = saved_page(data)
    if page is None:
        raise DocumentError(f"{path}: no web page found in the saved file")
    return read_html(path, page)


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_md,
    ".docx": read_docx,
    ".rtf": read_rtf,
    ".odt": read_odt,
    ".xlsx": read_xlsx,
    ".xls": read_xls,
    ".ods": read_ods,
    ".csv": read_csv,
    ".pdf": read_pdf,
    ".ofd": read_ofd,
    ".html": read_html,
    ".htm": read_html,
    ".mhtml": read_mhtml,
    ".eml": read_eml,
    ".mht": read_mhtml,
}
# Formats offices still send that no reader here opens: what to tell the user.
SAVE_AS = {
    ".doc": "旧版 Word 格式，请另存为 .docx 或 PDF 后上传 (save it as .docx or PDF)",
    ".wps": "WPS 格式，请另存为 .docx 或 PDF 后上传 (save it as .docx or PDF)",
    ".et": "WPS 表格格式，请另存为 .xlsx 后上传 (save it as .xlsx)",
}
SUPPORTED_SUFFIXES = tuple(READERS)


@dataclass(frozen=True)
class FileContent:
    """What a reader got from one file: the blocks of its text, its raw bytes, and the
    版记 (抄送, 印发) that a PDF's foot carries, kept out of the text."""

    blocks: tuple[Block, ...]
    data: bytes
    imprint: tuple[str, ...] = ()


def join_blocks(blocks: Sequence[Block]) -> str:
    """The document text the blocks' offsets point into."""
    return "\n".join(block.text for block in blocks)


def _placed(raw: list[tuple[str, str, tuple[str, ...]]]) -> tuple[Block, ...]:
    blocks = []
    at = 0
    for kind, text, cells in raw:
        blocks.append(Block(kind, text, at, at + len(text), cells))
        at += len(text) + 1
    return tuple(blocks)


def read_blocks(path: Path) -> FileContent:
    """The blocks of one file, its raw bytes and its 版记; DocumentError names the file
    and why."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
    if reader is None and suffix in SAVE_AS:
        raise DocumentError(f"{path}: {suffix} is not supported: {SAVE_AS[suffix]}")
    if reader is None:
        raise DocumentError(
            f"{path}: unsupported file type {suffix or '(none)'}; "
            f"use one of {', '.join(SUPPORTED_SUFFIXES)}"
        )
    try:
        data = path.read_bytes()
    except OSError as exc:
        raise DocumentError(f"{path}: cannot read ({exc.strerror})") from exc
    if not data.strip():
        raise DocumentError(f"{path}: file is empty")
    raw = reader(path, data)
    # A page saved from a portal's 繁體 view: questions and data are in simplified characters.
    if is_traditional("".join(text for _, text, _ in raw)):
        raw = [
            (kind, to_simplified(text), tuple(map(to_simplified, cells)))
            for kind, text, cells in raw
        ]
    # Characters that show nothing (a zero-width space marking copies) gone; punctuation set
    # half-width among Chinese (OCR, an English keyboard), full-width; item numbers set as
    # one character (㈠, ⑴), written out; OCR's 笫 and 曰, read as meant.
    raw = [(kind, as_typed(text), tuple(map(as_typed, cells))) for kind, text, cells in raw]
    # A PDF's text pasted into Word: a line of the page a paragraph, read as its paragraphs.
    raw = rejoined(raw)
    # A bilingual publication's English paragraphs translate the text; they are no part of it.
    english = translated([text if kind == "paragraph" else "" for kind, text, _ in raw])
    raw = [b for at, b in enumerate(raw) if at not in english]
    # A legal database's note markers ([1]) after the articles its 注释 below annotate.
    unmarked = without_note_markers([text for _, text, _ in raw])
    raw = [(kind, text, cells) for (kind, _, cells), text in zip(raw, unmarked, strict=True)]
    blocks = _placed([b for b in raw if b[0] != "imprint"])
    if not join_blocks(blocks).strip():
        raise DocumentError(f"{path}: no text found")
    return FileContent(blocks, data, tuple(text for kind, text, _ in raw if kind == "imprint"))
