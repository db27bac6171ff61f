"""Load benchmark: concurrent POST /v1/ask on loopback with 1 and 2 workers.

    .venv/bin/python benchmarks/bench_server.py [--requests 300] [--concurrency 8]

Bounded in count and time; talks to 127.0.0.1 only. Uses the index under indexes/ (run
`policyqa ingest` first). Prints throughput and p50/p95/p99 latency.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_ready(url: str, workers: int, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    ready = 0
    while ready < workers * 3:  # several answers in a row: every worker is up
        try:
            ready = ready + 1 if httpx.get(f"{url}/readyz", timeout=2).status_code == 200 else 0
        except httpx.HTTPError:
            ready = 0
        if time.monotonic() > deadline:
            raise SystemExit("server not ready in time")
        time.sleep(0.3)


def run(workers: int, questions: list[str], total: int, concurrency: int) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    process = subprocess.Popen(
        [
            str(Path(sys.executable).parent / "policyqa"),
            "serve",
            "--port",
            str(port),
            "--workers",
            str(workers),
        ],
        env=os.environ | {"POLICYQA_SERVER_RATE_LIMIT_PER_MINUTE": "100000"},
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    try:
        wait_ready(url, workers)
        with httpx.Client(base_url=url, timeout=30) as client:

            def one(n: int) -> tuple[float, int]:
                started = time.perf_counter()
                response = client.post("/v1/ask", json={"question": questions[n % len(questions)]})
                return time.perf_counter() - started, response.status_code

            for n in range(concurrency):  # warm-up
                one(n)
            started = time.perf_counter()
            with ThreadPoolExecutor(concurrency) as pool:
                results = list(pool.map(one, range(total)))
            elapsed = time.perf_counter() - started
        latencies = sorted(r[0] * 1000 for r in results)
        errors = sum(1 for r in results if r[1] != 200)

        def pct(q: float) -> float:
            return latencies[min(len(latencies) - 1, int(q * len(latencies)))]

        print(
            f"workers={workers} requests={total} concurrency={concurrency}: "
            f"{total / elapsed:.1f} req/s, p50 {pct(0.5):.0f} ms, p95 {pct(0.95):.0f} ms, "
            f"p99 {pct(0.99):.0f} ms, errors {errors}"
        )
    finally:
        process.terminate()
        process.wait(timeout=30)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--requests", type=int, default=300)
    parser.add_argument("--concurrency", type=int, default=8)
    args = parser.parse_args()
    rows = [
        json.loads(line) for line in (ROOT / "evals" / "questions.jsonl").open(encoding="utf-8")
    ]
    questions = [r["question"] for r in rows]
    for workers in (1, 2):
        run(workers, questions, args.requests, args.concurrency)


if __name__ == "__main__":
    main()
