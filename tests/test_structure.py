from __future__ import annotations

from policyqa.documents import load_file
from policyqa.library import Library
from policyqa.structure import parse_document
from tests.conftest import FIXTURES

BAOTOU_CLAUSES = [
    "baotou/引言",
    "baotou/一/（一）",
    "baotou/一/（二）",
    "baotou/一/（三）",
    *[
        f"baotou/二/（{s}）/{n}"
        for s, numbers in [
            ("一", range(1, 5)),
            ("二", range(5, 9)),
            ("三", range(9, 12)),
            ("四", range(12, 15)),
            ("五", range(15, 17)),
        ]
        for n in numbers
    ],
    "baotou/三/（一）",
    "baotou/三/（二）",
    "baotou/三/（三）",
    "baotou/三/（四）",
]
LIANYUNGANG_CLAUSES = [
    "lianyungang/引言",
    "lianyungang/（一）/1",
    "lianyungang/（二）/3",
    "lianyungang/（二）/7",
    "lianyungang/（二）/8",
    "lianyungang/（四）/9",
    "lianyungang/（五）/12",
    "lianyungang/（五）/13",
    "lianyungang/（六）/14",
    "lianyungang/（六）/15",
]


def test_every_clause_of_both_plans_has_a_stable_id(library: Library) -> None:
    assert [c.id for c in library.tree("baotou").clauses] == BAOTOU_CLAUSES
    assert [c.id for c in library.tree("lianyungang").clauses] == LIANYUNGANG_CLAUSES


def test_clause_text_is_the_original_text_at_its_offsets(library: Library) -> None:
    for clause in library.clauses:
        assert library.document(clause.doc_id).text[clause.start : clause.end] == clause.text


def test_breadcrumb_and_run_in_title(library: Library) -> None:
    clause = library.clause("baotou/二/（二）/6")
    assert clause.breadcrumb_text == (
        "二、工作任务 › （二）加强新污染物源头监管 › 6．严格落实淘汰限用措施"
    )
    assert clause.title == "严格落实淘汰限用措施"
    assert clause.text.startswith("6．严格落实淘汰限用措施。按照国家")
    assert clause.text.endswith("包头海关等部门单位按职责分工负责）")


def test_run_in_heading_at_section_level_is_a_clause(library: Library) -> None:
    clause = library.clause("baotou/三/（一）")
    assert clause.title == "加强部门协作"
    assert clause.breadcrumb_text == "三、保障措施 › （一）加强部门协作"


def test_heading_on_its_own_line_takes_the_following_paragraphs(library: Library) -> None:
    clause = library.clause("baotou/一/（二）")
    assert clause.title == "工作原则"
    assert clause.text.count("坚持") >= 3  # all three principle paragraphs


def test_tab_indented_plan_with_missing_sections_still_parses(library: Library) -> None:
    clause = library.clause("lianyungang/（五）/12")
    assert clause.breadcrumb_text.startswith("（五）深化末端治理")
    assert clause.title == "加强新污染物多环境介质协同治理"


def test_half_width_numbering_and_deep_levels_parse() -> None:
    document = load_file(FIXTURES / "halfwidth-runin.txt")
    parsed = parse_document("v", document.text)
    assert parsed.title == "某市塑料污染治理工作方案"
    ids = [c.id for c in parsed.clauses]
    assert ids == [
        "v/一/（一）",
        "v/一/（一）/1",
        "v/一/（一）/2",
        "v/一/（二）/3",
        "v/一/（二）/3/（1）",
        "v/一/（二）/3/（1）/①",
    ]
    assert parsed.clause("v/一/（一）/2").breadcrumb == (
        "一、主要任务",
        "（一）源头减量",
        "2．规范快递包装",
    )
    for clause in parsed.clauses:
        assert document.text[clause.start : clause.end] == clause.text


def test_document_without_numbering_parses_by_paragraph_with_a_warning() -> None:
    document = load_file(FIXTURES / "no-numbering.txt")
    parsed = parse_document("plain", document.text)
    assert [c.id for c in parsed.clauses] == ["plain/p1", "plain/p2", "plain/p3"]
    assert parsed.warnings and "parsed by paragraph" in parsed.warnings[0]


def test_a_year_at_line_start_is_not_a_heading() -> None:
    parsed = parse_document("y", "一、目标\n2025. 年目标见附件。\n2023年底前完成。")
    assert [c.id for c in parsed.clauses] == ["y/一"]


def test_a_rule_or_an_end_mark_after_the_last_article_ends_the_body() -> None:
    # A post's rule before its 来源 and its call to share, a news report's （完）: none of
    # the last article. A rule between articles ends nothing.
    text = (
        "某市测试规定\n第一条　为了测试，制定本规定。\n━━━━━━\n第二条　单位应当报告。\n"
        "第三条　本规定自公布之日起施行。\n"
        "━━━━━━\n来源：某市司法局\n转发扩散，让更多人知道！\n"
    )
    parsed = parse_document("rules", text)
    clauses = {c.id.split("/", 1)[1]: c.text for c in parsed.clauses}
    assert clauses["第一条"].strip() == "第一条　为了测试，制定本规定。\n━━━━━━"
    assert clauses["第三条"].strip() == "第三条　本规定自公布之日起施行。"
    assert "来源" not in "".join(clauses.values())
    news = "某市测试规定\n第一条　为了测试。\n第二条　单位应当报告。\n"
    news += "第三条　本规定自公布之日起施行。\n（完）\n责任编辑：王芳\n"
    last = parse_document("news", news).clauses[-1]
    assert last.text.strip() == "第三条　本规定自公布之日起施行。"
