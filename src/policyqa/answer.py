"""The deterministic extractive answerer: Chinese answers composed from extracted data and
verbatim quotes, with citations. It never states what it cannot quote."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace

from policyqa.extract import Obligation, Task, find_deadlines
from policyqa.library import Library
from policyqa.retrieve import Hit
from policyqa.segment import Segmenter, expand_synonyms
from policyqa.structure import Clause
from policyqa.understand import Question

Search = Callable[[str, int, Sequence[str] | None], list[Hit]]

OUT_OF_SCOPE_TEXT = (
    "您好！我是新污染物治理政策问答助手，只能回答已收录文件（包头、连云港两市的新污染物治理工作方案）"
    "中的问题：哪个部门牵头、由哪些部门负责、什么时候完成、目标是多少、企业需要做什么等。"
    "例如：哪个部门牵头落实新污染物管控措施？"
)
NOT_FOUND_TEXT = "文件中未找到相关规定。"
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+．|（\d+）|[①-⑳])"
)
# Words that say what is asked, not what it is about: they don't count as topic overlap.
_QUESTION_WORDS = frozenset(
    "牵头 负责 部门 单位 哪些 哪个 什么 时候 完成 多少 目标 要求 包头 包头市 连云港 连云港市 "
    "新污染物 "
    "治理 工作 方案 由谁 谁 管 归 措施 情况 规定 需要 注意 做 要 呢 那 它 有 没有 哪年 一年 截止 "
    "时间 分别 区别 不同 对比 比较 两地 城市 一样 挑头 带头 打头 总 找 还有 参与 市 局 怎么 如何 "
    "处理 哪 年 达到 比例 指标 为 是 在 上 中 里 的 及 和 与 哪一年 啥 最晚 弄完".split()
)


@dataclass(frozen=True)
class Citation:
    """A verbatim quote: ``quote == document.text[start:end]``."""

    n: int
    doc_id: str
    title: str
    breadcrumb: str
    clause_id: str
    quote: str
    start: int
    end: int


@dataclass(frozen=True)
class Facts:
    """The structured facts an answer states."""

    lead: tuple[str, ...] = ()
    departments: tuple[str, ...] = ()
    deadlines: tuple[str, ...] = ()
    targets: tuple[str, ...] = ()


@dataclass(frozen=True)
class Answer:
    """An answer and everything needed to check it."""

    question: str
    status: str
    text: str
    citations: tuple[Citation, ...] = ()
    facts: Facts = field(default_factory=Facts)
    intent: str = ""
    doc_ids: tuple[str, ...] = ()
    clause_ids: tuple[str, ...] = ()
    dropped: tuple[str, ...] = ()
    generator: str = "extractive"
    session_id: str = ""


class _Builder:
    """Collects citations and numbers them in order of first use."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.citations: list[Citation] = []

    def cite(self, clause: Clause, start: int, end: int) -> str:
        for citation in self.citations:
            if (citation.start, citation.end, citation.doc_id) == (start, end, clause.doc_id):
                return f"[{citation.n}]"
        document = self.library.document(clause.doc_id)
        n = len(self.citations) + 1
        self.citations.append(
            Citation(
                n,
                clause.doc_id,
                document.title,
                clause.breadcrumb_text,
                clause.id,
                document.text[start:end],
                start,
                end,
            )
        )
        return f"[{n}]"


def short_path(clause: Clause) -> str:
    """二、（一）4．落实新污染物管控措施: ancestors by number, the clause in full."""
    parts = [m.group() for crumb in clause.breadcrumb[:-1] if (m := _MARKER.match(crumb))]
    return "".join(parts) + clause.breadcrumb[-1]


def doc_label(library: Library, doc_id: str) -> str:
    return f"《{library.document(doc_id).title}》"


def _sentences(clause: Clause) -> list[tuple[int, int]]:
    """Absolute spans of the sentences of a clause (the run-in title is not one)."""
    spans = []
    for match in re.finditer(r"[^。；\n]+[。；]?", clause.text):
        text = match.group().strip()
        heading = clause.breadcrumb[-1] if clause.breadcrumb else ""
        if not text or (clause.title and text.rstrip("。") == heading):
            continue
        lead = len(match.group()) - len(match.group().lstrip())
        spans.append((clause.start + match.start() + lead, clause.start + match.end()))
    return spans


