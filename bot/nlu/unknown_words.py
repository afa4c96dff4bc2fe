"""An NLU component that reads a message's words against the bot's own
vocabulary: which words it has never seen in scope, which words belong to
the treatment's own topic, and which other treatments it names.

The classifiers read bags of word and character n-grams. A word they never
met adds next to nothing to them, so "how often to water succulents" is read
as its question frame, "how often", which the training data has as an FAQ.
What the words themselves say is evidence of its own, and easy to explain:

* ``unknown_words``: words that no in-scope training example has (the
  examples of every intent but out-of-scope, and the FAQ answers' own text).
  A misspelling of a known word ("ingrediants", "sesion") is not unknown: a
  word of four letters or more that is one edit (two from eight letters) away
  from a known word with the same first letter counts as that word. English
  function words ("she", "whom") are always known.
* ``domain_words``: the terms of the treatment's own topic that the message
  uses, from the lookup table ``in_scope_term`` in data/nlu/faq.yml: its names
  and products ("meso", "Profhilo", "polynucleotides") and the words that only
  talk about it ("skin", "injections", "downtime"), plurals and typos included.
* ``treatments_named``: other treatments of the lookup table
  ``other_treatment`` ("Botox", "laser hair removal") that the message names.
* ``treatment_names``: the domain words that name the treatment itself or
  its products (lookup table ``treatment_name``: "meso", "Profhilo",
  "polynucleotides"), as opposed to the words any skin treatment shares
  ("skin", "downtime", "aftercare"). "The downtime after a chemical peel" has
  a word of the topic but names another treatment, not ours.

FaqAnswerGate (bot/nlu/faq_gate.py, through ``bot.faq.decide``) weighs them.
The component adds no features, so the classifiers are trained as before.
``Vocabulary`` is plain Python: the evaluation rebuilds it with other settings
to show what each part contributes.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.shared.nlu.constants import INTENT, TEXT
from rasa.shared.nlu.training_data.message import Message
from rasa.shared.nlu.training_data.training_data import TrainingData

from bot.nlu.linear import last_question
from bot.nlu.stored import StoredComponent, texts_to_read
from bot.triage.wordnet import is_dictionary_word

FILENAME = "in_scope_vocabulary.json"
ATTRIBUTE = "unknown_words"
DOMAIN_ATTRIBUTE = "domain_words"
NAMES_ATTRIBUTE = "treatment_names"
TREATMENTS_ATTRIBUTE = "treatments_named"
COMPARED_ATTRIBUTE = "treatments_compared"
QUESTION_ATTRIBUTE = "question_unknown_words"
#: A question shorter than this ("what's it called?") says too little alone.
QUESTION_MIN_WORDS = 5
IN_SCOPE_LOOKUP = "in_scope_term"
NAME_LOOKUP = "treatment_name"
OTHER_TREATMENT_LOOKUP = "other_treatment"
_WORD = re.compile(r"[a-z]+(?:'[a-z]+)*")
#: Words that compare: "shorter than", "compared with", "versus", "vs", and
#: one aspect set beside another treatment's: "the same as for Botox",
#: "similar to microneedling", "different from a peel", "as quick as with
#: fillers" ("as" only before with/for/after/before, never "such as"), done
#: "the same way Botox is" or "the way I did before my laser session" ("by
#: the way" is not a comparison), "just like fillers", "like before a peel",
#: "worth it, or just an expensive facial?".
_COMPARING = re.compile(
    r"\b(?:than|compared|comparison|versus|vs|same as|similar to|different from"
    r"|(?<!such )as(?= (?:with|for|after|before|in)\b)"
    r"|same way|(?<!by )the way|just like|like(?= (?:with|for|after|before)\b)|or just)\b"
)
#: How many words may stand between the comparing word and the treatment it
#: compares with ("than after a course of peels").
COMPARED_WITHIN = 4

#: English function words and chat fillers: known whatever the training data
#: says, and never a word of the treatment's own topic. "she", "anything" or
#: "whom" say nothing about what a message is about.
FUNCTION_WORDS = frozenset(
    """
