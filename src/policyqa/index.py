"""Owns the index: building it aside, swapping it in, opening it (Chroma and BM25).

Layout under ``index_dir``::

    CURRENT                  the id of the build queries use (replaced atomically)
    builds/<id>/manifest.json, units.jsonl, sparse/
    chroma/                  embedded Chroma (one collection per build)

A build is written aside and only then made current, so an interrupted ingest leaves
the previous index intact and usable.
"""

from __future__ import annotations

import json
import os
import shutil
import time
import uuid
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

import numpy as np

from policyqa.dense import ChromaStore, collection_names, drop_collection
from policyqa.embed import Embedder
from policyqa.library import Library
from policyqa.segment import Segmenter
from policyqa.sentences import sentence_spans
from policyqa.sparse import SparseIndex
from policyqa.structure import PARSER_VERSION, Clause

# Bumped when what is indexed of a clause changes (3: jieba's total fixed, which re-cuts
# rare phrases in the sparse index): indexes built before are rebuilt.
INDEX_VERSION = "3"
WINDOW_CHARS = 400  # clauses longer than this are also indexed as sentence windows


class IndexNotReady(RuntimeError):
    """The index is missing or was built differently; the message says what to run."""


@dataclass(frozen=True)
class Unit:
    """One indexed row: a clause, or a sentence window that points to its clause."""

    id: str
    clause_id: str
    doc_id: str
    kind: str
    text: str
    start: int
    end: int
    breadcrumb: str
    region: str
    departments: tuple[str, ...] = ()
    deadline_years: tuple[int, ...] = ()

    @property
    def embed_text(self) -> str:
        # The breadcrumb travels with the text, so a task is found by its section's topic.
        return f"{self.breadcrumb}\n{self.text}"

    def metadata(self) -> dict[str, Any]:
        meta: dict[str, Any] = {
            "doc_id": self.doc_id,
            "clause_id": self.clause_id,
            "kind": self.kind,
            "region": self.region,
            "breadcrumb": self.breadcrumb,
            "start": self.start,
            "end": self.end,
        }
        if self.departments:
            meta["departments"] = list(self.departments)
        if self.deadline_years:
            meta["deadline_years"] = ",".join(str(y) for y in self.deadline_years)
        return meta


def _windows(clause: Clause) -> list[tuple[int, int]]:
    """Sentence windows of about WINDOW_CHARS, overlapping by one sentence."""
    sentences = sentence_spans(clause.text)
    windows: list[tuple[int, int]] = []
    i = 0
    while i < len(sentences):
        j = i
        while j + 1 < len(sentences) and sentences[j + 1][1] - sentences[i][0] <= WINDOW_CHARS:
            j += 1
        windows.append((sentences[i][0], sentences[j][1]))
        if j + 1 >= len(sentences):
            break
        i = max(j, i + 1)
    return windows


def make_units(library: Library) -> list[Unit]:
    """The units of every clause of the library (pure)."""
    units: list[Unit] = []
    regions = {d.id: d.meta.city for d in library.documents}
    # An office by its name (生态环境局), not by the bare field a plan's list shortens it
    # to (生态环境), which a regulation writes in 生态环境保护 and 生态环境行政处罚.
    forms = {
        f: c for f, c in library.table.surface_forms().items() if len(f) >= 3 and f[-1] == c[-1]
    }
    for clause in library.clauses:
        task = library.task(clause.id)
        departments = tuple(task.responsibility.departments) if task else ()
        if not task and library.is_regulation(clause.doc_id):
            # A regulation has no task notes; its articles name the offices themselves
            # (检测报告…报市生态环境局), and a question naming one should find them.
            departments = tuple(sorted({c for f, c in forms.items() if f in clause.text}))
        years: tuple[int, ...] = ()
        if task:
            years = tuple(
                sorted({int(d.date[:4]) for d in task.deadlines if d.date and not d.recurring})
            )
        region = regions.get(clause.doc_id, "")
        crumb = clause.breadcrumb_text
        units.append(
            Unit(
                clause.id,
                clause.id,
                clause.doc_id,
                "clause",
                clause.text,
                clause.start,
                clause.end,
                crumb,
                region,
                departments,
                years,
            )
        )
        if len(clause.text) > WINDOW_CHARS:
            for n, (s, e) in enumerate(_windows(clause), start=1):
                units.append(
                    Unit(
                        f"{clause.id}#w{n}",
                        clause.id,
                        clause.doc_id,
                        "window",
                        clause.text[s:e],
                        clause.start + s,
                        clause.start + e,
                        crumb,
                        region,
                        departments,
                        years,
                    )
                )
    return units


