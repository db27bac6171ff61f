"""Owns answers over a whole plan, composed from its records rather than from one clause:
a department's tasks, what is due in a time window, how many tasks a plan sets, and what
a part of it holds."""

from __future__ import annotations

import re
from datetime import date

from policyqa import rules
from policyqa.answer import Answer, Facts
from policyqa.compose.cite import CitationBuilder, answered, doc_label, short_path, unclosed
from policyqa.compose.context import Context
from policyqa.extract import Deadline
from policyqa.notes import ROLES
from policyqa.numbering import ARTICLE_LABEL
from policyqa.retrieve import Hit
from policyqa.structure import Clause
from policyqa.tasks import Task
from policyqa.understand import Question

# How an answer names a role, when the note's own word is not kept.
ROLE_WORDS = {
    "lead": "牵头",
    "responsible": "负责",
    "shared": "按职责分工负责",
    "guiding": "指导",
    "cooperating": "配合",
    "implementers": "负责落实",
}


def _role_words(ctx: Context, task: Task, name: str) -> str:
    words = []
    for role in ctx.library.roles_in(task, name):
        mention = next(
            (m for m in task.responsibility.mentions(role) if m.word in ("参与", "协助")), None
        )
        words.append(mention.word if mention else ROLE_WORDS[role])
    return "、".join(dict.fromkeys(words))


def _cite_role(ctx: Context, task: Task, name: str, out: CitationBuilder) -> str:
    """The notes that name ``name``; for an inherited implementer, the rule sentence."""
    key = ctx.library.table.key
    wanted = key(ctx.library.canonical_department(name))
    notes = task.notes or (task.responsibility,)
    cites = [
        out.cite(task.clause, n.start, n.end)
        for n in notes
        if wanted in {key(d) for d in (*n.departments, *(m.name for m in n.implementers))}
    ]
    if not cites and task.inherited_from is not None:
        rule = task.inherited_from
        cites.append(out.cite(ctx.library.clause(rule.clause_id), rule.start, rule.end))
    return "".join(cites) or out.cite(
        task.clause, task.responsibility.start, task.responsibility.end
    )


def _name_in(ctx: Context, question: Question, doc: str) -> str:
    """The department asked about, as ``doc`` names it: 两市的海关 is 包头海关 in one plan
    and 连云港海关 in the other."""
    return next(
        (d for d in question.departments if ctx.library.find_tasks(doc, d)),
        question.departments[0],
    )


# A county-level office's prefix (县生态环境局, 区城管局, 旗农牧局).
_COUNTY_LEVEL = re.compile(r"^(?:县|区|旗)(?=[\u4e00-\u9fff]{2,})")


def _agency_duties(
    ctx: Context,
    scope: list[str],
    names: dict[str, str],
    out: CitationBuilder,
    clause_ids: list[str],
) -> list[str]:
    """The duties regulations in scope give the department (市生态环境局对…实施统一监督管理),
    each sentence quoted and cited."""
    key = ctx.library.table.key

    def level_free(name: str) -> str:  # 县生态环境局 is 生态环境局 as 市生态环境局 is
        return key(_COUNTY_LEVEL.sub("市", name, count=1))

    lines: list[str] = []
    for doc in scope:
        wanted = key(ctx.library.canonical_department(names[doc]))
        in_doc = [d for d in ctx.library.agency_duties if d.doc_id == doc]
        duties = [d for d in in_doc if key(d.department) == wanted]
        # A county's regulation charges its own offices (县供销合作社), which askers name
        # without a level (供销合作社负责什么).
        duties = duties or [d for d in in_doc if level_free(d.department) == level_free(wanted)]
        if duties:
            lines.append(f"{doc_label(ctx.library, doc)}写明的职责：")
        for duty in duties:
            clause = ctx.library.clause(duty.clause_id)
            cite = out.cite(clause, duty.start, duty.end)
            lines.append(f"- {clause.breadcrumb[-1]}：{duty.sentence}{cite}")
            clause_ids.append(duty.clause_id)
    return lines


def _implementer_rule(
    ctx: Context, doc: str, name: str, out: CitationBuilder
) -> tuple[str, str, tuple[Task, ...]] | None:
    """For a body made implementer of every later task by one sentence (以下均需…落实):
    that sentence cited, how many tasks it covers, and the tasks that name the body
    themselves."""
    key = ctx.library.table.key
    wanted = key(ctx.library.canonical_department(name))
    tasks = ctx.library.find_tasks(doc, name)
    covered = [
        t
        for t in tasks
        if t.inherited_from is not None and wanted in {key(n) for n in t.inherited_implementers}
    ]
    if not covered:
        return None
    rule = covered[0].inherited_from
    assert rule is not None
    cite = out.cite(ctx.library.clause(rule.clause_id), rule.start, rule.end)
    sentence = rule.text.strip("（）()。；")
    line = (
        f"{doc_label(ctx.library, doc)}规定：“{sentence}。”{cite}"
        f"这一规定适用于其后的全部 {len(covered)} 条任务，{name}均负责落实。{cite}"
    )
    named = tuple(
        t
        for t in tasks
        if wanted in {key(m.name) for role in ROLES for m in t.responsibility.mentions(role)}
    )
    return rule.clause_id, line, named


