"""bot.rasa_gateway: Rasa's HTTP API, Rasa's tracker store, and the one event mapper.

The tracker-store tests run twice: on SQLite (the default endpoints.yml) and
on a real PostgreSQL started for the session (marked slow; skipped with the
reason where PostgreSQL is not installed, failed instead with
REQUIRE_SERVICES=1). The lock test uses a real redis-server the same way.
"""

from __future__ import annotations

import asyncio
import threading
import time
import uuid
from pathlib import Path

import pytest

from bot import config
from bot import rasa_gateway as gateway
from bot.inbox.transcript import from_events, read_transcript
from tests.fakes.trackers import TrackerWriter

P = {"intent": {"name": "greet", "confidence": 1.0}, "entities": []}


# ------------------------------------------------------------ conversation ids in URLs


@pytest.mark.parametrize(
    "cid",
    [
        "tg-123",
        "tw-447000077777",
        "web-3f2a_B9",
        "rest-x",
        "whatsapp:+447000077777",
        "a.b_c~d=e@f",
        "x" * 200,
    ],
)
def test_ids_a_path_carries_as_they_are(cid):
    assert gateway.addressable(cid)
    assert gateway.conversation_path(cid) == f"/conversations/{cid}"


@pytest.mark.parametrize(
    "cid",
    [
        "",
        ".",
        "..",
        "a b",
        "a/b",
        "a%2Fb",
        "a?b",
        "a#b",
        "é",
        "ü-123",
        "a\nb",
        "a\x00b",
        "<script>",
        'a"b',
        "a\\b",
        "a'b(c)!$&*,;",
        "-100123",
        "x" * 201,
        None,
        42,
    ],
)
def test_ids_that_need_escaping_are_refused(cid):
    assert not gateway.addressable(cid)
    with pytest.raises(gateway.UnaddressableConversation, match="cannot be addressed"):
        gateway.conversation_path(cid)


# ------------------------------------------------------------ the HTTP client


@pytest.fixture
def rasa(http_server, monkeypatch):
    server = http_server()
    server.clear()
    monkeypatch.setenv("RASA_PORT", str(server.port))
    monkeypatch.setenv("RASA_AUTH_TOKEN", "s3cret")
    return server


def test_append_events_with_side_effects(rasa):
    result = asyncio.run(
        gateway.append_events("whatsapp:+447000077777", [{"event": "bot", "text": "hi"}])
    )
    assert result.ok and result.status == 200 and result.body == {"ok": True}
    req = rasa.requests[-1]
    assert req.method == "POST"
    assert req.path == "/conversations/whatsapp:+447000077777/tracker/events"  # unescaped
    assert req.query == {
        "execute_side_effects": ["true"],
        "output_channel": ["latest"],
        "token": ["s3cret"],
    }
    assert req.json == [{"event": "bot", "text": "hi"}]


def test_append_without_side_effects_or_channel(rasa):
    asyncio.run(
        gateway.append_events(
            "tg-1",
            {"event": "slot", "name": "x", "value": 1},
            execute_side_effects=False,
            output_channel=None,
        )
    )
    assert rasa.requests[-1].query == {"execute_side_effects": ["false"], "token": ["s3cret"]}


def test_replace_and_get(rasa):
    asyncio.run(gateway.replace_events("tg-1", [{"event": "bot", "text": "x"}]))
    assert (rasa.requests[-1].method, rasa.requests[-1].path) == (
        "PUT",
        "/conversations/tg-1/tracker/events",
    )
    rasa.reply(200, {"sender_id": "tg-1", "events": []})
    result = asyncio.run(gateway.get_tracker("tg-1", include_events="AFTER_RESTART"))
    assert result.ok and result.body["sender_id"] == "tg-1"
    assert rasa.requests[-1].query["include_events"] == ["AFTER_RESTART"]


def test_no_token_no_token_parameter(rasa, monkeypatch):
    monkeypatch.setenv("RASA_AUTH_TOKEN", "")
    asyncio.run(gateway.get_tracker("tg-1"))
    assert "token" not in rasa.requests[-1].query


def test_an_id_that_needs_escaping_is_never_sent(rasa):
    result = asyncio.run(gateway.append_events("+44 7700/900", {"event": "bot", "text": "x"}))
    assert not result.ok and result.status == 0 and "cannot be addressed" in result.error
    assert rasa.requests == []


