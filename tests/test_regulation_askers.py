"""Askers' turns of phrase on regulations: who does an act (谁负责养护) answered by the
sentence naming its 责任人 or 义务人, what a term covers asked as 什么样的X算Y, when a rule
takes effect asked as 开始实施, an office ending in 机构 that fines, hours as a limit, and
how a thing no clause names is done (电费怎么收), declined."""

from __future__ import annotations

import pytest

from tests.conftest import first_cited, uploaded_regulations

TREES = "baixi-ancient-trees-measures"
BIKES = "nanling-ebike-charging-rules"
MINES = "jinpingxian-mine-restoration-rules"
WASTE = "tongjiang-solid-waste-regulation"


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    return uploaded_regulations(tmp_path_factory, embedder, TREES, BIKES, MINES, WASTE)


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
