"""Who the message is written to (bot/triage/addressee.py, the ``addressee``
section of knowledge/triage_subjects.yml).

Both ways: a message written to another business about its rooms, rides,
products, staff or service raises no alarm (its signs get the status
``other_business``; each of these alarms without the step); a report that
names the clinic's treatment, the clinic or its own things, or that names a
business only as a place, keeps its level. The sentences are written here for
the test (none comes from an evaluation set). WordNet (Debian's
wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank
from bot.triage import addressee

OTHER_BUSINESS = [
    # the second person owning a business, its vehicle or staff
    "your taxi smelled of bleach and i could hardly breathe the whole ride, i want a refund",
    "your waiter spilled soup and I got blisters on my arm, I want compensation",
    "your ferry rocked so badly I felt faint and my vision went blurry, can we get money back",
    # a thing sold or served by "you"
    "the karaoke bar you run had smoke machines going, my friend couldn't breathe",
    "the bike helmet I ordered from you gave my forehead a rash, can I send it back",
    # a thing from a business, and a customer-service act
    # (a leak is the kettle's own, read by the subject step: round 60; a hand is no treated area)
    "the kettle from your shop spits and my cheek blistered when I poured, I want a replacement",
    "the sandals i bought from your store make my feet go numb, can i exchange them",
    # a fault of a thing in a business named in the same sentence
    "the gym treadmill is broken again, i nearly collapsed when it jolted",
    # a time since the business's product or work, not since the treatment
    "the boots from your store rubbed so much I had blisters on day two",
    "the heating you repaired last month cut out and my dad is 88 and shivering",
    # another business's own treatment ("treatment" after a hair treatment is the salon's)
    "I got a blistering rash on my forehead after the perm at your salon",
    "after the keratin treatment at your salon my neck broke out in hives",
    # a body effect of the business's product, ride or place told as its fault
    "the cover that came with the laptop from you gives me a rash on my wrist",
    "the liners from your shop rubbed and now I've got blisters on both ankles",
    "the ghost train at your fairground made my mum so dizzy she nearly fainted",
    "the heating on your 18:05 was broken and my fingers went numb",
    "The windows in your cottage won't open and in this heat we can hardly breathe",
    # a reaction told as over, in a complaint
    "your cafe put nuts in my son's smoothie, his lips swelled up but he's fine now. "
    "I want an apology",
    "my daughter had an allergic reaction to the sauce at your restaurant and had to take "
    "antihistamines, the waiter said it was nut free",
    # an app of another business
    "your bank's face ID doesn't recognise me anymore since I shaved, can I use a fingerprint?",
    # a business by its own name: a thing before "at"/"from"/"by" and a proper name, or a
    # proper name before a business word or a product
    "the hand soap at Peak Fitness gave me a rash on both wrists, which brand is it",
    "the prawns from Wokaway were grey inside and my husband felt dizzy all evening",
    "the fleece blanket from Cosyhaus gave my wife a red itchy rash on her arms",
    "the heated seat in the hire car from Rentzo was so hot I got blisters on my legs",
    "Parcelo courier dropped a box on my foot and now my toes are numb",
    "the towels at the Seaview Lodge gave me a rash on my back",
    "my Snoozle pillow gives me hives on my cheek every morning, is it the filling?",
    # a business called by its name at the start (a compound, a capital inside, a
    # name ending in a noun), with a customer matter after it
    "Hello Copperleaf Inn, the shower scalded my son and he felt faint, who pays for this?",
    # a proper name before a run of nouns ending in a product
    "The Cosyfen sleeping bag was useless in the cold, my son was shivering and pale all night",
    "my Snugwell memory foam mattress gives me a rash and a pounding headache every morning",
    # a reaction told as over ("gone now"; "still" before a past verb is "even so")
    "Fernvale, the socks still had dye in them and my son got hives on his feet, gone now",
    "Fernvale, the crisps still had nuts and my son's lips swelled up fast, he's fine now",
    "Fernvale, my son's lips swelled up fast after the crisps, gone now",
]

KEEPS_LEVEL = [
    # the treatment named: a hotel, a taxi, an app or an invoice is only around it
    ("I'm at the hotel and can't see out of my left eye since the injections", "emergency"),
    ("writing from the hotel, after mesotherapy my throat is closing", "emergency"),
    ("Quick question about the invoice, since the session my vision has gone dim", "emergency"),
    (
        "I booked a taxi home after my treatment, now my lips are going white and it really hurts",
        "emergency",
    ),
    (
        "my hotel room is lovely but 2 days after the meso my cheek is hot, red and has pus",
        "urgent",
    ),
    (
        "hi, I changed my booking in your app, my eye is drooping since yesterday's injections",
        "emergency",
    ),
    # a business named as a place, not written to
    ("I'm at the hotel and can't see out of my left eye", "emergency"),
    ("we're stuck in a cab in traffic and I can't breathe properly", "emergency"),
    ("I broke out in hives at the hotel and my chest feels tight", "emergency"),
    ("the taxi driver noticed my face drooping on one side", "emergency"),
    ("I got dizzy at the gym and nearly collapsed", "emergency"),
    ("I was on the sofa at the hotel and collapsed", "emergency"),
    ("I ordered a taxi and now I can't see out of one eye", "emergency"),
    ("can you cancel my dinner reservation, I can't see out of my left eye", "emergency"),
    # the clinic is a business too: its company, staff, shop (a face oil names no made thing)
    ("does your company offer payment plans? also my eye is drooping", "emergency"),
    ("your staff were lovely but my cheek is going grey and blotchy", "emergency"),
    ("I bought a face oil from your shop and my skin is blistering", "urgent"),
    # a proper name that is the clinic's, a person's, a day's, or a clinic's own thing
    ("the cream from Glowderm gave me a rash and my lips are swelling fast", "emergency"),
    ("since Monday my eye is drooping, I got dizzy at Tesco and nearly fainted", "emergency"),
    ("the serum from Dr Patel gave me hives all over my neck", "urgent"),
    ("I had the treatment at Lumina and now my vision is blurry", "emergency"),
    ("the nuts in the cake from Crumbs made my son's lips and tongue swell up", "emergency"),
    (
        "Aurora hotel room is fine but I can't see out of my left eye since the injections",
        "emergency",
    ),
    # a fault of the writer's own thing, no business named
    ("I thought my glasses were broken but everything is still blurry and doubled", "emergency"),
    # the clinic's own staff and rooms, a medicine (never a product here)
    ("your receptionist was lovely, but my left eye has gone blurry since I left", "emergency"),
    ("I fainted in your waiting room and I still feel faint", "emergency"),
    ("the pills you gave me made me dizzy and faint", "emergency"),
    # an airway reaction counts whoever the message is written to
    ("the lip balm from your shop made my lips swell up fast, can I get a refund", "emergency"),
    ("my throat is closing up after the cream you sold me, can I return it", "emergency"),
    # ... a taking told of no remedy is no reaction told as over
    (
        "I had to take the day off, the lip balm from your shop made my lips swell up fast, "
        "can I get a refund",
        "emergency",
    ),
    # ... and so does a reaction told as going on, or with breathing trouble now
    (
        "your cafe gave my son nuts, he had to use his epipen and he still can't breathe properly",
        "emergency",
    ),
    (
        "your restaurant served my wife peanuts and now she is wheezing and her lips are swelling",
        "emergency",
    ),
    ("after the dye at your salon my throat feels like it's closing and I'm wheezing", "emergency"),
    # the way home from the clinic, a booking at it, its staff, its salon, a time since ours
    (
        "the drive home from you was fine but now my eye is drooping and my vision is blurry",
        "emergency",
    ),
    ("I'm your 2:30 tomorrow but my lips went blue and cold this morning", "emergency"),
    ("can I cancel my slot tomorrow, my eye is drooping", "emergency"),
    (
        "your guy on reception said swelling is normal but my lips have gone white and it hurts",
        "emergency",
    ),
    ("can I book a massage at your salon? my eye is drooping since yesterday", "emergency"),
    ("my friend at the salon said my face looks droopy on one side", "emergency"),
    ("on day two my cheek went white and cold and it really hurts, is that normal", "emergency"),
    ("your guy was so rude, then I collapsed in the car park", "emergency"),
    # the treatment's site named in a sign is the treatment named
    (
        "your taxi driver was rude and now there's stuff coming out of the injection points and "
        "it's hot",
        "urgent",
    ),
    (
        "the keratin treatment I had last month was fine, but 2 days after the meso my cheek is "
        "hot, red and has pus",
        "urgent",
    ),
    # a person called by name, the clinic's team, a greeting: no business
    ("Sarah, my lips are swollen and I can't see properly out of my left eye", "emergency"),
    ("Emma, I can't see out of my left eye since this morning", "emergency"),
    ("Rosabelle, I'm at the hotel and my vision went blurry", "emergency"),
    ("Good Morning, my face is swollen and I feel faint", "emergency"),
    ("I was in Boots and my lips went blue and I can't see", "emergency"),
    # a name and a verb alone ("see", "saw" are no matter of a customer)
    ("Stonebridge, since Monday I can't see out of my left eye", "emergency"),
    ("Stonebridge, my vision went dark when I saw Sarah today", "emergency"),
    ("Hi Jackson, my lip went white after the filler", "emergency"),
    # a business named only as the place where it happened ("at", "in"): no addressee
    ("I fainted at the Brightmere hotel and my vision is dark", "emergency"),
    ("we are staying in the Seabrook apartments and since lunch I see double", "emergency"),
    # a business called by name, but a reaction with breathing trouble now
    ("Stonebridge, my lips are swollen and I can't breathe", "emergency"),
    ("Hollybrook Hotel, my throat is swelling after the breakfast", "emergency"),
]


# A generic person owned by the one addressed is their staff, someone else: a sign
# said of them is no report ("YOUR guy collapsed my crates"); owned by the writer,
# the person is one the patient speaks for ("OUR guy collapsed").
THEIR_STAFF = [
    ("your guy collapsed four of my crates loading them in the lorry", None),
    ("our guy collapsed in the warehouse and isn't responding", "emergency"),
    ("my bloke fainted after his jab yesterday and still feels faint", "emergency"),
]


# An allergic reaction told as going on keeps its alarm in a message to a business
# ("still" before a state; "still had nuts" is "even so" and tells nothing going on).
REACTION_GOING_ON = [
    (
        "Fernvale, the crisps had nuts and my son's lips swelled up fast, he's still swollen",
        "emergency",
    ),
    (
        "Fernvale, my son's lips swelled up fast after the crisps and are still swelling",
        "emergency",
    ),
]


@pytest.mark.parametrize(("text", "level"), REACTION_GOING_ON)
def test_a_reaction_told_as_going_on_keeps_its_alarm(text: str, level: str) -> None:
    assert triage.assess(text).level == level


@pytest.mark.parametrize(("text", "level"), THEIR_STAFF)
def test_a_generic_person_is_the_writers_only_when_the_writer_owns_them(
    text: str, level: str | None
) -> None:
    result = triage.assess(text)
    if level is None:
        assert rank(result.level) < rank("routine") and not result.ask, result.reasons
    else:
        assert result.level == level, result.reasons


@pytest.mark.parametrize("text", OTHER_BUSINESS)
def test_a_message_to_another_business_raises_no_alarm(text: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) < rank("routine") and not result.ask, result.reasons
    assert any(m["status"] == addressee.STATUS for m in result.matches), result.reasons


@pytest.mark.parametrize(("text", "level"), KEEPS_LEVEL)
def test_a_report_that_names_the_clinic_or_only_a_place_keeps_its_level(
    text: str, level: str
) -> None:
    result = triage.assess(text)
    assert result.level == level, result.reasons
    assert not any(m["status"] == addressee.STATUS for m in result.matches), result.reasons


def test_the_reason_names_the_business_for_staff() -> None:
    result = triage.assess(
        "your waiter spilled soup and I got blisters on my arm, I want compensation"
    )
    assert any("written to another business: 'your waiter'" in r for r in result.reasons)


def test_a_wrong_entry_is_refused_when_the_lists_load() -> None:
    with pytest.raises(ValueError, match="addressee.product_classes"):
        addressee.parse({"addressee": {"product_classes": ["artifact"]}})
    with pytest.raises(ValueError, match="addressee.business_words"):
        addressee.parse({"addressee": {"business_words": "hotel"}})


def test_the_signs_kept_for_any_addressee_are_signs_of_the_rules() -> None:
    rules = triage.load_rules()
    kept = addressee.load().keep_signs
    assert kept and kept <= set(rules.signs), kept - set(rules.signs)


@pytest.mark.parametrize(
    ("word", "kind", "is_kind"),
    [
        ("taxi", "car", True),
        ("webcam", "artifact", True),
        ("hotel", "building", True),
        ("cheek", "artifact", False),
        ("zzzq", "entity", False),
    ],
)
def test_wordnet_kinds_are_a_words_hypernyms(word: str, kind: str, is_kind: bool) -> None:
    from bot.triage import wordnet

    assert (kind in wordnet.kinds(word)) is is_kind


# The clinic's own name, as the clinic file gives it, is never another business's:
# with the clinic named "Hollyoak", "Hollyoak, ..." is written to the clinic. A name
# at the start that is not the clinic's is weak evidence (it may be a practitioner's
# surname): it never takes an emergency away.
CALLED_CLINIC = [
    ("Hey Hollyoak, I fainted twice and my vision is dark, the car is parked outside", "emergency"),
    ("Hey Hollyoak, the lump on my cheek is hot and oozing pus, the car is outside", "urgent"),
]


@pytest.mark.parametrize(("text", "level"), CALLED_CLINIC)
def test_the_clinic_called_by_its_own_name_keeps_every_sign(
    monkeypatch: pytest.MonkeyPatch, text: str, level: str
) -> None:
    monkeypatch.setattr(addressee.config, "clinic", lambda: {"name": "Hollyoak Aesthetics"})
    addressee._clinic_name.cache_clear()
    try:
        assert triage.assess(text).level == level
    finally:
        addressee._clinic_name.cache_clear()


@pytest.mark.parametrize(
    "text",
    [
        "Hey Hollyoak, I fainted twice and my vision is dark, the car is parked outside",
        "Greenfield, my vision went blurry an hour ago and the sofa is comfy",
        "Brightmoor - the lamp is on but I can't see out of my left eye",
        # an emergency sign after a bare name stands, even with a customer matter
        "Oakfield, the kettle leaked and I fainted this morning, I need a new one",
        "MoonBrick - the bunk bed slats broke and I got a pounding headache from the fall",
        "Bramble Kitchen, after the curry I was dizzy and threw up all night",
        "Quillmore, I felt faint and dizzy all evening, not what I ordered at all",
        "Funvalley, after the Zenith screamer my nephew was dizzy and threw up twice",
    ],
)
def test_a_name_called_at_the_start_never_takes_an_emergency_away(
    monkeypatch: pytest.MonkeyPatch, text: str
) -> None:
    monkeypatch.setattr(addressee.config, "clinic", lambda: {"name": "Demo"})
    addressee._clinic_name.cache_clear()
    try:
        assert triage.assess(text).level == "emergency"
    finally:
        addressee._clinic_name.cache_clear()


# A business called at the start with one of its offices after its name ("To X
# customer relations:") or a role in it before ("To the manager of X:") is a
# business, not a person: its past signs are a complaint; the treatment named or
# an airway reaction going on keeps the alarm.
CALLED_OFFICE = [
    (
        "To Kelbrook customer relations: I fainted on the platform while waiting three hours "
        "for the delayed train",
        None,
    ),
    ("To the owner of Casa Pepe: the bar stool snapped under me and I fainted from the pain", None),
    ("Dear Fenwick guest services, my husband fainted in the lobby queue for an hour", None),
    ("To Greenfield customer services: I fainted after my injection today", "emergency"),
    (
        "To the manager of Osteria Nonna: the prawns in my pasta made my throat swell and "
        "I still can't breathe",
        "emergency",
    ),
    ("To Greenfield: I fainted on the stairs and my vision is dark", "emergency"),
    # a name whose last word is a business word, capitalised: a business, not a place
    (
        "I've had neck pain for three weeks since the bus crash and Drivesure Insurance "
        "still hasn't phoned about my claim",
        None,
    ),
    ("I fainted at the Grand Hotel and my vision is still dark", "emergency"),
    ("my son collapsed outside Redwood Taxis and isn't responding", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), CALLED_OFFICE)
def test_a_business_called_with_its_office_or_a_role_in_it(text: str, level: str | None) -> None:
    result = triage.assess(text)
    if level is None:
        assert rank(result.level) < rank("routine") and not result.ask, result.reasons
    else:
        assert result.level == level, result.reasons