def compose_department_tasks(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """Every task that names a department (or only those it leads), by plan, with its
    role in each and the note that says so. A body that one sentence makes implementer
    of every later task gets that sentence, and the tasks that name it explicitly."""
    lead_only = bool(rules.pattern("lead").search(question.text))
    lines: list[str] = []
    names = {doc: _name_in(ctx, question, doc) for doc in scope}
    if lead_only and not any(ctx.library.find_tasks(d, names[d], role="lead") for d in scope):
        # Nothing is led by it: say so, and list what it does take part in.
        lines.append("文件中没有写明由该部门牵头的任务，以下是其参与的任务。")
        lead_only = False
    out = CitationBuilder(ctx.library)
    clause_ids: list[str] = []
    listed: list[str] = []
    # A regulation's article states the department's standing remit (…负责…的监督管理):
    # the direct answer to what it is charged with, short, and not to be buried under a
    # plan's long task list, which follows.
    if not lead_only:
        lines += _agency_duties(ctx, scope, names, out, clause_ids)
    for doc in scope:
        name = names[doc]
        tasks = ctx.library.find_tasks(doc, name, role="lead" if lead_only else None)
        rule = None if lead_only else _implementer_rule(ctx, doc, name, out)
        if rule is not None:
            rule_clause, line, tasks = rule
            lines.append(line)
            clause_ids.append(rule_clause)
            if not tasks:
                continue
            lines.append(f"责任分工中明确点名的任务共 {len(tasks)} 条：")
        elif not tasks:
            continue
        else:
            what = "牵头" if lead_only else "涉及"
            lines.append(f"{doc_label(ctx.library, doc)}中{what}的任务共 {len(tasks)} 条：")
        for n, task in enumerate(tasks, start=1):
            role = _role_words(ctx, task, name)
            cite = _cite_role(ctx, task, name, out)
            lines.append(f"{n}. {short_path(task.clause)}：{name}{role}。{cite}")
            clause_ids.append(task.clause.id)
            listed.append(task.clause.id)
    if not clause_ids:
        return None
    facts = Facts(departments=tuple(dict.fromkeys(names.values())), tasks=tuple(listed))
    return answered(question, "\n".join(lines), out, facts, clause_ids)


def due_window(text: str, today: date) -> tuple[date, date] | None:
    """The dates a question asks about: up to the end of a named year, or this or next
    year (relative to ``today``)."""
    if rules.listing_pattern("this_year").search(text):
        return date(today.year, 1, 1), date(today.year, 12, 31)
    if rules.listing_pattern("next_year").search(text):
        return date(today.year + 1, 1, 1), date(today.year + 1, 12, 31)
    years = [int(y) for y in re.findall(r"(20\d{2})\s*年", text)]
    if not years:
        return None
    return date.min, date(max(years), 12, 31)


def compose_due_window(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str], today: date | None = None
) -> Answer | None:
    """The tasks due in the window, by plan and date, each quoting its deadline; tasks due
    every year are listed apart."""
    window = due_window(question.text, today or date.today())
    if window is None:
        return None
    start, end = window
    out = CitationBuilder(ctx.library)
    lines: list[str] = []
    clause_ids: list[str] = []
    dates: list[str] = []
    for doc in scope:
        due: list[tuple[str, Task, Deadline]] = []
        every_year: list[tuple[Task, Deadline]] = []
        for task in ctx.library.find_tasks(doc):
            for deadline in task.deadlines:
                if deadline.recurring and deadline.date:
                    every_year.append((task, deadline))
                elif deadline.date and start <= date.fromisoformat(deadline.date) <= end:
                    due.append((deadline.date, task, deadline))
        if not due and not every_year:
            continue
        due.sort(key=lambda item: item[0])
        lines.append(f"{doc_label(ctx.library, doc)}中，时限在此期间的任务共 {len(due)} 条：")
        for n, (iso, task, deadline) in enumerate(due, start=1):
            cite = out.cite(task.clause, deadline.sentence_start, deadline.sentence_end)
            sentence = unclosed(deadline.sentence)
            lines.append(f"{n}. {short_path(task.clause)}（{deadline.text}）：“{sentence}。”{cite}")
            clause_ids.append(task.clause.id)
            dates.append(iso)
        for task, deadline in every_year:
            cite = out.cite(task.clause, deadline.sentence_start, deadline.sentence_end)
            lines.append(f"- 每年：{short_path(task.clause)}（{deadline.text}）{cite}")
            clause_ids.append(task.clause.id)
    if not lines:
        return None
    facts = Facts(deadlines=tuple(dict.fromkeys(dates)), tasks=tuple(dict.fromkeys(clause_ids)))
    return answered(question, "\n".join(lines), out, facts, clause_ids)


