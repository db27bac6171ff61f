"""Plain-dict views of extracted records, shared by the CLI and the HTTP API."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from policyqa.answer import Answer
from policyqa.extract import Obligation, Task
from policyqa.structure import Clause, Section


def task_record(task: Task) -> dict[str, Any]:
    """One row of the responsibility matrix."""
    clause, note = task.clause, task.responsibility
    return {
        "doc_id": clause.doc_id,
        "clause_id": clause.id,
        "number": clause.number,
        "title": clause.title,
        "breadcrumb": clause.breadcrumb_text,
        "lead": [m.name for m in note.lead],
        "responsible": [m.name for m in note.responsible],
        "departments": list(note.departments),
        "cooperating": [m.name for m in note.cooperating],
        "implementers": list(task.implementers),
        "implementers_inherited_from": (
            {
                "clause_id": task.inherited_from.clause_id,
                "text": task.inherited_from.text,
                "start": task.inherited_from.start,
                "end": task.inherited_from.end,
            }
            if task.inherited_from
            else None
        ),
        "others_included": note.others_included,
        "deadlines": [
            {k: v for k, v in asdict(d).items() if k != "sentence"} | {"sentence": d.sentence}
            for d in task.deadlines
        ],
        "targets": [asdict(t) for t in task.targets],
        "note": note.note,
        "note_start": note.start,
        "note_end": note.end,
        "start": clause.start,
        "end": clause.end,
    }


def obligation_record(obligation: Obligation) -> dict[str, Any]:
    """One obligation of a regulated party."""
    return asdict(obligation) | {"industries": list(obligation.industries)}


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
