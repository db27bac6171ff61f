"""Answers from regulations that rest on one kind of sentence: an exception, the items a
duty introduces, a bound on a duration, or nothing at all (declined)."""

from __future__ import annotations

import pytest

from policyqa.conversation import resolve
from policyqa.pipeline import Pipeline
from tests.conftest import regulations_fixture, uploaded_regulations

NOISE = "qushui-noise-rules"
STORAGE = "qinghe-storage-rules"
OFFROAD = "jianglan-offroad-machinery-regulation"
CHEMICALS = "new-chemicals-reporting-rules"
KITCHEN = "linchuan-kitchen-waste-measures"
SAND = "yuanjiang-sand-mining-regulation"
SEWAGE = "qinglan-rural-sewage-measures"
REPAIR = "chengchuan-auto-repair-voc-measures"


rules = regulations_fixture(NOISE, STORAGE)


def test_an_exception_is_answered_from_the_rule_that_makes_it(rules: Pipeline) -> None:
    # 第二条 defines 夜间施工 word for word; the exceptions are in 第七条 (但…除外).
    answer = rules.ask("哪些情况可以夜间施工？")
    assert answer.citations[0].clause_id == f"{NOISE}/第二章/第七条"
    assert "抢修、抢险作业" in answer.text


def test_the_items_a_duty_introduces_are_quoted(rules: Pipeline) -> None:
    answer = rules.ask("施工现场要公示哪些信息？")
    assert answer.citations[0].clause_id == f"{NOISE}/第二章/第六条"
    for item in ("项目名称和施工期限", "噪声污染防治措施", "投诉举报电话"):
        assert item in answer.text
    assert "：。" not in answer.text


def test_at_most_is_answered_by_an_upper_bound(rules: Pipeline) -> None:
    # 台账保存不少于5年 is a lower bound on another thing: not how long storage may last.
    answer = rules.ask("危险废物最多能贮存多久？")
    assert answer.citations[0].clause_id == f"{STORAGE}/第五条"
    assert "不超过一年" in answer.text


def test_a_yes_or_no_question_about_what_no_clause_names_is_declined(rules: Pipeline) -> None:
    answer = rules.ask("施工单位需要购买噪声污染责任保险吗？")
    assert answer.status == "not_found"
    assert answer.citations  # the nearest clauses are shown
    # Asked about what the text does say, the same form is answered.
    said = rules.ask("建设单位需要把噪声污染防治费用列入工程造价吗？")
    assert said.status == "answered"
    assert said.citations[0].clause_id == f"{NOISE}/第二章/第四条"


def test_a_penalty_for_an_inserted_article_is_its_own(rules: Pipeline) -> None:
    answer = rules.ask("擅自拆除噪声自动监测设备罚多少钱？")
    assert answer.citations[0].clause_id == f"{NOISE}/第三章/第十一条"
    assert "二万元以上二十万元以下" in answer.text
    assert answer.citations[1].clause_id == f"{NOISE}/第二章/第八条之一"


def test_a_regulation_counts_its_articles_and_a_chapter_its_own(rules: Pipeline) -> None:
    whole = rules.ask("青禾规定一共有多少条？")
    assert "共11条（含第七条之一）" in whole.text
    assert whole.citations[0].clause_id == f"{STORAGE}/第十条"
    chapter = rules.ask("渠水区细则第三章有几条？")
    assert "共 3 条" in chapter.text
    assert [c.clause_id.rsplit("/", 1)[1] for c in chapter.citations] == [
        "第九条",
        "第十条",
        "第十一条",
    ]


def test_a_genre_names_its_one_document_and_its_prohibitions_are_listed(rules: Pipeline) -> None:
    # 细则 is the one 细则 loaded: 细则里 scopes the question to it, plans and 规定 aside.
    answer = rules.ask("细则里有哪些禁止性规定？")
    assert answer.intent == "obligation"
    cited = [c.clause_id for c in answer.citations]
    assert f"{NOISE}/第二章/第七条" in cited and f"{NOISE}/第二章/第八条之一" in cited
    assert {c.doc_id for c in answer.citations} == {NOISE}
    # Each prohibition ends with what breaking it costs.
    assert "二万元以上二十万元以下" in answer.text
    # 有什么规定 uses 规定 as a common word: it names no document; 规定里 does.
    assert resolve("有什么规定？", [], rules.library)[0].doc_ids == ()
    assert resolve("规定里有哪些禁止性规定？", [], rules.library)[0].doc_ids == (STORAGE,)


