"""The disclaimer, said once per conversation on every channel.

``DisclaimerNLG`` is Rasa's own ``TemplatedNaturalLanguageGenerator`` with one
addition: the first bot message of a conversation (a session, or the whole
tracker when sessions are not used) gets the disclaimer ``utter_disclaimer``
(knowledge/replies/general.yml) as its last paragraph, whatever the patient's
first message was: a question, a greeting, a symptom report.

Why an NLG and not a rule or an action: every bot message Rasa sends from a
response name goes through the NLG, whether a rule chose it (the emergency
advice, which must reach the patient even when the action server is down) or a
custom action asked for it (``dispatcher.utter_message(response=...)``: Rasa
renders it here, in the Rasa server). So the disclaimer needs no action server,
no extra turn, and no change to any channel.

Placement: at the END of the first message. The emergency advice starts with
the action ("Call 999 now ..."); the disclaimer never comes before it.

Configured in endpoints.yml::

    nlg:
      type: bot.nlu.nlg.DisclaimerNLG

Rasa creates the generator before the model is loaded and then sets
``responses`` on any ``TemplatedNaturalLanguageGenerator`` from the model's
domain (``Agent.load_model``), which is why this class subclasses it.
"""

from __future__ import annotations

import logging
from collections import OrderedDict
from typing import Any

from rasa.core.nlg.response import TemplatedNaturalLanguageGenerator
from rasa.shared.core.events import BotUttered, Restarted, SessionStarted
from rasa.shared.core.trackers import DialogueStateTracker

logger = logging.getLogger(__name__)

DISCLAIMER_RESPONSE = "utter_disclaimer"
PARAGRAPH = "\n\n"
# One custom action may send several messages; Rasa renders them one after the
# other with the same tracker (no bot event in between). This remembers, per
# tracker state, that the disclaimer went out already. Bounded: old entries go.
_MEMORY_SIZE = 10_000


def is_first_reply(tracker: DialogueStateTracker) -> bool:
    """True when the bot has said nothing yet in this conversation.

    A conversation starts at the latest ``SessionStarted`` (or ``Restarted``)
    event; staff replies and check-ins posted as bot events count as said.
    """
    for event in reversed(tracker.events):
        if isinstance(event, BotUttered):
            return False
        if isinstance(event, (SessionStarted, Restarted)):
            return True
    return True


def with_disclaimer(message: dict[str, Any], disclaimer: str) -> dict[str, Any]:
    """The message with the disclaimer as its last paragraph (once)."""
    text = (message.get("text") or "").rstrip()
    if disclaimer in text:
        return message
    out = dict(message)
    out["text"] = f"{text}{PARAGRAPH}{disclaimer}" if text else disclaimer
    return out


class DisclaimerNLG(TemplatedNaturalLanguageGenerator):
    """Rasa's response templates, plus the disclaimer on the first reply."""

    def __init__(
        self,
        endpoint_config: Any = None,
        domain: Any = None,
        responses: dict[str, Any] | None = None,
    ) -> None:
        if responses is None:
            responses = domain.responses if domain is not None else {}
        super().__init__(responses)
        self._said: OrderedDict[tuple[str, int, int], bool] = OrderedDict()

    def disclaimer(self, tracker: DialogueStateTracker, output_channel: str) -> str | None:
        """The disclaimer's text from the model's responses (knowledge/ as a fallback)."""
        if DISCLAIMER_RESPONSE in self.responses:
            found = super().generate_from_slots(
                DISCLAIMER_RESPONSE, tracker.current_slot_values(), output_channel
            )
            if found and found.get("text"):
                return str(found["text"]).strip()
        try:  # a model trained before the response existed: read knowledge/ directly
            from bot import knowledge

            return knowledge.reply(DISCLAIMER_RESPONSE)[0]["text"].strip()
        except Exception:  # noqa: BLE001 - never lose the message itself over this
            logger.exception("no disclaimer text available")
            return None

    def _already_said(self, tracker: DialogueStateTracker) -> bool:
        key = (tracker.sender_id, id(tracker), len(tracker.events))
        if key in self._said:
            return True
        self._said[key] = True
        while len(self._said) > _MEMORY_SIZE:
            self._said.popitem(last=False)
        return False

    async def generate(
        self, utter_action: str, tracker: DialogueStateTracker, output_channel: str, **kwargs: Any
    ) -> dict[str, Any] | None:
        message = await super().generate(utter_action, tracker, output_channel, **kwargs)
        if message is None or utter_action == DISCLAIMER_RESPONSE:
            return message
        try:
            if not is_first_reply(tracker) or self._already_said(tracker):
                return message
            disclaimer = self.disclaimer(tracker, output_channel)
        except Exception:  # noqa: BLE001 - the reply matters more than the notice
            logger.exception("could not decide on the disclaimer")
            return message
        return with_disclaimer(message, disclaimer) if disclaimer else message
