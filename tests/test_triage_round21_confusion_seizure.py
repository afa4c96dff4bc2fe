"""Round 21: confusion and seizures told by what a patient or a relative notices.
Our own sentences, each kind with calm counterparts (the same words in a benign sense).

* confusion (knowledge/red_flags.yml ``confusion``): a person "acting spaced" or "vacant";
  the thread of one's talk lost mid-sentence; one's OWN phone, pin or door no longer
  managed; the clock making no sense; a relative asking who the writer is, or looking at
  them like a stranger; talk of an old job as if still in it; the year asked and a laugh
  for an answer; words and days mixed; today held to be one weekday or another; waking or
  coming round confused; muddled about where one IS (not about where the clinic is); a
  relative wandering at home in the night; not following what a close person says, with a
  fever (the vocabulary's ``heard``);
* seizure (``seizure``): foam at the mouth, the whole body shaken hard or shuddering again
  and again, a blank stare with a twitching limb, lips smacking or hands picking at clothes
  in a blank spell (the vocabulary's ``automatism`` with ``unaware``);
* calm: puzzled about a day or a word, time lost at a party, a phone that won't unlock,
  payments spaced out, the thread of a film, foaming with rage, lip-smacking food, one
  shudder at a needle; a fever with a clear mind stays urgent.
"""

from __future__ import annotations

import pytest

from bot import triage


@pytest.mark.parametrize(
    "text",
    [
        "my husband has been acting really spaced since tea time after his jabs",
        "mum seems so vacant tonight, she had the skin booster this morning",
        "she kept losing the thread halfway through sentences this afternoon after the meso",
        "I lost my thread mid sentence three times on the phone after the injections",
        "dad couldn't figure out how to open his own front door tonight",
        "I can't remember my own pin number since the injections",
        "the clock on the oven makes no sense to me since lunch",
        "my mum asked who I was when I came in tonight, I'm her son",
        "he looked at me like a stranger when I got home, we've been married 40 years",
        "I'm muddled about where I actually am right now",
        "she seems confused about where she is after her session",
        "my gran was wandering round the house at 3am saying she had to get to work",
        "she keeps talking about her old office as if she still works there",
        "my partner keeps chatting about his old school like he's still a pupil there",
        "when I asked dad what month it was he just shrugged and talked about the weather",
        "she's mixing up the names and the days since this morning",
        "I feel hot and shivery and I'm not sure if today is Tuesday or Saturday",
        "I'm shivery with a temperature of 39.2 and I can't follow what my sister is saying to me",
        "she collapsed and was shaking so hard all over her body, frothing at the mouth",
        "foam was coming out of his mouth and his arms were going",
        "my dad went blank and kept smacking his lips and fiddling with his buttons",
        "she stared blank at the wall, not blinking, and her hand twitched",
        "I came round confused on the bathroom floor with my tongue bitten",
        "he woke up muddled after the shaking stopped",
        "her whole body shuddered over and over on the sofa",
    ],
)
def test_confusion_and_seizures_told_by_what_is_noticed_are_emergencies(text):
    assert triage.assess(text).level == "emergency", triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "I'm confused about which day my next session is",
        "I forgot what I wanted to ask you yesterday",
        "we lost track of time at the wedding",
        "my phone won't unlock since the update",
        "the kids are late for school again",
        "my cat twitches in her sleep",
        "we were shaking with laughter at the comments",
        "I don't recognise this charge on my card",
        "the TV shows a stranger at the door",
        "I spaced out the payments over three months",
        "can you space out my sessions a bit more",
        "I lost the thread of the film halfway through",
        "I can't figure out how to unlock my new phone",
        "the clock in the waiting room was wrong",
        "the bus timetable doesn't make sense to me",
        "my nephew was foaming at the mouth about the football result",
        "the foaming cleanser got in my mouth",
        "that gravy was lip smacking good",
        "I keep picking at the dry skin on my lip",
        "she woke up confused about what day the bins go out",
        "I'm muddled about where the clinic moved to",
        "we went wandering round the old town at midnight on holiday",
        "my husband talks about his old job like it was yesterday",
        "my whole body shuddered when I saw the needle",
        "I asked my son what year the car was made and he laughed",
        "I keep mixing up the dates of my two appointments",
        "the receptionist asked who I was",
        "I asked who she was on the phone",
        "my dog looked at me like a stranger after the groomer",
        "I'm a bit spaced today, didn't sleep, anyway can I book for Friday",
    ],
)
def test_the_same_words_in_calm_senses_raise_no_alarm(text):
    assert triage.assess(text).level in (None, "none"), triage.assess(text).reasons


@pytest.mark.parametrize(
    "text",
    [
        "she's hot, 38.5, but sharp as ever, knows the date and who we all are",
        "he has a temperature of 39 but is chatting normally and knows exactly where he is",
    ],
)
def test_a_fever_with_a_clear_mind_is_no_emergency(text):
    assert triage.assess(text).level != "emergency", triage.assess(text).reasons
