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
