from __future__ import annotations

from collections import Counter

import pytest

from policyqa.answer import Answer, Facts
from policyqa.eval_report import check_thresholds
from policyqa.evaluate import (
    STRUCTURED_TYPES,
    TWO_PART,
    Scores,
    load_questions,
    run_eval,
    score_tasks,
)
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
    # Questions over a whole plan, with gold task sets, and questions in two parts.
    structured = [r for r in rows if r["type"] in STRUCTURED_TYPES]
    assert len(structured) >= 40 and all(r["tasks"] for r in structured)
    assert types[TWO_PART] >= 15
    for rows_of_kind in (structured, [r for r in rows if r["type"] == TWO_PART]):
        assert {r["split"] for r in rows_of_kind} == {"dev", "test"}
    known = {c.id for c in indexed.library.clauses}
    for row in rows:
        for turn in row.get("turns") or [row]:
            assert set(turn["gold_clauses"]) <= known, row["id"]
        assert set(row.get("tasks", ())) <= known, row["id"]


@pytest.fixture(scope="module")
def report(indexed: Pipeline) -> dict:  # type: ignore[type-arg]
    return run_eval(indexed, load_questions(QUESTIONS), "hybrid")


def test_every_citation_of_every_eval_answer_matches_its_offsets(report: dict) -> None:  # type: ignore[type-arg]
    assert report["metrics"]["citation_validity"] == 1.0


def test_no_eval_answer_names_an_uncited_department_date_or_number(report: dict) -> None:  # type: ignore[type-arg]
    metrics = report["metrics"]
    assert metrics["answers_with_unsupported_claims"] == 0
    assert metrics["claim_support"] == 1.0


def test_structured_and_two_part_questions_are_scored_apart(report: dict) -> None:  # type: ignore[type-arg]
    metrics = report["metrics"]
    assert metrics["structured_questions"] >= 40 and metrics["two_part_questions"] >= 15
    # Retrieval metrics stay over single-clause questions only.
    assert metrics["questions_retrieval"] == sum(
        1
        for r in load_questions(QUESTIONS)
        if r["answerable"] and r["type"] not in (*STRUCTURED_TYPES, TWO_PART)
    )
    assert metrics["structured_exact"] >= 0.95 and metrics["two_part_exact"] >= 0.9


def test_a_task_set_is_scored_by_exact_match_recall_and_precision() -> None:
    scores = Scores()
    gold = {"tasks": ["a/1", "a/2", "a/3"]}
    listed = Answer("q", "answered", "…", facts=Facts(tasks=("a/1", "a/2", "b/9")))
    problems = score_tasks(scores, gold, listed)
    assert problems == ["tasks missing ['a/3']", "tasks not asked for ['b/9']"]
    assert scores.task_recall == [2 / 3] and scores.task_precision == [2 / 3]
    assert (
        score_tasks(
            scores, gold, Answer("q", "answered", "…", facts=Facts(tasks=("a/3", "a/2", "a/1")))
        )
        == []
    )


def test_unanswerable_questions_are_refused(report: dict) -> None:  # type: ignore[type-arg]
    assert report["metrics"]["negative_rejection"] >= 0.9


def test_threshold_check_reports_regressions() -> None:
    metrics = {"hit@5": 0.9, "answers_with_unsupported_claims": 2, "mrr": 0.95}
    failed = check_thresholds(
        metrics, {"hit@5": 0.95, "answers_with_unsupported_claims": 0, "mrr": 0.9}
    )
    assert failed == ["hit@5 = 0.9 < 0.95", "answers_with_unsupported_claims = 2 > 0"]


def test_upload_questions_name_their_documents_and_ids_once() -> None:
    # A report lists failures by id: an id two documents share would blame either.
    rows = load_questions(ROOT / "evals" / "uploads.jsonl")
    assert [i for i, n in Counter(r["id"] for r in rows).items() if n > 1] == []
    assert all((ROOT / r["document"]).is_file() for r in rows)
