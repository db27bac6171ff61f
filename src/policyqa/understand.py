"""Owns question understanding: intent, regions and the things asked about.

The rules are the patterns of ``data/intents.toml``, tried in a fixed order here.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from policyqa import rules
from policyqa.departments import DepartmentTable
from policyqa.library import detect_regions
from policyqa.named_documents import abbreviation_named, genre_named, topic_named
from policyqa.numerals import to_chinese, to_int
from policyqa.segment import narrower_words
from policyqa.typos import corrected

INTENTS = (
    "department_tasks",
    "due_window",
    "task_count",
    "outline",
    "article",
    "penalty",
    "lead",
    "departments",
    "deadline",
    "target",
    "obligation",
    "comparison",
    "list",
    "inventory",
    "out_of_scope",
)


@dataclass(frozen=True)
class Question:
    """What a question asks, as far as rules can tell.

    Args:
        text: the question as asked (after follow-up resolution: the full question).
        intent: one of INTENTS.
        doc_ids: documents whose region the question names, in order of mention.
        departments: canonical departments named.
        industries: industries named (化工, 医药…).
        actor: the regulated party speaking or asked about (企业, 药店…).
        unit: the unit a quantity question asks for (家, 种, %), if any.
        sub_intent: for comparisons, what is compared (lead, departments, deadline…).
        never_specified: the question asks for something no plan of this genre states.
        other_city: a city the corpus does not cover.
        section: for an outline question, the top-level heading asked about (保障措施),
            or ``#N`` for 第N部分.
        article: a regulation's article named (第五条, 第二十条之一), numerals as written
            in regulations; ``paragraph`` its 款 and ``item`` its 项 when named (0
            otherwise).
    """

    text: str
    intent: str
    doc_ids: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    actor: str = ""
    unit: str = ""
    sub_intent: str = ""
    never_specified: bool = False
    other_city: str = ""
    years: tuple[int, ...] = field(default=())
    section: str = ""
    article: str = ""
    paragraph: int = 0
    item: int = 0


def _within_one(intent: str, text: str, doc_ids: tuple[str, ...]) -> bool:
    """Whether a comparison compares two things of one document (大车和小车收费一样吗), not
    documents: two things named, fewer than two documents, no word saying documents."""
    if intent != "comparison" or len(doc_ids) > 1 or _has("compared_documents", text):
        return False
    return _has("compared_pair", text)


def _has(name: str, text: str) -> bool:
    return bool(rules.pattern(name).search(text))


def _short_party(text: str, parties: list[str]) -> str:
    """The party a question names by its head or its tail as its subject, acting:
    物业发现… for 物业服务企业, …，管理者应该… for 公共场所管理者; only where one party is
    so named. Not a place the question starts from (带狗进公园要注意什么)."""
    acting = rules.pattern("party_acting").pattern
    named = {
        party
        for party in parties
        if len(party) >= 4
        for short in (party[:2], party[-3:])
        if re.search(f"(?:^|[，,]){re.escape(short)}(?:{acting})", text)
    }
    # 外卖平台要做什么 for 网络餐饮服务平台: a name the synonym table gives the party.
    named |= {
        party
        for party in parties
        for short in narrower_words().get(party, ())
        if re.search(f"(?:^|[，,]){re.escape(short)}(?:{acting})", text)
    }
    return next(iter(named)) if len(named) == 1 else ""


def classify_intent(text: str, compared: bool = True) -> str:
    """The intent of ``text`` by ordered rules (first match wins); not a comparison unless
    ``compared``."""
    stripped = text.strip()
    if not stripped or rules.pattern("chitchat").match(stripped) or _has("off_topic", stripped):
        return "out_of_scope"
    if _has("inventory", stripped) and _has("inventory_of_documents", stripped):
        return "inventory"
    if compared and _has("compare", stripped):
        return "comparison"
    listing = _listing_intent(stripped)
    if listing:
        return listing
    # 物业发现业主违规后应如何处理: what the one who finds it must do, no penalty asked.
    penalty = rules.pattern("penalty_condition").sub("", stripped)
    if _has("penalty", penalty) and not _has("found_to_act", stripped):
        return "penalty"
    # 我是一家化工企业，需要做什么: what the asker must do; not whether the asker may
    # (我家老房子能推荐成历史建筑吗), which a clause allowing or forbidding it answers, nor
    # how many, when or who (我家宝宝刚满十个月，…一个老师最多带几个孩子).
    # Nor a thing of its own case it asks for (我想把招牌装在楼顶上，要办什么手续, 我店门面
    # 宽6米，招牌最长能做多长): the clause on that thing answers.
    asked = _when_how_much_or_who(stripped)
    particular = _has("what_thing", stripped) or rules.measure_asked(stripped) is not None
    if _has("self", stripped) and not (asked or particular or _has("permission_asked", stripped)):
        return "obligation"
    if asked:
        return asked
    if _has("obligation", stripped) and (
        any(a in stripped for a in rules.actors()) or _has("enterprise", stripped)
    ):
        return "obligation"
    return "list"


def _when_how_much_or_who(text: str) -> str:
    """A deadline, a quantity or who is in charge; a duration (保存多久) is a passage."""
    if _has("deadline", text):
        return "deadline"
    if _has("duration", text) or _has("applicability", text) or _has("party_responsible", text):
        return "list"  # 保存多久, 哪些单位要遵守这个规定, 谁对…负责: a passage says
    asks_who = _has("lead", text) or _has("departments", text)
    if (
        _has("target", text)
        and not _has("goal_passage", text)
        and (_has("quantity", text) or not asks_who)
    ):
        return "target"
    if _has("lead", text):
        return "lead"
    if _has("departments", text):
        return "departments"
    return ""


def _listing_intent(text: str) -> str:
    """A question over a whole plan: how many tasks, or what is due in a window."""
    if rules.listing_pattern("task_count").search(text):
        return "task_count"
    if rules.listing_pattern("due_window").search(text) and (
        re.search(r"20\d{2}\s*年", text)
        or rules.listing_pattern("this_year").search(text)
        or rules.listing_pattern("next_year").search(text)
    ):
        return "due_window"
    return ""


def sub_intent_of(text: str) -> str:
    """For a comparison, what is being compared."""
    for intent in ("deadline", "lead", "departments", "target"):
        if _has(intent, text):
            return intent
    if _has("departments_compared", text):
        return "departments"
    return "list"


def understand(
    text: str,
    region_names: dict[str, tuple[str, ...]],
    table: DepartmentTable,
    bodies: Iterable[str] = (),
    sections: Iterable[str] = (),
    parties: Iterable[str] = (),
    genres: Mapping[str, str] | None = None,
) -> Question:
    """Read a question: intent, regions, departments, industries, actor and unit.

    ``bodies`` are names the loaded documents use that the alias table may not know
    (a national ministry, a district government); they are recognised as written.
    ``parties`` are the regulated parties the loaded regulations bind (披露主体, 施工单位);
    ``genres`` the documents a genre alone names (细则 → the one 细则 loaded).
    """
    text = corrected(text)  # 归那个部门管: 哪个部门
    intent = classify_intent(text)
    shortened, written = abbreviation_named(text, region_names)
    doc_ids = (
        detect_regions(text, region_names)
        or shortened
        or genre_named(text, genres or {})
        or topic_named(text, region_names)
    )
    # The rest of the question reads without the shortened title (青岚办法里负责什么).
    names_asked = dict(region_names)
    for doc in shortened:
        names_asked[doc] = (*region_names.get(doc, ()), written)
    named = _named_forms(text, _department_forms(table, bodies))
    departments = tuple(dict.fromkeys(canon for _, canon in named))
    departments += _named_without_place(text, [f for f, _ in named], bodies, region_names)
    if _within_one(intent, text, doc_ids) and not departments:
        intent = classify_intent(text, compared=False)  # 大车和小车收费一样吗: one document's
    if intent == "inventory" and doc_ids:
        intent = "list"  # 岚州条例废止了哪个文件: about the named document's content
    industries = tuple(i for i in rules.industries() if i in text)
    own = sorted((p for p in parties if p not in rules.actors()), key=len, reverse=True)
    qualifier = rules.pattern("party_as_qualifier")  # 乘客须知 is a notice, no party
    actor = next(
        (
            a
            for a in (*own, *rules.actors())
            if a in text and not qualifier.match(text.split(a, 1)[1])
        ),
        "",
    ) or _short_party(text, own)
    if not actor and _has("enterprise_actor", text):
        actor = "企业"
    article_asked = _has("article_asked_after", text) or _has("article_asked_before", text)
    if intent == "list" and actor in own and _has("obligation", text) and not article_asked:
        intent = "obligation"  # 披露主体有哪些义务: a party a regulation binds
    unit = next((u for u, pattern in rules.unit_patterns() if pattern.search(text)), "")
    covered = {name for names in region_names.values() for name in names}
    other = next((c for c in rules.places() if c in text and c not in covered), "")
    years = tuple(int(y) for y in re.findall(r"(20\d{2})\s*年", text))
    if departments and (
        rules.listing_pattern("department_tasks").search(text)
        or _asks_all_duties(text, [f for f, _ in named], names_asked)
    ):
        intent = "department_tasks"
    section = _outline_section(text, names_asked, tuple(sections))
    if section:
        intent = "outline"
    article, paragraph, item = article_named(text)
    if article and intent != "out_of_scope":
        intent = "article"
    sub_intent = sub_intent_of(text) if intent == "comparison" else ""
    if intent in ("list", "obligation") and _has("prohibitions_asked", text):
        intent, sub_intent = "obligation", "prohibition"  # 有哪些禁止性规定
    if intent == "comparison" and departments:
        if rules.listing_pattern("department_duties").search(text):
            sub_intent = "department_tasks"
    return Question(
        text=text,
        intent=intent,
        doc_ids=doc_ids,
        departments=departments,
        industries=industries,
        actor=actor,
        unit=unit,
        sub_intent=sub_intent,
        never_specified=_has("never_specified", text),
        other_city=other if not doc_ids else "",
        years=years,
        section=section,
        article=article,
        paragraph=paragraph,
        item=item,
    )


_BRACKETS = re.compile(r"[（）()]")


def _department_forms(table: DepartmentTable, bodies: Iterable[str]) -> dict[str, str]:
    """Each way a question may name a department (surface form → canonical name)."""
    forms = {**{b: b for b in bodies}, **table.surface_forms()}
    for body in bodies:  # 县区生态环境部门 asks about 县（区）生态环境部门, and
        # 乡镇政府 about 乡（镇）人民政府: askers drop 人民 from a government's name.
        bare = _BRACKETS.sub("", body)
        # 水利局 asks about a county's 县水利局 as a city's office is asked without 市.
        levelless = bare[1:] if bare[:1] in "省市县区" and len(bare) >= 4 else bare
        for form in (bare, bare.replace("人民政府", "政府"), levelless):
            forms.setdefault(form, body)
    return forms


def _named_forms(text: str, forms: dict[str, str]) -> list[tuple[str, str]]:
    """The department forms ``text`` names, longest first; a form inside a longer one
    already found (工业和信息化 in 工业和信息化部) is not named on its own."""
    taken: list[tuple[int, int]] = []
    named = []
    for form, canon in sorted(forms.items(), key=lambda kv: -len(kv[0])):
        if len(form) < 3 or form not in text:  # a cheap test first: most forms are absent
            continue
        spans = [(m.start(), m.end()) for m in re.finditer(re.escape(form), text)]
        free = [(a, b) for a, b in spans if not any(a < e and s < b for s, e in taken)]
        if free:
            taken += free
            named.append((form, canon))
    return named


def _named_without_place(
    text: str,
    forms: list[str],
    bodies: Iterable[str],
    region_names: dict[str, tuple[str, ...]],
) -> tuple[str, ...]:
    """Bodies a question names without their place: 两市的海关 names 包头海关 and
    连云港海关, when the library's plans name them so."""
    rest = text
    for form in forms:
        rest = rest.replace(form, "")
    places = sorted({n for names in region_names.values() for n in names}, key=len, reverse=True)
    found = []
    for body in bodies:
        place = next((p for p in places if body.startswith(p)), "")
        tail = body[len(place) :]
        if place and len(tail) >= 2 and tail in rest:
            found.append(body)
    return tuple(found)