a about above after again against all already also always am among an and another any
anyone anything anyway are around as at be because been before being below between both
but by can cannot could did do does doing done down during each either else even ever
every everyone everything few for from had has have having he her here hers herself him
himself his how however i if in into is it its itself just least less like lot lots may
me might mine more most much must my myself neither never no nor not nothing now of off
often oh ok okay on once one ones only onto or other others ought our ours ourselves out
over own per please quite rather really same shall she should since so some someone
something sometimes still such than thank thanks that the their theirs them themselves
then there these they this those though through thus till to too under until up upon us
very via was we well were what whatever when where whether which while who whom whose why
will with within without would yeah yes yet you your yours yourself hi hello hey sorry
im ive id ill youre theyre dont doesnt didnt cant wont isnt arent wasnt whats hows wheres
whos thats theres lets u ur r pls plz thx tho lol haha hmm ah um also btw
""".split()
)


def words_of(text: str | None) -> list[str]:
    """The words of a text in comparable form: lower case, apostrophes dropped
    ("What's" and "whats" are one word), two letters or more. Numbers, emoji
    and stray letters of markup ("<b>") are not words here, so never unknown."""
    text = (text or "").lower().replace("\u2019", "'")
    return [w for w in (m.replace("'", "") for m in _WORD.findall(text)) if len(w) > 1]


def edit_distance(a: str, b: str, limit: int = 2) -> int:
    """Damerau-Levenshtein distance (adjacent swaps count one), or
    ``limit + 1`` as soon as it is known to exceed ``limit``."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    prev2: list[int] = []
    prev = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        cur = [i] + [0] * len(b)
        for j, cb in enumerate(b, 1):
            cur[j] = min(prev[j] + 1, cur[j - 1] + 1, prev[j - 1] + (ca != cb))
            if i > 1 and j > 1 and ca == b[j - 2] and a[i - 2] == cb:
                cur[j] = min(cur[j], prev2[j - 2] + 1)
        if min(cur) > limit:
            return limit + 1
        prev2, prev = prev, cur
    return prev[-1]


def _same_word(word: str, known: str) -> bool:
    """``known`` is ``word`` with an ending added or dropped ("squeeze",
    "squeezed"), or a function word a slip of the keys made a noun of."""
    short, long_ = sorted((word, known), key=len)
    return known in FUNCTION_WORDS or (len(short) >= 4 and long_.startswith(short))


