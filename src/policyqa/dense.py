"""Owns the dense index: vectors in a Chroma collection, embedded or on a ``chroma run`` server."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any, Protocol
from urllib.parse import urlparse

import numpy as np

Metadata = Mapping[str, str | int | float | bool | list[str]]


class VectorStore(Protocol):
    """Where unit vectors live; one collection per index build."""

    def add(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None: ...

    def query(
        self, vector: np.ndarray, limit: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]: ...


class ChromaStore:
    """One Chroma collection. Vectors are always given: Chroma never embeds by itself.

    Args:
        client: a ``PersistentClient`` or ``HttpClient``.
        name: the collection name.
    """

    def __init__(self, client: Any, name: str) -> None:
        self.client = client
        self.name = name
        # embedding_function=None: a collection without one would make chromadb reach for
        # its own default model online, which fails here.
        self.collection = client.get_or_create_collection(
            name, embedding_function=None, configuration={"hnsw": {"space": "cosine"}}
        )

    def add(
        self,
        ids: Sequence[str],
        vectors: np.ndarray,
        texts: Sequence[str],
        metadatas: Sequence[Metadata],
    ) -> None:
        batch = 1000  # stays under Chroma's maximum batch size
        for start in range(0, len(ids), batch):
            end = start + batch
            self.collection.add(
                ids=list(ids[start:end]),
                embeddings=vectors[start:end].tolist(),
                documents=list(texts[start:end]),
                metadatas=[dict(m) for m in metadatas[start:end]],
            )

    def query(
        self, vector: np.ndarray, limit: int, doc_ids: Sequence[str] | None = None
    ) -> list[tuple[str, float]]:
        """Unit ids by cosine similarity, best first."""
        where: dict[str, Any] | None = None
        if doc_ids:
            where = {"doc_id": {"$in": list(doc_ids)}}
        result = self.collection.query(
            query_embeddings=[vector.tolist()], n_results=limit, where=where, include=["distances"]
        )
        ids, distances = result["ids"][0], (result["distances"] or [[]])[0]
        return [(i, 1.0 - float(d)) for i, d in zip(ids, distances, strict=True)]

    def vectors_for(self, doc_id: str) -> tuple[list[str], np.ndarray]:
        """Stored ids and vectors of one document (to carry over unchanged documents)."""
        got = self.collection.get(where={"doc_id": doc_id}, include=["embeddings"])
        return list(got["ids"]), np.asarray(got["embeddings"], dtype=np.float32)

    def count(self) -> int:
        return int(self.collection.count())


def make_chroma_client(url: str | None, index_dir: Path) -> Any:
    """An ``HttpClient`` when ``url`` is set, else a ``PersistentClient`` under ``index_dir``."""
    import chromadb
    from chromadb.config import Settings as ChromaClientSettings

    settings = ChromaClientSettings(anonymized_telemetry=False)
    if url:
        parsed = urlparse(url if "://" in url else f"http://{url}")
        return chromadb.HttpClient(
            host=parsed.hostname or "127.0.0.1",
            port=parsed.port or 8000,
            ssl=parsed.scheme == "https",
            settings=settings,
        )
    path = index_dir / "chroma"
    path.mkdir(parents=True, exist_ok=True)
    return chromadb.PersistentClient(path=str(path), settings=settings)


def drop_collection(client: Any, name: str) -> None:
    """Delete a collection if it exists."""
    try:
        client.delete_collection(name)
    except Exception:  # noqa: BLE001 - Chroma raises different types per mode for "absent"
        pass


def collection_names(client: Any) -> list[str]:
    return [c if isinstance(c, str) else c.name for c in client.list_collections()]
