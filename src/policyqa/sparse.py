"""Owns the sparse index: BM25 over jieba tokens (bm25s), saved beside the dense index."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path

import bm25s
import numpy as np


class SparseIndex:
    """A BM25 index over unit ids.

    Args:
        ids: the unit id of each indexed row.
        retriever: the bm25s index.
        doc_ids: the document of each row, for filtering.
    """

    def __init__(self, ids: Sequence[str], retriever: bm25s.BM25, doc_ids: Sequence[str]):
        self.ids = list(ids)
        self.doc_ids = np.asarray(doc_ids)
        self.retriever = retriever

    @classmethod
    def build(
        cls, ids: Sequence[str], tokens: Sequence[list[str]], doc_ids: Sequence[str]
    ) -> SparseIndex:
        retriever = bm25s.BM25()
        # An empty document still needs a token, or bm25s refuses the corpus.
        retriever.index([t or [""] for t in tokens], show_progress=False)
        return cls(ids, retriever, doc_ids)

    def search(
        self, tokens: list[str], limit: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Unit ids by BM25 score, best first; only positive scores."""
        known = [t for t in tokens if t in self.retriever.vocab_dict]
        if not known or not self.ids:
            return []
        mask = None
        if doc_ids:
            mask = np.isin(self.doc_ids, list(doc_ids)).astype(np.float32)
        scores = self.retriever.get_scores(known, weight_mask=mask)
        limit = min(limit, len(scores))
        top = np.argpartition(-scores, limit - 1)[:limit]
        top = top[np.argsort(-scores[top], kind="stable")]
        return [(self.ids[i], float(scores[i])) for i in top if scores[i] > 0]

    def save(self, folder: Path) -> None:
        folder.mkdir(parents=True, exist_ok=True)
        self.retriever.save(str(folder / "bm25"))
        meta = {"ids": self.ids, "doc_ids": self.doc_ids.tolist()}
        (folder / "rows.json").write_text(json.dumps(meta, ensure_ascii=False), "utf-8")

    @classmethod
    def load(cls, folder: Path) -> SparseIndex:
        meta = json.loads((folder / "rows.json").read_text("utf-8"))
        retriever = bm25s.BM25.load(str(folder / "bm25"))
        return cls(meta["ids"], retriever, meta["doc_ids"])
