"""Citizens' questions on outdoor advertising and a farmers' market: a thing abbreviated
(电子屏 for 电子显示屏), a thing of a kind the text names (病死猪肉, 病死畜禽肉), a wall that
is no outside, an area no clause states, a forbidden act asked how it is dealt with, who
pays for harm, and a place's surroundings asked who keeps them."""

from __future__ import annotations

from tests.conftest import first_cited, regulations_fixture

ADVERTISING = "liuwan-outdoor-advertising-measures"
MARKET = "shimen-farmers-market-rules"
SCHOOL = "baisha-school-food-safety-rules"
POOL = "qingping-swimming-pool-hygiene-measures"

markets = regulations_fixture(ADVERTISING, MARKET, SCHOOL, POOL)


def test_things_in_the_askers_words(markets) -> None:  # type: ignore[no-untyped-def]
    screen = markets.ask("电子屏晚上要关吗？")
    assert first_cited(screen) == f"{ADVERTISING}/第二章/第七条/（二）"
    assert "二十二时至次日七时" in screen.text
    meat = markets.ask("菜市场里能卖病死猪肉吗？")
    assert first_cited(meat) == f"{MARKET}/第六条/（一）" and "病死畜禽肉" in meat.text
    wall = markets.ask("住宅楼外墙能装广告牌吗？")
    assert first_cited(wall) == f"{ADVERTISING}/第二章/第六条/（四）"
    scales = markets.ask("菜市场有没有给顾客用的公平秤？")
    assert first_cited(scales) == f"{MARKET}/第四条/（三）" and "计量复核器具" in scales.text


def test_an_area_no_clause_states_is_declined(markets) -> None:  # type: ignore[no-untyped-def]
    area = markets.ask("广告牌最大能做多大面积？")
    assert area.status == "not_found", area.text


def test_penalties_asked_as_handling_and_as_who_pays(markets) -> None:  # type: ignore[no-untyped-def]
    short = markets.ask("缺斤短两怎么处理？")
    assert first_cited(short) == f"{MARKET}/第十一条" and "给予警告" in short.text
    # A thing asked how it is handled is not a penalty question.
    assert markets.ask("检测结果怎么处理？").citations[0].clause_id != f"{MARKET}/第九条"
    fallen = markets.ask("广告牌倒了砸到人谁赔？")
    assert first_cited(fallen) == f"{ADVERTISING}/第三章/第十二条"
    unlicensed = markets.ask("没批就挂广告牌罚多少？")
    assert first_cited(unlicensed) == f"{ADVERTISING}/第三章/第十条"
    assert "五千元以上五万元以下" in unlicensed.text


def test_an_item_numbered_in_digits_is_looked_up(markets) -> None:  # type: ignore[no-untyped-def]
    # 第四条第3项, as the 规定 itself cites it: that item, quoted whole.
    item = markets.ask("白沙规定第四条第3项是什么？")
    assert first_cited(item) == f"{SCHOOL}/第四条/3" and "烟草和酒类" in item.text
    # The penalty citing it follows; the one citing item 1 does not.
    assert [c.clause_id for c in item.citations][1:] == [f"{SCHOOL}/第九条"]
    fine = markets.ask("卖三无食品罚多少？")
    assert first_cited(fine) == f"{SCHOOL}/第八条" and "二千元以上一万元以下" in fine.text


def test_a_limit_framed_a_term_by_term_frequency_and_a_closure(markets) -> None:  # type: ignore[no-untyped-def]
    # 控制在多少 frames the amount asked; no act the text must name.
    chlorine = markets.ask("池水余氯要控制在多少？")
    assert first_cited(chlorine) == f"{POOL}/第二章/第五条" and "0.3毫克至1.0毫克" in chlorine.text
    check = markets.ask("市场监管局多久检查一次校园周边？")
    assert first_cited(check) == f"{SCHOOL}/第七条" and "每学期开学前" in check.text
    # 被关 asks a sanction; the text writes 停业 apart (责令停止营业).
    closed = markets.ask("无证开放的游泳馆会被关吗？")
    assert first_cited(closed) == f"{POOL}/第三章/第九条" and "责令停止营业" in closed.text


def test_who_keeps_a_places_surroundings(markets) -> None:  # type: ignore[no-untyped-def]
    stalls = markets.ask("市场门口乱摆摊谁管？")
    assert first_cited(stalls) == f"{MARKET}/第三条" and "乡镇人民政府" in stalls.text


