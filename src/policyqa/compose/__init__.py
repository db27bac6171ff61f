"""Owns answer composition: the extractive answerer and one composer per intent family."""

from policyqa.compose.answerer import COMPOSERS, ExtractiveAnswerer
from policyqa.compose.texts import out_of_scope_text, sample_question, welcome_text

__all__ = [
    "COMPOSERS",
    "ExtractiveAnswerer",
    "out_of_scope_text",
    "sample_question",
    "welcome_text",
]
