"""The pre-screen: reading patients' answers, the routing rules, the texts.

The parsers must understand many phrasings and never fill an answer from a
guess; the outcome must follow ../shared/CLINICAL.md for every criterion; the
rules file and the replies must agree with each other and with the contract.
"""
from __future__ import annotations

import re
import time

import pytest
import yaml

from bot import config, knowledge, prescreen
from bot.prescreen import Answer, Outcome, PrescreenRulesError

CONTRACT_SLOTS = ["prescreen_consent", "age", "pregnant_or_breastfeeding", "blood_thinners",
                  "bleeding_disorder", "skin_condition", "keloid_history", "allergies",
                  "medical_conditions", "recent_procedures"]
EXTRA_SLOTS = {"acute_illness"}          # CLINICAL.md lists it under not_suitable
REPLIES_FILE = config.KNOWLEDGE / "replies" / "prescreen.yml"
CLINIC_FIELDS_USED = {"name", "phone", "booking_url", "retention_days"}
LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
DUMPER = getattr(yaml, "CSafeDumper", yaml.SafeDumper)


def rules_copy():
    """The rules file as data, for tests that change it in a temporary copy."""
    return yaml.load(prescreen.RULES_PATH.read_text(encoding="utf-8"), Loader=LOADER)


def write_rules(tmp_path, data):
    path = tmp_path / "prescreen.yml"
    path.write_text(yaml.dump(data, Dumper=DUMPER), encoding="utf-8")
    return path


# ================================================================ parse_age

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


@pytest.mark.parametrize("text,expected", AGE_CASES)
def test_parse_age(text, expected):
    assert prescreen.parse_age(text) == expected


@pytest.mark.parametrize("value", [None, 34.5, True, ["34"], {"age": 34}, b"34"])
def test_parse_age_ignores_non_text(value):
    assert prescreen.parse_age(value) is None


# ================================================================ parse_yes_no

# (slot, text, value, detail (a substring, or None for "no detail"), unsure)
YES_NO_CASES = [
    # plain yes
    ("allergies", "yes", True, None, False), ("allergies", "y", True, None, False),
    ("allergies", "Yeah", True, None, False), ("allergies", "yep", True, None, False),
    ("allergies", "yup!", True, None, False), ("allergies", "sure", True, None, False),
    ("allergies", "correct", True, None, False), ("allergies", "I do", True, None, False),
    ("keloid_history", "yes I have", True, None, False), ("keloid_history", "yesss", True, None, False),
    ("keloid_history", "I think so", True, None, False), ("pregnant_or_breastfeeding", "I am", True, None, False),
    ("keloid_history", "/affirm", True, None, False),
    # plain no
    ("allergies", "no", False, None, False), ("allergies", "n", False, None, False),
    ("allergies", "NO!!", False, None, False), ("allergies", "Nooo", False, None, False),
    ("allergies", "nope", False, None, False), ("allergies", "nah", False, None, False),
    ("allergies", "no never", False, None, False), ("allergies", "never", False, None, False),
    ("allergies", "not that I know of", False, None, False),
    ("allergies", "I don't know of any", False, None, False),
    ("allergies", "none", False, None, False), ("allergies", "not really", False, None, False),
    ("allergies", "i don't think so", False, None, False), ("allergies", "no allergies", False, None, False),
    ("keloid_history", "no i don't", False, None, False), ("keloid_history", "/deny", False, None, False),
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
    ("blood_thinners", "idk", None, None, True), ("blood_thinners", "sometimes?", None, None, False),
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
    ("allergies", "<b>no</b>", None, None, False),
    ("allergies", "no'; DROP TABLE prescreen_records; --", None, None, False),
    ("allergies", "1' OR '1'='1", None, None, False),
    ("allergies", "لا", None, None, False),
]


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


def test_understood_says_what_was_read():
    assert prescreen.parse_yes_no("yes I take warfarin", "blood_thinners").understood == "yes: warfarin"
    assert prescreen.parse_yes_no("nope", "blood_thinners").understood == "no"
    assert prescreen.parse_yes_no("not sure", "blood_thinners").understood == "not sure"


def test_detail_is_capped():
    long = "yes, " + "a vitamin tablet from the health shop " * 25
    a = prescreen.parse_yes_no(long, "blood_thinners")
    assert a.value is True and len(a.detail) <= prescreen.MAX_DETAIL


