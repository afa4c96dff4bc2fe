"""What every entry point checks before a message reaches Rasa: text, size, rate.

- ``clean_text``: a lone UTF-16 surrogate (``"\\ud800"`` in JSON) cannot be
  encoded, and the spaCy red-flag layer fails on it; it becomes U+FFFD here,
  as does a NUL.
- ``MAX_MESSAGE_CHARS`` [4096, Telegram's and WhatsApp's own limit]: a longer
  message gets a polite answer (with the emergency number) instead of seconds
  of NLU, unless it reports a symptom, which then goes on shortened to the
  words that matter. Beyond twice the limit (no patient client sends that:
  the widget stops at 2,000 characters, Telegram and WhatsApp at 4,096) the
  polite answer comes without reading the text at all, so a flood of huge
  messages costs nothing.
- ``RateLimiter``: token buckets per sender and per address. A message that
  reports an emergency is never held back by them; the red-flag check of a
  sender over its limit is itself limited (a flood of messages is not a flood
  of NLU), far above what a person can type. With ``REDIS_URL`` the buckets of
  the limits below live in Redis, shared by every Rasa replica
  (``SharedBuckets``); the red-flag check limit stays per process, as it
  guards that process's CPU.

Rasa-free (the widget server uses it too). Limits come from the environment
(see the README's configuration table): ``RATE_SENDER_PER_MINUTE``,
``RATE_ADDRESS_PER_MINUTE``, ``RATE_NEW_SESSIONS_PER_MINUTE``,
``RATE_HISTORY_PER_MINUTE``, ``RATE_REST_SENDER_PER_MINUTE``,
``RATE_REST_ADDRESS_PER_MINUTE``, ``MAX_MESSAGE_CHARS``; 0 turns a rate off.
"""

from __future__ import annotations

import hashlib
import logging
import re
import threading
import time
from typing import NamedTuple

from bot import config
from bot.levels import ESCALATING  # the levels that make a ticket
from bot.settings import settings, text

logger = logging.getLogger("bot.channels")

MAX_MESSAGE_CHARS = 4096
_UNENCODABLE = re.compile("[\ud800-\udfff\x00]")
EXCERPT_CONTEXT = 200  # characters kept around each sign in a shortened message


def max_message_chars() -> int:
    return max(200, settings().MAX_MESSAGE_CHARS)


def clean_text(text: str) -> str:
    """Text every later layer can encode: lone surrogates and NUL become U+FFFD."""
    return _UNENCODABLE.sub("\ufffd", text) if isinstance(text, str) else ""


# ------------------------------------------------------------ triage, cheaply


def assess(text: str):
    """``bot.triage.assess`` (imported on first use: it loads spaCy)."""
    from bot import triage

    return triage.assess(text)


def is_emergency(text: str) -> bool:
    """Whether the message reports an emergency. Fails safe: True on an error."""
    try:
        return assess(text).level == "emergency"
    except Exception:  # noqa: BLE001 - when unsure, never hold a message back
        logger.exception("red-flag check failed; letting the message through")
        return True


def shorten(text: str) -> str | None:
    """An over-long message cut to its symptom report, or None if it reports none.

    Keeps the start of the message and each counted sign with some words
    around it, so Rasa's own red-flag layer finds the same signs again.
    """
    limit = max_message_chars()
    try:
        found = assess(text)
    except Exception:  # noqa: BLE001
        logger.exception("red-flag check of a long message failed")
        return text[:limit]
    if found.level not in ESCALATING:
        return None
    spans: list[tuple[int, int]] = []
    for m in found.matches:
        if m.get("status") == "counted" and isinstance(m.get("start"), int):
            start = max(0, m["start"] - EXCERPT_CONTEXT)
            end = min(len(text), int(m.get("end") or m["start"]) + EXCERPT_CONTEXT)
            if spans and start <= spans[-1][1]:
                spans[-1] = (spans[-1][0], max(end, spans[-1][1]))
            else:
                spans.append((start, end))
    parts = [text[a:b].strip() for a, b in spans] or [text[:limit]]
    short = " … ".join(parts)
    return short[:limit]


# ------------------------------------------------------------ polite answers


def _facts() -> dict[str, str]:
    try:
        facts = config.clinic() or {}
    except Exception:  # noqa: BLE001 - the answer must go out without the file
        facts = {}
    return {
        "emergency_number": str(facts.get("emergency_number") or "999"),
        "phone": str(facts.get("phone") or facts.get("urgent_line") or ""),
    }


def too_long_text() -> str:
    f = _facts()
    return (
        f"Sorry, that message is too long for me (the limit is {max_message_chars():,} "
        "characters). Please send it again in shorter parts. If this is an emergency, "
        f"call {f['emergency_number']} now."
    )


