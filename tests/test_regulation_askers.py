"""Askers' turns of phrase on regulations: who does an act (谁负责养护) answered by the
sentence naming its 责任人 or 义务人, what a term covers asked as 什么样的X算Y, when a rule
takes effect asked as 开始实施, an office ending in 机构 that fines, hours as a limit, and
how a thing no clause names is done (电费怎么收), declined."""

from __future__ import annotations

from tests.conftest import first_cited, regulations_fixture

TREES = "baixi-ancient-trees-measures"
BIKES = "nanling-ebike-charging-rules"
MINES = "jinpingxian-mine-restoration-rules"
WASTE = "tongjiang-solid-waste-regulation"


rules = regulations_fixture(TREES, BIKES, MINES, WASTE)


def test_who_does_an_act_is_the_party_named_liable_for_it(rules) -> None:  # type: ignore[no-untyped-def]
    keeper = rules.ask("小区里的古树谁负责养护？")
    assert first_cited(keeper) == f"{TREES}/第二章/第六条"
    assert "物业服务企业为养护责任人" in keeper.text
    miner = rules.ask("谁负责修复矿山？")
    assert first_cited(miner) == f"{MINES}/第三条" and "义务人" in miner.text


def test_what_a_term_covers_and_when_the_rule_takes_effect(rules) -> None:  # type: ignore[no-untyped-def]
    assert first_cited(rules.ask("什么样的树算古树？")) == f"{TREES}/第一章/第二条"
    effective = rules.ask("南岭规定什么时候开始实施？")
    assert first_cited(effective) == f"{BIKES}/第十五条" and "2029年6月1日" in effective.text
    hours = rules.ask("电动车充电最长能充多久？")
    assert first_cited(hours) == f"{BIKES}/第八条" and "不得超过八小时" in hours.text


def test_an_office_ending_in_jigou_fines(rules) -> None:  # type: ignore[no-untyped-def]
    penalties = {p.clause_id: p for p in rules.library.penalties if p.doc_id == BIKES}
    assert {f"{BIKES}/第十一条", f"{BIKES}/第十二条"} <= set(penalties)
    fine = rules.ask("私拉电线充电怎么处罚？")
    assert first_cited(fine) == f"{BIKES}/第十二条" and "一百元以上五百元以下" in fine.text
    offices = {d.department for d in rules.library.agency_duties if d.doc_id == BIKES}
    assert "市消防救援机构" in offices


def test_askers_words_for_places_and_vehicles(rules) -> None:  # type: ignore[no-untyped-def]
    assert first_cited(rules.ask("电动车能停在楼道里吗？")) == f"{BIKES}/第六条/（一）"
    assert first_cited(rules.ask("能把电瓶车推进电梯吗？")) == f"{BIKES}/第六条/（二）"
    assert first_cited(rules.ask("可以在古树下面烧烤吗？")) == f"{TREES}/第三章/第九条/（四）"


def test_how_a_thing_no_clause_names_is_done_is_declined(rules) -> None:  # type: ignore[no-untyped-def]
    for question in ("充电桩的电费怎么收？", "医疗废物怎么处置？"):
        assert rules.ask(question).status == "not_found", question
    # A thing the text names, or writes apart, is answered.
    assert rules.ask("电动车怎么充电？").status == "answered"


FUEL = "wangchuan-fuel-ban-rules"
WETLAND = "yunhu-wetland-regulation"


zones = regulations_fixture(FUEL, WETLAND, TREES)


def test_a_word_a_definition_lists_is_a_kind_of_its_term(zones) -> None:  # type: ignore[no-untyped-def]
    # 高污染燃料，是指原（散）煤…: 散煤 is sold as 高污染燃料 is.
    fine = zones.ask("卖散煤会怎么处罚？")
    assert first_cited(fine) == f"{FUEL}/第十条" and "五千元以上二万元以下" in fine.text
    # Asked whether one may, the article that forbids answers (not 已建成的锅炉应当拆除).
    assert first_cited(zones.ask("禁燃区里能烧煤吗？")) == f"{FUEL}/第五条"


def test_a_penalty_whose_own_conduct_is_asked_comes_first(zones) -> None:  # type: ignore[no-untyped-def]
    # 第十二条 fines not removing 第六条's 锅炉; 第九条's own conduct is building new ones.
    fine = zones.ask("在禁燃区新建燃煤锅炉罚多少？")
    assert first_cited(fine) == f"{FUEL}/第九条" and "二万元以上二十万元以下" in fine.text


