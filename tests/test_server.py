from __future__ import annotations

import io
import json
from collections.abc import Iterator
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from policyqa.pipeline import Pipeline
from policyqa.server import create_app
from tests.conftest import FIXTURES, make_settings

ADMIN = {"X-API-Key": "s3cret"}


@pytest.fixture(scope="module")
def client(indexed: Pipeline) -> Iterator[TestClient]:
    settings = make_settings(
        indexed.settings.index_dir, server={"cors_origins": ["https://allowed.example"]}
    )
    with TestClient(create_app(settings, indexed)) as test_client:
        yield test_client


def sse_events(text: str) -> list[tuple[str, dict]]:  # type: ignore[type-arg]
    events = []
    for block in text.strip().split("\n\n"):
        lines = dict(line.split(": ", 1) for line in block.splitlines())
        events.append((lines["event"], json.loads(lines["data"])))
    return events


def test_ask_returns_the_answer_contract(client: TestClient) -> None:
    response = client.post("/v1/ask", json={"question": "包头农药包装废弃物回收率要达到多少？"})
    assert response.status_code == 200
    body = response.json()
    assert body["status"] == "answered" and body["facts"]["targets"] == ["80%"]
    assert body["citations"][0]["clause_id"] == "baotou/二/（三）/11"
    follow = client.post(
        "/v1/ask", json={"question": "那截止时间呢？", "session_id": body["session_id"]}
    ).json()
    assert follow["facts"]["deadlines"] == ["2025-12-31"]


def test_chat_streams_answer_then_citations_then_done(client: TestClient) -> None:
    response = client.post("/v1/chat", json={"question": "首轮化学物质调查什么时候完成？"})
    assert response.headers["content-type"].startswith("text/event-stream")
    events = sse_events(response.text)
    names = [name for name, _ in events]
    assert names[-2:] == ["citations", "done"] and set(names[:-2]) == {"answer"}
    streamed = "".join(data["text"] for name, data in events if name == "answer")
    assert streamed == events[-2][1]["answer"]


def test_openai_compatible_chat_completions(client: TestClient) -> None:
    request = {
        "model": "policyqa",
        "messages": [
            {"role": "system", "content": "你是助手"},
            {"role": "user", "content": "哪个部门牵头落实新污染物管控措施？"},
        ],
    }
    body = client.post("/v1/chat/completions", json=request).json()
    message = body["choices"][0]["message"]
    assert message["role"] == "assistant" and "市生态环境局牵头" in message["content"]
    assert "来源：\n[1]" in message["content"]
    assert body["citations"][0]["clause_id"] == "baotou/二/（一）/4"
    streamed = client.post("/v1/chat/completions", json=request | {"stream": True}).text
    chunks = [line[6:] for line in streamed.splitlines() if line.startswith("data: ")]
    assert chunks[-1] == "[DONE]"
    parsed = [json.loads(c) for c in chunks[:-1]]
    text = "".join(p["choices"][0]["delta"].get("content", "") for p in parsed)
    assert text == message["content"] and parsed[-1]["citations"]


def test_search_documents_clause_tasks_obligations(client: TestClient) -> None:
    hits = client.get("/v1/search", params={"q": "清洁生产审核", "doc": "lianyungang"}).json()
    assert hits and all(h["doc_id"] == "lianyungang" for h in hits)
    documents = client.get("/v1/documents").json()
    assert [d["id"] for d in documents] == ["baotou", "lianyungang"]
    baotou = client.get("/v1/documents/baotou").json()
    assert baotou["tree"][1]["heading"] == "一、总体要求" and baotou["metadata"]["city"] == "包头市"
    clause = client.get("/v1/clause", params={"id": "baotou/二/（二）/6"}).json()
    assert clause["title"] == "严格落实淘汰限用措施"
    tasks = client.get("/v1/tasks", params={"dept": "市场监督管理局", "doc": "baotou"}).json()
    assert [t["clause_id"] for t in tasks][:2] == ["baotou/二/（一）/4", "baotou/二/（二）/6"]
    due = client.get("/v1/tasks", params={"due_before": "2024-01-01"}).json()
    assert {t["clause_id"] for t in due} == {"baotou/二/（一）/1", "lianyungang/（二）/3"}
    csv_text = client.get("/v1/tasks", params={"format": "csv"}).text
    assert csv_text.startswith("\ufeff文件,条款,任务,牵头") and csv_text.count("\n") == 30
    chemical = client.get("/v1/obligations", params={"industry": "化工"}).json()
    assert chemical and all("化工" in o["industries"] or not o["industries"] for o in chemical)
    ics = client.get("/v1/deadlines.ics").text
    assert ics.startswith("BEGIN:VCALENDAR") and "DTSTART;VALUE=DATE:20231231" in ics


