"""Owns answers about when and how much: deadlines and quantified targets."""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from typing import TypeVar

from policyqa import amounts, rules
from policyqa.answer import Answer, Facts
from policyqa.compose.cite import (
    CitationBuilder,
    answered,
    doc_label,
    sentence_around,
    short_path,
    unclosed,
)
from policyqa.compose.context import Context
from policyqa.compose.relevance import Relevance
from policyqa.extract import Deadline, Target, find_deadlines, find_time_limits
from policyqa.obligations import AGENCY
from policyqa.retrieve import Hit
from policyqa.structure import Clause
from policyqa.tasks import Task
from policyqa.understand import Question

Item = TypeVar("Item")


def _best_per_doc(
    ctx: Context,
    question: Question,
    hits: list[Hit],
    scope: list[str],
    candidates: Callable[[Hit], Iterable[tuple[str, Item]]],
    depth: int = 5,
    on_topic: bool = True,
) -> list[tuple[str, Item]]:
    """Per plan asked about, the candidate among its ``depth`` best hits whose sentence
    best shares the topic words, then the one-character verbs; retrieval rank breaks
    ties, and a sentence sharing no topic word is chosen only when ``on_topic`` is off."""
    tokens = ctx.relevance.topic_tokens(question)
    acts = ctx.relevance.acts(question)
    groups = ctx.relevance.per_doc(hits, scope)
    done_within = rules.pattern("done_within_asked").search(question.text)
    # 多久能通: the sentence saying when it is done (三日内恢复通行), not another limit of
    # the same article (二十四小时内报告).
    done_act = done_within.group("act") if done_within else None
    # 池水多久换一次: the sentence whose frequency is of the act asked (每日至少更换一次),
    # not another of the same thing (每半年对池水进行一次水质检测).
    often = rules.pattern("act_often").search(question.text)
    # 能用几年: a sentence stating years answers before one stating days.
    unit = rules.pattern("time_unit_asked").search(question.text)
    pairs = list(zip(tokens, tokens[1:], strict=False))
    concepts = ctx.relevance.concepts(question) if done_within else []
    chosen: list[tuple[str, Item]] = []
    for doc in ctx.relevance.docs_to_answer(question, hits, scope) or scope:
        best: tuple[int, Item] | None = None
        # What the document says of the question: an article on topic names all of it
        # (修缮补助多久批下来: not the article on approving 修缮, which names no 补助).
        said = [c for c in concepts if ctx.relevance.said(c, [doc])]
        for rank, hit in enumerate(groups.get(doc, [])[:depth]):
            # A regulation's article is on topic as a whole: a later sentence refers back
            # to what its first names (申请通行证的，应当… 交通管理大队应当在五个工作日内…).
            # Only asked how long until an act is done (多久能批下来), where the act is worded
            # otherwise (作出决定).
            article = (
                done_within is not None
                and ctx.library.is_regulation(doc)
                and ctx.relevance.shares(tokens, hit.text)
                and all(any(f in hit.text.lower() for f in c) for c in said)
            )
            for sentence, item in candidates(hit):
                # 申请期限: not a limit counted from an application (自收到申请之日起五日内
                # 核查), whose event names the words; the act it bounds is another.
                overlap = ctx.relevance.shares(tokens, _ANCHOR.sub("", sentence))
                # 申请补偿: the two words as one act (提出补偿申请), not apart (申请复核).
                joined = any(a + b in sentence or b + a in sentence for a, b in pairs)
                # A one-character verb (拆下来多久) tells two sentences on one thing apart.
                done = sum(any(w in sentence for w in act) for act in acts)
                done += often is not None and often.group("act") in sentence
                in_unit = unit is not None and unit.group("unit") in sentence
                # 通 in 恢复通行, not in 县交通运输局 (an office's name acts on nothing).
                # Within an article on topic it decides: the topic's words are in the
                # sentence that opens it (山体滑坡…中断的，…二十四小时内报告).
                finished = article and done_act is not None and done_act in _offices_out(sentence)
                score = overlap * 10 + (done + in_unit + joined) * 5 + finished * 100 - rank
                eligible = overlap or article or not on_topic
                if eligible and (best is None or score > best[0]):
                    best = (score, item)
        if best is not None:
            chosen.append((doc, best[1]))
    return chosen