def test_unknown_slot_still_reads_yes_and_no():
    assert prescreen.parse_yes_no("yes", "no_such_slot").value is True
    assert prescreen.parse_yes_no("no", "no_such_slot").value is False


# ================================================================ parse_consent

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
    ("", None), ("<script>yes</script>", None), ("yes'; DROP TABLE x; --", None),
    ("y" * 5000, None), ("hmm", None),
]


@pytest.mark.parametrize("text,expected", CONSENT_CASES)
def test_parse_consent(text, expected):
    assert prescreen.parse_consent(text) is expected


# ================================================================ odd input

ODD_INPUTS = ["", " ", "\n\t", "x" * 5000, "é" * 20000, "🤷", "😀😀😀", "-3", "200",
              "'; DROP TABLE users; --", "SELECT * FROM prescreen_records",
              "<img src=x onerror=alert(1)>", "&lt;b&gt;", "{{clinic.phone}}", "{\"a\": [1,",
              "مرحبا كيف حالك", "\x00\x01\x02", "\u202eyes", None, 42, ["yes"], {"text": "no"}]


@pytest.mark.parametrize("text", ODD_INPUTS)
def test_odd_input_never_raises_or_guesses(text):
    assert prescreen.parse_age(text) is None or isinstance(text, int)
    assert prescreen.parse_consent(text) is None
    for slot in prescreen.slots():
        assert prescreen.parse_yes_no(text, slot).value is None


def test_parsers_are_fast():
    texts = [t for _, t, *_ in YES_NO_CASES] + ["x " * 490]
    start = time.perf_counter()
    for t in texts:
        prescreen.parse_yes_no(t, "blood_thinners")
        prescreen.parse_age(t)
        prescreen.parse_consent(t)
    per_call = (time.perf_counter() - start) / (3 * len(texts))
    assert per_call < 0.005, per_call


# ================================================================ outcome

def all_clear(**overrides):
    """A healthy adult's answers, as the form stores them (bools and an int age)."""
    answers = {q["slot"]: False for q in prescreen.questions() if q["type"] == "yes_no_detail"}
    answers.update(prescreen_consent=True, age=40)
    answers.update(overrides)
    return answers


def test_all_clear_is_eligible():
    result = prescreen.outcome(all_clear())
    assert result == Outcome("eligible", [], [])


@pytest.mark.parametrize("age,expected", [
    (1, "not_suitable"), (16, "not_suitable"), (17, "not_suitable"), (18, "eligible"),
    (40, "eligible"), (75, "eligible"), (76, "clinician_review"), (80, "clinician_review"),
    (120, "clinician_review"), (17.0, "not_suitable"), (76.0, "clinician_review"),
    ("17", "not_suitable"), ("seventy six", "clinician_review"),
])
def test_age_rules(age, expected):
    assert prescreen.outcome(all_clear(age=age)).outcome == expected


@pytest.mark.parametrize("age", [None, "unsure", 0, 200, -3, 17.5, True, "old"])
def test_unreadable_age_goes_to_a_clinician(age):
    result = prescreen.outcome(all_clear(age=age))
    assert result.outcome == "clinician_review"
    assert any(r.startswith("Age") for r in result.reasons)


