"""Regulations as offices publish them: copied out of a PDF (hard-wrapped at the page's
width, page numbers between pages, its 政府令 printed above it), saved from a web page that
sets every article in one paragraph, a Word file whose 款 follow soft line breaks, chapters
numbered 一、 as a plan's parts, Markdown, article titles on the number's line above the
text, a Notepad file in GB18030 with Windows line ends, items three deep, OCR's spaced
headings, a regulation republished after amendment, one inside the notice issuing it, one
as a 公文-layout PDF, fining by a schedule attached as a table; penalties citing the items
of another article; and a 实施细则 citing the articles of the 条例 it implements."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file, load_paths
from policyqa.library import build_library
from policyqa.structure import parse_document
from policyqa.unwrap import drop_page_breaks, unwrap, wrap_width
from tests.conftest import CORPUS, first_cited, regulations_fixture

TOILETS = "tingsha-public-toilets-measures"
VENDORS = "lanqiao-street-vendor-rules"
REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

BRIDGES = "meixi-urban-bridges-rules"
ADS = "baichuan-small-ads-rules"

PACKAGING = "lucheng-express-packaging-rules"
MOTORCYCLES = "fengxi-motorcycle-traffic-measures"

copies = regulations_fixture(TOILETS, VENDORS, f"{BRIDGES}.html", ADS)
drafts = regulations_fixture(f"{PACKAGING}.docx", MOTORCYCLES)
RIDES = "tongwan-amusement-rides-rules"
BEACH = "yintan-bathing-beach-regulation"
leisure = regulations_fixture(f"{RIDES}.md", BEACH)
PROPERTY = "zizhou-property-management-rules"
BANQUETS = "xiapu-rural-banquet-rules"
village = regulations_fixture(PROPERTY, BANQUETS)
FITNESS = "heling-outdoor-fitness-measures"
MARKET = "qingliu-night-market-rules"
evening = regulations_fixture(FITNESS, MARKET)
WATER = "shanlin-urban-water-supply-measures"
LIBRARY = "songtao-public-library-measures"
published = regulations_fixture(WATER, f"{LIBRARY}.pdf")


def test_text_written_a_paragraph_a_line_is_left_as_it_is() -> None:
    for path in [*CORPUS.glob("*.txt"), *REGULATIONS.glob("*.txt")]:
        if path.stem in (TOILETS, "bowan-fire-lanes-rules"):  # hard-wrapped, both
            continue
        lines = load_file(path).text.split("\n")  # GB18030 and \r\n as read
        assert wrap_width(lines) is None, path.name
        assert unwrap(lines) == lines


def test_hard_wrapped_lines_are_rejoined_across_page_breaks() -> None:
    lines = (REGULATIONS / f"{TOILETS}.txt").read_text("utf-8").split("\n")
    assert wrap_width(lines) == 60
    # unwrap leaves a ruled page number where it stood, for drop_page_breaks to drop.
    paragraphs = drop_page_breaks(unwrap(lines))
    assert not any(line.strip().startswith("—") for line in paragraphs)  # page numbers
    # 第五条 runs across the first page break; a sentence ending at the margin (…公共厕所。)
    # goes on; an indented line (the second 款) and an item start paragraphs of their own.
    fifth = next(p for p in paragraphs if "第五条" in p)
    assert fifth.endswith("同时设计、同时施工、同时投入使用。")
    fourth = next(p for p in paragraphs if "第四条" in p)
    assert fourth.endswith("次干道不得超过八百米。")
    assert "　　沿街单位附属的公共厕所，鼓励向社会公众免费开放。" in paragraphs
    assert "　　（二）保持厕所内地面清洁、无积水、无异味；" in paragraphs


def test_a_copied_regulation_parses_by_article_and_款() -> None:
    path = REGULATIONS / f"{TOILETS}.txt"
    meta = load_file(path).meta
    # The title is the regulation the order issues, not the order above it.
    assert meta.title == "汀沙市城市公共厕所管理办法"
    assert meta.order_no == "汀沙市人民政府令第45号" and meta.effective == "2035-05-01"
    library = build_library(load_paths([path]).documents)
    articles = [c for c in library.clauses if c.breadcrumb[-1].endswith("条")]
    assert len(articles) == 16 and articles[0].breadcrumb[0].startswith("第一章")
    fee = next(p for p in library.penalties if p.clause_id.endswith("第十二条"))
    assert fee.cites == ("第八条第一款",) and fee.authority == "市城市管理局"


def test_a_copied_regulation_is_answered_from_its_articles(copies) -> None:  # type: ignore[no-untyped-def]
    hours = copies.ask("公厕每天开几个小时？")
    assert (
        first_cited(hours) == f"{TOILETS}/第三章/第七条/（一）" and "不少于十六小时" in hours.text
    )
    # Open round the clock answers the night asked of.
    night = copies.ask("车站的厕所晚上开吗？")
    assert first_cited(night) == f"{TOILETS}/第三章/第七条/（一）"
    assert "二十四小时开放" in night.text
    fee = copies.ask("公厕乱收费怎么罚？")
    assert first_cited(fee) == f"{TOILETS}/第四章/第十二条" and "五百元以上二千元以下" in fee.text


def test_a_penalty_citing_another_articles_items(copies) -> None:  # type: ignore[no-untyped-def]
    # 有本细则第六条第（三）项行为的: the conduct is the item cited.
    sweep = copies.ask("收摊不打扫会罚款吗？")
    assert first_cited(sweep) == f"{VENDORS}/第十条" and "20元以上50元以下" in sweep.text


def test_compounds_written_apart_and_each_office_charged(copies) -> None:  # type: ignore[no-untyped-def]
    # 学校门口: the text writes 学校、医院出入口.
    school = copies.ask("能在学校门口摆摊吗？")
    assert first_cited(school) == f"{VENDORS}/第六条/（二）" and "50米范围内" in school.text
    # 收费: the text writes 不收取任何费用.
    free = copies.ask("登记摆摊要交钱吗？")
    assert first_cited(free) == f"{VENDORS}/第五条" and "不收取任何费用" in free.text
    offices = {
        a.department for a in copies.library.agency_duties if a.clause_id == f"{VENDORS}/第三条"
    }
    assert "街道办事处" in offices  # 各街道办事处负责…
    # 流动摊贩应当…: a vendor (…贩) is a party the duty binds, not everyone.
    actors = {o.actor for o in copies.library.obligations if o.doc_id == VENDORS}
    assert actors == {"流动摊贩", "任何单位和个人"}


def test_a_circumstance_no_clause_names_is_declined(copies) -> None:  # type: ignore[no-untyped-def]
    rain = copies.ask("下雨天疏导点开放吗？")
    assert rain.status == "not_found", rain.text
    assert copies.ask("疏导点几点开放？").status == "answered"


def test_a_web_page_setting_articles_a_line_of_one_paragraph() -> None:
    # <p>第一条…<br/>第二条…</p>, between the site's navigation and footer.
    library = build_library(load_paths([REGULATIONS / f"{BRIDGES}.html"]).documents)
    labels = [c.breadcrumb[-1] for c in library.clauses]
    assert labels[:4] == ["第一条", "第二条", "第三条", "第四条"] and "第十二条" in labels
    assert f"{BRIDGES}/第四条/（三）" in {c.id for c in library.clauses}
    assert not any("版权所有" in c.text or "相关文件" in c.text for c in library.clauses)


def test_an_attachment_after_the_articles_is_its_own_unit() -> None:
    library = build_library(load_paths([REGULATIONS / f"{ADS}.txt"]).documents)
    last = library.clause(f"{ADS}/第十条")
    assert last.text == "第十条 本规定自2035年9月1日起施行。"  # the table is not its text
    schedule = library.fine_schedules[f"{ADS}/第八条"]
    assert [c.id for c in schedule] == [f"{ADS}/附件"]
    # 附件：… above the first article is the issuing notice's list, not a heading.
    notice = (
        "关于印发某办法的通知\n附件：某市某某管理办法\n"
        + (REGULATIONS / f"{ADS}.txt").read_text("utf-8").split("\n\n附件")[0]
    )
    parsed = parse_document("notice", notice)
    assert parsed.clauses[1].breadcrumb == ("第一条",)


def test_a_fine_is_read_off_the_schedule_the_penalty_fines_by(copies) -> None:  # type: ignore[no-untyped-def]
    few = copies.ask("贴了5张小广告罚多少？")
    assert first_cited(few) == f"{ADS}/附件" and "每张（处）50元" in few.text
    assert [c.clause_id for c in few.citations][1] == f"{ADS}/第八条"
    many = copies.ask("贴了100张小广告罚多少？")
    assert first_cited(many) == f"{ADS}/附件" and "2000元以上5000元以下" in many.text
    assert "每张（处）50元" not in many.text
    leaflets = copies.ask("发传单罚多少？")
    assert first_cited(leaflets) == f"{ADS}/附件" and "50元以上200元以下" in leaflets.text
    # Not asked how much, the article answers: 责令清除.
    besides = copies.ask("贴小广告除了罚款还要做什么？")
    assert first_cited(besides) == f"{ADS}/第八条" and "责令清除" in besides.text
    # Nor does a schedule answer what is allowed (the document named: asked of all four,
    # the toilet rule's 禁止…张贴广告, which retrieval ranks first, leads).
    notice = copies.ask("柏川规定里，想贴招租启事去哪里贴？")
    assert first_cited(notice) == f"{ADS}/第六条" and "公共信息栏" in notice.text


def test_words_the_text_writes_otherwise(copies) -> None:  # type: ignore[no-untyped-def]
    # 电话, which plans never state, is a thing this text names (通讯号码).
    phone = copies.ask("小广告上的电话谁来停？")
    assert first_cited(phone) == f"{ADS}/第三条" and "市公安局" in phone.text
    road = copies.ask("在路上发传单行吗？")
    assert first_cited(road) == f"{ADS}/第四条" and "散发小广告" in road.text
    lamp = copies.ask("地下通道的灯什么时候开？")
    assert first_cited(lamp) == f"{BRIDGES}/第八条" and "日落后开启" in lamp.text
    heavy = copies.ask("大货车超重要过桥怎么办？")
    assert first_cited(heavy) == f"{BRIDGES}/第五条" and "通行三日前" in heavy.text
    stalls = copies.ask("摊贩卖的东西不卫生找谁？")
    assert first_cited(stalls) == f"{VENDORS}/第三条" and "县市场监督管理局" in stalls.text


def test_a_word_file_and_chapters_numbered_as_parts() -> None:
    library = build_library(
        load_paths(
            [REGULATIONS / f"{PACKAGING}.docx", REGULATIONS / f"{MOTORCYCLES}.txt"]
        ).documents
    )
    packaging = library.document(PACKAGING)
    # The title stops before the first chapter, though no blank line sets it apart.
    assert packaging.meta.title == "鹿城市快递包装绿色治理规定"
    fourth = library.clause(f"{PACKAGING}/第二章/第四条")
    assert "快递企业应当优先使用可循环快递箱（盒）。" in fourth.text  # after a soft break
    ids = {c.id for c in library.clauses}
    assert {f"{MOTORCYCLES}/二/第五条", f"{MOTORCYCLES}/四/第十一条"} <= ids
    assert library.clause(f"{MOTORCYCLES}/二/第五条").breadcrumb == ("二、通行管理", "第五条")
    # 县公安局交通管理大队 is the brigade, not its office; its deciding is no party's duty.
    offices = {a.department for a in library.agency_duties if a.doc_id == MOTORCYCLES}
    assert "县公安局交通管理大队" in offices
    assert not any("作出决定" in o.action for o in library.obligations)


def test_questions_on_a_word_file_and_parts(drafts) -> None:  # type: ignore[no-untyped-def]
    layers = drafts.ask("快递包装最多能包几层？")  # a cap in 层, asked 几层
    assert first_cited(layers) == f"{PACKAGING}/第二章/第五条" and "不得超过三层" in layers.text
    counter = drafts.ask("快递盒可以交回快递网点吗？")
    assert first_cited(counter) == f"{PACKAGING}/第二章/第六条"
    # 多久能批下来: the time within which it is decided, not how long the permit lasts.
    decided = drafts.ask("通行证多久能批下来？")
    assert first_cited(decided) == f"{MOTORCYCLES}/二/第五条" and "五个工作日内" in decided.text
    assert "有效期" not in decided.text
    apply = drafts.ask("摩托车通行证怎么办？")
    assert first_cited(apply) == f"{MOTORCYCLES}/二/第五条" and "提交车辆行驶证" in apply.text
    evening = drafts.ask("几点以后摩托车可以进城？")  # 进城: 进入城区, spelled out
    assert first_cited(evening) == f"{MOTORCYCLES}/二/第四条" and "20时" in evening.text


def test_what_neither_names_is_declined(drafts) -> None:  # type: ignore[no-untyped-def]
    for unsaid in ("摩托车要年检吗？", "摩托车能停在人行道上吗？", "塑料胶带能用吗？"):
        assert drafts.ask(unsaid).status == "not_found", unsaid


def test_markdown_is_read_as_the_text_it_marks_up() -> None:
    document = load_file(REGULATIONS / f"{RIDES}.md")
    assert document.meta.title == "桐湾市大型游乐设施安全管理规定"
    assert not any(mark in document.text for mark in ("**", "## ", "> "))
    library = build_library((document,))
    items = [c.id for c in library.clauses if c.id.startswith(f"{RIDES}/第二章/第四条/")]
    assert items == [f"{RIDES}/第二章/第四条/{n}" for n in (1, 2, 3, 4)]
    fifth = library.clause(f"{RIDES}/第二章/第五条")
    assert "运营使用单位不得允许其乘坐" in fifth.text  # the bold 不得, unmarked
    assert any(o.clause_id == fifth.id and o.kind == "prohibition" for o in library.obligations)


def test_an_articles_title_on_its_own_line_is_no_款() -> None:
    library = build_library(load_paths([REGULATIONS / f"{BEACH}.txt"]).documents)
    # 第五条（救生保障） stands above the text: 第五条第一款 is its first line of text.
    lifeguards = next(p for p in library.penalties if p.clause_id.endswith("第九条"))
    assert lifeguards.obligations == (f"{BEACH}/第二章/第五条",)
    # Two offices charged in one sentence, a comma apart, are each charged.
    charged = [
        (a.department, a.sentence)
        for a in library.agency_duties
        if a.clause_id == f"{BEACH}/第一章/第三条"
    ]
    assert charged[1:] == [
        ("市海洋发展局", "市海洋发展局负责海水浴场水质监测"),
        ("市应急管理局", "市应急管理局负责海上救援的协调。"),
    ]


def test_weather_hours_and_a_consequence_that_is_no_fine(leisure) -> None:  # type: ignore[no-untyped-def]
    rain = leisure.ask("下雨天游乐设施能开吗？")
    assert first_cited(rain) == f"{RIDES}/第二章/第四条/4" and "恶劣天气时停止运营" in rain.text
    wind = leisure.ask("刮大风还能下海游泳吗？")
    assert first_cited(wind) == f"{BEACH}/第二章/第四条" and "关闭浴场" in wind.text
    # Opening hours say when it closes.
    closing = leisure.ask("浴场每天几点关门？")
    assert first_cited(closing) == f"{BEACH}/第二章/第四条" and "18时" in closing.text
    # 不听劝阻的…可以拒绝其乘坐: in 法律责任, though no authority fines.
    refused = leisure.ask("游客不听劝会怎样？")
    assert first_cited(refused) == f"{RIDES}/第三章/第十一条" and "拒绝其乘坐" in refused.text
    stuck = leisure.ask("设施卡住了人被困怎么办？")
    assert first_cited(stuck) == f"{RIDES}/第二章/第八条" and "三十分钟内" in stuck.text
    notice = leisure.ask("乘客须知要贴在哪里？")  # a notice for riders; no rider asks
    assert first_cited(notice) == f"{RIDES}/第二章/第四条/2"


def test_windows_line_ends_and_items_three_deep() -> None:
    property_rules = load_file(REGULATIONS / f"{PROPERTY}.txt")  # GB18030, \r\n
    assert "\r" not in property_rules.text
    library = build_library((property_rules, load_file(REGULATIONS / f"{BANQUETS}.txt")))
    assert library.clause(f"{PROPERTY}/第十一条").text == "第十一条 本细则自2036年10月1日起施行。"
    # （一） › 1. › ①: the ① of an item are its parts, not the article's next 款.
    ids = {c.id for c in library.clauses if c.doc_id == BANQUETS}
    assert {f"{BANQUETS}/第五条/（三）/①", f"{BANQUETS}/第五条/（三）/②"} <= ids
    assert not any("款" in i for i in ids)
    actors = {o.clause_id.split("/", 1)[1]: o.actor for o in library.obligations}
    assert actors["第五条/（一）"] == "举办者"
    assert actors["第五条/（一）/1"] == "村（居）民委员会"  # its own subject, after a condition
    assert "第五条/（一）/2" not in actors  # 乡镇人民政府应当派员…: an agency's
    warning = next(p for p in library.penalties if p.clause_id == f"{BANQUETS}/第七条")
    assert warning.sanctions == ("给予警告",)
    assert warning.obligations == (f"{BANQUETS}/第五条/（一）",)


def test_an_article_of_the_law_a_细则_implements(village) -> None:  # type: ignore[no-untyped-def]
    cited = village.ask("《条例》第十二条说的筹备组由谁组成？")
    assert first_cited(cited) == f"{PROPERTY}/第二条" and "业主代表" in cited.text
    assert cited.text.startswith("《条例》第十二条的原文不在已载入的文件中")
    # Its own 第十二条 it does not have, though it names the 条例's.
    assert village.ask("梓州细则第十二条是什么？").status == "not_found"
    # The 条例's 第二条, which nothing cites, is not the 细则's own 第二条.
    other = village.ask("《条例》第二条是什么？")
    assert other.status == "not_found" and not other.citations
    share = village.ask("筹备组里业主代表要占多少？")  # a share written 二分之一
    assert first_cited(share) == f"{PROPERTY}/第二条" and "二分之一" in share.text


def test_a_rural_banquet_in_the_askers_words(village) -> None:  # type: ignore[no-untyped-def]
    cook = village.ask("做酒席的厨师要办健康证吗？")
    assert first_cited(cook) == f"{BANQUETS}/第四条" and "健康证明" in cook.text
    sick = village.ask("吃酒席吃坏肚子了怎么办？")
    assert first_cited(sick) == f"{BANQUETS}/第六条" and "立即停止聚餐" in sick.text
    # Tables no clause counts.
    assert village.ask("办酒席最多能办几桌？").status == "not_found"


def test_ocr_spacing_is_closed_up_in_headings_and_dates() -> None:
    document = load_file(REGULATIONS / f"{FITNESS}.txt")
    assert document.meta.title == "鹤岭市城市户外健身设施管理办法"
    assert document.meta.effective == "2036-09-01"  # 自 2036 年 9 月 1 日起施行
    library = build_library((document,))
    assert library.clause(f"{FITNESS}/第二章/第五条").breadcrumb == ("第二章 维护管理", "第五条")
    # A body's own spaces are left: only headings, a spaced title and dates are OCR's.
    assert "一般为 8年" in library.clause(f"{FITNESS}/第二章/第五条").text


def test_a_regulation_republished_after_amendment(evening) -> None:  # type: ignore[no-untyped-def]
    inserted = evening.ask("青柳规定第八条之一是什么？")
    assert first_cited(inserted) == f"{MARKET}/第八条之一" and "燃气泄漏报警装置" in inserted.text
    deleted = evening.ask("青柳规定第九条是什么？")
    assert first_cited(deleted) == f"{MARKET}/第九条" and "（删除）" in deleted.text
    opening = evening.ask("夜市几点开始？")  # an hour asked: the clause stating one
    assert first_cited(opening) == f"{MARKET}/第四条" and "18时" in opening.text
    holiday = evening.ask("过节夜市能开到几点？")
    assert first_cited(holiday) == f"{MARKET}/第四条" and "次日2时" in holiday.text


def test_a_life_in_years_a_definition_alone_and_a_duty_undone(evening) -> None:  # type: ignore[no-untyped-def]
    life = evening.ask("健身器材能用几年？")
    assert first_cited(life) == f"{FITNESS}/第二章/第五条" and "8年" in life.text
    # The definition alone names what is asked (免费使用); set aside otherwise.
    free = evening.ask("健身器材用着要钱吗？")
    assert first_cited(free) == f"{FITNESS}/第一章/第二条" and "免费使用" in free.text
    # 坏了不修怎么处理: the penalty for not repairing, not the one for damaging.
    unrepaired = evening.ask("健身器材坏了不修怎么处理？")
    assert first_cited(unrepaired) == f"{FITNESS}/第三章/第九条"
    assert evening.ask("健身器材是哪个厂家生产的？").status == "not_found"


def test_a_regulation_inside_the_notice_issuing_it() -> None:
    meta = load_file(REGULATIONS / f"{WATER}.txt").meta
    assert meta.title == "杉林市城市供水用水管理办法" and meta.issuer == "杉林市人民政府"
    assert meta.doc_no == "杉政发〔2036〕12号" and meta.effective == "2036-07-01"


def test_consequences_outside_法律责任_and_a_wrong_by_its_words(published) -> None:  # type: ignore[no-untyped-def]
    # 逾期不缴纳的…可以…加收滞纳金: what follows a condition, asked what happens.
    late = published.ask("水费交晚了会怎样？")
    assert first_cited(late) == f"{WATER}/第六条" and "千分之一的滞纳金" in late.text
    overdue = published.ask("借书逾期会怎样？")
    assert first_cited(overdue) == f"{LIBRARY}/第二章/第七条" and "暂停其借阅服务" in overdue.text
    lost = published.ask("弄坏了书要赔多少？")
    assert first_cited(lost) == f"{LIBRARY}/第二章/第八条" and "原价赔偿" in lost.text
    # 乱收费 is wrong by its words: its penalty answers how it is dealt with.
    fees = published.ask("图书馆乱收费怎么处理？")
    assert first_cited(fees) == f"{LIBRARY}/第三章/第十条" and "没收违法所得" in fees.text
    # Opened by its modal (能带…), the question has no subject to pass over.
    assert published.ask("能带小孩去图书馆吗？").status == "not_found"
    assert published.ask("图书馆几点关门？").status == "not_found"  # no hour is stated


def test_items_run_into_the_articles_line_and_a_page_laid_out_in_a_table() -> None:
    lanterns = build_library(load_paths([REGULATIONS / "luxi-sky-lantern-rules.txt"]).documents)
    items = [c.id.split("/", 1)[1] for c in lanterns.clauses if "第二条/" in c.id]
    assert items == ["第二条/（一）", "第二条/（二）", "第二条/（三）"]
    assert lanterns.clause("luxi-sky-lantern-rules/第二条/（三）").text == (
        "（三）在机场净空保护区内放飞无人机、风筝。"
    )
    squares = load_file(REGULATIONS / "cuihu-city-squares-rules.html")
    # Its navigation row is no part of the title; 第四条 | text is the article.
    assert squares.meta.title == "翠湖市城市广场管理规定"
    assert "第四条 城市广场全天开放。" in squares.text and "第四条 |" not in squares.text
