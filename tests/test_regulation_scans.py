"""Regulations in further hands: a searchable scan (a page image turned half a degree in
the scanner, under an invisible OCR text layer whose lines follow the skew and whose words
are set apart by spaces); questions sent to the 公众号 with WeChat's stickers in their text
([捂脸], [流泪], /::<, [Facepalm]); a regulation copied from a 公众号 repost (🔹 before every
article, a rule and a call to share after the last); questions asked rhetorically and in
the negative (难道…吗, 不是…吗, …也行吧, 凭什么…); a regulation as an OCR app exports it,
digits misread as letters (2O48年1l月l日, 5OO元); questions with wrongly written
characters (挡案, 隐满, 时侯, 公式 for 公示); a reviewed Word file (a table of contents
field, footnotes, a reviewer's comment); quiz questions pasted from a 普法 contest
(单选题 with options, 判断题, 填空题); a Word file made by pasting a PDF's text (a line of the
page a paragraph); questions in young people's net slang (xdm, 尊嘟假嘟, 集美们); a portal
page that folds its text (a preview, 展开全文, the whole text hidden until unfolded); and
questions that misremember the document's name (蓟港养蜂条例 for an 办法)."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file
from policyqa.obligations import binds
from policyqa.unwrap import ocr_lookalikes, rejoined, without_pictographs
from policyqa.web_pages import page_blocks
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

POSTPARTUM = "tangchuan-postpartum-care-rules"
PETS = "minggang-pet-grooming-boarding-measures"
scanned = regulations_fixture(f"{POSTPARTUM}.pdf", PETS)
PICKUP = "langgang-group-buying-pickup-rules-repost"
GYMS = "lingchuan-gym-safety-measures"
reposted = regulations_fixture(PICKUP, GYMS)
BARBERS = "junxi-barbershop-hygiene-rules-ocr"
USED_CARS = "weigang-used-car-market-measures"
misread = regulations_fixture(BARBERS, USED_CARS)
FOREST_FIRE = "jiachuan-forest-fire-measures-reviewed"
ESPORTS = "huigang-esports-hotels-rules"
quizzed = regulations_fixture(f"{FOREST_FIRE}.docx", ESPORTS)
WAGES = "dichuan-migrant-wages-measures-pasted"
TEA_SHOPS = "yungang-tea-shops-rules"
pasted = regulations_fixture(f"{WAGES}.docx", TEA_SHOPS)
FLOODS = "chechuan-flood-control-rules-folded"
BEES = "jigang-beekeeping-measures"
folded = regulations_fixture(f"{FLOODS}.html", BEES)


def test_a_searchable_scan_read_as_the_paper_has_it() -> None:
    document = load_file(REGULATIONS / f"{POSTPARTUM}.pdf")
    assert document.meta.title == "棠川市母婴护理机构管理规定"
    assert document.meta.order_no == "棠川市人民政府令第41号"
    text = document.text.replace("　", " ")
    # An article's number on its text's line, though the line climbs with the skew; no
    # space where the OCR ended a word (母婴 护理机构).
    assert "第一条 为了规范母婴护理机构服务行为，保障产妇和婴儿健康安全" in text
    assert "婴儿用品应当一婴一用一消毒。机构内禁止饲养宠物，禁止吸烟。" in text
    assert "— 1 —" not in text


def test_a_searchable_scans_articles_and_duties(scanned) -> None:  # type: ignore[no-untyped-def]
    eighth = scanned.ask("棠川规定第八条是什么？")
    assert first_cited(eighth) == f"{POSTPARTUM}/第八条" and "立即通知其家属" in eighth.text
    fine = scanned.ask("多收预付款罚多少？")  # 预付款: 预收服务费用
    assert first_cited(fine) == f"{POSTPARTUM}/第十二条" and "二万元以上五万元以下" in fine.text
    ratio = scanned.ask("一个护理员最多照顾几个宝宝？")  # 照顾: 护理
    assert first_cited(ratio) == f"{POSTPARTUM}/第五条" and "一比二" in ratio.text
    duties = [o for o in scanned.library.obligations if o.doc_id == POSTPARTUM]
    sixth = [o for o in duties if o.clause_id == f"{POSTPARTUM}/第六条"]
    assert any("禁止饲养宠物" in o.action for o in sixth)
    ninth = [o.action for o in duties if o.clause_id == f"{POSTPARTUM}/第九条"]
    assert "服务记录应当保存不少于三年。" in ninth
    assert scanned.ask("月子中心需要配备医生吗？").status == "not_found"


def test_questions_with_wechat_stickers(scanned) -> None:  # type: ignore[no-untyped-def]
    often = scanned.ask("笼子多久消毒一次[疑问]")  # 疑问: a sticker, nothing asked
    assert first_cited(often).endswith("第二章/第七条") and "每周至少消毒二次" in often.text
    who = scanned.ask("宠物店收费谁来监管[发怒][发怒]")
    assert first_cited(who).endswith("第一章/第三条") and "市市场监督管理局" in who.text
    dead = scanned.ask("/::< 寄养的狗死了店里能自己处理吗")
    assert first_cited(dead).endswith("第二章/第八条") and "不得擅自处理尸体" in dead.text
    flat = scanned.ask("住宅楼里能开宠物寄养吗[Facepalm]")
    assert first_cited(flat).endswith("第二章/第九条")
    # A licence a new-pollutant plan names for its emitters is not the pet rule's.
    assert scanned.ask("宠物店要办什么许可证吗[皱眉]").status == "not_found"
    # Stickers alone say hello: answered with what the assistant does, quoting nothing.
    hello = scanned.ask("[微笑][微笑]")
    assert hello.status == "out_of_scope" and not hello.citations


def test_a_duty_after_another_of_its_party(scanned) -> None:  # type: ignore[no-untyped-def]
    # 经营者应当…通知宠物主人，不得擅自处理尸体: the 经营者's, not a party named 主人.
    death = next(
        o
        for o in scanned.library.obligations
        if o.doc_id == PETS and "不得擅自处理尸体" in o.action
    )
    assert death.actor == "经营者" and binds(death, "经营者")


def test_a_reposts_emoji_and_trailer() -> None:
    assert without_pictographs("🔹第一条　✅（一）👇📌来源") == "第一条　（一）来源"
    # Item numbers, a grade's stars and a form's ticks stay.
    assert without_pictographs("❶ ① ㈠ ★★★ ☑ ✓") == "❶ ① ㈠ ★★★ ☑ ✓"
    document = load_file(REGULATIONS / f"{PICKUP}.txt")
    assert document.meta.title == "琅港市社区团购自提点管理规定"
    assert "\n第一条　为了规范社区团购自提点经营行为" in document.text


def test_a_reposted_regulation(reposted) -> None:  # type: ignore[no-untyped-def]
    seventh = reposted.ask("琅港规定第七条是什么？")
    assert first_cited(seventh) == f"{PICKUP}/第七条" and "七十二小时" in seventh.text
    last = reposted.library.clause(f"{PICKUP}/第十二条")
    assert last.text.strip() == "第十二条　本规定自2048年9月1日起施行。"  # no 来源, no 转发
    fridge = reposted.ask("自提点要有冰箱吗？")  # 冰箱: 冷藏
    assert first_cited(fridge) == f"{PICKUP}/第五条" and "冷藏、冷冻设施" in fridge.text
    road = reposted.ask("能把货堆在门口路上吗？")  # 门口 / 路上: 门前道路
    assert first_cited(road) == f"{PICKUP}/第六条" and "门前道路" in road.text
    duties = {o.clause_id for o in reposted.library.obligations if o.doc_id == PICKUP}
    assert {f"{PICKUP}/第{n}条" for n in "四五六七八九"} <= duties


def test_questions_asked_rhetorically(reposted) -> None:  # type: ignore[no-untyped-def]
    coach = reposted.ask("难道健身房不用请有证的教练吗？")
    assert first_cited(coach).endswith("第二章/第四条") and "社会体育指导员" in coach.text
    often = reposted.ask("器材不是每天都要检查吗？")  # the text corrects the claim
    assert first_cited(often).endswith("第二章/第五条") and "每月" in often.text
    fine = reposted.ask("不检查器材难道不罚吗？")
    assert first_cited(fine).endswith("第三章/第十条") and "一千元以上五千元以下" in fine.text
    coerced = reposted.ask("凭什么逼我买私教课？")
    assert first_cited(coerced).endswith("第二章/第七条") and "不得强制" in coerced.text
    assert reposted.ask("难道健身房不用买保险吗？").status == "not_found"


def test_digits_ocr_read_as_letters() -> None:
    assert ocr_lookalikes("自2O48年1l月l日起施行") == "自2048年11月1日起施行"
    assert ocr_lookalikes("处5OO元以上2OOO元以下的罚款，每年进行l次") == (
        "处500元以上2000元以下的罚款，每年进行1次"
    )
    # Latin words with digits in them, and a run before no unit, stay.
    for kept in ("ISO9001认证", "GB18O1", "O2O模式", "B2B平台", "5G基站"):
        assert ocr_lookalikes(kept) == kept
    document = load_file(REGULATIONS / f"{BARBERS}.txt")
    assert document.meta.effective == "2048-11-01"


def test_an_ocr_exports_figures_answered(misread) -> None:  # type: ignore[no-untyped-def]
    towels = misread.ask("毛巾消毒要多长时间？")
    assert first_cited(towels) == f"{BARBERS}/第六条" and "不少于30分钟" in towels.text
    fine = misread.ask("工具不消毒罚多少？")
    assert first_cited(fine) == f"{BARBERS}/第十条" and "500元以上2000元以下" in fine.text
    start = misread.ask("筠溪规定什么时候施行？")
    assert first_cited(start) == f"{BARBERS}/第十二条" and "2048年11月1日" in start.text


def test_wrongly_written_characters(misread) -> None:  # type: ignore[no-untyped-def]
    kept = misread.ask("交易挡案要保存几年？")
    assert first_cited(kept).endswith("第二章/第四条") and "不少于三年" in kept.text
    flooded = misread.ask("泡水车能隐满吗？")
    assert first_cited(flooded).endswith("第二章/第六条") and "泡水" in flooded.text
    posted = misread.ask("市场里要公式收费标准吗？")
    assert first_cited(posted).endswith("第二章/第七条") and "收费标准" in posted.text
    assert misread.ask("二手车交易要交多少税？").status == "not_found"


def test_a_reviewed_word_file(quizzed) -> None:  # type: ignore[no-untyped-def]
    # Its table of contents lists the chapters once; a footnote's text and a reviewer's
    # comment are no part of an article.
    document = load_file(REGULATIONS / f"{FOREST_FIRE}.docx")
    assert "建议明确审批时限" not in document.text
    units = {c.id.split("/")[1] for c in quizzed.library.clauses if c.doc_id == FOREST_FIRE}
    assert units == {"第一章", "第二章", "第三章", "第四章", "第五章"}
    first = quizzed.library.clause(f"{FOREST_FIRE}/第一章/第一条")
    assert "根据《森林防火条例》等法律、法规" in first.text
    permit = quizzed.ask("烧荒要审批吗？")  # 烧荒: a kind of 野外用火
    assert first_cited(permit) == f"{FOREST_FIRE}/第二章/第五条"


def test_quiz_questions(quizzed) -> None:  # type: ignore[no-untyped-def]
    choice = quizzed.ask(
        "单选题：根据《蕙港市电竞酒店管理规定》，电竞酒店经营者应当在开业后（ ）日内备案。"
        "A.七 B.十 C.十五 D.三十"
    )
    assert first_cited(choice) == f"{ESPORTS}/第四条" and "十五日内" in choice.text
    judged = quizzed.ask("判断题：电竞酒店可以接待未成年人入住电竞房间。（ ）")
    assert first_cited(judged) == f"{ESPORTS}/第五条" and "不得接待未成年人" in judged.text
    blank = quizzed.ask("填空题：电竞酒店每个电竞房间的入住人数不得超过____人。")
    assert first_cited(blank) == f"{ESPORTS}/第七条" and "四人" in blank.text
    # Options naming offices the text names do not answer what it does not say.
    fire = "单选题：电竞酒店的消防检查由（ ）负责。A.市消防救援机构 B.市公安局 C.市应急管理局"
    assert quizzed.ask(fire).status == "not_found"


def test_a_pdfs_lines_pasted_into_word_as_paragraphs() -> None:
    # Each line of the page a paragraph, the page number between: read as the article.
    document = load_file(REGULATIONS / f"{WAGES}.docx")
    assert "专管员，对分包单位劳动用工实施监督管理。" in document.text
    assert "通过银行转账或者现金支付给农民工本人，不得以实物" in document.text
    assert "— 1 —" not in document.text
    # Paragraphs of their own lengths are no wrapped lines.
    plain = [
        ("paragraph", "第一条　为了规范。", ()),
        ("paragraph", "第二条　本办法所称农民工。", ()),
    ]
    assert rejoined(plain) == plain


def test_a_pasted_word_files_articles(pasted) -> None:  # type: ignore[no-untyped-def]
    ninth = pasted.ask("荻川办法第九条是什么？")
    assert first_cited(ninth).endswith("第二章/第九条") and "维权信息告示牌" in ninth.text
    owed = pasted.ask("被拖欠工资找哪个部门？")  # 拖欠工资: of 工资支付
    assert first_cited(owed).endswith("第一章/第三条") and "市人力资源和社会保障局" in owed.text
    eighth = [
        o for o in pasted.library.obligations if o.clause_id.endswith(f"{WAGES}/第二章/第八条")
    ]
    assert [o.action for o in eighth] == [
        "施工总承包单位应当在工程项目部配备劳资专管员，对分包单位劳动用工实施监督管理。"
    ]


def test_questions_in_net_slang(pasted) -> None:  # type: ignore[no-untyped-def]
    licence = pasted.ask("奶茶店要有许可证吗，尊嘟假嘟")
    assert first_cited(licence) == f"{TEA_SHOPS}/第四条" and "食品经营许可证" in licence.text
    often = pasted.ask("封口机多久消毒一次啊集美们")
    assert first_cited(often) == f"{TEA_SHOPS}/第七条" and "每周至少消毒一次" in often.text
    start = pasted.ask("芸港规定啥时候实施 蹲一个")  # 实施: 施行
    assert first_cited(start) == f"{TEA_SHOPS}/第十二条" and "2049年7月1日" in start.text
    assert pasted.ask("奶茶店员工要有健康证吗 集美们").status == "not_found"


def test_a_page_that_folds_its_text() -> None:
    # The whole text, hidden until unfolded, is read; the preview of its start is not.
    document = load_file(REGULATIONS / f"{FLOODS}.html")
    assert document.text.count("第一条") == 1 and "展开全文" not in document.text
    assert "第十二条 本规定自2049年4月1日起施行。" in document.text.replace("　", " ")
    # A page that hides something else (a share dialog) is read as it was.
    page = (
        '<html><body><div class="article"><h1>某市规定</h1>'
        + "".join(f"<p>第{n}条　经营者应当遵守本规定的要求，依法经营。</p>" for n in "一二三四")
        + '</div><div style="display:none">分享到微信朋友圈，扫一扫二维码</div></body></html>'
    )
    texts = [text for _, text, _ in page_blocks(page) or []]
    assert len(texts) == 5 and "分享" not in "".join(texts)


def test_a_misremembered_documents_name(folded) -> None:  # type: ignore[no-untyped-def]
    drugs = folded.ask("蓟港养蜂条例里，采蜜期能用药吗？")  # an 办法, named a 条例
    assert first_cited(drugs) == f"{BEES}/第七条" and "不得在蜂群采蜜期使用农药" in drugs.text
    moved = folded.ask("那个养蜜蜂的规定，转地放蜂要提前几天告诉村里？")
    assert first_cited(moved) == f"{BEES}/第六条" and "提前三日" in moved.text
    seventh = folded.ask("澈川规定第七条是什么？")
    assert first_cited(seventh) == f"{FLOODS}/第七条" and "组织人员撤离" in seventh.text
