"""Owns answers that quote passages: what/how questions, term inventories, not found."""

from __future__ import annotations

import re

from policyqa import amounts, rules
from policyqa.answer import NOT_FOUND_TEXT, Answer, Facts
from policyqa.compose.cite import (
    CitationBuilder,
    answered,
    clause_sentences,
    declined,
    doc_label,
    sentence_around,
    short_label,
    short_path,
    unclosed,
)
from policyqa.compose.context import Context
from policyqa.compose.wording import count_stating
from policyqa.retrieve import Hit
from policyqa.structure import Clause, doc_id_of
from policyqa.understand import Question

_QUOTED_TERM = re.compile(r"[“\"「《]([^”\"」》]{1,20})[”\"」》]")
_ASCII_TERM = re.compile(r"[A-Za-z][A-Za-z0-9.]+")


# A question that names a task by its title asks for the whole task: quote this much of it.
_WHOLE_CLAUSE_SENTENCES = 6


def _asks_for_whole(ctx: Context, question: Question, clause: Clause) -> bool:
    """Every concept of the question is in the clause's title (拓宽资金渠道 for 资金渠道
    怎么拓宽): the question asks for the task, not for one detail of it."""
    concepts = ctx.relevance.concepts(question)
    title = clause.title.lower()
    return bool(concepts) and all(any(w in title for w in c) for c in concepts)


def best_sentences(
    ctx: Context, question: Question, clause: Clause, limit: int
) -> list[tuple[int, int]]:
    """Up to ``limit`` sentences of ``clause`` sharing the most topic words, in order."""
    # The forms of its concepts too: 过节 asked, 节假日期间… says it.
    tokens = ctx.relevance.topic_forms(question)
    overlap = ctx.relevance.shares  # 废井 in 报废的取水井 too
    document = ctx.library.document(clause.doc_id)
    spans = clause_sentences(clause)
    task = ctx.library.task(clause.id)
    if task:  # the responsibility note is not a "what/how" sentence
        spans = [s for s in spans if s[0] < task.responsibility.start - 1]
    if _asks_for_whole(ctx, question, clause):
        return spans[:_WHOLE_CLAUSE_SENTENCES] or [(clause.start, clause.end)]
    # 最多能有几间房: the sentence stating a count in 间 (不超过十四间) is on topic too.
    counted = count_stating(question.text)
    # 补课最晚到几点: the sentence stating an hour of the clock (不得晚于20:30) too.
    hour = rules.pattern("hour_asked").search(question.text)
    clock = rules.pattern("clock_time")
    # 地铁归哪个部门管: asked of what the regulation's title names, a charge over the
    # whole regulation (市交通运输局负责本规则实施的监督管理) is on topic too.
    whole = ctx.library.is_regulation(clause.doc_id) and overlap(tokens, document.meta.title)
    charging = rules.pattern("whole_regulation")

    def score(span: tuple[int, int]) -> int:
        text = document.text[span[0] : span[1]]
        stating = bool(counted and counted.search(text)) or bool(hour and clock.search(text))
        return overlap(tokens, text) + (stating or bool(whole and charging.search(text)))

    # Equal on the topic words, the sentence naming more of the question's concepts and
    # one-character acts in any form leads (在路上发传单: 禁止在道路…散发小广告).
    named = [*ctx.relevance.concepts(question), *ctx.relevance.acts(question)]

    def naming(span: tuple[int, int]) -> int:
        text = document.text[span[0] : span[1]].lower()
        return sum(any(form in text for form in concept) for concept in named)

    scored = sorted(spans, key=lambda s: (-score(s), -naming(s)))
    chosen = [s for s in scored[:limit] if score(s)]
    if not chosen and scored and naming(scored[0]):
        chosen = scored[:1]
    chosen = sorted(chosen or spans[:1] or [(clause.start, clause.end)])
    if ctx.library.is_regulation(clause.doc_id):
        chosen = _to_full_stop(chosen, spans, document.text)
    return chosen


def _to_full_stop(
    chosen: list[tuple[int, int]], spans: list[tuple[int, int]], text: str
) -> list[tuple[int, int]]:
    """Each chosen part of a regulation's sentence quoted on to its full stop: a ；joins
    a limit and its exception (不得超过一年；确需延长期限的，应当报经…批准), a duty and
    its manner, and the whole sentence is the rule."""
    merged: list[tuple[int, int]] = []
    for start, end in spans:
        if merged and text[merged[-1][0] : merged[-1][1]].rstrip().endswith("；"):
            merged[-1] = (merged[-1][0], end)
        elif any(s == start for s, _ in chosen):
            merged.append((start, end))
    return merged


def _children(ctx: Context, clause: Clause) -> list[Clause]:
    return [c for c in ctx.library.clauses if c.id.rsplit("/", 1)[0] == clause.id]


