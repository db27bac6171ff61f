"""Owns telling a translation apart from the text it translates.

Cities publish rules that concern foreigners in both languages (中英对照): each article, in
Chinese, followed by its English. The Chinese is the text in force and the one asked
about; read with it, each English paragraph would be one more 款 of its article, its
``(1)`` one more item, and its words would crowd the Chinese out of retrieval. A
paragraph written in a Latin script alone, in a document written in Chinese, is such a
translation and is no part of the text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence

_HAN = re.compile(r"[\u4e00-\u9fff]")
# A sentence's worth of words (These Regulations are formulated…), not a term (PFOS), a
# code or an address standing on its own line.
_LATIN_WORD = re.compile(r"[A-Za-z]{2,}")
MIN_WORDS = 4


def is_translation(paragraph: str) -> bool:
    """Whether a paragraph is prose in a Latin script, with no Chinese character."""
    return not _HAN.search(paragraph) and len(_LATIN_WORD.findall(paragraph)) >= MIN_WORDS


def translated(paragraphs: Sequence[str]) -> set[int]:
    """The indexes of the paragraphs that translate the text of a document written in
    Chinese, each of its paragraphs with one at most; none where the document is not
    (an English text with a Chinese title is its own text)."""
    chinese = sum(1 for p in paragraphs if _HAN.search(p))
    found = {at for at, p in enumerate(paragraphs) if is_translation(p)}
    return found if chinese >= len(found) else set()
