"""Shared state in a real Redis: sessions and rate limits across real servers."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import time
import urllib.error
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

from policyqa.pipeline import Pipeline
from policyqa.sessions import RedisSessionStore
from tests.conftest import FIXTURES, free_port, start_server, stop_server
from tests.test_wechat import TOKEN, signed, text_message

ADMIN_KEY = "s3cret"

if not shutil.which("redis-server"):
    if os.environ.get("CI"):
        raise RuntimeError("CI must install redis-server (see .ci/run)")
    pytest.skip(
        "redis-server is not installed: apt-get install redis-server", allow_module_level=True
    )


@pytest.fixture(scope="module")
def redis_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """A real redis-server on a free port, with nothing persisted."""
    port = free_port()
    folder = tmp_path_factory.mktemp("redis")
    process = subprocess.Popen(
        [
            "redis-server",
            "--port",
            str(port),
            "--save",
            "",
            "--appendonly",
            "no",
            "--dir",
            str(folder),
        ],
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    url = f"redis://127.0.0.1:{port}/0"
    import redis

    client = redis.Redis.from_url(url)
    for _ in range(100):
        try:
            client.ping()
            break
        except redis.ConnectionError:
            time.sleep(0.05)
    yield url
    process.terminate()
    process.wait(timeout=10)


def call(url: str, path: str, body: dict | None = None) -> tuple[int, dict, dict]:  # type: ignore[type-arg]
    data = json.dumps(body).encode() if body is not None else None
    request = urllib.request.Request(
        url + path, data=data, headers={"Content-Type": "application/json"} if data else {}
    )
    try:
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.status, dict(response.headers), json.loads(response.read())
    except urllib.error.HTTPError as error:
        return error.code, dict(error.headers), json.loads(error.read())


def test_sessions_in_redis_keep_the_last_turns_and_expire(redis_url: str) -> None:
    store = RedisSessionStore(redis_url, ttl_s=60, max_turns=3)
    for n in range(5):
        store.append("s1", {"text": f"问{n}"})
    assert [t["text"] for t in store.load("s1")] == ["问2", "问3", "问4"]
    assert 0 < store.client.ttl(RedisSessionStore.PREFIX + "s1") <= 60
    assert store.load("never-seen") == []


@pytest.fixture(scope="module")
def two_servers(
    indexed: Pipeline, redis_url: str, chroma_server: str, tmp_path_factory: pytest.TempPathFactory
) -> Iterator[tuple[str, str]]:
    """Two real `policyqa serve` workers sharing one index directory, one `chroma run`
    holding the vectors and one Redis."""
    from tests.conftest import make_settings

    index_dir = tmp_path_factory.mktemp("two-servers") / "index"
    Pipeline(
        make_settings(index_dir, chroma={"url": chroma_server}), embedder=indexed.embedder
    ).ingest()
    env = {
        "POLICYQA_CHROMA_URL": chroma_server,
        "POLICYQA_REDIS_URL": redis_url,
        "POLICYQA_SERVER_RATE_LIMIT_PER_MINUTE": "12",
        "POLICYQA_SERVER_ADMIN_KEY": ADMIN_KEY,
        "POLICYQA_WECHAT_TOKEN": TOKEN,
    }
    first, first_process = start_server(index_dir, **env)
    second, second_process = start_server(index_dir, **env)
    for url in (first, second):
        ready = call(url, "/readyz")[2]
        assert ready["redis"] == "ok" and ready["chroma"] == "ok"
    yield first, second
    stop_server(first_process)
    stop_server(second_process)


def test_one_client_gets_one_limit_across_workers(two_servers: tuple[str, str]) -> None:
    first, second = two_servers
    codes, retry_after = [], []
    for n in range(20):
        status, headers, _ = call((first, second)[n % 2], "/v1/suggestions")
        codes.append(status)
        if status == 429:
            retry_after.append(int(headers["retry-after"]))
    # 12 a minute for this client, counted once in Redis whichever worker it reaches.
    assert codes.count(200) == 12 and codes.count(429) == 8
    assert all(0 < seconds <= 60 for seconds in retry_after)


def test_a_conversation_goes_on_at_another_worker(
    two_servers: tuple[str, str], redis_url: str
) -> None:
    import redis

    first, second = two_servers
    redis.Redis.from_url(redis_url).flushdb()  # a fresh minute for this client's limit
    status, _, asked = call(first, "/v1/ask", {"question": "包头清洁生产由哪些部门负责？"})
    assert status == 200
    session = asked["session_id"]
    assert redis.Redis.from_url(redis_url).exists(RedisSessionStore.PREFIX + session)
    status, _, then = call(second, "/v1/ask", {"question": "连云港呢？", "session_id": session})
    assert status == 200
    assert then["citations"][0]["clause_id"] == "lianyungang/（四）/9"


def test_a_worker_without_redis_is_not_ready_but_alive(indexed: Pipeline, tmp_path: Path) -> None:
    dead = f"redis://127.0.0.1:{free_port()}/0"
    url, process = start_server(indexed.settings.index_dir, up="/healthz", POLICYQA_REDIS_URL=dead)
    try:
        deadline = time.monotonic() + 180
        while True:
            try:
                status, _, body = call(url, "/readyz")
            except (urllib.error.URLError, ConnectionError):
                status, body = 0, {}
            if status in (503,) and body.get("code") == "redis_unreachable":
                break
            assert time.monotonic() < deadline, (status, body)
            time.sleep(1)
        assert call(url, "/healthz")[0] == 200
    finally:
        stop_server(process)


def _bots(indexed: Pipeline, redis_url: str, delay: float, counter: list[int]):  # type: ignore[no-untyped-def]
    """Two WeChat bots, as two workers would hold them, sharing one Redis."""
    from policyqa.wechat import WeChatBot

    def answer(question: str, session: str):  # type: ignore[no-untyped-def]
        counter.append(1)
        time.sleep(delay)
        return indexed.ask(question, session)

    return [
        WeChatBot(answer, lambda: indexed.library, budget_s=0.3, redis_url=redis_url)
        for _ in range(2)
    ]


def _text(content: str, msg_id: str, user: str = "oRedisUser") -> dict[str, str]:
    return {"MsgType": "text", "FromUserName": user, "Content": content, "MsgId": msg_id}


def test_a_retried_message_is_worked_once_and_answered_by_another_worker(
    indexed: Pipeline, redis_url: str
) -> None:
    from policyqa.wechat import HOLDING

    calls: list[int] = []
    first, second = _bots(indexed, redis_url, 0.8, calls)
    message = _text("哪个部门牵头落实新污染物管控措施？", "redis-9001")
    with pytest.raises(TimeoutError):  # attempt 1: held, so that WeChat retries
        first.reply_to(message, time.monotonic())
    with pytest.raises(TimeoutError):  # attempt 2 reaches the other worker: still held
        second.reply_to(message, time.monotonic())
    time.sleep(1.0)
    reply = second.reply_to(message, time.monotonic())  # attempt 3: the stored result
    assert reply is not None and reply != HOLDING and "市生态环境局" in reply
    assert len(calls) == 1  # claimed once (SET NX): the retries did not start it again


def test_more_pages_and_late_answers_reach_any_worker(indexed: Pipeline, redis_url: str) -> None:
    from policyqa.wechat import HOLDING, NO_MORE

    calls: list[int] = []
    first, second = _bots(indexed, redis_url, 0.0, calls)
    user = "oRedisPages"
    reply = first.reply_to(
        _text("包头市生态环境局负责哪些任务？", "redis-9101", user), time.monotonic()
    )
    assert reply and "共 17 条" in reply
    more = second.reply_to(_text("更多", "redis-9102", user), time.monotonic())
    assert more not in (None, NO_MORE)  # page 2 is served by the other worker
    # A slow answer held on its last attempt is delivered by whichever worker is asked next.
    slow_calls: list[int] = []
    slow, other = _bots(indexed, redis_url, 1.0, slow_calls)
    message = _text("包头首轮化学物质基本信息调查什么时候完成？", "redis-9201", user)
    for bot in (slow, other):
        with pytest.raises(TimeoutError):
            bot.reply_to(message, time.monotonic())
    assert slow.reply_to(message, time.monotonic()) == HOLDING
    time.sleep(1.5)
    late = other.reply_to(_text("你好", "redis-9202", user), time.monotonic())
    assert late and "2023" in late


def test_one_builder_at_a_time_across_machines(
    indexed: Pipeline, redis_url: str, tmp_path: Path
) -> None:
    """A change waits while another machine's builder holds the Redis lock."""
    import threading

    import redis

    from policyqa.library_service import ChangeRefused, LibraryService
    from tests.conftest import make_settings

    # Its own index folder: the file lock cannot be what makes it wait.
    settings = make_settings(tmp_path / "index", redis_url=redis_url)
    service = LibraryService(Pipeline(settings, embedder=indexed.embedder))
    other_machine = redis.Redis.from_url(redis_url).lock("policyqa:builder", timeout=30)
    assert other_machine.acquire(blocking=False)
    outcome: list[str] = []

    def change() -> None:
        try:
            service.delete("never-uploaded")
        except ChangeRefused as refused:
            outcome.append(refused.reason)

    worker = threading.Thread(target=change)
    worker.start()
    time.sleep(1.0)
    assert worker.is_alive() and outcome == []  # waiting for the other builder
    other_machine.release()
    worker.join(timeout=60)
    assert outcome == ["not_found"]


