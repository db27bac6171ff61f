"""Owns what every composer reads: the library, a search function and relevance."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from policyqa.answer import Answer
from policyqa.compose.relevance import Relevance
from policyqa.library import Library
from policyqa.retrieve import Hit
from policyqa.understand import Question

Search = Callable[[str, int, Sequence[str] | None], list[Hit]]


@dataclass(frozen=True)
class Context:
    """The read-only inputs of answer composition.

    Args:
        library: parsed documents and extracted tasks and obligations.
        search: ``(question, k, doc_ids) -> hits``.
        relevance: topic words and overlap over the same library.
    """

    library: Library
    search: Search
    relevance: Relevance


# A composer answers one intent family from the hits, or returns None (then: not found).
Composer = Callable[[Context, Question, list[Hit], list[str]], Answer | None]
