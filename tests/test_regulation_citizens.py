"""Citizens' questions on rules for everyday places: a thing or act said in the asker's
words (水箱, 体检, 偷偷砍树), a place the asker adds (在地里), the hour something closes,
a limit counted from an event asked as 什么时候前; and, declined, what nothing says
(草坪可以踩吗, 自来水可以直接喝吗, 图书馆几点关门)."""

from __future__ import annotations

import pytest

from tests.conftest import first_cited, uploaded_regulations

WATER = "jianglin-secondary-water-supply-measures"
GREENING = "hechuan-urban-greening-rules"
LIGHT = "luzhou-light-pollution-measures"


@pytest.fixture(scope="module")
def rules(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    return uploaded_regulations(tmp_path_factory, embedder, WATER, GREENING, LIGHT)


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
