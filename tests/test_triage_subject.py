"""Who or what a sign is said of (bot/triage/subject/, knowledge/triage_subjects.yml).

A state said of an object, a food, a plant, a group or an abstraction raises no
alarm; a figurative use (an emotion as the cause, a song that "gives" a state,
a swimming stroke, an idiom) raises none either; a report about the body or a
person still does. WordNet (Debian's wordnet-base) must be installed.
"""

from __future__ import annotations

import pytest

from bot import triage
from bot.levels import rank
from bot.triage import subject, wordnet
from bot.triage.rules import load_rules


def _alarm(text: str) -> bool:
    return rank(triage.assess(text).level) >= rank("routine")


def test_wordnet_is_installed() -> None:
    assert wordnet.lemma("kettle") == "kettle", "apt-get install wordnet-base"


@pytest.mark.parametrize(
    "word, first",
    [("kettle", 6), ("parsley", 20), ("omelette", 13), ("committee", 14), ("cheek", 8)],
)
def test_lexicographer_class_of_the_first_sense(word: str, first: int) -> None:
    assert wordnet.classes(word)[0] == first


def test_a_plural_that_is_only_a_proper_name_reads_as_its_singular() -> None:
    assert wordnet.classes("windows") == wordnet.classes("window")


def test_plurals_and_accents_find_the_lemma() -> None:
    assert wordnet.lemma("radiators") == "radiator"
    assert wordnet.lemma("geese") == "goose"
    assert wordnet.lemma("crêpes") == "crepe"
    assert wordnet.lemma("xqzzt") is None


def test_adjectives_and_adverbs_are_not_nouns() -> None:
    assert wordnet.is_mainly_noun("toaster")
    assert not wordnet.is_mainly_noun("pale")
    assert not wordnet.is_mainly_noun("still")


OBJECTS = [
    "the compressor is wheezing and rattling again",
    "the old shredder keeps choking on thick card",
    "my tablet display went blurry after I dropped it",
    "the marquee collapsed at the school fair",
    "the pavlova collapsed as soon as it cooled",
    "my coriander collapsed after I repotted it",
    "the union collapsed after the vote",
    "the stock collapsed before lunch",
    "the varnish has blisters after one summer",
    "the glaze on the mug is oozing brown drips",
    "the worktop is swelling where the kettle sits",
    "the printer cartridge is oozing ink",
    "everything looks fuzzy in the rear camera",
]

FIGURATIVE = [
    "I couldn't breathe with laughter at the panto",
    "we were breathless with excitement before the draw",
    "that documentary gave me the shivers",
    "the last chapter gives you chills",
    "playoff fever has taken over the pub",
    "what is the easiest stroke to learn for a nervous swimmer",
    "booking a stroke analysis lesson at the pool",
    "the tribunal ordered seizure of the vehicles",
    "I have confusion about the parking permit",
    "got itchy feet after the holidays, where next?",
    # a picture, a show, a story, a game; a word talked about
    "the puppet in the kids' show has a blue face",
    "in the comic the detective collapses on page 12",
    "what's another word for wheezing",
    "how do you spell breathless",
    # a thing looked at, the colour of a thing, a part of a thing
    "grey blue sky this afternoon, will it rain",
    "the tablet display went blurry, like a fog",
    "a clock with a pale face for the kitchen",
    # an event or a time as the subject
    "the deadline collapsed after the merger",
    "the festival collapsed after the storm",
]


