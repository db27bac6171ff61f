"""Regulations as records, golden tables read off the texts by hand: structure, header
notes, parties, duties, penalties and their links, agencies."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.penalties import in_penalty_chapter
from policyqa.structure import parse_document
from tests.conftest import FIXTURES

CHEMICALS = FIXTURES / "regulations" / "new-chemicals-reporting-rules.txt"
MEASURES = FIXTURES / "regulations" / "yunxi-monitoring-measures.txt"
DOC = "yunxi-monitoring-measures"


def test_a_ministrys_rule_is_read_with_its_header_note_parties_and_penalties() -> None:
    document = load_file(CHEMICALS)
    meta = document.meta
    assert (meta.order_no, meta.issuer) == ("生态环境部令第41号", "生态环境部")
    assert (meta.date, meta.effective, meta.doc_type) == ("2026-04-10", "2026-07-01", "规定")
    library = build_library((document,))
    parsed = library.parsed[0]
    assert parsed.profile == "regulation"
    # 目 under 项: 第七条 › （三） › 1.
    ids = [c.id.split("/", 1)[1] for c in parsed.clauses]
    assert "第七条/（三）/1" in ids and "第七条/（三）/2" in ids
    duties = [
        (o.clause_id.split("/", 1)[1], o.actor, o.deadline_text)
        for o in library.obligations
        if "/" not in o.clause_id.split("/", 1)[1]
    ]
    assert duties == [
        ("第五条", "报告人", "每年4月30日前"),
        ("第六条", "报告人", "自生产或者进口活动发生之日起六十日内"),
        # 报告内容应当包括…: a thing's rule, kept by the one party the rule defines.
        ("第七条", "报告人", ""),
        # 须 binds as 应当 does.
        ("第八条", "报告人", ""),
        ("第九条", "加工使用者", ""),
        ("第十条", "报告人", "在发现之日起五个工作日内"),
        ("第十一条", "报告人", "保存不少于十年"),
        # …委托第三方技术服务机构编制报告的，第三方技术服务机构应当…: the modal's subject.
        ("第十二条", "第三方技术服务机构", ""),
    ]
    links = {
        p.clause_id.split("/", 1)[1]: ([o.split("/", 1)[1] for o in p.obligations], p.linked_by)
        for p in library.penalties
    }
    assert links == {
        "第十四条": (["第五条", "第六条"], "cited"),
        "第十五条": (["第八条"], "inferred"),
        "第十六条": (["第十二条"], "inferred"),
    }
    agencies = [(d.clause_id.split("/", 1)[1], d.department) for d in library.agency_duties]
    assert agencies == [
        ("第四条", "国务院生态环境主管部门"),
        ("第四条", "省级生态环境主管部门"),
        ("第十三条", "省级生态环境主管部门"),
    ]


NOISE = FIXTURES / "regulations" / "qushui-noise-rules.txt"


def test_a_subjectless_prohibition_binds_everyone_and_an_inserted_article_is_cited() -> None:
    library = build_library((load_file(NOISE),))
    doc = "qushui-noise-rules"
    duties = [
        (o.clause_id.removeprefix(f"{doc}/第二章/"), o.actor, o.kind, o.deadline_text)
        for o in library.obligations
    ]
    assert duties == [
        ("第四条", "建设单位", "duty", ""),
        ("第五条", "施工单位", "duty", "在开工前15日内"),
        ("第六条", "施工单位", "duty", ""),
        # 禁止在夜间进行…: no subject, so every party's.
        ("第七条", "任何单位和个人", "prohibition", ""),
        ("第七条", "施工单位", "duty", "在施工前3日内"),
        ("第八条", "施工单位", "duty", "保存期限不少于2年"),
        ("第八条之一", "施工单位", "prohibition", ""),
        ("第六条/（一）", "施工单位", "duty", ""),
        ("第六条/（二）", "施工单位", "duty", ""),
        ("第六条/（三）", "施工单位", "duty", ""),
    ]
    links = [
        (p.clause_id.removeprefix(f"{doc}/第三章/"), p.cites, p.duties, p.linked_by)
        for p in library.penalties
    ]
    night = library.obligations[3]
    assert links == [
        ("第九条", ("第五条",), ((f"{doc}/第二章/第五条", 277),), "cited"),
        # Both name 施工单位; only the prohibition is about working at night.
        ("第十条", (), ((night.clause_id, night.start),), "inferred"),
        # 违反本细则第八条之一: the inserted article, not 第八条.
        ("第十一条", ("第八条之一",), ((f"{doc}/第二章/第八条之一", 547),), "cited"),
    ]
    builder = [o.clause_id for o in library.find_obligations(actor="施工单位")]
    assert night.clause_id in builder and f"{doc}/第二章/第四条" not in builder


LISTED_CONDUCTS = """某县畜禽养殖污染防治办法

