"""Owns fusion: reciprocal rank fusion and the boosts applied on top of it (pure functions)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass


@dataclass(frozen=True)
class Fused:
    """A unit's fused score and its rank in each input list (None: not retrieved)."""

    unit_id: str
    score: float
    ranks: Mapping[str, int | None]


def reciprocal_rank_fusion(
    rankings: Mapping[str, Sequence[str]], weights: Mapping[str, float], k: int = 60
) -> list[Fused]:
    """Fuse ranked id lists: score = Σ weight / (k + rank), ranks counted from 1."""
    scores: dict[str, float] = {}
    ranks: dict[str, dict[str, int | None]] = {}
    for name, ids in rankings.items():
        weight = weights.get(name, 1.0)
        for rank, unit_id in enumerate(ids, start=1):
            scores[unit_id] = scores.get(unit_id, 0.0) + weight / (k + rank)
            ranks.setdefault(unit_id, dict.fromkeys(rankings))[name] = rank
    fused = [Fused(u, s, ranks[u]) for u, s in scores.items()]
    return sorted(fused, key=lambda f: (-f.score, f.unit_id))


def boost(fused: list[Fused], extra: Mapping[str, float]) -> list[Fused]:
    """Add ``extra[unit_id]`` to scores and re-sort."""
    boosted = [Fused(f.unit_id, f.score + extra.get(f.unit_id, 0.0), f.ranks) for f in fused]
    return sorted(boosted, key=lambda f: (-f.score, f.unit_id))


def best_per_group(fused: list[Fused], group_of: Mapping[str, str]) -> list[Fused]:
    """Keep the best-scored unit of each group (windows of one clause → the clause)."""
    seen: set[str] = set()
    kept = []
    for item in fused:
        group = group_of.get(item.unit_id, item.unit_id)
        if group not in seen:
            seen.add(group)
            kept.append(item)
    return kept


def preferred_first(
    fused: list[Fused], preferred: set[str], group_of: Mapping[str, str]
) -> list[Fused]:
    """Stable partition: units whose group is in ``preferred`` first (a named city's plan)."""
    first = [f for f in fused if group_of.get(f.unit_id) in preferred]
    rest = [f for f in fused if group_of.get(f.unit_id) not in preferred]
    return first + rest


def keep_firsts(
    fused: list[Fused], firsts: Sequence[str], group_of: Mapping[str, str], within: int
) -> list[Fused]:
    """Each of ``firsts`` (a unit one ranker is sure of) moved up to place ``within`` when
    the fusion put its group lower: not buried by the other ranker's indifference."""
    result = list(fused)
    for first in firsts:
        group = group_of.get(first, first)
        at = next(
            (i for i, f in enumerate(result) if group_of.get(f.unit_id, f.unit_id) == group), None
        )
        if at is not None and at > within:
            result.insert(within, result.pop(at))
    return result
