"""Owns the document commands: tasks, obligations, parse and ingest."""

from __future__ import annotations

import json
import sys
from pathlib import Path
from typing import Any

import click
from tqdm import tqdm

from policyqa.cli.base import FORMAT, emit, main, pipeline_for
from policyqa.documents import DocumentError, load_file
from policyqa.library_service import ChangeRefused, LibraryService
from policyqa.records import TASK_COLUMNS, obligation_record, section_record, task_record
from policyqa.structure import Section, parse_document


@main.command()
@click.argument("paths", nargs=-1, type=click.Path(exists=True, path_type=Path))
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
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
    library = pipeline_for(ctx, paths).library
    if doc and doc not in {d.id for d in library.documents}:
        known = ", ".join(d.id for d in library.documents)
        raise click.BadParameter(f"未知文件 {doc!r}；可选: {known}", param_hint="--doc")
    due = due_before.date() if due_before else None
    rows = [task_record(t) for t in library.find_tasks(doc, dept, due)]
    emit(rows, fmt, TASK_COLUMNS)


@main.command()
@click.option("--industry", help="行业，如 化工；不写行业的通用义务也列出")
@click.option("--actor", help="对象，如 企业、企事业单位、药店")
@click.option("--doc", help="只看某个文件 (document id)")
@click.option("--format", "fmt", type=FORMAT, default="table", show_default=True)
@click.pass_context
def obligations(
    ctx: click.Context, industry: str | None, actor: str | None, doc: str | None, fmt: str
) -> None:
    """企业等被监管对象的义务清单 (obligations of regulated parties)."""
    library = pipeline_for(ctx).library
    rows = [obligation_record(o) for o in library.find_obligations(industry, actor, doc)]
    columns = [
        ("clause_id", "条款"),
        ("actor", "对象"),
        ("kind", "类型"),
        ("industries", "行业"),
        ("deadline", "时限"),
        ("action", "要求"),
    ]
    emit(rows, fmt, columns)


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
@click.option("--title", help="标题（默认取自正文）")
@click.option("--short-title", help="简称，如 云石方案")
@click.option("--city", help="城市，如 云石市")
@click.option("--province", help="省份")
@click.option("--issuer", help="发文机关")
@click.option("--doc-no", help="文号")
@click.option("--date", "issued", help="成文日期 YYYY-MM-DD")
@click.pass_context
def ingest(
    ctx: click.Context, /, paths: tuple[Path, ...], rebuild: bool, **fields: str | None
) -> None:
    """建立或更新索引；PATHS 为要加入的新文件 (build or update the index)."""
    documents = []
    files = [p for path in paths for p in (sorted(path.iterdir()) if path.is_dir() else [path])]
    for file in files:
        try:
            documents.append(load_file(file))
        except DocumentError as exc:
            click.echo(f"跳过 (skipped): {exc}", err=True)
    service = LibraryService(pipeline_for(ctx))
    click.echo("加载嵌入模型 (loading the embedding model)…", err=True)
    _ = service.current.embedder

    bars: dict[str, tqdm[None]] = {}

    def progress(stage: str, done: int, total: int) -> None:
        bar = bars.get(stage)
        if bar is None:
            bar = bars[stage] = tqdm(
                total=total, desc="嵌入 (embedding)", unit="段", file=sys.stderr, smoothing=0.1
            )
        bar.update(done - bar.n)
        if done >= total:
            bar.close()

    try:
        if documents:
            # Adding a file again replaces the uploaded copy of the same id.
            names = {"issued": "date"}
            metadata = {names.get(k, k): v for k, v in fields.items() if v}
            change = service.add(documents, True, progress, metadata)
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
