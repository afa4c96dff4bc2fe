"""Text, size and rate limits at every entry point (bot.channels.limits)."""

from __future__ import annotations

import pytest

from bot.channels import limits


def test_clean_text_replaces_what_cannot_be_encoded():
    assert limits.clean_text("a\ud800b\x00c") == "a\ufffdb\ufffdc"
    assert limits.clean_text("zero\u200bwidth \u202ebidi") == "zero\u200bwidth \u202ebidi"
    assert limits.clean_text(None) == ""  # type: ignore[arg-type]
    limits.clean_text("\ud800").encode("utf-8")


def test_token_bucket():
    r = limits.RateLimiter(per_minute=60, burst=3)
    assert [r.allow("k", now=0.0) for _ in range(4)] == [True, True, True, False]
    assert r.allow("k", now=1.01)  # one token a second comes back
    assert not r.allow("k", now=1.02)
    assert r.allow("other", now=1.02)  # buckets are per key
    assert limits.RateLimiter(0).allow("k")  # 0 turns a limit off


def test_buckets_are_pruned():
    r = limits.RateLimiter(per_minute=60, burst=1, max_keys=100)
    for i in range(500):
        r.allow(f"k{i}", now=float(i))
    assert len(r._buckets) <= 100


def test_refusals_are_told_once_a_minute():
    gate = limits.Gate(limits.RateLimiter(60, 1), limits.RateLimiter(0))
    assert gate.first_refusal("s", now=0) and not gate.first_refusal("s", now=30)
    assert gate.first_refusal("s", now=61)


def test_a_flood_is_refused_but_an_emergency_never_is(monkeypatch):
    limits.assess("warm up")  # the red-flag rules load once (seconds): not inside the timing
    gate = limits.Gate(limits.RateLimiter(1, 2), limits.RateLimiter(0))
    got = [limits.admit_text(gate, "s", None, "how much is it") for _ in range(4)]
    assert [a.refused for a in got] == [None, None, "rate", "rate"]
    assert "faster" in got[2].notice and got[3].notice is None
    emergency = limits.admit_text(gate, "s", None, "my vision went blurry after my injections")
    assert emergency.text == "my vision went blurry after my injections"


def test_an_address_limit_counts_every_sender_from_it():
    limits.assess("warm up")
    gate = limits.Gate(limits.RateLimiter(0), limits.RateLimiter(1, 3))
    got = [limits.admit_text(gate, f"s{i}", "10.0.0.1", "hi").refused for i in range(5)]
    assert got == [None, None, None, "rate", "rate"]
    assert limits.admit_text(gate, "s9", "10.0.0.2", "hi").refused is None


@pytest.mark.parametrize(
    "tail,goes_on",
    [
        ("my vision went blurry after my injections", True),
        ("there is yellow pus coming out of one injection point", True),
        ("and what about the price of a course", False),
    ],
)
def test_long_messages(tail, goes_on):
    text = "I wanted to say a few things first. " * 150 + tail
    got = limits.admit_text(
        limits.Gate(limits.RateLimiter(0), limits.RateLimiter(0)), "s", None, text
    )
    if goes_on:
        assert got.text and len(got.text) <= limits.max_message_chars()
        assert tail.split()[1] in got.text
    else:
        assert got.text is None and got.refused == "too_long" and "too long" in got.notice


def test_a_flood_from_one_sender_is_not_a_flood_of_red_flag_checks(monkeypatch):
    checked = []
    monkeypatch.setattr(limits, "is_emergency", lambda text: checked.append(text) or False)
    gate = limits.Gate(limits.RateLimiter(1, 1), limits.RateLimiter(0), limits.RateLimiter(1, 3))
    for _ in range(50):
        limits.admit_text(gate, "s", None, "spam")
    assert len(checked) == 3


def test_twice_the_limit_is_refused_unread(monkeypatch):
    monkeypatch.setattr(limits, "assess", lambda text: (_ for _ in ()).throw(AssertionError))
    got = limits.admit_text(
        limits.Gate(limits.RateLimiter(0), limits.RateLimiter(0)),
        "s",
        None,
        "x" * (2 * limits.max_message_chars() + 1),
    )
    assert got.refused == "too_long"


# ------------------------------------------------------------ shared by replicas (Redis)


@pytest.fixture
def no_shared(monkeypatch):
    monkeypatch.delenv("REDIS_URL", raising=False)
    limits._SHARED.clear()
    yield
    limits._SHARED.clear()


def test_without_redis_the_buckets_are_in_memory(no_shared):
    r = limits.limiter("RATE_SENDER_PER_MINUTE", 20)
    assert r.shared is None and r.name == "RATE_SENDER_PER_MINUTE"


@pytest.mark.slow
def test_two_processes_share_one_bucket_through_redis(no_shared, monkeypatch, redis_url):
    """Two replicas (two limiters, as two Rasa processes build them) take from one bucket."""
    import uuid

    monkeypatch.setenv("REDIS_URL", redis_url)
    monkeypatch.setenv("RATE_SENDER_PER_MINUTE", "6")  # burst 3
    one, two = (limits.limiter("RATE_SENDER_PER_MINUTE", 20) for _ in range(2))
    assert one.shared is not None and one.shared is two.shared
    sender = f"s:tw-4477{uuid.uuid4().int % 10**6:06d}"
    taken = [one.allow(sender), two.allow(sender), one.allow(sender), two.allow(sender)]
    assert taken == [True, True, True, False]
    assert limits.limiter("RATE_ADDRESS_PER_MINUTE", 120).allow(sender)  # another limit
    # no phone number or sender id is written to Redis, only hashes
    import redis

    keys = redis.Redis.from_url(redis_url).keys("clinic-bot:rate:*")
    assert keys and not any(sender.encode() in k for k in keys)


@pytest.mark.slow
def test_redis_down_falls_back_to_memory_at_once(no_shared, monkeypatch):
    from scripts.launch import free_port

    monkeypatch.setenv("REDIS_URL", f"redis://127.0.0.1:{free_port()}/0")  # nothing listens
    r = limits.limiter("RATE_SENDER_PER_MINUTE", 60)
    calls = []
    real = r.shared.script
    r.shared.script = lambda **kw: (calls.append(kw), real(**kw))[1]
    assert [r.allow("s:x") for _ in range(31)] == [True] * 30 + [False]  # burst 30, in memory
    assert len(calls) == 1  # one failed try, then the buckets in memory for a while
