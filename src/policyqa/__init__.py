"""policyqa: grounded question answering over Chinese policy documents (the public API)."""

from policyqa.answer import Answer, Citation, Facts
from policyqa.documents import Document, DocumentError, load_corpus, load_file, load_paths
from policyqa.extract import Deadline, Target
from policyqa.grounding import Verifier, verify
from policyqa.library import Library, build_library
from policyqa.library_service import Change, ChangeRefused, LibraryService
from policyqa.notes import Responsibility
from policyqa.obligations import Obligation
from policyqa.pipeline import Pipeline
from policyqa.retrieve import Hit
from policyqa.settings import Settings
from policyqa.structure import Clause, ParsedDocument, parse_document
from policyqa.tasks import Task

__all__ = [
    "Answer",
    "Change",
    "ChangeRefused",
    "Citation",
    "Clause",
    "Deadline",
    "Document",
    "DocumentError",
    "Facts",
    "Hit",
    "Library",
    "LibraryService",
    "Obligation",
    "ParsedDocument",
    "Pipeline",
    "Responsibility",
    "Settings",
    "Target",
    "Task",
    "Verifier",
    "build_library",
    "load_corpus",
    "load_file",
    "load_paths",
    "parse_document",
    "verify",
]
