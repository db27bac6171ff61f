"""Retrieval speed and scale benchmark: prints figures, asserts nothing.

    .venv/bin/python benchmarks/bench_retrieval.py [--sizes 1000,10000,100000]

1. Speed on the real corpus: ingest time (model loaded), warm query latency p50/p95 over
   the eval questions, peak RSS.
2. Scale on a SYNTHETIC corpus: the seed plans' units varied (other city names,
   departments and years). By default the vectors are the seed vectors plus small noise,
   renormalised: the figures measure Chroma, BM25 and fusion at that size, not the model.
   ``--real-embeddings --sizes 10000`` embeds every passage with the default model
   instead, timed, and extrapolates what 100k would cost.
"""

from __future__ import annotations

import argparse
import json
import random
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

import numpy as np
from tqdm import tqdm

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT / "src"))

from policyqa.dense import ChromaStore, make_chroma_client  # noqa: E402
from policyqa.fusion import reciprocal_rank_fusion  # noqa: E402
from policyqa.index import make_units  # noqa: E402
from policyqa.pipeline import Pipeline  # noqa: E402
from policyqa.segment import expand_synonyms  # noqa: E402
from policyqa.settings import Settings  # noqa: E402
from policyqa.sparse import SparseIndex  # noqa: E402

CITIES = [
    "鄂尔多斯",
    "赤峰",
    "通辽",
    "乌海",
    "徐州",
    "盐城",
    "淮安",
    "宿迁",
    "镇江",
    "泰州",
    "扬州",
    "南通",
    "呼伦贝尔",
    "巴彦淖尔",
    "乌兰察布",
    "常州",
    "无锡",
    "湖州",
    "嘉兴",
    "绍兴",
]
DEPARTMENTS = [
    "市生态环境局",
    "市工信局",
    "市农牧局",
    "市卫健委",
    "市市场监管局",
    "市发改委",
    "市科技局",
    "市住建局",
    "市商务局",
    "市财政局",
    "市应急管理局",
    "市农业农村局",
]


def percentiles(samples: list[float]) -> str:
    ordered = sorted(samples)
    p50 = statistics.median(ordered) * 1000
    p95 = ordered[min(len(ordered) - 1, int(0.95 * len(ordered)))] * 1000
    return f"p50 {p50:.1f} ms, p95 {p95:.1f} ms"


def questions() -> list[str]:
    rows = [
        json.loads(line) for line in (ROOT / "evals" / "questions.jsonl").open(encoding="utf-8")
    ]
    return [r["question"] for r in rows]


def real_corpus() -> Pipeline:
    with tempfile.TemporaryDirectory() as tmp:
        settings = Settings(index_dir=Path(tmp))
        pipeline = Pipeline(settings)
        started = time.perf_counter()
        _ = pipeline.embedder
        print(f"model load: {time.perf_counter() - started:.1f} s")
        started = time.perf_counter()
        report = pipeline.ingest()
        print(f"ingest (corpus, {report.units} units): {time.perf_counter() - started:.1f} s")
        asked = questions()
        for question in asked[:5]:
            pipeline.search(question)  # warm-up
        samples = []
        for question in asked:
            started = time.perf_counter()
            pipeline.search(question)
            samples.append(time.perf_counter() - started)
        print(
            f"hybrid search, {len(asked)} questions (query cache warm for 5): "
            f"{percentiles(samples)}"
        )
        samples = []
        for question in asked:
            started = time.perf_counter()
            pipeline.ask(question)
            samples.append(time.perf_counter() - started)
        print(f"ask (extractive answer, cached query vectors): {percentiles(samples)}")
        return pipeline


def synthetic(pipeline: Pipeline, size: int, rng: random.Random, real: bool = False) -> None:
    seeds = make_units(pipeline.library)
    seed_vectors = pipeline.embedder.embed_documents([u.embed_text for u in seeds])
    texts, vectors, ids, docs = [], [], [], []
    noise = np.random.default_rng(7)
    for n in range(size):
        seed = n % len(seeds)
        unit = seeds[seed]
        city = rng.choice(CITIES)
        text = unit.embed_text.replace("包头", city).replace("连云港", city)
        for department in DEPARTMENTS:
            if department in text and rng.random() < 0.3:
                text = text.replace(department, rng.choice(DEPARTMENTS))
        text = text.replace("2023", str(rng.choice([2024, 2025, 2026])))
        vector = seed_vectors[seed] + noise.normal(0, 0.02, seed_vectors.shape[1])
        texts.append(text)
        vectors.append(vector / np.linalg.norm(vector))
        ids.append(f"syn{n}")
        docs.append(f"{city}-{n // 40}")
    matrix = np.asarray(vectors, dtype=np.float32)
    if real:  # the model embeds every synthetic passage, as an ingest would
        started = time.perf_counter()
        chunks = []
        with tqdm(total=size, desc="embedding", unit="passage", file=sys.stderr) as bar:
            for start in range(0, size, 256):
                chunks.append(pipeline.embedder.embed_documents(texts[start : start + 256]))
                bar.update(len(chunks[-1]))
        matrix = np.vstack(chunks)
        embed_s = time.perf_counter() - started
        print(
            f"synthetic {size:,} units, real embeddings ({pipeline.embedder.name}): "
            f"{embed_s:.0f} s, {size / embed_s:.1f} passages/s; 100k at this rate: "
            f"{100_000 / size * embed_s / 3600:.1f} h"
        )
    started = time.perf_counter()
    sparse = SparseIndex.build(ids, [pipeline.segmenter.search_tokens(t) for t in texts], docs)
    bm25_s = time.perf_counter() - started
    with tempfile.TemporaryDirectory() as tmp:
        client = make_chroma_client(None, Path(tmp))
        store = ChromaStore(client, f"synthetic-{size}")
        started = time.perf_counter()
        store.add(ids, matrix, texts, [{"doc_id": d} for d in docs])
        chroma_s = time.perf_counter() - started
        samples = []
        for question in questions()[:60]:
            started = time.perf_counter()
            tokens = expand_synonyms(pipeline.segmenter.search_tokens(question))
            sparse_ids = [u for u, _ in sparse.search(tokens, 30)]
            dense_ids = [u for u, _ in store.query(pipeline.embedder.embed_query(question), 30)]
            reciprocal_rank_fusion(
                {"sparse": sparse_ids, "dense": dense_ids}, {"sparse": 2.0, "dense": 1.0}
            )
            samples.append(time.perf_counter() - started)
    print(
        f"synthetic {size:>7,} units: build BM25 {bm25_s:.1f} s, Chroma add {chroma_s:.1f} s; "
        f"hybrid query {percentiles(samples)}"
    )


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--sizes", default="1000,10000,100000")
    parser.add_argument(
        "--real-embeddings", action="store_true", help="embed the synthetic passages (slow)"
    )
    args = parser.parse_args()
    pipeline = real_corpus()
    rng = random.Random(7)
    for size in (int(s) for s in args.sizes.split(",") if s):
        synthetic(pipeline, size, rng, args.real_embeddings)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"peak RSS: {peak:.0f} MB")


if __name__ == "__main__":
    main()