def slow_down_text() -> str:
    f = _facts()
    return (
        "You are sending messages faster than I can answer. Please wait a minute, "
        f"then try again. If this is an emergency, call {f['emergency_number']} now."
    )


# ------------------------------------------------------------ rate limits

# Token bucket in Redis, atomic (one script), on Redis's clock: every replica
# takes from the same bucket. KEYS[1]: the bucket; ARGV: tokens a second, burst.
BUCKET_SCRIPT = """
local rate = tonumber(ARGV[1])
local burst = tonumber(ARGV[2])
local t = redis.call('TIME')
local now = tonumber(t[1]) + tonumber(t[2]) / 1000000
local state = redis.call('HMGET', KEYS[1], 'tokens', 'stamp')
local tokens = tonumber(state[1]) or burst
local stamp = tonumber(state[2]) or now
tokens = math.min(burst, tokens + math.max(0, now - stamp) * rate)
local allowed = 0
if tokens >= 1 then
  tokens = tokens - 1
  allowed = 1
end
redis.call('HSET', KEYS[1], 'tokens', tostring(tokens), 'stamp', tostring(now))
redis.call('EXPIRE', KEYS[1], math.ceil(burst / rate) + 1)
return allowed
"""
REDIS_TIMEOUT_SECONDS = 0.25  # a limit check never holds a message longer than this
REDIS_RETRY_SECONDS = 10  # after a failure, buckets in memory for this long


class SharedBuckets:
    """Token buckets in Redis (``REDIS_URL``), shared by every Rasa replica.

    Keys are hashed (a sender id can be a phone number: none is stored in
    Redis) and expire once the bucket would be full again. When Redis does
    not answer within ``REDIS_TIMEOUT_SECONDS``, ``take`` returns None and the
    caller uses its buckets in memory for ``REDIS_RETRY_SECONDS``: a Redis
    outage loosens the limits to one set per replica, it never stops a
    message.
    """

    def __init__(self, url: str, prefix: str = "clinic-bot:rate") -> None:
        import redis

        self.client = redis.Redis.from_url(
            url, socket_timeout=REDIS_TIMEOUT_SECONDS, socket_connect_timeout=REDIS_TIMEOUT_SECONDS
        )
        self.script = self.client.register_script(BUCKET_SCRIPT)
        self.prefix = prefix
        self._down_until = 0.0
        self._lock = threading.Lock()

    def key(self, name: str, key: str) -> str:
        digest = hashlib.sha256(f"{name}\0{key}".encode("utf-8", "replace")).hexdigest()[:32]
        return f"{self.prefix}:{digest}"

    def take(self, name: str, key: str, rate: float, burst: float) -> bool | None:
        """One token from the shared bucket: True, False, or None if Redis failed."""
        if time.monotonic() < self._down_until:
            return None
        try:
            return bool(self.script(keys=[self.key(name, key)], args=[rate, burst]))
        except Exception as exc:  # noqa: BLE001 - any Redis trouble: limits in memory
            with self._lock:
                if time.monotonic() >= self._down_until:
                    logger.warning(
                        "rate limits: Redis did not answer (%s); each process "
                        "keeps its own limits for %s s",
                        type(exc).__name__,
                        REDIS_RETRY_SECONDS,
                    )
                self._down_until = time.monotonic() + REDIS_RETRY_SECONDS
            return None


_SHARED: dict[str, SharedBuckets] = {}
_SHARED_LOCK = threading.Lock()


def shared_buckets() -> SharedBuckets | None:
    """The Redis buckets when ``REDIS_URL`` is set, else None (one per URL)."""
    from bot import scaling

    try:
        url = scaling.redis_url()
    except ValueError:
        logger.warning("REDIS_URL is not a Redis URL: rate limits stay in memory")
        return None
    if not url:
        return None
    with _SHARED_LOCK:
        if url not in _SHARED:
            _SHARED[url] = SharedBuckets(url)
        return _SHARED[url]


