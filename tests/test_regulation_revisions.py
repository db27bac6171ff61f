"""Regulations in further hands: questions typed by office staff with English words in
them (fire drill, penalty, deadline, Article 8); a regulation published as the comparison
table of a revision (修改前后对照表), the text before and after side by side, an article
inserted, the rest renumbered and one deleted; a revised regulation as a legal database
prints it, note markers ([1]) after the units changed and their 注释 below quoting the
text before; questions typed by a Taiwanese owner, in traditional characters with
Taiwan's words (罰鍰, 外送, 免洗餐具, 業者, 上路); a regulation copied from a portal that
marks copies with zero-width spaces; citizens checking what they heard (听说…是真的吗,
是不是公安局管…); a fee table inside an article; pinyin initials typed in chats (sfz); a
register in Excel setting a 款 or a 项 a row; a 12345 hotline agent's tickets; a PDF setting
its numbers in fake bold; questions posted as on forums (求问, 家人们谁懂啊, 在线等); a news
site's reprint; and a learner's questions, words set apart by commas."""

from __future__ import annotations

from pathlib import Path

from policyqa.documents import load_file
from tests.conftest import first_cited, regulations_fixture

REGULATIONS = Path(__file__).parent / "fixtures" / "regulations"

COWORKING = "jichuan-coworking-fire-safety-rules"
DRY_CLEANING = "henggang-dry-cleaning-rules-comparison"
revised = regulations_fixture(COWORKING, f"{DRY_CLEANING}.docx")
WELLS = "danzhou-ancient-wells-rules"
TAKEAWAY = "xungang-takeaway-disposables-rules"
annotated = regulations_fixture(WELLS, TAKEAWAY)
ROADS = "qiaoling-road-occupation-rules"
RENTALS = "qingang-rental-registration-rules"
heard = regulations_fixture(ROADS, RENTALS)
PARKING = "yangchuan-parking-fees-measures"
STALLS = "wengang-night-stalls-rules"
tabled = regulations_fixture(f"{PARKING}.docx", STALLS)
PARCELS = "tiaoxi-parcel-points-rules"
COMMON_AREAS = "meichuan-residential-common-areas-rules"
registered = regulations_fixture(f"{PARCELS}.xlsx", COMMON_AREAS)
BULKY_WASTE = "fugang-bulky-waste-rules"
HELMETS = "yingchuan-ebike-helmets-rules"
posted = regulations_fixture(f"{BULKY_WASTE}.pdf", HELMETS)
SCOOTERS = "congxi-shared-scooters-rules-news"
DROP_OFF = "zhegang-timed-waste-drop-off-rules"
reprinted = regulations_fixture(f"{SCOOTERS}.html", DROP_OFF)


def test_questions_with_english_words_in_them(revised) -> None:  # type: ignore[no-untyped-def]
    drill = revised.ask("fire drill多久要搞一次？")
    assert first_cited(drill).startswith(f"{COWORKING}/第四条") and "每半年" in drill.text
    eighth = revised.ask("Article 8讲的是什么？")
    assert first_cited(eighth) == f"{COWORKING}/第八条" and "保存不少于三年" in eighth.text
    fine = revised.ask("个人私拉电线的fine是多少？")
    assert first_cited(fine) == f"{COWORKING}/第十一条" and "五十元以上五百元以下" in fine.text
    # Who does the act asked of, in the words asked (维护保养由运营者负责), not the article
    # naming a party the responsible one for the whole field (…是消防安全责任人).
    upkeep = revised.ask("消防设施的maintenance谁负责？")
    assert first_cited(upkeep) == f"{COWORKING}/第八条" and "由运营者负责" in upkeep.text
    # Nothing says what the asker typed in English: declined.
    assert revised.ask("可以在office里smoking吗？").status == "not_found"
    assert revised.ask("运营者要买insurance吗？").status == "not_found"


def test_a_party_said_to_be_the_responsible_one_and_a_party_charged_without_a_modal(
    revised,  # type: ignore[no-untyped-def]
) -> None:
    duties = [o for o in revised.library.obligations if o.doc_id == COWORKING]
    # 联合办公空间运营者是消防安全责任人，应当…: the party is the operator, not what it is said
    # to be; so are its four items'.
    fourth = [o for o in duties if o.clause_id.startswith(f"{COWORKING}/第四条")]
    assert len(fourth) == 5 and {o.actor for o in fourth} == {"联合办公空间运营者"}
    # 消防设施的维护保养由运营者负责，…检测报告保存不少于三年: a duty with no modal.
    upkeep = [o for o in duties if "维护保养由运营者负责" in o.action]
    assert [(o.clause_id, o.actor, o.deadline_text) for o in upkeep] == [
        (f"{COWORKING}/第八条", "运营者", "保存不少于三年")
    ]


