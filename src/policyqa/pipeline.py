"""The one object the CLI, the HTTP API and the WeChat bot drive."""

from __future__ import annotations

import re
import shutil
import threading
from collections.abc import Iterator, Sequence
from dataclasses import replace
from functools import cached_property
from pathlib import Path
from typing import Any

from policyqa.answer import NOT_FOUND_TEXT, Answer, ExtractiveAnswerer
from policyqa.documents import DocumentError, LoadResult, load_corpus, load_file, load_paths
from policyqa.embed import Embedder, make_embedder
from policyqa.generate import Generator, build_prompt, load_prompt, make_generator
from policyqa.grounding import department_names, verify
from policyqa.index import IngestReport, OpenIndex, Progress, ingest, open_index
from policyqa.library import Library, build_library
from policyqa.retrieve import Hit, Retriever, region_names
from policyqa.segment import Segmenter
from policyqa.sessions import SessionStore, SQLiteSessionStore, new_session_id
from policyqa.settings import Settings
from policyqa.understand import Question, is_follow_up, understand, with_previous


def _split_sentences(text: str) -> list[str]:
    """Complete sentences (with their trailing [n] markers) and the unfinished rest."""
    parts = re.split(r"((?:[。！？；]|\n)(?:\[\d+\])*)", text)
    sentences = ["".join(parts[i : i + 2]) for i in range(0, len(parts) - 1, 2)]
    rest = parts[-1]
    # Its [n] marker may still be arriving: hold back a sentence that ends the buffer.
    if sentences and (rest == "" or rest.startswith("[")):
        rest = sentences.pop() + rest
    return [*sentences, rest]


