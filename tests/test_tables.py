"""Task-division tables read as task records, from .docx and .xlsx built here."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.spreadsheets import csv_grid, sheet_blocks
from policyqa.tables import find_layout, find_revision, render_table, revised_text

TITLE = "云溪市塑料污染治理工作方案"
INTRO = "为深入推进塑料污染治理，制定本方案。重点任务见附件。"
HEADER = ("序号", "重点任务", "牵头单位", "配合单位", "完成时限")
# The table as an office would set it. None: the cell above (or to the left) is merged
# into this one. "一、源头减量" spans the table; 市发改委 leads tasks 1 and 2 in one cell.
ROWS: list[tuple[str | None, ...]] = [
    ("一、源头减量", None, None, None, None),
    ("1", "禁止生产和销售一次性塑料吸管", "市发改委", "市市场监管局", "2024年底前"),
    ("2", "推广使用可循环快递包装，\n减少过度包装", None, "市商务局、各县区人民政府", "长期坚持"),
    ("二、末端治理", None, None, None, None),
    ("3", "加强塑料废弃物回收利用", "市商务局、市生态环境局", "市城管局", "2025年6月底前"),
]
# Read off the table by hand: lead, departments (lead first), implementers, deadline.
GOLD = [
    ("yunxi/附件/一/1", ["市发改委"], ["市发改委", "市市场监管局"], [], "2024-12-31"),
    ("yunxi/附件/一/2", ["市发改委"], ["市发改委", "市商务局"], ["各县区人民政府"], None),
    (
        "yunxi/附件/二/3",
        ["市商务局", "市生态环境局"],
        ["市商务局", "市生态环境局", "市城管局"],
        [],
        "2025-06-30",
    ),
]


def build_docx(path: Path) -> Path:
    import docx

    document = docx.Document()
    document.add_paragraph(TITLE)
    document.add_paragraph(INTRO)
    document.add_paragraph("附件")
    table = document.add_table(rows=1 + len(ROWS), cols=len(HEADER))
    for column, text in enumerate(HEADER):
        table.cell(0, column).text = text
    for r, row in enumerate(ROWS, start=1):
        for c, value in enumerate(row):
            if value is None:
                continue
            cell = table.cell(r, c)
            first, *more = value.split("\n")
            cell.text = first
            for line in more:  # a cell that wraps: one more paragraph in the cell
                cell.add_paragraph(line)
        if row[1] is None:  # a group row across the table
            table.cell(r, 0).merge(table.cell(r, len(HEADER) - 1))
    table.cell(2, 2).merge(table.cell(3, 2))  # 市发改委 leads tasks 1 and 2
    document.save(str(path))
    return path


def build_xlsx(path: Path) -> Path:
    import openpyxl

    workbook = openpyxl.Workbook()
    sheet = workbook.active
    sheet.title = "重点任务分工表"
    sheet.append([TITLE])
    sheet.merge_cells(start_row=1, start_column=1, end_row=1, end_column=len(HEADER))
    sheet.append(list(HEADER))
    for r, row in enumerate(ROWS, start=3):
        sheet.append([v if v is not None else None for v in row])
        if row[1] is None:  # a group row across the table
            sheet.merge_cells(start_row=r, start_column=1, end_row=r, end_column=len(HEADER))
    sheet.merge_cells("C4:C5")  # 市发改委 leads tasks 1 and 2
    workbook.save(str(path))
    return path


def build_pdf(path: Path) -> Path:
    """The table ruled in a PDF, as offices print it: merged cells, a wrapping cell."""
    from reportlab.lib import colors
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.ttfonts import TTFont
    from reportlab.platypus import Paragraph, SimpleDocTemplate, Table, TableStyle

    from tests.gongwen_pdf import FONT_FILE

    pdfmetrics.registerFont(TTFont("WQY", str(FONT_FILE), subfontIndex=0))
    body = ParagraphStyle("body", fontName="WQY", fontSize=10.5, leading=14, wordWrap="CJK")
    title = ParagraphStyle("title", fontName="WQY", fontSize=18, leading=26)
    cells = [[Paragraph(text, body) for text in HEADER]]
    style = [("GRID", (0, 0), (-1, -1), 0.5, colors.black)]
    for r, row in enumerate(ROWS, start=1):
        cells.append([Paragraph((v or "").replace("\n", ""), body) for v in row])
        if row[1] is None:
            style.append(("SPAN", (0, r), (-1, r)))
    style.append(("SPAN", (2, 2), (2, 3)))  # 市发改委 leads tasks 1 and 2
    # Narrow task column: the long task cell wraps over lines.
    table = Table(cells, colWidths=[40, 150, 110, 110, 80])
    table.setStyle(TableStyle(style))
    story = [Paragraph(TITLE, title), Paragraph(INTRO, body), Paragraph("附件", body), table]
    SimpleDocTemplate(str(path), pagesize=A4).build(story)
    return path


def records(path: Path) -> list[tuple[Any, ...]]:
    library = build_library((load_file(path),))
    return [
        (
            t.clause.id,
            [m.name for m in t.responsibility.lead],
            list(t.responsibility.departments),
            list(t.implementers),
            next((d.date for d in t.deadlines), None),
        )
        for t in library.tasks
    ]


@pytest.mark.parametrize(
    "build", [build_docx, build_xlsx, build_pdf], ids=["docx", "xlsx", "ruled-pdf"]
)
def test_a_task_table_gives_one_task_per_row(build, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    path = build(tmp_path / f"yunxi.{build.__name__.removeprefix('build_')}")
    assert records(path) == GOLD
    text = load_file(path).text
    # The wrapped cell is one line again; 长期坚持 is kept as written, never as a date.
    assert "推广使用可循环快递包装，减少过度包装。完成时限：长期坚持。" in text
    assert "2．推广使用可循环快递包装" in text and "附件 重点任务分工表" in text


def test_a_table_without_task_and_lead_columns_stays_a_plain_table() -> None:
    assert find_layout([("指标", "2023年", "2025年"), ("回收率", "60%", "80%")]) is None


def test_rows_are_written_as_numbered_items_with_labelled_notes() -> None:
    rows = [
        ("序号", "工作任务", "责任单位", "协办单位", "时间节点"),
        ("1", "建立台账", "市生态环境局", "", "每年3月31日前"),
    ]
    layout = find_layout(rows)
    assert layout is not None
    assert render_table(rows, layout) == [
        "1．建立台账。完成时限：每年3月31日前。（牵头单位：市生态环境局）"
    ]


PAGE = """<html><head><meta charset="utf-8"><title>云溪市塑料污染治理工作方案_云溪市人民政府</title>
</head><body><div class="nav"><a href="/">首页</a> | <a href="/zw">政务公开</a></div>
<div class="article"><h1>云溪市塑料污染治理工作方案</h1>
<p>为深入推进塑料污染治理，制定本方案。</p><p>一、主要任务</p><p>（一）源头减量。</p>
<p>1．禁止生产和销售一次性塑料吸管。2024年底前完成。（市发改委牵头，市市场监管局配合）</p>
<p>附件</p><table>
<tr><td>序号</td><td>重点任务</td><td>牵头单位</td><td>配合单位</td><td>完成时限</td></tr>
<tr><td>1</td><td>加强塑料废弃物回收利用</td><td>市商务局</td><td>市城管局</td><td>2025年6月底前</td></tr>
</table></div>
<div class="related"><h3>相关链接</h3>
<ul><li><a href="/a">关于印发某某方案的通知</a></li></ul></div>
<div class="footer">主办：云溪市人民政府办公室 版权所有 备案号：某ICP备12345号</div></body></html>
"""


def test_a_saved_web_page_gives_its_article_and_its_table(tmp_path: Path) -> None:
    path = tmp_path / "yunxi.html"
    path.write_text(PAGE, "utf-8")
    document = load_file(path)
    assert document.text.startswith("云溪市塑料污染治理工作方案\n")
    for furniture in ("首页", "相关链接", "备案号"):
        assert furniture not in document.text
    assert records(path) == [
        ("yunxi/一/（一）/1", ["市发改委"], ["市发改委", "市市场监管局"], [], "2024-12-31"),
        ("yunxi/附件/1", ["市商务局"], ["市商务局", "市城管局"], [], "2025-06-30"),
    ]


def test_a_text_table_split_by_tabs_or_bars_is_read_as_one(tmp_path: Path) -> None:
    for separator in ("\t", " | "):
        header = separator.join(HEADER)
        row = separator.join(
            ("1", "建立塑料制品台账", "市生态环境局", "市农业农村局", "每年3月31日前")
        )
        path = tmp_path / "yunxi.txt"
        path.write_text(f"{TITLE}\n\n附件\n{header}\n{row}\n", "utf-8")
        assert records(path) == [
            ("yunxi/附件/1", ["市生态环境局"], ["市生态环境局", "市农业农村局"], [], "--03-31")
        ]


def test_a_task_in_the_body_and_its_table_row_are_one_record(tmp_path: Path) -> None:
    from policyqa.compose.cite import CitationBuilder

    path = tmp_path / "yunxi.md"
    path.write_text(
        f"{TITLE}\n\n一、主要任务\n"
        "1．禁止生产和销售一次性塑料吸管。2024年底前完成。（市发改委牵头）\n\n附件\n"
        "| 序号 | 重点任务 | 牵头单位 | 配合单位 | 完成时限 |\n|---|---|---|---|---|\n"
        "| 1 | 禁止生产和销售一次性塑料吸管 | 市发改委 | 市市场监管局 | 2024年底前 |\n"
        "| 2 | 加强塑料废弃物回收利用 | 市商务局 | | 2025年底前 |\n",
        "utf-8",
    )
    assert records(path) == [
        ("yunxi/一/1", ["市发改委"], ["市发改委", "市市场监管局"], [], "2024-12-31"),
        ("yunxi/附件/2", ["市商务局"], ["市商务局"], [], "2025-12-31"),
    ]
    library = build_library((load_file(path),))
    task = library.tasks[0]
    assert [n.note for n in task.notes] == [
        "市发改委牵头",
        "牵头单位：市发改委，配合单位：市市场监管局",
    ]
    # The row's note is cited under the row, not under the body clause.
    out = CitationBuilder(library)
    row_note = task.notes[1]
    out.cite(task.clause, row_note.start, row_note.end)
    assert out.citations[0].clause_id == "yunxi/附件/1"


def test_a_database_exports_title_column_is_its_title_not_a_column() -> None:
    # 法规名称 on every row (tab-separated here): the document's name; the table keeps
    # the rest. A column of one deadline on every row is the table's, and stays.
    export = csv_grid(
        "法规名称\t条号\t条文内容\n某市某办法\t第一条\t甲。\n某市某办法\t第二条\t乙。\n"
    )
    blocks = sheet_blocks(export, [])
    assert blocks[0] == ("paragraph", "某市某办法", ())
    assert "某市某办法" not in "".join(text for _, text, _ in blocks[1:])
    tasks = csv_grid("任务,完成时限\n摸底调查,2025年底\n建立名录,2025年底\n")
    assert "2025年底" in "".join(text for _, text, _ in sheet_blocks(tasks, []))


def test_a_comparison_table_reads_as_the_text_after_the_revision() -> None:
    rows = [
        ("修改前", "修改后"),
        ("第一条　旧的目的。", "同左"),
        ("", "第二条　新增的条文。"),
        ("第二条　旧的义务。", "第三条　改过的义务。\n（一）其一；"),
        ("第三条　删去的条文。", "（删除）"),
    ]
    layout = find_revision(rows)
    assert layout is not None and (layout.before, layout.after) == (0, 1)
    assert revised_text(rows, layout, marked_breaks=True) == [
        "第一条　旧的目的。",
        "第二条　新增的条文。",
        "第三条　改过的义务。",
        "（一）其一；",
    ]
    # A task-division table, or an article's text quoting 修改为, is none.
    assert find_revision([("序号", "工作任务", "牵头单位")]) is None
    assert find_revision([("第一条", "将第五条修改为：……")]) is None