def test_a_regulation_published_as_its_revisions_comparison_table(revised) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{DRY_CLEANING}.docx")
    assert document.meta.title == "蘅港市洗染业管理规定" and document.meta.doc_type == "规定"
    # The text after: the inserted 第四条, the renumbered 第六条 at ten times the fee;
    # neither the repealed five times nor the deleted article.
    assert "第四条　干洗店应当使用全封闭式干洗机" in document.text
    assert "十倍" in document.text and "五倍" not in document.text
    assert "消费者协会" not in document.text and "2039年5月1日" not in document.text
    sixth = revised.ask("蘅港规定第六条是什么？")
    assert first_cited(sixth) == f"{DRY_CLEANING}/第六条" and "十倍" in sixth.text
    fine = revised.ask("用开启式干洗机怎么罚？")
    assert first_cited(fine) == f"{DRY_CLEANING}/第十一条" and "一万元以上十万元以下" in fine.text
    lost = revised.ask("送洗衣物丢了赔多少？")  # 丢了: 丢失
    assert first_cited(lost) == f"{DRY_CLEANING}/第六条" and "十倍" in lost.text
    # Its articles counted, as they stand after the revision.
    counted = revised.ask("蘅港规定一共多少条？")
    assert first_cited(counted) == f"{DRY_CLEANING}/第十二条" and "共12条" in counted.text
    # Its duties, each at its article after the revision.
    duties = {
        o.clause_id.rsplit("/", 1)[-1]: o.action
        for o in revised.library.obligations
        if o.doc_id == DRY_CLEANING
    }
    assert set(duties) == {"第四条", "第五条", "第六条", "第七条", "第八条", "第九条"}
    assert "洗涤方式" in duties["第五条"] and "十倍" in duties["第六条"]
    # 干洗店应当…: a shop is the party its duties name.
    shops = {
        o.clause_id.rsplit("/", 1)[-1] for o in revised.library.obligations if o.actor == "干洗店"
    }
    assert shops == {"第四条", "第八条"}


def test_a_revised_regulation_with_its_note_markers_and_notes(annotated) -> None:  # type: ignore[no-untyped-def]
    document = load_file(REGULATIONS / f"{WELLS}.txt")
    # The markers are apparatus: no answer quotes 水井。[1] before its own [1].
    articles = document.text.split("注释：")[0]
    assert "[1]" not in articles and "污染设施；\n" in articles
    assert "[1] 本条原为" in document.text  # the notes stay, as their own unit
    defined = annotated.ask("什么样的井算古井？")
    assert first_cited(defined) == f"{WELLS}/第二条" and "五十年以上" in defined.text
    assert "一百年" not in defined.text and "。[1]”" not in defined.text
    moved = annotated.ask("修路要迁古井怎么办？")  # 迁: 迁移
    assert first_cited(moved) == f"{WELLS}/第七条" and "三十日内" in moved.text
    stored = annotated.ask("井旁边能堆农药吗？")  # 井 alone, a noun; 农药: 有毒有害物品
    assert first_cited(stored).startswith(f"{WELLS}/第六条")
    # …产权人为古井的保护责任人，负责古井的日常巡查和清淤: a duty with no modal.
    patrols = [o for o in annotated.library.obligations if o.clause_id == f"{WELLS}/第五条"]
    assert [o.actor for o in patrols] == ["村民委员会、居民委员会或者产权人"]


def test_questions_in_taiwans_words(annotated) -> None:  # type: ignore[no-untyped-def]
    cutlery = annotated.ask("外送可以主動附免洗餐具嗎？")  # 外卖, 一次性餐具
    assert first_cited(cutlery) == f"{TAKEAWAY}/第四条" and "不得主动" in cutlery.text
    fine = annotated.ask("主動給免洗餐具罰鍰多少？")  # 罚锾: 罚款
    assert first_cited(fine) == f"{TAKEAWAY}/第九条" and "二千元以上一万元以下" in fine.text
    platform = annotated.ask("外送平台要做什麼？")  # the party 网络餐饮服务平台
    assert first_cited(platform) == f"{TAKEAWAY}/第六条" and "不需要餐具" in platform.text
    start = annotated.ask("潯港規定什麼時候上路？")  # 上路 of a rule: 施行
    assert first_cited(start) == f"{TAKEAWAY}/第十二条" and "2047年6月1日" in start.text
    assert annotated.ask("違規會被勒令歇業嗎？").status == "not_found"


