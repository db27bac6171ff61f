"""Owns what a regulation says of enforcement: its penalties (the 法律责任 articles as
records of conduct, authority and sanctions, linked to the obligations they enforce), and
the duties it gives agencies. Pure functions over parsed clauses.

A penalty citing the articles it enforces (违反本办法第四条规定) links to their duties; one
that does not is linked by matching its conduct to a duty's action, and says so.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import cache
from typing import Any

from policyqa import rules
from policyqa.departments import CITY_PREFIX
from policyqa.documents import normalize_for_parsing
from policyqa.numbering import ARTICLE_HEAD, ARTICLE_LABEL, ITEM_LABEL, PARAGRAPH_LABEL
from policyqa.numerals import to_chinese, to_int
from policyqa.obligations import AGENCY, FORBIDDEN_PLACE, Obligation, binds
from policyqa.structure import Clause


@cache
def _vocabulary() -> dict[str, Any]:
    return rules.data_toml("penalties.toml")


def in_penalty_chapter(clause: Clause) -> bool:
    """Whether ``clause`` sits in a 法律责任 (罚则) chapter."""
    # Drafters space short titles out (第四章　法　律　责　任).
    headings = re.sub(r"\s", "", "/".join(clause.breadcrumb[:-1]))
    return any(w in headings for w in _vocabulary()["chapters"])


@dataclass(frozen=True)
class Penalty:
    """What a 法律责任 article sanctions, who sanctions it, and the duties it enforces.

    ``linked_by`` is ``cited`` when the article names the articles it enforces and
    ``inferred`` when the link comes from matching its conduct to a duty's action.
    """

    doc_id: str
    clause_id: str
    conduct: str
    authority: str
    sanctions: tuple[str, ...]
    cites: tuple[str, ...]
    obligations: tuple[str, ...]
    linked_by: str
    start: int
    end: int
    # The linked duties themselves (clause, offset): a 款 is finer than its article.
    duties: tuple[tuple[str, int], ...] = ()


def _cited_articles(text: str) -> tuple[tuple[str, int, str], ...]:
    """第四条, 第五条第一款, 第十条第一款第（二）项, 第八条之一, 第四条、第六条: the articles
    (as written in ids), 款 (0: the whole article) and 项 (（二）; "": all) a penalty says
    it enforces."""
    words = _vocabulary()
    article = re.compile(words["cited_article"])
    joiner = re.compile(words["cited_joiner"])
    found = []
    for head in re.finditer(words["cites"], text):
        at = head.end()
        while match := article.match(text, at):
            number = to_int(match.group("n"))
            paragraph = to_int(match.group("k")) if match.group("k") else 0
            # 第四条第1项: an article's items numbered 1. 2. are cited in digits.
            item = f"（{match.group('x')}）" if match.group("x") else match.group("d") or ""
            if number is not None:
                # 第八条之一 is an article of its own, inserted after 第八条.
                label = f"第{to_chinese(number)}条{match.group('z') or ''}"
                found.append((label, paragraph or 0, item))
            at = match.end()
            # 第六条第（一）项、第（二）项: a further item of the same article.
            while (joined := joiner.match(text, at)) and (
                more := _ITEM_CITED.match(text, joined.end())
            ):
                found.append((found[-1][0], found[-1][1], f"（{more.group(1)}）"))
                at = more.end()
            if (joined := joiner.match(text, at)) and article.match(text, joined.end()):
                at = joined.end()
            else:
                break
    return tuple(dict.fromkeys(found))


def _place_of(obligation: Obligation, clauses: dict[str, Clause]) -> tuple[str, int, str]:
    """The article of a duty, its 款 and its 项: the 款 it is in (第九条 › 第二款) or the
    line of the article it stands on (an item (（一）…) belongs to the 款 that introduces
    it), and the item it is, if one."""
    parts = obligation.clause_id.split("/")
    ancestry = [clauses.get("/".join(parts[:n])) for n in range(len(parts), 1, -1)]
    article = next((c for c in ancestry if c and ARTICLE_LABEL.fullmatch(c.breadcrumb[-1])), None)
    if article is None:
        return "", 0, ""
    label = article.breadcrumb[-1]
    own = clauses.get(obligation.clause_id)
    crumb = own.breadcrumb[-1] if own else ""
    # An item numbered 1. right under its article (第四条 › 3．) is that article's 第3项.
    digit = re.fullmatch(r"(\d{1,3})[．.]?", crumb)
    under_article = len(ancestry) > 1 and ancestry[1] is article
    item = (
        crumb if ITEM_LABEL.fullmatch(crumb) else digit.group(1) if digit and under_article else ""
    )
    for clause in ancestry:
        if clause is article:
            break
        if clause and (kuan := PARAGRAPH_LABEL.fullmatch(clause.breadcrumb[-1])):
            return label, to_int(kuan.group(1)) or 0, item

    # 款 are counted by the lines that hold text: a blank line between them (as web pages
    # and Word files give them) is none, and nor is the article's number with its title
    # on a line of their own (第五条（救生保障）, its text below).
    def holds_text(line: str) -> bool:
        return bool(ARTICLE_HEAD.sub("", line, count=1).strip())

    lines = [line for line in article.text.split("\n") if holds_text(line)]
    if obligation.clause_id != article.id:
        return label, len(lines), item
    at = obligation.start - article.start
    return (
        label,
        sum(1 for line in article.text[:at].split("\n")[:-1] if holds_text(line)) + 1,
        item,
    )


_ITEM_CITED = re.compile(r"第[（(]([一二三四五六七八九十]+|\d{1,2})[）)]项")


def _enforces(cites: tuple[tuple[str, int, str], ...], where: tuple[str, int, str]) -> bool:
    return any(
        a == where[0] and (not k or k == where[1]) and (not x or x == where[2]) for a, k, x in cites
    )


def _bigrams(text: str) -> set[str]:
    chars = re.sub(r"[^\u4e00-\u9fff]", "", text)
    return {chars[i : i + 2] for i in range(len(chars) - 1)}


def _item_text(clause: Clause) -> str:
    """An item's words without its number: （一）未建立台账的； → 未建立台账"""
    text = normalize_for_parsing(clause.text).strip()
    text = re.sub(r"^[（(][一二三四五六七八九十]+[）)]\s*", "", text)
    return re.sub(r"的?[；;。，]?$", "", text)


