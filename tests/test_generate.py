"""The optional LLM path against a real OpenAI-compatible HTTP server on loopback.

No capable model runs here, so the server replays recorded replies; the tests assert the
protocol, streaming, timeout, fallback and the verifier, never a model's wording.
"""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from policyqa.pipeline import Pipeline
from tests.conftest import make_settings

QUESTION = "哪个部门牵头落实新污染物管控措施？"
REPLIES = {
    "good": ["由市生态环境局牵头，", "市工信局、市农牧局等按职责分工负责。", "[1]"],
    "invented": ["由市财政局牵头。[1]", "由市生态环境局牵头。[1]", "到2030年完成。[1]"],
    "not_found": ["文件中未找到相关规定。"],
}


class Recorder:
    mode = "good"
    requests: list[dict[str, Any]] = []


class Handler(BaseHTTPRequestHandler):
    def log_message(self, *args: Any) -> None:
        pass

    def do_POST(self) -> None:
        body = json.loads(self.rfile.read(int(self.headers["Content-Length"])))
        Recorder.requests.append({"path": self.path, "body": body})
        if Recorder.mode == "slow":
            time.sleep(10)  # far beyond the 1 s client timeout
        if Recorder.mode == "error":
            self.send_response(500)
            self.end_headers()
            self.wfile.write(b'{"error": {"message": "boom"}}')
            return
        pieces = REPLIES.get(Recorder.mode, REPLIES["good"])
        if body.get("stream"):
            self.send_response(200)
            self.send_header("Content-Type", "text/event-stream")
            self.end_headers()
            for piece in pieces:
                chunk = {
                    "id": "c1",
                    "object": "chat.completion.chunk",
                    "created": 0,
                    "model": body["model"],
                    "choices": [{"index": 0, "delta": {"content": piece}, "finish_reason": None}],
                }
                self.wfile.write(f"data: {json.dumps(chunk, ensure_ascii=False)}\n\n".encode())
                self.wfile.flush()
            self.wfile.write(b"data: [DONE]\n\n")
            return
        reply = {
            "id": "c1",
            "object": "chat.completion",
            "created": 0,
            "model": body["model"],
            "choices": [
                {
                    "index": 0,
                    "finish_reason": "stop",
                    "message": {"role": "assistant", "content": "".join(pieces)},
                }
            ],
            "usage": {"prompt_tokens": 1, "completion_tokens": 1, "total_tokens": 2},
        }
        data = json.dumps(reply, ensure_ascii=False).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)


@pytest.fixture(scope="module")
def llm_url() -> Iterator[str]:
    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}/v1"
    server.shutdown()
    server.server_close()


@pytest.fixture()
def llm_pipeline(indexed: Pipeline, llm_url: str) -> Iterator[Pipeline]:
    settings = make_settings(
        indexed.settings.index_dir,
        llm={"base_url": llm_url, "model": "test-model", "api_key": "k", "timeout_s": 1.0},
    )
    Recorder.requests.clear()
    try:
        yield Pipeline(settings, embedder=indexed.embedder)
    finally:
        Recorder.mode = "good"


def test_llm_answer_passes_the_verifier_and_keeps_citations(llm_pipeline: Pipeline) -> None:
    Recorder.mode = "good"
    answer = llm_pipeline.ask(QUESTION)
    assert answer.generator == "llm:test-model"
    assert answer.text == "由市生态环境局牵头，市工信局、市农牧局等按职责分工负责。[1]"
    assert answer.citations[0].clause_id == "baotou/二/（一）/4"
    request = Recorder.requests[-1]
    assert request["path"] == "/v1/chat/completions"
    assert request["body"]["model"] == "test-model"
    prompt = request["body"]["messages"][-1]["content"]
    assert QUESTION in prompt and "[1]（二、工作任务" in prompt and "牵头：市生态环境局" in prompt
    assert request["body"]["max_tokens"] == 800


def test_invented_department_and_date_are_dropped(llm_pipeline: Pipeline) -> None:
    Recorder.mode = "invented"
    answer = llm_pipeline.ask(QUESTION)
    assert answer.text == "由市生态环境局牵头。[1]"
    assert "市财政局" not in answer.text and "2030" not in answer.text


@pytest.mark.parametrize("mode", ["slow", "error", "not_found"])
def test_timeout_error_or_refusal_falls_back_to_extractive(
    llm_pipeline: Pipeline, mode: str
) -> None:
    Recorder.mode = mode
    started = time.monotonic()
    answer = llm_pipeline.ask(QUESTION)
    assert answer.generator == "extractive"
    assert answer.status == "answered" and answer.facts.lead == ("市生态环境局",)
    # The 1 s client timeout ended the wait, not the 10 s reply (a wide margin: CI is noisy).
    assert time.monotonic() - started < 8


def test_streaming_yields_verified_sentences_then_the_final_answer(
    llm_pipeline: Pipeline,
) -> None:
    Recorder.mode = "invented"
    events = list(llm_pipeline.stream(QUESTION))
    chunks = [e["data"] for e in events if e["event"] == "answer"]
    assert chunks == ["由市生态环境局牵头。[1]"]
    final = events[-1]
    assert final["event"] == "final" and final["data"].generator == "llm:test-model"
    assert Recorder.requests[-1]["body"]["stream"] is True


def test_without_llm_stream_replays_the_extractive_answer(indexed: Pipeline) -> None:
    events = list(indexed.stream(QUESTION))
    text = "".join(e["data"] for e in events if e["event"] == "answer")
    assert text == events[-1]["data"].text and events[-1]["data"].generator == "extractive"