第一条　养殖场应当建设粪污贮存设施，并保持正常运行。
第二条　养殖场应当建立粪污利用台账，台账保存不少于三年。
第三条　养殖场不得向河道直接排放畜禽粪污。
第四条　养殖场有下列行为之一的，由县农业农村主管部门责令改正，处二千元以上二万元以下的罚款：
（一）未建设粪污贮存设施的；
（二）未建立粪污利用台账的。
第五条　本办法自2026年1月1日起施行。
"""


def test_a_penalty_listing_conducts_links_each_to_its_duty_and_quotes_them(
    tmp_path: Path,
) -> None:
    path = tmp_path / "livestock-measures.txt"
    path.write_text(LISTED_CONDUCTS, encoding="utf-8")
    library = build_library((load_file(path),))
    (penalty,) = library.penalties
    assert [o.removeprefix("livestock-measures/") for o in penalty.obligations] == [
        "第一条",
        "第二条",
    ]
    assert penalty.linked_by == "inferred"
    # The record spans the items: the conduct is theirs, the quote runs to the last.
    text = library.document("livestock-measures").text[penalty.start : penalty.end]
    assert text.rstrip().endswith("（二）未建立粪污利用台账的。")
    assert "未建设粪污贮存设施" in penalty.conduct


def test_a_table_of_contents_and_spaced_out_titles_are_read_as_drafters_write_them() -> None:
    title, body = MEASURES.read_text(encoding="utf-8").split("\n", 1)
    contents = (
        "\n目　　录\n\n第一章　总　　则\n第二章　监测义务\n第三章　法律责任\n第四章　附　　则\n"
    )
    body = body.replace("第一章　总则", "第一章　总　　则").replace("法律责任", "法　律　责　任")
    parsed = parse_document(DOC, f"{title}\n{contents}{body}")
    # The contents' headings are not chapters: each chapter is read once, with its articles.
    assert [s.label for s in parsed.sections] == ["第一章", "第二章", "第三章", "第四章"]
    assert parsed.sections[0].children[0].label == "第一条"
    penalty_chapter = [c.id for c in parsed.clauses if in_penalty_chapter(c)]
    assert penalty_chapter == [f"{DOC}/第三章/第{n}条" for n in "八九十"]


FUMES = FIXTURES / "regulations" / "wuchuan-cooking-fumes-measures.txt"


def test_a_paragraph_after_items_is_the_next_kuan_and_agencies_are_not_parties() -> None:
    library = build_library((load_file(FUMES),))
    doc = "wuchuan-cooking-fumes-measures"
    # 监测报告应当… follows 第九条's items: it is 第九条第二款, not part of item （三）.
    assert library.clause(f"{doc}/第二章/第九条/第二款").text.startswith("监测报告应当")
    assert (
        library.clause(f"{doc}/第二章/第九条/（三）").text.strip()
        == "(三)被投诉油烟扰民经查属实的。"
    )
    duties = [(o.clause_id.removeprefix(f"{doc}/第二章/"), o.actor) for o in library.obligations]
    everyone, operator = "任何单位和个人", "餐饮服务经营者"
    # An agency's sentences (市市场监督管理局…应当告知, 接到投诉的部门应当…) are not duties
    # of the regulated party, however the regulation names one party only.
    assert duties == [
        ("第五条", operator),
        ("第五条", everyone),
        ("第六条", operator),
        ("第六条", operator),
        ("第七条", operator),
        ("第八条", operator),
        ("第八条", operator),
        ("第九条", operator),
        ("第九条/第二款", operator),
        ("第十条", everyone),
    ]
    links = {
        p.clause_id.removeprefix(f"{doc}/第四章/"): (p.cites, p.obligations, p.linked_by)
        for p in library.penalties
    }
    assert links["第十五条"] == (
        ("第七条", "第八条"),
        (f"{doc}/第二章/第七条", f"{doc}/第二章/第八条"),
        "cited",
    )
    assert links["第十六条"] == ((), (f"{doc}/第二章/第十条",), "inferred")
    # 监测机构出具虚假监测报告 shares words with 第九条第二款 but binds another party.
    assert links["第十七条"] == ((), (), "")


OFFROAD = FIXTURES / "regulations" / "jianglan-offroad-machinery-regulation.txt"


def test_parties_no_table_knows_and_rules_on_things_are_duties_with_penalties() -> None:
    library = build_library((load_file(OFFROAD),))
    duties = [(o.clause_id.split("/")[-1], o.actor, o.kind) for o in library.obligations]
    owner, everyone = "非道路移动机械所有人或者使用人", "任何单位和个人"
    assert duties == [
        ("第五条", owner, "duty"),
        # …报废的，原所有人应当: the party after the condition.
        ("第五条", "原所有人", "duty"),
        ("第六条", owner, "duty"),
        # A thing's rule (排放的大气污染物不得超过…) and a prohibition opened by a place
        # (在禁止使用区域内，禁止使用…) bind everyone.
        ("第七条", everyone, "prohibition"),
        ("第八条", everyone, "prohibition"),
        ("第九条", "建设单位", "duty"),
        ("第九条", "施工单位", "duty"),
        # 港口、机场、物流园区的运营单位: the party the words before 的 qualify.
        ("第十条", "运营单位", "duty"),
        ("第十一条", "被检查单位", "duty"),
    ]
    links = {
        p.clause_id.split("/")[-1]: ([o.split("/")[-1] for o in p.obligations], p.linked_by)
        for p in library.penalties
    }
    assert links == {
        "第十四条": (["第五条"], "cited"),
        "第十五条": (["第六条"], "inferred"),
        # 依照《中华人民共和国大气污染防治法》的有关规定处罚: a penalty by referral.
        "第十六条": (["第七条"], "inferred"),
        "第十七条": (["第八条"], "cited"),
        "第十八条": (["第九条"], "inferred"),
        "第十九条": (["第十一条"], "inferred"),
    }
    # A province's generic agencies are as written, no city's office.
    agencies = {d.department for d in library.agency_duties}
    assert agencies == {"县级以上人民政府", "县级以上人民政府生态环境主管部门", "生态环境主管部门"}
    # 施工单位有下列行为之一: the 施工单位's duty of 第九条, not the 建设单位's beside it.
    assert library.penalties[4].duties == tuple(
        (o.clause_id, o.start) for o in library.obligations if o.actor == "施工单位"
    )


KITCHEN = FIXTURES / "regulations" / "linchuan-kitchen-waste-measures.txt"


def test_bracketed_titles_shared_duties_and_daily_limits_are_read() -> None:
    library = build_library((load_file(KITCHEN),))
    duties = [(o.clause_id.split("/")[-1], o.actor, o.deadline_text) for o in library.obligations]
    producer, everyone = "餐厨垃圾产生单位", "任何单位和个人"
    joint = "收运单位和处置单位"
    # 第五条　【分类收集】餐厨垃圾产生单位应当…: the bracketed title is no part of the party.
    assert duties == [
        ("第五条", producer, ""),
        # 应将: 应 binds as 应当 does.
        ("第六条", producer, ""),
        ("第六条", everyone, ""),
        ("第七条", "收运单位", "在收运当日"),
        ("第八条", joint, "每月10日前"),
        ("第八条", joint, "保存期限不得少于2年"),
        ("第九条", "处置单位", ""),
        ("第十条", "处置单位", "提前15个工作日"),
    ]
    # A duty two parties share is each one's; a prohibition of everyone is theirs too.
    disposer = [o.clause_id.split("/")[-1] for o in library.find_obligations(actor="处置单位")]
    assert disposer == ["第六条", "第八条", "第八条", "第九条", "第十条"]
    links = {p.clause_id.split("/")[-1]: p.obligations for p in library.penalties}
    assert [o.split("/")[-1] for o in links["第十三条"]] == ["第六条"]  # 第六条第二款
    assert [o.split("/")[-1] for o in links["第十五条"]] == ["第九条"]


SAND = FIXTURES / "regulations" / "yuanjiang-sand-mining-regulation.txt"


def test_a_penalty_citing_an_item_and_prohibitions_after_a_time_or_place() -> None:
    library = build_library((load_file(SAND),))
    duties = [(o.clause_id.split("/", 1)[1], o.actor, o.kind) for o in library.obligations]
    everyone, holder = "任何单位和个人", "采砂许可证持有人"
    # 禁采期内禁止…, 在禁采区内禁止…: prohibitions of everyone, after a time or a place.
    assert ("第三章/第九条", everyone, "prohibition") in duties
    assert duties.count(("第三章/第九条", everyone, "prohibition")) == 2
    # 采砂船舶所有者在禁采期内应当…: a party, a time between it and its duty.
    assert ("第三章/第十一条", "采砂船舶所有者", "duty") in duties
    # An item is its introducer's party's, once, and forbids what it forbids.
    assert duties.count(("第三章/第十条/（二）", holder, "prohibition")) == 1
    # 第五条's second 款 is the agency's (市水行政主管部门应当…作出决定), no item of the list.
    assert not any(c.startswith("第二章/第五条/第二款") for c, _, _ in duties)
    links = {p.clause_id.split("/")[-1]: (p.cites, p.obligations) for p in library.penalties}
    # 违反本条例第十条第一款第（二）项规定: that item alone.
    assert links["第十四条"] == (
        ("第十条第一款第（二）项",),
        ("yuanjiang-sand-mining-regulation/第三章/第十条/（二）",),
    )
    assert links["第十三条"][1] == ("yuanjiang-sand-mining-regulation/第三章/第九条",)


DUST = FIXTURES / "regulations" / "binzhou-site-dust-rules.txt"


def test_articles_without_a_space_and_a_penalty_citing_two_items() -> None:
    library = build_library((load_file(DUST),))
    # 第一条为了…: no space after the number; the articles are read all the same.
    assert [s.label for s in library.tree("binzhou-site-dust-rules").sections][:3] == [
        "第一条",
        "第二条",
        "第三条",
    ]
    (items, monitor, burning) = library.penalties
    # 违反本规定第六条第（一）项、第（二）项规定: both items, and no other.
    assert items.cites == ("第六条第（一）项", "第六条第（二）项")
    assert [o.split("/", 1)[1] for o in items.obligations] == ["第六条/（一）", "第六条/（二）"]
    assert (monitor.linked_by, burning.linked_by) == ("cited", "inferred")
    clear = next(o for o in library.obligations if o.clause_id.endswith("第六条/（四）"))
    assert clear.deadline_text == "四十八小时内"


SOLID = FIXTURES / "regulations" / "tongjiang-solid-waste-regulation.txt"


def test_a_party_named_by_what_it_does_is_the_whole_phrase() -> None:
    library = build_library((load_file(SOLID),))
    duties = [(o.clause_id.split("/")[-1], o.actor) for o in library.obligations]
    # 产生危险废物的单位: 单位 alone names no party; the comma after it leaves it the subject.
    assert ("第四条", "产生工业固体废物的单位") in duties
    assert ("第七条", "产生危险废物的单位") in duties
    # 禁止将危险废物提供…给无许可证的单位: a prohibition of everyone, not of 单位.
    assert ("第十条", "任何单位和个人") in duties
    links = {p.clause_id.split("/")[-1]: p.obligations for p in library.penalties}
    assert [o.split("/")[-1] for o in links["第十一条"]] == ["第四条"]
    assert [o.split("/")[-1] for o in links["第十三条"]] == ["第十条"]


def test_a_prohibition_of_building_a_party_binds_everyone_and_a_rule_names_its_genre() -> None:
    library = build_library(
        (load_file(FIXTURES / "regulations" / "hongchuan-livestock-manure-rules.txt"),)
    )
    doc = "hongchuan-livestock-manure-rules"
    assert library.documents[0].meta.doc_type == "规则"
    assert library.documents[0].meta.short_title == "泓川规则"
    actors = {
        o.clause_id.removeprefix(f"{doc}/"): (o.actor, o.kind)
        for o in library.obligations
        if "/（" not in o.clause_id
    }
    # 禁止在下列区域内建设规模养殖场：the 养殖场 named is what is forbidden, not whom.
    assert actors["第二章/第四条"] == ("任何单位和个人", "prohibition")
    # 病死畜禽应当…: a thing's rule; the 规则 defines no party, so it binds everyone
    # (not 建设单位, the only party whose name ends as a party's does).
    assert actors["第三章/第十条"] == ("任何单位和个人", "duty")
    # 第十六条 cites 第四条: the prohibition and its items.
    building = next(p for p in library.penalties if p.clause_id.endswith("第十六条"))
    assert building.obligations[0] == f"{doc}/第二章/第四条"
    assert f"{doc}/第二章/第四条/（一）" in building.obligations


def test_an_agency_after_a_comma_is_no_party_and_a_glossary_names_no_own_party() -> None:
    soil = FIXTURES / "regulations" / "canglan-soil-pollution-regulation.txt"
    library = build_library((load_file(soil),))
    actors = {
        (o.clause_id.split("/", 1)[1], o.actor)
        for o in library.obligations
        if "第三章" in o.clause_id
    }
    # 对安全利用类农用地地块，县级人民政府农业农村主管部门应当…: the agency's, not a party's.
    assert not any(a.endswith("第九条") for a, _ in actors)
    assert actors == {
        ("第三章/第一节/第十条", "使用权人"),
        ("第三章/第二节/第十一条", "变更前土地使用权人"),
        (
            "第三章/第二节/第十二条",
            "从事土壤污染状况调查、风险评估、风险管控、修复、效果评估等活动的单位",
        ),
        ("第三章/第二节/第十二条", "前款规定的单位"),
        # A plot's rule binds everyone: the glossary's 土壤污染重点监管单位 is no own party.
        ("第三章/第二节/第十三条", "任何单位和个人"),
    }
    assert (
        "农业投入品",
        f"{library.documents[0].id}/第五章/第二十条/（二）",
    ) in library.definitions


def test_a_purpose_and_a_definition_bind_no_one_and_another_laws_article_is_no_link() -> None:
    permit = FIXTURES / "regulations" / "tingzhou-permit-rules.txt"
    library = build_library((load_file(permit),))
    doc = "tingzhou-permit-rules"
    articles = {o.clause_id.removeprefix(f"{doc}/") for o in library.obligations}
    # 规范企业…排污行为 (第一条) and 本细则所称排污单位，是指…应当取得… (第二条) bind no one.
    assert "第一条" not in articles and "第二条" not in articles
    limits = {o.clause_id.removeprefix(f"{doc}/"): o.deadline_text for o in library.obligations}
    assert limits["第五条"] == "有效期届满六十日前"
    # 依照《排污许可管理条例》第三十六条: another law's article; only 第七条第一款 is linked.
    monitoring = next(p for p in library.penalties if p.clause_id.endswith("第十二条"))
    assert monitoring.cites == ("第七条第一款",)
    assert monitoring.obligations == (f"{doc}/第七条",)


def test_a_party_before_a_time_and_a_comma_is_the_subject_of_the_duty() -> None:
    drains = FIXTURES / "regulations" / "xichuan-drainage-regulation.txt"
    library = build_library((load_file(drains),))
    builders = {o.actor for o in library.obligations if o.clause_id.endswith("第十一条")}
    # 施工单位在施工作业前，应当…: not the 排水户 the rule defines.
    assert builders == {"施工单位"}
