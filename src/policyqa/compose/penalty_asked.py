"""Owns whether a question asks a penalty without saying 罚: how a wrong is dealt with
(缺斤短两怎么处理, 占用无障碍停车位谁来处理) or what follows a thing done (超重车压坏了路
怎么办), where a regulation of scope forbids it or a penalty names it."""

from __future__ import annotations

import re
from dataclasses import replace

from policyqa import rules
from policyqa.compose.relevance import Relevance
from policyqa.library import Library
from policyqa.understand import Question


def handled_as_penalty(
    library: Library, relevance: Relevance, question: Question, scope: list[str]
) -> bool:
    """Whether a question asks how an act a regulation of ``scope`` forbids, or a duty
    left undone, is dealt with (缺斤短两怎么处理, 坏了不修怎么处理): its penalty answers.
    Not a thing so asked (医疗废物怎么处理), whose handling is a duty."""
    if rules.pattern("found_to_act").search(question.text):
        return False  # 物业发现业主违规后应如何处理: the finder's duty, not the wrong's penalty
    then = rules.pattern("what_then_asked").match(question.text)
    if then is not None:  # 超重车压坏了路怎么办, 有人闹事阻止施工怎么办
        return _penalty_names(library, relevance, question, then.group("conduct"), scope)
    found = rules.pattern("handling_asked").match(question.text)
    if not found:
        return False
    conduct = found.group("conduct")
    if rules.pattern("misconduct").search(conduct) and any(
        p.doc_id in scope for p in library.penalties
    ):
        return True  # 图书馆乱收费怎么处理: a wrong by its very words
    # 健身器材坏了不修怎么处理: a duty not done (修, 维修), which a penalty enforces.
    undone = re.search(r"(?:不|没有?|未)(?P<act>[\u4e00-\u9fff])$", conduct)
    if undone and any(
        undone.group("act") in library.clause(o).text
        for p in library.penalties
        if p.doc_id in scope
        for o in p.obligations
    ):
        return True
    if _penalty_names(library, relevance, question, conduct, scope):
        return True
    tagged = relevance.segmenter.tagged(conduct)
    if not tagged or tagged[0][1][:1] in ("n", "r"):
        return False
    if any(
        conduct in o.action
        for o in library.obligations
        if o.kind == "prohibition" and o.doc_id in scope
    ):
        return True
    # 带汽油上公交怎么处理: an act on a thing (its object, right after it) that a
    # penalty's conduct names in any of its forms (携带危险品乘车的), 汽油 being a 危险品.
    if len(tagged) < 2 or tagged[0][1][:1] != "v" or tagged[1][1][:1] != "n":
        return False
    thing = relevance.forms(tagged[1][0])
    return any(
        any(form in p.conduct for form in thing) for p in library.penalties if p.doc_id in scope
    )


def _penalty_names(
    library: Library, relevance: Relevance, question: Question, conduct: str, scope: list[str]
) -> bool:
    """Whether a penalty of ``scope`` names what ``conduct`` says was done: a harm
    (超重车压坏了路 → 造成公路损坏的), or a party and its act, every concept of it (老板卷钱
    跑路 → 经营者…未提前通知购卡人即停业, 跑路 being a kind of 停业)."""
    penalties = [p for p in library.penalties if p.doc_id in scope]
    harm = rules.pattern("harm_done").search(conduct)
    if harm and any(
        any(form in library.clause(p.clause_id).text for form in relevance.forms(harm["harm"]))
        for p in penalties
    ):
        return True
    asked = relevance.concepts(replace(question, text=conduct))
    return len(asked) >= 2 and any(
        all(any(form in p.conduct for form in concept) for concept in asked) for p in penalties
    )
