"""policyqa: grounded question answering over Chinese policy documents."""

from policyqa.answer import Answer, Citation, Facts
from policyqa.documents import Document, DocumentError, load_corpus, load_file, load_paths
from policyqa.extract import Deadline, Obligation, Responsibility, Target, Task
from policyqa.grounding import verify
from policyqa.library import Library, build_library
from policyqa.pipeline import Pipeline
from policyqa.retrieve import Hit
from policyqa.settings import Settings
from policyqa.structure import Clause, ParsedDocument, parse_document

__all__ = [
    "Answer",
    "Citation",
    "Clause",
    "Deadline",
    "Document",
    "DocumentError",
    "Facts",
    "Hit",
    "Library",
    "Obligation",
    "ParsedDocument",
    "Pipeline",
    "Responsibility",
    "Settings",
    "Target",
    "Task",
    "build_library",
    "load_corpus",
    "load_file",
    "load_paths",
    "parse_document",
    "verify",
]
