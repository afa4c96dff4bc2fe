"""Decisions about FAQ answers and odd input: plain Python, no Rasa.

Rasa's FallbackClassifier looks only at the intent's confidence, so a message
can be `faq` at 0.99 while the ResponseSelector is unsure which answer fits
(Rasa issue #9723). These functions judge the answer itself.
"""
from __future__ import annotations

import re
import unicodedata
from typing import Any, Dict, List, Optional, Sequence, Tuple

MAX_CHARS = 2000  # longer messages are flagged; the red-flag layer still reads them

_LETTER = re.compile(r"[A-Za-z]")


def classify_input(text: Optional[str]) -> Optional[str]:
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


def judge_answer(ranking: Sequence[Tuple[str, float]], threshold: float,
                 tie_margin: float) -> Dict[str, Any]:
    """Judge the ResponseSelector's ranking of FAQ answers.

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


def selector_ranking(response_selector: Optional[Dict[str, Any]],
                     retrieval_intent: str = "faq") -> List[Tuple[str, float]]:
    """(key, confidence) pairs from a parse's ``response_selector`` block.

    Keys are returned without the ``faq/`` prefix.
    """
    block = (response_selector or {}).get(retrieval_intent) or {}
    out = []
    for item in block.get("ranking") or []:
        key = item.get("intent_response_key") or ""
        out.append((key.split("/", 1)[-1], float(item.get("confidence") or 0.0)))
    return out


def judge_scope(intent: Optional[str], faq_confidence: float,
                unknown_words: Optional[Sequence[str]], n_words: int,
                rescue_min_faq: float, reject_min_unknown: int,
                reject_min_share: float) -> Optional[str]:
    """Weigh words the bot has never seen in scope against the classifier.

    ``rescue``: the classifier could not decide (``nlu_fallback``) or leaned to
    ``out_of_scope``, the FAQ has at least ``rescue_min_faq`` of its confidence,
    and every word of the message occurs in some in-scope training example.
    On a mesotherapy clinic's chat, "what are the benefits" asks about the
    treatment even though it does not name it.

    ``reject``: the classifier chose the FAQ, but at least
    ``reject_min_unknown`` words, and at least ``reject_min_share`` of all
    words, are unknown in scope ("is bungee jumping dangerous"): better to say
    what the bot can help with than to answer a question nobody asked.

    ``None`` when the words do not change anything, or are not known
    (``unknown_words`` is None: the vocabulary component did not run).
    """
    if unknown_words is None or n_words <= 0:
        return None
    if intent in ("nlu_fallback", "out_of_scope"):
        if not unknown_words and faq_confidence >= rescue_min_faq:
            return "rescue"
        return None
    if intent == "faq" and len(unknown_words) >= reject_min_unknown \
            and len(unknown_words) / n_words >= reject_min_share:
        return "reject"
    return None
