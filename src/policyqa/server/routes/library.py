"""Owns the read-only views: search, documents and their trees, clauses, tasks, obligations."""

from __future__ import annotations

from dataclasses import asdict
from datetime import UTC, date, datetime
from typing import Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import Response
from starlette.concurrency import run_in_threadpool

from policyqa.compose.cite import short_path
from policyqa.compose.texts import page_suggestions
from policyqa.pipeline import Pipeline
from policyqa.records import (
    TASK_COLUMNS,
    clause_record,
    document_record,
    obligation_record,
    render_rows,
    section_record,
    task_record,
)
from policyqa.server.deps import PipelineDep, rate_limited
from policyqa.server.errors import APIError, error_responses
from policyqa.server.schemas import (
    NOT_BLANK,
    ClauseOut,
    DocumentMetaOut,
    DocumentOut,
    HitOut,
    ObligationOut,
    TaskOut,
)
from policyqa.settings import MAX_QUESTION_CHARS

router = APIRouter(tags=["文件与分工"], dependencies=[Depends(rate_limited)])


def document_meta(pipeline: Pipeline, doc_id: str) -> dict[str, Any]:
    """A document's metadata as the API shows it."""
    document = pipeline.library.document(doc_id)
    return document_record(document, document.path.parent == pipeline.uploads_dir)


def _label(pipeline: PipelineDep, doc_id: str) -> str:
    """A plan as people name it: its short title, else its title."""
    document = pipeline.library.document(doc_id)
    return document.meta.short_title or document.title


@router.get("/v1/search", response_model=list[HitOut], responses=error_responses(422, 429))
async def search(
    pipeline: PipelineDep,
    q: str = Query(
        min_length=1, max_length=MAX_QUESTION_CHARS, pattern=NOT_BLANK, description="检索词"
    ),
    k: int = Query(5, ge=1, le=50),
    doc: list[str] | None = Query(None),
) -> list[dict[str, Any]]:
    """混合检索：融合排名及 BM25、向量各自的排名。"""
    hits = await run_in_threadpool(pipeline.search, q.strip(), k, doc or None)
    return [asdict(h) for h in hits]


@router.get("/v1/suggestions", response_model=list[str], responses=error_responses(429))
async def suggestions(pipeline: PipelineDep) -> list[str]:
    """问答页面的示例问题，由已收录文件生成。"""
    return page_suggestions(pipeline.library)


@router.get("/v1/documents", response_model=list[DocumentMetaOut], responses=error_responses(429))
async def documents(pipeline: PipelineDep) -> list[dict[str, Any]]:
    """已收录的文件及其元数据。"""
    return [document_meta(pipeline, d.id) for d in pipeline.library.documents]


@router.get(
    "/v1/documents/{doc_id}", response_model=DocumentOut, responses=error_responses(404, 429)
)
async def document(doc_id: str, pipeline: PipelineDep) -> dict[str, Any]:
    """一个文件的全文、结构树和元数据。"""
    try:
        tree = pipeline.library.tree(doc_id)
    except KeyError:
        raise APIError(
            404, "document_not_found", f"未找到文件 {doc_id} / No such document"
        ) from None
    return {
        "metadata": document_meta(pipeline, doc_id),
        "text": pipeline.library.document(doc_id).text,
        "tree": [section_record(s) for s in tree.sections],
        # The clauses tasks rest on: paragraph tasks (…/段2) included.
        "clauses": [clause_record(c) for c in pipeline.library.clauses if c.doc_id == doc_id],
        "warnings": list(tree.warnings),
    }


@router.get("/v1/clause", response_model=ClauseOut, responses=error_responses(404, 422, 429))
async def clause(pipeline: PipelineDep, id: str = Query(description="条款 ID")) -> dict[str, Any]:
    """一个条款（用于在侧栏中高亮引文）。"""
    try:
        found = pipeline.library.clause(id)
    except KeyError:
        raise APIError(404, "clause_not_found", f"未找到条款 {id} / No such clause") from None
    record = clause_record(found)
    record["title_of_document"] = pipeline.library.document(found.doc_id).title
    return record


def _date(text: str | None) -> date | None:
    """An ISO date; 422 for one the calendar does not have (2024-02-30)."""
    if text is None:
        return None
    try:
        return date.fromisoformat(text)
    except ValueError:
        raise APIError(
            422,
            "invalid_request",
            f"日期无效 {text} / Invalid date",
            [{"loc": ["query", "due_before"], "msg": "not a calendar date", "type": "date"}],
        ) from None


