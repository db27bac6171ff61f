"""Owns the WeChat bot's state in Redis, for many workers and machines: the job claimed
per message (WeChat retries a slow message and a retry may reach another worker), the
pages behind 更多 and answers that arrived late, and the customer-service access token.

Used when ``POLICYQA_REDIS_URL`` is set; the in-process stores in ``wechat.py`` otherwise.
"""

from __future__ import annotations

import json
import threading
import time
import uuid
from collections import OrderedDict
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any

from policyqa.wechat import Job

PREFIX = "policyqa:wx:"


def redis_client(url: str) -> Any:
    import redis

    return redis.Redis.from_url(url, decode_responses=True)


class RedisJobStore:
    """One job per message across workers: the first worker to claim a MsgId (``SET NX``
    with a TTL) does the work and stores its pages for the retries; a retry that reaches
    another worker follows that result. Attempts are counted in Redis.

    Args:
        url: ``redis://…``.
        executor: runs the work this worker claims.
        ttl_s: how long a claim, its attempts and its result are kept.
        poll_s: how often a follower looks for the result.
    """

    def __init__(
        self, url: str, executor: ThreadPoolExecutor, ttl_s: int = 600, poll_s: float = 0.1
    ) -> None:
        self.client = redis_client(url)
        self.executor, self.ttl_s, self.poll_s = executor, ttl_s, poll_s
        self.worker = uuid.uuid4().hex
        self.local: OrderedDict[str, Job] = OrderedDict()
        self.lock = threading.Lock()

    def get_or_start(self, key: str, user: str, work: Callable[[], list[str]]) -> Job:
        base = f"{PREFIX}job:{key}"
        pipe = self.client.pipeline()
        pipe.incr(f"{base}:attempts")
        pipe.expire(f"{base}:attempts", self.ttl_s)
        attempts = int(pipe.execute()[0])
        with self.lock:
            job = self.local.get(key)
            if job is None:
                if self.client.set(f"{base}:owner", self.worker, nx=True, ex=self.ttl_s):
                    future = self.executor.submit(work)
                    future.add_done_callback(lambda done: self._store(base, done))
                else:
                    future = self._follow(base)
                job = Job(future, user)
                self.local[key] = job
                while len(self.local) > 10000:
                    self.local.popitem(last=False)
            job.attempts = attempts
            return job

    def _store(self, base: str, done: Future[list[str]]) -> None:
        try:
            value = json.dumps({"pages": done.result()}, ensure_ascii=False)
        except Exception:  # noqa: BLE001 - the followers learn that it failed
            value = json.dumps({"error": True})
        try:
            self.client.set(f"{base}:result", value, ex=self.ttl_s)
        except Exception:  # noqa: BLE001 - Redis gone: followers time out and say so
            return

    def _follow(self, base: str) -> Future[list[str]]:
        """A future that completes when the claiming worker stores its result."""
        future: Future[list[str]] = Future()

        def poll() -> None:
            deadline = time.monotonic() + self.ttl_s
            while time.monotonic() < deadline and not future.done():
                try:
                    stored = self.client.get(f"{base}:result")
                except Exception as exc:  # noqa: BLE001 - Redis gone: the job fails
                    future.set_exception(exc)
                    return
                if stored is not None:
                    result = json.loads(stored)
                    if "pages" in result:
                        future.set_result(result["pages"])
                    else:
                        future.set_exception(RuntimeError("the claiming worker failed"))
                    return
                time.sleep(self.poll_s)
            if not future.done():
                future.set_exception(TimeoutError("no result from the claiming worker"))

        threading.Thread(target=poll, daemon=True, name="wechat-follow").start()
        return future


class RedisMailbox:
    """Per-user pages still to send (更多) and answers that arrived late, in Redis.

    Args:
        url: ``redis://…``.
        ttl_s: how long a user's pages and late answers are kept.
    """

    def __init__(self, url: str, ttl_s: int = 2 * 24 * 3600) -> None:
        self.client = redis_client(url)
        self.ttl_s = ttl_s

    def set_pages(self, user: str, pages: list[str]) -> None:
        key = f"{PREFIX}pages:{user}"
        pipe = self.client.pipeline()
        pipe.delete(key)
        if pages:
            pipe.rpush(key, *pages)
            pipe.expire(key, self.ttl_s)
        pipe.execute()

    def next_page(self, user: str) -> str | None:
        page: str | None = self.client.lpop(f"{PREFIX}pages:{user}")
        return page

    def put_late(self, user: str, pages: list[str]) -> None:
        self.client.set(
            f"{PREFIX}late:{user}", json.dumps(pages, ensure_ascii=False), ex=self.ttl_s
        )

    def take_late(self, user: str) -> list[str] | None:
        stored = self.client.getdel(f"{PREFIX}late:{user}")
        return json.loads(stored) if stored else None


class RedisTokenCache:
    """The customer-service access token, fetched by one worker and used by all."""

    def __init__(self, url: str, app_id: str) -> None:
        self.client = redis_client(url)
        self.key = f"{PREFIX}token:{app_id}"

    def get(self) -> str | None:
        token: str | None = self.client.get(self.key)
        return token

    def put(self, token: str, ttl_s: int) -> None:
        self.client.set(self.key, token, ex=max(1, ttl_s))