def _items(ctx: Context, clause: Clause, out: CitationBuilder) -> list[str]:
    """The items (（一）…) of a regulation's ``clause``, each quoted and cited (a plan's
    sub-clauses are tasks of their own, not items)."""
    return [f"“{c.text.strip()}”{out.cite(c, c.start, c.end)}" for c in _children(ctx, clause)]


def _focus_item(ctx: Context, question: Question, clause: Clause) -> Clause | None:
    """The one item of a regulation's article that names a concept of the question the
    article's own sentences do not (用什么监测方法 → （二）使用符合国家标准的监测方法)."""
    if not ctx.library.is_regulation(clause.doc_id):
        return None
    held = _held_item(ctx, question, clause)
    if held is not None:
        return held
    own = clause.text.lower()
    concepts = [c for c in ctx.relevance.concepts(question) if not any(w in own for w in c)]
    naming = [
        item
        for item in _children(ctx, clause)
        if any(w in item.text.lower() for c in concepts for w in c)
    ]
    return naming[0] if len(naming) == 1 else None


def _held_item(ctx: Context, question: Question, clause: Clause) -> Clause | None:
    """The one item of an article whose range holds the amount a question states (超计划
    30% → （二）超计划百分之二十以上百分之四十以内的部分), or, asked an hour of the day,
    the one stating one (外摆最晚能摆到几点 → （三）经营时段为每日十七时至次日零时)."""
    amount = amounts.stated_amount(question.text)
    if amount is not None:
        holding = [i for i in _children(ctx, clause) if amounts.holds(i.text, amount)]
        return holding[0] if len(holding) == 1 else None
    if rules.pattern("hour_asked").search(question.text):
        clock = rules.pattern("clock_time")
        timed = [i for i in _children(ctx, clause) if clock.search(i.text)]
        # Of several, the span from one hour to another (十七时至次日零时) says when it
        # starts and ends; an hour alone (二十二时后不得…) bounds another act.
        spans = [i for i in timed if "至" in i.text] if len(timed) > 1 else timed
        return spans[0] if len(spans) == 1 else None
    return None


def _item_line(ctx: Context, clause: Clause, item: Clause, out: CitationBuilder) -> str:
    """The item that answers, quoted first, then the sentence of its article that
    introduces it (应当遵守下列规定：)."""
    doc = clause.doc_id
    spans = clause_sentences(clause)
    start, end = spans[-1] if spans else (clause.start, clause.end)
    intro = ctx.library.document(doc).text[start:end].strip()
    return (
        f"根据{doc_label(ctx.library, doc)}{short_path(item)}：“{item.text.strip()}”"
        f"{out.cite(item, item.start, item.end)}"
        f"（{short_path(clause)}：“{intro}”{out.cite(clause, start, end)}）"
    )


def _names_all(ctx: Context, question: Question, hit: Hit) -> bool:
    """Whether a clause, read with the sentence introducing it and its items, names every
    concept of the question in some form. A run of characters jieba guessed to be a word
    (要多查几次 → 多查, 加私锁), which no clause writes so, is named by its last character,
    its head (每周至少巡查两次, 私自加锁)."""
    items = "".join(c.text for c in ctx.library.parts(hit.clause_id))
    text = (ctx.library.chapeau(hit.clause_id) + hit.text + items).lower()
    relevance = ctx.relevance

    def named(concept: tuple[str, ...]) -> bool:
        if any(form in text for form in concept):
            return True
        asked = concept[0]
        guessed = not (relevance.segmenter.is_word(asked) or relevance.is_fee(asked))
        return guessed and asked[-1] in text

    return all(named(c) for c in relevance.concepts(question))


