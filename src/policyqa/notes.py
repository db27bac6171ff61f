"""Owns responsibility notes: who leads, is responsible, guides, cooperates and implements
a task, read by one small grammar (``data/roles.toml``) from every （…） note and
责任单位： line of a clause, with the whole-document rules a note may state (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from functools import cache

from policyqa import rules
from policyqa.departments import DepartmentTable, resolve_names
from policyqa.documents import normalize_for_parsing
from policyqa.structure import Clause

# Stands for the parties 等有关部门 leaves unnamed.
_UNNAMED_OTHERS = "有关部门"
ROLES = ("lead", "responsible", "shared", "guiding", "cooperating", "implementers")
# Roles whose parties are departments (implementers are local governments).
DEPARTMENT_ROLES = ROLES[:-1]


def unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class DepartmentMention:
    """A department named in a note: its name, as written, and where."""

    name: str
    surface: str
    start: int
    end: int
    # The verb or label that gave the role (参与, 配合, 牵头单位…), for wording answers.
    word: str = ""


@dataclass(frozen=True)
class Inheritance:
    """A sentence that makes bodies implementers of every later task."""

    clause_id: str
    text: str
    start: int
    end: int
    implementers: tuple[str, ...]


@dataclass(frozen=True)
class LeadRule:
    """A sentence ruling that the first-listed department leads (下同: later tasks too)."""

    clause_id: str
    text: str
    start: int
    end: int
    later: bool


@dataclass(frozen=True)
class Responsibility:
    """The roles one note assigns (or, for a task with several notes, all of them).

    ``covers_start``/``covers_end`` are the sentences the note speaks for; ``named``
    keeps every department in order of first mention across a task's notes.
    """

    note: str
    start: int
    end: int
    lead: tuple[DepartmentMention, ...] = ()
    responsible: tuple[DepartmentMention, ...] = ()
    shared: tuple[DepartmentMention, ...] = ()
    guiding: tuple[DepartmentMention, ...] = ()
    cooperating: tuple[DepartmentMention, ...] = ()
    implementers: tuple[DepartmentMention, ...] = ()
    others_included: bool = False
    inheritance: Inheritance | None = None
    lead_rule: LeadRule | None = None
    covers_start: int = 0
    covers_end: int = 0
    named: tuple[str, ...] = field(default=())

    @property
    def departments(self) -> tuple[str, ...]:
        """Every department named, deduplicated: lead first, or in order of mention."""
        if self.named:
            return self.named
        return unique(m.name for role in DEPARTMENT_ROLES for m in getattr(self, role))

    def mentions(self, role: str) -> tuple[DepartmentMention, ...]:
        return tuple(getattr(self, role))


# ---------------------------------------------------------------- the grammar, as data


@dataclass(frozen=True)
class _Grammar:
    separators: frozenset[str]
    verbs: tuple[tuple[str, str], ...]
    labels: re.Pattern[str]
    label_roles: dict[str, str]
    vague: re.Pattern[str]
    etc: re.Pattern[str]
    inline_lead: re.Pattern[str]
    level_continuation: re.Pattern[str]
    local_government: re.Pattern[str]
    first_listed_leads: re.Pattern[str]
    inherited_implementers: re.Pattern[str]


@cache
def grammar() -> _Grammar:
    """The note grammar of ``data/roles.toml``."""
    data = rules.data_toml("roles.toml")
    verbs = sorted(data["verbs"].items(), key=lambda kv: -len(kv[0]))
    labels = sorted(data["labels"], key=len, reverse=True)
    items, found = data["items"], data["rules"]
    return _Grammar(
        separators=frozenset(data["group_separators"]),
        verbs=tuple(verbs),
        labels=re.compile(r"^\s*(" + "|".join(labels) + r")\s*:\s*"),
        label_roles=dict(data["labels"]),
        vague=re.compile(items["vague"]),
        etc=re.compile(items["etc"]),
        inline_lead=re.compile(items["inline_lead"]),
        level_continuation=re.compile(items["level_continuation"]),
        local_government=re.compile(items["local_government"]),
        first_listed_leads=re.compile(found["first_listed_leads"]),
        inherited_implementers=re.compile(found["inherited_implementers"]),
    )


# ---------------------------------------------------------------- finding notes


def _top_level_brackets(text: str) -> list[tuple[int, int]]:
    """Spans inside each outermost ( … ) of normalised ``text``."""
    spans, depth, opened = [], 0, 0
    for i, char in enumerate(text):
        if char == "(":
            if depth == 0:
                opened = i + 1
            depth += 1
        elif char == ")" and depth:
            depth -= 1
            if depth == 0:
                spans.append((opened, i))
    return spans


def note_spans(text: str) -> list[tuple[int, int]]:
    """Where notes stand in ``text`` (a clause's): bracketed notes, and runs of labelled
    lines (责任单位：…) outside brackets; spans relative to ``text``, in order."""
    normalised = normalize_for_parsing(text)
    g = grammar()
    spans = [s for s in _top_level_brackets(normalised) if _reads_as_note(normalised[s[0] : s[1]])]
    inside = [range(s, e) for s, e in _top_level_brackets(normalised)]
    run: list[tuple[int, int]] = []
    for line in re.finditer(r"[^\n]+", normalised):
        if g.labels.match(line.group()) and not any(line.start() in r for r in inside):
            if run and normalised[run[-1][1] : line.start()].strip() == "":
                run[-1] = (run[-1][0], line.end())
            else:
                run.append((line.start() + _indent(line.group()), line.end()))
    return sorted(spans + [(s, len(normalised[:e].rstrip())) for s, e in run])


def _indent(line: str) -> int:
    return len(line) - len(line.lstrip())


def _reads_as_note(body: str) -> bool:
    """A bracket is a note when one of its groups ends in a role verb or opens with a label."""
    g = grammar()
    for _, _, group in _groups(body):
        if g.labels.match(group) or _verb_at_end(group):
            return True
    return False


def _groups(text: str) -> list[tuple[int, int, str]]:
    """Groups of ``text`` split at separators outside brackets: (start, end, stripped)."""
    g = grammar()
    groups, depth, start = [], 0, 0
    for i, char in enumerate(text + "，"):
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif depth == 0 and (char in g.separators or i == len(text)):
            piece = text[start:i]
            lead = _indent(piece)
            if piece.strip():
                groups.append((start + lead, start + lead + len(piece.strip()), piece.strip()))
            start = i + 1
    return groups


def _verb_at_end(group: str) -> tuple[str, str] | None:
    for verb, role in grammar().verbs:
        if group.endswith(verb):
            return verb, role
    return None


# ---------------------------------------------------------------- reading one note


@dataclass
class _Reading:
    """What a note's groups assign, item by item: (role, name, start, end) in the note."""

    items: list[tuple[str, str, int, int, str]] = field(default_factory=list)
    vague: bool = False


def _items(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Items of ``text[start:end]`` split at 、 outside brackets, 各区、县级市 kept whole,
    由 and 等有关部门 stripped; offsets into ``text``."""
    g = grammar()
    raw: list[tuple[int, int]] = []
    depth, at = 0, start
    for i in range(start, end + 1):
        char = text[i] if i < end else "、"
        if char in "(（":
            depth += 1
        elif char in ")）":
            depth = max(0, depth - 1)
        elif char == "、" and depth == 0:
            raw.append((at, i))
            at = i + 1
    merged: list[tuple[int, int]] = []
    for s, e in raw:
        piece = text[s:e].strip()
        if merged and g.level_continuation.match(piece):
            first = text[merged[-1][0] : merged[-1][1]].strip()
            if first.startswith("各"):
                merged[-1] = (merged[-1][0], e)
                continue
        merged.append((s, e))
    items = []
    for s, e in merged:
        piece = text[s:e]
        s += _indent(piece)
        name = piece.strip()
        if name.startswith("由"):
            name, s = name[1:], s + 1
        etc = bool(g.etc.search(name))
        name = g.etc.sub("", name).strip()
        if name:
            items.append((name, s, s + len(name)))
        if etc:  # 海关总署、商务部等有关部门: the list goes on, unnamed
            items.append((_UNNAMED_OTHERS, e, e))
    return items


def _read(body: str) -> _Reading | None:
    """Assign the items of a note body (rule sentences already blanked) to roles."""
    g = grammar()
    reading = _Reading()
    pending: list[tuple[str, int, int]] = []
    label_role = label_word = ""
    grammatical = False

    def assign(role: str, items: list[tuple[str, int, int]], word: str) -> None:
        for name, s, _ in items:
            if g.vague.match(name):
                reading.vague = True
                continue
            lead = role != "lead" and bool(label_role) and bool(g.inline_lead.search(name))
            clean = g.inline_lead.sub("", name).strip() if lead else name
            final = "lead" if lead else role
            if final != "implementers" and g.local_government.match(clean):
                final = "implementers"
            reading.items.append((final, clean, s, s + len(clean), word))

    for start, end, group in _groups(body):
        label = g.labels.match(group)
        verb = _verb_at_end(group)
        if label:
            grammatical = True
            label_role, label_word = g.label_roles[label.group(1)], label.group(1)
            assign(label_role, pending + _items(body, start + label.end(), end), label_word)
            pending = []
        elif verb:
            grammatical = True
            names = _items(body, start, end - len(verb[0]))
            assign(verb[1], pending + names, verb[0])
            pending = []
        elif label_role:
            assign(label_role, _items(body, start, end), label_word)
        else:
            pending += _items(body, start, end)
    if not grammatical:
        return None
    assign(label_role or "responsible", pending, label_word)
    return reading


def read_note(
    clause: Clause,
    start: int,
    end: int,
    covers: tuple[int, int],
    table: DepartmentTable,
    places: tuple[str, ...],
    level: str,
) -> Responsibility | None:
    """The note at ``clause.text[start:end]``; ``covers`` is the span it speaks for
    (clause-relative); names are resolved for a document of ``level``."""
    g = grammar()
    note = normalize_for_parsing(clause.text[start:end])
    blank = list(note)
    inheritance = None
    inherit = g.inherited_implementers.search(note)
    if inherit:
        who = _items(note, inherit.start("who"), inherit.end("who"))
        inheritance = Inheritance(
            clause.id,
            clause.text[start + inherit.start() : start + inherit.end()],
            clause.start + start + inherit.start(),
            clause.start + start + inherit.end(),
            tuple(
                resolve_names(
                    [clause.text[start + s : start + e] for _, s, e in who], table, places, level
                )
            ),
        )
        blank[inherit.start() :] = " " * (len(note) - inherit.start())
    lead_rule = None
    rule = g.first_listed_leads.search(note)
    if rule:
        lead_rule = LeadRule(
            clause.id,
            clause.text[start + rule.start() : start + rule.end()],
            clause.start + start + rule.start(),
            clause.start + start + rule.end(),
            later="同" in rule.group(),
        )
        blank[rule.start() : rule.end()] = " " * (rule.end() - rule.start())
    reading = _read("".join(blank))
    if reading is None:
        return None
    # Names as the original writes them (its brackets and digits), not as normalised.
    surfaces = [clause.text[start + s : start + e] for _, _, s, e, _ in reading.items]
    names = resolve_names(surfaces, table, places, level)
    roles: dict[str, list[DepartmentMention]] = {role: [] for role in ROLES}
    base = clause.start + start
    for (role, _, s, e, word), surface, name in zip(reading.items, surfaces, names, strict=True):
        roles[role].append(DepartmentMention(name, surface, base + s, base + e, word))
    return Responsibility(
        note=clause.text[start:end],
        start=clause.start + start,
        end=clause.start + end,
        lead=tuple(roles["lead"]),
        responsible=tuple(roles["responsible"]),
        shared=tuple(roles["shared"]),
        guiding=tuple(roles["guiding"]),
        cooperating=tuple(roles["cooperating"]),
        implementers=tuple(roles["implementers"]),
        others_included=reading.vague,
        inheritance=inheritance,
        lead_rule=lead_rule,
        covers_start=clause.start + covers[0],
        covers_end=clause.start + covers[1],
    )


# ---------------------------------------------------------------- the notes of a clause


def find_notes(
    clause: Clause, table: DepartmentTable, places: tuple[str, ...] = (), level: str = ""
) -> tuple[Responsibility, ...]:
    """Every note of ``clause`` in order, each covering the sentences since the last."""
    notes = []
    body_start = _body_start(clause)
    since = body_start
    for start, end in note_spans(clause.text):
        if end <= body_start:
            continue
        opener = start - 1 if start and clause.text[start - 1] in "(（" else start
        covers = (since, _rstrip(clause.text, since, opener))
        note = read_note(clause, start, end, covers, table, places, level)
        if note is not None:
            notes.append(note)
            since = _lstrip(clause.text, end + 1 if opener != start else end)
    return tuple(notes)


def _body_start(clause: Clause) -> int:
    """Where a clause's text starts after its run-in heading (0 when it has none)."""
    if not clause.title:
        return 0
    at = clause.text.find(clause.title)
    if not 0 < at <= 12:  # a heading's number stands before its title; a paragraph's doesn't
        return 0
    after = at + len(clause.title)
    if clause.text[after : after + 1] in ("。", "."):
        after += 1
    return _lstrip(clause.text, after)


def _lstrip(text: str, at: int) -> int:
    while at < len(text) and text[at].isspace():
        at += 1
    return at


def _rstrip(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end
