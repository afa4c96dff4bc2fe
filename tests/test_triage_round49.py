"""Round 48's leftovers and the misses of rounds 49 to 59, read by meaning after their one blind
run (the rounds' sets are in tests/blind, never copied here: each reading is written
anew, with the counter-cases that must keep their level)."""

from __future__ import annotations

from datetime import date

import pytest

from bot import triage
from bot.triage import durations

ROUND49 = [
    # a limb sore after a day's or a person's class or outing is effort
    # (since round 57 the legs' soreness is no tenderness of the treated face either)
    ("my legs are so sore after saturday's spin class, is the next one easier?", None),
    ("arms are killing me after my sister's boxing class", None),
    ("my cheek is so sore after saturday's treatment", "urgent"),
    # low light makes reading hard; it never explains a lip gone blue or sight gone dark
    ("the lamp in the hall is so dim I could barely read the labels, all blurry", None),
    ("it's so dark in the shed I can't see a thing", None),
    ("the room was so dim i couldnt see and my lips went blue", "emergency"),
    ("everything went so dark I couldn't see, all blurry since the jab", "emergency"),
    ("my vision is so dim I can't read, since the booster", "emergency"),
    # a thing described by a clause that ends in what it was for
    ("the cake we ordered to share collapsed in the box", None),
    ("the new mat I bought to practise on has lost its colour", None),
    ("the rash I noticed this morning has spread to my neck after the meso", "urgent"),
    # a thing for reading, and a blur without one's glasses
    ("my reading lamp flickers, where do I get a bulb?", None),
    ("can't see a thing without my specs, did I leave them at reception?", None),
    ("my eye is blurry even with my glasses on since the meso", "emergency"),
    ("everything is blurry since the jab, I can't read", "emergency"),
    # a food or a dye that stains lips or fingers; never an airway sign
    ("the beetroot soup stained my son's lips purple, will it wash off?", None),
    ("the blackcurrant ice lolly stained her lips blue and now she can't breathe", "emergency"),
    ("after the meso the numbing cream left my lips white", "emergency"),
    # a whole person gone pale at a fright; a part of the face going pale is kept
    ("my brother went white as a ghost when the spider landed on him", None),
    ("she went pale when she read the bill", None),
    ("his nose went grey when the nurse touched it", "emergency"),
    ("my mum went grey and collapsed when she stood up", "emergency"),
    # a head spinning with what it takes in
    ("I've been comparing quotes all day and my head is spinning", None),
    ("my head is spinning with all the paperwork for the visa", None),
    ("my head is spinning and I feel faint since the injections", "emergency"),
    # a made thing of the vocabulary after an article is the subject of its own verb
    ("the green ball has lost its colour after a week in the sun", None),
    ("the navy ink I ordered has faded to grey on the labels", None),
    ("a ball under my cheek has gone white since the filler", "emergency"),
    # what one cannot read is a thing ("read them"), and a reason is a clause of its own
    ("the labels faded in the wash so I couldn't read them", None),
    ("write it with english letters cos I can't read the script", None),
    ("the words are all blurry and I can't read them since the jab", "emergency"),
    ("I can't see properly because my eye is so swollen since the filler", "emergency"),
    # what is looked at ends a clause that describes a thing
    ("the van I'm looking at has faded and lost its colour on the bonnet", None),
    ("everything I'm looking at is blurry since the jab", "emergency"),
    # a person who is off is away
    (
        "my mate burnt his hand on the grill so he's off for a week, can I cover his shifts?",
        None,
    ),
    ("since the jab my left hand feels off and weak", "emergency"),
    # the weather granted in passing
    ("I know it's hot but the cake you sold me melted in ten minutes", None),
    ("my cheek is hot and red since the meso, I know it's hot out but it's burning", "urgent"),
    # "not in any pain" denies the pain
    ("a few small bruises after the booster, she's not in any pain", "none"),
]


