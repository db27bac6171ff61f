"""Regulations: 章 / 条 / 款 / 项 read as such, and articles looked up by number."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.numerals import to_chinese, to_int
from policyqa.pipeline import Pipeline
from policyqa.structure import parse_document, profile_for
from tests.conftest import CORPUS, FIXTURES, make_settings

MEASURES = FIXTURES / "regulations" / "yunxi-monitoring-measures.txt"
DOC = "yunxi-monitoring-measures"


@pytest.mark.parametrize(
    ("written", "number"),
    [("五", 5), ("十", 10), ("十五", 15), ("二十", 20), ("一百零二", 102), ("一百一十", 110)],
)
def test_article_numerals_read_both_ways(written: str, number: int) -> None:
    assert to_int(written) == number and to_chinese(number) == written


def test_a_regulation_is_read_by_chapter_article_and_item() -> None:
    document = load_file(MEASURES)
    assert profile_for(document.text).name == "regulation"
    assert profile_for((CORPUS / "baotou-new-pollutants-plan.txt").read_text("utf-8")).name == (
        "plan"
    )
    parsed = parse_document(DOC, document.text, document.meta.title)
    # Read off the fixture by hand: 4 chapters, 11 articles, 3 items in 第五条.
    assert [s.heading for s in parsed.sections] == [
        "第一章 总则",
        "第二章 监测义务",
        "第三章 法律责任",
        "第四章 附则",
    ]
    ids = [c.id for c in parsed.clauses]
    assert len([i for i in ids if i.count("/") == 2]) == 11
    assert f"{DOC}/第二章/第五条/（三）" in ids
    last = parsed.clauses[-1]
    assert last.id == f"{DOC}/第四章/第十一条"
    assert last.breadcrumb_text == "第四章 附则 › 第十一条"
    assert last.text.startswith("第十一条　本办法自2025年3月1日起施行。")
    assert document.meta.doc_type == "管理办法" and document.meta.short_title == "云溪办法"


@pytest.fixture(scope="module")
def measures(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[Pipeline]:  # type: ignore[no-untyped-def]
    from policyqa.library_service import LibraryService

    settings = make_settings(tmp_path_factory.mktemp("regulations") / "index")
    service = LibraryService(Pipeline(settings, embedder=embedder))
    service.ensure_index()
    service.add([load_file(MEASURES)])
    yield service.current


def test_an_article_asked_by_number_is_quoted_whole(measures: Pipeline) -> None:
    for question in ("云溪办法第五条规定了什么？", "第5条是什么内容？"):
        answer = measures.ask(question)
        assert answer.intent == "article" and answer.status == "answered", question
        first = answer.citations[0]
        assert first.clause_id == f"{DOC}/第二章/第五条"
        assert first.quote.startswith("第五条　排污单位应当对监测数据的真实性")
        assert first.quote.endswith("（三）监测原始记录保存不少于5年。")  # items included
        # An article that only refers to 第五条 follows it, never in its place.
        assert "相关条款：第九条" in answer.text
        assert answer.citations[1].clause_id == f"{DOC}/第三章/第九条"


def test_a_paragraph_of_an_article_is_its_kuan(measures: Pipeline) -> None:
    answer = measures.ask("第五条第二款怎么规定的？")
    assert "第五条第二款" in answer.text
    assert answer.citations[0].quote.startswith("排污单位开展自行监测，应当遵守下列规定：")


def test_an_article_the_text_lacks_is_not_found(measures: Pipeline) -> None:
    answer = measures.ask("云溪办法第二十条是什么？")
    assert answer.status == "not_found"


def test_a_question_naming_a_document_by_title_is_answered_from_it(measures: Pipeline) -> None:
    answer = measures.ask("按照《云溪市排污单位自行监测管理办法》，排污单位什么时候报备监测方案？")
    assert {c.doc_id for c in answer.citations} == {DOC}


def test_plan_libraries_still_parse_as_plans() -> None:
    library = build_library((load_file(CORPUS / "baotou-new-pollutants-plan.txt"),))
    assert library.tasks[0].clause.id == "baotou/二/（一）/1"
