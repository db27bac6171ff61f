"""Owns liveness and readiness."""

from __future__ import annotations

from functools import cache
from typing import Any

from fastapi import APIRouter, Request

from policyqa.server.errors import APIError, error_responses
from policyqa.server.schemas import HealthOut, ReadyOut

router = APIRouter(tags=["运维"])


@router.get("/healthz", response_model=HealthOut)
async def healthz() -> dict[str, str]:
    """进程存活。"""
    return {"status": "ok"}


@router.get("/readyz", response_model=ReadyOut, responses=error_responses(503))
async def readyz(request: Request) -> dict[str, Any]:
    """索引和模型已加载，可以回答。"""
    library = getattr(request.app.state, "library", None)
    if library is None or not getattr(request.app.state, "ready", False):
        raise APIError(503, "not_ready", "服务尚未就绪 / Not ready")
    pipeline = library.current
    redis_state = None
    if pipeline.settings.redis_url:
        # Sessions and rate limits live there: a worker that cannot reach it is not ready.
        try:
            redis_state = "ok" if _redis_client(pipeline.settings.redis_url).ping() else "down"
        except Exception as exc:  # noqa: BLE001 - redis raises many connection errors
            raise APIError(
                503, "redis_unreachable", f"Redis 不可用 / Redis unreachable ({type(exc).__name__})"
            ) from exc
    chroma_state = None
    if pipeline.settings.chroma.url:
        # The vectors live there: a worker that cannot reach the server cannot answer.
        try:
            pipeline.chroma.heartbeat()
            chroma_state = "ok"
        except Exception as exc:  # noqa: BLE001 - the client raises many connection errors
            raise APIError(
                503,
                "chroma_unreachable",
                f"Chroma 不可用 / Chroma unreachable ({type(exc).__name__})",
            ) from exc
    return {
        "status": "ready",
        "build": pipeline.current_build(),
        "documents": [d.id for d in pipeline.library.documents],
        "redis": redis_state,
        "chroma": chroma_state,
    }


@cache
def _redis_client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url, socket_connect_timeout=2, socket_timeout=2)
