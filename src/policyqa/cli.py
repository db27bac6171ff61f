"""The ``policyqa`` command: a thin shell over ``Pipeline``."""

from __future__ import annotations

import csv
import io
import json
import sys
from dataclasses import asdict
from pathlib import Path
from typing import Any

import click

from policyqa.documents import DocumentError, ManifestError
from policyqa.index import IndexNotReady
from policyqa.pipeline import Pipeline
from policyqa.records import obligation_record, section_record, task_record
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
    if fmt == "json":
        click.echo(json.dumps(rows, ensure_ascii=False, indent=2))
        return
    flat = [{key: _cell(row[key]) for key, _ in columns} for row in rows]
    if fmt == "csv":
        buffer = io.StringIO()
        writer = csv.writer(buffer)
        writer.writerow([key for key, _ in columns])
        writer.writerows([row[key] for key, _ in columns] for row in flat)
        click.echo(buffer.getvalue(), nl=False)
        return
    click.echo(" | ".join(header for _, header in columns))
    for row in flat:
        click.echo(" | ".join(row[key] for key, _ in columns))
    click.echo(f"共 {len(rows)} 条", err=True)


def _cell(value: Any) -> str:
    if isinstance(value, list):
        return "、".join(_cell(v) for v in value)
    if isinstance(value, dict):
        return str(value.get("text") or value.get("date") or "")
    return "" if value is None else str(value)


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
    columns = [
        ("clause_id", "条款"),
        ("title", "任务"),
        ("lead", "牵头"),
        ("departments", "责任部门"),
        ("implementers", "落实主体"),
        ("deadlines", "时限"),
        ("targets", "目标"),
    ]
    _emit(rows, fmt, columns)


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
    from policyqa.documents import load_file

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
    pipeline = Pipeline(ctx.obj)
    if paths:
        files = [p for path in paths for p in (sorted(path.iterdir()) if path.is_dir() else [path])]
        for file in files:
            try:
                added = pipeline.add_files([file])
                click.echo(f"加入 (added to uploads): {added[0]} ← {file}", err=True)
            except DocumentError as exc:
                click.echo(f"跳过 (skipped): {exc}", err=True)
    pipeline = _pipeline(ctx)
    click.echo("加载嵌入模型 (loading the embedding model)…", err=True)
    _ = pipeline.embedder

    def progress(stage: str, done: int, total: int) -> None:
        end = "\n" if done >= total else ""
        click.echo(f"\r嵌入 (embedding) {done}/{total}", nl=False, err=True)
        if end:
            click.echo("", err=True)

    try:
        report = pipeline.ingest(rebuild=rebuild, progress=progress)
    except KeyboardInterrupt as exc:
        raise click.ClickException(
            "已中断，原索引保持不变 (interrupted; the previous index is intact)"
        ) from exc
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
@click.option("--method", type=click.Choice(["hybrid", "bm25", "dense"]), default="hybrid")
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
    if not question.strip():
        raise click.BadParameter("问题不能为空 (empty question)", param_hint="QUESTION")
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


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
