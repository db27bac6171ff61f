"""Owns a regulated party's obligations: the sentences that bind a party (应当, 不得,
禁止…), whom they bind, how, and by when; the parties a regulation defines or names.

Every function here is pure: clauses in, frozen records out, with offsets into the
original document text.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from policyqa import rules
from policyqa.documents import normalize_for_parsing
from policyqa.extract import Deadline, time_limit_in
from policyqa.notes import note_spans
from policyqa.numbering import ARTICLE_HEAD, PARAGRAPH_LABEL
from policyqa.sentences import SENTENCE
from policyqa.structure import Clause


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


_MODAL = re.compile(
    r"应当|(?<![供相适响对])应(?!急|用)|(?<![重主需])要(?![求素])|须|不得|严禁|禁止|只能"
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


def defined_terms(clauses: Sequence[Clause], listed: bool = True) -> tuple[tuple[str, str], ...]:
    """(term, clause id) for each term a regulation defines: 本规定所称贮存单位，是指…, and,
    unless not ``listed``, each of a 附则's list of 用语的含义 (（二）农业投入品，是指…)."""
    return tuple((m.group("party"), clause_id) for m, clause_id in _definitions(clauses, listed))


def _definitions(clauses: Sequence[Clause], listed: bool) -> list[tuple[re.Match[str], str]]:
    """Each definition's match (its term the ``party`` group), with its clause's id."""
    patterns = _DEFINES if listed else _DEFINES[:1]
    return [(m, c.id) for c in clauses for p in patterns for m in p.finditer(c.text)]


def subject_parties(clauses: Sequence[Clause]) -> tuple[str, ...]:
    """Parties a regulation binds by name at the head of a duty (施工单位应当…)."""
    pattern = re.compile(_PARTIES["subject"])
    abbreviated = re.compile(_PARTIES["abbreviated"])
    short_named = re.compile(_PARTIES["short_named"])
    found: list[str] = []
    for clause in clauses:
        for sentence in SENTENCE.finditer(normalize_for_parsing(clause.text)):
            found += (m.group("party") for m in abbreviated.finditer(sentence.group()))
            found += (m.group("party") for m in short_named.finditer(sentence.group()))
            parts = _head(sentence.group()).split("，")
            for n, (before, part) in enumerate(zip(["", *parts], parts, strict=False)):
                if _AGENCY_SUBJECT.match(part):
                    continue
                # Read on past a comma: 施工单位在施工作业前，应当…
                if m := pattern.match("，".join(parts[n:])):
                    found.append(m.group("party"))
                elif (
                    _BINDS.match(part)
                    and _PARTY_ENDING.search(before)
                    and "的" not in before[-1:]
                    and not _BINDS.search(before)
                    and not before.startswith(("对", "向"))  # 对已签约的学员，不得…: its object
                ):
                    # 产生危险废物的单位，应当…: the subject before the comma; of 运营者是消防
                    # 安全责任人，应当…, what it is said to be is no other party; of 经营者应当
                    # 通知宠物主人，不得…, a duty of its own.
                    subject = before.split("是", 1)[0]
                    if _PARTY_ENDING.search(subject):
                        found.append(subject)
    # 受委托的第三方机构, 港口、机场、物流园区的运营单位: the party is the noun the words
    # before 的 qualify; the duty's sentence keeps them. 收运单位和处置单位 binds both.
    # A bare word (产生危险废物的单位 → 单位) names no party: the phrase does.
    bare = set(_PARTIES["bare"])
    founding = re.compile(_PARTIES["founding"])
    heads = [h if (h := p.rsplit("的", 1)[-1]) not in bare else p for p in found]
    heads = [founding.sub("", h) for h in heads]
    named = (n for head in heads for n in (head, *members(head)) if len(n) >= 2)
    return tuple(dict.fromkeys(named))


_JOINED = re.compile(r"和|及|与|、|或者|以及")


def members(actor: str) -> tuple[str, ...]:
    """The parties a joint subject names (收运单位和处置单位 → 收运单位, 处置单位), when
    each part names one; else ``actor`` alone."""
    parts = [p for p in _JOINED.split(actor) if p]
    if len(parts) > 1 and all(_PARTY_ENDING.search(p) for p in parts):
        return tuple(parts)
    return (actor,)


def binds(obligation: Obligation, party: str) -> bool:
    """Whether ``obligation`` binds ``party``: it names it, alone or with others, or it
    binds everyone (禁止…)."""
    actor = obligation.actor
    return actor == EVERYONE or party == actor or party in members(actor)


