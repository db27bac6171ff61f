"""Owns document structure: a text, read with its genre's numbering profile
(``numbering``), becomes a tree of clauses with offsets."""

from __future__ import annotations

import re
from dataclasses import dataclass, field

from policyqa.documents import normalize_for_parsing
from policyqa.numbering import DEFAULT_PROFILE, NumberingProfile, profile_for
from policyqa.numerals import to_chinese

# Bumped when clause ids or texts change: indexes built before are rebuilt.
PARSER_VERSION = "16"

SENTENCE_END = "。"
# The clause of the text before the first heading (a regulation's header note, a plan's
# preamble).
PREAMBLE = "引言"


@dataclass(frozen=True)
class Clause:
    """A unit of text with its place in the document; ``text == source[start:end]``."""

    id: str
    doc_id: str
    level: int
    number: str
    title: str
    path: tuple[str, ...]
    breadcrumb: tuple[str, ...]
    text: str
    start: int
    end: int

    @property
    def breadcrumb_text(self) -> str:
        return " › ".join(self.breadcrumb)


@dataclass(frozen=True)
class Section:
    """A node of the heading tree; ``clause`` is set when the node carries text."""

    label: str
    heading: str
    level: int
    start: int
    end: int
    children: tuple[Section, ...] = ()
    clause: Clause | None = None


@dataclass(frozen=True)
class ParsedDocument:
    """The tree of a document and its clauses in reading order."""

    doc_id: str
    title: str
    sections: tuple[Section, ...]
    clauses: tuple[Clause, ...]
    warnings: tuple[str, ...] = ()
    # The genre whose numbering it was read with: plan, regulation…
    profile: str = DEFAULT_PROFILE

    def clause(self, clause_id: str) -> Clause:
        for clause in self.clauses:
            if clause.id == clause_id:
                return clause
        raise KeyError(clause_id)


@dataclass(frozen=True)
class _Paragraph:
    start: int
    end: int
    level: int = 0
    label: str = ""
    marker_end: int = 0


@dataclass
class _Node:
    level: int
    label: str
    heading: str
    title: str
    start: int
    end: int
    has_body: bool
    children: list[_Node] = field(default_factory=list)


_HEADING_NUMBER = re.compile(
    r"^(?:第?[一二三四五六七八九十\d]+[、．.部分章]\s*|[（(][一二三四五六七八九十\d]+[）)])"
)


def heading_title(heading: str) -> str:
    """A heading without its number: 三、保障措施 → 保障措施."""
    return _HEADING_NUMBER.sub("", heading).strip()


def doc_id_of(clause_id: str) -> str:
    """The document a clause id belongs to: ids read ``doc/二/（一）/4``."""
    return clause_id.split("/", 1)[0]


# Items run into their article's line (禁止下列行为：（一）…；（二）…；（三）…): each item
# starts after the colon or semicolon that ends the one before; ①… likewise.
_RUN_IN_ITEM = re.compile(r"(?<=[:;：；])\s*(?:\([一二三四五六七八九十]{1,3}\)|[①-⑳])")


def _run_in_parts(normalised: str, start: int, end: int) -> list[tuple[int, int]]:
    """A line's parts: the line itself, or, where it runs two or more items in, the text
    before the first item and each item."""
    items = [
        m.end() - len(m.group().lstrip()) for m in _RUN_IN_ITEM.finditer(normalised, start, end)
    ]
    if len(items) < 2:
        return [(start, end)]
    cuts = [start, *items, end]
    return [(a, b) for a, b in zip(cuts, cuts[1:], strict=False) if normalised[a:b].strip()]


def _paragraphs(normalised: str, profile: NumberingProfile) -> list[_Paragraph]:
    paragraphs: list[_Paragraph] = []
    last: dict[int, str] = {}  # the last number read at each level, for sequels
    for match in re.finditer(r"[^\n]+", normalised):
        line = match.group()
        stripped = line.strip(" ")
        if not stripped:
            continue
        line_start = match.start() + (len(line) - len(line.lstrip(" ")))
        line_end = line_start + len(stripped)
        parts = (
            _run_in_parts(normalised, line_start, line_end)
            if profile.run_in_items
            else [(line_start, line_end)]
        )
        for start, end in parts:
            heading = _match_heading(normalised, start, end, profile, last)
            if heading:
                last[heading.level] = heading.label
            paragraphs.append(heading or _Paragraph(start, end))
    return paragraphs


