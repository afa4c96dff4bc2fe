"""The knowledge base: every contract key answered, cited, short, honest, renderable.

The number check is the one that keeps answers honest: every number in an
answer (digits or words such as "three") must appear in the stored text of a
source the answer cites, or come from the clinic file through a placeholder.
References without stored text (ACE Group, product labels, ...) cannot vouch
for a number.
"""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest
import yaml

from bot import config, knowledge
from bot.knowledge import KnowledgeError
from tests.knowledge_text import faq_text, source_text

ROOT = config.ROOT
# The contract's FAQ keys written out here on their own (from CONTRACT.md), not read
# from bot.knowledge_files.CONTRACT_FAQ_KEYS: the test checks the code against them.
CONTRACT_KEYS = """
what_is how_it_works ingredients types benefits pain
session_length session_count results_onset results_duration downtime side_effects
safety candidacy preparation procedure aftercare treatment_areas
combination vs_other_treatments cost practitioner
""".split()
MAX_WORDS = 90  # what we write, besides the safety net (a placeholder is one word)
MAX_RENDERED = 100  # the same once clinic facts (e.g. its policies) are filled in
BANNED = re.compile(  # "permanent filler" is a product a patient may have had, not a claim
    r"\b(permanent(?:ly)?\b(?!\s+fillers?\b)|detox\w*|miracle\w*|guarantee\w*|cure[sd]?|curing|"
    r"risk[- ]free|painless|100 ?%)",
    re.I,
)

NUMBER_WORDS = {
    "zero": 0,
    "one": 1,
    "two": 2,
    "three": 3,
    "four": 4,
    "five": 5,
    "six": 6,
    "seven": 7,
    "eight": 8,
    "nine": 9,
    "ten": 10,
    "eleven": 11,
    "twelve": 12,
    "thirteen": 13,
    "fourteen": 14,
    "fifteen": 15,
    "sixteen": 16,
    "seventeen": 17,
    "eighteen": 18,
    "nineteen": 19,
    "twenty": 20,
    "thirty": 30,
    "forty": 40,
    "fifty": 50,
    "sixty": 60,
    "seventy": 70,
    "eighty": 80,
    "ninety": 90,
    "hundred": 100,
    "once": 1,
    "twice": 2,
    "dozen": 12,
}
_WORDS = "|".join(sorted(NUMBER_WORDS, key=len, reverse=True))
_NUM = rf"(?:\d[\d,]*(?:\.\d+)?|(?:{_WORDS})(?![A-Za-z]))"
NUMBER = re.compile(rf"(?<![A-Za-z]){_NUM}", re.I)
# "3-6", "3 – 6", "2-4week", "two- to four-week", "30 to 60": a range in an
# answer must appear as a range in a cited source.
RANGE = re.compile(rf"(?<![A-Za-z])({_NUM})-?\s*(?:-|–|—|\bto\b)\s*({_NUM})", re.I)


def to_number(token: str) -> float:
    """'three' -> 3, '1,200' -> 1200, '0123' -> 123."""
    word = token.lower()
    if word in NUMBER_WORDS:
        return float(NUMBER_WORDS[word])
    return float(word.replace(",", ""))


def numbers(text: str) -> set[float]:
    # Digits glued to letters count too ("2-4week", "course_of_3", "1950s").
    found = {float(d) for d in re.findall(r"\d+(?:\.\d+)?", text.replace(",", ""))}
    found |= {to_number(m.group(0)) for m in NUMBER.finditer(text) if not m.group(0)[0].isdigit()}
    return found


def ranges(text: str) -> set[tuple[float, float]]:
    return {(to_number(a), to_number(b)) for a, b in RANGE.findall(text.replace("\u2011", "-"))}


def strip_placeholders(text: str) -> str:
    return re.sub(r"\{\{.*?\}\}", " ", text)


def words(text: str) -> list[str]:
    return re.findall(r"[a-z0-9]+", text.lower())


