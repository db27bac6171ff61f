"""Question understanding: region, intent and the things asked about (a small rule set)."""

from __future__ import annotations

import re
from dataclasses import dataclass, field, replace

from policyqa.departments import DepartmentTable
from policyqa.extract import ACTORS, INDUSTRIES
from policyqa.segment import Segmenter

INTENTS = (
    "lead",
    "departments",
    "deadline",
    "target",
    "obligation",
    "comparison",
    "list",
    "inventory",
    "out_of_scope",
)

_CHITCHAT = re.compile(
    r"^(你好|您好|hi|hello|在吗|谢谢|多谢|再见|拜拜|早上好|晚上好|哈哈)[!！。.？?～~]*$", re.I
)
_OFF_TOPIC = re.compile(r"天气|写诗|一首|笑话|股票|彩票|翻译|推荐一款|净水器|讲个|唱歌|菜谱|星座")
# Things the plans never specify: asking for them must not borrow a nearby number or name.
_NEVER_SPECIFIED = re.compile(
    r"局长|组长|领导小组|电话|地址|邮箱|罚款|罚多少|坐牢|判刑|拘留|预算|多少钱|亿元|万元|补贴|补多少"
    r"|工资|编制|人数|废止|失效"
)
_OTHER_CITIES = (
    "北京",
    "上海",
    "天津",
    "重庆",
    "广州",
    "深圳",
    "南京",
    "苏州",
    "无锡",
    "杭州",
    "武汉",
    "成都",
    "西安",
    "呼和浩特",
    "鄂尔多斯",
    "赤峰",
    "徐州",
    "盐城",
    "淮安",
    "宿迁",
    "郑州",
    "济南",
    "青岛",
)
_COMPARE = re.compile(r"区别|不同|差异|对比|比较|一样吗|相同吗|分别|两地|两个城市|两市|各自|各聚焦")
_INVENTORY = re.compile(
    r"哪些(文件|方案|文件和方案)|哪个(文件|方案)|(提到|涉及)(了)?.{0,12}[？?]?$"
)
_DEADLINE = re.compile(
    r"什么时候|何时|啥时候|截止|截至|哪年|哪一年|几月|期限|最晚|时限|年份|完成时间"
)
_TARGET = re.compile(r"多少|几种|几家|几个|比例|百分之|指标|合格率|回收率|要求是多少|达标线")
_LEAD = re.compile(r"牵头|挑头|带头|打头|总负责|主抓|总牵头|领头")
_DEPARTMENTS = re.compile(
    r"哪些部门|哪个部门|哪些单位|哪个单位|哪个局|谁负责|谁来|归谁|谁管|归哪|找哪|哪些局|是谁"
    r"|由谁|负责部门|责任部门|管这|在管|谁抓|还有哪些部门|参与"
)
_SELF = re.compile(
    r"^(我|我们|我厂|我司|本公司|我公司)|我是|我们公司|我们厂|我家|开了|开个|开药店|我在"
)
_OBLIGATION = re.compile(
    r"需要做什么|要做什么|做什么|要注意|注意什么|什么要求|有啥要求|义务|规定|要求"
)
_FOLLOW_UP = re.compile(r"^(那|它|这|还有|那么|此外|另外|然后)|呢[？?]?$")
_UNIT_ASKED = {
    "家": re.compile(r"多少家|几家"),
    "种": re.compile(r"多少种|几种"),
    "%": re.compile(r"百分|比例|率"),
}


@dataclass(frozen=True)
class Question:
    """What a question asks, as far as rules can tell.

    Args:
        text: the question as asked (after follow-up resolution: the full question).
        intent: one of INTENTS.
        doc_ids: documents whose region the question names, in order of mention.
        departments: canonical departments named.
        industries: industries named (化工, 医药…).
        actor: the regulated party speaking or asked about (企业, 药店…).
        unit: the unit a quantity question asks for (家, 种, %), if any.
        sub_intent: for comparisons, what is compared (lead, departments, deadline…).
        never_specified: the question asks for something no plan of this genre states.
        other_city: a city the corpus does not cover.
    """

    text: str
    intent: str
    doc_ids: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    industries: tuple[str, ...] = ()
    actor: str = ""
    unit: str = ""
    sub_intent: str = ""
    never_specified: bool = False
    other_city: str = ""
    years: tuple[int, ...] = field(default=())


