"""Owns the question commands: search, ask and chat."""

from __future__ import annotations

import json
from dataclasses import asdict

import click

from policyqa.answer import Answer
from policyqa.cli.base import main, pipeline_for, valid_question
from policyqa.compose.cite import short_label
from policyqa.index import IndexNotReady
from policyqa.pipeline import Pipeline
from policyqa.records import answer_record
from policyqa.retrieve import METHODS


@main.command()
@click.argument("question")
@click.option("-k", "k", default=5, show_default=True, type=click.IntRange(1, 50))
@click.option("--doc", "docs", multiple=True, help="只在某个文件中检索 (document id)")
@click.option("--method", type=click.Choice(list(METHODS)), default="hybrid")
@click.option("--json", "as_json", is_flag=True)
@click.pass_context
def search(
    ctx: click.Context, question: str, k: int, docs: tuple[str, ...], method: str, as_json: bool
) -> None:
    """检索相关条款，显示融合排名及各路排名 (fused ranking with component ranks)."""
    pipeline = pipeline_for(ctx)
    known = {d.id for d in pipeline.library.documents}
    unknown = [d for d in docs if d not in known]
    if unknown:
        raise click.BadParameter(f"未知文件 {unknown}；可选: {sorted(known)}", param_hint="--doc")
    question = valid_question(ctx.obj, question)
    try:
        hits = pipeline.search(question, k, list(docs) or None, method)
    except IndexNotReady as exc:
        raise click.ClickException(str(exc)) from exc
    if as_json:
        click.echo(json.dumps([asdict(h) for h in hits], ensure_ascii=False, indent=2))
        return
    for n, hit in enumerate(hits, start=1):
        ranks = f"dense={hit.dense_rank or '-'} bm25={hit.sparse_rank or '-'}"
        click.echo(f"{n}. [{hit.clause_id}] {hit.score:.4f} ({ranks})")
        click.echo(f"   {hit.breadcrumb}")
        click.echo(f"   {hit.text[:90]}{'…' if len(hit.text) > 90 else ''}")


def _print_answer(pipeline: Pipeline, answer: Answer) -> None:
    click.echo(answer.text)
    if answer.citations:
        click.echo("")
        for citation in answer.citations:
            label = short_label(pipeline.library, citation.doc_id)
            click.echo(f"[{citation.n}] {label} › {citation.breadcrumb}")
            click.echo(f"    “{citation.quote}”")


def _ask(pipeline: Pipeline, question: str, session: str | None) -> Answer:
    question = valid_question(pipeline.settings, question)
    try:
        return pipeline.ask(question, session)
    except IndexNotReady as exc:
        raise click.ClickException(str(exc)) from exc


@main.command()
@click.argument("question")
@click.option("--json", "as_json", is_flag=True, help="输出回答契约 JSON")
@click.option("--session", help="会话 ID，用于追问 (session id for follow-ups)")
@click.pass_context
def ask(ctx: click.Context, question: str, as_json: bool, session: str | None) -> None:
    """回答一个问题，附引用 (answer a question, with citations)."""
    pipeline = pipeline_for(ctx)
    answer = _ask(pipeline, question, session)
    if as_json:
        click.echo(json.dumps(answer_record(answer), ensure_ascii=False, indent=2))
    else:
        _print_answer(pipeline, answer)
        click.echo(f"\n(session {answer.session_id})", err=True)


@main.command()
@click.pass_context
def chat(ctx: click.Context) -> None:
    """终端对话，支持追问；输入 exit 退出 (interactive chat with history)."""
    pipeline = pipeline_for(ctx)
    session: str | None = None
    click.echo("政策问答助手：请输入问题（exit 退出）")
    while True:
        try:
            question = click.prompt("问", prompt_suffix="> ").strip()
        except (EOFError, click.Abort):
            click.echo("")
            return
        if question.lower() in ("exit", "quit", "退出"):
            return
        if not question:
            continue
        try:
            answer = _ask(pipeline, question, session)
        except click.BadParameter as exc:
            click.echo(exc.format_message(), err=True)
            continue
        session = answer.session_id
        _print_answer(pipeline, answer)
        click.echo("")
