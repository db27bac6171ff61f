"""Regulations in further hands: a register kept in LibreOffice Calc (.ods: a merged title
row, 编号 | 条文内容 | 备注, chapters merged across, each 款 and 项 a paragraph of its cell,
the unused rest of the sheet a million empty rows repeated), and questions pasted from
12345 hotline work orders (【12345工单】工单编号…, 来电人反映：…, 诉求：请明确…)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.spreadsheets import ods_sheets
from policyqa.typos import corrected
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

DRIVING = "jiawan-driving-schools-measures"
MATCHMAKING = "quchuan-matchmaking-services-rules"
ticketed = regulations_fixture(f"{DRIVING}.ods", MATCHMAKING)


def test_a_calc_register_is_read_sheet_by_sheet() -> None:
    sheets = ods_sheets((REGULATIONS / f"{DRIVING}.ods").read_bytes())
    grid, merged = sheets[0]
    # The million blank rows below the table stand once; its thousand blank columns go.
    assert len(grid) == 37 and {len(row) for row in grid} == {3}
    assert grid[-4:] == [
        ["制表：葭湾市交通运输局法规科", "", ""],
        ["更新日期：2046-03-15", "", ""],
        ["", "", ""],
        ["", "", ""],
    ]
    assert merged[:3] == [(0, 1, 0, 3), (1, 2, 0, 3), (3, 4, 0, 3)]  # title, note, 第一章
    assert grid[2] == ["编号", "条文内容", "备注"]
    assert grid[4][0] == "第一条" and grid[3] == ["第一章　总则", "", ""]  # merged: filled later
    assert sheets[1] == ([[]], [])  # the empty Sheet2


def test_a_sheet_repeating_a_filled_row_a_million_times_is_read_no_further() -> None:
    # A hostile or broken file: a filled row repeated a million times, a cell 100,000.
    namespaces = (
        'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
        'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
        'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0"'
    )
    content = (
        f"<office:document-content {namespaces}><office:body><office:spreadsheet>"
        '<table:table table:name="s"><table:table-row table:number-rows-repeated="1000000">'
        '<table:table-cell table:number-columns-repeated="100000"><text:p>第一条</text:p>'
        "</table:table-cell></table:table-row></table:table>"
        "</office:spreadsheet></office:body></office:document-content>"
    )
    package = io.BytesIO()
    with zipfile.ZipFile(package, "w") as z:
        z.writestr("content.xml", content)
    [(grid, merged)] = ods_sheets(package.getvalue())
    assert len(grid) == 1024 and {len(row) for row in grid} == {1024} and not merged


def test_a_calc_registers_articles_paragraphs_and_items() -> None:
    library = build_library((load_file(REGULATIONS / f"{DRIVING}.ods"),))
    ids = {c.id.split("/", 1)[1] for c in library.clauses}
    assert {"第一章/第三条", "第二章/第四条/（一）", "第三章/第九条/（四）"} <= ids
    assert "第六章/第二十三条" in ids
    third = library.clause(f"{DRIVING}/第一章/第三条").text
    assert "日常监督检查。\n市公安局交通警察支队" in third  # its second 款, a paragraph of the cell
    assert "备案材料见附件1" not in library.clause(f"{DRIVING}/第二章/第四条").text  # a 备注
    actors = {o.clause_id.split("/", 1)[1]: o.actor for o in library.obligations}
    # 教练员应当…: a party ending 员 binds itself, not the institution named before it.
    assert actors["第三章/第八条"] == actors["第三章/第九条/（二）"] == "教练员"
    fifth = [o for o in library.obligations if o.clause_id.endswith("第二章/第五条")]
    # 对已签订合同的学员，不得加收费用: the 学员 are its object; the institution is bound.
    assert {o.actor for o in fifth} == {"培训机构"}


def test_a_title_bracketed_after_the_number_names_no_party() -> None:
    # 第八条【救生员】经营者应当…配备救生员: the 经营者 is bound, not the title's 救生员.
    pools = load_file(REGULATIONS / "qingping-swimming-pool-hygiene-measures.txt")
    library = build_library((pools,))
    eighth = [o for o in library.obligations if o.clause_id.endswith("第二章/第八条")]
    assert eighth[0].action.startswith("经营者应当") and eighth[0].actor == "经营者"


def test_a_work_orders_framing_is_no_part_of_the_question() -> None:
    ticket = (
        "【12345工单】工单编号QC2046070815。来电人反映：其在某婚介所签约。"
        "来电人诉求：最多能收多少钱？"
    )
    assert corrected(ticket) == "其在某婚介所签约。最多能收多少钱？"
    assert corrected("工单内容：来电人称其交费后未约见。诉求：请明确多久内退还？") == (
        "其交费后未约见。多久内退还？"
    )
    # The boilerplate asking nothing goes whole, as before.
    assert corrected("市民来电反映：楼道堆放杂物，咨询是否违规。诉求：希望相关部门处理") == (
        "楼道堆放杂物，是否违规。"
    )


def test_a_register_asked_in_learners_words(ticketed) -> None:  # type: ignore[no-untyped-def]
    cars = ticketed.ask("开驾校最少要有多少辆教练车？")  # 驾校: 机动车驾驶员培训
    assert first_cited(cars) == f"{DRIVING}/第二章/第四条/（一）" and "二十辆" in cars.text
    rated = ticketed.ask("谁负责驾校的质量信誉考核？")
    assert first_cited(rated) == f"{DRIVING}/第四章/第十六条" and "市交通运输局" in rated.text


def test_work_orders_answered_from_the_clause_asked(ticketed) -> None:  # type: ignore[no-untyped-def]
    for ticket, article, term in [
        (
            "【12345工单】工单编号QC2046070815。来电人反映：其于上月在某婚介所签约，对方要求"
            "一次性交清三万元服务费。来电人诉求：婚介所一次最多能收多少钱？",
            "第六条",
            "二万元",
        ),
        # 婚介所: a place keeping the trade the text spells out (婚姻介绍).
        (
            "来电人反映：婚介所未签书面合同，只是口头约定。诉求：请明确是否必须签合同。",
            "第六条",
            "书面",
        ),
        # 多长时间内删除: a time within which, not 档案保存期限不少于三年.
        (
            "来电人反映：其要求婚介所删除个人资料，婚介所拖延不办。诉求：婚介所应在多长时间内删除？",
            "第十条",
            "十个工作日",
        ),
        # 周末 is when the story happened, not a time asked about.
        (
            "来电人反映：某婚介公司周末在广场组织三百人相亲大会。诉求：这种活动是否需要报告？",
            "第十一条",
            "提前五日",
        ),
        (
            "来电人反映：婚介所每次约见收费五百元。诉求：签约后一周内解约，约见费最多能扣多少？",
            "第八条",
            "二百元",
        ),
    ]:
        answer = ticketed.ask(ticket)
        assert first_cited(answer) == f"{MATCHMAKING}/{article}" and term in answer.text


def test_work_orders_the_text_does_not_answer(ticketed) -> None:  # type: ignore[no-untyped-def]
    for ticket in [
        "来电人反映：其通过婚介所认识对象后结婚又离婚。诉求：能否要求婚介所赔偿？",  # 能否 asks
        "来电人咨询：外籍人员能否通过本市婚介所找对象？",
    ]:
        assert ticketed.ask(ticket).status == "not_found"


RENTALS = "shigang-car-rental-rules"
SEAFOOD = "zhuxi-seafood-stalls-measures"
located = regulations_fixture(RENTALS, SEAFOOD)


def test_which_article_says_a_thing(located) -> None:  # type: ignore[no-untyped-def]
    for question, article, term in [
        ("押金规定在第几条？", "第七条", "五倍"),
        ("“不得随车提供驾驶人员”是第几条？", "第十二条", "驾驶人员"),
        # Not the checklist of what binds 承租人: the article that says it.
        ("哪条规定了承租人不能转租？", "第十条", "转租"),
        ("第几条规定了押金的罚则？", "第十四条", "二千元以上二万元以下"),  # 罚则: a penalty
        ("适用范围在哪一条？", "第二条", "小微型客车"),  # what it says it applies to
    ]:
        answer = located.ask(question)
        assert first_cited(answer).startswith(f"{RENTALS}/{article}"), question
        assert article in answer.text and term in answer.text
    # Every word of the thing is asked, as what a rule requires is: said nowhere, declined.
    for question in ["哪一条规定了租车的年龄限制？", "超时还车怎么收费，是第几条？"]:
        assert located.ask(question).status == "not_found"


def test_minnan_as_typed_in_characters(located) -> None:  # type: ignore[no-untyped-def]
    assert corrected("海鲜排档头家爱办啥物证？") == "海鲜排档经营者要办什么证？"
    assert corrected("排档暗时几点以后袂使摆桌仔佇外口？") == "排档晚上几点以后不能摆桌子在户外？"
    assert corrected("我爱护环境，公平秤在哪里？") == "我爱护环境，公平秤在哪里？"
    for question, article, term in [
        ("无标价钱罚偌济？", "第四章/第十三条", "五百元以上五千元以下"),
        ("排档暗时几点以后袂使摆桌仔佇外口？", "第二章/第九条", "次日2时"),
        ("进货记录爱园偌久？", "第二章/第七条", "六个月"),
        ("餐厨垃圾会使倒落雨水管无？", "第二章/第十条", "雨水管道"),
        ("海鲜质量有问题欲去叨位投诉？", "第三章/第十二条", "市场监督管理部门"),  # 问题: no thing
    ]:
        answer = located.ask(question)
        assert first_cited(answer) == f"{SEAFOOD}/{article}" and term in answer.text
    assert located.ask("排档头家爱买保险无？").status == "not_found"