@pytest.mark.parametrize(
    "status,words",
    [
        (401, "RASA_AUTH_TOKEN"),
        (403, "RASA_AUTH_TOKEN"),
        (404, "does not know"),
        (409, "busy"),
        (500, "HTTP 500: the message was not sent. The channel said no"),
    ],
)
def test_errors_are_sentences(rasa, status, words):
    rasa.reply(status, {"message": "An unexpected error occurred. Error: The channel said no"})
    result = asyncio.run(gateway.append_events("tg-1", {"event": "bot", "text": "x"}))
    assert not result.ok and result.status == status and words in result.error


def test_rasa_down_is_said(rasa):
    rasa.reply(0)
    result = asyncio.run(gateway.append_events("tg-1", {"event": "bot", "text": "x"}))
    assert not result.ok and result.status == 0 and "not reachable" in result.error


def test_a_body_that_is_not_json_is_still_ok(rasa):
    rasa.reply(200, b"plain text")
    result = asyncio.run(gateway.get_tracker("tg-1"))
    assert result.ok and result.body is None


def test_the_sync_form_works_from_a_worker_thread(rasa):
    out = []
    thread = threading.Thread(
        target=lambda: out.append(
            gateway.append_events_sync(
                "tg-2", [{"event": "slot", "name": "handoff_active", "value": True}]
            )
        )
    )
    thread.start()
    thread.join(30)
    assert out and out[0].ok and rasa.requests[-1].path == "/conversations/tg-2/tracker/events"


# ------------------------------------------------------------ the one mapper

EVENTS = [
    {"event": "action", "name": "action_session_start", "timestamp": 1.0},
    {"event": "session_started", "timestamp": 1.0},
    {"event": "user", "text": "hello", "timestamp": 2.0, "input_channel": "telegram"},
    {
        "event": "bot",
        "text": "Hi!\n\nHow can I help?",
        "timestamp": 3.0,
        "data": {
            "buttons": [{"title": "Prices", "payload": "/faq"}, {"title": "No payload"}, "junk"]
        },
    },
    {"event": "user", "text": "/faq", "timestamp": 4.0, "metadata": {"button_title": "Prices"}},
    {"event": "user", "text": "/greet", "timestamp": 5.0},
    {"event": "slot", "name": "handoff_active", "value": True, "timestamp": 6.0},
    {"event": "bot", "text": "Sam here", "metadata": {"staff": "sam"}, "timestamp": 7.0},
    {"event": "slot", "name": "other", "value": 1},
    {"event": "bot", "text": None, "data": {"image": "https://x/y.png"}},
    {
        "event": "bot",
        "text": "Pick one",
        "data": {"quick_replies": [{"title": "A", "payload": "/a"}]},
    },
    {"event": "pause"},
    {"event": "resume"},
]


def test_chat_messages_kinds_and_positions():
    messages = gateway.chat_messages(EVENTS)
    assert [(m.id, m.kind) for m in messages] == [
        (2, "system"),
        (3, "user"),
        (4, "bot"),
        (5, "user"),
        (6, "user"),
        (7, "system"),
        (8, "staff"),
        (10, "bot"),
        (11, "bot"),
        (12, "system"),
        (13, "system"),
    ]
    by_id = {m.id: m for m in messages}
    assert by_id[3].channel == "telegram" and by_id[3].at == 2.0
    assert [b.title for b in by_id[4].buttons] == ["Prices", "No payload"]
    assert by_id[5].text == "Prices" and not by_id[5].command
    assert by_id[6].command and by_id[6].text == "/greet"
    assert by_id[8].author == "sam" and by_id[10].image == "https://x/y.png"
    assert gateway.has_conversation(messages)
    assert not gateway.has_conversation(gateway.chat_messages(EVENTS[:2]))


def test_the_widget_view_of_the_same_messages():
    assert gateway.widget_history(EVENTS) == [
        {"from": "user", "text": "hello"},
        {"from": "bot", "text": "Hi!"},
        {
            "from": "bot",
            "text": "How can I help?",
            "buttons": [{"title": "Prices", "payload": "/faq"}],
        },
        {"from": "user", "text": "Prices"},
        {"from": "staff", "text": "Sam here", "staff": "sam"},
        {"from": "bot", "text": "Pick one", "buttons": [{"title": "A", "payload": "/a"}]},
    ]
    assert (
        len(gateway.widget_history([{"event": "user", "text": str(i)} for i in range(300)])) == 200
    )
    assert gateway.widget_history([None, "x", {"event": "bot"}, {"event": "user"}]) == []


