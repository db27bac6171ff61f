"""Owns the ``policyqa`` command: a thin shell over ``Pipeline`` and ``LibraryService``."""

from __future__ import annotations

import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from policyqa.answer import Answer, QuestionRejected, validate_question
from policyqa.documents import DocumentError, ManifestError, load_file
from policyqa.evaluate import EVAL_METHODS
from policyqa.index import IndexNotReady
from policyqa.library_service import ChangeRefused, LibraryService
from policyqa.pipeline import Pipeline
from policyqa.records import (
    TASK_COLUMNS,
    answer_record,
    obligation_record,
    render_rows,
    section_record,
    task_record,
)
from policyqa.retrieve import METHODS
from policyqa.settings import Settings
from policyqa.structure import Section, parse_document

_FORMAT = click.Choice(["table", "json", "csv"])


@click.group()
@click.version_option(package_name="policyqa")
@click.pass_context
def main(ctx: click.Context) -> None:
    """policyqa：政策文件问答助手 (grounded QA over Chinese policy documents)."""
    ctx.obj = Settings()


def _pipeline(ctx: click.Context, paths: tuple[Path, ...] = ()) -> Pipeline:
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


def _emit(rows: list[dict[str, Any]], fmt: str, columns: list[tuple[str, str]]) -> None:
    click.echo(render_rows(rows, fmt, columns), nl=False)
    if fmt == "table":
        click.echo(f"共 {len(rows)} 条", err=True)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=_FORMAT, default="table", show_default=True)
@click.option("--doc", help="只看某个文件 (document id), e.g. baotou")
@click.option("--dept", help="按部门筛选，支持简称 (department, aliases accepted)")
@click.option("--due-before", type=click.DateTime(["%Y-%m-%d"]), help="时限早于 YYYY-MM-DD")
@click.pass_context
def tasks(
    ctx: click.Context,
    paths: tuple[Path, ...],
    fmt: str,
    doc: str | None,
    dept: str | None,
    due_before: Any,
) -> None:
    """责任分工表：每项任务的牵头、责任部门、时限和目标 (responsibility matrix)."""
    library = _pipeline(ctx, paths).library
    if doc and doc not in {d.id for d in library.documents}:
        known = ", ".join(d.id for d in library.documents)
        raise click.BadParameter(f"未知文件 {doc!r}；可选: {known}", param_hint="--doc")
    due = due_before.date() if due_before else None
    rows = [task_record(t) for t in library.find_tasks(doc, dept, due)]
    _emit(rows, fmt, TASK_COLUMNS)


@main.command()
@click.option("--industry", help="行业，如 化工；不写行业的通用义务也列出")
@click.option("--actor", help="对象，如 企业、企事业单位、药店")
@click.option("--doc", help="只看某个文件 (document id)")
@click.option("--format", "fmt", type=_FORMAT, default="table", show_default=True)
@click.pass_context
def obligations(
    ctx: click.Context, industry: str | None, actor: str | None, doc: str | None, fmt: str
) -> None:
    """企业等被监管对象的义务清单 (obligations of regulated parties)."""
    library = _pipeline(ctx).library
    rows = [obligation_record(o) for o in library.find_obligations(industry, actor, doc)]
    columns = [
        ("clause_id", "条款"),
        ("actor", "对象"),
        ("kind", "类型"),
        ("industries", "行业"),
        ("deadline", "时限"),
        ("action", "要求"),
    ]
    _emit(rows, fmt, columns)


@main.command()
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True, help="输出 JSON 树")
def parse(file: Path, as_json: bool) -> None:
    """打印一个文件的公文结构树 (print the heading tree of FILE)."""
    try:
        document = load_file(file)
    except DocumentError as exc:
        raise click.ClickException(str(exc)) from exc
    parsed = parse_document(document.id, document.text, document.meta.title)
    for warning in parsed.warnings:
        click.echo(f"警告 (warning): {warning}", err=True)
    if as_json:
        tree = {
            "doc_id": parsed.doc_id,
            "title": parsed.title,
            "sections": [section_record(s) for s in parsed.sections],
        }
        click.echo(json.dumps(tree, ensure_ascii=False, indent=2))
        return
    click.echo(parsed.title or document.id)
    for section in parsed.sections:
        _print_section(section, 0)


