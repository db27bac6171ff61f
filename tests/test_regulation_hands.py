"""Records of regulations in hands the first fixtures did not use, golden tables read off
the texts by hand: an order outside the 法律责任 chapter, 项 cited without a 款, parties
named as places of business (外卖平台, 宾馆、酒店), a penalty citing another law's article."""

from __future__ import annotations

from policyqa.documents import load_file
from policyqa.extract import find_time_limits
from policyqa.library import build_library
from tests.conftest import FIXTURES

WATER = FIXTURES / "regulations" / "yanhu-drinking-water-source-regulation.txt"
PLASTICS = FIXTURES / "regulations" / "fenglin-single-use-plastics-measures.txt"


def _short(clause_id: str) -> str:
    return clause_id.split("/", 1)[1]


def test_penalties_are_the_法律责任_chapters_and_cite_items_without_a_款() -> None:
    library = build_library((load_file(WATER),))
    penalties = {_short(p.clause_id): p for p in library.penalties}
    # 第七条's 由县（区）人民政府责令拆除或者关闭 is a measure: the chapter holds the penalties.
    assert set(penalties) == {f"第四章/第十{n}条" for n in "三四五六七八"}
    both = penalties["第四章/第十五条"]
    assert both.cites == ("第六条第（二）项", "第六条第（三）项")
    assert [_short(o) for o in both.obligations] == ["第二章/第六条/（二）", "第二章/第六条/（三）"]
    # No article cited: linked by its conduct to the duty it restates.
    unreported = penalties["第四章/第十七条"]
    assert unreported.linked_by == "inferred"
    assert [_short(o) for o in unreported.obligations] == ["第三章/第十一条"]
    limits = {_short(o.clause_id): o.deadline_text for o in library.obligations}
    assert limits["第三章/第十一条"] == "每年1月31日前"
    within = [o.deadline_text for o in library.obligations if "两小时内" in o.action]
    assert within == ["两小时内"]


def test_places_of_business_are_parties_and_another_laws_article_is_no_link() -> None:
    library = build_library((load_file(PLASTICS),))
    actors = {_short(o.clause_id): o.actor for o in library.obligations}
    assert actors["第七条"] == "外卖平台"
    assert actors["第八条"] == "宾馆、酒店"
    assert actors["第九条"] == "快递企业"
    penalties = {_short(p.clause_id): p for p in library.penalties}
    # 依照《…固体废物污染环境防治法》第一百零六条: that law's article, not this one's.
    assert penalties["第十四条"].cites == ("第九条",)
    assert [_short(o) for o in penalties["第十四条"].obligations] == ["第九条"]


def test_a_text_indented_as_a_web_page_copies_it_parses_as_any_other() -> None:
    library = build_library(
        (load_file(FIXTURES / "regulations" / "huachuan-construction-waste-rules.txt"),)
    )
    assert library.parsed[0].profile == "regulation"
    ids = {_short(c.id) for c in library.parsed[0].clauses}
    # 第一章　总　　则, every line opening with ideographic spaces.
    assert {"第一章/第一条", "第二章/第六条/（三）", "第五章/第十五条"} <= ids
    penalties = {_short(p.clause_id): p for p in library.penalties}
    assert set(penalties) == {f"第四章/第十{n}条" for n in "一二三四"}
    assert "每车次处五百元以上五千元以下的罚款" in penalties["第四章/第十二条"].sanctions
    assert "对个人处二百元以下的罚款" in penalties["第四章/第十四条"].sanctions
    limits = {_short(o.clause_id): o.deadline_text for o in library.obligations}
    assert limits["第二章/第四条"] == "在工程开工前"


def test_a_village_committee_is_a_party_and_an_agencys_article_is_cited() -> None:
    library = build_library(
        (load_file(FIXTURES / "regulations" / "minxian-straw-burning-rules.txt"),)
    )
    duties = [
        (_short(o.clause_id), o.actor) for o in library.obligations if o.actor == "村民委员会"
    ]
    # 村民委员会 governs itself: its sentences are a party's duties, not an agency's.
    assert duties == [("第五条", "村民委员会"), ("第五条", "村民委员会")]
    penalties = {_short(p.clause_id): p for p in library.penalties}
    # 未履行本规定第四条规定的职责 cites 第四条, the 乡（镇）'s own measures.
    assert penalties["第十一条"].cites == ("第四条",)
    assert penalties["第十一条"].sanctions == ("通报批评",)
    # A person's fine, and a unit referred to another law's article: both kept.
    assert penalties["第九条"].sanctions[1:] == (
        "对个人处五十元以上二百元以下的罚款",
        "依照《中华人民共和国大气污染防治法》第一百一十九条的规定处罚",
    )


def test_a_term_a_semester_and_a_plain_keeping_period_are_limits() -> None:
    library = build_library(
        (load_file(FIXTURES / "regulations" / "qingcheng-lab-hazardous-waste-rules.txt"),)
    )
    # 每学期至少开展一次 is a frequency; in the ships' rule, 保存二年 a keeping period.
    training = library.clause("qingcheng-lab-hazardous-waste-rules/第八条")
    assert [d.text for d in find_time_limits(training, "frequency")] == ["每学期至少开展一次"]
    ships = build_library(
        (load_file(FIXTURES / "regulations" / "linhai-ship-pollutant-measures.txt"),)
    )
    receipt = ships.clause("linhai-ship-pollutant-measures/第二章/第七条")
    assert "保存二年" in [d.text for d in find_time_limits(receipt)]
