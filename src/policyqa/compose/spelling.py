"""Owns how a library's texts write what an asker abbreviates or names by kind: 监管 for
监督管理, 电子屏 for 电子显示屏, 散煤 as one of what 高污染燃料 is defined to be."""

from __future__ import annotations

import re
from functools import cached_property

from policyqa import rules
from policyqa.compose.wording import HAN
from policyqa.library import Library
from policyqa.segment import Segmenter, expand_synonyms

# What may stand between the two words of a compound the text writes apart (学校、医院出入口):
# a few characters of one phrase, never a clause's end nor a modal, which starts another
# phrase (快递企业应当在包装 is no 快递包装).
_APART_GAP = r"(?:(?!应当|不得|必须|禁止|可以)[\u4e00-\u9fff、]){1,4}?"


class Spellings:
    """The longer forms a library writes for a question's words.

    Args:
        library: the documents whose texts are read.
        segmenter: jieba with the policy dictionary, to tell words from runs across them.
        lowered: each clause's document and lowered text.
    """

    def __init__(
        self, library: Library, segmenter: Segmenter, lowered: tuple[tuple[str, str], ...]
    ) -> None:
        self.library = library
        self.segmenter = segmenter
        self._lowered = lowered
        self._abbreviations: dict[str, tuple[str, ...]] = {}
        self._apart: dict[str, tuple[str, ...]] = {}
        self._word_starts: dict[str, frozenset[int]] = {}

    def _opens_word(self, text: str, at: int) -> bool:
        """Whether jieba starts a word of ``text`` at ``at``: 物质企业 in 化学物质企业
        starts inside 化学物质, so stands for nothing there."""
        if text not in self._word_starts:
            starts, offset = set(), 0
            for word in self.segmenter.tokenizer.lcut(text):  # jieba cuts the text whole
                starts.add(offset)
                offset += len(word)
            self._word_starts[text] = frozenset(starts)
        return at in self._word_starts[text]

    def spelled_out(self, word: str) -> tuple[str, ...]:
        """The words an abbreviation of two or three characters may stand for: each
        character opening a word of two (监管 for 监督管理, 危废 for 危险废物, 禁用区 for
        禁止使用区域); of two, a word's head and the next word's tail (禁用 for 禁止使用); or,
        of three, a word of two and the last character of a word after it (电子屏 for
        电子显示屏, 安全员 for 安全管理人员), or a trade and the place keeping it (婚介所 for
        婚姻介绍), as Chinese abbreviates. One document writes 监管 where
        another writes it out."""
        if len(word) not in (2, 3) or not HAN.fullmatch(word):
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
                and self._opens_word(text, m.start())
            }
            if len(word) == 3 and self.segmenter.is_word(word[:2]):
                tail = re.compile(f"{re.escape(word[:2])}([\u4e00-\u9fff]{{1,3}}{word[2]})")
                found |= {
                    m.group()
                    for _, text in self._lowered
                    for m in tail.finditer(text)
                    if self.segmenter.is_word(m.group(1)) and self._opens_word(text, m.start())
                }
            if len(word) == 2:  # 禁用 for 禁止使用: the first word's head, the second's tail
                ends = re.compile(f"{re.escape(word[0])}[\u4e00-\u9fff]{{2}}{re.escape(word[1])}")
                found |= {
                    m.group()
                    for _, text in self._lowered
                    for m in ends.finditer(text)
                    if self.segmenter.is_word(m.group()[:2])
                    and self.segmenter.is_word(m.group()[2:])
                    and self._opens_word(text, m.start())
                }
            if len(word) == 3 and rules.pattern("business_suffix").match(word[2]):
                # 婚介所 for a 婚姻介绍服务机构: the trade (婚介 → 婚姻介绍), spelled out.
                found |= set(self.spelled_out(word[:2]))
            self._abbreviations[word] = tuple(sorted(found))
        return self._abbreviations[word]

    def written_apart(self, word: str) -> tuple[str, ...]:
        """How the texts write a compound of two words the asker runs together with other
        words between them, its second word in any of its forms (学校门口 in 学校、医院出入口,
        where 门口 is written 出入口)."""
        if len(word) < 4 or not HAN.fullmatch(word):
            return ()
        if word not in self._apart:
            found: set[str] = set()
            for cut in range(2, len(word) - 1):  # 学校 / 门口, each a word of two or more
                head, tail = word[:cut], word[cut:]
                if not (self.segmenter.is_word(head) and self.segmenter.is_word(tail)):
                    continue
                tails = "|".join(map(re.escape, sorted(set(expand_synonyms([tail])), key=len)))
                shape = re.compile(f"{re.escape(head)}{_APART_GAP}(?:{tails})")
                found |= {m.group() for _, text in self._lowered for m in shape.finditer(text)}
            self._apart[word] = tuple(sorted(found))
        return self._apart[word]

    def defined_as(self, word: str) -> tuple[str, ...]:
        """The terms whose definition lists ``word`` (散煤 in 高污染燃料，是指原（散）煤、
        煤矸石…): a kind of what a regulation defines is named by that term."""
        if len(word) < 2:
            return ()
        return tuple(
            term for term, listed in self._definition_texts if word in listed and word != term
        )

    @cached_property
    def _definition_texts(self) -> tuple[tuple[str, str], ...]:
        """Each defined term with what its definition lists, brackets dropped (原（散）煤
        lists 散煤)."""
        texts = []
        for term, clause_id in self.library.definitions:
            found = re.search(
                f"{re.escape(term)}[，,]?(?:是指|指)([^。]*)", self.library.clause(clause_id).text
            )
            if found:
                texts.append((term, re.sub(r"[（）()]", "", found.group(1))))
        return tuple(texts)
