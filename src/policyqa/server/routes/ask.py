"""Owns the question endpoints: one-shot answers and streamed chat (SSE)."""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import Response, StreamingResponse
from starlette.concurrency import run_in_threadpool

from policyqa.server.deps import (
    PipelineDep,
    SettingsDep,
    rate_limited,
    require_json,
    valid_question,
)
from policyqa.server.errors import SSE_EVENT_SCHEMA, error_responses
from policyqa.server.schemas import AnswerOut, AskRequest

router = APIRouter(tags=["问答"], dependencies=[Depends(rate_limited)])


@router.post(
    "/v1/ask",
    response_model=AnswerOut,
    dependencies=[Depends(require_json)],
    responses=error_responses(400, 415, 422, 429),
)
async def ask(body: AskRequest, pipeline: PipelineDep, settings: SettingsDep) -> Response:
    """回答一个问题，附条款引用（answer contract）。"""
    question = valid_question(body.question, settings)
    answer = await run_in_threadpool(pipeline.ask, question, body.session_id)
    # Built and checked once here; returned through response_model it is checked again.
    return Response(AnswerOut.of(answer).model_dump_json(), media_type="application/json")


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post(
    "/v1/chat",
    dependencies=[Depends(require_json)],
    response_class=StreamingResponse,
    responses={
        200: {
            "description": "answer 事件若干，然后 citations 与 done / SSE events",
            "content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}},
        },
        **error_responses(400, 415, 422, 429),
    },
)
async def chat(body: AskRequest, pipeline: PipelineDep, settings: SettingsDep) -> StreamingResponse:
    """流式回答（SSE）：若干 answer 事件，然后一个 citations 事件，最后 done。"""
    question = valid_question(body.question, settings)

    def events() -> Iterator[str]:
        for event in pipeline.stream(question, body.session_id):
            if event["event"] == "answer":
                yield _sse("answer", {"text": event["data"]})
            else:
                yield _sse("citations", AnswerOut.of(event["data"]).model_dump())
        yield _sse("done", {})

    return StreamingResponse(
        events(),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )
