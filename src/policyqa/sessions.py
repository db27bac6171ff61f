"""Owns conversation sessions: a short history per session id, in SQLite by default."""

from __future__ import annotations

import json
import sqlite3
import threading
import time
import uuid
from pathlib import Path
from typing import Any, Protocol


class SessionStore(Protocol):
    """Where turns are kept; a Redis or Postgres store can serve several workers."""

    def load(self, session_id: str) -> list[dict[str, Any]]: ...

    def append(self, session_id: str, turn: dict[str, Any]) -> None: ...


def new_session_id() -> str:
    return uuid.uuid4().hex


class SQLiteSessionStore:
    """Sessions in one SQLite file, bounded in age, turns and count.

    Args:
        path: the database file (``:memory:`` for a private in-memory store).
        ttl_s: a session unused this long is forgotten.
        max_turns: turns kept per session.
        max_sessions: sessions kept; the least recently used go first.
        prune_every: answers between two prunings (pruning sorts the whole table), so
            at most ``max_sessions + prune_every`` sessions are held.
    """

    def __init__(
        self,
        path: Path | str,
        ttl_s: float = 3600,
        max_turns: int = 6,
        max_sessions: int = 10000,
        prune_every: int = 64,
    ) -> None:
        if str(path) != ":memory:":
            Path(path).parent.mkdir(parents=True, exist_ok=True)
        self.db = sqlite3.connect(str(path), check_same_thread=False, isolation_level=None)
        self.db.execute("PRAGMA journal_mode=WAL")
        # Chat history: losing the last turns to a power cut is acceptable; an fsync per
        # answer is not.
        self.db.execute("PRAGMA synchronous=NORMAL")
        self.db.execute(
            "CREATE TABLE IF NOT EXISTS sessions (id TEXT PRIMARY KEY, turns TEXT, updated REAL)"
        )
        self.ttl_s, self.max_turns, self.max_sessions = ttl_s, max_turns, max_sessions
        self.prune_every = max(1, prune_every)
        self.lock = threading.Lock()
        self.appends = 0

    def load(self, session_id: str) -> list[dict[str, Any]]:
        with self.lock:
            row = self.db.execute(
                "SELECT turns, updated FROM sessions WHERE id = ?", (session_id,)
            ).fetchone()
        if row is None or time.time() - row[1] > self.ttl_s:
            return []
        turns: list[dict[str, Any]] = json.loads(row[0])
        return turns

    def append(self, session_id: str, turn: dict[str, Any]) -> None:
        turns = (self.load(session_id) + [turn])[-self.max_turns :]
        now = time.time()
        with self.lock:
            self.db.execute(
                "INSERT INTO sessions (id, turns, updated) VALUES (?, ?, ?) "
                "ON CONFLICT(id) DO UPDATE SET turns = excluded.turns, updated = excluded.updated",
                (session_id, json.dumps(turns, ensure_ascii=False), now),
            )
            self.appends += 1
            if self.appends % self.prune_every == 0:  # pruning sorts the whole table
                self.db.execute("DELETE FROM sessions WHERE updated < ?", (now - self.ttl_s,))
                self.db.execute(
                    "DELETE FROM sessions WHERE id NOT IN "
                    "(SELECT id FROM sessions ORDER BY updated DESC LIMIT ?)",
                    (self.max_sessions,),
                )


class RedisSessionStore:
    """Sessions in Redis, shared by every worker and machine: a list of turns per session,
    trimmed to the last ``max_turns`` and forgotten ``ttl_s`` after its last use.

    Args:
        url: ``redis://host:6379/0``.
        ttl_s: a session unused this long is forgotten.
        max_turns: turns kept per session.
    """

    PREFIX = "policyqa:session:"

    def __init__(self, url: str, ttl_s: float = 3600, max_turns: int = 6) -> None:
        import redis

        self.client = redis.Redis.from_url(url, decode_responses=True)
        self.ttl_s, self.max_turns = int(ttl_s), max_turns

    def load(self, session_id: str) -> list[dict[str, Any]]:
        turns = self.client.lrange(self.PREFIX + session_id, 0, -1)
        return [json.loads(t) for t in turns]

    def append(self, session_id: str, turn: dict[str, Any]) -> None:
        key = self.PREFIX + session_id
        pipe = self.client.pipeline()
        pipe.rpush(key, json.dumps(turn, ensure_ascii=False))
        pipe.ltrim(key, -self.max_turns, -1)
        pipe.expire(key, self.ttl_s)
        pipe.execute()
