"""Owns relevance: which words of a question carry its topic, and how clauses match them."""

from __future__ import annotations

import math
import re

from policyqa import rules
from policyqa.library import Library
from policyqa.retrieve import Hit
from policyqa.segment import Segmenter, expand_synonyms
from policyqa.understand import Question

# Too common in a plan of this genre to tell clauses apart, even in a title.
_GENRE_WORDS = ("污染", "污染物")
_HAN = re.compile("[\u4e00-\u9fff]+")
# Particles and punctuation that end a question after the thing it asks (吗, 呢, 了, ？).
_TRAILING = frozenset({"x", "y", "ul", "ug", "uj", "e", "o", "w"})


def _required(text: str) -> re.Match[str] | None:
    """What a question asks the requirements of: 对X有什么要求, else X有什么规定."""
    return rules.pattern("requirement_of").search(text) or rules.pattern(
        "requirement_whole"
    ).search(text)


def _asked_span(question: Question) -> tuple[str, bool, bool] | None:
    """The part of a question that ends with the thing it asks outright; whether that is
    what it asks the requirements of (对…有什么要求: a thing by construction, whatever
    jieba tags its last word); whether it may be a loose turn of speech (这摊事由谁承担)."""
    required = _required(question.text)
    if required:
        return required.group("thing"), True, False
    if rules.pattern("yes_no").search(question.text):
        return question.text, False, False
    who = rules.pattern("who_charged").search(question.text)
    if who and question.intent in ("lead", "departments"):
        return question.text[: who.start()], False, True  # 检测费用由谁承担 → 费用
    what = rules.pattern("what_thing").search(question.text)
    if what:
        return what.group("thing"), False, False  # 需要办理什么许可证 → 许可证
    return None


def _askers(word: str, asked: str) -> bool:
    """Whether an enterprise word is the asker's name for the party bound: a subject
    (汽修厂能…吗) or a bare 公司 (交给没有许可证的公司), not a named third party in what is
    asked (卖给炼油厂)."""
    return len(word) <= 2 or word not in asked


def _place_of(word: str) -> str:
    """A noun less the localizer that makes it a place (河里 → 河, 管道里 → 管道); not a
    word of its own that the synonym table knows (夜里, 夜间)."""
    if len(word) < 2 or not rules.pattern("localizer").search(word):
        return word
    return word if len(expand_synonyms([word])) > 1 else word[:-1]