def _implied_headings(paragraphs: list[_Paragraph], profile: NumberingProfile) -> list[_Paragraph]:
    """Paragraphs read as headings of an implied level: a paragraph that follows headings
    deeper than that level, inside the level above, is the next of its kind (第九条's
    items, then its 第二款), numbered by its place among its parent's paragraphs."""
    implied = [level.depth for level in profile.levels if level.implied]
    if not implied:
        return paragraphs
    depth = implied[0]
    # The level it is a part of (条 of 款), not a note said about that level (【释义】).
    parent = max(level.depth for level in profile.levels if level.depth < depth and not level.aside)
    read: list[_Paragraph] = []
    count, deeper = 0, False  # paragraphs of the current parent so far; items seen
    for para in paragraphs:
        if para.level and para.level < depth:
            count, deeper = (1 if para.level == parent else 0), False
        elif para.level > depth:
            deeper = True
        elif not para.level and count:
            count += 1
            if deeper:
                para = _Paragraph(para.start, para.end, depth, to_chinese(count), para.start)
        read.append(para)
    return read


_CONTENTS = re.compile(r"目\s*录")


def _without_contents(normalised: str, paragraphs: list[_Paragraph]) -> list[_Paragraph]:
    """Without a table of contents (目录, then the chapters' headings, which the body
    repeats): its headings have no text and would stand for the chapters."""
    for at, para in enumerate(paragraphs[:20]):
        if para.level or not _CONTENTS.fullmatch(normalised[para.start : para.end].strip()):
            continue
        listed = paragraphs[at + 1 :]
        first = (listed[0].level, listed[0].label) if listed else None
        for n, heading in enumerate(listed):
            if not heading.level:
                break  # text before the first heading comes again: not a table of contents
            if n and (heading.level, heading.label) == first:
                return paragraphs[:at] + listed[n:]
    return paragraphs


def _match_heading(
    normalised: str, start: int, end: int, profile: NumberingProfile, last: dict[int, str]
) -> _Paragraph | None:
    for level in profile.levels:
        if level.closing and not any(depth > level.depth for depth in last):
            continue  # 附件：… before the body begins lists attachments
        found = level.pattern.match(normalised, start, end)
        if not found and level.sequel is not None:
            found = level.sequel.match(normalised, start, end)
            previous = last.get(level.depth, "")
            if found and not (previous.isdigit() and int(found.group(1)) == int(previous) + 1):
                found = None
        if found:
            marker_end = found.end()
            while marker_end < end and normalised[marker_end] == " ":
                marker_end += 1
            if marker_end == end and not level.bare:
                return None  # a bare number is not a heading
            label = profile.label(level.depth, found.group(1))
            return _Paragraph(start, end, level.depth, label, marker_end)
    return None


def _heading_node(text: str, para: _Paragraph, profile: NumberingProfile) -> _Node:
    if profile.levels[para.level - 1].titled:
        heading_title, run_in = _split_heading(text, para)
    else:  # the words after the number are its body
        heading_title, run_in = "", bool(text[para.marker_end : para.end].strip())
    return _Node(
        level=para.level,
        label=para.label,
        heading=profile.display(para.level, para.label) + heading_title,
        title=heading_title,
        start=para.start,
        end=para.end,
        has_body=run_in,
    )


def _split_heading(original: str, para: _Paragraph) -> tuple[str, bool]:
    """Return the heading title and whether body text follows it in the same paragraph."""
    rest = original[para.marker_end : para.end]
    stop = rest.find(SENTENCE_END)
    if stop == -1:
        return rest.strip(), False
    return rest[:stop].strip(), bool(rest[stop + 1 :].strip())


