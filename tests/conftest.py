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