def test_who_a_duty_is_reported_to_is_answered_from_its_sentence(rules: Pipeline) -> None:
    answer = rules.ask("施工前要向哪个部门报送噪声污染防治方案？")
    assert answer.status == "answered"
    assert answer.citations[0].clause_id == f"{NOISE}/第二章/第五条"


def test_a_partys_checklist_keeps_each_time_limit_and_penalty(rules: Pipeline) -> None:
    answer = rules.ask("贮存单位有哪些义务？")
    assert answer.intent == "obligation"
    # Time limits worded with numbers survive the grounding check: cited with the duty.
    for limit in ("时限：在停止使用前3个月内", "时限：每年1月31日前", "时限：保存不少于5年"):
        assert limit in answer.text
    assert "一万元以上三万元以下" in answer.text  # 第九条, enforcing 第四条第二款
    late = rules.ask("不按时报告贮存情况怎么罚？")
    assert late.intent == "penalty"
    assert late.citations[0].clause_id == f"{STORAGE}/第九条"


def test_how_often_is_answered_by_a_frequency(rules: Pipeline) -> None:
    # 多久…一次 asks how often; 每年1月31日前 is the yearly report's.
    answer = rules.ask("危险废物贮存情况多久报告一次？")
    assert answer.citations[0].clause_id == f"{STORAGE}/第四条"
    assert "频次为“每年1月31日前”" in answer.text


def test_requirements_of_a_thing_no_clause_names_are_declined(rules: Pipeline) -> None:
    assert rules.ask("渠水区细则对渣土运输车辆有什么要求？").status == "not_found"
    said = rules.ask("渠水区细则对噪声自动监测设备有什么要求？")
    assert said.status == "answered"
    assert said.citations[0].clause_id.startswith(f"{NOISE}/第二章/第八条")


offroad = regulations_fixture(OFFROAD)


def test_a_penalty_by_referral_and_a_generic_agency_answer(offroad: Pipeline) -> None:
    smoke = offroad.ask("机械冒黑烟会受到什么处罚？")
    assert smoke.citations[0].clause_id == f"{OFFROAD}/第四章/第十六条"
    assert "大气污染防治法" in smoke.text
    who = offroad.ask("禁止使用高排放机械的区域由谁划定？")
    assert who.status == "answered"
    assert "设区的市人民政府" in who.text
    assert offroad.ask("江岚条例里关于机动车年检是怎么规定的？").status == "not_found"
    said = offroad.ask("江岚条例关于编码登记是怎么规定的？")
    assert said.citations[0].clause_id == f"{OFFROAD}/第二章/第五条"


chemicals = regulations_fixture(CHEMICALS)


def test_a_shortened_title_names_the_rule_and_its_effective_article_answers(
    chemicals: Pipeline,
) -> None:
    # 新化学物质报告规定 shortens 新化学物质环境信息报告规定: the question is about it alone.
    count = chemicals.ask("新化学物质报告规定一共有多少条？")
    assert count.doc_ids == (CHEMICALS,)
    assert "共17条" in count.text
    # 施行: the article that says 自…起施行, not the yearly 4月30日 nor the issue date.
    start = chemicals.ask("新化学物质报告规定什么时候施行？")
    assert start.citations[0].clause_id == f"{CHEMICALS}/第十七条"
    assert start.facts.deadlines == ("2026-07-01",)


def test_a_number_a_regulation_states_answers_a_quantity_question(chemicals: Pipeline) -> None:
    answer = chemicals.ask("省级生态环境主管部门每年要抽查多少报告人？")
    assert answer.citations[0].clause_id == f"{CHEMICALS}/第十三条"
    assert "百分之十" in answer.text


