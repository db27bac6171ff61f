"""Owns errors: JSON errors with a stable code; no stack trace ever reaches a client."""

from __future__ import annotations

import logging
import re
from collections.abc import Sequence
from typing import Any

from fastapi import FastAPI, Request
from fastapi.exceptions import RequestValidationError
from fastapi.responses import JSONResponse
from starlette.exceptions import HTTPException as StarletteHTTPException

log = logging.getLogger("policyqa.server")


class APIError(Exception):
    """An error the API reports as ``{"code", "message"}``.

    Args:
        status: the HTTP status.
        code: a stable machine-readable code.
        message: Chinese / English text for people.
    """

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        detail: object = None,
        headers: dict[str, str] | None = None,
    ) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail
        self.headers = headers


def error_response(
    status: int,
    code: str,
    message: str,
    detail: object = None,
    headers: dict[str, str] | None = None,
) -> JSONResponse:
    body = {"code": code, "message": message, "detail": detail}
    return JSONResponse(body, status_code=status, headers=headers)


_STATUS_CODES = {
    400: ("bad_request", "请求格式有误 / Malformed request"),
    404: ("not_found", "未找到 / Not found"),
    405: ("method_not_allowed", "不支持的请求方法 / Method not allowed"),
    413: ("payload_too_large", "请求内容过大 / Payload too large"),
    415: ("unsupported_media_type", "不支持的内容类型 / Unsupported media type"),
}


def _methods_of(request: Request) -> list[str]:
    """The methods the OpenAPI document gives the request's path: what Allow must list."""
    for template, item in request.app.openapi().get("paths", {}).items():
        pattern = "^" + re.sub(r"\\\{[^}]+\\\}", "[^/]+", re.escape(template)) + "$"
        if re.match(pattern, request.url.path):
            return sorted(method.upper() for method in item)
    return []


def _question_error(errors: Sequence[Any]) -> tuple[str, str] | None:
    """The question's own codes (as the CLI and WeChat give them) for its schema errors."""
    if not errors or any(tuple(e.get("loc", ()))[-1:] != ("question",) for e in errors):
        return None
    kinds = {e.get("type") for e in errors}
    if "string_too_long" in kinds:
        return "question_too_long", "问题过长 / The question is too long"
    if kinds & {"string_too_short", "string_pattern_mismatch"}:
        return "empty_question", "问题不能为空 / The question is empty"
    return None


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to a JSON error body."""

    @app.exception_handler(APIError)
    async def api_error(request: Request, exc: APIError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.detail, exc.headers)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "invalid_json", "请求不是有效的 JSON / Invalid JSON body")
        detail = [
            {
                "loc": [str(part) for part in e.get("loc", ())],
                "msg": e.get("msg"),
                "type": e.get("type"),
            }
            for e in errors
        ]
        code, message = _question_error(errors) or (
            "invalid_request",
            "请求参数有误 / Invalid request",
        )
        return error_response(422, code, message, detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _STATUS_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
        # A 405 keeps Starlette's Allow header (RFC 9110).
        headers = dict(exc.headers) if exc.headers else None
        if exc.status_code == 405:
            # Every method the path serves, not only those of the route that matched.
            headers = {"Allow": ", ".join(_methods_of(request))}
        return error_response(exc.status_code, code, message, headers=headers)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "服务内部错误 / Internal server error")


# What each error status means, as the OpenAPI document says it.
_MEANINGS = {
    400: "请求不是有效的 JSON / Invalid JSON",
    401: "管理密钥无效 / Invalid admin key",
    403: "管理接口未启用 / Admin endpoints disabled",
    404: "未找到 / Not found",
    409: "冲突 / Conflict",
    413: "文件过大 / Too large",
    415: "不支持的类型 / Unsupported type",
    422: "请求参数有误 / Invalid request",
    429: "请求过于频繁 / Too many requests",
    503: "服务尚未就绪 / Not ready",
}


def error_responses(*statuses: int) -> dict[int | str, dict[str, Any]]:
    """The OpenAPI ``responses`` of a route for the error statuses it can return."""
    from policyqa.server.schemas import ErrorOut

    return {status: {"model": ErrorOut, "description": _MEANINGS[status]} for status in statuses}


# An SSE stream, event by event, as OpenAPI documents it.
SSE_EVENT_SCHEMA = {
    "type": "object",
    "properties": {"event": {"type": "string"}, "data": {"type": "string"}},
    "required": ["data"],
}
