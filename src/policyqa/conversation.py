"""Owns follow-ups: reading a question against the session's last answered turn."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cache
from typing import Any

from policyqa import rules
from policyqa.answer import Answer
from policyqa.library import Library
from policyqa.segment import Segmenter
from policyqa.understand import Question, understand


def is_follow_up(text: str, question: Question, previous_texts: Sequence[str] = ()) -> bool:
    """A short question leaning on the previous turn: 连云港呢？ 那截止时间呢？ 它由谁负责？
    Short and unmarked, it leans on the clauses the last answer quoted (``previous_texts``)
    when it names no thing of its own (什么时候编？), looks up an article, or shares a word
    with them: 在家弹钢琴有什么规定, asked after 金坪规定第六条是什么, is a question of its
    own."""
    stripped = text.strip()
    content = re.sub(r"[？?。！!，,\s]", "", stripped)
    if rules.pattern("follow_up").search(stripped):
        return True
    if len(content) > 10 or question.departments:
        return False
    if not previous_texts or question.article or not _names_a_thing(content):
        return True  # 什么时候编？: nothing of its own to be about
    return _shares_a_word(content, previous_texts)


def _names_a_thing(text: str) -> bool:
    """Whether a question names a thing of its own (钢琴), not only what it asks."""
    asking = rules.question_words()
    interrogative = rules.pattern("interrogative")
    return any(
        tag[:1] == "n" and len(word) >= 2 and word not in asking and not interrogative.search(word)
        for word, tag in _segmenter().tagged(text)
    )


@cache
def _segmenter() -> Segmenter:
    return Segmenter()


def _shares_a_word(text: str, texts: Sequence[str]) -> bool:
    """Whether two characters running in ``text`` (量少的话能存两年 → 两年) run in one of
    ``texts``, question words (什么, 规定) aside."""
    han = re.sub(r"[^\u4e00-\u9fff]", "", text)
    asking = rules.question_words()
    interrogative = rules.pattern("interrogative")
    pairs = {han[i : i + 2] for i in range(len(han) - 1)}
    pairs = {p for p in pairs if p not in asking and not interrogative.search(p)}
    return any(p in t for p in pairs for t in texts)


def with_previous(question: Question, previous: Question) -> Question:
    """Fill a follow-up from the previous question: topic, and region or intent as needed."""
    names_region_only = (
        question.doc_ids
        and question.intent in ("list",)
        and len(re.sub(r"[？?呢那么的\s]", "", question.text)) <= 6
    )
    intent = previous.intent if names_region_only else question.intent
    if intent == "list" and question.intent == "list":
        intent = previous.intent
    if intent == "article" and not question.article:
        intent = question.intent  # 第二十条是什么 → 量少的话能存两年吗: no article to look up
    return replace(
        question,
        intent=intent,
        doc_ids=question.doc_ids or previous.doc_ids,
        industries=question.industries or previous.industries,
        actor=question.actor or previous.actor,
    )


def resolve(text: str, turns: list[dict[str, Any]], library: Library) -> tuple[Question, list[str]]:
    """The question ``text`` asks, and the clauses a follow-up is pinned to.

    连云港呢？ asks the previous question of another region; 那截止时间呢？ and
    它由谁负责？ ask about the clauses the previous answer rested on.
    """
    names = library.region_names()
    context = (library.bodies(), library.section_titles(), library.parties(), library.genres())
    question = understand(text, names, library.table, *context)
    if not turns or question.intent == "out_of_scope":
        return question, []
    last = turns[-1]
    quoted = [library.clause(c).text for c in last["clause_ids"] if library.has_clause(c)]
    if not is_follow_up(text, question, quoted):
        return question, []
    previous = understand(last["text"], names, library.table, *context)
    previous = replace(previous, intent=last["intent"], doc_ids=tuple(last["doc_ids"]))
    merged = with_previous(question, previous)
    if question.doc_ids and tuple(question.doc_ids) != previous.doc_ids:
        base = last["text"]
        for doc_id in previous.doc_ids:
            for name in names[doc_id]:
                base = base.replace(name, "")
        city = library.document(question.doc_ids[0]).meta.city
        return replace(merged, text=city + base), []
    return replace(merged, text=f"{last['text']} {text}"), list(last["clause_ids"])


def turn_record(question: Question, answer: Answer) -> dict[str, Any]:
    """What a session keeps of an answered turn, for the next follow-up."""
    return {
        "text": question.text,
        "intent": answer.intent,
        "doc_ids": list(answer.doc_ids),
        "clause_ids": list(answer.clause_ids),
    }
