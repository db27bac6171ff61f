"""Owns the Pydantic models at the HTTP edge."""

from __future__ import annotations

from typing import Any

from pydantic import BaseModel, ConfigDict, Field, StrictBool

from policyqa.answer import Answer
from policyqa.records import answer_record
from policyqa.settings import MAX_QUESTION_CHARS

# A question must hold something besides blanks: the server strips it before answering.
NOT_BLANK = r"\S"


class AskRequest(BaseModel):
    """A question, optionally in a session; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    question: str = Field(
        min_length=1,
        max_length=MAX_QUESTION_CHARS,
        pattern=NOT_BLANK,
        description=f"中文问题，最多 {MAX_QUESTION_CHARS} 字",
    )
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
    tasks: list[str] = Field(
        default_factory=list,
        description="为整份方案作答时列出的任务条款 (clause ids of the tasks listed)",
    )


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
    """Every error: a stable code, a message in Chinese and English, and for invalid
    requests the fields at fault."""

    code: str
    message: str
    detail: list[dict[str, Any]] | None = None


class ChatMessage(BaseModel):
    """One message of an OpenAI conversation; other fields (name, tool calls) are ignored."""

    role: str
    content: str | list[dict[str, Any]] | None = None


class ChatCompletionRequest(BaseModel):
    """The OpenAI chat-completions request. The fields policyqa uses are declared; the
    others OpenAI clients send (temperature, top_p, stream_options…) are accepted and
    ignored."""

    model_config = ConfigDict(extra="ignore", json_schema_extra={"additionalProperties": True})

    model: str = "policyqa"
    messages: list[ChatMessage] = Field(min_length=1)
    stream: StrictBool = False
    user: str | None = None


class ChatCompletionMessage(BaseModel):
    role: str
    content: str


class ChatCompletionChoice(BaseModel):
    index: int
    finish_reason: str
    message: ChatCompletionMessage


class ChatCompletionUsage(BaseModel):
    prompt_tokens: int
    completion_tokens: int
    total_tokens: int


class ChatCompletionOut(BaseModel):
    """An OpenAI chat completion, with policyqa's citations and status beside it."""

    id: str
    object: str
    created: int
    model: str
    choices: list[ChatCompletionChoice]
    usage: ChatCompletionUsage
    citations: list[CitationOut]
    policyqa: dict[str, Any]


class ModelOut(BaseModel):
    """A model in OpenAI's list format."""

    id: str
    object: str = "model"
    created: int
    owned_by: str


class ModelListOut(BaseModel):
    object: str = "list"
    data: list[ModelOut]


class HitOut(BaseModel):
    """A retrieved clause with each component's rank."""

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
    boosts: list[str]


class MetadataPatch(BaseModel):
    """The fields of an uploaded document a person may set; unknown fields are refused."""

    model_config = ConfigDict(extra="forbid")

    title: str | None = Field(default=None, max_length=200)
    short_title: str | None = Field(default=None, max_length=40)
    issuer: str | None = Field(default=None, max_length=100)
    city: str | None = Field(default=None, max_length=40)
    province: str | None = Field(default=None, max_length=40)
    doc_type: str | None = Field(default=None, max_length=40)
    doc_no: str | None = Field(default=None, max_length=60)
    date: str | None = Field(default=None, pattern=r"^\d{4}-\d{2}-\d{2}$")


class DocumentMetaOut(BaseModel):
    id: str
    file: str
    sha256: str
    title: str
    short_title: str
    issuer: str
    city: str
    province: str
    doc_type: str
    complete: bool
    level: str
    doc_no: str
    date: str
    imprint: str = Field(default="", description="版记：抄送、印发 (kept out of the text)")
    order_no: str = Field(default="", description="令号 (a regulation's order number)")
    effective: str = Field(default="", description="施行日期 (ISO), where the text states it")
    repeals: str = Field(default="", description="同时废止的文件")
    uploaded: bool


class ClauseOut(BaseModel):
    id: str
    doc_id: str
    number: str
    title: str
    breadcrumb: str
    text: str
    start: int
    end: int
    title_of_document: str | None = None


class SectionOut(BaseModel):
    label: str
    heading: str
    level: int
    start: int
    end: int
    clause_id: str | None
    children: list[SectionOut]


class DocumentOut(BaseModel):
    metadata: DocumentMetaOut
    text: str
    tree: list[SectionOut]
    clauses: list[ClauseOut]
    warnings: list[str]


class TaskOut(BaseModel):
    """A row of the responsibility matrix (the fields below, and the notes' detail)."""

    model_config = ConfigDict(extra="allow")

    doc_id: str
    document: str
    clause_id: str
    path: str
    title: str
    breadcrumb: str
    lead: list[str]
    lead_source: str | None
    roles: str
    departments: list[str]
    implementers: list[str]
    deadlines: list[dict[str, Any]]
    targets: list[dict[str, Any]]


class ObligationOut(BaseModel):
    model_config = ConfigDict(extra="allow")

    doc_id: str
    document: str
    clause_id: str
    path: str
    actor: str
    kind: str
    action: str
    industries: list[str]
    deadline: str | None
    deadline_text: str = ""
    breadcrumb: str
    departments: list[str]


class HealthOut(BaseModel):
    status: str


class ReadyOut(BaseModel):
    status: str
    build: str | None
    documents: list[str]
    redis: str | None = Field(default=None, description="ok when POLICYQA_REDIS_URL is set")
    chroma: str | None = Field(default=None, description="ok when POLICYQA_CHROMA_URL is set")


class IngestOut(BaseModel):
    build_id: str
    added: list[str]
    changed: list[str]
    removed: list[str]
    unchanged: list[str]
    skipped: list[str]
    units: int
    embedded: int
    seconds: float


class ChangeOut(BaseModel):
    """A document change that is live."""

    id: str
    action: str
    warnings: list[str]
    ingest: IngestOut


class DeletedOut(BaseModel):
    deleted: str
    ingest: IngestOut
