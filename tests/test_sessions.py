from __future__ import annotations

import time
from pathlib import Path

from policyqa.sessions import SQLiteSessionStore


def test_turns_are_kept_bounded_and_persisted(tmp_path: Path) -> None:
    path = tmp_path / "sessions.sqlite3"
    store = SQLiteSessionStore(path, max_turns=2)
    for n in range(3):
        store.append("s1", {"text": f"q{n}"})
    assert [t["text"] for t in store.load("s1")] == ["q1", "q2"]
    assert [t["text"] for t in SQLiteSessionStore(path).load("s1")] == ["q1", "q2"]
    assert store.load("unknown") == []


def test_expired_and_excess_sessions_are_forgotten(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "s.sqlite3", ttl_s=0.05, max_sessions=2, prune_every=1)
    store.append("old", {"text": "a"})
    time.sleep(0.1)
    assert store.load("old") == []
    for sid in ("a", "b", "c"):
        store.append(sid, {"text": sid})
    remaining = [sid for sid in ("a", "b", "c") if store.load(sid)]
    assert remaining == ["b", "c"]


def test_pruning_every_few_answers_keeps_the_bound(tmp_path: Path) -> None:
    store = SQLiteSessionStore(tmp_path / "s.sqlite3", max_sessions=3, prune_every=4)
    for n in range(20):
        store.append(f"s{n}", {"text": str(n)})
        held = store.db.execute("SELECT COUNT(*) FROM sessions").fetchone()[0]
        assert held <= 3 + 4
    assert store.load("s19") and not store.load("s0")
