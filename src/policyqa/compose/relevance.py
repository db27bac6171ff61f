"""Owns relevance: which words of a question carry its topic, and how clauses match them."""

from __future__ import annotations

from policyqa import rules
from policyqa.library import Library
from policyqa.retrieve import Hit
from policyqa.segment import Segmenter, expand_synonyms
from policyqa.understand import Question

# Too common in a plan of this genre to tell clauses apart, even in a title.
_GENRE_WORDS = ("污染", "污染物")


class Relevance:
    """Topic words of questions and their overlap with clauses of one library.

    Args:
        library: the documents whose clauses are scored.
        segmenter: jieba with the policy dictionary.
    """

    def __init__(self, library: Library, segmenter: Segmenter) -> None:
        self.library = library
        self.segmenter = segmenter
        regions = {name for names in library.region_names().values() for name in names}
        self.question_words = rules.question_words() | regions
        self._share: dict[str, float] = {}

    def topic_tokens(self, question: Question) -> list[str]:
        """Words that say what the question is about: not question words, and not words
        so common in the corpus (污染物, 环境) that they tell clauses apart poorly."""
        words = [
            w for w in self.segmenter.search_tokens(question.text) if w not in self.question_words
        ]
        words = [w for w in expand_synonyms(words) if len(w) > 1 or w.isascii()]
        return [w for w in words if self.clause_share(w) <= 0.4]

    def content_words(self, text: str) -> list[str]:
        """jieba's words of ``text`` less the question words."""
        return [w for w in self.segmenter.words(text) if w not in self.question_words]

    def clause_share(self, word: str) -> float:
        """The share of clauses containing ``word``."""
        if word not in self._share:
            clauses = self.library.clauses
            hits = sum(1 for c in clauses if word in c.text.lower())
            self._share[word] = hits / max(1, len(clauses))
        return self._share[word]

    @staticmethod
    def overlap(tokens: list[str], text: str) -> int:
        """How many distinct ``tokens`` occur in ``text``."""
        lowered = text.lower()
        return sum(1 for t in set(tokens) if t in lowered)

    @staticmethod
    def per_doc(hits: list[Hit], scope: list[str]) -> dict[str, list[Hit]]:
        """Hits grouped by document, every document of ``scope`` present."""
        grouped: dict[str, list[Hit]] = {doc: [] for doc in scope}
        for hit in hits:
            if hit.doc_id in grouped:
                grouped[hit.doc_id].append(hit)
        return grouped

    def docs_to_answer(self, question: Question, hits: list[Hit], scope: list[str]) -> list[str]:
        """A named region's plan; otherwise every plan whose best clause is on topic."""
        if question.doc_ids:
            return list(question.doc_ids)
        if not hits:
            return []
        tokens = self.topic_tokens(question)
        best = {doc: group[0] for doc, group in self.per_doc(hits, scope).items() if group}
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
            if w not in self.question_words and w not in _GENRE_WORDS
        ]
        # In the body only rare words count (玩具, 菌渣): common ones favour long clauses.
        rare = [w for w in self.topic_tokens(question) if self.clause_share(w) <= 0.1]

        def key(item: tuple[int, Hit]) -> tuple[int, int]:
            rank, hit = item
            title = self.library.clause(hit.clause_id).title
            return -(2 * self.overlap(tokens, title) + self.overlap(rare, hit.text)), rank

        top = sorted(enumerate(hits[:limit]), key=key)
        return [hit for _, hit in top] + hits[limit:]
