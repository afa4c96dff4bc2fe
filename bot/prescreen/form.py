"""What the pre-screen form does with one reply: the dialogue decisions, without Rasa.

``next_step`` decides; the form validator (``actions/prescreen.py``) only reads
the tracker, calls it, and turns the ``Step`` into replies and slot events.
The decisions:

- "why?" explains the question and asks it again; it is not a failed answer;
- an answer that cannot be placed is asked again; after ``MAX_TRIES`` failed
  tries the patient is told they may say "not sure" or "skip";
- after that, "not sure" or "skip" is recorded as not sure, for a clinician;
- the consent is never "not sure": without a clear yes it is a no, and the
  form ends rather than ask health questions whose answers it may not keep;
- an FAQ asked instead of an answer is answered, then the question comes back.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bot.prescreen import rules
from bot.prescreen.answers import parse_age, parse_consent, parse_yes_no
from bot.text import is_skip

#: Failed tries of one question before the patient is offered "not sure" / "skip".
MAX_TRIES = 2
#: Longer replies are cut before reading; what is kept of them as "typed".
MAX_READ, MAX_TYPED = 5000, 500
UNSURE_VALUE = "unsure"  # the slot value of an answer recorded as not sure
UNSURE_UNDERSTOOD = "not sure / skipped"


@dataclass(frozen=True)
class Reading:
    """A reply to one question: the slot ``value`` (None: not placed), what staff read,
    and whether the patient meant "not sure"."""

    value: Any
    understood: str | None
    unsure: bool = False


def read_answer(slot: str, text: str) -> Reading:
    """Read ``text`` as the answer to ``slot`` by the question's type."""
    kind = rules.answer_type(slot)
    if kind == "consent":
        agreed = parse_consent(text)
        understood = {True: "consented", False: "declined", None: None}[agreed]
        return Reading(agreed, understood)
    if kind == "age":
        age = parse_age(text)
        return Reading(age, f"{age} years" if age is not None else None)
    answer = parse_yes_no(text, slot)
    if answer.value is None:
        return Reading(None, None, answer.unsure)
    return Reading(answer.value, answer.understood)


@dataclass(frozen=True)
class Step:
    """What to do with a reply.

    ``value`` is the slot's new value (None: ask the question again).
    ``say`` are the responses to send, in order. ``record`` is the entry to
    keep in ``prescreen_answers`` for this slot (None: keep nothing).
    ``failures`` is this slot's failed-try count to store (None: leave the
    counts as they are).
    """

    value: Any
    say: tuple[str, ...] = ()
    record: dict[str, Any] | None = None
    failures: int | None = None


def next_step(
    slot: str,
    reply: object,
    *,
    intent: str | None,
    failures: int,
    faq_key: str | None = None,
) -> Step:
    """The form's move after ``reply`` to the question ``slot``.

    ``failures`` is how many replies to this question could not be placed so
    far; ``faq_key`` the FAQ that the reply asks and that may be answered now
    (None when it is not an FAQ, or not one the bot can answer with confidence).
    """
    text = str(reply if reply is not None else "")[:MAX_READ]
    if intent == "ask_why":
        return Step(None, (rules.why_response(slot),))
    reading = read_answer(slot, text)
    if reading.value is not None:
        record = {
            "typed": text[:MAX_TYPED],
            "understood": reading.understood,
            "value": reading.value,
        }
        return Step(reading.value, record=record, failures=failures)
    if failures >= MAX_TRIES and (reading.unsure or is_skip(text)):
        if rules.answer_type(slot) == "consent":
            return Step(False, failures=failures)  # no clear yes to storing is a no
        record = {"typed": text[:MAX_TYPED], "understood": UNSURE_UNDERSTOOD, "value": None}
        return Step(UNSURE_VALUE, record=record)
    if faq_key is not None:
        return Step(None, (f"utter_faq/{faq_key}", "utter_prescreen_resume"))
    tries = failures + 1
    if tries >= MAX_TRIES:
        return Step(None, ("utter_prescreen_stuck",), failures=tries)
    return Step(None, (rules.reask_response(slot),), failures=tries)
