"""Owns refusals by where a question asks: what no document says where the question
does (湿地保护有专项资金吗, where 专项资金 is a plan's alone), outside a place the text speaks
of only inside (禁燃区外), or on the other side of what a rule is bounded to (农村, of a
rule for 城区)."""

from __future__ import annotations

import re

from policyqa import rules
from policyqa.compose.relevance import Relevance
from policyqa.compose.wording import forms_of
from policyqa.understand import Question


def said_nowhere_asked(
    relevance: Relevance, question: Question, thing: tuple[str, ...] | None, scope: list[str]
) -> bool:
    """Whether no document speaks of what is asked where the question does: the thing
    asked only where nothing else it names is (``_said_elsewhere``), a place's outside
    (``_outside_unsaid``), or the other side of what a rule is bounded to
    (``_contrast_unsaid``). A question none of whose words any clause names is not declined
    for that alone: 水务部门多少天内给答复 asks in words of its own what a clause says."""
    if thing is not None and _said_elsewhere(relevance, question, thing, scope):
        return True
    return _outside_unsaid(relevance, question, scope) or _contrast_unsaid(
        relevance, question, scope
    )


def _contrast_unsaid(relevance: Relevance, question: Question, scope: list[str]) -> bool:
    """Whether a question asks about what no clause names whose counterpart the text bounds
    its rules to (农村能放孔明灯吗, of a rule for 城区; 电动自行车, of one for 电动汽车): it
    says nothing of it; unless a rule of the text holds everywhere (全市范围内禁止…)."""
    contrasts = rules.data_toml("intents.toml")["contrasts"]
    if relevance.says(rules.pattern("whole_area"), scope):
        return False
    return any(
        side in question.text
        and not any(relevance.says_word(form, scope) for form in forms_of(side))
        and relevance.said(tuple(bounded), scope)
        for side, bounded in contrasts.items()
    )


def _outside_unsaid(relevance: Relevance, question: Question, scope: list[str]) -> bool:
    """Whether a question asks about the outside of a place (禁燃区外能烧煤吗) of which
    the text speaks only inside (禁燃区内): what holds outside it, it does not say. Not
    a word that opens with 外 (住宅楼外墙: its wall)."""
    # Each word of the question by where it starts.
    starting, at = {}, 0
    for word, tag in relevance.segmenter.tagged(question.text):
        starting[at], at = (word, tag), at + len(word)
    for concept in relevance.concepts(question):
        word = re.escape(concept[0])
        outside = re.compile(f"{word}(?:以|之)?外")
        asked = outside.search(question.text)
        after, tag = starting.get(asked.end() - 1, ("", "")) if asked else ("", "")
        # 外墙: a noun of the dictionary, not where (外能, a run jieba guessed, is none).
        wall = len(after) > 1 and tag.startswith("n") and relevance.segmenter.is_word(after)
        # 老房子外墙上, cut 外 / 墙上: 外 and the next word's first character a word (外墙).
        following = starting.get(asked.end(), ("", ""))[0] if asked else ""
        wall = wall or (
            after == "外" and following != "" and relevance.segmenter.is_word("外" + following[0])
        )
        # 除了生态环境局以外: besides it, not outside it.
        if asked and not wall and "除" not in question.text[: asked.start()]:
            if not relevance.says(outside, scope):
                return True
    return False


def _said_elsewhere(
    relevance: Relevance, question: Question, thing: tuple[str, ...], scope: list[str]
) -> bool:
    """Whether the thing asked is said only by documents that say nothing else the
    question names (湿地保护有专项资金吗: 专项资金 in a plan, 湿地 in the wetland 条例
    alone; 烧煤取暖要办许可证吗: 许可证 in a plan, 取暖 in the fuel rule alone): no
    document speaks of it where the question does. Words every document of ``scope``
    says (保护), or most do, tell no document apart."""
    holding = {doc for doc in relevance.naming(thing) if doc in scope}
    others = [c for c in relevance.concepts(question) if c != thing]
    telling = [
        docs
        for docs in ({d for d in relevance.naming(c) if d in scope} for c in others)
        if docs and len(docs) <= len(scope) / 2
    ]
    return bool(telling) and not any(docs & holding for docs in telling)
