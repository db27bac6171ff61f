"""Owns responsibility notes: who leads, who is responsible, who cooperates and who
implements a task, read from its trailing （…） note or its 责任单位： lines (pure)."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass

from policyqa.departments import CITY_PREFIX, DepartmentTable, default_table
from policyqa.documents import normalize_for_parsing
from policyqa.structure import Clause


def _unique(items: Iterable[str]) -> tuple[str, ...]:
    return tuple(dict.fromkeys(items))


@dataclass(frozen=True)
class DepartmentMention:
    """A department named in a note: canonical name, as written, and where."""

    name: str
    surface: str
    start: int
    end: int


@dataclass(frozen=True)
class Inheritance:
    """A sentence that makes bodies implementers of every later task."""

    clause_id: str
    text: str
    start: int
    end: int
    implementers: tuple[str, ...]


@dataclass(frozen=True)
class Responsibility:
    """The roles a task's responsibility note assigns."""

    note: str
    start: int
    end: int
    lead: tuple[DepartmentMention, ...] = ()
    responsible: tuple[DepartmentMention, ...] = ()
    shared: tuple[DepartmentMention, ...] = ()
    cooperating: tuple[DepartmentMention, ...] = ()
    implementers: tuple[DepartmentMention, ...] = ()
    others_included: bool = False
    inheritance: Inheritance | None = None

    @property
    def departments(self) -> tuple[str, ...]:
        """Every department named, canonical and deduplicated, lead first."""
        roles = (self.lead, self.responsible, self.shared, self.cooperating)
        return _unique(m.name for role in roles for m in role)


_ROLE = re.compile(
    r"(按职责分工负责|按职责分工协同推进|按职责负责|负责落实属地责任|负责落实|落实属地责任"
    r"|牵头|负责|配合|参与|落实)(?=[，,。；;]|$)"
)
_ROLE_KIND = {
    "牵头": "lead",
    "负责": "responsible",
    "按职责分工负责": "shared",
    "按职责分工协同推进": "shared",
    "按职责负责": "shared",
    "配合": "cooperating",
    "参与": "cooperating",
    "负责落实": "implementers",
    "负责落实属地责任": "implementers",
    "落实属地责任": "implementers",
    "落实": "implementers",
}
_INHERIT = re.compile(r"以下均[需由]?(?P<who>[^。；]+?)(?:负责)?落实(?:属地责任)?[，,]\s*不再列出")
_TRAILING_NOTE = re.compile(r"\(([^()]*)\)\s*(?=\n|$)")
_LABELLED_NOTE = re.compile(
    r"^\s*(?P<label>牵头单位|责任单位|责任部门|配合单位|参与单位|落实单位)\s*:\s*(?P<names>.+?)\s*$",
    re.M,
)
_LABEL_KIND = {
    "牵头单位": "lead",
    "责任单位": "responsible",
    "责任部门": "responsible",
    "配合单位": "cooperating",
    "参与单位": "cooperating",
    "落实单位": "implementers",
}
_GENERIC = ("各有关部门", "有关部门", "相关部门", "各有关单位", "各相关部门")
_ETC = re.compile(r"等(?:有关|相关)?(?:部门单位|部门|单位)?$")
_ROLE_WORDS = ("牵头", "负责", "配合", "参与", "落实")


def find_responsibility(
    clause: Clause, table: DepartmentTable | None = None, places: tuple[str, ...] = ()
) -> Responsibility | None:
    """The responsibility note of ``clause``: a trailing （…） or a 责任单位： line."""
    table = table or default_table()
    normalised = normalize_for_parsing(clause.text)
    labelled = list(_LABELLED_NOTE.finditer(normalised))
    if labelled:
        return _labelled_note(clause, labelled, table, places)
    notes = [m for m in _TRAILING_NOTE.finditer(normalised) if _has_role(m.group(1))]
    if not notes:
        return None
    match = notes[-1]
    return _parse_note(clause, match.start(1), match.end(1), table, places)


def _has_role(text: str) -> bool:
    return any(word in text for word in _ROLE_WORDS)


