"""Owns outline answers: what a part of a document holds, by its headings (a plan's
保障措施, 第三部分; a regulation's 第四章, its articles under their 节)."""

from __future__ import annotations

import re

from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, doc_label
from policyqa.compose.context import Context
from policyqa.compose.listing import cite_heading, numbered_tasks
from policyqa.numerals import to_chinese
from policyqa.retrieve import Hit
from policyqa.structure import Section, heading_title
from policyqa.understand import Question


def _top_section(ctx: Context, doc: str, wanted: str) -> Section | None:
    numbered = [s for s in ctx.library.tree(doc).sections if s.children]
    in_chapter = re.fullmatch(r"#(\d+)章(\d+)节", wanted)
    if in_chapter:  # #3章2节: 第二节 of 第三章
        chapter = _labelled(ctx.library.tree(doc).sections, f"第{to_chinese(int(in_chapter[1]))}章")
        label = f"第{to_chinese(int(in_chapter[2]))}节"
        return _labelled(chapter.children, label) if chapter is not None else None
    if wanted.startswith("#") and wanted.endswith(("章", "编", "节")):
        label = f"第{to_chinese(int(wanted[1:-1]))}{wanted[-1]}"  # #4章: the one so labelled
        return _labelled(ctx.library.tree(doc).sections, label)
    if wanted.startswith("#"):
        n = int(wanted[1:])
        return numbered[n - 1] if 0 < n <= len(numbered) else None
    return next((s for s in numbered if heading_title(s.heading) == wanted), None)


def _labelled(sections: tuple[Section, ...], label: str) -> Section | None:
    """The section labelled ``label`` (第四章) anywhere in the tree: 章 sit under 编."""
    for section in sections:
        if section.label == label and section.children:
            return section
        found = _labelled(section.children, label)
        if found is not None:
            return found
    return None


def _is_grouping(section: Section) -> bool:
    """A heading that only groups articles (第一节 年度报告): no text, articles under it."""
    return (
        section.clause is None
        and bool(section.children)
        and all(c.clause is not None and not c.clause.title for c in section.children)
    )


def _outline_item(
    ctx: Context, doc: str, item: Section, out: CitationBuilder
) -> tuple[str, list[str]]:
    """One heading of a part: its citation, and the clauses it stands for (its own clause,
    or the tasks under a heading that carries no text)."""
    if item.clause is not None:
        cite = cite_heading(ctx, item.clause, out)
        if not item.clause.title:  # an article: quote its first sentence
            first = out.citations[-1].quote.removeprefix(item.heading).strip()
            # Quoted, so that a sentence holding ；(…责令限期改正；逾期不改正的，处…) is read
            # whole with its citation, not cut from it.
            cite = f"：“{first}”{cite}"
            if first.endswith(("：", ":")):  # 应当履行下列义务：, then what they are
                prefix = item.clause.id + "/"
                parts = [c for c in ctx.library.clauses if c.id.startswith(prefix)]
                cite += "".join(f"{c.text.strip()}{out.cite(c, c.start, c.end)}" for c in parts)
        return cite, [item.clause.id]
    tasks = numbered_tasks(ctx, doc, item.start, item.end)
    if not tasks:
        return "", []
    text = ctx.library.document(doc).text
    line_end = text.find("\n", item.start)
    end = item.end if line_end < 0 else min(line_end, item.end)
    cite = out.cite(tasks[0].clause, item.start, end) if text[item.start : end].strip() else ""
    count = f"（含 {len(tasks)} 条任务）"
    return count + cite, [t.clause.id for t in tasks]


def compose_outline(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """A part of a plan by its headings: what 保障措施 or 第三部分 holds, each heading
    quoted where the text writes it."""
    out = CitationBuilder(ctx.library)
    lines: list[str] = []
    clause_ids: list[str] = []
    for doc in scope:
        section = _top_section(ctx, doc, question.section)
        if section is None:
            continue
        label = doc_label(ctx.library, doc)
        # A chapter in 节 lists their articles, each under its 节's heading.
        items = [
            (group.heading, article)
            for group in section.children
            for article in (group.children if _is_grouping(group) else (group,))
        ]
        lines.append(f"{label}“{section.heading}”部分共 {len(items)} 条：")
        shown = ""
        for n, (group, item) in enumerate(items, start=1):
            if group != item.heading and group != shown:
                lines.append(group)
                shown = group
            cite, ids = _outline_item(ctx, doc, item, out)
            lines.append(f"{n}. {item.heading}{cite}")
            clause_ids += ids
    if not clause_ids:
        return None
    return answered(question, "\n".join(lines), out, Facts(tasks=tuple(clause_ids)), clause_ids)
