"""Owns answers about who is responsible: the lead, the departments, local implementers."""

from __future__ import annotations

import re
from collections.abc import Sequence

from policyqa import rules
from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, doc_label, short_path
from policyqa.compose.context import Context
from policyqa.compose.passages import compose_passage
from policyqa.compose.unsaid import names_unsaid
from policyqa.notes import DepartmentMention, Responsibility, unique
from policyqa.obligations import AGENCY
from policyqa.retrieve import Hit
from policyqa.tasks import Task
from policyqa.understand import Question


def task_for(ctx: Context, question: Question, hits: list[Hit]) -> Task | None:
    """The task among the top hits that best answers a responsibility question."""
    hits = ctx.relevance.rerank(question, hits)
    tasks = [t for h in hits[:4] if (t := ctx.library.task(h.clause_id))]
    if question.intent == "lead":
        with_lead = [t for t in tasks[:3] if t.responsibility.lead]
        if with_lead:
            return with_lead[0]
    if question.departments:
        named = [t for t in tasks if set(question.departments) & set(t.responsibility.departments)]
        if named:
            return named[0]
    return tasks[0] if tasks else None


def _names(mentions: tuple[DepartmentMention, ...], exclude: Sequence[str] = ()) -> list[str]:
    return list(unique(m.name for m in mentions if m.name not in exclude))


def roles_sentence(note: Responsibility) -> str:
    """Who does what, in the note's own role words: 由A牵头，B按职责分工负责，C参与。"""
    lead = _names(note.lead)
    sharing = _names(note.responsible + note.shared, lead)
    parts = []
    if lead:
        parts.append(f"由{'、'.join(lead)}牵头")
    if sharing:
        verb = "按职责分工负责" if lead or note.shared else "负责"
        parts.append(f"{'' if parts else '由'}{'、'.join(sharing)}{verb}")
    elif lead and note.others_included:
        parts.append("各有关部门单位按职责分工负责")
    guiding = _names(note.guiding, lead)
    if guiding:
        parts.append(f"{'' if parts else '由'}{'、'.join(guiding)}指导")
    by_word: dict[str, list[str]] = {}
    for mention in note.cooperating:
        word = mention.word if mention.word in ("参与", "协助") else "配合"
        by_word.setdefault(word, []).append(mention.name)
    for word, names in by_word.items():
        parts.append(f"{'、'.join(unique(names))}{word}")
    return "，".join(parts) + "。" if parts else ""


def responsibility_lines(
    ctx: Context, task: Task, out: CitationBuilder, lead_question: bool
) -> list[str]:
    """Who leads and who shares the task, and who implements it locally, each cited."""
    clause, note = task.clause, task.responsibility
    notes = task.notes or (note,)
    cites = "".join(out.cite(clause, n.start, n.end) for n in notes)
    head = f"根据{doc_label(ctx.library, clause.doc_id)}{short_path(clause)}："
    line = head + roles_sentence(note).removesuffix("。") + f"。{cites}"
    if lead_question and not note.lead:
        only_responsible = note.responsible and not note.shared and len(notes) == 1
        line += "（该条未另写牵头单位。）" if only_responsible else "（该条未写明牵头单位。）"
    lines = [line]
    if task.lead_rule is not None:
        rule = task.lead_rule
        where = out.cite(ctx.library.clause(rule.clause_id), rule.start, rule.end)
        lines.append(f"牵头单位依据文件规定：“{rule.text}”。{where}")
    if task.implementers:
        source = task.inherited_from
        if source is not None and not note.implementers:
            origin = ctx.library.clause(source.clause_id)
            where = out.cite(origin, source.start, source.end)
        else:
            where = cites
        lines.append(f"属地落实：{'、'.join(task.implementers)}。{where}")
    return lines


