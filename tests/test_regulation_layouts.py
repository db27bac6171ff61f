"""More regulations as offices and their readers publish them: a Word file whose chapters,
articles and items Word numbers itself; a standing committee's 决定 in paragraphs 一、二、
that it cites as 第一条; a 试行办法 numbered as a plan is; one signed below its last
article, in force from the day it was issued; a 规定 copied from a social-media post and a
办法 saved from a government page with its toolbars; a 公文 Word template setting the body
in a one-cell table; riders' words for an ordinary 条例; a draft circulated with its tracked
changes; a 规定 copied out of a gazette, page breaks and all; a 办法 printed in two
columns; parents' words for a county's 规定; a 办法 kept in an Excel sheet, an article a
row; a 规定 pasted as one line; a PDF opening with its table of contents; villagers'
words for a county's 办法; a county's 办法 setting each article's number on a line of its
own, with an article 之一 inserted; a gazette page setting a 规定 in a table, an
article a row; a 规定 saved by Notepad as Unicode (UTF-16); and a 办法 saved by Word as
a web page, its article numbers Word's own; a 办法 exported from a legal database, its
fields above and its notice below; a Word 办法 grading its fines in an attached
table; a PDF printed from a portal with its watermark across each page; riders' and
drivers' words for an ordinary 规定; a 办法 pasted into a sheet a paragraph a row;
clients' words for a 规定 on cosmetic medicine; a 办法 naming each article's subject in
【】 after its number, asked in parents' words; and a government portal's page of a
办法, with its navigation, its metadata table and the 政府令 that promulgates it; a
规定 published in Chinese and English, article by article; and a Word draft for comment
with its 起草说明 after the articles, asked in players' words; a 修改决定 quoting the
articles it rewrites, then the 办法 as amended, asked in farmers' words; and an annotated
edition printed to PDF, its running head and foot on every page and its notes after the
last article; a portal page a browser saved as one file (.mhtml); a Word 规定 set in a
two-column table, 条款 | 内容; a text copied out of a PDF with its layout, its fines table
aligned by spaces; a 规则 pasted whole into one Excel cell; an old site's page setting a
办法 in a <pre> block, wrapped at its width; and Markdown from a notes app, front matter
and all; a 政府令 and its 规定 exported as OFD, the layout format of e-government systems;
and a city's 实施细则 quoting its province's 条例 by article, asked in families' words; a
规定 as an OCR app exports a scanned gazette, half-width punctuation and all; and a 办法
asked with an input method's homophones; a 规定 saved as OpenDocument, its items numbered
by a list style; and a 办法 asked in a compliance officer's formal register; a 办法 as a
WeChat account publishes it; and a 规定 asked in conversation; a 规定 Word saved as RTF;
and one asked with Arabic numerals and Latin units."""

from __future__ import annotations

from pathlib import Path

from policyqa.bilingual import translated
from policyqa.documents import load_file
from policyqa.docx_numbering import format_number
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

CAMPSITES = "chengjiang-campsite-rules"
POULTRY = "yanhui-poultry-livestock-decision"
numbered = regulations_fixture(f"{CAMPSITES}.docx", POULTRY)
CHARGING = "zhijiang-ev-charging-trial-measures"
PIPELINES = "zhelin-underground-pipelines-measures"
signed = regulations_fixture(CHARGING, PIPELINES)
ANGLING = "yuanshui-urban-angling-rules"
DONATION = "lanxi-blood-donation-measures"
posted = regulations_fixture(ANGLING, f"{DONATION}.html")
FEES = "lizhou-property-fees-measures"
BUSES = "lijiang-city-bus-regulation"
framed = regulations_fixture(f"{FEES}.docx", BUSES)
WATER_PRICE = "fengshui-tiered-water-price-draft"
PRUNING = "songyang-tree-pruning-rules"
drafted = regulations_fixture(f"{WATER_PRICE}.docx", PRUNING)
ACCESS = "zhongshan-accessibility-measures"
CARE = "chengshui-after-school-care-rules"
columns = regulations_fixture(f"{ACCESS}.pdf", CARE)
NAMES = "yunmeng-place-names-measures"
CAFES = "xianglin-internet-cafe-rules"
pasted = regulations_fixture(f"{NAMES}.xlsx", CAFES)
FUND = "guixi-maintenance-fund-measures"
ROADS = "bailing-rural-roads-measures"
villages = regulations_fixture(f"{FUND}.pdf", ROADS)
COUNTY_ROADS = "qingya-rural-roads-measures"
EBIKES = "fengting-ebike-charging-rules"
gazetted = regulations_fixture(COUNTY_ROADS, f"{EBIKES}.html")
DRONES = "bailu-drone-flight-rules"
HERITAGE = "shiqiao-historic-buildings-measures"
saved = regulations_fixture(DRONES, f"{HERITAGE}.htm")
CARDS = "luming-prepaid-cards-measures"
RENTALS = "xiaguang-rental-housing-measures"
exported = regulations_fixture(CARDS, f"{RENTALS}.docx")
LIFTS = "weitang-lift-retrofit-measures"
RIDES = "xinglin-ride-hailing-rules"
watermarked = regulations_fixture(f"{LIFTS}.pdf", RIDES)
HIKING = "dailing-hiking-safety-measures"
BEAUTY = "hongwan-medical-beauty-rules"
clients = regulations_fixture(f"{HIKING}.xlsx", BEAUTY)
TUTORING = "tangxi-tutoring-measures"
FOOD = "yanqiu-food-waste-measures"
portal = regulations_fixture(TUTORING, f"{FOOD}.html")
SIGNS = "wanfeng-foreign-language-signs-rules"
GAMES = "cangwu-script-games-measures-draft"
drafts = regulations_fixture(SIGNS, f"{GAMES}.docx")
WILDLIFE = "shanxi-wildlife-damage-compensation-measures"
BARBECUE = "liuan-outdoor-barbecue-rules"
amended = regulations_fixture(WILDLIFE, f"{BARBECUE}.pdf")
POWER = "tanqiao-power-bank-rules"
LOCKERS = "hualin-parcel-lockers-rules"
single = regulations_fixture(f"{POWER}.mhtml", f"{LOCKERS}.docx")
BOATS = "shazhou-pleasure-boats-measures"
METRO = "yantang-metro-riding-rules"
riders = regulations_fixture(BOATS, f"{METRO}.xlsx")
FUNERALS = "digang-funeral-measures"
NURSING = "yuxi-nursing-rooms-rules"
notes = regulations_fixture(f"{FUNERALS}.html", f"{NURSING}.md")
MANHOLES = "linghu-manhole-covers-rules"
HOUSEKEEPING = "tankou-housekeeping-rules"
laid_out = regulations_fixture(f"{MANHOLES}.ofd", HOUSEKEEPING)
FIRE_LANES = "bowan-fire-lanes-rules"
PERFORMERS = "fengdu-street-performers-measures"
scanned = regulations_fixture(FIRE_LANES, PERFORMERS)
SCHOOLS = "linbo-school-surroundings-rules"
CATERING = "quanxi-catering-food-safety-measures"
formal = regulations_fixture(f"{SCHOOLS}.odt", CATERING)
ALLOWANCE = "yugang-old-age-allowance-measures"
GREENWAYS = "zhewan-greenways-rules"
posted_again = regulations_fixture(f"{ALLOWANCE}.html", GREENWAYS)
SEATING = "tinggang-outdoor-seating-rules"
TRUCKS = "huaigang-truck-restrictions-rules"
units = regulations_fixture(f"{SEATING}.rtf", TRUCKS)


