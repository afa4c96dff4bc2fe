"""Round 14 under-triage, fixed by meaning: sentences written here, none taken from an
evaluation set. Each row is a message and the level it must get; the calm rows use the same
words where they are not a report (a level of None or "none": no alarm).
"""

from __future__ import annotations

import pytest

from bot.triage import assess

ROWS: list[tuple[str, str | None]] = [
    # sight told as lights that sparkle or flicker (a verb of seeing said of the lights)
    ("since the meso this morning the lamps look glittery and flicker on my right", "emergency"),
    ("after my jabs the lights look like they shimmer on one side", "emergency"),
    ("the fairy lights look so sparkly this year, where did you buy them", None),
    ("the lights in your waiting room were flickering, someone should fix them", None),
    # double vision told by counting: one thing seen as two, or one again with an eye covered
    ("since the filler yesterday each mug on the shelf looks like two", "emergency"),
    ("after her injections mum says she sees one face turn into two", "emergency"),
    (
        "he had the jabs at noon and now when he covers an eye the car is just one again",
        "emergency",
    ),
    ("I ordered two mugs from your shop and one came chipped", None),
    ("after my facial the hall looks like two halls with that big mirror", None),
    ("sorry, my one booking turned into two by mistake, can you cancel one", None),
    ("I double-booked my meso, please remove the second slot", None),
    # an eye shut so as to see
    ("my nan had meso today and keeps covering one eye to read her paper", "emergency"),
    ("I close one eye to aim when I throw darts", None),
    # breath told as an act broken off: talking stopped for air, a sentence not finished, gulps
    ("since the lip filler I keep pausing mid-sentence to get air", "emergency"),
    ("after the jabs I cannot finish a sentence without stopping to breathe", "emergency"),
    ("since the filler this morning I'm gulping for air", "emergency"),
    ("I can't walk to the shop without my reading glasses", None),
    ("the call dropped mid sentence, can you ring me back about my booking", None),
    # "without" after an act one cannot do affirms: "can't go an hour without pain"
    ("since the meso I can't go an hour without pain in my eye", "emergency"),
    # pus told by its colour, said of bumps (or of a pronoun or count for them)
    ("day 3 after the meso and my bumps are yellowish and sore", "urgent"),
    ("the nurse said the lumps were fine but a few of them have gone yellow now, day 4", "urgent"),
    ("the lumps in my porridge are yellow", "none"),
    ("a yellowy bruise by my chin, day 5 after the meso", "none"),
    # a dark scab, its colour said past its place, and a scab formed now where a blister was before
    ("the crust on my top lip is dark brownish-black, day 6 after the meso", "urgent"),
    ("a brown-black scab has formed on my chin where a little blister was before", "urgent"),
    ("I had a dark scab on my knee years ago, can I still have meso", None),
    # swelling still growing after 72 hours, told as building or as more puffed than before
    ("meso on Monday, it's Thursday, the swelling on my jaw is still building", "urgent"),
    ("treated Monday, Thursday now, I look more puffed today than yesterday", "urgent"),
    ("day 1 after the meso, a bit puffy, less than yesterday", "none"),
    ("the new building by the clinic is still building, when do you reopen", None),
    # a treatment told as "it" done on a weekday, the signs after it
    ("my spots are warm and red and creeping outwards, did it tuesday, its friday", "urgent"),
    ("I did it monday, can I book the next one for thursday", None),
    # a lump draining, told later in the sentence by a pronoun
    (
        "a bump came up on my cheek six weeks after the meso, fine till now,"
        " now it's oozing from a pinhole",
        "urgent",
    ),
    ("a month after the meso there's a small firm thing sitting under skin of my chin", "routine"),
    # a comparison with the other side of the face is a report, not a general question
    ("my jaw feels hot compared to the other side, meso on friday, monday now", "urgent"),
    # "or anything" closes a denial list: the parts in it are denied, the state after is the dots'
    ("day 2 after the meso, no hives, no puffy lips or anything, just itchy at the dots", "none"),
    ("no fever or anything, just a little redness at the injection points, day 1", "none"),
    # breath caught back after running is what anyone does; one that will not come back is the sign
    ("we jogged round the park and stopped to catch our breath", None),
    ("I stopped for breath at the top of the hill on my walk", None),
    ("after the filler I ran for the bus and couldn't catch my breath for ages", "emergency"),
    ("since the filler I can't get through a sentence without pausing for air", "emergency"),
    ("my brother came up for air after a week of exams", None),
    # counting with more words between, a verb of change said with the colour
    ("since the jabs every face I look at becomes two faces", "emergency"),
    ("the bumps on my chin have turned yellow, day 5 after the meso", "urgent"),
    ("the leaves on my plant have turned yellow, any tips", None),
    # today told by "now" before its weekday: friday to tuesday is past 72 hours
    ("had it friday, now tuesday and the swelling is still coming up", "urgent"),
    # a leg that does not hold the weight (limb weakness), not a shelf or a laugh
    ("since the neck meso my left leg keeps buckling and I drag it on the stairs", "emergency"),
    ("the shelf gave way and my tea went everywhere", None),
    # a brown shade told by a brown thing weeks later (pigment), not a drink
    ("6 weeks after the meso the skin on my jaw has gone a caramel-coloured shade", "routine"),
    ("can I have a caramel coloured latte in your waiting room", None),
    # a laugh between a report and its question ends the report: the question is about it
    (
        "it's been 3 weeks and there's still a greenish bruise on my chin"
        " haha how long will it last",
        "routine",
    ),
    ("haha how long does bruising last after meso", None),
    # a session named with its month, with a longer name for the treatment
    (
        "my mum had the eye booster done in june and since august"
        " there's a pea lump there, no pain",
        "routine",
    ),
]


@pytest.mark.parametrize(("text", "level"), ROWS)
def test_each_message_gets_its_level(text: str, level: str | None) -> None:
    a = assess(text)
    assert a.level == level, a.reasons
