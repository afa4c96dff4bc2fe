"""Linear readers of a message: plain scikit-learn, no Rasa.

Three readings of the same words, each from another view, so that where one
is fooled another may not be:

* ``words``: a logistic regression over word uni-, bi- and trigrams of the
  training examples only: what patients and others were written saying;
* ``ngrams``: a linear model (logistic loss, SGD) over word uni- and bigrams
  and character 3-5-grams within words, of the examples *and* of each FAQ
  answer's own title and sentences, so a misspelt word ("mesotheraphy")
  still shares most of its n-grams with the word it means and a word only the
  answer uses ("phosphatidylcholine") still points to its key;
* ``retrieval``: for each FAQ key, the cosine similarity of the message with
  the nearest of that key's own texts (its patient phrasings, its answer's
  title and sentences), word and character n-grams alike, turned into a
  ranking by a softmax.

The Rasa components (``bot.nlu.linear_classifier``, ``bot.nlu.ngram_classifier``)
fit and persist these models; ``bot.faq.decide`` weighs their readings.
Every model trains in seconds on two cores.
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from typing import Any

_NOT_TEXT = re.compile(r"[^a-z0-9' ]+")
_SENTENCES = re.compile(r"(?<=[.!?])\s+|\n+")
_CLAUSES = re.compile(r"\s*(?:[,;:(]|\s[-\u2013\u2014]+\s)\s*")
#: Words a question starts with ("how long...", "will I...", "can they...").
QUESTION_WORDS = frozenset(
    """how what whats when where which who whom whose why will would can could
    should shall is isnt are arent am do does did dont doesnt has have had may
    might must any anything""".split()
)
#: A message needs this many words before its frame is worth stripping.
FRAMED_MIN_WORDS = 9
TOKEN_PATTERN = r"[a-z0-9']+"  # noqa: S105 - a regular expression, not a password


def normalise(text: str | None) -> str:
    """Lower case, curly apostrophes straightened, everything but letters,
    digits and apostrophes turned into spaces."""
    return " ".join(_NOT_TEXT.sub(" ", (text or "").lower().replace("\u2019", "'")).split())


def last_question(text: str | None) -> str | None:
    """The question a longer message asks, without the frame before it.

    Patients put their life, a trip or a town first and ask last ("I'm flying
    to Lisbon on Friday, will I look normal by then?"). The question runs
    from the first sentence that asks (a "?" or a question word first), from
    the first of its clauses that starts with a question word, to the end, so
    two questions in a row stay together. None when the message is short,
    asks nothing, or is all question: then the whole message is the question.
    """
    text = (text or "").strip()
    if len(text.split()) < FRAMED_MIN_WORDS:
        return None
    sentences = [s.strip() for s in _SENTENCES.split(text) if s.strip()]
    first = next((i for i, s in enumerate(sentences) if _asks(s)), None)
    if first is None:
        return None
    clauses = [c for c in _CLAUSES.split(sentences[first]) if c.strip()]
    start = next((i for i, c in enumerate(clauses) if _starts_asking(c)), 0)
    question = " ".join([", ".join(clauses[start:]), *sentences[first + 1 :]])
    return None if normalise(question) == normalise(text) else question


def _asks(sentence: str) -> bool:
    """A "?" at the end, or a question word first. A clause that asks after
    a comma without a "?" is not enough: "my milk has been open 5 days, how
    long does it last" reads as unrelated whole, and is."""
    return sentence.endswith("?") or _starts_asking(sentence)


def _starts_asking(text: str) -> bool:
    words = normalise(text).replace("'", "").split()
    return bool(words) and words[0] in QUESTION_WORDS


def read_framed(model: dict[str, Any], text: str, weight: float) -> dict[str, float]:
    """``read`` of the whole message, blended with the reading of the question
    it ends on (``last_question``) by ``weight``: the frame keeps a say, the
    question gets its own."""
    whole = read(model, text)
    question = last_question(text) if weight > 0 else None
    if not question:
        return whole
    asked = read(model, question)
    return {k: (1 - weight) * p + weight * asked.get(k, 0.0) for k, p in whole.items()}


def _word_vectorizer(ngrams: Sequence[int]) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        ngram_range=tuple(ngrams),
        sublinear_tf=True,
        token_pattern=TOKEN_PATTERN,
    )


def _char_vectorizer(ngrams: Sequence[int], min_df: int = 2) -> Any:
    from sklearn.feature_extraction.text import TfidfVectorizer

    return TfidfVectorizer(
        analyzer="char_wb", ngram_range=tuple(ngrams), sublinear_tf=True, min_df=min_df
    )


def features(vectorizers: Sequence[Any], texts: Sequence[str], fit: bool = False) -> Any:
    """The texts as one sparse matrix, the vectorizers' columns side by side."""
    from scipy.sparse import hstack

    normalised = [normalise(t) for t in texts]
    parts = [v.fit_transform(normalised) if fit else v.transform(normalised) for v in vectorizers]
    return hstack(parts).tocsr()


