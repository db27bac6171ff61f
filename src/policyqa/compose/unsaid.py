"""Owns refusals by wording: whether a question asks outright about what no clause of
its documents names (有补贴吗, 对放射性废物有什么要求), so that no clause can answer it."""

from __future__ import annotations

import re

from policyqa import rules
from policyqa.compose.elsewhere import said_nowhere_asked
from policyqa.compose.relevance import GENRE_WORDS, Relevance
from policyqa.compose.wording import COUNT, HAN, asking_part, forms_of, place_of
from policyqa.segment import expand_synonyms
from policyqa.understand import Question

# Particles and punctuation that end a question after the thing it asks (吗, 呢, 了, ？).
_TRAILING = frozenset({"x", "y", "ul", "ug", "uj", "e", "o", "w"})


def _askers_place(word: str) -> bool:
    """Whether a word ends as the asker's own kind of place does (汽修厂, 化工厂, 公司)."""
    return bool(re.search(f"(?:{rules.pattern('enterprise').pattern})$", word))


def _required(text: str) -> re.Match[str] | None:
    """What a question asks the requirements of: 对X有什么要求, else X有什么规定, or which
    article says it (哪一条规定了X, X是第几条)."""
    names = ("requirement_of", "requirement_whole", "article_asked_after", "article_asked_before")
    return next((m for name in names if (m := rules.pattern(name).search(text))), None)


def _asked_span(question: Question) -> tuple[str, bool, bool] | None:
    """The part of a question that ends with the thing it asks outright; whether that is
    what it asks the requirements of (对…有什么要求: a thing by construction, whatever
    jieba tags its last word); whether it may be a loose turn of speech (这摊事由谁承担)."""
    required = _required(question.text)
    if required:
        return required.group("thing"), True, False
    if rules.pattern("yes_no").search(question.text):
        return question.text, False, False
    who = rules.pattern("who_charged").search(question.text)
    if who and question.intent in ("lead", "departments"):
        return question.text[: who.start()], False, True  # 检测费用由谁承担 → 费用
    what = rules.pattern("what_thing").search(question.text)
    if what:  # 需要办理什么许可证 → 许可证
        return what.group("thing"), _needed(what), False
    how = rules.pattern("how_thing").search(question.text)
    if how:
        return how.group("thing"), False, False  # 充电桩的电费怎么收 → 电费
    which = rules.pattern("which_thing").search(question.text)
    if which and question.intent in ("list", "obligation"):
        return which.group("thing"), False, False  # 是哪个厂家生产的 → 厂家
    # Counted (可以摆几桌酒席 → 酒席); not a count of the plan's own tasks or articles,
    # which the records answer.
    counted = rules.pattern("count_thing").search(question.text)
    if counted and question.intent in ("list", "obligation"):
        return counted.group("thing"), False, False
    return None


def _needed(what: re.Match[str]) -> bool:
    """Whether a what-question asks what one needs (要什么驾照, 需要什么学历): asked of that
    thing alone, a thing however jieba tags it; not what one must obtain (办理什么许可证),
    which is asked of every word before it."""
    return what.group("verb") in ("要", "需要")


def _askers(word: str, asked: str) -> bool:
    """Whether an enterprise word is the asker's name for the party bound: a subject
    (汽修厂能…吗) or a bare 公司 (交给没有许可证的公司), not a named third party in what is
    asked (卖给炼油厂, 卖给砖厂)."""
    return bool(rules.pattern("enterprise_bare").fullmatch(word)) or word not in asked


