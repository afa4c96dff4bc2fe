"""bot.tracker_store.LeanSQLTrackerStore: Rasa's rows, fewer statements, on SQLite and PostgreSQL.

PostgreSQL comes from the ``postgres_url`` fixture (tests/fakes/services.py):
without it the PostgreSQL cases are skipped with the reason, or fail when
``REQUIRE_SERVICES=1``.
"""

from __future__ import annotations

import asyncio
import copy
import json
import os
import uuid
from pathlib import Path
from typing import Any

import pytest
import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore, TrackerStore
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import (
    ActionExecuted,
    BotUttered,
    SessionStarted,
    SlotSet,
    UserUttered,
)
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig

from bot.tracker_store import LeanSQLTrackerStore, stored_count

DOMAIN = Domain.from_dict(
    {
        "intents": ["greet", "faq"],
        "slots": {"triage_level": {"type": "any", "mappings": [{"type": "custom"}]}},
        "actions": ["action_answer_faq"],
    }
)


def run(coro):
    return asyncio.run(coro)


@pytest.fixture(params=["sqlite", "postgresql"])
def settings(request, tmp_path: Path) -> dict[str, Any]:
    """Keyword arguments of a SQL tracker store (as endpoints.yml gives them) for each dialect."""
    if request.param == "sqlite":
        return {"dialect": "sqlite", "db": str(tmp_path / "tracker.db")}
    try:
        url = sa.engine.make_url(request.getfixturevalue("postgres_url"))
    except pytest.FixtureLookupError:
        reason = "no postgres_url fixture (tests/fakes/services.py)"
        if os.environ.get("REQUIRE_SERVICES") == "1":
            pytest.fail(f"REQUIRE_SERVICES=1 but {reason}", pytrace=False)
        pytest.skip(reason)
    return {
        "dialect": "postgresql",
        "host": url.host,
        "port": url.port,
        "db": url.database,
        "username": url.username,
        "password": url.password,
    }


def statements(store: SQLTrackerStore) -> list[str]:
    """Every SQL statement the store sends from now on (lower case)."""
    seen: list[str] = []
    sa.event.listen(
        store.engine,
        "before_cursor_execute",
        lambda conn, cursor, statement, *rest: seen.append(statement.lower()),
    )
    return seen


def message(tracker: DialogueStateTracker, text: str, n: int) -> None:
    """One turn as Rasa's processor records it."""
    parse = {
        "text": text,
        "intent": {"name": "faq", "confidence": 0.9},
        "entities": [],
        "response_selector": {"faq": {"response": {"intent_response_key": "faq/cost"}}},
    }
    tracker.update(UserUttered(text, parse["intent"], [], parse, message_id=f"m{n}"))
    tracker.update(ActionExecuted("action_extract_slots"))
    tracker.update(ActionExecuted("action_answer_faq"))
    tracker.update(
        BotUttered(
            f"answer {n} ✓ <b>",
            {"buttons": [{"title": "é", "payload": "/x"}]},
            {"utter_action": "utter_faq/cost"},
        )
    )
    tracker.update(SlotSet("triage_level", None if n % 2 else "routine"))
    tracker.update(ActionExecuted("action_listen"))


async def conversation(
    store: SQLTrackerStore, sender: str, turns: int = 4, new_session_at: int = 2
) -> None:
    """Rasa's pattern per message: read (or create), update, save."""
    for n in range(turns):
        tracker = await store.get_or_create_tracker(sender, append_action_listen=False)
        if n in (0, new_session_at):
            tracker.update(ActionExecuted("action_session_start"))
            tracker.update(SessionStarted())
            tracker.update(ActionExecuted("action_listen"))
        message(tracker, f"question {n}", n)
        await store.save(tracker)


def rows(store: SQLTrackerStore, sender: str) -> list[dict[str, Any]]:
    """The stored rows of a conversation, in id order, without id and sender."""
    with store.engine.connect() as conn:
        got = (
            conn.execute(
                sa.text(
                    "select type_name, timestamp, intent_name, action_name, data from events "
                    "where sender_id = :s order by id"
                ),
                {"s": sender},
            )
            .mappings()
            .all()
        )
    return [{**r, "data": json.loads(r["data"])} for r in got]


