"""Owns dispatch: a question goes to the composer of its intent, or is not found."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import replace
from functools import cached_property

from policyqa import amounts, rules
from policyqa.answer import Answer
from policyqa.compose.articles import compose_article, compose_penalty
from policyqa.compose.comparison import compose_comparison
from policyqa.compose.context import Composer, Context, Search
from policyqa.compose.listing import (
    compose_department_tasks,
    compose_due_window,
    compose_task_count,
)
from policyqa.compose.obligations import compose_obligation
from policyqa.compose.outline import compose_outline
from policyqa.compose.passages import compose_inventory, compose_not_found, compose_passage
from policyqa.compose.penalty_asked import handled_as_penalty
from policyqa.compose.quantities import (
    compose_deadline,
    compose_target,
    names_what_is_measured,
    states_what_is_asked,
)
from policyqa.compose.relevance import Relevance
from policyqa.compose.responsibility import compose_responsibility, duty_passage
from policyqa.compose.texts import out_of_scope_text
from policyqa.compose.unsaid import asks_unsaid, names_unsaid
from policyqa.library import Library
from policyqa.numerals import to_int
from policyqa.penalties import in_penalty_chapter
from policyqa.retrieve import Hit
from policyqa.segment import Segmenter, expand_synonyms
from policyqa.structure import Clause, doc_id_of
from policyqa.understand import Question

COMPOSERS: dict[str, Composer] = {
    "department_tasks": compose_department_tasks,
    "due_window": compose_due_window,
    "task_count": compose_task_count,
    "outline": compose_outline,
    "article": compose_article,
    "penalty": compose_penalty,
    "lead": compose_responsibility,
    "departments": compose_responsibility,
    "deadline": compose_deadline,
    "target": compose_target,
    "obligation": compose_obligation,
    "comparison": compose_comparison,
    "inventory": compose_inventory,
}


# Questions about one rule or task; a comparison, an inventory or a department's every
# duty spans documents by what it asks.
_ONE_DOCUMENT_INTENTS = frozenset(
    {"list", "obligation", "deadline", "target", "lead", "departments", "penalty"}
)


def _duration(ctx: Context, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
    """How long: a worded limit, else a passage that states a length of time (有效期五年);
    one that states none does not say how long (休药期管理制度 for 休药期是多少天)."""
    limit = compose_deadline(ctx, question, hits, scope)
    if limit is not None:
        return limit
    passage = compose_passage(ctx, question, hits, scope)
    number = rules.pattern("time_stated")
    if passage and any(number.search(c.quote) for c in passage.citations):
        return passage
    return None


# Which article says a thing (押金规定在第几条): asked of the documents of articles.
_ARTICLE_ASKED = ("article_asked_after", "article_asked_before")


class ExtractiveAnswerer:
    """Composes answers from extracted records and verbatim quotes; states nothing it
    cannot quote.

    Args:
        library: parsed documents and extracted tasks and obligations.
        segmenter: for topic overlap between question and clause.
    """

    def __init__(self, library: Library, segmenter: Segmenter) -> None:
        self.library = library
        self.relevance = Relevance(library, segmenter)
        self.out_of_scope = out_of_scope_text(library)
        self._years_text = "".join(d.text for d in library.documents)

    def answer(self, question: Question, search: Search, topic: Sequence[str] = ()) -> Answer:
        """Answer ``question`` from what ``search`` finds; ``topic`` pins the clauses of a
        follow-up."""
        if question.intent == "out_of_scope":
            return Answer(question.text, "out_of_scope", self.out_of_scope, intent="out_of_scope")
        context = Context(self.library, search, self.relevance)
        scope = self._scope(question)
        hits = self._candidates(context, question, scope, topic)
        never = question.never_specified and not self._specified(question, scope)
        # What is asked must be said by the document that would answer, not by another
        # (居民可以向物业投诉噪声吗: 投诉 is a plan's word, not the noise rule's); what no
        # document of scope says, no one of them says either.
        answering = self.relevance.docs_to_answer(question, hits, scope) if len(scope) > 1 else []
        unsaid = never or asks_unsaid(self.relevance, question, answering or scope)
        if question.other_city or unsaid or self._year_unknown(question):
            return compose_not_found(context, question, hits)
        if question.intent in ("list", "departments") and handled_as_penalty(
            self.library, self.relevance, question, scope
        ):
            question = replace(question, intent="penalty")
        composer = COMPOSERS.get(question.intent, compose_passage)
        defining = self._definition(question, scope)
        if defining is not None:  # 哪些企业属于披露主体: the defining article, whole
            # 用语的含义：（二）农业投入品，是指…: that item of its article.
            article = self.library.enclosing(defining.id)
            item = (to_int(defining.number) or 0) if article else 0
            label = (article or defining).breadcrumb[-1]
            question = replace(question, article=label, paragraph=0, item=item)
            scope, composer = [defining.doc_id], compose_article
        elif question.intent == "list" and rules.pattern("duration").search(question.text):
            composer = _duration  # 贮存多久: a regulation's worded limit, else a passage
        if composer in (compose_passage, compose_deadline, _duration):
            hits = self._stating_first(context, question, hits, scope)
        liable = self._liable(question, scope) if question.intent == "departments" else None
        if liable is not None:  # 谁负责养护 → …物业服务企业为养护责任人
            # Its document answers from its article alone (公园的管理责任人是谁: the item of
            # it naming 公园): a clause naming more of what is asked (井盖被偷了谁负责修:
            # 禁止盗窃窨井盖) names no one liable.
            hits, composer = [liable, *self._beside(liable, hits)], compose_passage
        answer = composer(context, question, hits, scope)
        if answer and not states_what_is_asked(question, answer):
            answer = None
        answer = answer or self._fallback(context, question, hits, scope)
        if answer and not names_what_is_measured(self.relevance, question, answer):
            answer = None  # 黄线多宽: the lane's width is another thing's
        return answer or compose_not_found(context, question, hits)

    def _fallback(
        self, context: Context, question: Question, hits: list[Hit], scope: list[str]
    ) -> Answer | None:
        """Where the intent's composer found nothing: who is in charge as a sentence says
        it, a number a regulation states, or a time it states otherwise than as a limit."""
        if question.intent in ("lead", "departments"):
            return duty_passage(context, question, hits, scope)
        if question.intent == "penalty":
            return self._consequence(context, question, hits, scope)
        if question.intent == "target":
            return self._stated_number(context, question, hits, scope)
        if rules.measure_asked(question.text):
            # 外机最低要装多高: a number a regulation states in the measure asked answers,
            # though the question asks no quantity of a target.
            stated = self._stated_number(context, question, hits, scope)
            return stated if stated and states_what_is_asked(question, stated) else None
        if question.intent != "deadline":
            return None
        # 论证时间算在审批期限里吗: asked yes or no of a time limit, not for one; or asked
        # when in the day (广告牌什么时候要关 → 每日二十二时至次日七时关闭).
        yes_no = bool(rules.pattern("yes_no").search(question.text))
        clock = rules.pattern("clock_time")
        timed = hits if yes_no else [h for h in hits if clock.search(h.text)]
        answer = compose_passage(context, question, timed, scope) if timed else None
        quotes = [c.quote for c in answer.citations] if answer else []
        return answer if yes_no or any(map(clock.search, quotes)) else None

    def _consequence(
        self, context: Context, question: Question, hits: list[Hit], scope: list[str]
    ) -> Answer | None:
        """What follows a breach where no penalty answers: an on-topic article of the
        法律责任 chapter that imposes no sanction (游客不听劝会怎样 → 不听劝阻的，运营使用
        单位可以拒绝其乘坐), or a clause elsewhere that states one after its condition."""
        records = {p.clause_id for p in self.library.penalties}
        forms = context.relevance.topic_forms(question)
        asked = [*context.relevance.concepts(question), *context.relevance.acts(question)]

        def states_consequence(hit: Hit) -> bool:
            # In 法律责任; or, elsewhere, a clause on what follows a condition (读者逾期归还
            # 图书的，…可以暂停其借阅服务) that names everything asked.
            if in_penalty_chapter(self.library.clause(hit.clause_id)):
                return True
            return "的，" in hit.text and all(any(f in hit.text for f in c) for c in asked)

        stated = [
            h
            for h in hits
            if h.clause_id not in records
            and context.relevance.shares(forms, h.text)
            and states_consequence(h)
        ]
        return compose_passage(context, question, stated, scope) if stated else None

    def _beside(self, hit: Hit, hits: list[Hit]) -> list[Hit]:
        """The other hits of ``hit``'s article, and those of other documents."""

        own = self.library.whole(hit.clause_id).id
        kept = (
            h for h in hits if h.doc_id != hit.doc_id or self.library.whole(h.clause_id).id == own
        )
        return [h for h in kept if h.clause_id != hit.clause_id]

    def _scope(self, question: Question) -> list[str]:
        """The documents named, else the one document that names the party asked about
        (机动车维修经营者, defined by one 办法) or another thing asked about (扬尘),
        else every document."""
        if question.doc_ids:
            return list(question.doc_ids)
        documents = self.library.documents
        if any(rules.pattern(p).search(question.text) for p in _ARTICLE_ASKED):
            # 哪一条写了部门分工: only a document of articles has one that says it.
            articled = tuple(d for d in documents if self.library.is_regulation(d.id))
            documents = articled or documents
        if question.actor in self.library.parties():
            naming = [d.id for d in documents if question.actor in d.text]
            if len(naming) == 1:
                return naming
        if question.intent in _ONE_DOCUMENT_INTENTS:
            sole = self.relevance.sole_document(question)
            if sole is not None:
                return [sole]
        return [d.id for d in documents]

    def _definition(self, question: Question, scope: list[str]) -> Clause | None:
        """The clause defining a term the question asks the reach of, if any."""
        if question.intent not in ("list", "obligation", "departments"):
            return None  # 取水户是指谁: who a name stands for is its definition
        # AED是什么: a term a regulation defines or abbreviates, asked alone, asks what it is.
        alone = rules.pattern("term_asked").match(question.text.strip())
        asked = rules.pattern("definition_asked").search(question.text)
        if not alone and not asked:
            return None

        def named_so(term: str) -> bool:
            return term == alone.group("term") if alone and not asked else term in question.text

        named = [
            (term, clause_id)
            for term, clause_id in (*self.library.definitions, *self.library.abbreviations)
            if named_so(term) and doc_id_of(clause_id) in scope
        ]
        return self.library.clause(named[0][1]) if named else None

    def _liable(self, question: Question, scope: list[str]) -> Hit | None:
        """The regulation's clause naming who is liable for the act a question asks who
        does (谁负责修复矿山 → 采矿权人是矿山生态修复的义务人), if one does."""
        if not rules.pattern("who_liable").search(question.text):
            return None
        words = [w for c in self.relevance.concepts(question) for w in c if len(w) > 1]
        if not words:
            return None
        acts = "|".join(map(re.escape, words))
        named = re.compile(
            rules.data_toml("intents.toml")["patterns"]["liable_named"].replace("{act}", acts)
        )
        naming = [
            c
            for c in self.library.clauses
            if c.doc_id in scope and self.library.is_regulation(c.doc_id) and named.search(c.text)
        ]
        # The one naming most of what is asked (消防设施的维护保养谁负责: 维护保养由运营者
        # 负责, not …是消防安全责任人), the first of those.
        best = max(naming, key=lambda c: sum(w in c.text for w in words), default=None)
        return Hit.of_clause(best) if best else None

    def _stating_first(
        self, context: Context, question: Question, hits: list[Hit], scope: list[str]
    ) -> list[Hit]:
        """哪些情况可以夜间施工, 年度报告要写哪些内容, 什么时候施行: asked for what a
        regulation states in one kind of sentence (但…除外, 应当载明…, 自…起施行), the
        on-topic clauses of scope holding one, those retrieval found first; else ``hits``."""
        for kind, (asked, stating) in rules.data_toml("intents.toml")["stated"].items():
            if not re.search(asked, question.text):
                continue
            # Asked of a document alone (岚溪规定的目的是什么), no topic must be shared; nor
            # a word of its title naming it (为啥要出这个头盔规定: 头盔, the rule's own topic).
            tokens = context.relevance.topic_tokens(question)
            if kind in ("purpose", "effective"):
                titles = [self.library.document(doc).title for doc in scope]
                tokens = [t for t in tokens if not any(t in title for title in titles)]
            found = {h.clause_id for h in hits}
            rest = [
                Hit.of_clause(c)
                for c in self.library.clauses
                if c.doc_id in scope and c.id not in found and self.library.is_regulation(c.doc_id)
            ]
            holding = [
                h
                for h in (*hits, *rest)
                if self.library.is_regulation(h.doc_id)
                and re.search(stating, h.text)
                and (not tokens or context.relevance.overlap(tokens, h.text))
            ]
            # An article before the note under the title that restates it (（…公布　自…施行）).
            holding.sort(key=lambda h: h.clause_id in self.library.preambles)
            return holding or hits
        return hits

    def _stated_number(
        self, context: Context, question: Question, hits: list[Hit], scope: list[str]
    ) -> Answer | None:
        """每年要抽查多少: a regulation states its numbers in sentences, not as a plan's
        targets. Not when the question names what no clause does (多少分贝, 保证金)."""
        # A fine is no price (充一次电多少钱 → 私拉电线充电的，处五十元…罚款), nor is a
        # row of the schedule a penalty fines by (附件: 未配备救生衣 | 每次处500元罚款).
        fines = {p.clause_id for p in self.library.penalties}
        fines |= {c.id for rows in self.library.fine_schedules.values() for c in rows}
        stated = [
            h for h in hits if self.library.is_regulation(h.doc_id) and h.clause_id not in fines
        ]
        if not stated or names_unsaid(context.relevance, question, scope):
            return None
        quantity = rules.pattern("quantity").search(question.text)
        number = rules.pattern("number_stated")
        measure = rules.measure_asked(question.text)
        answer = None
        if measure:  # 村道养护一年给多少钱: an article stating a sum before one stating none
            numbered = [h for h in stated if amounts.states(h.text, measure)]
            # 外机最低要装多高: an item of an article found, or of the article of an item
            # found, states it (（一）安装高度…不得低于二点五米), though the item alone names
            # nothing asked.
            found = {h.clause_id for h in numbered}
            articles = [self.library.enclosing(h.clause_id) for h in stated]
            wholes = dict.fromkeys([h.clause_id for h in stated] + [a.id for a in articles if a])
            numbered += [
                Hit.of_clause(c)
                for whole in wholes
                for c in self.library.parts(whole)
                if c.id not in found and amounts.states(c.text, measure)
            ]
            answer = compose_passage(context, question, numbered, scope) if numbered else None
        answer = answer or compose_passage(context, question, stated, scope)
        if not quantity:
            return answer  # 回收率有什么要求: a rate named, no number asked (符合国家标准)
        if measure:
            if answer and any(amounts.states(c.quote, measure) for c in answer.citations):
                return answer
            return None  # 离住宅最少要多远: a time limit (公示期不少于七日) is no distance
        if answer and any(number.search(c.quote) for c in answer.citations):
            return answer
        return None  # 浓度限值是多少: the nearest clause states no number

    def _candidates(
        self, context: Context, question: Question, scope: list[str], topic: Sequence[str]
    ) -> list[Hit]:
        if topic:
            clauses = [self.library.clause(c) for c in topic if doc_id_of(c) in scope]
            if clauses:
                return [Hit.of_clause(c) for c in clauses]
        hits = context.search(question.text, 8, scope)
        if question.intent in ("lead", "departments"):
            hits += self._charging(question, scope, hits)
        if question.intent == "penalty" or not self._penalty_articles:
            return hits
        # A 法律责任 article restates the duty it enforces (未按照规定公开监测结果的…):
        # asked about the duty itself, the article that sets it answers first.
        # An item of one (第十八条（二）向河流…直接排放…的) restates it as much; not one
        # that says all that is asked, a thing of it in what it imposes, past the conduct,
        # that no other clause found says (代为处置，所需费用由饲养人承担: 代为).
        duties = [h.text for h in hits if not self._in_penalty(h.clause_id)]
        concepts = self.relevance.concepts(question)
        conducts = {p.clause_id: p.conduct for p in self.library.penalties}

        def restating(hit: Hit) -> bool:
            if not self._in_penalty(hit.clause_id):
                return False
            if not concepts or not all(any(w in hit.text for w in c) for c in concepts):
                return True
            imposed = hit.text.replace(conducts.get(hit.clause_id, ""), "")
            return not any(
                any(w in imposed for w in c) and not any(w in t for t in duties for w in c)
                for c in concepts
            )

        return sorted(hits, key=restating)

    def _charging(self, question: Question, scope: list[str], found: list[Hit]) -> list[Hit]:
        """The clauses of ``scope`` charging an agency with all that is asked that
        retrieval missed (街头艺人归哪个部门管: 市文化广电和旅游局负责街头艺人表演的…监督
        管理, found by no word but the topic every article names)."""
        concepts = self.relevance.concepts(question)
        seen = {h.clause_id for h in found}
        charging = (d.clause_id for d in self.library.agency_duties if d.doc_id in scope)

        def names_all(clause_id: str) -> bool:
            text = self.library.clause(clause_id).text.lower()
            return all(any(form in text for form in c) for c in concepts)

        return [
            Hit.of_clause(self.library.clause(clause_id))
            for clause_id in dict.fromkeys(charging)
            if clause_id not in seen and concepts and names_all(clause_id)
        ]

    def _in_penalty(self, clause_id: str) -> bool:
        return clause_id in self._penalty_articles or any(
            clause_id.startswith(p + "/") for p in self._penalty_articles
        )

    @cached_property
    def _penalty_articles(self) -> frozenset[str]:
        return frozenset(p.clause_id for p in self.library.penalties)

    def _specified(self, question: Question, scope: list[str]) -> bool:
        """Whether a document in scope does state what plans never do: a regulation's
        法律责任 states fines, its 附则 what it repeals (废止)."""
        if question.intent == "penalty" and any(p.doc_id in scope for p in self.library.penalties):
            return True
        asked = [m.group() for m in rules.pattern("never_specified").finditer(question.text)]
        texts = [self.library.document(d).text for d in scope]

        def said(term: str) -> bool:  # in any of its forms: 电话 where the text writes 通讯号码
            if rules.measure_asked(term) == "money":  # 多少钱: a sum stated, not as a fine
                fines = {p.clause_id for p in self.library.penalties}
                return any(
                    c.doc_id in scope and c.id not in fines and amounts.states(c.text, "money")
                    for c in self.library.clauses
                )
            return any(form in t for t in texts for form in expand_synonyms([term]))

        return bool(asked) and all(map(said, asked))

    def _year_unknown(self, question: Question) -> bool:
        # A time window may end in a year the plans never name (2024年底前).
        if question.intent == "due_window":
            return False
        return any(f"{year}年" not in self._years_text for year in question.years)