def asked_thing(relevance: Relevance, question: Question) -> tuple[str, ...] | None:
    """The thing a question asks about outright, with its synonyms: the last noun of a
    yes-or-no question (有奖励吗 → 奖励, 是否需要购买责任保险 → 责任保险) or of what it
    asks the requirements of (对外卖包装有什么要求 → 包装), who is charged with
    (检测费用由谁承担 → 费用) or which one must obtain (需要办理什么许可证 → 许可证); None
    when it ends otherwise (还能随便买吗) or asks none."""
    span = _asked_span(question)
    if span is None:
        return None
    text, required, loose = span
    words = relevance.segmenter.tagged(text)
    while words and words[-1][1] in _TRAILING:  # 吗, ？ after it; a 的 inside stays
        words = words[:-1]
    if not words:
        return None
    word, tag = words[-1]
    typed = word
    word = place_of(word)  # 排到河里吗: 河, the thing; 里 says where in it
    # A compound jieba splits (环境保护 / 税): the nouns ending the question, as one.
    run = 1
    unasked = rules.pattern("verb_unasked")
    while (
        run < len(words)
        and words[-run - 1][1].startswith("n")
        and tag.startswith("n")
        and not unasked.search(words[-run - 1][0])  # 会扣 / 车: a modal's act, no compound
    ):
        run += 1
    # Its head's forms with its last noun (病死猪 / 肉 → 病死畜禽肉): the thing as a
    # clause may name it.
    headed: tuple[str, ...] = ()
    if len(word) == 1 and run > 1:
        head = "".join(w for w, _ in words[-run:-1])
        # 门口 / 路上 → 门前道路: the last noun's forms too, as typed (路上 of 道路).
        tails = dict.fromkeys((word, *forms_of(typed)))
        headed = tuple(form + tail for form in forms_of(head) for tail in tails if form != head)
        word = head + word
    # KTV, an ASCII word the tagger calls eng, ending a yes-or-no question: a thing.
    noun = tag.startswith("n") or tag in ("vn", "eng") or required
    # 能卖酒吗: a noun of one character, the object of the verb before it, is a thing.
    acted_on = len(words) > 1 and words[-2][1] == "v" and tag == "n"
    if not noun or (len(word) < 2 and not acted_on):
        return None
    if relevance.is_question_word(word) or word in GENRE_WORDS:
        return None
    if word in relevance.segmenter.stop or rules.pattern("light_noun").match(word):
        return None  # 能在燃气管上挂东西吗, 质量有问题去哪里投诉: 东西, 问题 name no thing
    if unasked.search(word):
        return None  # 景区会关吗: 会关, a modal and its act that jieba ran together
    if _askers_place(word):
        return None  # 没有许可证的公司吗: the asker's own word for the party, not a thing
    if loose and not relevance.segmenter.is_word(word):
        return None  # 这摊事归哪个局: a loose turn of speech (摊事), not a thing
    # 出租车, which the text spells out (出租汽车).
    return tuple(dict.fromkeys(forms_of(word) + headed + relevance.spellings.spelled_out(word)))


def _hours_unsaid(relevance: Relevance, question: Question, scope: list[str]) -> bool:
    """Asked the hour something opens or closes (图书馆几点关门) of a thing no clause of
    ``scope`` names: a rule on other hours (广告屏二十二时关闭) does not answer it. Or asked
    of a time of day (洗车店晚上能营业吗) where no clause of scope names it or any hour."""
    time = rules.pattern("time_word")
    tagged = relevance.segmenter.tagged(question.text)
    # 婚介公司周末组织相亲大会。是否需要报告: the story's time is not the one asked.
    asking = asking_part(question.text)
    times = [w for w, _ in tagged if time.search(w) and w in asking]
    if times and not any(relevance.said(forms_of(w), scope) for w in times):
        if not relevance.says(rules.pattern("clock_time"), scope):
            return True
    hour = rules.pattern("hour_asked")
    if not hour.search(question.text):
        return False
    if not relevance.says(rules.pattern("clock_time"), scope):
        return True  # 公园几点关门 where no clause states an hour of the day
    # 晚上几点以后: when, not what; 公墓开放到几点: the act whose hour is asked.
    nouns = [w for w, tag in tagged if tag.startswith("n") and not time.search(w)]
    subject = next((forms_of(place_of(w)) for w in nouns if len(w) > 1), None)
    modal = rules.pattern("modal_word")
    at = next((i for i, (w, _) in enumerate(tagged) if hour.search(w)), len(tagged))
    # 几点关门: the word after the hour is the act, whatever the tagger reads it as.
    after = next((w for w, tag in tagged[at + 1 :] if tag[:1] in ("v", "n")), "")
    acts = [
        w
        for w, tag in tagged
        if (tag == "v" or w == after)
        and len(w) > 1
        and HAN.fullmatch(w)
        and relevance.segmenter.is_word(w)  # 前能, 要关: runs jieba guessed, no act
        and w not in relevance.segmenter.stop  # 开始干活: 干活 is the act
        and not modal.search(w)
        and not rules.pattern("verb_complement").search(w)  # 开到几点: the act is 开
        and not relevance.is_question_word(w)
    ]
    # An act abbreviated (进城 for 进入城区) is said as the text spells it out.
    return any(not relevance.said(relevance.forms(a), scope) for a in acts) or (
        subject is not None
        and not relevance.said(subject, scope)
        and not relevance.said_apart(subject[0], scope)
    )


