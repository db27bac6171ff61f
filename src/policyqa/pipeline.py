"""The one object the CLI, the HTTP API and the WeChat bot drive."""

from __future__ import annotations

from collections.abc import Sequence
from functools import cached_property
from pathlib import Path

from policyqa.documents import LoadResult, load_corpus, load_paths
from policyqa.library import Library, build_library
from policyqa.settings import Settings


class Pipeline:
    """policyqa's stages wired together from one ``Settings``.

    Args:
        settings: the configuration.
        paths: files or folders to use instead of the manifest corpus.
    """

    def __init__(self, settings: Settings, paths: Sequence[Path] = ()) -> None:
        self.settings = settings
        self.paths = tuple(paths)

    @cached_property
    def loaded(self) -> LoadResult:
        if self.paths:
            return load_paths(self.paths)
        return load_corpus(self.settings.corpus_dir)

    @cached_property
    def library(self) -> Library:
        return build_library(self.loaded.documents)
