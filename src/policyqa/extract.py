"""Owns extraction from a clause: deadlines, targets and obligations as records.

Every function here is pure: clauses in, frozen records out, with offsets into the
original document text.
"""

from __future__ import annotations

import calendar
import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from policyqa import rules
from policyqa.documents import normalize_for_parsing
from policyqa.notes import (
    note_spans,
)
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


@dataclass(frozen=True)
class Obligation:
    """A sentence addressed to a regulated party."""

    doc_id: str
    clause_id: str
    actor: str
    kind: str
    action: str
    industries: tuple[str, ...]
    deadline: str | None
    start: int
    end: int
    # The time limit as the text words it, dated or not: 每年3月31日前, 自变化之日起30日内
    # (relative to an event), 保存不少于5年 (a duration), 立即 (vague).
    deadline_text: str = ""


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


def find_time_limits(clause: Clause) -> tuple[Deadline, ...]:
    """Time limits in ``clause`` that are not dates, as worded (自…之日起五个工作日内,
    不超过一年, 及时), each with its sentence: a regulation's way of setting a deadline."""
    normalised = normalize_for_parsing(clause.text)
    found = []
    for match in _TIME_LIMIT.finditer(clause.text):
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


# -------------------------------------------------------------------------- obligations

_MODAL = re.compile(
    r"应当|(?<![供相适响对])应(?!急|用)|(?<![重主需])要(?![求素])|须|不得|严禁|禁止"
)
_ACTOR_RE = "(?:" + "|".join(rules.actors()) + ")"
_ACTOR = re.compile(_ACTOR_RE)
_SUPERVISED = re.compile(
    r"(?:督促|要求|指导|监督|规范)[^。；;]{0,15}?"
    + _ACTOR_RE
    + r"|落实"
    + _ACTOR_RE
    + r"|(?:对|将)[^。；;]{0,60}?"
    + _ACTOR_RE
    + r"[^。；;]{0,20}?(?:纳入|实施|办理|予以)"
)
_ENCOURAGED = re.compile(r"(?:鼓励|支持|引导)[^。；;]{0,20}?" + _ACTOR_RE)


def defined_terms(clauses: Sequence[Clause]) -> tuple[tuple[str, str], ...]:
    """(term, clause id) for each term a regulation defines: 本规定所称贮存单位，是指…"""
    pattern = re.compile(rules.data_toml("intents.toml")["parties"]["defined"])
    return tuple((m.group("party"), c.id) for c in clauses for m in pattern.finditer(c.text))


def subject_parties(clauses: Sequence[Clause]) -> tuple[str, ...]:
    """Parties a regulation binds by name at the head of a duty (施工单位应当…)."""
    pattern = re.compile(rules.data_toml("intents.toml")["parties"]["subject"])
    found = (
        m.group("party")
        for c in clauses
        for sentence in SENTENCE.finditer(normalize_for_parsing(c.text))
        if (m := pattern.match(_head(sentence.group())))
    )
    return tuple(dict.fromkeys(found))


def defined_parties(clauses: Sequence[Clause]) -> tuple[str, ...]:
    """Parties a regulation defines for itself (本规定所称贮存单位，是指…): they are
    regulated parties of that document, whatever the actors table knows."""
    party = re.compile(rules.data_toml("intents.toml")["parties"]["party_endings"])
    terms = (term for term, _ in defined_terms(clauses))
    return tuple(dict.fromkeys(t for t in terms if party.search(t)))


