"""The pre-screen's readers (bot/prescreen/answers.py): age, yes/no, consent.

They must understand many phrasings and never fill an answer from a guess,
and read any input without raising. The routing is tested in
test_prescreen_outcome.py, the rules file and replies in test_prescreen_rules.py.
"""

from __future__ import annotations

import pytest

from bot import prescreen
from bot.prescreen import Answer
from bot.text import prepare as text_prepare

# ================================================================ parse_age

# fmt: off
AGE_CASES = [
    ("34", 34), ("I'm 34", 34), ("im 34", 34), ("34 years old", 34), ("age: 34", 34),
    ("Age 34", 34), ("34yo", 34), ("34 y/o", 34), ("I am 34 years of age", 34),
    ("34.", 34), (" 52 ", 52), ("thirty one", 31), ("thirty-one", 31), ("Thirty One", 31),
    ("sixteen", 16), ("seventeen years old", 17), ("eighteen", 18),
    ("seventy five", 75), ("seventy-six", 76), ("a hundred", 100),
    ("one hundred and five", 105), ("I'm forty", 40), ("just turned 18", 18),
    ("I'm 34 😊", 34), ("٣٤", 34), ("３４", 34), ("1", 1), ("120", 120),
    # other words only when the number is plainly the patient's own age
    ("I'm 52, fit and healthy", 52), ("32 yo female", 32), ("I'm 76, is that too old?", 76),
    ("i am a 34 year old woman", 34), ("I'm thirty two and healthy", 32),
    ("my daughter is 16 years old", None), ("I'm 40ish", None), ("I'm nearly 40", None),
    ("I'm 34 and my son is 10", None), ("3 kids", None), ("I have 3 kids", None),
    ("female, 29", None),
    # unclear, impossible or more than one number: never a guess
    ("-3", None), ("200", None), ("0", None), ("121", None), ("", None), ("   ", None),
    ("🤷", None), ("34 or 35", None), ("between 30 and 40", None), ("34.5", None),
    ("nearly 40", None), ("over 18", None), ("18 next month", None),
    ("I was born in 1990", None), ("my daughter is 16", None), ("old enough", None),
    ("twenty twenty", None), ("minus three", None), ("thirty and a half", None),
    ("'; DROP TABLE users; --", None), ("<b>34</b>", None), ("<script>34</script>", None),
    ("3" * 5000, None), ("34 " + "a" * 5000, None), ("what?", None), ("why do you ask", None),
]
# fmt: on


@pytest.mark.parametrize("text,expected", AGE_CASES)
def test_parse_age(text, expected):
    assert prescreen.parse_age(text) == expected


@pytest.mark.parametrize("value", [None, 34.5, True, ["34"], {"age": 34}, b"34"])
def test_parse_age_ignores_non_text(value):
    assert prescreen.parse_age(value) is None


# ================================================================ parse_yes_no

