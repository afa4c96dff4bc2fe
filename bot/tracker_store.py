"""Rasa's SQL tracker store without the work it repeats on every message.

Rasa 3.6's ``SQLTrackerStore`` (with SQLite it blocks Rasa's event loop for
all of this) on every message:
- counts, in the database, the events of the conversation's latest session
  (``SELECT count(*)`` over a sub-query of the latest ``session_started``) to
  know which events of the tracker are new, then adds each new row as an ORM
  object, one INSERT each;
- with SQLite, opens a new connection per read and per write (SQLAlchemy
  1.4's default for a file) and commits through a rollback journal: about
  15 ms of waiting for the disk per message on our machine, during which no
  other conversation moves.

``LeanSQLTrackerStore`` writes the same rows to the same table:
- a tracker it has read or saved remembers how many of its events the
  database holds, so saving it again needs no count. A tracker it has not
  seen (made elsewhere, copied, or the new one of ``create_tracker``) is
  counted exactly as Rasa counts it;
- the new rows go in with one multi-row INSERT (SQLAlchemy Core), in order;
- a conversation is read with one SQLAlchemy Core query of the rows' JSON
  (Rasa's query, the ``data`` column only, compiled once), not as ORM
  objects: 5 % of the Rasa server's busy time went to the ORM's rows;
- SQLite only: one connection is kept (a pool of one, more only if several
  threads ask at once), and the file is in write-ahead-log mode with
  ``synchronous=NORMAL``, the settings of the bot's own database
  (bot/store.py, tickets included): a commit costs no disk flush, readers (the
  inbox, the reconciler) never wait for the writer, and the file cannot be
  corrupted by a crash; a power cut may lose the last commits, not the file.
  ``sqlite_synchronous: FULL`` in endpoints.yml flushes every commit (about
  4 ms each here, still a quarter of Rasa's rollback journal).
PostgreSQL keeps Rasa's engine and settings.

Which events are new is decided as before as long as one process handles a
conversation at a time: Rasa holds the conversation's lock (its lock store;
Redis when several Rasa servers share a database) from reading the tracker to
saving it, for messages and for events posted through its HTTP API alike.
The table, its columns and each event's JSON are Rasa's, so Rasa's own
``SQLTrackerStore`` and everything that reads the table see no difference.

endpoints.yml::

    tracker_store:
      type: bot.tracker_store.LeanSQLTrackerStore
      dialect: sqlite            # or postgresql, with url, port, username, password
      db: ${BOT_DATA_DIR}/tracker.db
"""

from __future__ import annotations

import json
import logging
from collections.abc import Iterable
from typing import Any

import sqlalchemy as sa
from rasa.core.tracker_store import SQLTrackerStore
from rasa.shared.core.events import Event, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.shared.nlu.constants import INTENT_NAME_KEY

log = logging.getLogger(__name__)

# Set on a tracker object: (id of that object, how many of its events the
# database holds). A copy of the tracker (copy.deepcopy keeps attributes) has
# another id, so it is counted again rather than trusted.
STORED = "_bot_stored_events"
SYNCHRONOUS = ("NORMAL", "FULL", "EXTRA")  # never OFF: a crash could corrupt the file


def stored_count(tracker: DialogueStateTracker) -> int | None:
    """How many of ``tracker``'s events this store knows are stored, or None."""
    mark = getattr(tracker, STORED, None)
    if not mark or mark[0] != id(tracker) or mark[1] > len(tracker.events):
        return None
    if tracker.events.maxlen is not None:  # a capped history drops old events: count
        return None
    return mark[1]


def _remember(tracker: DialogueStateTracker, count: int) -> None:
    setattr(tracker, STORED, (id(tracker), count))


