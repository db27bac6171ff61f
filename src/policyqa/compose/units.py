"""Owns finding a regulation's units by their labels: an article (第五条, anywhere in its
tree), its 款 and its 项, and the unit （五） of a regulation numbered as a plan is."""

from __future__ import annotations

import re

from policyqa.library import Library
from policyqa.numbering import ARTICLE_LABEL
from policyqa.numerals import to_chinese
from policyqa.structure import Section


def find_article(sections: tuple[Section, ...], label: str) -> Section | None:
    """The article whose number is ``label`` (第五条), anywhere in the tree."""
    for section in sections:
        if section.label == label and section.clause is not None:
            return section
        found = find_article(section.children, label)
        if found is not None:
            return found
    return None


def asked_unit(library: Library, doc: str, label: str) -> Section | None:
    """The article of ``doc`` asked as ``label``: 第五条, or in a regulation numbered as
    a plan is, the unit （五） (a plan's own （五） is never one)."""
    sections = library.tree(doc).sections
    found = find_article(sections, label)
    if found is None and library.is_regulation(doc):
        found = _numbered_unit(sections, label)
    return found


def _numbered_unit(sections: tuple[Section, ...], label: str) -> Section | None:
    """Where a regulation numbers its articles as a plan numbers its items (一、总则 ›
    （七）…), with no 第…条 anywhere: the unit （七） asked as 第七条 or 第七项."""
    number = re.fullmatch(r"第([一二三四五六七八九十百]+)[条项]", label)
    if number is None or _has_articles(sections):
        return None
    return find_article(sections, f"（{number.group(1)}）")


def _has_articles(sections: tuple[Section, ...]) -> bool:
    return any(ARTICLE_LABEL.fullmatch(s.label) or _has_articles(s.children) for s in sections)


def item_of(article: Section, number: int) -> Section | None:
    """The 项 numbered ``number`` (（二）) of an article, under it or under one of its 款;
    or, where a drafter numbers an article's items 1. 2. (cited as 第四条第1项), that one."""
    labels = (f"（{to_chinese(number)}）", f"（{number}）", str(number))
    for child in article.children:
        if child.label in labels:
            return child
        found = next((c for c in child.children if c.label in labels), None)
        if found is not None:
            return found
    return None


def paragraph_span(text: str, section: Section, paragraph: int) -> tuple[int, int] | None:
    """The ``paragraph``-th 款 of an article: its lines, counted from one, an item list
    (（一）…) belonging to the 款 that introduces it."""
    spans: list[list[int]] = []
    for line in re.finditer(r"[^\n]+", text[section.start : section.end]):
        start, end = section.start + line.start(), section.start + line.end()
        if not line.group().strip():
            continue
        if spans and re.match(r"\s*[（(][一二三四五六七八九十]+[）)]", line.group()):
            spans[-1][1] = end
        else:
            spans.append([start, end])
    if 0 < paragraph <= len(spans):
        return spans[paragraph - 1][0], spans[paragraph - 1][1]
    return None
