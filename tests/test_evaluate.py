from __future__ import annotations

from collections import Counter

import pytest

from policyqa.evaluate import check_thresholds, load_questions, run_eval
from policyqa.pipeline import Pipeline
from tests.conftest import ROOT

QUESTIONS = ROOT / "evals" / "questions.jsonl"


def test_eval_set_has_the_promised_shape(indexed: Pipeline) -> None:
    rows = load_questions(QUESTIONS)
    assert len(rows) >= 150
    assert len({r["id"] for r in rows}) == len(rows)
    types = Counter(r["type"] for r in rows)
    for kind in (
        "lead",
        "departments",
        "deadline",
        "target",
        "obligation",
        "list",
        "comparison",
        "multi_turn",
        "inventory",
    ):
        assert types[kind] >= 4, kind
    assert sum(not r["answerable"] for r in rows) >= 25
    assert sum(r["paraphrase"] for r in rows) >= 50
    assert {r["split"] for r in rows} == {"dev", "test"}
    known = {c.id for c in indexed.library.clauses}
    for row in rows:
        for turn in row.get("turns") or [row]:
            assert set(turn["gold_clauses"]) <= known, row["id"]


@pytest.fixture(scope="module")
def report(indexed: Pipeline) -> dict:  # type: ignore[type-arg]
    return run_eval(indexed, load_questions(QUESTIONS), "hybrid")


def test_every_citation_of_every_eval_answer_matches_its_offsets(report: dict) -> None:  # type: ignore[type-arg]
    assert report["metrics"]["citation_validity"] == 1.0


def test_no_eval_answer_names_an_uncited_department_date_or_number(report: dict) -> None:  # type: ignore[type-arg]
    metrics = report["metrics"]
    assert metrics["answers_with_unsupported_claims"] == 0
    assert metrics["claim_support"] == 1.0


def test_unanswerable_questions_are_refused(report: dict) -> None:  # type: ignore[type-arg]
    assert report["metrics"]["negative_rejection"] >= 0.9


def test_threshold_check_reports_regressions() -> None:
    metrics = {"hit@5": 0.9, "answers_with_unsupported_claims": 2, "mrr": 0.95}
    failed = check_thresholds(
        metrics, {"hit@5": 0.95, "answers_with_unsupported_claims": 0, "mrr": 0.9}
    )
    assert failed == ["hit@5 = 0.9 < 0.95", "answers_with_unsupported_claims = 2 > 0"]
