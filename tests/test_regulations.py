"""Regulations: 章 / 条 / 款 / 项 read as such, and articles looked up by number."""

from __future__ import annotations

from pathlib import Path

import pytest

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.numbering import profile_for
from policyqa.numerals import to_chinese, to_int
from policyqa.pipeline import Pipeline
from policyqa.structure import parse_document
from tests.conftest import CORPUS, FIXTURES, uploaded

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
    assert document.meta.effective == "2025-03-01"
    assert document.meta.repeals == "《云溪市重点排污单位监测管理暂行规定》"


def test_a_regulations_order_number_is_metadata(tmp_path: Path) -> None:
    path = tmp_path / "measures.txt"
    path.write_text(
        "某某管理办法\n生态环境部令第24号\n\n" + MEASURES.read_text("utf-8").split("\n", 1)[1],
        "utf-8",
    )
    assert load_file(path).meta.order_no == "生态环境部令第24号"
    # A header note after the title: its date, its issuer, its order number, its start.
    note = "（2025年9月2日某市人民政府令第7号公布　自2025年11月1日起施行）"
    path.write_text("某市扬尘污染防治管理办法\n\n" + note + "\n\n第一条　为了防治扬尘。\n", "utf-8")
    meta = load_file(path).meta
    assert (meta.order_no, meta.issuer) == ("某市人民政府令第7号", "某市人民政府")
    assert (meta.date, meta.effective) == ("2025-09-02", "2025-11-01")


@pytest.fixture(scope="module")
def measures(tmp_path_factory: pytest.TempPathFactory, embedder) -> Pipeline:  # type: ignore[no-untyped-def]
    return uploaded(tmp_path_factory.mktemp("regulations"), embedder, MEASURES)


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


def test_penalties_are_records_linked_to_the_duties_they_enforce() -> None:
    library = build_library((load_file(MEASURES),))
    rows = [
        (
            p.clause_id.split("/", 1)[1],
            p.conduct,
            p.authority,
            p.sanctions,
            p.obligations,
            p.linked_by,
        )
        for p in library.penalties
    ]
    # Read off the fixture by hand: 第八条 and 第九条 cite the articles they enforce,
    # 第十条 does not and is linked by its conduct (公开监测结果 ↔ 第七条).
    assert rows == [
        (
            "第三章/第八条",
            "违反本办法第四条规定，排污单位未按照规定备案自行监测方案",
            "生态环境部门",
            ("责令改正", "处一万元以上五万元以下的罚款"),
            (f"{DOC}/第二章/第四条",),
            "cited",
        ),
        (
            "第三章/第九条",
            "违反本办法第五条第一款规定，篡改、伪造监测数据",
            "生态环境部门",
            ("责令改正", "处十万元以上二十万元以下的罚款", "责令停业、关闭"),
            (f"{DOC}/第二章/第五条",),
            "cited",
        ),
        (
            "第三章/第十条",
            "排污单位未按照规定公开监测结果",
            "生态环境部门",
            ("责令公开", "处二万元以上十万元以下的罚款"),
            (f"{DOC}/第二章/第七条",),
            "inferred",
        ),
    ]
    # A plan has no penalties, however its notes read.
    assert build_library((load_file(CORPUS / "baotou-new-pollutants-plan.txt"),)).penalties == ()


def test_what_breaking_a_duty_costs_comes_from_its_penalty_article(measures: Pipeline) -> None:
    answer = measures.ask("云溪办法里篡改监测数据罚多少钱？")
    assert answer.intent == "penalty" and answer.status == "answered"
    assert answer.citations[0].clause_id == f"{DOC}/第三章/第九条"
    assert "处十万元以上二十万元以下的罚款" in answer.citations[0].quote
    assert "所对应的义务（条文援引）：第二章第五条" in answer.text
    inferred = measures.ask("排污单位不公开监测结果会怎样？")
    assert inferred.citations[0].clause_id == f"{DOC}/第三章/第十条"
    assert "（按行为推断）" in inferred.text