def _asks_all_duties(text: str, forms: list[str], region_names: dict[str, tuple[str, ...]]) -> bool:
    """Nothing but a department and a region, and "what must it do"."""
    rest = text
    names = [*forms, *(n for names in region_names.values() for n in names)]
    for name in sorted(names, key=len, reverse=True):  # 泓川规则 before its 泓川
        rest = rest.replace(name, "")
    rest = re.sub(r"[？?。！!，,\s]|^各", "", rest)
    return bool(rules.listing_pattern("duties_only").match(rest))


def article_named(text: str) -> tuple[str, int, int]:
    """The article a question names, as regulations write it (第5条 → 第五条), its 款
    and its 项 (0 when none is named)."""
    found = rules.article_pattern().search(text)
    number = to_int(found.group("n")) if found else None
    if found is None or number is None:
        unit = rules.unit_pattern().search(text)  # 第七项: a unit numbered （七）
        counted = to_int(unit.group("n")) if unit else None
        return (f"第{to_chinese(counted)}项", 0, 0) if counted else ("", 0, 0)
    article = f"第{to_chinese(number)}条" + (
        f"之{found.group('sub')}" if found.group("sub") else ""
    )
    paragraph = to_int(found.group("k")) if found.group("k") else 0
    item = to_int(found.group("x")) if found.group("x") else 0
    return article, paragraph or 0, item or 0