def compose_responsibility(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """Lead and departments questions: one task per plan asked about."""
    out = CitationBuilder(ctx.library)
    lines: list[str] = []
    lead: list[str] = []
    departments: list[str] = []
    clause_ids: list[str] = []
    groups = ctx.relevance.per_doc(hits, scope)
    for n, doc in enumerate(ctx.relevance.docs_to_answer(question, hits, scope)):
        task = task_for(ctx, question, groups.get(doc, []))
        if task is None and n == 0:
            # The best-matching document assigns no tasks (a regulation's 第三条 says who
            # supervises): another plan's task is no answer; who is in charge is read
            # from the sentences instead.
            return None
        if task is None:
            continue
        lines += responsibility_lines(ctx, task, out, question.intent == "lead")
        lead += [m.name for m in task.responsibility.lead]
        departments += task.responsibility.departments
        clause_ids.append(task.clause.id)
    if not lines:
        return None
    facts = Facts(tuple(dict.fromkeys(lead)), tuple(dict.fromkeys(departments)))
    return answered(question, "\n".join(lines), out, facts, clause_ids)


def duty_passage(
    context: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """Who is in charge, where no task note says but a sentence does: a regulation's
    市生态环境局对…实施统一监督管理. Kept only when its quote names a department or a
    party the regulations bind."""
    if names_unsaid(context.relevance, question, scope):
        return None  # 费用由谁承担: no document speaks of it
    # A regulation's sentences charging an agency come first (县…局负责…的监督管理),
    # then, asked for an office, those naming one (许可证找哪个部门办 → 向市水务局申请
    # 领取…许可证); not asked so, a person may answer (第一责任人是谁 → 法定代表人).
    charging = {d.clause_id for d in context.library.agency_duties}
    names = (*context.library.table.surface_forms(), *context.library.bodies())
    generic = AGENCY
    offices = [f for f in names if len(f) >= 3]

    def naming_office(hit: Hit) -> bool:
        return any(f in hit.text for f in offices) or bool(generic.search(hit.text))

    office = bool(rules.pattern("office_asked").search(question.text))
    # Asked to whom one applies (认养绿地找谁申请), the sentence saying so (向市园林绿化局提出
    # 申请), which ``_stating_first`` put first, before the agency's charge.
    applying = re.search(
        rules.data_toml("intents.toml")["stated"]["applying_where"][0], question.text
    )
    hits = sorted(
        hits,
        key=lambda h: (
            not applying and h.clause_id not in charging,
            office and not naming_office(h),
        ),
    )
    # Asked who supervises (谁管广场舞的噪音 → 公安机关负责…噪声…), the charging
    # sentences on the topic alone, so that a rule naming the place (在广场…应当) does
    # not outrank them.
    if rules.pattern("supervision_asked").search(question.text) and not applying:
        # A class a concept names counts (门口 → 周边环境秩序).
        forms = context.relevance.topic_forms(question)
        # The charging sentence itself on the topic (县市场监督管理局负责摊贩食品安全…),
        # not another of its article (街道办事处应当在疏导点设置公示牌).
        on_topic_ids = {
            d.clause_id
            for d in context.library.agency_duties
            if context.relevance.shares(forms, d.sentence)
        }
        # One that supervises (市公安局负责…的安全管理) before one that acts on a
        # condition (…的，城市管理部门应当…完成清扫).
        supervising = {
            d.clause_id
            for d in context.library.agency_duties
            if d.clause_id in on_topic_ids
            and re.search(rules.pattern("supervises"), generic.sub("", d.sentence))
        }
        on_topic = [h for h in hits if h.clause_id in on_topic_ids]
        on_topic.sort(key=lambda h: h.clause_id not in supervising)
        # A party's article saying the asked act in the question's own words, as no charge
        # on the topic does (骑楼日常维护谁负责 → 所有权人…应当…进行日常维护, not 区人民
        # 政府负责…日常管理).
        tokens = context.relevance.topic_tokens(question)
        phrases = [a + b for a, b in zip(tokens, tokens[1:], strict=False)]
        parties = [f for f in context.library.parties() if len(f) >= 3]
        charged = {p for h in on_topic for p in phrases if p in h.text}
        # Not one where an office does it (建设单位应当…报市文化广电旅游局组织艺术评审).
        fuller = [
            h
            for h in hits
            if h.clause_id not in charging
            and any(f in h.text for f in parties)
            and not naming_office(h)
            and any(p in h.text and p not in charged for p in phrases)
        ]
        hits = [*fuller, *on_topic] if on_topic else hits
    # A department, or a party a regulation binds (建设单位应当将…费用列入工程造价).
    forms = [*offices, *(f for f in context.library.parties() if len(f) >= 3)]
    topic = [
        *context.relevance.topic_tokens(question),
        *(f for c in context.relevance.concepts(question) for f in c),
    ]
    whom = rules.pattern("names_whom")

    def naming_whom(answer: Answer | None) -> bool:
        quotes = [c.quote for c in answer.citations] if answer else []
        # A named office, a party, or 设区的市人民政府 as regulations say; or one the
        # sentence describes (交由具有…许可证的单位处置).
        names = any(f in q for q in quotes for f in forms) or any(
            generic.search(q) or whom.search(q) for q in quotes
        )
        # And on what is asked: 村名由谁来定 is not answered by who decides on a
        # building's name (作出决定), which names no 村名.
        return names and (not topic or any(context.relevance.shares(topic, q) for q in quotes))

    answer = compose_passage(context, question, hits, scope)
    if naming_whom(answer):
        return answer
    # 看到有人电鱼向谁举报: the clause on the thing (电鱼) names no one; the one naming an
    # office may (可以向县农业农村局举报).
    answer = compose_passage(context, question, [h for h in hits if naming_office(h)], scope)
    return answer if naming_whom(answer) else None