@pytest.fixture(scope="module")
def raw_faq() -> dict[str, dict]:
    return yaml.safe_load((ROOT / "knowledge" / "faq.yml").read_text(encoding="utf-8"))["answers"]


@pytest.fixture(scope="module")
def seed_texts() -> dict[str, str]:
    """Every stored source text we must not copy: the seeds, the evidence and the rules."""
    out = {}
    for sid in knowledge.sources():
        text = source_text(sid)
        if text is not None and sid != "clinic-config":
            out[sid] = text
    return out


def without_net(text: str) -> str:
    return text.replace(knowledge.safety_text(), " ")


# ---------------------------------------------------------------- coverage and shape


def test_every_contract_key_has_an_answer():
    assert sorted(knowledge.faq_keys()) == sorted(CONTRACT_KEYS)
    assert knowledge.problems() == []


def test_contract_keys_in_code_match_contract():
    assert list(knowledge.CONTRACT_FAQ_KEYS) == CONTRACT_KEYS


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_answer_is_phone_sized_with_short_title(key, raw_faq):
    """The safety net comes on top where it is needed; the answer itself stays short."""
    entry = knowledge.faq_entry(key)
    typed = raw_faq[key]["answer"].replace("{{safety.net}}", " ")
    n_typed = len(re.sub(r"\{\{.*?\}\}", "X", typed).split())
    n_rendered = len(without_net(entry["answer"]).split())
    assert 20 <= n_typed <= MAX_WORDS, f"{key}: {n_typed} words"
    assert n_rendered <= MAX_RENDERED, f"{key}: {n_rendered} words with the clinic's facts"
    assert 0 < len(entry["title"]) <= 25, entry["title"]
    assert "{{" not in entry["answer"] and "}}" not in entry["answer"]


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_answer_cites_known_sources_with_stored_text(key):
    entry = knowledge.faq_entry(key)
    known = knowledge.sources()
    assert entry["sources"], f"{key} cites nothing"
    assert all(sid in known for sid in entry["sources"]), entry["sources"]
    assert len(set(entry["sources"])) == len(entry["sources"])
    stored = [sid for sid in entry["sources"] if knowledge.source_file(sid) is not None]
    assert stored, f"{key} cites only references without stored text"
    for sid in stored:
        assert knowledge.source_file(sid).is_file(), f"{sid}: file missing"


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_related_keys_exist(key):
    related = knowledge.faq_entry(key)["related"]
    assert 1 <= len(related) <= 3
    assert all(r in CONTRACT_KEYS and r != key for r in related), related


def test_every_seed_is_listed_and_present():
    seeds = sorted(p.name for p in (ROOT.parent / "shared" / "seeds").glob("*.txt"))
    listed = {Path(s["path"]).name for s in knowledge.sources().values() if s.get("path")}
    assert seeds and set(seeds) <= listed
    for sid, entry in knowledge.sources().items():
        assert entry.get("title") and entry.get("kind") and entry.get("trust"), sid
        if entry.get("path"):
            assert knowledge.source_file(sid).is_file(), sid


# ---------------------------------------------------------------- honesty


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_numbers_come_from_cited_sources(key, raw_faq):
    """Typed numbers must be in a cited source's text.

    Rendered ones may also come from the clinic.
    """
    raw = " ".join(raw_faq[key]["answer"].split())
    cited = [source_text(sid) for sid in raw_faq[key]["sources"]]
    cited_text = "\n".join(t for t in cited if t is not None)
    typed = strip_placeholders(raw)
    missing = numbers(typed) - numbers(cited_text)
    assert not missing, f"{key}: {sorted(missing)} not in its cited sources"
    missing_ranges = ranges(typed) - ranges(cited_text)
    assert not missing_ranges, f"{key}: ranges {sorted(missing_ranges)} not in its cited sources"
    clinic_text = knowledge.config_path().read_text(encoding="utf-8")
    rendered = knowledge.faq_entry(key)["answer"]
    assert not numbers(rendered) - numbers(cited_text) - numbers(clinic_text)


