"""Regulations in further hands: a Word file typed with soft line breaks (each article one
paragraph, its 款 and 项 set apart by Shift+Enter); questions naming offices by their names
before the 2018 reorganisation (工商局, 安监局, 公安消防, 卫生防疫站); a regulation published
with its 政策解读 after the articles (问：…答：… retelling them); questions asked in everyday
measures (一斤, 三斤, 两千平米, 几个钟头); a Word table whose article numbers are cells merged
down the rows of their 款 and 项; questions with emoji standing for words (🐶, 💩, 🛵); a PDF
whose content stream draws its article numbers after its body text; and owners asking about
their own case, with their own figures (我店门面宽6米, 我家店临街，想挂两块招牌); a text file
exported double-encoded (UTF-8 read as Latin-1 and saved again); and clock times as people
say them (晚上九点半, 中午一点)."""

from __future__ import annotations

from pathlib import Path

from policyqa import amounts
from policyqa.decoding import decode_text
from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.typos import clock_times, emoji_as_words
from policyqa.understand import classify_intent
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

AC_UNITS = "hengxi-ac-outdoor-units-rules-softbreaks"
BATHHOUSES = "xinggang-public-bathhouses-measures"
renamed = regulations_fixture(f"{AC_UNITS}.docx", BATHHOUSES)
TATTOOS = "guchuan-tattoo-services-rules-with-qa"
SCALES = "tiaogang-market-scales-measures"
measured = regulations_fixture(TATTOOS, SCALES)
FARM_STAYS = "yuanxi-farm-stays-measures-merged-table"
WALKWAY = "lingang-riverside-walkway-rules"
pictured = regulations_fixture(f"{FARM_STAYS}.docx", WALKWAY)
PHARMACIES = "ranchuan-retail-pharmacies-rules"
SIGNS = "sungang-shop-signs-rules"
owned = regulations_fixture(f"{PHARMACIES}.pdf", SIGNS)
PLAYGROUNDS = "xuanchuan-indoor-playgrounds-rules-mojibake"
DANCING = "jiangang-square-dancing-rules"
timed = regulations_fixture(PLAYGROUNDS, DANCING)


def test_soft_line_breaks_part_an_articles_paragraphs_and_items() -> None:
    document = load_file(REGULATIONS / f"{AC_UNITS}.docx")
    library = build_library((document,))
    ids = {c.id.split("/", 1)[1] for c in library.clauses}
    assert {"第二章/第五条/（一）", "第二章/第五条/（四）", "第二章/第六条/（三）"} <= ids
    third = library.clause(f"{AC_UNITS}/第一章/第三条").text
    assert "监督管理。\n" in third and "\n　　街道办事处协助" in third
    eighth = [o.action for o in library.obligations if o.clause_id.endswith("第二章/第八条")]
    assert "室外机停用满一年的，使用人应当拆除。" in eighth


def test_a_soft_broken_word_files_articles(renamed) -> None:  # type: ignore[no-untyped-def]
    item = renamed.ask("第五条第（三）项是什么？")
    assert first_cited(item).endswith("第二章/第五条/（三）") and "三米" in item.text
    # 多高: an item of the article found states the height (不得低于二点五米).
    height = renamed.ask("空调外机最低要装多高？")
    assert first_cited(height).endswith("第二章/第五条/（一）") and "二点五米" in height.text
    noise = renamed.ask("晚上外机噪声不能超过多少？")  # 外机: 室外机
    assert first_cited(noise).endswith("第二章/第九条") and "四十五分贝" in noise.text


def test_offices_by_their_old_names(renamed) -> None:  # type: ignore[no-untyped-def]
    for question, office in [
        ("锅炉安全是安监局管吗？", "市应急管理局"),
        ("浴池的营业执照归工商局管吗？", "市市场监督管理局"),
        ("澡堂的消防归公安消防管吗？", "市消防救援支队"),
    ]:
        answer = renamed.ask(question)
        assert first_cited(answer) == f"{BATHHOUSES}/第三条" and office in answer.text
    fined = renamed.ask("不换池水会被卫生防疫站罚吗？")
    assert first_cited(fined) == f"{BATHHOUSES}/第十一条"
    boiler = renamed.ask("锅炉排放超标环保局怎么处理？")
    assert first_cited(boiler) == f"{BATHHOUSES}/第十三条"
    # How often the office inspects, no clause says: a worker's yearly check is not it.
    assert renamed.ask("卫生局多久来检查一次？").status == "not_found"


def test_how_often_the_act_asked(renamed) -> None:  # type: ignore[no-untyped-def]
    water = renamed.ask("池水多久换一次？")  # 换: 更换, not the half-yearly water test
    assert first_cited(water) == f"{BATHHOUSES}/第五条/（一）" and "每日至少更换一次" in water.text
    patrol = renamed.ask("营业时多久要巡查一次？")  # 每二小时: a frequency by the hour
    assert first_cited(patrol) == f"{BATHHOUSES}/第八条" and "每二小时不少于一次" in patrol.text
    # The thing done is said as well as the act: the outdoor unit's bracket, yearly.
    bracket = renamed.ask("空调外机要多久检查一次？")
    assert first_cited(bracket).endswith("第二章/第八条") and "每年至少" in bracket.text


