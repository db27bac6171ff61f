"""Owns ``policyqa eval``: retrieval, answer and grounding metrics on the hand-written eval set."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from policyqa.answer import Answer, Citation, Facts
from policyqa.extract import find_deadlines, find_targets
from policyqa.grounding import claims_in
from policyqa.pipeline import Pipeline
from policyqa.retrieve import METHODS
from policyqa.sessions import SQLiteSessionStore
from policyqa.structure import Clause

# policyqa's retrieval methods, and the baseline a LangChain user would build.
EVAL_METHODS = (*METHODS, "naive")
# Question types answered over a whole plan: scored by the task set they list, not by one
# retrieved clause. Two-part questions are scored as a whole: every part right or not.
STRUCTURED_TYPES = (
    "department_tasks",
    "lead_tasks",
    "implementers",
    "due_window",
    "task_count",
    "outline",
    "department_across",
)
TWO_PART = "two_part"


def scored_by_retrieval(item: dict[str, Any]) -> bool:
    """Single-clause questions: their gold clause is what retrieval must find first."""
    return item["answerable"] and item["type"] not in (*STRUCTURED_TYPES, TWO_PART)


def load_questions(path: Path, split: str | None = None) -> list[dict[str, Any]]:
    """The eval questions of ``split`` (all when None)."""
    rows = [json.loads(line) for line in path.read_text("utf-8").splitlines() if line.strip()]
    return [r for r in rows if split in (None, "all", r["split"])]


@dataclass
class Scores:
    """Running totals for one method."""

    ranks: list[int | None] = field(default_factory=list)
    lead: list[bool] = field(default_factory=list)
    dept_exact: list[bool] = field(default_factory=list)
    dept_f1: list[float] = field(default_factory=list)
    deadline: list[bool] = field(default_factory=list)
    target: list[bool] = field(default_factory=list)
    key_terms: list[float] = field(default_factory=list)
    citations_valid: list[bool] = field(default_factory=list)
    claims: int = 0
    supported: int = 0
    unsupported_answers: list[str] = field(default_factory=list)
    rejected: list[bool] = field(default_factory=list)
    structured_exact: list[bool] = field(default_factory=list)
    task_recall: list[float] = field(default_factory=list)
    task_precision: list[float] = field(default_factory=list)
    two_part_exact: list[bool] = field(default_factory=list)
    article_exact: list[bool] = field(default_factory=list)
    latencies: list[float] = field(default_factory=list)
    failures: list[dict[str, Any]] = field(default_factory=list)


def _mean(values: Sequence[float | bool]) -> float | None:
    return round(sum(values) / len(values), 4) if values else None


def _pct(values: list[float], q: float) -> float | None:
    if not values:
        return None
    ordered = sorted(values)
    return round(ordered[min(len(ordered) - 1, int(q * len(ordered)))] * 1000, 1)


def summarise(scores: Scores) -> dict[str, Any]:
    ranks = scores.ranks
    return {
        "questions_retrieval": len(ranks),
        "hit@1": _mean([r is not None and r <= 1 for r in ranks]),
        "hit@3": _mean([r is not None and r <= 3 for r in ranks]),
        "hit@5": _mean([r is not None and r <= 5 for r in ranks]),
        "mrr": _mean([1 / r if r else 0.0 for r in ranks]),
        "lead_exact": _mean(scores.lead),
        "departments_exact": _mean(scores.dept_exact),
        "departments_f1": _mean(scores.dept_f1),
        "deadline_accuracy": _mean(scores.deadline),
        "target_accuracy": _mean(scores.target),
        "key_term_recall": _mean(scores.key_terms),
        "citation_validity": _mean(scores.citations_valid),
        "claim_support": round(scores.supported / scores.claims, 4) if scores.claims else None,
        "answers_with_unsupported_claims": len(scores.unsupported_answers),
        "unsupported_answer_ids": scores.unsupported_answers,
        "negative_rejection": _mean(scores.rejected),
        "structured_questions": len(scores.structured_exact),
        "structured_exact": _mean(scores.structured_exact),
        "task_recall": _mean(scores.task_recall),
        "task_precision": _mean(scores.task_precision),
        "two_part_questions": len(scores.two_part_exact),
        "two_part_exact": _mean(scores.two_part_exact),
        "article_exact": _mean(scores.article_exact),
        "latency_p50_ms": _pct(scores.latencies, 0.5),
        "latency_p95_ms": _pct(scores.latencies, 0.95),
    }


def _f1(got: Sequence[str], gold: Sequence[str]) -> float:
    g, w = set(got), set(gold)
    if not g and not w:
        return 1.0
    tp = len(g & w)
    if not tp:
        return 0.0
    precision, recall = tp / len(g), tp / len(w)
    return 2 * precision * recall / (precision + recall)


class Evaluator:
    """Runs the eval set through one method and scores it.

    Args:
        pipeline: an indexed pipeline; the evaluator asks a fork of it whose sessions
            are private, so eval turns never land in the service's session store.
        method: hybrid, bm25, dense or naive.
    """

    def __init__(self, pipeline: Pipeline, method: str) -> None:
        self.pipeline = pipeline.fork(
            sessions=SQLiteSessionStore(":memory:"), loaded=pipeline.loaded
        )
        self.method = method
        self.verifier = self.pipeline.verifier
        self.names = self.verifier.names
        self.naive = None
        if method == "naive":
            from policyqa.naive import NaiveBaseline

            self.naive = NaiveBaseline(self.pipeline.library.documents, self.pipeline.embedder)

    def retrieve_rank(self, question: str, gold: Sequence[str]) -> int | None:
        if self.naive is not None:
            library = self.pipeline.library
            spans = [library.clause(c) for c in gold]
            for rank, chunk in enumerate(self.naive.search(question, 10), start=1):
                if any(
                    c.doc_id == chunk.doc_id and chunk.start < c.end and c.start < chunk.end
                    for c in spans
                ):
                    return rank
            return None
        hits = self.pipeline.search(question, 10, None, self.method)
        return next((i for i, h in enumerate(hits, start=1) if h.clause_id in gold), None)

    def ask(self, text: str, session: str | None) -> Answer:
        if self.naive is not None:
            return self._naive_answer(text)
        # One-shot questions are asked outside any session, as a new user would.
        return self.pipeline.ask(text, session, self.method)

    def _naive_answer(self, question_text: str) -> Answer:
        assert self.naive is not None
        chunk = self.naive.search(question_text, 1)[0]
        claims = claims_in(chunk.text, self.names)
        document = self.pipeline.library.document(chunk.doc_id)
        citation = Citation(
            1, chunk.doc_id, document.title, "", chunk.id, chunk.text, chunk.start, chunk.end
        )
        # Read the chunk as generously as our own extractor would read a clause.
        pseudo = Clause(
            chunk.id, chunk.doc_id, 0, "", "", (), (), chunk.text, chunk.start, chunk.end
        )
        facts = Facts(
            departments=tuple(dict.fromkeys(c.value for c in claims if c.kind == "department")),
            deadlines=tuple(d.date for d in find_deadlines(pseudo) if d.date),
            targets=tuple(f"{t.value:g}{t.unit}" for t in find_targets(pseudo)),
        )
        # The chunk is its own quote: every sentence of it cites it.
        lines = [
            re.sub(r"([。；])(?!$)", r"\1[1]", line.strip()) + "[1]"
            for line in chunk.text.splitlines()
            if line.strip()
        ]
        text = "\n".join(lines)
        return Answer(question_text, "answered", text, (citation,), facts, "naive")


def score_answer(
    evaluator: Evaluator,
    scores: Scores,
    item: dict[str, Any],
    gold: dict[str, Any],
    answer: Answer,
    seconds: float,
) -> None:
    """Add one answer's scores; record what failed."""
    scores.latencies.append(seconds)
    problems: list[str] = []
    library = evaluator.pipeline.library
    for citation in answer.citations:
        valid = (
            library.document(citation.doc_id).text[citation.start : citation.end] == citation.quote
        )
        scores.citations_valid.append(valid)
        if not valid:
            problems.append(f"citation {citation.n} does not match its offsets")
    verdict = evaluator.verifier.verify(answer.text, {c.n: c.quote for c in answer.citations})
    scores.claims += verdict.claims
    scores.supported += verdict.supported
    if verdict.dropped or answer.dropped:
        scores.unsupported_answers.append(item["id"])
        problems.append("unsupported claims")
    if not item["answerable"]:
        named = claims_in(answer.text, evaluator.names)
        ok = answer.status in ("not_found", "out_of_scope") and not named
        scores.rejected.append(ok)
        if not ok:
            problems.append(f"should refuse, got {answer.status}")
    elif "tasks" in gold:
        task_problems = score_tasks(scores, gold, answer)
        scores.structured_exact.append(not task_problems)
        problems += task_problems
    elif item["type"] == TWO_PART:
        # Scored apart, so that the single-clause metrics keep their meaning.
        part_problems = score_facts(Scores(), item, gold, answer)
        scores.two_part_exact.append(not part_problems)
        problems += part_problems
    else:
        problems += score_facts(scores, item, gold, answer)
    if problems:
        scores.failures.append(
            {
                "id": item["id"],
                "question": gold["question"],
                "status": answer.status,
                "problems": problems,
                "answer": answer.text[:300],
            }
        )


