"""Citizens' questions on rules for everyday places: a thing or act said in the asker's
words (水箱, 体检, 偷偷砍树), a place the asker adds (在地里), the hour something closes,
a limit counted from an event asked as 什么时候前; and, declined, what nothing says
(草坪可以踩吗, 自来水可以直接喝吗, 图书馆几点关门); and who is in charge, where a
regulation states it."""

from __future__ import annotations

from tests.conftest import first_cited, regulations_fixture

WATER = "jianglin-secondary-water-supply-measures"
GREENING = "hechuan-urban-greening-rules"
LIGHT = "luzhou-light-pollution-measures"


rules = regulations_fixture(WATER, GREENING, LIGHT)


def test_records_of_everyday_rules(rules) -> None:  # type: ignore[no-untyped-def]
    # 有本细则第七条第（一）项、第（二）项行为的…；有第七条第（三）项…: cited by article.
    penalty = next(
        p for p in rules.library.penalties if p.clause_id == f"{GREENING}/第四章/第十二条"
    )
    assert penalty.linked_by == "cited"
    assert f"{GREENING}/第三章/第七条/（三）" in penalty.obligations
    # 从事二次供水设施清洗消毒的人员，应当…: the whole phrase names the party.
    actors = {o.actor for o in rules.library.obligations if o.clause_id == f"{WATER}/第二章/第六条"}
    assert actors == {"从事二次供水设施清洗消毒的人员"}


def test_askers_words_for_what_the_rule_names(rules) -> None:  # type: ignore[no-untyped-def]
    often = rules.ask("水箱多久清洗一次？")
    assert first_cited(often).startswith(f"{WATER}/第二章/第五条") and "每半年" in often.text
    assert first_cited(rules.ask("清洗水箱的工人要体检吗？")) == f"{WATER}/第二章/第六条"
    fine = rules.ask("偷偷砍树怎么罚？")
    assert first_cited(fine) == f"{GREENING}/第四章/第十一条" and "三倍至五倍" in fine.text
    rate = rules.ask("新建小区绿化率要多少？")
    assert first_cited(rate) == f"{GREENING}/第二章/第四条" and "百分之三十" in rate.text


def test_limits_and_hours(rules) -> None:  # type: ignore[no-untyped-def]
    due = rules.ask("配套绿化要在什么时候前完成？")
    assert first_cited(due) == f"{GREENING}/第二章/第五条" and "竣工后一年内" in due.text
    hours = rules.ask("朝着居民窗户的广告牌什么时候要关？")
    assert first_cited(hours) == f"{LIGHT}/第四条" and "二十二时" in hours.text


def test_what_nothing_says_is_declined(rules) -> None:  # type: ignore[no-untyped-def]
    for question in (
        "草坪可以踩吗？",
        "自来水可以直接喝吗？",
        "图书馆几点关门？",
        "商场几点开门？",
    ):
        assert rules.ask(question).status == "not_found", question


APPEARANCE = "zean-city-appearance-measures"
CAR_WASH = "guitang-car-wash-rules"


keeping = regulations_fixture(APPEARANCE, CAR_WASH)


def test_who_keeps_a_place_and_a_business_by_its_short_name(keeping) -> None:  # type: ignore[no-untyped-def]
    # …餐馆等经营场所，由经营者负责: the item assigning that place answers 谁负责.
    shop = keeping.ask("饭店门口的卫生谁负责？")
    assert first_cited(shop) == f"{APPEARANCE}/第四条/（一）" and "由经营者负责" in shop.text
    # （以下简称洗车场所）, given in the definition: the party of its duties.
    actors = {o.actor for o in keeping.library.obligations if o.doc_id == CAR_WASH}
    assert "洗车场所" in actors
    # 未按照规定清除积雪 shares two words with the snow duty: linked by them.
    snow = next(p for p in keeping.library.penalties if p.clause_id == f"{APPEARANCE}/第十一条")
    assert snow.obligations == (f"{APPEARANCE}/第六条",)


