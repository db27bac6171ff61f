"""Owns tasks: a document partitioned into the units its notes govern (numbered items,
or paragraphs with notes of their own), each task's notes as one, and the rules a note
states for the whole document carried forward (pure)."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace
from difflib import SequenceMatcher

from policyqa import rules
from policyqa.departments import DepartmentTable, default_table
from policyqa.extract import Deadline, Target, find_deadlines, find_targets
from policyqa.notes import (
    DepartmentMention,
    Inheritance,
    LeadRule,
    Responsibility,
    find_notes,
    note_spans,
    unique,
)
from policyqa.obligations import (
    Obligation,
    defined_parties,
    find_obligations,
    list_item_obligations,
    sanctions,
    subject_parties,
)
from policyqa.penalties import in_penalty_chapter
from policyqa.structure import Clause, ParsedDocument


@dataclass(frozen=True)
class Task:
    """A clause (or paragraph) with responsibility notes, and what was extracted from it.

    ``responsibility`` is the union of ``notes``; ``lead_rule`` points to the sentence
    that made the first-listed department lead when no note wrote a lead.
    """

    clause: Clause
    responsibility: Responsibility
    deadlines: tuple[Deadline, ...]
    targets: tuple[Target, ...]
    inherited_implementers: tuple[str, ...] = ()
    inherited_from: Inheritance | None = None
    notes: tuple[Responsibility, ...] = ()
    lead_rule: LeadRule | None = None

    @property
    def implementers(self) -> tuple[str, ...]:
        own = tuple(m.name for m in self.responsibility.implementers)
        return unique((*own, *self.inherited_implementers))


def union(notes: Sequence[Responsibility]) -> Responsibility:
    """One task's notes as one: every role's mentions, the span from first to last."""
    if len(notes) == 1:
        return notes[0]
    first, last = notes[0], notes[-1]

    def every(role: str) -> tuple[DepartmentMention, ...]:
        return tuple(m for n in notes for m in n.mentions(role))

    return Responsibility(
        note="；".join(n.note for n in notes),
        start=first.start,
        end=last.end,
        lead=every("lead"),
        responsible=every("responsible"),
        shared=every("shared"),
        guiding=every("guiding"),
        cooperating=every("cooperating"),
        implementers=every("implementers"),
        others_included=any(n.others_included for n in notes),
        inheritance=next((n.inheritance for n in reversed(notes) if n.inheritance), None),
        lead_rule=next((n.lead_rule for n in notes if n.lead_rule), None),
        covers_start=first.covers_start,
        covers_end=last.covers_end,
        named=unique(d for n in notes for d in n.departments),
    )


def with_rule_lead(note: Responsibility, rule: LeadRule) -> Responsibility:
    """The note with its first-listed department as lead, as ``rule`` says."""
    if note.lead:
        return note
    for role in ("responsible", "shared", "guiding", "cooperating"):
        mentions = note.mentions(role)
        if mentions:
            promoted = replace(note, lead=mentions[:1])
            return replace(promoted, **{role: mentions[1:]})  # type: ignore[arg-type]
    return note


@dataclass(frozen=True)
class Extraction:
    """A document as its tasks partition it, and what was extracted.

    ``clauses`` are the parser's clauses, except that a clause whose paragraphs carry
    notes of their own is replaced by one clause per paragraph (``…/段2``).
    """

    clauses: tuple[Clause, ...]
    tasks: tuple[Task, ...]
    obligations: tuple[Obligation, ...]
    warnings: tuple[str, ...] = ()


def _paragraphs(clause: Clause) -> list[tuple[int, int]]:
    """Clause-relative spans of the body's paragraphs (a run-in heading split off)."""
    spans = []
    for match in re.finditer(r"[^\n]+", clause.text):
        start = match.start() + len(match.group()) - len(match.group().lstrip())
        end = match.start() + len(match.group().rstrip())
        if end > start:
            spans.append((start, end))
    if spans and clause.title:
        first_start, first_end = spans[0]
        heading = clause.text[first_start:first_end]
        at = heading.find(clause.title)
        if 0 <= at <= 12:
            body = at + len(clause.title)
            body += 1 if heading[body : body + 1] in ("。", ".") else 0
            rest = heading[body:].strip()
            if rest:
                spans[0] = (first_start + heading.index(rest, body), first_end)
            else:
                spans.pop(0)
    return spans


