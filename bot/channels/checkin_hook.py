"""Before Rasa reads a patient's message: is it about the aftercare check-ins?

Every channel hands messages over through ``common.deliver_to_bot``, which
calls ``prepare`` first. ``bot.checkins.route`` decides (in a thread: it
reads and writes ``clinic.db``):

- ``stop`` -> the remaining check-ins are cancelled here, and the message
  becomes the intent ``/stop`` (out of a form, ``action_checkin_stop`` says
  that the check-ins stopped, with the warning signs);
- ``reply`` (an answer to a check-in: a quick reply, or expected effects) ->
  ``/report_symptom`` (``action_triage`` hands it to the check-in answer in
  ``actions/checkins.py``, which triages it with the days since treatment).

Existing intents, so the NLU model is trained on exactly the same data: two
intents without examples in the domain made the classifier less sure of
everything else.
- ``pass`` -> the message goes on unchanged: a red flag in a reply goes
  the red-flag way through the NLU at once; anything else as usual.

The patient's words stay what the inbox and the widget show (``button_title``
in the metadata, as for a tapped button) and go to the actions as
``metadata["checkin"]``: ``text``, ``route``, ``days_since_treatment``,
``treatment``, ``checkin_kind``, ``means``. A ``checkin`` key a client sent
itself is removed, so it cannot be forged. If the check-in store fails, the
message passes unchanged: the dialogue still answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import logging
from typing import Any

from rasa.core.channels.channel import UserMessage

from bot import checkins

log = logging.getLogger(__name__)

META_KEY = "checkin"
INTENTS = {checkins.replies.STOP: "/stop", checkins.replies.REPLY: "/report_symptom"}


def apply(message: UserMessage, decided: checkins.Route) -> UserMessage:
    """The message as Rasa should get it for the route (metadata cleaned in any case)."""
    metadata: dict[str, Any] = dict(message.metadata) if isinstance(message.metadata, dict) else {}
    metadata.pop(META_KEY, None)
    text = message.text or ""
    if decided.action != checkins.replies.PASS or decided.context:
        metadata[META_KEY] = decided.as_metadata(text)
    intent = INTENTS.get(decided.action)
    if intent:
        metadata["button_title"] = text
        message.text = intent
    message.metadata = metadata
    return message


# One connection to clinic.db per database path, kept by this process for the
# per-message test below: opening one (WAL mode, PRAGMAs, the migrations check)
# for every message cost about 1 ms of the Rasa server's event loop, 5 % of its
# busy time (issue 17's profile). Autocommit: each read sees the latest commit.
_READERS: dict[str, Any] = {}


def treated(conversation_id: str) -> bool:
    """``checkins.has_treatment`` on the kept connection (a broken one is opened again)."""
    from bot import config

    path = str(config.db_path())
    db = _READERS.get(path)
    if db is not None:
        try:
            return checkins.has_treatment(conversation_id, db=db)
        except Exception:  # noqa: BLE001 - broken or replaced: open it again
            _READERS.pop(path, None)
            with contextlib.suppress(Exception):
                db.conn.close()
    db = _READERS[path] = checkins.open_db(path)
    return checkins.has_treatment(conversation_id, db=db)


async def prepare(message: UserMessage) -> UserMessage:
    """Route ``message`` (see the module docstring); never raises."""
    try:
        text = message.text
        if isinstance(message.metadata, dict) and META_KEY in message.metadata:
            message.metadata = {k: v for k, v in message.metadata.items() if k != META_KEY}
        if not isinstance(text, str) or not text.strip() or not message.sender_id:
            return message
        # Most patients have no recorded treatment: one indexed read (well under a
        # millisecond, like the channels' own contact record) and the message goes on
        # without a thread hop; the rest is decided in a thread.
        if not treated(message.sender_id):
            return message
        decided = await asyncio.to_thread(checkins.route, message.sender_id, text)
        if decided.action == checkins.replies.STOP:
            await asyncio.to_thread(checkins.opt_out, message.sender_id)
        return apply(message, decided)
    except Exception:  # noqa: BLE001 - the check-ins must never stop a message
        log.exception("check-in routing failed; the message goes on unchanged")
        return message