@pytest.mark.parametrize("text", OBJECTS)
def test_a_state_said_of_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text", FIGURATIVE)
def test_a_figurative_use_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text, level",
    [
        ("my eye went blurry", "emergency"),
        ("my lips are swelling fast", "emergency"),
        ("mum collapsed", "emergency"),
        ("my husband collapsed in the kitchen", "emergency"),
        ("I can't breathe properly", "emergency"),
        ("she had a seizure an hour ago", "emergency"),
        ("he is slurring his words", "emergency"),
        ("I can't stop shivering", "urgent"),
        ("I think I have a fever", "urgent"),
        ("my vision is blurry on my phone and in the mirror", "emergency"),
        ("the skin on my cheek has gone mottled", "emergency"),
        ("after the injection my face went pale and cold", "emergency"),
        ("choking on my food since the treatment, it won't go down", "emergency"),
        # a person who cannot see, whatever they were looking at
        ("i cant read my phone its like being under water", "emergency"),
        ("i cant see my computer screen its all like being in a cloud", "emergency"),
        ("she can't read the menu, it is like a mist over everything", "emergency"),
        # a person's body beside a depiction or a thing
        ("I can't see anything since the injection, it's all black", "emergency"),
        ("my face in the photo looks grey and I can't breathe", "emergency"),
        ("what does it mean if my lips go blue", "emergency"),
        ("I can't see my tv properly, everything is blurry", "emergency"),
        ("can't see the screen, like a grey curtain over my eye", "emergency"),
        ("she drew on my face and now my lips are swelling fast", "emergency"),
        ("the whole left side of the picture is dark, I can't see out of my left eye", "emergency"),
        ("colours look washed out in one eye, like an old photo", "emergency"),
        ("I feel a sense of impending doom", "emergency"),
    ],
)
def test_a_report_about_the_body_or_a_person_still_alarms(text: str, level: str) -> None:
    result = triage.assess(text)
    assert rank(result.level) >= rank(level), result.reasons


SEEN_THROUGH = [
    "the bus windows were so misted up we couldn't see our stop",
    "the shower screen has smears on it and everything looks blurry through it",
    "the telescope lens is dusty, I can hardly see the moon",
    "the kitchen window is filthy, can't see the garden any more",
    "couldn't see a thing out of the windscreen because of the frost on the glass",
]


@pytest.mark.parametrize("text", SEEN_THROUGH)
def test_a_thing_in_the_way_of_seeing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "my sight is like looking through a dirty windscreen since the injections",
        "everything looks blurry, like looking through a misted window",
        "it's like looking through a dirty windscreen, I can't see properly",
        "the mirror was steamy this morning and now my eye is blurry",
        "the window was foggy and I can't swallow",
        "the windows aren't dirty, it's my eyes, everything is blurry",
        "the glass isn't steamed up, everything just looks blurry",
    ],
)
def test_a_foggy_thing_as_a_comparison_or_beside_a_body_word_still_alarms(text: str) -> None:
    assert rank(triage.assess(text).level) >= rank("emergency"), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    ["the wasps built a hive under the shed roof", "how much honey does a hive give in summer"],
)
def test_a_singular_sign_noun_naming_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "came up in a hive on my cheek after the injection",
        "I have hives everywhere",
        "there's a knot, it's hot",
    ],
)
def test_the_rash_and_the_sign_words_still_alarm(text: str) -> None:
    assert _alarm(text), triage.assess(text).reasons


def test_a_body_word_of_a_thing_is_not_the_body() -> None:
    reasons = " ".join(triage.assess("the mouth of the harbour looks cloudy").reasons)
    assert not _alarm("the mouth of the harbour looks cloudy"), reasons


def test_without_wordnet_nothing_changes(monkeypatch: pytest.MonkeyPatch, tmp_path) -> None:
    """No WordNet files: no noun is a thing, the step fails towards the alarm."""
    monkeypatch.setattr(wordnet, "WORDNET_DIR", tmp_path)
    wordnet._tables.cache_clear()
    wordnet._data.cache_clear()
    wordnet.classes.cache_clear()
    try:
        assert _alarm("the compressor is wheezing and rattling again")
        assert _alarm("my eye went blurry")
    finally:
        monkeypatch.undo()
        wordnet._tables.cache_clear()
        wordnet._data.cache_clear()
        wordnet.classes.cache_clear()


def test_the_file_is_checked_when_it_loads() -> None:
    assert load_rules().subjects.thing_classes
    with pytest.raises(ValueError):
        subject.parse({"thing_classes": ["artifact"]})
    with pytest.raises(ValueError):
        subject.parse({"person_words": ["mum", True]})


def test_the_sign_that_continues_a_thing_s_state_is_the_thing_s() -> None:
    result = triage.assess("the tablet display went blurry, like a fog")
    assert {m["status"] for m in result.matches} == {"thing"}, result.reasons


