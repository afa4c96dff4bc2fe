"""Aftercare check-ins: the bot writes first after a treatment the clinic recorded.

By default at 24 hours, 72 hours and 7 days, then a next-session reminder
(``knowledge/checkins.yml``). Plain Python on SQLite: no Rasa, rasa_sdk or
Sanic here; the channels plug in as a ``sender`` callable.

    from bot import checkins
    t = checkins.register(body, clock)              # API body -> treatment (InvalidRequest: 400)
    checkins.contract_view(checkins.get_treatment(t["id"]))  # the contract's GET answer
    checkins.send_due(clock, sender)                 # worker: send what is due, once
    if checkins.is_opt_out(text):                    # "stop"
        checkins.opt_out(conversation_id, clock)
    ctx = checkins.record_reply(conversation_id, text, clock)  # -> days since treatment
    checkins.overdue_unanswered(clock)               # inbox: no reply by the next check-in
    r = checkins.route(conversation_id, text, clock) # before the dialogue: stop | reply | pass

Modules: ``config`` (the YAML, checked), ``schedule`` (due times, quiet
hours), ``request`` (the API body), ``optout`` (is it "stop"?), ``store``
(SQLite tables, claims), ``service`` (the functions above),
``dispatch`` (``send_due``: what is due, to an injected sender), ``clock``.
"""

from bot.checkins.clock import Clock, FakeClock, SystemClock
from bot.checkins.config import CHANNELS, CheckinConfigError, Settings, load, reload, settings
from bot.checkins.dispatch import (
    NotDelivered,
    OutgoingCheckin,
    SendResult,
    TryLater,
    retry_failed,
    send_due,
)
from bot.checkins.optout import is_opt_out
from bot.checkins.replies import Route, route
from bot.checkins.request import InvalidRequest, TreatmentRequest, validate
from bot.checkins.service import (
    ReplyContext,
    cancel,
    clear_opt_out,
    contract_view,
    delete_patient_data,
    get_treatment,
    has_scheduled,
    has_treatment,
    opt_out,
    overdue_unanswered,
    purge,
    record_reply,
    register,
    treatments_for,
)
from bot.checkins.store import STATUSES, TRANSITIONS, can_transition, ensure_schema, open_db

__all__ = [
    "CHANNELS",
    "STATUSES",
    "TRANSITIONS",
    "CheckinConfigError",
    "Clock",
    "FakeClock",
    "InvalidRequest",
    "NotDelivered",
    "OutgoingCheckin",
    "ReplyContext",
    "SendResult",
    "Settings",
    "SystemClock",
    "TreatmentRequest",
    "TryLater",
    "can_transition",
    "cancel",
    "clear_opt_out",
    "contract_view",
    "delete_patient_data",
    "ensure_schema",
    "get_treatment",
    "has_scheduled",
    "is_opt_out",
    "load",
    "open_db",
    "opt_out",
    "overdue_unanswered",
    "purge",
    "record_reply",
    "register",
    "reload",
    "retry_failed",
    "Route",
    "route",
    "has_treatment",
    "send_due",
    "settings",
    "treatments_for",
    "validate",
]
