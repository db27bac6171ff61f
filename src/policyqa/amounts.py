"""Owns quantities as askers state them and rules bound them: 30% or 六年 in a question,
百分之二十以上百分之四十以内 or 超过五年 in a clause, and whether the one falls in the other."""

from __future__ import annotations

import math
import re
from dataclasses import dataclass

from policyqa.numerals import DIGITS, to_int

# Each unit with the measure it belongs to and its size in that measure's base unit: a
# question's 两年 is bounded by a clause's 二十四个月.
_UNIT_SIZES = {
    "%": ("share", 1.0),
    "％": ("share", 1.0),
    "万元": ("money", 10_000.0),
    "元": ("money", 1.0),
    "公里": ("length", 1_000.0),
    "千米": ("length", 1_000.0),
    "立方米": ("volume", 1.0),
    "毫升": ("volume", 1e-6),
    "平方米": ("area", 1.0),
    "米": ("length", 1.0),
    "吨": ("mass", 1.0),
    "公斤": ("mass", 0.001),
    "千克": ("mass", 0.001),
    "克": ("mass", 1e-6),
    # As a market weighs (一斤 is five hundred grams), and other everyday units.
    "斤": ("mass", 0.0005),
    "平米": ("area", 1.0),
    "块钱": ("money", 1.0),
    "分贝": ("sound", 1.0),
    "年": ("time", 365.0),
    "个月": ("time", 30.0),
    "月": ("time", 30.0),
    "周": ("time", 7.0),
    "个工作日": ("time", 1.0),
    "工作日": ("time", 1.0),
    "日": ("time", 1.0),
    "天": ("time", 1.0),
    "小时": ("time", 1 / 24),
    "分钟": ("time", 1 / 1440),
    # Latin units as askers type them (3.5t, 8m, 40km/h, 100kg).
    "km": ("length", 1_000.0),
    "m²": ("area", 1.0),
    "㎡": ("area", 1.0),
    "kg": ("mass", 0.001),
    "t": ("mass", 1.0),
    "m": ("length", 1.0),
    # As a technical text writes them (45dB(A), 保存不少于30d, 24h).
    "dB(A)": ("sound", 1.0),
    "dB": ("sound", 1.0),
    "min": ("time", 1 / 1440),
    "h": ("time", 1 / 24),
    "d": ("time", 1.0),
    # Counts a cap is stated in (客房数量不超过十四间, 层数不得超过四层).
    "间": ("rooms", 1.0),
    "层": ("storeys", 1.0),
    "桌": ("tables", 1.0),
    # Counts a fine schedule is graded by (10张（处）以下, 每处200元).
    "张": ("pieces", 1.0),
    "处": ("pieces", 1.0),
}
_NUMBER = r"\d+(?:\.\d+)?|[零〇一二两三四五六七八九十百千万点]+"
_UNIT = "|".join(sorted(map(re.escape, _UNIT_SIZES), key=len, reverse=True))
# A unit may be followed by another it stands for too, in brackets: 10张（处）以下.
_AMOUNT = re.compile(
    rf"(?<!第)(?P<share>百分之)?(?P<number>{_NUMBER})\s*(?P<unit>{_UNIT})?"
    rf"(?:[（(](?:{_UNIT})[）)])?(?![条款项])"
)
# The words that make a stated amount a bound (超过五年, 不少于三年, 二十以内).
# 不超过 ends as 超过 does, so each reads the 不 before it.
_LOWER_BEFORE = re.compile(
    r"(?:(?<!不)(?<!不得)超过|不(?:得)?少于|不(?:得)?低于|(?<!不)高于|大于|(?<![不未])满)$"
)
_UPPER_BEFORE = re.compile(
    r"(?:不(?:得)?超过|不(?:得)?高于|(?<!不)(?<!不得)低于|(?<!不)(?<!不得)少于|不足|不满|未满)$"
)
# A lower bound its amount is not within (超过五百克, 高于, 大于).
_PAST_BEFORE = re.compile(r"(?:(?<!不)(?<!不得)超过|(?<!不)高于|大于)$")
# How far past a bound an amount said to exceed it (超过40%) is taken to be.
_PAST = 1e-6
# A period a frequency is counted in (一年至少几次, 每两年一次): no amount of its own.
_PERIOD = re.compile(r"几次|多少次|每")
_LOWER_AFTER = re.compile(r"^(?:以上|及以上)")
_UPPER_AFTER = re.compile(r"^(?:以内|以下|之内|及以下|内)")