def test_word_numbers_articles_and_items_itself(numbered) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{CAMPSITES}.docx")
    # No paragraph holds its number: Word prints 第一章, 第一条 and （一） from numbering.xml,
    # articles counting on across chapters, items again from （一） in each article.
    assert "第二章 设立和经营" in document.text and "第十二条 违反本规定第四条规定" in document.text
    assert "（一）饮用水水源一级保护区；" in document.text
    assert "第六条 露营地经营者应当履行下列安全管理义务：\n（一）在显著位置" in document.text
    article = numbered.ask("澄江规定第八条是什么？")
    assert first_cited(article) == f"{CAMPSITES}/第二章/第八条" and "二十二时" in article.text
    staff = numbered.ask("安全员要配几个？")  # 安全员, as 安全管理人员 is shortened
    assert first_cited(staff) == f"{CAMPSITES}/第二章/第六条/（二）"
    # 气象部门发布…预警信号的，露营地经营者应当…: the operator is charged, not the office.
    office = numbered.ask("露营地归哪个部门管？")
    assert first_cited(office) == f"{CAMPSITES}/第一章/第三条"
    assert "市文化广电和旅游局" in office.text
    assert [format_number(n, "chineseCounting") for n in (1, 10, 17)] == ["一", "十", "十七"]
    assert format_number(3, "decimalEnclosedCircle") == "③"
    assert format_number(4, "upperRoman") == "IV"


def test_a_decision_in_numbered_paragraphs(numbered) -> None:  # type: ignore[no-untyped-def]
    parsed = [p for p in numbered.documents.library.parsed if p.doc_id == POULTRY][0]
    assert parsed.profile == "regulation"
    assert [c.id.split("/", 1)[1] for c in parsed.clauses][1:4] == ["第一条", "第二条", "第三条"]
    # 违反本决定第一条规定: the paragraph 一、 it cites.
    (fine,) = [p for p in numbered.documents.library.penalties if p.clause_id.endswith("第六条")]
    assert fine.obligations == (f"{POULTRY}/第一条",) and fine.authority == "市城市管理局"
    looked_up = numbered.ask("雁回决定第五条讲的是什么？")
    assert first_cited(looked_up) == f"{POULTRY}/第五条" and "三个工作日内" in looked_up.text
    # 养猪: 饲养鸡、鸭…和猪, the duty the penalty enforces.
    pigs = numbered.ask("单位养猪怎么处罚？")
    assert first_cited(pigs) == f"{POULTRY}/第六条" and "二千元以上一万元以下" in pigs.text
    # What the penalty imposes says who pays (所需费用由饲养人承担).
    cost = numbered.ask("代为处置的费用谁出？")
    assert first_cited(cost) == f"{POULTRY}/第六条" and "由饲养人承担" in cost.text
    # 农村 is the other side of the 城市建成区 it bounds its rule to: it says nothing there.
    assert numbered.ask("农村能养鸡吗？").status == "not_found"
    assert first_cited(numbered.ask("城里能养鸡吗？")) == f"{POULTRY}/第一条"
    # The asker's neighbour is no thing the text must name.
    reward = numbered.ask("举报邻居养鸡有奖励吗？")
    assert first_cited(reward) == f"{POULTRY}/第五条" and "二百元奖励" in reward.text


def test_a_trial_measure_numbered_as_a_plan_is(signed) -> None:  # type: ignore[no-untyped-def]
    parsed = [p for p in signed.documents.library.parsed if p.doc_id == CHARGING][0]
    assert parsed.profile == "regulation"  # 试行办法: its genre, though numbered 一、 › （一）
    duties = [o for o in signed.documents.library.obligations if o.doc_id == CHARGING]
    assert {o.clause_id.split("/", 1)[1] for o in duties} >= {"二/（五）", "三/（九）", "三/（十）"}
    assert any(o.actor == "物业服务企业" for o in duties)  # not （五）物业服务企业
    # 第七项: the unit numbered （七）, where no 第…条 exists; a plan's （七） is never one.
    unit = signed.ask("芷江办法第七项讲的什么？")
    assert first_cited(unit) == f"{CHARGING}/二/（七）" and "百分之三十" in unit.text
    # 供电企业负责…: a party charged, though no office.
    assert first_cited(signed.ask("谁负责报装接电？")) == f"{CHARGING}/一/（三）"
    # Old residential areas and e-bikes: the other side of what the rule is bounded to.
    assert signed.ask("老小区必须装充电桩吗？").status == "not_found"
    assert signed.ask("电动自行车能在充电桩充电吗？").status == "not_found"


def test_a_measure_signed_below_its_last_article(signed) -> None:  # type: ignore[no-untyped-def]
    meta = load_file(REGULATIONS / f"{PIPELINES}.txt").meta
    assert meta.issuer == "柘林市人民政府" and meta.date == meta.effective == "2036-06-18"
    effective = signed.ask("柘林办法什么时候施行？")
    assert (
        first_cited(effective) == f"{PIPELINES}/第十一条" and "自发布之日起施行" in effective.text
    )
    # 在管线上面: where, not 谁在管.
    trees = signed.ask("可以在管线上面种树吗？")
    assert first_cited(trees).startswith(f"{PIPELINES}/第六条") and "深根植物" in trees.text
    item = signed.ask("第四条第2项是什么？")
    assert first_cited(item) == f"{PIPELINES}/第四条/2" and "每月至少" in item.text


def test_a_regulation_copied_from_a_social_media_post(posted) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{ANGLING}.txt")
    # Its first line is the account's (点击上方蓝字 关注我们): the title is the line naming a
    # regulation; what follows the post's —END— mark is the account's, not the rule's.
    assert document.meta.title == "沅水市城市河道垂钓管理规定"
    assert document.text.rstrip().endswith("【第十一条】本规定自2036年6月1日起施行。")
    parsed = [p for p in posted.documents.library.parsed if p.doc_id == ANGLING][0]
    assert "第十一条" in [c.id.split("/", 1)[1] for c in parsed.clauses]  # 【第十一条】
    duties = [o for o in posted.documents.library.obligations if o.doc_id == ANGLING]
    # 禁止垂钓区由市农业农村局划定: a zone named by what is forbidden there, no prohibition.
    assert not any(o.action.startswith("禁止垂钓区由") for o in duties)
    catch = posted.ask("钓到的鱼最多能带走多少？")  # 五公斤, a mass stated
    assert first_cited(catch) == f"{ANGLING}/第七条" and "五公斤" in catch.text
    stubborn = posted.ask("在禁钓区钓鱼不听劝怎么处理？")  # 不听劝: a wrong, its penalty
    assert first_cited(stubborn) == f"{ANGLING}/第十条"
    assert posted.ask("水库能钓鱼吗？").status == "not_found"  # a rule for 河道、湖泊


def test_a_regulation_saved_from_a_government_page(posted) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{DONATION}.html")
    assert document.meta.title == "岚溪市无偿献血管理办法"
    assert "打印" not in document.text and "上一篇" not in document.text
    # 一次能抽多少: how many at once is no thing the text must name; 毫升 is stated.
    volume = posted.ask("一次能抽多少血？")
    assert first_cited(volume) == f"{DONATION}/第二章/第四条" and "二百毫升" in volume.text
    # 没体检: 没 is no act that 没收 shares.
    unchecked = posted.ask("血站没体检就采血怎么处理？")
    assert first_cited(unchecked) == f"{DONATION}/第四章/第十一条"


