"""The fictional demo clinic's story (``scripts/demo.py seed`` writes it).

Every person, message and number here is made up.
"""

from __future__ import annotations

from typing import Any

DEMO_TICKETS = [
    # (conversation, channel, priority, reason as triage writes it, signs, minutes ago,
    #  status, assignee)
    (
        "web-7f3a91",
        "socketio",
        "emergency",
        "vision_change (emergency): 'vision went blurry'",
        ["vision_change"],
        3,
        "open",
        None,
    ),
    (
        "wa-447700900123",
        "whatsapp",
        "emergency",
        "skin_colour_change (emergency): 'gone a weird grey'; "
        "pain_out_of_proportion (emergency): 'really hurts'",
        ["skin_colour_change", "pain_out_of_proportion"],
        14,
        "open",
        "dr.patel",
    ),
    (
        "tg-58213377",
        "telegram",
        "urgent",
        "spreading_redness (urgent): 'spreading'; infection_fever (urgent): 'shivery'",
        ["spreading_redness", "infection_fever"],
        85,
        "pending",
        "sam.jones",
    ),
    (
        "web-c19e02",
        "socketio",
        "urgent",
        "cold_sore (urgent): 'cold sore'",
        ["cold_sore"],
        190,
        "open",
        None,
    ),
    (
        "web-2b8d40",
        "socketio",
        "routine",
        "lump_persistent -> routine (3 weeks)",
        ["lump_persistent"],
        60 * 26,
        "open",
        None,
    ),
    (
        "rest-demo-17",
        "rest",
        "routine",
        "bruise_persistent -> routine (9 days)",
        ["bruise_persistent"],
        60 * 50,
        "open",
        None,
    ),
]


# (conversation, consented minutes ago, outcome, reasons, {slot: (typed, understood)})
DEMO_PRESCREENS = [
    (
        "web-2b8d40",
        60 * 26 + 10,
        "clinician_review",
        ["blood_thinners"],
        {
            "age": ("I'm 42", 42),
            "pregnant_or_breastfeeding": ("no", False),
            "blood_thinners": ("yes I take apixaban", True),
            "bleeding_disorder": ("nope", False),
            "skin_condition": ("no", False),
            "keloid_history": ("no", False),
            "allergies": ("only penicillin", False),
            "medical_conditions": ("no", False),
            "recent_procedures": ("botox about 6 months ago", False),
        },
    ),
    (
        "web-91aa07",
        300,
        "eligible",
        [],
        {
            "age": ("thirty one", 31),
            "pregnant_or_breastfeeding": ("no", False),
            "blood_thinners": ("no", False),
        },
    ),
]


Transcript = tuple[str, float, str, list[tuple[Any, ...]]]


def conversations(urgent: str, emergency: str) -> list[Transcript]:
    """The transcripts: (conversation, started minutes ago, channel, lines); each
    line is (minutes after the start, kind, text[, staff]), kind user/bot/staff/held.
    ``urgent`` and ``emergency`` are the clinic's numbers, as the bot says them."""
    out: list[Transcript] = []
    out.append(
        (
            "web-7f3a91",
            9.2,
            "socketio",
            [
                (0, "user", "Hi, I had mesotherapy under my eyes this morning"),
                (
                    0.1,
                    "bot",
                    "Hello, I'm the clinic's automated assistant. I can give general "
                    "information; if you have a problem after a treatment, tell me what "
                    "you notice.",
                ),
                (5.8, "user", "my vision went blurry in my left eye about 20 minutes ago"),
                (
                    5.9,
                    "bot",
                    f"Please act now: call {emergency} or go to A&E, and call our urgent "
                    f"line on {urgent}. A change in vision after injections needs to be "
                    "seen straight away. Don't wait to see if it settles.",
                ),
                (
                    6.0,
                    "bot",
                    "I've alerted the clinic team. A member of staff will reply here as "
                    "soon as possible.",
                ),
                (6.0, "held", None),
                (7.5, "user", "ok calling now. Should I take my contact lenses out?"),
            ],
        )
    )
    out.append(
        (
            "wa-447700900123",
            14.3,
            "whatsapp",
            [
                (
                    0,
                    "user",
                    "had my first session yesterday, the skin on my cheek has gone a "
                    "weird grey colour and it really hurts",
                ),
                (
                    0.1,
                    "bot",
                    f"Please call our urgent line now on {urgent}: skin changing colour "
                    "with pain can mean blocked blood flow, which needs treatment "
                    f"quickly. If you cannot get through, call {emergency}.",
                ),
                (0.2, "held", None),
                (
                    3,
                    "staff",
                    "Hello, this is Dr Patel from the clinic. Please come in now - "
                    "we are keeping a room free for you. Are you able to travel?",
                    "dr.patel",
                ),
                (5, "user", "yes my sister can drive me, 15 minutes"),
                (
                    6,
                    "staff",
                    "Thank you. Please keep the area uncovered and don't apply heat or "
                    "ice. See you shortly.",
                    "dr.patel",
                ),
            ],
        )
    )
    out.append(
        (
            "tg-58213377",
            85.3,
            "telegram",
            [
                (
                    0,
                    "user",
                    "the injection spots on my forehead are red, hot and it's spreading. "
                    "I feel shivery",
                ),
                (
                    0.1,
                    "bot",
                    "Thank you for telling me. Redness that spreads with feeling shivery "
                    "needs to be checked today: I've asked the clinic to contact you.",
                ),
                (0.2, "held", None),
                (
                    10,
                    "staff",
                    "Hi, it's Sam from reception. Dr Patel can see you at 4.30 today. "
                    "Does that work?",
                    "sam.jones",
                ),
            ],
        )
    )
    out.append(
        (
            "web-c19e02",
            190.3,
            "socketio",
            [
                (0, "user", "I think I have a cold sore coming where I had the injections"),
                (
                    0.1,
                    "bot",
                    "A cold sore where you were treated should be looked at today. I've "
                    "let the clinic know.",
                ),
            ],
        )
    )
    out.append(
        (
            "web-2b8d40",
            60 * 26 + 4,
            "socketio",
            [
                (0, "user", "there's still a small lump on my jaw from my treatment 3 weeks ago"),
                (
                    0.1,
                    "bot",
                    "A lump that is still there after about two weeks should be checked "
                    "by a clinician. I've passed this on and the team will contact you.",
                ),
            ],
        )
    )
    out.append(
        (
            "rest-demo-17",
            60 * 50 + 2,
            "rest",
            [
                (0, "user", "the bruise under my eye is still there after 9 days"),
                (
                    0.1,
                    "bot",
                    "Bruising that lasts more than a week should be checked. I've let "
                    "the clinic know and someone will be in touch.",
                ),
            ],
        )
    )
    return out
