"""The WeChat callback, byte-exact to the protocol: signed (and AES-encrypted) requests."""

from __future__ import annotations

import base64
import hashlib
import os
import threading
import time
from collections.abc import Iterator
from typing import Any

import pytest
from fastapi.testclient import TestClient
from wechatpy.crypto import WeChatCrypto

from policyqa.answer import Answer
from policyqa.compose.texts import only_text_reply, welcome_text
from policyqa.pipeline import Pipeline
from policyqa.server import create_app
from policyqa.wechat import HOLDING, MORE_HINT, NO_MORE, paginate, parse_xml
from tests.conftest import make_settings

TOKEN = "policyqa-token"
APP_ID = "wx1234567890abcdef"
AES_KEY = base64.b64encode(os.urandom(32)).decode().rstrip("=")


def signed(timestamp: str = "1700000000", nonce: str = "n0nce") -> dict[str, str]:
    signature = hashlib.sha1("".join(sorted([TOKEN, timestamp, nonce])).encode()).hexdigest()
    return {"signature": signature, "timestamp": timestamp, "nonce": nonce}


def text_message(content: str, msg_id: str, user: str = "oUser1") -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_account]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>1700000000</CreateTime>"
        f"<MsgType><![CDATA[text]]></MsgType><Content><![CDATA[{content}]]></Content>"
        f"<MsgId>{msg_id}</MsgId></xml>"
    )


def event_message(event: str, user: str = "oUser1") -> str:
    return (
        f"<xml><ToUserName><![CDATA[gh_account]]></ToUserName>"
        f"<FromUserName><![CDATA[{user}]]></FromUserName><CreateTime>1700000001</CreateTime>"
        f"<MsgType><![CDATA[event]]></MsgType><Event><![CDATA[{event}]]></Event></xml>"
    )


class SlowPipeline(Pipeline):
    """The real pipeline behind a deliberately slow backend (an LLM taking its time).

    ``delay`` is per instance: each test's app has its own pipeline, so nothing needs
    resetting. ``calls`` counts every pipeline's answers (read as differences).
    """

    calls = 0

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        super().__init__(*args, **kwargs)
        self.delay = 0.0

    def ask(self, text: str, session_id: str | None = None, method: str = "hybrid") -> Answer:
        SlowPipeline.calls += 1
        time.sleep(self.delay)
        return super().ask(text, session_id, method)


def make_client(indexed: Pipeline, **wechat: object) -> TestClient:
    settings = make_settings(
        indexed.settings.index_dir,
        wechat={"token": TOKEN, "app_id": APP_ID, "encoding_aes_key": AES_KEY, **wechat},
    )
    pipeline = SlowPipeline(settings, embedder=indexed.embedder)
    return TestClient(create_app(settings, pipeline))


@pytest.fixture(scope="module")
def client(indexed: Pipeline) -> Iterator[TestClient]:
    with make_client(indexed, mode="compatible") as test_client:
        yield test_client


def post(client: TestClient, xml: str, params: dict[str, str] | None = None) -> dict[str, str]:
    response = client.post(
        "/wechat",
        params=params or signed(),
        content=xml.encode(),
        headers={"Content-Type": "text/xml"},
    )
    assert response.status_code == 200, response.text
    return parse_xml(response.content)


def test_server_check_echoes_echostr_only_with_a_good_signature(client: TestClient) -> None:
    good = client.get("/wechat", params=signed() | {"echostr": "12345"})
    assert good.status_code == 200 and good.text == "12345"
    bad = client.get("/wechat", params=signed() | {"echostr": "1", "signature": "0" * 40})
    assert bad.status_code == 403
    assert client.get("/wechat").status_code == 403


def test_text_question_gets_a_cited_plain_text_reply(client: TestClient) -> None:
    reply = post(client, text_message("哪个部门牵头落实新污染物管控措施？", "1001"))
    assert reply["ToUserName"] == "oUser1" and reply["FromUserName"] == "gh_account"
    assert reply["MsgType"] == "text"
    content = reply["Content"]
    assert content.startswith("根据《包头市新污染物治理工作实施方案》")
    assert "【出处1】包头方案 二、（一）4．落实新污染物管控措施" in content
    assert len(content.encode()) <= 2048


def test_wrong_signature_is_refused_without_processing(client: TestClient) -> None:
    before = SlowPipeline.calls
    response = client.post(
        "/wechat",
        params=signed() | {"signature": "f" * 40},
        content=text_message("测试", "1002").encode(),
    )
    assert response.status_code == 403 and SlowPipeline.calls == before


