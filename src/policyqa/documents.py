"""Load policy documents (txt, md, docx, pdf) and the corpus manifest."""

from __future__ import annotations

import hashlib
import tomllib
import zipfile
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

SUPPORTED_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


class DocumentError(Exception):
    """A file that cannot be loaded; the message names the file and the reason."""


class ManifestError(Exception):
    """The corpus manifest is missing, malformed or does not match the files."""


@dataclass(frozen=True)
class DocumentMeta:
    """What the manifest says about a document (defaults for ad-hoc files)."""

    title: str = ""
    short_title: str = ""
    issuer: str = ""
    city: str = ""
    province: str = ""
    doc_type: str = ""
    complete: bool = True


@dataclass(frozen=True)
class Document:
    """A loaded document: ``text`` is the original text that all offsets point into."""

    id: str
    path: Path
    text: str
    sha256: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)

    @property
    def title(self) -> str:
        return self.meta.title or self.path.stem


@dataclass(frozen=True)
class LoadResult:
    """Documents that loaded, and one error message per file that did not."""

    documents: tuple[Document, ...]
    errors: tuple[tuple[Path, str], ...]


# Length-preserving: every original character maps to exactly one character, so an
# offset into the normalised text is the same offset into the original.
_NORMALISE = {code: code - 0xFEE0 for code in range(0xFF10, 0xFF1A)}  # ０-９
_NORMALISE.update(
    {
        ord("（"): ord("("),
        ord("）"): ord(")"),
        ord("．"): ord("."),
        ord("："): ord(":"),
        ord("\t"): ord(" "),
        ord("\u3000"): ord(" "),
        ord("\xa0"): ord(" "),
        ord("\r"): ord(" "),
    }
)


def normalize_for_parsing(text: str) -> str:
    """Map full-width digits and punctuation to ASCII, keeping every offset."""
    return text.translate(_NORMALISE)


def sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def slug_for(path: Path) -> str:
    """A document id for a file the manifest does not list."""
    stem = path.stem.lower()
    for suffix in ("-new-pollutants-plan", "-plan"):
        stem = stem.removesuffix(suffix)
    return stem.replace(" ", "-") or "document"


def _decode_text(path: Path, data: bytes) -> str:
    if b"\x00" in data[:8192]:
        raise DocumentError(f"{path}: looks like a binary file, not {path.suffix} text")
    for encoding in ("utf-8-sig", "gb18030"):
        try:
            return data.decode(encoding)
        except UnicodeDecodeError:
            continue
    raise DocumentError(f"{path}: text is neither UTF-8 nor GB18030")


def _docx_text(path: Path) -> str:
    import docx  # python-docx
    from docx.table import Table
    from docx.text.paragraph import Paragraph

    if not zipfile.is_zipfile(path):
        raise DocumentError(f"{path}: not a valid .docx (not a zip package)")
    try:
        document = docx.Document(str(path))
    except Exception as exc:  # python-docx raises many types for corrupt packages
        raise DocumentError(f"{path}: corrupt .docx ({exc})") from exc
    lines: list[str] = []
    # Walk the body in order so tables stay where they were among the paragraphs.
    for block in document.iter_inner_content():
        if isinstance(block, Paragraph):
            lines.append(block.text)
        elif isinstance(block, Table):
            for row in block.rows:
                lines.append(" | ".join(cell.text.strip() for cell in row.cells))
    return "\n".join(lines)


def _pdf_text(path: Path, data: bytes) -> str:
    if not data.startswith(b"%PDF"):
        raise DocumentError(f"{path}: not a PDF file (no %PDF header)")
    import io

    import pypdf

    try:
        reader = pypdf.PdfReader(io.BytesIO(data))
        pages = [page.extract_text() or "" for page in reader.pages]
    except Exception as exc:  # pypdf raises many types for corrupt files
        raise DocumentError(f"{path}: corrupt PDF ({exc})") from exc
    text = "\n".join(pages)
    if not text.strip():
        raise DocumentError(f"{path}: PDF has no text layer (scanned?); OCR it first")
    return text


def read_document_text(path: Path) -> tuple[str, bytes]:
    """Return the text of one file and its raw bytes; raise DocumentError naming the file."""
    suffix = path.suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
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
    if suffix == ".docx":
        text = _docx_text(path)
    elif suffix == ".pdf":
        text = _pdf_text(path, data)
    else:
        text = _decode_text(path, data)
    if not text.strip():
        raise DocumentError(f"{path}: no text found")
    return text, data


def load_file(path: Path, doc_id: str | None = None, meta: DocumentMeta | None = None) -> Document:
    """Load one file as a Document."""
    text, data = read_document_text(path)
    return Document(
        id=doc_id or slug_for(path),
        path=path,
        text=text,
        sha256=sha256_bytes(data),
        meta=meta or DocumentMeta(title=_first_line_title(text) or path.stem),
    )


def _first_line_title(text: str) -> str:
    for line in text.splitlines():
        line = line.strip()
        if line:
            plain = len(line) <= 60 and "。" not in line and not line.startswith(("（", "("))
            return line if plain else ""
    return ""


def load_paths(paths: Iterable[Path]) -> LoadResult:
    """Load every supported file under ``paths``; a bad file is reported, never fatal."""
    documents: list[Document] = []
    errors: list[tuple[Path, str]] = []
    seen: set[str] = set()
    for path in _expand(paths):
        try:
            document = load_file(path)
        except DocumentError as exc:
            errors.append((path, str(exc)))
            continue
        if document.id in seen:
            errors.append((path, f"{path}: duplicate document id {document.id!r}"))
            continue
        seen.add(document.id)
        documents.append(document)
    return LoadResult(tuple(documents), tuple(errors))


def _expand(paths: Iterable[Path]) -> list[Path]:
    files: list[Path] = []
    for path in paths:
        if path.is_dir():
            files.extend(
                p for p in sorted(path.iterdir()) if p.is_file() and p.name != "manifest.toml"
            )
        else:
            files.append(path)
    return files


def load_corpus(corpus_dir: Path) -> LoadResult:
    """Load the documents listed in ``corpus_dir/manifest.toml``, checking each sha256."""
    manifest_path = corpus_dir / "manifest.toml"
    if not manifest_path.is_file():
        raise ManifestError(f"{manifest_path}: manifest not found")
    try:
        manifest = tomllib.loads(manifest_path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise ManifestError(f"{manifest_path}: not valid TOML ({exc})") from exc
    documents: list[Document] = []
    errors: list[tuple[Path, str]] = []
    for entry in manifest.get("document", []):
        path = corpus_dir / entry["file"]
        try:
            text, data = read_document_text(path)
        except DocumentError as exc:
            errors.append((path, str(exc)))
            continue
        digest = sha256_bytes(data)
        if digest != entry["sha256"]:
            raise ManifestError(
                f"{path}: sha256 is {digest} but {manifest_path} says {entry['sha256']}; "
                "the file changed - restore it, or update the manifest on purpose"
            )
        meta = DocumentMeta(
            title=entry.get("title", ""),
            short_title=entry.get("short_title", ""),
            issuer=entry.get("issuer", ""),
            city=entry.get("city", ""),
            province=entry.get("province", ""),
            doc_type=entry.get("doc_type", ""),
            complete=bool(entry.get("complete", True)),
        )
        documents.append(Document(entry["id"], path, text, digest, meta))
    return LoadResult(tuple(documents), tuple(errors))