# --- round 5: a thing likened to a fit, a story that leaves one breathless,
# a glass gone cloudy, a food's skin, a time or the weather as the subject,
# a word talked about, a kind of leak, a screen's place ---
ROUND5_THINGS = [
    "the old radio crackles like it's choking on static",
    "the fan rattles like it's having a seizure",
    "the bulbs blink like they're having a fit",
    "the amp sounds tinny and harsh, like it's choking",
    "my car heater fogs up the glass so I can't see the road",
    "the bathroom mirror is so cloudy I can't read anything in it",
    "tell me a riddle so funny I can't breathe",
    "a documentary that will leave you breathless",
    "the soup had a thin grey skin on it",
    "my week looks suffocating, can I cancel something",
    "it feels suffocating outdoors today",
    "homophones in english like 'pain' and 'pane'",
    "a data leak in node modules, how to patch",
    "the tv looks blurry on my cracked screen",
    "these puns are so bad they hurt, give me a worse one",
]
ROUND5_REPORTS = [
    ("my son is shaking like he's having a seizure", "emergency"),
    ("he looks like he's having a fit", "emergency"),
    ("my son looks awful, like he's choking", "emergency"),
    ("my throat feels tight, like it's choking me", "emergency"),
    ("the walk up the stairs left me breathless", "emergency"),
    ("the injection left me breathless", "emergency"),
    ("my eyes are so cloudy I can't see", "emergency"),
    ("since the filler everything is cloudy and I can't see", "emergency"),
    ("she had a grey face and collapsed", "emergency"),
    ("I can't breathe outside", "emergency"),
    ("my week has been awful, I can't breathe at night", "emergency"),
    ("it looks blurry on my screen since the jab", "emergency"),
    ("everything looks blurry on my phone and my eye hurts", "emergency"),
    ("suddenly can't see the words on my laptop", "emergency"),
    ("everything on the screen looks double since the meso", "emergency"),
    ("I know swelling is expected but my cheeks are bigger every day", "routine"),
    ("suddenly I can't read the words on my laptop", "emergency"),
]


@pytest.mark.parametrize("text", ROUND5_THINGS)
def test_round5_a_sign_said_of_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).matches


@pytest.mark.parametrize("text, level", ROUND5_REPORTS)
def test_round5_a_report_near_those_words_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).matches


# --- round 8: a state used as a verb on a thing, a function and a state split by
# a new clause, a title, a time that opens the clause, a picture that makes one
# look so, marks on a thing, a knock as the cause, a colour too much for the skin ---
ROUND8_THINGS = [
    "the tablet screen cracked when my toddler dropped it off the sofa",
    "the drums were so loud my ribs were rattling the whole set",
    "my heart did a flip when my crush smiled at me",
    "who recorded the first version of stroke, was it a punk band",
    "this month has been crushing me, any tips to unwind",
    "these passport photos make everybody's skin look grey and dull",
    "cheeks look yellow in all my kitchen pictures, is it the bulbs",
    "grey streaks across my white sneakers after the rain",
    "my daughter got back from camp with a purple patch on her knee from a canoe paddle",
    "the foundation I ordered is far too pale for my complexion, can I swap it",
    "we ordered a fever thermometer from your pharmacy page and it never came",
    "the prawns in my takeaway smelled off, we couldn't eat them",
    "can't see my partner's playlist on the music app anymore, it vanished overnight",
    "my grandad can't read small print these days, do you stock magnifiers",
    "the webcam keeps blurring my face in meetings, the team says I look smeared",
    "the bookcase arrived from the warehouse and it won't stand up, one leg is snapped",
]
ROUND8_REPORTS = [
    ("my throat feels like it's closing in", "emergency"),
    ("the mirror was foggy this morning and now my eye is blurry", "emergency"),
    ("my face dropped it was so scary", "emergency"),
    ("the pain this month has been killing me", "emergency"),
    ("my skin is way too pale for my liking and my lips are blue", "emergency"),
    ("white streaks on my cheek after the treatment", "emergency"),
    ("a purple patch on my lip from the needle", "emergency"),
    ("her lip went blue from the filler", "emergency"),
    ("my chest is so tight my breathing is noisy", "emergency"),
    ("my pictures make me look pale and I feel faint", "emergency"),
    ("my face looks grey in the mirror", "emergency"),
    ("I ordered the serum from your webshop and got a rash", "urgent"),
    ("the soup was lovely but I couldn't eat it, my throat is too tight", "emergency"),
    ("the pasta was fine but I couldn't eat it since the injections", "emergency"),
    ("the ice pack is freezing my face", "emergency"),
    ("suddenly I can't read small print", "emergency"),
    ("my dad can't see normal print since his session", "emergency"),
    ("i can't see anymore, it all just went dark", "emergency"),
    ("the chair broke and one leg is weak", "emergency"),
    ("my sofa arrived and one arm won't move", "emergency"),
    ("I fell off the stool and one leg is numb", "emergency"),
    ("i can't see my laptop screen anymore, it's gone all dark", "emergency"),
    ("the room was so cold my lips went blue", "emergency"),
    ("the webcam was on and my face went grey", "emergency"),
]