def test_a_colon_after_the_article_number_is_no_part_of_its_text(markets) -> None:  # type: ignore[no-untyped-def]
    # 第四条：校园周边食品经营者应当…: the party is the 经营者, and 第三条's first office
    # is charged, as with a space after the number.
    library = markets.library
    duties = [o for o in library.obligations if o.doc_id == SCHOOL]
    actors = {(o.clause_id.split("/", 1)[1], o.actor) for o in duties}
    assert ("第四条", "校园周边食品经营者") in actors and ("第六条", "学校") in actors
    assert not any(o.action.startswith(("：", ":")) for o in duties)
    charged = {
        (d.clause_id.split("/", 1)[1], d.department)
        for d in library.agency_duties
        if d.doc_id == SCHOOL
    }
    assert ("第三条", "县市场监督管理局") in charged and ("第七条", "县市场监督管理局") in charged
    # 违反本规定第四条第1项规定的: that item, as its article numbers it, is what it enforces.
    enforced = {
        p.clause_id.split("/", 1)[1]: p.obligations for p in library.penalties if p.doc_id == SCHOOL
    }
    assert enforced["第八条"] == (f"{SCHOOL}/第四条/1",)
    assert enforced["第九条"] == (f"{SCHOOL}/第四条/3",)


HEATING = "yuntai-urban-heating-regulation"
ROADS = "shiling-road-excavation-rules"
utilities = regulations_fixture(HEATING, ROADS)


def test_items_numbered_in_brackets_and_a_second_paragraph_after_a_blank_line(  # type: ignore[no-untyped-def]
    utilities, markets
) -> None:
    enforced = {
        p.clause_id: p.obligations
        for library in (utilities.library, markets.library)
        for p in library.penalties
    }
    # 违反本细则第四条第（1）项规定: the item numbered （1）.
    assert enforced[f"{ROADS}/第九条"] == (f"{ROADS}/第四条/（1）",)
    # 违反本条例第八条第二款规定, the 款 after a blank line: 用户不得有下列行为 and its items.
    heating = enforced[f"{HEATING}/第三章/第十一条"]
    assert f"{HEATING}/第二章/第二节/第八条/（二）" in heating
    assert enforced[f"{POOL}/第三章/第十条"] == (f"{POOL}/第二章/第五条",)


def test_a_season_a_fee_by_its_other_name_and_an_item_numbered_1(utilities) -> None:  # type: ignore[no-untyped-def]
    season = utilities.ask("暖气什么时候开始供？")
    assert first_cited(season) == f"{HEATING}/第二章/第一节/第四条"
    assert "每年11月15日至次年3月15日" in season.text
    fee = utilities.ask("用户必须交暖气费吗？")
    assert (
        first_cited(fee) == f"{HEATING}/第二章/第二节/第八条" and "按时足额缴纳供热费" in fee.text
    )
    # 修 / 不好 (cannot be fixed) is no act split before its complement.
    told = utilities.ask("暖气修不好要告诉用户吗？")
    assert first_cited(told) == f"{HEATING}/第二章/第二节/第七条" and "及时告知用户" in told.text
    item = utilities.ask("石岭细则第四条第（3）项是什么？")
    assert first_cited(item) == f"{ROADS}/第四条/（3）" and "警示灯" in item.text


def test_how_a_fee_is_reckoned_and_a_party_the_text_never_names_are_declined(utilities) -> None:  # type: ignore[no-untyped-def]
    assert utilities.ask("道路挖掘修复费怎么算？").status == "not_found"
    assert utilities.ask("暖气片漏水物业负责修吗？").status == "not_found"


SCENIC = "cuiping-scenic-area-measures"
TAXI = "linjiang-taxi-rules"
travel = regulations_fixture(SCENIC, TAXI)


def test_a_set_phrase_a_modal_run_into_its_act_and_what_one_needs(travel) -> None:  # type: ignore[no-untyped-def]
    # 无人机, which jieba tags as a set phrase, is a thing no clause names.
    assert travel.ask("景区里能放无人机吗？").status == "not_found"
    # 会关: a modal and its act, no thing asked.
    closed = travel.ask("下暴雨景区会关吗？")
    assert first_cited(closed) == f"{SCENIC}/第三章/第七条" and "关闭景区" in closed.text
    # What one needs (要什么驾照), a thing however jieba tags it.
    assert travel.ask("出租车司机要什么驾照？").status == "not_found"
    refused = travel.ask("打车司机能拒载吗？")  # ② of the items run into 第三条's line
    assert first_cited(refused) == f"{TAXI}/第三条/②" and "不得拒载" in refused.text


def test_what_a_regulation_is_asked_to_apply_to_must_be_named(travel) -> None:  # type: ignore[no-untyped-def]
    assert travel.ask("网约车也适用这个规定吗？").status == "not_found"