def asks_unsaid(relevance: Relevance, question: Question, scope: list[str]) -> bool:
    """Whether a question asks outright about what no clause of ``scope`` names in any
    form: the thing it asks the requirements of, asks yes or no about (有奖励吗) or asks
    who bears (费用由谁承担); any noun of that thing or of a yes-or-no question
    (对家庭厨余垃圾分类有什么要求, where nothing speaks of 家庭); or the act it asks yes
    or no or how often about (可以延期吗, 洒水每天几次). The asker's own 公司 or 汽修厂 is
    no such word."""
    if question.article:
        return False  # 第五条第二款怎么规定的: the article says, or says it has no such 款
    thing = asked_thing(relevance, question)
    if thing is not None and not relevance.said(thing, scope):
        if not any(relevance.said_apart(form, scope) for form in thing):  # 停业: 停止营业
            return True
    if said_nowhere_asked(relevance, question, thing, scope) or _hours_unsaid(
        relevance, question, scope
    ):
        return True
    required = _required(question.text)
    yes_no = bool(rules.pattern("yes_no").search(question.text))
    often = bool(rules.pattern("frequency_asked").search(question.text))
    # 秸秆收储企业需要办理什么许可证: the things it is asked of, too (秸秆).
    found = rules.pattern("what_thing").search(question.text)
    what = found is not None and not _needed(found)
    required = required or (None if what or not found else found)
    # 医疗废物怎么处置: every noun of the thing asked how of (医疗).
    how = rules.pattern("how_thing").search(question.text)
    keywords = bool(rules.pattern("keyword_query").fullmatch(question.text.strip()))
    if question.intent == "penalty" or not (required or yes_no or often or what or how or keywords):
        return False  # 会被关停吗: the penalties say what they impose (``compose_penalty``)
    # A thing (家庭, 奖励); asked yes or no, how often or what is required of it, an act
    # too (可以延期吗, 洒水每天几次), unless the asker's verb is one the text words
    # otherwise (倒进 for 排入: ``verb_unasked``; a complemented verb is never unsaid).
    acts = yes_no or often or bool(required) or keywords
    tagged = relevance.segmenter.tagged(question.text)
    # Concepts are lower-cased (KTV → ktv): so are the words they are looked up by.
    tags = {w.lower(): tag for w, tag in tagged}
    # 我们看中了一个商场的地下一层，…能用来开托育机构吗: the story's words are the asker's.
    asking = asking_part(question.text)
    asking_tagged = relevance.segmenter.tagged(asking) if asking != question.text else tagged
    # 助餐 价格 上限: every word typed is asked about; and asked how often (空调外机要多久
    # 检查一次), the thing done as well as the act.
    asked = (
        question.text
        if keywords or (often and not yes_no and not required)
        else _asked_words(asking, asking_tagged, required, how if not yes_no else None, what)
    )
    asked = asked.lower()
    unasked = rules.pattern("verb_unasked")
    # What a thing is asked about may be a time (夜间施工有什么规定) as well as a thing.
    kinds = ("vn", "t") if required else ("vn",)

    # A noun-verb or adverb before the verb it qualifies (免费放, 直接往水里排) says how,
    # not what.
    manner = {
        w
        for i, (w, tag) in enumerate(tagged)
        if tag in ("vn", "ad") and any(then == "v" for _, then in tagged[i + 1 :])
    }
    # An adjective before a noun the text names (普通塑料胶带 for 不可降解的塑料胶带),
    # asked yes or no: the text's own qualifier of that thing answers it. What a thing
    # is required of is told apart by its qualifier (对大件垃圾有什么要求), so not there.
    qualifier = {
        w
        for (w, tag), (then, then_tag) in zip(tagged, tagged[1:], strict=False)
        if not required
        and tag in ("a", "b", "nz")
        and then_tag[:1] == "n"
        and relevance.said(tuple(expand_synonyms([then])), scope)
    }

    # 顾客, 邻居: the asker's people; 有问题: the asker's trouble, no thing of its own.
    people = re.compile(
        f"{rules.pattern('askers_people').pattern}|{rules.pattern('light_noun').pattern}"
    )
    facet = rules.pattern("keyword_facet")

    def asks(word: str) -> bool:
        tag = tags.get(word, "n" if relevance.is_fee(word) else "")  # 燃气费, a thing
        faceted = keywords and bool(facet.match(word))  # 补贴 标准: what is asked of 补贴
        if faceted or tag == "nr" or word in manner or word in qualifier or people.match(word):
            return False  # 顾客, which jieba guesses is a person's name; 免费放; 邻居
        if tag in ("v", "ad"):  # 延期, 公开
            return acts and not unasked.search(word)
        named = len(word) >= 3 and not COUNT.match(word) and not relevance.is_fee(word)
        if named and relevance.said((word[:2],), scope):
            return False  # 排水管道 for 排水设施: the asker's name for a thing it names
        # 第三方, which jieba tags as a number: a thing, unlike 三个 or 两次.
        counted = tag == "m" and not COUNT.fullmatch(word)
        # 湿地 is tagged z, 无人机 l (a set phrase), 年检 j (an abbreviation).
        return tag[:1] == "n" or tag in ("z", "l", "j") or tag in kinds or counted

    split = acts and _split_act_unsaid(relevance, question, scope)
    if split or (how and not yes_no and _how_act_unsaid(relevance, how, tags, scope)):
        return True
    unsaid = relevance.unsaid(question, scope)
    if yes_no and _nothing_said(relevance, question, tagged, unsaid, scope):
        return True
    return any(
        # The asker's own kind of place (汽修厂, 化工厂): how it calls the party bound.
        c[0] in asked and asks(c[0]) and not (_askers_place(c[0]) and _askers(c[0], asked))
        for c in unsaid
    )