def test_a_time_of_day_or_a_length_no_clause_states_is_declined(keeping) -> None:  # type: ignore[no-untyped-def]
    assert keeping.ask("洗车店晚上能营业吗？").status == "not_found"
    assert keeping.ask("责任区的范围是门前几米？").status == "not_found"
    river = keeping.ask("洗车污水排进河里罚多少？")  # 河里: 河, the thing, in 河道
    assert first_cited(river) == f"{CAR_WASH}/第十二条" and "一万元以上十万元以下" in river.text


POULTRY = "lanping-live-poultry-rules"
GAS = "songxi-gas-safety-measures"


markets = regulations_fixture(POULTRY, GAS)


def test_a_place_designated_by_its_ban_is_no_prohibition(markets) -> None:  # type: ignore[no-untyped-def]
    actions = [o.action for o in markets.library.obligations if o.doc_id == POULTRY]
    assert not any(a.startswith("本市中心城区为活禽禁止交易区") for a in actions)
    assert any("禁止从事活禽交易和宰杀活动" in a for a in actions)


def test_a_fee_is_a_thing_of_its_own_and_a_lighter_an_open_flame(markets) -> None:  # type: ignore[no-untyped-def]
    assert markets.ask("燃气费怎么收？").status == "not_found"  # 燃气 is said; its fee is not
    flame = markets.ask("能用打火机检查漏气吗？")
    assert first_cited(flame) == f"{GAS}/第三章/第七条/（三）"
    assert "使用明火检查燃气泄漏" in flame.text


def test_a_regulations_remit_answers_who_before_the_plans_tasks(markets) -> None:  # type: ignore[no-untyped-def]
    # 卫健委负责什么: the 规定's 第三条 first, the seed plans' long task lists after it.
    remit = markets.ask("卫健委负责什么？")
    assert remit.intent == "department_tasks"
    assert first_cited(remit) == f"{POULTRY}/第三条" and "《包头市" in remit.text
    assert remit.text.index("监测和防治") < remit.text.index("《包头市")
    # 在这方面负责什么 asks the same.
    assert markets.ask("市场监管局在这方面负责什么？").intent == "department_tasks"


LABS = "qingcheng-lab-hazardous-waste-rules"
EIA = "yunling-eia-approval-measures"


offices = regulations_fixture(LABS, EIA)


def test_who_is_in_charge_of_what_a_regulation_alone_names(offices) -> None:  # type: ignore[no-untyped-def]
    # The regulation's clause matches best and assigns no plan task: a seed plan's task
    # that also names supervision or approval does not stand in for it.
    labs = offices.ask("谁统一监管实验室危废？")
    assert first_cited(labs) == f"{LABS}/第三条" and "市生态环境局" in labs.text
    assert first_cited(offices.ask("环评文件由哪个部门审批？")) == f"{EIA}/第一章/第三条"


LIFTS = "xiling-elevator-safety-measures"
MOURNING = "heyang-civilized-mourning-rules"


services = regulations_fixture(LIFTS, MOURNING)


def test_items_bind_as_their_chapeau_introduces_them(services) -> None:  # type: ignore[no-untyped-def]
    # 乘客应当遵守…，不得有下列行为：the items are the passenger's prohibitions.
    article = f"{LIFTS}/第二章/第七条/（"
    items = [o for o in services.library.obligations if o.clause_id.startswith(article)]
    assert len(items) == 4 and {(o.actor, o.kind) for o in items} == {("乘客", "prohibition")}


def test_a_referral_to_the_enforcing_authority_is_a_penalty(services) -> None:  # type: ignore[no-untyped-def]
    penalties = {p.clause_id: p for p in services.library.penalties}
    # …由公安机关依法处理 / 由市场监督管理部门依法查处: no fine, still the consequence.
    assert penalties[f"{LIFTS}/第四章/第十四条"].linked_by == "cited"
    selling = penalties[f"{MOURNING}/第十二条"]
    assert selling.obligations == (f"{MOURNING}/第八条",) and selling.linked_by == "inferred"
    who = services.ask("殡仪馆搞捆绑销售谁来查处？")
    assert first_cited(who) == f"{MOURNING}/第十二条" and "市场监督管理部门" in who.text