WATER_WORKS = "taoyuan-rural-water-supply-measures"
TERMITES = "wutong-termite-control-rules"
works = regulations_fixture(WATER_WORKS, TERMITES)


def test_articles_numbered_in_digits_and_a_penalty_listing_conducts(works) -> None:  # type: ignore[no-untyped-def]
    library = works.library
    ids = {c.id for c in library.clauses}
    # 第5条 is labelled 第五条, as citations (第4条第（二）项) and look-ups name it.
    assert f"{WATER_WORKS}/第二章/第五条" in ids and f"{WATER_WORKS}/第二章/第四条/（二）" in ids
    enforced = {p.clause_id: p.obligations for p in library.penalties}
    assert enforced[f"{WATER_WORKS}/第三章/第八条"] == (f"{WATER_WORKS}/第二章/第四条/（二）",)
    assert not any(
        o.action.startswith("第") for o in library.obligations if o.doc_id == WATER_WORKS
    )
    # 有下列行为之一的，由…处…：（二）…使用国家禁止使用的药物的: a conduct, no duty.
    assert not any(o.clause_id.startswith(f"{TERMITES}/第七条") for o in library.obligations)


def test_an_article_in_digits_looked_up_and_a_guarantee_period(works) -> None:  # type: ignore[no-untyped-def]
    article = works.ask("桃源办法第5条是什么？")
    assert (
        first_cited(article) == f"{WATER_WORKS}/第二章/第五条"
        and "二十四小时内修复" in article.text
    )
    period = works.ask("白蚁预防保多少年？")
    assert first_cited(period) == f"{TERMITES}/第三条" and "不得少于十五年" in period.text


BUSES = "fenglin-school-bus-measures"
RECYCLING = "beitang-recycling-measures"
rounds = regulations_fixture(BUSES, RECYCLING)


def test_article_numbers_alone_on_their_lines_and_in_full_width_digits(rounds) -> None:  # type: ignore[no-untyped-def]
    library = rounds.library
    ids = {c.id for c in library.clauses}
    # 第一条 on a line of its own heads the text below it; 第４条 and 第10条 are articles.
    assert {f"{RECYCLING}/第{n}条" for n in "一二三四五六七八九"} <= ids
    assert f"{RECYCLING}/第四条/（三）" in ids
    assert {f"{BUSES}/第二章/第四条", f"{BUSES}/第四章/第十条"} <= ids
    enforced = {p.clause_id: p.obligations for p in library.penalties}
    assert enforced[f"{RECYCLING}/第七条"] == (f"{RECYCLING}/第四条/（一）",)


def test_a_modal_run_into_an_act_and_a_sanction_asked_by_the_askers_word(rounds) -> None:  # type: ignore[no-untyped-def]
    article = rounds.ask("枫林办法第４条是什么？")
    assert first_cited(article) == f"{BUSES}/第二章/第四条" and "随车照管人员" in article.text
    # 会扣 / 车: no compound thing; 扣车 asks the sanction 扣留车辆.
    seized = rounds.ask("校车超载会扣车吗？")
    assert first_cited(seized) == f"{BUSES}/第三章/第八条" and "扣留车辆" in seized.text
    # 才能 is a modal, no word the text must say.
    leave = rounds.ask("学生下车后照管人员才能走吗？")
    assert first_cited(leave) == f"{BUSES}/第二章/第四条" and "方可离岗" in leave.text


RIVERS = "qingchuan-river-management-regulation"
CLINICS = "kuiqiao-pet-clinic-rules"
rivers = regulations_fixture(RIVERS, CLINICS)


def test_a_long_regulation_and_one_punctuated_in_ascii(rivers) -> None:  # type: ignore[no-untyped-def]
    # 葵桥: periods, commas and colons in ASCII, items (2) in ASCII brackets.
    item = rivers.ask("葵桥规定第四条第（2）项是什么？")
    assert first_cited(item) == f"{CLINICS}/第四条/（2）" and "二百米" in item.text
    kept = rivers.ask("病历要保存几年？")
    assert first_cited(kept) == f"{CLINICS}/第六条" and "不得少于三年" in kept.text
    # 青川, twenty-two articles in six 章: 私自 for 擅自, 挖沙 for 采砂.
    fine = rivers.ask("私自采砂罚多少？")
    assert (
        first_cited(fine) == f"{RIVERS}/第五章/第十九条" and "二万元以上二十万元以下" in fine.text
    )
    night = rivers.ask("晚上能采砂吗？")
    assert first_cited(night) == f"{RIVERS}/第三章/第十二条" and "禁止夜间采砂" in night.text