def defined_parties(clauses: Sequence[Clause], listed: bool = True) -> tuple[str, ...]:
    """Parties a regulation defines for itself (本规定所称贮存单位，是指…): they are
    regulated parties of that document, whatever the actors table knows. Not ``listed``:
    only the ones it defines as its own (所称), not in a 附则's list of terms."""
    defined = [(m.group("party"), m) for m, _ in _definitions(clauses, listed)]
    heads = [
        _head(s.group()) for c in clauses for s in SENTENCE.finditer(normalize_for_parsing(c.text))
    ]
    business = re.compile(_PARTIES["business_defined"])

    def bound(term: str, definition: re.Match[str]) -> bool:
        # A business defined so (娱乐场所，是指以营利为目的…的场所) that a duty opens with
        # (娱乐场所应当…) binds as a party, whatever ends its name; a road or an area so
        # defined (农村公路, 校园周边) is no party.
        # Not where its keeper is named (露营地经营者, 民宿经营者): that is the party.
        said = definition.string[definition.end() :].split("。", 1)[0]
        kept = any(
            _PARTY_ENDING.search(term + m.group(1))
            for h in heads
            for m in re.finditer(rf"{re.escape(term)}([\u4e00-\u9fff]{{1,3}})", h)
        )
        return (
            bool(business.search(said))
            and not kept
            and any(h.startswith(term) and _OWN_MODAL.match(h, len(term)) for h in heads)
        )

    return tuple(dict.fromkeys(t for t, m in defined if _PARTY_ENDING.search(t) or bound(t, m)))


def find_obligations(
    clause: Clause,
    deadlines: tuple[Deadline, ...] = (),
    parties: tuple[str, ...] = (),
    regulation: bool = False,
    defined: str = "",
) -> tuple[Obligation, ...]:
    """Sentences in ``clause`` that bind or oversee enterprises and other regulated parties
    (its responsibility notes are not such sentences); ``parties`` adds the ones the
    document names or defines, ``defined`` the one party it defines, if one. In a
    ``regulation``, a prohibition with no subject binds everyone."""
    normalised = _modal_text(clause.text)
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
        if regulation and _AGENCY_SUBJECT.match(_head(sentence)):
            continue  # 市市场监督管理局…应当告知: an agency's duty (``penalties``)
        if regulation and sanctions(sentence):
            continue  # 在禁止区域新建…的，由…处…罚款: a penalty (``penalties``), no duty
        implied = previous or defined
        # An item's or an article's own number (（五）物业服务企业不得…), and the title some
        # drafters bracket after it (第八条【救生员】经营者应当…), opens no party.
        head_free = _NUMBER_HEAD.sub("", ARTICLE_HEAD.sub("", sentence, count=1))
        found = _party_and_kind(head_free, own, previous, implied, regulation)
        if found is None:
            continue
        party, kind = found
        if kind is None or (regulation and kind in _PLAN_KINDS):
            continue  # a regulation binds by its modals: 规范企业…排污行为 states its purpose
        if regulation and any(p.search(_head(sentence)) for p in _DEFINES):
            continue  # 本细则所称排污单位，是指…应当取得…: a definition, not a duty
        previous = party
        start = match.start() + (len(sentence) - len(sentence.lstrip()))
        if start == 0 and not clause.title and ARTICLE_HEAD.match(clause.text):
            # An article's number (第四条　) and a title some drafters bracket after it
            # (【分类收集】, （目的和依据）) are not part of its first sentence's action.
            start = len(clause.text) - len(ARTICLE_HEAD.sub("", clause.text, count=1))
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
        deadline_text = within[0].text if within else time_limit_in(sentence)
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


