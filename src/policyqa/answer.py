"""Owns the answer contract: ``Answer``, its ``Citation`` quotes and the ``Facts`` it states.

Composition lives in ``policyqa.compose``; every caller that only needs the contract
imports it from here.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Said when the documents do not answer; the nearest clauses follow it.
NOT_FOUND_TEXT = "文件中未找到相关规定。"
STATUSES = ("answered", "not_found", "out_of_scope")


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: ``quote == document.text[start:end]``."""

    n: int
    doc_id: str
    title: str
    breadcrumb: str
    clause_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Facts:
    """The structured facts an answer states."""

    lead: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    deadlines: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()
    # The task clauses an answer over a whole plan lists (a department's tasks, what is
    # due by a date), so that callers can check or reuse the set.
    tasks: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An answer and everything needed to check it."""

    question: str
    status: str
    text: str
    citations: tuple[Citation, ...] = ()
    facts: Facts = field(default_factory=Facts)
    intent: str = ""
    doc_ids: tuple[str, ...] = ()
    clause_ids: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    generator: str = "extractive"
    session_id: str = ""


class QuestionRejected(ValueError):
    """A question no entry point accepts: empty, or over the length limit.

    Args:
        code: a stable code (``empty_question``, ``question_too_long``).
        message: what to tell the user, in Chinese and English.
    """

    def __init__(self, code: str, message: str) -> None:
        super().__init__(message)
        self.code = code
        self.message = message


def validate_question(text: str, limit: int) -> str:
    """The question stripped; ``QuestionRejected`` when empty or over ``limit`` characters."""
    stripped = text.strip()
    if not stripped:
        raise QuestionRejected("empty_question", "问题不能为空 / The question is empty")
    if len(stripped) > limit:
        raise QuestionRejected(
            "question_too_long",
            f"问题过长，最多 {limit} 字 / The question exceeds {limit} characters",
        )
    return stripped
