"""Owns the LangChain adapters: plug policyqa's retrieval and embeddings into your own chain."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document as LCDocument
from langchain_core.embeddings import Embeddings
from langchain_core.retrievers import BaseRetriever
from pydantic import ConfigDict

from policyqa.embed import Embedder
from policyqa.pipeline import Pipeline


class PolicyQARetriever(BaseRetriever):
    """A LangChain retriever over policyqa's hybrid search; one Document per clause."""

    model_config = ConfigDict(arbitrary_types_allowed=True)

    pipeline: Pipeline
    k: int = 5
    doc_ids: list[str] | None = None
    method: str = "hybrid"

    def _get_relevant_documents(
        self, query: str, *, run_manager: CallbackManagerForRetrieverRun
    ) -> list[LCDocument]:
        hits = self.pipeline.search(query, self.k, self.doc_ids, self.method)
        return [
            LCDocument(
                page_content=hit.text,
                metadata={
                    "clause_id": hit.clause_id,
                    "doc_id": hit.doc_id,
                    "breadcrumb": hit.breadcrumb,
                    "start": hit.start,
                    "end": hit.end,
                    "score": hit.score,
                    "dense_rank": hit.dense_rank,
                    "sparse_rank": hit.sparse_rank,
                },
            )
            for hit in hits
        ]


class PolicyQAEmbeddings(Embeddings):
    """LangChain ``Embeddings`` backed by a policyqa embedder (e5 prefixes applied)."""

    def __init__(self, embedder: Embedder) -> None:
        self.embedder = embedder

    def embed_documents(self, texts: list[str]) -> list[list[float]]:
        return [list(map(float, row)) for row in self.embedder.embed_documents(texts)]

    def embed_query(self, text: str) -> list[float]:
        return [float(x) for x in self.embedder.embed_query(text)]

    def __getstate__(self) -> dict[str, Any]:  # pragma: no cover - models don't pickle
        raise TypeError("PolicyQAEmbeddings holds a loaded model and cannot be pickled")
