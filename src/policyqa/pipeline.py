"""Owns the wiring: one ``Pipeline`` from one ``Settings``, driven by the CLI, the API and
WeChat. Its parts are given to it or built once on first use; none is patched in."""

from __future__ import annotations

import threading
from collections.abc import Iterator, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from policyqa.answer import Answer
from policyqa.compose import ExtractiveAnswerer
from policyqa.compose.cite import merge_answers
from policyqa.conversation import resolve, turn_record
from policyqa.documents import LoadResult, load_corpus, load_paths
from policyqa.embed import Embedder, make_embedder
from policyqa.generate import (
    Generator,
    build_prompt,
    load_prompt,
    make_generator,
    verified_sentences,
)
from policyqa.grounding import Verifier
from policyqa.index import IngestReport, OpenIndex, Progress, ingest, open_index
from policyqa.library import Library, build_library
from policyqa.metadata import read_overrides, with_overrides
from policyqa.retrieve import Hit, Retriever
from policyqa.segment import Segmenter, default_segmenter
from policyqa.sessions import (
    RedisSessionStore,
    SessionStore,
    SQLiteSessionStore,
    new_session_id,
)
from policyqa.settings import Settings
from policyqa.understand import Question, split_parts

STREAM_CHUNK_CHARS = 24


@dataclass(frozen=True)
class DocumentSet:
    """Everything derived from one set of documents; replaced whole when the set changes."""

    loaded: LoadResult
    library: Library
    segmenter: Segmenter
    answerer: ExtractiveAnswerer
    verifier: Verifier


def uploads_dir(settings: Settings) -> Path:
    """Where documents added by upload or ``policyqa ingest FILE`` are kept."""
    return settings.index_dir / "uploads"


def load_documents(settings: Settings, paths: Sequence[Path] = ()) -> LoadResult:
    """``paths`` if given; otherwise the manifest corpus plus the uploads folder."""
    if paths:
        return load_paths(paths)
    corpus = load_corpus(settings.corpus_dir)
    folder = uploads_dir(settings)
    if not folder.is_dir():
        return corpus
    uploads = load_paths([folder])
    overrides = read_overrides(folder)
    uploads = replace(
        uploads,
        documents=tuple(
            replace(d, meta=with_overrides(d.meta, overrides.get(d.id, {})))
            for d in uploads.documents
        ),
    )
    known = {d.id for d in corpus.documents}
    clashes = [
        (d.path, f"{d.path}: id {d.id!r} is taken by the corpus")
        for d in uploads.documents
        if d.id in known
    ]
    documents = corpus.documents + tuple(d for d in uploads.documents if d.id not in known)
    return LoadResult(documents, corpus.errors + uploads.errors + tuple(clashes))


def document_set(loaded: LoadResult) -> DocumentSet:
    """Parse and extract ``loaded`` once, and build what reads the result."""
    library = build_library(loaded.documents)
    names = [m.name for t in library.tasks for m in t.responsibility.implementers]
    names += [d for t in library.tasks for d in t.responsibility.departments]
    # A regulation's parties are words of their own (处置单位, not 处置 and 单位), and so
    # are the terms it defines or names (禁燃区: 禁燃区里 is no 禁燃 / 区里) and the nouns
    # of its title (湿地: 湿地里 is no 湿 / 地里).
    names += library.parties()
    names += [term for term, _ in (*library.definitions, *library.abbreviations)]
    names += [
        word
        for d in library.documents
        if library.is_regulation(d.id)
        for word, tag in default_segmenter().tagged(d.meta.title)
        # 湿地, which jieba tags z; not a compound of words it knows (古树名木)
        if tag[:1] in ("n", "z") and 1 < len(word) < 4
    ]
    segmenter = Segmenter(library.table, names)
    return DocumentSet(
        loaded,
        library,
        segmenter,
        ExtractiveAnswerer(library, segmenter),
        Verifier.for_library(library),
    )