def test_a_text_marked_with_zero_width_spaces(heard) -> None:  # type: ignore[no-untyped-def]
    raw = (REGULATIONS / f"{ROADS}.txt").read_text(encoding="utf-8-sig")
    assert "\u200b" in raw and "\u00a0" in raw
    document = load_file(REGULATIONS / f"{ROADS}.txt")
    assert "\u200b" not in document.text and "\u00a0" not in document.text
    assert document.meta.title == "峤岭市道路临时占用管理规定"
    assert "第五条  临时占用道路的期限一般不超过三十日" in document.text
    fifth = heard.ask("峤岭规定第五条是什么？")
    assert first_cited(fifth) == f"{ROADS}/第五条" and "不超过三十日" in fifth.text
    extended = heard.ask("占道可以延期吗？")  # 占道, one word
    assert first_cited(extended) == f"{ROADS}/第五条" and "期满五日前" in extended.text


def test_what_citizens_heard_checked_against_the_text(heard) -> None:  # type: ignore[no-untyped-def]
    # The figure heard is wrong: the answer quotes the one the text sets.
    fine = heard.ask("听说不备案要罚一万，是真的吗？")
    assert first_cited(fine) == f"{RENTALS}/第九条" and "一千元以上五千元以下" in fine.text
    # An office guessed: the text's own answers who, and where.
    who = heard.ask("是不是公安局管租房备案？")
    assert first_cited(who) == f"{RENTALS}/第三条" and "市住房和城乡建设局" in who.text
    where = heard.ask("备案是不是要去派出所办？")
    assert first_cited(where) == f"{RENTALS}/第四条" and "街道办事处" in where.text
    # What nothing says is declined, however it is framed.
    assert heard.ask("听说租房可以提取公积金，是真的吗？").status == "not_found"
    assert heard.ask("听说房租每年涨幅不能超过5%，是真的吗？").status == "not_found"
    # 通过住房租赁企业出租的，由住房租赁企业代为办理: a duty with no modal.
    agents = [o for o in heard.library.obligations if o.actor == "住房租赁企业"]
    assert [o.clause_id for o in agents] == [f"{RENTALS}/第四条"]


def test_a_fee_table_inside_an_article(tabled) -> None:  # type: ignore[no-untyped-def]
    # 第五条 …收费标准如下：, then its table: each row is the article's, quoted for the row asked.
    night = tabled.ask("晚上停小型车在二类区域收多少？")
    assert first_cited(night) == f"{PARKING}/第五条" and "每次1元" in night.text
    # Two things of one document compared (大车和小车): its clauses answer, not a table of
    # every plan loaded, which a comparison of documents is.
    sizes = tabled.ask("大车和小车收费一样吗？")
    assert first_cited(sizes) == f"{PARKING}/第五条" and "大型车" in sizes.text
    assert "| 城市 |" not in sizes.text
    paid = tabled.ask("可以用微信付停车费吗？")  # 微信: 电子支付
    assert first_cited(paid) == f"{PARKING}/第八条" and "电子支付方式" in paid.text


def test_pinyin_initials_in_a_question(tabled) -> None:  # type: ignore[no-untyped-def]
    papers = tabled.ask("申请摊位要带sfz吗？")  # 身份证
    assert first_cited(papers) == f"{STALLS}/第四条" and "身份证明" in papers.text
    who = tabled.ask("cg管摊区吗？")  # 城管
    assert first_cited(who) == f"{STALLS}/第三条" and "市城市管理局" in who.text
    assert tabled.ask("摆摊要yyzz吗？").status == "not_found"  # 营业执照: not said
    # 由街道办事处收回摊位: what was granted, taken back, is the penalty of 第八条.
    sublet = tabled.ask("摊位转租会怎样？")
    assert first_cited(sublet) == f"{STALLS}/第十一条" and "收回摊位" in sublet.text
    stalls = {o.clause_id for o in tabled.library.obligations if o.actor == "摊贩"}
    assert f"{STALLS}/第七条" in stalls  # 摊贩不得…: a hawker is a party


