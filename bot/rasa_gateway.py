"""The one way in to Rasa's tracker data: Rasa's HTTP API and Rasa's tracker store.

Nothing else in the project reads or writes conversations (Rasa's "trackers").
Two doors, each for what it does best:

- **Rasa's HTTP API** (``RASA_PORT``, ``RASA_AUTH_TOKEN``): reading one
  conversation (``get_tracker``, ``read_events``), appending events with their
  side effects so that a bot message reaches the patient's channel
  (``append_events``), and replacing a conversation's events
  (``replace_events``). Rasa takes its lock for the conversation, so this is
  safe while Rasa runs, with any tracker store and any number of replicas.
- **Rasa's own tracker-store interface**, built from the endpoints file Rasa
  runs with (``endpoints.yml``, or the one ``bot.scaling`` writes for
  ``TRACKER_STORE_URL`` and ``REDIS_URL``) exactly as Rasa builds it
  (``TrackerStore.create(read_endpoint_config(...))``), for
  what the HTTP API cannot do: listing conversations, reading events across
  conversations for the reconciler's sweep, purging old events (retention) and
  deleting a conversation ("delete my data"). Rasa 3.6's ``TrackerStore`` has
  no delete, so deletions and the cross-conversation reads use the SQL store's
  own objects (``session_scope()`` and its ``SQLEvent`` ORM class): the same
  code for SQLite and PostgreSQL. Other store types raise
  ``UnsupportedTrackerStore`` with the reason.

Conversation ids and URLs: Rasa's web server (Sanic) does not unescape path
parameters, so an id that needs percent-escaping would address a different,
empty conversation (reliability review, D4). Ids that pass the channels' one
rule (``bot.channels.ids.SAFE_ID``) go into the path unchanged; any other id
is refused with ``UnaddressableConversation`` (``ids.UnaddressableId``) before
a request is made, and reads of such a conversation use the tracker store.

The one mapper from events to chat messages is ``chat_messages``; the inbox
(``bot.inbox.transcript``) and the widget (``widget_history``) show views of it.

Rasa is imported lazily, so a process that only talks HTTP (the inbox) does
not pay for it.
"""

from __future__ import annotations

import asyncio
import json
import logging
import os
import threading
from collections.abc import Awaitable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, TypeVar

import aiohttp
import yarl

from bot import config, scaling
from bot.channels import ids

log = logging.getLogger(__name__)

T = TypeVar("T")
Events = dict[str, Any] | list[dict[str, Any]]

TIMEOUT_SECONDS = 15
READ_TIMEOUT_SECONDS = 5  # a page waits for this; then the tracker store answers instead
# Variables endpoints.yml may name, with the defaults scripts/run.sh gives them,
# so a process started on its own reads the same file as the Rasa server (Rasa
# refuses a file naming an unset variable). The action server's token is random
# per run and only the action endpoint uses it: never needed here.
ENDPOINT_DEFAULTS = {"ACTION_PORT": "5055", "ACTION_SERVER_TOKEN": ""}


# ------------------------------------------------------------ conversation ids

UnaddressableConversation = ids.UnaddressableId  # an id Rasa's API cannot address as it is


def addressable(conversation_id: str) -> bool:
    """True if the id reaches the same conversation when put in a URL path unchanged."""
    return isinstance(conversation_id, str) and bool(ids.SAFE_ID.match(conversation_id))


def conversation_path(conversation_id: str) -> str:
    """``/conversations/<id>``, or ``UnaddressableConversation`` for an id needing escapes."""
    return f"/conversations/{ids.url_segment(conversation_id)}"


# ------------------------------------------------------------ the one mapper


@dataclass(frozen=True)
class Button:
    title: str
    payload: str | None


@dataclass(frozen=True)
class ChatMessage:
    """One line of a conversation as people read it.

    ``id`` is the event's position in the conversation (1 = first event), the
    same whether the events came from the HTTP API or the tracker store.
    ``kind``: ``user`` (the patient), ``bot``, ``staff`` (a staff reply,
    ``author`` = the staff account) or ``system`` (held for staff, handed
    back, new session, paused, resumed). ``command`` marks a patient message
    that is only an intent payload such as ``/greet`` (a button without a title).
    """

    id: int
    kind: str
    text: str
    at: float | None = None
    author: str | None = None
    channel: str | None = None
    buttons: tuple[Button, ...] = ()
    image: str | None = None
    command: bool = False


