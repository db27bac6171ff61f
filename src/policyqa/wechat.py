"""Owns the WeChat official-account bot: signatures, safe-mode crypto, the 5-second deadline,
retry deduplication, 2048-byte replies with 更多 paging, late delivery.

Protocol rules: ../shared/notes/wechat.md. Never leave a user with 该公众号暂时无法提供服务:
every path ends in valid reply XML, ``success`` or a deliberate hold that makes WeChat retry.
"""

from __future__ import annotations

import threading
import time
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass, field
from typing import Protocol

from defusedxml import ElementTree as SafeET
from defusedxml.common import DefusedXmlException

from policyqa.answer import Answer
from policyqa.compose.cite import short_label, short_path
from policyqa.compose.texts import only_text_reply, welcome_text
from policyqa.library import Library
from policyqa.sentences import answer_pieces

MAX_REPLY_BYTES = 2048
MORE = "更多"
MORE_HINT = "\n（回复“更多”查看其余内容）"
HOLDING = "问题正在查询中，请稍后发送任意消息获取答案。"
NO_MORE = "没有更多内容了。"
ERROR_TEXT = "抱歉，暂时无法回答，请稍后再试。"


class WeChatError(Exception):
    """A request WeChat would never send: bad signature, malformed or hostile XML."""

    def __init__(self, status: int, reason: str) -> None:
        super().__init__(reason)
        self.status = status


# ------------------------------------------------------------------ message format


def parse_xml(body: bytes) -> dict[str, str]:
    """A flat dict of the message's fields; DTDs and entities are refused."""
    try:
        root = SafeET.fromstring(body, forbid_dtd=True)
    except DefusedXmlException as exc:
        raise WeChatError(400, f"forbidden XML construct: {type(exc).__name__}") from exc
    except SafeET.ParseError as exc:
        raise WeChatError(400, f"malformed XML: {exc}") from exc
    if root.tag != "xml":
        raise WeChatError(400, "not a WeChat message")
    return {child.tag: (child.text or "") for child in root}


def _cdata(text: str) -> str:
    return "<![CDATA[" + text.replace("]]>", "]]]]><![CDATA[>") + "]]>"


def text_reply(message: dict[str, str], content: str, now: int | None = None) -> str:
    """A passive text reply: To and From swapped."""
    return (
        "<xml>"
        f"<ToUserName>{_cdata(message.get('FromUserName', ''))}</ToUserName>"
        f"<FromUserName>{_cdata(message.get('ToUserName', ''))}</FromUserName>"
        f"<CreateTime>{now or int(time.time())}</CreateTime>"
        "<MsgType><![CDATA[text]]></MsgType>"
        f"<Content>{_cdata(content)}</Content>"
        "</xml>"
    )


def format_answer(answer: Answer, library: Library) -> str:
    """Plain text for WeChat: the answer first, then one short 【出处】 line per citation."""
    text = answer.text
    if text.startswith("| "):  # a comparison table reads better as lines on a phone
        rows = [r for r in text.splitlines() if r.startswith("| ") and not r.startswith("| 城市")]
        rest = [r for r in text.splitlines() if not r.startswith("|")]
        text = "\n".join(
            "：".join(cell.strip() for cell in row.strip("| ").split(" | ")) for row in rows
        ) + ("\n" + "\n".join(rest) if rest else "")
    lines = [text]
    seen: set[str] = set()
    for citation in answer.citations:
        clause = library.clause(citation.clause_id)
        label = short_label(library, clause.doc_id)
        line = f"【出处{citation.n}】{label} {short_path(clause)}"
        if line not in seen:
            seen.add(line)
            lines.append(line)
    return "\n".join(lines)


def paginate(text: str, limit: int = MAX_REPLY_BYTES) -> list[str]:
    """Split into replies of at most ``limit`` UTF-8 bytes, cut at sentence boundaries;
    every page but the last ends with the 更多 hint."""
    room = limit - len(MORE_HINT.encode())
    pages: list[str] = []
    current = ""
    # A sentence keeps its [n] markers: a page never ends between 。 and [1].
    for unit in answer_pieces(text):
        while len(unit.encode()) > room:  # one sentence longer than a page: hard cut
            cut = _byte_prefix(unit, room - len(current.encode()))
            if not cut:
                pages.append(current)
                current = ""
                continue
            pages.append(current + cut)
            current, unit = "", unit[len(cut) :]
        if len((current + unit).encode()) > room:
            pages.append(current)
            current = unit.lstrip("\n")
        else:
            current += unit
    if current.strip() or not pages:
        pages.append(current)
    pages = [p.strip() for p in pages if p.strip()] or [""]
    return [p + MORE_HINT for p in pages[:-1]] + [pages[-1]]