def test_health_docs_and_page(client: TestClient) -> None:
    assert client.get("/healthz").json() == {"status": "ok"}
    assert client.get("/readyz").json()["status"] == "ready"
    assert client.get("/docs").status_code == 200
    assert "/v1/ask" in client.get("/openapi.json").json()["paths"]
    page = client.get("/")
    assert "新污染物治理政策问答" in page.text
    assert page.headers["content-security-policy"] == (
        "frame-ancestors 'self' https://allowed.example"
    )
    assert "data-endpoint" in client.get("/widget.js").text


@pytest.mark.parametrize(
    ("body", "headers", "status", "code"),
    [
        ({"question": ""}, None, 422, "empty_question"),
        ({"question": "   "}, None, 422, "empty_question"),
        ({"question": "问" * 501}, None, 422, "question_too_long"),
        ({"nothing": 1}, None, 422, "invalid_request"),
        ("{bad json", {"Content-Type": "application/json"}, 400, "invalid_json"),
        ("question", {"Content-Type": "text/plain"}, 415, "unsupported_media_type"),
    ],
)
def test_bad_questions_get_json_errors(
    client: TestClient, body: object, headers: dict[str, str] | None, status: int, code: str
) -> None:
    if isinstance(body, str):
        response = client.post("/v1/ask", content=body, headers=headers)
    else:
        response = client.post("/v1/ask", json=body)
    assert response.status_code == status
    error = response.json()
    assert error["code"] == code and "/" in error["message"]  # Chinese / English


def test_unknown_things_are_json_404s_without_traces(client: TestClient) -> None:
    for path in ("/nope", "/v1/documents/beijing", "/v1/clause?id=x/1"):
        response = client.get(path)
        assert response.status_code == 404 and "code" in response.json()
        assert "Traceback" not in response.text
    assert client.get("/v1/tasks", params={"doc": "beijing"}).status_code == 404


def test_cors_allows_only_listed_origins(client: TestClient) -> None:
    preflight = {
        "Access-Control-Request-Method": "POST",
        "Access-Control-Request-Headers": "content-type",
    }
    allowed = client.options("/v1/ask", headers={"Origin": "https://allowed.example", **preflight})
    assert allowed.headers["access-control-allow-origin"] == "https://allowed.example"
    denied = client.options("/v1/ask", headers={"Origin": "https://evil.example", **preflight})
    assert "access-control-allow-origin" not in denied.headers


def test_rate_limit_per_client(indexed: Pipeline) -> None:
    settings = make_settings(indexed.settings.index_dir, server={"rate_limit_per_minute": 3})
    with TestClient(create_app(settings, indexed)) as limited:
        replies = [limited.get("/v1/search", params={"q": "清洁生产"}) for _ in range(4)]
    assert [r.status_code for r in replies] == [200, 200, 200, 429]
    refused = replies[-1]
    assert refused.json()["code"] == "rate_limited"
    assert 0 < int(refused.headers["retry-after"]) <= 60


def test_admin_endpoints_are_disabled_without_a_key(client: TestClient) -> None:
    files = {"file": ("plan.txt", b"x", "text/plain")}
    assert client.post("/v1/documents", files=files).json()["code"] == "admin_disabled"
    assert client.delete("/v1/documents/baotou").status_code == 403


@pytest.fixture(scope="module")
def admin_client(tmp_path_factory: pytest.TempPathFactory, embedder) -> Iterator[TestClient]:  # type: ignore[no-untyped-def]
    settings = make_settings(
        tmp_path_factory.mktemp("admin") / "index",
        server={"admin_key": "s3cret", "max_upload_bytes": 60_000},
    )
    pipeline = Pipeline(settings, embedder=embedder)
    with TestClient(create_app(settings, pipeline)) as test_client:
        yield test_client


def test_upload_reports_what_it_could_not_read(admin_client: TestClient) -> None:
    data = (FIXTURES / "forms" / "joint-lead-guideline.txt").read_bytes()
    created = admin_client.post(
        "/v1/documents", files={"file": ("joint-lead-guideline.txt", data)}, headers=ADMIN
    )
    assert created.status_code == 201
    body = created.json()
    assert body["id"] == "joint-lead-guideline" and body["action"] == "added"
    assert [w.split(":")[0] for w in body["warnings"]] == ["joint-lead-guideline/二/（九）"]
    rows = admin_client.get("/v1/tasks", params={"doc": "joint-lead-guideline"}).json()
    assert rows[0]["lead"] == ["省通信管理局", "省发展改革委"]
    assert (
        admin_client.delete("/v1/documents/joint-lead-guideline", headers=ADMIN).status_code == 200
    )


