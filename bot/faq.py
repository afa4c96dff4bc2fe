"""Decisions about FAQ answers and odd input: plain Python, no Rasa.

Rasa's FallbackClassifier looks only at the intent's confidence, so a message
can be `faq` at 0.99 while the answer ranking is unsure which answer fits
(Rasa issue #9723). These functions judge the answer itself.

``decide`` weighs every signal the NLU pipeline gives about a message (see
``Signals``) and says whether it is an FAQ, which answer, and how sure; the
component FaqAnswerGate applies it. Each signal can be left out
(``Settings.off``), which is how `make eval` shows what each one contributes.
"""

from __future__ import annotations

import json
import re
import unicodedata
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

MAX_CHARS = 2000  # longer messages are flagged; the red-flag layer still reads them

#: Answers that sound like "can I have it?": they offer the pre-screen.
PRESCREEN_OFFER_KEYS = ("candidacy", "preparation", "safety")
PRESCREEN_BUTTON = {"title": "Check if it suits me", "payload": "/start_prescreen"}
MAX_ANSWER_BUTTONS = 3

_LETTER = re.compile(r"[A-Za-z]")


def classify_input(text: str | None) -> str | None:
    """Name what is odd about a message, or None when it is ordinary text.

    ``empty``: nothing but spaces; ``no_letters``: emoji, digits or punctuation
    only; ``not_latin``: letters, but none from the Latin alphabet (Arabic,
    Cyrillic, ...); ``too_long``: more than ``MAX_CHARS`` characters.
    """
    if text is None or not text.strip():
        return "empty"
    if len(text) > MAX_CHARS:
        return "too_long"
    if _LETTER.search(text):
        return None
    if any(unicodedata.category(ch).startswith("L") for ch in text):
        return "not_latin"
    return "no_letters"


def topic_button(key: str, title: str) -> dict[str, str]:
    """A button that asks for the FAQ answer ``key`` (FaqAnswerGate reads it)."""
    return {"title": title, "payload": "/faq" + json.dumps({"faq_topic": key})}


def answer_buttons(key: str, related: Sequence[tuple[str, str]]) -> list[dict[str, str]]:
    """The offer of more under an answer: the pre-screen where the answer
    sounds like "can I have it?", then related topics ((key, title) pairs),
    three buttons at most. They are part of the answer's response, so they
    reach the patient even when the action server is down."""
    buttons = [topic_button(k, title) for k, title in related]
    if key in PRESCREEN_OFFER_KEYS:
        buttons.insert(0, dict(PRESCREEN_BUTTON))
    return buttons[:MAX_ANSWER_BUTTONS]


def judge_answer(
    ranking: Sequence[tuple[str, float]], threshold: float, tie_margin: float
) -> dict[str, Any]:
    """Judge a ranking of FAQ answers.

    Returns ``{"status": "ok" | "low" | "tie", "candidates": [keys]}``:
    ``low`` when the best answer is below ``threshold`` (treat as not an FAQ),
    ``tie`` when the runner-up is within ``tie_margin`` of it (ask "Did you
    mean...?" rather than guess), ``ok`` otherwise.
    """
    ranked = sorted(ranking, key=lambda kc: kc[1], reverse=True)
    if not ranked:
        return {"status": "low", "candidates": []}
    best_key, best = ranked[0]
    if best < threshold:
        return {"status": "low", "candidates": [k for k, _ in ranked[:2]]}
    if len(ranked) > 1 and best - ranked[1][1] < tie_margin:
        return {"status": "tie", "candidates": [k for k, _ in ranked[:2]]}
    return {"status": "ok", "candidates": [best_key]}


def selector_ranking(
    response_selector: dict[str, Any] | None, retrieval_intent: str = "faq"
) -> list[tuple[str, float]]:
    """(key, confidence) pairs from a parse's ``response_selector`` block.

    Keys are returned without the ``faq/`` prefix.
    """
    block = (response_selector or {}).get(retrieval_intent) or {}
    out = []
    for item in block.get("ranking") or []:
        key = item.get("intent_response_key") or ""
        out.append((key.split("/", 1)[-1], float(item.get("confidence") or 0.0)))
    return out


#: Intents the FAQ gate may overrule; any other intent is left alone.
JUDGED = ("faq", "out_of_scope", "nlu_fallback")

