"""Owns citations: numbering quotes, labelling clauses and the sentence spans quoted."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import fields, replace

from policyqa.answer import Answer, Citation, Facts
from policyqa.library import Library
from policyqa.sentences import SENTENCE
from policyqa.structure import Clause, doc_id_of
from policyqa.understand import Question

_CITE = re.compile(r"\[(\d+)\]")
_MARKER = re.compile(
    r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+．|（\d+）|[①-⑳]"
    r"|第[一二三四五六七八九十百零〇]+(?:[编章节]|条(?:之[一二三四五六七八九十]+)?))"
)


class CitationBuilder:
    """Collects citations and numbers them in order of first use."""

    def __init__(self, library: Library) -> None:
        self.library = library
        self.citations: list[Citation] = []

    def cite(self, clause: Clause, start: int, end: int) -> str:
        """The marker ``[n]`` for ``document.text[start:end]``, numbered on first use;
        labelled by the clause that holds the span (a task's table row lies elsewhere)."""
        if not (clause.start <= start and end <= clause.end):
            clause = self.library.clause_at(clause.doc_id, start, end) or clause
        for citation in self.citations:
            if (citation.start, citation.end, citation.doc_id) == (start, end, clause.doc_id):
                return f"[{citation.n}]"
        document = self.library.document(clause.doc_id)
        n = len(self.citations) + 1
        self.citations.append(
            Citation(
                n=n,
                doc_id=clause.doc_id,
                title=document.title,
                breadcrumb=clause.breadcrumb_text,
                clause_id=clause.id,
                quote=document.text[start:end],
                start=start,
                end=end,
            )
        )
        return f"[{n}]"


def unclosed(sentence: str) -> str:
    """A quoted sentence without the mark that closes it (。 or ；, or . and ; where a
    text is punctuated in ASCII): the quote is shown closed with 。 again."""
    return sentence.rstrip("。；.;")


def short_path(clause: Clause) -> str:
    """二、（一）4．落实新污染物管控措施: ancestors by number, the clause in full."""
    parts = [m.group() for crumb in clause.breadcrumb[:-1] if (m := _MARKER.match(crumb))]
    return "".join(parts) + clause.breadcrumb[-1]


def doc_label(library: Library, doc_id: str) -> str:
    """《title》 of a document."""
    return f"《{library.document(doc_id).title}》"


def short_label(library: Library, doc_id: str) -> str:
    """The short title of a document, or its id when it has none."""
    return library.document(doc_id).meta.short_title or doc_id


def clause_sentences(clause: Clause) -> list[tuple[int, int]]:
    """Absolute spans of the sentences of a clause (the run-in title is not one)."""
    spans = []
    heading = clause.breadcrumb[-1] if clause.breadcrumb else ""
    for match in SENTENCE.finditer(clause.text):
        text = match.group().strip()
        if not text or (clause.title and text.rstrip("。") == heading):
            continue
        lead = len(match.group()) - len(match.group().lstrip())
        spans.append((clause.start + match.start() + lead, clause.start + match.end()))
    return spans


def sentence_around(library: Library, clause: Clause, position: int) -> tuple[int, int, str]:
    """The sentence of ``clause`` holding ``position``: start, end and text."""
    document = library.document(clause.doc_id)
    for start, end in clause_sentences(clause):
        if start <= position < end:
            return start, end, document.text[start:end]
    return clause.start, clause.end, clause.text


def declined(question: Question, text: str, out: CitationBuilder) -> Answer:
    """A question the documents do not answer: what the text says instead, and the
    nearest clauses cited."""
    return Answer(
        question.text,
        "not_found",
        text,
        tuple(out.citations),
        Facts(),
        question.intent,
        question.doc_ids,
    )


def answered(
    question: Question,
    text: str,
    out: CitationBuilder,
    facts: Facts,
    clause_ids: list[str],
) -> Answer:
    """An answered question with its citations and the clauses it rests on."""
    return Answer(
        question=question.text,
        status="answered",
        text=text,
        citations=tuple(out.citations),
        facts=facts,
        intent=question.intent,
        doc_ids=tuple(dict.fromkeys(doc_id_of(c) for c in clause_ids)),
        clause_ids=tuple(dict.fromkeys(clause_ids)),
    )


def _renumber(text: str, numbers: dict[int, int]) -> str:
    return _CITE.sub(lambda m: f"[{numbers.get(int(m.group(1)), 0)}]", text)


def merge_answers(text: str, answers: Sequence[Answer]) -> Answer:
    """One answer to a question asking several things: each part's answer in order, their
    citations renumbered so that one quote keeps one number."""
    citations: list[Citation] = []
    texts: list[str] = []
    for answer in answers:
        numbers: dict[int, int] = {}
        for citation in answer.citations:
            span = (citation.doc_id, citation.start, citation.end)
            same = next((c for c in citations if (c.doc_id, c.start, c.end) == span), None)
            if same is None:
                same = replace(citation, n=len(citations) + 1)
                citations.append(same)
            numbers[citation.n] = same.n
        # Two parts answered by one note say it once.
        said = {line for text in texts for line in text.splitlines()}
        lines = [line for line in _renumber(answer.text, numbers).splitlines() if line not in said]
        texts.append("\n".join(lines))

    def union(field: str) -> tuple[str, ...]:
        return tuple(dict.fromkeys(v for a in answers for v in getattr(a.facts, field)))

    answered_any = [a for a in answers if a.status == "answered"]
    return Answer(
        question=text,
        status="answered" if answered_any else answers[0].status,
        text="\n".join(t for t in texts if t),
        citations=tuple(citations),
        facts=Facts(*(union(f.name) for f in fields(Facts))),
        intent=answers[0].intent,
        doc_ids=tuple(dict.fromkeys(d for a in answers for d in a.doc_ids)),
        clause_ids=tuple(dict.fromkeys(c for a in answers for c in a.clause_ids)),
    )