def test_a_body_framed_in_a_one_cell_table(framed) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{FEES}.docx")
    # The red header (澧州市人民政府文件) names no kind of document; the framed title does.
    assert document.meta.title == "澧州市住宅物业服务收费管理办法"
    assert "\n第六条　已竣工但尚未出售" in document.text  # a paragraph, not a table row
    # 由市发展和改革委员会责令改正…处…罚款: a penalty, though no 法律责任 chapter holds it.
    unposted = framed.ask("物业不公示收费标准罚多少？")
    assert first_cited(unposted) == f"{FEES}/第九条" and "五百元以上二千元以下" in unposted.text
    # 停电 in 停止供水、供电; 催费 for 催交.
    cut = framed.ask("物业停电催费怎么罚？")
    assert first_cited(cut) == f"{FEES}/第十条" and "一万元以上五万元以下" in cut.text


def test_riders_words_for_an_ordinary_regulation(framed) -> None:  # type: ignore[no-untyped-def]
    # 公交, as riders call the 公共汽车 the text names.
    elderly = framed.ask("老人坐公交免费吗？")
    assert first_cited(elderly) == f"{BUSES}/第二章/第六条" and "七十周岁以上" in elderly.text
    lost = framed.ask("东西落在公交车上怎么办？")
    assert first_cited(lost) == f"{BUSES}/第三章/第九条"
    # 带汽油上公交: an act on a 危险品, which a penalty's conduct names.
    petrol = framed.ask("带汽油上公交怎么处理？")
    assert first_cited(petrol) == f"{BUSES}/第四章/第十一条"
    assert framed.ask("公交票价多少钱？").status == "not_found"


def test_a_draft_read_as_it_now_stands(drafted) -> None:  # type: ignore[no-untyped-def]
    text = load_file(REGULATIONS / f"{WATER_PRICE}.docx").text
    # Tracked changes taken as made: 150 struck for 180, a 款 inserted, 第十条 struck whole.
    assert "每户每年用水量180立方米以内" in text and "150" not in text
    assert "城乡低保家庭每户每月免费用水5立方米" in text and "第十条" not in text
    reply = drafted.ask("申请复核多久答复？")
    assert first_cited(reply) == f"{WATER_PRICE}/第七条" and "五个工作日内" in reply.text
    assert drafted.ask("沣水办法第十条是什么？").status == "not_found"


def test_a_gazette_copy_joined_across_its_pages(drafted) -> None:  # type: ignore[no-untyped-def]
    text = load_file(REGULATIONS / f"{PRUNING}.txt").text
    # The running head and page number are dropped, and the article they cut is one again.
    assert "公报" not in text and "— 23 —" not in text
    assert "供电企业应当会同树木养护单位进行修剪。" in text
    whole = drafted.ask("嵩阳规定第六条是什么？")
    assert first_cited(whole) == f"{PRUNING}/第六条" and "会同树木养护单位进行修剪" in whole.text
    # 当日 answers how long, as a length of time.
    cleared = drafted.ask("修剪下来的枝叶多久要清走？")
    assert first_cited(cleared) == f"{PRUNING}/第八条" and "当日清运" in cleared.text


def test_a_page_printed_in_two_columns(columns) -> None:  # type: ignore[no-untyped-def]
    text = load_file(REGULATIONS / f"{ACCESS}.pdf").text
    # The title across both columns first, then the left column down, then the right;
    # each column's lines rejoined against its own margins.
    assert text.startswith("钟山市无障碍环境建设管理办法\n")
    assert text.index("第八条") < text.index("第九条") < text.index("第十三条")
    assert "第九条 因城市建设确需临时占用无障碍设施的，应当经市城市管理局批准" in text
    fix = columns.ask("无障碍设施坏了多久内要修好？")
    assert first_cited(fix) == f"{ACCESS}/第三章/第七条" and "七日内修复" in fix.text
    fine = columns.ask("占用盲道停车罚多少？")
    assert first_cited(fine) == f"{ACCESS}/第四章/第十条" and "一百元以上五百元以下" in fine.text


def test_parents_words_for_a_county_rule(columns) -> None:  # type: ignore[no-untyped-def]
    # 几点 asks an hour: a limit in days (十日内退还) is none, so it does not answer.
    latest = columns.ask("托管班最晚到几点？")
    assert "十日内" not in latest.text.split("可能相关")[0]
    # 补课, a kind of 学科类培训.
    tutoring = columns.ask("托管班能补课吗？")
    assert first_cited(tutoring).startswith(f"{CARE}/第五条")


def test_a_sheet_an_article_a_row_and_a_text_run_together(pasted) -> None:  # type: ignore[no-untyped-def]
    # 第五条 | its text, a row of a sheet: the article, under the chapter a row names.
    decision = pasted.ask("申报楼名多久有结果？")
    assert first_cited(decision) == f"{NAMES}/第二章/第五条" and "十五个工作日内" in decision.text
    # A regulation pasted as one line: an article a line again, the title its own.
    document = load_file(REGULATIONS / f"{CAFES}.txt")
    assert document.meta.title == "湘临市互联网上网服务营业场所管理规定"
    assert "\n第三条 网吧与中小学校的直线距离不得少于二百米。\n" in document.text
    distance = pasted.ask("网吧离学校要多远？")
    assert first_cited(distance) == f"{CAFES}/第三条" and "二百米" in distance.text
    minors = pasted.ask("网吧让小孩进去会怎样？")
    assert first_cited(minors) == f"{CAFES}/第七条" and "责令停业整顿" in minors.text


def test_a_table_of_contents_and_villagers_words(villages) -> None:  # type: ignore[no-untyped-def]
    # The contents page's 第二章　交存……1 is no chapter: the articles sit under the body's.
    parsed = [p for p in villages.documents.library.parsed if p.doc_id == FUND][0]
    assert f"{FUND}/第二章/第四条" in [c.id for c in parsed.clauses]
    urgent = villages.ask("紧急使用维修资金多久审核？")
    assert first_cited(urgent).startswith(f"{FUND}/第三章/第八条") and "二个工作日内" in urgent.text
    # 超载, another word for 限载.
    overload = villages.ask("超载车能走村道吗？")
    assert first_cited(overload).startswith(f"{ROADS}/第五条")


def test_numbers_on_their_own_lines_and_an_inserted_article(gazetted) -> None:  # type: ignore[no-untyped-def]
    parsed = [p for p in gazetted.documents.library.parsed if p.doc_id == COUNTY_ROADS][0]
    ids = [c.id for c in parsed.clauses]
    # 第 二 章　　养　　护 and 第八条 over its text: the chapter, then the article.
    assert f"{COUNTY_ROADS}/第二章/第八条之一" in ids and f"{COUNTY_ROADS}/第三章/第九条/①" in ids
    # 路长名单应当… is the duty of no party named; 乡（镇）人民政府, after the condition that
    # its duty follows (…造成损毁或者中断的，), is charged as an agency.
    duties = gazetted.documents.library.agency_duties
    assert any(
        d.clause_id == f"{COUNTY_ROADS}/第二章/第六条" and d.department == "乡（镇）人民政府"
        for d in duties
    )
    # 多久能通: when it is open again (三日内恢复通行), not when it is reported.
    reopened = gazetted.ask("山体滑坡把路冲断了多久能通？")
    assert first_cited(reopened) == f"{COUNTY_ROADS}/第二章/第六条"
    assert "三日内恢复通行" in reopened.text and "二十四小时" not in reopened.text
    # 多少钱: the article stating a sum, before 第八条之一 on the same upkeep, which states none.
    funds = gazetted.ask("村道养护一年给多少钱？")
    assert first_cited(funds) == f"{COUNTY_ROADS}/第二章/第八条" and "五千元" in funds.text
    damage = gazetted.ask("超重车压坏了路怎么办？")  # 压坏, a word: not 车压 and 坏了
    assert first_cited(damage) == f"{COUNTY_ROADS}/第四章/第十三条" and "赔偿责任" in damage.text
    demolished = gazetted.ask("在路边违建会被拆吗？")  # 会被拆: what the penalty imposes
    assert first_cited(demolished) == f"{COUNTY_ROADS}/第四章/第十四条"
    assert "限期拆除" in demolished.text
    assert gazetted.ask("路长一个月有多少补贴？").status == "not_found"