def _fresh_minute(redis_url: str) -> None:
    """Forget every client's count, and any state an earlier test left."""
    import redis

    redis.Redis.from_url(redis_url).flushdb()


def test_a_document_uploaded_on_one_worker_is_answered_by_the_other(
    two_servers: tuple[str, str], redis_url: str
) -> None:
    import httpx

    first, second = two_servers
    _fresh_minute(redis_url)
    text = (FIXTURES / "halfwidth-runin.txt").read_text("utf-8").replace("某市", "云石市")
    headers = {"X-API-Key": ADMIN_KEY}
    created = httpx.post(
        f"{first}/v1/documents",
        files={"file": ("yunshi-plan.txt", text.encode())},
        headers=headers,
        timeout=120,
    )
    assert created.status_code == 201, created.text
    try:
        status, _, answer = call(second, "/v1/ask", {"question": "云石市快递包装由谁负责？"})
        assert status == 200 and {c["doc_id"] for c in answer["citations"]} == {"yunshi"}
    finally:
        httpx.delete(f"{first}/v1/documents/yunshi", headers=headers, timeout=120)


def test_a_wechat_retry_reaching_the_other_worker_is_one_job(
    two_servers: tuple[str, str], redis_url: str
) -> None:
    import httpx
    import redis

    from policyqa.wechat import NO_MORE, parse_xml

    first, second = two_servers
    _fresh_minute(redis_url)

    def post(url: str, content: str, msg_id: str) -> str:
        reply = httpx.post(
            f"{url}/wechat",
            params=signed(),
            content=text_message(content, msg_id, "oTwoWorkers").encode(),
            timeout=60,
        )
        assert reply.status_code == 200, reply.text
        return parse_xml(reply.content)["Content"]

    question = "包头市生态环境局负责哪些任务？"
    on_first = post(first, question, "two-workers-1")
    retried = post(second, question, "two-workers-1")  # WeChat's retry, at the other worker
    assert retried == on_first and "共 17 条" in on_first
    client = redis.Redis.from_url(redis_url, decode_responses=True)
    assert client.get("policyqa:wx:job:two-workers-1:attempts") == "2"
    more = post(second, "更多", "two-workers-2")  # the next page of the answer made on A
    assert more not in (NO_MORE, on_first) and more.strip()


