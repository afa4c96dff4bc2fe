"""The NLU component InScopeVocabulary and its plain Vocabulary
(bot/nlu/unknown_words.py).

Trained, persisted and loaded the way Rasa's graph does it, on a small training
set. It reads the text itself, so the messages need no tokenizer.
"""

from __future__ import annotations

import pytest

pytest.importorskip("rasa")

from rasa.engine.graph import ExecutionContext, GraphSchema  # noqa: E402
from rasa.engine.storage.local_model_storage import LocalModelStorage  # noqa: E402
from rasa.engine.storage.resource import Resource  # noqa: E402
from rasa.shared.nlu.training_data.message import Message  # noqa: E402
from rasa.shared.nlu.training_data.training_data import TrainingData  # noqa: E402

from bot.nlu.unknown_words import (
    InScopeVocabulary,
    Vocabulary,  # noqa: E402
    edit_distance,
    lookup_elements,
)

EXAMPLES = [
    ("what are the benefits of mesotherapy", "faq"),
    ("is mesotherapy safe", "faq"),
    ("What's it like?", "faq"),
    ("what are the benefits of yoga", "out_of_scope"),
    ("hello there", "greet"),
]


@pytest.fixture()
def env(tmp_path):
    return LocalModelStorage(tmp_path), ExecutionContext(GraphSchema({}), "test-model")


def messages(pairs):
    return [Message(data={"text": t, "intent": i} if i else {"text": t}) for t, i in pairs]


def trained(env):
    storage, context = env
    resource = Resource("in_scope_vocabulary")
    InScopeVocabulary.create({}, storage, resource, context).train(TrainingData(messages(EXAMPLES)))
    return InScopeVocabulary.load({}, storage, resource, context)


def unknown(component, text):
    [msg] = component.process(messages([(text, None)]))
    return msg.get("unknown_words")


def test_vocabulary_comes_from_in_scope_examples_only(env):
    comp = trained(env)
    assert {"mesotherapy", "benefits", "whats", "hello"} <= comp.vocabulary
    assert "yoga" not in comp.vocabulary


@pytest.mark.parametrize(
    "text,words",
    [
        ("what are the benefits", []),
        ("What are the BENEFITS?", []),
        ("what are the benefits of yoga", ["yoga"]),
        ("whats it like", []),  # "what's" and "whats" are one word
        ("is bungee jumping safe", ["bungee", "jumping"]),
        ("is it safe 100 % 😀", []),  # no letters: never unknown
        ("<b>is it safe</b>", []),
        ("'; DROP TABLE tickets; --", ["drop", "table", "tickets"]),
        ("what’s it like", []),
        ("is it safe u", []),  # one letter: not evidence
    ],
)
def test_words_outside_the_vocabulary_are_marked(env, text, words):
    comp = trained(env)
    assert unknown(comp, text) == words


def test_the_parse_shows_the_unknown_words(env):
    comp = trained(env)
    [msg] = comp.process(messages([("benefits of yoga", None)]))
    assert msg.as_dict_nlu()["unknown_words"] == ["yoga"]


def test_training_data_is_left_unchanged(env):
    comp = trained(env)
    data = TrainingData(messages(EXAMPLES))
    assert comp.process_training_data(data) is data
    assert all(m.get("unknown_words") is None for m in data.training_examples)
    assert all(not m.features for m in data.training_examples)


def test_an_untrained_component_marks_nothing(env):
    storage, context = env
    comp = InScopeVocabulary.load({}, storage, Resource("never_trained"), context)
    assert unknown(comp, "is bungee jumping safe") is None


def test_a_message_without_tokens_is_skipped(env):
    comp = trained(env)
    [msg] = comp.process([Message(data={"text": ""})])
    assert msg.get("unknown_words") is None


# ------------------------------------------------------- domain words, typos, treatments


def with_lookups(examples=EXAMPLES):
    return TrainingData(
        messages(examples),
        lookup_tables=[
            {
                "name": "in_scope_term",
                "elements": ["skin booster", "Profhilo", "mesotherapy", "co2 laser"],
            },
            {"name": "other_treatment", "elements": ["laser hair removal", "botox", "co2 laser"]},
            {"name": "something_else", "elements": ["ignored"]},
        ],
    )