@pytest.mark.parametrize("text", ROUND8_THINGS)
def test_round8_a_sign_said_of_a_thing_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text, level", ROUND8_REPORTS)
def test_round8_a_report_near_those_words_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).reasons


# What a drawing, a painting or a photo shows: the sign's words are the object of
# a depiction word, with only an article and describing words between.
DEPICTED = [
    "my nephew sketched a grey face on the fridge door with a marker",
    "she painted a blue face on the pumpkin for halloween, how long will it last",
    "can I frame a drawing of a pale face without glass",
    "the toddler drew a yellow face on the sofa in biro, how do I clean it",
]
DEPICTED_REPORTS = [
    ("my son painted his face and now his lips are purple and swollen", "emergency"),
    ("the kids drew on the wall and my daughter's lips went blue an hour later", "emergency"),
    ("I drew a breath and my lips went blue", "emergency"),
    ("she drew a deep breath and then her face went grey", "emergency"),
    ("my daughter drew a picture and then her face went pale and cold", "emergency"),
    ("a photo of my face shows a purple patch since the injections", "emergency"),
]


@pytest.mark.parametrize("text", DEPICTED)
def test_what_a_depiction_shows_raises_no_alarm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons


@pytest.mark.parametrize("text, level", DEPICTED_REPORTS)
def test_a_report_beside_a_depiction_word_still_alarms(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).reasons


# A picture, a film or a drawing told in another clause (after a comma or a dash)
# is no frame for the sign: the report beside it stands.
BESIDE_A_PICTURE = [
    # the next event of the one who drew: "and then", "suddenly", "and" before the sign
    ("my daughter drew a picture and then collapsed on the floor", "emergency"),
    ("she was painting and suddenly collapsed", "emergency"),
    (
        "since last night the patch has gone white and blotchy, we watched a film and it got worse",
        "emergency",
    ),
    (
        "the area is dark purple and mottled since this morning - my daughter drew it for me",
        "emergency",
    ),
    ("this morning the spot went grey, my husband showed me a photo", "emergency"),
    ("it's white and cold since yesterday, I was painting the door when I noticed", "emergency"),
]


@pytest.mark.parametrize("text, level", BESIDE_A_PICTURE)
def test_a_picture_in_another_clause_does_not_frame_the_sign(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).reasons


def test_a_picture_in_the_sign_s_clause_still_frames_it() -> None:
    assert not _alarm("in the third episode the villain collapses on stage")


# Round 13: who or what a sign is said of. An object pronoun ends its own clause
# ("when I turn IT and ..."): the next clause's sign is not said of the verb
# before it. A vague noun after a sign word ("a boil thing", "some lump thingy")
# is the patient's hedge, not a thing the sign describes.
ROUND13_REPORTS = [
    ("my right eye aches when I roll it and everything has gone hazy", "emergency"),
    ("it stings when I blink it and the world looks fuzzy since the injection", "emergency"),
    ("one spot turned into a big angry boil thing, hot and throbbing", "urgent"),
    ("there's a hard lump thingy on my cheek, hot and sore to touch", "urgent"),
    ("a red bruise-type thing came up on my jaw, it is hot and tender", "urgent"),
]

ROUND13_CALM = [
    "the kettle is a wheezing thing, time for a new one",
    "I dropped my phone, I picked it up and the screen looks blurry",
    "my old car is a rusty red thing",
]


@pytest.mark.parametrize("text, level", ROUND13_REPORTS)
def test_round13_a_pronoun_object_or_a_hedge_noun_keeps_the_report(text: str, level: str) -> None:
    assert rank(triage.assess(text).level) >= rank(level), triage.assess(text).reasons


@pytest.mark.parametrize("text", ROUND13_CALM)
def test_round13_a_thing_near_those_words_stays_calm(text: str) -> None:
    assert not _alarm(text), triage.assess(text).reasons