def _act(text: str) -> str:
    """What a conduct or a duty says is done, less its condition and where (违反本条例规定，
    在禁止吸烟场所吸烟 → 吸烟; 禁止在禁止吸烟场所内销售烟草制品 → 销售烟草制品): a place
    is shared by duties about other acts in it."""
    named = FORBIDDEN_PLACE.sub("", text.rsplit("，", 1)[-1])  # 设置禁止吸烟标识: no 吸烟
    modal = re.search(_vocabulary()["duty_modal"], named)
    done = named[modal.end() :] if modal else named
    return re.sub(_vocabulary()["act_place"], "", done)


def _matching(conduct: str, duties: Sequence[Obligation], parties: set[str]) -> list[Obligation]:
    """The duties whose action shares the most character pairs with ``conduct``, at
    least three of them: a phrase in common, not one word. A conduct in a place (在禁止吸烟
    场所吸烟) is first matched by its act: other duties in that place are about other acts."""
    # 未按照规定 says the conduct breaks a rule, not which: it weighs nothing.
    wanted = _bigrams(re.sub(_vocabulary()["breach"], "", conduct)) - parties
    placed = re.match(_vocabulary()["act_place"], conduct.rsplit("，", 1)[-1])
    act = _bigrams(_act(conduct)) - parties if placed else set()
    scored = [
        ((len(act & _bigrams(_act(o.action))) if act else 0, len(wanted & _bigrams(o.action))), o)
        for o in duties
    ]
    # A phrase in common, not one word: three pairs, or all but one of a short conduct's.
    enough = min(3, max(2, len(wanted) - 1))
    scored = [(score, o) for score, o in scored if score[1] >= enough]
    best = max((score for score, _ in scored), default=None)
    return [o for score, o in scored if score == best]


def find_penalties(
    clauses: Sequence[Clause], obligations: Sequence[Obligation]
) -> tuple[Penalty, ...]:
    """The penalties of one regulation's clauses, each linked to the duties it enforces."""
    words = _vocabulary()
    sanction = re.compile(words["sanction"])
    by_id = {c.id: c for c in clauses}
    # Where a 法律责任 chapter holds the penalties, an order elsewhere (已建成的…项目，由县
    # 人民政府责令拆除) is a measure, not a penalty; without one, an article ordered by an
    # authority is.
    chaptered = any(map(in_penalty_chapter, clauses))
    penalties = []
    for clause in clauses:
        in_chapter = in_penalty_chapter(clause)
        sanctions = tuple(m.group() for m in sanction.finditer(clause.text))
        elsewhere = not chaptered and re.search(words["authority"], clause.text)
        if not sanctions or not (in_chapter or elsewhere):
            continue
        body = ARTICLE_HEAD.sub("", clause.text, count=1)  # 第十一条（未安装设施的处罚）
        parts = re.match(words["conduct"], body)
        # 有下列行为之一的，由…处…：（一）…（二）…: each item is a conduct it sanctions.
        items = [c for c in clauses if c.id.rsplit("/", 1)[0] == clause.id]
        conducts = [parts.group("conduct") if parts else "", *(_item_text(c) for c in items)]
        authority = (parts.group("authority") or "") if parts else ""
        cites = _cited_articles(body)
        if cites:
            linked = [o for o in obligations if _enforces(cites, _place_of(o, by_id))]
            linked_by = "cited"
        else:
            duties = [o for o in obligations if o.kind in ("duty", "prohibition")]
            # 监测机构出具虚假监测报告: not a duty of 餐饮服务经营者, however alike the words.
            party = re.match(words["conduct_party"], conducts[0])
            if party:
                duties = [o for o in duties if binds(o, party.group("party"))]
            # The party both name (施工单位) says nothing of which duty is broken.
            parties = _bigrams(" ".join({o.actor for o in obligations}))
            conduct_items = conducts[1:] or conducts[:1]
            linked = [o for c in conduct_items for o in _matching(c, duties, parties)]
            # A duty's items are its duties too (下列场所的室内区域禁止吸烟：（四）商场…).
            chapeaus = {o.clause_id for o in linked}
            linked += [o for o in duties if o.clause_id.rsplit("/", 1)[0] in chapeaus]
            linked_by = "inferred"
        linked = list(dict.fromkeys(linked))
        end = max([clause.end, *(c.end for c in items)])
        penalties.append(
            Penalty(
                clause.doc_id,
                clause.id,
                "；".join(c for c in conducts if c),
                authority,
                sanctions,
                tuple(
                    a + (f"第{to_chinese(k)}款" if k else "") + (f"第{x}项" if x else "")
                    for a, k, x in cites
                ),
                tuple(dict.fromkeys(o.clause_id for o in linked)),
                linked_by if linked else "",
                clause.start,
                end,
                tuple((o.clause_id, o.start) for o in linked),
            )
        )
    return tuple(penalties)


