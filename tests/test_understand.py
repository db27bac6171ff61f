from __future__ import annotations

import pytest

from policyqa.library import Library
from policyqa.typos import corrected
from policyqa.understand import article_named, classify_intent, understand


@pytest.mark.parametrize(
    ("question", "intent"),
    [
        ("哪个部门牵头落实新污染物管控措施？", "lead"),
        ("这事儿哪个局挑头？", "lead"),
        ("清洁生产归谁管？", "departments"),
        ("首轮化学物质调查什么时候完成？", "deadline"),
        ("最晚啥时候得弄完？", "deadline"),
        ("回收率要达到多少？", "target"),
        ("我是一家排放重点管控新污染物的化工企业，需要做什么？", "obligation"),
        ("开了个猪场，用药有啥要求？", "obligation"),
        # The asker's story, then how many: a number asked, not the asker's duties.
        ("我家宝宝刚满十个月，想送托育班，一个老师最多带几个孩子？", "target"),
        ("包头和连云港在清洁生产上的责任部门有什么不同？", "comparison"),
        ("哪些文件涉及PFOS？", "inventory"),
        ("消防队库存的含氟泡沫灭火剂怎么处理？", "list"),
        ("今天天气怎么样", "out_of_scope"),
        ("给我写一首诗", "out_of_scope"),
        ("给我推荐个菜谱", "out_of_scope"),
        ("你好！", "out_of_scope"),
        ("", "out_of_scope"),
    ],
)
def test_intent_rules_on_plain_and_colloquial_questions(question: str, intent: str) -> None:
    assert classify_intent(question) == intent


def test_regions_departments_units_and_unknowns(library: Library) -> None:
    names = library.region_names()
    question = understand("包头市市场监督管理局负责哪些任务？", names, library.table)
    assert question.doc_ids == ("baotou",)
    assert question.departments == ("市市场监管局",)
    assert understand("连云港有多少家重点企业", names, library.table).unit == "家"
    assert understand("江苏的方案", names, library.table).doc_ids == ("lianyungang",)
    other = understand("南京市新污染物治理由哪个部门牵头？", names, library.table)
    assert other.other_city == "南京" and not other.doc_ids
    assert understand("包头海关的电话是多少？", names, library.table).never_specified
    assert understand("2030年的目标", names, library.table).years == (2030,)


def test_a_document_named_by_its_genre_alone(library: Library) -> None:
    names, genres = library.region_names(), {"规定": "some-rules"}
    # The one 规定 loaded: asked of (规定里), of an article, or its articles counted.
    for asked in ("规定里有哪些禁止性规定？", "规定第五条是什么？", "修改后的规定一共多少条？"):
        assert understand(asked, names, library.table, genres=genres).doc_ids == ("some-rules",)
    # 规定 as a common word names none.
    assert not understand("有什么规定？", names, library.table, genres=genres).doc_ids


def test_a_document_named_by_a_word_of_its_title(library: Library) -> None:
    names = {**library.region_names(), "helmets": ("瀛川市电动自行车驾乘人员佩戴安全头盔规定",)}
    # 这个头盔规定: a demonstrative, words of one title, its genre.
    assert understand("这个头盔规定啥时候开始的？", names, library.table).doc_ids == ("helmets",)
    # Words of no title, or without the demonstrative, name none.
    assert not understand("这个停车规定啥时候开始的？", names, library.table).doc_ids
    assert not understand("头盔有什么规定？", names, library.table).doc_ids


def test_a_party_named_by_its_head_or_tail_as_the_subject(library: Library) -> None:
    names = library.region_names()
    parties = ("物业服务企业", "公园管理机构", "公共场所管理者")

    def actor(text: str) -> str:
        return understand(text, names, library.table, parties=parties).actor

    assert actor("物业发现有人拆承重墙要怎么做？") == "物业服务企业"
    assert actor("广场上音乐太吵，管理者应该怎么办？") == "公共场所管理者"
    # A place the question starts from (公园) is no party acting.
    assert actor("带狗进公园要注意什么？") == ""