def test_a_regulations_title_words_are_kept_whole(zones) -> None:  # type: ignore[no-untyped-def]
    # 湿地里 is 湿地 / 里 once the title's 湿地 is a word, not 湿 / 地里.
    sand = zones.ask("湿地里能挖沙吗？")
    assert first_cited(sand) == f"{WETLAND}/第二章/第二节/第六条/（二）"
    assert first_cited(zones.ask("名木按几级保护？")) == f"{TREES}/第二章/第四条/第二款"


def test_what_no_document_says_where_the_question_does_is_declined(zones) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "湿地保护有专项资金吗？",  # 专项资金: a plan's word, 湿地 the 条例's alone
        "烧煤取暖要办许可证吗？",  # 许可证: a plan's word, 取暖 the fuel rule's alone
        "禁燃区外能烧煤吗？",  # the rule speaks of 禁燃区内 only
    ):
        assert zones.ask(question).status == "not_found", question
    # 城市规划区以外 is said, so asked outside it, the rule answers.
    outside = zones.ask("城市规划区外的古树归哪个部门管？")
    assert first_cited(outside) == f"{TREES}/第一章/第三条" and "市林业局" in outside.text


def test_a_county_government_where_a_wetland_lies_is_an_agency(zones) -> None:  # type: ignore[no-untyped-def]
    # 所在地县级人民政府应当在名录公布之日起一年内设立保护标志: no party's duty, and the
    # 在 of 所在地 opens no time limit.
    duties = [o for o in zones.library.obligations if o.clause_id.startswith(f"{WETLAND}/")]
    assert not any("人民政府" in o.action for o in duties)


PARKS = "qingyuan-city-parks-measures"
STATIONS = "changhe-electromagnetic-measures"


citizens = regulations_fixture(PARKS, STATIONS)


def test_a_distance_asked_is_answered_only_by_a_length(citizens) -> None:  # type: ignore[no-untyped-def]
    # The base-station rule states a notice period (不少于七日), no distance.
    assert citizens.ask("基站离住宅最少要多远？").status == "not_found"


def test_citizens_words_for_a_parks_rules(citizens) -> None:  # type: ignore[no-untyped-def]
    assert first_cited(citizens.ask("公园里能摆摊吗？")) == f"{PARKS}/第二章/第八条"
    assert first_cited(citizens.ask("能开车进公园吗？")) == f"{PARKS}/第二章/第九条"
    assert first_cited(citizens.ask("公园里可以搭帐篷露营吗？")) == f"{PARKS}/第二章/第五条/（三）"
    # 楼顶 is a part of a 建筑物, 小区 a kind of 住宅, 运营商 the 通信运营企业.
    assert first_cited(citizens.ask("学校楼顶能装基站吗？")) == f"{STATIONS}/第八条"
    assert first_cited(citizens.ask("在小区附近建基站要公示吗？")) == f"{STATIONS}/第七条"
    overseer = citizens.ask("谁督促运营商落实基站的辐射要求？")
    assert first_cited(overseer) == f"{STATIONS}/第三条" and "市通信管理局" in overseer.text


VILLAGES = "qingshi-rural-waste-measures"
LIGHTS = "luzhou-light-pollution-measures"


residents = regulations_fixture(VILLAGES, LIGHTS)


def test_a_penalty_repeating_a_prohibition_is_no_duty(residents) -> None:  # type: ignore[no-untyped-def]
    # 第十条 违反本办法第六条规定，在禁止区域新建玻璃幕墙的，由…处…罚款: its 禁止 binds no one.
    duties = {o.clause_id for o in residents.library.obligations}
    assert f"{LIGHTS}/第十条" not in duties and f"{LIGHTS}/第六条" in duties


def test_residents_words_for_villages_and_lights(residents) -> None:  # type: ignore[no-untyped-def]
    # A rule fines 个人 where the asker is a 村民.
    fine = residents.ask("村民烧垃圾会被罚款吗？")
    assert first_cited(fine) == f"{VILLAGES}/第十一条" and "一百元以上五百元以下" in fine.text
    assert first_cited(residents.ask("剩菜剩饭可以自己堆肥吗？")) == f"{VILLAGES}/第五条"
    assert first_cited(residents.ask("路灯的亮度有什么要求？")) == f"{LIGHTS}/第五条"
    glass = residents.ask("玻璃幕墙反光率有什么要求？")
    assert first_cited(glass) == f"{LIGHTS}/第六条" and "百分之十五" in glass.text


def test_a_topic_no_document_names_is_not_answered_from_another(residents) -> None:  # type: ignore[no-untyped-def]
    # No wetland rule is loaded: 专项资金 in a plan does not answer for 湿地 (jieba tags
    # 湿地 z, not n); and 超计划 is no 计划 (超 is a prefix, not an act on it).
    for question in ("湿地保护有专项资金吗？", "超计划30%怎么加价？"):
        assert residents.ask(question).status == "not_found", question
