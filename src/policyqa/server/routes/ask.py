"""Owns the question endpoints: one-shot, streamed chat (SSE) and OpenAI-compatible."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import StreamingResponse
from starlette.concurrency import run_in_threadpool

from policyqa.answer import Answer
from policyqa.records import answer_record
from policyqa.server.deps import (
    PipelineDep,
    SettingsDep,
    rate_limited,
    require_json,
    valid_question,
)
from policyqa.server.errors import APIError
from policyqa.server.schemas import AnswerOut, AskRequest, ChatCompletionRequest

router = APIRouter(tags=["问答"], dependencies=[Depends(rate_limited)])


@router.post("/v1/ask", response_model=AnswerOut, dependencies=[Depends(require_json)])
async def ask(body: AskRequest, pipeline: PipelineDep, settings: SettingsDep) -> AnswerOut:
    """回答一个问题，附条款引用（answer contract）。"""
    question = valid_question(body.question, settings)
    answer = await run_in_threadpool(pipeline.ask, question, body.session_id)
    return AnswerOut.of(answer)


def _sse(event: str, data: Any) -> str:
    return f"event: {event}\ndata: {json.dumps(data, ensure_ascii=False)}\n\n"


@router.post(
    "/v1/chat",
    dependencies=[Depends(require_json)],
    responses={200: {"content": {"text/event-stream": {}}}},
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


def _with_sources(answer: Answer) -> str:
    if not answer.citations:
        return answer.text
    sources = "\n".join(
        f"[{c.n}] {c.title} › {c.breadcrumb}：“{c.quote}”" for c in answer.citations
    )
    return f"{answer.text}\n\n来源：\n{sources}"


def _conversation_session(body: ChatCompletionRequest) -> str:
    """One session per conversation: the caller's ``user`` plus its first question."""
    first = next((m.content for m in body.messages if m.role == "user"), "")
    seed = f"{body.user or ''}|{first}"
    return "oa-" + hashlib.sha1(seed.encode()).hexdigest()[:24]


def _text_of(content: str | list[dict[str, Any]] | None) -> str:
    if isinstance(content, list):
        return "".join(str(part.get("text", "")) for part in content if isinstance(part, dict))
    return content or ""


@router.post("/v1/chat/completions", dependencies=[Depends(require_json)], response_model=None)
async def chat_completions(
    body: ChatCompletionRequest, pipeline: PipelineDep, settings: SettingsDep
) -> Any:
    """OpenAI 兼容接口：Open WebUI、Dify 等可把 policyqa 当作模型使用。"""
    asked = [m for m in body.messages if m.role == "user"]
    if not asked:
        raise APIError(422, "no_user_message", "缺少用户消息 / No user message")
    question = valid_question(_text_of(asked[-1].content), settings)
    session = _conversation_session(body)
    answer = await run_in_threadpool(pipeline.ask, question, session)
    created = int(time.time())
    record = answer_record(answer)
    citations = record["citations"]
    content = _with_sources(answer)
    if not body.stream:
        return {
            "id": f"chatcmpl-{session}",
            "object": "chat.completion",
            "created": created,
            "model": body.model,
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": content},
                }
            ],
            "usage": {
                "prompt_tokens": len(question),
                "completion_tokens": len(content),
                "total_tokens": len(question) + len(content),
            },
            "citations": citations,
            "policyqa": {"status": record["status"], "facts": record["facts"]},
        }

    def chunks() -> Iterator[str]:
        base = {
            "id": f"chatcmpl-{session}",
            "object": "chat.completion.chunk",
            "created": created,
            "model": body.model,
        }
        for start in range(0, len(content), 32):
            delta = {"content": content[start : start + 32]}
            if start == 0:
                delta["role"] = "assistant"
            chunk = base | {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
        last = base | {
            "choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}],
            "citations": citations,
        }
        yield f"data: {json.dumps(last, ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(chunks(), media_type="text/event-stream")