#: Intents an undecided message (``nlu_fallback``) may be given when both
#: readers together are sure of it; none of them decides anything clinical
#: or deletes anything.
SETTLED_WHEN_UNDECIDED = (
    "start_prescreen",
    "book_consultation",
    "human_handoff",
    "greet",
    "goodbye",
    "thank",
    "bot_challenge",
    "out_of_scope",
)

#: The signals ``decide`` can weigh, by name (see ``Signals``).
SIGNALS = ("classifier", "retrieval", "ngram", "vocabulary", "context")

#: Answers about other treatments as such: a message that names one without
#: our topic ("can I combine it with Botox?") may still be one of these.
ABOUT_OTHER_TREATMENTS = ("combination", "vs_other_treatments")

#: How a follow-up without a topic of its own reads right after an answer:
#: {key the message reads as alone: {key of the previous answer: key}}.
#: "And how long does it last?" after the answer on pain (or redness, or what
#: to do afterwards) asks how long *that* lasts: recovery, not results.
FOLLOW_UPS: Mapping[str, Mapping[str, str]] = {
    "results_duration": {
        "pain": "downtime",
        "side_effects": "downtime",
        "downtime": "downtime",
        "aftercare": "downtime",
        "procedure": "downtime",
    },
}
FOLLOW_UP_MAX_WORDS = 12


@dataclass
class Signals:
    """What the NLU pipeline knows about one message.

    ``intent``: the intent as the FallbackClassifier left it. ``intents``:
    the intent classifier's confidences (LinearIntentClassifier's word and
    character n-grams; ``nlu_fallback`` excluded). ``answers``: the answer
    ranking in the ``response_selector`` block (the retrieval score over each
    answer's own texts), FAQ keys and confidences. ``keys``: the intent
    classifier's own FAQ keys (None when not recorded). ``ngram``: NgramClassifier's
    reading, ``{"intents": {...}, "faq": {...}}``. ``words``: InScopeVocabulary's
    ``unknown``, ``domain`` and ``treatments`` lists and the word count ``n``.
    ``previous``: the FAQ key answered just before (the conversation's context;
    None when there is none, as for /model/parse).
    """

    intent: str | None
    intents: dict[str, float] = field(default_factory=dict)
    answers: dict[str, float] = field(default_factory=dict)
    ngram: dict[str, dict[str, float]] | None = None
    words: dict[str, Any] | None = None
    previous: str | None = None
    keys: dict[str, float] | None = None


@dataclass(frozen=True)
class Settings:
    """How ``decide`` weighs the signals (FaqAnswerGate's config)."""

    answer_threshold: float = 0.3  # the best answer's score, or "I'm not sure"
    tie_margin: float = 0.1  # a runner-up this close: "Did you mean...?"
    classifier_weight: float = 0.5  # the classifier's share of the intent score, the rest n-grams
    selector_weight: float = 0.3  # the classifier's and retrieval's share of an answer's score
    keys_weight: float = 0.0  # within that share, the classifier's FAQ keys; the rest retrieval
    scope_rule: str = "min"  # "min": both readers must find an FAQ; "mean": on average
    topic_rule: str = "mean"  # the same with a word of our topic or as a follow-up
    faq_threshold: float = 0.7  # the FAQ score a message needs...
    topic_threshold: float = 0.4  # ...or with a word of the treatment's topic, or as a follow-up
    max_unknown: int = 0  # unknown words an FAQ without a topic word may have
    # Topic words other things share (a watch's face, a sauce's skin, knitting
    # needles, a swelling budget): when these are a message's only topic words,
    # it is not our treatment's own name and a word beside them is unknown, the
    # message needs ``shared_topic_threshold`` from both readers (rule "min").
    shared_topic_words: frozenset[str] = frozenset()
    shared_topic_threshold: float = 0.0
    sure_answer: float = 0.9  # an answer this sure lets a topic-less message be an FAQ...
    sure_answer_floor: float = 0.45  # ...from this score ("how do I prepare?")
    settle_threshold: float = 0.5  # an undecided message takes the readers' joint choice
    off: frozenset[str] = frozenset()

    @classmethod
    def of(cls, config: Mapping[str, Any]) -> Settings:
        names = set(cls.__dataclass_fields__)
        values = {k: v for k, v in config.items() if k in names and v is not None}
        values["off"] = frozenset(config.get("off") or ())
        values["shared_topic_words"] = frozenset(config.get("shared_topic_words") or ())
        return cls(**values)