@dataclass(frozen=True)
class IngestReport:
    """What an ingest did."""

    build_id: str
    added: list[str] = field(default_factory=list)
    changed: list[str] = field(default_factory=list)
    removed: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    skipped: list[str] = field(default_factory=list)
    units: int = 0
    embedded: int = 0
    seconds: float = 0.0


Progress = Callable[[str, int, int], None]


def read_manifest(index_dir: Path) -> dict[str, Any] | None:
    """The manifest of the current build, or None when there is none."""
    pointer = index_dir / "CURRENT"
    if not pointer.is_file():
        return None
    build = index_dir / "builds" / pointer.read_text("utf-8").strip() / "manifest.json"
    if not build.is_file():
        return None
    manifest: dict[str, Any] = json.loads(build.read_text("utf-8"))
    return manifest


def check_compatible(manifest: dict[str, Any], model: str) -> None:
    """Refuse an index built with another model, parser or index version."""
    problems = []
    if manifest.get("model") != model:
        problems.append(f"model {manifest.get('model')!r} (now {model!r})")
    if manifest.get("parser_version") != PARSER_VERSION:
        problems.append(f"parser version {manifest.get('parser_version')} (now {PARSER_VERSION})")
    if manifest.get("index_version") != INDEX_VERSION:
        problems.append(f"index version {manifest.get('index_version')} (now {INDEX_VERSION})")
    if problems:
        raise IndexNotReady(
            "索引与当前配置不一致 (the index was built with "
            + ", ".join(problems)
            + "): run `policyqa ingest --rebuild`"
        )


def ingest(
    library: Library,
    embedder: Embedder,
    client: Any,
    index_dir: Path,
    collection_prefix: str,
    segmenter: Segmenter,
    rebuild: bool = False,
    skipped: Sequence[str] = (),
    progress: Progress | None = None,
) -> IngestReport:
    """Build a new index aside, carrying over unchanged documents, then make it current."""
    started = time.monotonic()
    previous = read_manifest(index_dir)
    if previous and not rebuild:
        try:
            check_compatible(previous, embedder.name)
        except IndexNotReady:
            previous = None  # incompatible: everything is re-embedded
    elif rebuild:
        previous = None
    old_docs: dict[str, str] = previous["documents"] if previous else {}
    old_collection = previous["collection"] if previous else None

    build_id = time.strftime("%Y%m%d-%H%M%S") + "-" + uuid.uuid4().hex[:6]
    collection = f"{collection_prefix}-{build_id}"
    builds = index_dir / "builds"
    staging = builds / f".tmp-{build_id}"
    staging.mkdir(parents=True, exist_ok=True)
    report = IngestReport(build_id=build_id, skipped=list(skipped))
    units = make_units(library)
    try:
        store = ChromaStore(client, collection)
        embedded = _fill_dense(
            store, units, library, embedder, client, old_collection, old_docs, progress
        )
        sparse = SparseIndex.build(
            [u.id for u in units],
            [segmenter.search_tokens(u.embed_text) for u in units],
            [u.doc_id for u in units],
        )
        sparse.save(staging / "sparse")
        with (staging / "units.jsonl").open("w", encoding="utf-8") as out:
            for unit in units:
                out.write(json.dumps(asdict(unit), ensure_ascii=False) + "\n")
        documents = {d.id: d.sha256 for d in library.documents}
        manifest = {
            "build_id": build_id,
            "created": time.strftime("%Y-%m-%dT%H:%M:%S%z"),
            "model": embedder.name,
            "dimension": embedder.dimension,
            "parser_version": PARSER_VERSION,
            "index_version": INDEX_VERSION,
            "collection": collection,
            "documents": documents,
            "units": len(units),
        }
        (staging / "manifest.json").write_text(
            json.dumps(manifest, ensure_ascii=False, indent=2), "utf-8"
        )
        staging.rename(builds / build_id)
        _swap_current(index_dir, build_id)
    except BaseException:
        # Ctrl-C or a crash: drop the half-built parts; CURRENT still names the old build.
        shutil.rmtree(staging, ignore_errors=True)
        drop_collection(client, collection)
        raise
    _collect_garbage(index_dir, client, collection_prefix, keep=build_id)
    for doc_id, digest in documents.items():
        if doc_id not in old_docs:
            report.added.append(doc_id)
        elif old_docs[doc_id] != digest:
            report.changed.append(doc_id)
        else:
            report.unchanged.append(doc_id)
    report.removed.extend(sorted(set(old_docs) - set(documents)))
    return IngestReport(
        **{
            **asdict(report),
            "units": len(units),
            "embedded": embedded,
            "seconds": time.monotonic() - started,
        }
    )


