"""Owns the mutating endpoints: upload, replace, delete, re-ingest (admin key required).

Each route hands its change to the ``LibraryService``, which queues changes, builds
them one at a time and answers when the change is live; routes never swap state.
"""

from __future__ import annotations

import tempfile
from dataclasses import asdict
from pathlib import Path
from typing import Any

from fastapi import APIRouter, Depends, Form, Query, Request, UploadFile
from starlette.concurrency import run_in_threadpool

from policyqa.documents import SUPPORTED_SUFFIXES, Document, DocumentError, load_file
from policyqa.library_service import Change, ChangeRefused, LibraryService
from policyqa.readers import SAVE_AS
from policyqa.server.deps import LibraryDep, SettingsDep, require_admin, require_json
from policyqa.server.errors import APIError, error_responses
from policyqa.server.routes.library import document_meta
from policyqa.server.schemas import (
    ChangeOut,
    DeletedOut,
    DocumentMetaOut,
    IngestOut,
    MetadataPatch,
)
from policyqa.settings import Settings

router = APIRouter(tags=["管理"], dependencies=[Depends(require_admin)])

_REFUSED = {
    "exists": (409, "document_exists"),
    "duplicate": (409, "document_duplicate"),
    "corpus": (409, "corpus_document"),
    "not_found": (404, "document_not_found"),
}


def _refused(exc: ChangeRefused) -> APIError:
    status, code = _REFUSED[exc.reason]
    return APIError(status, code, exc.message)


async def _read_upload(request: Request, file: UploadFile, settings: Settings) -> tuple[str, bytes]:
    """The file's name and bytes; 413 over the size limit, 415 for an unknown type."""
    limit = settings.server.max_upload_bytes
    name = Path(file.filename or "").name
    size = f"{limit / 1024 / 1024:g} MB" if limit >= 1024 * 1024 else f"{limit / 1024:g} KB"
    too_large = APIError(
        413,
        "file_too_large",
        f"文件 {name} 超过 {size} / {name} exceeds the size limit of {size}",
    )
    if int(request.headers.get("content-length") or 0) > limit + 64 * 1024:
        raise too_large
    suffix = Path(name).suffix.lower()
    if suffix not in SUPPORTED_SUFFIXES:
        advice = SAVE_AS.get(suffix, f"支持 {'、'.join(SUPPORTED_SUFFIXES)}")
        raise APIError(
            415,
            "unsupported_file_type",
            f"不支持的文件类型：{name or '(无文件名)'}；{advice} / Unsupported file type",
        )
    data = await file.read(limit + 1)
    if len(data) > limit:
        raise too_large
    return name, data


def _load(folder: str, name: str, data: bytes) -> Document:
    path = Path(folder) / name
    path.write_bytes(data)
    try:
        return load_file(path)
    except DocumentError as exc:
        # Name the file as the user sent it, never the server's temporary path.
        reason = str(exc).replace(str(path), name)
        raise APIError(422, "unreadable_document", f"无法读取文件 / {reason}") from exc


async def _add(
    library: LibraryService,
    document: Document,
    replace: bool,
    metadata: dict[str, str] | None = None,
) -> Change:
    """Hand the change to the library's owner; a refusal becomes its HTTP error."""
    try:
        return await run_in_threadpool(library.add, [document], replace, None, metadata)
    except ChangeRefused as exc:
        raise _refused(exc) from exc


def _change_out(change: Change, library: LibraryService) -> dict[str, Any]:
    """What a change did, and what could not be read in the document it added."""
    doc_id = change.doc_ids[0]
    warnings = [
        w for w in library.current.library.warnings if w.startswith((f"{doc_id}:", f"{doc_id}/"))
    ]
    return {
        "id": doc_id,
        "action": change.action,
        "warnings": warnings,
        "ingest": asdict(change.report),
    }