def fit_ngrams(
    texts: Sequence[str],
    labels: Sequence[str],
    word_ngrams: Sequence[int] = (1, 2),
    char_ngrams: Sequence[int] | None = (3, 5),
    alpha: float = 1e-5,
    epochs: int = 50,
    seed: int = 1,
) -> dict[str, Any]:
    """A linear model (SGD, logistic loss) over word n-grams and, unless
    ``char_ngrams`` is None, character n-grams within words."""
    import numpy as np
    from sklearn.linear_model import SGDClassifier

    vectorizers = [_word_vectorizer(word_ngrams)]
    if char_ngrams:
        vectorizers.append(_char_vectorizer(char_ngrams))
    x = features(vectorizers, texts, fit=True)
    classifier = SGDClassifier(
        loss="log_loss", alpha=alpha, max_iter=epochs, tol=None, random_state=seed
    )
    classifier.fit(x, list(labels))
    classifier.coef_ = np.asfortranarray(classifier.coef_)  # see read()
    return {"vectorizers": vectorizers, "classifier": classifier}


def fit_words(
    texts: Sequence[str],
    labels: Sequence[str],
    word_ngrams: Sequence[int] = (1, 3),
    c: float = 20.0,
    seed: int = 1,
) -> dict[str, Any]:
    """The ``words`` reader: word n-grams only, a logistic regression."""
    import numpy as np
    from sklearn.linear_model import LogisticRegression

    vectorizers = [_word_vectorizer(word_ngrams)]
    x = features(vectorizers, texts, fit=True)
    classifier = LogisticRegression(C=c, max_iter=300, random_state=seed)
    classifier.fit(x, list(labels))
    classifier.coef_ = np.asfortranarray(classifier.coef_)
    return {"vectorizers": vectorizers, "classifier": classifier}


def read(model: dict[str, Any], text: str) -> dict[str, float]:
    """Every label's probability for one text.

    scikit-learn scores a text as ``X @ coef_.T``; with ``coef_`` kept column
    by column (Fortran order, as the fitting leaves it) nothing is copied per
    message (bot/rasa_server.py explains the 5 ms this saves)."""
    x = features(model["vectorizers"], [text])
    classifier = model["classifier"]
    return {
        str(label): float(p)
        for label, p in zip(classifier.classes_, classifier.predict_proba(x)[0], strict=True)
    }


def fit_retrieval(
    texts: Sequence[str],
    labels: Sequence[str],
    word_ngrams: Sequence[int] = (1, 2),
    char_ngrams: Sequence[int] = (3, 5),
) -> dict[str, Any]:
    """The ``retrieval`` index: every text of every key as a unit vector, the
    texts of one key in consecutive rows (``keys[i]`` from row ``starts[i]``)."""
    order = sorted(range(len(texts)), key=lambda i: labels[i])
    texts = [texts[i] for i in order]
    labels = [labels[i] for i in order]
    keys = sorted(set(labels))
    starts = [labels.index(k) for k in keys]
    vectorizers = [_word_vectorizer(word_ngrams), _char_vectorizer(char_ngrams, min_df=1)]
    x = features(vectorizers, texts, fit=True)
    return {"vectorizers": vectorizers, "matrix": _unit_rows(x), "keys": keys, "starts": starts}


def _unit_rows(x: Any) -> Any:
    from sklearn.preprocessing import normalize

    return normalize(x, norm="l2", axis=1, copy=False).tocsr()


def similarities(index: dict[str, Any], text: str) -> dict[str, float]:
    """Each key's best cosine similarity with the text (0 to 1)."""
    import numpy as np

    x = _unit_rows(features(index["vectorizers"], [text]))
    scores = (index["matrix"] @ x.T).toarray().ravel()
    best = np.maximum.reduceat(scores, index["starts"])
    return {key: float(s) for key, s in zip(index["keys"], best, strict=True)}


def softmax(scores: dict[str, float], temperature: float) -> dict[str, float]:
    """Scores as probabilities: ``exp(s / temperature)``, normalised."""
    if not scores:
        return {}
    top = max(scores.values())
    exps = {k: math.exp((s - top) / temperature) for k, s in scores.items()}
    total = sum(exps.values())
    return {k: e / total for k, e in exps.items()}


def fold(probabilities: dict[str, float], retrieval_intent: str = "faq") -> tuple[dict, dict]:
    """(intents, keys): the FAQ keys' probabilities summed into one intent,
    and renormalised among themselves."""
    prefix = retrieval_intent + "/"
    intents: dict[str, float] = {}
    keys: dict[str, float] = {}
    for label, p in probabilities.items():
        if label.startswith(prefix):
            keys[label[len(prefix) :]] = p
            intents[retrieval_intent] = intents.get(retrieval_intent, 0.0) + p
        else:
            intents[label] = p
    total = sum(keys.values()) or 1.0
    return intents, {k: p / total for k, p in keys.items()}


def best(scores: dict[str, float], keep: int) -> list[list[Any]]:
    """The ``keep`` best (name, score) pairs, best first, scores rounded."""
    ranked = sorted(scores.items(), key=lambda kv: (-kv[1], kv[0]))[:keep]
    return [[name, round(p, 4)] for name, p in ranked]