def test_replayed_msgid_does_not_start_the_work_again(client: TestClient) -> None:
    first = post(client, text_message("包头农药包装废弃物回收率要达到多少？", "1003"))
    calls = SlowPipeline.calls
    again = post(client, text_message("包头农药包装废弃物回收率要达到多少？", "1003"))
    assert again["Content"] == first["Content"] and SlowPipeline.calls == calls


def test_long_answer_is_cut_at_2048_bytes_and_paged_with_more(client: TestClient) -> None:
    question = "我是一家排放重点管控新污染物的化工企业，需要做什么？"
    page = post(client, text_message(question, "1004", user="oLong"))["Content"]
    pages = [page]
    for n in range(10):
        if not pages[-1].endswith(MORE_HINT):
            break
        pages.append(post(client, text_message("更多", f"1005{n}", user="oLong"))["Content"])
    assert len(pages) >= 2
    assert all(len(p.encode()) <= 2048 for p in pages)
    assert all(p.endswith(MORE_HINT) for p in pages[:-1])
    # Cut at a sentence or line boundary, never between a sentence and its marker.
    assert pages[0].removesuffix(MORE_HINT)[-1] in "。）；]"
    assert not pages[1].startswith("[")
    assert post(client, text_message("更多", "1006", user="oLong"))["Content"] == NO_MORE


def test_paginate_respects_byte_limit_with_chinese_text() -> None:
    text = "。".join(["新污染物治理" * 30] * 20)
    pages = paginate(text)
    assert all(len(p.encode()) <= 2048 for p in pages) and len(pages) > 2
    assert "".join(p.removesuffix(MORE_HINT) for p in pages).replace("\n", "") == text


def test_subscribe_welcome_unsubscribe_silence_and_images(client: TestClient) -> None:
    welcome = post(client, event_message("subscribe"))["Content"]
    # Built from the loaded documents: their titles, and a question they answer.
    assert "《包头市新污染物治理工作实施方案》、《连云港市新污染物治理工作方案》" in welcome
    assert welcome == welcome_text(client.app.state.library.current.library)
    assert "1. 哪个部门牵头" in welcome
    response = client.post("/wechat", params=signed(), content=event_message("unsubscribe"))
    assert response.text == "success"
    image = (
        text_message("x", "1007")
        .replace("<![CDATA[text]]>", "<![CDATA[image]]>")
        .replace("<Content><![CDATA[x]]></Content>", "<PicUrl><![CDATA[http://x]]></PicUrl>")
    )
    reply = post(client, image)["Content"]
    assert reply == only_text_reply(client.app.state.library.current.library)
    assert reply.startswith("目前只支持文字提问")


@pytest.mark.parametrize(
    "body",
    [
        "<xml><ToUserName>broken",
        "not xml at all",
        '<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
        "<xml><Content>&lol2;</Content></xml>",
        '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'
        "<xml><Content>&e;</Content></xml>",
    ],
)
def test_malformed_xml_and_entity_expansion_are_refused(client: TestClient, body: str) -> None:
    response = client.post("/wechat", params=signed(), content=body.encode())
    assert response.status_code == 400 and "root:" not in response.text


def test_oversized_body_is_refused(client: TestClient) -> None:
    body = text_message("问" * 30000, "1008")
    assert client.post("/wechat", params=signed(), content=body.encode()).status_code == 413


def test_safe_mode_decrypts_and_encrypts(indexed: Pipeline) -> None:
    crypto = WeChatCrypto(TOKEN, AES_KEY, APP_ID)
    with make_client(indexed, mode="safe") as safe:
        timestamp, nonce = "1700000100", "safeNonce"
        outer = parse_xml(
            crypto.encrypt_message(
                text_message("首轮化学物质调查什么时候完成？", "2001"), nonce, timestamp
            ).encode()
        )
        params = signed(timestamp, nonce) | {
            "encrypt_type": "aes",
            "msg_signature": outer["MsgSignature"],
        }
        envelope = (
            f"<xml><ToUserName><![CDATA[gh_account]]></ToUserName>"
            f"<Encrypt><![CDATA[{outer['Encrypt']}]]></Encrypt></xml>"
        )
        response = safe.post("/wechat", params=params, content=envelope.encode())
        assert response.status_code == 200
        sealed = parse_xml(response.content)
        plain = crypto.decrypt_message(
            response.text, sealed["MsgSignature"], sealed["TimeStamp"], sealed["Nonce"]
        )
        reply = parse_xml(plain.encode())
        assert reply["ToUserName"] == "oUser1" and "到2023年年底" in reply["Content"]
        forged = params | {"msg_signature": "0" * 40}
        assert safe.post("/wechat", params=forged, content=envelope.encode()).status_code == 403
        # Safe mode refuses a plain message even with a good plain signature.
        plain_post = safe.post("/wechat", params=signed(), content=text_message("x", "2002"))
        assert plain_post.status_code == 403