class ExtractiveAnswerer:
    """Composes answers per intent from the library and a search function.

    Args:
        library: parsed documents and extracted tasks and obligations.
        search: ``(question, k, doc_ids) -> hits``.
        segmenter: for topic overlap between question and clause.
    """

    def __init__(self, library: Library, search: Search, segmenter: Segmenter) -> None:
        self.library = library
        self.search = search
        self.segmenter = segmenter
        self._share: dict[str, float] = {}

    # ---------------------------------------------------------------- entry point

    def answer(self, question: Question, topic: Sequence[str] = ()) -> Answer:
        """Answer ``question``; ``topic`` pins the clauses of a follow-up."""
        if question.intent == "out_of_scope":
            return Answer(question.text, "out_of_scope", OUT_OF_SCOPE_TEXT, intent="out_of_scope")
        scope = list(question.doc_ids) or [d.id for d in self.library.documents]
        hits = self._candidates(question, scope, topic)
        if question.other_city or question.never_specified or self._year_unknown(question):
            return self._not_found(question, hits)
        handler = {
            "lead": self._responsibility,
            "departments": self._responsibility,
            "deadline": self._deadline,
            "target": self._target,
            "obligation": self._obligation,
            "comparison": self._comparison,
            "inventory": self._inventory,
        }.get(question.intent, self._passage)
        answer = handler(question, hits, scope)
        return answer or self._not_found(question, hits)

    def _candidates(self, question: Question, scope: list[str], topic: Sequence[str]) -> list[Hit]:
        if topic:
            pinned = [self._clause_hit(c) for c in topic if c.split("/", 1)[0] in scope]
            if pinned:
                return pinned
        return self.search(question.text, 8, scope)

    def _clause_hit(self, clause_id: str) -> Hit:
        clause = self.library.clause(clause_id)
        return Hit(
            clause.id,
            clause.doc_id,
            clause.id,
            1.0,
            None,
            None,
            clause.text,
            clause.start,
            clause.end,
            clause.breadcrumb_text,
        )

    def _year_unknown(self, question: Question) -> bool:
        text = "".join(d.text for d in self.library.documents)
        return any(f"{year}年" not in text for year in question.years)

    # ---------------------------------------------------------------- topic overlap

    def topic_tokens(self, question: Question) -> list[str]:
        """Words that say what the question is about: not question words, and not words
        so common in the corpus (污染物, 环境) that they tell clauses apart poorly."""
        words = [w for w in self.segmenter.search_tokens(question.text) if w not in _QUESTION_WORDS]
        words = [w for w in expand_synonyms(words) if len(w) > 1 or w.isascii()]
        return [w for w in words if self.clause_share(w) <= 0.4]

    def clause_share(self, word: str) -> float:
        """The share of clauses containing ``word``."""
        if word not in self._share:
            clauses = self.library.clauses
            hits = sum(1 for c in clauses if word in c.text.lower())
            self._share[word] = hits / max(1, len(clauses))
        return self._share[word]

    def overlap(self, tokens: list[str], text: str) -> int:
        lowered = text.lower()
        return sum(1 for t in set(tokens) if t in lowered)

    def _per_doc(self, hits: list[Hit], scope: list[str]) -> dict[str, list[Hit]]:
        grouped: dict[str, list[Hit]] = {doc: [] for doc in scope}
        for hit in hits:
            if hit.doc_id in grouped:
                grouped[hit.doc_id].append(hit)
        return grouped

    def _docs_to_answer(self, question: Question, hits: list[Hit], scope: list[str]) -> list[str]:
        """A named city's plan; otherwise every plan whose best clause is on topic."""
        if question.doc_ids:
            return list(question.doc_ids)
        if not hits:
            return []
        tokens = self.topic_tokens(question)
        best = {doc: group[0] for doc, group in self._per_doc(hits, scope).items() if group}
        top_overlap = self.overlap(tokens, hits[0].text)
        chosen = [hits[0].doc_id]
        for doc, hit in best.items():
            if (
                doc != hits[0].doc_id
                and hit.score >= 0.8 * hits[0].score
                and self.overlap(tokens, hit.text) >= max(1, top_overlap)
            ):
                chosen.append(doc)
        return chosen

    # ---------------------------------------------------------------- responsibility

    def rerank(self, question: Question, hits: list[Hit], limit: int = 4) -> list[Hit]:
        """Re-order the top hits by topic words in the title and rare ones in the body.

        Titles are short and name the task, so a title match is strong evidence; in the
        body only rare words count, or long clauses would win on length alone. Retrieval
        rank breaks ties.
        """
        # Titles are short: every topic word counts there, common ones included.
        tokens = [
            w
            for w in self.segmenter.search_tokens(question.text)
            if w not in _QUESTION_WORDS and w not in ("污染", "污染物")
        ]

        # In the body only rare words count (玩具, 菌渣): common ones favour long clauses.
        rare = [w for w in self.topic_tokens(question) if self.clause_share(w) <= 0.1]

        def key(item: tuple[int, Hit]) -> tuple[int, int]:
            rank, hit = item
            title = self.library.clause(hit.clause_id).title
            return -(2 * self.overlap(tokens, title) + self.overlap(rare, hit.text)), rank

        top = sorted(enumerate(hits[:limit]), key=key)
        return [hit for _, hit in top] + hits[limit:]

    def _task_for(self, question: Question, hits: list[Hit]) -> Task | None:
        hits = self.rerank(question, hits)
        tasks = [t for h in hits[:4] if (t := self.library.task(h.clause_id))]
        if question.intent == "lead":
            with_lead = [t for t in tasks[:3] if t.responsibility.lead]
            if with_lead:
                return with_lead[0]
        if question.departments:
            named = [
                t for t in tasks if set(question.departments) & set(t.responsibility.departments)
            ]
            if named:
                return named[0]
        return tasks[0] if tasks else None

    def _responsibility_lines(self, task: Task, out: _Builder, lead_question: bool) -> list[str]:
        clause, note = task.clause, task.responsibility
        cite = out.cite(clause, note.start, note.end)
        lead = [m.name for m in note.lead]
        others = [d for d in note.departments if d not in lead]
        head = f"根据{doc_label(self.library, clause.doc_id)}{short_path(clause)}："
        if lead and others:
            line = f"{head}由{'、'.join(lead)}牵头，{'、'.join(others)}按职责分工负责。{cite}"
        elif lead:
            line = f"{head}由{'、'.join(lead)}牵头，各有关部门单位按职责分工负责。{cite}"
        elif note.responsible and not note.shared:
            names = "、".join(m.name for m in note.responsible)
            line = f"{head}由{names}负责。{cite}"
            if lead_question:
                line += "（该条未另写牵头单位。）"
        else:
            line = f"{head}由{'、'.join(note.departments)}按职责分工负责。{cite}"
            if lead_question:
                line += "（该条未写明牵头单位。）"
        lines = [line]
        if task.implementers:
            source = task.inherited_from
            if source is not None and not note.implementers:
                origin = self.library.clause(source.clause_id)
                where = out.cite(origin, source.start, source.end)
            else:
                where = cite
            lines.append(f"属地落实：{'、'.join(task.implementers)}。{where}")
        return lines

    def _responsibility(
        self, question: Question, hits: list[Hit], scope: list[str]
    ) -> Answer | None:
        out = _Builder(self.library)
        lines: list[str] = []
        lead: list[str] = []
        departments: list[str] = []
        clause_ids: list[str] = []
        groups = self._per_doc(hits, scope)
        for doc in self._docs_to_answer(question, hits, scope):
            task = self._task_for(question, groups.get(doc, []))
            if task is None:
                continue
            lines += self._responsibility_lines(task, out, question.intent == "lead")
            lead += [m.name for m in task.responsibility.lead]
            departments += task.responsibility.departments
            clause_ids.append(task.clause.id)
        if not lines:
            return None
        facts = Facts(tuple(dict.fromkeys(lead)), tuple(dict.fromkeys(departments)))
        return self._answered(question, "\n".join(lines), out, facts, clause_ids)

    # ---------------------------------------------------------------- deadlines & targets

    def _deadline(self, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
        tokens = self.topic_tokens(question)
        out = _Builder(self.library)
        lines, dates, clause_ids = [], [], []
        groups = self._per_doc(hits, scope)
        for doc in self._docs_to_answer(question, hits, scope) or scope:
            best = None
            for rank, hit in enumerate(groups.get(doc, [])[:5]):
                clause = self.library.clause(hit.clause_id)
                task = self.library.task(clause.id)
                deadlines = task.deadlines if task else find_deadlines(clause)
                for deadline in deadlines:
                    score = self.overlap(tokens, deadline.sentence) * 10 - rank
                    if self.overlap(tokens, deadline.sentence) and (
                        best is None or score > best[0]
                    ):
                        best = (score, clause, deadline)
            if best is None:
                continue
            _, clause, deadline = best
            cite = out.cite(clause, deadline.sentence_start, deadline.sentence_end)
            lines.append(
                f"根据{doc_label(self.library, doc)}{short_path(clause)}，时限为“{deadline.text}”："
                f"“{deadline.sentence.rstrip('。；')}。”{cite}"
            )
            if deadline.date:
                dates.append(deadline.date)
            clause_ids.append(clause.id)
        if not lines:
            return None
        facts = Facts(deadlines=tuple(dict.fromkeys(dates)))
        return self._answered(question, "\n".join(lines), out, facts, clause_ids)

    def _target(self, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
        tokens = self.topic_tokens(question)
        out = _Builder(self.library)
        lines, values, clause_ids = [], [], []
        groups = self._per_doc(hits, scope)
        for doc in self._docs_to_answer(question, hits, scope) or scope:
            best = None
            for rank, hit in enumerate(groups.get(doc, [])[:5]):
                task = self.library.task(hit.clause_id)
                if task is None:
                    continue
                for target in task.targets:
                    if question.unit and target.unit != question.unit:
                        continue
                    around = self._sentence_around(task.clause, target.start)
                    score = self.overlap(tokens, around[2]) * 10 - rank
                    if self.overlap(tokens, around[2]) and (best is None or score > best[0]):
                        best = (score, task, target, around)
            if best is None:
                continue
            _, task, target, (s_start, s_end, _) = best
            cite = out.cite(task.clause, s_start, s_end)
            sentence = self.library.document(doc).text[s_start:s_end]
            lines.append(
                f"根据{doc_label(self.library, doc)}{short_path(task.clause)}，"
                f"目标为“{target.text}”：“{sentence.rstrip('。；')}。”{cite}"
            )
            values.append(f"{target.value:g}{target.unit}")
            clause_ids.append(task.clause.id)
        if not lines:
            return None
        return self._answered(
            question, "\n".join(lines), out, Facts(targets=tuple(values)), clause_ids
        )

    def _sentence_around(self, clause: Clause, position: int) -> tuple[int, int, str]:
        document = self.library.document(clause.doc_id)
        for start, end in _sentences(clause):
            if start <= position < end:
                return start, end, document.text[start:end]
        return clause.start, clause.end, clause.text

    # ---------------------------------------------------------------- obligations

    def _obligation(self, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
        ranked = {h.clause_id: i for i, h in enumerate(hits[:5])}
        found = [o for o in self.library.obligations if o.clause_id in ranked]
        if question.actor and question.actor != "企业":
            specific = [o for o in found if question.actor in o.action]
            found = specific or found
        if question.industries:
            found = [
                o for o in found if not o.industries or set(o.industries) & set(question.industries)
            ] or found
        kind_order = {"duty": 0, "supervised": 1, "encouraged": 2}
        found.sort(key=lambda o: (kind_order.get(o.kind, 3), ranked[o.clause_id], o.start))
        found = found[:8]
        if not found:
            return self._passage(question, hits, scope)
        out = _Builder(self.library)
        lines = ["根据文件，需要做到以下几点："]
        departments: list[str] = []
        for number, obligation in enumerate(found, start=1):
            lines.append(self._checklist_line(number, obligation, out, departments))
        clause_ids = list(dict.fromkeys(o.clause_id for o in found))
        return self._answered(
            question,
            "\n".join(lines),
            out,
            Facts(departments=tuple(dict.fromkeys(departments))),
            clause_ids,
        )

    def _checklist_line(
        self, number: int, obligation: Obligation, out: _Builder, departments: list[str]
    ) -> str:
        clause = self.library.clause(obligation.clause_id)
        cite = out.cite(clause, obligation.start, obligation.end)
        where = (
            f"{self.library.document(clause.doc_id).meta.short_title or clause.doc_id} "
            f"{short_path(clause)}"
        )
        deadline = f"时限：{obligation.deadline}" if obligation.deadline else "时限：文件未规定"
        task = self.library.task(clause.id)
        in_charge = ""
        if task:
            note = out.cite(clause, task.responsibility.start, task.responsibility.end)
            names = [m.name for m in task.responsibility.lead] or list(
                task.responsibility.departments
            )
            departments += names
            in_charge = f"；主管部门：{'、'.join(names)}{note}"
        action = obligation.action.rstrip("。；")
        return f"{number}. {action}。{cite}（{where}；{deadline}{in_charge}）"

    # ---------------------------------------------------------------- comparison

    def _comparison(self, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
        docs = list(question.doc_ids) or [d.id for d in self.library.documents]
        sub = question.sub_intent or "list"
        out = _Builder(self.library)
        header = {
            "lead": "牵头部门",
            "departments": "责任部门",
            "deadline": "时限",
            "target": "目标",
        }.get(sub, "相关规定")
        rows = [f"| 城市 | 条款 | {header} |", "|---|---|---|"]
        lead: list[str] = []
        per_doc: dict[str, list[str]] = {}
        dates: list[str] = []
        clause_ids: list[str] = []
        for doc in docs:
            doc_hits = self.search(question.text, 5, [doc])
            if not doc_hits:
                continue
            city = self.library.document(doc).meta.city or doc
            if sub in ("lead", "departments"):
                task = self._task_for(replace_intent(question, sub), doc_hits)
                if task is None:
                    continue
                note = task.responsibility
                cite = out.cite(task.clause, note.start, note.end)
                names = (
                    [m.name for m in note.lead]
                    if sub == "lead" and note.lead
                    else list(note.departments)
                )
                lead += [m.name for m in note.lead]
                per_doc[doc] = list(note.departments)
                rows.append(f"| {city} | {short_path(task.clause)} | {'、'.join(names)}{cite} |")
                clause_ids.append(task.clause.id)
            elif sub == "deadline":
                single = self._deadline(
                    replace_intent(question, "deadline", (doc,)), doc_hits, [doc]
                )
                if single is None:
                    continue
                clause = self.library.clause(single.clause_ids[0])
                citation = single.citations[0]
                cite = out.cite(clause, citation.start, citation.end)
                rows.append(
                    f"| {city} | {short_path(clause)} | {citation.quote.rstrip('。；')}{cite} |"
                )
                dates += single.facts.deadlines
                clause_ids.append(clause.id)
            else:
                best = doc_hits[0]
                clause = self.library.clause(best.clause_id)
                start, end = self._best_sentences(question, clause, 1)[0]
                cite = out.cite(clause, start, end)
                quote = self.library.document(doc).text[start:end].rstrip("。；")
                rows.append(f"| {city} | {short_path(clause)} | {quote}{cite} |")
                clause_ids.append(clause.id)
        if len(rows) <= 2:
            return None
        summary = []
        if len(per_doc) == 2:
            (a, da), (b, db) = per_doc.items()
            common = [d for d in da if d in db]
            if common:
                cites = "".join(
                    out.cite(self.library.clause(c), *self._note_span(c)) for c in clause_ids
                )
                summary.append(f"两地共同的责任部门：{'、'.join(common)}。{cites}")
            for doc, mine, theirs in ((a, da, db), (b, db, da)):
                only = [d for d in mine if d not in theirs]
                if only:
                    own = next(c for c in clause_ids if c.startswith(doc + "/"))
                    city = self.library.document(doc).meta.city
                    summary.append(
                        f"仅{city}列出：{'、'.join(only)}。"
                        f"{out.cite(self.library.clause(own), *self._note_span(own))}"
                    )
        departments = tuple(dict.fromkeys(d for names in per_doc.values() for d in names))
        facts = Facts(tuple(dict.fromkeys(lead)), departments, tuple(dict.fromkeys(dates)))
        return self._answered(question, "\n".join(rows + summary), out, facts, clause_ids)

    def _note_span(self, clause_id: str) -> tuple[int, int]:
        task = self.library.task(clause_id)
        clause = self.library.clause(clause_id)
        if task:
            return task.responsibility.start, task.responsibility.end
        return clause.start, clause.end

    # ---------------------------------------------------------------- inventory & passages

    def _inventory(self, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
        quoted = re.findall(r"[“\"「《]([^”\"」》]{1,20})[”\"」》]", question.text)
        ascii_terms = re.findall(r"[A-Za-z][A-Za-z0-9.]+", question.text)
        words = [w for w in self.segmenter.words(question.text) if w not in _QUESTION_WORDS]
        corpus = "".join(d.text for d in self.library.documents).lower()
        # Prefer a word the corpus contains; otherwise report the longest as not mentioned.
        words = sorted(words, key=lambda w: (w.lower() not in corpus, -len(w)))
        candidates = quoted + ascii_terms + words
        if not candidates:
            return None
        term = candidates[0]
        out = _Builder(self.library)
        lines = []
        clause_ids = []
        for clause in self.library.clauses:
            if clause.doc_id not in scope or term.lower() not in clause.text.lower():
                continue
            at = clause.start + clause.text.lower().index(term.lower())
            start, end, _ = self._sentence_around(clause, at)
            cite = out.cite(clause, start, end)
            lines.append(f"- {doc_label(self.library, clause.doc_id)}{short_path(clause)}{cite}")
            clause_ids.append(clause.id)
        if not lines:
            names = "、".join(doc_label(self.library, d) for d in scope)
            return Answer(
                question.text,
                "not_found",
                f"{names}均未提到“{term}”。",
                intent=question.intent,
                doc_ids=tuple(scope),
            )
        docs = {c.split("/", 1)[0] for c in clause_ids}
        missing = [doc_label(self.library, d) for d in scope if d not in docs]
        text = f"提到“{term}”的条款：\n" + "\n".join(lines)
        if missing:
            text += f"\n{'、'.join(missing)}未提到“{term}”。"
        return self._answered(question, text, out, Facts(), clause_ids)

    def _best_sentences(
        self, question: Question, clause: Clause, limit: int
    ) -> list[tuple[int, int]]:
        tokens = self.topic_tokens(question)
        document = self.library.document(clause.doc_id)
        spans = _sentences(clause)
        task = self.library.task(clause.id)
        if task:  # the responsibility note is not a "what/how" sentence
            spans = [s for s in spans if s[0] < task.responsibility.start - 1]
        scored = sorted(spans, key=lambda s: -self.overlap(tokens, document.text[s[0] : s[1]]))
        chosen = [s for s in scored[:limit] if self.overlap(tokens, document.text[s[0] : s[1]])]
        return sorted(chosen or spans[:1] or [(clause.start, clause.end)])

    def _passage(self, question: Question, hits: list[Hit], scope: list[str]) -> Answer | None:
        if not hits:
            return None
        tokens = self.topic_tokens(question)
        if (
            tokens
            and not any(self.overlap(tokens, h.text) for h in hits[:3])
            and (hits[0].dense_rank or 99) > 1
        ):
            return None
        out = _Builder(self.library)
        lines, clause_ids = [], []
        groups = self._per_doc(hits, scope)
        for doc in self._docs_to_answer(question, hits, scope):
            doc_hits = self.rerank(question, groups.get(doc, []), 3)
            if not doc_hits:
                continue
            clause = self.library.clause(doc_hits[0].clause_id)
            quotes = []
            for start, end in self._best_sentences(question, clause, 3):
                text = self.library.document(doc).text[start:end].rstrip("。；")
                quotes.append(f"“{text}。”{out.cite(clause, start, end)}")
            lines.append(
                f"根据{doc_label(self.library, doc)}{short_path(clause)}：" + "".join(quotes)
            )
            clause_ids.append(clause.id)
        if not lines:
            return None
        return self._answered(question, "\n".join(lines), out, Facts(), clause_ids)

    # ---------------------------------------------------------------- endings

    def _answered(
        self, question: Question, text: str, out: _Builder, facts: Facts, clause_ids: list[str]
    ) -> Answer:
        return Answer(
            question.text,
            "answered",
            text,
            tuple(out.citations),
            facts,
            question.intent,
            tuple(dict.fromkeys(c.split("/", 1)[0] for c in clause_ids)),
            tuple(dict.fromkeys(clause_ids)),
        )

    def _not_found(self, question: Question, hits: list[Hit]) -> Answer:
        out = _Builder(self.library)
        lines = [NOT_FOUND_TEXT]
        if question.other_city:
            lines[0] = f"已收录的文件不包括{question.other_city}的方案，" + NOT_FOUND_TEXT
        near = hits[:3]
        if near:
            lines.append("可能相关：")
            for hit in near:
                clause = self.library.clause(hit.clause_id)
                start, end = (
                    _sentences(clause)[0] if _sentences(clause) else (clause.start, clause.end)
                )
                label = self.library.document(clause.doc_id).meta.short_title or clause.doc_id
                lines.append(f"- {label} {short_path(clause)}{out.cite(clause, start, end)}")
        return Answer(
            question.text,
            "not_found",
            "\n".join(lines),
            tuple(out.citations),
            Facts(),
            question.intent,
            question.doc_ids,
        )


def replace_intent(question: Question, intent: str, doc_ids: tuple[str, ...] = ()) -> Question:
    """The same question read with another intent (and documents)."""
    return replace(question, intent=intent, doc_ids=doc_ids or question.doc_ids)
