"""Owns ordering a question's hits by what they name of it: the rerank the composers ask
before they quote, weighing each concept by how rare it is, with the clauses that answer
only one kind of question set aside."""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from functools import cached_property
from typing import TYPE_CHECKING

from policyqa import amounts, rules
from policyqa.compose.wording import count_stating
from policyqa.library import Library
from policyqa.retrieve import Hit
from policyqa.segment import expand_synonyms
from policyqa.understand import Question

if TYPE_CHECKING:
    from policyqa.compose.relevance import Relevance

# Less than any word's weight: breaks a tie between clauses, never outweighs a word.
_TIE = 0.001
# How near the first clause's score another document's best must come to lead instead.
_NEARLY_ALIKE = 0.9


def leading_hit(first: Hit, best: Sequence[Hit], concepts: Sequence[tuple[str, ...]]) -> Hit:
    """The clause whose document answers first: of the documents' best clauses ranked
    nearly alike to ``first``, one naming all that ``first`` names of ``concepts`` and more
    (笼子多久消毒一次: the rule naming 笼 and 消毒, not one disinfecting rooms); else
    ``first``."""

    def named(hit: Hit) -> set[tuple[str, ...]]:
        text = hit.text.lower()
        return {c for c in concepts if any(form in text for form in c)}

    top = first
    for hit in best:
        if hit.score >= _NEARLY_ALIKE * first.score and named(hit) > named(top):
            top = hit
    return top