@dataclass(frozen=True)
class Amount:
    """A number in one measure's base unit (30% → share 30; 六年 → time 2190 days)."""

    measure: str
    value: float


@dataclass(frozen=True)
class Bound:
    """A range a clause states an amount within: ``low`` to ``high`` in one measure."""

    measure: str
    low: float
    high: float
    # 超过五百克: a bound past its amount, which holds the amount itself only as askers
    # round (放了两天 for 超过四十八小时).
    past_low: bool = False

    def holds(self, amount: Amount) -> bool:
        return self.measure == amount.measure and self.low <= amount.value <= self.high

    def holds_at_edge(self, amount: Amount) -> bool:
        """Whether it holds the amount only at the edge it is past (一斤 in 超过五百克)."""
        return self.past_low and self.holds(amount) and amount.value == self.low


def _value(number: str) -> float | None:
    """30 → 30.0, 一点五 → 1.5, 二万 → 20000.0, 百分之 excluded; None if no numeral."""
    if re.fullmatch(r"\d+(?:\.\d+)?", number):
        return float(number)
    if "点" in number:
        whole, _, fraction = number.partition("点")
        head = _value(whole) if whole else 0.0
        digits = "".join(str(DIGITS[c]) for c in fraction if c in DIGITS)
        return None if head is None or not digits else head + float(f"0.{digits}")
    if "万" in number:
        high, _, low = number.partition("万")
        head = _value(high) if high else 1.0
        tail = _value(low) if low else 0.0
        return None if head is None or tail is None else head * 10_000 + tail
    counted = to_int(number)
    return None if counted is None else float(counted)


def _amounts(text: str) -> list[tuple[re.Match[str], Amount]]:
    """Each amount ``text`` states with a unit or as a share (百分之七十, 30%, 五年)."""
    found = []
    for match in _AMOUNT.finditer(text):
        value = _value(match.group("number"))
        unit = match.group("unit")
        if value is None or not (unit or match.group("share")):
            continue
        measure, size = _UNIT_SIZES[unit] if unit else ("share", 1.0)
        found.append((match, Amount(measure, value * size)))
    return found


def unit_size(unit: str) -> Amount | None:
    """One ``unit`` (年, 小时) in its measure's base unit."""
    sized = _UNIT_SIZES.get(unit)
    return Amount(*sized) if sized else None


def first_amount(text: str, measure: str) -> Amount | None:
    """The first amount ``text`` states in ``measure``."""
    return next((a for _, a in _amounts(text) if a.measure == measure), None)


def stated_amount(question: str) -> Amount | None:
    """The amount a question states last (超计划30%怎么加价, 批了六年才开工), if one; not
    the period of a frequency asked (一年至少搞几次)."""
    if _PERIOD.search(question):
        return None
    amounts = _amounts(question)
    if not amounts:
        return None
    # A follow-up is read after the question before it (超计划30%怎么加价？ 那超过40%呢？):
    # the last amount is the one asked now.
    match, amount = amounts[-1]
    # 超过40%: past the bound, so in 四十以上, not in 二十以上四十以内.
    if re.search(r"(?:超过|多于|高于|大于)$", question[: match.start()]):
        return Amount(amount.measure, amount.value + _PAST)
    if re.search(r"(?:不到|低于|少于|不足)$", question[: match.start()]):
        return Amount(amount.measure, amount.value - _PAST)
    return amount


