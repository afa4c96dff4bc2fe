"""Routing a set of pre-screen answers (bot/prescreen/routing.py, ``outcome()``).

The outcome must follow ../shared/CLINICAL.md for every criterion: the
strongest outcome wins, every finding reaches staff, and anything missing,
unsure or unreadable goes to a clinician.
"""

from __future__ import annotations

import pytest

from bot import prescreen
from bot.prescreen import Answer, Outcome
from tests.prescreen_data import CONTRACT_SLOTS, EXTRA_SLOTS, all_clear


def test_all_clear_is_eligible():
    result = prescreen.outcome(all_clear())
    assert result == Outcome("eligible", [], [])


@pytest.mark.parametrize(
    "age,expected",
    [
        (1, "not_suitable"),
        (16, "not_suitable"),
        (17, "not_suitable"),
        (18, "eligible"),
        (40, "eligible"),
        (75, "eligible"),
        (76, "clinician_review"),
        (80, "clinician_review"),
        (120, "clinician_review"),
        (17.0, "not_suitable"),
        (76.0, "clinician_review"),
        ("17", "not_suitable"),
        ("seventy six", "clinician_review"),
    ],
)
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
    ("blood_thinners", "warfarin"),
    ("blood_thinners", "apixaban"),
    ("blood_thinners", "rivaroxaban"),
    ("blood_thinners", "aspirin"),
    ("blood_thinners", "clopidogrel"),
    ("blood_thinners", "ibuprofen every day"),
    ("blood_thinners", "fish oil"),
    ("blood_thinners", "vitamin E"),
    ("blood_thinners", "ginkgo"),
    ("blood_thinners", "garlic tablets"),
    ("bleeding_disorder", "I have a bleeding disorder"),
    ("bleeding_disorder", "clotting disorder"),
    ("bleeding_disorder", "I had a stroke"),
    ("bleeding_disorder", "blood clots in my leg"),
    ("keloid_history", "keloid scars"),
    ("keloid_history", "raised scarring"),
    ("allergies", "lidocaine"),
    ("allergies", "allergic to numbing cream"),
    ("allergies", "allergic to hyaluronic acid"),
    ("allergies", "I had a reaction to filler"),
    ("medical_conditions", "autoimmune disease"),
    ("medical_conditions", "I take immunosuppressants"),
    ("medical_conditions", "steroids"),
    ("medical_conditions", "HIV"),
    ("medical_conditions", "heart disease"),
    ("medical_conditions", "irregular heartbeat"),
    ("medical_conditions", "diabetes"),
    ("medical_conditions", "insulin dependent diabetic"),
    ("medical_conditions", "cancer treatment"),
    ("recent_procedures", "fillers"),
    ("recent_procedures", "Botox"),
    ("recent_procedures", "a peel"),
    ("recent_procedures", "laser"),
    ("recent_procedures", "microneedling"),
    ("recent_procedures", "isotretinoin"),
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
    result = prescreen.outcome(
        all_clear(blood_thinners=prescreen.parse_yes_no("I take warfarin", "blood_thinners"))
    )
    assert "warfarin" in result.reasons[0]
    stored = {"typed": "I take warfarin", "understood": "yes: warfarin", "value": True}
    assert "warfarin" in prescreen.outcome(all_clear(blood_thinners=stored)).reasons[0]


@pytest.mark.parametrize(
    "slot",
    [s for s in CONTRACT_SLOTS + sorted(EXTRA_SLOTS) if s not in ("prescreen_consent", "age")],
)
@pytest.mark.parametrize(
    "stored",
    [
        None,
        "unsure",
        {"typed": "idk", "understood": "not sure / skipped", "value": None},
        Answer(None, None, "not sure", True),
    ],
)
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
    answers = all_clear(
        age=80, pregnant_or_breastfeeding=True, blood_thinners="unsure", skin_condition=True
    )
    result = prescreen.outcome(answers)
    assert result.outcome == "not_suitable"
    assert len(result.reasons) == 4  # every finding, for staff
    assert len(result.patient_reasons) == 2  # only those of the outcome shown
    assert all("clear answer" not in r and "75" not in r for r in result.patient_reasons)


def test_clinician_review_wins_over_eligible_and_lists_each_reason():
    result = prescreen.outcome(all_clear(age=76, allergies=True, recent_procedures=True))
    assert result.outcome == "clinician_review"
    assert len(result.reasons) == 3 and len(result.patient_reasons) == 3


def test_consent_is_not_part_of_the_routing():
    assert prescreen.outcome(all_clear(prescreen_consent=False)).outcome == "eligible"


def test_outcome_reads_typed_text_without_guessing():
    assert prescreen.outcome(all_clear(blood_thinners="nope")).outcome == "eligible"
    assert (
        prescreen.outcome(all_clear(blood_thinners="I take aspirin")).outcome == "clinician_review"
    )
    assert prescreen.outcome(all_clear(blood_thinners="🤷")).outcome == "clinician_review"


@pytest.mark.parametrize(
    "answers", [{}, None, [], "yes", {"age": object()}, {"age": 40, "allergies": ["yes"]}]
)
def test_outcome_of_broken_answers_is_safe(answers):
    result = prescreen.outcome(answers)
    assert result.outcome == "clinician_review"


def test_partial_answers_already_show_not_suitable():
    """The form may stop early: a not_suitable answer decides on its own."""
    assert prescreen.outcome({"age": 16}).outcome == "not_suitable"
    assert (
        prescreen.outcome({"age": 40, "pregnant_or_breastfeeding": True}).outcome == "not_suitable"
    )


def test_reasons_text_joins_patient_reasons():
    result = prescreen.outcome(all_clear(age=16, acute_illness=True))
    text = prescreen.reasons_text(result.patient_reasons)
    assert text.count("; ") == 1 and "18" in text


def test_another_questions_word_is_routed_by_that_question():
    a = prescreen.parse_yes_no("I've got flu and a temperature right now", "medical_conditions")
    assert a.value is True and a.own is False and a.other_questions == ["acute_illness"]
    stored = {
        "typed": "I've got flu and a temperature right now",
        "understood": a.understood,
        "value": True,
    }
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


@pytest.mark.parametrize(
    "slot,text,expected",
    [
        ("skin_condition", "a cold sore right now", "not_suitable"),
        ("skin_condition", "I had a cold sore last year", "clinician_review"),
        ("skin_condition", "I've had eczema for years", "clinician_review"),
        ("skin_condition", "I've had eczema for years and it's flaring now", "not_suitable"),
        ("pregnant_or_breastfeeding", "no, I was pregnant last year", "clinician_review"),
        ("acute_illness", "I had covid 2 years ago", "clinician_review"),
        ("medical_conditions", "I had shingles and a fever years ago", "clinician_review"),
        ("blood_thinners", "I used to take warfarin", "clinician_review"),
    ],
)
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
