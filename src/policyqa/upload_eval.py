"""Owns the upload scenarios of the eval: each real document is uploaded into a throwaway
index beside the corpus, asked its hand-written questions, and scored like the eval set."""

from __future__ import annotations

import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import Any

from policyqa.documents import load_file
from policyqa.evaluate import load_questions, run_eval
from policyqa.library_service import LibraryService
from policyqa.pipeline import Pipeline

UPLOADS_FILE = "uploads.jsonl"
# The figures reported per uploaded document.
UPLOAD_METRICS = (
    "hit@1",
    "hit@5",
    "lead_exact",
    "departments_exact",
    "departments_f1",
    "deadline_accuracy",
    "target_accuracy",
    "key_term_recall",
    "citation_validity",
    "answers_with_unsupported_claims",
    "structured_exact",
    "task_recall",
    "task_precision",
    "two_part_exact",
    "article_exact",
)


def run_upload_eval(
    pipeline: Pipeline,
    evals_dir: Path,
    method: str = "hybrid",
    progress: Callable[[str], None] | None = None,
) -> list[dict[str, Any]]:
    """One report per document of ``evals/uploads.jsonl``, each asked in its own index."""
    questions = load_questions(evals_dir / UPLOADS_FILE)
    by_document: dict[str, list[dict[str, Any]]] = {}
    for item in questions:
        by_document.setdefault(item["document"], []).append(item)
    root = evals_dir.parent
    reports = []
    for document, items in by_document.items():
        if progress:
            progress(document)
        with tempfile.TemporaryDirectory(prefix="policyqa-upload-eval-") as folder:
            settings = pipeline.settings.model_copy(update={"index_dir": Path(folder)})
            service = LibraryService(Pipeline(settings, embedder=pipeline.embedder))
            service.ensure_index()
            service.add([load_file(root / document)])
            report = run_eval(service.current, items, method)
        splits = sorted({str(item.get("split", "uploads")) for item in items})
        reports.append(report | {"document": document, "split": "/".join(splits)})
    return reports


def format_upload_table(reports: list[dict[str, Any]]) -> str:
    """One column per uploaded document."""
    names = [
        Path(r["document"]).stem + (f" ({r['split']})" if r.get("split") in ("dev", "test") else "")
        for r in reports
    ]
    lines = ["| metric | " + " | ".join(names) + " |", "|---" * (len(reports) + 1) + "|"]
    lines.append("| questions | " + " | ".join(str(r["questions"]) for r in reports) + " |")
    for metric in UPLOAD_METRICS:
        cells = []
        for report in reports:
            value = report["metrics"].get(metric)
            cells.append(
                "-" if value is None else f"{value:.3f}" if isinstance(value, float) else str(value)
            )
        lines.append(f"| {metric} | " + " | ".join(cells) + " |")
    return "\n".join(lines)
