"""Owns how an asker's words are read against a text's: a word written apart, one jieba
cut across, a place's localizer, and a word's other forms. Pure functions."""

from __future__ import annotations

import re

from policyqa import rules
from policyqa.segment import broader_words, expand_synonyms

HAN = re.compile("[\u4e00-\u9fff]+")
# A number, maybe with its measure word (三个, 两次, 十点, 第五, 两块): no thing of its own.
COUNT = re.compile(
    r"第?[\d一二三四五六七八九十百千万两几半]+"
    r"[个次天日月年种类项条家人名倍号点时分岁米元吨度块张只台辆件根棵]?"
)
_NUMERAL = re.compile("[一二三四五六七八九十百千万两零〇]")


def apart_pattern(word: str) -> re.Pattern[str] | None:
    """A two-character word written with one to three characters between its two (打井 in
    新打取水井); None for any other word, and for one holding a numeral (国二 is no
    国…二: a numeral is no part of an act or thing apart)."""
    if len(word) != 2 or not HAN.fullmatch(word) or _NUMERAL.search(word):
        return None
    first, second = re.escape(word[0]), re.escape(word[1])
    # Or its second among the things a list after its first names (养猪 in 饲养鸡、鸭、鹅
    # 等家禽和猪), or closing a list whose words share their head (停电 in 停止供水、供电):
    # a verb and one of its objects.
    listed = r"(?:[\u4e00-\u9fff]{1,4}[、和及与或])+"
    headed = (
        r"[\u4e00-\u9fff]?(?P<head>[\u4e00-\u9fff])[\u4e00-\u9fff]{0,2}[、和及与或]"
        r"(?:(?P=head)[\u4e00-\u9fff]{0,2}[、和及与或])*(?P=head)"
    )
    return re.compile(f"{first}(?:[\u4e00-\u9fff]{{1,3}}|{listed}|{headed}){second}")


def cut_across(word: str, tagged: list[tuple[str, str]]) -> tuple[str, ...]:
    """Where jieba cut a question across a word the asker meant, leaving a noun's
    character alone (能用地笼 → 用地, 笼): that character with the one of ``word`` next to
    it (地笼)."""
    words = [w for w, _ in tagged]
    if len(word) != 2 or word not in words or not HAN.fullmatch(word):
        return ()
    at = words.index(word)
    around = (
        tagged[at - 1] if at else ("", ""),
        tagged[at + 1] if at + 1 < len(tagged) else ("", ""),
    )
    (before, before_tag), (after, after_tag) = around
    joins = (
        before + word[0] if len(before) == 1 and before_tag in _ORPHAN else "",
        word[1] + after if len(after) == 1 and after_tag in _ORPHAN else "",
    )
    return tuple(j for j in joins if HAN.fullmatch(j or "-"))


# Tags of a character jieba leaves alone that is a noun's: part of a word it cut across.
_ORPHAN = frozenset({"n", "ng"})


def place_of(word: str) -> str:
    """A noun less the localizer that makes it a place (河里 → 河, 管道里 → 管道); not a
    word of its own that the synonym table knows (夜里, 夜间)."""
    found = rules.pattern("localizer").search(word)
    if len(word) < 2 or not found:
        return word
    return word if len(expand_synonyms([word])) > 1 else word[: found.start()]


def forms_of(word: str) -> tuple[str, ...]:
    """A word, its synonyms, the stem a bare noun suffix adds nothing to (袋子 → 袋), and
    the classes a rule may name it by (钢琴 → 乐器)."""
    stem = rules.pattern("noun_suffix").match(word)
    forms = tuple(expand_synonyms([word.lower()])) + ((stem.group("stem"),) if stem else ())
    return forms + broader_words().get(word, ())


def char_after(text: str, word: str) -> str:
    """The character right after ``word``'s first place in ``text``, if any (燃气 → 费)."""
    at = text.find(word)
    return text[at + len(word) : at + len(word) + 1] if at >= 0 else ""


def count_stating(question: str) -> re.Pattern[str] | None:
    """What states the count a question asks (按几级保护 → 一级, 几间房 → 十四间), if it
    asks one."""
    count = rules.pattern("count_asked").search(question)
    if count is None:
        return None
    asked = count.group("unit")
    # 几个小孩: people are counted in 名, 位 and 人 as well (限带一名).
    # 几只鸽子: birds are counted in 羽 as well (不得超过五十羽), beasts in 头.
    unit = {
        "日": "(?:日|天)",
        "天": "(?:日|天)",
        "个": "(?:个|名|位|人)",
        "只": "(?:只|羽|头)",
    }.get(asked, asked)
    return re.compile(f"[一二三四五六七八九十两\\d]+{unit}")


def asking_part(text: str) -> str:
    """A question without the story told before it asks (``situation``): 孩子两岁半了，
    托大班的师生比是多少 → 托大班的师生比是多少."""
    situation = rules.pattern("situation")
    while (told := situation.match(text)) and told.end() < len(text):
        text = text[told.end() :]
    return text
