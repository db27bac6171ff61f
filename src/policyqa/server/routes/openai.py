"""Owns the OpenAI-compatible endpoints: ``/v1/models`` and ``/v1/chat/completions``, so
that Open WebUI, Dify, LobeChat and the ``openai`` SDK can use policyqa as a model."""

from __future__ import annotations

import hashlib
import json
import time
from collections.abc import Iterator
from typing import Any

from fastapi import APIRouter, Depends
from fastapi.responses import JSONResponse, StreamingResponse
from starlette.concurrency import run_in_threadpool

from policyqa.answer import Answer, QuestionRejected, validate_question
from policyqa.records import answer_record
from policyqa.server.deps import PipelineDep, SettingsDep, rate_limited, require_json
from policyqa.server.errors import SSE_EVENT_SCHEMA, APIError, error_responses
from policyqa.server.schemas import (
    ChatCompletionOut,
    ChatCompletionRequest,
    ModelListOut,
    ModelOut,
)

router = APIRouter(tags=["OpenAI 兼容"], dependencies=[Depends(rate_limited)])

MODEL_ID = "policyqa"
# When the model was first offered: a fixed time, as OpenAI lists its models.
MODEL_CREATED = 1_735_689_600
STREAM_CHUNK_CHARS = 32


def _model() -> ModelOut:
    return ModelOut(id=MODEL_ID, created=MODEL_CREATED, owned_by="policyqa")


@router.get("/v1/models", response_model=ModelListOut, responses=error_responses(429))
async def models() -> ModelListOut:
    """可用模型列表（OpenAI 格式）：客户端添加模型提供方时首先调用。"""
    return ModelListOut(data=[_model()])


@router.get("/v1/models/{model_id}", response_model=ModelOut, responses=error_responses(404, 429))
async def model(model_id: str) -> ModelOut:
    """一个模型的信息（OpenAI 格式）。"""
    if model_id != MODEL_ID:
        raise APIError(404, "model_not_found", f"没有模型 {model_id} / No such model")
    return _model()


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


def _reply(body: ChatCompletionRequest, session: str, content: str, extra: dict[str, Any]) -> Any:
    """The completion, whole or as chat.completion.chunk events."""
    created = int(time.time())
    question = _text_of(next((m.content for m in reversed(body.messages)), ""))
    base = {"id": f"chatcmpl-{session}", "created": created, "model": body.model}
    if not body.stream:
        usage = {
            "prompt_tokens": len(question),
            "completion_tokens": len(content),
            "total_tokens": len(question) + len(content),
        }
        choice = {
            "index": 0,
            "finish_reason": "stop",
            "message": {"role": "assistant", "content": content},
        }
        reply = base | {"object": "chat.completion", "choices": [choice], "usage": usage}
        return JSONResponse(ChatCompletionOut.model_validate(reply | extra).model_dump())

    def chunks() -> Iterator[str]:
        head = base | {"object": "chat.completion.chunk"}
        for start in range(0, len(content), STREAM_CHUNK_CHARS):
            delta = {"content": content[start : start + STREAM_CHUNK_CHARS]}
            if start == 0:
                delta["role"] = "assistant"
            chunk = head | {"choices": [{"index": 0, "delta": delta, "finish_reason": None}]}
            yield f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n"
        last = head | {"choices": [{"index": 0, "delta": {}, "finish_reason": "stop"}]}
        yield f"data: {json.dumps(last | extra, ensure_ascii=False)}\n\n"
        yield "data: [DONE]\n\n"

    return StreamingResponse(chunks(), media_type="text/event-stream")


@router.post(
    "/v1/chat/completions",
    dependencies=[Depends(require_json)],
    response_model=ChatCompletionOut,
    responses={
        200: {
            "description": "chat.completion；stream=true 时为 chat.completion.chunk 事件流",
            "content": {"text/event-stream": {"schema": SSE_EVENT_SCHEMA}},
        },
        **error_responses(400, 415, 422, 429),
    },
)
async def chat_completions(
    body: ChatCompletionRequest, pipeline: PipelineDep, settings: SettingsDep
) -> Any:
    """OpenAI 兼容接口：Open WebUI、Dify 等可把 policyqa 当作模型使用。

    A conversation without a usable question gets an assistant reply saying so, as a
    chat window expects, rather than an HTTP error.
    """
    asked = [m for m in body.messages if m.role == "user"]
    session = _conversation_session(body)
    try:
        text = asked[-1].content if asked else ""
        question = validate_question(_text_of(text), settings.server.max_question_chars)
    except QuestionRejected as exc:
        extra = {"citations": [], "policyqa": {"status": "invalid_question", "code": exc.code}}
        return _reply(body, session, exc.message.split(" / ")[0] + "。", extra)
    answer = await run_in_threadpool(pipeline.ask, question, session)
    record = answer_record(answer)
    extra = {
        "citations": record["citations"],
        "policyqa": {"status": record["status"], "facts": record["facts"]},
    }
    return _reply(body, session, _with_sources(answer), extra)
