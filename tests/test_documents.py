from __future__ import annotations

import io
import shutil
import zipfile
from pathlib import Path

import docx
import pytest
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.cidfonts import UnicodeCIDFont
from reportlab.pdfgen import canvas

from policyqa.documents import (
    DocumentError,
    ManifestError,
    load_corpus,
    load_file,
    load_paths,
    normalize_for_parsing,
)
from tests.conftest import CORPUS, FIXTURES

SHARED = CORPUS.parents[1] / "shared" / "corpus"


def _package(files: dict[str, str]) -> bytes:
    """A zip package holding ``files`` (an OFD is one)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as package:
        for name, text in files.items():
            package.writestr(name, text)
    return buffer.getvalue()


_ODF_NS = 'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0"'
_OFD_NS = 'xmlns:ofd="http://www.ofdspec.org/2016"'
_OFD_ROOT = (
    f"<ofd:OFD {_OFD_NS}><ofd:DocBody><ofd:DocRoot>Doc_0/Document.xml</ofd:DocRoot>"
    "</ofd:DocBody></ofd:OFD>"
)
# A document whose one page holds only a drawn path: a scan, or a seal, and no text.
_OFD_DOCUMENT = (
    f"<ofd:Document {_OFD_NS}><ofd:CommonData><ofd:PageArea><ofd:PhysicalBox>0 0 210 297"
    '</ofd:PhysicalBox></ofd:PageArea></ofd:CommonData><ofd:Pages><ofd:Page ID="1" '
    'BaseLoc="Pages/Page_0/Content.xml"/></ofd:Pages></ofd:Document>'
)
_OFD_IMAGE_PAGE = (
    f'<ofd:Page {_OFD_NS}><ofd:Content><ofd:Layer><ofd:PathObject Boundary="0 0 10 10">'
    "<ofd:AbbreviatedData>M 0 0 L 10 10</ofd:AbbreviatedData></ofd:PathObject>"
    "</ofd:Layer></ofd:Content></ofd:Page>"
)


def test_corpus_is_a_byte_copy_of_shared_corpus() -> None:
    if not SHARED.is_dir():
        pytest.skip("../shared is not beside this checkout")
    for source in SHARED.glob("*.txt"):
        assert (CORPUS / source.name).read_bytes() == source.read_bytes()


def test_manifest_loads_both_plans_with_metadata() -> None:
    loaded = load_corpus(CORPUS)
    assert [d.id for d in loaded.documents] == ["baotou", "lianyungang"]
    baotou, lianyungang = loaded.documents
    assert baotou.meta.city == "包头市" and baotou.meta.province == "内蒙古自治区"
    assert baotou.meta.complete and not lianyungang.meta.complete
    assert baotou.text.startswith("包头市新污染物治理工作实施方案")


def test_manifest_with_wrong_hash_is_refused_naming_the_file(tmp_path: Path) -> None:
    shutil.copytree(CORPUS, tmp_path / "corpus")
    plan = tmp_path / "corpus" / "baotou-new-pollutants-plan.txt"
    plan.write_text(plan.read_text(encoding="utf-8") + "改动", encoding="utf-8")
    with pytest.raises(ManifestError, match="baotou-new-pollutants-plan.txt"):
        load_corpus(tmp_path / "corpus")


def test_gb18030_text_is_detected() -> None:
    document = load_file(FIXTURES / "gb18030-plan.txt")
    assert "节水污染治理" in document.text


def test_big5_text_is_read_as_big5_not_as_gb18030(tmp_path: Path) -> None:
    # Big5 bytes decode as GB18030 too, into characters no one writes (its private-use
    # area): read as Big5, and then, its script being traditional, in simplified characters.
    text = (
        "澳門市公共泳池管理規定\n第一條　泳池經營者應當每日檢測水質。\n"
        "第二條　本規定自公布之日起施行。\n"
    )
    path = tmp_path / "pools.txt"
    path.write_bytes(text.encode("big5"))
    document = load_file(path)
    assert "第一条　泳池经营者应当每日检测水质。" in document.text


def test_normalisation_keeps_every_offset() -> None:
    text = "（一）１．\t测试：ａ"
    normalised = normalize_for_parsing(text)
    assert len(normalised) == len(text)
    assert normalised.startswith("(一)1. 测试:")


def _write_docx(path: Path) -> None:
    document = docx.Document()
    document.add_paragraph("一、工作任务")
    document.add_paragraph("1．开展调查。完成调查。（市生态环境局牵头，市工信局配合）")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text, table.cell(0, 1).text = "任务", "时限"
    table.cell(1, 0).text, table.cell(1, 1).text = "调查", "2024年底前"
    document.add_paragraph("2．加强监管。督促企业落实责任。（市市场监管局负责）")
    document.save(str(path))


def test_docx_keeps_paragraph_order_and_table_rows(tmp_path: Path) -> None:
    path = tmp_path / "plan.docx"
    _write_docx(path)
    document = load_file(path)
    text = document.text
    assert text.index("1．开展调查") < text.index("任务 | 时限") < text.index("2．加强监管")
    assert "调查 | 2024年底前" in text
    # Every reader gives the same blocks: paragraphs and table rows, offsets into the text.
    rows = [b for b in document.blocks if b.kind == "table_row"]
    assert [b.cells for b in rows][-1] == ("调查", "2024年底前")
    assert all(text[b.start : b.end] == b.text for b in document.blocks)


def test_docx_reads_a_text_box_once_where_it_is_anchored(tmp_path: Path) -> None:
    # A 红头 template sets its 发文机关标志 and 令号 in a text box, which Word saves twice:
    # as DrawingML and as a VML fallback. Read once, before the paragraph anchoring it.
    from docx.oxml import parse_xml
    from docx.oxml.ns import nsdecls

    def box(kind: str) -> str:
        lines = "".join(
            f"<w:p><w:r><w:t>{t}</w:t></w:r></w:p>" for t in ("溧港市人民政府令", "第18号")
        )
        return f"<{kind}><w:txbxContent>{lines}</w:txbxContent></{kind}>"

    namespaces = (
        f'{nsdecls("w")} xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006"'
        ' xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape"'
        ' xmlns:v="urn:schemas-microsoft-com:vml"'
    )
    document = docx.Document()
    document.add_paragraph()._p.append(
        parse_xml(
            f"<w:r {namespaces}><mc:AlternateContent>"
            f'<mc:Choice Requires="wps">{box("wps:txbx")}</mc:Choice>'
            f"<mc:Fallback>{box('v:textbox')}</mc:Fallback></mc:AlternateContent></w:r>"
        )
    )
    document.add_paragraph("溧港市城市桥下空间管理规定")
    document.add_paragraph("第一条　为了规范桥下空间利用，制定本规定。")
    path = tmp_path / "ligang-under-bridge-rules.docx"
    document.save(str(path))
    loaded = load_file(path)
    assert loaded.text.count("溧港市人民政府令") == 1
    assert loaded.text.index("第18号") < loaded.text.index("溧港市城市桥下空间管理规定")
    assert loaded.meta.order_no == "溧港市人民政府令第18号"
    assert loaded.meta.title == "溧港市城市桥下空间管理规定"


def test_plain_text_blocks_are_its_lines_and_keep_the_text_exact() -> None:
    loaded = load_corpus(CORPUS)
    for document in loaded.documents:
        assert document.text == document.path.read_text("utf-8")
        assert all(document.text[b.start : b.end] == b.text for b in document.blocks)
        assert {b.kind for b in document.blocks} == {"paragraph"}


def _write_pdf(path: Path, lines: list[str]) -> None:
    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    pdf = canvas.Canvas(str(path))
    pdf.setFont("STSong-Light", 11)
    for row, line in enumerate(lines):
        pdf.drawString(40, 800 - 18 * row, line)
    pdf.save()


def test_pdf_with_text_layer_loads(tmp_path: Path) -> None:
    path = tmp_path / "plan.pdf"
    _write_pdf(path, ["一、工作任务", "1．开展调查。到2024年6月底前完成。（市生态环境局负责）"])
    assert "到2024年6月底前完成" in load_file(path).text


def test_pdf_without_text_is_reported_as_scanned(tmp_path: Path) -> None:
    path = tmp_path / "scan.pdf"
    _write_pdf(path, [])
    with pytest.raises(DocumentError, match=r"scan\.pdf.*no text layer"):
        load_file(path)


@pytest.mark.parametrize(
    "encoding",
    ["utf-16", "utf-16-le", "utf-16-be"],  # with its mark, as Notepad saves; without
)
def test_a_text_saved_as_utf16_reads_as_any_other(tmp_path: Path, encoding: str) -> None:
    path = tmp_path / "rules.txt"
    path.write_bytes("某市养犬管理规定\r\n第一条　养犬应当登记。\r\n".encode(encoding))
    document = load_file(path)
    assert document.meta.title == "某市养犬管理规定"
    assert document.text.splitlines()[1] == "第一条　养犬应当登记。"


@pytest.mark.parametrize(
    ("name", "content", "reason"),
    [
        ("empty.txt", b"", "empty"),
        # NULs on one side of each pair, as UTF-16 puts them, but no Chinese or ASCII text.
        (
            "pairs.txt",
            bytes(b if i % 2 == 0 else 0 for i, b in enumerate(range(128, 256))) * 8,
            "binary",
        ),
        ("blank.md", b"  \n\n", "empty"),
        ("binary.txt", b"\x00\x01\x02PK\x00", "binary"),
        ("fake.docx", "一、不是docx".encode(), "not a valid .docx"),
        ("fake.pdf", "一、不是pdf".encode(), "not a PDF"),
        ("plan.et", b"anything", "save it as .xlsx"),
        ("plan.wps", b"anything", "save it as .docx or PDF"),
        ("plan.doc", b"anything", "save it as .docx or PDF"),
        ("plan.odt", b"anything", "not a valid .odt"),
        ("plan.rtf", "一、不是rtf".encode(), "not an RTF file"),
        ("sheet.ods", b"anything", "not a valid .ods"),
        (
            "nobody.odt",
            _package({"mimetype": "application/vnd.oasis.opendocument.text"}),
            "content.xml is missing",
        ),
        (
            "bodiless.odt",
            _package({"content.xml": f"<office:document-content {_ODF_NS}/>"}),
            "no text body",
        ),
        (
            "bodiless.ods",
            _package({"content.xml": f"<office:document-content {_ODF_NS}/>"}),
            "no spreadsheet",
        ),
        ("fake.xlsx", "不是xlsx".encode(), "not a valid .xlsx"),
        ("latin.txt", b"\xff\xfe\xfa\xfb" * 4, "neither UTF-8 nor GB18030"),
        ("fake.ofd", "不是ofd".encode(), "not a valid .ofd"),
        ("nodoc.ofd", _package({"readme.txt": "x"}), "OFD.xml is missing"),
        (
            "lost.ofd",
            _package({"OFD.xml": _OFD_ROOT}),
            "Doc_0/Document.xml is missing",
        ),
        (
            "scanned.ofd",
            _package(
                {
                    "OFD.xml": _OFD_ROOT,
                    "Doc_0/Document.xml": _OFD_DOCUMENT,
                    "Doc_0/Pages/Page_0/Content.xml": _OFD_IMAGE_PAGE,
                }
            ),
            "OFD has no text",
        ),
        ("broken.xls", b"not an Excel 97 workbook", "not a valid .xls"),
        ("export.csv", b"\x00\x01\x02PK\x00", "binary"),
        ("empty.csv", b"", "empty"),
        ("attachment.eml", b"Content-Type: application/pdf\r\n\r\n%PDF", "no message text found"),
        # An entity expanding itself: refused, not expanded.
        (
            "bomb.ofd",
            _package({"OFD.xml": '<!DOCTYPE x [<!ENTITY a "aaaa">]><x>&a;&a;</x>'}),
            "corrupt .ofd",
        ),
        # A single-file save with no page in it (only a stylesheet).
        (
            "saved.mhtml",
            b'MIME-Version: 1.0\r\nContent-Type: multipart/related; boundary="b"\r\n\r\n'
            b"--b\r\nContent-Type: text/css\r\n\r\nbody {}\r\n--b--\r\n",
            "no web page found",
        ),
    ],
)
def test_bad_file_gets_clear_error_naming_it(
    tmp_path: Path, name: str, content: bytes, reason: str
) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(DocumentError) as error:
        load_file(path)
    assert name in str(error.value) and reason in str(error.value)


def test_one_bad_file_does_not_stop_the_others(tmp_path: Path) -> None:
    (tmp_path / "a-empty.txt").write_bytes(b"")
    shutil.copy(FIXTURES / "halfwidth-runin.txt", tmp_path / "b-good.txt")
    (tmp_path / "c-bad.pdf").write_bytes(b"%PDF-1.4 broken")
    loaded = load_paths([tmp_path])
    assert [d.id for d in loaded.documents] == ["b-good"]
    assert sorted(p.name for p, _ in loaded.errors) == ["a-empty.txt", "c-bad.pdf"]


def test_half_width_punctuation_among_chinese_is_read_full_width() -> None:
    # OCR and English keyboards: ,;:. among Chinese read as ，；：。; not 20:30 or 1.5.
    from policyqa.unwrap import full_width_marks

    assert (
        full_width_marks("制定本规定,根据《法》等;下列规定:")
        == "制定本规定，根据《法》等；下列规定："
    )
    assert full_width_marks("时间为20:30,费用1.5元.") == "时间为20:30,费用1.5元。"
    assert full_width_marks("(Copyright Law, Art. 5).") == "(Copyright Law, Art. 5)."


def test_a_text_in_traditional_characters_is_read_in_simplified(tmp_path: Path) -> None:
    traditional = tmp_path / "birds.txt"
    traditional.write_text(
        "鵲山市候鳥保護規定\n第一條　為了保護候鳥，制定本規定。\n第二條　禁止獵捕候鳥。\n", "utf-8"
    )
    assert load_file(traditional).text.startswith("鹊山市候鸟保护规定\n第一条　为了保护候鸟")
    # A simplified text quoting a name or two in traditional characters is left as it is.
    simplified = tmp_path / "quoting.txt"
    simplified.write_text(
        "某市规定\n第一条　本规定参照《臺灣》的做法，为了保护候鸟，制定本规定，适用于本市。\n",
        "utf-8",
    )
    assert "《臺灣》" in load_file(simplified).text


def test_item_numbers_set_as_one_character_are_written_out(tmp_path: Path) -> None:
    path = tmp_path / "items.txt"
    path.write_text(
        "某市规定\n第一条　禁止下列行为：\n㈠焚烧；\n㈡倾倒。\n第二条　⑴申请；⒈登记。\n", "utf-8"
    )
    text = load_file(path).text
    assert "（一）焚烧；\n（二）倾倒。" in text and "（1）申请；1．登记。" in text
