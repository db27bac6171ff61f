"""WeChat reply time for text messages on the extractive default: prints p50/p95.

    .venv/bin/python benchmarks/bench_wechat.py [--messages 176]

Signed plain-mode requests through the real app in process (no network); the index under
indexes/ must exist (`policyqa ingest`). WeChat's deadline is 5 s; this must stay far below.
"""

from __future__ import annotations

import argparse
import hashlib
import json
import statistics
import time
from pathlib import Path

from fastapi.testclient import TestClient

from policyqa.server import create_app
from policyqa.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
TOKEN = "bench-token"


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--messages", type=int, default=176)
    args = parser.parse_args()
    rows = [
        json.loads(line) for line in (ROOT / "evals" / "questions.jsonl").open(encoding="utf-8")
    ]
    questions = [r["question"] for r in rows]
    settings = Settings(wechat={"token": TOKEN}, server={"rate_limit_per_minute": 100000})
    timestamp, nonce = "1700000000", "bench"
    signature = hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce])).encode()).hexdigest()
    params = {"signature": signature, "timestamp": timestamp, "nonce": nonce}
    samples, biggest = [], 0
    with TestClient(create_app(settings)) as client:
        for n in range(args.messages):
            question = questions[n % len(questions)]
            body = (
                f"<xml><ToUserName><![CDATA[gh]]></ToUserName><FromUserName><![CDATA[u{n}]]>"
                f"</FromUserName><CreateTime>{n}</CreateTime><MsgType><![CDATA[text]]>"
                f"</MsgType><Content><![CDATA[{question}]]></Content><MsgId>{n}</MsgId></xml>"
            )
            started = time.perf_counter()
            response = client.post("/wechat", params=params, content=body.encode())
            samples.append(time.perf_counter() - started)
            assert response.status_code == 200
            biggest = max(biggest, len(response.content))
    ordered = sorted(samples)
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))]
    print(
        f"{len(samples)} text messages: reply p50 {statistics.median(ordered) * 1000:.0f} ms, "
        f"p95 {p95 * 1000:.0f} ms, max {ordered[-1] * 1000:.0f} ms "
        f"(WeChat deadline 5000 ms); largest reply {biggest} bytes of XML"
    )


if __name__ == "__main__":
    main()