@dataclass(frozen=True)
class AgencyDuty:
    """A regulation's sentence that gives an agency a duty: 市生态环境局对…实施统一监督管理,
    市应急管理局负责…; ``department`` is the canonical name."""

    doc_id: str
    clause_id: str
    department: str
    sentence: str
    start: int
    end: int


def _department(name: str, forms: dict[str, str], generic: re.Pattern[str]) -> str:
    """An agency as the regulation names it: a known office by its canonical name, and a
    city's generic one too (市生态环境主管部门 is that city's 市生态环境局); another generic
    one (生态环境主管部门, 县级以上人民政府…) as written, for it is no city's office."""
    if generic.fullmatch(name) and not name.startswith(CITY_PREFIX):
        return name
    return forms.get(name, name)


def find_agency_duties(clauses: Sequence[Clause], forms: dict[str, str]) -> tuple[AgencyDuty, ...]:
    """Sentences whose subject is an agency (a form of ``forms``, surface → canonical)
    that the sentence charges with supervising, being responsible or acting."""
    verbs = re.compile(_vocabulary()["agency_duty"])
    names = sorted((f for f in forms if len(f) >= 3), key=len, reverse=True)
    known = re.compile("|".join(map(re.escape, names))) if names else None
    generic = AGENCY
    then_party = re.compile(_vocabulary()["condition_then_party"])

    def subject(head: str) -> re.Match[str] | None:
        # The longer of a known office's name (市生态环境局) and a generic one
        # (生态环境主管部门, not its 生态环境 as a known alias).
        found = [m for m in (known.match(head) if known else None, generic.match(head)) if m]
        return max(found, key=lambda m: m.end(), default=None)

    duties = []
    for clause in clauses:
        if in_penalty_chapter(clause):
            continue  # 法律责任: what an official who abuses office faces is not a duty
        for sentence in re.finditer(r"[^。；\n]+[。；]?", clause.text):
            for at, end in _charged_parts(sentence.group(), subject):
                text = sentence.group()[at:end]
                first = sentence.start() + at == 0
                head = ARTICLE_HEAD.sub("", text, count=1) if first else text
                # 各街道办事处负责…: each of the offices, the office's duty.
                named = re.sub(r"^各(?=[\u4e00-\u9fff]{3})", "", head.strip())
                found = subject(named)
                charged = verbs.match(named, found.end()) if found else None
                if found and charged and not then_party.search(charged.group()):
                    start = clause.start + sentence.start() + at + (len(text) - len(head.lstrip()))
                    duties.append(
                        AgencyDuty(
                            clause.doc_id,
                            clause.id,
                            _department(found.group(), forms, generic),
                            head.strip(),
                            start,
                            clause.start + sentence.start() + end,
                        )
                    )
    return tuple(duties)


def _charged_parts(
    sentence: str, subject: Callable[[str], re.Match[str] | None]
) -> list[tuple[int, int]]:
    """A sentence's parts, each charging one agency: a comma before another agency that
    the sentence goes on to charge starts a part (市海洋发展局负责…，市应急管理局负责…), as
    does one closing the condition an agency's duty follows (…造成损毁或者中断的，乡（镇）人民
    政府应当立即设置警示标志)."""
    cuts = [0]
    for comma in re.finditer("，", sentence):
        rest = sentence[comma.end() :]
        found = subject(rest)
        charges = r"(?:负责|会同|组织实施|按照(?:各自)?职责)"
        if sentence[: comma.start()].endswith("的"):
            charges = r"(?:负责|会同|组织实施|按照(?:各自)?职责|应当|必须)"
        if found and re.match(charges, rest[found.end() :]):
            cuts.append(comma.end())
    ends = [cut - 1 for cut in cuts[1:]] + [len(sentence)]
    return list(zip(cuts, ends, strict=True))
