"""A document written in traditional characters (繁體), read in simplified ones.

Portals offer a 繁體 view of every page, and a page saved from it, or a text copied out
of it, holds the same regulation in other characters. Questions, tables and data are
in simplified characters, so such a document is converted on reading (OpenCC's t2s,
phrase by phrase); its quotes are then the simplified text. A simplified document that
quotes a traditional name or two is left as it is.
"""

from __future__ import annotations

from functools import cache, lru_cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import opencc

# Share of a text's Chinese characters that only the traditional script writes so: none
# in the simplified seeds and fixtures, about a third in a traditional regulation.
TRADITIONAL_SHARE = 0.1


@lru_cache(maxsize=1)
def _t2s() -> opencc.OpenCC:
    import opencc

    return opencc.OpenCC("t2s")


@cache
def _traditional_only(char: str) -> bool:
    return _t2s().convert(char) != char


def is_traditional(text: str) -> bool:
    """Whether the text is written in traditional characters."""
    chinese = [char for char in text if "\u4e00" <= char <= "\u9fff"]
    if not chinese:
        return False
    return sum(map(_traditional_only, chinese)) >= TRADITIONAL_SHARE * len(chinese)


def to_simplified(text: str) -> str:
    return _t2s().convert(text) if text else text