# (slot, text, value, detail (a substring, or None for "no detail"), unsure)
# fmt: off
YES_NO_CASES = [
    # plain yes
    ("allergies", "yes", True, None, False), ("allergies", "y", True, None, False),
    ("allergies", "Yeah", True, None, False), ("allergies", "yep", True, None, False),
    ("allergies", "yup!", True, None, False), ("allergies", "sure", True, None, False),
    ("allergies", "correct", True, None, False), ("allergies", "I do", True, None, False),
    ("keloid_history", "yes I have", True, None, False),
    ("keloid_history", "yesss", True, None, False),
    ("keloid_history", "I think so", True, None, False),
    ("pregnant_or_breastfeeding", "I am", True, None, False),
    ("keloid_history", "/affirm", True, None, False),
    # plain no
    ("allergies", "no", False, None, False), ("allergies", "n", False, None, False),
    ("allergies", "NO!!", False, None, False), ("allergies", "Nooo", False, None, False),
    ("allergies", "nope", False, None, False), ("allergies", "nah", False, None, False),
    ("allergies", "no never", False, None, False), ("allergies", "never", False, None, False),
    ("allergies", "not that I know of", False, None, False),
    ("allergies", "I don't know of any", False, None, False),
    ("allergies", "none", False, None, False), ("allergies", "not really", False, None, False),
    ("allergies", "i don't think so", False, None, False),
    ("allergies", "no allergies", False, None, False),
    ("keloid_history", "no i don't", False, None, False),
    ("keloid_history", "/deny", False, None, False),
    ("pregnant_or_breastfeeding", "I'm not pregnant", False, None, False),
    ("pregnant_or_breastfeeding", "neither", False, None, False),
    ("pregnant_or_breastfeeding", "no, not pregnant, not breastfeeding", False, None, False),
    ("medical_conditions", "non diabetic", False, None, False),
    ("recent_procedures", "no, never had anything done", False, None, False),
    ("recent_procedures", "nope, never had botox", False, None, False),
    # a named medicine or condition is a yes with that detail
    ("blood_thinners", "yes I take warfarin", True, "warfarin", False),
    ("blood_thinners", "I take warfarin", True, "warfarin", False),
    ("blood_thinners", "I take apixaban", True, "apixaban", False),
    ("blood_thinners", "clopidogrel", True, "clopidogrel", False),
    ("blood_thinners", "just fish oil", True, "fish oil", False),
    ("blood_thinners", "omega-3 capsules", True, "fish oil", False),
    ("blood_thinners", "ginkgo", True, "ginkgo", False),
    ("blood_thinners", "ibuprofen every day", True, "ibuprofen", False),
    ("blood_thinners", "Nurofen most days", True, "ibuprofen", False),
    ("blood_thinners", "coumadin", True, "warfarin", False),
    ("blood_thinners", "no but I take fish oil", True, "fish oil", False),
    ("blood_thinners", "I don't take aspirin but I take ginkgo", True, "ginkgo", False),
    ("blood_thinners", "I take a blood thinner", True, "blood thinner", False),
    ("medical_conditions", "lupus", True, "lupus", False),
    ("medical_conditions", "type 1 diabetes", True, "type 1 diabetes", False),
    ("medical_conditions", "on insulin", True, "insulin", False),
    ("medical_conditions", "chemo", True, "cancer treatment", False),
    ("medical_conditions", "I'm having chemotherapy", True, "cancer treatment", False),
    ("medical_conditions", "HIV", True, "HIV", False),
    ("medical_conditions", "I have a pacemaker", True, "pacemaker", False),
    ("medical_conditions", "AF", True, "atrial fibrillation", False),
    ("medical_conditions", "arrhythmia", True, "arrhythmia", False),
    ("medical_conditions", "I take prednisolone", True, "steroids", False),
    ("medical_conditions", "I have high blood pressure", True, "high blood pressure", False),
    ("medical_conditions", "no, nothing except my inhaler", True, "inhaler", False),
    ("recent_procedures", "botox last month", True, "botox", False),
    ("recent_procedures", "roaccutane", True, "isotretinoin", False),
    ("recent_procedures", "I was on isotretinoin until March", True, "isotretinoin", False),
    ("recent_procedures", "filler 2 weeks ago", True, "filler", False),
    ("recent_procedures", "a chemical peel in May", True, "peel", False),
    ("pregnant_or_breastfeeding", "yes, I'm pregnant", True, "pregnant", False),
    ("pregnant_or_breastfeeding", "I'm breastfeeding", True, "breastfeeding", False),
    ("pregnant_or_breastfeeding", "breast-feeding my 3 month old", True, "breast feeding", False),
    ("pregnant_or_breastfeeding", "not pregnant but breastfeeding", True, "breastfeeding", False),
    ("skin_condition", "I have a cold sore", True, "cold sore", False),
    ("skin_condition", "eczema on my cheeks", True, "eczema", False),
    ("skin_condition", "my psoriasis is flaring", True, "psoriasis", False),
    ("skin_condition", "a few spots on my chin", True, "acne", False),
    ("acute_illness", "I've got a temperature", True, "fever", False),
    ("acute_illness", "covid", True, "covid", False),
    ("bleeding_disorder", "I had a DVT in 2019", True, "blood clot", False),
    ("bleeding_disorder", "mini stroke years ago", True, "stroke", False),
    ("bleeding_disorder", "haemophilia", True, "haemophilia", False),
    ("keloid_history", "yes keloids", True, "keloid", False),
    ("keloid_history", "I scar badly", True, "raised scar", False),
    ("allergies", "allergic to lidocaine", True, "lidocaine", False),
    ("allergies", "I reacted to filler once", True, "past reaction", False),
    ("allergies", "nothing except penicillin", True, "penicillin", False),
    ("allergies", "I'm allergic to nuts", True, "nuts", False),
    # things that are not what the question is about count as no, kept as detail
    ("blood_thinners", "no, just paracetamol", False, "paracetamol", False),
    ("blood_thinners", "I'm on the pill", False, "contraceptive pill", False),
    ("skin_condition", "I have age spots", False, "pigmentation", False),
    ("skin_condition", "no, just some old acne scars", False, "old scars", False),
    ("acute_illness", "no, just hay fever", False, "hay fever", False),
    # unclear: asked again, never guessed
    ("blood_thinners", "maybe", None, None, True), ("blood_thinners", "what?", None, None, False),
    ("blood_thinners", "idk", None, None, True),
    ("blood_thinners", "sometimes?", None, None, False),
    ("blood_thinners", "🤷", None, None, False), ("blood_thinners", "not sure", None, None, True),
    ("blood_thinners", "I don't know", None, None, True),
    ("blood_thinners", "I can't remember", None, None, True),
    ("blood_thinners", "skip", None, None, True),
    ("blood_thinners", "I'd rather not say", None, None, True),
    ("blood_thinners", "does aspirin count?", None, None, False),
    ("blood_thinners", "what counts as a blood thinner", None, None, False),
    ("blood_thinners", "yes and no", None, None, False),
    ("medical_conditions", "I'm healthy", False, None, False),
    ("acute_illness", "I'm fine thanks", False, None, False),
    ("skin_condition", "my skin is clear", False, None, False),
    ("allergies", "NKDA", False, None, False),
    ("blood_thinners", "only the odd paracetamol", False, "paracetamol", False),
    ("blood_thinners", "fine", None, None, False),
    # a statement about something unlisted: a yes where it only means a
    # clinician looks, asked again where a yes would rule treatment out
    ("medical_conditions", "I have asthma", True, "asthma", False),
    ("blood_thinners", "just vitamins", True, "vitamins", False),
    ("pregnant_or_breastfeeding", "I have two kids", None, None, False),
    ("pregnant_or_breastfeeding", "I just had a baby", None, None, False),
    ("skin_condition", "I have rosacea", None, None, False),
    ("acute_illness", "I have a headache", None, None, False),
    ("acute_illness", "no, but I have a headache", None, None, False),
    # another question's listed word: a yes, routed by that question's rule
    ("medical_conditions", "I take warfarin", True, "warfarin", False),
    ("acute_illness", "I have a cold sore", True, "cold sore", False),
    ("medical_conditions", "I've got flu and a temperature", True, "fever", False),
    ("pregnant_or_breastfeeding", "I might be pregnant", None, "pregnant", True),
    ("allergies", "", None, None, False), ("allergies", "   ", None, None, False),
    ("allergies", "...", None, None, False), ("allergies", "34", None, None, False),
    ("allergies", "1' OR '1'='1", None, None, False),
    ("allergies", "لا", None, None, False),
]
# fmt: on