def _byte_prefix(text: str, budget: int) -> str:
    out = ""
    for char in text:
        if len((out + char).encode()) > budget:
            break
        out += char
    return out


# ------------------------------------------------------------------ state


@dataclass
class Job:
    """One message's work, shared by WeChat's retries of that message."""

    future: Future[list[str]]
    user: str
    attempts: int = 0
    held: bool = False
    created: float = field(default_factory=time.monotonic)


class JobStore(Protocol):
    """Dedupe store: one job per message key; a Redis store can serve several workers."""

    def get_or_start(self, key: str, user: str, work: Callable[[], list[str]]) -> Job: ...


class MemoryJobStore:
    """Bounded, expiring jobs in this process.

    Args:
        executor: runs the work.
        max_jobs: jobs kept; the oldest go first.
        ttl_s: a job older than this is forgotten.
    """

    def __init__(self, executor: ThreadPoolExecutor, max_jobs: int = 10000, ttl_s: float = 600):
        self.executor, self.max_jobs, self.ttl_s = executor, max_jobs, ttl_s
        self.jobs: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()

    def get_or_start(self, key: str, user: str, work: Callable[[], list[str]]) -> Job:
        now = time.monotonic()
        with self.lock:
            while self.jobs and (
                len(self.jobs) >= self.max_jobs
                or now - next(iter(self.jobs.values())).created > self.ttl_s
            ):
                self.jobs.popitem(last=False)
            job = self.jobs.get(key)
            if job is None:
                job = Job(self.executor.submit(work), user)
                self.jobs[key] = job
            job.attempts += 1
            return job


class MailboxStore(Protocol):
    """Per-user pages still to send and late answers; a Redis store serves many workers."""

    def set_pages(self, user: str, pages: list[str]) -> None: ...

    def next_page(self, user: str) -> str | None: ...

    def put_late(self, user: str, pages: list[str]) -> None: ...

    def take_late(self, user: str) -> list[str] | None: ...


class TokenCache(Protocol):
    """Where the access token is kept between workers (Redis); None keeps it here."""

    def get(self) -> str | None: ...

    def put(self, token: str, ttl_s: int) -> None: ...


class Mailbox:
    """Per-user pages still to send (更多) and answers that arrived late.

    Args:
        max_users: users remembered; the least recent go first.
    """

    def __init__(self, max_users: int = 10000) -> None:
        self.pages: OrderedDict[str, list[str]] = OrderedDict()
        self.late: OrderedDict[str, list[str]] = OrderedDict()
        self.max_users = max_users
        self.lock = threading.Lock()

    def _put(self, box: OrderedDict[str, list[str]], user: str, value: list[str]) -> None:
        with self.lock:
            box[user] = value
            box.move_to_end(user)
            while len(box) > self.max_users:
                box.popitem(last=False)

    def set_pages(self, user: str, pages: list[str]) -> None:
        self._put(self.pages, user, pages)

    def next_page(self, user: str) -> str | None:
        with self.lock:
            pages = self.pages.get(user) or []
            if not pages:
                return None
            page = pages.pop(0)
            return page

    def put_late(self, user: str, pages: list[str]) -> None:
        self._put(self.late, user, pages)

    def take_late(self, user: str) -> list[str] | None:
        with self.lock:
            return self.late.pop(user, None)


# ------------------------------------------------------------------ the bot


class CustomerService:
    """Pushes text through the customer-service API, with a cached access token.

    Args:
        api_base: https://api.weixin.qq.com (a stub in tests).
        app_id: the account's AppID.
        app_secret: the account's AppSecret.
    """

    def __init__(
        self, api_base: str, app_id: str, app_secret: str, cache: TokenCache | None = None
    ) -> None:
        self.api_base, self.app_id, self.app_secret = api_base.rstrip("/"), app_id, app_secret
        self.token: tuple[str, float] | None = None
        self.cache = cache
        self.lock = threading.Lock()

    def access_token(self, force: bool = False) -> str:
        import httpx

        with self.lock:
            if self.token and not force and time.monotonic() < self.token[1]:
                return self.token[0]
            shared = self.cache.get() if self.cache and not force else None
            if shared:
                return shared
            response = httpx.get(
                f"{self.api_base}/cgi-bin/token",
                timeout=10,
                params={
                    "grant_type": "client_credential",
                    "appid": self.app_id,
                    "secret": self.app_secret,
                },
            )
            data = response.json()
            if "access_token" not in data:
                raise RuntimeError(f"access token refused: {data}")
            # Refresh five minutes early.
            lifetime = int(data["expires_in"]) - 300
            self.token = (data["access_token"], time.monotonic() + lifetime)
            if self.cache is not None:
                self.cache.put(data["access_token"], lifetime)
            return self.token[0]

    def send_text(self, user: str, content: str) -> None:
        import httpx

        body = {"touser": user, "msgtype": "text", "text": {"content": content}}
        for attempt in range(2):
            token = self.access_token(force=attempt > 0)
            response = httpx.post(
                f"{self.api_base}/cgi-bin/message/custom/send",
                timeout=10,
                params={"access_token": token},
                json=body,
            )
            code = response.json().get("errcode", 0)
            if code in (40001, 42001):  # token expired or invalid: refresh once
                continue
            if code:
                raise RuntimeError(f"customer-service send failed: {response.text}")
            return


