from __future__ import annotations

from pathlib import Path

import pytest

from policyqa.documents import load_corpus
from policyqa.library import Library, build_library

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"
FIXTURES = Path(__file__).resolve().parent / "fixtures"


@pytest.fixture(scope="session")
def library() -> Library:
    loaded = load_corpus(CORPUS)
    assert not loaded.errors
    return build_library(loaded.documents)


@pytest.fixture(scope="session")
def embedder():  # type: ignore[no-untyped-def]
    """The real bundled model, loaded once for the whole session."""
    from policyqa.embed import make_embedder
    from policyqa.settings import EmbeddingSettings

    return make_embedder(EmbeddingSettings())


def make_settings(index_dir: Path, **overrides: object):  # type: ignore[no-untyped-def]
    from policyqa.settings import Settings

    return Settings(index_dir=index_dir, corpus_dir=CORPUS, **overrides)


@pytest.fixture(scope="session")
def indexed(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
    """A pipeline over the real corpus with a real embedded Chroma index, built once."""
    from policyqa.pipeline import Pipeline

    pipeline = Pipeline(make_settings(tmp_path_factory.mktemp("index")), embedder=embedder)
    pipeline.ingest()
    return pipeline