def test_a_policy_interpretation_retells_the_articles(measured) -> None:  # type: ignore[no-untyped-def]
    library = measured.library
    notes = {c for c in library.commentary if c.startswith(TATTOOS)}
    assert notes == {f"{TATTOOS}/政策解读/一", f"{TATTOOS}/政策解读/二", f"{TATTOOS}/政策解读/三"}
    # Its 答：…必须一次性使用 and 处以罚款 are no duty and no penalty: the articles set them.
    assert not [o for o in library.obligations if o.clause_id in notes]
    assert {p.clause_id for p in library.penalties if p.doc_id == TATTOOS} == {
        f"{TATTOOS}/第十条",
        f"{TATTOOS}/第十一条",
        f"{TATTOOS}/第十二条",
    }
    fine = measured.ask("给未成年人文身罚多少？")
    assert first_cited(fine) == f"{TATTOOS}/第十条" and "一万元以上五万元以下" in fine.text
    needle = measured.ask("文身针能重复用吗？")
    assert first_cited(needle) == f"{TATTOOS}/第六条" and "一次性使用" in needle.text
    age = measured.ask("看不出顾客是否成年怎么办？")  # 看不出: 难以判明
    assert first_cited(age) == f"{TATTOOS}/第四条" and "出示身份证件" in age.text
    # How to join, no clause says (第三条 names the association, not joining it).
    assert measured.ask("文身行业协会怎么加入？").status == "not_found"


def test_everyday_measures() -> None:
    pound = amounts.stated_amount("买一斤菜最多能差多少？")
    assert pound == amounts.Amount("mass", 0.0005)
    # 超过五百克 holds one 斤 only at the edge it is past; 五百克以下 holds it squarely.
    assert amounts.holds_at_edge("商品重量超过五百克、不超过二千五百克的", pound)
    assert not amounts.holds_at_edge("商品重量在五百克以下的", pound)
    assert amounts.stated_amount("两千平米的市场") == amounts.Amount("area", 2000.0)
    # 超过五百克、不超过二千五百克: one range, its upper bound's own words after the comma.
    ranged = "商品重量超过五百克、不超过二千五百克的"
    assert amounts.holds(ranged, amounts.Amount("mass", 0.0015))
    assert not amounts.holds(ranged, amounts.Amount("mass", 0.005))


def test_questions_in_everyday_measures(measured) -> None:  # type: ignore[no-untyped-def]
    for question, item, error in [
        ("买一斤菜最多能差多少？", "（一）", "五克"),
        ("买三斤肉秤能差多少？", "（二）", "十克"),
    ]:
        answer = measured.ask(question)
        assert first_cited(answer) == f"{SCALES}/第六条/{item}" and error in answer.text
    hours = measured.ask("发现作弊秤要几个钟头内报告？")  # 钟头: 小时
    assert first_cited(hours) == f"{SCALES}/第九条" and "二十四小时内" in hours.text


def test_a_word_table_with_merged_article_numbers() -> None:
    document = load_file(REGULATIONS / f"{FARM_STAYS}.docx")
    # A chapter's row, merged across both columns, is read once.
    assert "\n第二章　经营规范\n" in document.text and "经营规范 |" not in document.text
    library = build_library((document,))
    fifth = library.clause(f"{FARM_STAYS}/第二章/第五条").text
    assert "建筑层数不得超过四层。" in fifth and "登记信息保存不少于一年。" in fifth
    ids = {c.id.split("/", 1)[1] for c in library.clauses}
    assert {"第二章/第六条/（一）", "第二章/第六条/（四）", "第四章/第十二条"} <= ids
    assert {p.clause_id.split("/", 1)[1] for p in library.penalties} == {
        "第三章/第九条",
        "第三章/第十条",
        "第三章/第十一条",
    }


def test_a_merged_tables_articles_answered(pictured) -> None:  # type: ignore[no-untyped-def]
    second = pictured.ask("芫溪办法第五条第二款是什么？")
    assert first_cited(second).endswith("第二章/第五条") and "保存不少于一年" in second.text
    gas = pictured.ask("煤气罐能放在地下室吗？")  # 煤气罐: 液化石油气的气瓶
    assert first_cited(gas).endswith("第二章/第六条/（三）") and "地下室" in gas.text


def test_emoji_for_words() -> None:
    assert emoji_as_words("🐶拉💩不清理罚多少？") == "狗拉粪便不清理罚多少？"
    assert emoji_as_words("步道有🅿️停车场吗？") == "步道有停车场吗？"  # the word beside it
    assert emoji_as_words("步道几点🕕开门🤔") == "步道几点🕕开门🤔"  # decoration, dropped later


