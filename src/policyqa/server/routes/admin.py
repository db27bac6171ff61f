"""Mutating endpoints: upload, delete, re-ingest. They need the admin key.

Changes are made on a fork of the pipeline and swapped in only when the new index is
built, so queries keep getting answers from the previous index meanwhile.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from policyqa.documents import DocumentError, load_file
from policyqa.pipeline import Pipeline
from policyqa.server.deps import PipelineDep, SettingsDep, require_admin
from policyqa.server.errors import APIError

router = APIRouter(tags=["管理"], dependencies=[Depends(require_admin)])
UPLOAD_SUFFIXES = (".txt", ".md", ".docx", ".pdf")


async def _read_limited(file: UploadFile, limit: int) -> bytes:
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise APIError(
            413,
            "file_too_large",
            f"文件超过 {limit // (1024 * 1024)} MB / The file exceeds the size limit",
        )
    return data


@router.post("/v1/documents", status_code=201)
async def upload(
    request: Request, file: UploadFile, pipeline: PipelineDep, settings: SettingsDep
) -> dict[str, Any]:
    """上传 .txt/.md/.docx/.pdf 并建立索引。"""
    limit = settings.server.max_upload_bytes
    declared = int(request.headers.get("content-length") or 0)
    if declared > limit + 64 * 1024:
        raise APIError(413, "file_too_large", "文件过大 / The file exceeds the size limit")
    name = Path(file.filename or "").name
    if Path(name).suffix.lower() not in UPLOAD_SUFFIXES:
        raise APIError(
            415,
            "unsupported_file_type",
            f"不支持的文件类型：{name or '(无文件名)'}；支持 {'、'.join(UPLOAD_SUFFIXES)} / "
            "Unsupported file type",
        )
    data = await _read_limited(file, limit)
    with tempfile.TemporaryDirectory() as tmp:
        path = Path(tmp) / name
        path.write_bytes(data)
        try:
            document = load_file(path)
        except DocumentError as exc:
            raise APIError(422, "unreadable_document", f"无法读取文件 / {exc}") from exc
        if document.id in {d.id for d in pipeline.library.documents}:
            raise APIError(
                409,
                "document_exists",
                f"已有同名文件 {document.id} / A document with this id exists",
            )
        new, report = await run_in_threadpool(_add_and_ingest, pipeline, path)
    request.app.state.pipeline = new
    return {"id": document.id, "ingest": asdict(report)}


def _add_and_ingest(pipeline: Pipeline, path: Path) -> tuple[Pipeline, Any]:
    new = pipeline.fork()
    (doc_id,) = new.add_files([path])
    try:
        return new, new.ingest()
    except BaseException:
        # Nothing half-ingested stays: the uploaded copy goes; the old index is current.
        new.remove_document(doc_id)
        raise


@router.delete("/v1/documents/{doc_id}")
async def delete(doc_id: str, request: Request, pipeline: PipelineDep) -> dict[str, Any]:
    """删除一个上传的文件并更新索引（语料库文件请通过 manifest 管理）。"""
    known = {d.id: d for d in pipeline.library.documents}
    if doc_id not in known:
        raise APIError(404, "document_not_found", f"未找到文件 {doc_id} / No such document")
    if known[doc_id].path.parent != pipeline.uploads_dir:
        raise APIError(
            409,
            "corpus_document",
            "语料库文件不能通过接口删除，请修改 corpus/manifest.toml / "
            "Corpus documents are managed in the manifest",
        )

    def work() -> tuple[Pipeline, Any]:
        new = pipeline.fork()
        new.remove_document(doc_id)
        return new, new.ingest()

    new, report = await run_in_threadpool(work)
    request.app.state.pipeline = new
    return {"deleted": doc_id, "ingest": asdict(report)}


@router.post("/v1/reindex")
async def reindex(request: Request, pipeline: PipelineDep, rebuild: bool = False) -> dict[str, Any]:
    """重新建立索引（rebuild=true 时全部重新嵌入）。"""

    def work() -> tuple[Pipeline, Any]:
        new = pipeline.fork()
        return new, new.ingest(rebuild=rebuild)

    new, report = await run_in_threadpool(work)
    request.app.state.pipeline = new
    return asdict(report)


__all__ = ["router"]
