"""Owns correcting what an input method mistypes in a question: a homophone for the
question word meant (那个部门 for 哪个部门, 马 for 吗), as the rules in
``data/typos.toml`` say, and nothing the asker could mean as typed; the courtesy around a
question and a voice transcript's pauses; a dialect's question words (啥子, 咋个); and a
question typed in traditional characters; English words and pinyin initials typed into a
Chinese question (fire drill多久搞一次, 要带sfz吗); commas that only space a learner's
words apart (垃圾，几点，可以扔？); WeChat's stickers ([捂脸], /::<); emoji for words (🐶)."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policyqa import rules
from policyqa.numerals import to_chinese, to_int
from policyqa.segment import default_segmenter
from policyqa.traditional import is_traditional, to_simplified


@dataclass(frozen=True)
class _Fix:
    typed: re.Pattern[str]
    meant: str
    unless: re.Pattern[str] | None
    unless_word: bool


@cache
def _fixes() -> tuple[_Fix, ...]:
    return tuple(
        _Fix(
            re.compile(row["typed"]),
            row["meant"],
            re.compile(row["unless"]) if row.get("unless") else None,
            bool(row.get("unless_word")),
        )
        for row in rules.data_toml("typos.toml")["fix"]
    )


def _ascii_word(key: str) -> str:
    """A key as a pattern: its spaces and hyphens optional (co-working, coworking)."""
    return r"[\s\-]*".join(re.escape(part) for part in re.split(r"[\s\-]+", key))


def _normal(word: str) -> str:
    return re.sub(r"[\s\-]+", "", word.lower())


@cache
def _english() -> tuple[re.Pattern[str], dict[str, str], re.Pattern[str], dict[str, str]]:
    data = rules.data_toml("typos.toml")
    words, numbered = data["english"] | data["initials"], data["english_numbered"]

    def alternation(keys: dict[str, str]) -> str:
        return "|".join(_ascii_word(k) for k in sorted(keys, key=len, reverse=True))

    return (
        re.compile(rf"(?<![A-Za-z])(?:{alternation(words)})(?![A-Za-z])", re.IGNORECASE),
        {_normal(k): v for k, v in words.items()},
        re.compile(
            rf"(?<![A-Za-z])(?P<unit>{alternation(numbered)})\s*(?P<number>\d+)", re.IGNORECASE
        ),
        {_normal(k): v for k, v in numbered.items()},
    )


def _in_chinese(text: str) -> str:
    """English words typed into a Chinese question, as the document writes them: a
    question with no Chinese in it is left as typed."""
    if not re.search(r"[\u4e00-\u9fff]", text):
        return text
    words, meant, numbered, unit = _english()
    text = numbered.sub(lambda m: f"第{m['number']}{unit[_normal(m['unit'])]}", text)
    return words.sub(lambda m: meant[_normal(m.group())], text)


# A question set word by word with commas (垃圾，几点，可以扔？), as a learner of Chinese
# types one: three or more pieces, none longer than a few characters.
_SPACED_PIECES = 3
_SPACED_PIECE_LENGTH = 4


def _commas_as_spaces(text: str) -> str:
    """``text`` with the commas that only space its words apart (垃圾，几点，可以扔？)
    taken out; a question whose commas part clauses is left as it is."""
    pieces = re.split(r"[，,]\s*", text.strip())
    if len(pieces) < _SPACED_PIECES:
        return text
    if any(len(re.sub(r"[？?！!。\s]", "", p)) > _SPACED_PIECE_LENGTH for p in pieces):
        return text
    return "".join(pieces)


@cache
def _stickers() -> re.Pattern[str]:
    table = rules.data_toml("typos.toml")["stickers"]
    names = "|".join(re.escape(n) for n in sorted(table["names"], key=len, reverse=True))
    return re.compile(rf"\[(?:{names})\]|{table['codes']}", re.IGNORECASE)


def without_stickers(text: str) -> str:
    """``text`` without the WeChat stickers typed or pasted into it ([捂脸], /::<); as it
    is where nothing else is left, a message of stickers alone."""
    left = _stickers().sub("", text).strip()
    return left or text


@cache
def _emoji() -> tuple[re.Pattern[str], dict[str, str]]:
    words = {k.replace("\ufe0f", ""): v for k, v in rules.data_toml("typos.toml")["emoji"].items()}
    keys = "|".join(re.escape(k) for k in sorted(words, key=len, reverse=True))
    return re.compile(rf"(?:{keys})\ufe0f?"), words


def emoji_as_words(text: str) -> str:
    """``text`` with each emoji that stands for a word written as the word (🐶 → 狗);
    the others are left to be dropped with a document's."""
    pattern, words = _emoji()

    def word(match: re.Match[str]) -> str:
        meant = words[match.group().replace("\ufe0f", "")]
        # 🅿️停车场, 暴雨⛈️: the word is written beside it already.
        beside = text[match.end() :].startswith(meant) or text[: match.start()].endswith(meant)
        return "" if beside else meant

    return pattern.sub(word, text)


@cache
def _clock() -> tuple[re.Pattern[str], dict[str, str]]:
    table = rules.data_toml("typos.toml")["clock"]
    parts = {word: part for part, words in table.items() for word in words}
    said = "|".join(sorted(parts, key=len, reverse=True))
    number = r"[零一二两三四五六七八九十\d]{1,3}"
    pattern = re.compile(
        rf"(?P<part>{said})?(?P<hour>{number})点(?:钟)?"
        rf"(?P<minute>半|一刻|三刻|{number}分?)?(?=(?P<after>以后|以前|之后|之前|前|后|到|至)?)"
    )
    return pattern, parts


def clock_times(text: str) -> str:
    """``text`` with each time of day said on a 12-hour clock written as a rule writes it
    (晚上九点半 → 晚上二十一时三十分, 中午一点 → 中午十三时); not 一点 for "a little" (快一点)."""
    pattern, parts = _clock()

    def written(match: re.Match[str]) -> str:
        part = parts.get(match["part"] or "", "")
        hour = to_int(match["hour"])
        if hour is None or hour > 24 or not (part or match["hour"].isdigit() or match["after"]):
            return match.group()
        if (part == "afternoon" and hour < 12) or (part == "noon" and hour <= 2):
            hour += 12
        elif part == "night" and hour == 12:
            hour = 0
        minute = {"半": 30, "一刻": 15, "三刻": 45}.get(match["minute"] or "")
        if minute is None and match["minute"]:
            minute = to_int(match["minute"].removesuffix("分"))
        # In words, as most rules write hours (二十一时三十分): a number of digits would be read
        # as a thing asked about.
        tail = f"{to_chinese(minute)}分" if minute else ""
        return f"{match['part'] or ''}{to_chinese(hour)}时{tail}"

    return pattern.sub(written, text)


def corrected(text: str) -> str:
    """``text`` with each mistyped question word replaced by the word meant; typed with a
    traditional-character input method (中介可以吃差價嗎), in simplified characters, as the
    documents are read and the tables are written; an emoji standing for a word, the word."""
    text = emoji_as_words(without_stickers(text))
    if is_traditional(text):
        text = to_simplified(text)
    text = clock_times(_in_chinese(text))
    for fix in _fixes():
        if fix.unless is not None and fix.unless.search(text):
            continue

        def meant(match: re.Match[str], fix: _Fix = fix) -> str:
            before = match.string[max(0, match.start() - 1) : match.end()]
            if fix.unless_word and default_segmenter().is_word(before):
                return match.group()
            return match.expand(fix.meant)  # \g<act>: a part typed, moved

        text = fix.typed.sub(meant, text)
    return _commas_as_spaces(text)