def test_number_check_catches_invented_figures():
    """The checker itself: words, digits and ranges are all seen."""
    assert numbers("three to six sessions, 2-4week, 1,200 and 1950s") == {3, 6, 2, 4, 1200, 1950}
    assert ranges("3 to 6 sessions, 2–4 weeks, two- to four-week") == {(3, 6), (2, 4)}
    assert numbers("someone, anyone, tone") == set()
    assert 8 in numbers("eight sessions") - numbers("3 to 6 sessions")


def test_no_banned_claims_anywhere():
    texts = [(k, knowledge.faq_entry(k)["answer"]) for k in CONTRACT_KEYS]
    texts += [(k, knowledge.faq_entry(k)["title"]) for k in CONTRACT_KEYS]
    for name, variations in knowledge.responses().items():
        texts += [(name, v.get("text", "")) for v in variations]
    bad = [(name, BANNED.search(text).group(0)) for name, text in texts if BANNED.search(text)]
    assert not bad, bad


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_answers_are_our_own_words(key, seed_texts):
    """No run of 6 words is copied from any stored source (facts carry over, sentences do not)."""
    answer = words(knowledge.faq_entry(key)["answer"])
    grams = {tuple(answer[i : i + 6]) for i in range(len(answer) - 5)}
    for sid, text in seed_texts.items():
        seed = words(text)
        seed_grams = {tuple(seed[i : i + 6]) for i in range(len(seed) - 5)}
        copied = grams & seed_grams
        assert not copied, f"{key} copies {sid}: {' '.join(sorted(copied)[0])}"


def test_side_effects_say_when_to_call():
    clinic = config.clinic()
    text = knowledge.faq_entry("side_effects")["answer"]
    assert str(clinic["emergency_number"]) in text
    assert str(clinic["urgent_line"]) in text
    assert clinic["out_of_hours"] in text
    for sign in (
        "sight",
        "eye pain",
        "drooping",
        "breathing",
        "grey-blue",
        "fever",
        "pus",
        "weeks later",
        "darker skin",
    ):
        assert sign in text.lower(), sign
    assert "clinical-rules" in knowledge.faq_entry("side_effects")["sources"]


SAFETY_ANSWERS = ["side_effects", "safety", "aftercare", "downtime"]
SELLERS = {"seed-000", "seed-001", "seed-002", "seed-003", "seed-004"}


@pytest.mark.parametrize("key", SAFETY_ANSWERS)
def test_safety_answers_cite_the_rules_and_evidence_first(key):
    """A patient reads the first names: not a clinic's blog or a needle supplier."""
    cited = knowledge.faq_entry(key)["sources"]
    assert cited[0] == "clinical-rules"
    assert not SELLERS & set(cited[:2]), cited


@pytest.mark.parametrize(
    "key,claims",
    [
        ("how_it_works", ["not proven", "small", "mixed"]),
        ("benefits", ["evidence is limited", "little change"]),
        ("results_onset", ["if it comes"]),
        ("safety", ["evidence is thin", "case reports", "not licensed"]),
        ("types", ["different treatment", "uneven smile", "swallowing", "licensed"]),
        ("ingredients", ["licensed", "batch"]),
    ],
)
def test_hedges_the_evidence_asks_for(key, claims):
    """Review 2026-12-01, items 1-3, 6, 25, 29: mechanisms and benefits are hedged."""
    text = knowledge.faq_entry(key)["answer"].lower()
    for claim in claims:
        assert claim in text, (key, claim)


@pytest.mark.parametrize("key", CONTRACT_KEYS)
def test_no_mechanism_stated_as_fact(key):
    """ "makes new collagen" and "supports the skin cells" were claims, not evidence."""
    text = knowledge.faq_entry(key)["answer"].lower()
    assert not re.search(r"\b(make|makes|build|builds|builds up) new collagen", text)
    assert "support the skin cells" not in text and "supports collagen" not in text


