"""Owns answers from regulations by article: 第五条 (or 第五条第二款) quoted whole, with
the articles that refer to it after it as 相关条款 (an article that only mentions the one
asked for is never given in its place), and what breaking a rule costs (法律责任), asked
outright or as how a wrong is dealt with."""

from __future__ import annotations

import re

from policyqa import amounts, rules
from policyqa.answer import NOT_FOUND_TEXT, Answer, Facts
from policyqa.compose.cite import (
    CitationBuilder,
    answered,
    declined,
    doc_label,
    sentence_around,
    short_path,
)
from policyqa.compose.context import Context
from policyqa.compose.listing import article_count
from policyqa.compose.units import asked_unit, item_of, paragraph_span
from policyqa.compose.unsaid import names_unsaid
from policyqa.compose.wording import apart_pattern
from policyqa.numerals import to_chinese
from policyqa.penalties import Penalty
from policyqa.retrieve import Hit
from policyqa.structure import Clause, Section
from policyqa.understand import Question


def compose_article(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """The article asked for in each regulation of scope, quoted whole, then the
    articles that refer to it."""
    out = CitationBuilder(ctx.library)
    if not question.doc_ids and _other_law(question):
        # 《条例》第十二条, where no loaded document is 《条例》: not any loaded 第十二条.
        return _citing_another_law(ctx, question, scope, out) or declined(
            question, NOT_FOUND_TEXT, out
        )
    lines: list[str] = []
    clause_ids: list[str] = []
    fewer: list[Section] = []  # articles asked for a 款 they do not have
    for doc in scope:
        section = asked_unit(ctx.library, doc, question.article)
        if section is None or section.clause is None:
            continue
        text = ctx.library.document(doc).text
        article = section.clause
        quoted = article  # the unit quoted: the article, or the 项 asked for
        start, end = section.start, section.end
        label = question.article
        if question.item:  # 第十条第一款第二项: that 项, under whichever 款 holds it
            item = item_of(section, question.item)
            if item is None or item.clause is None:
                continue
            quoted, start, end = item.clause, item.start, item.end
            kuan = f"第{to_chinese(question.paragraph)}款" if question.paragraph else ""
            # As the text numbers it: 第（三）项, or 第3项 where its items read 3.
            number = item.label if item.label.isdigit() else f"（{item.label.strip('（）')}）"
            label += f"{kuan}第{number}项"
        elif question.paragraph:
            span = paragraph_span(text, section, question.paragraph)
            if span is None:
                fewer.append(section)
                continue
            start, end = span
            label += f"第{to_chinese(question.paragraph)}款"
        while end > start and text[end - 1].isspace():
            end -= 1
        crumbs = " › ".join(article.breadcrumb[:-1] + (label,))
        cite = out.cite(quoted, start, end)
        # Shown on one line; the citation keeps the article exactly as written.
        shown = re.sub(r"\s*\n\s*", "", text[start:end])
        lines.append(f"{doc_label(ctx.library, doc)}{crumbs}：“{shown}”{cite}")
        clause_ids.append(quoted.id)
        # A penalty enforcing only other items of the article is not related to this one.
        other_items = {
            p.clause_id
            for p in ctx.library.penalties
            if quoted is not article
            and (mine := [o for o in p.obligations if o.startswith(article.id + "/")])
            and quoted.id not in mine
        }
        related = [
            c
            for c in ctx.library.clauses
            if c.doc_id == doc
            and c.id != quoted.id
            and question.article in c.text
            and not c.id.startswith(article.id + "/")
            and c.id != article.id
            and c.id not in other_items
        ]
        for clause in related[:3]:
            at = clause.start + clause.text.index(question.article)
            sentence_start, sentence_end, _ = sentence_around(ctx.library, clause, at)
            mention = out.cite(clause, sentence_start, sentence_end)
            lines.append(f"相关条款：{clause.breadcrumb[-1]}{mention}")
            clause_ids.append(clause.id)
    if not lines and fewer:
        return _no_such_paragraph(ctx, question, fewer, out)
    if not lines:
        return _citing_another_law(ctx, question, scope, out) or _no_such_article(
            ctx, question, scope, out
        )
    return answered(question, "\n".join(lines), out, Facts(), clause_ids)


def _other_law(question: Question) -> re.Match[str] | None:
    """The 《…》 a question writes its article after (《条例》第十二条), if it does."""
    return re.search(rf"《([^》]+)》\s*{re.escape(question.article)}", question.text)


# A sentence that says what a cited article's words mean (《条例》第十二条所称筹备组，是指…).
_EXPLAINS = re.compile(r"所称|是指|包括")


def _citing_another_law(
    ctx: Context, question: Question, scope: list[str], out: CitationBuilder
) -> Answer | None:
    """An article of a law that is not loaded, asked as a loaded regulation cites it
    (《条例》第十二条说的筹备组…: a 实施细则 that says 《条例》第十二条所称…): the sentences
    that cite it, said to be its citing, not its text; declined, with them shown, where
    none says what its words mean."""
    named = _other_law(question)
    if named is None:
        return None
    reference = f"《{named.group(1)}》{question.article}"
    citing = [c for c in ctx.library.clauses if c.doc_id in scope and reference in c.text]
    if not citing:
        return None
    lines = [f"{reference}的原文不在已载入的文件中；援引它的条款："]
    explained = False
    for clause in citing[:3]:
        at = clause.start + clause.text.index(reference)
        start, end, _ = sentence_around(ctx.library, clause, at)
        sentence = ctx.library.document(clause.doc_id).text[start:end]
        place = doc_label(ctx.library, clause.doc_id) + " › ".join(clause.breadcrumb)
        lines.append(f"{place}：“{sentence}”{out.cite(clause, start, end)}")
        explained |= bool(_EXPLAINS.search(sentence[sentence.find(reference) :]))
    if not explained:  # 应当按照《条例》第十五条的规定存入…: what it says is not here
        return declined(question, "\n".join(lines), out)
    return answered(question, "\n".join(lines), out, Facts(), [c.id for c in citing[:3]])


def _no_such_article(
    ctx: Context, question: Question, scope: list[str], out: CitationBuilder
) -> Answer | None:
    """第二十五条 of a regulation named that ends before it: say how far it goes."""
    named = [d for d in question.doc_ids if d in scope and ctx.library.is_regulation(d)]
    if not named or not question.article or question.item:
        return None
    lines = [f"{NOT_FOUND_TEXT.rstrip('。')}：没有{question.article}。"]
    lines += [article_count(ctx, doc, out, []) for doc in named]
    return declined(question, "\n".join(lines), out)


def _no_such_paragraph(
    ctx: Context, question: Question, articles: list[Section], out: CitationBuilder
) -> Answer:
    """第十六条第二款, where 第十六条 has one 款: say so, the article quoted whole."""
    lines = [
        f"{NOT_FOUND_TEXT.rstrip('。')}：{question.article}没有第{to_chinese(question.paragraph)}款。"
    ]
    for section in articles:
        assert section.clause is not None
        text = ctx.library.document(section.clause.doc_id).text
        shown = re.sub(r"\s*\n\s*", "", text[section.start : section.end].strip())
        cite = out.cite(section.clause, section.start, section.end)
        label = doc_label(ctx.library, section.clause.doc_id)
        lines.append(f"{label}{question.article}全文：“{shown}”{cite}")
    return declined(question, "\n".join(lines), out)


def _sanction_unsaid(ctx: Context, question: Question, penalties: list[Penalty]) -> bool:
    """A sanction asked about (会吊销营业执照吗) that no penalty in scope imposes."""
    said = " ".join(ctx.library.clause(p.clause_id).text for p in penalties)
    asked = re.findall(rules.data_toml("penalties.toml")["sanctions_asked"], question.text)

    def imposed(term: str) -> bool:
        # 吊销许可证 is imposed by 吊销其处置许可证: the act, then what it takes.
        verb, thing = term[:2], term[2:]
        if verb in ("吊销", "没收") and thing:
            return bool(re.search(f"{verb}[^，；。]{{0,8}}?{re.escape(thing)}", said))
        apart = apart_pattern(term)  # 停业 is imposed by 责令停止营业
        return term in said or bool(apart and apart.search(said))

    return not all(map(imposed, asked))


def compose_penalty(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """What breaking a rule costs: the 法律责任 articles whose conduct, or whose duties,
    the question is about, quoted whole, each with the duty it enforces."""
    penalties = [p for p in ctx.library.penalties if p.doc_id in scope]
    if not penalties or _sanction_unsaid(ctx, question, penalties):
        return None
    # Whom it fines (个人, 单位) tells penalties apart, but no penalty is about the conduct
    # asked for naming only the party: 个人在地里烧秸秆 is no 个人…音响器材.
    # So does naming a party the regulations bind, or its synonym (家政公司 for 家政服务
    # 机构); not a thing a party is named after (排污口 of 排污口设置单位).
    party = rules.pattern("party_word")
    parties = set(ctx.library.parties())

    # So does a kind its definition lists (KTV: 娱乐场所，是指…提供KTV、酒吧等…服务的场所),
    # not a word it is defined by (设置排污口).
    kinds = {kind.lower() for kind in ctx.library.party_kinds}

    def names_party(concept: tuple[str, ...]) -> bool:
        asked = concept[0]
        return asked in kinds or any(
            form in parties and (form == asked or asked not in form) for form in concept
        )

    weighted = ctx.relevance.weighted(question)
    conduct = [(c, w) for c, w in weighted if not party.search(c[0]) and not names_party(c)]

    actions = {(o.clause_id, o.start): o.action for o in ctx.library.obligations}

    def said_of(penalty: Penalty) -> str:
        # The duty sentences it enforces (第八条第一款, not the whole 第八条), else the
        # articles it names.
        # An item's duty is read after its article's chapeau (在一级保护区内，禁止下列行为：
        # （二）…垂钓): the chapeau says where or whom it binds.
        sentences = [ctx.library.chapeau(d[0]) + actions[d] for d in penalty.duties if d in actions]
        linked = [ctx.library.clause(o).text for o in penalty.obligations]
        duties = " ".join(sentences or linked or _cited_texts(ctx, penalty))
        # The whole article: whom it fines is said in its sanctions (对个人处…罚款).
        return ctx.library.document(penalty.doc_id).text[penalty.start : penalty.end] + duties

    # A penalty's own words include the schedule it fines by (散发小广告 …50元以上200元以下).
    schedules = ctx.library.fine_schedules
    rows = {p.clause_id: "".join(c.text for c in schedules.get(p.clause_id, ())) for p in penalties}
    said = {p.clause_id: said_of(p) + rows[p.clause_id] for p in penalties}
    own = {
        p.clause_id: ctx.library.document(p.doc_id).text[p.start : p.end] + rows[p.clause_id]
        for p in penalties
    }

    # 坏了不修怎么处理, 招牌还没拆，会怎样: a duty left undone (修, 拆); a penalty for not
    # doing it (未…维修的, 逾期未拆除) leads.
    undone = re.search(
        r"(?:不|没有?|未)(?P<act>[\u4e00-\u9fff])[，,]?(?:怎么|如何|会|该|要)", question.text
    )
    not_done = re.compile(rf"(?:未|不|没有)[^，。；]*{undone.group('act')}") if undone else None

    def score(penalty: Penalty, own_weight: float = _OWN) -> float:
        # A word its own conduct says (在禁燃区内新建…的) weighs half again a word only the
        # duty it enforces says (第六条's 锅炉, under a penalty for not removing them).
        # A word may be written apart (养猪: 饲养鸡、鸭…和猪, the duty it enforces).
        words = sum(
            w * (1 + own_weight * bool(ctx.relevance.shares(list(c), own[penalty.clause_id])))
            for c, w in weighted
            if ctx.relevance.shares(list(c), said[penalty.clause_id])
        )
        breach = bool(not_done and not_done.search(penalty.conduct))
        return words + breach * max((w for _, w in weighted), default=0.0)

    scores = {p.clause_id: score(p) for p in penalties}
    best = max(scores.values())
    enforced = {o for p in penalties for o in p.obligations}
    # The duties of the documents whose penalties the question matches: another
    # document's duty (不得擅自进行治疗, asked 私自采砂罚多少) says nothing of these.
    matched = {p.doc_id for p in penalties if scores[p.clause_id] > 0} or set(scope)
    duty_articles = {o.clause_id for o in ctx.library.obligations if o.doc_id in matched} - enforced
    # So may the clause found first, a duty or not (信用评价不好会怎么样: 市商务局每年组织…
    # 信用评价, which no penalty cites).
    # Not what retells the articles (a preamble, a drafting note).
    found = hits[0].clause_id if hits and hits[0].doc_id in matched else None
    retelling = ctx.library.preambles | ctx.library.commentary
    if found and found not in retelling and not _enforced(ctx, found, penalties):
        duty_articles.add(found)
    unenforced = max(
        (
            sum(w for c, w in weighted if ctx.relevance.shares(list(c), ctx.library.clause(a).text))
            for a in duty_articles
        ),
        default=0.0,
    )
    if unenforced > max(score(p, own_weight=0.0) for p in penalties):
        return None  # 未披露碳排放信息罚多少: the duty asked about carries no penalty
    if conduct and not any(
        ctx.relevance.shares(list(c), text) for text in said.values() for c, _ in conduct
    ):
        best = 0.0  # only the party is shared
    if best == 0 and weighted:
        # 无证采砂罚多少钱 shares no word with 未取得河道采砂许可证…: the penalty retrieval
        # ranks first, where it ranks in the first few, unless the question names what no
        # clause does (烧秸秆); else nothing says so.
        if names_unsaid(ctx.relevance, question, scope):
            return None
        first = [p for h in hits[:_PENALTY_DEPTH] for p in penalties if p.clause_id == h.clause_id]
        return _penalty_answer(ctx, question, first[:1]) if first else None
    chosen = [p for p in penalties if scores[p.clause_id] == best] if best > 0 else penalties
    # Equal on the words asked, the one retrieval ranks first leads (个人不分类扔垃圾: 个人
    # 未分类投放, not 交由个人).
    ranks = {h.clause_id: i for i, h in enumerate(hits)}
    chosen.sort(key=lambda p: ranks.get(p.clause_id, len(ranks)))
    return _penalty_answer(ctx, question, chosen[:3])


def _enforced(ctx: Context, clause_id: str, penalties: list[Penalty]) -> bool:
    """Whether a penalty is, or enforces, the clause: links its duty, or cites its article."""
    if any(clause_id == p.clause_id or clause_id in p.obligations for p in penalties):
        return True
    label = ctx.library.whole(clause_id).breadcrumb[-1]
    return any(cited.startswith(label) for p in penalties for cited in p.cites)


def _cited_texts(ctx: Context, penalty: Penalty) -> list[str]:
    """The units a penalty cites that bind no party, by their label: an article
    (乡（镇）人民政府未履行本规定第四条规定的职责: an agency's article) with its items, or
    the item cited (有本细则第六条第（三）项行为的: a conduct the article lists)."""
    texts: list[str] = []
    for cited in penalty.cites:
        article = re.sub(r"第[^条]+款.*|第[（(].*", "", cited)
        item = re.search(r"[（(]([^）)]+)[）)]", cited)
        for c in ctx.library.clauses:
            if c.doc_id != penalty.doc_id or article not in c.breadcrumb:
                continue
            last = c.breadcrumb[-1]
            if last == article if item is None else last == f"（{item.group(1)}）":
                texts.append(c.text)
            elif item is None and c.breadcrumb.index(article) < len(c.breadcrumb) - 1:
                texts.append(c.text)  # the article's items and 款
    return list(dict.fromkeys(texts))


def _schedule_rows(
    ctx: Context, question: Question, penalty: Penalty
) -> list[tuple[Clause, int, int]]:
    """The rows of the schedule a penalty fines by that the question is about, as
    offsets into its document: those holding the amount it states (贴了5张 in
    10张（处）以下), else those naming most of its words (喷 in 喷涂、刻画小广告)."""
    schedule = ctx.library.fine_schedules.get(penalty.clause_id, ())
    if not schedule or not rules.pattern("fine_asked").search(question.text):
        return []
    rows = [
        (clause, clause.start + line.start(), clause.start + line.end())
        for clause in schedule
        for line in re.finditer(r"[^\n]+", clause.text)
        if line.start() > 0 and amounts.states(line.group(), "money")  # not its title
    ]
    document = ctx.library.document(penalty.doc_id).text
    asked = amounts.stated_amount(question.text)
    held = [r for r in rows if asked and amounts.holds(document[r[1] : r[2]], asked)]
    if held:
        return held
    weighted = ctx.relevance.weighted(question)
    scores = [
        sum(w for c, w in weighted if any(word in document[start:end] for word in c))
        for _, start, end in rows
    ]
    best = max(scores, default=0.0)
    # Rows that all name the thing fined (小广告) tell nothing apart: none is chosen.
    if best <= 0 or scores.count(best) == len(rows):
        return []
    return [row for row, score in zip(rows, scores, strict=True) if score == best]


# How much more a word weighs in a penalty's own conduct than in the duty it enforces.
_OWN = 0.5

# How far down the retrieved clauses a penalty may stand and still answer on rank alone.
_PENALTY_DEPTH = 3


def _penalty_answer(ctx: Context, question: Question, chosen: list[Penalty]) -> Answer:
    """Each penalty quoted whole, with the duties it enforces."""
    out = CitationBuilder(ctx.library)
    lines: list[str] = []
    clause_ids: list[str] = []
    for penalty in chosen:
        # The amount a schedule attached sets (贴了5张: 10张（处）以下 每张（处）50元) leads.
        for row, start, end in _schedule_rows(ctx, question, penalty):
            row_cite = out.cite(row, start, end)
            shown = ctx.library.document(row.doc_id).text[start:end]
            where = " › ".join(row.breadcrumb)
            lines.append(f"根据{doc_label(ctx.library, row.doc_id)}{where}：“{shown}”{row_cite}")
            clause_ids.append(row.id)
        clause = ctx.library.clause(penalty.clause_id)
        cite = out.cite(clause, penalty.start, penalty.end)
        place = " › ".join(clause.breadcrumb)
        # The article with the items it sanctions (有下列行为之一的…：（一）…), on one line.
        whole = ctx.library.document(clause.doc_id).text[penalty.start : penalty.end]
        shown = re.sub(r"\s*\n\s*", "", whole.rstrip())
        lines.append(f"根据{doc_label(ctx.library, clause.doc_id)}{place}：“{shown}”{cite}")
        how = "条文援引" if penalty.linked_by == "cited" else "按行为推断"
        for obligation_id in penalty.obligations:
            if any(obligation_id.startswith(o + "/") for o in penalty.obligations):
                continue  # an item of an article that is linked whole
            duty = ctx.library.clause(obligation_id)
            duty_cite = out.cite(duty, duty.start, duty.end)
            lines.append(f"所对应的义务（{how}）：{short_path(duty)}{duty_cite}")
        clause_ids.append(clause.id)
    return answered(question, "\n".join(lines), out, Facts(), clause_ids)