@pytest.mark.parametrize("slot,text,value,detail,unsure", YES_NO_CASES)
def test_parse_yes_no(slot, text, value, detail, unsure):
    a = prescreen.parse_yes_no(text, slot)
    assert isinstance(a, Answer)
    assert a.value is value, a
    assert a.unsure is unsure, a
    if detail is None and value is not None:
        assert a.detail is None, a
    elif detail is not None:
        assert a.detail and detail.lower() in a.detail.lower(), a
    assert a.understood and len(a.understood) <= prescreen.MAX_DETAIL + 20


@pytest.mark.parametrize(
    "text,understood",
    [("yes I take warfarin", "yes: warfarin"), ("nope", "no"), ("not sure", "not sure")],
)
def test_understood_says_what_was_read(text, understood):
    assert prescreen.parse_yes_no(text, "blood_thinners").understood == understood


def test_detail_is_capped():
    long = "yes, " + "a vitamin tablet from the health shop " * 25
    a = prescreen.parse_yes_no(long, "blood_thinners")
    assert a.value is True and len(a.detail) <= prescreen.MAX_DETAIL


def test_unknown_slot_still_reads_yes_and_no():
    assert prescreen.parse_yes_no("yes", "no_such_slot").value is True
    assert prescreen.parse_yes_no("no", "no_such_slot").value is False


