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

The code: ``messages`` (ids in URLs, the one mapper), ``http`` (Rasa's HTTP
API), ``endpoints`` (the endpoints file, as Rasa reads it) and ``trackers``
(Rasa's tracker store). Rasa is imported lazily, so a process that only talks
HTTP (the inbox) does not pay for it.
"""

from __future__ import annotations

from bot.rasa_gateway.endpoints import (
    ENDPOINT_DEFAULTS,
    TrackerStoreUnavailable,
    UnsupportedTrackerStore,
    endpoints_path,
    read_endpoint,
    read_tracker_store_config,
)
from bot.rasa_gateway.http import (
    READ_TIMEOUT_SECONDS,
    TIMEOUT_SECONDS,
    ConversationEvents,
    Events,
    RasaResult,
    append_events,
    append_events_sync,
    get_tracker,
    rasa_message,
    rasa_url,
    read_events,
    replace_events,
    run_sync,
    send_bot_message_sync,
)
from bot.rasa_gateway.messages import (
    MAX_BUTTONS,
    SYSTEM_TEXT,
    WIDGET_HISTORY_LIMIT,
    Button,
    ChatMessage,
    UnaddressableConversation,
    addressable,
    chat_messages,
    conversation_path,
    has_conversation,
    to_message,
    widget_history,
)
from bot.rasa_gateway.trackers import (
    StoredEvent,
    TrackerStoreGateway,
    tracker_store,
)

__all__ = [
    "Button",
    "ChatMessage",
    "ConversationEvents",
    "ENDPOINT_DEFAULTS",
    "Events",
    "MAX_BUTTONS",
    "READ_TIMEOUT_SECONDS",
    "RasaResult",
    "SYSTEM_TEXT",
    "StoredEvent",
    "TIMEOUT_SECONDS",
    "TrackerStoreGateway",
    "TrackerStoreUnavailable",
    "UnaddressableConversation",
    "UnsupportedTrackerStore",
    "WIDGET_HISTORY_LIMIT",
    "addressable",
    "append_events",
    "append_events_sync",
    "chat_messages",
    "conversation_path",
    "endpoints_path",
    "get_tracker",
    "has_conversation",
    "rasa_message",
    "rasa_url",
    "read_endpoint",
    "read_events",
    "read_tracker_store_config",
    "replace_events",
    "run_sync",
    "send_bot_message_sync",
    "to_message",
    "tracker_store",
    "widget_history",
]
