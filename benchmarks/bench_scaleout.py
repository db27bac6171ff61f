"""Scale-out load benchmark: wrk against two `policyqa serve` workers at once, sharing a
redis-server and one index directory, with a document uploaded to one of them halfway.

    .venv/bin/python benchmarks/bench_scaleout.py [--seconds 20] [--connections 4]

Needs `redis-server` and `wrk` (Debian packages). Talks to 127.0.0.1 only and uses the
index under indexes/ (run `policyqa ingest` first). Prints, per worker, requests per
second, p95 latency and errors (non-2xx responses and socket errors), and the upload.
"""

from __future__ import annotations

import argparse
import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

ROOT = Path(__file__).resolve().parents[1]
ADMIN_KEY = "bench"
# POST /v1/ask with one of several questions, so that the server's query cache misses.
WRK_SCRIPT = """
local questions = {
  "哪个部门牵头落实新污染物管控措施？", "包头市市场监管局负责哪些任务？",
  "到2025年要完成哪些任务？", "两市清洁生产的责任部门有什么不同？",
  "包头农药包装废弃物回收率要达到多少？", "连云港方案一共有几项任务？",
}
local n = 0
request = function()
  n = n + 1
  local body = '{"question": "' .. questions[(n % #questions) + 1] .. '"}'
  return wrk.format("POST", "/v1/ask", {["Content-Type"] = "application/json"}, body)
end
done = function(summary, latency, requests)
  io.write(string.format("p95_us %.0f\\n", latency:percentile(95)))
end
"""


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait(url: str, timeout: float = 180) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(url, timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    raise SystemExit(f"{url} did not come up")


def serve(port: int, env: dict[str, str]) -> subprocess.Popen[bytes]:
    command = [str(Path(sys.executable).parent / "policyqa"), "serve", "--port", str(port)]
    return subprocess.Popen(
        command, env=os.environ | env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL
    )


def wrk(url: str, seconds: int, connections: int, script: Path) -> dict[str, float]:
    done = subprocess.run(
        ["wrk", "-t1", f"-c{connections}", f"-d{seconds}s", "-s", str(script), url],
        capture_output=True,
        text=True,
    )
    out = done.stdout
    if done.returncode or "Requests/sec" not in out:
        raise RuntimeError(f"wrk failed: {done.stdout}{done.stderr}")
    rps = float(re.search(r"Requests/sec:\s+([\d.]+)", out).group(1))  # type: ignore[union-attr]
    found = re.search(r"p95_us (\d+)", out)
    if found is None:
        raise RuntimeError(f"wrk printed no p95: {out}{done.stderr}")
    p95 = float(found.group(1)) / 1000
    non_2xx = re.search(r"Non-2xx or 3xx responses:\s+(\d+)", out)
    sockets = re.search(
        r"Socket errors: connect (\d+), read (\d+), write (\d+), timeout (\d+)", out
    )
    errors = int(non_2xx.group(1)) if non_2xx else 0
    errors += sum(int(n) for n in sockets.groups()) if sockets else 0
    return {"rps": rps, "p95_ms": p95, "errors": errors}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=int, default=20)
    parser.add_argument("--connections", type=int, default=4)
    args = parser.parse_args()
    for tool in ("redis-server", "wrk"):
        if not shutil.which(tool):
            raise SystemExit(f"{tool} is not installed (apt-get install {tool})")
    work = Path(tempfile.mkdtemp(prefix="policyqa-scaleout-"))
    index = work / "index"
    shutil.copytree(ROOT / "indexes", index)
    redis_port = free_port()
    redis = subprocess.Popen(
        ["redis-server", "--port", str(redis_port), "--save", "", "--dir", str(work)],
        stdout=subprocess.DEVNULL,
    )
    env = {
        "POLICYQA_INDEX_DIR": str(index),
        "POLICYQA_REDIS_URL": f"redis://127.0.0.1:{redis_port}/0",
        "POLICYQA_SERVER_ADMIN_KEY": ADMIN_KEY,
        "POLICYQA_SERVER_RATE_LIMIT_PER_MINUTE": "1000000",
    }
    ports = [free_port(), free_port()]
    servers = [serve(port, env) for port in ports]
    urls = [f"http://127.0.0.1:{port}" for port in ports]
    script = work / "ask.lua"
    script.write_text(WRK_SCRIPT, "utf-8")
    try:
        for url in urls:
            wait(f"{url}/readyz")
        results: dict[str, dict[str, float]] = {}
        runs = [
            threading.Thread(
                target=lambda u=url: results.__setitem__(
                    u, wrk(u, args.seconds, args.connections, script)
                )
            )
            for url in urls
        ]
        for run in runs:
            run.start()
        time.sleep(args.seconds / 2)
        plan = (ROOT / "tests/fixtures/halfwidth-runin.txt").read_text("utf-8")
        started = time.monotonic()
        upload = httpx.post(
            f"{urls[0]}/v1/documents",
            files={"file": ("yunshi-plan.txt", plan.replace("某市", "云石市").encode())},
            headers={"X-API-Key": ADMIN_KEY},
            timeout=300,
        )
        upload_s = time.monotonic() - started
        for run in runs:
            run.join()
        followed = httpx.post(
            f"{urls[1]}/v1/ask", json={"question": "云石市快递包装由谁负责？"}, timeout=60
        ).json()
        print(f"two workers, {args.connections} connections each, {args.seconds} s, one Redis:")
        print("| worker | req/s | p95 ms | errors |")
        print("|---|---|---|---|")
        for n, url in enumerate(urls, start=1):
            r = results[url]
            print(f"| {n} | {r['rps']:.1f} | {r['p95_ms']:.1f} | {r['errors']:.0f} |")
        cited = {c["doc_id"] for c in followed.get("citations", [])}
        print(
            f"upload on worker 1 mid-run: {upload.status_code} in {upload_s:.1f} s; "
            f"worker 2 then answered it from {sorted(cited)}"
        )
    finally:
        for server in servers:
            server.terminate()
            server.wait(timeout=30)
        redis.terminate()
        redis.wait(timeout=10)
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