def _parse_note(
    clause: Clause, start: int, end: int, table: DepartmentTable, places: tuple[str, ...]
) -> Responsibility:
    note = normalize_for_parsing(clause.text[start:end])
    roles: dict[str, list[DepartmentMention]] = {kind: [] for kind in set(_ROLE_KIND.values())}
    inheritance = None
    inherit = _INHERIT.search(note)
    body_end = len(note)
    if inherit:
        who = _split_names(note, inherit.start("who"), inherit.end("who"))
        inheritance = Inheritance(
            clause.id,
            clause.text[start + inherit.start() : start + inherit.end()],
            clause.start + start + inherit.start(),
            clause.start + start + inherit.end(),
            tuple(table.canonical(name) for name, _, _ in who),
        )
        body_end = inherit.start()
    others = False
    segment_start = 0
    for role in _ROLE.finditer(note, 0, body_end):
        names = _split_names(note, segment_start, role.start())
        mentions, generic = _mentions(clause, start, names, table, places)
        others = others or generic
        roles[_ROLE_KIND[role.group(1)]].extend(mentions)
        segment_start = role.end()
    return Responsibility(
        note=clause.text[start:end],
        start=clause.start + start,
        end=clause.start + end,
        lead=tuple(roles["lead"]),
        responsible=tuple(roles["responsible"]),
        shared=tuple(roles["shared"]),
        cooperating=tuple(roles["cooperating"]),
        implementers=tuple(roles["implementers"]),
        others_included=others,
        inheritance=inheritance,
    )


def _labelled_note(
    clause: Clause,
    lines: list[re.Match[str]],
    table: DepartmentTable,
    places: tuple[str, ...],
) -> Responsibility:
    roles: dict[str, list[DepartmentMention]] = {kind: [] for kind in set(_ROLE_KIND.values())}
    normalised = normalize_for_parsing(clause.text)
    for line in lines:
        kind = _LABEL_KIND[line.group("label")]
        names = _split_names(normalised, line.start("names"), line.end("names"))
        for name, s, _ in names:
            # 责任单位：市生态环境局（牵头）、市工信局 marks the lead inline.
            lead = name.endswith(("(牵头)", "牵头"))
            clean = re.sub(r"\(?牵头\)?$", "", name).strip()
            mentions, _ = _mentions(clause, 0, [(clean, s, s + len(clean))], table, places)
            roles["lead" if lead else kind].extend(mentions)
    first, last = lines[0], lines[-1]
    return Responsibility(
        note=clause.text[first.start() : last.end()].strip(),
        start=clause.start + first.start(),
        end=clause.start + last.end(),
        lead=tuple(roles["lead"]),
        responsible=tuple(roles["responsible"]),
        shared=tuple(roles["shared"]),
        cooperating=tuple(roles["cooperating"]),
        implementers=tuple(roles["implementers"]),
    )


def _split_names(text: str, start: int, end: int) -> list[tuple[str, int, int]]:
    """Split ``text[start:end]`` on 、，; and strip 由 and 等部门单位; keep offsets."""
    names: list[tuple[str, int, int]] = []
    for match in re.finditer(r"[^、，,;；。]+", text[start:end]):
        raw = match.group()
        s = start + match.start() + (len(raw) - len(raw.lstrip()))
        name = raw.strip()
        if name.startswith("由"):
            name, s = name[1:], s + 1
        name = _ETC.sub("", name).strip()
        if name:
            names.append((name, s, s + len(name)))
    return names


def _mentions(
    clause: Clause,
    base: int,
    names: list[tuple[str, int, int]],
    table: DepartmentTable,
    places: tuple[str, ...],
) -> tuple[list[DepartmentMention], bool]:
    """Resolve names to canonical departments, carrying a list's 市 to its short items."""
    mentions: list[DepartmentMention] = []
    generic = False
    carried = ""
    for name, s, e in names:
        if name.startswith(_GENERIC):
            generic = True
            continue
        if table.has_city_prefix(name):
            carried = CITY_PREFIX
        prefix = "" if table.is_complete(name, places) else carried
        surface = clause.text[base + s : base + e]
        mentions.append(
            DepartmentMention(
                table.canonical(name, prefix),
                surface,
                clause.start + base + s,
                clause.start + base + e,
            )
        )
    return mentions, generic