def test_the_inbox_view_of_the_same_messages():
    t = from_events(EVENTS)
    assert [m["text"] for m in t.messages if m["kind"] != "system"] == [
        "hello",
        "Hi!\n\nHow can I help?",
        "Prices",
        "/greet",
        "Sam here",
        "[image] https://x/y.png",
        "Pick one",
    ]
    assert t.messages[2]["buttons"] == ["Prices", "No payload"]


# ------------------------------------------------------------ Rasa's tracker store

ENDPOINTS_URL = "tracker_store:\n  type: SQL\n  url: ${TRACKER_STORE_URL}\n"


@pytest.fixture(params=["sqlite", pytest.param("postgresql", marks=pytest.mark.slow)])
def store(request, data_dir, tmp_path):
    """The gateway on endpoints.yml's SQLite store, or on PostgreSQL by URL."""
    if request.param == "sqlite":
        gw = gateway.tracker_store()
        assert gw.sqlite_file == data_dir / "tracker.db"
        return gw
    url = request.getfixturevalue("postgres_url")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(ENDPOINTS_URL)
    gw = gateway.tracker_store(endpoints, overrides={"TRACKER_STORE_URL": url})
    assert gw.sqlite_file is None and "postgresql" in str(gw.store.engine.url)
    return gw


def ids(n):
    tag = uuid.uuid4().hex[:8]
    return [f"tg-{tag}-{i}" for i in range(n)]


def test_written_through_rasa_read_back_as_transcripts(store, monkeypatch):
    a, b = ids(2)
    writer = TrackerWriter(gateway=store)
    now = time.time()
    writer.user(a, "my cheek is red and hot", now - 30, channel="telegram")
    writer.bot(a, "I've let the clinic know.", now - 29)
    writer.slot(a, "handoff_active", True, now - 28)
    writer.bot(a, "Dr Lee here", now - 10, staff="dr.lee")
    writer.user(b, "prices?", now)
    assert {a, b} <= set(store.conversation_ids())
    # Rasa reads what was written (its own format, its own store)
    tracker = gateway.run_sync(store.store.retrieve(a))
    assert [e.type_name for e in tracker.events] == ["user", "bot", "slot", "bot"]
    # the inbox's transcript, from the store while Rasa is down
    monkeypatch.setattr(gateway.trackers, "tracker_store", lambda *a, **k: store)
    monkeypatch.setenv("RASA_PORT", str(_closed_port()))
    t = asyncio.run(read_transcript(a))
    assert [(m["kind"], m["text"]) for m in t.messages] == [
        ("user", "my cheek is red and hot"),
        ("bot", "I've let the clinic know."),
        ("system", "Conversation held for staff"),
        ("staff", "Dr Lee here"),
    ]
    assert t.messages[3]["author"] == "dr.lee" and t.messages[0]["channel"] == "telegram"
    assert from_events(store.events(b)).messages[0]["text"] == "prices?"


def test_the_sweep_reads_events_in_store_order(store):
    a, b = ids(2)
    writer = TrackerWriter(gateway=store)
    start = max([e.id for e in store.events_after(0, limit=100000)], default=0)
    writer.user(a, "one")
    writer.add(a, {"event": "active_loop", "name": "prescreen_form"})
    writer.user(b, "two")
    writer.user(a, "three")
    users = store.events_after(start)
    assert [(e.sender_id, e.event["text"]) for e in users] == [(a, "one"), (b, "two"), (a, "three")]
    assert users[0].id < users[1].id < users[2].id and users[0].type_name == "user"
    assert store.events_after(users[0].id, limit=1)[0].event["text"] == "two"
    assert store.active_loop_before(a, users[2].id) == "prescreen_form"
    assert store.active_loop_before(a, users[0].id) is None
    assert store.active_loop_before(b, users[1].id) is None
    loops = store.events_after(start, types=("active_loop",))
    assert [e.event["name"] for e in loops] == ["prescreen_form"]


def test_delete_one_conversation(store):
    a, b = ids(2)
    writer = TrackerWriter(gateway=store)
    writer.user(a, "delete my data")
    writer.bot(a, "Done.")
    writer.user(b, "keep me")
    assert store.delete_conversation(a) == 2
    assert a not in store.conversation_ids() and b in store.conversation_ids()
    assert store.events(a) == [] and gateway.run_sync(store.store.retrieve(a)) is None
    assert [e["text"] for e in store.events(b)] == ["keep me"]
    assert store.delete_conversation(a) == 0
    assert store.delete_conversation("x' or '1'='1") == 0 and store.events(b)


