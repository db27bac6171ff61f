"""Owns the enterprise checklist: each obligation with its clause, deadline and department."""

from __future__ import annotations

from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, short_label, short_path
from policyqa.compose.context import Context
from policyqa.compose.passages import compose_passage
from policyqa.extract import Obligation
from policyqa.retrieve import Hit
from policyqa.understand import Question

# Duties first, then what authorities will check, then what is only encouraged.
_KIND_ORDER = {"duty": 0, "prohibition": 0, "supervised": 1, "encouraged": 2}
_MAX_ITEMS = 8


def compose_obligation(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """What a regulated party must do, as a numbered checklist."""
    ranked = {h.clause_id: i for i, h in enumerate(hits[:5])}
    found = [o for o in ctx.library.obligations if o.clause_id in ranked]
    if question.actor and question.actor != "企业":
        specific = [o for o in found if question.actor in o.action]
        found = specific or found
    if question.industries:
        found = [
            o for o in found if not o.industries or set(o.industries) & set(question.industries)
        ] or found
    found.sort(key=lambda o: (_KIND_ORDER.get(o.kind, 3), ranked[o.clause_id], o.start))
    found = found[:_MAX_ITEMS]
    if not found:
        return compose_passage(ctx, question, hits, scope)
    out = CitationBuilder(ctx.library)
    lines = ["根据文件，需要做到以下几点："]
    departments: list[str] = []
    for number, obligation in enumerate(found, start=1):
        lines.append(checklist_line(ctx, number, obligation, out, departments))
    clause_ids = list(dict.fromkeys(o.clause_id for o in found))
    facts = Facts(departments=tuple(dict.fromkeys(departments)))
    return answered(question, "\n".join(lines), out, facts, clause_ids)


def checklist_line(
    ctx: Context, number: int, obligation: Obligation, out: CitationBuilder, departments: list[str]
) -> str:
    """One item: the duty, cited, then where it is, its deadline and who is in charge."""
    clause = ctx.library.clause(obligation.clause_id)
    cite = out.cite(clause, obligation.start, obligation.end)
    where = f"{short_label(ctx.library, clause.doc_id)} {short_path(clause)}"
    when = obligation.deadline_text or obligation.deadline
    deadline = f"时限：{when}" if when else "时限：文件未规定"
    task = ctx.library.task(clause.id)
    in_charge = ""
    if task:
        note = out.cite(clause, task.responsibility.start, task.responsibility.end)
        names = [m.name for m in task.responsibility.lead] or list(task.responsibility.departments)
        departments += names
        in_charge = f"；主管部门：{'、'.join(names)}{note}"
    action = obligation.action.rstrip("。；")
    end = "" if action.endswith(("：", ":")) else "。"
    line = f"{number}. {action}{end}{cite}（{where}；{deadline}{in_charge}）"
    return line + _penalty_for(ctx, obligation, out)


def _penalty_for(ctx: Context, obligation: Obligation, out: CitationBuilder) -> str:
    """What breaking a regulation's duty costs, where a 法律责任 article enforces it:
    its sanctions, citing that article."""
    for penalty in ctx.library.penalties:
        if (obligation.clause_id, obligation.start) in penalty.duties:
            clause = ctx.library.clause(penalty.clause_id)
            cite = out.cite(clause, penalty.start, penalty.end)
            how = "" if penalty.linked_by == "cited" else "（按行为推断）"
            sanctions = "，".join(penalty.sanctions)
            return f"违反的后果{how}：{sanctions}（{clause.breadcrumb[-1]}）。{cite}"
    return ""
