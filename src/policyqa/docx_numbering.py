"""Owns Word's automatic numbering: the number Word prints before a paragraph of a list
(第一章, 第一条, （三）, 1.), which the paragraph's own text does not hold.

Offices number a regulation's chapters, articles and items with Word's multilevel lists
as often as by hand. Read without those numbers, a file has no 第五条 to find; so each
numbered paragraph is given the label Word would print, counted as Word counts it
(``numbering.xml``: a level's format, its text, its start and when it restarts).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from policyqa.numerals import to_chinese

_W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_CIRCLED = "①②③④⑤⑥⑦⑧⑨⑩⑪⑫⑬⑭⑮⑯⑰⑱⑲⑳"
_HEAVENLY = "甲乙丙丁戊己庚辛壬癸"
_EARTHLY = "子丑寅卯辰巳午未申酉戌亥"
_LEGAL = dict(zip("一二三四五六七八九十百千零", "壹贰叁肆伍陆柒捌玖拾佰仟零", strict=True))
_ROMAN = (
    (1000, "m"), (900, "cm"), (500, "d"), (400, "cd"), (100, "c"), (90, "xc"),
    (50, "l"), (40, "xl"), (10, "x"), (9, "ix"), (5, "v"), (4, "iv"), (1, "i"),
)  # fmt: skip
# What Word prints between the number and the text: a tab (its default), a space or nothing.
_SUFFIXES = {"tab": " ", "space": " ", "nothing": ""}


@dataclass(frozen=True)
class _Level:
    """One level of a list definition (``w:lvl``)."""

    number_format: str  # decimal, chineseCounting, …
    text: str  # 第%2条: %n is level n's current number
    start: int
    # None: restarts after any level above it is used; 0: never; n: after level n (1-based).
    restart: int | None
    suffix: str


def _roman(number: int) -> str:
    written = ""
    for value, letters in _ROMAN:
        while number >= value:
            written, number = written + letters, number - value
    return written


def _letters(number: int) -> str:
    """1 → a, 26 → z, 27 → aa (Word repeats the letter)."""
    return chr(ord("a") + (number - 1) % 26) * ((number - 1) // 26 + 1)


def format_number(number: int, number_format: str) -> str:
    """``number`` as Word prints it in ``number_format`` (3, chineseCounting → 三)."""
    chinese = (
        "chineseCounting",
        "chineseCountingThousand",
        "japaneseCounting",
        "taiwaneseCounting",
    )
    if number_format in chinese:
        return to_chinese(number)
    if number_format == "chineseLegalSimplified":
        return "".join(_LEGAL.get(c, c) for c in to_chinese(number))
    if number_format in ("ideographDigital", "taiwaneseDigital", "japaneseDigitalTenThousand"):
        return "".join("〇一二三四五六七八九"[int(d)] for d in str(number))
    if number_format in ("decimalEnclosedCircle", "decimalEnclosedCircleChinese"):
        return _CIRCLED[number - 1] if 0 < number <= len(_CIRCLED) else str(number)
    if number_format == "ideographTraditional":
        return _HEAVENLY[(number - 1) % len(_HEAVENLY)]
    if number_format == "ideographZodiac":
        return _EARTHLY[(number - 1) % len(_EARTHLY)]
    if number_format == "decimalFullWidth":
        return "".join(chr(ord("０") + int(d)) for d in str(number))
    if number_format == "decimalZero":
        return f"{number:02d}"
    if number_format in ("lowerLetter", "upperLetter"):
        letters = _letters(number)
        return letters.upper() if number_format == "upperLetter" else letters
    if number_format in ("lowerRoman", "upperRoman"):
        roman = _roman(number)
        return roman.upper() if number_format == "upperRoman" else roman
    return str(number)  # decimal, and formats with no Chinese reading


def _value(element: Any, tag: str, default: str | None = None) -> str | None:
    child = element.find(_W + tag) if element is not None else None
    return child.get(_W + "val", default) if child is not None else default


def _levels(abstract: Any) -> dict[int, _Level]:
    levels = {}
    for level in abstract.findall(_W + "lvl"):
        restart = _value(level, "lvlRestart")
        levels[int(level.get(_W + "ilvl", "0"))] = _Level(
            _value(level, "numFmt", "decimal") or "decimal",
            _value(level, "lvlText", "") or "",
            int(_value(level, "start", "1") or 1),
            int(restart) if restart is not None else None,
            _SUFFIXES.get(_value(level, "suff", "tab") or "tab", " "),
        )
    return levels


class ListNumbering:
    """Counts a document's numbered paragraphs in order, as Word does, and labels each.

    Args:
        numbering: the ``w:numbering`` element (``numbering.xml``), or None.
        styles: the ``w:styles`` element, whose paragraph styles may be numbered.
    """

    def __init__(self, numbering: Any, styles: Any) -> None:
        self._abstracts: dict[str, dict[int, _Level]] = {}
        self._lists: dict[str, tuple[str, dict[int, int]]] = {}
        if numbering is not None:
            for abstract in numbering.findall(_W + "abstractNum"):
                self._abstracts[abstract.get(_W + "abstractNumId")] = _levels(abstract)
            for instance in numbering.findall(_W + "num"):
                overrides = {
                    int(o.get(_W + "ilvl", "0")): int(_value(o, "startOverride", "1") or 1)
                    for o in instance.findall(_W + "lvlOverride")
                    if o.find(_W + "startOverride") is not None
                }
                abstract_id = _value(instance, "abstractNumId") or ""
                self._lists[instance.get(_W + "numId")] = (abstract_id, overrides)
        self._styles = {
            s.get(_W + "styleId"): s
            for s in (styles.findall(_W + "style") if styles is not None else [])
        }
        # Lists sharing a definition count on together, as Word counts them; a list whose
        # numbers are overridden starts again where it is first used.
        self._counts: dict[str, dict[int, int]] = {}
        self._started: set[str] = set()

    def _list_of(self, paragraph: Any) -> tuple[str, int] | None:
        """The list id and level of a paragraph: its own, else its style's (and the
        styles it is based on)."""
        properties = paragraph.find(_W + "pPr")
        own = properties.find(_W + "numPr") if properties is not None else None
        num_id, level = _value(own, "numId"), _value(own, "ilvl")
        style_id = _value(properties, "pStyle")
        seen: set[str] = set()
        while (num_id is None or level is None) and style_id and style_id not in seen:
            seen.add(style_id)
            style = self._styles.get(style_id)
            if style is None:
                break
            style_properties = style.find(_W + "pPr")
            numbered = style_properties.find(_W + "numPr") if style_properties is not None else None
            num_id = num_id if num_id is not None else _value(numbered, "numId")
            level = level if level is not None else _value(numbered, "ilvl")
            style_id = _value(style, "basedOn")
        if num_id is None or num_id == "0" or num_id not in self._lists:
            return None
        return num_id, int(level or 0)

    def label(self, paragraph: Any) -> str:
        """The number Word prints before ``paragraph`` (a ``w:p`` element) with what it
        prints after it (第五条 and a space), or "" for a paragraph in no list."""
        found = self._list_of(paragraph)
        if found is None:
            return ""
        num_id, depth = found
        abstract_id, overrides = self._lists[num_id]
        levels = self._abstracts.get(abstract_id, {})
        if depth not in levels:
            return ""
        counts = self._counts.setdefault(abstract_id, {})
        if num_id not in self._started:
            self._started.add(num_id)
            for overridden, start in overrides.items():
                counts[overridden] = start - 1
        start = levels[depth].start
        counts[depth] = counts.get(depth, start - 1) + 1
        for deeper, level in levels.items():
            restarts = level.restart is None or (level.restart > 0 and depth < level.restart)
            if deeper > depth and restarts:
                counts.pop(deeper, None)

        def number(match: re.Match[str]) -> str:
            at = int(match.group(1)) - 1
            format_ = levels[at].number_format if at in levels else "decimal"
            start_at = levels[at].start if at in levels else 1
            return format_number(counts.get(at, start_at), format_)

        level = levels[depth]
        if level.number_format in ("bullet", "none"):
            return ""  # a bullet's mark or nothing: no number to cite
        printed = re.sub(r"%(\d)", number, level.text)
        return printed + level.suffix if printed.strip() else ""