def test_a_register_setting_a_clause_or_an_item_a_row(registered) -> None:  # type: ignore[no-untyped-def]
    # 条号 | 款 | 项 | 条文内容 | 备注, the article's number on each of its rows: one article
    # of 款 and 项, numbered once; the 备注 is the office's, not the text.
    document = load_file(REGULATIONS / f"{PARCELS}.xlsx")
    assert "第五条 快递末端网点应当遵守下列规定：\n（一）对收寄的快件当面验视" in document.text
    assert document.text.count("\n第四条 ") == 1 and "新增" not in document.text
    second = registered.ask("苕溪规定第四条第二款是什么？")
    assert first_cited(second) == f"{PARCELS}/第四条" and "十日内" in second.text
    third = registered.ask("第五条第（三）项是什么？")
    assert first_cited(third) == f"{PARCELS}/第五条/（三）" and "三十日" in third.text


def test_a_hotline_agents_tickets(registered) -> None:  # type: ignore[no-untyped-def]
    # 市民来电反映：…，咨询…: the caller's case and what is asked, without the framing.
    piled = registered.ask("市民来电反映：邻居长期在楼道堆放杂物，咨询是否违规。")
    assert first_cited(piled) == f"{COMMON_AREAS}/第五条" and "禁止在楼道" in piled.text
    charging = registered.ask(
        "来电人反映楼道里有人给电动车充电，诉求：希望相关部门处理，咨询罚款标准。"
    )
    assert (
        first_cited(charging) == f"{COMMON_AREAS}/第十一条"
        and "五十元以上五百元以下" in charging.text
    )
    # 物业发现业主违规后应如何处理: what the one who finds it must do, not a penalty.
    found = registered.ask("市民来电：物业发现业主违规后应如何处理？")
    assert first_cited(found) == f"{COMMON_AREAS}/第四条" and "及时劝阻" in found.text


def test_a_pdf_in_fake_bold(posted) -> None:  # type: ignore[no-untyped-def]
    # Each character of the title and the numbers drawn three times: read once.
    document = load_file(REGULATIONS / f"{BULKY_WASTE}.pdf")
    assert document.meta.title == "涪港市大件垃圾收运管理规定"
    assert "第五条 收运单位应当在接到预约后四十八小时内上门收运" in document.text.replace("　", " ")
    fifth = posted.ask("涪港规定第五条是什么？")
    assert first_cited(fifth) == f"{BULKY_WASTE}/第五条" and "四十八小时内" in fifth.text


def test_questions_posted_as_on_forums(posted) -> None:  # type: ignore[no-untyped-def]
    fine = posted.ask("姐妹们，骑电动车不戴头盔会被罚吗？在线等挺急的")
    assert first_cited(fine) == f"{HELMETS}/第七条" and "二十元罚款" in fine.text
    riders = posted.ask("有无大佬知道，公司要给骑手配头盔吗？")  # 骑手: 从业人员
    assert first_cited(riders) == f"{HELMETS}/第五条" and "符合国家标准" in riders.text
    # 这个头盔规定: a word of one title and its genre, after a demonstrative, name it.
    start = posted.ask("瀛川这个头盔规定啥时候开始的？")
    assert first_cited(start) == f"{HELMETS}/第十条" and "2047年7月1日" in start.text


def test_a_news_sites_reprint(reprinted) -> None:  # type: ignore[no-untyped-def]
    # Titled by the regulation, not the headline; the editor's note, with figures of its
    # own, is no article and answers nothing.
    document = load_file(REGULATIONS / f"{SCOOTERS}.html")
    assert document.meta.title == "枞溪市共享电动滑板车管理规定"
    assert "相关新闻" not in document.text
    assert reprinted.ask("全市投放了多少辆滑板车？").status == "not_found"
    sixth = reprinted.ask("枞溪规定第六条是什么？")
    assert first_cited(sixth) == f"{SCOOTERS}/第六条" and "电子围栏" in sixth.text


def test_a_learners_questions_set_apart_by_commas(reprinted) -> None:  # type: ignore[no-untyped-def]
    fifth = reprinted.ask("柘港规定，第五条，是什么？")
    assert first_cited(fifth) == f"{DROP_OFF}/第五条" and "7时至9时" in fifth.text
    fine = reprinted.ask("我，错的时间，扔垃圾，罚多少钱？")
    assert first_cited(fine) == f"{DROP_OFF}/第八条" and "五十元以上二百元以下" in fine.text