class WeChatBot:
    """Turns WeChat messages into replies with the same pipeline as the web.

    Args:
        answer: ``(question, session_id) -> Answer``.
        library: for citation labels (a callable, as the library may be swapped).
        budget_s: answer within this many seconds.
        retry_hold_s: hold a non-final attempt this long, so that WeChat retries.
        customer_service: pushes late answers (verified accounts), or None.
        redis_url: keeps jobs and mailboxes in Redis, for many workers.
    """

    def __init__(
        self,
        answer: Callable[[str, str], Answer],
        library: Callable[[], Library],
        budget_s: float = 4.5,
        retry_hold_s: float = 5.5,
        customer_service: CustomerService | None = None,
        jobs: JobStore | None = None,
        mailbox: MailboxStore | None = None,
        redis_url: str | None = None,
    ) -> None:
        self.answer, self.library = answer, library
        self.budget_s, self.retry_hold_s = budget_s, retry_hold_s
        self.customer_service = customer_service
        self.executor = ThreadPoolExecutor(max_workers=4, thread_name_prefix="wechat")
        if redis_url and (jobs is None or mailbox is None):
            from policyqa.wechat_redis import RedisJobStore, RedisMailbox

            jobs = jobs or RedisJobStore(redis_url, self.executor)
            mailbox = mailbox or RedisMailbox(redis_url)
        self.jobs = jobs or MemoryJobStore(self.executor)
        self.mailbox: MailboxStore = mailbox or Mailbox()

    def reply_to(self, message: dict[str, str], started: float) -> str | None:
        """The reply content for a message; None means reply ``success`` (no reply);
        raises TimeoutError when this attempt must be held so that WeChat retries."""
        kind = message.get("MsgType", "")
        user = message.get("FromUserName", "")
        if kind == "event":
            event = message.get("Event", "").lower()
            return welcome_text(self.library()) if event == "subscribe" else None
        if kind != "text":
            return only_text_reply(self.library())
        content = message.get("Content", "").strip()
        late = self.mailbox.take_late(user)
        if content == MORE and not late:
            return self.mailbox.next_page(user) or NO_MORE
        key = message.get("MsgId") or f"{user}:{message.get('CreateTime', '')}"
        if late:
            # A late answer is delivered first; a new question is answered afterwards.
            self.mailbox.set_pages(user, late[1:])
            if content and content != MORE:
                self.jobs.get_or_start(key, user, lambda: self._work(content, user))
            return late[0]
        if not content:
            return "请输入您的问题。"
        job = self.jobs.get_or_start(key, user, lambda: self._work(content, user))
        return self._await(job, started)

    def _await(self, job: Job, started: float) -> str | None:
        remaining = max(0.0, self.budget_s - (time.monotonic() - started))
        try:
            pages = job.future.result(timeout=remaining)
        except TimeoutError:
            if job.attempts < 3:
                raise  # hold: WeChat gives up on this attempt and retries the same MsgId
            job.held = True
            job.future.add_done_callback(lambda f: self._deliver_late(job, f))
            return HOLDING
        except Exception:  # noqa: BLE001 - the user still gets a reply
            return ERROR_TEXT
        self.mailbox.set_pages(job.user, pages[1:])
        return pages[0]

    def _work(self, question: str, user: str) -> list[str]:
        answer = self.answer(question, f"wx-{user}")
        return paginate(format_answer(answer, self.library()))

    def _deliver_late(self, job: Job, future: Future[list[str]]) -> None:
        try:
            pages = future.result()
        except Exception:  # noqa: BLE001
            pages = [ERROR_TEXT]
        if self.customer_service is not None:
            try:
                for page in pages[:5]:  # at most 5 messages within 48 h of a user message
                    self.customer_service.send_text(job.user, page)
                return
            except Exception:  # noqa: BLE001 - fall back to delivery on the next message
                pass
        self.mailbox.put_late(job.user, pages)