class Relevance:
    """Topic words of questions and their overlap with clauses of one library.

    Args:
        library: the documents whose clauses are scored.
        segmenter: jieba with the policy dictionary.
    """

    def __init__(self, library: Library, segmenter: Segmenter) -> None:
        self.library = library
        self.segmenter = segmenter
        regions = {name for names in library.region_names().values() for name in names}
        self.question_words = rules.question_words() | regions
        self._interrogative = rules.pattern("interrogative")
        self._regions = sorted(regions, key=len, reverse=True)
        # Each clause's document and lowered text, read once: every question scans them.
        self._lowered = tuple((c.doc_id, c.text.lower()) for c in library.clauses)
        self._naming: dict[tuple[str, ...], tuple[str, ...]] = {}
        self._weights: dict[tuple[str, ...], float] = {}
        self._abbreviations: dict[str, tuple[str, ...]] = {}

    def is_question_word(self, word: str) -> bool:
        """Whether ``word`` says what is asked (由谁, 谁来管, 多长时间), not what about."""
        return word in self.question_words or bool(self._interrogative.search(word))

    def topic_tokens(self, question: Question) -> list[str]:
        """Words that say what the question is about: not question words, and not words
        so common in the corpus (污染物, 环境) that they tell clauses apart poorly."""
        words = [
            w for w in self.segmenter.search_tokens(question.text) if not self.is_question_word(w)
        ]
        words = [w for w in expand_synonyms(words) if len(w) > 1 or w.isascii()]
        # 年报, which no clause writes: 年度报告 (not 排污 → 排放污染, counted twice).
        words += [f for w in words if not self.naming((w,)) for f in self._spelled_out(w)]
        return [w for w in dict.fromkeys(words) if self.clause_share(w) <= 0.4]

    def content_words(self, text: str) -> list[str]:
        """jieba's words of ``text`` less the question words."""
        return [w for w in self.segmenter.words(text) if not self.is_question_word(w)]

    def clause_share(self, word: str) -> float:
        """The share of clauses containing ``word``."""
        return len(self.naming((word,))) / max(1, len(self._lowered))

    def naming(self, concept: tuple[str, ...]) -> tuple[str, ...]:
        """The document of each clause that names ``concept`` in any of its forms."""
        if concept not in self._naming:  # asked again by every rerank and refusal: once
            self._naming[concept] = tuple(
                doc for doc, text in self._lowered if any(w in text for w in concept)
            )
        return self._naming[concept]

    def said(self, concept: tuple[str, ...], scope: list[str]) -> bool:
        """Whether a clause of ``scope`` names ``concept`` in any of its forms."""
        return any(doc in scope for doc in self.naming(concept))

    @staticmethod
    def overlap(tokens: list[str], text: str) -> int:
        """How many distinct ``tokens`` occur in ``text``."""
        lowered = text.lower()
        return sum(1 for t in set(tokens) if t in lowered)

    @staticmethod
    def per_doc(hits: list[Hit], scope: list[str]) -> dict[str, list[Hit]]:
        """Hits grouped by document, every document of ``scope`` present."""
        grouped: dict[str, list[Hit]] = {doc: [] for doc in scope}
        for hit in hits:
            if hit.doc_id in grouped:
                grouped[hit.doc_id].append(hit)
        return grouped

    def docs_to_answer(self, question: Question, hits: list[Hit], scope: list[str]) -> list[str]:
        """A named region's plan; otherwise every plan whose best clause is on topic."""
        if question.doc_ids:
            return list(question.doc_ids)
        if not hits:
            return []
        tokens = self.topic_tokens(question)
        best = {doc: group[0] for doc, group in self.per_doc(hits, scope).items() if group}
        top_overlap = self.overlap(tokens, hits[0].text)
        chosen = [hits[0].doc_id]
        for doc, hit in best.items():
            if (
                doc != hits[0].doc_id
                and hit.score >= 0.8 * hits[0].score
                and self.overlap(tokens, hit.text) >= max(1, top_overlap)
            ):
                chosen.append(doc)
        return chosen

    def concepts(self, question: Question) -> list[tuple[str, ...]]:
        """The things a question is about, each with its synonyms: a word inside a longer
        one (抗生 in 抗生素) is the same thing, and so are synonyms (抗生素, 抗菌药)."""
        text = question.text
        for name in self._regions:  # longest first, so 连云 is not left of 连云港
            text = text.replace(name, " ")
        words = [
            w
            for w in map(_place_of, self.segmenter.search_tokens(text))
            if not self.is_question_word(w)
            and w not in _GENRE_WORDS
            and (len(w) > 1 or w.isascii())
        ]
        words = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]
        return [tuple(expand_synonyms([w.lower()])) + self._spelled_out(w) for w in words]

    def _spelled_out(self, word: str) -> tuple[str, ...]:
        """The words an abbreviation of two or three characters may stand for: each
        character opening a word of two (监管 for 监督管理, 危废 for 危险废物, 禁用区 for
        禁止使用区域), as Chinese abbreviates. One document writes 监管 where another
        writes it out."""
        if len(word) not in (2, 3) or not _HAN.fullmatch(word):
            return ()
        if word not in self._abbreviations:
            shape = re.compile("".join(f"{re.escape(c)}[\u4e00-\u9fff]" for c in word))
            found = {
                m.group()
                for _, text in self._lowered
                for m in shape.finditer(text)
                # each pair a word (监督 / 管理), not a run across words (内从 / 事网)
                if all(
                    self.segmenter.is_word(m.group()[i : i + 2]) for i in range(0, len(word) * 2, 2)
                )
            }
            self._abbreviations[word] = tuple(sorted(found))
        return self._abbreviations[word]

    def unsaid(self, question: Question, scope: list[str]) -> list[tuple[str, ...]]:
        """The question's concepts that no clause of ``scope`` names in any form: what
        the documents do not speak of (吊销, 费用), so cannot answer. A run of characters
        jieba guessed to be a word (施工前要 → 前要) is no concept of its own."""
        complement = rules.pattern("verb_complement")
        unasked = rules.pattern("verb_unasked")
        return [
            c
            for c in self.concepts(question)
            if self.segmenter.is_word(c[0])
            and not complement.search(c[0])  # 交给, 倒进: the asker's wording of an act
            and not unasked.search(c[0])  # 遵守这个规定: the text says 适用
            and not self.said(c, scope)
        ]

    def sole_document(self, question: Question) -> str | None:
        """The one document that names a thing of the question no other document names
        (扬尘, 机动车维修经营者), when no word of the question, thing or act, is one other
        document's alone (渠道 in a plan, 披露 in a 条例): the question is about that
        document though it does not name it."""
        tags = dict(self.segmenter.tagged(question.text))
        things: set[str] = set()
        alone: set[str] = set()
        for concept in self.concepts(question):
            docs = set(self.naming(concept))
            if len(docs) == 1:
                alone |= docs
                if tags.get(concept[0], "")[:1] == "n":  # a verb (履行) names no document
                    things |= docs
        return things.pop() if len(things) == 1 and alone == things else None

    def asked_thing(self, question: Question) -> tuple[str, ...] | None:
        """The thing a question asks about outright, with its synonyms: the last noun of a
        yes-or-no question (有奖励吗 → 奖励, 是否需要购买责任保险 → 责任保险) or of what it
        asks the requirements of (对外卖包装有什么要求 → 包装), who is charged with
        (检测费用由谁承担 → 费用) or which one must obtain (需要办理什么许可证 → 许可证); None
        when it ends otherwise (还能随便买吗) or asks none."""
        span = _asked_span(question)
        if span is None:
            return None
        text, required, loose = span
        words = self.segmenter.tagged(text)
        while words and words[-1][1] in _TRAILING:  # 吗, ？ after it; a 的 inside stays
            words = words[:-1]
        if not words:
            return None
        word, tag = words[-1]
        word = _place_of(word)  # 排到河里吗: 河, the thing; 里 says where in it
        # A compound jieba splits (环境保护 / 税): the nouns ending the question, as one.
        run = 1
        while run < len(words) and words[-run - 1][1].startswith("n") and tag.startswith("n"):
            run += 1
        if len(word) == 1 and run > 1:
            word = "".join(w for w, _ in words[-run:])
        noun = tag.startswith("n") or tag == "vn" or required
        if not noun or len(word) < 2:
            return None
        if self.is_question_word(word) or word in _GENRE_WORDS:
            return None
        if re.search(f"(?:{rules.pattern('enterprise').pattern})$", word):
            return None  # 没有许可证的公司吗: the asker's own word for the party, not a thing
        if loose and not self.segmenter.is_word(word):
            return None  # 这摊事归哪个局: a loose turn of speech (摊事), not a thing
        return tuple(expand_synonyms([word.lower()]))

    def asks_unsaid(self, question: Question, scope: list[str]) -> bool:
        """Whether a question asks outright about what no clause of ``scope`` names in any
        form: the thing it asks the requirements of, asks yes or no about (有奖励吗) or asks
        who bears (费用由谁承担); any noun of that thing or of a yes-or-no question
        (对家庭厨余垃圾分类有什么要求, where nothing speaks of 家庭); or the act it asks yes
        or no or how often about (可以延期吗, 洒水每天几次). The asker's own 公司 or 汽修厂 is
        no such word."""
        if question.article:
            return False  # 第五条第二款怎么规定的: the article says, or says it has no such 款
        thing = self.asked_thing(question)
        if thing is not None and not self.said(thing, scope):
            return True
        required = _required(question.text)
        yes_no = bool(rules.pattern("yes_no").search(question.text))
        often = bool(rules.pattern("frequency_asked").search(question.text))
        if question.intent == "penalty" or not (required or yes_no or often):
            return False  # 会被关停吗: the penalties say what they impose (``compose_penalty``)
        # A thing (家庭, 奖励); asked yes or no, how often or what is required of it, an act
        # too (可以延期吗, 洒水每天几次), unless the asker's verb is one the text words
        # otherwise (倒进 for 排入: ``verb_unasked``; a complemented verb is never unsaid).
        acts = yes_no or often or bool(required)
        tagged = self.segmenter.tagged(question.text)
        tags = dict(tagged)
        if required:
            asked = required.group("thing")
        else:  # what is asked of a subject thing, which is the asker's name for it
            # (挖掘机冒黑烟可以举报吗: 非道路移动机械, as the text calls it); a subject
            # party the text does not bind (外卖平台需要…吗) is asked about.
            party = rules.pattern("party_word")
            subject = 0
            while (
                subject < len(tagged) - 1
                and tagged[subject][1][:1] == "n"
                and not party.search(tagged[subject][0])
            ):
                subject += 1
            asked = "".join(w for w, _ in tagged[subject:])
        # The asker's own kind of place (汽修厂, 化工厂): how it calls the party bound.
        own = re.compile(f"(?:{rules.pattern('enterprise').pattern})$")
        unasked = rules.pattern("verb_unasked")
        # What a thing is asked about may be a time (夜间施工有什么规定) as well as a thing.
        kinds = ("vn", "t") if required else ("vn",)

        # A noun-verb or adverb before the verb it qualifies (免费放, 直接往水里排) says how,
        # not what.
        manner = {
            w
            for i, (w, tag) in enumerate(tagged)
            if tag in ("vn", "ad") and any(then == "v" for _, then in tagged[i + 1 :])
        }
        # An adjective before a noun the text names (普通塑料胶带 for 不可降解的塑料胶带),
        # asked yes or no: the text's own qualifier of that thing answers it. What a thing
        # is required of is told apart by its qualifier (对大件垃圾有什么要求), so not there.
        qualifier = {
            w
            for (w, tag), (then, then_tag) in zip(tagged, tagged[1:], strict=False)
            if not required
            and tag in ("a", "b", "nz")
            and then_tag[:1] == "n"
            and self.said(tuple(expand_synonyms([then])), scope)
        }

        def asks(word: str) -> bool:
            tag = tags.get(word, "")
            if tag == "nr" or word in manner or word in qualifier:
                return False  # 顾客, which jieba guesses is a person's name; 免费放
            if tag in ("v", "ad"):  # 延期, 公开
                return acts and not unasked.search(word)
            if len(word) >= 3 and self.said((word[:2],), scope):
                return False  # 排水管道 for 排水设施: the asker's name for a thing it names
            return tag[:1] == "n" or tag in kinds

        if acts and self._split_act_unsaid(question, scope):
            return True
        return any(
            c[0] in asked and asks(c[0]) and not (own.search(c[0]) and _askers(c[0], asked))
            for c in self.unsaid(question, scope)
        )

    def _split_act_unsaid(self, question: Question, scope: list[str]) -> bool:
        """An act jieba splits before a complement (转 / 交给 for 转交给) that no clause
        names: the verb and the complemented verb's stem, read as one (转交)."""
        tagged = self.segmenter.tagged(question.text)
        complement = rules.pattern("verb_complement")
        modal = rules.pattern("modal")
        for (before, tag), (word, _) in zip(tagged, tagged[1:], strict=False):
            if modal.search(before):
                continue  # 能 / 卖掉: a modal, then the act
            if len(before) == 1 and tag == "v" and len(word) == 2 and complement.search(word):
                if not self.said(tuple(expand_synonyms([before + word[0]])), scope):
                    return True
        return False

    def weighted(self, question: Question) -> list[tuple[tuple[str, ...], float]]:
        """The question's concepts, and its one-character verbs (拆, 洗), each with its
        weight: such a verb is too short to be a thing asked about, or unsaid, but it
        tells which of two clauses on one thing is meant (把设施拆了 → 擅自拆除)."""
        light = rules.pattern("light_verb")
        acts = [
            (word,)
            for word, tag in self.segmenter.tagged(question.text)
            if len(word) == 1
            and tag == "v"
            and _HAN.fullmatch(word)
            and word not in self.segmenter.stop
            and not self.is_question_word(word)
            and not light.search(word)
        ]
        # 扔 is 投放 (synonyms.toml) as a longer word is its synonyms.
        spoken = [tuple(expand_synonyms(list(act))) for act in dict.fromkeys(acts)]
        return [(c, self.weight(c)) for c in (*self.concepts(question), *spoken)]

    def weight(self, concept: tuple[str, ...]) -> float:
        """How well a concept tells clauses apart: the log of the inverse share of the
        clauses that name it in any of its forms."""
        if concept not in self._weights:  # every rerank asks again: count once
            clauses = len(self._lowered)
            self._weights[concept] = math.log((clauses + 1) / (len(self.naming(concept)) + 1))
        return self._weights[concept]

    def rerank(self, question: Question, hits: list[Hit], limit: int = 4) -> list[Hit]:
        """Re-order the top hits by the concepts of the question they name, each weighted
        by how rare it is, a title counting again.

        Titles are short and name the task, so a title match is strong evidence; a rare
        concept (菌渣) outweighs a common one, so that long clauses do not win on length
        and a clause naming both things asked about beats one naming one of them twice.
        Retrieval rank breaks ties.
        """
        weighted = self.weighted(question)

        def named(concept: tuple[str, ...], text: str) -> bool:
            lowered = text.lower()
            return any(w in lowered for w in concept)

        def key(item: tuple[int, Hit]) -> tuple[float, int]:
            rank, hit = item
            title = self.library.clause(hit.clause_id).title
            text = self._with_chapeau(hit)
            score = sum(w * (named(c, text) + named(c, title)) for c, w in weighted)
            return -round(score, 6), rank

        top = sorted(enumerate(hits[:limit]), key=key)
        return [hit for _, hit in top] + hits[limit:]

    def _with_chapeau(self, hit: Hit) -> str:
        """A regulation's item read after the sentence of its article that introduces it
        (报告内容应当包括下列事项： (三)生产或者进口量): an item says nothing alone."""
        if not self.library.is_regulation(hit.doc_id):
            return hit.text
        return self.library.chapeau(hit.clause_id) + hit.text