class Vocabulary:
    """The words the bot knows, and the words of its own topic.

    ``known``: every word of an in-scope text. ``domain``: single words and
    phrases that mark the topic. ``treatments``: phrases naming other
    treatments. Plain data, so it is saved as JSON.
    """

    def __init__(
        self,
        known: Iterable[str] = (),
        domain: Iterable[str] = (),
        treatments: Iterable[str] = (),
        names: Iterable[str] = (),
    ) -> None:
        self.known = frozenset(known) | FUNCTION_WORDS
        self.names = frozenset(names) - FUNCTION_WORDS
        self.domain = (frozenset(domain) | self.names) - FUNCTION_WORDS
        self.treatments = tuple(sorted(set(treatments)))
        self._by_first: dict[str, list[str]] = {}
        for word in sorted(self.known):
            if len(word) >= 4:
                self._by_first.setdefault(word[0], []).append(word)
        self._domain_patterns = [(t, _phrase_pattern(t)) for t in sorted(self.domain)]
        self._treatment_patterns = [(t, _phrase_pattern(t)) for t in self.treatments]

    @property
    def learned(self) -> bool:
        """Whether any word was learned (function words are known anyway)."""
        return bool(self.known - FUNCTION_WORDS)

    @classmethod
    def learn(
        cls,
        in_scope: Iterable[str],
        domain_terms: Iterable[str] = (),
        treatments: Iterable[str] = (),
        names: Iterable[str] = (),
    ) -> Vocabulary:
        """Learn from texts: ``in_scope`` (every in-scope example and answer);
        ``domain_terms`` and ``treatments`` as listed (lookup tables). A term
        whose words do not survive ``words_of`` whole ("co2 laser") is left
        out rather than shortened into another term."""
        known: set[str] = set()
        for text in in_scope:
            known.update(words_of(text))
        own = {t for t in map(_term, names) if t}
        domain = {t for t in map(_term, domain_terms) if t} | own
        for term in domain:
            known.update(term.split())
        return cls(known, domain, {t for t in map(_term, treatments) if t}, own)

    def as_json(self) -> dict[str, list[str]]:
        return {
            "known": sorted(self.known - FUNCTION_WORDS),
            "domain": sorted(self.domain),
            "treatments": list(self.treatments),
            "names": sorted(self.names),
        }

    @classmethod
    def from_json(cls, data: Any) -> Vocabulary:
        if isinstance(data, list):  # the format before domain words
            return cls(data)
        return cls(
            data.get("known") or (),
            data.get("domain") or (),
            data.get("treatments") or (),
            data.get("names") or (),
        )

    def is_known(self, word: str) -> bool:
        """Known as it is or as a simple inflection of a known word
        ("hurting", "stayed", "meetings")."""
        return word in self.known or any(stem in self.known for stem in _stems(word))

    def correct(self, word: str) -> str | None:
        """The known word a misspelt ``word`` stands for, or None.

        A word the dictionary has as it is ("plumber", "inspection", "mess")
        is not a misspelling of another word of ours ("plumper", "infection",
        "meso"): it stays unknown. It may still be another form of the same
        word ("euro" of "euros", "afterward" of "afterwards") or a slip for a
        function word ("dose" for "does"). Without WordNet every word may be
        corrected, as before.
        """
        if len(word) < 4:
            return None
        limit = 2 if len(word) >= 8 else 1
        best: tuple[int, str] = (limit + 1, "")
        for known in self._by_first.get(word[0], ()):
            d = edit_distance(word, known, limit)
            if d < best[0]:
                best = (d, known)
        if best[0] > limit:
            return None
        if is_dictionary_word(word) and not _same_word(word, best[1]):
            return None
        return best[1]

    def read(self, text: str | None) -> dict[str, list[str]]:
        """``unknown``, ``domain`` and ``treatments`` of a text (see the module)."""
        words = words_of(text)
        unknown, seen = [], []
        for word in words:
            if self.is_known(word):
                seen.append(word)
                continue
            fixed = self.correct(word)
            if fixed:
                seen.append(fixed)
            else:
                unknown.append(word)
        read_as = " ".join(seen)
        domain = [t for t, pattern in self._domain_patterns if pattern.search(read_as)]
        flat = " ".join(words)
        treatments = [t for t, pattern in self._treatment_patterns if pattern.search(flat)]
        names = [t for t in domain if t in self.names]
        return {
            "unknown": unknown,
            "domain": domain,
            "treatments": treatments,
            "names": names,
            "compared": self._compared(flat) if treatments else [],
        }

    def _compared(self, flat: str) -> list[str]:
        """The other treatments a message compares *with*, when every one it
        names stands just after a comparing word ("is the recovery shorter
        than after a chemical peel?"): the subject compared is then ours,
        unnamed. "Is Botox better than fillers?" names one before the
        comparing word, and compares two others: nothing."""
        marks = [m.end() for m in _COMPARING.finditer(flat)]
        if not marks:
            return []
        compared = []
        for term, pattern in self._treatment_patterns:
            for match in pattern.finditer(flat):
                before = [end for end in marks if end <= match.start()]
                if not before or len(flat[before[-1] : match.start()].split()) > COMPARED_WITHIN:
                    return []
                compared.append(term)
        return sorted(set(compared))


def _term(text: str) -> str:
    """A lookup element as comparable words, or "" when a token would be lost."""
    words = words_of(text)
    return " ".join(words) if len(words) == len(re.findall(r"[^\s\-/]+", text)) else ""