def _tasks(
    pipeline: PipelineDep, doc: str | None, dept: str | None, due_before: date | None
) -> list[dict[str, Any]]:
    if doc and doc not in {d.id for d in pipeline.library.documents}:
        raise APIError(404, "document_not_found", f"未找到文件 {doc} / No such document")
    tasks = pipeline.library.find_tasks(doc, dept, due_before)
    return [task_record(t, _label(pipeline, t.clause.doc_id)) for t in tasks]


@router.get(
    "/v1/tasks",
    response_model=list[TaskOut],
    responses={
        200: {"content": {"text/csv": {"schema": {"type": "string"}}}},
        **error_responses(404, 422, 429),
    },
)
async def tasks(
    pipeline: PipelineDep,
    doc: str | None = None,
    dept: str | None = Query(None, description="部门，支持简称"),
    due_before: str | None = Query(
        None,
        pattern=r"^\d{4}-\d{2}-\d{2}$",
        json_schema_extra={"format": "date"},
        description="时限早于此日期 YYYY-MM-DD",
    ),
    format: str = Query("json", pattern="^(json|csv)$"),
) -> Any:
    """责任分工表，可按文件、部门、时限筛选；format=csv 导出。"""
    rows = _tasks(pipeline, doc, dept, _date(due_before))
    if format == "json":
        return rows
    csv_text = render_rows(rows, "csv", [("document", "文件"), *TASK_COLUMNS], headers=True)
    # A BOM so that Excel opens the Chinese text correctly.
    return Response(
        "\ufeff" + csv_text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="tasks.csv"'},
    )


@router.get(
    "/v1/obligations", response_model=list[ObligationOut], responses=error_responses(422, 429)
)
async def obligations(
    pipeline: PipelineDep,
    industry: str | None = Query(None, description="行业，如 化工"),
    actor: str | None = Query(None, description="对象，如 企业、药店"),
    doc: str | None = None,
) -> list[dict[str, Any]]:
    """企业等被监管对象的义务；指定行业时也列出不限行业的通用义务。"""
    found = pipeline.library.find_obligations(industry, actor, doc)
    records = []
    for obligation in found:
        record = obligation_record(obligation, _label(pipeline, obligation.doc_id))
        task = pipeline.library.task(obligation.clause_id)
        clause = pipeline.library.clause(obligation.clause_id)
        record["breadcrumb"] = clause.breadcrumb_text
        record["path"] = short_path(clause)
        record["departments"] = list(task.responsibility.departments) if task else []
        records.append(record)
    return records


def _ics_escape(text: str) -> str:
    return text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\n", "\\n")


@router.get(
    "/v1/deadlines.ics",
    response_class=Response,
    responses={
        200: {
            "description": "iCalendar",
            "content": {"text/calendar": {"schema": {"type": "string"}}},
        },
        **error_responses(422, 429),
    },
)
async def deadlines_ics(pipeline: PipelineDep, doc: str | None = None) -> Response:
    """所有有明确日期的时限，导出为日历（.ics）。"""
    stamp = datetime.now(UTC).strftime("%Y%m%dT%H%M%SZ")
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        "PRODID:-//policyqa//deadlines//ZH",
        "CALSCALE:GREGORIAN",
    ]
    for task in pipeline.library.find_tasks(doc):
        for n, deadline in enumerate(task.deadlines):
            if not deadline.date or deadline.recurring:
                continue
            day = deadline.date.replace("-", "")
            label = _label(pipeline, task.clause.doc_id)
            summary = f"{label} {task.clause.title}（{deadline.text}）"
            lines += [
                "BEGIN:VEVENT",
                f"UID:{task.clause.id}#{n}@policyqa",
                f"DTSTAMP:{stamp}",
                f"DTSTART;VALUE=DATE:{day}",
                f"SUMMARY:{_ics_escape(summary)}",
                f"DESCRIPTION:{_ics_escape(deadline.sentence)}",
                "END:VEVENT",
            ]
    lines.append("END:VCALENDAR")
    return Response(
        "\r\n".join(lines) + "\r\n",
        media_type="text/calendar; charset=utf-8",
        headers={"Content-Disposition": 'attachment; filename="deadlines.ics"'},
    )