SYSTEM_TEXT = {
    "session_started": "New session",
    "pause": "Conversation paused",
    "resume": "Conversation resumed",
}
MAX_BUTTONS = 12


def _dict(value: Any) -> dict[str, Any]:
    return value if isinstance(value, dict) else {}


def _buttons(data: dict[str, Any]) -> tuple[Button, ...]:
    offered = data.get("buttons") or data.get("quick_replies") or []
    out = []
    for b in offered if isinstance(offered, list) else []:
        if not isinstance(b, dict) or not (b.get("title") or b.get("payload")):
            continue
        payload = b.get("payload")
        out.append(
            Button(str(b.get("title") or "")[:200], None if payload is None else str(payload)[:200])
        )
    return tuple(out[:MAX_BUTTONS])


def _at(event: dict[str, Any]) -> float | None:
    at = event.get("timestamp")
    return float(at) if isinstance(at, (int, float)) and not isinstance(at, bool) else None


def to_message(position: int, event: Any) -> ChatMessage | None:
    """One tracker event (a dict as Rasa serialises it) as a chat message, or None."""
    if not isinstance(event, dict):
        return None
    kind, at = event.get("event"), _at(event)
    meta = _dict(event.get("metadata"))
    if kind == "user":
        typed = str(event.get("text") or "")
        title = meta.get("button_title")
        channel = event.get("input_channel")
        return ChatMessage(
            position,
            "user",
            str(title) if title else typed,
            at,
            channel=str(channel) if channel else None,
            command=not title and typed.startswith("/"),
        )
    if kind == "bot":
        data = _dict(event.get("data"))
        staff = meta.get("staff")
        image = data.get("image")
        return ChatMessage(
            position,
            "staff" if staff else "bot",
            str(event.get("text") or ""),
            at,
            author=str(staff) if staff else None,
            buttons=_buttons(data),
            image=str(image) if image else None,
        )
    if kind == "slot" and event.get("name") == "handoff_active":
        return ChatMessage(
            position,
            "system",
            "Conversation held for staff"
            if event.get("value")
            else "Conversation handed back to the assistant",
            at,
        )
    if kind in SYSTEM_TEXT:
        return ChatMessage(position, "system", SYSTEM_TEXT[kind], at)
    return None


def chat_messages(events: Iterable[Any]) -> list[ChatMessage]:
    """The conversation's events as chat messages, oldest first (others left out)."""
    out = []
    for position, event in enumerate(events, start=1):
        message = to_message(position, event)
        if message is not None:
            out.append(message)
    return out


def has_conversation(messages: Iterable[ChatMessage]) -> bool:
    """True once someone said something (a new conversation has only a session start)."""
    return any(m.kind != "system" for m in messages)


WIDGET_HISTORY_LIMIT = 200


def widget_history(
    events: Iterable[Any], limit: int = WIDGET_HISTORY_LIMIT
) -> list[dict[str, Any]]:
    """What the website widget shows of a conversation, as it showed it live.

    A button the patient clicked shows as its title; intent payloads without
    a title (``/greet``) and system lines are left out; a bot text with blank
    lines becomes several bubbles, as the socket.io channel sends it.
    """
    out: list[dict[str, Any]] = []
    for m in chat_messages(events):
        if m.kind == "user":
            if m.text and not m.command:
                out.append({"from": "user", "text": m.text})
        elif m.kind in ("bot", "staff"):
            parts = [p for p in m.text.strip().split("\n\n") if p.strip()]
            for part in parts:
                out.append(
                    {
                        "from": m.kind,
                        "text": part,
                        **({"staff": m.author} if m.kind == "staff" else {}),
                    }
                )
            offered = [
                {"title": b.title, "payload": b.payload}
                for b in m.buttons
                if b.title and b.payload is not None
            ]
            if parts and offered:
                out[-1]["buttons"] = offered
    return out[-limit:] if limit else out


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


def append_events_sync(
    conversation_id: str,
    events: Events,
    execute_side_effects: bool = True,
    output_channel: str | None = "latest",
    timeout: float = TIMEOUT_SECONDS,
) -> RasaResult:
    """``append_events`` for synchronous callers (the reconciler in the worker)."""
    return run_sync(
        append_events(conversation_id, events, execute_side_effects, output_channel, timeout)
    )


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
        stored = await loop.run_in_executor(None, tracker_store().events, conversation_id)
        return ConversationEvents(stored, source="tracker_store")
    except Exception as exc:  # noqa: BLE001 - say why, never crash a page
        log.warning("could not read conversation from the tracker store: %s", exc)
        reason = result.error if result is not None else f"{type(exc).__name__}: {exc}"
        return ConversationEvents(
            ok=False,
            source="tracker_store",
            error=f"The transcript could not be read. {reason}"[:500],
        )


