"""Owns the ``policyqa`` command: a thin shell over ``Pipeline`` and ``LibraryService``,
one module per family of commands."""

from policyqa.cli import answers, documents, evaluation, serve
from policyqa.cli.base import main

__all__ = ["answers", "documents", "evaluation", "main", "serve"]
