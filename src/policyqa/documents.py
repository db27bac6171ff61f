"""Owns loading documents: files through their readers, the corpus manifest and its
checksums, and the ids of files the manifest does not list."""

from __future__ import annotations

import hashlib
import tomllib
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from policyqa.metadata import OVERRIDES_FILE, DocumentMeta, infer_level, meta_from_text
from policyqa.readers import (
    SUPPORTED_SUFFIXES,
    Block,
    DocumentError,
    join_blocks,
    read_blocks,
)

__all__ = [
    "SUPPORTED_SUFFIXES",
    "Block",
    "Document",
    "DocumentError",
    "DocumentMeta",
    "LoadResult",
    "ManifestError",
    "load_corpus",
    "load_file",
    "load_paths",
    "normalize_for_parsing",
]


class ManifestError(Exception):
    """The corpus manifest is missing, malformed or does not match the files."""


@dataclass(frozen=True)
class Document:
    """A loaded document: ``text`` is the original text that all offsets point into."""

    id: str
    path: Path
    text: str
    sha256: str
    meta: DocumentMeta = field(default_factory=DocumentMeta)
    # Paragraphs and table rows as the file's reader gave them, offsets into ``text``.
    blocks: tuple[Block, ...] = ()

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


def load_file(path: Path, doc_id: str | None = None, meta: DocumentMeta | None = None) -> Document:
    """Load one file as a Document."""
    content = read_blocks(path)
    text = join_blocks(content.blocks)
    return Document(
        id=doc_id or slug_for(path),
        path=path,
        text=text,
        sha256=sha256_bytes(content.data),
        meta=meta or meta_from_text(text, path, content.imprint),
        blocks=content.blocks,
    )


# Files beside documents that describe them.
_NOT_DOCUMENTS = ("manifest.toml", OVERRIDES_FILE)


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
                p
                for p in sorted(path.iterdir())
                if p.is_file() and p.name not in _NOT_DOCUMENTS and not p.name.startswith(".")
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
            content = read_blocks(path)
            blocks, data = content.blocks, content.data
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
            level=entry.get("level") or infer_level(entry.get("title", "")),
        )
        documents.append(Document(entry["id"], path, join_blocks(blocks), digest, meta, blocks))
    return LoadResult(tuple(documents), tuple(errors))
