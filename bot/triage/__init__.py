"""Red-flag triage of a patient's message after treatment.

Why this exists: a patient who writes "my cheek went white and it hurts like
hell" must get the emergency advice on that very message, whatever the intent
classifier thought. A trained classifier can miss a rare phrasing; these rules
cannot be out-voted. So the decision is made here, in plain Python with a
blank spaCy pipeline (tokenizer only) and the rules in
``knowledge/red_flags.yml``, which a clinician reads and edits. No word of a
sign is written in this package.

How a message is read, one module per step (each step is data in the YAML file):

1. ``text``: the message as the rules read it (quotes, markup, odd characters);
2. ``match``: every sign pattern is matched (PhraseMatcher on lower case,
   Matcher token patterns with typo regexes); matches cancelled by an
   ``exclude`` pattern go;
3. ``negation``: "no fever, no pus" drops those signs; a cue inside a sign's
   own words ("can't breathe") is part of the sign; frames: a general question
   ("can it cause infection?") or a past history ("I had a stroke in 2015")
   drops signs below emergency, and emergency signs only when the words are a
   clinical term rather than a description;
4. context: some signs change level after fat-dissolving injections;
5. ``durations``: an expected effect with a duration ("swelling for 10 days")
   or a cue ("bruise getting worse") becomes the sign named in its
   ``escalate`` list;
6. ``assess``: the highest level wins.

Loading and checking the YAML is ``rules``; the level order is ``bot.levels``.

Public interface: ``LEVELS``, ``Level``, ``Assessment``, ``assess`` (with an
optional ``context``: days since treatment known from elsewhere), ``highest``,
``level_rank``, ``vague_questions``, ``assess_answers``, the red-flag check
(``check_slot``, ``check_option_ids``, ``check_answer``, ``assess_check``),
``signs_label``, ``is_first_person_report``, ``asks_about_treatment``,
``sign_info``, ``reply_for``,
``load_rules``, ``normalise``, ``Rules``.
"""

from __future__ import annotations

from bot.levels import LEVELS, Level, highest
from bot.triage.anchors import TREATMENT, VISIT
from bot.triage.assess import (
    MAX_CHARS,
    Assessment,
    asks_about_treatment,
    assess,
    is_first_person_report,
    level_rank,
    main,
)
from bot.triage.questions import (
    assess_answers,
    assess_check,
    check_answer,
    check_option_ids,
    check_slot,
    reply_for,
    sign_info,
    signs_label,
    vague_questions,
)
from bot.triage.rules import RULES_PATH, Rules, load_rules
from bot.triage.text import normalise

__all__ = [
    "LEVELS",
    "TREATMENT",
    "VISIT",
    "Level",
    "MAX_CHARS",
    "RULES_PATH",
    "Assessment",
    "asks_about_treatment",
    "Rules",
    "assess",
    "assess_answers",
    "assess_check",
    "check_answer",
    "check_option_ids",
    "check_slot",
    "highest",
    "is_first_person_report",
    "level_rank",
    "load_rules",
    "main",
    "normalise",
    "reply_for",
    "sign_info",
    "signs_label",
    "vague_questions",
]