# Topics patients ask about, folded into the 22 answers (issue 11): where each is.
FOLDED = {
    "men": ("candidacy", "men and women"),
    "darker skin": ("side_effects", "darker skin"),
    "make-up": ("aftercare", "make-up"),
    "alcohol": ("aftercare", "alcohol"),
    "exercise": ("aftercare", "exercise"),
    "flying and events": ("downtime", "event or trip"),
    "not happy with the result": ("results_onset", "not happy"),
    "complaints": ("practitioner", "complaint"),
    "cancellations": ("cost", "cancel"),
    "refunds": ("cost", "refunded"),
    "no pressure to buy": ("cost", "decide"),
    "at-home rollers and pens": ("vs_other_treatments", "at-home rollers"),
    "cold sores before treatment": ("preparation", "cold sores"),
}


@pytest.mark.parametrize("topic", sorted(FOLDED))
def test_folded_topics_are_answered(topic):
    key, phrase = FOLDED[topic]
    assert phrase in knowledge.faq_entry(key)["answer"].lower(), topic


def test_covers_lists_the_folded_topics(raw_faq):
    """faq.yml says where each topic went, for whoever trains the FAQ classifier."""
    listed = {(k, t) for k, v in raw_faq.items() for t in v.get("covers") or []}
    for topic, (key, _) in FOLDED.items():
        assert (key, topic) in listed, (key, topic)


def test_folded_topics_are_reachable_from_related_answers():
    """Each answer holding a folded topic is offered from at least one other answer."""
    offered = {r for k in CONTRACT_KEYS for r in knowledge.faq_entry(k)["related"]}
    for key, _ in FOLDED.values():
        assert key in offered, key


def test_candidacy_offers_the_suitability_check():
    text = knowledge.faq_entry("candidacy")["answer"].lower()
    assert "suitability check" in text
    assert "general information" in text


def test_cost_uses_clinic_prices_not_typed_ones(raw_faq):
    raw = raw_faq["cost"]["answer"]
    for field in ("single_session", "course_of_3", "course_of_4", "consultation"):
        assert "{{clinic.prices." + field + "}}" in raw
    assert not re.search(r"[£$€]\s*\d", raw), "typed price in the cost answer"
    text = knowledge.faq_entry("cost")["answer"]
    prices = config.clinic()["prices"]
    assert f"£{prices['single_session']}" in text
    assert config.clinic()["booking_url"] in text


# ---------------------------------------------------------------- rendering


def test_render_fills_clinic_fields_and_leaves_slots():
    facts = {"name": "X Clinic", "prices": {"single_session": 100}}
    out = knowledge.render(
        "Hi {name}: {{clinic.name}} costs {{ clinic.prices.single_session }}", facts
    )
    assert out == "Hi {name}: X Clinic costs 100"


@pytest.mark.parametrize(
    "text",
    [
        "{{clinic.no_such_field}}",
        "{{clinic.prices.no_such_price}}",
        "{{clinic.prices}}",  # a mapping, not a value
        "{{patient.name}}",  # only clinic facts exist
        "{{clinic}}",
        "{{clinic.name}",  # unbalanced
    ],
)
def test_render_rejects_unknown_or_bad_placeholders(text):
    with pytest.raises(KnowledgeError):
        knowledge.render(text)


def test_build_fails_on_unknown_placeholder_in_an_answer(raw_faq):
    faq = {k: dict(v) for k, v in raw_faq.items()}
    faq["cost"]["answer"] = "It costs {{clinic.prices.platinum_package}}."
    with pytest.raises(KnowledgeError, match="platinum_package"):
        knowledge.responses(faq=faq)


