from __future__ import annotations

import socket
import time
import urllib.request
from collections.abc import Iterator
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


def free_port() -> int:
    """A free TCP port on loopback."""
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def wait_until_up(url: str, process, timeout: float) -> None:  # type: ignore[no-untyped-def]
    """Poll ``url`` until it answers 200; fail (and kill ``process``) after ``timeout``."""
    deadline = time.monotonic() + timeout
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            process.kill()
            pytest.fail(f"{url} did not answer within {timeout:.0f} s")
        time.sleep(0.5)


def start_server(index_dir: Path, up: str = "/readyz", **env: str):  # type: ignore[no-untyped-def]
    """A real ``policyqa serve`` on a free loopback port over ``index_dir``; its URL and
    process, once ``up`` answers 200. ``env`` adds POLICYQA_* settings (an admin key, a
    rate limit…)."""
    import os
    import subprocess
    import sys

    port = free_port()
    process = subprocess.Popen(
        [str(Path(sys.executable).parent / "policyqa"), "serve", "--port", str(port)],
        env=os.environ | {"POLICYQA_INDEX_DIR": str(index_dir)} | env,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}{up}", process, 180)
    return url, process


def stop_server(process) -> None:  # type: ignore[no-untyped-def]
    process.terminate()
    process.wait(timeout=30)


@pytest.fixture(scope="session")
def chroma_server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real `chroma run` on a free loopback port, its data in a temporary folder."""
    import subprocess
    import sys

    port = free_port()
    chroma = Path(sys.executable).parent / "chroma"
    data = tmp_path_factory.mktemp("chroma-server")
    process = subprocess.Popen(
        [str(chroma), "run", "--path", str(data), "--host", "127.0.0.1", "--port", str(port)],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"http://127.0.0.1:{port}"
    wait_until_up(f"{url}/api/v2/heartbeat", process, 60)
    yield url
    process.terminate()
    process.wait(timeout=20)


def uploaded(folder: Path, embedder, *paths: Path):  # type: ignore[no-untyped-def]
    """The corpus with ``paths`` uploaded beside it, in a fresh index under ``folder``."""
    from policyqa.documents import load_file
    from policyqa.library_service import LibraryService
    from policyqa.pipeline import Pipeline

    service = LibraryService(Pipeline(make_settings(folder / "index"), embedder=embedder))
    service.ensure_index()
    service.add([load_file(path) for path in paths])
    return service.current


def uploaded_regulations(factory, embedder, *names: str):  # type: ignore[no-untyped-def]
    """The corpus with the regulation fixtures ``names`` uploaded beside it: file stems of
    .txt files, or file names (a saved page, ``….html``)."""
    folder = FIXTURES / "regulations"
    files = (folder / (n if "." in n else f"{n}.txt") for n in names)
    return uploaded(factory.mktemp(names[0].split(".")[0]), embedder, *files)


def regulations_fixture(*names: str):  # type: ignore[no-untyped-def]
    """A module-scoped fixture: the corpus with the regulation fixtures ``names`` uploaded
    beside it, built once per test module (``rules = regulations_fixture(A, B)``)."""

    @pytest.fixture(scope="module")
    def library(tmp_path_factory: pytest.TempPathFactory, embedder):  # type: ignore[no-untyped-def]
        return uploaded_regulations(tmp_path_factory, embedder, *names)

    return library


def first_cited(answer) -> str:  # type: ignore[no-untyped-def]
    """The clause an answer cites first; the answer must be one, not a decline."""
    assert answer.status == "answered", answer.text
    return str(answer.citations[0].clause_id)