def test_a_regulations_duties_are_obligations_with_their_article_and_time_limit() -> None:
    library = build_library((load_file(MEASURES),))
    rows = [
        (o.clause_id.split("/", 1)[1], o.actor, o.action, o.deadline_text)
        for o in library.obligations
        if o.kind in ("duty", "prohibition")
    ]
    # A duty that only forbids is a prohibition; one that also commands is a duty.
    assert {o.action[:12]: o.kind for o in library.obligations if o.kind == "prohibition"} == {
        "受委托的第三方机构不得出": "prohibition"
    }
    # Read off the fixture by hand: every 应当 / 不得 sentence and the items a duty
    # introduces, each with its article and its time limit as worded.
    assert rows == [
        (
            "第二章/第四条",
            "排污单位",
            "排污单位应当按照国家和本市有关规定制定自行监测方案，"
            "并于每年3月31日前报所在地生态环境部门备案。",
            "每年3月31日前",
        ),
        (
            "第二章/第四条",
            "排污单位",
            "自行监测方案发生变化的，排污单位应当自变化之日起30日内重新备案。",
            "自变化之日起30日内",
        ),
        (
            "第二章/第五条",
            "排污单位",
            "排污单位应当对监测数据的真实性、准确性负责，不得篡改、伪造监测数据。",
            "",
        ),
        ("第二章/第五条", "排污单位", "排污单位开展自行监测，应当遵守下列规定：", ""),
        (
            "第二章/第六条",
            "排污单位",
            "排污单位委托第三方机构开展监测的，应当与其签订委托协议。",
            "",
        ),
        ("第二章/第六条", "第三方机构", "受委托的第三方机构不得出具虚假监测报告。", ""),
        (
            "第二章/第七条",
            "排污单位",
            "排污单位应当在每季度结束后15日内，通过市污染源监测信息平台公开上季度监测结果。",
            "在每季度结束后15日内",
        ),
        ("第二章/第七条", "排污单位", "发现排放超标的，应当立即报告所在地生态环境部门。", "立即"),
        ("第二章/第五条/（一）", "排污单位", "按照监测方案规定的点位、项目和频次开展监测；", ""),
        ("第二章/第五条/（二）", "排污单位", "使用符合国家标准的监测方法；", ""),
        ("第二章/第五条/（三）", "排污单位", "监测原始记录保存不少于5年。", "保存不少于5年"),
    ]
    # Every quote is the text at its offsets.
    text = library.document(DOC).text
    assert all(text[o.start : o.end] == o.action for o in library.obligations)


RULES = FIXTURES / "regulations" / "qinghe-storage-rules.txt"


def test_a_rule_without_chapters_defines_its_own_party_and_links_its_penalties() -> None:
    library = build_library((load_file(RULES),))
    doc = "qinghe-storage-rules"
    # No 章: articles are top-level; 第七条之一 is an article of its own.
    labels = [s.label for s in library.tree(doc).sections]
    assert labels == [f"第{n}条" for n in "一二三四五六七"] + [
        "第七条之一",
        "第八条",
        "第九条",
        "第十条",
    ]
    duties = [
        (o.clause_id.removeprefix(doc + "/"), o.actor, o.deadline_text) for o in library.obligations
    ]
    # 贮存单位 is in no actors table: the rule defines it (本规定所称贮存单位，是指…).
    assert duties == [
        ("第三条", "贮存单位", ""),
        ("第四条", "贮存单位", ""),
        ("第四条", "贮存单位", "每年1月31日前"),
        ("第五条", "贮存单位", "在期限届满前30日内"),
        ("第七条", "贮存单位", "立即"),
        ("第七条之一", "贮存单位", "在停止使用前3个月内"),
        ("第三条/（一）", "贮存单位", ""),
        ("第三条/（二）", "贮存单位", ""),
        ("第三条/（三）", "贮存单位", "保存不少于5年"),
    ]
    links = [
        (p.clause_id.removeprefix(doc + "/"), p.cites, p.obligations, p.linked_by)
        for p in library.penalties
    ]
    assert links == [
        ("第八条", (), (f"{doc}/第四条",), "inferred"),
        ("第九条", ("第四条第二款",), (f"{doc}/第四条",), "cited"),
    ]


def test_a_duty_in_the_checklist_ends_with_what_breaking_it_costs(measures: Pipeline) -> None:
    answer = measures.ask("排污单位要履行哪些义务？")
    lines = answer.text.splitlines()
    forging = next(line for line in lines if "不得篡改、伪造监测数据" in line)
    assert (
        "违反的后果：责令改正，处十万元以上二十万元以下的罚款，责令停业、关闭（第九条）" in forging
    )
    # 第九条 enforces 第五条第一款 only: the 款 that introduces the items carries no penalty.
    items = next(line for line in lines if "应当遵守下列规定" in line)
    assert "违反的后果" not in items
    publishing = next(line for line in lines if "公开上季度监测结果" in line)
    assert "违反的后果（按行为推断）" in publishing and not answer.dropped