def _fill_dense(
    store: ChromaStore,
    units: list[Unit],
    library: Library,
    embedder: Embedder,
    client: Any,
    old_collection: str | None,
    old_docs: dict[str, str],
    progress: Progress | None,
) -> int:
    old = None
    if old_collection and old_collection in collection_names(client):
        old = ChromaStore(client, old_collection)
    by_doc: dict[str, list[Unit]] = {}
    for unit in units:
        by_doc.setdefault(unit.doc_id, []).append(unit)
    to_embed: list[Unit] = []
    for document in library.documents:
        doc_units = by_doc.get(document.id, [])
        if old is not None and old_docs.get(document.id) == document.sha256:
            ids, vectors = old.vectors_for(document.id)
            carried = dict(zip(ids, vectors, strict=True))
            if all(u.id in carried for u in doc_units):
                store.add(
                    [u.id for u in doc_units],
                    np.stack([carried[u.id] for u in doc_units])
                    if doc_units
                    else np.zeros((0, embedder.dimension), np.float32),
                    [u.text for u in doc_units],
                    [u.metadata() for u in doc_units],
                )
                continue
        to_embed.extend(doc_units)
    # Several model batches per call: fewer, larger runs; the bar still moves every few
    # seconds at 10k units.
    batch = 256
    if progress and to_embed:
        progress("embed", 0, len(to_embed))  # the clock (rate, ETA) starts now
    for start in range(0, len(to_embed), batch):
        chunk = to_embed[start : start + batch]
        vectors = embedder.embed_documents([u.embed_text for u in chunk])
        store.add(
            [u.id for u in chunk], vectors, [u.text for u in chunk], [u.metadata() for u in chunk]
        )
        if progress:
            progress("embed", min(start + batch, len(to_embed)), len(to_embed))
    return len(to_embed)


def _swap_current(index_dir: Path, build_id: str) -> None:
    tmp = index_dir / f"CURRENT.{build_id}.tmp"
    tmp.write_text(build_id, "utf-8")
    os.replace(tmp, index_dir / "CURRENT")  # atomic on POSIX


def _collect_garbage(index_dir: Path, client: Any, prefix: str, keep: str) -> None:
    """Remove builds and collections that are not current (old or interrupted ones)."""
    builds = index_dir / "builds"
    for folder in builds.iterdir():
        if folder.name != keep:
            shutil.rmtree(folder, ignore_errors=True)
    for name in collection_names(client):
        if name.startswith(prefix + "-") and name != f"{prefix}-{keep}":
            drop_collection(client, name)


@dataclass(frozen=True)
class OpenIndex:
    """The current build, opened for queries."""

    manifest: dict[str, Any]
    units: dict[str, Unit]
    sparse: SparseIndex
    dense: ChromaStore


def open_index(index_dir: Path, client: Any, model: str) -> OpenIndex:
    """Open the current build; raise IndexNotReady telling the user what to run."""
    manifest = read_manifest(index_dir)
    if manifest is None:
        raise IndexNotReady(f"没有索引 (no index under {index_dir}): run `policyqa ingest`")
    check_compatible(manifest, model)
    folder = index_dir / "builds" / manifest["build_id"]
    units = {}
    with (folder / "units.jsonl").open(encoding="utf-8") as lines:
        for line in lines:
            raw = json.loads(line)
            raw["departments"] = tuple(raw["departments"])
            raw["deadline_years"] = tuple(raw["deadline_years"])
            unit = Unit(**raw)
            units[unit.id] = unit
    if manifest["collection"] not in collection_names(client):
        raise IndexNotReady(
            f"Chroma has no collection {manifest['collection']}: run `policyqa ingest --rebuild`"
        )
    return OpenIndex(
        manifest,
        units,
        SparseIndex.load(folder / "sparse"),
        ChromaStore(client, manifest["collection"]),
    )