@router.post(
    "/v1/documents",
    status_code=201,
    response_model=ChangeOut,
    responses={
        201: {
            # Clients (and contract tests) can follow the new id to replace or delete it.
            "links": {
                "ReplaceDocument": {
                    "operationId": "replace_document",
                    "parameters": {"doc_id": "$response.body#/id"},
                },
                "DeleteDocument": {
                    "operationId": "delete_document",
                    "parameters": {"doc_id": "$response.body#/id"},
                },
            }
        },
        **error_responses(400, 401, 403, 409, 413, 415, 422),
    },
)
async def upload(
    request: Request,
    file: UploadFile,
    library: LibraryDep,
    settings: SettingsDep,
    replace: bool = Query(False, description="同 id 的上传文件以新内容替换"),
    title: str | None = Form(None, max_length=200, description="标题（默认取自正文）"),
    short_title: str | None = Form(None, max_length=40, description="简称，如 云石方案"),
    city: str | None = Form(None, max_length=40),
    province: str | None = Form(None, max_length=40),
    issuer: str | None = Form(None, max_length=100),
    doc_no: str | None = Form(None, max_length=60, description="文号"),
    date: str | None = Form(None, pattern=r"^\d{4}-\d{2}-\d{2}$", description="成文日期"),
) -> dict[str, Any]:
    """上传 .txt/.md/.docx/.pdf 并建立索引；返回时新文件已可检索。

    The same content again gets 409 with the id it has; a new content under an existing
    id replaces that document only with ``replace=true``.
    """
    name, data = await _read_upload(request, file, settings)
    fields = {
        "title": title,
        "short_title": short_title,
        "city": city,
        "province": province,
        "issuer": issuer,
        "doc_no": doc_no,
        "date": date,
    }
    metadata = {k: v for k, v in fields.items() if v}
    with tempfile.TemporaryDirectory() as folder:
        change = await _add(library, _load(folder, name, data), replace, metadata)
    return _change_out(change, library)


@router.put(
    "/v1/documents/{doc_id}",
    operation_id="replace_document",
    response_model=ChangeOut,
    responses=error_responses(400, 401, 403, 404, 409, 413, 415, 422),
)
async def replace(
    doc_id: str, request: Request, file: UploadFile, library: LibraryDep, settings: SettingsDep
) -> dict[str, Any]:
    """用新文件替换一个上传的文件（文件名须对应同一 id）；失败时原文件保持不变。"""
    name, data = await _read_upload(request, file, settings)
    with tempfile.TemporaryDirectory() as folder:
        document = _load(folder, name, data)
        if document.id != doc_id:
            raise APIError(
                422,
                "document_id_mismatch",
                f"文件 {name} 的 id 是 {document.id}，不是 {doc_id} / "
                f"The file's id is {document.id}, not {doc_id}",
            )
        if doc_id not in {d.id for d in library.current.library.documents}:
            raise APIError(404, "document_not_found", f"未找到文件 {doc_id} / No such document")
        change = await _add(library, document, True)
    return _change_out(change, library)


@router.patch(
    "/v1/documents/{doc_id}",
    response_model=DocumentMetaOut,
    dependencies=[Depends(require_json)],
    responses=error_responses(400, 401, 403, 404, 409, 415, 422),
)
async def edit(doc_id: str, body: MetadataPatch, library: LibraryDep) -> dict[str, Any]:
    """修改上传文件的标题、简称、城市、发文机关、文号、日期（不重新建立索引）。"""
    fields = {k: v for k, v in body.model_dump().items() if v}
    try:
        await run_in_threadpool(library.update_metadata, doc_id, fields)
    except ChangeRefused as exc:
        raise _refused(exc) from exc
    return document_meta(library.current, doc_id)


@router.delete(
    "/v1/documents/{doc_id}",
    operation_id="delete_document",
    response_model=DeletedOut,
    responses=error_responses(401, 403, 404, 409),
)
async def delete(doc_id: str, library: LibraryDep) -> dict[str, Any]:
    """删除一个上传的文件并更新索引（语料库文件请通过 manifest 管理）。"""
    try:
        change = await run_in_threadpool(library.delete, doc_id)
    except ChangeRefused as exc:
        raise _refused(exc) from exc
    return {"deleted": doc_id, "ingest": asdict(change.report)}


@router.post("/v1/reindex", response_model=IngestOut, responses=error_responses(401, 403, 422))
async def reindex(library: LibraryDep, rebuild: bool = False) -> dict[str, Any]:
    """重新建立索引（rebuild=true 时全部重新嵌入）。"""
    change = await run_in_threadpool(library.reindex, rebuild)
    return asdict(change.report)


__all__ = ["router"]