def test_agencies_duties_join_the_department_view_of_plans_and_regulations(
    measures: Pipeline,
) -> None:
    library = build_library((load_file(MEASURES), load_file(RULES)))
    assert [(d.clause_id.split("/", 1)[1], d.department) for d in library.agency_duties] == [
        ("第一章/第三条", "市生态环境局"),
        # Named as the 办法 names it: no office of that name is in the alias table.
        ("第一章/第三条", "县（区）生态环境部门"),
        ("第六条", "市生态环境局"),
        ("第六条", "市应急管理局"),
    ]
    answer = measures.ask("市生态环境局在这些文件里负责什么？")
    assert answer.intent == "department_tasks"
    # The duty the 办法 gives it, quoted first, then the seed plans' tasks.
    assert "《包头市新污染物治理工作实施方案》中涉及的任务共 17 条" in answer.text
    assert "- 第三条：市生态环境局对全市排污单位自行监测工作实施统一监督管理。" in answer.text
    assert answer.text.index("第三条：") < answer.text.index("《包头市")
    assert answer.citations[0].clause_id == f"{DOC}/第一章/第三条" and not answer.dropped


DISCLOSURE = FIXTURES / "regulations" / "lanzhou-disclosure-regulation.txt"
# Every 应当 / 不得 sentence of a regulation written for the test split, read off the text
# by hand before the extraction ran on it: (article, the sentence's first words).
DISCLOSURE_DUTIES = [
    ("第二章/第一节/第五条", "披露主体应当于每年3月15日前编制"),
    ("第二章/第一节/第五条", "年度报告应当载明企业基本信息"),
    ("第二章/第一节/第六条", "年度报告中的监测数据应当真实"),
    ("第二章/第一节/第六条", "披露主体不得隐瞒、篡改或者伪造监测数据"),
    ("第二章/第一节/第七条", "披露主体在年度报告中披露碳排放信息的"),
    ("第二章/第二节/第八条", "披露主体发生下列情形之一的"),
    ("第二章/第二节/第九条", "披露主体应当在突发环境事件发生后及时披露"),
    ("第二章/第二节/第十条", "披露主体的法定代表人、名称或者注册地址发生变更的"),
    ("第三章/第十一条", "披露主体应当通过市企业环境信息依法披露系统"),
    ("第三章/第十二条", "披露主体应当建立环境信息依法披露工作制度"),
    ("第三章/第十二条", "披露主体应当将披露的环境信息及其原始记录保存不少于五年"),
    ("第三章/第十三条", "市生态环境主管部门应当建立企业环境信息依法披露系统"),
]


def test_an_unseen_regulations_duties_are_listed_with_their_articles() -> None:
    """Done-when of the regulations issue: ≥ 90% of the obligation sentences of a
    regulation in the test split are listed, each under its article."""
    library = build_library((load_file(DISCLOSURE),))
    doc = "lanzhou-disclosure-regulation"
    listed = [(o.clause_id.removeprefix(f"{doc}/"), o.action) for o in library.obligations] + [
        (d.clause_id.removeprefix(f"{doc}/"), d.sentence) for d in library.agency_duties
    ]
    found = [
        (article, words)
        for article, words in DISCLOSURE_DUTIES
        if any(c.startswith(article) and words in action for c, action in listed)
    ]
    missing = sorted(set(DISCLOSURE_DUTIES) - set(found))
    assert len(found) / len(DISCLOSURE_DUTIES) >= 0.9, missing
    # Citations into a regulation carry the article label; chapters and sections nest.
    parsed = library.parsed[0]
    assert parsed.profile == "regulation"
    labels = [c.id.removeprefix(f"{doc}/") for c in parsed.clauses]
    assert "第二章/第一节/第五条" in labels and "第四章/第十四条" in labels


@pytest.fixture(scope="module")
def disclosure(tmp_path_factory: pytest.TempPathFactory, embedder) -> Pipeline:  # type: ignore[no-untyped-def]
    return uploaded(tmp_path_factory.mktemp("disclosure"), embedder, DISCLOSURE)


def test_a_fine_is_given_for_the_duty_asked_about_and_only_for_it(disclosure: Pipeline) -> None:
    doc = "lanzhou-disclosure-regulation"
    late = disclosure.ask("没按时披露年度报告会被罚多少钱？")
    assert late.status == "answered"
    assert late.citations[0].clause_id == f"{doc}/第四章/第十四条"
    assert "一万元以上十万元以下" in late.text
    # 第七条's duty (碳排放) is enforced by no article: declined, the duty shown first.
    carbon = disclosure.ask("未披露碳排放信息会被罚多少钱？")
    assert carbon.status == "not_found"
    assert carbon.citations[0].clause_id == f"{doc}/第二章/第一节/第七条"