# ------------------------------------------------------------ Rasa's tracker store


class UnsupportedTrackerStore(RuntimeError):
    """The configured tracker store cannot do this through Rasa's interfaces."""


class TrackerStoreUnavailable(RuntimeError):
    """The tracker store's database cannot be reached."""


@dataclass(frozen=True)
class StoredEvent:
    """One stored event with its place in the store (``id`` grows with each write)."""

    id: int
    sender_id: str
    type_name: str
    timestamp: float | None
    event: dict[str, Any]


def endpoints_path() -> Path:
    """The endpoints file Rasa is started with: ``endpoints.yml`` at the root, or
    the one ``bot.scaling`` writes when TRACKER_STORE_URL or REDIS_URL is set."""
    return scaling.endpoints_file()


_ENV_LOCK = threading.Lock()


def read_tracker_store_config(
    path: Path | str | None = None, overrides: dict[str, str] | None = None
):
    """The ``tracker_store`` section of the endpoints file, as Rasa reads it (or None)."""
    return read_endpoint(path, "tracker_store", overrides)


def read_endpoint(path: Path | str | None, section: str, overrides: dict[str, str] | None = None):
    """One section of the endpoints file with Rasa's ``read_endpoint_config`` (or None).

    Variables the file names and this process lacks get the defaults run.sh
    gives them (``BOT_DATA_DIR``, ``ACTION_PORT``) and the scaling secrets
    (``bot.scaling.environment``) while it is read;
    ``overrides`` replace variables for this one reading (tests).
    """
    from rasa.utils.endpoints import read_endpoint_config

    values = {"BOT_DATA_DIR": str(config.data_dir()), **ENDPOINT_DEFAULTS, **scaling.environment()}
    with _ENV_LOCK:
        saved = {k: os.environ.get(k) for k in [*values, *(overrides or {})]}
        try:
            for k, v in values.items():
                os.environ.setdefault(k, v)
            os.environ.update(overrides or {})
            return read_endpoint_config(str(path or endpoints_path()), section)
        finally:
            for k, old in saved.items():
                if old is None:
                    os.environ.pop(k, None)
                else:
                    os.environ[k] = old


def _sqlite_file(endpoint: Any) -> Path | None:
    """The SQLite file of an SQL tracker store on SQLite, else None."""
    if endpoint is None or not scaling.is_sql_store(endpoint.type):
        return None
    url = str(endpoint.url or "")
    if "://" in url:
        return Path(url.split(":///", 1)[1]) if url.startswith("sqlite:///") else None
    if str(endpoint.kwargs.get("dialect") or "sqlite").lower() != "sqlite":
        return None
    return Path(str(endpoint.kwargs.get("db") or "rasa.db"))


def _check_reachable(endpoint: Any) -> None:
    """Rasa's SQLTrackerStore waits forever for a database that is down: look first."""
    if endpoint is None or not scaling.is_sql_store(endpoint.type) or _sqlite_file(endpoint):
        return
    import sqlalchemy as sa
    from rasa.core.tracker_store import SQLTrackerStore, create_engine_kwargs

    kw = endpoint.kwargs
    url = SQLTrackerStore.get_db_url(
        kw.get("dialect", "sqlite"),
        endpoint.url,
        kw.get("port"),
        kw.get("db", "rasa.db"),
        kw.get("username"),
        kw.get("password"),
        kw.get("login_db"),
        kw.get("query"),
    )
    args = dict(create_engine_kwargs(url))
    if str(url).startswith("postgres"):
        args["connect_args"] = {**args.get("connect_args", {}), "connect_timeout": 5}
    engine = sa.create_engine(url, **args)
    try:
        engine.connect().close()
    except sa.exc.SQLAlchemyError as exc:
        raise TrackerStoreUnavailable(
            f"the tracker store's database is not reachable: {type(exc).__name__}"
        ) from exc
    finally:
        engine.dispose()