# Every criterion of CLINICAL.md, as a patient would type it in answer to its question.
NOT_SUITABLE = [
    ("pregnant_or_breastfeeding", "yes I'm pregnant"),
    ("pregnant_or_breastfeeding", "breastfeeding"),
    ("skin_condition", "I have an infection on my cheek"),
    ("skin_condition", "cold sore on my lip"),
    ("skin_condition", "my eczema is flaring"),
    ("skin_condition", "psoriasis flare on my forehead"),
    ("skin_condition", "bad acne breakout"),
    ("acute_illness", "I have a fever"),
    ("acute_illness", "I've got flu"),
    ("acute_illness", "feeling unwell today"),
]
CLINICIAN_REVIEW = [
    ("blood_thinners", "warfarin"), ("blood_thinners", "apixaban"),
    ("blood_thinners", "rivaroxaban"), ("blood_thinners", "aspirin"),
    ("blood_thinners", "clopidogrel"), ("blood_thinners", "ibuprofen every day"),
    ("blood_thinners", "fish oil"), ("blood_thinners", "vitamin E"),
    ("blood_thinners", "ginkgo"), ("blood_thinners", "garlic tablets"),
    ("bleeding_disorder", "I have a bleeding disorder"), ("bleeding_disorder", "clotting disorder"),
    ("bleeding_disorder", "I had a stroke"), ("bleeding_disorder", "blood clots in my leg"),
    ("keloid_history", "keloid scars"), ("keloid_history", "raised scarring"),
    ("allergies", "lidocaine"), ("allergies", "allergic to numbing cream"),
    ("allergies", "allergic to hyaluronic acid"), ("allergies", "I had a reaction to filler"),
    ("medical_conditions", "autoimmune disease"), ("medical_conditions", "I take immunosuppressants"),
    ("medical_conditions", "steroids"), ("medical_conditions", "HIV"),
    ("medical_conditions", "heart disease"), ("medical_conditions", "irregular heartbeat"),
    ("medical_conditions", "diabetes"), ("medical_conditions", "insulin dependent diabetic"),
    ("medical_conditions", "cancer treatment"),
    ("recent_procedures", "fillers"), ("recent_procedures", "Botox"),
    ("recent_procedures", "a peel"), ("recent_procedures", "laser"),
    ("recent_procedures", "microneedling"), ("recent_procedures", "isotretinoin"),
]


@pytest.mark.parametrize("slot,text", NOT_SUITABLE)
def test_not_suitable_criteria(slot, text):
    answer = prescreen.parse_yes_no(text, slot)
    assert answer.value is True, answer
    result = prescreen.outcome(all_clear(**{slot: answer}))
    assert result.outcome == "not_suitable"
    assert len(result.patient_reasons) == 1 and len(result.reasons) == 1


@pytest.mark.parametrize("slot,text", CLINICIAN_REVIEW)
def test_clinician_review_criteria(slot, text):
    answer = prescreen.parse_yes_no(text, slot)
    assert answer.value is True, answer
    result = prescreen.outcome(all_clear(**{slot: answer}))
    assert result.outcome == "clinician_review"
    assert len(result.reasons) == 1


def test_detail_reaches_the_staff_reason():
    result = prescreen.outcome(all_clear(blood_thinners=prescreen.parse_yes_no(
        "I take warfarin", "blood_thinners")))
    assert "warfarin" in result.reasons[0]
    stored = {"typed": "I take warfarin", "understood": "yes: warfarin", "value": True}
    assert "warfarin" in prescreen.outcome(all_clear(blood_thinners=stored)).reasons[0]


@pytest.mark.parametrize("slot", [s for s in CONTRACT_SLOTS + sorted(EXTRA_SLOTS)
                                  if s not in ("prescreen_consent", "age")])
@pytest.mark.parametrize("stored", [None, "unsure", {"typed": "idk", "understood": "not sure / skipped", "value": None},
                                    Answer(None, None, "not sure", True)])
def test_unplaced_answer_goes_to_a_clinician(slot, stored):
    result = prescreen.outcome(all_clear(**{slot: stored}))
    assert result.outcome == "clinician_review"
    assert len(result.reasons) == 1
    assert "clear answer" in result.patient_reasons[0]


def test_missing_answer_goes_to_a_clinician():
    answers = all_clear()
    del answers["allergies"]
    assert prescreen.outcome(answers).outcome == "clinician_review"


def test_not_suitable_wins_and_staff_see_everything():
    answers = all_clear(age=80, pregnant_or_breastfeeding=True, blood_thinners="unsure",
                        skin_condition=True)
    result = prescreen.outcome(answers)
    assert result.outcome == "not_suitable"
    assert len(result.reasons) == 4                      # every finding, for staff
    assert len(result.patient_reasons) == 2              # only those of the outcome shown
    assert all("clear answer" not in r and "75" not in r for r in result.patient_reasons)


def test_clinician_review_wins_over_eligible_and_lists_each_reason():
    result = prescreen.outcome(all_clear(age=76, allergies=True, recent_procedures=True))
    assert result.outcome == "clinician_review"
    assert len(result.reasons) == 3 and len(result.patient_reasons) == 3


def test_consent_is_not_part_of_the_routing():
    assert prescreen.outcome(all_clear(prescreen_consent=False)).outcome == "eligible"


def test_outcome_reads_typed_text_without_guessing():
    assert prescreen.outcome(all_clear(blood_thinners="nope")).outcome == "eligible"
    assert prescreen.outcome(all_clear(blood_thinners="I take aspirin")).outcome == "clinician_review"
    assert prescreen.outcome(all_clear(blood_thinners="🤷")).outcome == "clinician_review"