def test_slow_answer_goes_through_retries_to_a_holding_reply_then_next_message(
    indexed: Pipeline,
) -> None:
    with make_client(indexed, mode="plain", budget_s=0.3, retry_hold_s=0.4) as slow:
        slow.app.state.library.current.delay = 1.5
        calls = SlowPipeline.calls
        message = text_message("包头兽用抗菌药残留检测合格率目标是多少？", "3001", user="oSlow")
        for _ in range(2):  # WeChat's first two tries: held open, WeChat gives up and retries
            started = time.monotonic()
            held = slow.post("/wechat", params=signed(), content=message.encode())
            assert held.text == "" and time.monotonic() - started >= 0.35
        third = parse_xml(slow.post("/wechat", params=signed(), content=message.encode()).content)
        assert third["Content"] == HOLDING
        assert SlowPipeline.calls == calls + 1  # three tries, one job
        # Wait for the late answer itself, not for a guessed time.
        bot = slow.app.state.wechat_bot
        deadline = time.monotonic() + 30
        while "oSlow" not in bot.mailbox.late and time.monotonic() < deadline:
            time.sleep(0.05)
        delivered = post(slow, text_message("好了吗", "3002", user="oSlow"))
        assert "畜禽产品兽用抗菌药残留检测合格率达到98%" in delivered["Content"]


def test_follow_ups_use_the_openid_as_session(client: TestClient) -> None:
    post(client, text_message("包头清洁生产由哪些部门负责？", "4001", user="oFollow"))
    reply = post(client, text_message("连云港呢？", "4002", user="oFollow"))
    assert "连云港方案 （四）9．强化清洁生产和绿色制造" in reply["Content"]


class CustomerServiceStub:
    """WeChat's token and customer-service endpoints, on loopback."""

    tokens = 0
    sent: list[dict] = []  # type: ignore[type-arg]


@pytest.fixture(scope="module")
def wechat_api() -> Iterator[str]:
    import json
    from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

    class Handler(BaseHTTPRequestHandler):
        def log_message(self, *args: object) -> None:
            pass

        def _json(self, data: dict) -> None:  # type: ignore[type-arg]
            body = json.dumps(data).encode()
            self.send_response(200)
            self.send_header("Content-Type", "application/json")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def do_GET(self) -> None:
            CustomerServiceStub.tokens += 1
            self._json({"access_token": f"T{CustomerServiceStub.tokens}", "expires_in": 7200})

        def do_POST(self) -> None:
            length = int(self.headers["Content-Length"])
            CustomerServiceStub.sent.append(
                json.loads(self.rfile.read(length)) | {"token": self.path.split("access_token=")[1]}
            )
            self._json({"errcode": 0, "errmsg": "ok"})

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_verified_account_gets_late_answers_pushed_with_a_cached_token(
    indexed: Pipeline, wechat_api: str
) -> None:
    with make_client(
        indexed,
        mode="plain",
        budget_s=0.2,
        retry_hold_s=0.25,
        customer_service=True,
        app_secret="secret",
        api_base=wechat_api,
    ) as app:
        # Well past the three posts' holds (0.2 s budget, 0.25 s retries) on a loaded machine.
        app.app.state.library.current.delay = 2.0
        for user, msg_id in (("oPush1", "5001"), ("oPush2", "5002")):
            message = text_message("包头农药包装废弃物回收率要达到多少？", msg_id, user=user)
            for _ in range(2):
                app.post("/wechat", params=signed(), content=message.encode())
            assert post(app, message)["Content"] == HOLDING
        deadline = time.monotonic() + 10
        while len(CustomerServiceStub.sent) < 2 and time.monotonic() < deadline:
            time.sleep(0.1)
    assert [m["touser"] for m in CustomerServiceStub.sent] == ["oPush1", "oPush2"]
    assert "回收率达到80%以上" in CustomerServiceStub.sent[0]["text"]["content"]
    assert CustomerServiceStub.tokens == 1  # the token is cached between pushes
    assert {m["token"] for m in CustomerServiceStub.sent} == {"T1"}