class TrackerStoreGateway:
    """Rasa's tracker store as configured in the endpoints file.

    Synchronous (the SQL work blocks anyway): call it from a worker thread or
    a command, or with ``loop.run_in_executor`` from async code. Writing here
    bypasses Rasa's per-conversation lock: ``append`` is for seeding demo data
    and for tests; live conversations change through the HTTP API.
    """

    def __init__(
        self,
        endpoint: Any = None,
        endpoints_file: Path | None = None,
        domain: Any = None,
        overrides: dict[str, str] | None = None,
    ) -> None:
        self.endpoints_file = Path(endpoints_file) if endpoints_file else endpoints_path()
        self.overrides = dict(overrides or {})
        self.endpoint = (
            endpoint
            if endpoint is not None
            else read_tracker_store_config(self.endpoints_file, self.overrides)
        )
        self.domain = domain
        self._store: Any = None
        self._lock = threading.Lock()

    # ---- building Rasa's store

    @property
    def sqlite_file(self) -> Path | None:
        return _sqlite_file(self.endpoint)

    @property
    def place(self) -> str:
        """Where the store keeps conversations, without credentials.

        ``sqlite`` for an SQLite file (one host), else e.g.
        ``sql:postgresql://127.0.0.1:5432/bot``: a name for things kept per
        store, such as the reconciler's cursor.
        """
        if self.sqlite_file is not None:
            return "sqlite"
        kind = str(getattr(self.endpoint, "type", None) or "memory").lower()
        if not scaling.is_sql_store(kind):
            return kind
        kw = self.endpoint.kwargs
        url = str(self.endpoint.url or "")
        if "://" in url:
            from sqlalchemy.engine.url import make_url

            try:
                parsed = make_url(url)
                return (
                    f"sql:{parsed.drivername}://{parsed.host or ''}:{parsed.port or ''}"
                    f"/{parsed.database or ''}"
                )
            except Exception:  # noqa: BLE001 - an odd URL still gets a name
                return "sql:" + url.rsplit("@", 1)[-1]
        return (
            f"sql:{kw.get('dialect', 'sqlite')}://{url}:{kw.get('port') or ''}/{kw.get('db') or ''}"
        )

    def _absent(self) -> bool:
        """True for an SQLite store whose file does not exist yet (nothing stored)."""
        path = self.sqlite_file
        return path is not None and not path.exists() and self._store is None

    @property
    def store(self) -> Any:
        """Rasa's ``TrackerStore``, built once (``TrackerStore.create``)."""
        with self._lock:
            if self._store is None:
                from rasa.core.tracker_store import TrackerStore

                _check_reachable(self.endpoint)
                self._store = TrackerStore.create(self.endpoint, domain=self.domain)
            return self._store

    def _sql(self) -> Any:
        """The SQL tracker store behind Rasa's wrappers, or UnsupportedTrackerStore."""
        from rasa.core.tracker_store import SQLTrackerStore

        store = self.store
        store = getattr(store, "_tracker_store", store)  # AwaitableTrackerStore
        if not isinstance(store, SQLTrackerStore):
            raise UnsupportedTrackerStore(
                f"{type(store).__name__} cannot do this: Rasa 3.6's tracker stores have no "
                "delete and no ordered event log; use an SQL tracker store (SQLite or "
                "PostgreSQL) in endpoints.yml"
            )
        return store

    # ---- reading

    def conversation_ids(self) -> list[str]:
        """Every conversation the store holds (``TrackerStore.keys``; any store type)."""
        if self._absent():
            return []
        return sorted(run_sync(self.store.keys()))

    def events(self, conversation_id: str) -> list[dict[str, Any]]:
        """All events of one conversation, oldest first (any store type)."""
        if self._absent():
            return []
        try:
            sql = self._sql()
        except UnsupportedTrackerStore:
            sql = None
        if sql is not None:  # the stored dicts as they are, without rebuilding a tracker
            E = sql.SQLEvent
            with sql.session_scope() as session:
                rows = session.query(E).filter(E.sender_id == conversation_id).order_by(E.id)
                return [_stored(r).event for r in rows.all()]
        tracker = run_sync(self.store.retrieve_full_tracker(conversation_id))
        return [e.as_dict() for e in tracker.events] if tracker is not None else []

    def events_after(
        self, after_id: int, types: Iterable[str] = ("user",), limit: int = 500
    ) -> list[StoredEvent]:
        """Events of every conversation written after ``after_id``, in store order.

        For the reconciler's sweep: ids only grow, so the last id seen is a cursor.
        """
        if self._absent():
            return []
        sql = self._sql()
        E = sql.SQLEvent
        with sql.session_scope() as session:
            rows = (
                session.query(E)
                .filter(E.id > int(after_id), E.type_name.in_(list(types)))
                .order_by(E.id)
                .limit(int(limit))
                .all()
            )
            return [_stored(r) for r in rows]

    def active_loop_before(self, conversation_id: str, event_id: int) -> str | None:
        """The form (active loop) running just before event ``event_id``, if any."""
        if self._absent():
            return None
        sql = self._sql()
        E = sql.SQLEvent
        with sql.session_scope() as session:
            row = (
                session.query(E)
                .filter(
                    E.sender_id == conversation_id,
                    E.id < int(event_id),
                    E.type_name == "active_loop",
                )
                .order_by(E.id.desc())
                .first()
            )
            name = _stored(row).event.get("name") if row is not None else None
            return str(name) if name else None

    # ---- deleting

    def delete_conversation(self, conversation_id: str) -> int:
        """Delete every event of one conversation; returns how many.

        Holds Rasa's lock for the conversation when endpoints.yml names a
        shared lock store (Redis), so a message being handled is saved first.
        Without one, call it when Rasa is not answering this conversation: a
        turn in flight would save its events again.
        """
        if self._absent():
            return 0
        sql = self._sql()
        E = sql.SQLEvent

        def delete() -> int:
            with sql.session_scope() as session:
                n = (
                    session.query(E)
                    .filter(E.sender_id == conversation_id)
                    .delete(synchronize_session=False)
                )
                session.commit()
                return int(n)

        return self._under_rasa_lock(conversation_id, delete)

    def purge_before(self, timestamp: float) -> int:
        """Delete every event older than ``timestamp`` (Unix seconds); returns how many."""
        if self._absent():
            return 0
        sql = self._sql()
        E = sql.SQLEvent
        with sql.session_scope() as session:
            n = (
                session.query(E)
                .filter(E.timestamp < float(timestamp))
                .delete(synchronize_session=False)
            )
            session.commit()
            return int(n)

    def _under_rasa_lock(self, conversation_id: str, work):
        from rasa.core.lock_store import LockStore, RedisLockStore

        lock_config = read_endpoint(self.endpoints_file, "lock_store", self.overrides)
        if lock_config is None or str(lock_config.type or "").lower() != "redis":
            return work()
        lock_store = LockStore.create(lock_config)
        if not isinstance(lock_store, RedisLockStore):
            return work()

        async def locked():
            async with lock_store.lock(conversation_id):
                return work()

        return run_sync(locked())

    # ---- writing (seeding and tests only)

    def append(self, conversation_id: str, events: list[dict[str, Any]]) -> None:
        """Add events to a conversation through Rasa's ``TrackerStore.save``."""
        from rasa.shared.core.events import Event

        async def save() -> None:
            store = self.store
            tracker = await store.retrieve(conversation_id) or store.init_tracker(conversation_id)
            for event in events:
                parsed = Event.from_parameters(event)
                if parsed is None:
                    raise ValueError(f"not a Rasa event: {event!r}"[:200])
                tracker.update(parsed)
            await store.save(tracker)

        run_sync(save())