def numbered_tasks(ctx: Context, doc: str, start: int = 0, end: int | None = None) -> list[Task]:
    """The tasks of ``doc`` between two offsets as the text numbers them: a sub-item
    (3．…（1）…) is part of its task, not one more."""
    tasks = [
        t
        for t in ctx.library.find_tasks(doc)
        if start <= t.clause.start < (end if end is not None else t.clause.end + 1)
    ]
    return [t for t in tasks if not any(t.clause.id.startswith(o.clause.id + "/") for o in tasks)]


def cite_heading(ctx: Context, clause: Clause, out: CitationBuilder) -> str:
    """Cite a clause's number and title as the text writes them (16．加强…建设); an
    article, which has no title, by its number and first sentence."""
    if clause.title:
        end = clause.start + clause.text.find(clause.title) + len(clause.title)
    else:
        stop = clause.text.find("。")
        end = clause.start + (stop + 1 if stop >= 0 else len(clause.text))
    return out.cite(clause, clause.start, end)


def _task_section(ctx: Context, doc: str) -> tuple[str, list[Task]]:
    """The section that lists a plan's tasks (二、工作任务) and the tasks in it; the whole
    plan when no top-level heading says 任务."""
    word = rules.listing_pattern("task_section")
    tasks = numbered_tasks(ctx, doc)
    for section in ctx.library.tree(doc).sections:
        if word.search(section.heading):
            inside = [t for t in tasks if section.start <= t.clause.start < section.end]
            if inside:
                return section.heading, inside
    return "", list(tasks)


def compose_task_count(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """How many tasks each plan numbers, citing the last one's number."""
    out = CitationBuilder(ctx.library)
    lines: list[str] = []
    clause_ids: list[str] = []
    for doc in scope:
        if ctx.library.is_regulation(doc):
            if rules.listing_pattern("article_count").search(question.text):
                lines.append(article_count(ctx, doc, out, clause_ids))
            continue
        heading, tasks = _task_section(ctx, doc)
        if not tasks:
            continue
        last = tasks[-1].clause
        where = f"“{heading}”部分" if heading else ""
        label = doc_label(ctx.library, doc)
        if last.number == str(len(tasks)):
            # The count is the last task's own number: quote its heading.
            cite = cite_heading(ctx, last, out)
            line = f"{label}{where}列有{len(tasks)}项任务，最后一项为“{short_path(last)}”。{cite}"
        else:
            # The numbers run with gaps: name each task present, its heading quoted.
            line = f"{label}{where}共列出 {len(tasks)} 条任务："
            for task in tasks:
                line += f"\n- {short_path(task.clause)}{cite_heading(ctx, task.clause, out)}"
        if not ctx.library.document(doc).meta.complete:
            line += "\n（该文本不完整，只统计了现有部分。）"
        lines.append(line)
        clause_ids += [t.clause.id for t in tasks]
    if not lines:
        return None
    return answered(question, "\n".join(lines), out, Facts(tasks=tuple(clause_ids)), clause_ids)


def article_count(ctx: Context, doc: str, out: CitationBuilder, clause_ids: list[str]) -> str:
    """How many articles a regulation has, inserted ones (第七条之一) named, the last
    one's opening cited."""
    articles = [
        c
        for c in ctx.library.clauses
        if c.doc_id == doc and ARTICLE_LABEL.fullmatch(c.breadcrumb[-1])
    ]
    if not articles:
        return f"{doc_label(ctx.library, doc)}中未识别出条文。"
    inserted = [c.breadcrumb[-1] for c in articles if "之" in c.breadcrumb[-1]]
    last = articles[-1]
    also = f"（含{'、'.join(inserted)}）" if inserted else ""
    clause_ids += [c.id for c in articles]
    return (
        f"{doc_label(ctx.library, doc)}共{len(articles)}条{also}，最后一条为"
        f"{last.breadcrumb[-1]}。{cite_heading(ctx, last, out)}"
    )


def compare_department_tasks(
    ctx: Context, question: Question, hits: list[Hit], scope: list[str]
) -> Answer | None:
    """One department's tasks side by side, one row per plan, each task cited."""
    docs = list(question.doc_ids) or [d.id for d in ctx.library.documents]
    names = {doc: _name_in(ctx, question, doc) for doc in docs}
    out = CitationBuilder(ctx.library)
    rows = ["| 城市 | 任务数 | 涉及的任务（角色） |", "|---|---|---|"]
    clause_ids: list[str] = []
    for doc in docs:
        name = names[doc]
        tasks = ctx.library.find_tasks(doc, name)
        if not tasks:
            continue
        city = ctx.library.document(doc).meta.city or doc
        cells = []
        for task in tasks:
            role = _role_words(ctx, task, name)
            cells.append(f"{short_path(task.clause)}（{role}）{_cite_role(ctx, task, name, out)}")
            clause_ids.append(task.clause.id)
        rows.append(f"| {city} | {len(tasks)} | {'；'.join(cells)} |")
    if not clause_ids:
        return None
    facts = Facts(departments=tuple(dict.fromkeys(names.values())), tasks=tuple(clause_ids))
    return answered(question, "\n".join(rows), out, facts, clause_ids)
