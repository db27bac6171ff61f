"""A regulation copied out of a PDF (hard-wrapped at the page's width, page numbers
between pages, its 政府令 printed above it) and one whose penalties cite the items of
another article, asked in a street vendor's words."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file, load_paths
from policyqa.library import build_library
from policyqa.unwrap import unwrap, wrap_width
from tests.conftest import CORPUS, first_cited, regulations_fixture

TOILETS = "tingsha-public-toilets-measures"
VENDORS = "lanqiao-street-vendor-rules"
REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

copies = regulations_fixture(TOILETS, VENDORS)


def test_text_written_a_paragraph_a_line_is_left_as_it_is() -> None:
    for path in [*CORPUS.glob("*.txt"), *REGULATIONS.glob("*.txt")]:
        if path.stem == TOILETS:
            continue
        lines = path.read_text("utf-8").split("\n")
        assert wrap_width(lines) is None, path.name
        assert unwrap(lines) == lines


def test_hard_wrapped_lines_are_rejoined_across_page_breaks() -> None:
    lines = (REGULATIONS / f"{TOILETS}.txt").read_text("utf-8").split("\n")
    assert wrap_width(lines) == 60
    paragraphs = unwrap(lines)
    assert not any(line.strip().startswith("—") for line in paragraphs)  # page numbers
    # 第五条 runs across the first page break; a sentence ending at the margin (…公共厕所。)
    # goes on; an indented line (the second 款) and an item start paragraphs of their own.
    fifth = next(p for p in paragraphs if "第五条" in p)
    assert fifth.endswith("同时设计、同时施工、同时投入使用。")
    fourth = next(p for p in paragraphs if "第四条" in p)
    assert fourth.endswith("次干道不得超过八百米。")
    assert "　　沿街单位附属的公共厕所，鼓励向社会公众免费开放。" in paragraphs
    assert "　　（二）保持厕所内地面清洁、无积水、无异味；" in paragraphs


def test_a_copied_regulation_parses_by_article_and_款() -> None:
    path = REGULATIONS / f"{TOILETS}.txt"
    meta = load_file(path).meta
    # The title is the regulation the order issues, not the order above it.
    assert meta.title == "汀沙市城市公共厕所管理办法"
    assert meta.order_no == "汀沙市人民政府令第45号" and meta.effective == "2035-05-01"
    library = build_library(load_paths([path]).documents)
    articles = [c for c in library.clauses if c.breadcrumb[-1].endswith("条")]
    assert len(articles) == 16 and articles[0].breadcrumb[0].startswith("第一章")
    fee = next(p for p in library.penalties if p.clause_id.endswith("第十二条"))
    assert fee.cites == ("第八条第一款",) and fee.authority == "市城市管理局"


def test_a_copied_regulation_is_answered_from_its_articles(copies) -> None:  # type: ignore[no-untyped-def]
    hours = copies.ask("公厕每天开几个小时？")
    assert (
        first_cited(hours) == f"{TOILETS}/第三章/第七条/（一）" and "不少于十六小时" in hours.text
    )
    # Open round the clock answers the night asked of.
    night = copies.ask("车站的厕所晚上开吗？")
    assert first_cited(night) == f"{TOILETS}/第三章/第七条/（一）"
    assert "二十四小时开放" in night.text
    fee = copies.ask("公厕乱收费怎么罚？")
    assert first_cited(fee) == f"{TOILETS}/第四章/第十二条" and "五百元以上二千元以下" in fee.text


def test_a_penalty_citing_another_articles_items(copies) -> None:  # type: ignore[no-untyped-def]
    # 有本细则第六条第（三）项行为的: the conduct is the item cited.
    sweep = copies.ask("收摊不打扫会罚款吗？")
    assert first_cited(sweep) == f"{VENDORS}/第十条" and "20元以上50元以下" in sweep.text


def test_compounds_written_apart_and_each_office_charged(copies) -> None:  # type: ignore[no-untyped-def]
    # 学校门口: the text writes 学校、医院出入口.
    school = copies.ask("能在学校门口摆摊吗？")
    assert first_cited(school) == f"{VENDORS}/第六条/（二）" and "50米范围内" in school.text
    # 收费: the text writes 不收取任何费用.
    free = copies.ask("登记摆摊要交钱吗？")
    assert first_cited(free) == f"{VENDORS}/第五条" and "不收取任何费用" in free.text
    offices = {
        a.department for a in copies.library.agency_duties if a.clause_id == f"{VENDORS}/第三条"
    }
    assert "街道办事处" in offices  # 各街道办事处负责…
    # 流动摊贩应当…: a vendor (…贩) is a party the duty binds, not everyone.
    actors = {o.actor for o in copies.library.obligations if o.doc_id == VENDORS}
    assert actors == {"流动摊贩", "任何单位和个人"}


def test_a_circumstance_no_clause_names_is_declined(copies) -> None:  # type: ignore[no-untyped-def]
    rain = copies.ask("下雨天疏导点开放吗？")
    assert rain.status == "not_found", rain.text
    assert copies.ask("疏导点几点开放？").status == "answered"
