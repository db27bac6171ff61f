"""Owns answers about who is responsible: the lead, the departments, local implementers."""

from __future__ import annotations

from collections.abc import Sequence

from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, doc_label, short_path
from policyqa.compose.context import Context
from policyqa.notes import DepartmentMention, Responsibility, unique
from policyqa.retrieve import Hit
from policyqa.tasks import Task
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


def _names(mentions: tuple[DepartmentMention, ...], exclude: Sequence[str] = ()) -> list[str]:
    return list(unique(m.name for m in mentions if m.name not in exclude))


def roles_sentence(note: Responsibility) -> str:
    """Who does what, in the note's own role words: 由A牵头，B按职责分工负责，C参与。"""
    lead = _names(note.lead)
    sharing = _names(note.responsible + note.shared, lead)
    parts = []
    if lead:
        parts.append(f"由{'、'.join(lead)}牵头")
    if sharing:
        verb = "按职责分工负责" if lead or note.shared else "负责"
        parts.append(f"{'' if parts else '由'}{'、'.join(sharing)}{verb}")
    elif lead and note.others_included:
        parts.append("各有关部门单位按职责分工负责")
    guiding = _names(note.guiding, lead)
    if guiding:
        parts.append(f"{'' if parts else '由'}{'、'.join(guiding)}指导")
    by_word: dict[str, list[str]] = {}
    for mention in note.cooperating:
        word = mention.word if mention.word in ("参与", "协助") else "配合"
        by_word.setdefault(word, []).append(mention.name)
    for word, names in by_word.items():
        parts.append(f"{'、'.join(unique(names))}{word}")
    return "，".join(parts) + "。" if parts else ""


def responsibility_lines(
    ctx: Context, task: Task, out: CitationBuilder, lead_question: bool
) -> list[str]:
    """Who leads and who shares the task, and who implements it locally, each cited."""
    clause, note = task.clause, task.responsibility
    notes = task.notes or (note,)
    cites = "".join(out.cite(clause, n.start, n.end) for n in notes)
    head = f"根据{doc_label(ctx.library, clause.doc_id)}{short_path(clause)}："
    line = head + roles_sentence(note).removesuffix("。") + f"。{cites}"
    if lead_question and not note.lead:
        only_responsible = note.responsible and not note.shared and len(notes) == 1
        line += "（该条未另写牵头单位。）" if only_responsible else "（该条未写明牵头单位。）"
    lines = [line]
    if task.lead_rule is not None:
        rule = task.lead_rule
        where = out.cite(ctx.library.clause(rule.clause_id), rule.start, rule.end)
        lines.append(f"牵头单位依据文件规定：“{rule.text}”。{where}")
    if task.implementers:
        source = task.inherited_from
        if source is not None and not note.implementers:
            origin = ctx.library.clause(source.clause_id)
            where = out.cite(origin, source.start, source.end)
        else:
            where = cites
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
    for n, doc in enumerate(ctx.relevance.docs_to_answer(question, hits, scope)):
        task = task_for(ctx, question, groups.get(doc, []))
        if task is None and n == 0:
            # The best-matching document assigns no tasks (a regulation's 第三条 says who
            # supervises): another plan's task is no answer; who is in charge is read
            # from the sentences instead.
            return None
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
