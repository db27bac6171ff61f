"""Owns the Pydantic models at the HTTP edge."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, Field

from policyqa.answer import Answer
from policyqa.records import answer_record
from policyqa.settings import MAX_QUESTION_CHARS


class AskRequest(BaseModel):
    """A question, optionally in a session."""

    question: str = Field(description=f"中文问题，最多 {MAX_QUESTION_CHARS} 字")
    session_id: str | None = Field(default=None, max_length=64)


class CitationOut(BaseModel):
    n: int
    doc_id: str
    title: str
    breadcrumb: str
    clause_id: str
    quote: str
    start: int
    end: int


class FactsOut(BaseModel):
    lead: list[str]
    departments: list[str]
    deadlines: list[str]
    targets: list[str]


class AnswerOut(BaseModel):
    """The answer contract, identical to ``policyqa ask --json``."""

    question: str
    status: str
    answer: str
    citations: list[CitationOut]
    facts: FactsOut
    session_id: str

    @classmethod
    def of(cls, answer: Answer) -> AnswerOut:
        return cls.model_validate(answer_record(answer))


class ErrorOut(BaseModel):
    """Every error: a stable code and a message in Chinese and English."""

    code: str
    message: str
    detail: Any = None


class ChatMessage(BaseModel):
    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatCompletionRequest(BaseModel):
    """The OpenAI chat-completions request (the fields policyqa uses)."""

    model: str = "policyqa"
    messages: list[ChatMessage]
    stream: bool = False
    user: str | None = None