def score_facts(
    scores: Scores, item: dict[str, Any], gold: dict[str, Any], answer: Answer
) -> list[str]:
    """Score an answerable question's facts and key terms; return what was wrong."""
    problems = []
    facts = answer.facts
    if "lead" in gold:
        ok = set(facts.lead) == set(gold["lead"])
        scores.lead.append(ok)
        if not ok:
            problems.append(f"lead {list(facts.lead)} != {gold['lead']}")
    departments = gold.get("departments")
    if departments is None and "departments_by_doc" in gold:
        departments = [d for names in gold["departments_by_doc"].values() for d in names]
    # Lead questions are scored on the lead; their department list is context.
    if departments is not None and item["type"] != "lead":
        ok = set(facts.departments) == set(departments)
        scores.dept_exact.append(ok)
        scores.dept_f1.append(_f1(facts.departments, departments))
        if not ok:
            problems.append(f"departments {list(facts.departments)} != {departments}")
    problems += _score_article(scores, gold, answer)
    if "deadline" in gold:
        ok = gold["deadline"] in facts.deadlines
        scores.deadline.append(ok)
        if not ok:
            problems.append(f"deadline {list(facts.deadlines)} lacks {gold['deadline']}")
    if "target" in gold:
        want = f"{float(gold['target']['value']):g}{gold['target']['unit']}"
        ok = want in facts.targets
        scores.target.append(ok)
        if not ok:
            problems.append(f"target {list(facts.targets)} lacks {want}")
    problems += _score_key_terms(scores, gold, answer)
    if answer.status != "answered":
        problems.append(f"status {answer.status}")
    return problems