def _stored(row: Any) -> StoredEvent:
    try:
        event = json.loads(row.data) if row.data else {}
    except (TypeError, ValueError):
        event = {}
    return StoredEvent(
        int(row.id),
        str(row.sender_id),
        str(row.type_name),
        row.timestamp,
        event if isinstance(event, dict) else {},
    )


_STORES: dict[tuple[str, str], TrackerStoreGateway] = {}
_STORES_LOCK = threading.Lock()


def tracker_store(
    endpoints_file: Path | str | None = None, overrides: dict[str, str] | None = None
) -> TrackerStoreGateway:
    """The tracker store of the endpoints file in use, built once per configuration.

    ``overrides``: environment variables for reading the file (e.g. another
    ``BOT_DATA_DIR``), as in ``read_tracker_store_config``.
    """
    path = Path(endpoints_file) if endpoints_file else endpoints_path()
    endpoint = read_tracker_store_config(path, overrides)
    key = (
        str(path),
        json.dumps(
            {
                "type": getattr(endpoint, "type", None),
                "url": getattr(endpoint, "url", None),
                "kwargs": getattr(endpoint, "kwargs", None),
            },
            sort_keys=True,
            default=str,
        ),
    )
    with _STORES_LOCK:
        if key not in _STORES:
            _STORES[key] = TrackerStoreGateway(endpoint, path, overrides=overrides)
        return _STORES[key]