def _how_act_unsaid(
    relevance: Relevance, how: re.Match[str], tags: dict[str, str], scope: list[str]
) -> bool:
    """Asked how to do what no clause of ``scope`` says in any form (行业协会怎么加入),
    though it names the thing (市商务局负责指导…行业协会建设); not asked only how a thing is
    handled (怎么处理, 如何计算: ``how_generic``)."""
    rest = how.group(0)[len(how.group("thing")) :].rstrip("？?")
    act = re.sub(r"^(?:应该|应当|要|需要|该|得)?(?:怎么|如何|怎样)", "", rest)
    if len(act) < 2 or tags.get(act, "")[:1] != "v" or rules.pattern("how_generic").match(act):
        return False
    return not relevance.said(forms_of(act), scope) and not relevance.said_apart(act, scope)


def _nothing_said(
    relevance: Relevance,
    question: Question,
    tagged: list[tuple[str, str]],
    unsaid: list[tuple[str, ...]],
    scope: list[str],
) -> bool:
    """Asked yes or no, whether the act it ends with (自来水可以直接喝吗) or every thing it
    names (草坪可以踩吗: its subject, the asker's name for a thing; ``unsaid`` holds the
    concepts no clause names) is said nowhere in scope."""
    if _one_character_act_unsaid(relevance, tagged, scope):
        return True
    concepts = relevance.concepts(question)
    return bool(unsaid) and not any(relevance.said(c, scope) for c in concepts)


def _one_character_act_unsaid(
    relevance: Relevance, tagged: list[tuple[str, str]], scope: list[str]
) -> bool:
    """Asked yes or no of an act said in one character (自来水可以直接喝吗, 草坪能踩吗) that
    no clause of ``scope`` says in any form: no concept (a word of one character is none),
    but what is asked. A light verb (放, 用) or a modal (能) says nothing of the act."""
    light = rules.pattern("light_verb")
    modal = rules.pattern("modal_verb")
    # The act that ends the question (…喝吗), with no object after it to be asked about.
    ending = [(w, t) for w, t in tagged if t not in _TRAILING]
    if not ending:
        return False
    word, tag = ending[-1]
    return (
        tag in ("v", "vg")
        and len(word) == 1
        and not light.search(word)
        and not modal.search(word)
        and not relevance.is_question_word(word)
        and not relevance.said(forms_of(word), scope)
    )


def _asked_words(
    text: str,
    tagged: list[tuple[str, str]],
    required: re.Match[str] | None,
    how: re.Match[str] | None,
    what: bool,
) -> str:
    """The words of a question whose nouns must all be named: the thing asked the
    requirements of, or how it is done (医疗废物怎么处置); the whole question asking
    what one must obtain (秸秆收储企业…许可证); else what follows a yes-or-no
    question's subject (``_past_subject``)."""
    if required:
        return required.group("thing")
    if how:
        return how.group("thing")
    if what and not rules.pattern("yes_no").search(text):
        return text  # whose licence is asked: 秸秆收储企业, every word of it
    applies = rules.pattern("applicability").search(text)
    if applies:  # 网约车也适用这个规定吗, 店门口的招牌…: what it is asked to apply to
        return text[: applies.start()].rsplit("的", 1)[-1]
    return _past_subject(tagged)


