"""Owns sentence splitting: the one definition of a sentence in plans and in answers."""

from __future__ import annotations

import re

# A sentence of a plan: up to 。 or ；, or a line break. Half-width ; counts too, for
# text that was normalised (offsets are the same either way).
SENTENCE = re.compile(r"[^。；;\n]+[。；;]?")

# A sentence of an answer: quotes are kept whole and trailing [n] markers belong to it.
# A quote may hold one quote of its own: “…“无废城市”建设…。”
ANSWER_SENTENCE = re.compile(
    r"(?:“(?:[^“”]|“[^“”]*”)*”|[^。；！？\n“])+[。；！？]?(?:\[\d+\])*|[。；！？]|\n"
)

# An answer cut into pieces that join back to it exactly: a sentence keeps its [n]
# markers, and a line break is a piece of its own (paging cuts between pieces).
_ANSWER_PIECE = re.compile(r"[^。！？；\n]*(?:[。！？；](?:\[\d+\])*|\n|$)")

# Where a streamed answer may be cut: after an end mark and its [n] markers.
_STREAM_BREAK = re.compile(r"((?:[。！？；]|\n)(?:\[\d+\])*)")


def sentence_spans(text: str) -> list[tuple[int, int]]:
    """Spans of the sentences of ``text``, relative to it, surrounding blanks included."""
    return [(m.start(), m.end()) for m in SENTENCE.finditer(text)]


def split_stream(text: str) -> list[str]:
    """Complete sentences (with their trailing [n] markers) and the unfinished rest."""
    parts = _STREAM_BREAK.split(text)
    sentences = ["".join(parts[i : i + 2]) for i in range(0, len(parts) - 1, 2)]
    rest = parts[-1]
    # Its [n] marker may still be arriving: hold back a sentence that ends the buffer.
    if sentences and (rest == "" or rest.startswith("[")):
        rest = sentences.pop() + rest
    return [*sentences, rest]


def answer_pieces(text: str) -> list[str]:
    """``text`` cut after each sentence (with its markers) and each line break; the
    pieces join back to ``text``."""
    return [piece for piece in _ANSWER_PIECE.findall(text) if piece]