def test_lookup_tables_give_domain_terms_and_treatments(env):
    storage, context = env
    data = with_lookups()
    assert lookup_elements(data, "in_scope_term")[:2] == ["skin booster", "Profhilo"]
    resource = Resource("vocabulary_with_lookups")
    InScopeVocabulary.create({}, storage, resource, context).train(data)
    comp = InScopeVocabulary.load({}, storage, resource, context)
    [msg] = comp.process(messages([("are skin boosters like profhilo?", None)]))
    assert msg.get("domain_words") == ["profhilo", "skin booster"]
    assert msg.get("unknown_words") == []
    [msg] = comp.process(messages([("How much is Laser Hair Removal and Botox?", None)]))
    assert msg.get("treatments_named") == ["botox", "laser hair removal"]
    out = msg.as_dict_nlu()
    assert {"unknown_words", "domain_words", "treatments_named"} <= set(out)
    assert "ignored" not in comp.vocabulary
    # "co2 laser" would lose "co2" and become "laser": such a term is left out
    assert "laser" not in comp.words.domain and "laser" not in comp.words.treatments


def test_a_button_payload_is_not_read(env):
    comp = trained(env)
    [msg] = comp.process(messages([('/faq{"faq_topic": "pain"}', None)]))
    assert msg.get("unknown_words") is None


def test_vocabulary_saved_before_domain_words_still_loads():
    words = Vocabulary.from_json(["is", "it", "safe"])
    assert words.read("is it safe") == {
        "unknown": [],
        "domain": [],
        "treatments": [],
        "names": [],
        "compared": [],
    }


def test_names_of_the_treatment_are_domain_words_of_their_own():
    words = Vocabulary.learn(
        ["is it safe", "what is the downtime"],
        domain_terms=["downtime", "skin"],
        treatments=["chemical peel"],
        names=["mesotherapy", "skin booster"],
    )
    peel = words.read("what is the downtime after a chemical peel")
    assert peel["domain"] == ["downtime"] and peel["names"] == []
    assert peel["treatments"] == ["chemical peel"]
    ours = words.read("downtime after skin boosters and a chemical peel")
    assert ours["names"] == ["skin booster"] and "downtime" in ours["domain"]
    again = Vocabulary.from_json(words.as_json())
    assert again.read("mesotherapy downtime")["names"] == ["mesotherapy"]
    assert words.learned


def test_function_words_are_always_known_and_never_the_topic():
    words = Vocabulary.learn(["hello"], domain_terms=["she", "skin"])
    assert words.read("would she be ok tho")["unknown"] == []
    assert words.domain == {"skin"}
    assert not Vocabulary().learned


@pytest.mark.parametrize(
    "a,b,d",
    [
        ("session", "session", 0),
        ("sesion", "session", 1),
        ("sesison", "session", 1),
        ("ingrediants", "ingredients", 1),
        ("mesoterapy", "mesotherapy", 1),
        ("recuvery", "recovery", 1),
        ("pain", "rain", 1),
        ("treatment", "retreatment", 2),
        ("abc", "abcdef", 3),
    ],
)
def test_edit_distance(a, b, d):
    assert edit_distance(a, b, limit=2) == min(d, 3)


def vocabulary() -> Vocabulary:
    return Vocabulary.learn(
        [
            "how long is a session",
            "what are the ingredients",
            "is mesotherapy safe",
            "how many sessions",
            "how long does the swelling last",
            "will the swelling go down",
            "hello there",
            "how much is it",
            "go to the clinic",
            "does it hurt",
            "stay out",
        ],
        domain_terms=["skin booster", "session", "swelling", "mesotherapy"],
        treatments=["botox", "lip filler"],
    )


@pytest.mark.parametrize(
    "text,unknown,domain",
    [
        ("how many sesions", [], ["session"]),  # one edit, then a plural
        ("wat r the ingrediants", ["wat"], []),  # three letters: not guessed
        ("how long does the sweling last", [], ["swelling"]),
        ("how long does the snowing last", ["snowing"], []),  # two edits under 8 letters
        ("is mesoterapy safe", [], ["mesotherapy"]),
        ("how much is a skin booster", [], ["skin booster"]),
        ("how much are skin boosters", [], ["skin booster"]),
        ("how much is it to paris", ["paris"], []),
        ("is it hurting much", [], []),  # an inflection of a known word
        ("staying out", [], []),
        ("hurtful", ["hurtful"], []),
    ],
)
def test_typos_inflections_unknown_words_and_domain_words(text, unknown, domain):
    found = vocabulary().read(text)
    assert found["unknown"] == unknown
    assert found["domain"] == domain


