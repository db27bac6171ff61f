"""Owns the FastAPI application: ``create_app(settings)``, its lifespan and static pages."""

from __future__ import annotations

import logging
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from pathlib import Path

from fastapi import FastAPI, Request
from fastapi.middleware.cors import CORSMiddleware
from fastapi.responses import FileResponse, Response
from fastapi.staticfiles import StaticFiles
from starlette.concurrency import run_in_threadpool

from policyqa.compose import sample_question
from policyqa.library_service import LibraryService
from policyqa.pipeline import Pipeline
from policyqa.server.deps import RateLimiter
from policyqa.server.errors import install_error_handlers
from policyqa.server.routes import admin, ask, health, library, openai
from policyqa.settings import Settings

STATIC = Path(__file__).parent / "static"
log = logging.getLogger("policyqa.server")


def _prepare(library: LibraryService) -> None:
    """Build the index when there is none, then load the model and index once."""
    if library.ensure_index() is not None:
        log.warning(
            "the index under %s was missing or out of date: built it",
            library.current.settings.index_dir,
        )
    pipeline = library.current
    _ = pipeline.retriever
    # Warms jieba, the caches and the answerer; its session is thrown away.
    pipeline.compose(sample_question(pipeline.library))


def create_app(settings: Settings | None = None, pipeline: Pipeline | None = None) -> FastAPI:
    """The application; the pipeline is loaded once, in ``lifespan``.

    Args:
        settings: configuration (default: from the environment).
        pipeline: an already built pipeline to serve (tests share one).
    """
    settings = settings or Settings()

    @asynccontextmanager
    async def lifespan(app: FastAPI) -> AsyncIterator[None]:
        app.state.library = LibraryService(pipeline or Pipeline(settings))
        await run_in_threadpool(_prepare, app.state.library)
        app.state.ready = True
        yield
        app.state.ready = False

    app = FastAPI(
        title="policyqa 政策问答",
        description="Grounded answers over Chinese policy documents, with citations.",
        version="0.1.0",
        lifespan=lifespan,
    )
    app.state.settings = settings
    app.state.ready = False
    app.state.rate_limiter = RateLimiter(settings.server.rate_limit_per_minute, settings.redis_url)
    install_error_handlers(app)
    if settings.server.cors_origins:
        app.add_middleware(
            CORSMiddleware,
            allow_origins=settings.server.cors_origins,
            allow_methods=["GET", "POST"],
            allow_headers=["Content-Type"],
        )
    for module in (ask, openai, library, admin, health):
        app.include_router(module.router)
    if settings.wechat.token:
        from policyqa.server.routes.wechat import make_router

        app.include_router(make_router(app, settings.wechat, settings.redis_url))
    app.mount("/static", StaticFiles(directory=STATIC), name="static")

    frame_ancestors = " ".join(["'self'", *settings.server.cors_origins])

    @app.get("/", include_in_schema=False)
    async def page(request: Request) -> Response:
        response = FileResponse(STATIC / "index.html")
        # The widget embeds this page; only allowed origins may frame it.
        response.headers["Content-Security-Policy"] = f"frame-ancestors {frame_ancestors}"
        return response

    @app.get("/favicon.ico", include_in_schema=False)
    async def favicon() -> Response:
        return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")

    @app.get("/widget.js", include_in_schema=False)
    async def widget() -> Response:
        return FileResponse(STATIC / "widget.js", media_type="text/javascript")

    return app
