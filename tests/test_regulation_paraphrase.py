"""Questions about regulations in the asker's words, not the text's: an interrogative
joined to a verb (谁来管), an abbreviation (监管, 危废), a one-character verb (拆, 洗), a
shop for the party (饭店), a place (河里), a verb with its complement (交给). Each is
answered from the article that says it; what the text does not say is still declined."""

from __future__ import annotations

import pytest

from policyqa.pipeline import Pipeline
from tests.conftest import first_cited, regulations_fixture, uploaded_regulations

SEWAGE = "qinglan-rural-sewage-measures"
FUMES = "wuchuan-cooking-fumes-measures"
PERMITS = "tingzhou-permit-rules"
DRAINS = "xichuan-drainage-regulation"


regulations = regulations_fixture(SEWAGE, FUMES, PERMITS, DRAINS)


def test_an_interrogative_joined_to_a_word_is_no_topic(regulations: Pipeline) -> None:
    # 多长时间 is no word of the text: it says what is asked.
    often = regulations.ask("青岚办法里运维单位多长时间巡检一次？")
    assert first_cited(often) == f"{SEWAGE}/第五条/（一）" and "每周至少巡检一次" in often.text


def test_one_character_verbs_choose_between_penalties(regulations: Pipeline) -> None:
    # 拆 is 擅自拆除 (第十一条), not the duties of 第五条 (第十条); 洗 is 清洗 (第十五条).
    assert first_cited(regulations.ask("青岚办法里把设施拆了罚多少钱？")) == f"{SEWAGE}/第十一条"
    washed = regulations.ask("饭店不洗油烟净化器会被罚吗？")
    assert first_cited(washed) == f"{FUMES}/第四章/第十五条"


def test_the_askers_shop_and_device_are_its_words_for_the_party_and_thing(
    regulations: Pipeline,
) -> None:
    wash = regulations.ask("饭店的油烟净化器多久洗一次？")
    assert first_cited(wash) == f"{FUMES}/第二章/第七条" and "每三个月至少清洗一次" in wash.text
    assert first_cited(regulations.ask("住宅楼里能开烧烤店吗？")) == f"{FUMES}/第二章/第五条"
    # Nothing says the shop must pay a fee or install a monitor: still declined.
    assert regulations.ask("饭店需要缴纳油烟治理费吗？").status == "not_found"
    assert regulations.ask("饭店要装油烟在线监测仪吗？").status == "not_found"
    # A party the text does not bind, as the subject, is asked about: declined.
    assert regulations.ask("外卖平台需要安装油烟净化设施吗？").status == "not_found"


def test_who_is_asked_by_any_verb_and_an_office_asked_for_names_one(
    regulations: Pipeline,
) -> None:
    # 交给 is the asker's verb for 报送; 谁 asks who.
    handed = regulations.ask("青岚办法的年度运行报告交给谁？")
    assert first_cited(handed) == f"{SEWAGE}/第六条" and "县住房和城乡建设局" in handed.text
    # 哪个部门: the sentence naming 市水务局, not the validity the licence has (第五条).
    office = regulations.ask("排水许可证找哪个部门办？")
    assert first_cited(office) == f"{DRAINS}/第二章/第四条" and "市水务局" in office.text


def test_the_penalty_is_asked_in_many_ways(regulations: Pipeline) -> None:
    unlicensed = regulations.ask("没有排水许可就排污水怎么处理？")
    assert unlicensed.intent == "penalty"
    assert first_cited(unlicensed) == f"{DRAINS}/第四章/第十二条"
    forged = regulations.ask("监测机构出假报告的后果？")
    assert first_cited(forged) == f"{FUMES}/第四章/第十七条"


def test_a_frequency_without_a_count_and_a_limit_before_an_event(regulations: Pipeline) -> None:
    monthly = regulations.ask("重点管理单位多久交一次执行报告？")
    assert first_cited(monthly) == f"{PERMITS}/第八条" and "每月提交执行报告" in monthly.text
    # 在启动生产设施或者发生实际排污之前: a limit set by an event, however long.
    register = regulations.ask("排污登记表什么时候填？")
    assert first_cited(register) == f"{PERMITS}/第四条"
    forbidden = regulations.ask("排污单位不能做哪些事？")
    assert "排污单位不得有下列行为" in forbidden.text


