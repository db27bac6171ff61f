from __future__ import annotations

from policyqa.fusion import (
    best_per_group,
    boost,
    keep_firsts,
    preferred_first,
    reciprocal_rank_fusion,
)


def test_rrf_rewards_agreement_and_keeps_component_ranks() -> None:
    fused = reciprocal_rank_fusion(
        {"sparse": ["a", "b", "c"], "dense": ["b", "d"]}, {"sparse": 1, "dense": 1}, k=60
    )
    assert fused[0].unit_id == "b"
    assert fused[0].ranks == {"sparse": 2, "dense": 1}
    assert next(f for f in fused if f.unit_id == "d").ranks == {"sparse": None, "dense": 2}
    assert abs(fused[0].score - (1 / 62 + 1 / 61)) < 1e-12


def test_weights_change_the_order() -> None:
    rankings = {"sparse": ["a", "b"], "dense": ["b", "a"]}
    assert reciprocal_rank_fusion(rankings, {"sparse": 2, "dense": 1})[0].unit_id == "a"
    assert reciprocal_rank_fusion(rankings, {"sparse": 1, "dense": 2})[0].unit_id == "b"


def test_boost_groups_and_preference() -> None:
    fused = reciprocal_rank_fusion({"x": ["w1", "c2", "w2", "c3"]}, {})
    boosted = boost(fused, {"c3": 1.0})
    assert boosted[0].unit_id == "c3"
    groups = {"w1": "c1", "w2": "c1", "c2": "c2", "c3": "c3"}
    kept = best_per_group(boosted, groups)
    assert [f.unit_id for f in kept] == ["c3", "w1", "c2"]
    docs = {"c3": "baotou", "w1": "lyg", "c2": "baotou"}
    assert [f.unit_id for f in preferred_first(kept, {"lyg"}, docs)] == ["w1", "c3", "c2"]


def test_a_unit_one_ranker_is_sure_of_keeps_a_place_within_reach() -> None:
    fused = reciprocal_rank_fusion({"sparse": ["a", "b", "c", "d", "e"]}, {})
    groups = {"e#w1": "e"}
    kept = keep_firsts(fused, ["e"], groups, 2)
    assert [f.unit_id for f in kept] == ["a", "b", "e", "c", "d"]
    # Already within reach, or its window is: nothing moves.
    assert keep_firsts(fused, ["b"], groups, 2) == fused
    assert keep_firsts(kept, ["e#w1"], groups, 2) == kept