def test_upload_search_and_delete_a_document(admin_client: TestClient) -> None:
    data = (FIXTURES / "halfwidth-runin.txt").read_bytes()
    wrong = admin_client.post(
        "/v1/documents", files={"file": ("p.txt", data)}, headers={"X-API-Key": "nope"}
    )
    assert wrong.status_code == 401
    created = admin_client.post(
        "/v1/documents", files={"file": ("kuaidi-plan.txt", data)}, headers=ADMIN
    )
    assert created.status_code == 201 and created.json()["id"] == "kuaidi"
    answer = admin_client.post("/v1/ask", json={"question": "快递包装由谁负责？"}).json()
    assert answer["citations"][0]["doc_id"] == "kuaidi"
    assert admin_client.delete("/v1/documents/baotou", headers=ADMIN).status_code == 409
    assert admin_client.delete("/v1/documents/kuaidi", headers=ADMIN).status_code == 200
    ids = [d["id"] for d in admin_client.get("/v1/documents").json()]
    assert ids == ["baotou", "lianyungang"]


@pytest.mark.parametrize(
    ("name", "content", "status", "code"),
    [
        ("big.txt", "一、任务\n".encode() * 8000, 413, "file_too_large"),
        ("sheet.et", b"PK", 415, "unsupported_file_type"),
        ("sheet.xls", b"PK", 422, "unreadable_document"),
        ("broken.docx", b"not a zip", 422, "unreadable_document"),
        ("broken.pdf", b"%PDF-1.4 garbage", 422, "unreadable_document"),
        ("empty.txt", b"", 422, "unreadable_document"),
    ],
)
def test_bad_uploads_leave_nothing_behind(
    admin_client: TestClient, name: str, content: bytes, status: int, code: str
) -> None:
    response = admin_client.post(
        "/v1/documents", files={"file": (name, io.BytesIO(content))}, headers=ADMIN
    )
    body = response.json()
    assert response.status_code == status and body["code"] == code
    # The file is named as the user sent it, never by a temporary path on the server.
    assert name in body["message"] and "/tmp" not in body["message"]
    assert [d["id"] for d in admin_client.get("/v1/documents").json()] == ["baotou", "lianyungang"]


def test_same_id_new_content_replaces_only_when_asked(admin_client: TestClient) -> None:
    text = (FIXTURES / "halfwidth-runin.txt").read_text("utf-8")
    first = text.replace("某市", "云石市")
    second = first.replace("2024年6月底前", "2024年9月底前")
    files = {"file": ("yunshi-plan.txt", first.encode())}
    assert admin_client.post("/v1/documents", files=files, headers=ADMIN).status_code == 201
    again = admin_client.post("/v1/documents", files=files, headers=ADMIN).json()
    assert again["code"] == "document_duplicate" and "yunshi" in again["message"]
    changed = {"file": ("yunshi-plan.txt", second.encode())}
    refused = admin_client.post("/v1/documents", files=changed, headers=ADMIN)
    assert refused.status_code == 409 and refused.json()["code"] == "document_exists"
    replaced = admin_client.post(
        "/v1/documents", files=changed, params={"replace": "true"}, headers=ADMIN
    )
    assert replaced.status_code == 201 and replaced.json()["action"] == "replaced"
    # The city comes from the title: a question naming it cites only its plan.
    answer = admin_client.post("/v1/ask", json={"question": "云石市快递包装由谁负责？"}).json()
    assert {c["doc_id"] for c in answer["citations"]} == {"yunshi"}
    meta = next(d for d in admin_client.get("/v1/documents").json() if d["id"] == "yunshi")
    assert meta["city"] == "云石市" and meta["level"] == "municipal" and meta["uploaded"]
    assert admin_client.delete("/v1/documents/yunshi", headers=ADMIN).status_code == 200


def test_an_uploaded_plan_answers_whole_plan_questions(admin_client: TestClient) -> None:
    # The half-width test plan, read by hand: tasks 1 and 2 under (一), task 3 with its
    # sub-item (1) under (二); 1 is led by 市生态环境局, 2 is due 每年3月31日前, 3 到2025年.
    text = (FIXTURES / "halfwidth-runin.txt").read_text("utf-8").replace("某市", "云石市")
    files = {"file": ("yunshi-plan.txt", text.encode())}
    assert admin_client.post("/v1/documents", files=files, headers=ADMIN).status_code == 201

    def ask(question: str) -> dict:  # type: ignore[type-arg]
        answer = admin_client.post("/v1/ask", json={"question": question}).json()
        assert answer["status"] == "answered", (question, answer)
        assert {c["doc_id"] for c in answer["citations"]} == {"yunshi"}, question
        return answer

    assert ask("云石市生态环境局负责哪些任务？")["facts"]["tasks"] == ["yunshi/一/（一）/1"]
    due = ask("云石市到2025年要完成哪些任务？")
    assert due["facts"]["tasks"] == ["yunshi/一/（二）/3", "yunshi/一/（一）/2"]
    assert "每年：一、（一）2．规范快递包装（每年3月31日前）" in due["answer"]
    count = ask("云石方案一共有几项任务？")
    assert "列有3项任务" in count["answer"]  # the sub-item (1) is part of task 3
    assert count["citations"][0]["quote"] == "3. 加强回收"
    outline = ask("云石方案的主要任务有哪些？")
    assert [c["quote"] for c in outline["citations"]] == ["(一)源头减量", "(二)末端治理"]
    assert admin_client.delete("/v1/documents/yunshi", headers=ADMIN).status_code == 200


