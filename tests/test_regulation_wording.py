"""Regulations whose own wording, or the asker's, decided how a question is read: a
county's name, an office no table knows (县供销合作社, 乡（镇）人民政府), an outlined
article holding ；, an adjective or a noun suffix of the asker's (普通, 袋子), a question
of whom a rule applies to, and one asking yes or no of a time limit. What the text does
not say is still declined."""

from __future__ import annotations

import pytest

from policyqa.documents import load_file
from policyqa.library import build_library
from policyqa.pipeline import Pipeline
from tests.conftest import FIXTURES, first_cited, regulations_fixture, uploaded_regulations

BATTERIES = "shiwan-battery-recycling-measures"
PACKAGING = "lanxi-pesticide-packaging-rules"
LABS = "qingcheng-lab-hazardous-waste-rules"
PLASTICS = "fenglin-single-use-plastics-measures"
OUTFALLS = "fenhe-sewage-outfall-measures"
STATIONS = "chaoping-vapor-recovery-measures"
FIREWORKS = "heming-fireworks-rules"
NOISE = "lanjiang-neighbourhood-noise-measures"
WELLS = "liuyu-groundwater-rules"
SLUDGE = "guichuan-sludge-measures"


rules = regulations_fixture(
    BATTERIES, PACKAGING, LABS, PLASTICS, OUTFALLS, STATIONS, FIREWORKS, NOISE, WELLS, SLUDGE
)


def test_a_countys_regulation_is_named_by_its_place(rules: Pipeline) -> None:
    meta = rules.library.document(PACKAGING).meta
    assert (meta.city, meta.short_title) == ("岚溪县", "岚溪规定")
    # 岚溪 names the document, so is no topic word: the note under the title that also
    # says 岚溪县 and 施行 does not outrank the article.
    effective = rules.ask("岚溪规定什么时候施行？")
    assert first_cited(effective) == f"{PACKAGING}/第十四条" and "2028年2月1日" in effective.text


def test_offices_no_table_knows_have_their_duties(rules: Pipeline) -> None:
    offices = {d.department for d in rules.library.agency_duties if d.doc_id == PACKAGING}
    assert {"县供销合作社", "乡（镇）人民政府", "县农业农村局", "县生态环境局"} <= offices
    # 乡镇政府: askers drop 人民 from a government's name.
    township = rules.ask("乡镇政府负责什么？")
    assert township.intent == "department_tasks"
    assert first_cited(township) == f"{PACKAGING}/第三条" and "宣传和组织工作" in township.text


def test_an_outlined_article_is_quoted_whole(rules: Pipeline) -> None:
    # 第十三条's first sentence holds ；: quoted, it is kept whole with its citation.
    chapter = rules.ask("石湾办法第四章讲什么？")
    assert chapter.intent == "outline" and not chapter.dropped
    assert "由市生态环境局责令限期改正；逾期不改正的，处一万元以上五万元以下的罚款" in chapter.text
    assert chapter.text.count("第十") == 4


def test_the_askers_adjective_and_noun_suffix_are_its_words(rules: Pipeline) -> None:
    # 普通 qualifies the 塑料胶带 the text names (不可降解的).
    tape = rules.ask("快递能用普通塑料胶带封箱吗？")
    assert first_cited(tape) == f"{PLASTICS}/第九条" and "不得使用不可降解的塑料胶带" in tape.text
    # 袋子 is 袋; the definition listing 袋 does not outrank the rule forbidding the act.
    burnt = rules.ask("能在地里烧农药袋子吗？")
    assert first_cited(burnt) == f"{PACKAGING}/第六条"
    # The definition still answers what the term covers.
    assert first_cited(rules.ask("农药包装废弃物包括哪些？")) == f"{PACKAGING}/第二条"
    # 水池 is where the asker pours it: 下水道 (synonyms.toml).
    poured = rules.ask("实验室废液可以倒进水池吗？")
    assert first_cited(poured) == f"{LABS}/第五条"


def test_whom_a_rule_applies_to_is_its_scope_article(rules: Pipeline) -> None:
    applies = rules.ask("哪些单位的实验室要遵守这个规定？")
    assert applies.intent == "list"
    assert first_cited(applies) == f"{LABS}/第二条" and "高等学校、科研机构" in applies.text


def test_yes_or_no_of_a_time_limit_and_an_act_left_undone(rules: Pipeline) -> None:
    counted = rules.ask("专家论证的时间算在审批期限里吗？")
    assert first_cited(counted) == f"{OUTFALLS}/第二章/第五条"
    assert "论证时间不计算在内" in counted.text
    # Opening with the act left undone, 怎么处理 asks the penalty.
    undone = rules.ask("不报送回收利用情况怎么处理？")
    assert undone.intent == "penalty"
    assert first_cited(undone) == f"{BATTERIES}/第四章/第十六条"