def test_a_gazette_page_with_an_article_a_table_row(gazetted) -> None:  # type: ignore[no-untyped-def]
    # Each line of a row's text cell is a paragraph: items, then the article's second 款.
    document = load_file(REGULATIONS / f"{EBIKES}.html")
    assert "第四条 禁止在下列区域停放电动自行车或者为电动自行车充电：\n（一）" in document.text
    assert "集中充电场所的除外。\n禁止携带电动自行车" in document.text
    lift = gazetted.ask("能把电动车推进电梯吗？")
    assert first_cited(lift) == f"{EBIKES}/第四条/第二款" and "电梯轿厢" in lift.text
    # A 街道办事处 fines, and a referral to another law (依照…的规定处理) is a sanction.
    penalties = {p.clause_id: p for p in gazetted.documents.library.penalties if p.doc_id == EBIKES}
    assert penalties[f"{EBIKES}/第十一条"].authority == "街道办事处"
    assert penalties[f"{EBIKES}/第十三条"].authority == "市市场监督管理局"
    wired = gazetted.ask("飞线充电罚多少？")
    assert first_cited(wired) == f"{EBIKES}/第十一条" and "五十元以上二百元以下" in wired.text
    # A fine is no price: nothing says what a charge costs.
    assert gazetted.ask("充一次电多少钱？").status == "not_found"
    older = gazetted.ask("老小区没有充电的地方怎么办？")  # 已建成的住宅小区
    assert first_cited(older) == f"{EBIKES}/第六条" and "逐步增设" in older.text


def test_a_rule_saved_as_unicode_and_asked_in_flyers_words(saved) -> None:  # type: ignore[no-untyped-def]
    # Notepad's "Unicode": UTF-16 with its byte-order mark, \r\n line ends.
    assert (REGULATIONS / f"{DRONES}.txt").read_bytes()[:2] == b"\xff\xfe"
    document = load_file(REGULATIONS / f"{DRONES}.txt")
    assert document.meta.title == "白鹭市民用无人驾驶航空器飞行安全管理规定"
    # 晚上能飞: 能 and 飞, so 飞 finds 飞行 and 晚上 finds the item on 夜间.
    night = saved.ask("晚上能飞无人机吗？")
    assert first_cited(night).startswith(f"{DRONES}/第八条") and "夜间" in night.text
    # 演唱会, a 大型群众性活动: the one article naming all that is asked, ranked below five
    # that name the drone alone.
    concert = saved.ask("开演唱会的时候附近能飞无人机吗？")
    assert first_cited(concert) == f"{DRONES}/第九条" and "一千米" in concert.text
    peeping = saved.ask("用无人机偷拍别人怎么罚？")  # 偷拍: 窥探他人隐私
    assert first_cited(peeping) == f"{DRONES}/第十四条"
    assert "一千元以上一万元以下" in peeping.text
    assert saved.ask("飞无人机要买保险吗？").status == "not_found"


def test_a_measure_saved_by_word_as_a_web_page(saved) -> None:  # type: ignore[no-untyped-def]
    # GB2312; each 第N条 from Word's list numbering (an mso-list:Ignore span); the source
    # wrapped inside sentences, which reads as no space between Chinese characters.
    document = load_file(REGULATIONS / f"{HERITAGE}.htm")
    assert (
        "第七条 对历史建筑进行修缮的，保护责任人应当在施工前将修缮方案报县住房和城乡建设局批准。"
        in (document.text)
    )
    parsed = [p for p in saved.documents.library.parsed if p.doc_id == HERITAGE][0]
    assert f"{HERITAGE}/第二章/第八条/（四）" in [c.id for c in parsed.clauses]
    # 保护责任人是谁: the sentence making someone it, not one the 责任人 acts in.
    liable = saved.ask("历史建筑的保护责任人是谁？")
    assert first_cited(liable) == f"{HERITAGE}/第二章/第六条"
    assert "所有权人为保护责任人" in liable.text
    # 外墙上 cut 外 / 墙上 is the wall, not the outside of the house.
    aircon = saved.ask("能在老房子外墙上装空调吗？")
    assert first_cited(aircon).startswith(f"{HERITAGE}/第二章/第八条")
    assert "空调室外机" in aircon.text
    # Asked whether the asker may (我家…能…吗), not what the asker must do.
    nominate = saved.ask("我家老房子能推荐成历史建筑吗？")
    assert first_cited(nominate) == f"{HERITAGE}/第二章/第四条" and "推荐" in nominate.text
    assert saved.ask("改外立面会被拘留吗？").status == "not_found"


def test_a_legal_database_export(exported) -> None:  # type: ignore[no-untyped-def]
    # 【法规标题】… is a field: its value is the title; the © notice below is no article's.
    document = load_file(REGULATIONS / f"{CARDS}.txt")
    assert document.meta.title == "鹿鸣市单用途预付卡消费管理办法"
    assert document.meta.order_no == "鹿鸣市人民政府令第45号"
    assert "©" not in document.text and "法宝快讯" not in document.text
    refund = exported.ask("办了卡不想用了能退吗？")  # 能退: 能, then 退 (退卡)
    assert first_cited(refund) == f"{CARDS}/第三章/第九条" and "全额退卡" in refund.text
    gone = exported.ask("老板卷钱跑路怎么处理？")  # 跑路, a kind of 停业: the penalty
    assert first_cited(gone) == f"{CARDS}/第四章/第十六条" and "移送公安机关" in gone.text
    hotline = exported.ask("预付卡纠纷打什么电话投诉？")  # 电话: 12315热线
    assert first_cited(hotline) == f"{CARDS}/第三章/第十二条" and "12315" in hotline.text