@pytest.mark.parametrize(
    ("typed", "meant"),
    [
        ("街头艺人归那个部门管？", "街头艺人归哪个部门管？"),
        ("强要打赏怎么处里？", "强要打赏怎么处理？"),
        ("街头艺人要交税马？", "街头艺人要交税吗？"),
        ("要交税嘛", "要交税吗"),
        ("音响太吵发多少？", "音响太吵罚多少？"),
        # What the asker may mean as typed stays: a horse, a subsidy paid, 那些 pointing.
        ("公园能骑马？", "公园能骑马？"),
        ("补贴发多少？", "补贴发多少？"),
        ("那些企业要备案？", "那些企业要备案？"),
        # Courtesy around a question, as followers of an official account write it.
        ("在吗？家里老人走了，要搭灵棚，需要审批吗？🙏", "家里老人走了，要搭灵棚，需要审批吗？"),
        ("亲～可以在大马路上搭棚吗？", "可以在大马路上搭棚吗？"),
        ("请问一下哈～结婚要提前几天申请呀？", "结婚要提前几天申请呀？"),
        ("占道要交钱吗？谢谢！", "占道要交钱吗？"),
        ("晚上能放高音喇叭吗？吵到邻居了😡", "晚上能放高音喇叭吗？"),
        # A greeting alone, a word opening with 亲, a range of hours: as typed.
        ("你好！", "你好！"),
        ("亲属能代办吗？", "亲属能代办吗？"),
        ("每天8:00~9:00能施工吗", "每天8:00~9:00能施工吗"),
        # Typed with a traditional-character input method.
        ("中介可以吃差價嗎？", "中介可以吃差价吗？"),
        # Voice input's pauses and the asker's 想问一下; 那个部门 still 哪个部门.
        ("嗯那个蔚川规定第七条是讲什么的啊", "蔚川规定第七条是讲什么的啊"),
        ("就是我想问一下小区的车位是不是要先卖给业主啊", "小区的车位是不是要先卖给业主啊"),
        ("那个部门管停车", "哪个部门管停车"),
        ("我想咨询一下", "我想咨询一下"),
        # Southwestern Mandarin's question words.
        ("一户最多可以养好多只鸽子？", "一户最多可以养多少只鸽子？"),
        ("学校旁边养鸽子要得不？", "学校旁边养鸽子可以吗？"),
        ("鸽子比赛哪个来指导？", "鸽子比赛谁来指导？"),
        ("好久没见", "好久没见"),
        # Cantonese as typed on a phone; Mandarin's 地点, 几点, 温度, 体系 and 要点 as typed.
        ("间铺想喺骑楼柱度挂招牌，要点做？", "商铺想在骑楼柱挂招牌，要怎么做？"),
        ("搵唔到业主嘅话边个负责保护？", "找不到业主的话谁负责保护？"),
        ("骑楼通道畀人占咗搵边个部门？", "骑楼通道被人占了找哪个部门？"),
        ("榕洲规定几时开始实施？", "榕洲规定什么时候开始实施？"),
        ("唔做安全检测会点？", "不做安全检测会怎样？"),
        ("几点开门？地点在哪？温度多高？", "几点开门？地点在哪？温度多高？"),
        ("体系的要点是什么", "体系的要点是什么"),
        # Shanghainese; Mandarin's 采伐, 辣椒, 勒令 and 好好 as typed.
        ("弄堂里厢好停汽车伐？", "弄堂里可以停汽车吗？"),
        ("脚踏车停辣啥地方？", "自行车停在哪里？"),
        ("垃圾啥辰光好倒？", "垃圾什么时候可以倒？"),
        ("半夜里装修被抓到哪能罚？", "半夜里装修被抓到怎么罚？"),
        ("林木可以采伐？", "林木可以采伐？"),
        ("吃辣椒会被勒令停业伐", "吃辣椒会被勒令停业吗"),
        ("好好学习伐", "好好学习吗"),
        ("市场监管局喺方案里负责啲咩任务？", "市场监管局在方案里负责哪些任务？"),
        # Northeastern Mandarin; 整改, 整治 as typed.
        ("没物业的小区雪咋整？", "没物业的小区雪怎么办？"),
        ("雪停了多暂得扫完？", "雪停了什么时候得扫完？"),
        ("门前雪不扫罚多钱？", "门前雪不扫罚多少钱？"),
        ("谁整改？限期整治", "谁整改？限期整治"),
        # Mandarin the dialect rows must leave alone.
        ("中间铺设管道要审批吗", "中间铺设管道要审批吗"),
        ("请勿吸烟的标志设在哪", "请勿吸烟的标志设在哪"),
        ("阿拉伯数字编号", "阿拉伯数字编号"),
        ("调整好时间了吗", "调整好时间了吗"),
        ("快点办理可以吗", "快点办理可以吗"),
        ("这个体系几年一评", "这个体系几年一评"),
        # English words office staff type into a Chinese question; Article 8 as 第8条.
        ("fire drill多久要搞一次？", "消防演练多久要搞一次？"),
        ("Article 8讲的是什么？", "第8条讲的是什么？"),
        ("co-working space的operator要负什么责任？", "联合办公空间的运营者要负什么责任？"),
        ("Coworking的Fire Safety谁管", "联合办公的消防安全谁管"),
        ("这个rule什么时候effective？", "这个规定什么时候施行？"),
        # A document's own Latin words, a word inside a longer one (officer) and a
        # question with no Chinese in it stay as typed.
        ("KTV能卖酒吗？", "KTV能卖酒吗？"),
        ("officer要做什么", "officer要做什么"),
        ("What does article 5 say?", "What does article 5 say?"),
        # Taiwan's words, read in simplified characters; 塑胶跑道 and a car's 上路 stay.
        ("外送可以主動附免洗餐具嗎？", "外卖可以主动附一次性餐具吗？"),
        ("罰鍰多少？業者要申報嗎", "罚款多少？经营者要申报吗"),
        ("這個規定什麼時候上路？", "这个规定什么时候施行？"),
        ("塑胶跑道要检测吗", "塑胶跑道要检测吗"),
        ("新车什么时候上路", "新车什么时候上路"),
        # What a citizen heard, framed (听说…，是真的吗): the claim, asked; an office guessed.
        ("听说不备案要罚一万，是真的吗？", "不备案要罚一万吗？"),
        ("听说过吗", "听说过吗"),
        ("是不是公安局管租房备案？", "谁管租房备案？"),
        ("备案是不是要去派出所办？", "备案要去哪里办？"),
        # Pinyin initials typed in chats; not inside a word, nor in a question with no Chinese.
        ("申请摊位要带sfz吗？", "申请摊位要带身份证吗？"),
        ("CG管吗", "城管管吗"),
        ("zfb能付吗", "zfb能付吗"),
        # A hotline ticket's framing; 市民广场 and 来电显示 are words, not framing.
        (
            "市民来电反映：邻居长期在楼道堆放杂物，咨询是否违规。",
            "邻居长期在楼道堆放杂物，是否违规。",
        ),
        ("市民广场能跳舞吗", "市民广场能跳舞吗"),
        ("来电显示要收费吗", "来电显示要收费吗"),
        ("咨询电话是多少？", "咨询电话是多少？"),
        # A forum post's address and plea; 蹲下 and 求解 are words.
        ("姐妹们，骑电动车不戴头盔会被罚吗？在线等挺急的", "骑电动车不戴头盔会被罚吗？"),
        ("店里能卖三无头盔吗？求解答", "店里能卖三无头盔吗？"),
        ("蹲下来会疼吗", "蹲下来会疼吗"),
        ("这道题怎么求解", "这道题怎么求解"),
        # A learner's words set apart by commas; clauses parted by commas stay.
        ("垃圾，几点，可以扔？", "垃圾几点可以扔？"),
        (
            "我是一家化工企业，排放重点管控新污染物，需要做什么？",
            "我是一家化工企业，排放重点管控新污染物，需要做什么？",
        ),
        # WeChat's stickers, in either client's words or an old client's code; a bracketed
        # word that is no sticker, a web address and a message of stickers alone stay.
        ("笼子多久消毒一次[疑问][疑问]", "笼子多久消毒一次"),
        ("[抱拳]请问第十条讲的啥", "请问第十条讲的什么"),
        ("/::< 寄养的狗死了店里能自己处理吗", "寄养的狗死了店里能自己处理吗"),
        ("住宅楼里能开宠物寄养吗[Facepalm]", "住宅楼里能开宠物寄养吗"),
        ("第[三]条是什么", "第[三]条是什么"),
        ("网址是http://gov.cn/:8080吗", "网址是http://gov.cn/:8080吗"),
        ("[微笑]", "[微笑]"),
        # Asked rhetorically or in the negative: what is asked; a condition opening the
        # question (不是本市户口) and 是不是 stay.
        ("难道健身房不用请有证的教练吗？", "健身房要请有证的教练吗？"),
        ("器材不是每天都要检查吗？", "器材每天都要检查吗？"),
        ("不检查器材难道不罚吗？", "不检查器材会罚吗？"),
        ("不退预付款就没人管了吗？", "不退预付款谁管？"),
        ("合同里不写退费办法也可以吧？", "合同里不写退费办法可以吗？"),
        ("凭什么逼我买私教课？", "能不能逼我买私教课？"),
        ("不是本市户口能申请吗", "不是本市户口能申请吗"),
        ("这是不是违法的吗", "这是不是违法的吗"),
        # Wrongly written characters; 公式 stays a formula but before what is posted.
        ("交易挡案要保存几年？", "交易档案要保存几年？"),
        ("质保期有多长时侯？", "质保期有多长时候？"),
        ("市场里要公式收费标准吗？", "市场里要公示收费标准吗？"),
        ("面积的计算公式是什么", "面积的计算公式是什么"),
        # A quiz question: its options dropped, a statement to judge asked, a blank asked.
        ("单选题：开业后（ ）日内备案。A.七 B.十 C.十五 D.三十", "开业后几日内备案。"),
        ("判断题：电竞酒店必须24小时营业。（ ）", "电竞酒店必须24小时营业吗？"),
        ("填空题：经营者应当悬挂____标志。", "经营者应当悬挂什么标志。"),
        ("单选题：本规定自（ ）起施行。A.1月1日 B.3月1日", "本规定自什么时候起施行。"),
        ("A类企业要做什么？", "A类企业要做什么？"),
        ("第（二）项是什么", "第（二）项是什么"),
        # Net slang around a question; 集美 of a place name stays.
        ("奶茶店要有许可证吗，尊嘟假嘟", "奶茶店要有许可证吗 "),
        ("xdm，第八条说的啥？", " 第八条说的什么？"),
        ("集美市场归谁管", "集美市场归谁管"),
        # 发现金: paid in cash, not found gold.
        ("工资可以发现金吗？", "工资可以发放现金吗？"),
        ("有没有发现金矿", "有没有发现金矿"),
    ],
)
def test_an_input_methods_homophones_are_corrected(typed: str, meant: str) -> None:
    assert corrected(typed) == meant


@pytest.mark.parametrize(
    ("question", "article"),
    [
        ("萤川规定5条是什么？", ("第五条", 0, 0)),  # 第 left out after the genre
        ("5条是什么", ("第五条", 0, 0)),
        ("条例11条第2款", ("第十一条", 2, 0)),
        ("第五条第2款是什么？", ("第五条", 2, 0)),
        ("有3条规定", ("", 0, 0)),  # a count of provisions, no article
    ],
)
def test_an_article_named_as_people_type_it(question: str, article: tuple[str, int, int]) -> None:
    assert article_named(question) == article