def classify_intent(text: str) -> str:
    """The intent of ``text`` by ordered rules (first match wins)."""
    stripped = text.strip()
    if not stripped or _CHITCHAT.match(stripped) or _OFF_TOPIC.search(stripped):
        return "out_of_scope"
    if _INVENTORY.search(stripped) and re.search(r"哪些(文件|方案)|哪个(文件|方案)", stripped):
        return "inventory"
    if _COMPARE.search(stripped):
        return "comparison"
    if _SELF.search(stripped) and not _DEADLINE.search(stripped):
        return "obligation"
    if _DEADLINE.search(stripped):
        return "deadline"
    if _TARGET.search(stripped) and not re.search(r"目标是什么|工作目标", stripped):
        return "target"
    if _LEAD.search(stripped):
        return "lead"
    if _DEPARTMENTS.search(stripped):
        return "departments"
    if _OBLIGATION.search(stripped) and re.search("|".join(ACTORS) + r"|厂|公司|场|药店", stripped):
        return "obligation"
    return "list"


def sub_intent_of(text: str) -> str:
    """For a comparison, what is being compared."""
    for intent, pattern in (
        ("deadline", _DEADLINE),
        ("lead", _LEAD),
        ("departments", _DEPARTMENTS),
        ("target", _TARGET),
    ):
        if pattern.search(text):
            return intent
    if re.search(r"部门|单位|分工|负责", text):
        return "departments"
    return "list"


def understand(
    text: str,
    region_names: dict[str, tuple[str, ...]],
    table: DepartmentTable,
    segmenter: Segmenter | None = None,
) -> Question:
    """Read a question: intent, regions, departments, industries, actor and unit."""
    intent = classify_intent(text)
    found: list[tuple[int, str]] = []
    for doc_id, names in region_names.items():
        positions = [text.find(n) for n in names if n in text]
        if positions:
            found.append((min(positions), doc_id))
    doc_ids = tuple(d for _, d in sorted(found))
    forms = table.surface_forms()
    departments = tuple(
        dict.fromkeys(
            canon
            for form, canon in sorted(forms.items(), key=lambda kv: -len(kv[0]))
            if len(form) >= 3 and form in text
        )
    )
    industries = tuple(i for i in INDUSTRIES if i in text)
    actor = next((a for a in ACTORS if a in text), "")
    if not actor and re.search(r"厂|公司", text):
        actor = "企业"
    unit = next((u for u, pattern in _UNIT_ASKED.items() if pattern.search(text)), "")
    other = next((c for c in _OTHER_CITIES if c in text), "")
    years = tuple(int(y) for y in re.findall(r"(20\d{2})\s*年", text))
    return Question(
        text=text,
        intent=intent,
        doc_ids=doc_ids,
        departments=departments,
        industries=industries,
        actor=actor,
        unit=unit,
        sub_intent=sub_intent_of(text) if intent == "comparison" else "",
        never_specified=bool(_NEVER_SPECIFIED.search(text)),
        other_city=other if not doc_ids else "",
        years=years,
    )


def is_follow_up(text: str, question: Question) -> bool:
    """A short question leaning on the previous turn: 连云港呢？ 那截止时间呢？ 它由谁负责？"""
    stripped = text.strip()
    content = re.sub(r"[？?。！!，,\s]", "", stripped)
    return bool(_FOLLOW_UP.search(stripped)) or (len(content) <= 10 and not question.departments)


def with_previous(question: Question, previous: Question) -> Question:
    """Fill a follow-up from the previous question: topic, and region or intent as needed."""
    names_region_only = (
        question.doc_ids
        and question.intent in ("list",)
        and len(re.sub(r"[？?呢那么的\s]", "", question.text)) <= 6
    )
    intent = previous.intent if names_region_only else question.intent
    if intent == "list" and question.intent == "list":
        intent = previous.intent
    return replace(
        question,
        intent=intent,
        doc_ids=question.doc_ids or previous.doc_ids,
        industries=question.industries or previous.industries,
        actor=question.actor or previous.actor,
    )
