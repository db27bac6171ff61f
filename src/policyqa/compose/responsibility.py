"""Owns answers about who is responsible: the lead, the departments, local implementers."""

from __future__ import annotations

from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, doc_label, short_path
from policyqa.compose.context import Context
from policyqa.extract import Task
from policyqa.retrieve import Hit
from policyqa.understand import Question


def task_for(ctx: Context, question: Question, hits: list[Hit]) -> Task | None:
    """The task among the top hits that best answers a responsibility question."""
    hits = ctx.relevance.rerank(question, hits)
    tasks = [t for h in hits[:4] if (t := ctx.library.task(h.clause_id))]
    if question.intent == "lead":
        with_lead = [t for t in tasks[:3] if t.responsibility.lead]
        if with_lead:
            return with_lead[0]
    if question.departments:
        named = [t for t in tasks if set(question.departments) & set(t.responsibility.departments)]
        if named:
            return named[0]
    return tasks[0] if tasks else None


def responsibility_lines(
    ctx: Context, task: Task, out: CitationBuilder, lead_question: bool
) -> list[str]:
    """Who leads and who shares the task, and who implements it locally, each cited."""
    clause, note = task.clause, task.responsibility
    cite = out.cite(clause, note.start, note.end)
    lead = [m.name for m in note.lead]
    others = [d for d in note.departments if d not in lead]
    head = f"根据{doc_label(ctx.library, clause.doc_id)}{short_path(clause)}："
    if lead and others:
        line = f"{head}由{'、'.join(lead)}牵头，{'、'.join(others)}按职责分工负责。{cite}"
    elif lead:
        line = f"{head}由{'、'.join(lead)}牵头，各有关部门单位按职责分工负责。{cite}"
    elif note.responsible and not note.shared:
        names = "、".join(m.name for m in note.responsible)
        line = f"{head}由{names}负责。{cite}"
        if lead_question:
            line += "（该条未另写牵头单位。）"
    else:
        line = f"{head}由{'、'.join(note.departments)}按职责分工负责。{cite}"
        if lead_question:
            line += "（该条未写明牵头单位。）"
    lines = [line]
    if task.implementers:
        source = task.inherited_from
        if source is not None and not note.implementers:
            origin = ctx.library.clause(source.clause_id)
            where = out.cite(origin, source.start, source.end)
        else:
            where = cite
        lines.append(f"属地落实：{'、'.join(task.implementers)}。{where}")
    return lines


def compose_responsibility(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """Lead and departments questions: one task per plan asked about."""
    out = CitationBuilder(ctx.library)
    lines: list[str] = []
    lead: list[str] = []
    departments: list[str] = []
    clause_ids: list[str] = []
    groups = ctx.relevance.per_doc(hits, scope)
    for doc in ctx.relevance.docs_to_answer(question, hits, scope):
        task = task_for(ctx, question, groups.get(doc, []))
        if task is None:
            continue
        lines += responsibility_lines(ctx, task, out, question.intent == "lead")
        lead += [m.name for m in task.responsibility.lead]
        departments += task.responsibility.departments
        clause_ids.append(task.clause.id)
    if not lines:
        return None
    facts = Facts(tuple(dict.fromkeys(lead)), tuple(dict.fromkeys(departments)))
    return answered(question, "\n".join(lines), out, facts, clause_ids)
