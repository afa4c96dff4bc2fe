"""Rasa's HTTP API: read a conversation, append events with their side effects, replace events."""

from __future__ import annotations

import asyncio
import json
import logging
import threading
from collections.abc import Awaitable
from dataclasses import dataclass, field
from typing import Any, TypeVar

import aiohttp
import yarl

from bot import config
from bot.rasa_gateway.messages import UnaddressableConversation, addressable, conversation_path

log = logging.getLogger(__name__)

T = TypeVar("T")
Events = dict[str, Any] | list[dict[str, Any]]

TIMEOUT_SECONDS = 15
READ_TIMEOUT_SECONDS = 5  # a page waits for this; then the tracker store answers instead


# ------------------------------------------------------------ Rasa's HTTP API


@dataclass
class RasaResult:
    ok: bool
    status: int = 0  # HTTP status; 0 when Rasa could not be reached
    error: str = ""  # a sentence for staff when not ok
    body: Any = None  # Rasa's JSON answer when ok
    unreached: bool = False  # no connection to Rasa at all: nothing was sent


def rasa_message(body: str) -> str:
    """The sentence in Rasa's error JSON (``{"message": ...}``), else the start of the body."""
    try:
        data = json.loads(body)
        message = data.get("message") if isinstance(data, dict) else None
    except ValueError:
        message = None
    text = str(message or body or "")
    text = text.replace("An unexpected error occurred. Error: ", "")
    return " ".join(text.split())[:400]


def _error_for(status: int, body: str, sending: bool) -> str:
    if status in (401, 403):
        return (
            f"Rasa refused the request (HTTP {status}): check that this process and "
            "Rasa use the same RASA_AUTH_TOKEN."
        )
    if status == 404:
        return "Rasa does not know this conversation (HTTP 404)."
    if status == 409:
        return "Rasa is busy with this conversation (HTTP 409): try again in a moment."
    what = "the message was not sent" if sending else "the conversation could not be read"
    return f"Rasa answered HTTP {status}: {what}. {rasa_message(body)}".strip()


def rasa_url() -> str:
    return config.rasa_url()


async def _call(
    method: str,
    conversation_id: str,
    suffix: str,
    params: dict[str, str],
    body: Any = None,
    timeout: float = TIMEOUT_SECONDS,
) -> RasaResult:
    sending = method != "GET"
    try:
        path = conversation_path(conversation_id) + suffix
    except UnaddressableConversation as exc:
        return RasaResult(False, 0, f"{exc} Nothing was sent." if sending else str(exc))
    token = config.rasa_token()
    if token:
        params = {**params, "token": token}
    # encoded=True: the id goes into the path exactly as it is (see conversation_path)
    url = yarl.URL(rasa_url() + path, encoded=True)
    try:
        async with aiohttp.ClientSession(timeout=aiohttp.ClientTimeout(total=timeout)) as session:
            async with session.request(method, url, params=params, json=body) as resp:
                text = await resp.text(errors="replace")
                if 200 <= resp.status < 300:
                    try:
                        parsed = json.loads(text) if text else None
                    except ValueError:
                        parsed = None
                    return RasaResult(True, resp.status, body=parsed)
                return RasaResult(False, resp.status, _error_for(resp.status, text[:2000], sending))
    except asyncio.TimeoutError:
        what = "the message may not have been sent" if sending else "try again"
        return RasaResult(False, 0, f"Rasa did not answer within {timeout:g} s: {what}.")
    except aiohttp.ClientError as exc:
        what = "the message was not sent" if sending else "the conversation could not be read"
        return RasaResult(
            False,
            0,
            f"Rasa is not reachable at {rasa_url()} ({type(exc).__name__}): {what}.",
            unreached=isinstance(exc, aiohttp.ClientConnectorError),
        )


async def get_tracker(
    conversation_id: str, include_events: str = "ALL", timeout: float = TIMEOUT_SECONDS
) -> RasaResult:
    """``GET /conversations/<id>/tracker``: ``body`` is the tracker (slots, events...).

    Rasa answers for a conversation it has never seen with a new session
    (``action_session_start``, ``session_started``, ``action_listen``) without
    storing it.
    """
    return await _call(
        "GET", conversation_id, "/tracker", {"include_events": include_events}, timeout=timeout
    )