class Pipeline:
    """policyqa's stages wired together from one ``Settings``.

    The document set is the manifest corpus plus files added with ``add_files`` (kept in
    ``<index_dir>/uploads``). ``paths`` replaces that set for ad-hoc commands such as
    ``policyqa tasks FILE``.

    Args:
        settings: the configuration.
        paths: files or folders to use instead of the corpus.
        embedder: an already loaded embedder to use instead of building one.
    """

    def __init__(
        self, settings: Settings, paths: Sequence[Path] = (), embedder: Embedder | None = None
    ) -> None:
        self.settings = settings
        self.paths = tuple(paths)
        if embedder is not None:  # share one loaded model between pipelines (tests, workers)
            self.__dict__["embedder"] = embedder
        self._lock = threading.Lock()
        self._index: OpenIndex | None = None
        self._retriever: Retriever | None = None

    # ------------------------------------------------------------------ documents

    @property
    def uploads_dir(self) -> Path:
        return self.settings.index_dir / "uploads"

    @cached_property
    def loaded(self) -> LoadResult:
        if self.paths:
            return load_paths(self.paths)
        corpus = load_corpus(self.settings.corpus_dir)
        if not self.uploads_dir.is_dir():
            return corpus
        uploads = load_paths([self.uploads_dir])
        known = {d.id for d in corpus.documents}
        clashes = [
            (d.path, f"{d.path}: id {d.id!r} is taken by the corpus")
            for d in uploads.documents
            if d.id in known
        ]
        documents = corpus.documents + tuple(d for d in uploads.documents if d.id not in known)
        return LoadResult(documents, corpus.errors + uploads.errors + tuple(clashes))

    @cached_property
    def library(self) -> Library:
        return build_library(self.loaded.documents)

    def reload_documents(self) -> None:
        """Forget loaded documents so the next use reads them again."""
        for name in (
            "loaded",
            "library",
            "segmenter",
            "answerer",
            "department_names",
            "quote_department_names",
        ):
            self.__dict__.pop(name, None)

    def fork(self) -> Pipeline:
        """A new pipeline over the same settings, sharing the loaded model, Chroma client
        and sessions: changes are made on the fork, then it replaces this one whole."""
        other = Pipeline(self.settings, self.paths)
        for name in ("embedder", "chroma", "sessions"):
            if name in self.__dict__:
                other.__dict__[name] = self.__dict__[name]
        return other

    # ------------------------------------------------------------------ models

    @cached_property
    def segmenter(self) -> Segmenter:
        names = [m.name for t in self.library.tasks for m in t.responsibility.implementers]
        names += [d for t in self.library.tasks for d in t.responsibility.departments]
        return Segmenter(self.library.table, names)

    @cached_property
    def embedder(self) -> Embedder:
        return make_embedder(self.settings.embedding)

    @cached_property
    def chroma(self) -> Any:
        from policyqa.dense import make_chroma_client

        return make_chroma_client(self.settings.chroma.url, self.settings.index_dir)

    # ------------------------------------------------------------------ index

    def ingest(self, rebuild: bool = False, progress: Progress | None = None) -> IngestReport:
        """Index the document set; unchanged documents keep their vectors."""
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
            self._index = None
            self._retriever = None
            return report

    def add_files(self, files: Sequence[Path]) -> list[str]:
        """Copy documents into the uploads folder (validated first); return their ids."""
        documents = [load_file(f) for f in files]  # raises DocumentError before copying
        known = {d.id for d in load_corpus(self.settings.corpus_dir).documents}
        for document in documents:
            if document.id in known:
                raise DocumentError(f"{document.path}: id {document.id!r} is taken by the corpus")
        self.uploads_dir.mkdir(parents=True, exist_ok=True)
        for document in documents:
            shutil.copyfile(document.path, self.uploads_dir / document.path.name)
        self.reload_documents()
        return [d.id for d in documents]

    def remove_document(self, doc_id: str) -> bool:
        """Delete an uploaded document (corpus documents are removed via the manifest)."""
        removed = False
        if self.uploads_dir.is_dir():
            for path in self.uploads_dir.iterdir():
                if path.is_file() and any(
                    d.id == doc_id and d.path == path for d in self.loaded.documents
                ):
                    path.unlink()
                    removed = True
        self.reload_documents()
        return removed

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
                if set(index.manifest["documents"]) != {d.id for d in self.library.documents}:
                    # Another process (a worker, the CLI) changed the document set: read it
                    # again so that every indexed clause is known here.
                    self.reload_documents()
                retriever = Retriever(
                    index, self.embedder, self.segmenter, self.library, self.settings.retrieval
                )
                self._retriever = retriever
        return retriever

    # ------------------------------------------------------------------ answers

    @cached_property
    def sessions(self) -> SessionStore:
        return SQLiteSessionStore(self.settings.index_dir / "sessions.sqlite3")

    @cached_property
    def answerer(self) -> ExtractiveAnswerer:
        return ExtractiveAnswerer(
            self.library, lambda q, k, docs: self.search(q, k, docs), self.segmenter
        )

    def understand(self, text: str, session_id: str | None = None) -> tuple[Question, list[str]]:
        """Read a question, resolving a follow-up against the session's last turn."""
        names = region_names(self.library)
        question = understand(text, names, self.library.table)
        turns = self.sessions.load(session_id) if session_id else []
        if not turns or question.intent == "out_of_scope" or not is_follow_up(text, question):
            return question, []
        last = turns[-1]
        previous = understand(last["text"], names, self.library.table)
        previous = replace(previous, intent=last["intent"], doc_ids=tuple(last["doc_ids"]))
        merged = with_previous(question, previous)
        if question.doc_ids and tuple(question.doc_ids) != previous.doc_ids:
            # 连云港呢？ asks the previous question of another city.
            base = last["text"]
            for doc_id in previous.doc_ids:
                for name in names[doc_id]:
                    base = base.replace(name, "")
            city = self.library.document(question.doc_ids[0]).meta.city
            return replace(merged, text=city + base), []
        return replace(merged, text=f"{last['text']} {text}"), list(last["clause_ids"])

    @cached_property
    def generator(self) -> Generator | None:
        return make_generator(self.settings.llm)

    def ask(self, text: str, session_id: str | None = None) -> Answer:
        """Answer a question, grounded, remembering it in the session.

        The extractive answer comes first; with an LLM configured, the LLM rewrites it
        from the same quotes and the verifier keeps only what those quotes support.
        """
        answer, question = self._extractive(text, session_id)
        if answer.status == "answered" and self.generator is not None:
            answer = self._generated(question.text, answer)
        return self.remember(text, question, answer, session_id)

    def stream(self, text: str, session_id: str | None = None) -> Iterator[dict[str, Any]]:
        """Events for a streamed answer: ``answer`` chunks, one ``final`` answer."""
        answer, question = self._extractive(text, session_id)
        if answer.status == "answered" and self.generator is not None:
            shown: list[str] = []
            for sentence in self._generated_sentences(question.text, answer):
                shown.append(sentence)
                yield {"event": "answer", "data": sentence}
            if shown:
                answer = replace(answer, text="".join(shown).strip(), generator=self.generator.name)
            else:
                yield {"event": "answer", "data": answer.text}
        else:
            for start in range(0, len(answer.text), 24):
                yield {"event": "answer", "data": answer.text[start : start + 24]}
        yield {"event": "final", "data": self.remember(text, question, answer, session_id)}

    def _extractive(self, text: str, session_id: str | None) -> tuple[Answer, Question]:
        _ = self.retriever  # follow a newer build (and its documents) before reading anything
        question, topic = self.understand(text, session_id)
        return self.verified(self.answerer.answer(question, topic)), question

    def _generated(self, question: str, answer: Answer) -> Answer:
        sentences = list(self._generated_sentences(question, answer))
        if not sentences:
            return answer
        assert self.generator is not None
        return replace(answer, text="".join(sentences).strip(), generator=self.generator.name)

    def _generated_sentences(self, question: str, answer: Answer) -> Iterator[str]:
        """Verified sentences of the LLM's answer as they complete; none on any failure."""
        assert self.generator is not None
        prompt = build_prompt(load_prompt(self.settings.prompts_dir), question, answer)
        quotes = {c.n: c.quote for c in answer.citations}
        buffer = ""
        try:
            for piece in self.generator.stream(prompt):
                buffer += piece
                *done, buffer = _split_sentences(buffer)
                for sentence in done:
                    kept = self._supported_sentence(sentence, quotes)
                    if kept:
                        yield kept
        except Exception:  # noqa: BLE001 - any LLM failure falls back to the extractive answer
            return
        kept = self._supported_sentence(buffer, quotes)
        if kept:
            yield kept

    def _supported_sentence(self, sentence: str, quotes: dict[int, str]) -> str:
        if not sentence.strip() or NOT_FOUND_TEXT.rstrip("。") in sentence:
            return ""
        verdict = verify(sentence, quotes, self.department_names, self.quote_department_names)
        # A sentence with nothing checkable and no citation adds nothing we can stand behind.
        if not verdict.ok or (verdict.claims == 0 and "[" not in sentence):
            return ""
        return verdict.text + ("\n" if sentence.endswith("\n") else "")

    def remember(
        self, text: str, question: Question, answer: Answer, session_id: str | None
    ) -> Answer:
        """Record an answered turn in the session (a new one when None); stamp the answer."""
        session_id = session_id or new_session_id()
        if answer.status == "answered":
            turn = {
                "text": question.text,
                "intent": answer.intent,
                "doc_ids": list(answer.doc_ids),
                "clause_ids": list(answer.clause_ids),
            }
            self.sessions.append(session_id, turn)
        return replace(answer, question=text, session_id=session_id)

    def verified(self, answer: Answer) -> Answer:
        """Run the grounding verifier; unsupported sentences are dropped and recorded."""
        quotes = {c.n: c.quote for c in answer.citations}
        verdict = verify(answer.text, quotes, self.department_names, self.quote_department_names)
        if verdict.ok:
            return answer
        dropped = tuple(sentence for sentence, _ in verdict.dropped)
        return replace(answer, text=verdict.text, dropped=dropped)

    @cached_property
    def department_names(self) -> dict[str, str]:
        """Department forms that count as a claim in an answer."""
        return department_names(self.library.table, self._known_bodies())

    @cached_property
    def quote_department_names(self) -> dict[str, str]:
        """Every department form, typos included, for reading quotes."""
        return department_names(self.library.table, self._known_bodies(), claims_only=False)

    def _known_bodies(self) -> list[str]:
        return [
            d for t in self.library.tasks for d in (*t.responsibility.departments, *t.implementers)
        ]

    def search(
        self,
        question: str,
        k: int = 5,
        doc_ids: Sequence[str] | None = None,
        method: str = "hybrid",
    ) -> list[Hit]:
        return self.retriever.search(question, k, doc_ids, method)