def paragraph_units(clause: Clause) -> tuple[Clause, ...]:
    """``clause`` itself, or one clause per paragraph when two or more of its paragraphs
    carry notes of their own (a plan whose tasks are unnumbered paragraphs)."""
    spans = _paragraphs(clause)
    noted = [s for s in spans if note_spans(clause.text[s[0] : s[1]])]
    if len(noted) < 2:
        return (clause,)
    units = []
    for n, (start, end) in enumerate(spans, start=1):
        text = clause.text[start:end]
        title = text.split("。", 1)[0].strip() if "。" in text[:60] else f"第{n}段"
        units.append(
            Clause(
                id=f"{clause.id}/段{n}",
                doc_id=clause.doc_id,
                level=clause.level + 1,
                number=f"段{n}",
                title=title,
                path=(*clause.path, f"段{n}"),
                breadcrumb=(*clause.breadcrumb, title),
                text=text,
                start=clause.start + start,
                end=clause.start + end,
            )
        )
    return tuple(units)


def extract_document(
    parsed: ParsedDocument,
    table: DepartmentTable | None = None,
    places: tuple[str, ...] = (),
    level: str = "",
) -> Extraction:
    """Tasks, obligations and the clauses they rest on, with the document's rules carried
    forward: inherited implementers, and the first-listed department as lead."""
    table = table or default_table()
    clauses: list[Clause] = []
    tasks: list[Task] = []
    warnings: list[str] = []
    inheritance: Inheritance | None = None
    lead_rule: LeadRule | None = None
    for parsed_clause in parsed.clauses:
        units = paragraph_units(parsed_clause)
        clauses.extend(units)
        for clause in units:
            notes = find_notes(clause, table, places, level)
            if not notes:
                if len(units) > 1:
                    warnings.append(f"{clause.id}: paragraph has no responsibility note")
                continue
            stated = next((n.lead_rule for n in notes if n.lead_rule), None)
            rule = stated or lead_rule
            by_rule = None
            if rule is not None and not any(n.lead for n in notes):
                first = with_rule_lead(notes[0], rule)
                if first.lead:
                    notes, by_rule = (first, *notes[1:]), rule
            merged = union(notes)
            if not merged.departments and not merged.implementers:
                warnings.append(f"{clause.id}: note names no department: {merged.note}")
            deadlines = find_deadlines(clause)
            tasks.append(
                Task(
                    clause=clause,
                    responsibility=merged,
                    deadlines=deadlines,
                    targets=find_targets(clause, deadlines),
                    inherited_implementers=inheritance.implementers if inheritance else (),
                    inherited_from=inheritance,
                    notes=notes,
                    lead_rule=by_rule,
                )
            )
            inheritance = merged.inheritance or inheritance
            if stated is not None and stated.later:
                lead_rule = stated
    parties = defined_parties(clauses)
    # A thing's duty (报告内容应当包括…) is the party's the rule is written for, where it
    # defines one as its own (本规定所称报告人); a 附则's list of terms names no such party.
    own = defined_parties(clauses, listed=False)
    defined = own[0] if len(own) == 1 else ""
    binding = clauses
    if parsed.profile == "regulation":
        parties += tuple(p for p in subject_parties(clauses) if p not in parties)
        # 法律责任 restates conduct (在夜间进行禁止的…的，由…处…): penalties, not duties;
        # so do the items of a penalty listing conducts (有下列行为之一的，由…处…：（二）…
        # 使用国家禁止使用的药物的), wherever it stands.
        sanctioning = tuple(c.id + "/" for c in clauses if sanctions(c.text))
        # 不得鸣喇叭，但有下列情形之一的除外：（二）为避免…必须鸣喇叭的: the cases excepted.
        excepted = re.compile(rules.data_toml("intents.toml")["items"]["exceptions"])
        excepting = tuple(c.id + "/" for c in clauses if excepted.search(c.text))
        binding = [
            c
            for c in clauses
            if not in_penalty_chapter(c) and not c.id.startswith((*sanctioning, *excepting))
        ]
    regulation = parsed.profile == "regulation"
    obligations = tuple(
        o
        for c in binding
        for o in find_obligations(c, find_deadlines(c), parties, regulation, defined)
    )
    items = list_item_obligations(tuple(clauses), obligations)
    # An item read as a sentence of its own (（二）不得转让…) is its introducer's party's.
    listed = {i.clause_id for i in items}
    obligations = tuple(o for o in obligations if o.clause_id not in listed) + items
    records = merge_attachment_tasks(tasks)
    return Extraction(tuple(clauses), records, obligations, tuple(warnings))