def test_what_the_text_does_not_say_is_still_declined(rules: Pipeline) -> None:
    for question in (
        "农户交回农药瓶有补贴吗？",  # 表彰 is no subsidy
        "回收站点可以把收来的农药瓶卖给废品收购站吗？",
        "个人拆解废旧电池会被拘留吗？",
        "石湾办法对电动自行车电池有什么要求？",
        "青城规定对放射性废物有什么要求？",
    ):
        assert rules.ask(question).status == "not_found", question


def test_an_article_is_read_with_its_items_and_an_act_with_its_complement(
    rules: Pipeline,
) -> None:
    # 面积 is in item (一) of 第五条, whose lead sentence names only the 网点.
    area = rules.ask("回收网点要多大面积？")
    assert first_cited(area) == f"{BATTERIES}/第二章/第五条/（一）" and "三十平方米" in area.text
    # 拆下来 is 拆: of two limits on 电池, the one after 拆卸.
    moved = rules.ask("电池拆下来以后多久要入库？")
    assert first_cited(moved) == f"{BATTERIES}/第二章/第六条" and "二十四小时内" in moved.text
    # 一起 is answered by 单独, 存放 by 贮存 (synonyms.toml).
    assert first_cited(rules.ask("破损电池能和好电池一起运吗？")) == f"{BATTERIES}/第三章/第九条"
    assert first_cited(rules.ask("电池存放可以超过三个月吗？")) == f"{BATTERIES}/第二章/第七条"
    # A definition lists 瓶 but does not answer what to do with one.
    bottles = rules.ask("农民用完农药的瓶子该怎么办？")
    assert first_cited(bottles) == f"{PACKAGING}/第五条"


def test_a_short_name_a_rate_and_a_county_office_asked_without_its_level(
    rules: Pipeline,
) -> None:
    # （以下简称废旧电池）: the sentence that gives the name answers what it means.
    named = rules.ask("废旧电池是什么意思？")
    assert first_cited(named) == f"{BATTERIES}/第一章/第二条"
    # A rate named, no number asked: the sentence on it answers (符合国家规定的标准).
    rate = rules.ask("金属回收率有什么要求？")
    assert first_cited(rate) == f"{BATTERIES}/第三章/第十一条"
    # 汽车厂 is the asker's word for the party, not a thing no clause names.
    points = rules.ask("汽车厂要在本市设几个回收网点？")
    assert first_cited(points) == f"{BATTERIES}/第一章/第四条" and "至少设立一个" in points.text
    # 生态环境局 without a level is the county's office in a county's regulation.
    office = rules.ask("生态环境局在岚溪规定里负责什么？")
    assert office.intent == "department_tasks"
    assert first_cited(office) == f"{PACKAGING}/第三条" and "县生态环境局负责" in office.text


def test_an_article_title_in_round_brackets_is_no_part_of_its_sentences(
    rules: Pipeline,
) -> None:
    # 第三条（部门职责）市生态环境局对…实施统一监督管理: the title does not hide the office.
    offices = {d.department for d in rules.library.agency_duties if d.doc_id == STATIONS}
    assert {"市生态环境局", "市商务局"} <= offices
    duties = [o for o in rules.library.obligations if o.clause_id == f"{STATIONS}/第二章/第六条"]
    assert duties[0].action.startswith("加油站应当保证") and duties[0].actor == "加油站"
    penalty = next(
        p for p in rules.library.penalties if p.clause_id == f"{STATIONS}/第四章/第十二条"
    )
    assert penalty.conduct.startswith("违反本办法第六条第一款规定")


def test_a_party_a_place_and_a_purpose_in_the_askers_words(rules: Pipeline) -> None:
    # 第三方 is a thing no clause names, though jieba tags it a number: declined.
    assert rules.ask("加油站可以委托第三方运维油气回收设施吗？").status == "not_found"
    # 关掉 is 停用; 设备 is 设施.
    off = rules.ask("加油站能把油气回收设备关掉吗？")
    assert first_cited(off) == f"{STATIONS}/第二章/第六条" and "不得擅自停用或者拆除" in off.text
    # 附近 says where, 鞭炮 is 烟花爆竹; where it is forbidden is 下列地点.
    assert first_cited(rules.ask("学校附近能放鞭炮吗？")) == f"{FIREWORKS}/第五条/（四）"
    assert first_cited(rules.ask("哪些地方禁止燃放烟花爆竹？")) == f"{FIREWORKS}/第五条"
    # 违规 says a rule is broken, not what about: the penalty for a unit's fireworks.
    unit = rules.ask("单位违规燃放怎么罚？")
    assert first_cited(unit) == f"{FIREWORKS}/第十一条" and "一千元以上五千元以下" in unit.text
    # The purpose article answers why, and nothing else.
    why = rules.ask("岚溪规定的目的是什么？")
    assert first_cited(why) == f"{PACKAGING}/第一条"
    assert first_cited(rules.ask("农药瓶用完了怎么处理？")) == f"{PACKAGING}/第五条"


