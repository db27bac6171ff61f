"""Document changes have one owner: concurrent uploads, deletes and questions against a
real server lose nothing, and a failed change leaves exactly the previous state."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

import httpx
import numpy as np
import pytest

from policyqa.documents import load_file
from policyqa.index import read_manifest
from policyqa.library_service import ChangeRefused, LibraryService
from policyqa.pipeline import Pipeline
from tests.conftest import FIXTURES, make_settings, start_server, stop_server

ADMIN = {"X-API-Key": "s3cret"}
CITIES = ("云石", "青川", "河阳", "松林", "临江", "白沙")
QUESTIONS = ("哪个部门牵头落实新污染物管控措施？", "首轮化学物质调查什么时候完成？")


def plan_text(city: str) -> str:
    """A valid plan of its own: the variant fixture set in another city."""
    text = (FIXTURES / "halfwidth-runin.txt").read_text("utf-8")
    return text.replace("某市", f"{city}市")


def serve(index_dir: Path) -> tuple[str, subprocess.Popen[bytes]]:
    return start_server(  # type: ignore[no-any-return]
        index_dir,
        POLICYQA_SERVER_ADMIN_KEY="s3cret",
        POLICYQA_SERVER_RATE_LIMIT_PER_MINUTE="100000",
    )


@pytest.fixture()
def server(tmp_path: Path) -> Iterator[tuple[str, Path]]:
    index_dir = tmp_path / "index"
    url, process = serve(index_dir)
    try:
        yield url, index_dir
    finally:
        stop_server(process)


def _ask_until(url: str, done: threading.Event, statuses: list[int]) -> None:
    with httpx.Client(base_url=url, timeout=120) as client:
        n = 0
        while not done.is_set():
            response = client.post("/v1/ask", json={"question": QUESTIONS[n % len(QUESTIONS)]})
            statuses.append(response.status_code)
            n += 1


def _upload(url: str, name: str, text: str) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=300) as client:
        files = {"file": (name, text.encode("utf-8"), "text/plain")}
        return client.post("/v1/documents", files=files, headers=ADMIN)


def _delete(url: str, doc_id: str) -> httpx.Response:
    with httpx.Client(base_url=url, timeout=300) as client:
        return client.delete(f"/v1/documents/{doc_id}", headers=ADMIN)


def _ids(url: str) -> set[str]:
    return {d["id"] for d in httpx.get(f"{url}/v1/documents", timeout=30).json()}


def test_concurrent_uploads_deletes_and_questions_lose_nothing(
    server: tuple[str, Path], tmp_path: Path
) -> None:
    url, index_dir = server
    done = threading.Event()
    asked: list[int] = []
    questions = threading.Thread(target=_ask_until, args=(url, done, asked))
    questions.start()
    try:
        uploads = [(f"plan{n}.txt", plan_text(city)) for n, city in enumerate(CITIES[:4])]
        # The same id twice at once: exactly one of them may win.
        uploads.append(("plan0.txt", plan_text(CITIES[4])))
        with ThreadPoolExecutor(len(uploads)) as pool:
            added = list(pool.map(lambda u: _upload(url, *u), uploads))
        with ThreadPoolExecutor(2) as pool:
            deleted = list(pool.map(lambda d: _delete(url, d), ["plan1", "plan2"]))
    finally:
        done.set()
        questions.join()

    statuses = [r.status_code for r in added + deleted]
    assert all(s < 500 for s in statuses), [r.text for r in added + deleted]
    assert sorted(r.status_code for r in added) == [201, 201, 201, 201, 409]
    assert all(r.status_code == 200 for r in deleted)
    assert asked and set(asked) == {200}  # every question meanwhile was answered

    expected = {"baotou", "lianyungang", "plan0", "plan3"}
    assert _ids(url) == expected
    assert {p.stem for p in (index_dir / "uploads").iterdir()} == {"plan0", "plan3"}
    answer = httpx.post(
        f"{url}/v1/ask", json={"question": f"{CITIES[3]}市快递包装由谁负责？"}, timeout=60
    ).json()
    # The plan of the city the question names, read from its title, answers first.
    assert answer["citations"][0]["doc_id"] == "plan3"

    # The CLI's ingest, and then a second server started on the same index, still find
    # every document a 2xx reported.
    ingest = subprocess.run(
        [str(Path(sys.executable).parent / "policyqa"), "ingest"],
        env=os.environ | {"POLICYQA_INDEX_DIR": str(index_dir)},
        capture_output=True,
        text=True,
        timeout=300,
    )
    assert ingest.returncode == 0, ingest.stderr
    assert "删除 removed: -" in ingest.stdout and "新增 added: -" in ingest.stdout
    manifest = read_manifest(index_dir)
    assert manifest is not None and set(manifest["documents"]) == expected
    second, restarted = serve(index_dir)
    try:
        assert _ids(second) == expected
    finally:
        stop_server(restarted)
    assert _ids(url) == expected  # the first server followed the CLI's build


class FailingEmbedder:
    """The real model until ``fail`` is set: then it fails as a full disk or a dropped
    vector server would, in the middle of a build."""

    def __init__(self, inner: Any) -> None:
        self.inner = inner
        self.name = inner.name
        self.dimension = inner.dimension
        self.fail = False

    def embed_documents(self, texts: Any) -> np.ndarray:
        if self.fail:
            raise OSError("No space left on device")
        return self.inner.embed_documents(texts)  # type: ignore[no-any-return]

    def embed_query(self, text: str) -> np.ndarray:
        return self.inner.embed_query(text)  # type: ignore[no-any-return]


def _write_plan(folder: Path, name: str, city: str) -> Path:
    path = folder / name
    path.write_text(plan_text(city), "utf-8")
    return path


def test_a_failed_change_leaves_exactly_the_previous_state(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    failing = FailingEmbedder(embedder)
    settings = make_settings(tmp_path / "index")
    service = LibraryService(Pipeline(settings, embedder=failing))
    service.ensure_index()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    service.add([load_file(_write_plan(incoming, "yunshi.txt", "云石"))])
    uploads = settings.index_dir / "uploads"
    before_files = {p.name: p.read_bytes() for p in uploads.iterdir()}
    before_build = read_manifest(settings.index_dir)

    failing.fail = True
    (incoming / "v2").mkdir()
    replacement = _write_plan(incoming / "v2", "yunshi.txt", "青川")
    for change in (
        lambda: service.add([load_file(_write_plan(incoming, "linjiang.txt", "临江"))]),
        lambda: service.add([load_file(replacement)], replace_existing=True),
    ):
        with pytest.raises(OSError, match="No space left"):
            change()
        assert {p.name: p.read_bytes() for p in uploads.iterdir()} == before_files
        assert read_manifest(settings.index_dir) == before_build
    failing.fail = False
    ids = {d.id for d in service.current.library.documents}
    assert ids == {"baotou", "lianyungang", "yunshi"}
    answer = service.current.ask("云石市快递包装由谁负责？")
    assert answer.citations[0].doc_id == "yunshi"

    # Refusals change nothing either, and say why.
    with pytest.raises(ChangeRefused) as refused:
        service.add([load_file(_write_plan(incoming, "yunshi-copy.txt", "云石"))])
    assert refused.value.reason == "duplicate"
    with pytest.raises(ChangeRefused) as corpus:
        service.delete("baotou")
    assert corpus.value.reason == "corpus"
    assert {p.name: p.read_bytes() for p in uploads.iterdir()} == before_files


def test_two_owners_of_one_index_dir_serialise_through_the_file_lock(
    tmp_path: Path,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    """Two services (as two processes would) add at the same time: both documents stay."""
    settings = make_settings(tmp_path / "index")
    first = LibraryService(Pipeline(settings, embedder=embedder))
    second = LibraryService(Pipeline(settings, embedder=embedder))
    first.ensure_index()
    incoming = tmp_path / "incoming"
    incoming.mkdir()
    plans = [
        load_file(_write_plan(incoming, "heyang.txt", "河阳")),
        load_file(_write_plan(incoming, "songlin.txt", "松林")),
    ]
    with ThreadPoolExecutor(2) as pool:
        list(
            pool.map(lambda pair: pair[0].add([pair[1]]), zip((first, second), plans, strict=True))
        )
    manifest = read_manifest(settings.index_dir)
    assert manifest is not None
    assert set(manifest["documents"]) == {"baotou", "lianyungang", "heyang", "songlin"}
    for service in (first, second):
        service.current.ask("河阳市快递包装由谁负责？")  # each follows the other's build
        assert {d.id for d in service.current.library.documents} == set(manifest["documents"])