def _party_and_kind(
    sentence: str, own: re.Pattern[str] | None, previous: str, implied: str, regulation: bool
) -> tuple[str, str | None] | None:
    """Whom a sentence binds and how (duty, prohibition…), or None when it binds no one
    the text names or implies."""
    binds = _BINDS.search(sentence)
    # 消防设施的维护保养由运营者负责; 临街单位和个体工商户负责其门前人行道的清雪; …产权人为
    # 古井的保护责任人，负责…巡查: a party, not an office, charged with an act, no modal.
    charged = (
        _CHARGED.search(sentence) or _LIABLE.match(_head(sentence))
        if regulation and not binds
        else None
    )
    if charged:
        party = charged.group("party").rsplit("的", 1)[-1]
        own_party = own is not None and bool(own.fullmatch(party))
        if own_party or (_PARTY_ENDING.search(party) and not AGENCY.search(party)):
            return party, "duty"
    # The subject of the modal first (…委托第三方机构编制的，第三方机构应当…), else the
    # first party the sentence names.
    subject = sentence.rfind("，", 0, binds.start()) + 1 if binds else 0
    if binds and subject and not sentence[subject : binds.start()].strip():
        subject = sentence.rfind("，", 0, subject - 1) + 1  # …的单位，应当: the part before
    named = [p for p in (own, _ACTOR) if p is not None]
    before_modal = (
        (m for p in named if (m := p.search(sentence, subject)) and m.end() <= binds.start())
        if binds
        else iter(())
    )
    anywhere = (m for p in named if (m := p.search(sentence)))
    actor = next(before_modal, None) or next(anywhere, None)
    if actor and binds and binds.start() < actor.start():
        # 报告应当载明企业基本信息: a party after the duty, in its clause, is its object;
        # so is one after a comma that no modal of its own follows (装修垃圾应当袋装，堆放到
        # 物业服务企业指定的地点). 因…必须连续施工的，施工单位应当…: that one is the subject.
        after_comma = "，" in sentence[binds.start() : actor.start()]
        own_modal = _OWN_MODAL.match(sentence, actor.end())
        actor = actor if after_comma and own_modal else None
    head = _head(sentence)
    forbidden = _PROHIBITS.search(head) if regulation and not binds else None
    if actor and forbidden and actor.start() >= forbidden.end() + len(sentence) - len(head):
        actor = None  # 禁止在下列区域内建设规模养殖场: the party named is what is forbidden
    if actor:
        return actor.group(), _obligation_kind(sentence, actor.start())
    if previous and _IMPLIED_PARTY.search(sentence):
        # 发现排放超标的，应当立即报告…: the party of the sentence before, left unsaid.
        return previous, _obligation_kind(sentence, 0)
    # 对安全利用类农用地地块，县级人民政府农业农村主管部门应当…: an agency's, after a comma.
    by_agency = binds is not None and (
        bool(AGENCY.match(head)) or bool(AGENCY.match(sentence[subject : binds.start()].strip()))
    )
    if implied and binds and not by_agency:
        # 年度报告应当载明…: a thing's duty is its keeper's, the party of the sentence
        # before or, in a regulation that defines one party, that party.
        return implied, _obligation_kind(sentence, 0)
    if regulation and _PROHIBITS.search(head):
        return EVERYONE, "prohibition"
    if regulation and binds and not by_agency:
        # 在用机械排放的大气污染物不得超过…: a thing's rule binds whoever keeps it.
        return EVERYONE, _obligation_kind(sentence, 0)
    return None


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
        if (
            parent is None
            or clause.id in introducing
            or PARAGRAPH_LABEL.fullmatch(clause.breadcrumb[-1])
        ):
            continue  # a 款 after the items is no item (第五条 › 第二款)
        number = normalize_for_parsing(clause.breadcrumb[-1])
        marker = len(number) if normalize_for_parsing(clause.text).startswith(number) else 0
        action = clause.text[marker:].strip()
        start = clause.start + clause.text.index(action)
        worded = time_limit_in(action)
        subject = _item_subject(action)
        if subject is not None and (AGENCY.match(subject) or not _PARTY_ENDING.search(subject)):
            continue  # 三百人以上的，乡镇人民政府应当派员…: an agency's, not the party's
        items.append(
            replace(
                parent,
                actor=subject or parent.actor,
                clause_id=clause.id,
                action=action,
                start=start,
                end=start + len(action),
                # （二）不得…: forbids; （一）设置禁止吸烟标识: a sign, no prohibition
                kind=_obligation_kind(_modal_text(action), 0) or _items_kind(parent),
                deadline=None,
                deadline_text=worded,
                industries=tuple(i for i in rules.industries() if i in action),
            )
        )
    return tuple(items)


def _item_subject(action: str) -> str | None:
    """The subject an item names for its own modal after a condition (一百人以上的，
    村（居）民委员会应当…), or None where it binds the party of the sentence leading it."""
    binds = _BINDS.search(action)
    if binds is None:
        return None
    comma = action.rfind("，", 0, binds.start())
    if comma < 1 or action[comma - 1] != "的":
        return None  # 回收站点不得…, 用户押金应当…: the item's thing, kept by the party
    subject = action[comma + 1 : binds.start()].strip()
    return subject if subject and len(subject) <= 20 and "的" not in subject else None