@dataclass
class Decision:
    """What to make of a message: ``intent`` (None: leave it), its
    ``confidence``, the ``answers`` ranked by their combined score, the answer
    ``status`` ("ok", "tie", "low" or None) and its ``candidates``, the
    ``scope`` verdict ("topic", "shared_topic", "follow_up", "other_treatment", "unknown_words"
    or None: what the words decided) and ``follow_up`` (the key read in the
    light of the previous answer)."""

    intent: str | None = None
    confidence: float = 0.0
    answers: list[tuple[str, float]] = field(default_factory=list)
    status: str | None = None
    candidates: list[str] = field(default_factory=list)
    scope: str | None = None
    follow_up: str | None = None


def _blend(
    a: Mapping[str, float], b: Mapping[str, float] | None, weight: float
) -> dict[str, float]:
    """``weight * a + (1 - weight) * b`` over the names of both; ``a`` alone
    when ``b`` is missing."""
    if not b:
        return dict(a)
    return {n: weight * a.get(n, 0.0) + (1 - weight) * b.get(n, 0.0) for n in sorted({*a, *b})}


def is_follow_up(words: Mapping[str, Any] | None) -> bool:
    """A short message with no word of the treatment's own topic ("and how
    long does it last?"): its topic is the previous answer's."""
    if not words:
        return False
    return not words.get("domain") and 0 < int(words.get("n") or 0) <= FOLLOW_UP_MAX_WORDS