class Pipeline:
    """policyqa's stages wired together from one ``Settings``.

    The document set is the manifest corpus plus the uploads folder, or ``paths`` for
    ad-hoc commands such as ``policyqa tasks FILE``. Changes to the set go through
    ``policyqa.library_service.LibraryService``, never through a pipeline directly.

    Args:
        settings: the configuration.
        paths: files or folders to use instead of the corpus.
        embedder: a loaded embedder to share (tests, forks); built on first use if None.
        chroma: a Chroma client to share; built on first use if None.
        sessions: a session store to use; SQLite under the index dir if None.
        loaded: documents already loaded (an upload parsed once); read from disk if None.
    """

    def __init__(
        self,
        settings: Settings,
        paths: Sequence[Path] = (),
        *,
        embedder: Embedder | None = None,
        chroma: Any = None,
        sessions: SessionStore | None = None,
        loaded: LoadResult | None = None,
    ) -> None:
        self.settings = settings
        self.paths = tuple(paths)
        self._embedder = embedder
        self._chroma = chroma
        self._sessions = sessions
        self._generator: Generator | None = None
        self._generator_made = False
        self._loaded = loaded
        self._documents: DocumentSet | None = None
        self._retriever: Retriever | None = None
        self._lock = threading.RLock()

    def fork(
        self, *, sessions: SessionStore | None = None, loaded: LoadResult | None = None
    ) -> Pipeline:
        """A pipeline over the same settings sharing the model, Chroma client and (unless
        given) sessions; it reads the documents again unless ``loaded`` is given."""
        with self._lock:
            return Pipeline(
                self.settings,
                self.paths,
                embedder=self._embedder,
                chroma=self._chroma,
                sessions=sessions or self._sessions,
                loaded=loaded,
            )

    # ------------------------------------------------------------------ documents

    @property
    def uploads_dir(self) -> Path:
        return uploads_dir(self.settings)

    @property
    def documents(self) -> DocumentSet:
        """The document set, parsed on first use (once, across threads)."""
        with self._lock:
            if self._documents is None:
                loaded = self._loaded or load_documents(self.settings, self.paths)
                self._loaded = None  # a later reload reads the disk again
                self._documents = document_set(loaded)
            return self._documents

    @property
    def loaded(self) -> LoadResult:
        return self.documents.loaded

    @property
    def library(self) -> Library:
        return self.documents.library

    @property
    def segmenter(self) -> Segmenter:
        return self.documents.segmenter

    @property
    def verifier(self) -> Verifier:
        return self.documents.verifier

    def reload_documents(self) -> None:
        """Forget the document set so that the next use reads it again."""
        with self._lock:
            self._documents = None

    # ------------------------------------------------------------------ parts

    @property
    def embedder(self) -> Embedder:
        with self._lock:
            if self._embedder is None:
                self._embedder = make_embedder(self.settings.embedding)
            return self._embedder

    @property
    def chroma(self) -> Any:
        with self._lock:
            if self._chroma is None:
                from policyqa.dense import make_chroma_client

                self._chroma = make_chroma_client(self.settings.chroma.url, self.settings.index_dir)
            return self._chroma

    @property
    def sessions(self) -> SessionStore:
        with self._lock:
            if self._sessions is None and self.settings.redis_url:
                self._sessions = RedisSessionStore(self.settings.redis_url)
            if self._sessions is None:
                self._sessions = SQLiteSessionStore(self.settings.index_dir / "sessions.sqlite3")
            return self._sessions

    @property
    def generator(self) -> Generator | None:
        with self._lock:
            if not self._generator_made:
                self._generator = make_generator(self.settings.llm)
                self._generator_made = True
            return self._generator

    # ------------------------------------------------------------------ index

    def ingest(self, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
        """Build the index of the document set; unchanged documents keep their vectors.

        Callers that change documents go through ``LibraryService``, which serialises
        builds across threads and processes.
        """
        with self._lock:
            skipped = [message for _, message in self.loaded.errors]
            report = ingest(
                self.library,
                self.embedder,
                self.chroma,
                self.settings.index_dir,
                self.settings.chroma.collection,
                self.segmenter,
                rebuild,
                skipped,
                progress,
            )
            self._retriever = None
            return report

    def current_build(self) -> str | None:
        pointer = self.settings.index_dir / "CURRENT"
        return pointer.read_text("utf-8").strip() if pointer.is_file() else None

    @property
    def retriever(self) -> Retriever:
        """The retriever over the current build; picks up a newer build when one lands."""
        build = self.current_build()
        retriever = self._retriever
        if retriever is None or retriever.index.manifest["build_id"] != build:
            with self._lock:
                index = open_index(self.settings.index_dir, self.chroma, self.embedder.name)
                self._follow(index)
                retriever = Retriever(
                    index, self.embedder, self.segmenter, self.library, self.settings.retrieval
                )
                self._retriever = retriever
        return retriever

    def _follow(self, index: OpenIndex) -> None:
        """Another process (a worker, the CLI) changed the document set: read it again so
        that every indexed clause is known here."""
        if not self.matches(index.manifest):
            self.reload_documents()

    def matches(self, manifest: dict[str, Any]) -> bool:
        """Whether a build's manifest indexes exactly this pipeline's documents."""
        return bool(manifest["documents"] == {d.id: d.sha256 for d in self.library.documents})

    def search(
        self,
        question: str,
        k: int = 5,
        doc_ids: Sequence[str] | None = None,
        method: str = "hybrid",
    ) -> list[Hit]:
        return self.retriever.search(question, k, doc_ids, method)

    # ------------------------------------------------------------------ answers

    def compose(
        self, text: str, session_id: str | None = None, method: str = "hybrid"
    ) -> tuple[Answer, Question]:
        """The extractive answer, not yet verified, and the question it answers."""
        _ = self.retriever  # follow a newer build (and its documents) before reading anything
        documents = self.documents
        turns = self.sessions.load(session_id) if session_id else []

        def search(q: str, k: int, docs: Sequence[str] | None) -> list[Hit]:
            return self.search(q, k, docs, method)

        def answer(part: str, history: list[dict[str, Any]]) -> tuple[Answer, Question]:
            question, topic = resolve(part, history, documents.library)
            return documents.answerer.answer(question, search, topic), question

        first, question = answer((parts := split_parts(text))[0], turns)
        if len(parts) == 1:
            return first, question
        # A later part (归哪些部门管？) leans on the first as a follow-up does on a turn.
        history = [*turns, turn_record(question, first)] if first.status == "answered" else turns
        answers = [first, *(answer(part, history)[0] for part in parts[1:])]
        return merge_answers(text, answers), question

    def ask(self, text: str, session_id: str | None = None, method: str = "hybrid") -> Answer:
        """Answer a question, grounded, remembering it in the session.

        With an LLM configured, the LLM rewrites the extractive answer from the same
        quotes and each of its sentences is verified; otherwise, or when nothing it
        wrote is supported, the extractive answer is verified. Either way, once.
        """
        answer, question = self.compose(text, session_id, method)
        sentences = list(self._generated(question, answer))
        if sentences:
            answer = self._with_generated(answer, sentences)
        else:
            answer = self.verifier.verified(answer)
        return self.remember(text, question, answer, session_id)

    def stream(self, text: str, session_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Events for a streamed answer: ``answer`` chunks, one ``final`` answer."""
        answer, question = self.compose(text, session_id)
        shown: list[str] = []
        for sentence in self._generated(question, answer):
            shown.append(sentence)
            yield {"event": "answer", "data": sentence}
        if shown:
            answer = self._with_generated(answer, shown)
        else:
            answer = self.verifier.verified(answer)
            for start in range(0, len(answer.text), STREAM_CHUNK_CHARS):
                yield {"event": "answer", "data": answer.text[start : start + STREAM_CHUNK_CHARS]}
        yield {"event": "final", "data": self.remember(text, question, answer, session_id)}

    def _generated(self, question: Question, answer: Answer) -> Iterator[str]:
        generator = self.generator
        if answer.status != "answered" or generator is None:
            return iter(())
        prompt = build_prompt(load_prompt(self.settings.prompts_dir), question.text, answer)
        return verified_sentences(generator, prompt, answer, self.verifier)

    def _with_generated(self, answer: Answer, sentences: list[str]) -> Answer:
        name = self.generator.name if self.generator else "llm"
        return replace(answer, text="".join(sentences).strip(), generator=name)

    def remember(
        self, text: str, question: Question, answer: Answer, session_id: str | None
    ) -> Answer:
        """Record an answered turn in the session (a new one when None); stamp the answer."""
        session_id = session_id or new_session_id()
        if answer.status == "answered":
            self.sessions.append(session_id, turn_record(question, answer))
        return replace(answer, question=text, session_id=session_id)
