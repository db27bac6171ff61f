"""Owns the parsed document set: clause trees, extracted records and the regions named."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property

from policyqa import rules
from policyqa.departments import DepartmentTable, default_table
from policyqa.documents import Document
from policyqa.metadata import place_name
from policyqa.notes import ROLES
from policyqa.obligations import Obligation, binds, defined_terms
from policyqa.penalties import AgencyDuty, Penalty, find_agency_duties, find_penalties
from policyqa.structure import PREAMBLE, Clause, ParsedDocument, heading_title, parse_document
from policyqa.tasks import Task, extract_document


@dataclass(frozen=True)
class Library:
    """Everything known about a set of documents, built once and shared read-only."""

    documents: tuple[Document, ...]
    parsed: tuple[ParsedDocument, ...]
    tasks: tuple[Task, ...]
    obligations: tuple[Obligation, ...]
    table: DepartmentTable
    # The clauses the tasks partition the documents into (paragraph tasks included).
    clauses: tuple[Clause, ...] = ()
    extraction_warnings: tuple[str, ...] = ()
    # The 法律责任 articles of regulations, linked to the duties they enforce, and the
    # duties regulations give agencies.
    penalties: tuple[Penalty, ...] = ()
    agency_duties: tuple[AgencyDuty, ...] = ()
    _clause_index: dict[str, Clause] = field(default_factory=dict, compare=False, repr=False)
    _task_index: dict[str, Task] = field(default_factory=dict, compare=False, repr=False)

    def __post_init__(self) -> None:
        if not self.clauses:
            object.__setattr__(self, "clauses", tuple(c for p in self.parsed for c in p.clauses))
        index = {c.id: c for p in self.parsed for c in p.clauses}
        index.update({c.id: c for c in self.clauses})
        object.__setattr__(self, "_clause_index", index)
        object.__setattr__(self, "_task_index", {t.clause.id: t for t in self.tasks})

    def document(self, doc_id: str) -> Document:
        for document in self.documents:
            if document.id == doc_id:
                return document
        raise KeyError(doc_id)

    def tree(self, doc_id: str) -> ParsedDocument:
        for parsed in self.parsed:
            if parsed.doc_id == doc_id:
                return parsed
        raise KeyError(doc_id)

    def clause(self, clause_id: str) -> Clause:
        try:
            return self._clause_index[clause_id]
        except KeyError:
            raise KeyError(clause_id) from None

    def enclosing(self, clause_id: str) -> Clause | None:
        """The clause holding ``clause_id`` as a part (an item's article), if any: a
        chapter is no clause."""
        return self._clause_index.get(clause_id.rsplit("/", 1)[0]) if "/" in clause_id else None

    def whole(self, clause_id: str) -> Clause:
        """The clause a part belongs to (an item's article), or the clause itself."""
        return self.enclosing(clause_id) or self.clause(clause_id)

    def chapeau(self, clause_id: str) -> str:
        """The text of the clause an item belongs to, the sentence that introduces it
        (应当遵守下列规定：); nothing for a clause that is no part of another."""
        whole = self.enclosing(clause_id)
        return whole.text if whole is not None else ""

    def parts(self, clause_id: str) -> tuple[Clause, ...]:
        """The clauses directly under one (an article's items, a 款's items)."""
        return self._parts_index.get(clause_id, ())

    @cached_property
    def _parts_index(self) -> dict[str, tuple[Clause, ...]]:
        index: dict[str, list[Clause]] = {}
        for clause in self.clauses:
            if "/" in clause.id:
                index.setdefault(clause.id.rsplit("/", 1)[0], []).append(clause)
        return {k: tuple(v) for k, v in index.items()}

    def task(self, clause_id: str) -> Task | None:
        return self._task_index.get(clause_id)

    @property
    def warnings(self) -> tuple[str, ...]:
        """What could not be read: unnumbered documents, notes naming nobody, paragraphs
        without a note among paragraphs with notes."""
        parsing = tuple(w for parsed in self.parsed for w in parsed.warnings)
        return parsing + self.extraction_warnings

    def bodies(self) -> tuple[str, ...]:
        """Every department and implementer the tasks name, and every agency a regulation
        charges, as the library writes them."""
        return self._bodies

    @cached_property
    def _bodies(self) -> tuple[str, ...]:  # read on every question: counted once
        named = (n for t in self.tasks for n in (*t.responsibility.departments, *t.implementers))
        # Regulations name agencies generically (县（区）生态环境部门): as they write them.
        agencies = (d.department for d in self.agency_duties)
        return tuple(dict.fromkeys((*named, *agencies)))

    @cached_property
    def party_kinds(self) -> dict[str, str]:
        """The kinds a party's definition lists (娱乐场所，是指…提供KTV、酒吧等…的场所:
        KTV and 酒吧, kinds of 娱乐场所), each with its party: an asker names its own."""
        listing = rules.pattern("kinds_listed")
        kinds: dict[str, str] = {}
        for term, clause_id in self.definitions:
            if term not in self._parties:
                continue
            said = self.clause(clause_id).text.partition(f"所称{term}")[2].split("。", 1)[0]
            for run in listing.finditer(said):
                for kind in run.group("kinds").split("、"):
                    kind = re.split(r"提供|包括|包含|如|的", kind)[-1].strip()
                    if len(kind) >= 2:
                        kinds.setdefault(kind, term)
        return kinds

    def parties(self) -> tuple[str, ...]:
        """The parties the regulations' obligations bind (披露主体, 施工单位)."""
        return self._parties

    @cached_property
    def _parties(self) -> tuple[str, ...]:
        return tuple(
            dict.fromkeys(o.actor for o in self.obligations if self.is_regulation(o.doc_id))
        )

    @cached_property
    def fine_schedules(self) -> dict[str, tuple[Clause, ...]]:
        """The clauses of the attachment each penalty fines by (按照本规定附件所列标准处以
        罚款: 附件's table of amounts), by the penalty's clause id."""
        schedule = re.compile(rules.data_toml("penalties.toml")["schedule"])
        found: dict[str, tuple[Clause, ...]] = {}
        for penalty in self.penalties:
            text = self.document(penalty.doc_id).text[penalty.start : penalty.end]
            cited = schedule.search(text)
            if cited:
                found[penalty.clause_id] = tuple(
                    c
                    for c in self.clauses
                    if c.doc_id == penalty.doc_id
                    and c.breadcrumb
                    and c.breadcrumb[0].startswith(cited.group(1))
                )
        return found

    @cached_property
    def commentary(self) -> frozenset[str]:
        """The clauses of a drafting note published after a draft's articles (起草说明):
        said about the articles, not one of them."""
        return commentary_of(self.clauses)

    @cached_property
    def preambles(self) -> frozenset[str]:
        """The text above each regulation's first article (a 政府令, a 修改决定 quoting the
        articles it rewrites): what the articles answer, it answers only where none can."""
        return frozenset(
            c.id for c in self.clauses if c.path == (PREAMBLE,) and self.is_regulation(c.doc_id)
        )

    @cached_property
    def definitions(self) -> tuple[tuple[str, str], ...]:
        """(term, clause id) of every term a regulation defines (本条例所称…，是指)."""
        return tuple(
            d for p in self.parsed if p.profile == "regulation" for d in defined_terms(p.clauses)
        )

    @cached_property
    def abbreviations(self) -> tuple[tuple[str, str], ...]:
        """(name, clause id) of every name a regulation gives a term it writes out
        (…动力蓄电池（以下简称废旧电池）)."""
        pattern = rules.pattern("abbreviated")
        return tuple(
            (m.group("term"), c.id)
            for p in self.parsed
            if p.profile == "regulation"
            for c in p.clauses
            for m in pattern.finditer(c.text)
        )

    def is_regulation(self, doc_id: str) -> bool:
        """Whether ``doc_id`` was read as a regulation (条例, 办法…), not a plan."""
        return any(p.doc_id == doc_id and p.profile == "regulation" for p in self.parsed)

    def clause_at(self, doc_id: str, start: int, end: int) -> Clause | None:
        """The smallest clause of ``doc_id`` that holds ``[start, end)``."""
        holding = [
            c for c in self.clauses if c.doc_id == doc_id and c.start <= start and end <= c.end
        ]
        return min(holding, key=lambda c: c.end - c.start) if holding else None

    def section_titles(self) -> tuple[str, ...]:
        """The titles of every document's top-level sections (保障措施), numbers left off."""
        titles = (
            heading_title(s.heading)
            for parsed in self.parsed
            for s in parsed.sections
            if s.children
        )
        return tuple(dict.fromkeys(t for t in titles if t))

    def roles_in(self, task: Task, dept: str) -> tuple[str, ...]:
        """The roles ``dept`` (any alias) has in ``task``: lead, responsible, shared,
        guiding, cooperating, implementers (inherited ones included)."""
        key = self.table.key
        wanted = key(self.canonical_department(dept))
        note = task.responsibility
        roles = [r for r in ROLES if any(key(m.name) == wanted for m in note.mentions(r))]
        if "implementers" not in roles and wanted in {key(n) for n in task.implementers}:
            roles.append("implementers")
        return tuple(roles)

    def find_tasks(
        self,
        doc: str | None = None,
        dept: str | None = None,
        due_before: date | None = None,
        role: str | None = None,
    ) -> tuple[Task, ...]:
        """Tasks filtered by document, department (any alias, in ``role`` if given) and
        deadline: one query for the CLI, the API and the chat."""
        found = []
        for task in self.tasks:
            if doc and task.clause.doc_id != doc:
                continue
            if dept:
                roles = self.roles_in(task, dept)
                if not roles or (role and role not in roles):
                    continue
            if due_before and not any(
                d.date and not d.recurring and date.fromisoformat(d.date) < due_before
                for d in task.deadlines
            ):
                continue
            found.append(task)
        return tuple(found)

    def find_obligations(
        self, industry: str | None = None, actor: str | None = None, doc: str | None = None
    ) -> tuple[Obligation, ...]:
        """Obligations naming ``industry`` or no industry at all (they bind everyone), and
        ``actor`` or everyone (a regulation's 禁止… with no subject)."""
        return tuple(
            o
            for o in self.obligations
            if (not doc or o.doc_id == doc)
            and (not actor or actor in o.actor or o.actor in actor or binds(o, actor))
            and (not industry or not o.industries or industry in o.industries)
        )

    def canonical_department(self, name: str) -> str:
        name = name.strip()
        forms: dict[str, str] = self.table.surface_forms()
        return forms.get(name) or self.table.canonical(name)

    def places(self) -> tuple[str, ...]:
        return places_of(self.documents)

    def genres(self) -> dict[str, str]:
        """Genre → document, for each genre (条例, 细则) only one loaded document is of:
        a question may name that document by its genre alone (细则里…)."""
        return self._genres

    @cached_property
    def _genres(self) -> dict[str, str]:
        owners = {
            genre: [d.id for d in self.documents if d.meta.doc_type.endswith(genre)]
            for genre in rules.data_toml("intents.toml")["genres"]["names"]
        }
        return {genre: docs[0] for genre, docs in owners.items() if len(docs) == 1}

    def region_names(self) -> dict[str, tuple[str, ...]]:
        return region_names(self.documents)


def region_names(documents: tuple[Document, ...]) -> dict[str, tuple[str, ...]]:
    """Names that point at each document: its region (包头, 包头市, 内蒙古…), its title and
    its short title (排污许可管理条例 has no region), longest first."""
    names: dict[str, tuple[str, ...]] = {}
    for document in documents:
        city, province = document.meta.city, document.meta.province
        forms = {city, place_name(city), province, place_name(province)}
        forms |= {n for n in (document.meta.title, document.meta.short_title) if len(n) >= 4}
        names[document.id] = tuple(sorted((f for f in forms if len(f) >= 2), key=len, reverse=True))
    return names


def detect_regions(text: str, names: dict[str, tuple[str, ...]]) -> tuple[str, ...]:
    """Document ids whose region ``text`` names, in order of mention."""
    found: list[tuple[int, str]] = []
    for doc_id, forms in names.items():
        positions = [text.find(n) for n in forms if n in text]
        if positions:
            found.append((min(positions), doc_id))
    return tuple(doc_id for _, doc_id in sorted(found))


def places_of(documents: tuple[Document, ...]) -> tuple[str, ...]:
    """City names without 市, which make a department name complete (包头海关)."""
    return tuple(d.meta.city.removesuffix("市") for d in documents if d.meta.city)


def commentary_of(clauses: Iterable[Clause]) -> frozenset[str]:
    """The ids of the clauses in a drafting note (起草说明, ``commentary_part``)."""
    part = rules.pattern("commentary_part")
    return frozenset(c.id for c in clauses if any(map(part.match, c.path)))


def build_library(documents: tuple[Document, ...], table: DepartmentTable | None = None) -> Library:
    """Parse and extract every document."""
    table = table or default_table()
    places = places_of(documents)
    parsed = tuple(parse_document(d.id, d.text, d.meta.title) for d in documents)
    found = [
        extract_document(p, table, places, d.meta.level)
        for p, d in zip(parsed, documents, strict=True)
    ]
    # A drafting note retells the duties (征求意见稿第六条规定，经营单位不得…): the
    # articles set them, and only theirs are records.
    retold = commentary_of(c for p in parsed for c in p.clauses)
    regulations = [(p, e) for p, e in zip(parsed, found, strict=True) if p.profile == "regulation"]
    # Nor are its penalties (政策解读: 问：…会受到什么处罚？答：…处以罚款).
    penalties = tuple(
        x
        for p, e in regulations
        for x in find_penalties(tuple(c for c in p.clauses if c.id not in retold), e.obligations)
    )
    forms = table.surface_forms()
    agency_duties = tuple(
        x
        for p, _ in regulations
        for x in find_agency_duties(p.clauses, forms)
        if x.clause_id not in retold
    )
    return Library(
        documents,
        parsed,
        tuple(t for e in found for t in e.tasks),
        tuple(o for e in found for o in e.obligations if o.clause_id not in retold),
        table,
        tuple(c for e in found for c in e.clauses),
        tuple(w for e in found for w in e.warnings),
        penalties,
        agency_duties,
    )