@pytest.fixture
def december(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(durations, "today", lambda: date(2026, 12, 5))


@pytest.mark.parametrize(
    "text, days",
    [
        ("I had the meso in March and there's a small lump", 249),  # 31 March to 5 December
        ("had my boosters back in January, a pea-sized lump came up this week", 308),
        ("treated in mid-November, the bruise is still there", 5),
        ("had the injections in early May 2025", 553),
        ("the meso was in December", None),  # this month: no telling how long ago
        ("my wedding is in June, can I have the meso in May?", None),
        ("I'm booked in for March, is a bruise normal after it?", None),
        ("see you in April for the next session", None),
        # a season dates it by its last month; the clinic named with "with you" is no meeting ahead
        ("had the boosters with you in spring, a small firm bump came up", 188),  # 31 May
        ("I had meso with you in March and there's a small bump on my cheek", 249),
        ("had the meso in the autumn, is a bruise normal?", 5),  # autumn ended 30 November
        ("can I book the meso in summer?", None),
    ],
)
def test_a_month_named_dates_the_treatment(december, text, days):
    assert triage.assess(text).days == days


def test_a_lump_months_after_a_treatment_dated_by_its_month_is_seen(december):
    text = (
        "I had polynucleotides with you back in January. This week I noticed a pea-sized "
        "lump under the skin of my cheek. It's not sore, not red, not warm."
    )
    assert triage.assess(text).level == "routine"
    text = "The meso was in December. Today I noticed a tiny bump, not sore."
    assert triage.assess(text).level == "none"  # this month: no telling it is weeks later


def test_bot_today_fixes_the_day_and_a_bad_value_falls_back(monkeypatch: pytest.MonkeyPatch):
    monkeypatch.setenv("BOT_TODAY", "2026-04-02")
    assert durations.today() == date(2026, 4, 2)
    assert triage.assess("I had the meso in March and there's a small lump").days == 21
    monkeypatch.setenv("BOT_TODAY", "not a date'; DROP TABLE")
    assert durations.today() == date.today()


ROUND50 = [
    # a body word after "and"/"n" with its own verb is the subject of its own clause
    ("had fat dissolving on my chin 2 days ago n swallowing is so hard now", "urgent"),
    ("the dog keeps coughing and swallowing", None),
    # the cold as a place one was in, inside a likeness, is no skin gone cold
    ("rosy cheeks like I've been out in the cold, day 1 after the booster", "none"),
    ("my cheek is cold and white since the filler", "emergency"),
    # a way of speaking is no saying the same thing again
    (
        "he keeps saying he was 'stabbed a hundred times' after the booster, it's a few dots",
        "none",
    ),
    ("my mum keeps asking the same question over and over since the injections", "emergency"),
    # an act ("reading") and a new clause with its own subject are two clauses
    ("a word in the book I'm reading and I can't remember it", None),
    ("my eye is swollen and I can't open it since the filler", "emergency"),
    # a blur in the mind, a sound's blur, and the colour of someone's eyes
    ("everything goes fuzzy in my head when I try to conjugate", None),
    ("the vocals have gone muffled and blurry on the new speakers", None),
    ("the puppy is white with dark eyes, what breed?", None),
    ("my left eye has gone dark since the filler", "emergency"),
    # a habit of drinking is no inability
    ("can my friend come even though she doesn't drink?", None),
    ("since the fat dissolving my mum can't drink, it comes back up", "urgent"),
    # a material or water treated, or a treatment added to it, is not the clinic's
    ("the pond has gone a blue tint since we added the algae treatment", None),
    ("since the treatment my lip has a blue tint", "emergency"),
    ("is the decking treated? ours has gone grey by the steps", None),
    ("my sister's lip is fine but mine has gone grey since the filler", "emergency"),
]


ROUND51 = [
    # a screen seen double, told without the article, as non-native writers do
    (
        "since my booster 2 hours ago the television is double, one image over other image",
        "emergency",
    ),
    ("our new television has a double stand, what size bracket?", None),
    # fine one moment and struck the next; a blow told as a picture of the head
    ("one minute I was fine, the next my head was pounding like never before", "emergency"),
    (
        "like someone hit the back of my head with a hammer, had the jabs this morning",
        "emergency",
    ),
    ("one minute she was fine, the next her lips were swelling after the filler", "emergency"),
    ("my head feels fine, the next session is on monday", None),
    # a verb told after "I" before "up" is no thing; a clause that describes a thing is
    (
        "when I stand up the room tips and goes dark, had the injections an hour ago",
        "emergency",
    ),
    ("the tent I put up collapsed in the wind", None),
    # a voice kept going, feet numb in the shoes one wears
    ("what tea keeps my voice going through a long choir practice?", None),
    ("since the jab my voice is going and I can barely speak", "emergency"),
    ("her toes go numb in her new ski boots, any tips?", None),
    ("my left foot went numb and my arm is weak since the filler", "emergency"),
]


ROUND52 = [
    # "mums" for "mum's" before a body part is a person, not a flower
    ("my mums lips have puffed right up in minutes after her booster", "emergency"),
    ("our dads eye went blurry an hour after the jab", "emergency"),
    ("the mums leaves have gone pale in the pot", None),
    # the skin where a part is: the state is the skin's, past the part it is at
    ("the skin at the corner of her mouth has gone patchy white since the filler", "emergency"),
    ("the skin by my lip feels cold compared with the other side after the jab", "emergency"),
    ("the skin at the corner of my mouth is a bit tender after the jab", "none"),
    # a colour told as a likeness first and named after it
    (
        "my cheek has turned the colour of wet concrete, kind of grey, since the booster",
        "emergency",
    ),
    # a cessation denied: still going
    ("day 6 and the swelling hasn't stopped growing since the polynucleotides", "urgent"),
    ("day 6 and the swelling has gone down since the polynucleotides", None),
    # a list of parts said to be normal together
    ("bit puffy after the jab. Breathing, eyes and throat all fine.", "none"),
    # how the face looks, not how much it hurts
    ("my face is looking very terrible after the jab, it doesn't hurt, just itchy", "none"),
    # an animal is the only one "he" or "she" can name
    ("I need to take our dog to the vet later, his eye's gone cloudy", None),
    ("our cat ran off, she's grey with a white patch, please call if you see her", None),
    ("my husband took the dog out and his eye has gone blurry", "emergency"),
    ("the dog jumped at her and now her eye is blurry", "emergency"),
    ("a wasp got in the car and her lips are swelling fast", "emergency"),
    # a pet named as what one does, not who has the sign
    ("was feeding the cat when my face went numb and droopy", "emergency"),
    ("walking the dog this morning my vision went double", "emergency"),
    ("my wife was brushing the cat and her lips went blue", "emergency"),
    ("the cat is sneezing and has a cloudy eye", None),
    # fitting a thing in one's home; a substance on a thing; the lid a thing is on
    ("what do you charge for fitting a new shower head?", None),
    ("she was fitting on the floor for a minute after the filler", "emergency"),
    ("she was fitting a minute ago after the filler", "emergency"),
    ("he was fitting for a few minutes", "emergency"),
    ("can I book a fitting for a wedding dress", None),
    ("the glue leaked, there's white goo all over my kitchen floor", None),
    ("white goo coming out of one of the jab marks on my cheek", "urgent"),
    ("the paint on the lid has cracked and the lid won't close", None),
    ("the lid won't close properly since the filler", "emergency"),
    # a state of the voice is not sight
    ("my voice goes all shaky and blurry on the high notes", None),
    ("since the jab my voice is hoarse and everything is blurry", "emergency"),
]


ROUND53 = [
    # a colour told as the colour of a thing, read from the dictionary's definition of it
    ("a patch on my chin has gone the colour of chalk since the booster", "emergency"),
    ("my cheek has gone the colour of cement since the filler", "emergency"),
    ("the walls are the colour of milk, what paint is that", None),
    # the two sides told apart in any number: an uneven smile (urgent after fat-dissolving)
    (
        "three days after the fat dissolving under my chin my smile is not same both side",
        "urgent",
    ),
    ("the two teams are not the same on each side", None),
    # today told by the writing of the message; a date and its weekday together
    (
        "sorry to message on a Sunday, had the booster on Wednesday and my jaw has got "
        "bigger every day since",
        "urgent",
    ),
    (
        "the bruise from my booster on Tuesday the 3rd is still there today, Monday the 16th",
        "routine",
    ),
    # a stay's part after "for" is its length, not a time since
    (
        "had the booster yesterday, I'm away for the first two weeks of next month, "
        "a few small red bumps",
        "none",
    ),
]


ROUND54 = [
    # a zone is a place on the skin, like an area
    ("two days after the booster one zone on my jaw looks grey and feels cold", "emergency"),
    ("the smoking zone at the venue is grey and cold", None),
    # worse by a measure of how much, and "the one before" is the time before
    (
        "day 6 after the jab on my chin it's a throb, and each night it's a notch worse "
        "than the night before",
        "urgent",
    ),
    ("it was a bit worse yesterday but the swelling is fine now", None),
    # seeing every mark is sight that works; words lost or forgotten are not lost from view
    ("is it bad that i can see each needle mark on my forehead, eyesight is fine", "none"),
    ("I forgot the words halfway through the song", None),
    ("since the booster the words on the page keep going blurry", "emergency"),
    # the colour of the iris is how a person looks
    ("my daughter has brown eyes like her dad", None),
    ("her eyes are blue and her lips went blue after the filler", "emergency"),
    # a breath held on purpose, a common illness, a blow told in the passive, murky water:
    # each the cause of what follows, unless the treatment is named
    ("my brother held his breath underwater until his lips went blue", None),
    ("I was holding my breath during the jabs and now my lips are blue", "emergency"),
    ("our choir leader has a nasty cold and her voice is hoarse, can we move rehearsal", None),
    ("my voice has gone hoarse since the lip filler and it's cold in here", "emergency"),
    ("my voice went raspy an hour after the session, and I don't have a cold", "emergency"),
    ("got whacked on the shin by a hockey stick, huge bruise", None),
    ("got hit in the face by my toddler yesterday and my vision is blurry", "emergency"),
    ("the pond is so murky I can't see the fish", None),
    # a smell named as a thing, with nothing it is of; "it smells" still reports
    ("the smell in the changing rooms was awful, can you clean them", None),
    ("it smells bad and there's yellow stuff coming out of one of the marks", "urgent"),
    # what cannot be borne is named, and it is not the pain
    ("the landlord can't take a hint", None),
    ("since the meso I can't take the throbbing", "emergency"),
    # an expected effect told only inside an idiom
    ("the parking there is a pain in the neck", None),
]


ROUND55 = [
    # pressure on the ribs is chest pain told as a picture; ribs alone anchor nothing
    (
        "since the jab this morning it's like a heavy weight pressing on my ribs and I'm sweaty",
        "emergency",
    ),
    ("my bra is too tight around my ribs, do you have a bigger size", None),
    # the corner of the mouth takes a colour as the lips do
    (
        "the corner of my mouth has gone the colour of a bruise stain and it hurts far more "
        "than the needles did",
        "emergency",
    ),
    # the course asked about is not a course told
    (
        "does it get worse before it gets better? just a bit pink on my forehead, "
        "1 hour since the meso",
        "none",
    ),
    ("the redness is getting worse and spreading, day 3", "urgent"),
    # "barely" of a pain is how little it hurts, not a function that fails
    (
        "my daughter's sight is fine and it barely hurts, just some puffiness under her eyes "
        "after the meso yesterday",
        "none",
    ),
    ("since the booster I can barely see out of my left eye", "emergency"),
    # the skin under the eyes puffed a little is the expected puffiness
    (
        "the skin under my eyes has puffed up a tiny bit since the booster, eyes themselves "
        "are fine",
        "none",
    ),
    ("my lips have inflated like balloons in the last 10 minutes", "emergency"),
    # eyes strained by a long spell of close looking, with no treatment and no onset named
    (
        "I've been scrolling listings all morning and my eyes are going blurry, any site "
        "that lists them all",
        None,
    ),
    ("I was reading when my eyes went blurry, had the meso yesterday", "emergency"),
    # a thing's temperature; a smell placed in a room
    ("the temperature of the water in the shower keeps changing", None),
    ("day 3 and I have a temperature of 38.5 and the cheek is hot", "urgent"),
    ("there's a horrible smell in the hallway, like damp, just so you know", None),
    ("day 4 and there's a smell coming out of the little hole on my chin", "urgent"),
    # the writer's opinion of the animal is not the writer's body
    ("my gecko's eyes are cloudy and her skin is dull, I think she's about to shed", None),
    ("my gecko's eyes are cloudy and I think my vision is going blurry too", "emergency"),
]


ROUND56 = [
    # fitting as a job after a word of time or purpose; the verb keeps the fit
    ("what prep do you need from us before fitting the new blinds?", None),
    ("is there a charge for fitting?", None),
    ("my mum is fitting and won't wake up", "emergency"),
    # a disease named by a colour and a part
    ("our lambs have blue tongue disease, is the vet open today", None),
    # a slow change of age is a lasting state, not a change after treatment
    ("my dad's 85 and his hands are a bit weak nowadays, any easy-open jars?", None),
    ("since the meso my left arm is weak and I can't grip, it's scary these days", "emergency"),
    # ... "these days" is also the last few days
    ("the bruise from the booster 8 days ago is getting darker these days, no pain", "routine"),
]


ROUND57 = [
    # a sudden blow told as a picture, and a headache like none before
    ("felt like a brick smashed into the back of my head a minute ago, feel sick", "emergency"),
    ("never had a headache quite like this, it's crushing, jabs were this morning", "emergency"),
    ("I've never had a lip gloss like this one, where can I buy more?", None),
    ("the skull on my tattoo faded, can you touch it up?", None),
    # the words of one denied item, read a second way, are denied with it
    (
        "day 1 after the booster: no pale, grey or blotchy patches, just pink and a bit puffy",
        "none",
    ),
    ("no pain, but grey blotchy patches on my cheek since the jabs", "emergency"),
    # "face-down" is a posture; a face lower on one side is a droop
    ("since the jab my cheeks feel like I slept face down on frozen sweetcorn, bit tight", None),
    ("since the jab half my face is frozen and won't move", "emergency"),
    ("my face is down on one side since the jab", "emergency"),
    ("the blind is down on one side, can you fix it", None),
    # pain, a blister or a mark told of a limb is no sign of the treated face
    ("carried the sofa up three flights, my arms are killing me, can you knock some off?", None),
    ("my thighs are so sore after the hill walk, same time next week?", None),
    ("a blister came up on my little toe from the new boots, do you stock plasters?", None),
    ("my cheek is killing me since the meso yesterday", "emergency"),
    ("my fingers went white and cold and they're killing me", "emergency"),
    ("my arm went numb and heavy an hour ago", "emergency"),
    ("my legs are killing me and my cheek is hot and red 4 days after the meso", "urgent"),
    # a thing's part, placed on ("on the arms" of a chair); the writer's own arms keep the sign
    ("the velvet sofa has gone white and dusty on the arms, can you clean it?", None),
    ("I've gone white and blotchy on the arms since the jab", "emergency"),
    # a layer over the eye is blurred sight; a film watched is not
    ("since the jab there's a grey film over my left eye", "emergency"),
    ("we watched a film on my laptop and my eyes hurt now", "none"),
    ("the pain is back, so bad, two weeks after the jabs", "urgent"),
    # a needle word aimed at a thing is no treatment
    ("the foam you injected into the wall cavity has gone yellow and crusty", None),
    ("the filler you injected into my cheek has gone white and cold", "emergency"),
    # "knot" as a verb is a tangle, not a lump
    ("the fishing line always knots up when I cast, what am I doing wrong?", None),
    ("there's a hard knot under my jaw 3 weeks after the fat dissolving jabs", "routine"),
]


ROUND58 = [
    # a blow taken to a body part explains a blow's bruise, never sight
    ("my son took a puck to the knee at practice, the bruise is massive, which pads?", None),
    ("got an elbow in the cheek at netball, bruise is huge and purple", None),
    ("took a hit to the face at hockey and now my vision is blurry", "emergency"),
    ("I took my mum to the clinic and her lips went blue", "emergency"),
    # the cold turns lips blue; not grey, not with another emergency, not after the treatment
    ("the lake was freezing, my lips went blue after ten minutes haha, wetsuit advice?", None),
    ("it's freezing in here and my lips went grey", "emergency"),
    ("the sea was freezing, my lips went blue and I couldn't breathe", "emergency"),
    ("my lips went blue and it's cold in here, had the booster this morning", "emergency"),
]


ROUND59 = [
    # seeing told as not happening, in the progressive; a thing not seen is not sight lost
    (
        "since the jab this morning my left eye is not seeing at the top, all dark there",
        "emergency",
    ),
    ("I am not seeing anything from my right eye since the booster", "emergency"),
    ("I'm not seeing any bruising around my eye since the jab", None),
    ("I'm not seeing anything wrong with my eye since the meso", None),
    # a lid fallen, in non-native forms, with its side named without "the"
    (
        "my eyelid on right side is fall since yesterday injection, I cannot open it good",
        "emergency",
    ),
    ("I fall down a lot when skating, my face hurts lol", "none"),
    # how visible a mark is to "you" is not the patient's sight
    ("tender on my jaw but you can barely see anything, only tiny pink dots, day 1", "none"),
    ("I can barely see anything since the jab", "emergency"),
    # the cold named as "the arctic" or "the freezer"
    ("my fingers went numb holding the tub, it came straight from the arctic lol", None),
    ("my left hand went numb, it's like the arctic in here", "emergency"),
    # a part named only as where a mark is: a state said there is the mark's (an itch of
    # bruises is no itch of the lips), except an emergency's own state
    (
        "She has two small yellowish bruises near her mouth that itch slightly, day 2, her "
        "eyesight and breathing are normal",
        "none",
    ),
    ("there's a bruise by my eye which is now blurry since the booster", "emergency"),
    ("a lump near my lip that is swelling fast since the jab", "emergency"),
    # confused DOING a task is puzzled by it; what a confused person does, or an everyday act,
    # shows the state; someone found confused is in it
    ("thanks to the guard who helped my old dad when he got confused changing trains", None),
    ("my mum got muddled using the self checkout lol", None),
    ("found her confused wandering the street after the jab", "emergency"),
    ("my dad got confused getting dressed this morning, he had the booster yesterday", "emergency"),
    ("we found dad really muddled this morning, he had the meso yesterday", "emergency"),
    ("found him confused by the parking machine", None),
    # a person told by how they sound is told by the voice, with a sound or a picture of shouting
    # after it; what the writer wants to sound like, or sounds like to a thing, is no voice
    ("i sound croaky since the booster", "emergency"),
    ("since the jab I sound like I've been yelling at a gig all night", "emergency"),
    ("rewrite my cover letter, what am I doing wrong so i sound more confident", None),
    ("how do I whistle properly, I sound like a squeaky door lol", None),
    ("how do I roll my R's, I sound like a choking cat lol", None),
    ("I sound like I'm choking since the jab", "emergency"),
    # the straw one drinks with is a straw: its "drinking" is no function of its own
    (
        "every breath feels like I'm pulling air in through a drinking straw since the jab",
        "emergency",
    ),
    ("where can I buy paper drinking straws for the party", None),
    # one thing seen as a pair
    ("the kerb keeps splitting into pairs when I look at it since the booster", "emergency"),
    ("split the kids into pairs for the relay", None),
]


#: round 60's misses, read by meaning
ROUND60 = [
    # a strong word taken back by "jk", the sign then named as mild ("not kidding" insists)
    ("cheeks on fire lol jk they're just a bit warm and pink since the jabs this morning", "none"),
    ("my face is on fire since the jabs, not kidding, and it's red and hot", "urgent"),
    # an eye lost in an accident or a war is the organ lost long ago
    ("was it true that the painter lost an eye in a car crash?", None),
    ("my grandad lost one eye in the war, is that why he squints", None),
    ("I think I'm losing the sight in my eye since the jab", "emergency"),
    # "nobody", "no one" deny what follows
    ("my mate tipped a drink over at the bar, nobody got hurt thankfully", None),
    ("no one noticed but my lips went blue after the jab", "emergency"),
    # a slip or a trip on a thing explains a fall, never a faint
    ("my son slipped on some spilt ketchup on the floor by your till, he's fine, do mop", None),
    ("I slipped on the wet floor and passed out, had the booster this morning", "emergency"),
    # a person gone down to the floor, or who won't answer
    ("my husband suddenly slipped to the floor and won't answer me", "emergency"),
    ("she slid to the floor and isn't responding", "emergency"),
    ("my glasses fell to the floor and the lens cracked", None),
    ("dad won't answer his phone, can you call him", None),
    (
        "my friend she is shaking all over and not answer me, she had the chin injections today",
        "emergency",
    ),
    ("my brother and I fell out and she won't answer", None),
    # a thing that is the leak's subject, the body named only after it in the clause
    ("the kettle leaks every morning when I fill it, eyes watering from the steam lol", None),
    ("the spot leaks yellow stuff, my cheek is red", "urgent"),
    ("the kettle from your shop leaks and my hand blistered when I poured, I want a new one", None),
    # a fitting booked for a day or a party; a thing named by its heat; sleep told as passing out
    ("can we cancel friday's fitting please", None),
    ("Fitting for 3 of us on Saturday, what time do you open?", None),
    ("she's been fitting for 5 minutes after the jab", "emergency"),
    ("the hot glue left the seams all lumpy, any tips", "none"),
    ("the lump on my cheek is hot and sore since the jab", "urgent"),
    ("my brother passed out asleep on the sofa after the match lol", None),
    # a scare at a sight of someone's thing
    ("my client nearly fainted when she saw her nan's old brooch polished up", None),
    ("I nearly fainted when I stood up after the jab", "emergency"),
    # a body word naming the kind of picture the writer owns ("my hand puppet", "my face
    # painting"): the picture's face, not the writer's
    ("the felt on my hand puppet's face went pale and blotchy in the sun, can I redye it", None),
    ("my face painting went all blotchy in the rain", None),
    ("my hand went pale and blotchy after the jab", "emergency"),
    # older rounds' unrelated alarms, read by meaning: "its" for "it's" right before a sign
    # likened to a thing's; a side named by a direction; stage makeup is a costume
    ("engine hesitates like its out of breath going uphill", None),
    ("i feel like its hard to breathe since the jab", "emergency"),
    ("the north face of the eiger looks grey and icy", None),
    ("I left my jacket last night, grey north face, please tell me u have it", None),
    ("my face went grey and cold since the jab", "emergency"),
    ("stage makeup for a zombie, want the face pale grey with purple bruises, products?", "none"),
    ("she put her makeup on and then her face went grey and she collapsed", "emergency"),
]


ROUND61 = [
    # a pause typed inside a clause is no sentence's end ("is just... gone")
    ("half the view in my left eye is just... gone since the jab", "emergency"),
    ("my eye is fine... the cheek is a bit red", "none"),
    # the skin or a mark beside the eye gone a colour: the eye is only where it is
    ("the skin under my eye has gone dark", None),
    ("a patch under my eye went dark since the jab", None),
    ("my eye has gone dark since the jab", "emergency"),
    ("there's a dark spot in my eye since the jab", "emergency"),
    ("the skin around my eye went grey and cold", "emergency"),
    # ... and a spot there gone dark and hardening is a dark scab
    ("one spot under my left eye went dark and is hardening into a crust, day 6", "urgent"),
    # a size that grows with each day told, after 72 hours
    ("day five and my jaw looks fuller every morning", "urgent"),
    ("my cat gets fatter every day", None),
    # a time owned with its apostrophe left out; a weekday planned ahead
    ("my cheek feels hot, its from this mornings appt", "none"),
    ("flying on wednesday, my cheek feels warm, its from this mornings appt", "none"),
    ("my cheek is hot and red, had it done on wednesday", "urgent"),
    # a face gone pale at news told by someone else
    ("I went white when my boss said we'd all present on Monday", None),
    ("I went pale when I stood up after the jab", "emergency"),
    ("my lips went white when the nurse said it was done", "emergency"),
    # a response that comes back with an activity, every time
    ("I'm out of breath after the plank every single time lol, how do people do it", None),
    ("I'm breathless after the jab every single time", "emergency"),
    # a singing voice placed on a piece of music; a notation or a language read as a skill
    ("my voice keeps breaking on the high notes, any exercises?", None),
    ("my voice keeps cracking since the jab", "emergency"),
    ("I still can't read music, the notes look like tadpoles to me", None),
    ("I can't read the notes on my phone since the jab, all blurry", "emergency"),
    # a face gone a colour with an effort of the voice or the body, as a habit
    ("his face goes purple when he sings the high notes lol", None),
    ("my face goes purple when I laugh since the jab", "emergency"),
    # the heart in the throat is fright
    ("had my heart in my throat the whole ride", None),
    ("my throat is tight and my heart is racing", "emergency"),
]


ROUND62 = [
    # a session moved or the next one named: a time ahead, not a time since
    (
        "had it on Monday, today is Friday, can I do the second session in two weeks? "
        "a small bruise under my eye",
        "none",
    ),
    (
        "had it on Monday, today is Friday, can we move the next one instead of in three weeks? "
        "small bruise on my cheek",
        "none",
    ),
    ("the bruise on my cheek is still there, had it done 2 weeks ago", "routine"),
    # a size that comes and goes with the time of day is no swelling growing
    ("day 2 after the booster, my face is more big in the morning and less in the evening", None),
    ("my cheeks are puffier in the mornings since the jab, day 2", "none"),
    ("day 5 and my chin gets bigger every morning", "urgent"),
    # a mark turning the late colours of a bruise
    ("there's a mark on my cheek from the jab, it's turning a mustard colour", "none"),
    ("the spot has gone yellowish since the treatment", "none"),
    ("two of the injection dots have gone yellow and there's pus coming out, day 4", "urgent"),
    ("the leaves on my basil are turning yellow", None),
    # what cannot be borne named after a word of amount
    ("my nan can't take much heat, is there shade", None),
    ("I can't take much more of this pain since the injection", "emergency"),
    ("I can't take the throbbing anymore, it started after meso", "emergency"),
    # a screen's dark mode
    ("my eyes sting from the screen, is there an app with a dark mode", "none"),
    ("everything went dark in my left eye after the jab", "emergency"),
    # a jaw dropped in amazement
    ("when I saw the finished kitchen my jaw dropped, amazing work", None),
    ("my jaw dropped at the price of the new console", None),
    # a relative pronoun stands for the people before it
    ("could you put up a sign for people who get dizzy on the ride", None),
    ("my friend who got dizzy after her meso is still unwell", "emergency"),
    # a day of something else
    ("day 3 of fermentation and the beer looks cloudy, infection?", None),
    ("day 3 of meso and my cheek is red and hot, infection?", "urgent"),
    # a colour of a thing right after it
    ("lost a purple hat in the strawberry patch this morning", None),
    ("left a blue child's coat by the pumpkin patch", None),
    ("there's a purple patch on my cheek since this morning", "emergency"),
    # a bruise's shade named with "colour", and makeup smudged, are no alarm words
    ("the bruise is a mustard colour now", "none"),
    ("my cheek has gone a funny colour since the jab", "emergency"),
    ("it looks like I smudged my eyeshadow under my eye", None),
    ("everything looks smudged in my left eye", "emergency"),
    # a hedged faint at the end, after "and", at what someone close did (round 61)
    ("my wife got 3 in a row and I almost fainted", None),
    ("I stood up and I almost fainted", "emergency"),
    ("my friend drove me home and I nearly fainted", "emergency"),
    ("she said it was done and I nearly fainted", "emergency"),
]

ROUND63 = [
    # the chest a pounding heart leaves, in the idiom of a hard beat
    ("my heart nearly jumped out of my chest when the alarm went off", None),
    (
        "heart pounding out of my chest and a crushing pain in my chest since the filler",
        "emergency",
    ),
    ("my chest hurts since the injections", "emergency"),
    # "one" standing for a thing is no side of the body
    ("the sea was freezing, the little one was fine but my lips went blue", None),
    ("the lake was freezing and one hand went numb", "emergency"),
    # a lid of a thing named in the sentence before
    ("I restored an old toy box. The lid is cracked and bruised-looking now", "none"),
    ("my eyelid is drooping since the jab", "emergency"),
    # an amount that came down within a time is no collapse
    ("the swelling went down in a day, all good", None),
    ("she went down in the kitchen and can't get up after her filler", "emergency"),
    # a pronoun standing for a thing named before
    ("which head torch should I buy? mine keeps going dim and blurry", None),
    ("my friend had the same filler, hers is fine but mine has gone grey", "emergency"),
    # a map made of dots is a spread of small marks
    ("my chin looks like a map of little red dots since this morning's session", "none"),
    ("my cheek looks like a map, purple and blotchy since the filler", "emergency"),
    # reports the new classifier no longer rescued, read by the rules (regression sets)
    ("why would my cheek be getting hotter on day five?", "urgent"),
    ("will the soreness be worse on day six?", None),  # asked ahead: a general question
    ("the tenderness is ramping up again on day 5", "urgent"),
    ("a crusty spot where you jabbed me, smells a bit off", "urgent"),
    ("my brother jabbed me with his elbow", None),
    ("toast keeps sticking in my throat since the injections", "emergency"),
    ("my breath caught in my throat when I saw the view", None),
]

ROUND64 = [
    # an owned body part the vocabulary has no function for keeps a sentence personal
    (
        "like a bomb went off inside my skull, sudden and crushing, and the lamp is unbearable",
        "emergency",
    ),
    ("the desk lamp is unbearable, is there a dimmer?", None),
    # a likeness set off after "it" pictures the signs its sentence named
    (
        "the redness on my chin was small yesterday, today it covers my jaw, like ink spreading",
        "urgent",
    ),
    ("the redness on my chin is fading, it looks like a faint blush", "none"),
    # a pain said to be stronger now
    ("day 4 and the pain is much stronger than before", "urgent"),
    ("my pain tolerance is stronger than yours", None),
    # a substance's degree told after stinging eyes explains them; light does not
    ("my eyes were stinging all afternoon, the chlorine was so strong", "none"),
    ("my eye hurts badly and the room is too bright", "emergency"),
    ("my eyes are stinging since the filler, the chlorine is too strong", "emergency"),
    # double vision told by its test: one eye covered takes it away
    ("the TV looks weird and it goes away if I cover one eye", "emergency"),
    ("when she closes one eye it's fine again, with both it's all wrong", "emergency"),
    ("close one eye and aim at the centre of the board", None),
    # one side told against the other without its article
    (
        "when I smile my lower lip on one side is not same as the other since the filler",
        "emergency",
    ),
    ("my new boots are not the same as the other pair", None),
    # breathlessness told with an effort as its cause, in proportion to it
    ("I was totally breathless after the first match, are the breaks longer?", None),
    ("we were out of breath by the end of the march", None),
    ("I'm out of breath just walking to the kitchen", "emergency"),
    ("I've been breathless after the stairs since this morning", "emergency"),
    ("I'm out of breath after the stairs and my lips are swelling", "emergency"),
    # the skin around the mouth is the treated skin, not the lips
    ("the skin round my mouth is a bit itchy and tight today, had the meso yesterday", "none"),
    ("my lips are itchy since the treatment", None),  # asked (a cold sore starts so)
    ("the skin around my lips is swelling up fast and my tongue feels thick", "emergency"),
    # a session told as a stretch of time, or named for its audience, is no clinic
    ("my eyes were stinging all session, I think the chlorine was too strong", "none"),
    ("my eyes were stinging the whole session and now I can't see properly", "emergency"),
    ("breathless after the second round, can we have breaks in the kids session?", None),
    ("breathless after my session yesterday", "emergency"),
    # blowing up by mouth is a way, not the mouth
    ("I was out of breath from blowing the paddling pool up by mouth", None),
    # a whole face flushing, told with a laugh, with nothing else named
    ("my dad tried the ghost pepper sauce and his face went purple 😂", None),
    ("his face went purple 😂 and he can't breathe", "emergency"),
    ("my face went purple after the injection 😂", "emergency"),
    ("his lips went blue 😂", "emergency"),
    # gloves asked about beside numb hands: the cold's
    ("my fingers went numb after twenty minutes outside, what gloves do you stock?", None),
    ("my left hand went numb, do I need gloves", "emergency"),
    # "it" striking into a part: a blow of pain, no thing
    ("out of nowhere it hit inside my head like a hammer", "emergency"),
    # the fat under the chin named as what the injections are for: the fat-dissolving context
    ("had the jabs for fat under my chin on monday and now it's hard to swallow", "urgent"),
    ("had injections in my chin on monday and now it's hard to swallow", "emergency"),
]


ROUND65 = [
    # one side of the smile lifting alone, "only" before the verb
    ("since the jawline fat jabs my grin only lifts on 1 side", "urgent"),
    ("my smile only goes up on one side since the meso", "emergency"),
    # small clear raised domes are blisters
    ("little see-through domes came up on my cheek where the needles went", "urgent"),
    # a dark or brown mark in the first week is a small bruise; later or lighter keeps its level
    ("two small brownish marks on my neck the day after the booster", "none"),
    ("brown patches where the meso was, 3 weeks ago", "routine"),
    ("pale spots on my cheek since the jabs yesterday", "emergency"),
    ("the dark mark from my session 3 days ago has got darker and wider", "routine"),
    (
        "a dark mark under my eye since the booster 5 days ago, it has faded a bit more each day",
        "none",
    ),
    (
        "dark marks where I had the meso in the autumn",
        "routine",
    ),  # a lower bound says not how early
    # what "you" can feel but not see is too small to show, not sight
    ("small bumps you can feel but cannot see, since the jabs", "none"),
    ("I can feel it but I can't see, everything is dark", "emergency"),
    # a window asked about is no time since treatment
    (
        "can I fly within a week of treatment? my cheeks from this morning are warm and a bit red",
        "none",
    ),
    ("within a week my cheek went hard and red, is that normal?", "none"),
    # a weekday ahead on a trip, its place between: no day of the treatment
    (
        "I'm off to Rome on Friday for a few days. my cheeks from this morning are red and warm",
        "none",
    ),
    ("I had it done on Saturday and my cheek is red and warm", "urgent"),
    # the blood told as gone from the skin
    ("the skin under my eye looks like it has no blood in it since the booster", "emergency"),
    ("the steak had no blood in it, cooked too long", None),
    # close work strains the eyes
    ("the tiny stitches make my eyes go blurry, any magnifier you'd recommend?", None),
    ("tiny parts make my eyes go blurry since the jabs", "emergency"),
    # a thing's heat told before the body part it spilled on
    ("the soup was burning hot and splashed on my hand", None),
    ("my cheek was burning hot and swollen", "urgent"),
    # a state of "it" pointed "there", at a place the sentence named
    ("my dad tripped on the kerb outside, he's fine but it's very uneven there", None),
    ("it's gone white there", "emergency"),
    ("had the jabs yesterday, it's uneven there", "routine"),
    # a substance too strong, the clinic's visit named as when
    (
        "my eyes were stinging after swimming, the chlorine is too strong since your last visit",
        "none",
    ),
    ("my eyes are swimming since the injection", "emergency"),
    # a treatment of water, a garden or a pet is no clinic treatment
    ("the pond went a bit purple after the algae treatment, is that ok?", None),
    # a flaw in what is looked through
    ("my goggles were scratched and everything was blurry through them", None),
    ("my glasses are fine but suddenly everything is blurry", "emergency"),
    # a hand caught in a thing; a school's pupils
    ("one of our pupils got her finger stuck in the door hinge", None),
    ("my pupils are huge and everything is blurry since the jabs", "emergency"),
    # earlier rounds' leftovers: a stage of a walk as the effort; a whole thing likened to a blob
    (
        "we did the canyon walk last year, I was breathless by the halfway point, how long is it?",
        None,
    ),
    ("I'm breathless by the top of the stairs since the filler", "emergency"),
    ("the bouncy castle sagged in the corner like a big green blob", None),
    ("a green blob came out of the injection mark", "urgent"),
]


ROUND66 = [
    # a part of one eye's field named as what is wrong
    (
        "since the jabs there's a grey patch over the top half of what my right eye can see",
        "emergency",
    ),
    # one thing seen as two, told by how they stand
    ("after the booster I see two cars, one on top of the other", "emergency"),
    ("I saw two planes in the sky, one above the other", None),
    ("we bought two lamps, one on top of the other", None),
    # a sign's own word before a fault word is the body's, no thing's fault
    (
        "my voice is hoarse like I've been at a football match, and a lump's stuck in my throat",
        "emergency",
    ),
    # a lump felt on the way food goes down is what swallowing feels like, no skin lump
    (
        "after fat dissolving on my chin, when I swallow it's like a lump is caught halfway",
        "urgent",
    ),
    ("when I swallow there is a lump stuck halfway down", "emergency"),
    ("a little lump stuck under the skin of my jaw, day 2", "none"),
    # a bump sized, then told as clear, holds fluid: a blister
    ("small clear spots came up on my forehead after the booster", "urgent"),
    ("my skin is clear now, small bumps gone since the meso", None),
    # a part filled out as if stuffed; a size set against an earlier time of the same days
    ("day 5 after the booster, my cheek is puffier tonight than this morning", "urgent"),
    (
        "like somebody packed cotton under my cheek, 5 days after the booster, bigger than yday",
        "urgent",
    ),
    ("my lips are fuller than before the treatment, so happy", None),
    # a side set against the other without an article
    ("six weeks after the fat jabs my left jaw still looks more full than other side", "routine"),
    # a time asked between sessions; a trip ahead; "weeks after" with its number
    ("is it 2 or 3 weeks after the first session? my cheeks itch a bit since yesterday", "none"),
    (
        "flying to Rome in 3 weeks, ok to sunbathe? small bumps where the booster went in today",
        "none",
    ),
    ("3 weeks after the booster I have a small bump that appeared last week", "routine"),
    ("the swelling is going down, in 2 days it halved", "none"),
    ("flew home and in 10 days I noticed a small bruise from the booster", "routine"),
    # the cold of the air whitens fingers and toes, never the lips; hands told stiff and blistered
    ("skiing in winter, which gloves? last year my fingers turned white and numb", None),
    ("it's freezing out and my lips went white", "emergency"),
    ("had the booster yesterday, it's freezing and my fingers went white", "emergency"),
    ("after the tennis final my hands are sore and blistered, any tape you'd suggest?", None),
]


#: round 67's alarms read by meaning (session 37)
ROUND67 = [
    # a language spoken, however little of it, is a skill
    ("my daughter speaks only a little Polish, can she still join the class?", None),
    ("since the booster she can only speak a little, her words come out wrong", "emergency"),
    # how much someone is missed or thanked is no pain's degree
    ("we'll miss you all so much, my eyes were watering at the leaving do", None),
    ("my eye hurts so much since the booster", "emergency"),
    # a face changing colour told with its occasion, a moment of temper or shame
    ("my nephew goes purple in the face whenever he's embarrassed, any games for shy kids?", None),
    ("had the meso, my face went purple when I got angry", "emergency"),
    ("my son goes purple in the face when he cries and then stops breathing", "emergency"),
    ("my dad's face went purple when he lost consciousness", "emergency"),
    # sight told as hard to see or read an ordinary thing; what is written is not sight
    ("since the booster I find it hard to read the subtitles", "emergency"),
    ("it's hard to read the reviews, which booster is best?", None),
    # the cold of where one is, not of the skin; a feared cause, not a severity
    (
        "can I wear a scarf yet? it's freezing outside and the neck is where I had the booster",
        None,
    ),
    ("my cheek is freezing cold since the booster", "emergency"),
    ("my cheek feels cold today, booster was yesterday", "emergency"),
    (
        "small bruise by my eye from Friday's booster, my husband thinks it's something terrible",
        "none",
    ),
    # a body word right after a made thing's noun, itself after an owner or an article,
    # is the thing's part ("watch" is also a way of seeing): no side or describing word
    ("my watch face has gone all faded and the numbers are hard to read", None),
    ("the watch hands look blurry to me, is the battery going?", None),
    ("my upper lip has gone blue", "emergency"),
    ("my top lip is blue and swollen", "emergency"),
    ("my lower lip has gone blue", "emergency"),
    ("my upper eyelid is falling down since 3 hours, it covers half my eye", "emergency"),
    ("since the filler my watch face looks blurry", "emergency"),
]

ROUND68 = [
    # a picture the writer offers to send is of what they report: it frames nothing
    (
        "3 of the spots on my chin went black and crusty last night, can I send you a photo",
        "urgent",
    ),
    ("the kids drew a purple face on the card, I'll send a photo", None),
    # a food or a drink told as an effort to take; cooking is no swallowing
    ("since the chin fat jab even water is a struggle", "urgent"),
    ("after the jawline injections, even soup takes effort to get down", "emergency"),
    ("homemade bread takes effort to make but it's worth it", None),
    ("the water is hard here, does the kettle need descaling", None),
    ("can't get down a sandwich since the chin jab", "emergency"),
    # a duration asked about with "later" or "after" before "right"/"ok"
    (
        "thanks for yesterday! for the second session, is four weeks later ok? "
        "a few small bumps where the needles went, not sore",
        "none",
    ),
    # "different types" is a variety, not a function gone different
    ("what are the different kinds of cat's eye reflectors on roads?", None),
    ("my eyes look different since the booster", "emergency"),
    ("my eye sees different colours since the filler", "emergency"),
    # knocking out things or a team, not a person made unconscious
    ("my nephew knocked out 4 skittles in one go, my heart stopped lol", None),
    ("we got knocked out of the cup in the first round", None),
    ("I was knocked out for a minute after the injections", "emergency"),
    # a face's flush told with what the person is doing
    ("my brother goes purple in the face shouting at the telly", None),
    ("his face went purple crying and now he isn't breathing", "emergency"),
    ("my face went purple from holding my breath after the filler", "emergency"),
    # fingers numb in weather that wets one through
    ("the hike was awful, my fingers went numb and we were drenched, any refund?", None),
    ("my fingers went numb and I got soaked after the booster", "emergency"),
    # speech likened to having been drinking
    ("since this afternoon her words come out mushed like she's been drinking", "emergency"),
    ("talking to him is like he's been drinking all night", None),
    # "all the time" said of where the treatment went in is no trait of the patient
    ("one injection point by my lip leaks liquid all the time and it smells not nice", "urgent"),
    ("my skin looks grey and tired all the time", None),
    # a size set against "before" says how big, not how it hurts: the soreness stays
    (
        "chin fat jab on thursday, it's saturday, still puffy and sore when I press it, "
        "my chin looks bigger than before, eating fine",
        "none",
    ),
    ("my cheek is sore and getting worse, day 5 after the booster", "urgent"),
    # ... but "it" after the pain is the pain's strength
    (
        "the ache in my cheek was small at first but now, six days on, it is bigger every day",
        "urgent",
    ),
    # a head spinning with what it has to take in, the act told after it
    ("my head is spinning comparing venues for the party", None),
    ("my head is spinning since the filler", "emergency"),
    # someone picked out by a look: a "with" phrase after "the one", "the guy"...
    ("what's the name of the fluffy one with the white patch over his eye?", None),
    ("who is the guy with the droopy eye in that advert", None),
    ("I'm the one with the swollen lips from yesterday, now they have gone blue", "emergency"),
    ("she is the one with the droopy eye since the injection", "emergency"),
    ("my son, the little one with blue lips, is not breathing well", "emergency"),
    # a part of the face in or on something named only as "mine", "yours": a thing's part,
    # and a sign that needs an anchor then has none
    ("the lips on yours look odd, one side longer than the other, is that the style?", None),
    ("my lips look odd, one side longer than the other since the filler", "routine"),
]

ROUND69 = [
    # an illness that only says what the voice is like is no cause of it
    (
        "my voice has gone croaky since this morning, my husband says I sound like I've got "
        "a cold but I don't feel ill",
        "emergency",
    ),
    ("he's got a bad cold and his voice has gone croaky, can he still sing on sunday", None),
    # a mark told as paler from one day to the next is fading
    (
        "there's a mark under my eye, the colour of milky coffee, since the boosters 4 days "
        "ago. It's paler every day, that's normal?",
        "none",
    ),
    (
        "the skin on my cheek went paler every hour today and it's cold since the filler",
        "emergency",
    ),
    # a thing forgotten on the way home, not the way home forgotten
    ("remind me not to forget the bread on my way home", None),
    ("my dad forgot his way home after the appointment", "emergency"),
    ("the sight in my right eye has gone since lunch", "emergency"),
    # breath run out after a stretch of an effort named in the message
    ("is rowing good exercise? I'm breathless after 5 minutes on the machine", None),
    ("I'm breathless after 5 minutes, it started after the filler", "emergency"),
    ("I love my workouts but I'm breathless after just 2 minutes now", "emergency"),
    # a share of faded print that cannot be read
    ("the notice by the door is faded, you can't read half of it", None),
    ("since the injection I can't read most of the page", "emergency"),
]


def test_a_learner_counted_as_one_of_many_is_no_eyes_pupil():
    student = triage.assess(
        "the clutch in your car is stiff, just saying before a pupil gets told off"
    )
    assert "pupil" not in student.anchors and not student.alarm_words
    assert "pupil" in triage.assess("one pupil looks bigger than the other").anchors


#: round 69's leftovers, read by meaning before round 70
ROUND69_LEFTOVERS = [
    # a part owned by "its" after an animal a comparison names is the animal's
    ("my chin looks like a frog with its throat puffed out lol, day 2", "none"),
    ("my chin looks like a frog and my throat is puffed out, day 2", "emergency"),
    # one lump both red and sore is urgent after the first two days, or with no time told
    ("Hard red painful lump under my chin since the fat-dissolving treatment.", "urgent"),
    ("the lump on my cheek is red and really sore, day 4 after the boosters", "urgent"),
    ("a tender, red nodule came up where the needle went on day 1", "none"),
    ("little bumps where the needles went, red and sore, had it yesterday", "none"),
    ("there's a red painful lump of clay stuck to the wheel, how do I get it off", "none"),
]

#: round 70's misses, read by meaning after its run (in our own words, not the set's)
ROUND70 = [
    # a lip that does not obey
    (
        "since the chin fat injections 3 days ago my bottom lip won't do what I want on one side",
        "urgent",
    ),
    # a time compared with is not the time now
    ("my cheek is hot to the touch and tender, much worse than it was right after", "urgent"),
    # a small hard thing felt weeks later
    (
        "there's a tiny hard thing under the skin of my jaw, 6 weeks after the session, no pain",
        "routine",
    ),
    ("the hard thing is choosing a colour, three weeks after the move", None),
    # an effort told as what was being done
    ("I was breathless running for the tram and then it didn't stop", None),
    ("I get breathless walking up the stairs since the injections", "emergency"),
    # a poor sense had is a standing trait; had since the jab it is a change
    ("do your menus come in large print? my dad has poor eyesight", None),
    ("I've had bad vision since I was a little kid, do you do large print forms?", None),
    ("I have poor vision since the jab this morning", "emergency"),
    ("my mum has bad eyesight now, since her treatment", "emergency"),
    # a bare "the voice" after a thing that speaks, no person before it, is the thing's
    ("the tannoy crackles but the voice is all muffled, can someone fix it", None),
    ("my throat is tight but the voice is muffled", "emergency"),
    # a colour before a name no dictionary knows names that thing
    ("the purple frobnicator is lumpy at the corners, can I return it", "none"),
    ("a purple lumpp on my cheek", "emergency"),
    # the animal watched, and a fright in an idiom, leave the animal's part its own
    (
        "I saw my hamster lying on its side with its eyes shut and my heart stopped, is that "
        "sleep?",
        None,
    ),
    # a body part as the source of a thing's state
    ("the pages look all blotchy from my wet fingers", None),
    ("my eye makes everything blurry since I came back from your clinic", "emergency"),
    ("my skin looks blotchy from my cheek down to my neck", "emergency"),
    # "hand" as a verb
    ("the flyers are misprinted and I can't hand them out like this", None),
    ("I can't lift my hand since this morning", "emergency"),
]


ROUND71 = [
    # "like nothing I've ever had" is the worst ever, not a denial
    ("since the jabs my head hurts like nothing I have ever felt, it came on at once", "emergency"),
    ("headache like nothing else, started in a split second after the filler", "emergency"),
    ("a mild headache, nothing like the one before, it is easing", None),
    # "nothing I can't handle" says the pain is bearable
    ("the pain is nothing I can't handle, just a bit tender", "none"),
    ("nothing helps and I can't handle the pain", "emergency"),
    # a booked time counted "after" is ahead, not the time since
    (
        "my last session was 5 days ago, should I book the next one for 4 weeks after? "
        "there's a small bruise on my cheek still",
        "none",
    ),
    ("the bruise has been there for 3 weeks after my session", "routine"),
    # a place the treatment went in that is wet "all the time" is no lasting trait
    ("the spot where they injected my chin is weeping all the time and smells off", "urgent"),
    ("my skin looks tired and grey all the time, can you help?", None),
    # a unit with its "a" dropped is one of it
    (
        "the spots on my cheeks where you did the cocktail have gone kinda brown, month later",
        "routine",
    ),
    ("the bruise is still there week later", "routine"),
    # an unevenness told of a thing of the chest is no face
    ("rate my latte: lopsided heart and a pale ring, what do I fix", None),
    ("my jaw looks lopsided three weeks on", "routine"),
    # numb from holding a thing: the thing is the cause
    ("my arm went numb from carrying the crate, lighter crates?", None),
    ("my arm is numb since the jab", "emergency"),
    # eyes tired by close handiwork told by what was handled
    ("been rolling paper strips since lunch and my eyes are going blurry, best lamp?", None),
    ("been resting all afternoon and my eyes are going blurry", "emergency"),
    # a subject that moults is an animal
    ("ziggy is shedding and the skin looks pale and grey, normal?", None),
    ("my face is shedding and the skin looks grey", "emergency"),
    # the needle marks likened to a nettle rash are the expected small bumps
    ("the jab marks on my cheeks are a bit raised and itchy, sort of like nettle rash", "none"),
    ("nettle rash all over my arms since the meso", "urgent"),
    # speech likened to drink with its measure
    (
        "since the jabs this morning my aunt has been talking like she's had a bottle of prosecco",
        "emergency",
    ),
    ("we talked like we'd had a bottle of wine at the party lol, what time do you open", None),
    # round 70's leftover: a jaw likened to one swollen by mumps is a swelling
    ("ten days after the chin fat jabs my jaw still looks like I've got the mumps", "routine"),
    ("my nephew has mumps, can I still come in on friday?", None),
]


ROUND71_LEFTOVERS = [
    # a present habit that ends its clause is no inability: "he doesn't drink"
    ("my husband had mesotherapy last week, he doesn't drink", None),
    ("can my dad come along to the consultation? he does not eat", None),
    ("he doesn't drink since the jabs, says it won't go down", "emergency"),
    ("she doesn't eat anything since the mesotherapy", "emergency"),
    # eating or drinking as the cause of a state is not the act failing
    ("my lips went numb from drinking too much cold water", None),
    # a neutral made thing handled after a gerund is the cause
    ("my arm is numb from holding the phone for an hour", None),
    ("my hand went numb from gripping the cup so hard", None),
    ("my face went numb from having the needles and my arm is weak now", "emergency"),
]


def test_gone_into_a_healing_colour_is_no_loss_of_sight():
    """ "a bruise that's gone yellowish ... her sight is fine": no emergency word is left, so
    a classifier's emergency has nothing to stand on over the expected bruise."""
    calm = triage.assess(
        "my wife has a small bruise under one eye that's gone yellowish now, her sight is "
        "fine, how long does it last?"
    )
    assert calm.level == "none" and not calm.alarm_words
    assert triage.assess("the sight in my left eye has gone").alarm_words


ROUND72 = [
    # a veil likened to the view with "they" as what is seen
    ("things on my left look like they're behind a steamed-up window since the jabs", "emergency"),
    ("my windows look like they're behind frosted glass after the storm", None),
    # a softener between "can't" and the breath
    ("cant really catch my breath since the boosters this morning", "emergency"),
    # strength gone, in a learner's words
    ("from this morning my left hand is without strength, I drop the spoon", "emergency"),
    ("the wifi has no strength in the back bedroom", None),
    # a part that moves less, on one side
    ("since the chin fat injections one side of my lower lip moves less", "urgent"),
    ("the queue moves less quickly after lunch", None),
    # "so bad my eyes water": the eyes are the result of what came before
    ("it reeks so bad it made my eyes water, when can you come", None),
    ("so painful my eye, since the filler", "emergency"),
    # a flush told with the feeling right after it
    ("my brother's face went white, he was so embarrassed when the waiter sang", None),
    ("her face went white after the jabs, she was scared and then she fainted", "emergency"),
    # "only see the top half": a part of the view left, not a thing seen
    ("since the booster I can only see the bottom half of the telly with my eye", "emergency"),
    ("will I see the results after the first session?", None),
    # "plus" joins, it names no thing
    (
        "a few aftercare questions, plus a splitting headache came on all at once an hour ago",
        "emergency",
    ),
    # a stretch of the day forgotten
    ("I don't remember walking home from the clinic", "emergency"),
    ("I forgot driving home takes an hour at rush time", None),
    # one day against the day before is a course told day by day
    ("day 5 and the swelling gets bigger than the day before, every day", "urgent"),
]


ROUND72_LEFTOVERS = [
    # skin gone dark, then a crust forming on it: an eschar told as it comes (dark_scab)
    ("day 5 the skin become dark, almost black, and is making a crust", "urgent"),
    ("my sourdough went dark, almost black, and is forming a crust", None),
    # growth told with a bare verb after "it", after the first 72 hours
    ("day 4 after the mesotherapy the swelling it don't go down, it grow", "urgent"),
    ("day 1 after the jabs the swelling it grow a little", "none"),
    # a person's refusal is no failing act: with no body part, symptom or treatment named,
    # no report at all
    ("my toddler won't eat his vegetables, any recipe ideas?", None),
    ("my husband won't drink tap water, can we order bottled?", None),
    # ... the food as what will not go down keeps its reading
    ("since the jabs my husband won't eat anything, the food won't go down", "emergency"),
]


def test_a_refusal_to_eat_after_the_treatment_asks_the_red_flag_questions():
    found = triage.assess("my son won't drink anything since the lip filler yesterday")
    assert found.level is None and found.ask, found.reasons
    assert not triage.assess("my husband won't drink tap water, can we order bottled?").ask


ROUND73 = [
    # one's own lines gone soft are no sight; the lines one reads still are
    ("my lines look fuzzy and blurry after inking, am i scratching too shallow?", None),
    ("the lines on the page look blurry since the jabs", "emergency"),
    # a state joined by "and" to one told of the fingers is the fingers' too
    ("my fingers are sore and a bit blistered from the willow, does that go away?", None),
    ("my fingers are sore and my lip is blistered", "urgent"),
    # a load carried is the cause of numb arms; never when the treatment is named
    ("My arms were numb from carrying two toddlers, your staff helped me to a table", None),
    ("2 days after the jabs my arm went numb from carrying the shopping", "emergency"),
    # a body word a person bought is a thing
    ("The bouncing eyeball I bought has gone cloudy and doesn't glow anymore", None),
    ("my eye I think has gone cloudy", "emergency"),
    # a mouth hung open in surprise is no droop
    ("Watching that old guy clear table 4 in one go, my mouth just hung open", None),
    ("my mouth is hanging down on one side", "emergency"),
    # a warm vessel touched is the skin's heat
    (
        "a hard knot along my jawline 6 days after the fat dissolving, compared to the other "
        "side it feels like touching a warm mug",
        "urgent",
    ),
    ("day 3 the cheek is hot and red", "urgent"),
    # a jaw sore when chewing is tenderness; chewing that cannot be done is not
    ("day 1 after fat dissolving, the jawline is full and when I chew is little sore", "none"),
    ("since the lip filler I can't chew properly", "emergency"),
    # bumps likened to a shaving rash are the bumps
    (
        "little raised bumps along my jaw, like a shaving rash, got them after yesterday's session",
        "none",
    ),
    # one side left behind when the other lifts
    (
        "Since the jawline fat-melting shots, when I smile it's like someone is holding the right "
        "corner of my lip with a string while the left just stays flat",
        "urgent",
    ),
    # a part set off to one side, and "as if" opening a likeness, not a condition
    ("my chin is leaning a touch to the left since treatment six weeks ago", "routine"),
    ("my chin looks uneven, as if one side got more product than the other", "routine"),
    ("what happens if one side gets more product than the other?", None),
    # numb from a stretch of an activity or a posture, told with it; a bare time may be the
    # time since the treatment, and the treatment named as the stretch keeps the sign
    ("my hand goes numb after 40 minutes of stippling, any ergonomic tool handles?", None),
    ("my hands feel numb after a long lace session, is my bobbin grip too tight?", None),
    ("My legs went numb sitting on those low stools for an hour lol", None),
    ("is a hammer enough or will my arm be numb by lunchtime", None),
    ("my arm went numb after 20 minutes", "emergency"),
    ("my left arm went numb after 20 minutes of the treatment", "emergency"),
    ("my face is numb on one side after 2 hours of sitting", "emergency"),
]


ROUND73_LEFTOVERS = [
    # an earlier occasion or season told to plan the next one is history, whatever the level
    ("what temperature is it inside? last time my lips went blue, do I need thermals", None),
    ("what wetsuit thickness for lake wakeboarding in may, last time my feet went numb", None),
    ("my downstairs neighbour nearly fainted last time, can you play bagpipes in a flat?", None),
    ("a girl on our team fainted in the heat at last summer's parade, what should we pack", None),
    # ... but not with a word of now, of the treatment, or "the last time I checked"
    (
        "last time I had filler my lips went blue. Had meso yesterday and now my lip is pale",
        "emergency",
    ),
    ("Last time my lips went blue after the filler, is that normal?", "emergency"),
    ("my lip was grey the last time I checked", "emergency"),
    ("had meso, last time I looked my cheek was white and cold", "emergency"),
]


ROUND74 = [
    # legs gone to jelly and made to get down to the floor: a near collapse
    (
        "I got up from the sofa and my legs turned to jelly, I had to sit on the floor. "
        "Cheeks done at 3pm.",
        "emergency",
    ),
    ("there were no chairs so we had to sit on the floor", None),
    # the body jerking on its own: a seizure
    (
        "my body started jerking on its own, my partner says I wasn't answering for about a "
        "minute. Had the neck done yesterday.",
        "emergency",
    ),
    ("my whole body was shaking from the cold and I wasn't answering my phone", None),
    # ... and seen by someone else, a seizure told with its eyes and stiffness keeps its level
    (
        "My husband his eyes go up and his body is hard like a wood and then jumping, after he "
        "don't know me.",
        "emergency",
    ),
    # a thing collapsing under someone; a limb numb after a long stretch of a pursuit told first
    ("price range for a camping chair? my old one collapsed under me last August", None),
    ("she collapsed under the strain and we called 999", "emergency"),
    ("after a long hooking session my hands are numb, any ergonomic hook handles?", None),
    ("after a long session my hands are numb since the jabs", "emergency"),
    # fluid that seeps from the treated skin
    (
        "The little holes along my chin have a crust like dried honey and cloudy stuff seeps out",
        "urgent",
    ),
    ("water seeps through the wall behind the sofa, can you send someone", None),
    # a mark paler each day, a bruise gone from dark to a healing colour: fading
    (
        "Under my left eye there's a smudge, mustard and greenish now. It's been six days since "
        "the polynucleotides and it's paler every morning.",
        "none",
    ),
    (
        "Everything has healed apart from a small bruise just under my right eye, which has gone "
        "from dark to yellowish over the last four days and isn't sore.",
        "none",
    ),
    ("the spot went from pink to dark purple and it is very painful", "emergency"),
    ("my cheek has gone paler than the other side since the jabs", "emergency"),
    # "it" opening a sentence after a made thing is the thing
    ("just finished my 10th spoon!! it's a bit lopsided but i love it", None),
    ("it's a bit lopsided", "routine"),
    ("my phone died. it's all blurry now", "emergency"),
    # a size doubled against a time within hours is swelling fast (the rules missed it at the run)
    (
        "lol so my lips r like twice the size they were an hour ago and still going, just the "
        "around mouth booster",
        "emergency",
    ),
    ("my lips are twice the size they were a week ago", None),
    ("this pizza is twice the size it was an hour ago lol", None),
    # a lid after a tube is the tube's
    (
        "the putty I bought went hard and lumpy in the tube after a week, lid was closed properly",
        None,
    ),
    # print worn off a thing is why it cannot be read
    ("the label on my tin is faded and I can't read which tea it is anymore", None),
    ("my vision is faded and I can't read since the jabs", "emergency"),
]


#: every round's readings, one table: each case keeps its level after every later round
ROUND75 = [
    # whatever is under the eye gone darker is a mark of the skin, not sight; what is seen
    # over the eye or the eye itself going dark stays an emergency
    (
        "A coin-sized shadow under my left eye was darker at the weekend and is fading to "
        "yellow now. Treated five days ago, the eye itself is fine.",
        None,
    ),
    ("a smudge below her right eye looks darker today", None),
    ("my right eye went dark an hour after the injections", "emergency"),
    ("there's a dark shadow over my eye since this morning", "emergency"),
    ("the skin under my eye has gone grey and cold", "emergency"),
    # slight warmth on the day after, with nothing that grows: the flush of the first days
    (
        "forehead feels like a light sunburn, warm and a bit tight, with tiny raised bits. "
        "I had it done yesterday morning.",
        "none",
    ),
    (
        "my wife had the vitamin jabs on her cheeks yesterday, she says they feel warm and a "
        "little pink, like after a bath. no fever. can she wear make up?",
        "none",
    ),
    # ... hot, growing warmer, spreading, or later than the day after keeps its reading
    ("my cheek is a bit warm and getting hotter, done yesterday", "urgent"),
    ("my cheek is hot to the touch, done yesterday", "urgent"),
    ("cheek slightly warm, treatment 3 days ago", "urgent"),
    ("my cheek is a bit warm and the redness is spreading, done yesterday", "urgent"),
    ("my cheek is hot to the touch and a bit swollen, done yesterday", "urgent"),
    ("the treated side is a bit red and radiating heat, had it done yesterday", "urgent"),
    # stuffed as a kind of food or thing before its noun is no state of the mouth
    ("my tongue was on fire from the jalapeno stuffed ones, so good, 2 more boxes please", None),
    ("my tongue feels stuffed and my throat is tight", "emergency"),
    ("my mouth feels stuffed with cotton wool since the injections", "emergency"),
    # the colour kept to the needle marks at first, then reaching a further place: spreading
    # ("until" for "as far as", as learners write it)
    (
        "Yesterday the pink was just on the needle marks of my chin, today it go until my jaw. "
        "Normal?",
        "urgent",
    ),
    ("the red was only around the dots yesterday, now it reaches my ear", "urgent"),
    ("the pink was just on the dots, now it is fading", "none"),
    ("the red was only on the sale rack, now it goes to my size", "none"),
    # a belt or strap round the chest as a likeness, and a breath that must be taken again
    # and again: the airway told as a picture
    ("since the jabs it feels like someone pulled a strap across my chest", "emergency"),
    ("my son keeps having to take a big breath, he had his neck done today", "emergency"),
    ("the seat belt round my chest left a red mark after the drive", "none"),
    ("I had to take a deep breath before I opened the gas bill", None),
    # degrees of latitude or of an angle are no temperature of the body
    ("what size gnomon for a horizontal dial at 41°N", None),
    ("the gnomon should be tilted 38 degrees for my town", None),
    ("I've had 38° since last night and my cheek is sore", "urgent"),
    ("38° n my cheek is sore since the jabs", "urgent"),
    # a garment's size before the leg is no leg of the body
    ("my suit came this morning with the wrong trousers, 33 leg not 31", None),
    ("my left leg feels wrong and heavy since this morning", "emergency"),
]


ROUND76 = [
    # a pause asked about or advised is no time since the treatment: the warmth of the same
    # afternoon stays the flush of the first hours
    (
        "Had mesotherapy this afternoon. Should I skip my retinol for a few days? My forehead "
        "feels a bit warm and looks flushed.",
        "none",
    ),
    ("treated this morning, avoid the gym for 3 days they said, cheek is a bit warm", "none"),
    # ... the time that passed still counts
    ("my cheek has been hot and swollen for a few days since the booster", "urgent"),
    ("i went on holiday for a week after the jabs and my cheek is hot now", "urgent"),
    # slight told in more ways ("little bit", phone "bit warm"), on the day after
    ("yesterday I make the meso and today my cheeks are little bit red and warm", "none"),
    ("cheeks bit warm n pink today, had it done yday", "none"),
    ("cheeks are little bit warm and getting hotter, had it yesterday", "urgent"),
    # a calendar time restated as a count of days: the count tells the time
    (
        "a bruise under my eye from the booster last week, 6 days ago now, fading to yellow, "
        "eye is fine",
        "none",
    ),
    ("a bruise under my eye from the booster last week, still there, eye is fine", "routine"),
    # an ordinal day is a time since the treatment, as "day 5"
    (
        "every morning my eyelids look puffier than the day before. It's now the fourth morning "
        "since the booster.",
        "urgent",
    ),
    ("on the second morning after the jab my cheeks are a bit puffy", "none"),
    # a state before "and my <part>" with a verb of its own is the first subject's
    ("my water bottle froze solid and my nose went numb at -20, what gloves do you sell?", None),
    ("my cheek went purple and my lip swelled up after the filler", "emergency"),
    # the voice used hard, named in the sentence, is the cause of a hoarse voice (no
    # treatment named); after a treatment, or denied, it stays an emergency
    ("been yodelling nonstop since this morning and my voice is a bit hoarse lol", None),
    ("hoarse from cheering at the match all afternoon, any honey tea recipes?", None),
    (
        "my voice is hoarse since the lip filler yesterday, I was singing at a party though",
        "emergency",
    ),
    ("she's hoarse, not from shouting, it started after the jab", "emergency"),
    # ... told as a fact, not someone's guess
    (
        "since an hour ago my voice has gone really raspy, my friend asked if I'd lost my voice "
        "at a concert",
        "emergency",
    ),
    # "mine" standing for a thing kept in the fridge, with only a day count named
    (
        "how long does the firm one keep in the fridge after opening, mine smells a bit sour on "
        "day 4",
        None,
    ),
    ("had the booster on monday, mine smells a bit funny on day 4", "urgent"),
]


ROUND77 = [
    # a pain said to grow, under the eyes or at the injection sites, or "more, not less"
    ("on day four the pain under my eyes is getting stronger, not weaker", "urgent"),
    ("day 4 now and there's more pain, not less", "urgent"),
    ("the pain at the injection sites is getting stronger, day 2", "urgent"),
    # the room or the world told as what it became, with a hedge: feeling faint
    (
        "the room went sort of spinny and I had to sit down on the floor, jabs an hour ago",
        "emergency",
    ),
    ("the world went all wobbly after the booster and she sat down on the pavement", "emergency"),
    # a near faint at news told is a hyperbole; one on standing up is not
    ("my dad nearly fainted when I told him the price of the kayak", None),
    ("she nearly fainted when she stood up after the jabs", "emergency"),
    # a person rolling their eyes is a look; eyes rolling back of themselves are a fit
    ("the waiter rolled his eyes at my mum when she asked for the bill", None),
    ("her eyes rolled back and she went stiff for a minute", "emergency"),
    ("my son doesnt read english well and the teacher rolled her eyes at him", None),
    # a trouble owned by a noun right before it ("chimney problem") is that noun's
    ("my eyes are watering from the smoke of the stove, chimney problem?", None),
    ("my eyes have a problem since the booster", "emergency"),
    # "mine" for a thing named before, over a day count
    ("fridge life? mine from day 2 look a bit grey in the middle", None),
    # a drink called unfit to have, then not drunk
    ("the espresso was scalding hot, couldn't drink it for ten minutes", None),
    ("my lips are numb and the tea was hot, I couldn't drink it", "emergency"),
    # a motion sickness as the cause of a grey face and a near faint; never of blue lips or
    # a collapse
    ("we were all seasick on the ferry, my face went grey and I nearly fainted", None),
    ("on the ferry I felt seasick, now her lips look blue", "emergency"),
    ("she was seasick on the boat and then collapsed and won't wake up", "emergency"),
    # blisters rubbed by a made thing
    ("blisters from my new boots after the hike, what plasters work", None),
    ("blisters on my lip from the injections", "urgent"),
    # a colour against the other side
    (
        "the skin under my right eye is a shade darker than the left since the treatment in spring",
        "routine",
    ),
]

ROUND78 = [
    # a deadline ahead after "before" is no past history
    ("will the pink dots be gone before friday? had the booster this morning", "none"),
    ("the little red dots, will they settle b4 the party? jabs 3 hrs ago", "none"),
    ("I had pink dots before, after my last session", None),
    # where on the mark a healing bruise's colour shows
    ("day 5 and it's fading round the edges to a yellowish colour", "none"),
    ("day 4 and the mark on my cheek is going yellow at the rim", "none"),
    # a heat word hedged by "-ish"; the pain of touch is no heat felt by a hand
    ("fat dissolving jab yesterday, my jawline is bit tender to touch, feels warm-ish", "none"),
    ("had it yesterday, my cheek is a bit warm to the touch", "urgent"),
    # a size told earlier, then a share of a place of the face told now
    ("the red patch was the size of a 5p yesterday and now it's most of my chin", "urgent"),
    ("the bruise was the size of a coin on monday, now its half the size", "none"),
    # "ok so" opening what is told says nothing is normal
    ("okay so the redness on my neck has spread past the line I drew", "urgent"),
    # a line drawn round a mark on the skin is no depiction
    ("drew a line round the red area last night, now it's past the line", "urgent"),
    ("the redness has gone past the line I drew", "urgent"),
    ("the kids drew a purple face on the fridge", None),
    # pain "very much", "very badly"
    ("the lump in my cheek hurts very much since the injection on friday", "urgent"),
    ("thank you very much, my cheek is a bit tender", "none"),
    ("day 3 and the pain is very strong, even with paracetamol", "urgent"),
    # a colour word naming a food's kind is not a part's state
    ("even black pepper makes her eyes water, is the soup mild?", None),
    ("I see black spots in my left eye since the jabs", "emergency"),
    (
        "the skin by my lip has gone a dark violet colour since yesterday and it hurts a lot",
        "emergency",
    ),
    # "wrong" as the manner of an act done with the part
    ("is my technique off? I think I'm placing my fingers wrong on the drum", None),
    ("something is wrong with my hand, I can't grip since this morning", "emergency"),
    # a tongue numb from a hot spice, never swollen or with the breath
    ("my tongue went numb from the chilli in the ramen, is there a milder one?", None),
    ("my tongue went numb and swollen from the chilli", "emergency"),
    ("my tongue is numb and tingling after the lip filler", "emergency"),
    # a word in -ing right after "is" is a verb going on, not a thing that owns the sight after
    ("since the booster my eye is making big pain and the vision is like fog", "emergency"),
    ("the boiler is making a noise and the window is all foggy", None),
    # a lump in the throat with a loss or being moved told, nothing of the swallowing
    ("the eulogy was so kind, I had a lump in my throat the whole time", "none"),
    ("I have a lump in my throat since the filler yesterday", "emergency"),
    ("I cried all night and now there's a lump in my throat and it's hard to swallow", "emergency"),
]

ROUND79 = [
    # when an act may be done after the treatment, asked, is no time since it
    (
        "is it ok to travel a few days after the booster? my cheek feels a bit warm, done today",
        "none",
    ),
    ("I flew 3 days after the jabs and now my cheek is hot", "urgent"),
    # worse by a degree
    ("the pain in my jaw was fine at first but now on day 5 it's way worse", "urgent"),
    ("pain in my cheeks was ok day 1 but now day 5 its way worse", "urgent"),
    # a habit told, then its start told as today's
    ("I get cold sores sometimes and I woke up this morning with one where she injected", "urgent"),
    ("I get cold sores sometimes, can I still have the treatment?", None),
    # the treatment had, named by its place, is no treatment asked about
    ("after the treatment for my cheeks little blisters came up, clear liquid inside", "urgent"),
    ("is there a treatment for dark circles and puffiness?", None),
    # an earlier size, then a reach told this morning
    ("last night the red patch was the size of a coin, this morning it reaches my ear", "urgent"),
    # the area over the lip is the skin round the mouth, not the lip
    (
        "the area over the lip looks swollen since this morning's jabs but it's soft, I talk fine",
        "none",
    ),
    ("my top lip is swollen since the jabs this morning", "urgent"),
    # a thing named before the one who could not read it is what was looked at
    ("the parking sign I couldn't read was all faded, do you have a car park?", None),
    ("since the filler the words I read are blurry in my left eye", "emergency"),
    # the force of an act done with a part
    ("my son rolled his eyes so hard at the price, do you do student discounts?", None),
    ("my eyes are so hard to open since the filler", "emergency"),
    # the most of a kind of head pain in a life, in learners' words too
    ("since the jabs I have the strongest headache of my life", "emergency"),
    ("the most strong pain in head of my life, it start after the forehead treatment", "emergency"),
    ("the most amazing concert of my life, my head is still buzzing", None),
    ("the head of the school called about the trip", None),
    # pain told by a likeness of a known ache, and its course
    (
        "feels like a toothache in my cheek and it gets stronger every day since the jabs monday",
        "urgent",
    ),
    ("I have a toothache, can I book a check-up?", None),
    # a hard point felt under the skin weeks later
    ("six weeks after the treatment there is a hard point under the skin of my chin", "routine"),
    ("there's a dark spot in the skin of my cheek since the summer", "routine"),
]


@pytest.mark.parametrize(
    "text, level",
    [
        *ROUND49,
        *ROUND50,
        *ROUND51,
        *ROUND52,
        *ROUND53,
        *ROUND54,
        *ROUND55,
        *ROUND56,
        *ROUND57,
        *ROUND58,
        *ROUND59,
        *ROUND60,
        *ROUND61,
        *ROUND62,
        *ROUND63,
        *ROUND64,
        *ROUND65,
        *ROUND66,
        *ROUND67,
        *ROUND68,
        *ROUND69,
        *ROUND69_LEFTOVERS,
        *ROUND70,
        *ROUND71,
        *ROUND71_LEFTOVERS,
        *ROUND72,
        *ROUND72_LEFTOVERS,
        *ROUND73,
        *ROUND73_LEFTOVERS,
        *ROUND74,
        *ROUND75,
        *ROUND76,
        *ROUND77,
        *ROUND78,
        *ROUND79,
    ],
)
def test_readings_of_each_round(text, level):
    assert triage.assess(text).level == level, triage.assess(text).reasons


def test_ok_opening_what_is_told_says_nothing_is_normal():
    opened = triage.assess("ok so the red patch on my neck was the size of a coin, how long?")
    assert not [r for r in opened.reasons if r.startswith("said to be normal")], opened.reasons
    fine = triage.assess("my eye is ok so I'm not worried, just the bruise on my cheek")
    assert "said to be normal: eye" in fine.reasons


def test_a_lid_of_a_thing_named_in_the_sentence_before_anchors_no_eyelid():
    thing = triage.assess("What's the story behind the old sea chest? The blue on the lid is faded")
    assert "eyelid" not in thing.anchors
    assert "eyelid" in triage.assess("I had the jabs. The lid is puffy and faded").anchors


def test_a_part_named_as_where_a_mark_is_is_no_alarm_word():
    """ "a tiny bruise near the corner of my eye ... the eye itself is fine": nothing is said
    of the eye, so a second opinion's emergency has no word of the eye's to stand on."""
    calm = triage.assess(
        "day 3, I've got a tiny bruise near the outer corner of my left eye, the eye itself "
        "is fine and I can see normally"
    )
    assert calm.level == "none" and not calm.alarm_words
    # the eye named with nothing before it but its owner is an emergency word again
    assert triage.assess("day 3, a tiny bruise, and my left eye feels odd").alarm_words