# A measure asked of a thing's extent in any dimension (回收箱要多大): a length, an area or
# a volume states it.
_EXTENT = {"size": frozenset({"length", "area", "volume"})}
# A sum of money a share is taken of (首月工资的百分之五十, 服务费用的百分之二十).
_MONEY_OF = re.compile(r"(?:费|价|金|款|资|租|薪|收入)(?:用|格|额|总额)?的$")


def states(text: str, measure: str) -> bool:
    """Whether ``text`` states an amount in ``measure`` (五米 for length; for size, any
    extent; for a count or a sum of money, a share of it)."""
    measures = _EXTENT.get(measure, frozenset({measure}))
    stated = {amount.measure for _, amount in _amounts(text)}
    if stated & measures:
        return True
    # A count capped as a share of itself (宴席桌数预留不得超过…百分之十 for 能多订几桌).
    counted = (unit for unit, (of, _) in _UNIT_SIZES.items() if of in measures)
    if "share" in stated and any(f"{unit}数" in text for unit in counted):
        return True
    # A price capped as a share of a sum (中介服务费不得超过首月工资的百分之五十 for 收多少).
    return "money" in measures and any(
        a.measure == "share" and _MONEY_OF.search(text[: m.start()]) for m, a in _amounts(text)
    )


def is_amount(word: str) -> bool:
    """Whether a word is an amount alone (30%, 百分之三十, 六年): the asker's figure."""
    amounts = _amounts(word)
    return len(amounts) == 1 and amounts[0][0].group() == word


def bounds(text: str) -> list[Bound]:
    """The ranges ``text`` states: 二十以内 up to 20, 超过五年 from five years on,
    百分之二十以上百分之四十以内 from 20 to 40."""
    found: list[Bound] = []
    amounts = _amounts(text)
    for i, (match, amount) in enumerate(amounts):
        before, after = text[: match.start()], text[match.end() :]
        if _UPPER_BEFORE.search(before) or _UPPER_AFTER.match(after):
            if not (found and found[-1].high == math.inf and found[-1].measure == amount.measure):
                found.append(Bound(amount.measure, 0.0, amount.value))
                continue
            # 二十以上四十以内: the upper end of the range the last amount opened.
            opened = found.pop()
            if opened.low < amount.value and _joined(text, amounts[i - 1][0], match):
                found.append(Bound(amount.measure, opened.low, amount.value, opened.past_low))
            else:
                found += [opened, Bound(amount.measure, 0.0, amount.value)]
        elif _LOWER_BEFORE.search(before) or _LOWER_AFTER.match(after):
            past = _PAST_BEFORE.search(before) is not None
            found.append(Bound(amount.measure, amount.value, math.inf, past))
    return found


def _joined(text: str, first: re.Match[str], second: re.Match[str]) -> bool:
    """Whether two amounts bound one range (二十以上四十以内: only 以上 between them)."""
    between = text[first.end() : second.start()]
    # 超过五百克、不超过二千五百克: the upper bound's own words, after a comma.
    joining = r"(?:以上|及以上)(?:、|至|不满|不足)?|(?:以上|及以上)?[、，,]?不(?:得)?(?:超过|高于)"
    return re.fullmatch(joining, between) is not None


def holds(text: str, amount: Amount) -> bool:
    """Whether ``text`` states a range the amount falls in."""
    return any(bound.holds(amount) for bound in bounds(text))


def holds_at_edge(text: str, amount: Amount) -> bool:
    """Whether every range of ``text`` holding the amount holds it only at the edge it
    is past (一斤 in 超过五百克、不超过二千五百克): another range holds it squarely."""
    holding = [bound for bound in bounds(text) if bound.holds(amount)]
    return bool(holding) and all(bound.holds_at_edge(amount) for bound in holding)