def _past_subject(tagged: list[tuple[str, str]]) -> str:
    """What a yes-or-no question asks of its subject thing, which is the asker's name for
    it (挖掘机冒黑烟可以举报吗: 非道路移动机械, as the text calls it); a subject party the
    text does not bind (外卖平台需要…吗) is asked about."""
    party = rules.pattern("party_word")
    circumstance = rules.pattern("circumstance")  # 下雨天: when it is asked, no thing
    if tagged and rules.pattern("modal").match(tagged[0][0][:1]):
        return "".join(w for w, _ in tagged)  # 能带小孩去…吗: opened by its modal, no subject
    # 小饭馆可以…吗: an adjective before the subject's noun is of the subject.
    subject = 1 if len(tagged) > 2 and tagged[0][1] in ("a", "b") and tagged[1][1] == "n" else 0
    while (
        subject < len(tagged) - 1
        and tagged[subject][1][:1] == "n"
        and not party.search(tagged[subject][0])
        and not circumstance.search(tagged[subject][0])
    ):
        subject += 1
    place = rules.pattern("localizer")
    if subject < len(tagged) and tagged[subject][1] == "f" and place.match(tagged[subject][0]):
        subject = 0  # 小区里要配AED吗: a place (里, 上), where it is asked; not 手术前, a time
    # 塑料胶带能用吗: nothing but a modal and a light verb after it; the subject is asked.
    modal = re.compile(rules.pattern("modal_word").pattern.rstrip("$"))
    light = rules.pattern("light_verb")

    def contentless(word: str, tag: str) -> bool:
        core = modal.sub("", word)
        return tag[:1] not in ("n", "v") or not core or bool(light.match(core))

    if all(contentless(w, tag) for w, tag in tagged[subject:]):
        return "".join(w for w, _ in tagged)
    return "".join(w for w, _ in tagged[subject:])


def _split_act_unsaid(relevance: Relevance, question: Question, scope: list[str]) -> bool:
    """An act jieba splits before a complement (转 / 交给 for 转交给) that no clause
    names: the verb and the complemented verb's stem, read as one (转交); or a
    complemented verb whose act no clause names (卖给)."""
    tagged = relevance.segmenter.tagged(question.text)
    complement = rules.pattern("verb_complement")
    modal = rules.pattern("modal")
    light = rules.pattern("light_verb")
    unasked = rules.pattern("verb_unasked")
    for (before, tag), (word, then) in zip(tagged, tagged[1:], strict=False):
        # One word (卖给砖厂): its act (卖) unnamed, however the asker completes it.
        if then[:1] == "v" and len(word) == 2 and complement.search(word):
            act = word[0]  # not a modal's turn (要来收一次)
            if light.search(act) or modal.search(act) or unasked.search(word):
                pass
            elif not relevance.said(tuple(expand_synonyms([act])), scope) and not (
                relevance.said(forms_of(word), scope)  # 关掉, which the table knows: 停用
            ):
                return True
        if modal.search(before):
            continue  # 能 / 卖掉: a modal, then the act
        # 转 / 交给, not 修 / 不好 (an adverb: it cannot be fixed).
        verbal = then != "d"
        if (
            len(before) == 1
            and tag == "v"
            and len(word) == 2
            and verbal
            and complement.search(word)
        ):
            if not relevance.said(tuple(expand_synonyms([before + word[0]])), scope):
                return True
    return False


def names_unsaid(relevance: Relevance, question: Question, scope: list[str]) -> bool:
    """Whether a question names a thing no clause of ``scope`` names in any form, the
    asker's own kind of place for the party (汽车厂, 化工厂) aside: 多少分贝, 保证金. A word
    of the asker's story alone (孩子两岁半了，…) is the asker's."""
    asking = asking_part(question.text).lower()
    people = rules.pattern("askers_people")  # 跟邻居…吵起来了找谁协调: the asker's neighbour
    return any(
        not _askers_place(c[0]) and not people.match(c[0]) and c[0] in asking
        for c in relevance.unsaid(question, scope)
    )