def _print_section(section: Section, depth: int) -> None:
    marker = (
        f"  [{section.clause.id}] {section.clause.start}-{section.clause.end}"
        if (section.clause)
        else ""
    )
    click.echo(f"{'  ' * depth}{section.heading}{marker}")
    for child in section.children:
        _print_section(child, depth + 1)


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--rebuild", is_flag=True, help="重新嵌入全部文件 (re-embed everything)")
@click.pass_context
def ingest(ctx: click.Context, paths: tuple[Path, ...], rebuild: bool) -> None:
    """建立或更新索引；PATHS 为要加入的新文件 (build or update the index)."""
    documents = []
    files = [p for path in paths for p in (sorted(path.iterdir()) if path.is_dir() else [path])]
    for file in files:
        try:
            documents.append(load_file(file))
        except DocumentError as exc:
            click.echo(f"跳过 (skipped): {exc}", err=True)
    service = LibraryService(_pipeline(ctx))
    click.echo("加载嵌入模型 (loading the embedding model)…", err=True)
    _ = service.current.embedder

    def progress(stage: str, done: int, total: int) -> None:
        click.echo(f"\r嵌入 (embedding) {done}/{total}", nl=False, err=True)
        if done >= total:
            click.echo("", err=True)

    try:
        if documents:
            # Adding a file again replaces the uploaded copy of the same id.
            change = service.add(documents, replace_existing=True, progress=progress)
            for document in documents:
                click.echo(f"加入 (added to uploads): {document.id} ← {document.path}", err=True)
        if rebuild or not documents:
            change = service.reindex(rebuild=rebuild, progress=progress)
    except ChangeRefused as exc:
        raise click.ClickException(exc.message) from exc
    except KeyboardInterrupt as exc:
        raise click.ClickException(
            "已中断，原索引保持不变 (interrupted; the previous index is intact)"
        ) from exc
    report = change.report
    click.echo(
        f"索引 (build) {report.build_id}: {report.units} units, "
        f"{report.embedded} embedded, {report.seconds:.1f}s"
    )
    for label, items in (
        ("新增 added", report.added),
        ("变更 changed", report.changed),
        ("删除 removed", report.removed),
        ("未变 unchanged", report.unchanged),
        ("跳过 skipped", report.skipped),
    ):
        click.echo(f"{label}: {', '.join(items) if items else '-'}")


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
    pipeline = _pipeline(ctx)
    known = {d.id for d in pipeline.library.documents}
    unknown = [d for d in docs if d not in known]
    if unknown:
        raise click.BadParameter(f"未知文件 {unknown}；可选: {sorted(known)}", param_hint="--doc")
    question = _valid(ctx.obj, question)
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


def _print_answer(answer: Answer) -> None:
    click.echo(answer.text)
    if answer.citations:
        click.echo("")
        for citation in answer.citations:
            click.echo(f"[{citation.n}] {citation.doc_id} › {citation.breadcrumb}")
            click.echo(f"    “{citation.quote}”")


def _valid(settings: Settings, question: str) -> str:
    try:
        return validate_question(question, settings.server.max_question_chars)
    except QuestionRejected as exc:
        raise click.BadParameter(exc.message, param_hint="QUESTION") from exc


def _ask(pipeline: Pipeline, question: str, session: str | None) -> Answer:
    question = _valid(pipeline.settings, question)
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
    answer = _ask(_pipeline(ctx), question, session)
    if as_json:
        click.echo(json.dumps(answer_record(answer), ensure_ascii=False, indent=2))
    else:
        _print_answer(answer)
        click.echo(f"\n(session {answer.session_id})", err=True)


@main.command()
@click.pass_context
def chat(ctx: click.Context) -> None:
    """终端对话，支持追问；输入 exit 退出 (interactive chat with history)."""
    pipeline = _pipeline(ctx)
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
        _print_answer(answer)
        click.echo("")


@main.command(name="eval")
@click.option(
    "--split", type=click.Choice(["dev", "test", "all"]), default="dev", show_default=True
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
    from policyqa.evaluate import (
        check_thresholds,
        format_table,
        load_questions,
        load_thresholds,
        run_eval,
        write_chart,
    )

    pipeline = _pipeline(ctx)
    evals = pipeline.settings.corpus_dir.parent / "evals"
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
        for report in reports:
            for failure in report["failures"]:
                click.echo(
                    f"  ✗ [{report['method']}] {failure['id']} {failure['question']}: "
                    f"{'; '.join(failure['problems'])}",
                    err=True,
                )
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


@main.command()
@click.option("--host", default=None, help="默认 127.0.0.1")
@click.option("--port", default=None, type=int, help="默认 8000")
@click.option("--workers", default=1, show_default=True, type=click.IntRange(1, 32))
@click.option("--open", "open_browser", is_flag=True, help="启动后在浏览器中打开页面")
@click.pass_context
def serve(
    ctx: click.Context, host: str | None, port: int | None, workers: int, open_browser: bool
) -> None:
    """启动 HTTP 服务和问答页面（索引缺失时先建立索引）。"""
    import uvicorn

    settings: Settings = ctx.obj
    host = host or settings.server.host
    port = port or settings.server.port
    url = f"http://{host}:{port}"
    click.echo(f"policyqa 服务地址 (serving at): {url}  (API docs: {url}/docs)", err=True)
    if workers > 1 and not settings.chroma.url:
        click.echo(
            "提示：多个 worker 共用嵌入式 Chroma 只适合只读查询；扩展请用 chroma run + "
            "POLICYQA_CHROMA_URL",
            err=True,
        )
    if open_browser:
        import threading
        import webbrowser

        threading.Timer(20, webbrowser.open, args=(url,)).start()
    uvicorn.run(
        "policyqa.server.app:create_app",
        factory=True,
        host=host,
        port=port,
        workers=workers,
        log_level="info",
    )


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
