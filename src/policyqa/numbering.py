"""Owns genres' heading numbering: the profiles of ``data/numbering.toml`` (a plan's
一、 › （一） › 1．, a regulation's 第一章 › 第一条 › 款 › （一）) and which one a text is
written in."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cache

from policyqa import rules
from policyqa.documents import normalize_for_parsing
from policyqa.numerals import to_chinese

DEFAULT_PROFILE = "plan"


@dataclass(frozen=True)
class NumberingLevel:
    """One level of an outline: how its numbers look, print and appear in ids."""

    depth: int
    pattern: re.Pattern[str]
    display: str
    path: str
    sequel: re.Pattern[str] | None = None
    # False where the words after the number are body, not a title (第五条　排污单位应当…).
    titled: bool = True
    # Never written in the text: a paragraph that follows headings of a deeper level
    # inside the level above is read as one (款 after an article's items).
    implied: bool = False
    # Numbers written in digits are labelled in Chinese numerals (第5条 is 第五条), as
    # citations and look-ups name them.
    chinese: bool = False
    # A number alone on its line heads the text below it (第一条, its text on the next
    # line, as some web pages set articles).
    bare: bool = False
    # Read as a heading only once a deeper level has been (a regulation's 附件 follows
    # its articles).
    closing: bool = False
    # Said about the unit above, not one of its parts (an annotated edition's 【释义】):
    # the implied level below counts its paragraphs from that unit, not from this.
    aside: bool = False


@dataclass(frozen=True)
class NumberingProfile:
    """A genre's heading numbering, outermost level first."""

    name: str
    description: str
    levels: tuple[NumberingLevel, ...]
    # Items run into their article's line (禁止下列行为：（一）…；（二）…) are split into
    # items: a regulation's way; a plan's inline （一）…（二）… stays its paragraph's text.
    run_in_items: bool = False
    # The genre a text read so is (a 决定 in paragraphs 一、二、 is a regulation).
    genre: str = DEFAULT_PROFILE
    # A line after the last heading that ends the body (a post's rule before its 来源 and
    # its call to share, a news report's （完）): what follows is none of the last unit.
    ends_body: re.Pattern[str] | None = None

    def body_end(self, paragraphs: Sequence[tuple[str, int]]) -> int:
        """How many of ``paragraphs`` (text, heading level or 0) the body holds: up to the
        line after the last heading that ends it (``ends_body``), if one; else all."""
        headed = [n for n, (_, level) in enumerate(paragraphs) if level]
        if self.ends_body is None or not headed:
            return len(paragraphs)
        after = range(headed[-1] + 1, len(paragraphs))
        return next((n for n in after if self.ends_body.match(paragraphs[n][0])), len(paragraphs))

    def display(self, depth: int, label: str) -> str:
        """The printed form of a heading number: 二、 （二） 6． （1） ①."""
        return self.levels[depth - 1].display.format(label)

    def label(self, depth: int, number: str) -> str:
        """The label of a heading numbered ``number`` as the text writes it (5条 → 五条
        where the level reads digits as Chinese numerals)."""
        if not self.levels[depth - 1].chinese:
            return number
        return re.sub(r"\d+", lambda m: to_chinese(int(m.group())), number)

    def path(self, depth: int, label: str) -> str:
        """The form of a heading number in clause ids: 二 （二） 6 （1） ①."""
        return self.levels[depth - 1].path.format(label)


@cache
def numbering_profile(name: str = DEFAULT_PROFILE) -> NumberingProfile:
    """The profile ``name`` of ``data/numbering.toml``."""
    table = rules.data_toml("numbering.toml")[name]
    levels = tuple(
        NumberingLevel(
            depth,
            re.compile(level.get("pattern", r"(?!)")),
            level["display"],
            level["path"],
            re.compile(level["sequel"]) if "sequel" in level else None,
            bool(level.get("titled", True)),
            bool(level.get("implied", False)),
            bool(level.get("chinese", False)),
            bool(level.get("bare", False)),
            bool(level.get("closing", False)),
            bool(level.get("aside", False)),
        )
        for depth, level in enumerate(table["levels"], start=1)
    )
    return NumberingProfile(
        name,
        table.get("description", name),
        levels,
        bool(table.get("run_in_items", False)),
        table.get("genre", name),
        re.compile(table["ends_body"]) if "ends_body" in table else None,
    )


def profile_for(text: str, title: str = "") -> NumberingProfile:
    """The numbering of ``text``'s genre: a profile whose `detect` pattern starts enough
    lines (regulations: 第一条, 第二条…) and whose `detect_title`, where it has one, the
    title matches (a 决定 whose articles are 一、二、), else the plan profile."""
    normalised = normalize_for_parsing(text)
    for name, table in rules.data_toml("numbering.toml").items():
        if "detect" not in table:
            continue
        if "detect_title" in table and not re.search(table["detect_title"], title.strip()):
            continue
        starts = re.compile(rf"^\s*{table['detect']}", re.M)
        if len(starts.findall(normalised)) >= int(table.get("detect_min", 1)):
            return numbering_profile(name)
    return numbering_profile()


# The labels of a regulation's units as its clause ids write them: 第七条, 第七条之一;
# 第二款 (an implied 款); （二） (a 项).
ARTICLE_LABEL = re.compile(r"第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十]+)?")
# An article's head as a line opens: its number (第五条, 【第五条】 as a social-media post
# brackets it, or 五、 where a 决定 numbers its articles as paragraphs), and a title some
# drafters bracket after it (第六条【分类收集】, 第一条（目的和依据）), never an item's
# number (（一）), and the colon some write after either (第四条：).
ARTICLE_HEAD = re.compile(
    r"^\s*【?(?:第[一二三四五六七八九十百零〇\d]+条(?:之[一二三四五六七八九十]+)?|[一二三四五六七八九十]{1,3}、)】?\s*"
    r"(?:(?:【[^】]{1,20}】|[（(](?![一二三四五六七八九十\d]+[）)])[^（）()，。；：,;:]{2,15}[）)])\s*)?"
    r"(?:[：:]\s*)?"
)
PARAGRAPH_LABEL = re.compile(r"第([一二三四五六七八九十]+)款")
ITEM_LABEL = re.compile(r"（(?:[一二三四五六七八九十]+|\d{1,2})）")
