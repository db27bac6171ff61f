"""Regulations from more channels and askers: a portal page saved in its 繁體 view; an
office's register of articles kept in an Excel 97 workbook, asked in parents' and
operators' stories; items numbered with enclosed characters (㈠, ⑴); keyword queries
typed as into a search box; a page a browser printed to PDF; an official account's
followers' courtesy (亲, 在吗, emoji, 谢谢); a Word template holding its text in content
controls; questions typed in traditional characters; a PDF set with letter spacing;
several questions to a message; a 征求意见稿 printed with line numbers; questions as voice
input transcribes them; a regulation sent round by e-mail (.eml); a lawyer's citations;
OCR's look-alikes (笫, 曰); questions in southwestern Mandarin and in Cantonese; a
technical text's Latin units (dB(A), m², 30d); a legal database's CSV export; questions
about a regulation's structure (its chapters, its last article); an annotated edition with
a 【释义】 after every article; a rule's exceptions, asked about; questions in
Shanghainese and in northeastern Mandarin; the first page of a paginated portal page,
saved alone; and a Markdown regulation numbered in digits (第1章, 第1条)."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

BIRDS = "queshan-migratory-birds-rules"
CHILDCARE = "zhixi-childcare-centres-measures"
storied = regulations_fixture(f"{BIRDS}.html", f"{CHILDCARE}.xls")
STRAYS = "yanxi-stray-animals-rules"
MEALS = "sangpu-elderly-meals-measures"
typed = regulations_fixture(STRAYS, MEALS)
NIGHT_WORK = "qilin-night-construction-rules"
STREET_EVENTS = "liaotan-wedding-funeral-road-use-measures"
chatty = regulations_fixture(f"{NIGHT_WORK}.pdf", STREET_EVENTS)
DELIVERY = "zhangpu-delivery-ebike-safety-rules"
AGENTS = "lanwan-real-estate-agency-measures"
templated = regulations_fixture(f"{DELIVERY}.docx", AGENTS)
BINS = "outing-used-clothing-bins-rules"
ADOPTION = "pingchuan-green-space-adoption-measures"
spaced = regulations_fixture(f"{BINS}.pdf", ADOPTION)
VENUES = "zhenchuan-sports-venues-measures-draft"
PARKING = "weichuan-residential-parking-rules"
spoken = regulations_fixture(f"{VENUES}.pdf", PARKING)
SHELTERS = "yuchuan-civil-defence-works-measures"
PRESALE = "yishui-presale-funds-measures"
mailed = regulations_fixture(f"{SHELTERS}.eml", PRESALE)
BREAKFAST = "tanxi-breakfast-stalls-rules"
PIGEONS = "jiadu-racing-pigeons-rules"
dialect = regulations_fixture(BREAKFAST, PIGEONS)
ARCADES = "rongzhou-arcade-streets-rules"
VENUES_AT_NIGHT = "fenggang-entertainment-venues-rules"
latin = regulations_fixture(ARCADES, VENUES_AT_NIGHT)
AED = "xigang-aed-measures"
SCULPTURES = "xiuchuan-city-sculptures-rules"
exported = regulations_fixture(f"{AED}.csv", SCULPTURES)
VILLAGES = "longxi-traditional-villages-rules-annotated"
HORNS = "xuchuan-horn-ban-rules"
annotated = regulations_fixture(VILLAGES, HORNS)
LANES = "songpu-lane-environment-rules"
LIGHTS = "lianchuan-street-lighting-measures-page1"
paged = regulations_fixture(LANES, f"{LIGHTS}.html")
SNOW = "anling-snow-clearing-rules"
SCREENS = "mingang-outdoor-screens-measures"
digits = regulations_fixture(SNOW, f"{SCREENS}.md")


def test_a_portal_page_saved_in_its_traditional_view(storied) -> None:  # type: ignore[no-untyped-def]
    # Saved in the portal's 繁體 view: read in simplified characters, titled by the page's
    # ArticleTitle (its <h1> is the portal's name).
    document = load_file(REGULATIONS / f"{BIRDS}.html")
    assert document.meta.title == "鹊山市候鸟保护规定" and document.meta.doc_type == "规定"
    assert "第四条 每年10月1日至次年4月30日为本市候鸟保护期。" in document.text
    assert "鳥" not in document.text and "規" not in document.text
    season = storied.ask("候鸟保护期是什么时候？")
    assert first_cited(season) == f"{BIRDS}/第四条" and "次年4月30日" in season.text
    distance = storied.ask("拍鸟要离多远？")  # 拍鸟: 摄影、观鸟
    assert first_cited(distance) == f"{BIRDS}/第六条" and "五十米以上" in distance.text


def test_an_excel_97_register_of_articles(storied) -> None:  # type: ignore[no-untyped-def]
    # 序号 | 章节 (merged down its articles) | 条款 | 条款内容 | 备注: the chapters are
    # headings, the articles paragraphs; the compiler's remark is no part of the text.
    document = load_file(REGULATIONS / f"{CHILDCARE}.xls")
    assert document.meta.title == "芷溪市托育机构管理办法"  # not its 条款梳理表
    assert "\n第二章　设置与备案\n第四条 托育机构应当在登记之日起二十日内" in document.text
    assert "拟调整" not in document.text and "1.0" not in document.text
    sixth = storied.ask("芷溪办法第六条是什么？")
    assert first_cited(sixth) == f"{CHILDCARE}/第三章/第六条" and "1:3" in sixth.text


def test_questions_told_as_the_askers_story(storied) -> None:  # type: ignore[no-untyped-def]
    # What befell the asker, or what it plans, before it asks: its words are the asker's.
    basement = storied.ask("我们看中了一个商场的地下一层，场地挺大，能用来开托育机构吗？")
    assert first_cited(basement) == f"{CHILDCARE}/第二章/第五条" and "地下室" in basement.text
    ratio = storied.ask("孩子两岁半了，托大班的师生比是多少？")
    assert first_cited(ratio) == f"{CHILDCARE}/第三章/第六条/（三）" and "1:7" in ratio.text
    hiring = storied.ask("有个应聘者以前有虐待儿童的记录，我们能录用吗？")
    assert first_cited(hiring) == f"{CHILDCARE}/第三章/第九条" and "不得招用" in hiring.text
    # What it asks is still held to the text: no subsidy is named anywhere.
    assert storied.ask("我们想开托育机构，政府有开办补贴吗？").status == "not_found"


def test_items_numbered_with_enclosed_characters(typed) -> None:  # type: ignore[no-untyped-def]
    # ㈠ and ⑴, one character each as autocorrect sets them, are written out; a penalty
    # citing 第六条第㈡项 enforces that item.
    document = load_file(REGULATIONS / f"{STRAYS}.txt")
    assert "（二）在小区公共区域投喂流浪动物" in document.text and "㈡" not in document.text
    item = typed.ask("第六条第（二）项是什么？")
    assert first_cited(item) == f"{STRAYS}/第六条/（二）" and "投喂" in item.text
    fed = typed.ask("在小区喂流浪猫弄脏环境怎么罚？")  # 流浪猫: a 流浪动物
    assert first_cited(fed) == f"{STRAYS}/第九条" and "五十元以上二百元以下" in fed.text


def test_queries_typed_as_keywords(typed) -> None:  # type: ignore[no-untyped-def]
    kept = typed.ask("留样 多少克")
    assert first_cited(kept) == f"{MEALS}/第二章/第六条" and "一百二十五克" in kept.text
    menu = typed.ask("菜谱 公示")  # no request for a recipe
    assert first_cited(menu) == f"{MEALS}/第二章/第五条" and "每周公示菜谱" in menu.text
    subsidy = typed.ask("八十岁 补贴 标准")  # 标准: what is asked of the 补贴
    assert first_cited(subsidy) == f"{MEALS}/第三章/第九条" and "三元" in subsidy.text
    # Every word typed is asked about: no clause names a price cap or opening hours.
    assert typed.ask("助餐 价格 上限").status == "not_found"
    assert typed.ask("助餐点 营业时间").status == "not_found"


def test_a_page_the_browser_printed_to_pdf(chatty) -> None:  # type: ignore[no-untyped-def]
    # The browser's date and title above each page and its address and page count below
    # are no text; the breadcrumb above the title, and the smaller note below it, no title.
    document = load_file(REGULATIONS / f"{NIGHT_WORK}.pdf")
    assert document.meta.title == "栖林市建筑施工夜间作业管理规定"
    assert "https://" not in document.text and "1/2" not in document.text
    apply = chatty.ask("夜间施工要提前几天申请？")
    assert first_cited(apply) == f"{NIGHT_WORK}/第五条" and "三日前" in apply.text


def test_questions_as_followers_of_an_account_write_them(chatty) -> None:  # type: ignore[no-untyped-def]
    ahead = chatty.ask("请问一下哈～结婚摆酒在路边搭棚要提前几天申请呀？")
    assert first_cited(ahead) == f"{STREET_EVENTS}/第四条" and "提前三日" in ahead.text
    fee = chatty.ask("占道要交钱吗？谢谢！")
    assert first_cited(fee) == f"{STREET_EVENTS}/第七条" and "不收取占道费" in fee.text
    # 邻居…，: what a neighbour does is the asker's story; who persuades is asked.
    neighbour = chatty.ask("邻居办丧事天天放哀乐，找谁劝劝？")
    assert first_cited(neighbour) == f"{STREET_EVENTS}/第三条" and "街道办事处" in neighbour.text
    assert chatty.ask("搭棚可以放鞭炮吗？😄").status == "not_found"


def test_a_word_template_holding_its_text_in_content_controls(templated) -> None:  # type: ignore[no-untyped-def]
    # An OA system's template keeps title, note and body in w:sdt fields.
    document = load_file(REGULATIONS / f"{DELIVERY}.docx")
    assert document.meta.title == "樟浦市外卖快递配送电动自行车交通安全管理规定"
    assert document.meta.order_no == "樟浦市人民政府令第11号"
    assert "\n第七条　配送人员驾驶电动自行车应当佩戴安全头盔" in document.text
    helmet = templated.ask("送外卖要戴头盔吗？")
    assert first_cited(helmet) == f"{DELIVERY}/第七条" and "安全头盔" in helmet.text
    insured = templated.ask("平台要给骑手买保险吗？")  # 平台, 骑手: 配送企业, 配送人员
    assert first_cited(insured) == f"{DELIVERY}/第四条" and "意外伤害保险" in insured.text


def test_questions_typed_in_traditional_characters(templated) -> None:  # type: ignore[no-untyped-def]
    margin = templated.ask("中介可以吃差價嗎？")
    assert first_cited(margin) == f"{AGENTS}/第二章/第七条/（三）" and "赚取差价" in margin.text
    rent = templated.ask("租房中介費最多收多少？")  # 中介费: 佣金
    assert first_cited(rent) == f"{AGENTS}/第二章/第八条" and "一个月租金" in rent.text
    assert templated.ask("中介可以收看房費嗎？").status == "not_found"


def test_a_pdf_set_with_letter_spacing(spaced) -> None:  # type: ignore[no-untyped-def]
    # Justified with letter spacing, its lines come out a character and a space at a time.
    document = load_file(REGULATIONS / f"{BINS}.pdf")
    assert document.meta.title == "鸥汀市旧衣物回收箱设置管理规定"
    assert "\n第十条本规定自2045年7月1日起施行。" in document.text
    weekly = spaced.ask("回收箱多久清一次？")
    assert first_cited(weekly) == f"{BINS}/第六条" and "每周清运一次" in weekly.text


def test_several_questions_in_one_message(spaced) -> None:  # type: ignore[no-untyped-def]
    term = spaced.ask("认养能认几年？到期了还能续吗？")
    assert first_cited(term) == f"{ADOPTION}/第四条"
    assert "一至三年" in term.text and "续签" in term.text
    sign = spaced.ask("可以挂牌子吗？牌子能多大？")
    assert first_cited(sign) == f"{ADOPTION}/第五条" and "零点五平方米" in sign.text
    # 找谁申请: the sentence saying to whom one applies, not the agency's charge.
    apply = spaced.ask("认养绿地找谁申请？要签协议吗？")
    assert first_cited(apply) == f"{ADOPTION}/第四条" and "市园林绿化局" in apply.text


def test_a_draft_printed_with_line_numbers(spoken) -> None:  # type: ignore[no-untyped-def]
    # The numbers in the margin, set apart and smaller, are no part of the articles.
    document = load_file(REGULATIONS / f"{VENUES}.pdf")
    assert "\n第八条 公共体育场馆应当配备急救设施，游泳馆应当按照每二百五十平方米" in document.text
    students = spoken.ask("学生去体育馆有优惠吗？")  # 优惠: 免费或者低收费
    assert first_cited(students) == f"{VENUES}/第六条" and "低收费" in students.text


def test_questions_as_voice_input_transcribes_them(spoken) -> None:  # type: ignore[no-untyped-def]
    lock = spoken.ask("就是小区里能不能自己装地锁啊")
    assert first_cited(lock) == f"{PARKING}/第七条" and "地锁" in lock.text
    # 就是我想问一下: the speaker's pause and frame, not an asker speaking of itself.
    owners = spoken.ask("就是我想问一下小区的车位是不是要先卖给业主啊")
    assert first_cited(owners) == f"{PARKING}/第四条" and "首先满足业主" in owners.text
    price = spoken.ask("那个开发商卖车位之前要不要公示价格啊")  # 公示 / 价格, no 公示价
    assert first_cited(price) == f"{PARKING}/第四条" and "公示车位数量和价格" in price.text
    quarrel = spoken.ask("跟邻居因为车位吵起来了找谁协调")
    assert first_cited(quarrel) == f"{PARKING}/第三条" and "街道办事处" in quarrel.text


def test_a_regulation_sent_round_by_email(mailed) -> None:  # type: ignore[no-untyped-def]
    # Its GB2312 plain-text part, read a paragraph a line; the greeting above the title.
    document = load_file(REGULATIONS / f"{SHELTERS}.eml")
    assert document.meta.title == "峪川市人民防空工程平时使用管理办法"
    assert "\n第五条　人防工程平时可以用作停车场" in document.text
    parking = mailed.ask("地下防空洞能用来停车吗？")
    assert first_cited(parking) == f"{SHELTERS}/第五条" and "停车场" in parking.text


def test_questions_a_lawyer_asks(mailed) -> None:  # type: ignore[no-untyped-def]
    by_order = mailed.ask("漪水市人民政府令第21号第四条的内容是什么？")
    assert first_cited(by_order) == f"{PRESALE}/第二章/第四条" and "三方监管协议" in by_order.text
    office = mailed.ask("预售资金监管的主管部门是哪个？")  # 主管部门是哪个: an office asked
    assert first_cited(office) == f"{PRESALE}/第一章/第三条" and "市住房和城乡建设局" in office.text
    # Before an act (申请商品房预售许可前，应当…): a time stated relative to an event.
    when = mailed.ask("开立监管账户应在何时？")
    assert first_cited(when) == f"{PRESALE}/第二章/第四条" and "申请商品房预售许可前" in when.text


def test_ocr_look_alikes_in_numbering_and_dates(dialect) -> None:  # type: ignore[no-untyped-def]
    # 笫六条 (笫, a bed mat) and 12月1曰 (曰, to say), as OCR misreads 第 and 日.
    document = load_file(REGULATIONS / f"{BREAKFAST}.txt")
    assert "\n第六条　早餐供应网点应当使用清洁能源" in document.text and "笫" not in document.text
    assert document.meta.effective == "2045-12-01"
    sixth = dialect.ask("檀溪规定第六条是什么？")
    assert first_cited(sixth) == f"{BREAKFAST}/第六条" and "清洁能源" in sixth.text


def test_questions_in_southwestern_mandarin(dialect) -> None:  # type: ignore[no-untyped-def]
    loft = dialect.ask("鸽棚子可以搭在楼道头不？")  # …头不: 里吗
    assert first_cited(loft) == f"{PIGEONS}/第五条" and "公共楼道" in loft.text
    fine = dialect.ask("在公共楼道搭鸽棚要遭罚好多钱？")  # 遭罚好多钱: 被罚多少钱
    assert first_cited(fine) == f"{PIGEONS}/第九条" and "二百元以上一千元以下" in fine.text
    assert dialect.ask("鸽子比赛有奖金没得？").status == "not_found"  # 没得: 吗


def test_questions_in_cantonese(latin) -> None:  # type: ignore[no-untyped-def]
    parking = latin.ask("骑楼底泊车得唔得？")  # 泊车得唔得: 停车可以吗
    assert first_cited(parking).startswith(f"{ARCADES}/第二章/第五条")  # its item (二)
    assert "停放机动车" in parking.text
    # 几耐有结果: 多久有结果, the time within which the office decides.
    decided = latin.ask("报咗审批几耐有结果？")
    assert first_cited(decided) == f"{ARCADES}/第二章/第七条" and "二十日内" in decided.text
    keeper = latin.ask("骑楼日常维护边个负责？")  # the owner's duty in the words asked
    assert first_cited(keeper) == f"{ARCADES}/第二章/第四条" and "所有权人" in keeper.text
    # The subsidy states no time: the approval's twenty days are another act's.
    assert latin.ask("修缮补助几耐可以批落嚟？").status == "not_found"


def test_a_technical_texts_latin_units(latin) -> None:  # type: ignore[no-untyped-def]
    noise = latin.ask("KTV晚上噪音不能超过多少分贝？")  # 分贝: dB(A)
    assert first_cited(noise) == f"{VENUES_AT_NIGHT}/第四条" and "45dB(A)" in noise.text
    room = latin.ask("KTV包厢最小要多少平方米？")  # 平方米: m²
    assert first_cited(room) == f"{VENUES_AT_NIGHT}/第五条" and "6m²" in room.text
    kept = latin.ask("监控录像要保存多少天？")  # 30d
    assert first_cited(kept) == f"{VENUES_AT_NIGHT}/第八条" and "30d" in kept.text
    # A place of business the rule defines (娱乐场所，是指…的场所) is the party its duties bind.
    actors = {o.actor for o in latin.library.obligations if o.doc_id == VENUES_AT_NIGHT}
    assert actors == {"娱乐场所"}
    # Asked after a turn on another regulation, an article of the one it names: not the
    # last question asked again of this one (枫港市骑楼通道要留多宽).
    latin.ask("骑楼通道要留几阔？", session_id="two-rules")
    seventh = latin.ask("枫港规定第七条是什么？", session_id="two-rules")
    assert first_cited(seventh) == f"{VENUES_AT_NIGHT}/第七条" and "LED显示屏" in seventh.text
    # An owner naming its business by a kind the definition lists (KTV): that party's
    # whole checklist, every duty of 第四条 to 第十条.
    owner = latin.ask("我开了一家KTV，需要做什么？")
    cited = {c.clause_id for c in owner.citations}
    assert {f"{VENUES_AT_NIGHT}/第{n}条" for n in "四五六七八九十"} <= cited
    closure = latin.ask("营业超时情节严重的停业多久？")
    assert first_cited(closure) == f"{VENUES_AT_NIGHT}/第十二条" and "1个月至6个月" in closure.text


def test_a_legal_databases_csv_export(exported) -> None:  # type: ignore[no-untyped-def]
    # GBK, 法规名称 | 章节 | 条号 | 条文内容, the title repeated on every row, an article's
    # items in one quoted cell.
    document = load_file(REGULATIONS / f"{AED}.csv")
    assert document.meta.title == "汐港市公共场所自动体外除颤器配置管理办法"
    assert "第二章 配置与维护\n第四条 下列公共场所应当配置AED：\n（一）机场" in document.text
    sixth = exported.ask("汐港办法第六条是什么？")
    assert first_cited(sixth) == f"{AED}/第二章/第六条" and "每月" in sixth.text
    # A term the 办法 abbreviates, asked alone: the article that names it so.
    what = exported.ask("AED是什么？")
    assert first_cited(what) == f"{AED}/第一章/第一条" and "自动体外除颤器" in what.text
    harm = exported.ask("用AED救人把人弄伤了要负责吗？")  # 弄伤: 损害
    assert first_cited(harm) == f"{AED}/第三章/第十条" and "不承担法律责任" in harm.text
    # Where it is asked (小区里), a place the list of places does not name: not said.
    assert exported.ask("小区里要配AED吗？").status == "not_found"


def test_questions_about_a_regulations_structure(exported) -> None:  # type: ignore[no-untyped-def]
    chapter = exported.ask("岫川规定的法律责任在第几章？")
    assert first_cited(chapter).startswith(f"{SCULPTURES}/第四章/") and "第十三条" in chapter.text
    listed = exported.ask("岫川规定第四章有哪些条款？")
    assert first_cited(listed).startswith(f"{SCULPTURES}/第四章/") and "第十二条" in listed.text
    last = exported.ask("岫川规定最后一条是什么？")
    assert first_cited(last) == f"{SCULPTURES}/第五章/第十四条" and "2046年7月1日" in last.text
    fines = exported.ask("岫川规定哪些条款是关于罚款的？")
    assert first_cited(fines).startswith(f"{SCULPTURES}/第四章/")
    # 上贴 (jieba's word): the place's 上 and the act 贴, which 张贴 in the item says.
    posted = exported.ask("在雕塑上贴广告罚多少？")
    assert first_cited(posted) == f"{SCULPTURES}/第四章/第十一条"
    # A regulation named that is not loaded (鹤汀规定): said so, not answered from another's
    # chapter of the same title; 未按规定… names none.
    unheld = exported.ask("鹤汀规定的法律责任在第几章？")
    assert unheld.status == "not_found" and unheld.text.startswith("已收录的文件不包括鹤汀的文件")
    # The office charged with it, not a party's duty to apply to that office.
    judged = exported.ask("谁负责雕塑的艺术评审？")
    assert first_cited(judged) == f"{SCULPTURES}/第一章/第三条"


def test_an_annotated_edition(annotated) -> None:  # type: ignore[no-untyped-def]
    # 【释义】 after each article is said about it, not one of its 款: its 应当 sentences,
    # the offices it names and the date it was passed are no records and no answers.
    document = load_file(REGULATIONS / f"{VILLAGES}.txt")
    assert document.meta.title == "泷溪市传统村落保护规定释义"  # not its compiler's line
    assert document.meta.doc_type == "规定" and document.meta.effective == "2046-09-01"
    records = [o for o in annotated.library.obligations if o.doc_id == VILLAGES]
    assert {o.clause_id.split("/", 1)[1] for o in records} == {
        "第四条",
        "第五条",
        "第五条/（一）",
        "第五条/（二）",
        "第五条/（三）",
        "第六条",
    }
    assert f"{VILLAGES}/第五条/释义" in annotated.library.commentary
    when = annotated.ask("泷溪规定什么时候施行？")
    assert first_cited(when) == f"{VILLAGES}/第十条" and "2046年9月1日" in when.text
    assert "6月28日" not in when.text
    who = annotated.ask("谁负责传统村落保护的监督？")
    assert first_cited(who) == f"{VILLAGES}/第三条" and "市文化广电旅游局" not in who.text


def test_a_rules_exceptions_asked_about(annotated) -> None:  # type: ignore[no-untyped-def]
    crash = annotated.ask("快撞车了可以按喇叭吗？")  # 撞车: 交通事故
    assert first_cited(crash).startswith(f"{HORNS}/第四条") and "避免发生交通事故" in crash.text
    # 郊区, outside the 中心城区 the zone is: the rule for the whole city at night answers.
    night = annotated.ask("晚上郊区可以按喇叭吗？")
    assert first_cited(night) == f"{HORNS}/第七条" and "全市范围内" in night.text
    # Asked what it looks like: that it is set up is no answer.
    assert annotated.ask("禁鸣标志是什么样子的？").status == "not_found"
    # The excepted cases (…必须鸣喇叭的) and a zone named by its ban are no duties.
    duties = {o.clause_id for o in annotated.library.obligations if o.doc_id == HORNS}
    assert f"{HORNS}/第四条/（二）" not in duties and f"{HORNS}/第二条" not in duties


def test_questions_in_shanghainese(paged) -> None:  # type: ignore[no-untyped-def]
    parking = paged.ask("弄堂里厢好停汽车伐？")  # 好…伐: 可以…吗
    assert first_cited(parking).startswith(f"{LANES}/第四条") and "停放机动车" in parking.text
    noon = paged.ask("装修中浪向好做伐？")  # 中浪向: 中午
    assert first_cited(noon) == f"{LANES}/第七条" and "十二时至十四时" in noon.text
    fine = paged.ask("弄堂里乱停汽车要罚几钿？")  # 几钿: 多少钱
    assert first_cited(fine) == f"{LANES}/第九条" and "二百元罚款" in fine.text
    assert paged.ask("弄堂里好养鸡伐？").status == "not_found"


def test_the_first_page_of_a_paginated_page(paged) -> None:  # type: ignore[no-untyped-def]
    # Saved at its first page: the articles to 第八条, its pager (共2页, 下一页) no text.
    document = load_file(REGULATIONS / f"{LIGHTS}.html")
    assert document.text.rstrip().endswith("拨打12319城市管理服务热线报修。")
    assert "下一页" not in document.text and "共2页" not in document.text
    repair = paged.ask("路灯坏了多久修好？")
    assert first_cited(repair) == f"{LIGHTS}/第二章/第七条" and "四十八小时内" in repair.text
    # What the unsaved page holds, this file does not say.
    assert paged.ask("涟川办法什么时候施行？").status == "not_found"
    assert paged.ask("涟川办法第十二条是什么？").status == "not_found"


def test_questions_in_northeastern_mandarin(digits) -> None:  # type: ignore[no-untyped-def]
    estate = digits.ask("小区里的雪谁整？")  # 谁整: 谁管
    assert first_cited(estate) == f"{SNOW}/第四条" and "物业服务企业" in estate.text
    unmanaged = digits.ask("没物业的小区雪咋整？")  # 咋整: 怎么办
    assert first_cited(unmanaged) == f"{SNOW}/第四条" and "街道办事处" in unmanaged.text
    dumped = digits.ask("往道上倒雪咋罚？")  # 咋罚: 怎么罚
    assert first_cited(dumped) == f"{SNOW}/第十条" and "二百元以上一千元以下" in dumped.text


def test_a_markdown_regulation_numbered_in_digits(digits) -> None:  # type: ignore[no-untyped-def]
    # ## 第2章 and **第5条**: the chapter and the article, labelled as lawyers cite them.
    fifth = digits.ask("岷港办法第五条是什么？")
    assert first_cited(fifth) == f"{SCREENS}/第二章/第五条" and "15个工作日内" in fifth.text
    hours = digits.ask("电子屏每天几点可以开？")  # 电子屏: 电子显示屏
    assert first_cited(hours) == f"{SCREENS}/第二章/第六条" and "7时至22时" in hours.text