def _items_kind(chapeau: Obligation) -> str:
    """How the items a chapeau introduces bind: as the part of it that introduces them
    does (乘客应当遵守…，不得有下列行为：forbids them), else as the whole chapeau."""
    introducing = re.split("[，,；;]", chapeau.action.rstrip("：:"))[-1]
    return _obligation_kind(_modal_text(introducing), 0) or chapeau.kind


# A party's own modal, right after it (施工单位应当, 施工单位在夜间不得).
_OWN_MODAL = re.compile(r"[^，。；]{0,10}?(?:应当|必须|不得|须)")
# A regulation's duty whose party is the one of the sentence before: …的，应当…
_IMPLIED_PARTY = re.compile(r"的，(?:应当|必须|不得)")
# The register of a regulation's duties (plans' 要 is not among them; 禁止 often names a
# class of substance, 禁止类).
_BINDS = re.compile(r"应当|必须|不得|只能")
_PARTIES = rules.data_toml("intents.toml")["parties"]
# A party charged with an act without a modal (…由运营者负责; …工商户负责其门前的清雪).
_CHARGED, _LIABLE = (re.compile(_PARTIES[kind]) for kind in ("charged", "liable"))
# The party of what binds every party (禁止…, a rule on a thing): 任何单位和个人.
EVERYONE: str = _PARTIES["everyone"]
# A word that ends a party's name (单位, 经营者, 人…).
_PARTY_ENDING = re.compile(_PARTIES["party_endings"])
# A regulation's prohibition with no subject: 禁止在夜间进行…
_PROHIBITS = re.compile(_PARTIES["prohibits"])
# An agency opening a sentence: its duty is an agency's, found by ``penalties``.
AGENCY = re.compile(rules.data_toml("penalties.toml")["agency"])
_AGENCY_SUBJECT = re.compile(rules.data_toml("penalties.toml")["agency_subject"])
# An authority imposing a sanction: a penalty's sentence, whatever 禁止 it repeats.
_AUTHORITY = re.compile(rules.data_toml("penalties.toml")["authority"])
_SANCTION = re.compile(rules.data_toml("penalties.toml")["sanction"])


def sanctions(text: str) -> bool:
    """Whether ``text`` imposes a sanction by an authority (由…处…罚款): a penalty."""
    return bool(_AUTHORITY.search(text) and _SANCTION.search(text))


# A place or sign named by what is forbidden there (禁止吸烟场所): a noun, no prohibition.
FORBIDDEN_PLACE = re.compile(_PARTIES["forbidden_place"])
_DESIGNATED_PLACE = re.compile(_PARTIES["designated_place"])


def _modal_text(text: str) -> str:
    """``text`` normalised for parsing, the 禁止 of each place named by what is forbidden
    there blanked (same length, so offsets hold): 禁止吸烟场所的经营者应当… is a duty."""
    normalised = normalize_for_parsing(text)
    normalised = FORBIDDEN_PLACE.sub(lambda m: "＊＊" + m.group()[2:], normalised)
    return _DESIGNATED_PLACE.sub(lambda m: m.group().replace("禁止", "＊＊", 1), normalised)


def _head(sentence: str) -> str:
    """A sentence without its article number (第六条 ) and leading space."""
    return ARTICLE_HEAD.sub("", sentence).lstrip()


# A number a unit opens with, as the normalised text writes it: (五), 1. or 1、, ①.
_NUMBER_HEAD = re.compile(r"^\s*(?:\([一二三四五六七八九十\d]{1,3}\)|\d{1,3}[.、](?!\d)|[①-⑳])\s*")
# What a plan says of enterprises without binding them (督促, 鼓励): no regulation's duty.
_PLAN_KINDS = frozenset({"supervised", "encouraged"})
# A definition: the rule's own (本规定所称…，是指), then a 附则's list (（二）…，是指).
_DEFINES = [re.compile(_PARTIES[kind]) for kind in ("defined", "defined_in_list")]
# A duty that forbids: the party must not (不得, 严禁, 禁止), or no more than (只能设置一块),
# with nothing it must do.
_FORBIDS = frozenset({"不得", "严禁", "禁止", "只能"})


def _obligation_kind(sentence: str, actor_at: int) -> str | None:
    modals = {m.group() for m in _MODAL.finditer(sentence, actor_at)}
    if modals:
        return "prohibition" if modals <= _FORBIDS else "duty"
    if _ENCOURAGED.search(sentence):
        return "encouraged"
    if _SUPERVISED.search(sentence):
        return "supervised"
    return None
