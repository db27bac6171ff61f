"""Owns correcting what an input method mistypes in a question: a homophone for the
question word meant (那个部门 for 哪个部门, 马 for 吗), as the rules in
``data/typos.toml`` say, and nothing the asker could mean as typed; the courtesy around a
question and a voice transcript's pauses; a dialect's question words (啥子, 咋个); and a
question typed in traditional characters."""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from policyqa import rules
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


def corrected(text: str) -> str:
    """``text`` with each mistyped question word replaced by the word meant; typed with a
    traditional-character input method (中介可以吃差價嗎), in simplified characters, as the
    documents are read and the tables are written."""
    if is_traditional(text):
        text = to_simplified(text)
    for fix in _fixes():
        if fix.unless is not None and fix.unless.search(text):
            continue

        def meant(match: re.Match[str], fix: _Fix = fix) -> str:
            before = match.string[max(0, match.start() - 1) : match.end()]
            if fix.unless_word and default_segmenter().is_word(before):
                return match.group()
            return fix.meant

        text = fix.typed.sub(meant, text)
    return text
