"""The API as real clients see it, against a real server on loopback: the OpenAPI
document holds under schemathesis (--checks all), and the official ``openai`` client
lists the model and chats, whole and streamed, with follow-ups as message history."""

from __future__ import annotations

import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from tests.conftest import ROOT, start_server, stop_server

KEY = "s3cret"


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    # A throwaway index: with the admin key, the contract test uploads and deletes.
    index_dir = tmp_path_factory.mktemp("contract") / "index"
    url, process = start_server(
        index_dir,
        POLICYQA_SERVER_ADMIN_KEY=KEY,
        POLICYQA_SERVER_RATE_LIMIT_PER_MINUTE="100000",
    )
    try:
        yield url
    finally:
        stop_server(process)


def test_openapi_document_holds_under_schemathesis(server: str) -> None:
    schemathesis = Path(sys.executable).parent / "schemathesis"
    run = subprocess.run(
        [
            str(schemathesis),
            "run",
            f"{server}/openapi.json",
            "--checks",
            "all",
            "--max-examples",
            "10",
            "--seed",
            "1",
            "-H",
            f"X-API-Key: {KEY}",
        ],
        cwd=ROOT,  # schemathesis.toml: what a schema cannot say about uploads
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert run.returncode == 0, run.stdout[-6000:] + run.stderr[-2000:]
    summary = run.stdout.rsplit("SUMMARY", 1)[-1]
    assert "Failures:" not in summary and re.search(r"\d+ generated, \d+ passed", summary)


def test_openai_client_lists_the_model_and_chats(server: str) -> None:
    from openai import OpenAI

    client = OpenAI(base_url=f"{server}/v1", api_key="not-needed", max_retries=0)
    assert [m.id for m in client.models.list()] == ["policyqa"]
    assert client.models.retrieve("policyqa").owned_by == "policyqa"

    question = "包头清洁生产由哪些部门负责？"
    reply = client.chat.completions.create(
        model="policyqa", messages=[{"role": "user", "content": question}]
    )
    first = reply.choices[0].message.content or ""
    assert "市发改委" in first and "来源：" in first

    stream = client.chat.completions.create(
        model="policyqa", messages=[{"role": "user", "content": question}], stream=True
    )
    streamed = "".join(chunk.choices[0].delta.content or "" for chunk in stream if chunk.choices)
    assert streamed == first

    # A follow-up arrives as the whole history, as chat UIs send it.
    history = [
        {"role": "user", "content": question},
        {"role": "assistant", "content": first},
        {"role": "user", "content": "连云港呢？"},
    ]
    follow = client.chat.completions.create(model="policyqa", messages=history)
    assert "连云港市新污染物治理工作方案" in (follow.choices[0].message.content or "")

    # No usable question: an assistant reply saying so, not an HTTP error.
    empty = client.chat.completions.create(
        model="policyqa", messages=[{"role": "system", "content": "你是助手"}]
    )
    assert empty.choices[0].message.content == "问题不能为空。"