class RateLimiter:
    """Token buckets: ``per_minute`` messages a minute, up to ``burst`` at once.

    In process memory, one per server process: enough to keep one client from
    flooding a server. A limiter with a ``name`` and ``shared`` buckets
    (``REDIS_URL``) counts in Redis instead, so several Rasa replicas behind a
    load balancer allow a sender ``per_minute`` in all, not on each.
    """

    def __init__(
        self,
        per_minute: float,
        burst: int | None = None,
        max_keys: int = 20_000,
        name: str | None = None,
        shared: SharedBuckets | None = None,
    ) -> None:
        self.rate = max(0.0, float(per_minute)) / 60.0
        self.burst = float(burst if burst is not None else max(1, int(per_minute // 2) or 1))
        self.max_keys = max_keys
        self.name = name
        self.shared = shared if name else None
        self._buckets: dict[str, tuple[float, float]] = {}
        self._lock = threading.Lock()

    @property
    def enabled(self) -> bool:
        return self.rate > 0

    def allow(self, key: str, now: float | None = None) -> bool:
        """Take one token for ``key``; False when its bucket is empty."""
        if not self.enabled:
            return True
        if self.shared is not None and self.name and now is None:
            taken = self.shared.take(self.name, key, self.rate, self.burst)
            if taken is not None:
                return taken
        now = time.monotonic() if now is None else now
        with self._lock:
            tokens, stamp = self._buckets.get(key, (self.burst, now))
            tokens = min(self.burst, tokens + (now - stamp) * self.rate)
            allowed = tokens >= 1.0
            self._buckets[key] = (tokens - 1.0 if allowed else tokens, now)
            if len(self._buckets) > self.max_keys:
                self._prune(now)
            return allowed

    def _prune(self, now: float) -> None:
        full = [
            k
            for k, (tokens, stamp) in self._buckets.items()
            if tokens + (now - stamp) * self.rate >= self.burst
        ]
        for k in full:
            del self._buckets[k]
        while len(self._buckets) > self.max_keys:  # still too many: oldest first
            del self._buckets[min(self._buckets, key=lambda k: self._buckets[k][1])]


def limiter(name: str, default_per_minute: float, burst_share: float = 0.5) -> RateLimiter:
    """A limiter whose rate comes from the setting ``name`` (``default_per_minute`` if unset).

    Up to ``burst_share`` of a minute's messages may come at once. With
    ``REDIS_URL`` set, its buckets are shared by every process (``SharedBuckets``).
    """
    try:
        per_minute = float(text(name) or default_per_minute)
    except ValueError:
        per_minute = default_per_minute
    return RateLimiter(
        per_minute, max(1, int(per_minute * burst_share)), name=name, shared=shared_buckets()
    )


class Gate:
    """The per-sender and per-address limits of one entry point.

    ``within(sender, address)`` takes a token from both buckets. ``admit_text``
    (below) lets a message over a limit through anyway when it reports an
    emergency. ``first_refusal`` tells whether to answer a refused sender
    politely (once a minute) or stay silent.
    """

    def __init__(
        self, sender: RateLimiter, address: RateLimiter, checks: RateLimiter | None = None
    ) -> None:
        self.sender = sender
        self.address = address
        # red-flag checks of messages over a limit, per sender: a person in an
        # emergency never types this fast, a flooding script soon does
        self.checks = checks or RateLimiter(30, 15)
        self._told: dict[str, float] = {}

    @classmethod
    def patients(cls) -> Gate:
        return cls(
            limiter("RATE_SENDER_PER_MINUTE", 20),
            limiter("RATE_ADDRESS_PER_MINUTE", 120, burst_share=1 / 3),
        )

    @classmethod
    def trusted(cls) -> Gate:
        return cls(
            limiter("RATE_REST_SENDER_PER_MINUTE", 60),
            limiter("RATE_REST_ADDRESS_PER_MINUTE", 3000, burst_share=1 / 6),
        )

    def within(self, sender: str, address: str | None = None) -> bool:
        ok = self.sender.allow(f"s:{sender}")
        if address:
            ok = self.address.allow(f"a:{address}") and ok
        return ok

    def first_refusal(self, sender: str, now: float | None = None) -> bool:
        now = time.monotonic() if now is None else now
        last = self._told.get(sender)
        if last is not None and now - last < 60:
            return False
        if len(self._told) > 20_000:
            self._told.clear()
        self._told[sender] = now
        return True


class Admission(NamedTuple):
    """What ``admit_text`` decided: ``text`` for Rasa, or a refusal."""

    text: str | None
    notice: str | None = None  # a polite answer for the patient, or None: stay silent
    refused: str | None = None  # "rate" or "too_long"


def admit_text(gate: Gate, sender: str, address: str | None, text: str) -> Admission:
    """Whether a message goes on to Rasa, and in what form.

    The order keeps a flood cheap and an emergency unstoppable: the rate limit
    first (no NLU), then, for a sender over it, the red-flag check; then the
    size limit, where a long symptom report is shortened instead of refused.
    """
    text = clean_text(text)
    limit = max_message_chars()
    if not gate.within(sender, address):
        if gate.checks.allow(sender) and is_emergency(text[:limit]):
            logger.info("rate limit passed over for an emergency report")
        else:
            return Admission(None, slow_down_text() if gate.first_refusal(sender) else None, "rate")
    if len(text) > limit:
        short = shorten(text) if len(text) <= 2 * limit else None
        if short is None:
            return Admission(None, too_long_text(), "too_long")
        text = short
    return Admission(text)
