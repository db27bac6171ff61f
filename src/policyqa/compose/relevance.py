"""Owns relevance: which words of a question carry its topic, and how clauses match them."""

from __future__ import annotations

import math
import re
from functools import lru_cache

from policyqa import amounts, rules
from policyqa.compose.ranking import Ranking, leading_hit
from policyqa.compose.spelling import Spellings
from policyqa.compose.wording import (
    COUNT,
    HAN,
    apart_pattern,
    char_after,
    cut_across,
    forms_of,
    place_of,
)
from policyqa.library import Library
from policyqa.retrieve import Hit
from policyqa.segment import Segmenter, expand_synonyms
from policyqa.understand import Question

# Too common in a plan of the genre to tell clauses apart, even in a title.
GENRE_WORDS: tuple[str, ...] = tuple(rules.data_toml("intents.toml")["genre_words"])
DOCUMENT_GENRES: tuple[str, ...] = tuple(rules.data_toml("intents.toml")["genres"]["names"])


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
        self._apart_naming: dict[str, tuple[str, ...]] = {}
        self._word_naming: dict[str, tuple[str, ...]] = {}
        self._weights: dict[tuple[str, ...], float] = {}
        self._concepts_of = lru_cache(maxsize=256)(self._read_concepts)
        self.spellings = Spellings(library, segmenter, self._lowered)
        self.ranking = Ranking(library, self, self._lowered)

    def is_question_word(self, word: str) -> bool:
        """Whether ``word`` says what is asked (由谁, 谁来管, 多长时间), not what about."""
        return word in self.question_words or bool(self._interrogative.search(word))

    def topic_tokens(self, question: Question) -> list[str]:
        """Words that say what the question is about: not question words, and not words
        so common in the corpus (污染物, 环境) that they tell clauses apart poorly."""
        words = [
            w for w in self.segmenter.asked_tokens(question.text) if not self.is_question_word(w)
        ]
        words = [w for w in expand_synonyms(words) if len(w) > 1 or w.isascii()]
        # 年报, which no clause writes: 年度报告 (not 排污 → 排放污染, counted twice).
        words += [f for w in words if not self.naming((w,)) for f in self.spellings.spelled_out(w)]
        return [w for w in dict.fromkeys(words) if self.clause_share(w) <= 0.4]

    def topic_forms(self, question: Question) -> list[str]:
        """``topic_tokens`` and the forms of the question's concepts, a class a word names
        one way among them (门口 → 周边): what a clause on the topic may say instead."""
        forms = [f for c in self.concepts(question) for f in c if len(f) > 1]
        tokens = self.topic_tokens(question)
        return tokens + [f for f in dict.fromkeys(forms) if self.clause_share(f) <= 0.4]

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

    def says_word(self, word: str, scope: list[str]) -> bool:
        """Whether a clause of ``scope`` says ``word`` as a word of its own, not inside a
        longer one (农村 in 市农业农村局, an office)."""
        if word not in self._word_naming:  # the clauses holding a word are tagged once
            self._word_naming[word] = tuple(
                doc
                for doc, text in self._lowered
                if word in text and word in (w for w, _ in self.segmenter.tagged(text))
            )
        return any(doc in scope for doc in self._word_naming[word])

    def says(self, pattern: re.Pattern[str], scope: list[str]) -> bool:
        """Whether a clause of ``scope`` matches ``pattern``."""
        return any(doc in scope and pattern.search(text) for doc, text in self._lowered)

    @staticmethod
    def overlap(tokens: list[str], text: str) -> int:
        """How many distinct ``tokens`` occur in ``text``."""
        lowered = text.lower()
        return sum(1 for t in set(tokens) if t in lowered)

    @staticmethod
    def shares(tokens: list[str], text: str) -> int:
        """How many distinct ``tokens`` occur in ``text``, a word of two characters also
        written apart (废井 in 报废的取水井)."""
        lowered = text.lower()

        def written_apart(token: str) -> bool:
            apart = apart_pattern(token)
            return apart is not None and apart.search(lowered) is not None

        return sum(1 for t in set(tokens) if t in lowered or written_apart(t))

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
        concepts = self.concepts(question)
        top = leading_hit(hits[0], list(best.values()), concepts)
        top_overlap = self.overlap(tokens, top.text)
        chosen = [top.doc_id]
        # 宠物店要办什么许可证: a plan naming 许可证 but nothing of 宠物 answers no pet rule.
        wanted = [c for c in concepts if self.said(c, chosen)]
        for doc, hit in best.items():
            if (
                doc != top.doc_id
                and hit.score >= 0.8 * top.score
                and self.overlap(tokens, hit.text) >= max(1, top_overlap)
                and all(self.said(c, [doc]) for c in wanted)
            ):
                chosen.append(doc)
        return chosen

    def concepts(self, question: Question) -> list[tuple[str, ...]]:
        """The things a question is about, each with its synonyms: a word inside a longer
        one (抗生 in 抗生素) is the same thing, and so are synonyms (抗生素, 抗菌药). Of a
        question naming its document, the genre it names it by, right or misremembered
        (蓟港养蜂条例 for an 办法), is none."""
        found = self._concepts_of(question.text)
        return [c for c in found if not (question.doc_ids and c[0] in DOCUMENT_GENRES)]

    def _read_concepts(self, text: str) -> tuple[tuple[str, ...], ...]:
        """``concepts`` of a text, read once: refusals, rerank and scoping ask again."""
        for name in self._regions:  # longest first, so 连云 is not left of 连云港
            text = text.replace(name, " ")
        # 本公司作为连锁餐饮企业，…: who the asker is, not what is asked; 3.5t, km/h: the
        # asker's figure or measure.
        text = rules.pattern("self_described").sub(" ", text)
        text = rules.pattern("latin_amount").sub(" ", text)
        text = rules.pattern("result_awaited").sub(" ", text)  # 多久有结果: asked, no thing
        if rules.pattern("frequency_asked").search(text):
            text = rules.pattern("once_asked").sub(" ", text)  # 多久消毒一次
        text = rules.pattern("articles_about").sub(" ", text)  # 哪些条款是关于…的
        function = rules.pattern("function_tags")
        tagged = self.segmenter.tagged(text)
        tags = dict(tagged)
        tokens = self.segmenter.asked_tokens(text)
        # A word the tagger reads as a pronoun and more (我能: 我, 能) is none of the asker's.
        tags.update(
            (w, "r")
            for w in tokens
            if w not in tags and any(t == "r" and p in w for p, t in tagged if p != w)
        )
        located = [place_of(t) for t in tokens]
        # A place's noun of one character (河里 → 河) is still the thing asked about.
        places = {p for p, t in zip(located, tokens, strict=True) if p != t}
        words = [
            self._rejoined(w, tagged)
            for w in map(self._object_of, located)
            if not self.is_question_word(w)
            and w not in GENRE_WORDS
            and (len(w) > 1 or w.isascii() or w in places or self._known_noun(w, tags))
            and not function.match(tags.get(w, ""))  # 朝着: no thing or act
        ]
        # A fee or price on a thing (燃气费) is a thing of its own, however jieba cuts it;
        # not the first character of a word of its own (公示 / 价格).
        fee = rules.pattern("fee_suffix")
        words = [
            w + char_after(text, w)
            if fee.match(char_after(text, w)) and not _starts_word(text, w, tagged)
            else w
            for w in words
        ]
        words = [w for w in dict.fromkeys(words) if not any(w != o and w in o for o in words)]
        return tuple(self.forms(w) for w in words)

    def forms(self, word: str) -> tuple[str, ...]:
        """Every form a clause may write a word of a question in: its synonyms and
        classes, spelled out (监管 → 监督管理), as a term defined to hold it, written apart
        (学校门口 → 学校、医院出入口), and a fee by its thing's other names."""
        return (
            forms_of(word)
            + self.spellings.spelled_out(word)
            + self.spellings.defined_as(word)
            + tuple(a for form in forms_of(word) for a in self.spellings.written_apart(form))
            + self._fee_forms(word)
        )

    def _fee_forms(self, word: str) -> tuple[str, ...]:
        """A fee on a thing by the thing's other names (暖气费 → 供热费)."""
        if not self.is_fee(word):
            return ()
        stem, fee = word[:-1], word[-1]
        return tuple(form + fee for form in forms_of(stem) if form != stem)

    @staticmethod
    def _known_noun(word: str, tags: dict[str, str]) -> bool:
        """A one-character noun the synonym table gives longer forms (证 → 许可证, 执照):
        a thing asked about (要办哪些证), though one character is too short for most."""
        return tags.get(word, "")[:1] == "n" and len(forms_of(word)) > 1

    def is_fee(self, word: str) -> bool:
        """Whether ``word`` is a fee on a word (燃气费): a word, though no dictionary's."""
        fee = rules.pattern("fee_suffix")
        return bool(fee.match(word[-1:])) and self.segmenter.is_word(word[:-1])

    def _rejoined(self, word: str, tagged: list[tuple[str, str]]) -> str:
        """The word jieba cut across (用地 in 能用地笼), where no clause names it and one
        names what its character makes with the next or the one before (地笼, in 地笼网)."""
        if self.naming((word,)):
            return word
        return next((j for j in cut_across(word, tagged) if self.naming((j,))), word)

    def _object_of(self, word: str) -> str:
        """The thing of an act and its object jieba reads as one phrase (坐地铁 → 地铁)
        when no clause names the whole and one names the thing; else ``word``. Not a noun
        with a prefix (超计划: 超 is no act on 计划)."""
        if len(word) != 3 or not HAN.fullmatch(word) or self.naming(forms_of(word)):
            return word
        phrase = self.segmenter.tagged(word)
        if len(phrase) != 1 or phrase[0][1] not in ("i", "l", "v"):
            return word
        thing = word[1:]
        verb = self.segmenter.tagged(word[0])[0][1] == "v"
        named = self.segmenter.is_word(thing) and self.naming(forms_of(thing))
        return thing if verb and named else word

    def unsaid(self, question: Question, scope: list[str]) -> list[tuple[str, ...]]:
        """The question's concepts that no clause of ``scope`` names in any form: what
        the documents do not speak of (吊销, 费用), so cannot answer. A run of characters
        jieba guessed to be a word (施工前要 → 前要) is no concept of its own."""
        complement = rules.pattern("verb_complement")
        unasked = rules.pattern("verb_unasked")
        placed = rules.pattern("place_preposition")
        tagged = self.segmenter.tagged(question.text)
        located = {place_of(w) for w, tag in tagged if tag == "s"}
        supposed = rules.pattern("supposed_frequency")
        framing = rules.pattern("amount_frame")
        # An adverb, or an adjective before a verb (直接喝): how, not what (要公开吗 asks it).
        adverbs = {
            w
            for i, (w, tag) in enumerate(tagged)
            if tag == "d" or (tag == "ad" and any(t[:1] == "v" for _, t in tagged[i + 1 :]))
        }
        # Where an act puts a thing (停在人行道上): what is asked, not where the asker is.
        modal = rules.pattern("modal_word")
        put = {
            place
            for (verb, tag), (at, _), (place, _) in zip(
                tagged, tagged[1:], tagged[2:], strict=False
            )
            if tag[:1] == "v" and not modal.search(verb) and placed.fullmatch(at)
        }
        # 晚上 where a clause states an hour (二十二时至次日六时): the text's way to say it.
        time = rules.pattern("time_word")
        hours = any(time.search(c[0]) for c in self.concepts(question)) and self.says(
            rules.pattern("clock_time"), scope
        )
        return [
            c
            for c in self.concepts(question)
            if (self.segmenter.is_word(c[0]) or self.is_fee(c[0]))
            and not (hours and time.search(c[0]))
            and not complement.search(c[0])  # 交给, 倒进: the asker's wording of an act
            and not unasked.search(c[0])  # 遵守这个规定: the text says 适用
            and not self.said(c, scope)
            and not any(self.said_apart(form, scope) for form in c)  # 收费: 收取任何费用
            and not amounts.is_amount(c[0])  # 30%: the asker's figure, which a bound holds
            and not COUNT.fullmatch(c[0])  # 一次能抽多少: how many at once, no thing
            and not supposed.match(c[0])  # 每天换吗: so is the frequency asked
            and not framing.match(question.text.partition(c[0])[2])  # 控制在多少
            and (
                c[0] in put
                or not re.search(f"(?:{placed.pattern}){re.escape(c[0])}", question.text)
            )
            and c[0] not in adverbs  # 偷偷砍树, 直接供水: how the asker says it is done
            and c[0] not in located  # 家里自来水发黄: where the asker is
        ]

    def said_apart(self, word: str, scope: list[str]) -> bool:
        """Whether a clause of ``scope`` writes a two-character word with a few characters
        between its two (打井 in 新打取水井, 废井 in 报废的取水井, 排污 in 排放水污染物): a
        verb and its object, or a thing and its qualifier, as the asker runs them together."""
        return any(doc in scope for doc in self._naming_apart(word))

    def _naming_apart(self, word: str) -> tuple[str, ...]:
        """The document of each clause that writes ``word`` apart (``said_apart``)."""
        if word not in self._apart_naming:  # asked by refusals and scoping alike: once
            apart = apart_pattern(word)
            self._apart_naming[word] = tuple(
                doc for doc, text in self._lowered if apart is not None and apart.search(text)
            )
        return self._apart_naming[word]

    def sole_document(self, question: Question) -> str | None:
        """The one document that names a thing of the question no other document names
        (扬尘, 机动车维修经营者), when no word of the question, thing or act, is one other
        document's alone (渠道 in a plan, 披露 in a 条例): the question is about that
        document though it does not name it."""
        tags = dict(self.segmenter.tagged(question.text))
        things: set[str] = set()
        alone: set[str] = set()
        for concept in self.concepts(question):
            docs = set(self.naming(concept)) or set(self._naming_apart(concept[0]))
            if len(docs) == 1:
                alone |= docs
                if tags.get(concept[0], "")[:1] == "n":  # a verb (履行) names no document
                    things |= docs
        return things.pop() if len(things) == 1 and alone == things else None

    def acts(self, question: Question) -> list[tuple[str, ...]]:
        """The question's one-character verbs (拆, 洗), each with its synonyms (扔 is 投放,
        as a longer word is its synonyms): too short to be a thing asked about, or unsaid,
        but it tells which of two clauses on one thing is meant (把设施拆了 → 擅自拆除).
        Light ones (办, 做) say little of the act."""
        light = rules.pattern("light_verb")
        complement = rules.pattern("verb_complement")

        tagged = self.segmenter.tagged(question.text)
        # 在雕塑上贴广告: jieba's 上贴 is the place's 上 and the act 贴.
        where = rules.pattern("place_preposition")
        placed = {
            w
            for i, (w, t) in enumerate(tagged)
            if t[:1] == "v"
            and len(w) == 2
            and w[0] in "上里内"
            and i > 1
            and tagged[i - 1][1][:1] == "n"
            and any(where.fullmatch(p) for p, _ in tagged[: i - 1])
        }

        def act_of(word: str, tag: str) -> tuple[str, str]:
            # A verb with its complement (拆下来, 倒进) is its first character's act, and
            # one negated as a word (没编) its second's.
            complemented = tag[:1] == "v" and len(word) <= 3 and complement.search(word)
            if tag[:1] == "v" and len(word) == 2 and (word[0] in "没不未" or word in placed):
                return (word[1], "v")
            return (word[0], "v") if complemented else (word, tag)

        words = [act_of(word, tag) for word, tag in tagged]
        acts = [
            word
            for word, tag in words
            if len(word) == 1
            and tag == "v"
            and HAN.fullmatch(word)
            and word not in self.segmenter.stop
            and not self.is_question_word(word)
            and not light.search(word)
        ]
        return [tuple(expand_synonyms([act])) for act in dict.fromkeys(acts)]

    def weighted(self, question: Question) -> list[tuple[tuple[str, ...], float]]:
        """The question's concepts and one-character verbs, each with its weight."""
        return [(c, self.weight(c)) for c in (*self.concepts(question), *self.acts(question))]

    def weight(self, concept: tuple[str, ...]) -> float:
        """How well a concept tells clauses apart: the log of the inverse share of the
        clauses that name it in any of its forms."""
        if concept not in self._weights:  # every rerank asks again: count once
            clauses = len(self._lowered)
            self._weights[concept] = math.log((clauses + 1) / (len(self.naming(concept)) + 1))
        return self._weights[concept]

    def rerank(self, question: Question, hits: list[Hit], limit: int = 4) -> list[Hit]:
        """The top ``limit`` hits ordered by what they name of the question (``Ranking``)."""
        return self.ranking.rerank(question, hits, limit)


def _starts_word(text: str, word: str, tagged: list[tuple[str, str]]) -> bool:
    """Whether the character after ``word`` in ``text`` opens a longer word jieba made
    (公示价格: 价 opens 价格), so that it is no suffix of ``word``."""
    at = text.find(word)
    if at < 0:
        return False
    end = at + len(word)
    offset = 0
    for token, _ in tagged:
        if offset == end:
            return len(token) > 1
        offset += len(token)
    return False
