"""Owns ``policyqa eval``: the eval set by method, and the upload scenarios."""

from __future__ import annotations

import json
from pathlib import Path

import click

from policyqa.cli.base import main, pipeline_for
from policyqa.evaluate import EVAL_METHODS
from policyqa.index import IndexNotReady
from policyqa.pipeline import Pipeline


@main.command(name="eval")
@click.option(
    "--split",
    type=click.Choice(["dev", "test", "all", "uploads"]),
    default="dev",
    show_default=True,
    help="uploads：把 evals/uploads.jsonl 的真实文件逐个上传到临时索引后提问",
)
@click.option(
    "--method",
    "methods",
    multiple=True,
    type=click.Choice(list(EVAL_METHODS)),
    help="可多次指定；默认 hybrid、bm25、dense、naive 全部",
)
@click.option("--json", "as_json", is_flag=True)
@click.option("--check", is_flag=True, help="低于 evals/thresholds.toml 时以非零退出")
@click.option("--chart", type=click.Path(dir_okay=False, path_type=Path), help="把主要指标画成 PNG")
@click.pass_context
def eval_command(
    ctx: click.Context,
    split: str,
    methods: tuple[str, ...],
    as_json: bool,
    check: bool,
    chart: Path | None,
) -> None:
    """在评测集上评估检索、答案和溯源 (evaluate retrieval, answers and grounding)."""
    from policyqa.eval_report import (
        check_thresholds,
        format_failures,
        format_table,
        load_thresholds,
        write_chart,
    )
    from policyqa.evaluate import load_questions, run_eval

    pipeline = pipeline_for(ctx)
    evals = pipeline.settings.corpus_dir.parent / "evals"
    if split == "uploads":
        _eval_uploads(pipeline, evals, as_json)
        return
    questions = load_questions(evals / "questions.jsonl", split)
    reports = []
    for method in methods or EVAL_METHODS:
        click.echo(f"评测 (evaluating) {method} on {len(questions)} {split} questions…", err=True)
        try:
            reports.append(run_eval(pipeline, questions, method))
        except IndexNotReady as exc:
            raise click.ClickException(str(exc)) from exc
    out = evals / "reports"
    out.mkdir(parents=True, exist_ok=True)
    for report in reports:
        path = out / f"{split}-{report['method']}.json"
        path.write_text(json.dumps(report, ensure_ascii=False, indent=2), "utf-8")
    if as_json:
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
    else:
        click.echo(format_table(reports))
        click.echo(format_failures(reports), err=True)
    if chart:
        write_chart(reports, chart)
        click.echo(f"图表 (chart): {chart}", err=True)
    if check:
        hybrid = next((r for r in reports if r["method"] == "hybrid"), None)
        if hybrid is None:
            raise click.ClickException("--check needs the hybrid method")
        failed = check_thresholds(hybrid["metrics"], load_thresholds(evals / "thresholds.toml"))
        if failed:
            raise click.ClickException("指标回退 (regression): " + "; ".join(failed))
        click.echo("阈值检查通过 (thresholds met)", err=True)


def _eval_uploads(pipeline: Pipeline, evals: Path, as_json: bool) -> None:
    from policyqa.eval_report import format_failures
    from policyqa.upload_eval import format_upload_table, run_upload_eval

    def progress(document: str) -> None:
        click.echo(f"上传并评测 (uploading and evaluating) {document}…", err=True)

    reports = run_upload_eval(pipeline, evals, progress=progress)
    (evals / "reports").mkdir(parents=True, exist_ok=True)
    report_file = evals / "reports" / "uploads-hybrid.json"
    report_file.write_text(json.dumps(reports, ensure_ascii=False, indent=2), "utf-8")
    if as_json:
        click.echo(json.dumps(reports, ensure_ascii=False, indent=2))
        return
    click.echo(format_upload_table(reports))
    click.echo(format_failures(reports), err=True)
