"""Owns Chinese word segmentation: with jieba, a policy user dictionary and stopwords."""

from __future__ import annotations

import logging
import re
from collections.abc import Callable, Iterable
from functools import cache, cached_property
from typing import Any

import jieba
import jieba.posseg

from policyqa import rules
from policyqa.departments import DepartmentTable, default_table

jieba.setLogLevel(logging.WARNING)

_PUNCT = re.compile(r"^[\W_]+$")
_HAN_PAIR = re.compile(r"[\u4e00-\u9fff]{2}")
# jieba's dictionary counts of words it holds as rarities (能退: 3); 能否 counts 1,845.
_RARE_WORD = 10
_USER_WORD_FREQ = 200_000
# jieba's total is fixed as if this many words were added (the data files held 1,249 when it
# was fixed), however many the data files and the loaded documents' departments add.
_USER_WORD_BUDGET = 1_260


@cache
def curated_terms() -> tuple[str, ...]:
    """Policy and chemical terms that must stay whole."""
    return rules.data_lines("terms.txt")


@cache
def stopwords() -> frozenset[str]:
    return frozenset(rules.data_lines("stopwords.txt"))


@cache
def synonym_groups() -> tuple[tuple[str, ...], ...]:
    return tuple(tuple(group) for group in rules.data_toml("synonyms.toml")["groups"])


@cache
def broader_words() -> dict[str, tuple[str, ...]]:
    """Each kind (钢琴) and the classes a rule may name it by (乐器)."""
    classes: dict[str, list[str]] = {}
    for broad, kinds in rules.data_toml("synonyms.toml").get("kinds", {}).items():
        for kind in kinds:
            classes.setdefault(kind, []).append(broad)
    return {kind: tuple(broad) for kind, broad in classes.items()}


@cache
def narrower_words() -> dict[str, tuple[str, ...]]:
    """Each class (网络餐饮服务平台) and the kinds askers name it by (外卖平台)."""
    kinds = rules.data_toml("synonyms.toml").get("kinds", {})
    return {broad: tuple(named) for broad, named in kinds.items()}


def user_dictionary(table: DepartmentTable, extra: Iterable[str] = ()) -> tuple[str, ...]:
    """Every department form (with and without 市), curated terms and ``extra`` names."""
    words = [*table.surface_forms(), *table.surface_forms().values(), *curated_terms(), *extra]
    words += [w for group in synonym_groups() for w in group]
    words += list(broader_words())  # 弹钢琴 is 弹 / 钢琴, a kind of 乐器
    return tuple(dict.fromkeys(w for w in words if len(w) > 1))


def segment(
    text: str, cut: Callable[[str], Iterable[str]], stop: frozenset[str] = frozenset()
) -> list[str]:
    """Tokens of ``text``: ``cut`` splits, then punctuation and stopwords go; lower-cased."""
    tokens = []
    for token in cut(text):
        token = token.strip().lower()
        if token and not _PUNCT.match(token) and token not in stop:
            tokens.append(token)
    return tokens


def expand_synonyms(tokens: list[str]) -> list[str]:
    """Add the other members of any synonym group a token belongs to."""
    extra: list[str] = []
    for group in synonym_groups():
        if any(token in group for token in tokens):
            extra.extend(w.lower() for w in group if w.lower() not in tokens)
    return tokens + list(dict.fromkeys(extra))


def expand_query(tokens: list[str]) -> list[str]:
    """A query's tokens with their synonyms and, for a word of one character, too short to
    search by, the classes it names (证 → 许可证, 执照). A longer kind's classes would pull
    in other parties' clauses (汽车生产企业 → 报废机动车…企业), so are left to the refusal
    and ranking checks."""
    classes = [
        c for t in tokens if len(t) == 1 for c in broader_words().get(t, ()) if c not in tokens
    ]
    return expand_synonyms(tokens + list(dict.fromkeys(classes)))


@cache
def _jieba_dictionary() -> tuple[dict[str, int], int]:
    """jieba's prefix dictionary and its total frequency, as its first tokenizer loads them."""
    tokenizer = jieba.Tokenizer()
    tokenizer.initialize()
    return tokenizer.FREQ, tokenizer.total


@cache
def _jieba_tags() -> dict[str, str]:
    """The part of speech of each word of jieba's dictionary, read once per process, with
    the nouns it tags as a person's name corrected (``tags.toml``: 幼儿园)."""
    tags: dict[str, str] = jieba.posseg.POSTokenizer(jieba.Tokenizer()).word_tag_tab
    tags.update(dict.fromkeys(rules.data_toml("tags.toml")["nouns"], "n"))
    return tags


