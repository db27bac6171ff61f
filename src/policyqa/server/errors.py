"""Owns errors: JSON errors with a stable code; no stack trace ever reaches a client."""

from __future__ import annotations

import logging

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

    def __init__(self, status: int, code: str, message: str, detail: object = None) -> None:
        super().__init__(message)
        self.status, self.code, self.message, self.detail = status, code, message, detail


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
    404: ("not_found", "未找到 / Not found"),
    405: ("method_not_allowed", "不支持的请求方法 / Method not allowed"),
    413: ("payload_too_large", "请求内容过大 / Payload too large"),
    415: ("unsupported_media_type", "不支持的内容类型 / Unsupported media type"),
}


def install_error_handlers(app: FastAPI) -> None:
    """Map every failure to a JSON error body."""

    @app.exception_handler(APIError)
    async def api_error(request: Request, exc: APIError) -> JSONResponse:
        return error_response(exc.status, exc.code, exc.message, exc.detail)

    @app.exception_handler(RequestValidationError)
    async def invalid(request: Request, exc: RequestValidationError) -> JSONResponse:
        errors = exc.errors()
        if any(e.get("type") == "json_invalid" for e in errors):
            return error_response(400, "invalid_json", "请求不是有效的 JSON / Invalid JSON body")
        detail = [{"loc": list(e.get("loc", ())), "msg": e.get("msg")} for e in errors]
        return error_response(422, "invalid_request", "请求参数有误 / Invalid request", detail)

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, exc: StarletteHTTPException) -> JSONResponse:
        code, message = _STATUS_CODES.get(exc.status_code, ("http_error", str(exc.detail)))
        return error_response(exc.status_code, code, message)

    @app.exception_handler(Exception)
    async def unexpected(request: Request, exc: Exception) -> JSONResponse:
        log.exception("unhandled error on %s %s", request.method, request.url.path)
        return error_response(500, "internal_error", "服务内部错误 / Internal server error")