def decide(signals: Signals, settings: Settings = Settings()) -> Decision:
    """Weigh the signals; see ``Decision`` for the answer.

    1. Scope. The FAQ score is the classifier's confidence and the n-gram reading's,
       both of which must find an FAQ (``scope_rule`` "min"; "mean" blends
       them; "ngram": the n-grams alone). With a word of the treatment's own
       topic, or as a follow-up right after an answer, the message needs
       ``topic_threshold`` under ``topic_rule``; without, ``faq_threshold``
       (or ``sure_answer_floor`` when the readers agree on one answer at
       ``sure_answer``: "how do I prepare?") and no more than ``max_unknown``
       unknown words ("how often to water succulents" has a frame of ours
       and a word that is not).
       Another treatment named without our treatment's own name (or a
       product's) is not an FAQ unless the
       answer is about other treatments as such (``ABOUT_OTHER_TREATMENTS``:
       "can I combine it with Botox?"): it gets the reply that offers the
       clinic's contact.
    2. The answer: the retrieval ranking blended with the n-gram reading, then
       the context (``FOLLOW_UPS``), then ``judge_answer``: a weak best answer
       is ``nlu_fallback`` (with its candidates for "Did you mean"), a near tie
       asks "Did you mean".
    3. Not an FAQ: a message the classifiers called an FAQ becomes
       ``out_of_scope`` when the n-gram reading puts out-of-scope first,
       otherwise ``nlu_fallback``. An undecided one (``nlu_fallback``) takes
       the intent the classifier and the n-grams choose together when they are sure of
       it (``settle_threshold``), among ``SETTLED_WHEN_UNDECIDED``; otherwise
       it stays undecided.
    """
    off = settings.off
    if signals.intent not in JUDGED:
        return Decision()
    ngram = None if "ngram" in off else signals.ngram
    words = None if "vocabulary" in off else signals.words
    previous = None if "context" in off else signals.previous
    # For the ablation: without the classifier, the n-grams read the intent
    # too; without the retrieval, the n-grams rank the answers alone.
    intents = signals.intents
    if "classifier" in off and ngram is not None:
        intents = ngram["intents"]
    scores = _blend(intents, (ngram or {}).get("intents"), settings.classifier_weight)
    rival, rival_score = max(
        ((n, c) for n, c in scores.items() if n != "faq"),
        key=lambda nc: nc[1],
        default=("out_of_scope", 0.0),
    )
    unknown = list((words or {}).get("unknown") or [])
    treatments = list((words or {}).get("treatments") or [])
    # Another treatment named only as what ours is compared with ("is the
    # downtime shorter than after a peel?"): the question is about ours.
    compared = bool((words or {}).get("compared"))
    topic = bool(words and words.get("domain")) or compared
    # Named itself (or one of its products), not only a word any skin
    # treatment shares; readings recorded before names were kept: the topic.
    names = (words or {}).get("names")
    own_name = (bool(names) if names is not None else topic) or compared
    follow_up_turn = bool(previous) and is_follow_up(words)
    rule = settings.topic_rule if topic or follow_up_turn else settings.scope_rule
    shared_only = (
        topic
        and not own_name
        and bool(unknown)
        and set((words or {}).get("domain") or ()) <= settings.shared_topic_words
    )
    if shared_only:
        rule = "min"
    score, against = scores.get("faq", 0.0), rival_score
    if ngram is not None and rule == "min":
        score = min(intents.get("faq", 0.0), ngram["intents"].get("faq", 0.0))
    elif ngram is not None and rule == "ngram":
        score = ngram["intents"].get("faq", 0.0)
        against = max((c for n, c in ngram["intents"].items() if n != "faq"), default=0.0)
    answers = _blend(
        _own_answers(signals, settings), (ngram or {}).get("faq"), settings.selector_weight
    )
    if not _own_answers(signals, settings) and ngram is not None:
        answers = dict(ngram["faq"])
    ranked = sorted(answers.items(), key=lambda kc: (-kc[1], kc[0]))
    scope = None
    if words is None:
        is_faq = score >= settings.faq_threshold
    elif treatments and not own_name and not (ranked and ranked[0][0] in ABOUT_OTHER_TREATMENTS):
        is_faq, scope = False, "other_treatment"
    elif shared_only:
        is_faq = score >= settings.shared_topic_threshold
        scope = "shared_topic"
    elif topic or follow_up_turn:
        is_faq = score >= settings.topic_threshold
        scope = "topic" if topic else "follow_up"
    else:
        sure = (
            bool(ranked)
            and ranked[0][1] >= settings.sure_answer
            and score >= settings.sure_answer_floor
        )
        enough = score >= settings.faq_threshold or sure
        # A longer message's frame (a town, a trip, a job) may have words we
        # do not know; the question it ends on may not.
        asked = (words or {}).get("question_unknown")
        is_faq = enough and len(unknown if asked is None else asked) <= settings.max_unknown
        if enough and not is_faq:
            scope = "unknown_words"
    is_faq = is_faq and (score if rule == "ngram" else scores.get("faq", 0.0)) >= against
    if is_faq:
        follow_up = None
        if previous and ranked and follow_up_turn:
            read_as = FOLLOW_UPS.get(ranked[0][0], {}).get(previous)
            if read_as and read_as != ranked[0][0]:
                follow_up = read_as
                ranked = [(read_as, ranked[0][1])] + [(k, c) for k, c in ranked[1:] if k != read_as]
        verdict = judge_answer(ranked, settings.answer_threshold, settings.tie_margin)
        if follow_up:
            verdict = {"status": "ok", "candidates": [follow_up]}
        if verdict["status"] == "low":
            return Decision(
                "nlu_fallback",
                1.0 - (ranked[0][1] if ranked else 0.0),
                ranked,
                "low",
                verdict["candidates"],
                scope,
            )
        return Decision(
            "faq",
            max(score, intents.get("faq", 0.0)),
            ranked,
            verdict["status"],
            verdict["candidates"],
            scope,
            follow_up,
        )
    if scope == "other_treatment":
        return Decision("out_of_scope", 1.0, scope=scope)
    if signals.intent == "faq":
        if rival == "out_of_scope" and rival_score > 0:
            return Decision("out_of_scope", rival_score, scope=scope)
        return Decision(
            "nlu_fallback", 1.0 - score, ranked, "low", [k for k, _ in ranked[:2]], scope
        )
    if (
        signals.intent == "nlu_fallback"
        and ngram is not None
        and rival in SETTLED_WHEN_UNDECIDED
        and rival_score >= settings.settle_threshold
    ):
        return Decision(rival, rival_score, scope=scope)
    return Decision(scope=scope)


def _own_answers(signals: Signals, settings: Settings) -> dict[str, float]:
    """The answer ranking of the intent classifier's component: the retrieval
    ranking (``answers``) blended with the classifier's own FAQ keys
    (``keys``, ``keys_weight``), either left out as ``Settings.off`` says."""
    off = settings.off
    retrieval = {} if "retrieval" in off else dict(signals.answers)
    keys = {} if "classifier" in off or signals.keys is None else dict(signals.keys)
    if not keys:
        return retrieval
    if not retrieval:
        return keys
    return _blend(keys, retrieval, settings.keys_weight)


def signal_names(off: Iterable[str]) -> list[str]:
    """The signals left on, for reports."""
    return [s for s in SIGNALS if s not in set(off)]
