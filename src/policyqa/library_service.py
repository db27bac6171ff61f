"""Owns changes to the document set: add, replace, delete and reindex, one at a time.

Every change holds one lock: a thread lock in this process, a file lock on the index
folder across processes (API workers, the CLI) and, with Redis configured, a Redis lock
across machines. Changes queue on it and their
builds run one after another. A change is made on a fork of the current pipeline: the
new index is built aside and the fork becomes current only when that build is live. A
change that fails leaves the uploads folder exactly as it was and the previous build
current, so nothing a caller was told is there is ever lost.
"""

from __future__ import annotations

import shutil
import threading
from collections.abc import Iterator, Sequence
from contextlib import AbstractContextManager, contextmanager, nullcontext
from dataclasses import dataclass, replace
from pathlib import Path

from filelock import FileLock

from policyqa.documents import Document, LoadResult
from policyqa.index import IndexNotReady, IngestReport, Progress, check_compatible, read_manifest
from policyqa.metadata import OVERRIDES_FILE, read_overrides, with_overrides, write_overrides
from policyqa.pipeline import Pipeline

LOCK_FILE = "changes.lock"
# A build holds the Redis lock at most this long; a builder that died frees it then.
BUILD_LOCK_TIMEOUT_S = 1800


class ChangeRefused(Exception):
    """A change that cannot be made; nothing was changed.

    Args:
        reason: ``exists``, ``duplicate``, ``not_found`` or ``corpus``.
        message: what to tell the user, in Chinese and English.
    """

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason
        self.message = message


@dataclass(frozen=True)
class Change:
    """A change that is live: what it did and the build it made."""

    action: str
    doc_ids: tuple[str, ...]
    report: IngestReport


def _builder_lock(redis_url: str | None) -> AbstractContextManager[object]:
    """One builder at a time across machines: a Redis lock when Redis is configured (its
    timeout frees it if a builder dies); the file lock alone otherwise."""
    if not redis_url:
        return nullcontext()
    import redis

    client = redis.Redis.from_url(redis_url)
    lock: AbstractContextManager[object] = client.lock(
        "policyqa:builder", timeout=BUILD_LOCK_TIMEOUT_S, blocking_timeout=BUILD_LOCK_TIMEOUT_S
    )
    return lock


