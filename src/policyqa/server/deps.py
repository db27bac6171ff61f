"""Owns request dependencies: the pipeline, the library service, the settings, the admin
key, the content type, the question limits and the rate limit."""

from __future__ import annotations

import hmac
import math
import time
from typing import Annotated

from fastapi import Depends, Request
from starlette.concurrency import run_in_threadpool

from policyqa.answer import QuestionRejected, validate_question
from policyqa.library_service import LibraryService
from policyqa.pipeline import Pipeline
from policyqa.server.errors import APIError
from policyqa.settings import Settings


# Dependencies that only read app state are coroutines: FastAPI runs a plain ``def`` one
# in the thread pool, a hop that costs more than the read.
async def get_library(request: Request) -> LibraryService:
    library: LibraryService = request.app.state.library
    return library


async def get_pipeline(request: Request) -> Pipeline:
    """The pipeline serving now: the one the last live change made current."""
    library: LibraryService = request.app.state.library
    return library.current


async def get_settings(request: Request) -> Settings:
    settings: Settings = request.app.state.settings
    return settings


LibraryDep = Annotated[LibraryService, Depends(get_library)]
PipelineDep = Annotated[Pipeline, Depends(get_pipeline)]
SettingsDep = Annotated[Settings, Depends(get_settings)]


async def require_json(request: Request) -> None:
    """415 unless the body is declared as JSON."""
    content_type = request.headers.get("content-type", "")
    if content_type.split(";")[0].strip().lower() != "application/json":
        raise APIError(
            415,
            "unsupported_media_type",
            "请使用 Content-Type: application/json / Send application/json",
        )


def require_admin(request: Request, settings: SettingsDep) -> None:
    """Mutating endpoints: disabled without a configured key, 401 without the right one."""
    key = settings.server.admin_key
    if key is None:
        raise APIError(
            403,
            "admin_disabled",
            "管理接口未启用（未配置 POLICYQA_SERVER_ADMIN_KEY）/ "
            "Admin endpoints are disabled: no admin key is configured",
        )
    given = (
        request.headers.get("x-api-key")
        or request.headers.get("authorization", "").removeprefix("Bearer ").strip()
    )
    if not hmac.compare_digest(given.encode(), key.get_secret_value().encode()):
        raise APIError(401, "unauthorized", "管理密钥无效 / Invalid admin key")


class RateLimiter:
    """Requests per client per minute, counted by the `limits` library in a moving
    window: in this process, or in Redis when ``redis_url`` is set, so that every worker
    and machine counts against one limit.

    Args:
        per_minute: requests a client may make in any minute.
        redis_url: ``redis://…`` to share the counts; None keeps them in memory.
    """

    def __init__(self, per_minute: int, redis_url: str | None = None) -> None:
        from limits import RateLimitItemPerMinute, storage, strategies

        self.item = RateLimitItemPerMinute(per_minute)
        self.shared = redis_url is not None  # counting then waits on the network
        self.storage = (
            storage.storage_from_string(redis_url) if redis_url else storage.MemoryStorage()
        )
        self.limiter = strategies.MovingWindowRateLimiter(self.storage)

    def allow(self, client: str) -> tuple[bool, int]:
        """Whether ``client`` may go on, and if not, in how many seconds it may."""
        if self.limiter.hit(self.item, "policyqa", client):
            return True, 0
        reset = self.limiter.get_window_stats(self.item, "policyqa", client).reset_time
        return False, max(1, math.ceil(reset - time.time()))


async def rate_limited(request: Request) -> None:
    limiter: RateLimiter = request.app.state.rate_limiter
    client = request.client.host if request.client else "unknown"
    if limiter.shared:
        allowed, retry_after = await run_in_threadpool(limiter.allow, client)
    else:  # in memory: cheaper than a hop to the thread pool
        allowed, retry_after = limiter.allow(client)
    if not allowed:
        raise APIError(
            429,
            "rate_limited",
            "请求过于频繁，请稍后再试 / Too many requests",
            headers={"Retry-After": str(retry_after)},
        )


def valid_question(question: str, settings: Settings) -> str:
    """The question stripped; 422 when empty or too long."""
    try:
        return validate_question(question, settings.server.max_question_chars)
    except QuestionRejected as exc:
        raise APIError(422, exc.code, exc.message) from exc