@pytest.mark.parametrize("answers", [{}, None, [], "yes", {"age": object()},
                                     {"age": 40, "allergies": ["yes"]}])
def test_outcome_of_broken_answers_is_safe(answers):
    result = prescreen.outcome(answers)
    assert result.outcome == "clinician_review"


def test_partial_answers_already_show_not_suitable():
    """The form may stop early: a not_suitable answer decides on its own."""
    assert prescreen.outcome({"age": 16}).outcome == "not_suitable"
    assert prescreen.outcome({"age": 40, "pregnant_or_breastfeeding": True}).outcome == "not_suitable"


def test_reasons_text_joins_patient_reasons():
    result = prescreen.outcome(all_clear(age=16, acute_illness=True))
    text = prescreen.reasons_text(result.patient_reasons)
    assert text.count("; ") == 1 and "18" in text


# ================================================================ the knowledge

@pytest.fixture(scope="module")
def rules():
    return prescreen.rules_data()


@pytest.fixture(scope="module")
def replies():
    return (yaml.safe_load(REPLIES_FILE.read_text(encoding="utf-8")) or {})["responses"]


def test_questions_cover_the_contract_slots_in_order():
    slots = [q["slot"] for q in prescreen.questions()]
    assert slots[0] == "prescreen_consent"
    assert set(CONTRACT_SLOTS) <= set(slots)
    assert set(slots) <= set(CONTRACT_SLOTS) | EXTRA_SLOTS
    assert [s for s in slots if s in CONTRACT_SLOTS] == CONTRACT_SLOTS


def test_form_asks_exactly_the_questions_of_the_rules():
    domain = yaml.safe_load((config.ROOT / "domain.yml").read_text(encoding="utf-8"))
    required = domain["forms"]["prescreen_form"]["required_slots"]
    assert required == prescreen.slots()
    for slot in prescreen.slots():
        assert slot in domain["slots"], slot


def test_every_question_has_its_replies(replies):
    for q in prescreen.questions():
        assert q["ask"] == f"utter_ask_{q['slot']}" and q["ask"] in replies, q
        assert q["why"] == f"utter_why_{q['slot']}" and q["why"] in replies, q
        assert q["reask"] in replies, q
        assert prescreen.why_response(q["slot"]) == q["why"]
    assert prescreen.why_response("nonexistent") in replies


@pytest.mark.parametrize("name", [
    "utter_prescreen_stuck", "utter_prescreen_no_consent", "utter_prescreen_eligible",
    "utter_prescreen_clinician_review", "utter_prescreen_not_suitable",
    "utter_prescreen_cancelled", "utter_prescreen_resume",
    "utter_prescreen_reask_consent", "utter_prescreen_reask_age",
    "utter_prescreen_reask_yes_no_detail"])
def test_ending_and_reask_replies_exist(replies, name):
    assert replies.get(name)


def test_replies_are_short_and_use_known_placeholders(replies):
    for name, variations in replies.items():
        for v in variations:
            text = v["text"]
            assert len(text.split()) <= 90, name
            for field in re.findall(r"\{\{\s*clinic\.([a-z_.]+)\s*\}\}", text):
                assert field in CLINIC_FIELDS_USED, (name, field)
            slots = set(re.findall(r"(?<!\{)\{([a-z_]+)\}(?!\})", text))
            assert slots <= {"prescreen_reasons"}, (name, slots)
            knowledge.render(text)                 # every field exists in clinic.yml
            for b in v.get("buttons", []):
                assert b["title"] and b["payload"] and len(b["title"]) <= 25


def test_outcome_replies_say_the_right_things(replies):
    consent = replies["utter_ask_prescreen_consent"][0]["text"]
    assert "{{clinic.retention_days}}" in consent and "delete" in consent
    assert "staff" in consent and {b["payload"] for b in replies["utter_ask_prescreen_consent"][0]["buttons"]} >= {"/affirm", "/deny"}
    assert "consultation" in replies["utter_prescreen_eligible"][0]["text"]
    assert "{{clinic.booking_url}}" in replies["utter_prescreen_eligible"][0]["text"]
    for name in ("utter_prescreen_clinician_review", "utter_prescreen_not_suitable"):
        assert "{prescreen_reasons}" in replies[name][0]["text"], name
        assert "{{clinic.phone}}" in replies[name][0]["text"], name
    assert "haven't stored" in replies["utter_prescreen_no_consent"][0]["text"]