class LeanSQLTrackerStore(SQLTrackerStore):
    """``SQLTrackerStore`` that counts stored events once per tracker, not on every save."""

    def __init__(self, *args: Any, sqlite_synchronous: str = "NORMAL", **kwargs: Any) -> None:
        synchronous = str(sqlite_synchronous).upper()
        if synchronous not in SYNCHRONOUS:
            raise ValueError(f"sqlite_synchronous must be one of {', '.join(SYNCHRONOUS)}")
        super().__init__(*args, **kwargs)
        if self.engine.dialect.name == "sqlite" and self.engine.url.database not in (
            None,
            "",
            ":memory:",
        ):
            self._sqlite_engine(synchronous)

    def _sqlite_engine(self, synchronous: str) -> None:
        """One kept connection to the file, in WAL mode, with ``synchronous``."""
        url = self.engine.url
        self.engine.dispose()
        self.engine = sa.create_engine(
            url,
            poolclass=sa.pool.QueuePool,
            pool_size=1,
            max_overflow=8,
            connect_args={"check_same_thread": False},
        )

        @sa.event.listens_for(self.engine, "connect")
        def settings(dbapi_connection: Any, _record: Any) -> None:
            cursor = dbapi_connection.cursor()
            try:
                mode = cursor.execute("PRAGMA journal_mode=WAL").fetchone()[0]
                if str(mode).lower() != "wal":
                    log.warning("SQLite tracker store in journal mode %s, not WAL", mode)
            except Exception as exc:  # noqa: BLE001 - locked by another process: keep its mode
                log.warning("SQLite tracker store: WAL mode not set (%s)", exc)
            cursor.execute(f"PRAGMA synchronous={synchronous}")
            cursor.close()

        self.sessionmaker = sa.orm.session.sessionmaker(bind=self.engine)

    def _data_query(self, fetch_events_from_all_sessions: bool) -> Any:
        """Rasa's ``_event_query`` in SQLAlchemy Core, the ``data`` column only.

        The same rows in the same order: the events of ``:sender_id`` from the
        latest ``session_started`` on (or all of them), ordered by id. Built
        once per kind; SQLAlchemy caches its compiled form.
        """
        key = "_bot_data_query_all" if fetch_events_from_all_sessions else "_bot_data_query"
        query = self.__dict__.get(key)
        if query is None:
            t = self.SQLEvent.__table__
            sender = sa.bindparam("sender_id")
            query = sa.select(t.c.data).where(t.c.sender_id == sender)
            if not fetch_events_from_all_sessions:
                start = (
                    sa.select(sa.func.max(t.c.timestamp).label("session_start"))
                    .where(t.c.sender_id == sender, t.c.type_name == SessionStarted.type_name)
                    .subquery()
                )
                query = query.where(
                    sa.or_(t.c.timestamp >= start.c.session_start, start.c.session_start.is_(None))
                )
            query = query.order_by(t.c.id)
            self.__dict__[key] = query
        return query

    async def _retrieve(
        self, sender_id: str, fetch_events_from_all_sessions: bool
    ) -> DialogueStateTracker | None:
        """Rasa's ``_retrieve``, reading the rows' JSON without ORM objects."""
        query = self._data_query(fetch_events_from_all_sessions)
        with self.session_scope() as session:
            rows = session.execute(query, {"sender_id": sender_id}).scalars().all()
            events = [json.loads(data) for data in rows]
        if not (self.domain and events):
            log.debug("Can't retrieve tracker matching sender id '%s' from SQL storage", sender_id)
            return None
        log.debug("Recreating tracker from sender id '%s'", sender_id)
        tracker = DialogueStateTracker.from_dict(sender_id, events, self.domain.slots)
        if tracker is not None:
            # from_dict replays every row it read into tracker.events
            _remember(tracker, len(tracker.events))
        return tracker

    async def save(self, tracker: DialogueStateTracker) -> None:
        """Add the tracker's events the database does not have yet (as Rasa's ``save``)."""
        await self.stream_events(tracker)
        known = stored_count(tracker)
        total = len(tracker.events)
        with self.session_scope() as session:
            if known is None:
                known = self._event_query(
                    session, tracker.sender_id, fetch_events_from_all_sessions=False
                ).count()
            new = list(tracker.events)[known:]
            if new:
                session.execute(sa.insert(self.SQLEvent.__table__), self._rows(tracker, new))
                session.commit()
        if known <= total:  # else the database holds more than this tracker: count next time
            _remember(tracker, total)
        log.debug("Tracker with sender_id '%s' stored to database", tracker.sender_id)

    @staticmethod
    def _rows(tracker: DialogueStateTracker, events: Iterable[Event]) -> list[dict[str, Any]]:
        """The rows Rasa's ``save`` writes for ``events``."""
        rows = []
        for event in events:
            data = event.as_dict()
            rows.append(
                {
                    "sender_id": tracker.sender_id,
                    "type_name": event.type_name,
                    "timestamp": data.get("timestamp"),
                    "intent_name": data.get("parse_data", {})
                    .get("intent", {})
                    .get(INTENT_NAME_KEY),
                    "action_name": data.get("name"),
                    "data": json.dumps(data),
                }
            )
        return rows