def test_build_fails_on_unknown_source_or_related(raw_faq):
    faq = {k: dict(v) for k, v in raw_faq.items()}
    faq["pain"]["sources"] = ["seed-999"]
    faq["pain"]["related"] = ["nonsense"]
    found = knowledge.problems(faq)
    assert any("seed-999" in p for p in found) and any("nonsense" in p for p in found)
    with pytest.raises(KnowledgeError):
        knowledge.responses(faq=faq)


def test_duplicate_reply_across_files_is_an_error(tmp_path):
    (tmp_path / "a.yml").write_text("responses:\n  utter_x:\n  - text: one\n")
    (tmp_path / "b.yml").write_text("responses:\n  utter_x:\n  - text: two\n")
    with pytest.raises(KnowledgeError, match="utter_x"):
        knowledge.load_replies(tmp_path)


def test_replies_merge_across_files(tmp_path):
    (tmp_path / "a.yml").write_text("responses:\n  utter_x:\n  - text: one\n")
    (tmp_path / "b.yml").write_text("responses:\n  utter_y:\n  - text: two {slot}\n")
    merged = knowledge.load_replies(tmp_path)
    assert set(merged) == {"utter_x", "utter_y"}


# ---------------------------------------------------------------- replies

REQUIRED_REPLIES = [
    "utter_greet",
    "utter_goodbye",
    "utter_thank",
    "utter_bot_challenge",
    "utter_out_of_scope",
    "utter_default",
    "utter_please_rephrase",
    "utter_book_consultation",
    "utter_handoff_requested",
    "utter_ask_rephrase_or_topics",
    "utter_bad_input",
    "utter_not_english",
    "utter_data_deleted",
    "utter_faq_more_prompt",
    "utter_did_you_mean_intro",
    "utter_none_of_these",
]


@pytest.mark.parametrize("name", REQUIRED_REPLIES)
def test_reply_exists_and_is_short(name):
    variations = knowledge.reply(name)
    assert variations
    for v in variations:
        assert v.get("text") and len(without_net(v["text"]).split()) <= 70, name
        for b in v.get("buttons", []):
            assert b["title"] and b["payload"] and len(b["title"]) <= 25


def test_greeting_says_automated_and_the_disclaimer_says_not_medical_advice():
    """The disclaimer itself is added to the first reply (tests/test_disclaimer.py)."""
    for v in knowledge.reply("utter_greet"):
        text = v["text"].lower()
        assert "automated assistant" in text
        assert config.clinic()["name"].lower() in text
        assert len(v.get("buttons", [])) >= 3
    [disclaimer] = knowledge.reply("utter_disclaimer")
    assert "not medical advice" in disclaimer["text"]


def test_handoff_and_out_of_scope_use_clinic_contacts():
    clinic = config.clinic()
    handoff = knowledge.reply("utter_handoff_requested")[0]["text"]
    for field in ("urgent_line", "emergency_number", "handoff_reply_time"):
        assert str(clinic[field]) in handoff, field
    oos = knowledge.reply("utter_out_of_scope")[0]["text"]
    assert clinic["phone"] in oos and clinic["email"] in oos
    assert "automated assistant" in knowledge.reply("utter_bot_challenge")[0]["text"]


def test_clinic_is_plainly_fictional():
    clinic = config.clinic()
    assert "fictional" in clinic["name"].lower()
    for field in ("phone", "urgent_line"):
        assert re.fullmatch(r"020 7946 0\d{3}", clinic[field]), field  # Ofcom drama range
    assert clinic["emergency_number"] == "999"
    assert re.search(r"@example\.(org|com|net)$", clinic["email"])
    assert re.match(r"https://example\.(org|com|net)/", clinic["booking_url"])
    assert clinic["currency"] == "GBP" and clinic["retention_days"] > 0
    assert all(isinstance(v, (int, float)) for v in clinic["prices"].values())


# ---------------------------------------------------------------- the build


