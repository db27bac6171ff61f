"""Regulations in further hands: a Word file whose chapter and article numbers are SEQ
fields never updated (each saved showing 一, as the paragraph it was copied from), and a
regulation asked in a lawyer's terms (上位法依据, 执法主体, 作何规定, 是否构成违法,
是否受到限制)."""

from __future__ import annotations

import io
import zipfile
from pathlib import Path

import docx

from policyqa.documents import load_file
from policyqa.docx_text import SequenceFields, as_it_stands
from policyqa.library import build_library
from policyqa.typos import corrected
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

UNDERGROUND = "fangang-underground-space-measures-seq-fields"
EBIKES = "jiaochuan-ebike-sales-modification-rules"
counted = regulations_fixture(f"{UNDERGROUND}.docx", EBIKES)


def test_seq_fields_are_counted_not_taken_as_saved() -> None:
    data = (REGULATIONS / f"{UNDERGROUND}.docx").read_bytes()
    paragraphs = [p._p for p in docx.Document(io.BytesIO(data)).paragraphs]
    # As saved, every article shows 第一条 and every chapter 第一章.
    assert [as_it_stands(p)[:3] for p in paragraphs[1:5]] == [
        "第一章",
        "第一条",
        "第一条",
        "第一条",
    ]
    fields = SequenceFields()
    heads = [as_it_stands(p, fields)[:4] for p in paragraphs]
    assert heads[1:6] == ["第一章　", "第一条　", "第二条　", "第三条　", "第二章　"]
    assert heads[-2:] == ["第五章　", "第十三条"]  # the last chapter's a simple field
    assert "SEQ" not in "".join(as_it_stands(p, SequenceFields()) for p in paragraphs)


def test_seq_field_switches() -> None:
    fields = SequenceFields()
    assert [fields.result(" SEQ 表 \\* ARABIC ") for _ in range(3)] == ["1", "2", "3"]
    assert fields.result(" SEQ 表 \\c ") == "3"  # repeats the last
    assert fields.result(" SEQ 表 \\r 10 ") == "10"  # restarts
    assert fields.result(" SEQ 图 \\h ") == ""  # counted, hidden
    assert fields.result(" SEQ 图 \\* CHINESENUM3 ") == "二"
    assert fields.result(" PAGE ") is None  # no SEQ field: its saved result stands
    # Word adds \\* MERGEFORMAT after the number format; names are read in any case.
    assert fields.result(" SEQ 条 \\* CHINESENUM3 \\* MERGEFORMAT ") == "一"
    assert fields.result(" SEQ 款 \\* Arabic ") == "1"


def test_a_word_file_numbered_by_seq_fields_reads_its_articles() -> None:
    library = build_library((load_file(REGULATIONS / f"{UNDERGROUND}.docx"),))
    ids = {c.id.split("/", 1)[1] for c in library.clauses}
    assert {"第一章/第三条", "第二章/第五条", "第三章/第七条/（三）", "第五章/第十三条"} <= ids
    penalty = next(p for p in library.penalties if p.clause_id.endswith("第四章/第十二条"))
    assert penalty.authority == "市消防救援支队"
    # Any paragraph's field results the reader does not count stay as saved.
    package = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO((REGULATIONS / f"{UNDERGROUND}.docx").read_bytes())) as z:
        with zipfile.ZipFile(package, "w") as out:
            for item in z.infolist():
                text = z.read(item.filename)
                if item.filename == "word/document.xml":
                    text = text.replace(b" SEQ ", b" PAGE ")
                out.writestr(item, text)
    pages = docx.Document(io.BytesIO(package.getvalue())).paragraphs
    assert as_it_stands(pages[3]._p, SequenceFields()).startswith("第一条")


def test_articles_of_a_seq_numbered_file_answer(counted) -> None:  # type: ignore[no-untyped-def]
    fifth = counted.ask("蘩港办法第五条是什么？")
    assert first_cited(fifth) == f"{UNDERGROUND}/第二章/第五条" and "十五米" in fifth.text
    lodged = counted.ask("地下室能住人吗？")  # 地下室: a 地下空间; 住人: 居住
    assert first_cited(lodged).startswith(f"{UNDERGROUND}/第三章/第七条")


def test_a_lawyers_terms_read_as_the_rules_words() -> None:
    assert corrected("本规定的上位法依据有哪些？") == "本规定根据哪些法律制定？"
    assert corrected("产品质量监管的执法主体是哪个部门？") == "产品质量监管由哪个部门负责？"
    assert corrected("维修经营者的报告义务及其时限如何规定？") == (
        "维修经营者的报告义务及其时限有什么规定？"
    )
    assert corrected("更换蓄电池是否受到限制？") == "能否更换蓄电池？"


def test_a_regulation_asked_in_a_lawyers_terms(counted) -> None:  # type: ignore[no-untyped-def]
    for question, article, term in [
        # 本规定: this 规定, the one loaded.
        ("本规定的上位法依据有哪些？", "第一条", "道路交通安全法"),
        ("产品质量监管的执法主体是哪个部门？", "第三条", "市市场监督管理局"),
        ("更换蓄电池是否受到限制？", "第六条", "不符合国家标准的蓄电池"),
        ("为他人改装提供服务是否构成违法？", "第六条", "提供服务"),
    ]:
        answer = counted.ask(question)
        assert first_cited(answer).startswith(f"{EBIKES}/{article}") and term in answer.text