# ================================================================ parse_consent

# fmt: off
CONSENT_CASES = [
    ("yes", True), ("yes, that's fine", True), ("ok", True), ("Okay", True),
    ("sure, go ahead", True), ("yep", True), ("yes please", True), ("that's fine", True),
    ("go on then", True), ("I agree", True), ("fine by me", True), ("no problem", True),
    ("I don't mind", True), ("/affirm", True), ("alright", True),
    ("no", False), ("n", False), ("nope", False), ("no thanks", False),
    ("I'd rather not", False), ("I don't agree", False), ("don't store anything", False),
    ("not ok", False), ("/deny", False),
    ("okay but don't store anything", None), ("what do you store?", None),
    ("who sees it?", None), ("maybe", None), ("not sure", None), ("👍", None),
    ("", None), ("y" * 5000, None), ("hmm", None),
]
# fmt: on


@pytest.mark.parametrize("text,expected", CONSENT_CASES)
def test_parse_consent(text, expected):
    assert prescreen.parse_consent(text) is expected


# ================================================================ odd input

# fmt: off
ODD_INPUTS = ["", " ", "\n\t", "x" * 5000, "é" * 20000, "🤷", "😀😀😀", "-3", "200",
              "'; DROP TABLE users; --", "SELECT * FROM prescreen_records",
              "<img src=x onerror=alert(1)>", "&lt;b&gt;", "{{clinic.phone}}", "{\"a\": [1,",
              "مرحبا كيف حالك", "\x00\x01\x02", "\u202eyes", None, 42, ["yes"], {"text": "no"}]
# fmt: on


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_never_raises_or_guesses(text):
    assert prescreen.parse_age(text) is None or isinstance(text, int)
    assert prescreen.parse_consent(text) is None
    for slot in prescreen.slots():
        assert prescreen.parse_yes_no(text, slot).value is None


def test_a_long_reply_is_not_read(monkeypatch):
    """A reply over MAX_TEXT characters is never split into words, so reading
    costs the same whatever its length (speed itself is measured by `make bench`)."""
    seen = []
    monkeypatch.setattr(text_prepare, "token", lambda raw: seen.append(raw) or raw)
    long = "yes I take warfarin " * (prescreen.MAX_TEXT // 20 + 1)
    assert prescreen.parse_yes_no(long, "blood_thinners").value is None
    assert prescreen.parse_consent(long) is None
    assert prescreen.parse_age(long) is None
    assert seen == []
    assert prescreen.parse_yes_no(long[: prescreen.MAX_TEXT], "blood_thinners").value is True
    assert seen


# ================================================================ markup and SQL


# Markup and SQL in a reply are text like any other: read by their words, stored
# as typed and escaped where shown (test_prescreen_form.py). A filter that refused
# them refused real answers ("yes, aspirin; update me if that matters").
@pytest.mark.parametrize(
    "slot,text,value",
    [
        ("allergies", "<b>no</b>", False),
        ("allergies", "no'; DROP TABLE prescreen_records; --", False),
        ("blood_thinners", "yes, aspirin; update me if that matters", True),
        ("blood_thinners", "<i>warfarin</i>", True),
        ("allergies", "<img src=x onerror=alert(1)>", None),
        ("allergies", "1' OR '1'='1", None),
    ],
)
def test_markup_and_sql_are_read_as_text(slot, text, value):
    assert prescreen.parse_yes_no(text, slot).value is value


@pytest.mark.parametrize(
    "text,expected",
    [
        ("<script>yes</script>", True),
        ("yes'; DROP TABLE x; --", True),
        ("<b>no</b>", False),
        ("SELECT * FROM prescreen_records", None),
    ],
)
def test_consent_in_markup_or_sql_is_read_as_text(text, expected):
    assert prescreen.parse_consent(text) is expected