def _outline_section(
    text: str, region_names: dict[str, tuple[str, ...]], sections: tuple[str, ...]
) -> str:
    """The heading an outline question asks about: ``#N`` for 第N部分, ``#N章`` for 第N章,
    ``#M章N节`` for 第M章第N节, or ""."""
    rest = text
    for name in (n for names in region_names.values() for n in names):
        rest = rest.replace(name, "")
    rest = re.sub(r"[？?。！!，,\s]", "", rest)
    ask = rules.listing_pattern("outline").search(rest)
    located = rules.listing_pattern("part_located").search(rest)
    if not ask and not located:
        return ""
    part = rest[: (ask or located).start()]  # type: ignore[union-attr]
    part = rules.listing_pattern("part_named").sub("", part)  # 规划与建设这一章讲了什么
    ordinal = re.search(
        r"(?:第(?P<chapter>[一二三四五六七八九十]|\d{1,2})章)?"
        r"第(?P<n>[一二三四五六七八九十]|\d{1,2})(?P<unit>[章编节]?)$",
        part,
    )
    if ordinal and rules.listing_pattern("outline_after").search(part[: ordinal.start()]):
        # 第四章 is the chapter so numbered; 第四部分 the fourth part, however numbered;
        # 第三章第二节 the 节 so numbered in that chapter.
        chapter = ordinal.group("chapter")
        within = f"#{to_int(chapter)}章" if chapter and ordinal.group("unit") == "节" else "#"
        return f"{within}{to_int(ordinal.group('n'))}{ordinal.group('unit')}"
    for title in sorted(sections, key=len, reverse=True):
        if part.endswith(title) and rules.listing_pattern("outline_after").search(
            part[: -len(title)]
        ):
            return title
    return ""


def split_parts(text: str) -> list[str]:
    """The questions ``text`` asks: 怎么处理？归哪些部门管？ is two; one question is one.
    Courtesy around them (在吗？…, …谢谢！) is none (``corrected``)."""
    pieces = [p for p in re.split(r"(?<=[？?])", corrected(text).strip()) if p.strip()]
    parts: list[str] = []
    for piece in pieces:
        cut = [m.start() for m in rules.parts_pattern().finditer(piece)]
        bounds = [0, *(c + 1 for c in cut), len(piece)]
        parts += [piece[a:b].strip(" ，,、") for a, b in zip(bounds, bounds[1:], strict=False)]
    parts = [p for p in parts if len(re.sub(r"[？?。！!，,、\s]", "", p)) >= 2]
    return parts if len(parts) > 1 else [text]
