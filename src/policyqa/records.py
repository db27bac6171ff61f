"""Owns the plain-dict views of records, and their table, CSV and JSON renderings,
shared by the CLI and the HTTP API."""

from __future__ import annotations

import csv
import io
import json
from dataclasses import asdict
from typing import Any

from policyqa.answer import Answer
from policyqa.compose.cite import short_path
from policyqa.compose.responsibility import roles_sentence
from policyqa.documents import Document
from policyqa.notes import ROLES, Responsibility
from policyqa.obligations import Obligation
from policyqa.structure import Clause, Section
from policyqa.tasks import Task


def _pointer(rule: Any) -> dict[str, Any] | None:
    if rule is None:
        return None
    return {"clause_id": rule.clause_id, "text": rule.text, "start": rule.start, "end": rule.end}


def _note_record(note: Responsibility) -> dict[str, Any]:
    roles = {role: [m.name for m in note.mentions(role)] for role in ROLES}
    return {
        "note": note.note,
        "start": note.start,
        "end": note.end,
        "covers_start": note.covers_start,
        "covers_end": note.covers_end,
        **roles,
    }


def task_record(task: Task, document: str = "") -> dict[str, Any]:
    """One row of the responsibility matrix; ``document`` labels its plan for people."""
    clause, note = task.clause, task.responsibility
    lead = [m.name for m in note.lead]
    lead_source = ("rule" if task.lead_rule else "written") if lead else None
    return {
        "doc_id": clause.doc_id,
        "document": document or clause.doc_id,
        "clause_id": clause.id,
        # The clause as people cite it: 二、（一）4．落实新污染物管控措施.
        "path": short_path(clause),
        "number": clause.number,
        "title": clause.title,
        "breadcrumb": clause.breadcrumb_text,
        "lead": lead,
        # A lead the note wrote, or one the document's first-listed rule made.
        "lead_source": lead_source,
        "lead_rule": _pointer(task.lead_rule),
        "lead_text": "、".join(lead) + ("（列第一位）" if lead_source == "rule" else ""),
        # Who does what, in the notes' own role words: 由A牵头，B参与。
        "roles": roles_sentence(note),
        "responsible": [m.name for m in note.responsible],
        "shared": [m.name for m in note.shared],
        "guiding": [m.name for m in note.guiding],
        "cooperating": [m.name for m in note.cooperating],
        "departments": list(note.departments),
        "implementers": list(task.implementers),
        "implementers_inherited_from": _pointer(task.inherited_from),
        "others_included": note.others_included,
        "deadlines": [
            {k: v for k, v in asdict(d).items() if k != "sentence"} | {"sentence": d.sentence}
            for d in task.deadlines
        ],
        "targets": [asdict(t) for t in task.targets],
        "note": note.note,
        "note_start": note.start,
        "note_end": note.end,
        "notes": [_note_record(n) for n in task.notes or (note,)],
        "start": clause.start,
        "end": clause.end,
    }


def obligation_record(obligation: Obligation, document: str = "") -> dict[str, Any]:
    """One obligation of a regulated party; ``document`` labels its plan for people."""
    return asdict(obligation) | {
        "industries": list(obligation.industries),
        "document": document or obligation.doc_id,
    }


def document_record(document: Document, uploaded: bool) -> dict[str, Any]:
    """A document's metadata: where it came from and what it says of itself."""
    return {
        "id": document.id,
        "file": document.path.name,
        "sha256": document.sha256,
        **asdict(document.meta),
        "title": document.title,
        "uploaded": uploaded,
    }


def clause_record(clause: Clause) -> dict[str, Any]:
    """A clause with its place in the tree."""
    return {
        "id": clause.id,
        "doc_id": clause.doc_id,
        "number": clause.number,
        "title": clause.title,
        "breadcrumb": clause.breadcrumb_text,
        "text": clause.text,
        "start": clause.start,
        "end": clause.end,
    }


def section_record(section: Section) -> dict[str, Any]:
    """A node of the heading tree, recursively."""
    return {
        "label": section.label,
        "heading": section.heading,
        "level": section.level,
        "start": section.start,
        "end": section.end,
        "clause_id": section.clause.id if section.clause else None,
        "children": [section_record(child) for child in section.children],
    }


def answer_record(answer: Answer) -> dict[str, Any]:
    """The answer contract shared by ``policyqa ask --json`` and the HTTP API."""
    return {
        "question": answer.question,
        "status": answer.status,
        "answer": answer.text,
        "citations": [asdict(c) for c in answer.citations],
        "facts": {k: list(v) for k, v in asdict(answer.facts).items()},
        "session_id": answer.session_id,
    }


# The responsibility matrix, as the CLI prints it and the API exports it: (key, header).
TASK_COLUMNS = [
    ("clause_id", "条款"),
    ("title", "任务"),
    ("lead_text", "牵头"),
    ("roles", "分工"),
    ("departments", "责任部门"),
    ("implementers", "落实主体"),
    ("deadlines", "时限"),
    ("targets", "目标"),
]


def render_rows(
    rows: list[dict[str, Any]],
    fmt: str,
    columns: list[tuple[str, str]],
    headers: bool = False,
) -> str:
    """``rows`` as JSON, CSV or a plain ``|`` table of ``columns`` (key, header); CSV
    names its columns by key unless ``headers`` asks for the Chinese headers."""
    if fmt == "json":
        return json.dumps(rows, ensure_ascii=False, indent=2) + "\n"
    flat = [{key: _cell(row[key]) for key, _ in columns} for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([header if headers else key for key, header in columns])
        writer.writerows([row[key] for key, _ in columns] for row in flat)
        return buffer.getvalue()
    lines = [" | ".join(header for _, header in columns)]
    lines += [" | ".join(row[key] for key, _ in columns) for row in flat]
    return "\n".join(lines) + "\n"


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text") or value.get("date") or "")
    return "" if value is None else str(value)
