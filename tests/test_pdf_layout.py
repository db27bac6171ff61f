"""PDFs read as a reader sees them: the rules on line records, then real files."""

from __future__ import annotations

import json
import math
from pathlib import Path
from typing import Any

import pytest

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.pdf_layout import Line, drop_furniture, paragraphs, split_imprint
from policyqa.records import task_record
from policyqa.scan_layer import roomless_spaces, skew, turned_back
from tests.conftest import CORPUS, FIXTURES, ROOT
from tests.gongwen_pdf import FONT_FILE, render

SHARED_REAL = ROOT.parent / "shared" / "real"


def line(text: str, x0: float = 82, x1: float = 516, top: float = 100, page: int = 1) -> Line:
    return Line(text, x0, x1, top, top + 15, page, 842)


def test_a_word_broken_at_the_margin_is_rejoined_without_a_space() -> None:
    lines = [
        line("由市生态环境局牵头，市工业和", top=100),
        line("信息化局配合，到20", top=126, x1=300),
    ]
    assert paragraphs(lines) == ["由市生态环境局牵头，市工业和信息化局配合，到20"]


def test_page_numbers_and_running_headers_are_dropped() -> None:
    lines = [
        line("某市人民政府办公室文件", top=40, page=1, x0=200, x1=380),
        line("开展化学物质调查，到2025年12月31日前", top=100, page=1),
        line("— 1 —", top=800, page=1, x0=282, x1=319),
        line("某市人民政府办公室文件", top=40, page=2, x0=200, x1=380),
        line("完成。", top=100, page=2, x1=130),
        line("— 2 —", top=800, page=2, x0=282, x1=319),
    ]
    assert [x.text for x in drop_furniture(lines)] == [
        "开展化学物质调查，到2025年12月31日前",
        "完成。",
    ]
    assert paragraphs(lines) == ["开展化学物质调查，到2025年12月31日前完成。"]


def test_new_paragraphs_start_at_an_item_an_indent_a_short_line_or_a_gap() -> None:
    lines = [
        line("1．开展调查。按要求开展调查，完成填报。", top=100),
        line("2．规范包装。快递企业应当使用可循环包", top=126),
        line("装。", top=152, x1=113),
        line("一、保障措施", top=178, x1=175),
        line("加强部门协作，统筹推进新污染物治理工作", top=204),
        line("按职责分工。", top=230, x0=113, x1=200),
        line("（市生态环境局牵头）", top=256, x1=250),
        line("另起一段。", top=308, x1=160),
    ]
    assert paragraphs(lines) == [
        "1．开展调查。按要求开展调查，完成填报。",
        "2．规范包装。快递企业应当使用可循环包装。",
        "一、保障措施",
        "加强部门协作，统筹推进新污染物治理工作",
        "按职责分工。",
        "（市生态环境局牵头）",
        "另起一段。",
    ]


def test_a_note_after_a_full_stop_at_the_margin_stays_with_its_sentence() -> None:
    lines = [
        line("支持综合保税区开展期货保税交割业务。", top=100),
        line("（海关总署、证监会负责）", top=126, page=1, x1=300),
    ]
    assert paragraphs(lines) == ["支持综合保税区开展期货保税交割业务。（海关总署、证监会负责）"]


def test_the_distribution_block_is_kept_apart_from_the_body() -> None:
    lines = [
        line("本方案自印发之日起施行。", top=100, x1=280),
        line("抄送：市委办公室，市人大常委会办公室。", top=152, x1=400),
        line("某市人民政府办公室2024年3月1日印发", top=178, x1=400),
    ]
    assert split_imprint(paragraphs(lines)) == (
        ["本方案自印发之日起施行。"],
        ["抄送：市委办公室，市人大常委会办公室。", "某市人民政府办公室2024年3月1日印发"],
    )


def _records(path: Path) -> list[dict[str, Any]]:
    """A document's task records less offsets, which differ between forms of one text."""
    document = load_file(path)
    library = build_library((document,))

    def strip(value: Any) -> Any:
        if isinstance(value, dict):
            return {
                k: strip(v)
                for k, v in value.items()
                if k not in ("start", "end", "path") and not k.endswith(("_start", "_end"))
            }
        if isinstance(value, list):
            return [strip(v) for v in value]
        return value

    rows = [task_record(t) for t in library.tasks]
    return strip(json.loads(json.dumps(rows, ensure_ascii=False)))