def compose_passage(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """What/how questions: the best sentences of the best clause of each plan."""
    if not hits:
        return None
    if ctx.relevance.topic_tokens(question) and (hits[0].dense_rank or 99) > 1:
        # Off topic unless one of the first hits says a word of it, in some form; an item
        # with the lead that introduces it (室外机安装应当符合下列要求：（一）…).
        forms = ctx.relevance.topic_forms(question)
        if not any(
            ctx.relevance.shares(forms, ctx.library.chapeau(h.clause_id) + h.text) for h in hits[:3]
        ):
            return None
    out = CitationBuilder(ctx.library)
    lines, clause_ids = [], []
    groups = ctx.relevance.per_doc(hits, scope)
    for doc in ctx.relevance.docs_to_answer(question, hits, scope):
        doc_hits = ctx.relevance.rerank(question, groups.get(doc, []), 5)
        if not doc_hits:
            continue
        if ctx.library.is_regulation(doc) and not _names_all(ctx, question, doc_hits[0]):
            # 开演唱会的时候能飞无人机吗: the one clause naming all that is asked (大型群众性
            # 活动…禁止无人机飞行) may be ranked below five that name the drone alone.
            # Not a penalty restating a duty (交由无许可证的单位处置的，…), which the
            # candidates set after the duties.
            # Nor what retells the articles: a preamble quoting them, a drafting note.
            library = ctx.library
            retelling = {p.clause_id for p in library.penalties} | library.preambles
            retelling |= library.commentary
            naming = [
                h
                for h in ctx.relevance.rerank(question, groups.get(doc, []), 8)
                if h.clause_id not in retelling and _names_all(ctx, question, h)
            ]
            doc_hits = naming[:1] or doc_hits
        clause = ctx.library.clause(doc_hits[0].clause_id)
        whole = ctx.library.enclosing(clause.id) if ctx.library.is_regulation(doc) else None
        focus = _focus_item(ctx, question, clause)
        if whole is not None and not _children(ctx, clause):
            # An item found alone says nothing without its lead; the amount asked may fall
            # in another item's range.
            focus, clause = _held_item(ctx, question, whole) or clause, whole
        if focus is not None:
            lines.append(_item_line(ctx, clause, focus, out))
            clause_ids.append(focus.id)
            continue
        quotes = []
        for start, end in best_sentences(ctx, question, clause, 3):
            text = unclosed(ctx.library.document(doc).text[start:end])
            if text.endswith(("：", ":")) and ctx.library.is_regulation(doc):
                # 公示下列信息：: what it introduces is the answer, item by item.
                quotes.append(f"“{text}”{out.cite(clause, start, end)}")
                quotes.extend(_items(ctx, clause, out))
            else:
                quotes.append(f"“{text}。”{out.cite(clause, start, end)}")
        lines.append(f"根据{doc_label(ctx.library, doc)}{short_path(clause)}：" + "".join(quotes))
        clause_ids.append(clause.id)
    if not lines:
        return None
    return answered(question, "\n".join(lines), out, Facts(), clause_ids)


def _inventory_term(ctx: Context, question: Question) -> str | None:
    """The term asked about: quoted, Latin, or the longest word the plans contain."""
    words = ctx.relevance.content_words(question.text)
    corpus = "".join(d.text for d in ctx.library.documents).lower()
    # Prefer a word the corpus contains; otherwise report the longest as not mentioned.
    words = sorted(words, key=lambda w: (w.lower() not in corpus, -len(w)))
    candidates = _QUOTED_TERM.findall(question.text) + _ASCII_TERM.findall(question.text) + words
    return candidates[0] if candidates else None


def compose_inventory(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """Which plans and clauses mention a term, and which do not."""
    term = _inventory_term(ctx, question)
    if term is None:
        return None
    out = CitationBuilder(ctx.library)
    lines = []
    clause_ids = []
    for clause in ctx.library.clauses:
        if clause.doc_id not in scope or term.lower() not in clause.text.lower():
            continue
        at = clause.start + clause.text.lower().index(term.lower())
        start, end, _ = sentence_around(ctx.library, clause, at)
        cite = out.cite(clause, start, end)
        lines.append(f"- {doc_label(ctx.library, clause.doc_id)}{short_path(clause)}{cite}")
        clause_ids.append(clause.id)
    if not lines:
        names = "、".join(doc_label(ctx.library, d) for d in scope)
        return Answer(
            question.text,
            "not_found",
            f"{names}均未提到“{term}”。",
            intent=question.intent,
            doc_ids=tuple(scope),
        )
    docs = {doc_id_of(c) for c in clause_ids}
    missing = [doc_label(ctx.library, d) for d in scope if d not in docs]
    text = f"提到“{term}”的条款：\n" + "\n".join(lines)
    if missing:
        text += f"\n{'、'.join(missing)}未提到“{term}”。"
    return answered(question, text, out, Facts(), clause_ids)


def compose_not_found(ctx: Context, question: Question, hits: list[Hit]) -> Answer:
    """文件中未找到相关规定, with the nearest clauses cited."""
    out = CitationBuilder(ctx.library)
    lines = [NOT_FOUND_TEXT]
    if question.other_city:
        held = "、".join(doc_label(ctx.library, d.id) for d in ctx.library.documents)
        lines[0] = (
            f"已收录的文件不包括{question.other_city}的文件（已收录：{held}），" + NOT_FOUND_TEXT
        )
    near = hits[:3]
    if near:
        lines.append("可能相关：")
        for hit in near:
            clause = ctx.library.clause(hit.clause_id)
            spans = clause_sentences(clause)
            start, end = spans[0] if spans else (clause.start, clause.end)
            label = short_label(ctx.library, clause.doc_id)
            lines.append(f"- {label} {short_path(clause)}{out.cite(clause, start, end)}")
    return declined(question, "\n".join(lines), out)
