"""Round 15 idioms on unrelated requests, read by meaning (bot/triage/figurative.py,
section 18 of knowledge/triage_figurative.yml): sentences written here, none taken from
an evaluation set. Each family of idiom has calm rows and real reports beside them (the
same words said of the patient's body, with the treatment, a body part or another
symptom) that keep their level.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

ROWS: list[tuple[str, str | None]] = [
    # a) a state said of a frame that is no body: a blind spot in a plan, blind about a subject
    ("our wedding budget has a blind spot in the catering costs, what do people forget", None),
    ("blind spot in my pension planning: do I need a private pot as well?", None),
    ("blind spot: how do I declare interest from my savings account", None),
    ("I'm completely blind when it comes to wine, which bottle goes with lamb", None),
    ("I've got a blind spot in my vision since the filler", "emergency"),
    ("a blind spot in the middle of what I see in my left eye", "emergency"),
    ("I'm going blind in one eye since the injections", "emergency"),
    ("suddenly blind in my right eye after the session", "emergency"),
    # b) a name or a wish: a sight word in a title, "dying to watch"
    ("I'm dying to watch something like Lost Highway again, any similar films", None),
    ("my sight has gone blurry since the jab", "emergency"),
    # c) a hyperbole of feeling with a trigger: a thing that "gives me a heart attack"
    ("the parking fines give me a heart attack, how do I appeal one", None),
    ("that phone contract nearly gave me a heart attack, can I switch early", None),
    ("my neighbour's smoke alarm gives me a heart attack every night, who do I call", None),
    ("I think I'm having a heart attack", "emergency"),
    ("my uncle had a heart attack at the station", None),  # a relative's past: no alarm today
    ("the pain in my chest is crushing since the injection", "emergency"),
    # d) amazement: a jaw that hits the floor
    ("my jaw hit the floor when the estate agent named the rent, is that normal for London", None),
    ("her jaw was on the floor at the plot twist, any series like it", None),
    ("I hit the floor and passed out after the filler", "emergency"),
    ("I collapsed on the floor after the treatment and my jaw hurts", "emergency"),
    # e) a force or a surprise: knocked off one's feet
    ("the gusts on the pier nearly knocked me off my feet, is the boat still running", None),
    ("the news swept me off my feet, how do I plan a surprise party", None),
    ("my legs are weak and I can't stay on my feet since the injections", "emergency"),
    # f) a power cut
    ("the power blackout lasted all night, will my freezer food be ok", None),
    ("why was there a nationwide blackout in Portugal last spring", None),
    ("what caused the blackout in Lisbon", None),
    ("I had a blackout yesterday", "emergency"),
    ("I had a blackout in Tesco this morning", "emergency"),
    ("I blacked out after the treatment", "emergency"),
    ("my blackout happened right after the session", "emergency"),
    # a plant that chokes a thing (done to a thing)
    ("the bindweed is choking the trellis, what kills it without harming the roses", None),
    ("my son is choking on a grape", "emergency"),
    ("he's choking, the sweet is stuck", "emergency"),
    # g) the weather blamed for breath in a question about the weather
    ("can hardly breathe in this humidity, when will it cool down", None),
    ("I can't breathe in this heat, how long will the heatwave last", None),
    ("I can't breathe, is it the heat?", "emergency"),
    ("I can't breathe in this heat, should I be worried", "emergency"),
    ("I can't breathe and my lips are swelling", "emergency"),
    ("I feel like I'm dying, my throat is closing", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ROWS)
def test_each_message_gets_its_level(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