async def append_events(
    conversation_id: str,
    events: Events,
    execute_side_effects: bool = True,
    output_channel: str | None = "latest",
    timeout: float = TIMEOUT_SECONDS,
) -> RasaResult:
    """``POST /conversations/<id>/tracker/events``: append one event or a list.

    With ``execute_side_effects`` Rasa also carries the events out: a bot
    message is sent on ``output_channel`` (``latest`` = the channel the
    patient last wrote from; for REST it stays in the transcript).
    """
    params = {"execute_side_effects": "true" if execute_side_effects else "false"}
    if output_channel:
        params["output_channel"] = output_channel
    return await _call("POST", conversation_id, "/tracker/events", params, events, timeout)


async def replace_events(conversation_id: str, events: list[dict[str, Any]]) -> RasaResult:
    """``PUT /conversations/<id>/tracker/events``: the conversation becomes these events.

    With Rasa's SQL store this removes nothing already stored: Rasa saves only
    the events past the number it holds for the latest session. To shorten or
    remove a conversation use ``TrackerStoreGateway.delete_conversation``.
    """
    return await _call("PUT", conversation_id, "/tracker/events", {}, events)


def run_sync(coro: Awaitable[T]) -> T:
    """Run one of the coroutines above from plain synchronous code (a worker thread).

    Called where an event loop already runs in this thread, it runs the
    coroutine on a thread of its own and blocks until it is done: async code
    should await the coroutines instead.
    """
    try:
        asyncio.get_running_loop()
    except RuntimeError:
        return asyncio.run(coro)  # type: ignore[arg-type]
    outcome: dict[str, Any] = {}

    def run() -> None:
        try:
            outcome["value"] = asyncio.run(coro)  # type: ignore[arg-type]
        except BaseException as exc:  # noqa: BLE001 - handed to the caller below
            outcome["error"] = exc

    thread = threading.Thread(target=run, name="rasa-gateway-sync")
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome["value"]


def append_events_sync(conversation_id: str, events: Events, **options: Any) -> RasaResult:
    """``append_events`` (with its keyword options) for synchronous callers (the
    reconciler in the worker)."""
    return run_sync(append_events(conversation_id, events, **options))


def send_bot_message_sync(
    conversation_id: str,
    text: str,
    buttons: list[dict[str, str]] | None = None,
    metadata: dict[str, Any] | None = None,
    output_channel: str | None = None,
) -> RasaResult:
    """A bot message the bot writes first (an aftercare check-in), for the worker.

    Appended as a ``bot`` event with its side effects, so Rasa sends it on
    ``output_channel`` (a Rasa channel name such as ``telegram``; a new
    conversation has no "latest" one) and it stays in the conversation, where
    the widget shows it when the patient comes back. If the channel refuses
    it, Rasa answers with an error and stores nothing.
    """
    event: dict[str, Any] = {
        "event": "bot",
        "text": text,
        "data": {"buttons": list(buttons or [])},
        "metadata": dict(metadata or {}),
    }
    return append_events_sync(
        conversation_id, [event], execute_side_effects=True, output_channel=output_channel
    )


@dataclass
class ConversationEvents:
    """A conversation's events as read: ``events`` (dicts), ``source`` and why not."""

    events: list[dict[str, Any]] = field(default_factory=list)
    ok: bool = True
    source: str = "rasa"  # "rasa" (HTTP API) or "tracker_store"
    error: str = ""


async def read_events(conversation_id: str) -> ConversationEvents:
    """Every event of one conversation, oldest first.

    Through Rasa's HTTP API; from the tracker store when the id cannot be put
    in a URL or Rasa cannot be reached (so staff still see a transcript while
    Rasa restarts). ``ok`` False with ``error`` if neither worked.
    """
    result: RasaResult | None = None
    if addressable(conversation_id):
        result = await get_tracker(conversation_id, timeout=READ_TIMEOUT_SECONDS)
        if result.ok:
            events = (result.body or {}).get("events") if isinstance(result.body, dict) else None
            return ConversationEvents([e for e in events or [] if isinstance(e, dict)])
        if result.status:  # Rasa answered, and said no: the store would not know better
            return ConversationEvents(ok=False, error=result.error)
    loop = asyncio.get_running_loop()
    try:
        from bot.rasa_gateway import trackers  # the store's door, opened only when Rasa is away

        stored = await loop.run_in_executor(None, trackers.tracker_store().events, conversation_id)
        return ConversationEvents(stored, source="tracker_store")
    except Exception as exc:  # noqa: BLE001 - say why, never crash a page
        log.warning("could not read conversation from the tracker store: %s", exc)
        reason = result.error if result is not None else f"{type(exc).__name__}: {exc}"
        return ConversationEvents(
            ok=False,
            source="tracker_store",
            error=f"The transcript could not be read. {reason}"[:500],
        )