def test_purge_old_events(store):
    (a,) = ids(1)
    writer = TrackerWriter(gateway=store)
    now = time.time()
    writer.user(a, "old", now - 100 * 86400)
    writer.user(a, "new", now - 60)
    assert store.purge_before(now - 90 * 86400) >= 1
    assert [e["text"] for e in store.events(a)] == ["new"]


def _closed_port() -> int:
    from scripts.launch import free_port

    return free_port()


# ------------------------------------------------------------ no store, other stores, no database


def test_a_missing_sqlite_file_is_nothing_and_is_not_created(data_dir):
    gw = gateway.tracker_store()
    assert gw.conversation_ids() == [] and gw.events("a") == [] and gw.events_after(0) == []
    assert gw.delete_conversation("a") == 0 and gw.purge_before(time.time()) == 0
    assert gw.active_loop_before("a", 5) is None
    assert not (data_dir / "tracker.db").exists()


def test_a_store_without_delete_says_so(tmp_path, data_dir):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text("action_endpoint:\n  url: http://127.0.0.1:${ACTION_PORT}/webhook\n")
    gw = gateway.TrackerStoreGateway(endpoints_file=endpoints)  # no tracker_store: in memory
    assert gw.events("a") == [] and gw.conversation_ids() == []
    with pytest.raises(gateway.UnsupportedTrackerStore, match="InMemoryTrackerStore"):
        gw.delete_conversation("a")
    with pytest.raises(gateway.UnsupportedTrackerStore):
        gw.events_after(0)


@pytest.mark.timeout(60)  # Rasa's own SQLTrackerStore would retry forever
def test_a_database_that_is_down_is_an_error_not_a_hang(tmp_path, data_dir):
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(ENDPOINTS_URL)
    gw = gateway.tracker_store(
        endpoints,
        overrides={"TRACKER_STORE_URL": f"postgresql://u:p@127.0.0.1:{_closed_port()}/bot"},
    )
    with pytest.raises(gateway.TrackerStoreUnavailable, match="not reachable"):
        gw.conversation_ids()


def test_the_default_is_the_endpoints_file_rasa_runs_with(data_dir):
    assert gateway.endpoints_path() == Path(config.ROOT) / "endpoints.yml"
    assert gateway.tracker_store() is gateway.tracker_store()


def test_reading_the_endpoints_leaves_the_environment_alone(data_dir, monkeypatch):
    monkeypatch.delenv("ACTION_PORT", raising=False)
    gateway.read_tracker_store_config(overrides={"BOT_DATA_DIR": "/elsewhere"})
    import os

    assert "ACTION_PORT" not in os.environ and os.environ["BOT_DATA_DIR"] == str(data_dir)


# ------------------------------------------------------------ Rasa's lock (Redis)


@pytest.mark.slow
def test_delete_waits_for_rasas_lock_on_the_conversation(data_dir, tmp_path, redis_url):
    """With a shared (Redis) lock store, a delete waits for the turn Rasa is handling."""
    from rasa.core.lock_store import LockStore, RedisLockStore

    host, port = redis_url.split("//")[1].split("/")[0].split(":")
    endpoints = tmp_path / "endpoints.yml"
    endpoints.write_text(
        f"tracker_store:\n  type: SQL\n  dialect: sqlite\n  db: {data_dir}/tracker.db\n"
        f"lock_store:\n  type: redis\n  url: {host}\n  port: {port}\n  db: 3\n"
    )
    gw = gateway.TrackerStoreGateway(endpoints_file=endpoints)
    (cid,) = ids(1)
    TrackerWriter(gateway=gw).user(cid, "delete my data")
    rasas_lock = LockStore.create(gateway.read_endpoint(endpoints, "lock_store"))  # as Rasa
    assert isinstance(rasas_lock, RedisLockStore)

    async def scenario():
        loop = asyncio.get_running_loop()
        async with rasas_lock.lock(cid):  # Rasa handling a message
            deleting = loop.run_in_executor(None, gw.delete_conversation, cid)
            await asyncio.sleep(1.5)
            assert not deleting.done() and gw.events(cid)
        return await asyncio.wait_for(deleting, 30)

    assert asyncio.run(scenario()) == 1
    assert gw.events(cid) == []


def test_the_sync_form_also_works_inside_a_running_loop(rasa):
    """A sync caller inside an event loop (a test driving a browser) still gets its answer."""

    async def inside():
        return gateway.append_events_sync("tg-3", {"event": "bot", "text": "x"})

    assert asyncio.run(inside()).ok
    with pytest.raises(ValueError, match="boom"):

        async def failing():
            async def boom():
                raise ValueError("boom")

            return gateway.run_sync(boom())

        asyncio.run(failing())
