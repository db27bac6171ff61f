"""Owns the WeChat callback: GET verifies the server, POST carries messages (plain or AES)."""

from __future__ import annotations

import asyncio
import logging
import time

from fastapi import APIRouter, FastAPI, Request
from fastapi.responses import PlainTextResponse, Response
from starlette.concurrency import run_in_threadpool

from policyqa.settings import WeChatSettings
from policyqa.wechat import CustomerService, WeChatBot, WeChatError, parse_xml, text_reply

log = logging.getLogger("policyqa.wechat")


def _check_signature(token: str, request: Request) -> None:
    from wechatpy.exceptions import InvalidSignatureException
    from wechatpy.utils import check_signature

    params = request.query_params
    try:
        check_signature(
            token, params.get("signature", ""), params.get("timestamp", ""), params.get("nonce", "")
        )
    except InvalidSignatureException as exc:
        raise WeChatError(403, "bad signature") from exc


def make_router(app: FastAPI, settings: WeChatSettings, redis_url: str | None = None) -> APIRouter:
    """The /wechat routes, bound to the app's current pipeline; with ``redis_url`` its
    state (jobs per message, 更多 pages, late answers, the access token) is shared."""
    router = APIRouter(tags=["微信公众号"])
    token = settings.token.get_secret_value() if settings.token else ""
    crypto = None
    if settings.mode in ("safe", "compatible"):
        from wechatpy.crypto import WeChatCrypto

        key = settings.encoding_aes_key.get_secret_value() if settings.encoding_aes_key else ""
        crypto = WeChatCrypto(token, key, settings.app_id or "")
    service = None
    if settings.customer_service and settings.app_id and settings.app_secret:
        cache = None
        if redis_url:
            from policyqa.wechat_redis import RedisTokenCache

            cache = RedisTokenCache(redis_url, settings.app_id)
        service = CustomerService(
            settings.api_base, settings.app_id, settings.app_secret.get_secret_value(), cache
        )
    bot = WeChatBot(
        answer=lambda q, s: app.state.library.current.ask(q, s),
        library=lambda: app.state.library.current.library,
        budget_s=settings.budget_s,
        retry_hold_s=settings.retry_hold_s,
        customer_service=service,
        redis_url=redis_url,
    )
    app.state.wechat_bot = bot

    @router.get(settings.path, response_class=PlainTextResponse)
    async def verify_server(request: Request) -> Response:
        """服务器地址验证：签名正确时原样返回 echostr。"""
        try:
            _check_signature(token, request)
        except WeChatError:
            return PlainTextResponse("forbidden", status_code=403)
        return PlainTextResponse(request.query_params.get("echostr", ""))

    @router.post(settings.path)
    async def receive(request: Request) -> Response:
        """接收消息并在 5 秒内被动回复。"""
        started = time.monotonic()
        try:
            body = await _read_body(request, settings.max_body_bytes)
            message, encrypted = _open(body, request, token, crypto, settings.mode)
        except WeChatError as exc:
            log.warning("wechat request refused: %s", exc)
            return PlainTextResponse(str(exc), status_code=exc.status)
        try:
            content = await run_in_threadpool(bot.reply_to, message, started)
        except TimeoutError:
            # Not the last try: say nothing until WeChat gives up and retries this MsgId.
            await asyncio.sleep(max(0.0, settings.retry_hold_s - (time.monotonic() - started)))
            return PlainTextResponse("")
        if content is None:
            return PlainTextResponse("success")
        reply = text_reply(message, content)
        if encrypted and crypto is not None:
            nonce = request.query_params.get("nonce", "")
            reply = crypto.encrypt_message(reply, nonce, request.query_params.get("timestamp"))
        return Response(reply, media_type="application/xml")

    return router


async def _read_body(request: Request, limit: int) -> bytes:
    declared = int(request.headers.get("content-length") or 0)
    if declared > limit:
        raise WeChatError(413, "body too large")
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise WeChatError(413, "body too large")
    return body


def _open(
    body: bytes, request: Request, token: str, crypto: object, mode: str
) -> tuple[dict[str, str], bool]:
    """Verify and parse (and decrypt) a POST; returns the message and whether it was
    encrypted."""
    params = request.query_params
    if params.get("encrypt_type") == "aes" and crypto is not None:
        from wechatpy.exceptions import InvalidAppIdException, InvalidSignatureException

        outer = parse_xml(body)
        if "Encrypt" not in outer:
            raise WeChatError(400, "no Encrypt field")
        try:
            plain = crypto.decrypt_message(  # type: ignore[attr-defined]
                {"Encrypt": outer["Encrypt"]},
                params.get("msg_signature", ""),
                params.get("timestamp", ""),
                params.get("nonce", ""),
            )
        except (InvalidSignatureException, InvalidAppIdException) as exc:
            raise WeChatError(403, "bad msg_signature") from exc
        except Exception as exc:  # noqa: BLE001 - a corrupt ciphertext
            raise WeChatError(400, "cannot decrypt") from exc
        return parse_xml(plain.encode() if isinstance(plain, str) else plain), True
    if mode == "safe":
        raise WeChatError(403, "safe mode needs encrypt_type=aes")
    _check_signature(token, request)
    return parse_xml(body), False