def test_a_word_the_text_writes_apart_is_said(rules: Pipeline) -> None:
    # 打井 in 新打取水井, 废井 in 报废的取水井, 排污 in 排放水污染物.
    assert first_cited(rules.ask("在禁采区能打井吗？")) == f"{WELLS}/第三条"
    sealed = rules.ask("废井多长时间内要封好？")
    assert first_cited(sealed) == f"{WELLS}/第七条" and "三个月内" in sealed.text
    assert first_cited(rules.ask("可以用渗井排污水吗？")) == f"{WELLS}/第八条"
    # 最深 asks a bound, and 一百五十米 states one.
    deepest = rules.ask("限采区的井最深能打多少米？")
    assert first_cited(deepest) == f"{WELLS}/第三条" and "一百五十米" in deepest.text
    # 按月 is a frequency; 以下简称取水户 says who 取水户 is, even asked 是指谁.
    monthly = rules.ask("取水量多久记录一次？")
    assert first_cited(monthly) == f"{WELLS}/第四条" and "按月" in monthly.text
    assert first_cited(rules.ask("取水户是指谁？")) == f"{WELLS}/第四条"
    assert rules.ask("取水户要做哪些事？").intent == "obligation"
    # Still declined: nothing says so.
    assert rules.ask("私自打井会被拘留吗？").status == "not_found"
    assert rules.ask("取水户可以把取水许可证转让给别人吗？").status == "not_found"


def test_a_kind_is_asked_of_its_class_and_a_generic_agency_charged(rules: Pipeline) -> None:
    # 钢琴 is a 乐器, a 蓝牙音箱 音响器材 (synonyms.toml [kinds]); 餐馆 is 餐饮.
    piano = rules.ask("在家弹钢琴有什么规定？")
    assert first_cited(piano) == f"{NOISE}/第八条" and "应当控制音量" in piano.text
    assert first_cited(rules.ask("广场舞可以用蓝牙音箱吗？")) == f"{NOISE}/第六条"
    assert first_cited(rules.ask("餐馆的噪声有什么要求？")) == f"{NOISE}/第四条"
    # 公安机关负责…: a generic agency's charge, first when who supervises is asked.
    offices = {d.department for d in rules.library.agency_duties if d.doc_id == NOISE}
    assert {"公安机关", "城市管理部门", "市生态环境局"} <= offices
    who = rules.ask("谁管广场舞的噪音？")
    assert first_cited(who) == f"{NOISE}/第三条" and "公安机关负责" in who.text
    # What is asked must be said by the document that answers, not another one.
    assert rules.ask("居民可以向物业投诉噪声吗？").status == "not_found"


def test_colloquial_questions_of_the_newest_rules(rules: Pipeline) -> None:
    # 管不管 asks yes or no: 柴油 is named nowhere, so declined.
    assert rules.ask("潮平办法管不管柴油？").status == "not_found"
    # 造假…怎么处理 asks the penalty; 元宵节 is 正月十五; 医院 is a 医疗机构; 十点 a time.
    assert first_cited(rules.ask("检测机构造假怎么处理？")) == f"{STATIONS}/第四章/第十三条"
    assert first_cited(rules.ask("元宵节晚上能放烟花吗？")) == f"{FIREWORKS}/第四条"
    assert first_cited(rules.ask("医院附近可以放鞭炮吗？")) == f"{FIREWORKS}/第五条/（四）"
    assert first_cited(rules.ask("晚上十点以后还能跳广场舞吗？")) == f"{NOISE}/第六条"
    # 包括…吗 asks what a defined term covers.
    covers = rules.ask("社会生活噪声包括工业噪声吗？")
    assert first_cited(covers) == f"{NOISE}/第二条" and "除工业噪声" in covers.text
    # 水表 is a 计量设施; 水利局 is the county's office, asked without its level.
    assert first_cited(rules.ask("取水要装水表吗？")) == f"{WELLS}/第四条"
    office = rules.ask("柳屿规定里水利局管什么？")
    assert office.intent == "department_tasks" and "县水利局负责" in office.text


