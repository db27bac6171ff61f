"""Owns the enterprise checklist: each obligation with its clause, deadline and department."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import replace

from policyqa import rules
from policyqa.answer import Answer, Facts
from policyqa.compose.cite import (
    CitationBuilder,
    answered,
    doc_label,
    short_label,
    short_path,
    unclosed,
)
from policyqa.compose.context import Context
from policyqa.compose.passages import compose_passage
from policyqa.obligations import EVERYONE, Obligation, binds
from policyqa.retrieve import Hit
from policyqa.understand import Question

# Duties first, then what authorities will check, then what is only encouraged.
_KIND_ORDER = {"duty": 0, "prohibition": 0, "supervised": 1, "encouraged": 2}
_MAX_ITEMS = 8
# A party's every duty in a regulation: a long regulation gives one party a few dozen.
_MAX_PARTY_ITEMS = 40


def compose_obligation(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """What a regulated party must do, as a numbered checklist."""
    if question.sub_intent == "prohibition":
        return _prohibitions(ctx, question, scope)
    every = _party_duties(ctx, question, scope)
    if every:
        documents = "、".join(dict.fromkeys(doc_label(ctx.library, o.doc_id) for o in every))
        heading = f"根据{documents}，{question.actor}应当做到："
        # Its own duties first; then what binds everyone (禁止…), under a heading that says so.
        own = [o for o in every if o.actor != EVERYONE]
        shared = [o for o in every if o.actor == EVERYONE]
        return _checklist(ctx, question, own or shared, heading, shared if own else [])
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
    found = _with_items(ctx, found[:_MAX_ITEMS])
    if not found:
        return compose_passage(ctx, question, hits, scope)
    return _checklist(ctx, question, found, "根据文件，需要做到以下几点：")


def _with_items(ctx: Context, found: list[Obligation]) -> list[Obligation]:
    """Each duty that introduces items (应当履行下列义务：) followed by them: it says
    nothing alone."""
    listed: list[Obligation] = []
    for obligation in found:
        if obligation in listed:
            continue
        listed.append(obligation)
        if obligation.action.rstrip().endswith(("：", ":")):
            prefix = obligation.clause_id + "/"
            items = [o for o in ctx.library.obligations if o.clause_id.startswith(prefix)]
            listed += [o for o in _in_order(items) if o not in listed]
    return listed


def _prohibitions(ctx: Context, question: Question, scope: list[str]) -> Answer | None:
    """有哪些禁止性规定: every prohibition of the regulations in scope, whoever it binds."""
    found = _in_order(
        o
        for o in ctx.library.obligations
        if o.doc_id in scope
        and ctx.library.is_regulation(o.doc_id)
        and o.kind == "prohibition"
        and (not question.actor or binds(o, question.actor))
    )
    if not found:
        return None
    # 一级保护区内不能做哪些事: those whose sentence, read after its chapeau, names where or
    # what is asked; asked nothing narrower, all of them.
    rest = rules.pattern("prohibitions_asked").sub(" ", question.text)
    if question.actor:
        rest = rest.replace(question.actor, " ")
    concepts = ctx.relevance.concepts(replace(question, text=rest))

    def names_all(o: Obligation) -> bool:
        text = (ctx.library.chapeau(o.clause_id) + o.action).lower()
        return all(any(w in text for w in c) for c in concepts)

    found = [o for o in found if names_all(o)] or found
    documents = "、".join(dict.fromkeys(doc_label(ctx.library, o.doc_id) for o in found))
    return _checklist(ctx, question, found, f"根据{documents}，禁止的行为有：")


def _party_duties(ctx: Context, question: Question, scope: list[str]) -> list[Obligation]:
    """披露主体有哪些义务: every duty the regulations in scope give the party asked about
    (and everyone: 禁止…), in their order, when the question asks nothing narrower."""
    if not question.actor:
        return []
    rest = rules.pattern("obligation").sub("", question.text).replace(question.actor, "")
    rest = rules.pattern("self_intro").sub("", rest)  # 我开了一家娱乐场所，…
    for kind, party in ctx.library.party_kinds.items():
        if party == question.actor:
            rest = rest.replace(kind, "")  # 我开了一家KTV: the party's own kind
    if ctx.relevance.concepts(replace(question, text=rest)):
        return []  # 披露主体要保存哪些记录: a topic, answered by the clauses on it
    return _in_order(
        o
        for o in ctx.library.obligations
        if o.doc_id in scope
        and ctx.library.is_regulation(o.doc_id)
        and binds(o, question.actor)
        and o.kind in ("duty", "prohibition")
    )


def _in_order(obligations: Iterable[Obligation]) -> list[Obligation]:
    """In the order the text gives them (a duty's items after it), at most a few dozen."""
    return sorted(obligations, key=lambda o: (o.doc_id, o.start))[:_MAX_PARTY_ITEMS]


def _checklist(
    ctx: Context,
    question: Question,
    found: list[Obligation],
    heading: str,
    also: list[Obligation] | None = None,
) -> Answer:
    """The numbered checklist of ``found``; ``also``, what binds every party, after it."""
    out = CitationBuilder(ctx.library)
    lines = [heading]
    departments: list[str] = []
    for number, obligation in enumerate(found, start=1):
        lines.append(checklist_line(ctx, number, obligation, out, departments))
    if also:
        lines.append(f"以下规定约束{EVERYONE}，同样适用：")
        for number, obligation in enumerate(also, start=len(found) + 1):
            lines.append(checklist_line(ctx, number, obligation, out, departments))
    found = found + (also or [])
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
    # A prohibition holds at all times: no time limit to report.
    # The time limit is read off the duty's own sentence: cited again, so that the check
    # of every claim against what its sentence cites finds it.
    deadline = (
        f"时限：{when}{cite}"
        if when
        else ""
        if obligation.kind == "prohibition"
        else "时限：文件未规定"
    )
    task = ctx.library.task(clause.id)
    in_charge = ""
    if task:
        note = out.cite(clause, task.responsibility.start, task.responsibility.end)
        names = [m.name for m in task.responsibility.lead] or list(task.responsibility.departments)
        departments += names
        in_charge = f"；主管部门：{'、'.join(names)}{note}"
    action = unclosed(obligation.action)
    end = "" if action.endswith(("：", ":")) else "。"
    details = "；".join(d for d in (where, deadline) if d)
    line = f"{number}. {action}{end}{cite}（{details}{in_charge}）"
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
