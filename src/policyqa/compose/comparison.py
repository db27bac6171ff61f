"""Owns comparisons across plans: one table row per plan, then what they share and differ on."""

from __future__ import annotations

from dataclasses import dataclass, field, replace

from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, short_path, unclosed
from policyqa.compose.context import Context
from policyqa.compose.listing import compare_department_tasks
from policyqa.compose.passages import best_sentences
from policyqa.compose.quantities import compose_deadline
from policyqa.compose.responsibility import task_for
from policyqa.retrieve import Hit
from policyqa.understand import Question

_HEADERS = {"lead": "牵头部门", "departments": "责任部门", "deadline": "时限", "target": "目标"}


@dataclass
class _Table:
    """The rows of a comparison and the facts gathered while writing them."""

    out: CitationBuilder
    rows: list[str] = field(default_factory=list)
    lead: list[str] = field(default_factory=list)
    per_doc: dict[str, list[str]] = field(default_factory=dict)
    dates: list[str] = field(default_factory=list)
    clause_ids: list[str] = field(default_factory=list)


def compose_comparison(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """A table with one row per plan, on what the question compares."""
    if question.sub_intent == "department_tasks":
        return compare_department_tasks(ctx, question, hits, scope)
    docs = list(question.doc_ids) or [d.id for d in ctx.library.documents]
    sub = question.sub_intent or "list"
    table = _Table(CitationBuilder(ctx.library))
    header = [f"| 城市 | 条款 | {_HEADERS.get(sub, '相关规定')} |", "|---|---|---|"]
    for doc in docs:
        doc_hits = ctx.search(question.text, 5, [doc])
        if not doc_hits:
            continue
        city = ctx.library.document(doc).meta.city or doc
        if sub in ("lead", "departments"):
            _responsibility_row(ctx, question, sub, doc, city, doc_hits, table)
        elif sub == "deadline":
            _deadline_row(ctx, question, doc, city, doc_hits, table)
        else:
            _passage_row(ctx, question, doc, city, doc_hits, table)
    if not table.rows:
        return None
    departments = tuple(dict.fromkeys(d for names in table.per_doc.values() for d in names))
    facts = Facts(tuple(dict.fromkeys(table.lead)), departments, tuple(dict.fromkeys(table.dates)))
    text = "\n".join(header + table.rows + _summary(ctx, table))
    return answered(question, text, table.out, facts, table.clause_ids)


def _responsibility_row(
    ctx: Context,
    question: Question,
    sub: str,
    doc: str,
    city: str,
    hits: list[Hit],
    table: _Table,
) -> None:
    task = task_for(ctx, replace(question, intent=sub), hits)
    if task is None:
        return
    note = task.responsibility
    cite = table.out.cite(task.clause, note.start, note.end)
    names = [m.name for m in note.lead] if sub == "lead" and note.lead else list(note.departments)
    table.lead += [m.name for m in note.lead]
    table.per_doc[doc] = list(note.departments)
    table.rows.append(f"| {city} | {short_path(task.clause)} | {'、'.join(names)}{cite} |")
    table.clause_ids.append(task.clause.id)


def _deadline_row(
    ctx: Context, question: Question, doc: str, city: str, hits: list[Hit], table: _Table
) -> None:
    single = compose_deadline(
        ctx, replace(question, intent="deadline", doc_ids=(doc,)), hits, [doc]
    )
    if single is None:
        return
    clause = ctx.library.clause(single.clause_ids[0])
    citation = single.citations[0]
    cite = table.out.cite(clause, citation.start, citation.end)
    quote = unclosed(citation.quote)
    table.rows.append(f"| {city} | {short_path(clause)} | {quote}{cite} |")
    table.dates += single.facts.deadlines
    table.clause_ids.append(clause.id)


def _passage_row(
    ctx: Context, question: Question, doc: str, city: str, hits: list[Hit], table: _Table
) -> None:
    clause = ctx.library.clause(hits[0].clause_id)
    start, end = best_sentences(ctx, question, clause, 1)[0]
    cite = table.out.cite(clause, start, end)
    quote = unclosed(ctx.library.document(doc).text[start:end])
    table.rows.append(f"| {city} | {short_path(clause)} | {quote}{cite} |")
    table.clause_ids.append(clause.id)


def _note_span(ctx: Context, clause_id: str) -> tuple[int, int]:
    task = ctx.library.task(clause_id)
    if task:
        return task.responsibility.start, task.responsibility.end
    clause = ctx.library.clause(clause_id)
    return clause.start, clause.end


def _summary(ctx: Context, table: _Table) -> list[str]:
    """For two plans' departments: those both list, and those only one lists."""
    if len(table.per_doc) != 2:
        return []
    out = table.out
    summary = []
    (a, da), (b, db) = table.per_doc.items()
    common = [d for d in da if d in db]
    if common:
        cites = "".join(
            out.cite(ctx.library.clause(c), *_note_span(ctx, c)) for c in table.clause_ids
        )
        summary.append(f"两地共同的责任部门：{'、'.join(common)}。{cites}")
    for doc, mine, theirs in ((a, da, db), (b, db, da)):
        only = [d for d in mine if d not in theirs]
        if only:
            own = next(c for c in table.clause_ids if c.startswith(doc + "/"))
            city = ctx.library.document(doc).meta.city
            summary.append(
                f"仅{city}列出：{'、'.join(only)}。"
                f"{out.cite(ctx.library.clause(own), *_note_span(ctx, own))}"
            )
    return summary
