"""How a patient's message is taken when check-ins are in play: stop, a reply, or as usual.

``route(conversation_id, text, clock)`` is called for every message a patient
sends, before the dialogue sees it (``bot.channels.checkin_hook``), and
returns a ``Route``:

- ``stop``: the message is "stop" (or a variant) and check-ins are still to
  come: the dialogue cancels them and says so (``action_checkin_stop``);
- ``reply``: it answers a check-in just sent with one of its quick replies,
  with expected effects, or with a vague report: the dialogue's check-in reply
  handles it (``action_checkin_reply``), whatever the intent classifier would
  have made of "All fine" or "all good, just a bit pink";
- ``pass``: anything else: a red flag in a reply (it goes the red-flag way at
  once, through the NLU and its rules), a question or thanks with no symptom
  in it (the usual dialogue answers), or a patient without check-ins.

For a patient with a recorded treatment, ``context`` carries the days since
treatment (``bot.triage.assess``'s context) in every case, so the triage of
later messages knows them too. Marking the check-in answered happens here,
once (``service.record_reply``).
"""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from typing import Any

from bot import triage
from bot.checkins.clock import Clock
from bot.checkins.config import Settings
from bot.checkins.config import settings as default_settings
from bot.checkins.optout import is_opt_out
from bot.checkins.service import has_scheduled, has_treatment, record_reply
from bot.levels import ESCALATING, rank

STOP, REPLY, PASS = "stop", "reply", "pass"


@dataclass(frozen=True)
class Route:
    action: str  # stop | reply | pass
    context: dict[str, Any] = field(default_factory=dict)  # for the dialogue (JSON-safe)

    def as_metadata(self, text: str) -> dict[str, Any]:
        return {**self.context, "route": self.action, "text": text}


def triage_context(ctx: Any) -> dict[str, Any]:
    """The part of a ``ReplyContext`` that ``bot.triage.assess`` takes."""
    return {"days_since_treatment": ctx.days_since_treatment, "treatment": ctx.treatment}


def route(
    conversation_id: str,
    text: Any,
    clock: Clock | None = None,
    *,
    db: Any = None,
    settings: Settings | None = None,
) -> Route:
    """Decide how to take a patient's message (see the module docstring). Never raises
    for odd text; database errors propagate (the caller lets the message pass)."""
    if not isinstance(text, str) or not text.strip() or text.startswith("/"):
        return Route(PASS)  # empty, or a button's intent payload: nothing to read
    if not has_treatment(conversation_id, db=db):
        return Route(PASS)  # most messages: one indexed read, no settings, no triage
    settings = settings or default_settings()
    if is_opt_out(text, settings) and has_scheduled(conversation_id, db=db):
        return Route(STOP)
    ctx = record_reply(conversation_id, text, clock, db=db)
    if ctx is None:
        return Route(PASS)
    context = {
        **triage_context(ctx),
        "treatment_id": ctx.treatment_id,
        "checkin_kind": ctx.checkin_kind,
        "answered": ctx.answered,
        "means": settings.meaning_of(text),
    }
    if not ctx.answered:
        return Route(PASS, context)
    found = triage.assess(text, context=triage_context(ctx))
    context["rules_level"] = found.level
    if found.level in ESCALATING:
        # NLU reads the message without the day: if it sees the level too, it takes the
        # red-flag way at once (advice by rule even with the action server down); if
        # only the day makes it escalate ("still swollen" after a week), the check-in
        # reply does, so the level is not lost on an intent like "faq".
        plain = triage.assess(text).level
        return Route(PASS if rank(plain) >= rank(found.level) else REPLY, context)
    if context["means"] or found.level == "none" or found.ask:
        return Route(REPLY, context)  # a quick reply, expected effects, or a vague report
    return Route(PASS, context)  # no symptom in it (a question, thanks): the usual dialogue


def as_dict(r: Route) -> dict[str, Any]:
    return asdict(r)
