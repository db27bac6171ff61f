"""Owns follow-ups: reading a question against the session's last answered turn."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from policyqa.answer import Answer
from policyqa.library import Library
from policyqa.understand import Question, is_follow_up, understand, with_previous


def resolve(text: str, turns: list[dict[str, Any]], library: Library) -> tuple[Question, list[str]]:
    """The question ``text`` asks, and the clauses a follow-up is pinned to.

    连云港呢？ asks the previous question of another region; 那截止时间呢？ and
    它由谁负责？ ask about the clauses the previous answer rested on.
    """
    names = library.region_names()
    context = (library.bodies(), library.section_titles(), library.parties(), library.genres())
    question = understand(text, names, library.table, *context)
    if not turns or question.intent == "out_of_scope" or not is_follow_up(text, question):
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


def turn_record(question: Question, answer: Answer) -> dict[str, Any]:
    """What a session keeps of an answered turn, for the next follow-up."""
    return {
        "text": question.text,
        "intent": answer.intent,
        "doc_ids": list(answer.doc_ids),
        "clause_ids": list(answer.clause_ids),
    }