def _offices_out(sentence: str) -> str:
    """A sentence without the offices it names."""
    return AGENCY.sub("", sentence)


def _stated_first(
    ctx: Context,
    question: Question,
    hits: list[Hit],
    scope: list[str],
    candidates: Callable[[Hit], Iterable[tuple[str, tuple[Clause, Deadline]]]],
    depth: int,
    on_topic: bool,
) -> list[tuple[str, tuple[Clause, Deadline]]]:
    """``_best_per_doc`` of the limits that state a time: a vague one (立即, 及时) answers
    only where no on-topic clause states one; asked when a period starts or ends
    (暖气什么时候开始供), a limit from one day to another (每年11月15日至次年3月15日) first."""
    vague = rules.pattern("vague_limit")
    period = rules.pattern("period_asked").search(question.text)

    def stated(hit: Hit) -> Iterable[tuple[str, tuple[Clause, Deadline]]]:
        return (
            (s, item)
            for s, item in candidates(hit)
            if not vague.fullmatch(item[1].text) and (not period or "至" in item[1].text)
        )

    chosen = _best_per_doc(ctx, question, hits, scope, stated, depth, on_topic)
    return chosen or _best_per_doc(ctx, question, hits, scope, candidates, depth, on_topic)


def _closed(sentence: str) -> str:
    """A quoted sentence ending in 。, unless it introduces a list (…：)."""
    sentence = unclosed(sentence)
    return sentence if sentence.endswith(("：", ":")) else sentence + "。"


# The event a limit is counted from (自收到申请之日起).
_ANCHOR = re.compile(r"自[^，。；]{1,24}?之日起")
# How many times smaller than the unit asked a limit may be and still answer (几个月: 十五日).
_UNIT_SPREAD = 30
# A length of time (不超过一年, 30日内, a lead time: 开始十五个工作日前), not a point (在每年
# 1月31日前, whose 31日 follows its month): what 多久 asks.
_COUNT = r"[\d一二三四五六七八九十两百]+\s*(?:个)?"
_UNITS = "(?:工作日|日|天|小时|分钟|周|星期|月|年)"
_WITHIN = (
    rf"不(?:得)?少于|至少|不(?:得)?超过|有效期|{_COUNT}{_UNITS}内"
    rf"|(?:保存|保留)(?:期限为)?{_COUNT}{_UNITS}"  # 接收单证应当保存二年
    rf"|(?:年限|期限)(?:一般)?为\s*{_COUNT}{_UNITS}"  # 安全使用年限一般为8年
)
_LEAD = (
    rf"(?<![月\d一二三四五六七八九十两百]){_COUNT}(?:工作日|日|天|小时|周|月|年)前"
    rf"|提前{_COUNT}{_UNITS}"
)
# The same day (当日清运) is a length of time too: how long is asked, it answers.
_SPAN = re.compile(f"{_WITHIN}|{_LEAD}|当日|当天")
# How long a thing lasts or is kept (有效期为五年, 保存不少于三年, 不得超过一年): no answer
# to when. A time before it ends (有效期届满前三十日内) is one.
_LASTING = re.compile(r"有效期(?!届满|期满|满)|年限|保存|保留|存档|不(?:得)?(?:超过|少于)")


def _answers_span(question: Question, limit: Deadline) -> bool:
    """A worded limit that is a length of time and bounds it the way the question asks
    (最多多久: 不超过一年, not 不少于5年)."""
    if not _SPAN.search(limit.text):
        return False
    # 要几年驾龄: a limit in hours (二十四小时内) is no length counted in years.
    unit = rules.pattern("time_unit_asked").search(question.text)
    asked = amounts.unit_size(unit.group("unit")) if unit else None
    stated = amounts.first_amount(limit.text, "time")
    if asked and stated and stated.value * _UNIT_SPREAD < asked.value:
        return False
    # 多长时间内报告 asks a time within which (二十四小时内), 提前多久 a lead (提前十五日).
    if rules.pattern("within_asked").search(question.text) and (
        not re.search(_WITHIN, limit.text) or rules.pattern("at_least").search(limit.text)
    ):
        return False  # 多长时间内删除: 十个工作日内, not 保存期限不少于三年
    if rules.pattern("lead_asked").search(question.text) and not re.search(_LEAD, limit.text):
        return False
    if rules.pattern("done_within_asked").search(question.text) and _LASTING.search(limit.text):
        return False  # 多久能批下来: 五个工作日内作出决定, not 有效期为六个月
    for bound in ("at_most", "at_least"):
        if rules.pattern(f"{bound}_asked").search(question.text):
            return bool(rules.pattern(bound).search(limit.text))
    return True