def test_fines_graded_in_an_attached_table(exported) -> None:  # type: ignore[no-untyped-def]
    # 附件 alone on its line, its title and table below: an attachment, not 第十四条's text.
    parsed = [p for p in exported.documents.library.parsed if p.doc_id == RENTALS][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{RENTALS}/附件" in ids
    last = next(c for c in parsed.clauses if c.id == f"{RENTALS}/第十四条")
    assert "裁量基准" not in last.text
    kitchen = exported.ask("把阳台单独租出去住人第一次罚多少？")
    assert first_cited(kitchen) == f"{RENTALS}/附件" and "处一万元罚款" in kitchen.text
    # 房东 and 租客, as the text names them 出租人 and 承租人.
    evict = exported.ask("房东能把租客赶出去吗？")
    assert first_cited(evict) == f"{RENTALS}/第六条" and "驱逐承租人" in evict.text
    agent = exported.ask("中介要公示收费标准吗？")  # 中介: a 住房租赁企业
    assert first_cited(agent) == f"{RENTALS}/第十条"
    assert exported.ask("租房能落户吗？").status == "not_found"


def test_a_pdf_with_a_watermark_across_its_pages(watermarked) -> None:  # type: ignore[no-untyped-def]
    # The watermark's characters, set at a slant, are no text; the chapter centred below
    # the centred note is a heading, and the note's wrapped line joins it.
    document = load_file(REGULATIONS / f"{LIFTS}.pdf")
    assert "门户网站" not in document.text and "weitang" not in document.text
    assert document.meta.issuer == "苇塘市人民政府"
    assert "增设电梯方案应当在本单元显著位置公示，公示期不少于十日。" in document.text
    parsed = [p for p in watermarked.documents.library.parsed if p.doc_id == LIFTS][0]
    assert f"{LIFTS}/第一章/第一条" in [c.id for c in parsed.clauses]
    share = watermarked.ask("加装电梯的钱怎么分？")  # 钱, 费用; 分, 分摊
    assert first_cited(share) == f"{LIFTS}/第二章/第五条" and "由高到低递减" in share.text
    # 怎么办 after a thing done that a penalty's conduct names, every concept of it.
    riot = watermarked.ask("有人闹事阻止施工怎么办？")
    assert first_cited(riot) == f"{LIFTS}/第四章/第十四条" and "公安机关" in riot.text


def test_riders_and_drivers_words(watermarked) -> None:  # type: ignore[no-untyped-def]
    # 几年驾龄: no limit in hours (投诉…二十四小时内) answers a length counted in years.
    # (Which article states it in years turns on ranking: with the lifts 办法 beside it,
    # the one on vehicles, 使用年限不超过8年, comes first.)
    years = watermarked.ask("跑网约车要几年驾龄？")
    assert first_cited(years).startswith(f"{RIDES}/") and "二十四小时" not in years.text
    station = watermarked.ask("司机能在火车站拉客吗？")  # 拉客: 揽客
    assert first_cited(station).startswith(f"{RIDES}/第八条") and "揽客" in station.text
    prices = watermarked.ask("平台乱涨价谁来管？")  # 涨价, 加价: who supervises prices
    assert first_cited(prices) == f"{RIDES}/第三条" and "市市场监督管理局" in prices.text
    assert watermarked.ask("网约车能走公交车道吗？").status == "not_found"


def test_a_sheet_a_paragraph_a_row_and_clients_words(clients) -> None:  # type: ignore[no-untyped-def]
    permit = clients.ask("组织爬山要报备吗？")  # 爬山: 登山
    assert first_cited(permit) == f"{HIKING}/第四条" and "十人以上" in permit.text
    bbq = clients.ask("能在山上烧烤吗？")  # 烧烤, a kind of 用火
    assert first_cited(bbq) == f"{HIKING}/第八条" and "不得在野外用火" in bbq.text
    # 什么时候施行: the 规定's own article, not the note above its title saying the same.
    start = clients.ask("泓湾规定什么时候施行？")
    assert first_cited(start) == f"{BEAUTY}/第十四条" and "2040年5月1日" in start.text
    # 前后对比照 is a photograph, not a comparison of two documents.
    photos = clients.ask("医美广告能用前后对比照吗？")
    assert first_cited(photos) == f"{BEAUTY}/第八条" and "诊疗前后对比" in photos.text
    minors = clients.ask("未成年人能做双眼皮吗？")  # 双眼皮, a 医疗美容项目
    assert first_cited(minors) == f"{BEAUTY}/第六条" and "未满十八周岁" in minors.text
    assert clients.ask("做双眼皮多少钱？").status == "not_found"


def test_article_subjects_in_brackets_and_parents_words(portal) -> None:  # type: ignore[no-untyped-def]
    # 第九条【收费管理】: the article, its subject in 【】 part of its text.
    parsed = [p for p in portal.documents.library.parsed if p.doc_id == TUTORING][0]
    assert f"{TUTORING}/第三章/第九条" in [c.id for c in parsed.clauses]
    # 20:30, an hour of the clock written with a colon, answers 最晚到几点.
    late = portal.ask("晚上补课最晚到几点？")
    assert first_cited(late) == f"{TUTORING}/第三章/第七条" and "20:30" in late.text
    # 保存时间不少于三十日: a length of time a record is kept, in days.
    kept = portal.ask("培训班的监控录像要保存多久？")
    assert first_cited(kept) == f"{TUTORING}/第二章/第五条" and "不少于三十日" in kept.text
    dance = portal.ask("舞蹈班归谁审批？")  # 舞蹈班, a 文化艺术类 class
    assert first_cited(dance) == f"{TUTORING}/第一章/第三条" and "市文化广电和旅游局" in dance.text
    online = portal.ask("网课一节课最长多久？")  # 网课: 线上培训; 一节课: 每课时
    assert first_cited(online) == f"{TUTORING}/第三章/第七条" and "三十分钟" in online.text
    # 幼儿园小朋友, a party the 办法 (on 中小学生) never names.
    assert portal.ask("幼儿园小朋友能上培训班吗？").status == "not_found"


def test_a_portal_page_with_the_order_promulgating_it(portal) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{FOOD}.html")
    assert document.meta.title == "雁丘市制止餐饮浪费办法"
    assert document.meta.order_no == "雁丘市人民政府令第58号"
    assert document.meta.effective == "2040-08-01"
    assert "网站标识码" not in document.text and "城市市容和环境卫生管理办法" not in document.text
    # 能多订几桌: a count capped as a share of itself (桌数…不得超过…百分之十).
    tables = portal.ask("办婚宴能多订几桌？")
    assert first_cited(tables) == f"{FOOD}/第八条" and "百分之十" in tables.text
    discounts = portal.ask("外卖平台能搞满减吗？")  # 外卖平台: 网络餐饮服务平台
    assert first_cited(discounts) == f"{FOOD}/第十条" and "满减" in discounts.text
    remind = portal.ask("饭店服务员要提醒客人少点吗？")  # 提醒: 提示; 少点: 适量点餐
    assert first_cited(remind) == f"{FOOD}/第四条"
    # A fee whose rate the 办法 leaves to the restaurant to post: no sum to quote.
    assert portal.ask("自助餐浪费收多少钱？").status == "not_found"


def test_a_bilingual_text_is_read_in_chinese(drafts) -> None:  # type: ignore[no-untyped-def]
    # Each article's English is its translation: no 款 of it, its (1) no item.
    document = load_file(REGULATIONS / f"{SIGNS}.txt")
    assert "Article" not in document.text and "Promulgated" not in document.text
    assert document.meta.order_no == "晚枫市人民政府令第12号"
    parsed = [p for p in drafts.documents.library.parsed if p.doc_id == SIGNS][0]
    article = [c.id for c in parsed.clauses if c.id.startswith(f"{SIGNS}/第四条/")]
    assert article == [f"{SIGNS}/第四条/（{n}）" for n in "一二三四"] + [f"{SIGNS}/第四条/第二款"]
    # An English text is its own text, and a term on its line (PFOS) translates nothing.
    assert translated(["Article 1 These Regulations are formulated.", "第一条"]) == {0}
    assert translated(["Regulations on Signs", "Article 1 These Regulations apply."]) == set()
    assert translated(["PFOS", "第一条 禁止生产PFOS。"]) == set()
    # 翻译 asked of a sign is no request to translate (帮我翻译成英文 is).
    standard = drafts.ask("路牌英文翻译有标准吗？")
    assert first_cited(standard) == f"{SIGNS}/第六条" and "国家标准" in standard.text
    alone = drafts.ask("只用英文的招牌罚多少？")  # 只用: 单独使用; 招牌, a 标识
    assert first_cited(alone) == f"{SIGNS}/第十条" and "五百元以上二千元以下" in alone.text
    # 督促整改 by a 办公室 is what follows the breach, linked to the duty it cites.
    ignored = drafts.ask("标识翻译错了不改会怎样？")
    assert first_cited(ignored) == f"{SIGNS}/第十一条" and "督促整改" in ignored.text


def test_a_draft_with_its_drafting_note(drafts) -> None:  # type: ignore[no-untyped-def]
    # The 起草说明 after the last article holds what follows; it is no part of 第十三条.
    parsed = [p for p in drafts.documents.library.parsed if p.doc_id == GAMES][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{GAMES}/起草说明/一" in ids and f"{GAMES}/起草说明/三/（二）" in ids
    last = next(c for c in parsed.clauses if c.id == f"{GAMES}/第十三条")
    assert "起草说明" not in last.text
    # It retells the articles; only theirs are duties.
    library = drafts.documents.library
    assert not [o for o in library.obligations if "起草说明" in o.clause_id]
    assert not [a for a in library.agency_duties if "起草说明" in a.clause_id]
    filing = drafts.ask("开剧本杀店要备案吗？")
    assert first_cited(filing) == f"{GAMES}/第四条" and "二十日内" in filing.text
    extra = drafts.ask("玩到一半能加收费用吗？")  # 加收: 另行收取; not the note's 加价
    assert first_cited(extra) == f"{GAMES}/第九条"
    smoke = drafts.ask("有烟雾特效要提前告诉玩家吗？")  # 玩家, 消费者; 提前: 开始前
    assert first_cited(smoke) == f"{GAMES}/第八条" and "游戏开始前" in smoke.text
    # 卖酒: a thing of one character after its verb, which the 办法 never names.
    assert drafts.ask("剧本杀店能卖酒吗？").status == "not_found"
    # What no article says, the note answers (二百一十六家).
    count = drafts.ask("全市有多少家剧本杀店？")
    assert first_cited(count) == f"{GAMES}/起草说明/一" and "二百一十六家" in count.text


def test_a_decision_amending_a_measure_then_the_measure(amended) -> None:  # type: ignore[no-untyped-def]
    # The articles the 决定 quotes (“第八条…) are no articles: the 办法 as amended has them.
    parsed = [p for p in amended.documents.library.parsed if p.doc_id == WILDLIFE][0]
    ids = [c.id for c in parsed.clauses]
    assert ids.count(f"{WILDLIFE}/第八条") == 1 and f"{WILDLIFE}/第十二条" in ids
    # The 决定 above the first article quotes them whole; the articles answer.
    medical = amended.ask("庄稼被糟蹋了第一时间要做什么？")  # 第一时间: 及时; 糟蹋: 损失
    assert first_cited(medical) == f"{WILDLIFE}/第四条" and "保护现场" in medical.text
    # 申请补偿 as one act (提出补偿申请), not 申请复核 or 自收到申请之日起 (its event).
    applying = amended.ask("被野猪咬了多久内要申请补偿？")
    assert first_cited(applying) == f"{WILDLIFE}/第五条" and "十五日内" in applying.text
    changed = amended.ask("申请期限改成多少天了？")
    assert first_cited(changed) == f"{WILDLIFE}/第五条" and "十五日内" in changed.text
    late = amended.ask("超过期限申请还能补偿吗？")  # 超过期限 asks no time limit
    assert first_cited(late).startswith(f"{WILDLIFE}/第九条") and "未在规定期限内" in late.text
    review = amended.ask("对补偿结果不满意怎么办？")  # 不满意: 有异议
    assert first_cited(review) == f"{WILDLIFE}/第七条" and "申请复核" in review.text


def test_an_annotated_edition_with_running_heads(amended) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{BARBECUE}.pdf")
    assert "注释本仅供参考" not in document.text and "规章汇编" not in document.text
    assert "每日收摊后清扫场地" in document.text
    # The notes after the last article are said about the articles, not items of it.
    parsed = [p for p in amended.documents.library.parsed if p.doc_id == BARBECUE][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{BARBECUE}/注释/①" in ids and f"{BARBECUE}/第十一条/①" not in ids
    assert f"{BARBECUE}/注释/①" in amended.documents.library.commentary
    below = amended.ask("能在小区楼下摆烧烤摊吗？")  # 烧烤摊: a stall named by its trade
    assert first_cited(below).startswith(f"{BARBECUE}/第四条") and "居民住宅楼下" in below.text
    opening = amended.ask("烧烤摊几点可以出摊？")  # 出摊: 经营时间
    assert first_cited(opening) == f"{BARBECUE}/第五条" and "十八时" in opening.text
    fumes = amended.ask("烧烤摊要装油烟净化器吗？")  # 净化器: 净化装置
    assert first_cited(fumes) == f"{BARBECUE}/第六条" and "油烟净化装置" in fumes.text


def test_a_page_saved_as_a_single_file(single) -> None:  # type: ignore[no-untyped-def]
    # MIME parts, the page quoted-printable in GB2312: read as the page it saved.
    document = load_file(REGULATIONS / f"{POWER}.mhtml")
    assert document.meta.title == "檀桥市共享充电宝经营服务管理规定"
    assert document.meta.order_no == "檀桥市人民政府令第44号"
    assert "第五条 经营者应当设置不少于五分钟的免费使用时长" in document.text
    assert "网站标识码" not in document.text and "font-size" not in document.text
    # 不少于五分钟的免费使用时长: a length of time, in the minutes asked.
    free = single.ask("借了充电宝几分钟内还不要钱？")
    assert first_cited(free) == f"{POWER}/第五条" and "五分钟" in free.text
    # 即时退还 is a time limit (at once), as 立即 is.
    deposit = single.ask("充电宝押金什么时候退？")
    assert first_cited(deposit) == f"{POWER}/第七条" and "即时退还" in deposit.text
    late = single.ask("充电宝忘记还了最多扣多少钱？")  # 忘记还: 未归还
    assert first_cited(late) == f"{POWER}/第六条" and "九十九元" in late.text


def test_a_word_table_of_articles(single) -> None:  # type: ignore[no-untyped-def]
    # 条款 | 内容, a row an article; a merged row a chapter.
    parsed = [p for p in single.documents.library.parsed if p.doc_id == LOCKERS][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{LOCKERS}/第二章/第七条" in ids and f"{LOCKERS}/第四章/第十二条" in ids
    fee = single.ask("快递柜超时费最多收多少？")  # 快递柜: 智能快件箱; 超时费: 保管费
    assert first_cited(fee) == f"{LOCKERS}/第二章/第七条" and "累计不超过三元" in fee.text
    # 不同意 is no comparison of two documents.
    refused = single.ask("我不同意放快递柜快递员该怎么送？")
    assert first_cited(refused) == f"{LOCKERS}/第二章/第五条" and "约定地址投递" in refused.text
    exits = single.ask("快递柜能放在消防通道吗？")  # 放在: where, no act the text must name
    assert first_cited(exits) == f"{LOCKERS}/第二章/第八条" and "消防通道" in exits.text


def test_a_fines_table_aligned_by_spaces(riders) -> None:  # type: ignore[no-untyped-def]
    parsed = [p for p in riders.documents.library.parsed if p.doc_id == BOATS][0]
    assert f"{BOATS}/附件" in [c.id for c in parsed.clauses]
    storm = riders.ask("下暴雨还开船怎么罚？")  # 暴雨, a kind of 恶劣天气; 开船, of 航行
    assert first_cited(storm) == f"{BOATS}/附件" and "1万元罚款" in storm.text
    # A row of the schedule a penalty fines by states no price.
    assert riders.ask("坐游船一次多少钱？").status == "not_found"


def test_a_rule_pasted_into_one_cell(riders) -> None:  # type: ignore[no-untyped-def]
    # One cell, its lines broken inside it: read a line a paragraph, articles and items.
    parsed = [p for p in riders.documents.library.parsed if p.doc_id == METRO][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{METRO}/第三条/（四）" in ids and f"{METRO}/第十一条" in ids
    dog = riders.ask("导盲犬能进地铁吗？")  # 地铁: 城市轨道交通
    assert first_cited(dog).startswith(f"{METRO}/第三条") and "导盲犬除外" in dog.text
    # 几个小孩: a count of people stated in 名 (限带一名).
    children = riders.ask("一个大人能免费带几个小孩？")
    assert first_cited(children) == f"{METRO}/第二条" and "限带一名" in children.text
    # A charge over the whole 规则 (负责本规则实施的监督管理) answers who supervises 地铁.
    office = riders.ask("地铁归哪个部门管？")
    assert first_cited(office) == f"{METRO}/第八条" and "市交通运输局" in office.text
    sleep = riders.ask("地铁上能躺着睡吗？")  # 睡, 躺着: 躺卧
    assert first_cited(sleep).startswith(f"{METRO}/第四条") and "躺卧" in sleep.text


def test_a_page_setting_its_text_in_a_pre_block(notes) -> None:  # type: ignore[no-untyped-def]
    # Wrapped at the block's width: its lines rejoined, a paragraph an article or a 款.
    document = load_file(REGULATIONS / f"{FUNERALS}.html")
    assert "第二条 本市行政区域全部实行火葬，但少数民族按照国家规定可以土葬的除外。" in (
        document.text
    )
    parsed = [p for p in notes.documents.library.parsed if p.doc_id == FUNERALS][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{FUNERALS}/第五条" in ids and f"{FUNERALS}/第十二条" in ids
    cremation = notes.ask("人死了必须火化吗？")  # 火化: 火葬
    assert first_cited(cremation) == f"{FUNERALS}/第二条" and "全部实行火葬" in cremation.text
    field = notes.ask("能在自家承包地里修坟吗？")  # 承包地, a kind of 耕地; 修坟: 建造坟墓
    assert first_cited(field) == f"{FUNERALS}/第四条" and "耕地" in field.text


def test_markdown_from_a_notes_app(notes) -> None:  # type: ignore[no-untyped-def]
    # Its front matter is the app's; a callout's marker is no text.
    document = load_file(REGULATIONS / f"{NURSING}.md")
    assert document.meta.title == "榆溪市公共场所母婴室设置管理规定"
    assert "title:" not in document.text and "[!note]" not in document.text
    assert document.meta.effective == "2042-03-01"
    kit = notes.ask("母婴室里要有什么设施？")  # what it must be equipped with (配备)
    assert first_cited(kit) == f"{NURSING}/第五条" and "婴儿护理台" in kit.text
    # 爸爸, a party the 规定 never names, asked about.
    assert notes.ask("爸爸能进母婴室吗？").status == "not_found"


def test_an_order_and_its_rules_exported_as_ofd(laid_out) -> None:  # type: ignore[no-untyped-def]
    # Text objects placed on A4 pages: lines rebuilt into paragraphs as a PDF's are, the
    # bold article number set apart from its text, the page numbers at the foot dropped.
    document = load_file(REGULATIONS / f"{MANHOLES}.ofd")
    assert document.meta.order_no == "菱湖市人民政府令第52号"
    assert document.meta.effective == "2042-06-01"
    assert "第五条 新设置的窨井盖应当符合下列要求：\n（一）具有防坠落" in document.text
    assert "— 1 —" not in document.text and "— 2 —" not in document.text
    # 谁负责修: the article making the owner 责任单位, not one naming the theft asked of.
    repair = laid_out.ask("井盖被偷了谁负责修？")
    assert first_cited(repair) == f"{MANHOLES}/第四条" and "产权单位" in repair.text
    theft = laid_out.ask("偷井盖怎么处罚？")  # 偷, said in one character: 盗窃
    assert first_cited(theft) == f"{MANHOLES}/第十二条" and "二百元以上二千元以下" in theft.text
    marked = laid_out.ask("井盖上要写什么？")  # 写: what its face must be marked with
    assert first_cited(marked).startswith(f"{MANHOLES}/第五条") and "报修电话" in marked.text
    # 要多查几次: 多查, a run jieba guessed, is no word the clause must name.
    rain = laid_out.ask("下大雨的时候井盖要多查几次吗？")  # 下大雨, a kind of 汛期
    assert first_cited(rain) == f"{MANHOLES}/第六条" and "每周至少巡查两次" in rain.text
    assert laid_out.ask("井盖用什么材料做？").status == "not_found"


def test_a_city_rule_quoting_its_provinces_regulation(laid_out) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{HOUSEKEEPING}.txt")
    # 潭口市《江滨省…条例》实施细则: the city's; no province is the title's first words.
    assert document.meta.city == "潭口市" and document.meta.province == ""
    fee = laid_out.ask("中介费最多收多少？")  # capped at a share of a wage: a price
    assert first_cited(fee) == f"{HOUSEKEEPING}/第六条" and "百分之五十" in fee.text
    office = laid_out.ask("家政行业归哪个部门管？")  # 行业: the trade, 家政服务业
    assert first_cited(office) == f"{HOUSEKEEPING}/第二条" and "市商务局" in office.text
    nanny = laid_out.ask("当月嫂要什么证？")  # 月嫂, a kind of 家政服务人员 and of 育婴
    assert first_cited(nanny).startswith(f"{HOUSEKEEPING}/第四条") and "职业技能等级证书" in (
        nanny.text
    )
    # Only cited: what the 条例's article says is not loaded; the citing sentence is shown.
    cited = laid_out.ask("《条例》第十五条是什么内容？")
    assert cited.status == "not_found" and "存入专用账户" in cited.text
    # 信用评价 is said, by an article no penalty enforces: nothing says what follows.
    assert laid_out.ask("家政公司信用评价不好会怎么样？").status == "not_found"


def test_a_gazette_exported_by_ocr(scanned) -> None:  # type: ignore[no-untyped-def]
    # Every visual line a line, 第 二 条 spaced, the gazette's head above each page and a
    # page number below: the articles rejoined, the furniture gone, commas full-width.
    document = load_file(REGULATIONS / f"{FIRE_LANES}.txt")
    assert "公报" not in document.text and "- 15 -" not in document.text
    assert "第二条 本规定所称消防车通道，是指住宅小区内供消防车通行的道路，包括" in document.text
    parsed = [p for p in scanned.documents.library.parsed if p.doc_id == FIRE_LANES][0]
    ids = [c.id for c in parsed.clauses]
    assert f"{FIRE_LANES}/第六条/(四)" in ids or f"{FIRE_LANES}/第六条/（四）" in ids
    assert len([i for i in ids if i.endswith("条")]) == 12
    width = scanned.ask("消防通道要多宽？")  # found by the length it states (四米)
    assert first_cited(width) == f"{FIRE_LANES}/第七条" and "四米" in width.text
    # The width asked is a line's, which no article states: not the lane's.
    assert scanned.ask("消防通道的黄线多宽？").status == "not_found"
    arrive = scanned.ask("举报后消防多久能到？")  # 三十分钟内, a time limit
    assert first_cited(arrive) == f"{FIRE_LANES}/第八条" and "三十分钟内" in arrive.text


def test_an_input_methods_homophones(scanned) -> None:  # type: ignore[no-untyped-def]
    office = scanned.ask("街头艺人归那个部门管？")  # 那个: 哪个; the charging article found
    assert first_cited(office) == f"{PERFORMERS}/第三条" and "市文化广电和旅游局" in office.text
    fine = scanned.ask("强要打赏怎么处里？")  # 处里: 处理; 强要, a wrong by its words
    assert first_cited(fine) == f"{PERFORMERS}/第十条" and "治安管理处罚法" in fine.text
    loud = scanned.ask("音响太吵发多少？")  # 发多少, no sum paid out: 罚
    assert first_cited(loud) == f"{PERFORMERS}/第九条" and "五十元以上二百元以下" in loud.text
    assert scanned.ask("街头艺人要交税马？").status == "not_found"  # 马: 吗
    # 唱歌 is off topic only as a request to sing.
    loudest = scanned.ask("唱歌音响最大能开多大声？")
    assert first_cited(loudest).startswith(f"{PERFORMERS}/第六条") and "六十分贝" in loudest.text


def test_a_rule_saved_as_opendocument(formal) -> None:  # type: ignore[no-untyped-def]
    # Bold numbers in spans, a text:s space, items a list its style numbers （一）.
    document = load_file(REGULATIONS / f"{SCHOOLS}.odt")
    assert document.meta.title == "临波市校园周边环境管理规定"
    assert "第四条 校园周边禁止设立下列场所：\n（一）互联网上网服务营业场所；" in document.text
    parsed = [p for p in formal.documents.library.parsed if p.doc_id == SCHOOLS][0]
    assert f"{SCHOOLS}/第四条/（三）" in [c.id for c in parsed.clauses]
    cafe = formal.ask("学校旁边能开网吧吗？")  # 网吧: 互联网上网服务营业场所
    assert first_cited(cafe).startswith(f"{SCHOOLS}/第四条") and "互联网上网服务营业场所" in (
        cafe.text
    )
    lottery = formal.ask("学校附近能卖彩票吗？")  # 彩票, off topic only as numbers to bet on
    assert first_cited(lottery).startswith(f"{SCHOOLS}/第四条") and "彩票" in lottery.text
    smokes = formal.ask("小卖部能卖烟给学生吗？")  # 小卖部, a 经营者; 学生, 未成年人
    assert first_cited(smokes) == f"{SCHOOLS}/第五条" and "未成年人" in smokes.text


def test_a_compliance_officers_formal_questions(formal) -> None:  # type: ignore[no-untyped-def]
    # 本公司作为…，: who asks; 是否须, 负有…义务, 由哪个部门承担: the frame of the asking.
    shown = formal.ask("本公司作为连锁餐饮企业，是否须在门店公示食品经营许可证？")
    assert first_cited(shown) == f"{CATERING}/第二章/第四条" and "显著位置公示" in shown.text
    sampled = formal.ask("单次供餐八十人的企业是否负有留样义务？")  # 企业: the asker's kind
    assert first_cited(sampled) == f"{CATERING}/第二章/第七条" and "一百人以上" in sampled.text
    office = formal.ask("餐饮服务食品安全的监管职责由哪个部门承担？")
    assert first_cited(office) == f"{CATERING}/第一章/第三条" and "市市场监督管理局" in office.text
    # 保存期限如何计算: how long records are kept, counted from the end of shelf life.
    kept = formal.ask("进货凭证的保存期限如何计算？")
    assert first_cited(kept) == f"{CATERING}/第二章/第十条" and "六个月" in kept.text
    samples = formal.ask("留样食品的重量及保存时限有何要求？")  # 冷藏保存四十八小时以上
    assert first_cited(samples) == f"{CATERING}/第二章/第七条" and "四十八小时以上" in samples.text
    # After a condition, asked what the regulator will do: the penalty.
    dishes = formal.ask("使用未消毒餐具的，监管部门将如何处理？")
    assert first_cited(dishes) == f"{CATERING}/第三章/第十三条" and "给予警告" in dishes.text
    assert formal.ask("后厨每日消毒应使用何种消毒剂？").status == "not_found"  # 何种 X: X asked


def test_a_wechat_accounts_post(posted_again) -> None:  # type: ignore[no-untyped-def]
    # Its banner, and all from — END — on (credits, recommended reading, QR code), are the
    # account's, not the 办法's.
    document = load_file(REGULATIONS / f"{ALLOWANCE}.html")
    assert document.meta.title == "渔港市高龄津贴发放管理办法"
    assert document.text.rstrip().endswith("第十条 本办法自2043年4月1日起施行。")
    assert "关注我们" not in document.text and "往期推荐" not in document.text
    where = posted_again.ask("高龄津贴去哪里申请？")  # where: the article saying 向…提出
    assert first_cited(where) == f"{ALLOWANCE}/第四条" and "村（居）民委员会" in where.text
    money = posted_again.ask("钱发到哪里？")  # 钱: the 津贴
    assert first_cited(money) == f"{ALLOWANCE}/第六条" and "社会保障卡" in money.text


def test_a_rule_asked_in_conversation(posted_again) -> None:  # type: ignore[no-untyped-def]
    first = posted_again.ask("能骑电动车进绿道吗？", session_id="greenway-1")
    assert first_cited(first).startswith(f"{GREENWAYS}/第五条") and "电动自行车" in first.text
    then = posted_again.ask("那罚多少？", session_id="greenway-1")
    assert first_cited(then) == f"{GREENWAYS}/第七条" and "五十元" in then.text
    # 弄坏了怎么办, 的 and all: what follows the harm is the penalty's.
    broken = posted_again.ask("把绿道的椅子弄坏了怎么办？")
    assert first_cited(broken) == f"{GREENWAYS}/第九条" and "责令赔偿" in broken.text


def test_a_rule_word_saved_as_rtf(units) -> None:  # type: ignore[no-untyped-def]
    # GBK bytes as \\'xx escapes under \\ansicpg936, the article numbers bold.
    document = load_file(REGULATIONS / f"{SEATING}.rtf")
    assert document.meta.title == "汀港市临街商铺外摆经营管理规定"
    assert "（三）经营时段为每日十七时至次日零时；" in document.text
    assert "\\" not in document.text and "fonttbl" not in document.text
    # An hour asked: the one item stating a span of hours, not the one retrieval found.
    latest = units.ask("外摆最晚能摆到几点？")
    assert first_cited(latest) == f"{SEATING}/第五条/（三）" and "次日零时" in latest.text


def test_arabic_numerals_and_latin_units_asked(units) -> None:  # type: ignore[no-untyped-def]
    speed = units.ask("货车在市区最高能开多少km/h？")  # km/h: a length an hour, no word
    assert first_cited(speed) == f"{TRUCKS}/第五条" and "四十公里" in speed.text
    long = units.ask("13m的大货车什么时候能进城？")  # 13m: 车长超过十二米
    assert first_cited(long) == f"{TRUCKS}/第六条" and "二十二时至次日六时" in long.text
    bring = units.ask("办通行证要带什么？")  # what to bring: 应当提供…
    assert first_cited(bring) == f"{TRUCKS}/第七条" and "运输合同" in bring.text
