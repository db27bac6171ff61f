"""Owns configuration, the one place it is read: ``POLICYQA_*`` environment variables."""

from __future__ import annotations

from pathlib import Path

from pydantic import BaseModel, SecretStr
from pydantic_settings import BaseSettings, SettingsConfigDict

PROJECT_ROOT = Path(__file__).resolve().parents[2]
# The longest question accepted, by every entry point (CLI, API, WeChat, search).
MAX_QUESTION_CHARS = 500


class EmbeddingSettings(BaseModel):
    """Which embedder to use and where its converted weights are cached."""

    # onnx: 4-bit ONNX of multilingual-e5-small, no torch when serving (see the README's
    # speed table); sentence-transformers: the float model on torch, the reference.
    backend: str = "onnx"
    # For backend "local": a sentence-transformers folder the user provides.
    model_path: Path | None = None
    cache_dir: Path = Path.home() / ".cache" / "policyqa" / "models"
    query_prefix: str = "query: "
    passage_prefix: str = "passage: "
    batch_size: int = 32
    # Threads of one onnx model run (0: one per core).
    threads: int = 0
    query_cache_size: int = 1024


class ChromaSettings(BaseModel):
    """Embedded Chroma by default; a server when ``url`` is set."""

    url: str | None = None
    collection: str = "policyqa_clauses"


class RetrievalSettings(BaseModel):
    """Reciprocal rank fusion over BM25 and dense results."""

    rrf_k: int = 60
    dense_weight: float = 1.0
    # Tuned on the dev split only: BM25 is strong on this genre (questions reuse the
    # plans' wording), embeddings add recall on paraphrases.
    sparse_weight: float = 2.0
    overfetch: int = 30
    region_boost: float = 0.02
    phrase_boost: float = 0.01


class LLMSettings(BaseModel):
    """Optional OpenAI-compatible endpoint; off while ``base_url`` is unset."""

    base_url: str | None = None
    model: str = "qwen-plus"
    api_key: SecretStr | None = None
    timeout_s: float = 20.0
    max_tokens: int = 800


class WeChatSettings(BaseModel):
    """Official-account callback settings."""

    token: SecretStr | None = None
    app_id: str | None = None
    app_secret: SecretStr | None = None
    encoding_aes_key: SecretStr | None = None
    # plain, compatible or safe (AES): as set on the official-account console.
    mode: str = "plain"
    path: str = "/wechat"
    # Reply within this budget; WeChat drops the connection at 5 s and retries.
    budget_s: float = 4.5
    # How long a non-final attempt is held open so that WeChat times out and retries.
    retry_hold_s: float = 5.5
    max_body_bytes: int = 64 * 1024
    # Verified accounts: push late answers through the customer-service API.
    customer_service: bool = False
    api_base: str = "https://api.weixin.qq.com"


class ServerSettings(BaseModel):
    """The HTTP service."""

    host: str = "127.0.0.1"
    port: int = 8000
    # Origins allowed to call the API from a browser and to embed the widget.
    cors_origins: list[str] = []
    # Upload, delete and re-ingest need this key; with none set they are disabled.
    admin_key: SecretStr | None = None
    rate_limit_per_minute: int = 120
    max_upload_bytes: int = 10 * 1024 * 1024
    max_question_chars: int = MAX_QUESTION_CHARS


class Settings(BaseSettings):
    """All of policyqa's configuration.

    Args:
        corpus_dir: folder holding the source documents and ``manifest.toml``.
        index_dir: where the built indexes live.
    """

    model_config = SettingsConfigDict(
        env_prefix="POLICYQA_",
        env_nested_delimiter="_",
        env_nested_max_split=1,
        extra="ignore",
    )

    corpus_dir: Path = PROJECT_ROOT / "corpus"
    index_dir: Path = PROJECT_ROOT / "indexes"
    prompts_dir: Path = PROJECT_ROOT / "prompts"
    embedding: EmbeddingSettings = EmbeddingSettings()
    chroma: ChromaSettings = ChromaSettings()
    retrieval: RetrievalSettings = RetrievalSettings()
    llm: LLMSettings = LLMSettings()
    wechat: WeChatSettings = WeChatSettings()
    server: ServerSettings = ServerSettings()
    # redis://host:6379/0: sessions and rate limits shared by every worker and machine.
    # Unset, they stay in this process and the index directory, and no server is needed.
    redis_url: str | None = None
