"""Owns follow-ups: reading a question against the session's last answered turn."""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Any

from policyqa import rules
from policyqa.answer import Answer
from policyqa.library import Library
from policyqa.numbering import ARTICLE_LABEL
from policyqa.segment import default_segmenter
from policyqa.understand import Question, understand


def is_follow_up(text: str, question: Question) -> bool:
    """A short question leaning on the previous turn: 连云港呢？ 那截止时间呢？ 它由谁负责？
    Short and unmarked, it does so when it names no thing or act of its own (什么时候编？,
    量少的话能存两年吗) or looks up an article of no document it names (第七条是什么): 在家
    弹钢琴有什么规定, asked after 金坪规定第六条是什么, is a question of its own, and so are
    修复方案要写哪些内容 and 汐港办法第六条是什么, after a turn on another regulation."""
    stripped = text.strip()
    content = re.sub(r"[？?。！!，,\s]", "", stripped)
    if rules.pattern("follow_up").search(stripped):
        return True
    if len(content) > 10 or question.departments:
        return False
    # 什么时候编？ has nothing of its own to be about; 第七条是什么 looks up the last one's.
    if question.article:
        return not question.doc_ids
    return not _names_a_thing(content)


def _names_a_thing(text: str) -> bool:
    """Whether a question names a thing or an act of its own (钢琴, 修复方案), not only
    what it asks (什么时候, 谁负责, 可以)."""
    asking = rules.question_words()
    interrogative = rules.pattern("interrogative")
    unasked = rules.pattern("verb_unasked")

    def own(word: str, tag: str) -> bool:
        if len(word) < 2 or interrogative.search(word) or word in asking:
            return False  # 时候, 负责, 方案: words questions ask by
        return tag[:1] == "n" or (tag[:1] in "va" and not unasked.search(word))

    return any(own(word, tag) for word, tag in default_segmenter().tagged(text))


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
    if not question.article and len(question.doc_ids) == 1:
        question = _last_article(question, library)
    if not question.doc_ids and not question.other_city:
        question = replace(question, other_city=_unheld_document(question.text, library))
    if not question.actor and question.intent == "obligation":
        # 我开了一家KTV，需要做什么: the party whose definition lists the kind named.
        lowered = question.text.lower()
        kind = next((k for k in library.party_kinds if k.lower() in lowered), None)
        if kind is not None:
            question = replace(question, actor=library.party_kinds[kind])
    if not turns or question.intent == "out_of_scope":
        return question, []
    if not is_follow_up(text, question):
        return question, []
    last = turns[-1]
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


def _last_article(question: Question, library: Library) -> Question:
    """A question naming a regulation's last article (岫川规定最后一条是什么) names it by
    its number, as the regulation numbers it."""
    if not rules.pattern("last_article").search(question.text):
        return question
    articles = [
        c
        for c in library.clauses
        if c.doc_id == question.doc_ids[0] and ARTICLE_LABEL.fullmatch(c.breadcrumb[-1])
    ]
    if not articles:
        return question
    label = max(articles, key=lambda c: c.start).breadcrumb[-1]
    return replace(question, intent="article", article=label, paragraph=0, item=0)


def _unheld_document(text: str, library: Library) -> str:
    """The place of a regulation a question names by its short name (岫川规定…) that no
    loaded document has, or "": not a word of the dictionary (这个规定, 管理办法) nor a
    loaded document's name."""
    named = rules.pattern("short_named_document").match(text)
    if named is None or default_segmenter().is_word(named.group("place")):
        return ""
    # Its own word as jieba cuts the question: not 未 / 按规定 (未按规定留样).
    if default_segmenter().tagged(text)[0][0] != named.group("place"):
        return ""
    held = [n for names in library.region_names().values() for n in names]
    return "" if any(named.group("place") in n for n in held) else named.group("place")


def turn_record(question: Question, answer: Answer) -> dict[str, Any]:
    """What a session keeps of an answered turn, for the next follow-up."""
    return {
        "text": question.text,
        "intent": answer.intent,
        "doc_ids": list(answer.doc_ids),
        "clause_ids": list(answer.clause_ids),
    }
