"""Owns hybrid retrieval: BM25 and dense over-fetch, fused by RRF, boosted, grouped by clause."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from policyqa.embed import Embedder
from policyqa.fusion import (
    best_per_group,
    boost,
    keep_firsts,
    preferred_first,
    reciprocal_rank_fusion,
)
from policyqa.index import OpenIndex, Unit
from policyqa.library import Library, detect_regions
from policyqa.segment import Segmenter, curated_terms, expand_query
from policyqa.settings import RetrievalSettings
from policyqa.structure import Clause

METHODS = ("hybrid", "bm25", "dense")
# How far BM25's first unit must lead its second to keep a place among the first three
# whatever the embedding thinks: a rare word of the question (举报, 居民区) found in one
# short article that the embedding reads poorly.
_CLEAR_LEAD = 1.25
_QUOTED = re.compile(r"[“\"「『《]([^”\"」』》]{2,30})[”\"」』》]")


@dataclass(frozen=True)
class Hit:
    """A retrieved clause: the best unit of it, with each component's rank."""

    clause_id: str
    doc_id: str
    unit_id: str
    score: float
    dense_rank: int | None
    sparse_rank: int | None
    text: str
    start: int
    end: int
    breadcrumb: str
    boosts: tuple[str, ...] = field(default=())

    @classmethod
    def of_clause(cls, clause: Clause) -> Hit:
        """A whole clause as a hit: a follow-up pins the clauses of the previous answer."""
        return cls(
            clause_id=clause.id,
            doc_id=clause.doc_id,
            unit_id=clause.id,
            score=1.0,
            dense_rank=None,
            sparse_rank=None,
            text=clause.text,
            start=clause.start,
            end=clause.end,
            breadcrumb=clause.breadcrumb_text,
        )


class Retriever:
    """Searches one open index.

    Args:
        index: the open index.
        embedder: embeds queries (cached).
        segmenter: jieba with the policy dictionary.
        library: the parsed documents, for regions and departments.
        settings: fusion weights, k and over-fetch.
    """

    def __init__(
        self,
        index: OpenIndex,
        embedder: Embedder,
        segmenter: Segmenter,
        library: Library,
        settings: RetrievalSettings,
    ) -> None:
        self.index = index
        self.embedder = embedder
        self.segmenter = segmenter
        self.library = library
        self.settings = settings
        self.group_of = {u.id: u.clause_id for u in index.units.values()}
        self.doc_of = {u.id: u.doc_id for u in index.units.values()}
        self.dept_forms = library.table.surface_forms()
        self.regions = library.region_names()

    def search(
        self,
        question: str,
        k: int = 5,
        doc_ids: Sequence[str] | None = None,
        method: str = "hybrid",
    ) -> list[Hit]:
        """The ``k`` best clauses for ``question``; a named city's plan ranks first."""
        if method not in METHODS:
            raise ValueError(f"unknown method {method!r}; use one of {', '.join(METHODS)}")
        over = max(self.settings.overfetch, k * 4)
        rankings: dict[str, list[str]] = {}
        clear: list[str] = []
        if method in ("hybrid", "bm25"):
            tokens = expand_query(self.segmenter.asked_tokens(question))
            scored = self.index.sparse.search(tokens, over, doc_ids)
            rankings["sparse"] = [u for u, _ in scored]
            if len(scored) > 1 and scored[0][1] >= _CLEAR_LEAD * scored[1][1]:
                clear.append(scored[0][0])
        if method in ("hybrid", "dense"):
            vector = self.embedder.embed_query(question)
            rankings["dense"] = [u for u, _ in self.index.dense.query(vector, over, doc_ids)]
        weights = {"sparse": self.settings.sparse_weight, "dense": self.settings.dense_weight}
        fused = reciprocal_rank_fusion(rankings, weights, self.settings.rrf_k)
        extra, reasons = self._phrase_boosts(question, [f.unit_id for f in fused])
        fused = best_per_group(boost(fused, extra), self.group_of)
        fused = keep_firsts(fused, clear, self.group_of, 2)
        named = detect_regions(question, self.regions)
        if named:
            fused = preferred_first(fused, set(named), self.doc_of)
        return [
            self._hit(f.unit_id, f.score, f.ranks, reasons.get(f.unit_id, ())) for f in fused[:k]
        ]

    def _phrase_boosts(
        self, question: str, unit_ids: list[str]
    ) -> tuple[dict[str, float], dict[str, tuple[str, ...]]]:
        """Exact phrases (a department, a quoted or curated term) found verbatim in a unit."""
        phrases = {m.group(1) for m in _QUOTED.finditer(question)}
        phrases |= {t for t in curated_terms() if len(t) >= 3 and t in question}
        departments = {
            canon for form, canon in self.dept_forms.items() if len(form) >= 3 and form in question
        }
        extra: dict[str, float] = {}
        reasons: dict[str, tuple[str, ...]] = {}
        for unit_id in unit_ids:
            unit = self.index.units[unit_id]
            matched = [p for p in phrases if p in unit.text]
            matched += [d for d in departments if d in unit.departments]
            if matched:
                extra[unit_id] = self.settings.phrase_boost * len(matched)
                reasons[unit_id] = tuple(sorted(matched))
        return extra, reasons

    def _hit(
        self,
        unit_id: str,
        score: float,
        ranks: dict[str, int | None] | object,
        reasons: tuple[str, ...],
    ) -> Hit:
        unit: Unit = self.index.units[unit_id]
        rank_map = ranks if isinstance(ranks, dict) else {}
        return Hit(
            clause_id=unit.clause_id,
            doc_id=unit.doc_id,
            unit_id=unit.id,
            score=score,
            dense_rank=rank_map.get("dense"),
            sparse_rank=rank_map.get("sparse"),
            text=unit.text,
            start=unit.start,
            end=unit.end,
            breadcrumb=unit.breadcrumb,
            boosts=reasons,
        )
