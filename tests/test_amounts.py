"""Amounts a question states and the ranges a clause bounds them by: the asker's 30% falls
in 百分之二十以上百分之四十以内, six years in 超过五年, and 不超过 is no 超过."""

from __future__ import annotations

import math

import pytest

from policyqa.amounts import Bound, bounds, holds, is_amount, stated_amount, states
from policyqa.extract import time_limit_in
from tests.conftest import first_cited, regulations_fixture

WATER = "qingyu-water-saving-measures"
DOGS = "songgang-dog-keeping-rules"
EIA = "yunling-eia-approval-measures"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("超计划百分之二十以内的部分", [Bound("share", 0.0, 20.0)]),
        ("超计划百分之二十以上百分之四十以内的部分", [Bound("share", 20.0, 40.0)]),
        ("处五万元以上十万元以下的罚款", [Bound("money", 50_000.0, 100_000.0)]),
        ("自批准之日起超过五年", [Bound("time", 1825.0, math.inf, past_low=True)]),
        ("长度不超过一点五米的犬绳", [Bound("length", 0.0, 1.5)]),
        ("检测记录保存不少于五年", [Bound("time", 1825.0, math.inf)]),
        ("不得低于百分之七十", [Bound("share", 70.0, math.inf)]),
        ("第五条第二款", []),
    ],
)
def test_a_clause_bounds_what_it_states(text: str, expected: list[Bound]) -> None:
    assert bounds(text) == expected


def test_a_question_states_one_amount_not_a_period_of_a_frequency() -> None:
    thirty = stated_amount("超计划30%怎么加价？")
    assert thirty == stated_amount("超计划百分之三十的部分怎么收费？")
    assert thirty is not None and holds("百分之二十以上百分之四十以内", thirty)
    assert not holds("百分之四十以上", thirty)
    assert stated_amount("应急演练一年至少搞几次？") is None  # a frequency's period
    assert stated_amount("第五条是什么？") is None
    assert is_amount("六年") and is_amount("30%") and not is_amount("第三方")


def test_minutes_rooms_and_storeys_are_amounts() -> None:
    ten = stated_amount("停车十分钟要收费吗？")
    assert ten is not None and holds("对停放不超过十五分钟的车辆免收停车费", ten)
    five = stated_amount("民宿可以盖五层楼吗？")
    assert five is not None and not holds("民宿建筑层数不得超过四层", five)
    assert is_amount("五层") and is_amount("十四间") and not is_amount("时间")


def test_a_count_capped_as_a_share_of_itself_states_it() -> None:
    # 能多订几桌: 桌数 capped at a share of what is needed states a count of tables.
    assert states("宴席桌数预留不得超过实际人数所需的百分之十", "tables")
    assert not states("宴席规模应当按照出席人数确定，超出部分不得超过百分之十", "tables")
    assert states("每场宴席不得超过二十桌", "tables")


def test_latin_units_as_askers_type_them() -> None:
    # 3.5t, 13m, 100kg: the asker's figures, in the measures a clause bounds them by.
    assert stated_amount("3.5t的小货车受限行吗") == stated_amount("三点五吨的货车")
    long, light = stated_amount("13m的大货车"), stated_amount("3.5t的车")
    assert long is not None and holds("车长超过十二米的货车", long)
    assert light is not None and not holds("总质量四点五吨以上", light)
    assert states("行驶速度不得超过每小时四十公里", "length")


def test_latin_units_as_a_technical_text_writes_them() -> None:
    # 45dB(A), 保存不少于30d, 24h: the measures of 分贝, 天 and 小时 a question asks in.
    assert states("夜间不得超过45dB(A)", "sound") and states("保存时间不少于30d", "time")
    quiet = stated_amount("噪音50分贝算超标吗")
    assert quiet is not None and not holds("夜间不得超过45dB(A)", quiet)
    week = stated_amount("录像保存7天行吗")
    assert week is not None and holds("监控录像保存不足30d的", week)
    assert time_limit_in("监控录像保存时间不少于30d。") == "保存时间不少于30d"
    assert time_limit_in("应当在24h内报告") == "24h内" and time_limit_in("不超过3hz") == ""


def test_a_price_capped_as_a_share_of_a_sum_states_it() -> None:
    # 中介费最多收多少: a fee capped at a share of a wage is a price; a share of the
    # fee's own standard is a discount on it, no price (物业费一平方米多少钱).
    assert states("中介服务费不得超过家政服务人员首月工资的百分之五十", "money")
    assert states("违约金不超过服务费用的百分之二十", "money")
    assert not states("按照物业服务费标准的百分之七十交纳", "money")
    assert not states("回收率不低于百分之九十", "money")


rules = regulations_fixture(WATER, DOGS, EIA)


def test_the_item_whose_range_holds_the_amount_answers(rules) -> None:  # type: ignore[no-untyped-def]
    for question in ("超计划30%怎么加价？", "超计划百分之三十的部分怎么收费？"):
        answer = rules.ask(question)
        assert first_cited(answer) == f"{WATER}/第二章/第六条/（二）", question
        assert "二倍" in answer.text
    late = rules.ask("环评批了六年才开工怎么办？")
    assert first_cited(late) == f"{EIA}/第三章/第九条" and "重新审核" in late.text


def test_askers_words_for_a_dogs_rules(rules) -> None:  # type: ignore[no-untyped-def]
    # 坐地铁 is an act and its thing; 遛狗 and 拴绳 the asker's words for 携犬出户, 犬绳.
    assert first_cited(rules.ask("能带狗坐地铁吗？")) == f"{DOGS}/第九条/（三）"
    assert first_cited(rules.ask("遛狗不拴绳怎么处罚？")) == f"{DOGS}/第十四条"
    renewal = rules.ask("登记证到期前什么时候申请延续？")  # 届满前, no length it lasts
    assert first_cited(renewal) == f"{DOGS}/第五条" and "届满前三十日内" in renewal.text


def test_a_sanction_no_penalty_for_the_conduct_imposes_is_declined(rules) -> None:  # type: ignore[no-untyped-def]
    assert rules.ask("遛狗不拴绳会被没收狗吗？").status == "not_found"
    assert first_cited(rules.ask("养大型犬会被没收吗？")) == f"{DOGS}/第十五条"


def test_an_office_said_to_be_the_competent_one_is_named_alone(rules) -> None:  # type: ignore[no-untyped-def]
    offices = {d.department for d in rules.library.agency_duties if d.doc_id == DOGS}
    assert "市公安机关" in offices and not any("主管部门" in o for o in offices)


def test_an_amount_said_to_exceed_a_bound_is_past_it() -> None:
    past = stated_amount("那超过40%呢？")
    assert past is not None and holds("百分之四十以上的部分", past)
    assert not holds("百分之二十以上百分之四十以内的部分", past)


def test_a_follow_up_asks_its_own_amount(rules) -> None:  # type: ignore[no-untyped-def]
    rules.ask("超计划30%怎么加价？", session_id="tiers")
    after = rules.ask("那超过40%呢？", session_id="tiers")
    assert first_cited(after) == f"{WATER}/第二章/第六条/（三）" and "三倍" in after.text