class LibraryService:
    """The one owner of the document set of an index folder.

    Args:
        pipeline: the pipeline currently serving; replaced by each change.
    """

    def __init__(self, pipeline: Pipeline) -> None:
        self._current = pipeline
        self._thread_lock = threading.Lock()
        index_dir = pipeline.settings.index_dir
        index_dir.mkdir(parents=True, exist_ok=True)
        self._file_lock = FileLock(str(index_dir / LOCK_FILE))
        self._builder_lock = _builder_lock(pipeline.settings.redis_url)

    @property
    def current(self) -> Pipeline:
        """The pipeline answering questions now."""
        return self._current

    @contextmanager
    def _exclusive(self) -> Iterator[Pipeline]:
        """Hold the change lock; yield the current pipeline as it stands on disk."""
        with self._thread_lock, self._file_lock, self._builder_lock:
            yield self._synced()

    def _synced(self) -> Pipeline:
        """The current pipeline, read again if another process changed the documents."""
        current = self._current
        manifest = read_manifest(current.settings.index_dir)
        if manifest is not None and not current.matches(manifest):
            current = current.fork()
        return current

    def _publish(self, pipeline: Pipeline) -> None:
        _ = pipeline.retriever  # open the new build before it answers anything
        self._current = pipeline

    # ------------------------------------------------------------------ changes

    def add(
        self,
        documents: Sequence[Document],
        replace_existing: bool = False,
        progress: Progress | None = None,
        metadata: dict[str, str] | None = None,
    ) -> Change:
        """Add uploaded documents (already loaded, so parsed once) and make them live.

        A document whose id is taken is refused, or with ``replace_existing`` replaces
        an uploaded one; one with the same content as a loaded document is refused.
        ``metadata`` (title, city…) overrides what the text says, for every document.
        """
        with self._exclusive() as base:
            existing = {d.id: d for d in base.library.documents}
            digests = {d.sha256: d.id for d in base.library.documents}
            for document in documents:
                self._check_addable(base, document, existing, digests, replace_existing)
            folder = base.uploads_dir
            folder.mkdir(parents=True, exist_ok=True)
            kept = [d for d in base.loaded.documents if d.id not in {n.id for n in documents}]
            with _UploadsTransaction(folder) as transaction:
                overrides = read_overrides(folder)
                if metadata:
                    transaction.remember(folder / OVERRIDES_FILE)
                    overrides |= {d.id: dict(metadata) for d in documents}
                    write_overrides(folder, overrides)
                placed = []
                for document in documents:
                    old = existing.get(document.id)
                    target = folder / document.path.name
                    if old is not None and old.path != target:
                        transaction.remove(old.path)  # replaced under another file name
                    transaction.write(target, document.path)
                    meta = with_overrides(document.meta, overrides.get(document.id, {}))
                    placed.append(replace(document, path=target, meta=meta))
                loaded = LoadResult(tuple(kept) + tuple(placed), base.loaded.errors)
                new = base.fork(loaded=loaded)
                report = new.ingest(progress=progress)
                transaction.commit()
            self._publish(new)
            action = "replaced" if any(d.id in existing for d in documents) else "added"
            return Change(action, tuple(d.id for d in documents), report)

    def _check_addable(
        self,
        base: Pipeline,
        document: Document,
        existing: dict[str, Document],
        digests: dict[str, str],
        replace_existing: bool,
    ) -> None:
        # The same content again is refused first, naming the id it already has: an
        # upload is idempotent and never makes a second copy of a plan.
        same = digests.get(document.sha256)
        if same is not None and not (replace_existing and same == document.id):
            raise ChangeRefused(
                "duplicate", f"该文件已收录为 {same} / The same file is already loaded as {same}"
            )
        old = existing.get(document.id)
        if old is not None and not (replace_existing and old.path.parent == base.uploads_dir):
            if old.path.parent != base.uploads_dir:
                raise ChangeRefused(
                    "corpus",
                    f"文件 {document.id} 属于语料库，不能覆盖 / {document.id} is a corpus document",
                )
            raise ChangeRefused(
                "exists", f"已有同名文件 {document.id} / A document with this id exists"
            )

    def delete(self, doc_id: str) -> Change:
        """Remove an uploaded document; corpus documents are managed in the manifest."""
        with self._exclusive() as base:
            upload = _upload(base, doc_id)
            documents = tuple(d for d in base.loaded.documents if d.id != doc_id)
            new = base.fork(loaded=LoadResult(documents, base.loaded.errors))
            report = new.ingest()
            # Removed only once the build without it is live: a process that reads the
            # folder meanwhile sees one document too many, never one too few.
            upload.path.unlink(missing_ok=True)
            overrides = read_overrides(base.uploads_dir)
            if overrides.pop(doc_id, None) is not None:
                write_overrides(base.uploads_dir, overrides)
            self._publish(new)
            return Change("deleted", (doc_id,), report)

    def update_metadata(self, doc_id: str, fields: dict[str, str]) -> Document:
        """Set an upload's title, short title, place, issuer, 文号 or date; nothing is
        re-embedded. Corpus documents are described in the manifest."""
        with self._exclusive() as base:
            upload = _upload(base, doc_id)
            overrides = read_overrides(base.uploads_dir)
            overrides[doc_id] = overrides.get(doc_id, {}) | {k: v for k, v in fields.items() if v}
            write_overrides(base.uploads_dir, overrides)
            changed = replace(upload, meta=with_overrides(upload.meta, overrides[doc_id]))
            documents = tuple(changed if d.id == doc_id else d for d in base.loaded.documents)
            self._publish(base.fork(loaded=LoadResult(documents, base.loaded.errors)))
            return changed

    def reindex(self, rebuild: bool = False, progress: Progress | None = None) -> Change:
        """Build the index of the document set as it is on disk."""
        with self._exclusive() as base:
            return self._rebuild(base, rebuild, progress)

    def ensure_index(self, progress: Progress | None = None) -> Change | None:
        """Build the index when there is none (first start) or it was built by another
        version or model (an upgrade); None when the current one serves."""
        if self._serves(self._current):
            return None  # no lock needed to start a worker on a built index
        with self._exclusive() as base:
            if self._serves(base):
                return None  # another process built it meanwhile
            return self._rebuild(base, False, progress)

    @staticmethod
    def _serves(pipeline: Pipeline) -> bool:
        """Whether the index on disk was built by this version and model."""
        manifest = read_manifest(pipeline.settings.index_dir)
        if manifest is None:
            return False
        try:
            check_compatible(manifest, pipeline.embedder.name)
        except IndexNotReady:
            return False
        return True

    def _rebuild(self, base: Pipeline, rebuild: bool, progress: Progress | None) -> Change:
        new = base.fork()
        report = new.ingest(rebuild=rebuild, progress=progress)
        self._publish(new)
        return Change("reindexed", tuple(report.added + report.changed), report)


def _upload(base: Pipeline, doc_id: str) -> Document:
    """The uploaded document ``doc_id``; refused when unknown or from the corpus, whose
    documents are managed in ``corpus/manifest.toml``."""
    document = next((d for d in base.loaded.documents if d.id == doc_id), None)
    if document is None:
        raise ChangeRefused("not_found", f"未找到文件 {doc_id} / No such document")
    if document.path.parent != base.uploads_dir:
        raise ChangeRefused(
            "corpus",
            "语料库文件请在 corpus/manifest.toml 中管理 / "
            "Corpus documents are managed in the manifest",
        )
    return document


class _UploadsTransaction:
    """File changes in the uploads folder that are undone unless committed."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.backup: dict[Path, bytes | None] = {}
        self.committed = False

    def __enter__(self) -> _UploadsTransaction:
        return self

    def remember(self, path: Path) -> None:
        """Back ``path`` up before changing it some other way."""
        self._remember(path)

    def _remember(self, path: Path) -> None:
        if path not in self.backup:
            self.backup[path] = path.read_bytes() if path.is_file() else None

    def write(self, target: Path, source: Path) -> None:
        self._remember(target)
        if source.resolve() != target.resolve():
            shutil.copyfile(source, target)

    def remove(self, path: Path) -> None:
        self._remember(path)
        path.unlink(missing_ok=True)

    def commit(self) -> None:
        self.committed = True

    def __exit__(self, *exc: object) -> None:
        if self.committed:
            return
        for path, data in self.backup.items():
            if data is None:
                path.unlink(missing_ok=True)
            else:
                path.write_bytes(data)