class _Tagger(jieba.posseg.POSTokenizer):  # type: ignore[misc]  # jieba is untyped
    """jieba's part-of-speech tagger over a segmenter's tokenizer, its dictionary's tags
    copied rather than read from disk again."""

    def load_word_tag(self, f: Any) -> None:
        f.close()
        self.word_tag_tab = dict(_jieba_tags())


class Segmenter:
    """A jieba tokenizer of its own (not jieba's global one), loaded with our dictionary.

    Args:
        table: the department alias table.
        extra_words: more names to keep whole, e.g. departments extraction found.
    """

    def __init__(self, table: DepartmentTable | None = None, extra_words: Iterable[str] = ()):
        self.tokenizer = jieba.Tokenizer()
        # jieba's own dictionary, read once per process: each library's segmenter adds its
        # words to a copy (a copy takes a tenth of the time a read does).
        base, total = _jieba_dictionary()
        self.tokenizer.FREQ, self.tokenizer.total = dict(base), total
        self.tokenizer.initialized = True
        for word in user_dictionary(table or default_table(), extra_words):
            # A high frequency makes jieba prefer the whole word over its parts.
            # Our words are names of things: nouns, for part-of-speech tagging.
            self.tokenizer.add_word(word, freq=_USER_WORD_FREQ, tag="n")
        # Each word added raises jieba's total, and a larger total cuts its own rare phrases
        # whole (没钱, 弹钢琴): a total fixed as if for a set number of words cuts the same
        # whatever the data files hold and whatever departments the loaded documents name.
        self.tokenizer.total = total + _USER_WORD_FREQ * _USER_WORD_BUDGET
        self.stop = stopwords()

    def words(self, text: str) -> list[str]:
        """Accurate-mode words (for display and intent rules)."""
        return segment(text, self.tokenizer.lcut, self.stop)

    def is_word(self, text: str) -> bool:
        """Whether ``text`` is in the dictionary, not a run of characters jieba's model
        guessed to be a word (施工前要 → 前要)."""
        self.tokenizer.check_initialized()
        return bool(self.tokenizer.FREQ.get(text)) or not re.search(r"[\u4e00-\u9fff]", text)

    @cached_property
    def _tagger(self) -> jieba.posseg.POSTokenizer:
        return _Tagger(self.tokenizer)

    def tagged(self, text: str) -> list[tuple[str, str]]:
        """(word, part of speech) pairs in jieba's tags: n… nouns, v verbs, y particles.
        A pair of characters around a modal verb that jieba's model guessed, or that its
        dictionary holds as a rarity (多久能通 → 能通, 这种人能献血 → 人能, 能退), is the
        modal and the word beside it."""
        pairs: list[tuple[str, str]] = []
        for pair in self._tagger.lcut(text):
            word = pair.word
            if not self._around_modal(word):
                pairs.append((word, pair.flag))
            elif rules.pattern("modal").match(word[0]):  # the modal, then its verb (能通)
                pairs += [(word[0], "v"), (word[1], "v")]
            else:  # a subject, then the modal (人能)
                pairs += [(word[0], "n"), (word[1], "v")]
        return pairs

    def _around_modal(self, word: str) -> bool:
        """Whether ``word`` is two characters, one a modal verb, that jieba's model guessed
        to be a word or its dictionary holds as a rarity (能退, 能用)."""
        if not _HAN_PAIR.fullmatch(word) or self.tokenizer.FREQ.get(word, 0) > _RARE_WORD:
            return False
        modal = rules.pattern("modal")
        return bool(modal.match(word[0])) != bool(modal.match(word[1]))

    def asked_tokens(self, text: str) -> list[str]:
        """``search_tokens`` of a question, a pair around a modal verb cut to the act after
        it (晚上能飞 → 飞): the asker's words, as ``tagged`` reads them. A character before a
        modal (书能) is too short to search or ask by."""
        tokens: list[str] = []
        for token in self.search_tokens(text):
            if not self._around_modal(token):
                tokens.append(token)
            elif rules.pattern("modal").match(token[0]) and token[1] not in self.stop:
                tokens.append(token[1])
        return tokens

    def search_tokens(self, text: str) -> list[str]:
        """Search-mode tokens for BM25: whole words plus their shorter parts."""
        return segment(text, self.tokenizer.lcut_for_search, self.stop)


@cache
def default_segmenter() -> Segmenter:
    """A segmenter with the curated dictionary alone, built once per process: for reading
    short texts (a question, a title) apart from any library."""
    return Segmenter()
