"""Owns what ``policyqa eval`` reports: the table, the failures, the chart and the
threshold gate over the metrics that ``policyqa.evaluate`` computes."""

from __future__ import annotations

import tomllib
from pathlib import Path
from typing import Any


def load_thresholds(path: Path) -> dict[str, float]:
    data = tomllib.loads(path.read_text("utf-8"))
    return {k: float(v) for k, v in data.get("hybrid", {}).items()}


def check_thresholds(metrics: dict[str, Any], thresholds: dict[str, float]) -> list[str]:
    """Metric names below their threshold (or above, for counts that must stay low)."""
    failed = []
    for name, limit in thresholds.items():
        value = metrics.get(name)
        if name.startswith("answers_with_") or name.startswith("latency_"):
            if value is None or value > limit:
                failed.append(f"{name} = {value} > {limit:g}")
        elif value is None or value < limit:
            failed.append(f"{name} = {value} < {limit:g}")
    return failed


def format_table(reports: list[dict[str, Any]]) -> str:
    """A plain table of the main metrics, one column per method."""
    names = [
        "hit@1",
        "hit@3",
        "hit@5",
        "mrr",
        "lead_exact",
        "departments_exact",
        "departments_f1",
        "deadline_accuracy",
        "target_accuracy",
        "key_term_recall",
        "citation_validity",
        "claim_support",
        "answers_with_unsupported_claims",
        "negative_rejection",
        "structured_exact",
        "task_recall",
        "task_precision",
        "two_part_exact",
        "article_exact",
        "latency_p50_ms",
        "latency_p95_ms",
    ]
    header = "| metric | " + " | ".join(r["method"] for r in reports) + " |"
    lines = [header, "|---" * (len(reports) + 1) + "|"]
    for name in names:
        cells = []
        for report in reports:
            value = report["metrics"].get(name)
            cells.append(
                "-"
                if value is None
                else f"{value:.3f}"
                if isinstance(value, float) and not name.startswith("latency")
                else str(value)
            )
        lines.append(f"| {name} | " + " | ".join(cells) + " |")
    return "\n".join(lines)


def format_failures(reports: list[dict[str, Any]]) -> str:
    """One line per failed question: method, id, question and what was wrong."""
    return "\n".join(
        f"  ✗ [{r['method']}] {f['id']} {f['question']}: {'; '.join(f['problems'])}"
        for r in reports
        for f in r["failures"]
    )


def write_chart(reports: list[dict[str, Any]], path: Path) -> None:
    """A grouped bar chart of the main metrics per method."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    names = [
        "hit@1",
        "hit@5",
        "mrr",
        "lead_exact",
        "departments_exact",
        "deadline_accuracy",
        "claim_support",
        "negative_rejection",
        "structured_exact",
        "two_part_exact",
    ]
    figure, axis = plt.subplots(figsize=(12, 4.5))
    width = 0.8 / len(reports)
    for i, report in enumerate(reports):
        values = [report["metrics"].get(n) or 0.0 for n in names]
        axis.bar([x + i * width for x in range(len(names))], values, width, label=report["method"])
    axis.set_xticks(
        [x + width * (len(reports) - 1) / 2 for x in range(len(names))], names, rotation=20
    )
    axis.set_ylim(0, 1.05)
    axis.set_title(f"policyqa vs baselines ({reports[0]['questions']} questions)")
    axis.legend(loc="upper left", bbox_to_anchor=(1.0, 1.0))
    figure.tight_layout()
    path.parent.mkdir(parents=True, exist_ok=True)
    figure.savefig(path, dpi=110)
    plt.close(figure)
