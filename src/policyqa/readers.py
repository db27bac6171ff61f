"""Owns reading files by format: each reader turns one file into the same blocks.

A block is a paragraph or a table row. A document's text is its blocks joined by line
breaks, so every block's offsets point into that text. A new format (a PDF read with
its layout, an ``.xlsx`` sheet, a saved web page) is one more reader in ``READERS``.
"""

from __future__ import annotations

import io
import zipfile
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path


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


def _decode_text(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{path}: looks like a binary file, not {path.suffix} text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{path}: text is neither UTF-8 nor GB18030")


def read_plain(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.txt and .md: one paragraph a line, the text exactly as decoded."""
    return [("paragraph", line, ()) for line in _decode_text(path, data).split("\n")]


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
    # Walk the body in order so tables stay where they were among the paragraphs.
    for item in document.iter_inner_content():
        if isinstance(item, Paragraph):
            blocks.append(("paragraph", item.text, ()))
        elif isinstance(item, Table):
            for row in item.rows:
                cells = tuple(cell.text.strip() for cell in row.cells)
                blocks.append(("table_row", " | ".join(cells), cells))
    return blocks


def read_pdf(path: Path, data: bytes) -> list[tuple[str, str, tuple[str, ...]]]:
    """.pdf with a text layer: paragraphs rebuilt from the lines' positions (pdfplumber),
    without page numbers, running headers or the 版记."""
    if not data.startswith(b"%PDF"):
        raise DocumentError(f"{path}: not a PDF file (no %PDF header)")
    import pdfplumber

    from policyqa.pdf_layout import Line, paragraphs

    lines: list[Line] = []
    try:
        with pdfplumber.open(io.BytesIO(data)) as pdf:
            for page in pdf.pages:
                for line in page.extract_text_lines(strip=True):
                    lines.append(
                        Line(
                            line["text"],
                            line["x0"],
                            line["x1"],
                            line["top"],
                            line["bottom"],
                            page.page_number,
                            float(page.height),
                        )
                    )
    except Exception as exc:  # pdfminer raises many types for corrupt files
        raise DocumentError(f"{path}: corrupt PDF ({exc})") from exc
    text = paragraphs(lines)
    if not "".join(text).strip():
        raise DocumentError(f"{path}: PDF has no text layer (scanned?); OCR it first")
    return [("paragraph", paragraph, ()) for paragraph in text]


READERS: dict[str, Reader] = {
    ".txt": read_plain,
    ".md": read_plain,
    ".docx": read_docx,
    ".pdf": read_pdf,
}
SUPPORTED_SUFFIXES = tuple(READERS)


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


def read_blocks(path: Path) -> tuple[tuple[Block, ...], bytes]:
    """The blocks of one file and its raw bytes; DocumentError names the file and why."""
    suffix = path.suffix.lower()
    reader = READERS.get(suffix)
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
    blocks = _placed(reader(path, data))
    if not join_blocks(blocks).strip():
        raise DocumentError(f"{path}: no text found")
    return blocks, data