@pytest.fixture(scope="module")
def built(tmp_path_factory) -> tuple[Path, dict]:
    out = knowledge.build(tmp_path_factory.mktemp("build") / "responses.yml")
    return out, yaml.safe_load(out.read_text(encoding="utf-8"))


def test_build_writes_every_answer_and_reply(built):
    _, data = built
    assert data["version"] == "3.1"
    responses = data["responses"]
    for key in CONTRACT_KEYS:
        [variation] = responses[f"utter_faq/{key}"]
        assert variation["metadata"]["faq_key"] == key
        assert variation["metadata"]["sources"] == knowledge.faq_entry(key)["sources"]
        assert variation["metadata"]["related"] == knowledge.faq_entry(key)["related"]
        assert variation["text"] == faq_text(key)
        answer, _, cite = variation["text"].rpartition("\n\n")
        assert answer == knowledge.faq_entry(key)["answer"]
        assert cite.startswith("Sources: ") and len(cite) <= 120
    for name in REQUIRED_REPLIES:
        assert responses[name]
    assert "{{" not in built[0].read_text(encoding="utf-8")


def test_citation_line_uses_short_titles():
    line = knowledge.citation(["seed-000", "seed-001"])
    names = knowledge.sources()
    assert line == f"Sources: {names['seed-000']['short']}; {names['seed-001']['short']}"
    assert knowledge.citation(
        ["seed-000", "seed-001", "seed-002", "seed-003", "seed-004"]
    ).endswith(" and 2 more")


def test_build_is_valid_rasa_training_data(built):
    """Rasa's own reader validates the schema and finds the retrieval responses."""
    pytest.importorskip("rasa.shared.nlu.training_data.formats.rasa_yaml")
    from rasa.shared.nlu.training_data.formats.rasa_yaml import RasaYAMLReader
    from rasa.shared.utils.io import read_yaml

    text = built[0].read_text(encoding="utf-8")
    assert read_yaml(text)["version"] == "3.1"
    data = RasaYAMLReader().reads(text)
    assert {f"utter_faq/{k}" for k in CONTRACT_KEYS} <= set(data.responses)
    assert "utter_greet" in data.responses


def test_cli_build_prints_what_it_wrote(tmp_path):
    out = tmp_path / "r.yml"
    run = subprocess.run(
        [sys.executable, "-m", "bot.knowledge", "build", "--out", str(out)],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert run.returncode == 0, run.stderr
    assert "22 FAQ answers" in run.stdout and out.is_file()


def test_faq_entry_is_cached_but_not_shared():
    a = knowledge.faq_entry("pain")
    a["sources"].append("tampered")
    assert "tampered" not in knowledge.faq_entry("pain")["sources"]
    with pytest.raises(KeyError):
        knowledge.faq_entry("no_such_key")


# ---------------------------------------------------------------- numbers in replies


def test_numbers_in_replies_come_from_the_rules_or_the_clinic():
    """Replies cite no sources: their typed numbers must be in the clinical rules,
    the pre-screen rules or a stored source; rendered ones may come from clinic.yml."""
    allowed = "\n".join(t for t in (source_text(s) for s in knowledge.sources()) if t)
    allowed += (ROOT / "knowledge" / "prescreen.yml").read_text(encoding="utf-8")
    clinic_text = knowledge.config_path().read_text(encoding="utf-8")
    replies = knowledge.load_replies(ROOT / "knowledge" / "replies")
    for name, variations in replies.items():
        for v in variations:
            # "For example: \"Yes, Botox 3 weeks ago\"": a sample answer, not a fact
            typed = re.sub(r'"[^"]*"', " ", strip_placeholders(str(v.get("text", ""))))
            assert not numbers(typed) - numbers(allowed), (name, numbers(typed) - numbers(allowed))
    for name, variations in knowledge.responses().items():
        for v in variations:
            shown = re.sub(r'"[^"]*"', " ", v.get("text", ""))
            extra = numbers(shown) - numbers(allowed) - numbers(clinic_text)
            assert not extra, (name, extra)