def comparable(rs: list[dict[str, Any]]) -> list[dict[str, Any]]:
    """Rows without their timestamps (each event takes the time it was made)."""
    out = []
    for r in rs:
        data = {k: v for k, v in r["data"].items() if k != "timestamp"}
        out.append({**{k: v for k, v in r.items() if k not in ("timestamp", "data")}, "data": data})
    return out


def test_the_same_rows_as_rasas_store(settings):
    rasa_store = SQLTrackerStore(DOMAIN, **settings)
    lean = LeanSQLTrackerStore(DOMAIN, **settings)
    a, b = f"rasa-{uuid.uuid4().hex[:6]}", f"lean-{uuid.uuid4().hex[:6]}"
    run(conversation(rasa_store, a))
    run(conversation(lean, b))
    theirs, ours = rows(rasa_store, a), rows(lean, b)
    assert len(ours) == len(theirs) == 3 + 6 + 6 + 3 + 6 + 6
    assert comparable(ours) == comparable(theirs)
    assert all(r["timestamp"] == r["data"]["timestamp"] for r in ours)
    # and each reads back what the other wrote: latest session, then all of them
    for store, sender in ((rasa_store, b), (lean, a)):
        latest = run(store.retrieve(sender))
        full = run(store.retrieve_full_tracker(sender))
        assert [e.as_dict() for e in full.events] == [r["data"] for r in rows(store, sender)]
        # from the latest session_started on (action_session_start is just before it)
        assert len(latest.events) == 2 + 6 + 6 and latest.get_slot("triage_level") is None
        assert isinstance(latest.events[0], SessionStarted)


def test_trackers_are_read_back_exactly_as_rasas_store_reads_them(settings):
    """The lean read (SQLAlchemy Core, the data column) gives Rasa's trackers."""
    rasa_store = SQLTrackerStore(DOMAIN, **settings)
    lean = LeanSQLTrackerStore(DOMAIN, **settings)
    sessions, plain = f"s-{uuid.uuid4().hex[:6]}", f"p-{uuid.uuid4().hex[:6]}"
    run(conversation(lean, sessions, turns=6, new_session_at=3))
    tracker = DialogueStateTracker(plain, DOMAIN.slots)  # no session_started at all
    for n in range(2):
        message(tracker, f"plain {n}", n)
    run(lean.save(tracker))
    for sender in (sessions, plain):
        for read in ("retrieve", "retrieve_full_tracker"):
            theirs = run(getattr(rasa_store, read)(sender))
            ours = run(getattr(lean, read)(sender))
            assert [e.as_dict() for e in ours.events] == [e.as_dict() for e in theirs.events]
            assert ours.current_slot_values() == theirs.current_slot_values()
            assert ours.sender_id == theirs.sender_id == sender
    assert len(run(lean.retrieve(sessions)).events) == 2 + 3 * 6
    assert run(lean.retrieve("nobody")) is None and run(rasa_store.retrieve("nobody")) is None


def test_no_count_per_save_once_the_tracker_is_known(settings):
    rasa_store = SQLTrackerStore(DOMAIN, **settings)
    lean = LeanSQLTrackerStore(DOMAIN, **settings)
    counts = {}
    for name, store in (("rasa", rasa_store), ("lean", lean)):
        sender = f"{name}-{uuid.uuid4().hex[:6]}"
        run(conversation(store, sender, turns=1))
        seen = statements(store)
        tracker = run(store.retrieve(sender))
        message(tracker, "again", 9)
        run(store.save(tracker))
        counts[name] = (sum("count(" in s for s in seen), sum(s.startswith("insert") for s in seen))
    # Rasa: a count, then one INSERT per event (SQLite) or one for all (PostgreSQL)
    assert counts["rasa"] == (1, 6 if settings["dialect"] == "sqlite" else 1)
    assert counts["lean"] == (0, 1)  # ours: no count, one INSERT for the six