def test_before_when_is_a_point_and_an_item_is_read_with_its_article(chemicals: Pipeline) -> None:
    # 第六条's 六十日内 is a length of time; 之前 asks for a point: 第五条's date.
    due = chemicals.ask("年度报告要在什么时候之前提交？")
    assert due.citations[0].clause_id == f"{CHEMICALS}/第五条"
    assert "每年4月30日前" in due.text
    # 第五条 also names 生产或者进口量; the item does under 报告内容应当包括下列事项.
    kinds = chemicals.ask("报告内容中的生产或者进口量要分哪几类填报？")
    assert kinds.citations[0].clause_id == f"{CHEMICALS}/第七条/（三）"
    assert "自用的数量" in kinds.text and "转让的数量" in kinds.text
    # Nothing speaks of a fee: declined, however close 报告人 and 报告 come. (A verb no
    # clause names, 可以申请延期吗, is answered: verbs are paraphrased as often as not.)
    assert chemicals.ask("报告人需要缴纳报告费用吗？").status == "not_found"


kitchen = regulations_fixture(KITCHEN)


def test_whom_a_penalty_fines_and_a_shared_duty_are_answered(kitchen: Pipeline) -> None:
    person = kitchen.ask("个人把餐厨垃圾倒进下水道罚多少？")
    assert person.citations[0].clause_id == f"{KITCHEN}/第四章/第十三条"  # 对个人处…
    disposer = kitchen.ask("处置单位有哪些义务？")
    assert disposer.citations[0].clause_id == f"{KITCHEN}/第二章/第八条"  # 收运单位和处置单位
    # Asked by the name only the regulation writes, its duties come before the plans' tasks.
    market = kitchen.ask("市市场监督管理局负责什么？")
    assert market.citations[0].clause_id == f"{KITCHEN}/第一章/第四条"


def test_a_thing_or_noun_no_clause_names_is_declined_and_a_paraphrased_verb_is_not(
    kitchen: Pipeline,
) -> None:
    assert kitchen.ask("临川办法对家庭厨余垃圾分类有什么要求？").status == "not_found"
    assert kitchen.ask("餐厨垃圾产生单位需要缴纳处理费吗？").status == "not_found"
    drain = kitchen.ask("餐厨垃圾能不能直接倒进雨水管道？")
    assert drain.status == "answered"
    assert "禁止将餐厨垃圾直接排入" in drain.text


sand = regulations_fixture(SAND)


def test_an_item_is_looked_up_by_number_and_penalties_by_meaning(sand: Pipeline) -> None:
    item = sand.ask("第十条第一款第二项是什么？")
    assert item.citations[0].clause_id == f"{SAND}/第三章/第十条/（二）"
    assert "第十条第一款第（二）项" in item.text and "不得转让、出租、出借" in item.text
    # 无证 is 未取得…许可证 (a synonym); 追究刑事责任 is declined, no penalty says so.
    unlicensed = sand.ask("无证采砂罚多少钱？")
    assert unlicensed.citations[0].clause_id == f"{SAND}/第四章/第十二条"
    assert sand.ask("无证采砂会被追究刑事责任吗？").status == "not_found"
    # An act no clause names (延期), asked yes or no, is declined as a thing would be.
    assert sand.ask("采砂许可证可以延期吗？").status == "not_found"
    lend = sand.ask("采砂许可证可以转借给别人吗？")  # 转借 is 出借 (synonyms.toml)
    assert lend.citations[0].clause_id == f"{SAND}/第三章/第十条/（二）"


sewage = regulations_fixture(SEWAGE)


def test_a_countys_offices_are_agencies_and_未按照本办法_cites(sewage: Pipeline) -> None:
    who = sewage.ask("哪个部门负责农村生活污水处理设施运行维护的监督管理？")
    assert who.citations[0].clause_id == f"{SEWAGE}/第三条"
    assert "县住房和城乡建设局" in who.text
    # 青岚办法 shortens the title; what is left asks the office's every duty.
    duties = sewage.ask("县生态环境局在青岚办法里负责什么？")
    assert duties.intent == "department_tasks"
    assert "监督性监测" in duties.text
    late = sewage.ask("运维单位不按规定巡检会怎样？")
    assert late.citations[0].clause_id == f"{SEWAGE}/第十条"
    assert "所对应的义务（条文援引）：第五条" in late.text