def test_a_defined_term_is_answered_by_its_definition_whole(disclosure: Pipeline) -> None:
    answer = disclosure.ask("哪些企业属于披露主体？")
    assert answer.citations[0].clause_id == "lanzhou-disclosure-regulation/第一章/第三条"
    assert "重点排污单位" in answer.text and "强制性清洁生产审核" in answer.text


def test_the_one_item_naming_what_is_asked_is_quoted_first(measures: Pipeline) -> None:
    answer = measures.ask("排污单位开展自行监测要用什么监测方法？")
    assert answer.citations[0].clause_id == f"{DOC}/第二章/第五条/（二）"
    assert "国家标准" in answer.text
    # The article that introduces it follows, for its context.
    assert answer.citations[1].clause_id == f"{DOC}/第二章/第五条"


def test_what_a_report_must_contain_comes_from_the_article_that_says_so(
    disclosure: Pipeline,
) -> None:
    answer = disclosure.ask("年度报告要写哪些内容？")
    assert answer.citations[0].clause_id == "lanzhou-disclosure-regulation/第二章/第一节/第五条"
    assert "排污许可信息" in answer.text
    assert disclosure.ask("岚州条例对主动披露的企业有奖励吗？").status == "not_found"


def test_a_party_a_regulation_defines_is_asked_its_every_duty(disclosure: Pipeline) -> None:
    doc = "lanzhou-disclosure-regulation"
    library = disclosure.library
    expected = [
        o.clause_id for o in library.obligations if o.doc_id == doc and o.actor == "披露主体"
    ]
    for question in ("披露主体有哪些义务？", "岚州条例对披露主体有什么要求？"):
        answer = disclosure.ask(question)
        assert answer.intent == "obligation"
        cited = [
            c.clause_id for c in answer.citations if not c.clause_id.startswith(f"{doc}/第四章")
        ]
        assert list(dict.fromkeys(cited)) == list(dict.fromkeys(expected)), question
        # What breaking a duty costs follows it (第五条 → 第十四条).
        assert "第十四条" in answer.text
    # A narrower question is answered from the clauses on its topic.
    narrow = disclosure.ask("披露主体要保存哪些记录？")
    assert narrow.citations[0].clause_id == f"{doc}/第三章/第十二条"


def test_a_chapter_in_sections_lists_its_articles_under_them(disclosure: Pipeline) -> None:
    answer = disclosure.ask("条例第二章都有哪些内容？")
    assert answer.intent == "outline"
    assert "第一节 年度报告" in answer.text and "第二节 临时报告" in answer.text
    cited = [c.clause_id.rsplit("/", 1)[1] for c in answer.citations]
    assert [c for c in cited if c.endswith("条")] == [f"第{n}条" for n in "五六七八九十"]
    # An article that introduces items (应当包括下列内容：) is outlined with them.
    assert cited[cited.index("第八条") + 1] == "（一）"
    # 第四章 is the regulation's chapter, not a plan's fourth part.
    penalties = disclosure.ask("条例第四章讲什么？")
    assert {c.doc_id for c in penalties.citations} == {"lanzhou-disclosure-regulation"}


def test_being_shut_down_is_asked_of_the_penalties(measures: Pipeline) -> None:
    answer = measures.ask("篡改监测数据情节严重的会被关停吗？")
    assert answer.intent == "penalty"
    assert answer.citations[0].clause_id == f"{DOC}/第三章/第九条"
    assert "责令停业、关闭" in answer.text


def test_a_paragraph_an_article_lacks_is_declined_with_the_article(disclosure: Pipeline) -> None:
    answer = disclosure.ask("第十六条第二款是什么？")
    assert answer.status == "not_found"
    assert "第十六条没有第二款" in answer.text
    assert answer.citations[0].clause_id == "lanzhou-disclosure-regulation/第四章/第十六条"


def test_a_number_of_working_days_is_asked_as_a_duration(disclosure: Pipeline) -> None:
    answer = disclosure.ask("临时环境信息要在几个工作日内披露？")
    assert answer.citations[0].clause_id == "lanzhou-disclosure-regulation/第二章/第二节/第八条"
    assert "五个工作日内" in answer.text