def parse_document(
    doc_id: str, text: str, title: str = "", profile: NumberingProfile | None = None
) -> ParsedDocument:
    """Parse ``text`` into sections and clauses with offsets into ``text``, reading the
    headings by ``profile`` (the plan profile by default)."""
    profile = profile or profile_for(text, title)
    normalised = normalize_for_parsing(text)
    paragraphs = _without_contents(normalised, _paragraphs(normalised, profile))
    paragraphs = _implied_headings(paragraphs, profile)
    if not any(p.level for p in paragraphs):
        return _parse_by_paragraph(doc_id, text, title, paragraphs, profile)
    # A post's rule or a report's （完） after the last article: what follows is no unit's.
    lines = [(normalised[p.start : p.end], p.level) for p in paragraphs]
    paragraphs = paragraphs[: profile.body_end(lines)]

    doc_title = title
    if paragraphs and not paragraphs[0].level and _looks_like_title(text, paragraphs[0]):
        doc_title = doc_title or text[paragraphs[0].start : paragraphs[0].end].strip()
        read = text[paragraphs[0].start : paragraphs[0].end].strip()
        paragraphs = paragraphs[1:]
        # A title that wraps onto the next line (公文 titles are centred and break).
        while paragraphs and not paragraphs[0].level:
            more = read + text[paragraphs[0].start : paragraphs[0].end].strip()
            if more == read or not doc_title.startswith(more):
                break
            read, paragraphs = more, paragraphs[1:]

    roots: list[_Node] = []
    stack: list[_Node] = []
    preamble: list[_Paragraph] = []
    for para in paragraphs:
        if para.level:
            while stack and stack[-1].level >= para.level:
                stack.pop()
            node = _heading_node(text, para, profile)
            (stack[-1].children if stack else roots).append(node)
            stack.append(node)
        elif stack:
            stack[-1].has_body = True
            for node in stack:
                node.end = para.end
        else:
            preamble.append(para)
        for node in stack:
            node.end = max(node.end, para.end)

    clauses: list[Clause] = []
    sections: list[Section] = []
    if preamble:
        start, end = preamble[0].start, preamble[-1].end
        clause = Clause(
            f"{doc_id}/{PREAMBLE}",
            doc_id,
            0,
            "",
            PREAMBLE,
            (PREAMBLE,),
            (PREAMBLE,),
            text[start:end],
            start,
            end,
        )
        clauses.append(clause)
        sections.append(Section(PREAMBLE, PREAMBLE, 0, start, end, (), clause))
    seen: set[str] = set()
    sections.extend(_freeze(node, doc_id, text, profile, (), (), clauses, seen) for node in roots)
    return ParsedDocument(doc_id, doc_title, tuple(sections), tuple(clauses), (), profile.genre)


def _freeze(
    node: _Node,
    doc_id: str,
    text: str,
    profile: NumberingProfile,
    parent_path: tuple[str, ...],
    parent_crumbs: tuple[str, ...],
    clauses: list[Clause],
    seen: set[str],
) -> Section:
    path = (*parent_path, profile.path(node.level, node.label))
    crumbs = (*parent_crumbs, node.heading)
    clause = None
    # A heading carries text when a body follows it, or when it is a leaf (its title
    # is then all there is to say).
    if node.has_body or not node.children:
        clause_id = "/".join((doc_id, *path))
        while clause_id in seen:  # a document that repeats a number under one parent
            clause_id += "~"
        seen.add(clause_id)
        body_end = node.children[0].start if node.children else node.end
        end = _rstrip_offset(text, node.start, body_end)
        clause = Clause(
            clause_id,
            doc_id,
            node.level,
            node.label,
            node.title,
            path,
            crumbs,
            text[node.start : end],
            node.start,
            end,
        )
        clauses.append(clause)
    children = tuple(
        _freeze(child, doc_id, text, profile, path, crumbs, clauses, seen)
        for child in node.children
    )
    return Section(
        profile.path(node.level, node.label),
        node.heading,
        node.level,
        node.start,
        node.end,
        children,
        clause,
    )


def _rstrip_offset(text: str, start: int, end: int) -> int:
    while end > start and text[end - 1].isspace():
        end -= 1
    return end


def _looks_like_title(text: str, para: _Paragraph) -> bool:
    line = text[para.start : para.end].strip()
    return len(line) <= 60 and SENTENCE_END not in line and not line.startswith(("（", "("))


def _parse_by_paragraph(
    doc_id: str,
    text: str,
    title: str,
    paragraphs: list[_Paragraph],
    profile: NumberingProfile,
) -> ParsedDocument:
    clauses: list[Clause] = []
    sections: list[Section] = []
    for number, para in enumerate(paragraphs, start=1):
        label = f"第{number}段"
        clause = Clause(
            f"{doc_id}/p{number}",
            doc_id,
            0,
            str(number),
            label,
            (f"p{number}",),
            (label,),
            text[para.start : para.end],
            para.start,
            para.end,
        )
        clauses.append(clause)
        sections.append(Section(f"p{number}", label, 0, para.start, para.end, (), clause))
    warning = f"{doc_id}: no known heading numbering ({profile.description}); parsed by paragraph"
    return ParsedDocument(doc_id, title, tuple(sections), tuple(clauses), (warning,))