def test_questions_with_emoji(pictured) -> None:  # type: ignore[no-untyped-def]
    mess = pictured.ask("🐶拉💩不清理罚多少？")
    assert first_cited(mess) == f"{WALKWAY}/第十一条" and "五十元以上二百元以下" in mess.text
    ebike = pictured.ask("骑🛵进步道罚多少💰？")  # 骑: 驾驶
    assert first_cited(ebike) == f"{WALKWAY}/第九条" and "五十元罚款" in ebike.text
    hours = pictured.ask("步道几点🕕开门？")  # 开门: 开放
    assert first_cited(hours) == f"{WALKWAY}/第七条" and "6时至23时" in hours.text
    speed = pictured.ask("🚲能骑多快？")  # 多快: a length an hour
    assert first_cited(speed) == f"{WALKWAY}/第六条" and "十五公里" in speed.text
    assert pictured.ask("🐱能带进去吗？").status == "not_found"  # the rule is on dogs


def test_a_pdf_drawing_its_article_numbers_last() -> None:
    text = load_file(REGULATIONS / f"{PHARMACIES}.pdf").text.replace("　", " ")
    assert "第五条 零售药店销售处方药，应当凭医师开具的处方" in text
    # A line the layout began with a full stop (…的除外 / 。) closes the one before.
    assert "但凭电子处方销售的除外。\n第六条" in text
    library = build_library((load_file(REGULATIONS / f"{PHARMACIES}.pdf"),))
    assert sum(1 for c in library.clauses if "/" not in c.id.split("/", 1)[1]) >= 13


def test_an_owners_own_case(owned) -> None:  # type: ignore[no-untyped-def]
    # Asking a thing of its own case is no checklist of every duty (我是…需要做什么 is).
    assert classify_intent("我想把招牌装在楼顶上，要办什么手续？") == "list"
    assert classify_intent("我是一家排放重点管控新污染物的化工企业，需要做什么？") == "obligation"
    for question, article, term in [
        ("我店门面宽6米，招牌最长能做多长？", "第四条", "门面的宽度"),
        ("我家店临街，想挂两块招牌可以吗？", "第四条", "只能设置一块招牌"),  # 两块: a count
        ("我想把招牌装在楼顶上，要办什么手续？", "第五条", "申请许可"),  # 楼顶: 屋顶
        ("店关了一个月招牌还没拆，会怎样？", "第十一条", "代为拆除"),  # 未拆除: 代为拆除
    ]:
        answer = owned.ask(question)
        assert first_cited(answer) == f"{SIGNS}/{article}" and term in answer.text
    # 只能设置一块: a limit, binding as 不得 does.
    limits = [o for o in owned.library.obligations if o.clause_id == f"{SIGNS}/第四条"]
    assert any(o.action == "每个经营场所临街一侧只能设置一块招牌。" for o in limits)
    # 代为拆除 at the party's cost is what follows the breach: a penalty of its own.
    removal = next(p for p in owned.library.penalties if p.clause_id == f"{SIGNS}/第十一条")
    assert removal.sanctions == ("代为拆除",)


def test_a_double_encoded_text_read_as_written() -> None:
    written = "第五条　经营者应当做到："
    doubled = written.encode("utf-8").decode("latin-1").encode("utf-8")
    assert decode_text(doubled) == written
    # Text with Latin-1 letters of its own is left as it is.
    assert decode_text("Café 第一条".encode()) == "Café 第一条"
    document = load_file(REGULATIONS / f"{PLAYGROUNDS}.txt")
    assert document.meta.title == "萱川市儿童室内游乐场所安全管理规定"
    assert document.meta.order_no == "萱川市人民政府令第19号"


def test_a_double_encoded_regulation_answered(timed) -> None:  # type: ignore[no-untyped-def]
    fifth = timed.ask("萱川规定第五条是什么？")
    assert first_cited(fifth) == f"{PLAYGROUNDS}/第五条" and "每日营业前" in fifth.text
    report = timed.ask("孩子受伤了多久内要报告？")
    assert first_cited(report) == f"{PLAYGROUNDS}/第八条" and "二小时内" in report.text


def test_clock_times_as_said() -> None:
    assert clock_times("晚上九点半还能跳吗") == "晚上二十一时三十分还能跳吗"
    assert clock_times("中午一点能跳吗") == "中午十三时能跳吗"
    assert clock_times("下午两点以后") == "下午十四时以后"
    assert clock_times("凌晨十二点") == "凌晨零时"
    # 一点 for "a little", and an hour asked, are left as typed.
    assert clock_times("声音小一点") == "声音小一点"
    assert clock_times("几点开门") == "几点开门"


def test_questions_in_clock_times(timed) -> None:  # type: ignore[no-untyped-def]
    late = timed.ask("晚上九点半还能放音乐跳舞吗？")
    assert first_cited(late) == f"{DANCING}/第四条" and "14时至21时" in late.text
    early = timed.ask("早上六点半能跳广场舞吗？")
    assert first_cited(early) == f"{DANCING}/第四条" and "7时至12时" in early.text