class Ranking:
    """The rerank of one library's hits.

    Args:
        library: the documents whose clauses are ranked.
        relevance: the question's concepts and their weights.
        lowered: each clause's document and lowered text.
    """

    def __init__(
        self, library: Library, relevance: Relevance, lowered: tuple[tuple[str, str], ...]
    ) -> None:
        self.library = library
        self.relevance = relevance
        self._lowered = lowered
        self._held: dict[amounts.Amount, float] = {}
        self._measures: dict[str, float] = {}

    def rerank(self, question: Question, hits: list[Hit], limit: int = 4) -> list[Hit]:
        """Re-order the top hits by the concepts of the question they name, each weighted
        by how rare it is, a title counting again.

        Titles are short and name the task, so a title match is strong evidence; a rare
        concept (菌渣) outweighs a common one, so that long clauses do not win on length
        and a clause naming both things asked about beats one naming one of them twice.
        Retrieval rank breaks ties.
        """
        weighted = _merged(self.relevance.weighted(question))
        aside = self._set_aside(question)

        def named(concept: tuple[str, ...], text: str) -> bool:
            lowered = text.lower()
            return any(w in lowered for w in concept)

        # An amount asked (超计划30%, 批了六年) is named by the clause whose range holds it
        # (百分之二十以上百分之四十以内, 超过五年), as rare as the ranges holding it are.
        amount = amounts.stated_amount(question.text)
        held = self._holding(amount) if amount else 0.0
        measure = rules.measure_asked(question.text)  # asked in a measure, with no amount
        # 几点, or 晚上 of a text that states hours (二十二时至次日六时): a clock time answers.
        time = rules.pattern("time_word")
        hour = rules.pattern("hour_asked").search(question.text) or any(
            time.search(c[0]) for c, _ in weighted
        )
        clock = rules.pattern("clock_time")
        permission = rules.pattern("permission_asked").search(question.text)
        permitting = rules.pattern("permitting")
        # 物业发现…要怎么做: what the party named must do, before what anyone must not.
        acting = bool(question.actor) and bool(rules.pattern("what_to_do").search(question.text))
        bound = max((w for _, w in weighted), default=0.0)
        counted = count_stating(question.text)

        def key(item: tuple[int, Hit]) -> tuple[float, int]:
            rank, hit = item
            title = self.library.clause(hit.clause_id).title
            text = self._with_chapeau(hit)
            score = sum(w * (named(c, text) + named(c, title)) for c, w in weighted)
            if amount and amounts.holds(hit.text, amount):
                # 一斤 is held squarely by 五百克以下, at the edge by 超过五百克.
                score += held - _TIE * amounts.holds_at_edge(hit.text, amount)
            elif amount and amounts.states(hit.text, amount.measure):
                # 能盖四层吗: 不得超过三层, a cap in the same measure, as rare as such caps.
                score += self._stating(amount.measure)
            elif measure and amounts.states(hit.text, measure):
                score += self._stating(measure)  # 最多能包几层: 不得超过三层
            if hour and clock.search(text):
                score += self._clocked  # 夜市几点开始: 每日18时至次日1时
            if permission and permitting.search(text):
                score += _TIE  # equal on the words asked, what forbids or allows answers
            if acting and question.actor in self._actors_of.get(hit.clause_id, ()):
                score += bound
            stating = bool(counted and counted.search(text))
            if stating:
                score += _TIE  # 按几级保护: 实行一级保护
            # 最多能有几间房: a definition stating the cap (客房数量不超过十四间) answers it;
            # so does one alone naming a thing asked (…供群众免费使用的健身器材, 要钱吗).
            # A preamble names what a regulation is about, and a 修改决定 quotes its articles
            # whole: it answers only where no article is on topic.
            kept = hit.clause_id in alone and hit.clause_id not in self.library.preambles
            score *= hit.clause_id not in aside or stating or kept
            return -round(score, 6), rank

        alone = self._naming_most(question, hits[:limit], aside)
        top = sorted(enumerate(hits[:limit]), key=key)
        return [hit for _, hit in top] + hits[limit:]

    def _set_aside(self, question: Question) -> set[str]:
        """The clauses that answer only one kind of question, asked another. A definition
        (本规定所称…是指…包括瓶、罐、桶、袋) names what it defines and its kinds, and a
        purpose article (为了防治…污染，制定本规定) the regulation's topic, but each answers
        only what a term means, or why; a fine schedule (附件's amounts) answers fines; a
        drafting note (起草说明) retells the articles, and answers only what none names;
        so does what stands above a regulation's first article (a 修改决定 quoting the
        articles it rewrites, a 政府令)."""
        aside: set[str] = set(self.library.commentary) | self.library.preambles
        if not rules.pattern("definition_asked").search(question.text):
            aside |= {clause_id for _, clause_id in self.library.definitions}
        if not rules.pattern("purpose_asked").search(question.text):
            aside |= self._purposes
        if question.intent != "penalty":
            aside |= {c.id for rows in self.library.fine_schedules.values() for c in rows}
        return aside

    def _naming_most(self, question: Question, reach: list[Hit], aside: set[str]) -> set[str]:
        """The set-aside hits that name more of the things asked than any other hit in
        reach: as asked or by a synonym, not by a class (门口 as a definition's 周边)."""
        concepts = self.relevance.concepts(question)
        things = [tuple(expand_synonyms([c[0]])) for c in concepts]

        def count(text: str, among: list[tuple[str, ...]]) -> int:
            lowered = text.lower()
            return sum(any(w in lowered for w in c) for c in among)

        most = max((count(o.text, concepts) for o in reach if o.clause_id not in aside), default=0)
        # A 政策解读 names what every article does, all in one (问：…答：…): it answers only
        # where no article in reach names a thing asked.
        part = rules.pattern("retelling_part")
        retelling = {
            h.clause_id
            for h in reach
            if most and any(map(part.match, self.library.clause(h.clause_id).path))
        }
        return {
            h.clause_id
            for h in reach
            if h.clause_id in aside - retelling and count(h.text, things) > most
        }

    def _rarity(self, stating: Callable[[str], bool]) -> float:
        """How rare clauses are that state something: the log of the inverse share of
        the clauses for which ``stating`` holds."""
        count = sum(bool(stating(text)) for _, text in self._lowered)
        return math.log((len(self._lowered) + 1) / (count + 1))

    def _holding(self, amount: amounts.Amount) -> float:
        """The weight of naming an amount: as rare as the clauses whose ranges hold it."""
        if amount not in self._held:
            self._held[amount] = self._rarity(lambda text: amounts.holds(text, amount))
        return self._held[amount]

    def _stating(self, measure: str) -> float:
        """The weight of stating an amount in ``measure``: as rare as such clauses."""
        if measure not in self._measures:
            self._measures[measure] = self._rarity(lambda text: amounts.states(text, measure))
        return self._measures[measure]

    @cached_property
    def _clocked(self) -> float:
        """The weight of stating an hour of the day: as rare as such clauses."""
        clock = rules.pattern("clock_time")
        return self._rarity(lambda text: bool(clock.search(text)))

    @cached_property
    def _actors_of(self) -> dict[str, set[str]]:
        """The parties each clause's duties bind."""
        actors: dict[str, set[str]] = {}
        for duty in self.library.obligations:
            actors.setdefault(duty.clause_id, set()).add(duty.actor)
        return actors

    @cached_property
    def _purposes(self) -> set[str]:
        """The purpose article of each regulation."""
        purpose = rules.pattern("purpose_article")
        return {
            c.id
            for c in self.library.clauses
            if self.library.is_regulation(c.doc_id) and purpose.match(c.text)
        }

    def _with_chapeau(self, hit: Hit) -> str:
        """A regulation's item read after the sentence of its article that introduces it
        (报告内容应当包括下列事项： (三)生产或者进口量): an item says nothing alone; and an
        article that introduces items read with them (应当具备下列条件： … 面积不少于…)."""
        if not self.library.is_regulation(hit.doc_id):
            return hit.text
        items = "".join(c.text for c in self.library.parts(hit.clause_id))
        return self.library.chapeau(hit.clause_id) + hit.text + items


def _merged(
    weighted: list[tuple[tuple[str, ...], float]],
) -> list[tuple[tuple[str, ...], float]]:
    """Concepts that share a form, as one (游乐 and 设施 are both 大型游乐设施): a clause
    naming that form names one thing asked, not two. The heavier weight stands."""
    merged: list[tuple[tuple[str, ...], float]] = []
    for concept, weight in weighted:
        at = next((i for i, (c, _) in enumerate(merged) if set(c) & set(concept)), None)
        if at is None:
            merged.append((concept, weight))
        else:
            forms, heavier = merged[at]
            merged[at] = (tuple(dict.fromkeys((*forms, *concept))), max(heavier, weight))
    return merged
