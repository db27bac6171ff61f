from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from policyqa.documents import load_file
from policyqa.index import IndexNotReady, make_units, read_manifest
from policyqa.library import Library
from policyqa.library_service import LibraryService
from policyqa.pipeline import Pipeline
from tests.conftest import CORPUS, FIXTURES, make_settings


def test_units_are_clauses_with_windows_for_long_ones(library: Library) -> None:
    units = make_units(library)
    clause_units = [u for u in units if u.kind == "clause"]
    assert [u.id for u in clause_units] == [c.id for c in library.clauses]
    windows = [u for u in units if u.kind == "window"]
    assert windows and all(u.clause_id in {c.id for c in library.clauses} for u in windows)
    for unit in units:
        assert library.document(unit.doc_id).text[unit.start : unit.end] == unit.text
    task4 = next(u for u in units if u.id == "baotou/二/（一）/4")
    assert task4.embed_text.startswith("二、工作任务 › （一）开展新污染物调查监测")
    assert "包头海关" in task4.departments and task4.region == "包头市"


def test_manifest_records_model_parser_and_documents(indexed: Pipeline) -> None:
    manifest = read_manifest(indexed.settings.index_dir)
    assert manifest is not None
    assert manifest["dimension"] == 384 and manifest["parser_version"]
    assert set(manifest["documents"]) == {"baotou", "lianyungang"}
    assert indexed.retriever.index.dense.count() == manifest["units"]


def _corpus_copy(tmp_path: Path) -> Path:
    corpus = tmp_path / "corpus"
    shutil.copytree(CORPUS, corpus)
    return corpus


def test_incremental_ingest_reembeds_only_changes(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path / "index")
    first = Pipeline(settings, embedder=embedder).ingest()
    assert first.added == ["baotou", "lianyungang"] and first.embedded == first.units

    again = Pipeline(settings, embedder=embedder).ingest()
    assert again.embedded == 0 and again.unchanged == ["baotou", "lianyungang"]

    service = LibraryService(Pipeline(settings, embedder=embedder))
    added = service.add([load_file(FIXTURES / "halfwidth-runin.txt")]).report
    assert added.added == ["halfwidth-runin"] and 0 < added.embedded < 10
    assert service.current.search("快递包装", k=1)[0].doc_id == "halfwidth-runin"

    removed = service.delete("halfwidth-runin").report
    assert removed.removed == ["halfwidth-runin"] and removed.embedded == 0
    assert all(h.doc_id != "halfwidth-runin" for h in service.current.search("快递包装", k=10))
    # Old builds and their collections are gone.
    assert len(list((settings.index_dir / "builds").iterdir())) == 1


def test_interrupted_ingest_leaves_previous_index_usable(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path / "index")
    pipeline = Pipeline(settings, embedder=embedder)
    pipeline.ingest()
    before = read_manifest(settings.index_dir)

    def interrupt(stage: str, done: int, total: int) -> None:
        raise KeyboardInterrupt

    with pytest.raises(KeyboardInterrupt):
        Pipeline(settings, embedder=embedder).ingest(rebuild=True, progress=interrupt)
    assert read_manifest(settings.index_dir) == before
    assert not [p for p in (settings.index_dir / "builds").iterdir() if p.name.startswith(".tmp")]
    hits = Pipeline(settings, embedder=embedder).search("农药包装废弃物回收率", k=1)
    assert hits[0].clause_id == "baotou/二/（三）/11"


def test_index_from_another_model_asks_for_rebuild(indexed: Pipeline, tmp_path: Path) -> None:
    index_dir = tmp_path / "index"
    shutil.copytree(indexed.settings.index_dir, index_dir)
    build = (index_dir / "CURRENT").read_text()
    manifest_path = index_dir / "builds" / build / "manifest.json"
    manifest = json.loads(manifest_path.read_text())
    manifest["model"] = "someone-else/bge-small-zh"
    manifest_path.write_text(json.dumps(manifest))
    pipeline = Pipeline(make_settings(index_dir), embedder=indexed.embedder)
    with pytest.raises(IndexNotReady, match="policyqa ingest --rebuild"):
        pipeline.search("测试")


def test_missing_index_says_what_to_run(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    with pytest.raises(IndexNotReady, match="policyqa ingest"):
        Pipeline(make_settings(tmp_path / "none"), embedder=embedder).search("测试")


def test_a_worker_follows_documents_another_process_added(tmp_path: Path, embedder) -> None:  # type: ignore[no-untyped-def]
    settings = make_settings(tmp_path / "index")
    worker = Pipeline(settings, embedder=embedder)
    worker.ingest()
    worker.ask("哪个部门牵头落实新污染物管控措施？")  # the worker has loaded the old set
    writer = LibraryService(Pipeline(settings, embedder=embedder))
    writer.add([load_file(FIXTURES / "halfwidth-runin.txt")])
    answer = worker.ask("快递企业的可循环包装由谁负责？")
    assert answer.citations and answer.citations[0].doc_id == "halfwidth-runin"