def test_a_tracker_it_has_not_read_is_counted_and_nothing_is_stored_twice(settings):
    lean = LeanSQLTrackerStore(DOMAIN, **settings)
    sender = f"copy-{uuid.uuid4().hex[:6]}"
    run(conversation(lean, sender, turns=2, new_session_at=9))
    tracker = run(lean.retrieve(sender))
    twin = copy.deepcopy(tracker)  # carries the mark, but it is another object
    assert stored_count(tracker) == len(tracker.events) and stored_count(twin) is None
    message(tracker, "first", 5)
    run(lean.save(tracker))
    message(twin, "first", 5)  # the same turn through the copy: counted, so
    run(lean.save(twin))  # only what the database lacks is added (nothing)
    # a tracker built elsewhere from the same events (Rasa's PUT .../tracker/events)
    rebuilt = DialogueStateTracker.from_dict(
        sender, [e.as_dict() for e in tracker.events], DOMAIN.slots
    )
    message(rebuilt, "second", 6)
    run(lean.save(rebuilt))
    stored = rows(lean, sender)
    assert len(stored) == 3 + 6 * 4
    assert [r["data"].get("text") for r in stored if r["type_name"] == "user"] == [
        "question 0",
        "question 1",
        "first",
        "second",
    ]


def test_a_deleted_transcript_is_not_written_back(settings):
    """Staff delete a transcript mid-conversation: Rasa's count (0) re-inserted all of it."""
    lean = LeanSQLTrackerStore(DOMAIN, **settings)
    sender = f"gone-{uuid.uuid4().hex[:6]}"
    run(conversation(lean, sender, turns=2, new_session_at=9))
    tracker = run(lean.retrieve(sender))
    with lean.engine.begin() as conn:
        conn.execute(sa.text("delete from events where sender_id = :s"), {"s": sender})
    message(tracker, "after the deletion", 7)
    run(lean.save(tracker))
    assert [r["data"].get("text") for r in rows(lean, sender)] == [
        "after the deletion",
        None,
        None,
        "answer 7 ✓ <b>",
        None,
        None,
    ]


def test_many_events_in_one_save_keep_their_order(settings):
    lean = LeanSQLTrackerStore(DOMAIN, **settings)
    sender = f"many-{uuid.uuid4().hex[:6]}"
    tracker = run(lean.get_or_create_tracker(sender, append_action_listen=False))
    for n in range(150):
        message(tracker, f"q{n}", n)
    run(lean.save(tracker))
    texts = [r["data"]["text"] for r in rows(lean, sender) if r["type_name"] == "user"]
    assert texts == [f"q{n}" for n in range(150)]
    assert len(run(lean.retrieve(sender)).events) == 900


def test_made_by_rasa_from_the_endpoints_entry(settings):
    """Rasa falls back to an in-memory store, silently, if the type cannot be imported."""
    entry = dict(settings)
    config = EndpointConfig(
        url=entry.pop("host", None),  # endpoints.yml's `url:`
        type="bot.tracker_store.LeanSQLTrackerStore",
        **entry,
    )
    store = TrackerStore.create(config, DOMAIN)
    assert type(store) is LeanSQLTrackerStore
    sender = f"ep-{uuid.uuid4().hex[:6]}"
    run(conversation(store, sender, turns=2))
    assert len(rows(store, sender)) == 3 + 6 + 6


def test_sqlite_settings(tmp_path):
    path = tmp_path / "tracker.db"
    lean = LeanSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path))
    with lean.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA journal_mode").scalar() == "wal"
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 1  # NORMAL
    durable = LeanSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path), sqlite_synchronous="full")
    with durable.engine.connect() as conn:
        assert conn.exec_driver_sql("PRAGMA synchronous").scalar() == 2  # FULL
    with pytest.raises(ValueError, match="sqlite_synchronous"):
        LeanSQLTrackerStore(DOMAIN, dialect="sqlite", db=str(path), sqlite_synchronous="OFF")