@pytest.mark.parametrize("suffix", ["xlsx", "pdf"])
def test_an_uploaded_task_table_answers_and_cites_its_row(
    admin_client: TestClient, tmp_path: Path, suffix: str
) -> None:
    from tests.test_tables import GOLD, build_pdf, build_xlsx

    client = admin_client
    build = {"xlsx": build_xlsx, "pdf": build_pdf}[suffix]
    data = build(tmp_path / f"yunxi.{suffix}").read_bytes()
    files = {"file": (f"yunxi.{suffix}", io.BytesIO(data))}
    created = client.post("/v1/documents", files=files, headers=ADMIN)
    assert created.status_code == 201, created.text
    answer = client.post(
        "/v1/ask", json={"question": "云溪市塑料吸管的禁令由哪个部门牵头？什么时候完成？"}
    ).json()
    assert answer["facts"]["lead"] == ["市发改委"]
    assert answer["facts"]["deadlines"] == ["2024-12-31"]
    cited = {c["clause_id"] for c in answer["citations"]}
    assert cited == {"yunxi/附件/一/1"}
    assert all(c["breadcrumb"].startswith("附件 重点任务分工表") for c in answer["citations"])
    # The row is quoted as the parser holds it: no line break, no page furniture.
    assert all("\n" not in c["quote"] for c in answer["citations"])
    tasks = client.get("/v1/tasks", params={"doc": "yunxi"}).json()
    assert [t["lead"] for t in tasks] == [g[1] for g in GOLD]
    assert client.delete("/v1/documents/yunxi", headers=ADMIN).status_code == 200


def test_upload_metadata_is_read_set_and_edited(admin_client: TestClient) -> None:
    text = (FIXTURES / "halfwidth-runin.txt").read_text("utf-8").replace("某市", "青川市")
    text += "\n\n青川市人民政府\n2024年3月1日\n"
    files = {"file": ("qingchuan-plan.txt", text.encode())}
    form = {"issuer": "青川市人民政府办公室", "doc_no": "青政办发〔2024〕3号"}
    created = admin_client.post("/v1/documents", files=files, data=form, headers=ADMIN)
    assert created.status_code == 201, created.text
    meta = next(d for d in admin_client.get("/v1/documents").json() if d["id"] == "qingchuan")
    # Read from the text: title, city, level, kind, short title, date; set: issuer, 文号.
    assert meta["title"] == "青川市塑料污染治理工作方案" and meta["city"] == "青川市"
    assert meta["short_title"] == "青川方案" and meta["doc_type"] == "工作方案"
    assert meta["date"] == "2024-03-01" and meta["doc_no"] == "青政办发〔2024〕3号"
    assert meta["issuer"] == "青川市人民政府办公室"
    edited = admin_client.patch(
        "/v1/documents/qingchuan", json={"short_title": "青川塑料方案"}, headers=ADMIN
    )
    assert edited.status_code == 200 and edited.json()["short_title"] == "青川塑料方案"
    rows = admin_client.get("/v1/tasks", params={"doc": "qingchuan"}).json()
    assert {r["document"] for r in rows} == {"青川塑料方案"}  # labels follow the edit
    assert (
        admin_client.patch("/v1/documents/baotou", json={"title": "x"}, headers=ADMIN).json()[
            "code"
        ]
        == "corpus_document"
    )
    bad = admin_client.patch("/v1/documents/qingchuan", json={"colour": "red"}, headers=ADMIN)
    assert bad.status_code == 422
    assert admin_client.delete("/v1/documents/qingchuan", headers=ADMIN).status_code == 200


def test_suggestions_come_from_the_loaded_plans(client: TestClient) -> None:
    suggestions = client.get("/v1/suggestions").json()
    assert suggestions[0] == "哪个部门牵头落实新污染物管控措施？"
    assert "包头方案一共有几项任务？" in suggestions