def _score_article(scores: Scores, gold: dict[str, Any], answer: Answer) -> list[str]:
    """Regulations: the answer rests on the right article, scored by its label: the unit
    the first citation quotes is the gold one or inside it (第九条 › 第二款 is 第九条's);
    a gold 项 asks for that 项. A declined answer rests on nothing, though the nearest
    clauses it shows may hold the gold one."""
    if "article" not in gold:
        return []
    cited = answer.citations[0].clause_id if answer.citations else ""
    right = answer.status == "answered" and (
        cited == gold["article"] or cited.startswith(gold["article"] + "/")
    )
    scores.article_exact.append(right)
    return [] if right else [f"article {cited or '-'} != {gold['article']}"]


def score_tasks(scores: Scores, gold: dict[str, Any], answer: Answer) -> list[str]:
    """Score a structured answer by the set of tasks it lists; return what was wrong."""
    got, want = set(answer.facts.tasks), set(gold["tasks"])
    found = got & want
    scores.task_recall.append(len(found) / len(want) if want else float(not got))
    scores.task_precision.append(len(found) / len(got) if got else float(not want))
    problems = []
    if missing := sorted(want - got):
        problems.append(f"tasks missing {missing}")
    if extra := sorted(got - want):
        problems.append(f"tasks not asked for {extra}")
    problems += _score_key_terms(Scores(), gold, answer)
    if answer.status != "answered":
        problems.append(f"status {answer.status}")
    return problems


def _score_key_terms(scores: Scores, gold: dict[str, Any], answer: Answer) -> list[str]:
    if not gold.get("key_terms"):
        return []
    found = [t for t in gold["key_terms"] if t in answer.text]
    scores.key_terms.append(len(found) / len(gold["key_terms"]))
    missing = sorted(set(gold["key_terms"]) - set(found))
    return [f"missing terms {missing}"] if missing else []


def run_eval(
    pipeline: Pipeline,
    questions: list[dict[str, Any]],
    method: str,
    progress: Callable[[int, int], None] | None = None,
) -> dict[str, Any]:
    """Score ``method`` on ``questions``; returns the report."""
    evaluator = Evaluator(pipeline, method)
    scores = Scores()
    for number, item in enumerate(questions, start=1):
        turns = item.get("turns") or [item]
        if scored_by_retrieval(item):
            scores.ranks.append(
                evaluator.retrieve_rank(turns[0]["question"], turns[0]["gold_clauses"])
            )
        session = f"eval-{item['id']}" if len(turns) > 1 else None
        for turn in turns:
            started = time.perf_counter()
            answer = evaluator.ask(turn["question"], session)
            seconds = time.perf_counter() - started
            gold = dict(turn) if len(turns) > 1 else item
            score_answer(evaluator, scores, item, gold, answer, seconds)
        if progress:
            progress(number, len(questions))
    return {
        "method": method,
        "questions": len(questions),
        "metrics": summarise(scores),
        "failures": scores.failures,
    }
