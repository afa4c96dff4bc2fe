"""The treatments API (CONTRACT.md): the request handling with a moved clock, then the
real inbox process over HTTP (auth, 400s, 201 and GET, never a 500)."""

from __future__ import annotations

import json
import sys
from datetime import datetime, timedelta, timezone

import pytest
import requests

from bot import checkins
from bot.checkins import FakeClock
from bot.inbox import api

NOW = "2026-03-28T12:00:00+00:00"
TOKEN = "s3cret-token-for-tests"


def body(**changes):
    data = {
        "sender_id": "rest-patient-1",
        "channel": "rest",
        "treated_at": "2026-03-27T11:00:00+00:00",
        "treatment": "mesotherapy",
    }
    data.update(changes)
    return json.dumps(data).encode()


@pytest.fixture
def clock():
    return FakeClock(NOW)


# ------------------------------------------------------------ auth


def test_auth_needs_the_exact_bearer_token():
    assert api.check_auth(f"Bearer {TOKEN}", TOKEN) is None
    assert api.check_auth(f"  Bearer {TOKEN} ", TOKEN) is None
    for header in (
        None,
        "",
        TOKEN,
        f"Bearer {TOKEN}x",
        f"bearer {TOKEN}x",
        "Bearer ",
        "Basic abc",
        "Bearer \udcff",
    ):
        refused = api.check_auth(header, TOKEN)
        assert refused is not None and refused[0] == 401, header


def test_api_is_off_without_a_token():
    status, answer = api.check_auth(f"Bearer {TOKEN}", None)
    assert status == 404 and "INBOX_API_TOKEN" in answer["error"]
    assert api.check_auth("Bearer ", "")[0] == 404


# ------------------------------------------------------------ POST and GET, in process


def test_post_schedules_the_check_ins_and_get_shows_them(data_dir, clock):
    status, answer = api.post_treatment(body(), clock)
    assert status == 201, answer
    kinds = [c["kind"] for c in answer["checkins"]]
    # treated 25 hours ago: the 24-hour check-in is late and due at once
    assert kinds == ["checkin_24h", "checkin_72h", "checkin_7d", "next_session"]
    assert answer["checkins"][0]["due_at"] == NOW
    assert answer["sender_id"] == "rest-patient-1" and answer["channel"] == "rest"
    status, shown = api.get_treatment(answer["id"])
    assert status == 200
    assert shown["id"] == answer["id"]
    assert [c["status"] for c in shown["checkins"]] == ["scheduled"] * 4
    assert all("sent_at" in c for c in shown["checkins"])
    stored = checkins.get_treatment(answer["id"])
    assert stored["conversation_id"] == "rest-patient-1"


def test_the_same_treatment_twice_is_stored_once(data_dir, clock):
    first = api.post_treatment(body(), clock)
    again = api.post_treatment(body(), clock)
    assert (first[0], again[0]) == (201, 200)
    assert first[1]["id"] == again[1]["id"]


@pytest.mark.parametrize(
    "channel,sender,conversation",
    [
        ("telegram", "123456789", "tg-123456789"),
        ("twilio_whatsapp", "whatsapp:+447700900123", "tw-447700900123"),
        ("twilio_whatsapp", "+447700900123", "tw-447700900123"),
        ("whatsapp_cloud", "447700900124", "wa-447700900124"),
        ("socketio", "web-abc123", "web-abc123"),
    ],
)
def test_each_channel_maps_the_sender_to_its_conversation(
    data_dir, clock, channel, sender, conversation
):
    status, answer = api.post_treatment(body(channel=channel, sender_id=sender), clock)
    assert status == 201, answer
    assert checkins.get_treatment(answer["id"])["conversation_id"] == conversation


