"""Rasa's own tracker store, for what the HTTP API cannot do (list, sweep, purge, delete)."""

from __future__ import annotations

import json
import logging
import threading
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bot import scaling
from bot.rasa_gateway.endpoints import (
    UnsupportedTrackerStore,
    _check_reachable,
    _sqlite_file,
    endpoints_path,
    read_endpoint,
    read_tracker_store_config,
)
from bot.rasa_gateway.http import run_sync

log = logging.getLogger(__name__)

Events = dict[str, Any] | list[dict[str, Any]]

# ------------------------------------------------------------ Rasa's tracker store


@dataclass(frozen=True)
class StoredEvent:
    """One stored event with its place in the store (``id`` grows with each write)."""

    id: int
    sender_id: str
    type_name: str
    timestamp: float | None
    event: dict[str, Any]


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