def test_the_hour_of_an_act_the_text_names_or_not(services) -> None:  # type: ignore[no-untyped-def]
    # 晚上 where the text states the hours (二十二时至次日六时); 音乐 played on 音响设备.
    night = services.ask("办白事晚上几点以后不能放音乐？")
    assert first_cited(night) == f"{MOURNING}/第六条" and "二十二时" in night.text
    assert services.ask("清明节公墓几点开门？").status == "not_found"  # no clause opens it
    assert services.ask("丧事可以办几桌酒席？").status == "not_found"  # 酒席, counted, unnamed


RENOVATION = "qingxi-home-renovation-rules"
HOMESTAY = "fengqiao-homestay-measures"


lodging = regulations_fixture(RENOVATION, HOMESTAY)


def test_records_of_a_thing_kept_and_a_brigade(lodging) -> None:  # type: ignore[no-untyped-def]
    # 装修垃圾应当袋装，堆放到物业服务企业指定的地点: the enterprise only names the place.
    waste = [o for o in lodging.library.obligations if o.clause_id == f"{RENOVATION}/第七条"]
    assert {o.actor for o in waste} == {"装修人"}
    # 县消防救援大队负责…的监督检查: an office, though no table knows it.
    offices = {d.department for d in lodging.library.agency_duties if d.doc_id == HOMESTAY}
    assert "县消防救援大队" in offices


def test_a_licence_asked_by_one_character_and_figures_the_asker_supposes(lodging) -> None:  # type: ignore[no-untyped-def]
    licence = lodging.ask("开一家民宿需要办哪些证？")
    assert first_cited(licence) == f"{HOMESTAY}/第二章/第四条" and "特种行业许可证" in licence.text
    # 每天 and 五层 are the asker's figures: the clause stating the rule answers.
    sheets = lodging.ask("床单被套要每天都换吗？")
    assert first_cited(sheets) == f"{HOMESTAY}/第三章/第六条/（三）" and "一客一换" in sheets.text
    floors = lodging.ask("民宿能盖到五层吗？")
    assert first_cited(floors) == f"{HOMESTAY}/第二章/第五条" and "四层" in floors.text
    hours = lodging.ask("装修每天几点可以开始干活？")
    assert first_cited(hours) == f"{RENOVATION}/第六条" and "八时至十二时" in hours.text


def test_an_ascii_thing_no_clause_names_is_declined(lodging) -> None:  # type: ignore[no-untyped-def]
    assert lodging.ask("民宿里可以开KTV吗？").status == "not_found"


def test_a_party_named_short_and_a_count_in_a_definition(lodging) -> None:  # type: ignore[no-untyped-def]
    # 物业 is the asker's 物业服务企业: what it must do, not the ban it enforces.
    found = lodging.ask("物业发现有人拆承重墙应该怎么办？")
    assert first_cited(found) == f"{RENOVATION}/第八条" and "予以劝阻" in found.text
    rooms = lodging.ask("一家民宿最多可以有几间客房？")
    assert first_cited(rooms) == f"{HOMESTAY}/第一章/第二条" and "十四间" in rooms.text


HOUSING = "cenxi-rural-housing-rules"
CARE = "meiling-elderly-care-measures"


villages = regulations_fixture(HOUSING, CARE)


def test_a_cap_in_the_measure_asked_answers_a_figure_over_it(villages) -> None:  # type: ignore[no-untyped-def]
    # 五层 is over the cap, so no range holds it; the cap in 层 answers.
    floors = villages.ask("村里盖房子能盖五层吗？")
    assert first_cited(floors) == f"{HOUSING}/第六条" and "不得超过三层" in floors.text


def test_askers_words_for_homes_hazards_and_contracts(villages) -> None:  # type: ignore[no-untyped-def]
    rebuild = villages.ask("翻盖旧房子也适用这个规定吗？")
    assert first_cited(rebuild) == f"{HOUSING}/第二条" and "改建" in rebuild.text
    slope = villages.ask("容易山体滑坡的地方能盖房吗？")
    assert first_cited(slope).startswith(f"{HOUSING}/第七条") and "地质灾害" in slope.text
    contract = villages.ask("住进养老机构要签合同吗？")
    assert first_cited(contract) == f"{CARE}/第二章/第三条" and "签订服务协议" in contract.text