def _of_act(limits: tuple[Deadline, ...], question: Question) -> tuple[Deadline, ...]:
    """Of a clause's frequencies, those of the act asked how often, where it names one
    (笼子多久消毒一次: of 每日清洁寄养笼舍，每周至少消毒二次, 每周至少消毒二次)."""
    act = rules.pattern("act_often").search(question.text)

    def part(limit: Deadline) -> str:
        # The words of its sentence from the comma before it to the one after.
        at = limit.start - limit.sentence_start
        after = re.split(r"[，；]", limit.sentence[at:], maxsplit=1)[0]
        return limit.sentence[:at].rsplit("，", 1)[-1] + after

    doing = tuple(d for d in limits if act and act.group("act") in part(d))
    return doing or limits


def _naming_offices_asked(ctx: Context, question: Question, hits: list[Hit]) -> list[Hit]:
    """Asked how often an office acts (卫生局多久来检查一次), the clauses naming it: another
    party's frequency (从业人员应当每年进行一次健康检查) is none."""
    if not question.departments:
        return hits
    forms = ctx.library.table.surface_forms().items()
    offices = [form for form, name in forms if name in question.departments]
    return [h for h in hits if any(office in h.text for office in offices)]


def compose_deadline(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """When a task is due, quoting the sentence that sets the time limit; asked how long
    (多久), how long a regulation's worded limit (不超过一年, 保存不少于5年) says."""
    # 保存期限如何计算: asked for a limit on how long a thing is kept, a length answers.
    kept = rules.pattern("keeping_asked").search(question.text)
    duration = question.intent != "deadline" or kept is not None
    often = bool(rules.pattern("frequency_asked").search(question.text))
    what = "频次" if often else "时限"
    point = bool(rules.pattern("point_asked").search(question.text))
    asked, stating = rules.data_toml("intents.toml")["stated"]["effective"]
    effective = re.compile(rf"\s*(?:{stating})") if re.search(asked, question.text) else None

    hits = _naming_offices_asked(ctx, question, hits) if often else hits

    def candidates(hit: Hit) -> Iterable[tuple[str, tuple[Clause, Deadline]]]:
        clause = ctx.library.clause(hit.clause_id)
        task = ctx.library.task(clause.id)
        # Asked how long (多久), a date is no answer: only a worded limit is.
        dated = () if duration else task.deadlines if task else find_deadlines(clause)
        deadlines = tuple(dated)
        if ctx.library.is_regulation(clause.doc_id) and often:
            deadlines = _of_act(find_time_limits(clause, "frequency"), question)  # 每三个月…一次
        elif ctx.library.is_regulation(clause.doc_id):
            # Regulations set most limits without a date: 自…之日起30日内, 不超过一年.
            worded = find_time_limits(clause)
            if point:  # 什么时候之前: 每年4月30日前 or 开始十五个工作日前, not 六十日内
                # unless counted from an event (主体工程竣工后一年内): a point after it.
                worded = tuple(
                    d
                    for d in worded
                    if not re.search(_WITHIN, d.text)
                    or re.search(f"[后起]{re.escape(d.text)}", d.sentence)
                )
            elif not duration:  # 什么时候申领: 在…之前, not how long it lasts (有效期五年)
                worded = tuple(d for d in worded if not _LASTING.search(d.text))
            deadlines += tuple(d for d in worded if not duration or _answers_span(question, d))
        if effective:  # 什么时候施行: the date 起施行 follows, not the one it was issued on
            text = ctx.library.document(clause.doc_id).text
            deadlines = tuple(d for d in deadlines if effective.match(text, d.end))
        for deadline in deadlines:
            # Read with its task's title: 完成时限：2024年底前 names no topic of its own.
            yield f"{clause.title} {deadline.sentence}", (clause, deadline)

    out = CitationBuilder(ctx.library)
    lines, dates, clause_ids = [], [], []
    # 多久 is asked in few words that retrieval weighs poorly (贮存多久 → 贮存期限): few
    # clauses state a length of time, so look at every hit.
    depth = len(hits) if duration else 5
    # 什么时候开始实施: the one sentence 自…起施行 answers, whatever words it shares; the
    # regulation's own article (第十四条 本规定自…起施行) before the note above its title.
    if effective:
        preambles = ctx.library.preambles
        in_force = {
            h.doc_id for h in hits if h.clause_id not in preambles and re.search(stating, h.text)
        }
        hits = [h for h in hits if not (h.clause_id in preambles and h.doc_id in in_force)]
    chosen = _stated_first(ctx, question, hits, scope, candidates, depth, not effective)
    for doc, (clause, deadline) in chosen:
        cite = out.cite(clause, deadline.sentence_start, deadline.sentence_end)
        lines.append(
            f"根据{doc_label(ctx.library, doc)}{short_path(clause)}，{what}为“{deadline.text}”："
            f"“{_closed(deadline.sentence)}”{cite}"
        )
        if deadline.date:
            dates.append(deadline.date)
        clause_ids.append(clause.id)
    if not lines:
        return None
    facts = Facts(deadlines=tuple(dict.fromkeys(dates)))
    return answered(question, "\n".join(lines), out, facts, clause_ids)


def compose_target(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """A quantified target (of the unit asked for), quoting its sentence."""

    def candidates(hit: Hit) -> Iterable[tuple[str, tuple[Task, Target, int, int]]]:
        task = ctx.library.task(hit.clause_id)
        if task is None:
            return
        for target in task.targets:
            if question.unit and target.unit != question.unit:
                continue
            start, end, sentence = sentence_around(ctx.library, task.clause, target.start)
            yield sentence, (task, target, start, end)

    out = CitationBuilder(ctx.library)
    lines, values, clause_ids = [], [], []
    for doc, (task, target, start, end) in _best_per_doc(ctx, question, hits, scope, candidates):
        cite = out.cite(task.clause, start, end)
        sentence = ctx.library.document(doc).text[start:end]
        lines.append(
            f"根据{doc_label(ctx.library, doc)}{short_path(task.clause)}，"
            f"目标为“{target.text}”：“{_closed(sentence)}”{cite}"
        )
        values.append(f"{target.value:g}{target.unit}")
        clause_ids.append(task.clause.id)
    if not lines:
        return None
    return answered(question, "\n".join(lines), out, Facts(targets=tuple(values)), clause_ids)


def states_what_is_asked(question: Question, answer: Answer) -> bool:
    """Whether an answer's quotes state what a question asks for in so many words: an
    amount in the measure asked (责任区的范围是门前几米, 广告牌能做多大面积), an hour of the
    clock (托管班最晚到几点: 十日内 is none), how many times (河长每月要巡河几次: 河长负责…
    says no frequency), what a thing looks like (样式, 颜色). A question asking none of these
    is answered by any."""
    quotes = [c.quote for c in answer.citations]
    measure = rules.measure_asked(question.text)
    if measure and not any(amounts.states(quote, measure) for quote in quotes):
        return False
    if rules.pattern("hour_asked").search(question.text):
        if not any(rules.pattern("clock_time").search(quote) for quote in quotes):
            return False
    if rules.pattern("times_asked").search(question.text):
        if not any(rules.pattern("frequency_stated").search(quote) for quote in quotes):
            return False
    if rules.pattern("appearance_asked").search(question.text):  # 禁鸣标志是什么样子的
        return any(rules.pattern("appearance_stated").search(quote) for quote in quotes)
    return True


def names_what_is_measured(relevance: Relevance, question: Question, answer: Answer) -> bool:
    """Whether an answer's quotes name the thing a question asks the measure of, in some
    form (消防通道的黄线多宽: 黄线, not the lane's width). A question naming no such thing
    passes."""
    asked = rules.pattern("measured_thing").search(question.text)
    if asked is None:
        return True
    nouns = [w for w, tag in relevance.segmenter.tagged(asked.group("thing")) if tag[:1] == "n"]
    if not nouns:
        return True
    quotes = "".join(c.quote for c in answer.citations).lower()
    return any(form in quotes for form in relevance.forms(nouns[-1]))