def test_yes_no_questions_offer_buttons(replies):
    for q in prescreen.questions():
        if q["type"] in ("yes_no_detail", "consent"):
            payloads = {b["payload"] for b in replies[q["ask"]][0].get("buttons", [])}
            assert {"/affirm", "/deny"} <= payloads, q["slot"]


def test_rules_reference_known_slots_and_outcomes(rules):
    known = set(CONTRACT_SLOTS) | EXTRA_SLOTS
    for q in rules["questions"]:
        assert q["slot"] in known
        for rule in q.get("rules") or []:
            assert rule["outcome"] in ("not_suitable", "clinician_review")
    assert rules["outcomes"] == ["not_suitable", "clinician_review", "eligible"]
    assert rules["not_placed"]["outcome"] == "clinician_review"


def test_every_yes_no_question_has_a_yes_rule(rules):
    for q in rules["questions"]:
        if q["type"] == "yes_no_detail":
            # one general rule; rules limited to some `terms` may come on top
            assert [r["when"] for r in q["rules"] if not r.get("terms")] == ["yes"], q["slot"]
            assert all(r["when"] == "yes" for r in q["rules"]), q["slot"]
            assert q.get("vocabulary"), q["slot"]


def test_patient_reasons_read_as_phrases(rules):
    reasons = [r["patient_reason"] for q in rules["questions"] for r in q.get("rules") or []]
    reasons.append(rules["not_placed"]["patient_reason"])
    for r in reasons:
        assert r[0].islower() or r.startswith("I "), r
        assert not r.endswith("."), r
        assert len(r) <= 160, r


def test_every_vocabulary_form_is_understood(rules):
    """A form that never reads as a yes (shadowed, or a filler word) is a data mistake."""
    problems = []
    for q in rules["questions"]:
        for entry in q.get("vocabulary") or []:
            for form in entry["forms"]:
                a = prescreen.parse_yes_no(str(form), q["slot"])
                if a.value is not True:
                    problems.append((q["slot"], form, a.understood))
        for entry in q.get("not_counted") or []:
            for form in entry["forms"]:
                a = prescreen.parse_yes_no(f"I have {form}", q["slot"])
                if a.value is not False:
                    problems.append((q["slot"], form, a.understood))
    assert not problems


def test_negated_vocabulary_reads_as_no(rules):
    problems = []
    for q in rules["questions"]:
        for entry in q.get("vocabulary") or []:
            form = str(entry["forms"][0])
            a = prescreen.parse_yes_no(f"no, I've never had {form}", q["slot"])
            if a.value is not False:
                problems.append((q["slot"], form, a.understood))
    assert not problems


@pytest.mark.parametrize("change,message", [
    (lambda d: d["questions"][2]["rules"][0].update(outcome="maybe"), "rule outcome"),
    (lambda d: d["questions"][1].update(type="number"), "type"),
    (lambda d: d.update(outcomes=["eligible", "clinician_review", "not_suitable"]), "outcomes"),
    (lambda d: d["questions"][1]["rules"][0].update(when={"under": 18}), "age rule"),
    (lambda d: d["questions"].append(dict(d["questions"][2])), "twice"),
    (lambda d: d["questions"][3]["vocabulary"].append({"term": "x"}), "forms"),
])
def test_a_broken_rules_file_is_rejected(tmp_path, monkeypatch, rules, change, message):
    data = rules_copy()
    change(data)
    path = write_rules(tmp_path, data)
    monkeypatch.setattr(prescreen, "RULES_PATH", path)
    prescreen.reload()
    try:
        with pytest.raises(PrescreenRulesError, match=message):
            prescreen.questions()
    finally:
        monkeypatch.undo()
        prescreen.reload()


def test_a_clinician_edit_changes_the_routing(tmp_path, monkeypatch):
    """The rules are data: raising the age limit needs no code change."""
    data = rules_copy()
    data["questions"][1]["rules"][1]["when"] = {"above": 70}
    path = write_rules(tmp_path, data)
    monkeypatch.setattr(prescreen, "RULES_PATH", path)
    prescreen.reload()
    try:
        assert prescreen.outcome(all_clear(age=72)).outcome == "clinician_review"
    finally:
        monkeypatch.undo()
        prescreen.reload()
    assert prescreen.outcome(all_clear(age=72)).outcome == "eligible"