def test_a_session_and_answers_survive_redis_going_away_and_back(
    indexed: Pipeline, tmp_path: Path
) -> None:
    port = free_port()
    command = ["redis-server", "--port", str(port), "--save", "", "--dir", str(tmp_path)]
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    url, process = start_server(
        indexed.settings.index_dir, POLICYQA_REDIS_URL=f"redis://127.0.0.1:{port}/0"
    )
    try:
        assert call(url, "/readyz")[2]["redis"] == "ok"
        server.terminate()
        server.wait(timeout=10)
        assert call(url, "/readyz")[0] == 503 and call(url, "/healthz")[0] == 200
        server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        deadline = time.monotonic() + 30
        while call(url, "/readyz")[0] != 200:  # no restart: the worker reconnects
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert call(url, "/v1/ask", {"question": "哪个部门牵头落实新污染物管控措施？"})[0] == 200
    finally:
        stop_server(process)
        server.terminate()
        server.wait(timeout=10)


def test_the_other_worker_keeps_answering_when_one_is_killed(
    two_servers: tuple[str, str], redis_url: str
) -> None:
    """Last of the two-worker tests: it kills the first worker with SIGKILL."""
    import signal
    import threading

    first, second = two_servers
    _fresh_minute(redis_url)
    statuses: list[int] = []

    def load() -> None:
        for _ in range(10):
            statuses.append(
                call(second, "/v1/ask", {"question": "包头清洁生产由哪些部门负责？"})[0]
            )

    worker = threading.Thread(target=load)
    worker.start()
    time.sleep(0.2)
    port = int(first.rsplit(":", 1)[1])
    killed = _processes_listening(port)
    for pid in killed:
        os.kill(pid, signal.SIGKILL)
    worker.join(timeout=120)
    assert killed and statuses == [200] * 10


def _processes_listening(port: int) -> list[int]:
    """The pids of `policyqa serve --port PORT`."""
    found = subprocess.run(["pgrep", "-f", f"serve --port {port}"], capture_output=True, text=True)
    return [int(pid) for pid in found.stdout.split()]
