"""Owns Chinese numerals as regulations write them: 第一百零二条 ↔ 102."""

from __future__ import annotations

DIGITS = {
    "零": 0,
    "〇": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
UNITS = {"十": 10, "百": 100, "千": 1000}
_WRITTEN = "零一二三四五六七八九"


def to_int(numeral: str) -> int | None:
    """一百零二 → 102, 十五 → 15, 二十 → 20, 12 → 12; None when it is not a numeral."""
    if numeral.isdigit():
        return int(numeral)
    if not numeral or any(c not in DIGITS and c not in UNITS for c in numeral):
        return None
    total, digit = 0, 0
    for char in numeral:
        if char in DIGITS:
            digit = DIGITS[char]
        else:
            total += (digit or 1) * UNITS[char]  # 十五: the leading 一 is left out
            digit = 0
    return total + digit


def to_chinese(number: int) -> str:
    """102 → 一百零二, 15 → 十五, 20 → 二十 (as article numbers are written)."""
    if number < 10:
        return _WRITTEN[number]
    parts: list[str] = []
    zero = False
    for value, unit in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        digit = number // value % 10
        if digit:
            if zero:
                parts.append("零")
            parts.append(_WRITTEN[digit] + unit)
            zero = False
        elif parts:
            zero = True
    written = "".join(parts)
    return written[1:] if written.startswith("一十") else written
