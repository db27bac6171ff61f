"""Owns the ``policyqa`` command group and what its commands share: settings, the
pipeline with its load errors reported, and table/CSV/JSON output."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import click

from policyqa.answer import QuestionRejected, validate_question
from policyqa.documents import ManifestError
from policyqa.pipeline import Pipeline
from policyqa.records import render_rows
from policyqa.settings import Settings

FORMAT = click.Choice(["table", "json", "csv"])


@click.group()
@click.version_option(package_name="policyqa")
@click.pass_context
def main(ctx: click.Context) -> None:
    """policyqa：政策文件问答助手 (grounded QA over Chinese policy documents)."""
    ctx.obj = Settings()


def pipeline_for(ctx: click.Context, paths: tuple[Path, ...] = ()) -> Pipeline:
    """The pipeline over ``paths`` (or the corpus), telling what it skipped or doubted."""
    pipeline = Pipeline(ctx.obj, paths)
    try:
        loaded = pipeline.loaded
    except ManifestError as exc:
        raise click.ClickException(str(exc)) from exc
    for _, message in loaded.errors:
        click.echo(f"跳过 (skipped): {message}", err=True)
    for warning in pipeline.library.warnings:
        click.echo(f"警告 (warning): {warning}", err=True)
    if not loaded.documents:
        raise click.ClickException("没有可用的文件 (no document could be loaded)")
    return pipeline


def emit(rows: list[dict[str, Any]], fmt: str, columns: list[tuple[str, str]]) -> None:
    """Print rows as a table (with a count on stderr), CSV or JSON."""
    click.echo(render_rows(rows, fmt, columns), nl=False)
    if fmt == "table":
        click.echo(f"共 {len(rows)} 条", err=True)


def valid_question(settings: Settings, question: str) -> str:
    """The question stripped; a usage error when empty or too long."""
    try:
        return validate_question(question, settings.server.max_question_chars)
    except QuestionRejected as exc:
        raise click.BadParameter(exc.message, param_hint="QUESTION") from exc