def _char(
    text: str, x0: float, top: float, angle: float = 0.0, size: float = 12.0
) -> dict[str, Any]:
    turn = (math.cos(angle), math.sin(angle), -math.sin(angle), math.cos(angle))
    return {
        "text": text,
        "x0": x0,
        "x1": x0 + size,
        "top": top,
        "bottom": top + size,
        "y0": 800 - top - size,
        "y1": 800 - top,
        "doctop": top,
        "size": size,
        "matrix": (*turn, x0, 800 - top - size),
    }


def test_an_ocr_layers_space_over_the_next_word_is_no_space() -> None:
    # 母婴 护理: the OCR's space after a word, set over the next one, takes no room.
    ocr = [_char("婴", 0, 100), _char(" ", 12, 100), _char("护", 12, 100)]
    # 第一条　为了: a space with room of its own; a space at a line's end.
    typeset = [_char("条", 0, 100), _char(" ", 12, 100), _char("为", 24, 100)]
    wrapped = [_char("婴", 0, 100), _char(" ", 12, 100), _char("护", 0, 130)]
    assert roomless_spaces(ocr) == {1}
    assert roomless_spaces(typeset) == set()
    assert roomless_spaces(wrapped) == set()


def test_a_scanned_pages_skew_is_turned_back() -> None:
    angle = math.radians(0.5)
    climb = 12 * math.sin(angle)
    line = [_char(c, 100 + 12 * i, 200 - climb * i, angle) for i, c in enumerate("第一条为了规范")]
    assert skew(line) == pytest.approx(angle)
    straight = [turned_back(c, angle, (300.0, 400.0)) for c in line]
    tops = [c["top"] for c in straight]
    assert max(tops) - min(tops) < 0.5 < line[0]["top"] - line[-1]["top"]
    # Set straight, or at angles of their own (a stamp's text), nothing is turned.
    assert skew([_char("第", 100, 200), _char("一", 112, 200)]) == 0.0
    mixed = [_char("印", 100, 200, math.radians(a)) for a in (0, 0, 20, 40, -30)]
    assert skew(mixed) == 0.0


@pytest.mark.parametrize("name", ["zonghe-baoshuiqu-2019", "wufei-chengshi-pilot-2018"])
def test_a_published_pdf_gives_the_records_of_its_text(name: str) -> None:
    if not SHARED_REAL.exists():
        pytest.skip("../shared/real is not beside the checkout")
    from_pdf = _records(SHARED_REAL / f"{name}.pdf")
    assert len(from_pdf) in (20, 21)
    assert from_pdf == _records(SHARED_REAL / f"{name}.txt")


@pytest.mark.skipif(not FONT_FILE.exists(), reason="apt-get install fonts-wqy-microhei")
@pytest.mark.parametrize(
    "source",
    [
        CORPUS / "baotou-new-pollutants-plan.txt",
        FIXTURES / "forms" / "labelled-notes-plan.txt",
        FIXTURES / "real" / "zonghe-baoshuiqu-2019.txt",
        FIXTURES / "real" / "wufei-chengshi-pilot-2018.txt",
    ],
    ids=["baotou", "labelled-notes", "zonghe", "wufei"],
)
def test_a_plan_set_in_gongwen_layout_gives_the_records_of_its_text(
    source: Path, tmp_path: Path
) -> None:
    text = source.read_text("utf-8")
    imprint = "抄送：市委办公室，市人大常委会办公室。\n某市人民政府办公室2024年3月1日印发"
    pdf = tmp_path / f"{source.stem}.pdf"
    pdf.write_bytes(render(f"{text}\n{imprint}", header="某市人民政府文件"))
    document = load_file(pdf)
    # No page number, running header or line break survives in the text citations quote;
    # the 版记 is metadata, and its 印发 date stands in for a date the text lacks.
    assert "— " not in document.text and "某市人民政府文件" not in document.text
    assert "抄送" not in document.text and document.meta.imprint == imprint.replace("\n", "；")
    assert document.meta.date == (load_file(source).meta.date or "2024-03-01")
    expected = [p.strip() for p in text.splitlines() if p.strip()]
    assert [p for p in document.text.split("\n") if p.strip()] == expected
    txt = tmp_path / f"{source.stem}.txt"
    txt.write_text("\n".join(expected), "utf-8")
    assert _records(pdf) == _records(txt)
