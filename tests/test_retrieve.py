from __future__ import annotations

from pathlib import Path

import pytest

from policyqa.langchain_adapters import PolicyQAEmbeddings, PolicyQARetriever
from policyqa.library import detect_regions
from policyqa.pipeline import Pipeline
from tests.conftest import make_settings


def test_every_clause_is_findable_by_its_own_title(indexed: Pipeline) -> None:
    for clause in indexed.library.clauses:
        if clause.title == "引言":
            continue
        question = f"{clause.breadcrumb[0] if clause.doc_id == 'baotou' else ''}{clause.title}"
        hits = indexed.search(question, k=3, doc_ids=[clause.doc_id])
        assert clause.id in [h.clause_id for h in hits], clause.id


@pytest.mark.parametrize(
    ("question", "expected"),
    [
        ("消防队库存的含氟泡沫灭火剂怎么处理？", "baotou/二/（二）/6"),
        ("卖兽药的有什么新规定？", "baotou/二/（三）/10"),
        ("农药瓶子回收有没有指标", "baotou/二/（三）/11"),
        ("环保局要对新化学物质登记做什么", "baotou/二/（二）/5"),
    ],
)
def test_paraphrases_find_the_clause(indexed: Pipeline, question: str, expected: str) -> None:
    assert expected in [h.clause_id for h in indexed.search(question, k=3)]


def test_named_city_ranks_first(indexed: Pipeline) -> None:
    hits = indexed.search("连云港清洁生产由哪些部门负责", k=4)
    assert hits[0].doc_id == "lianyungang"
    assert hits[0].clause_id == "lianyungang/（四）/9"
    assert detect_regions("包头和连云港有什么不同", indexed.library.region_names()) == (
        "baotou",
        "lianyungang",
    )
    assert detect_regions("江苏的方案", indexed.library.region_names()) == ("lianyungang",)


def test_document_filter_and_component_ranks(indexed: Pipeline) -> None:
    hits = indexed.search("清洁生产审核", k=5, doc_ids=["lianyungang"])
    assert hits and {h.doc_id for h in hits} == {"lianyungang"}
    assert hits[0].dense_rank is not None and hits[0].sparse_rank is not None
    bm25_only = indexed.search("清洁生产审核", k=3, method="bm25")
    assert all(h.dense_rank is None for h in bm25_only)


def test_exact_department_phrase_is_boosted(indexed: Pipeline) -> None:
    hits = indexed.search("包头银保监分局负责什么", k=3)
    assert hits[0].clause_id == "baotou/三/（三）"
    assert "包头银保监分局" in hits[0].boosts


def test_langchain_retriever_and_embeddings(indexed: Pipeline) -> None:
    retriever = PolicyQARetriever(pipeline=indexed, k=2)
    documents = retriever.invoke("兽用抗菌药残留合格率")
    assert documents[0].metadata["clause_id"] == "baotou/二/（三）/10"
    assert len(documents) == 2
    embeddings = PolicyQAEmbeddings(indexed.embedder)
    vector = embeddings.embed_query("测试")
    assert len(vector) == 384 and len(embeddings.embed_documents(["甲", "乙"])) == 2


def test_server_mode_two_workers_share_one_chroma(
    chroma_server: str,
    tmp_path: Path,
    embedder,  # type: ignore[no-untyped-def]
) -> None:
    index_dir = tmp_path / "index"
    settings = make_settings(index_dir, chroma={"url": chroma_server})
    writer = Pipeline(settings, embedder=embedder)
    report = writer.ingest()
    assert report.units > 0
    assert not (index_dir / "chroma").exists()  # nothing embedded locally: vectors on server
    worker = Pipeline(make_settings(index_dir, chroma={"url": chroma_server}), embedder=embedder)
    hits = worker.search("首轮化学物质基本信息调查什么时候完成", k=3)
    assert hits[0].dense_rank is not None
    assert {"baotou/二/（一）/1", "lianyungang/（二）/3"} & {h.clause_id for h in hits}
    # A second ingest swaps collections on the server; the worker follows the new build.
    writer.ingest(rebuild=True)
    assert worker.search("首轮化学物质基本信息调查", k=1)[0].dense_rank is not None
    assert worker.retriever.index.manifest["build_id"] == writer.current_build()