def find_obligations(
    clause: Clause,
    deadlines: tuple[Deadline, ...] = (),
    parties: tuple[str, ...] = (),
    regulation: bool = False,
) -> tuple[Obligation, ...]:
    """Sentences in ``clause`` that bind or oversee enterprises and other regulated parties
    (its responsibility notes are not such sentences); ``parties`` adds the ones the
    document defines. In a ``regulation``, a prohibition with no subject binds everyone."""
    normalised = normalize_for_parsing(clause.text)
    notes = [range(s - 1, e + 1) for s, e in note_spans(clause.text)]
    obligations = []
    previous = ""
    own: re.Pattern[str] | None = None
    if parties:
        own = re.compile("|".join(map(re.escape, sorted(parties, key=len, reverse=True))))
    for match in SENTENCE.finditer(normalised):
        if any(match.start() in note or match.end() - 1 in note for note in notes):
            continue
        sentence = match.group()
        actor = own.search(sentence) if own else None
        actor = actor or _ACTOR.search(sentence)
        binds = _BINDS.search(sentence)
        if actor and binds and "，" not in sentence[binds.start() : actor.start()]:
            # 报告应当载明企业基本信息: a party after the duty, in its clause, is its object
            # (因…必须连续施工的，施工单位应当…: a party after the comma is the subject).
            actor = None if binds.start() < actor.start() else actor
        implied = previous or (parties[0] if len(parties) == 1 else "")
        if actor:
            party = actor.group()
            kind = _obligation_kind(sentence, actor.start())
        elif previous and _IMPLIED_PARTY.search(sentence):
            # 发现排放超标的，应当立即报告…: the party of the sentence before, left unsaid.
            party, kind = previous, _obligation_kind(sentence, 0)
        elif implied and binds and not _AGENCY.match(_head(sentence)):
            # 年度报告应当载明…: a thing's duty is its keeper's, the party of the sentence
            # before or, in a regulation that defines one party, that party.
            party, kind = implied, _obligation_kind(sentence, 0)
        elif regulation and _PROHIBITS.match(_head(sentence)):
            party, kind = _PARTIES["everyone"], "prohibition"
        else:
            continue
        if kind is None:
            continue
        previous = party
        start = match.start() + (len(sentence) - len(sentence.lstrip()))
        if start == 0 and not clause.title and clause.text.startswith(clause.breadcrumb[-1]):
            # An article's number (第四条　) is not part of its first sentence's action.
            marker = len(clause.breadcrumb[-1])
            start = marker + len(clause.text[marker:]) - len(clause.text[marker:].lstrip())
        if (
            clause.start + start == clause.start
            and clause.title
            and sentence.startswith(normalised[: len(clause.title)])
        ):
            continue  # the run-in title alone is not an obligation
        # Only industries the sentence itself names: a clause-wide guess would attach
        # 农药 to a duty that is about every emitter.
        industries = tuple(i for i in rules.industries() if i in sentence)
        within = [d for d in deadlines if match.start() <= d.start - clause.start < match.end()]
        deadline = next((d.date for d in within), None)
        worded = _TIME_LIMIT.search(sentence)
        deadline_text = within[0].text if within else (worded.group() if worded else "")
        obligations.append(
            Obligation(
                doc_id=clause.doc_id,
                clause_id=clause.id,
                actor=party,
                kind=kind,
                action=clause.text[start : match.end()],
                industries=industries,
                deadline=deadline,
                start=clause.start + start,
                end=clause.start + match.end(),
                deadline_text=deadline_text,
            )
        )
    return tuple(obligations)


def list_item_obligations(
    clauses: tuple[Clause, ...], obligations: tuple[Obligation, ...]
) -> tuple[Obligation, ...]:
    """The items (（一）…) of a duty that ends by introducing them (应当遵守下列规定：),
    each a duty of the same party."""
    conditions = re.compile(rules.data_toml("intents.toml")["items"]["conditions"])
    introducing = {
        o.clause_id: o
        for o in obligations
        if o.action.rstrip().endswith(("：", ":")) and not conditions.search(o.action)
    }
    items = []
    for clause in clauses:
        parent = introducing.get(clause.id.rsplit("/", 1)[0])
        if parent is None or clause.id in introducing:
            continue
        number = normalize_for_parsing(clause.breadcrumb[-1])
        marker = len(number) if normalize_for_parsing(clause.text).startswith(number) else 0
        action = clause.text[marker:].strip()
        start = clause.start + clause.text.index(action)
        worded = _TIME_LIMIT.search(action)
        items.append(
            replace(
                parent,
                clause_id=clause.id,
                action=action,
                start=start,
                end=start + len(action),
                deadline=None,
                deadline_text=worded.group() if worded else "",
                industries=tuple(i for i in rules.industries() if i in action),
            )
        )
    return tuple(items)


# A regulation's duty whose party is the one of the sentence before: …的，应当…
_IMPLIED_PARTY = re.compile(r"的，(?:应当|必须|不得)")
# The register of a regulation's duties (plans' 要 is not among them; 禁止 often names a
# class of substance, 禁止类).
_BINDS = re.compile(r"应当|必须|不得")
_PARTIES = rules.data_toml("intents.toml")["parties"]
# A regulation's prohibition with no subject: 禁止在夜间进行…
_PROHIBITS = re.compile(_PARTIES["prohibits"])
# An agency opening a sentence: its duty is an agency's, found by ``penalties``.
_AGENCY = re.compile(rules.data_toml("penalties.toml")["agency"])
_ARTICLE_NUMBER = re.compile(
    r"^\s*第[一二三四五六七八九十百零〇]+条(?:之[一二三四五六七八九十]+)?\s*"
)


def _head(sentence: str) -> str:
    """A sentence without its article number (第六条 ) and leading space."""
    return _ARTICLE_NUMBER.sub("", sentence).lstrip()


# A time limit with no date: relative to an event, a duration, or vague.
_TIME_LIMIT = re.compile(rules.data_toml("intents.toml")["time_limits"]["worded"])


# A duty that forbids: the party must not (不得, 严禁, 禁止), with nothing it must do.
_FORBIDS = frozenset({"不得", "严禁", "禁止"})


def _obligation_kind(sentence: str, actor_at: int) -> str | None:
    modals = {m.group() for m in _MODAL.finditer(sentence, actor_at)}
    if modals:
        return "prohibition" if modals <= _FORBIDS else "duty"
    if _ENCOURAGED.search(sentence):
        return "encouraged"
    if _SUPERVISED.search(sentence):
        return "supervised"
    return None