def test_whose_thing_it_is_what_it_records_and_a_third_party_it_is_sold_to(
    rules: Pipeline,
) -> None:
    # 谁对…负责 asks the party the rule makes answerable, not an agency's charge.
    owner = rules.ask("谁对污泥处置负责？")
    assert first_cited(owner) == f"{SLUDGE}/第四条" and "责任主体" in owner.text
    # 记哪些内容 is answered by what it records, not by a definition's 不包括.
    assert first_cited(rules.ask("污泥台账要记哪些内容？")) == f"{SLUDGE}/第五条"
    # 种地 is 农田.
    assert first_cited(rules.ask("污泥能直接拿去种地吗？")) == f"{SLUDGE}/第八条"
    # 卖给砖厂: the act (卖) and the buyer (砖厂, no bare 工厂) are named nowhere.
    assert rules.ask("污水处理厂可以把污泥卖给砖厂吗？").status == "not_found"


def test_an_agencys_power_is_no_ones_prohibition() -> None:
    # 市人民政府可以…划定并公布禁止高排放机动车通行的区域: what the government may do.
    path = FIXTURES / "regulations" / "shiquan-vehicle-emissions-regulation.txt"
    library = build_library((load_file(path),))
    actions = [o.action for o in library.obligations]
    assert not [a for a in actions if a.startswith("市人民政府")]
    assert any(a.startswith("禁止在道路上行驶排放明显可见黑烟") for a in actions)


def test_an_approval_rule_and_a_restoration_rule_in_the_askers_words() -> None:
    # Read as records, without an index: 按照各自职责 charges the offices a sentence opens
    # with; 没编 is the act 编 left undone.
    folder = FIXTURES / "regulations"
    approval = build_library((load_file(folder / "yunling-eia-approval-measures.txt"),))
    offices = {d.department for d in approval.agency_duties}
    assert any("发展和改革" in o or "发改" in o for o in offices)


def test_a_penalty_asked_as_being_made_to_or_as_an_act_left_undone(rules: Pipeline) -> None:
    # 会被要求恢复原状吗 asks the penalty; 算不算 is no act the text must name.
    asked = rules.ask("油罐车卸油时违规打开人孔盖会被责令改正吗？")
    assert asked.intent == "penalty"
    counted = rules.ask("专家论证的时间算不算审批期限？")
    assert first_cited(counted) == f"{OUTFALLS}/第二章/第五条"


def test_another_places_rule_and_another_partys_licence_are_not_the_loaded_ones(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    rule = uploaded_regulations(tmp_path_factory, embedder, "jinpingxian-mine-restoration-rules")
    # 岷县规定 names a 规定 not loaded: the one loaded 规定 does not stand in for it.
    other = rule.ask("岷县规定第十五条是什么？")
    assert other.status == "not_found" and "共11条" not in other.text
    assert first_cited(rule.ask("规定第十一条是什么？")).endswith("/第十一条")
    # Whose licence is asked counts: nothing speaks of 秸秆.
    assert rule.ask("秸秆收储企业需要办理什么许可证？").status == "not_found"


def test_a_penalty_sharing_only_the_party_fined_is_no_answer(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    noise = uploaded_regulations(tmp_path_factory, embedder, NOISE)
    # 个人 is fined by the noise rule, but nothing speaks of burning straw.
    assert noise.ask("个人在地里烧秸秆罚多少钱？").status == "not_found"
    loud = noise.ask("个人广场舞音响太吵会被罚款吗？")
    assert first_cited(loud) == f"{NOISE}/第十一条" and "二百元以上一千元以下" in loud.text


def test_a_short_question_of_its_own_is_no_follow_up(
    tmp_path_factory: pytest.TempPathFactory,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    # Found in the page: 在家弹钢琴有什么规定, asked after an article of the mine rule,
    # had been answered with that article because it is short.
    both = uploaded_regulations(
        tmp_path_factory, embedder, "jinpingxian-mine-restoration-rules", NOISE
    )
    both.ask("金坪规定第六条是什么？", session_id="page")
    piano = both.ask("在家弹钢琴有什么规定？", session_id="page")
    assert first_cited(piano) == f"{NOISE}/第八条"
    # Short, but with an act and a thing of its own (没编 修复方案), and not the last topic.
    unwritten = both.ask("没编修复方案罚多少？", session_id="page")
    assert unwritten.intent == "penalty" and first_cited(unwritten).endswith("/第九条")
    # One that names nothing of its own still leans on the last answer.
    both.ask("修复方案要写哪些内容？", session_id="page")
    when = both.ask("什么时候编？", session_id="page")
    assert "在申请采矿许可证前" in when.text