def test_a_time_no_clause_names_is_declined_and_pollution_weather_is_no_chitchat(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    dust = uploaded_regulations(tmp_path_factory, embedder, "binzhou-site-dust-rules")
    assert dust.ask("建筑工地夜间施工有什么规定？").status == "not_found"
    # 扬尘 is the 规定's word alone, so the plans' 公开 does not answer for it.
    assert dust.ask("工地扬尘在线监测数据要公开吗？").status == "not_found"
    assert dust.ask("滨州规定对拆除工程有什么要求？").status == "not_found"
    assert dust.ask("工地洒水每天几次？").status == "not_found"
    alert = dust.ask("重污染天气预警期间施工单位要做什么？")
    assert alert.status == "answered"
    assert alert.citations[0].clause_id == "binzhou-site-dust-rules/第八条"
    assert dust.ask("今天包头天气怎么样？").intent == "out_of_scope"


def test_an_office_named_finds_its_article_and_a_defined_party_its_document(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    repair = uploaded_regulations(tmp_path_factory, embedder, REPAIR)
    # The plans name 生态环境局 in every task note; the article that names it is found.
    report = repair.ask("检测报告出具后多少天内要报生态环境局？")
    assert report.citations[0].clause_id == f"{REPAIR}/第二章/第七条"
    assert "十日内" in report.text
    # A limit in hours is a length of time.
    broken = repair.ask("废气治理设施坏了要在多长时间内报告？")
    assert broken.citations[0].clause_id == f"{REPAIR}/第二章/第八条"
    assert "二十四小时内" in broken.text
    # Only the 办法 binds 机动车维修经营者: the plans' 排污许可证 is not its answer.
    assert repair.ask("机动车维修经营者需要办理排污许可证吗？").status == "not_found"
    # 第七条's testing duty carries no penalty; 第十一条 punishes another duty.
    assert repair.ask("不按时检测会被罚多少？").status == "not_found"
    # Who bears a cost no document speaks of is declined, not answered from a plan task.
    assert repair.ask("检测费用由谁承担？").status == "not_found"
    # The asker's 汽修厂 is the party the 办法 binds, no unnamed thing.
    yard = repair.ask("汽修厂可以露天喷漆吗？")
    assert yard.status == "answered" and "禁止露天或者敞开式喷漆作业" in yard.text


def test_a_limit_is_quoted_with_its_exception_to_the_full_stop(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    waste = uploaded_regulations(tmp_path_factory, embedder, "tongjiang-solid-waste-regulation")
    answer = waste.ask("危险废物贮存超过一年怎么办？")
    assert (
        "贮存危险废物不得超过一年；确需延长期限的，应当报经市生态环境主管部门批准。" in answer.text
    )


def test_a_rule_is_named_short_and_keeping_to_it_is_asked(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    manure = uploaded_regulations(tmp_path_factory, embedder, "hongchuan-livestock-manure-rules")
    duties = manure.ask("市农业农村局在泓川规则里负责什么？")
    assert duties.intent == "department_tasks"
    assert "兽用抗菌药使用的监督管理" in duties.text
    # 遵守 is how the asker says 适用 or 参照执行: asked yes or no, it is answered.
    keeping = manure.ask("养殖专业户也要遵守这个规则吗？")
    assert keeping.status == "answered" and "参照本规则执行" in keeping.text
    # 饮用水水源保护区 is an item of the article 第十六条 enforces.
    fine = manure.ask("在饮用水水源保护区建养殖场会受到什么处罚？")
    assert fine.citations[0].clause_id.endswith("第五章/第十六条")
    # BM25 alone finds 举报 in 第十五条; the fusion keeps it within reach.
    report = manure.ask("发现养殖场偷排粪污可以向哪里举报？")
    assert report.citations[0].clause_id.endswith("第四章/第十五条")
    # An item found alone is quoted with the sentence that leads it (禁止在下列区域内…).
    near = manure.ask("养殖场可以建在居民区旁边吗？")
    assert near.citations[0].clause_id.endswith("第二章/第四条/（二）")
    assert "禁止在下列区域内建设规模养殖场" in near.text
    # How long, where no clause states a length of time (a plan's 休药期管理制度): declined.
    assert manure.ask("兽药休药期是多少天？").status == "not_found"


def test_a_section_of_a_chapter_a_listed_definition_and_a_lead_time(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    soil = uploaded_regulations(tmp_path_factory, embedder, "canglan-soil-pollution-regulation")
    section = soil.ask("沧澜条例第三章第二节讲什么？")
    assert section.intent == "outline" and "第二节 建设用地" in section.text
    assert section.citations[0].clause_id.endswith("第三章/第二节/第十一条")
    # A term defined in the 附则's list of 用语的含义: that item, not another （二）.
    term = soil.ask("什么是农业投入品？")
    assert term.citations[0].clause_id.endswith("第五章/第二十条/（二）")
    # 开始十五个工作日前 is a lead time: it answers 多久.
    lead = soil.ask("拆除设施前多久要把土壤污染防治工作方案报备案？")
    assert lead.citations[0].clause_id.endswith("第二章/第六条")
    assert "十五个工作日前" in lead.text
    # 应该 says what is asked, not what it is about.
    who = soil.ask("按照沧澜条例，农药包装废弃物应该由谁回收？")
    assert who.status == "answered" and "农业投入品生产者、销售者和使用者" in who.text


def test_validity_a_lead_after_expiry_next_years_date_and_a_penalty_by_its_conduct(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    permit = uploaded_regulations(tmp_path_factory, embedder, "tingzhou-permit-rules")
    valid = permit.ask("排污许可证的有效期是多久？")
    assert valid.citations[0].clause_id.endswith("第五条") and "有效期为五年" in valid.text
    renew = permit.ask("排污许可证到期前多少天要申请延续？")
    assert "有效期届满六十日前" in renew.text
    annual = permit.ask("简化管理排污单位的年度执行报告什么时候之前提交？")
    assert annual.status == "answered" and "次年1月15日前" in annual.text
    # 处罚 is what is asked: 第十二条's 依照…的规定处罚 does not outweigh 出借.
    lend = permit.ask("出借排污许可证会受到什么处罚？")
    assert lend.citations[0].clause_id.endswith("第十三条")


def test_penalties_under_罚则_a_frequency_by_every_two_days_and_an_unnamed_act(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    waste = uploaded_regulations(tmp_path_factory, embedder, "lujiang-medical-waste-measures")
    # 不得超过二日 bounds the stay from above; 暂存 and 医院 are the asker's words.
    stay = waste.ask("医疗废物在医院里最多能暂存几天？")
    assert stay.status == "answered" and "不得超过二日" in stay.text
    # 要来 is a modal's turn of speech, not an act the text must name.
    pickup = waste.ask("集中处置单位多久要来收一次医疗废物？")
    assert pickup.citations[0].clause_id.endswith("第三章/第九条")
    # 转 / 交给, read as 转交: no clause names it.
    assert waste.ask("集中处置单位可以把医疗废物转交给其他单位处置吗？").status == "not_found"
    # 交给 is 交由 (synonyms.toml); 至少保存三年 is a worded limit.
    handed = waste.ask("医疗废物要交给什么样的单位处置？")
    assert handed.citations[0].clause_id.endswith("第二章/第七条")
    kept = waste.ask("医疗废物登记资料要保存几年？")
    assert kept.citations[0].clause_id.endswith("第二章/第五条") and "至少保存三年" in kept.text
    fine = waste.ask("把医疗废物混进生活垃圾怎么处罚？")  # a 罚则 chapter holds penalties too
    assert fine.citations[0].clause_id.endswith("第四章/第十四条")


def test_a_lead_by_提前_a_time_within_and_a_compound_the_asker_names(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    drains = uploaded_regulations(tmp_path_factory, embedder, "xichuan-drainage-regulation")
    lead = drains.ask("污水处理设施检修停运要提前多久报告？")
    assert lead.citations[0].clause_id.endswith("第三章/第九条") and "提前十五日" in lead.text
    # 多长时间内 asks a time within which, not the lead the same article sets.
    within = drains.ask("污水处理设施突发停运要在多长时间内报告？")
    assert "二十四小时内" in within.text
    # 排水管道 is the asker's name for what the text calls 城镇排水设施.
    acid = drains.ask("可以往排水管道里倒腐蚀性废液吗？")
    assert acid.status == "answered" and "腐蚀性废液" in acid.text
    assert drains.ask("排水户需要缴纳污水处理费吗？").status == "not_found"