def test_unlisted_statements_follow_the_rules_file(tmp_path, monkeypatch):
    """`unlisted_is_yes` decides whether "I have X" (X not listed) is a yes."""
    assert prescreen.parse_yes_no("I have a headache", "acute_illness").value is None
    data = rules_copy()
    for q in data["questions"]:
        if q["slot"] == "acute_illness":
            q["unlisted_is_yes"] = True
    path = write_rules(tmp_path, data)
    monkeypatch.setattr(prescreen, "RULES_PATH", path)
    prescreen.reload()
    try:
        assert prescreen.parse_yes_no("I have a headache", "acute_illness").value is True
    finally:
        monkeypatch.undo()
        prescreen.reload()


def test_yes_that_rules_out_treatment_needs_a_listed_word_or_a_yes(rules):
    for q in rules["questions"]:
        if any(r["outcome"] == "not_suitable" for r in q.get("rules") or []) \
                and q["type"] == "yes_no_detail":
            assert q["unlisted_is_yes"] is False, q["slot"]


def test_another_questions_word_is_routed_by_that_question():
    a = prescreen.parse_yes_no("I've got flu and a temperature right now", "medical_conditions")
    assert a.value is True and a.own is False and a.other_questions == ["acute_illness"]
    stored = {"typed": "I've got flu and a temperature right now", "understood": a.understood,
              "value": True}
    result = prescreen.outcome(all_clear(medical_conditions=stored))
    assert result.outcome == "not_suitable"
    assert "said in answer to: Medical conditions" in result.reasons[0]
    # the other way round: a blood thinner named at the skin question is not
    # a skin problem, so it does not rule treatment out
    stored = {"typed": "I take warfarin", "understood": "yes: warfarin", "value": True}
    assert prescreen.outcome(all_clear(skin_condition=stored)).outcome == "clinician_review"
    # with only a bool stored, the question's own rule applies (the safe side)
    assert prescreen.outcome(all_clear(skin_condition=True)).outcome == "not_suitable"


def test_own_words_keep_the_questions_own_rule():
    a = prescreen.parse_yes_no("a raised scar where I cut myself", "keloid_history")
    assert a.own is True and a.other_questions == []
    assert prescreen.outcome(all_clear(keloid_history=a)).outcome == "clinician_review"


@pytest.mark.parametrize("slot,text,expected", [
    ("skin_condition", "a cold sore right now", "not_suitable"),
    ("skin_condition", "I had a cold sore last year", "clinician_review"),
    ("skin_condition", "I've had eczema for years", "clinician_review"),
    ("skin_condition", "I've had eczema for years and it's flaring now", "not_suitable"),
    ("pregnant_or_breastfeeding", "no, I was pregnant last year", "clinician_review"),
    ("acute_illness", "I had covid 2 years ago", "clinician_review"),
    ("medical_conditions", "I had shingles and a fever years ago", "clinician_review"),
    ("blood_thinners", "I used to take warfarin", "clinician_review"),
])
def test_the_past_cannot_rule_treatment_out(slot, text, expected):
    stored = {"typed": text, "understood": "", "value": prescreen.parse_yes_no(text, slot).value}
    assert stored["value"] is True
    assert prescreen.outcome(all_clear(**{slot: stored})).outcome == expected


def test_a_description_is_the_questions_own_answer():
    """Another question's words inside a description do not route it there."""
    text = "I came out in a rash after lip filler once"
    a = prescreen.parse_yes_no(text, "allergies")
    assert a.value is True and a.own is True
    stored = {"typed": text, "understood": a.understood, "value": True}
    assert prescreen.outcome(all_clear(allergies=stored)).outcome == "clinician_review"
    # where a yes would rule treatment out, such a description is asked again
    assert prescreen.parse_yes_no("my sister had a rash", "acute_illness").value is None


def test_unclear_answers_make_one_patient_reason():
    result = prescreen.outcome(all_clear(allergies=None, keloid_history="unsure", age=80))
    assert result.outcome == "clinician_review"
    assert len(result.reasons) == 3
    unclear = [r for r in result.patient_reasons if "clear answer" in r]
    assert unclear == ["I couldn't get a clear answer about raised or keloid scars and allergies"]
