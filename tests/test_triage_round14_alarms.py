"""Round 14 alarms on unrelated requests, fixed by meaning: sentences written here, none
taken from an evaluation set. Each row is a message and the level it must get; every calm
row has real reports beside it (the same words said of the patient, a relative or the
treatment) that keep their level.
"""

from __future__ import annotations

import pytest

from bot.triage import assess

ROWS: list[tuple[str, str | None]] = [
    # idioms: boards joined "tongue and groove", wonder that "takes the breath away",
    # worn out "dead on one's feet"
    ("how do I fit tongue and groove panels around a window, they won't line up", None),
    ("the sunset over the lake took our breath away, when is the best time to go", None),
    ("the view from the cable car takes your breath away, how fast does it go", None),
    ("cancel my Monday calls, I'm dead on my feet after the move", None),
    ("my tongue is swollen and it won't move properly", "emergency"),
    ("since the filler I can't catch my breath and it's getting worse fast", "emergency"),
    ("my leg went dead after the injections and I can't stand on my feet", "emergency"),
    # dread each time one meets an everyday thing: a bill, a letter; a task done
    # "without a heart attack every time"
    ("I nearly pass out every time I open the water bill, how do I appeal it", None),
    ("I feel faint whenever the bank statement arrives, any budgeting app to try?", None),
    ("how do I reverse into a tight space without having a heart attack every time", None),
    ("I feel faint every time I stand up", "emergency"),
    ("since the filler I feel faint every time I stand up", "emergency"),
    ("I feel faint and my lips are swelling", "emergency"),
    (
        "I nearly faint every time I read the bill, and since the jabs my lips are swelling",
        "emergency",
    ),
    ("I think I'm having a heart attack", "emergency"),
    ("she collapsed every time she tried to walk", "emergency"),
    # the voice of a person the patient does not speak for: who "had" it, "whose" it is,
    # a singer's asked about
    (
        "the tour guide had the croakiest voice and kept telling jokes, what was the company",
        None,
    ),
    ("why does that crooner's voice sound so rough on the live album", None),
    ("a podcast host whose voice won't grate on me", None),
    ("my mum's voice went hoarse after her injections", "emergency"),
    ("my mum whose voice is going hoarse since this morning", "emergency"),
    ("my friend had a hoarse voice and couldn't swallow", "emergency"),
    ("why is my son's voice so hoarse and he can't breathe", "emergency"),
    ("my voice won't come out properly and my throat is tight", "emergency"),
    ("the tour guide had a hoarse voice the day after her lip filler", "emergency"),
    # the weather's heat: a temperature said of "it" in a sentence naming a season
    ("what should I pack for Seville in August when it's 41 degrees", None),
    ("it's 39 degrees, should I come in?", "urgent"),
    ("it's 39 degrees since last night and the cheek is hot", "urgent"),
    ("he's 40 degrees and shivering", "urgent"),
    ("it's been 39 degrees all night and I'm on holiday, should I see a doctor?", "urgent"),
    # a craze or a feeling called a fever
    ("the whole office has World Cup fever, ideas for a sweepstake", None),
    ("my son has had Lego fever since his birthday, which set for a 6 year old", None),
    ("I'm in a feverish panic about my driving test, any calming tips", None),
    ("I've had a fever since Monday", "urgent"),
    ("I feel feverish and shivery", "urgent"),
    ("feverish chills all night", "urgent"),
    ("My daughter had a fever all week, lol", "urgent"),
    # a machine or a thing told with body words through "it" ("sounds like it's wheezing",
    # "will it collapse")
    ("the extractor fan in my kitchen sounds like it's wheezing and struggling to breathe", None),
    ("the old shelf in the garage is bowing, will it collapse if I add more tins", None),
    ("my son sounds like he's wheezing and struggling to breathe", "emergency"),
    ("my chest sounds like it's wheezing", "emergency"),
    ("my mum fell by the bookcase, is she going to collapse again", "emergency"),
    ("I'm about to collapse", "emergency"),
    ("my dad sounds like he is going to collapse", "emergency"),
    ("my son is coughing and struggling to breathe", "emergency"),
    ("I had filler yesterday and the room is stuffy, I'm wheezing", "emergency"),
    # an animal described "with" its parts
    ("a good name for a black puppy with one white ear and a pale nose?", None),
    ("best shampoo for a spaniel with a pink nose and pale skin", "none"),
    ("my son with the pale face and blue lips can't breathe", "emergency"),
    ("my daughter with a swollen lip since the filler", "urgent"),
    # a flavour felt on the tongue or the lips
    ("a chilli sauce hot enough to make your lips tingle, any recipes?", "none"),
    ("my lips feel so hot and burning", "urgent"),
    ("the chilli was so hot my lips are burning since the filler", "urgent"),
    ("the crisps on the train were so salty my tongue went numb, where can I buy fruit", None),
    ("I ate prawns and my tongue went numb and swollen", "emergency"),
    ("the curry was so spicy and now my tongue is swelling", "emergency"),
    ("the sauce was so hot my tongue tingled and my throat is closing", "emergency"),
    ("since the filler my tongue went numb", "emergency"),
    # a state word that is the first half of a thing's name ("a ball pit")
    ("the kids want to eat at a cafe with a ball pit, any near the station?", None),
    ("it feels like there's a ball in my throat when I swallow", "emergency"),
    ("I can't swallow, there's a lump in my throat since the jabs", "emergency"),
    # anyone's body told with a generic "your", in a message about a house
    (
        "a chilly spot by the radiator in the hallway, you can feel it on your skin, a draught?",
        None,
    ),
    ("there's a cold spot on my cheek since the filler", "emergency"),
    ("it hurts when you touch your face and I can't breathe", "emergency"),
    # said of the things tried, not the scene seen
    ("which concealer for fair skin? everything I try looks too dark", None),
    ("everything I look at looks too dark since the filler", "emergency"),
    ("everything I see looks too dark", "emergency"),
    # a group breathless at a summit
    ("on the way to the summit we were all gasping, which trail is easier", None),
    ("I was gasping at the summit and my lips went blue", "emergency"),
    # a pun on a word of the message, with a soft laugh
    ("my team keeps double-checking everything, I'm seeing double lol", None),
    ("I'm seeing double lol", "emergency"),
    ("I'm seeing double lol should I worry", "emergency"),
    ("I'm seeing double after the double-dose of filler lol", "emergency"),
    # a heart attack or a stroke an ordeal "is giving me"
    ("your refund process is giving me a heart attack, three weeks and nothing", None),
    ("this commute is going to give me a stroke, any faster routes?", None),
    ("the pills gave him a stroke", "emergency"),
    ("the chest pain is giving me a heart attack feeling", "emergency"),
    # a colour put on with a pigment
    ("my son painted his cheeks blue with a marker for the match, how do I wash it off", None),
    ("my niece coloured her lips green with a felt tip", None),
    ("her lips are purple since the filler, I tried colouring over with lipstick", "emergency"),
    ("my lips went blue and I feel faint", "emergency"),
    # a sign read as the air's doing leaves its neighbour's report context; a likeness
    # and its verb ("like a bomb going off") is no thing's name
    ("the train was freezing and I'm shivering with a fever", "urgent"),
    ("this headache came out of nowhere like a bomb going off", "emergency"),
]


@pytest.mark.parametrize(("text", "level"), ROWS)
def test_each_message_gets_its_level(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