def _stems(word: str) -> list[str]:
    """Candidate stems of an inflected English word (no dictionary needed)."""
    out = []
    for suffix in ("ing", "ed", "es", "s", "ly", "er"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            stem = word[: -len(suffix)]
            out += [stem, stem + "e"]
            if len(stem) > 3 and stem[-1] == stem[-2]:
                out.append(stem[:-1])  # "stopping" -> "stop"
            if suffix in ("ed", "es") and stem.endswith("i"):
                out.append(stem[:-1] + "y")  # "tried" -> "try"
    return out


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    """A phrase as whole words, a plural allowed on its last word."""
    return re.compile(r"\b" + r"\s+".join(map(re.escape, phrase.split())) + r"(?:s|es)?\b")


def lookup_elements(training_data: TrainingData, name: str) -> list[str]:
    """The elements of the lookup table ``name`` in the NLU training data."""
    out: list[str] = []
    for table in training_data.lookup_tables or []:
        if table.get("name") == name:
            elements = table.get("elements") or []
            out += elements if isinstance(elements, list) else str(elements).splitlines()
    return [e.strip() for e in out if e and e.strip()]


def in_scope_texts(
    training_data: TrainingData,
    out_of_scope_intent: str = "out_of_scope",
    retrieval_intent: str = "faq",
) -> list[str]:
    """The texts whose words are known: every example of an intent but
    out-of-scope, and each FAQ answer's title and sentences."""
    from bot.nlu.ngram_classifier import answer_documents

    texts = [t for t, _ in answer_documents(training_data, retrieval_intent)]
    texts += [
        m.get(TEXT)
        for m in training_data.intent_examples
        if m.get(TEXT) and m.get(INTENT) and m.get(INTENT) != out_of_scope_intent
    ]
    return texts


@DefaultV1Recipe.register(DefaultV1Recipe.ComponentType.MESSAGE_FEATURIZER, is_trainable=True)
class InScopeVocabulary(StoredComponent):
    """Learns the vocabulary; marks unknown words, domain words and treatments."""

    FILENAME = FILENAME

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "out_of_scope_intent": "out_of_scope",
            "retrieval_intent": "faq",
            # unknown words of the question a longer message ends on only
            # (bot.nlu.linear.last_question)
            "question_only": True,
        }

    @property
    def words(self) -> Vocabulary:
        """The vocabulary learned (an empty one before training)."""
        return self.model or Vocabulary()

    @property
    def vocabulary(self) -> frozenset:
        """Every word known in scope."""
        return self.words.known

    @classmethod
    def read_model(cls, path: Path) -> Vocabulary:
        return Vocabulary.from_json(json.loads(path.read_text()))

    @classmethod
    def write_model(cls, model: Vocabulary, path: Path) -> None:
        path.write_text(json.dumps(model.as_json()))

    def train(self, training_data: TrainingData) -> Resource:
        return self.persist(
            Vocabulary.learn(
                in_scope_texts(
                    training_data,
                    self.config["out_of_scope_intent"],
                    self.config["retrieval_intent"],
                ),
                domain_terms=lookup_elements(training_data, IN_SCOPE_LOOKUP),
                treatments=lookup_elements(training_data, OTHER_TREATMENT_LOOKUP),
                names=lookup_elements(training_data, NAME_LOOKUP),
            )
        )

    def process_training_data(self, training_data: TrainingData) -> TrainingData:
        return training_data

    def process(self, messages: list[Message]) -> list[Message]:
        if not self.words.learned:
            return messages
        for message, text in texts_to_read(messages):
            found = self.words.read(text)
            message.set(ATTRIBUTE, found["unknown"], add_to_output=True)
            # The frame's words (a town, a job, a trip) are the patient's
            # life, not the question's subject: the question's own unknown
            # words, for the gate's rule on unknown words (bot.faq.decide).
            question = last_question(text) if self.config["question_only"] else None
            if question and len(words_of(question)) >= QUESTION_MIN_WORDS:
                asked = self.words.read(question)["unknown"]
                message.set(QUESTION_ATTRIBUTE, asked, add_to_output=True)
            message.set(DOMAIN_ATTRIBUTE, found["domain"], add_to_output=True)
            message.set(TREATMENTS_ATTRIBUTE, found["treatments"], add_to_output=True)
            message.set(NAMES_ATTRIBUTE, found["names"], add_to_output=True)
            message.set(COMPARED_ATTRIBUTE, found["compared"], add_to_output=True)
        return messages
