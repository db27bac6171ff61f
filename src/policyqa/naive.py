"""Owns the naive baseline: 500/50 character chunks, the same model, Chroma, top chunk."""

from __future__ import annotations

import uuid
from dataclasses import dataclass

from langchain_text_splitters import RecursiveCharacterTextSplitter

from policyqa.dense import ChromaStore
from policyqa.documents import Document
from policyqa.embed import Embedder


@dataclass(frozen=True)
class Chunk:
    """A fixed-size window of a document, with its offsets."""

    id: str
    doc_id: str
    text: str
    start: int
    end: int


class NaiveBaseline:
    """RecursiveCharacterTextSplitter(500, 50) + the same embeddings + an in-memory Chroma.

    Args:
        documents: the corpus.
        embedder: the same embedder policyqa uses, so only the chunking differs.
    """

    def __init__(self, documents: tuple[Document, ...], embedder: Embedder) -> None:
        import chromadb
        from chromadb.config import Settings as ChromaClientSettings

        splitter = RecursiveCharacterTextSplitter(
            chunk_size=500, chunk_overlap=50, add_start_index=True
        )
        self.chunks: dict[str, Chunk] = {}
        for document in documents:
            for n, piece in enumerate(splitter.create_documents([document.text])):
                start = int(piece.metadata["start_index"])
                chunk_id = f"{document.id}#c{n}"
                self.chunks[chunk_id] = Chunk(
                    chunk_id,
                    document.id,
                    piece.page_content,
                    start,
                    start + len(piece.page_content),
                )
        self.embedder = embedder
        client = chromadb.EphemeralClient(settings=ChromaClientSettings(anonymized_telemetry=False))
        # EphemeralClient is shared within a process: a fresh name keeps runs apart.
        self.store = ChromaStore(client, f"naive-{uuid.uuid4().hex[:12]}")
        chunks = list(self.chunks.values())
        self.store.add(
            [c.id for c in chunks],
            embedder.embed_documents([c.text for c in chunks]),
            [c.text for c in chunks],
            [{"doc_id": c.doc_id} for c in chunks],
        )

    def search(self, question: str, k: int = 5) -> list[Chunk]:
        vector = self.embedder.embed_query(question)
        return [self.chunks[i] for i, _ in self.store.query(vector, k)]
