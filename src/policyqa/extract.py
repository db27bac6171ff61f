"""Owns extraction from a clause: deadlines, time limits and targets as records.

Every function here is pure: clauses in, frozen records out, with offsets into the
original document text.
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass

from policyqa import rules
from policyqa.documents import normalize_for_parsing
from policyqa.sentences import SENTENCE
from policyqa.structure import Clause


@dataclass(frozen=True)
class Deadline:
    """A time limit; ``date`` is ISO (end of the period), ``--MM-DD`` when recurring."""

    text: str
    date: str | None
    recurring: bool
    start: int
    end: int
    sentence: str
    sentence_start: int
    sentence_end: int


@dataclass(frozen=True)
class Target:
    """A quantified target such as 合格率达到98%."""

    text: str
    value: float
    unit: str
    comparator: str
    year: int | None
    start: int
    end: int


# ---------------------------------------------------------------------------- deadlines

_DATE = re.compile(
    r"(?P<prefix>到|于|在)?(?P<year>20\d{2})\s*年"
    r"(?:(?P<month>\d{1,2})\s*月(?:(?P<day>\d{1,2})\s*日)?)?"
    r"(?P<period>年底|年末|底|末)?(?P<suffix>前|之前|以前)?"
    r"(?!度|版)"
)
_RECURRING = re.compile(
    r"每年(?:(?P<month>\d{1,2})\s*月(?:(?P<day>\d{1,2})\s*日)?|(?P<period>年底|底))(?:前|之前)?"
)
_ONGOING = re.compile(r"(?<=[(,，;；:。\n])\s*(长期坚持|长期|持续推进|持续)\s*(?=[),，。;；])")


def _sentence_at(clause: Clause, normalised: str, position: int) -> tuple[int, int]:
    for match in SENTENCE.finditer(normalised):
        if match.start() <= position < match.end():
            raw = match.group()
            start = match.start() + (len(raw) - len(raw.lstrip()))
            return start, match.end()
    return 0, len(normalised)


def find_time_limits(clause: Clause, kind: str = "worded") -> tuple[Deadline, ...]:
    """Time limits in ``clause`` that are not dates, as worded (自…之日起五个工作日内,
    不超过一年, 及时), each with its sentence: a regulation's way of setting a deadline.
    ``kind`` ``frequency`` finds how often instead (每三个月至少清洗一次)."""
    normalised = normalize_for_parsing(clause.text)
    found = []
    pattern = _TIME_LIMIT if kind == "worded" else _FREQUENCY
    for match in pattern.finditer(clause.text):
        start, end = _sentence_at(clause, normalised, match.start())
        found.append(
            Deadline(
                text=match.group(),
                date=None,
                recurring=False,
                start=clause.start + match.start(),
                end=clause.start + match.end(),
                sentence=clause.text[start:end],
                sentence_start=clause.start + start,
                sentence_end=clause.start + end,
            )
        )
    return tuple(found)


def _month_end(year: int, month: int) -> str:
    return f"{year:04d}-{month:02d}-{calendar.monthrange(year, month)[1]:02d}"


def find_deadlines(clause: Clause) -> tuple[Deadline, ...]:
    """Deadlines in ``clause``, each attached to the sentence it governs."""
    normalised = normalize_for_parsing(clause.text)
    found: list[tuple[int, int, str | None, bool]] = []
    for match in _DATE.finditer(normalised):
        has_marker = any(match.group(g) for g in ("prefix", "period", "suffix", "day"))
        if not has_marker:
            continue
        year = int(match.group("year"))
        if match.group("day") and match.group("month"):
            iso = f"{year:04d}-{int(match.group('month')):02d}-{int(match.group('day')):02d}"
        elif match.group("month"):
            iso = _month_end(year, int(match.group("month")))
        else:
            iso = f"{year:04d}-12-31"
        found.append((match.start(), match.end(), iso, False))
    for match in _RECURRING.finditer(normalised):
        if match.group("month"):
            month = int(match.group("month"))
            day = int(match.group("day") or calendar.monthrange(2001, month)[1])
            found.append((match.start(), match.end(), f"--{month:02d}-{day:02d}", True))
        else:
            found.append((match.start(), match.end(), "--12-31", True))
    for match in _ONGOING.finditer(normalised):
        found.append((match.start(1), match.end(1), None, True))
    deadlines = []
    for start, end, date, recurring in sorted(found):
        s_start, s_end = _sentence_at(clause, normalised, start)
        deadlines.append(
            Deadline(
                text=clause.text[start:end],
                date=date,
                recurring=recurring,
                start=clause.start + start,
                end=clause.start + end,
                sentence=clause.text[s_start:s_end],
                sentence_start=clause.start + s_start,
                sentence_end=clause.start + s_end,
            )
        )
    return tuple(deadlines)


# ------------------------------------------------------------------------------ targets

_TARGET = re.compile(
    r"(?P<verb>达到|提高到|提高至|提升到|提升至|降低到|降低至|下降|减少|削减|不低于|不少于"
    r"|不超过|超过|控制在|达)(?P<value>\d+(?:\.\d+)?)\s*(?P<unit>%|％|个百分点|万吨|吨|种|家|项|个)"
    r"(?P<qual>以上|以下|以内|左右)?"
)
_COUNT = re.compile(r"(?<![\d.])(?P<value>\d{1,4})\s*(?P<unit>种|家|项|批)(?=[\u4e00-\u9fff])")
_AT_LEAST = ("以上", "不低于", "不少于", "超过")
_AT_MOST = ("以下", "以内", "不超过", "降低到", "降低至", "控制在")


def _comparator(verb: str, qualifier: str) -> str:
    if qualifier in _AT_LEAST or verb in _AT_LEAST:
        return ">="
    if qualifier in _AT_MOST or verb in _AT_MOST:
        return "<="
    if verb in ("达到", "达", "提高到", "提高至", "提升到", "提升至"):
        return ">="
    return "="


def find_targets(clause: Clause, deadlines: tuple[Deadline, ...] = ()) -> tuple[Target, ...]:
    """Quantified targets in ``clause``; ``year`` comes from a deadline in the same sentence."""
    normalised = normalize_for_parsing(clause.text)
    spans: list[tuple[int, int, float, str, str]] = []
    for match in _TARGET.finditer(normalised):
        unit = "%" if match.group("unit") == "％" else match.group("unit")
        comparator = _comparator(match.group("verb"), match.group("qual") or "")
        spans.append((match.start(), match.end(), float(match.group("value")), unit, comparator))
    taken = [(s, e) for s, e, *_ in spans]
    for match in _COUNT.finditer(normalised):
        if not any(s <= match.start() < e for s, e in taken):
            spans.append(
                (match.start(), match.end(), float(match.group("value")), match.group("unit"), "=")
            )
    targets = []
    for start, end, value, unit, comparator in sorted(spans):
        # The target reads from its subject: back to the previous comma or sentence end.
        subject = start
        while subject > 0 and normalised[subject - 1] not in "，,。；;:、\n(":
            subject -= 1
        s_start, s_end = _sentence_at(clause, normalised, start)
        year = next(
            (
                int(d.date[:4])
                for d in deadlines
                if d.date and not d.recurring and s_start <= d.start - clause.start < s_end
            ),
            None,
        )
        targets.append(
            Target(
                text=clause.text[subject:end],
                value=value,
                unit=unit,
                comparator=comparator,
                year=year,
                start=clause.start + subject,
                end=clause.start + end,
            )
        )
    return tuple(targets)


# A time limit with no date: relative to an event, a duration, or vague.
_TIME_LIMIT = re.compile(rules.data_toml("intents.toml")["time_limits"]["worded"])
_FREQUENCY = re.compile(rules.data_toml("intents.toml")["time_limits"]["frequency"])


def time_limit_in(text: str) -> str:
    """The first time limit ``text`` words without a date (自变化之日起30日内, 立即), or ""."""
    worded = _TIME_LIMIT.search(text)
    return worded.group() if worded else ""