# How alike a body task's title and a table row's must read to be one task by number.
TITLES_ALIKE = 0.6


def _in_attachment(clause: Clause) -> bool:
    parts = clause.id.split("/")
    return len(parts) > 1 and parts[1].startswith("附件")


def _title_key(clause: Clause) -> str:
    return re.sub(r"[\s，,。、；;：:“”\"]", "", clause.title)


def merge_attachment_tasks(tasks: Sequence[Task]) -> tuple[Task, ...]:
    """A task the body writes and an attached task table repeats is one record: the
    body's clause, with both notes. A row matches a body task by title, or by number
    where the titles read alike (the table often shortens them)."""
    body = [t for t in tasks if not _in_attachment(t.clause)]
    rows = [t for t in tasks if _in_attachment(t.clause)]
    if not body or not rows:
        return tuple(tasks)
    by_title = {_title_key(t.clause): t for t in body}
    by_number = {t.clause.number: t for t in body}
    records = {t.clause.id: t for t in body}
    unmatched = []
    for row in rows:
        match = by_title.get(_title_key(row.clause))
        numbered = by_number.get(row.clause.number)
        if match is None and numbered is not None:
            alike = SequenceMatcher(None, _title_key(numbered.clause), _title_key(row.clause))
            match = numbered if alike.ratio() >= TITLES_ALIKE else None
        if match is None:
            unmatched.append(row)
        else:
            records[match.clause.id] = _with_row(records[match.clause.id], row)
    return (*(records[t.clause.id] for t in body), *unmatched)


def _with_row(task: Task, row: Task) -> Task:
    """``task`` with the notes and deadlines of its table row; its own note stays the
    span that quotes it."""
    notes = (*(task.notes or (task.responsibility,)), *(row.notes or (row.responsibility,)))
    whole = union(notes)
    roles = {
        role: tuple({m.name: m for m in whole.mentions(role)}.values())
        for role in ("lead", "responsible", "shared", "guiding", "cooperating", "implementers")
    }
    own = task.responsibility
    responsibility = replace(
        whole,
        note=own.note,
        start=own.start,
        end=own.end,
        **roles,  # type: ignore[arg-type]
    )
    dates = {d.date for d in task.deadlines}
    deadlines = (*task.deadlines, *(d for d in row.deadlines if d.date not in dates))
    return replace(task, responsibility=responsibility, notes=notes, deadlines=deadlines)


def extract_tasks(
    parsed: ParsedDocument,
    table: DepartmentTable | None = None,
    places: tuple[str, ...] = (),
    level: str = "",
) -> tuple[Task, ...]:
    """Every task of a parsed document (see ``extract_document``)."""
    return extract_document(parsed, table, places, level).tasks
