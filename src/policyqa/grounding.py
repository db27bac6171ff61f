"""Owns grounding: every department, date and number in an answer must be in a quote
the same sentence cites; sentences that are not are dropped."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from policyqa.answer import NOT_FOUND_TEXT, Answer
from policyqa.departments import CITY_PREFIX, DepartmentTable
from policyqa.library import Library
from policyqa.sentences import ANSWER_SENTENCE

_CITE = re.compile(r"\[(\d+)\]")
_TITLE = re.compile(r"《[^《》]*》")
_DATE = re.compile(r"(20\d{2})\s*年(?:\s*(\d{1,2})\s*月(?:\s*(\d{1,2})\s*日)?)?")
_ISO = re.compile(r"(20\d{2})-(\d{2})-(\d{2})")
_ORG_ENDINGS = ("局", "委", "办", "社", "海关", "分局", "管委会", "政府", "委员会", "办公室")
_NUMBER = re.compile(r"(\d+(?:\.\d+)?)\s*(%|％|种|家|项|个|批|亿元|万元|元|吨|万吨|个百分点)")


@dataclass(frozen=True)
class Claim:
    """A checkable statement: a department, a date or a number with its unit."""

    kind: str
    value: str
    text: str


@dataclass(frozen=True)
class Verdict:
    """The verified text, and what was dropped for lack of support."""

    text: str
    dropped: tuple[tuple[str, tuple[Claim, ...]], ...]
    claims: int
    supported: int

    @property
    def ok(self) -> bool:
        return not self.dropped


def department_names(
    table: DepartmentTable, extra: Iterable[str] = (), claims_only: bool = True
) -> dict[str, str]:
    """Surface form → canonical name, bare city bases read as 市-prefixed (they are
    abbreviations inside a 市 list). ``claims_only`` keeps forms that read as an
    organisation; quotes are read with every form, typos included."""
    names = dict(table.surface_forms())
    for name in extra:
        names.setdefault(name, name)
    if not claims_only:
        return names
    # Only forms that read as an organisation count as a claim: 生态环境 alone is a topic.
    return {form: canon for form, canon in names.items() if form.endswith(_ORG_ENDINGS)}


def find_departments(text: str, names: dict[str, str]) -> list[tuple[str, int, int]]:
    """Canonical departments in ``text``, longest form first, without overlaps."""
    taken: list[tuple[int, int]] = []
    found: list[tuple[str, int, int]] = []
    for form in sorted(names, key=len, reverse=True):
        if len(form) < 2 or form not in text:  # the test is cheap; most forms are absent
            continue
        for match in re.finditer(re.escape(form), text):
            s, e = match.span()
            if any(s < te and ts < e for ts, te in taken):
                continue
            taken.append((s, e))
            found.append((names[form], s, e))
    return found


def claims_in(text: str, names: dict[str, str]) -> list[Claim]:
    """Departments, dates and numbers stated in ``text`` (citation markers excluded, and
    titles: 《某市…规定（2045年修订）》 names a document, it states no year)."""
    plain = _TITLE.sub("", _CITE.sub("", text))
    claims = [
        Claim("department", canon, plain[s:e]) for canon, s, e in find_departments(plain, names)
    ]
    for match in _DATE.finditer(plain):
        year, month, day = match.groups()
        value = year + (f"-{int(month):02d}" if month else "") + (f"-{int(day):02d}" if day else "")
        claims.append(Claim("date", value, match.group()))
    for match in _ISO.finditer(plain):
        claims.append(Claim("date", match.group(), match.group()))
    for match in _NUMBER.finditer(plain):
        unit = "%" if match.group(2) == "％" else match.group(2)
        claims.append(Claim("number", f"{float(match.group(1)):g}{unit}", match.group()))
    return claims


def _supported(claim: Claim, quotes: Sequence[str], quote_names: dict[str, str]) -> bool:
    for quote in quotes:
        if claim.kind == "department":
            if claim.value in {canon for canon, _, _ in find_departments(quote, quote_names)}:
                return True
            # 市场监管局 inside 市工信局、农牧局、市场监管局 stands for 市市场监管局.
            bare = claim.value.removeprefix(CITY_PREFIX)
            if claim.value.startswith(CITY_PREFIX) and bare in quote:
                return True
        elif claim.kind == "date":
            year, *rest = claim.value.split("-")
            if year in quote and (not rest or _date_parts_in(rest, quote)):
                return True
        elif claim.kind == "number":
            number = re.match(r"[\d.]+", claim.value)
            if number and re.search(
                # A number, not part of a longer one: 3 in "3. 加强回收" but not in 13 or 0.3.
                rf"(?<!\d)(?<!\d\.){re.escape(number.group())}(?!\d|\.\d)",
                quote.replace("％", "%"),
            ):
                return True
    return False


def _date_parts_in(parts: list[str], quote: str) -> bool:
    month = str(int(parts[0]))
    if f"{month}月" in quote:
        return True
    # 年底 / 年末 state the period end: YYYY-12(-31) is what they mean.
    return parts[0] == "12" and ("年底" in quote or "年末" in quote or "底前" in quote)


def verify(
    text: str,
    quotes: dict[int, str],
    names: dict[str, str],
    quote_names: dict[str, str] | None = None,
) -> Verdict:
    """Drop each sentence whose claims are not all in the quotes that sentence cites.

    ``names`` finds claims in the answer; ``quote_names`` (default: the same) reads the
    quotes, and should include typo forms such as 市生态环境 that only sources contain.
    """
    quote_names = quote_names or names
    kept: list[str] = []
    dropped: list[tuple[str, tuple[Claim, ...]]] = []
    total = supported = 0
    for match in ANSWER_SENTENCE.finditer(text):
        sentence = match.group()
        claims = claims_in(sentence, names)
        cited = [quotes[int(n)] for n in _CITE.findall(sentence) if int(n) in quotes]
        missing = tuple(c for c in claims if not _supported(c, cited, quote_names))
        total += len(claims)
        supported += len(claims) - len(missing)
        if missing:
            dropped.append((sentence, missing))
        else:
            kept.append(sentence)
    return Verdict("".join(kept).strip(), tuple(dropped), total, supported)


@dataclass(frozen=True)
class Verifier:
    """The grounding check for the answers over one library.

    Args:
        names: department forms that count as a claim in an answer.
        quote_names: every department form, typos included, for reading quotes.
    """

    names: dict[str, str]
    quote_names: dict[str, str]

    @classmethod
    def for_library(cls, library: Library) -> Verifier:
        """Names from the alias table and every body the library's tasks name."""
        bodies = [
            d for t in library.tasks for d in (*t.responsibility.departments, *t.implementers)
        ]
        return cls(
            department_names(library.table, bodies),
            department_names(library.table, bodies, claims_only=False),
        )

    def verify(self, text: str, quotes: dict[int, str]) -> Verdict:
        """``verify`` with this library's names."""
        return verify(text, quotes, self.names, self.quote_names)

    def verified(self, answer: Answer) -> Answer:
        """The answer less its unsupported sentences, which are recorded in ``dropped``."""
        verdict = self.verify(answer.text, {c.n: c.quote for c in answer.citations})
        if verdict.ok:
            return answer
        dropped = tuple(sentence for sentence, _ in verdict.dropped)
        if answer.status == "answered" and not verdict.text:
            # Nothing it said stands: it says the documents do not, and shows what it cited.
            near = [f"- 《{c.title}》{c.breadcrumb}[{c.n}]" for c in answer.citations[:3]]
            text = "\n".join([NOT_FOUND_TEXT, *(["可能相关：", *near] if near else [])])
            return replace(answer, status="not_found", text=text, dropped=dropped)
        return replace(answer, text=verdict.text, dropped=dropped)

    def supported_sentence(self, sentence: str, quotes: dict[int, str]) -> str:
        """A generated sentence if every claim in it is in a quote it cites, else ""."""
        if not sentence.strip() or NOT_FOUND_TEXT.rstrip("。") in sentence:
            return ""
        verdict = self.verify(sentence, quotes)
        # A sentence with nothing checkable and no citation adds nothing we can stand behind.
        if not verdict.ok or (verdict.claims == 0 and "[" not in sentence):
            return ""
        return verdict.text + ("\n" if sentence.endswith("\n") else "")