def test_an_abbreviation_and_a_place_are_read_as_the_text_writes_them(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    waste = uploaded_regulations(
        tmp_path_factory,
        embedder,
        "tongjiang-solid-waste-regulation",
        "hongchuan-livestock-manure-rules",
        "jianglan-offroad-machinery-regulation",
        "canglan-soil-pollution-regulation",
    )
    # 危废 for 危险废物; the asker's 公司 for the text's 单位.
    unlicensed = waste.ask("能把危废交给没有许可证的公司吗？")
    assert first_cited(unlicensed) == "tongjiang-solid-waste-regulation/第三章/第二节/第十条"
    # 排到河里: 河流; the duty of 第九条 answers, not the penalty item restating it.
    river = waste.ask("粪污能直接排到河里吗？")
    assert first_cited(river) == "hongchuan-livestock-manure-rules/第三章/第九条"
    # 能 / 卖掉: a modal, then the act; 病死猪 is the asker's 病死畜禽.
    sold = waste.ask("病死猪能卖掉吗？")
    assert first_cited(sold) == "hongchuan-livestock-manure-rules/第三章/第十条"
    # A subject thing is the asker's name for the text's (挖掘机: 非道路移动机械).
    smoke = waste.ask("挖掘机冒黑烟可以举报吗？")
    assert first_cited(smoke) == "jianglan-offroad-machinery-regulation/第三章/第十三条"
    # 农田 is 农用地 (synonyms.toml); 有哪些条 outlines a 节.
    sludge = waste.ask("能往农田里排污泥吗？")
    assert first_cited(sludge) == "canglan-soil-pollution-regulation/第二章/第七条"
    section = waste.ask("沧澜条例的第三章第一节有哪些条？")
    assert section.intent == "outline" and "共 2 条" in section.text


def test_a_protection_zones_rules_and_a_shops_yes_or_no_questions(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    water, plastics = (
        "yanhu-drinking-water-source-regulation",
        "fenglin-single-use-plastics-measures",
    )
    both = uploaded_regulations(tmp_path_factory, embedder, water, plastics)
    # 两小时内 is a time within, as 二小时内 is.
    within = both.ask("供水单位发现水质异常要在多长时间内报告？")
    assert first_cited(within) == f"{water}/第三章/第十一条" and "两小时内" in within.text
    # 钓鱼 is 垂钓, an item whose chapeau says 一级保护区: its penalty, not 第十四条's.
    fishing = both.ask("在一级保护区钓鱼会被罚多少？")
    assert first_cited(fishing) == f"{water}/第四章/第十五条"
    # The prohibitions asked are those of the zone asked about.
    zone = both.ask("一级保护区内不能做哪些事？")
    assert first_cited(zone) == f"{water}/第二章/第六条" and "地理界标" not in zone.text
    # Each sanction says whom it fines (对单位…, 对个人…).
    assert "对个人处五百元以上二千元以下的罚款" in zone.text
    # 第七条's order on what is built is a measure, not a penalty to rank behind.
    built = both.ask("二级保护区里已经建成的排污项目怎么办？")
    assert first_cited(built) == f"{water}/第二章/第七条" and "责令拆除或者关闭" in built.text
    # A chapter's article that introduces items is outlined with them.
    chapter = both.ask("雁湖条例第三章讲什么？")
    assert "建立水源水质检测制度" in chapter.text
    # An article past the last is declined with how far the regulation goes.
    beyond = both.ask("雁湖条例第二十五条是什么？")
    assert beyond.status == "not_found" and "共19条，最后一条为第十九条" in beyond.text
    # 顾客 (a name to jieba) and 免费放 (how, not what) are the asker's words.
    straws = both.ask("饭店可以给顾客提供塑料吸管吗？")
    assert first_cited(straws) == f"{plastics}/第六条" and "可以有偿提供" in straws.text
    assert first_cited(both.ask("酒店还能免费放一次性牙刷吗？")) == f"{plastics}/第八条"
    assert both.ask("消费者自带餐具可以打折吗？").status == "not_found"


def test_definitions_limits_and_sanctions_asked_in_other_words(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    kitchen, disclosure = "linchuan-kitchen-waste-measures", "lanzhou-disclosure-regulation"
    noise, repair = "qushui-noise-rules", "chengchuan-auto-repair-voc-measures"
    four = uploaded_regulations(tmp_path_factory, embedder, kitchen, disclosure, noise, repair)
    # 什么叫 and X是Y吗 ask what a defined term covers.
    assert first_cited(four.ask("什么叫餐厨垃圾？")) == f"{kitchen}/第一章/第三条"
    assert first_cited(four.ask("餐厅是餐厨垃圾产生单位吗？")) == f"{kitchen}/第一章/第三条"
    # 停产 here is the event, not a sanction asked about.
    pause = four.ask("处置厂检修停产要提前几天报告？")
    assert pause.intent != "penalty" and "提前15个工作日" in pause.text
    # 吊销许可证 is imposed by 吊销其处置许可证; 营业执照 by nothing.
    revoked = four.ask("拿餐厨垃圾喂猪会被吊销许可证吗？")
    assert first_cited(revoked) == f"{kitchen}/第四章/第十五条"
    assert four.ask("收运单位违规会被吊销营业执照吗？").status == "not_found"
    # The trade's words (synonyms.toml): 泔水 and 剩饭剩菜 are 餐厨垃圾, 下水道 污水管道.
    slop = four.ask("饭馆的剩饭剩菜能倒进下水道吗？")
    assert first_cited(slop) == f"{kitchen}/第二章/第六条" and "污水管道" in slop.text
    # 收来 is a complemented verb; 当天 is 当日.
    same_day = four.ask("收来的餐厨垃圾要当天送到吗？")
    assert first_cited(same_day) == f"{kitchen}/第二章/第七条"
    # 被行政处罚后: a sanction as the duty's condition.
    after = four.ask("被行政处罚后几天内要披露？")
    assert after.intent != "penalty" and "五个工作日内" in after.text
    # 夜里 is 夜间 (synonyms.toml), kept whole though it ends in a localizer.
    assert first_cited(four.ask("夜里施工罚多少钱？")) == f"{noise}/第三章/第十条"
    # Hours are a length of time; 坏了 is 故障.
    hours = four.ask("设施故障几个小时内报告？")
    assert "二十四小时内" in hours.text
    assert first_cited(four.ask("废气设施坏了怎么办？")) == f"{repair}/第二章/第八条"


def test_a_sorting_rules_items_synonyms_and_equal_penalties(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    sorting = "jinping-waste-sorting-regulation"
    rule = uploaded_regulations(tmp_path_factory, embedder, sorting)
    # 几类 asks; 分成 is 分为.
    kinds = rule.ask("生活垃圾分成哪几类？")
    assert first_cited(kinds) == f"{sorting}/第一章/第二条"
    # 扔 is 投放, 一起 混合: the rule on throwing together, not the list of kinds.
    together = rule.ask("有害垃圾能和其他垃圾一起扔吗？")
    assert first_cited(together) == f"{sorting}/第二章/第六条" and "单独投放" in together.text
    # Two penalties alike on the words asked: the one retrieval ranks first leads.
    fine = rule.ask("个人不分类扔垃圾罚多少？")
    assert first_cited(fine) == f"{sorting}/第四章/第十一条"
    # A duty introducing items is listed with them.
    daily = rule.ask("管理责任人每天要做什么？")
    assert "每日开展分类投放的宣传和指导" in daily.text


def test_a_countys_rule_read_in_the_words_of_its_townships(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    straw = "minxian-straw-burning-rules"
    rule = uploaded_regulations(tmp_path_factory, embedder, straw)
    # 乡镇 is the text's 乡（镇）; 每日 opening an item (3．每日…报告) is a frequency.
    daily = rule.ask("乡镇多久向生态环境局报告一次禁烧情况？")
    assert daily.status == "answered" and "每日向县生态环境局报告" in daily.text
    # A penalty on an agency's article (第四条 binds the 乡（镇）), found by the article it cites.
    lax = rule.ask("乡镇禁烧不力会受到什么处理？")
    assert first_cited(lax) == f"{straw}/第十一条" and "通报批评" in lax.text
    # Which licence to obtain, where no clause names one: declined.
    assert rule.ask("秸秆收储企业需要办理什么许可证？").status == "not_found"


def test_ships_and_ports_asked_as_a_harbour_would(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    ships = "linhai-ship-pollutant-measures"
    rule = uploaded_regulations(tmp_path_factory, embedder, ships)
    # 直接 qualifies 排 (how, not what); 水里 is a place; 污水 is said.
    dumped = rule.ask("船在港口能直接往水里排生活污水吗？")
    assert first_cited(dumped) == f"{ships}/第二章/第四条" and "不得向水体排放" in dumped.text
    # 的 keeps 船舶污染物 and 车 apart: no compound 船舶污染物车 to be unsaid.
    trucks = rule.ask("转运船舶污染物的车有什么要求？")
    assert first_cited(trucks) == f"{ships}/第三章/第八条"
    # 保存二年 is how long; a sentence describing whom (交由…的单位) answers who.
    kept = rule.ask("接收单证要保存多久？")
    assert "保存二年" in kept.text
    oily = rule.ask("船上的含油污水交给谁处置？")
    assert first_cited(oily) == f"{ships}/第三章/第九条" and "危险废物经营许可证" in oily.text
    # 市政 is 城镇 (synonyms.toml).
    assert first_cited(rule.ask("船舶生活污水可以进市政污水管网吗？")) == f"{ships}/第三章/第九条"
    # A named third party in what is asked (炼油厂) is no asker's own word: declined.
    assert rule.ask("接收单位可以把含油污水卖给炼油厂吗？").status == "not_found"


def test_a_question_after_an_article_lookup_is_not_an_article_lookup(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    lab = "qingcheng-lab-hazardous-waste-rules"
    rule = uploaded_regulations(tmp_path_factory, embedder, lab)
    beyond = rule.ask("青城规定第二十条是什么？", session_id="lab")
    assert beyond.status == "not_found" and "共13条" in beyond.text
    # Short, so read as a follow-up; it names no article, so it looks none up.
    longer = rule.ask("量少的话能存两年吗？", session_id="lab")
    assert longer.intent != "article"
    assert first_cited(longer) == f"{lab}/第六条" and "可以延长至两年" in longer.text
    # One that names an article still does.
    assert first_cited(rule.ask("第七条呢？", session_id="lab")) == f"{lab}/第七条"
