"""Owns optional LLM generation: the prompt, the endpoint and checking what it writes.

Off by default. Every generated sentence goes through the grounding verifier as it
completes; on a timeout or error, or when nothing is supported, the caller keeps the
extractive answer.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Protocol

from policyqa.answer import Answer
from policyqa.grounding import Verifier
from policyqa.sentences import split_stream
from policyqa.settings import LLMSettings

PROMPT_FILE = "answer.zh.md"


class Generator(Protocol):
    """Writes an answer from a prompt, whole or streamed."""

    name: str

    def generate(self, prompt: str) -> str: ...

    def stream(self, prompt: str) -> Iterator[str]: ...


class LangChainGenerator:
    """``ChatOpenAI`` against ``settings.base_url``: DeepSeek, Qwen, vLLM, Ollama…

    Args:
        settings: endpoint, model, key and timeout.
    """

    def __init__(self, settings: LLMSettings) -> None:
        from langchain_openai import ChatOpenAI

        key = settings.api_key.get_secret_value() if settings.api_key else "not-needed"
        self.model = ChatOpenAI(
            base_url=settings.base_url,
            model=settings.model,
            api_key=key,  # type: ignore[arg-type]
            timeout=settings.timeout_s,
            max_retries=0,
            temperature=0,
            # Some servers (llama.cpp) ignore max_completion_tokens; max_tokens works on all.
            extra_body={"max_tokens": settings.max_tokens},
        )
        self.name = f"llm:{settings.model}"

    def generate(self, prompt: str) -> str:
        return str(self.model.invoke(prompt).content)

    def stream(self, prompt: str) -> Iterator[str]:
        for chunk in self.model.stream(prompt):
            if chunk.content:
                yield str(chunk.content)


def make_generator(settings: LLMSettings) -> Generator | None:
    """The configured generator, or None when no endpoint is set."""
    if not settings.base_url:
        return None
    return LangChainGenerator(settings)


def load_prompt(prompts_dir: Path) -> str:
    """The Chinese answer template from ``prompts_dir``."""
    return (prompts_dir / PROMPT_FILE).read_text("utf-8")


def build_prompt(template: str, question: str, answer: Answer) -> str:
    """The prompt: the extractive answer's quotes as numbered clauses, and its facts."""
    clauses = "\n".join(f"[{c.n}]（{c.breadcrumb}）{c.quote}" for c in answer.citations)
    facts = answer.facts
    lines = []
    if facts.lead:
        lines.append("牵头：" + "、".join(facts.lead))
    if facts.departments:
        lines.append("责任部门：" + "、".join(facts.departments))
    if facts.deadlines:
        lines.append("时限：" + "、".join(facts.deadlines))
    if facts.targets:
        lines.append("目标：" + "、".join(facts.targets))
    return template.format(question=question, clauses=clauses, facts="\n".join(lines) or "（无）")


def verified_sentences(
    generator: Generator, prompt: str, answer: Answer, verifier: Verifier
) -> Iterator[str]:
    """The LLM's sentences that its quotes support, as they complete; none on failure."""
    quotes = {c.n: c.quote for c in answer.citations}
    buffer = ""
    try:
        for piece in generator.stream(prompt):
            buffer += piece
            *done, buffer = split_stream(buffer)
            for sentence in done:
                kept = verifier.supported_sentence(sentence, quotes)
                if kept:
                    yield kept
    except Exception:  # noqa: BLE001 - any LLM failure falls back to the extractive answer
        return
    kept = verifier.supported_sentence(buffer, quotes)
    if kept:
        yield kept