def test_domain_phrases_of_the_lookup_count_as_known():
    words = vocabulary()
    assert {"skin", "booster"} <= words.known


@pytest.mark.parametrize(
    "text,treatments",
    [
        ("how much is botox", ["botox"]),
        ("how long do lip fillers last", ["lip filler"]),  # a plural on the last word
        ("can i have it with BOTOX?", ["botox"]),
        ("robotox", []),  # whole words only
        ("what is filler", []),
    ],
)
def test_other_treatments_named(text, treatments):
    assert vocabulary().read(text)["treatments"] == treatments


def test_vocabulary_round_trips_through_json():
    words = vocabulary()
    again = Vocabulary.from_json(words.as_json())
    assert (again.known, again.domain, again.treatments) == (
        words.known,
        words.domain,
        words.treatments,
    )


@pytest.mark.parametrize(
    "text,compared",
    [
        # ours is the unnamed subject, the other treatment what it is compared with
        ("is the recovery shorter than after a chemical peel", ["chemical peel"]),
        ("does it hurt less than botox", ["botox"]),
        ("is it cheaper compared with lip fillers", ["lip filler"]),
        # one aspect of ours set beside the other treatment's
        ("is the aftercare the same as after a chemical peel", ["chemical peel"]),
        ("is the technique similar to botox", ["botox"]),
        ("do results show as fast as with lip fillers", ["lip filler"]),
        # done the way another is done, or prepared as before another
        ("is it injected the same way botox is", ["botox"]),
        ("do i get ready the way i did before my chemical peel", ["chemical peel"]),
        ("is the aftercare just like lip fillers", ["lip filler"]),
        ("is the prep like before a chemical peel", ["chemical peel"]),
        ("is it worth it or just an expensive chemical peel", ["chemical peel"]),
        # "by the way" asks about the other treatment itself
        ("by the way do you do botox", []),
        # "such as" lists, it does not compare; two others side by side: nothing
        ("treatments such as botox", []),
        ("is botox the same as lip fillers", []),
        # two others compared with each other: nothing of ours
        ("is botox safer than a chemical peel", []),
        # a comparison, but not with the treatment ("fuller than the other")
        ("my lip filler looks fuller on one side than the other", []),
        ("how long does botox last", []),
        # too far from the comparing word to be what is compared
        ("is it better than what my friend had done last year with botox", []),
    ],
)
def test_treatments_compared_with_ours(text, compared):
    words = Vocabulary.learn(
        ["is it safe"], treatments=["botox", "chemical peel", "lip filler"], names=["meso"]
    )
    assert words.read(text)["compared"] == compared


def test_the_parse_has_the_questions_own_unknown_words(env):
    comp = trained(env)
    [framed, short] = comp.process(
        messages(
            [
                ("we are driving up from Zanzibar on Saturday, what are the benefits of it?", None),
                ("what are the benefits of mesotherapy", None),
            ]
        )
    )
    assert "zanzibar" in framed.get("unknown_words")
    assert framed.get("question_unknown_words") == []
    assert short.get("question_unknown_words") is None


def test_a_dictionary_word_is_not_read_as_a_misspelling_of_another_word():
    from bot.triage import wordnet

    assert wordnet.load(), "`make setup` installs Debian's wordnet-base"
    vocab = Vocabulary(known=["plumper", "injection", "meso", "euros", "squeezed", "sessions"])
    # real words of other trades stay unknown, so an FAQ frame around them is not ours
    assert vocab.read("can the electrician bring a plumber")["unknown"] == [
        "electrician",
        "plumber",
    ]
    assert vocab.correct("mess") is None
    # other forms of a known word, slips for function words and plain typos are still read
    assert vocab.correct("euro") == "euros"
    assert vocab.correct("squeeze") == "squeezed"
    assert vocab.correct("dose") == "does"
    assert vocab.correct("injecton") == "injection"
    assert vocab.correct("sesions") == "sessions"