@pytest.mark.parametrize(
    "raw,fragment",
    [
        (b"", "empty"),
        (b"   \n", "empty"),
        (b"{not json", "not valid JSON"),
        (b"\xff\xfe{}", "not valid JSON"),
        (b"[1, 2]", "JSON object"),
        (b"null", "JSON object"),
        (b"[" * 5000 + b"]" * 5000, "not valid JSON"),
        (b'{"a": "' + b"x" * (api.MAX_BODY_BYTES + 1) + b'"}', "bytes"),
        (body(channel="sms"), "channel must be one of"),
        (body(channel=None), "channel is missing"),
        (body(treated_at="2026-03-27T11:00:00"), "UTC offset"),
        (body(treated_at="yesterday"), "ISO-8601"),
        (body(treated_at="2026-04-28T11:00:00+00:00"), "in the future"),
        (body(treated_at="2025-01-01T11:00:00+00:00"), "ago"),
        (body(treatment="botox"), "treatment must be one of"),
        (body(sender_id=""), "sender_id is empty"),
        (body(sender_id="a b"), "spaces"),
        (body(sender_id="x" * 500), "longer than"),
        (body(sender_id=12), "must be a string"),
        (body(sender_id="tg-1234"), "another channel's prefix"),
        (body(channel="telegram", sender_id="not-a-chat"), "address on telegram"),
        (body(channel="socketio", sender_id="someone"), "web-"),
        (body(channel="twilio_whatsapp", sender_id="1;drop-table"), "address"),
        (
            json.dumps(
                {
                    "sender_id": "a",
                    "channel": "rest",
                    "treated_at": NOW,
                    "treatment": "mesotherapy",
                    "extra": 1,
                }
            ).encode(),
            "unknown field",
        ),
    ],
    ids=lambda v: v[:30] if isinstance(v, bytes) else None,
)
def test_bad_input_is_a_400_with_a_reason(data_dir, clock, raw, fragment):
    status, answer = api.post_treatment(raw, clock)
    assert status == 400, answer
    assert fragment in answer["error"]
    assert checkins.open_db().table("treatments").count == 0


def test_get_of_an_unknown_or_malformed_id_is_404(data_dir):
    for tid in ("TR-0000000000", "../etc", "", "TR-<script>", "x" * 300):
        assert api.get_treatment(tid)[0] == 404


# ------------------------------------------------------------ over HTTP, the real inbox


@pytest.fixture(scope="module")
def inbox_url(tmp_path_factory, server_process, free_port):
    data = tmp_path_factory.mktemp("api-data")
    port = free_port()
    env = {
        "BOT_DATA_DIR": str(data),
        "INBOX_PORT": str(port),
        "BIND_HOST": "127.0.0.1",
        "INBOX_API_TOKEN": TOKEN,
        "RASA_PORT": str(free_port()),
    }
    server_process(
        [sys.executable, "-m", "bot.inbox"], env, health_url=f"http://127.0.0.1:{port}/healthz"
    )
    return f"http://127.0.0.1:{port}"


AUTH = {"Authorization": f"Bearer {TOKEN}"}


class http:  # noqa: N801 - requests with a timeout, so a hung server fails the test
    @staticmethod
    def post(url, **kw):
        return requests.post(url, timeout=30, **kw)

    @staticmethod
    def get(url, **kw):
        return requests.get(url, timeout=30, **kw)

    @staticmethod
    def put(url, **kw):
        return requests.put(url, timeout=30, **kw)


@pytest.mark.slow
def test_http_round_trip(inbox_url):
    url = f"{inbox_url}/api/v1/treatments"
    treated = (datetime.now(timezone.utc) - timedelta(hours=25)).isoformat()
    r = http.post(url, data=body(sender_id="http-2", treated_at=treated), headers=AUTH)
    assert r.status_code == 201, r.text
    assert r.headers["content-type"].startswith("application/json")
    tid = r.json()["id"]
    g = http.get(f"{url}/{tid}", headers=AUTH)
    assert g.status_code == 200
    assert g.json()["checkins"][0] == {
        **g.json()["checkins"][0],
        "kind": "checkin_24h",
        "status": "scheduled",
    }
    assert http.get(f"{url}/TR-0000000000", headers=AUTH).status_code == 404


@pytest.mark.slow
def test_http_refuses_without_the_token_and_never_500s(inbox_url):
    url = f"{inbox_url}/api/v1/treatments"
    assert http.post(url, data=body()).status_code == 401
    assert http.post(url, data=body(), headers={"Authorization": "Bearer no"}).status_code == 401
    assert http.get(f"{url}/TR-0000000000").status_code == 401
    # a signed-in staff cookie is not a token either
    assert http.post(url, data=body(), cookies={"inbox_session": "x"}).status_code == 401
    for raw in (b"", b"{", b"\x00\x01", "😀".encode(), b"[]", b"9" * 100000):
        r = http.post(url, data=raw, headers=AUTH)
        assert r.status_code == 400, (raw[:20], r.status_code, r.text[:200])
        assert r.json()["error"]
    r = http.post(url, data=b"x" * (300 * 1024), headers=AUTH)
    assert r.status_code in (400, 413)
    r = http.put(url, data=body(), headers=AUTH)
    assert r.status_code == 405 and "location" not in {k.lower() for k in r.headers}
    # the staff pages still need a sign-in
    assert http.get(f"{inbox_url}/", allow_redirects=False).status_code in (302, 303)
