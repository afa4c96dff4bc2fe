"""RedFlagDetector: the rule layer that makes a red flag win over the classifiers.

It runs last in the NLU pipeline (after DIET, the ResponseSelector, the
FallbackClassifier and the FaqAnswerGate). For each message it calls
``bot.triage.assess`` once (knowledge/red_flags.yml and
knowledge/triage_vocabulary.yml) and:

* adds one ``red_flag`` entity per counted (not negated) sign:
  ``{"entity": "red_flag", "value": <sign id>, "start", "end",
  "confidence_entity": 1.0, "extractor": "RedFlagDetector"}``;
* adds the output property ``triage`` with everything the dialogue needs, so
  no action runs triage a second time: ``level`` (the level the message gets),
  ``signs``, ``negated``, ``denied`` (functions said to be normal), ``check``
  (the red-flag check options still to ask before any reassurance), ``days``
  (time since treatment from the message), ``ask`` (a symptom that needs the
  red-flag questions), ``reasons`` (for staff), ``prescreen_slots``, and, to
  measure each layer on its own, ``rules_level`` (the rules alone),
  ``classifier`` (DIET's intent before this component) and ``source``
  ("rules", "classifier" or "both");
* sets the intent from the level, keeping the previous one in the ranking:
  ``report_emergency``, ``report_urgent``, ``report_routine`` for the levels
  that escalate, ``report_symptom`` for expected effects and vague reports.
  The domain maps the first three to ``triage_level`` inside the Rasa server
  and a rule gives each its advice there, so the patient gets the emergency,
  urgent or routine advice on this very message even when the action server
  is down (the ticket is then written by the reconciler).

How the two layers combine:

- a rule emergency always wins (a phrasing DIET never saw still counts);
- every sign above the expected effects that the rules read as said of a
  thing ("the boiler is wheezing", "rust blisters") leaves no body anchor:
  DIET's report intent on such a message is demoted;
- DIET's ``report_emergency`` (its best intent) stands over a rule reading of
  urgent or routine signs at ``emergency_over_rules`` or more and over one of
  expected effects at ``emergency_over_expected`` or more, unless the patient
  denied a sign or said a function is normal: on fresh text the rules miss an
  emergency mostly by reading a lesser sign in it ("itchy welts on my neck and
  I can't get a full breath in" read as hives). Below those, it stands unless
  the rules read the emergency signs as denied ("no trouble breathing, just a
  bit swollen": DIET does not read negation), the rules found an urgent or
  routine sign (they read the level, treatment context included), the rules
  read only expected effects and the message has no word of an emergency
  function or state, or the message names no body part, symptom or treatment
  at all ("turn the lights purple for the party": no alarm on unrelated
  text), where it stands only at ``emergency_unanchored`` or more and not
  written to another business (what a relative sees: "my dad is being really
  weird since this afternoon"), and the same bar holds over the rules' reading
  of only a sign that asks the red-flag questions with no body part or
  treatment named ("lost sight of my daughter for a minute and my heart was
  pounding");
- below emergency the rules decide; DIET's report intents only fill in when
  the rules found no level (then with a body or treatment anchor, not only a
  time or a session: "day 3 since I booked"; DIET's emergency with only such
  a ``visit`` and no sign stands at ``emergency_over_expected``), and DIET's
  ``report_urgent`` stands over a rule reading of expected effects, or of
  routine signs (``urgent_over_routine``: "one scab never fell off ... it's
  gone hard and black now" read as a lasting mark), when DIET
  is sure of it (``urgent_over_expected``, its best intent but the
  FallbackClassifier's), the message names the body or the treatment, and the
  patient denied nothing and said nothing is improving: on fresh text the
  rules mostly miss an urgent sign by reading it as an expected one ("greenish
  heads on the spots", "the herpes I get came back", "one side of my smile is
  lazy"), while DIET says urgent over an expected effect about twice in a
  thousand;
- an expected effect (level ``none``) becomes ``report_symptom`` only for a
  first-person report after treatment, or when DIET already said a report,
  so "will I bruise?" stays an FAQ question;
- the out-of-scope veto: a message (up to ``veto_max_words``) whose rule
  level rests on no body word of the face, the eyes, breathing or the skin
  and no treatment ("the kindle screen has a blurry patch", "lol you're
  killing me", "a rash of black dots on the bathroom ceiling"), and that the
  classifiers read as surely something else (their best other intent one of
  ``veto_intents``, out of scope, at ``veto_min_confidence`` or more) and
  almost surely not a report
  (all report intents together below ``veto_unanchored_mass`` with no body or
  symptom word at all, below ``veto_weak_mass`` with only a symptom word ("a
  rash", "the swelling"), a limb or a ``visit`` (a time or a session that names
  no treatment: "day 3 of waiting for my bag"); below ``veto_emergency_mass`` for either when the
  rules read an emergency), raises no alarm: the classifier's intent stands and the reasons say
  why. A word of the face, eyes, breathing, voice, skin or the treatment
  keeps the rules' level (a red flag buried in a long message is told with
  one), and so does an FAQ reading or an unsure classifier, and for a patient
  with a recorded treatment (the check-in hook's metadata) it never holds;
- ... except when the classifiers are all but sure it is no report (all report
  intents together below ``veto_sure_mass``, out of scope at
  ``veto_sure_confidence`` or more): then the veto holds whatever the words and
  the length ("my tongue went numb from the sichuan pepper while filming lol"),
  never with the treatment named nor for a patient with a recorded treatment.

Button payloads ("/affirm") are skipped: their intent is given, not predicted.
"""

from __future__ import annotations

import logging
from typing import Any

from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.nlu.classifiers.classifier import IntentClassifier
from rasa.nlu.extractors.extractor import EntityExtractorMixin
from rasa.shared.nlu.constants import (
    ENTITIES,
    ENTITY_ATTRIBUTE_END,
    ENTITY_ATTRIBUTE_START,
    ENTITY_ATTRIBUTE_TYPE,
    ENTITY_ATTRIBUTE_VALUE,
    EXTRACTOR,
    INTENT,
    INTENT_NAME_KEY,
    INTENT_RANKING_KEY,
    METADATA,
    PREDICTED_CONFIDENCE_KEY,
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import triage
from bot.levels import Level
from bot.nlu.ranking import set_intent
from bot.nlu.stored import ConfiguredComponent

logger = logging.getLogger(__name__)

TRIAGE_PROPERTY = "triage"
CONFIDENCE_ENTITY = "confidence_entity"  # the key DIET writes for an entity's confidence
MAX_REASONS = 20  # staff read them; the full list is in the logs
# A report intent dropped for want of any body word falls back to the next
# intent only if the classifier gave it this much; else out_of_scope.
DEMOTE_MIN_CONFIDENCE = 0.2
CHECKIN_METADATA = "checkin"  # bot.channels.checkin_hook.META_KEY (no channel import here)
FALLBACK = "nlu_fallback"  # the FallbackClassifier's intent: unsure, not an answer
TREATMENT_ANCHOR = triage.TREATMENT  # the anchor of a message that names the treatment


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=False,
)
class RedFlagDetector(ConfiguredComponent, IntentClassifier, EntityExtractorMixin):
    """Finds red-flag signs with rules and sets the report intent for their level."""

    @staticmethod
    def get_default_config() -> dict[str, Any]:
        return {
            "emergency_intent": "report_emergency",
            "urgent_intent": "report_urgent",
            "routine_intent": "report_routine",
            "symptom_intent": "report_symptom",
            "entity": "red_flag",
            # the out-of-scope veto (see the module docstring); 0 turns it off
            "veto_max_words": 150,
            "veto_unanchored_mass": 0.2,
            "veto_weak_mass": 0.1,
            # ... and for a rule reading of an emergency, with or without such a word
            "veto_emergency_mass": 0.3,
            "weak_anchors": ["symptom", "redness", "swelling", "limbs", "visit"],
            "veto_intents": ["out_of_scope"],
            "veto_min_confidence": 0.5,
            # ... and, whatever the words and the length, when the classifier is all but
            # sure: the report intents together below ``veto_sure_mass`` and its best other
            # intent one of ``veto_intents`` at ``veto_sure_confidence`` or more (never
            # with the treatment named; 0 turns it off)
            "veto_sure_mass": 0.1,
            "veto_sure_confidence": 0.8,
            # DIET's report_emergency where the rules found no sign and the message names
            # only these (a hand, "a bruise"): it stands at ``emergency_unanchored`` only
            "emergency_weak_anchors": ["limbs", "symptom"],
            # DIET's report_urgent over a rule reading of expected effects (1.0 turns it off)
            "urgent_over_expected": 0.7,
            # ... and over a rule reading of routine signs (1.0 turns it off)
            "urgent_over_routine": 0.7,
            # DIET's report_emergency over a rule reading of urgent or routine signs,
            # over one of expected effects, and with no body word at all (1.0 turns
            # each off)
            "emergency_over_rules": 0.65,
            "emergency_over_expected": 0.8,
            "emergency_unanchored": 0.9,
        }

    def __init__(self, config: dict[str, Any]) -> None:
        self.component_config = {**self.get_default_config(), **(config or {})}
        c = self.component_config
        self.level_intents = {
            "emergency": c["emergency_intent"],
            "urgent": c["urgent_intent"],
            "routine": c["routine_intent"],
        }
        self.intent_levels = {v: k for k, v in self.level_intents.items()}
        self.report_intents = set(self.level_intents.values()) | {c["symptom_intent"]}
        # Fail at start-up, not on a patient's message, if the rules are broken.
        triage.load_rules()
        triage.assess("warm up")

    def process(self, messages: list[Message]) -> list[Message]:
        for message in messages:
            try:
                self._process(message)
            except Exception:  # never lose the message; the classifiers' result stands
                logger.exception("RedFlagDetector failed on a message")
        return messages

    # ------------------------------------------------------------------
    def _process(self, message: Message) -> None:
        text = message.get(TEXT)
        if not isinstance(text, str) or text.lstrip().startswith("/"):
            return
        assessment = triage.assess(text)
        prior = dict(message.get(INTENT) or {})
        ranking = message.get(INTENT_RANKING_KEY)
        vetoed = None if _has_treatment(message) else self._veto(assessment, text, ranking)
        if vetoed:
            decision: dict[str, Any] = {"intent": None, "level": None, "source": "veto"}
            decision["vetoed"] = vetoed
        else:
            decision = self._decide(prior, assessment, text, ranking)
            self._add_entities(message, assessment)
        message.set(
            TRIAGE_PROPERTY, _triage_property(assessment, prior, decision), add_to_output=True
        )
        intent = decision["intent"]
        if intent and intent != prior.get(INTENT_NAME_KEY):
            set_intent(message, intent)
        elif (
            intent == self.component_config["emergency_intent"] and assessment.level == "emergency"
        ):
            set_intent(message, intent)  # the rules are sure: full confidence
        elif intent is None and decision.get("demote"):
            self._demote(message)
        logger.debug("triage %s -> %s (%s)", prior.get(INTENT_NAME_KEY), intent, decision["source"])

    def _veto(
        self, assessment: triage.Assessment, text: str, ranking: list[dict[str, Any]] | None
    ) -> str | None:
        """Why the rules' alarm on this message is vetoed as not a report, or None.

        Only a short message whose level rests on no strong body anchor, read by
        the intent classifier as almost surely something else (its report
        intents together below the limit); see the module docstring.
        """
        c = self.component_config
        if Level.parse(assessment.level) in (None, Level.NONE) or not ranking:
            return None
        mass = sum(
            float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            for r in ranking
            if r.get(INTENT_NAME_KEY) in self.report_intents
        )
        # the classifiers' own answer must be "about something else": an FAQ or a
        # questionnaire answer is about the treatment, so the rules stand there
        top = next(
            (r for r in ranking if r.get(INTENT_NAME_KEY) not in (*self.report_intents, FALLBACK)),
            {},
        )
        elsewhere = top.get(INTENT_NAME_KEY) in c["veto_intents"]
        top_confidence = float(top.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
        anchors = ", ".join(assessment.anchors) or "no body, symptom or treatment word"
        if (
            elsewhere
            and mass < float(c["veto_sure_mass"])
            and top_confidence >= float(c["veto_sure_confidence"])
            and TREATMENT_ANCHOR not in assessment.anchors
        ):
            # all but sure it is no report, whatever its words and length: "my tongue went
            # numb from the sichuan pepper while filming lol, how do I explain mala to
            # viewers?" (no patient's report in 44 blind rounds got so little)
            return (
                f"not a report: the rules read {assessment.level} with {anchors}, and the "
                f"intent classifier gave the report intents only {mass:.3f} in all "
                f"(it said {top.get(INTENT_NAME_KEY)} at {top_confidence:.2f})"
            )
        if len(text.split()) > int(c["veto_max_words"]):
            return None
        weak = set(c["weak_anchors"])
        if any(a not in weak for a in assessment.anchors):
            return None
        limit = float(c["veto_weak_mass"] if assessment.anchors else c["veto_unanchored_mass"])
        if Level.parse(assessment.level) is Level.EMERGENCY:
            # the classifier gives a real emergency told with no strong body word far
            # more report share than a request that only borrows its words
            limit = max(limit, float(c["veto_emergency_mass"]))
        if mass >= limit or not elsewhere:
            return None
        if top_confidence < float(c["veto_min_confidence"]):
            return None
        return (
            f"not a report: the rules read {assessment.level} with only {anchors}, and the "
            f"intent classifier gave the report intents {mass:.2f} in all "
            f"(it said {top.get(INTENT_NAME_KEY)})"
        )

    def _decide(
        self,
        prior: dict[str, Any],
        assessment: triage.Assessment,
        text: str,
        prior_ranking: list[dict[str, Any]] | None = None,
    ) -> dict[str, Any]:
        """The intent and level for this message, and which layer decided."""
        c = self.component_config
        current = prior.get(INTENT_NAME_KEY)
        rules = assessment.level
        said = self.intent_levels.get(current)  # DIET's level, if it said one
        # a body part, symptom or treatment named, or a sign above the expected
        # effects ("red" alone is in "cancel my table at Red Robin")
        has_body = (
            (assessment.anchored or assessment.ask or Level.parse(rules) not in (None, Level.NONE))
            and not _said_of_things(assessment)
            and not _other_business(assessment, said)
        )
        out: dict[str, Any] = {"intent": None, "level": rules, "source": "rules"}
        if rules == "emergency":
            out.update(
                intent=c["emergency_intent"], source="both" if said == "emergency" else "rules"
            )
            return out
        if said == "emergency":
            sure = self._classifier_best(prior_ranking, c["emergency_intent"])
            if not has_body:
                if (
                    rules is None
                    and not assessment.anchors
                    and not assessment.signs
                    and not assessment.other_business
                    and sure >= float(c["emergency_unanchored"])
                ):
                    # no body word, and the classifier is sure of an emergency: what a
                    # relative sees ("she doesn't know where she is")
                    out.update(intent=current, level="emergency", source="classifier")
                    out["classifier_said"] = (current, sure)
                    return out
                # no body part, symptom or treatment named: not a report at all
                out.update(level=None, demote=True)
                return out
            if (
                rules is None
                and assessment.ask
                and not assessment.anchored
                and sure < float(c["emergency_unanchored"])
            ):
                # the rules read only a sign that alone calls for the red-flag questions (a
                # pounding heart) and no body part or treatment is named: the classifier
                # must be as sure as with no sign at all ("lost sight of my daughter for a
                # minute and my heart was pounding" is a fright; the check still asks)
                out["intent"] = self._intent_for_rules(rules, assessment, text, current)
                out["overruled"] = "the intent classifier said report_emergency"
                return out
            if (
                rules in (None, "none")
                and assessment.anchors
                and set(assessment.anchors) <= set(c["emergency_weak_anchors"])
                and sure < float(c["emergency_unanchored"])
            ):
                # the rules found no sign above the expected effects and the message names
                # only a limb or a bare symptom word ("the cone was soggy and it collapsed in
                # my hand", "my mate's hand swelled up like a balloon"): none of the
                # emergencies of a facial treatment is told by a limb alone (a weak arm or
                # leg is a sign the rules read), so the classifier must be as sure as with
                # no body word at all
                if rules is None:
                    out.update(level=None, demote=True)
                else:
                    out["intent"] = self._intent_for_rules(rules, assessment, text, current)
                    out["overruled"] = "the intent classifier said report_emergency"
                return out
            if (
                not _emergency_denied(assessment)
                and not assessment.denied
                and (
                    (rules in ("urgent", "routine") and sure >= float(c["emergency_over_rules"]))
                    or (
                        rules == "none"
                        and sure >= float(c["emergency_over_expected"])
                        and not assessment.retracted
                    )
                )
            ):
                # the rules read a lesser level; the classifier is sure of an emergency
                # (on fresh text the rules miss an emergency mostly by reading a lesser
                # sign in it: "itchy welts ... and can't get a full breath in"); never
                # over expected effects where the writer took a strong word back ("he's
                # being very dramatic, says it's on fire ... it's pink and barely warm")
                out.update(intent=current, level="emergency", source="classifier")
                out["classifier_said"] = (current, sure)
                return out
            if (
                _emergency_denied(assessment)
                or rules in ("urgent", "routine")
                or (rules == "none" and not assessment.alarm_words)
            ):
                # DIET does not read negation ("no trouble breathing, just a bit
                # swollen") nor the treatment ("my smile is lopsided since the
                # double chin injections" is urgent): where the rules read the
                # signs and their level, they are the better judge. Over a reading
                # of expected effects DIET stands only with an emergency word.
                out["intent"] = self._intent_for_rules(rules, assessment, text, current)
                out["overruled"] = "the intent classifier said report_emergency"
                return out
            if (
                rules is None
                and not assessment.report_context
                and not triage.is_first_person_report(text)
            ):
                # a body part named and nothing wrong with it ("tongue twister")
                out.update(level=None, demote=True)
                return out
            if _only_a_visit(assessment) and sure < float(c["emergency_over_expected"]):
                # no sign and only a time or a session named ("missed my appointment at
                # the bank"): the classifier must be as sure as over expected effects
                out.update(level=None, demote=True)
                return out
            if rules is None and assessment.denied and sure < float(c["emergency_over_expected"]):
                # no sign read, and the patient said a function is normal ("a yellowish patch
                # under my eye ... my eye feels completely normal"): the classifier's emergency
                # rests on the words of what was just said to be fine, so unless it is as sure
                # as over expected effects its next report intent decides ("her tablets catch
                # halfway down, she's breathing fine and talking normally" is urgent)
                following = self._next_report(prior_ranking, c["emergency_intent"])
                if following in (c["urgent_intent"], c["routine_intent"]):
                    out.update(
                        intent=following, level=self.intent_levels[following], source="classifier"
                    )
                else:
                    out.update(intent=c["symptom_intent"], source="classifier")
                out["note"] = (
                    f"the intent classifier said report_emergency ({sure:.2f}), but the patient "
                    f"said {', '.join(assessment.denied)} normal and the rules read no sign: its "
                    f"next report intent decided ({out['intent']})"
                )
                return out
            out.update(intent=current, level="emergency", source="classifier")
            return out
        if rules == "routine" and has_body and not _read_as_calm(assessment):
            urgent = self._classifier_best(prior_ranking, c["urgent_intent"])
            if urgent >= float(c["urgent_over_routine"]):
                # the rules read a lasting sign; the classifier is sure of an urgent one (on
                # fresh text the rules miss an urgent sign by reading its lasting, milder form:
                # "one scab never fell off ... It's gone hard and black now")
                out.update(intent=c["urgent_intent"], level="urgent", source="classifier")
                out["classifier_said"] = ("report_urgent", urgent)
                return out
        if rules in ("urgent", "routine"):
            out.update(
                intent=self.level_intents[rules], source="both" if said == rules else "rules"
            )
            return out
        urgent = self._classifier_best(prior_ranking, c["urgent_intent"])
        if (
            rules == "none"
            and has_body
            and urgent >= float(c["urgent_over_expected"])
            and not _read_as_calm(assessment)
        ):
            # the rules read only expected effects; DIET is sure of an urgent report
            out.update(intent=c["urgent_intent"], level="urgent", source="classifier")
            out["classifier_said"] = ("report_urgent", urgent)
            return out
        if (
            rules is None
            and current in self.report_intents
            and has_body
            and not assessment.ask
            and said in ("urgent", "routine")
        ):
            if _only_a_visit(assessment):
                # no sign and only a time or a session named ("day 3 since I booked"):
                # not a report
                out.update(level=None, demote=True)
                return out
            # the rules found no level; DIET's report stands with a body anchor,
            # unless nothing says it is a report and an FAQ answer is next
            # ("is hyperpigmentation a possible side effect for darker skin?")
            if not triage.is_first_person_report(text) and self._next_is_faq(prior_ranking):
                out.update(level=None, demote=True)
                return out
            out.update(intent=current, level=said, source="classifier")
            return out
        if current in self.report_intents and not has_body and not assessment.signs:
            # a report with nothing bodily in it ("send me the teams link")
            out.update(level=None, demote=True)
            return out
        if said in ("urgent", "routine") and not has_body:
            # "cancel my table at Red Robin": a colour word is not a symptom
            out.update(level=None, demote=True)
            return out
        out["intent"] = self._intent_for_rules(rules, assessment, text, current)
        if out["intent"] == c["symptom_intent"] and rules is None:
            out["source"] = "classifier" if current in self.report_intents else "rules"
        return out

    def _intent_for_rules(
        self, level: str | None, assessment: triage.Assessment, text: str, current: str | None
    ) -> str | None:
        c = self.component_config
        if level in self.level_intents:
            return self.level_intents[level]
        if current in self.report_intents:
            return c["symptom_intent"] if current != c["symptom_intent"] else None
        if (
            level == "none"
            and current == "faq"
            and assessment.days is None
            and triage.asks_about_treatment(text)
        ):
            # expected effects only, no time since a treatment, and a question the
            # FAQ answers ("I'm scared of needles, how bad is the pain?", "a friend
            # got bumps, which side effects are normal?"): a question, not a report
            return None
        if level == "none" and triage.is_first_person_report(text):
            return c["symptom_intent"]
        if level is None and assessment.ask:
            return c["symptom_intent"]
        return None

    @staticmethod
    def _classifier_best(ranking: list[dict[str, Any]] | None, intent: str) -> float:
        """DIET's confidence in ``intent`` when it is DIET's best intent (the
        FallbackClassifier's ``nlu_fallback`` set aside: it only says DIET was unsure),
        else 0."""
        best = next((r for r in ranking or [] if r.get(INTENT_NAME_KEY) != FALLBACK), {})
        if best.get(INTENT_NAME_KEY) != intent:
            return 0.0
        return float(best.get(PREDICTED_CONFIDENCE_KEY) or 0.0)

    def _next_report(self, ranking: list[dict[str, Any]] | None, but: str) -> str | None:
        """The classifier's best report intent other than ``but``, or None."""
        return next(
            (
                str(r[INTENT_NAME_KEY])
                for r in ranking or []
                if r.get(INTENT_NAME_KEY) in self.report_intents and r.get(INTENT_NAME_KEY) != but
            ),
            None,
        )

    def _next_is_faq(self, ranking: list[dict[str, Any]] | None) -> bool:
        for r in ranking or []:
            name = r.get(INTENT_NAME_KEY)
            if name and name not in self.report_intents:
                return (
                    name == "faq"
                    and float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0) >= DEMOTE_MIN_CONFIDENCE
                )
        return False

    def _demote(self, message: Message) -> None:
        """A report intent with nothing bodily in the text: the next intent in the ranking."""
        ranking = message.get(INTENT_RANKING_KEY) or []
        for r in ranking:
            name = r.get(INTENT_NAME_KEY)
            confidence = float(r.get(PREDICTED_CONFIDENCE_KEY) or 0.0)
            if name and name not in self.report_intents and confidence >= DEMOTE_MIN_CONFIDENCE:
                set_intent(message, name, confidence=confidence, drop=self.report_intents)
                return
        set_intent(message, "out_of_scope", confidence=1.0, drop=self.report_intents)

    def _add_entities(self, message: Message, assessment: triage.Assessment) -> None:
        seen = set()
        entities = []
        for m in assessment.matches:
            if m["status"] != "counted" or m["sign"] in seen:
                continue
            seen.add(m["sign"])
            entities.append(
                {
                    ENTITY_ATTRIBUTE_TYPE: self.component_config["entity"],
                    ENTITY_ATTRIBUTE_VALUE: m["sign"],
                    ENTITY_ATTRIBUTE_START: m["start"],
                    ENTITY_ATTRIBUTE_END: m["end"],
                    CONFIDENCE_ENTITY: 1.0,
                    EXTRACTOR: self.name,
                }
            )
        if entities:
            message.set(ENTITIES, list(message.get(ENTITIES) or []) + entities, add_to_output=True)


def _has_treatment(message: Message) -> bool:
    """The patient has a recorded treatment: the check-in hook (bot/channels/checkin_hook.py)
    put its ``checkin`` metadata on the message (a client cannot forge it: the hook
    removes any it sent). The out-of-scope veto never holds for such a patient."""
    metadata = message.get(METADATA)
    return isinstance(metadata, dict) and bool(metadata.get(CHECKIN_METADATA))


def _other_business(assessment: triage.Assessment, said: str | None) -> bool:
    """The message is written to another business and the rules counted no sign in it
    ("the sandals from your store rubbed my feet raw"): a classifier's report on it is
    not one, unless it is an emergency told in an emergency's words ("the spray your
    cleaner used made me wheeze"), where the classifier's emergency stands."""
    if not assessment.other_business:
        return False
    return not (said == "emergency" and assessment.alarm_words)


def _only_a_visit(assessment: triage.Assessment) -> bool:
    """No sign, nothing to ask, and only a ``visit`` anchor: a time or a session that
    names no treatment ("day 3 since I booked", "my appointment at the bank")."""
    return (
        bool(assessment.anchors)
        and set(assessment.anchors) <= {triage.VISIT}
        and not assessment.signs
        and not assessment.ask
    )


def _said_of_things(assessment: triage.Assessment) -> bool:
    """Every sign above the expected effects the rules found was read as said of a
    thing ("rust blisters", "the boiler is wheezing", "fan in my PC is breathing"):
    or used figuratively ("the ref was blind", "breathless after the first km"):
    the body or symptom words of those signs are not an anchor for a report, so a
    classifier's report intent on them is not one either. A sign counted (an
    expected effect too: "my skin is a little pink ... ten minutes ago a headache
    slammed into ..."), negated or left for the questions keeps the message a
    report, and so does a message that names the treatment: there a thing's reading
    may be wrong ("half the ROOM has gone grey ... had vitamin injections at 4", "I
    FELL on the floor ... the injections was this afternoon": the classifier's
    emergency stood on each, rounds 45 and 47)."""
    if assessment.ask or any(m["status"] == "counted" for m in assessment.matches):
        return False
    if TREATMENT_ANCHOR in assessment.anchors:
        return False
    above = [m for m in assessment.matches if Level.parse(m.get("level")) not in (None, Level.NONE)]
    return any(m["status"] in _SAID_OF_THINGS for m in above) and all(
        m["status"] in _NOT_A_REPORT for m in above
    )


# "thing": said of a thing ("rust blisters"); "figurative": a figure of speech in a
# message with no treatment, body part or other symptom ("the ref was blind")
_SAID_OF_THINGS = frozenset({"thing", "figurative"})
_NOT_A_REPORT = _SAID_OF_THINGS | {"within"}


def _read_as_calm(assessment: triage.Assessment) -> bool:
    """The patient denied a sign or a function, or said a sign is going away ("not hot,
    not spreading", "swallowing fine", "the redness is fading"): the rules' reading of
    expected effects then stands over a classifier's urgent report."""
    return bool(assessment.negated or assessment.denied)  # negated holds the resolved signs too


def _emergency_denied(assessment: triage.Assessment) -> bool:
    """True if emergency signs were found in the text and every one was negated."""
    return any(
        (triage.sign_info(sign) or {}).get("level") == "emergency" for sign in assessment.negated
    )


def _triage_property(
    assessment: triage.Assessment, prior: dict[str, Any], decision: dict[str, Any]
) -> dict[str, Any]:
    slots = []
    for sid in assessment.signs:
        info = triage.sign_info(sid) or {}
        if info.get("prescreen_slot") and info["prescreen_slot"] not in slots:
            slots.append(info["prescreen_slot"])
    level = decision.get("level")
    reasons = list(assessment.reasons[:MAX_REASONS])
    if decision.get("note"):
        reasons.append(decision["note"])
    elif decision.get("classifier_said"):
        name, confidence = decision["classifier_said"]
        reasons.append(
            f"the intent classifier said {name} ({confidence:.2f}) over the rules' reading "
            "of expected effects"
        )
    elif decision.get("source") == "classifier" and Level.parse(level) is not None:
        reasons.append(
            f"the intent classifier said {prior.get(INTENT_NAME_KEY)} "
            f"({float(prior.get(PREDICTED_CONFIDENCE_KEY) or 0):.2f})"
        )
    elif decision.get("vetoed"):
        reasons.append(decision["vetoed"])
    elif decision.get("overruled"):
        reasons.append(
            f"{decision['overruled']} "
            f"({float(prior.get(PREDICTED_CONFIDENCE_KEY) or 0):.2f}); the rules decided"
        )
    return {
        "level": level,
        "signs": list(assessment.signs),
        "negated": list(assessment.negated),
        "denied": list(assessment.denied),
        "check": list(assessment.check),
        "days": assessment.days,
        "ask": assessment.ask,
        "reasons": reasons,
        "prescreen_slots": slots,
        "rules_level": assessment.level,
        "classifier": {
            "intent": prior.get(INTENT_NAME_KEY),
            "confidence": prior.get(PREDICTED_CONFIDENCE_KEY),
        },
        "source": decision.get("source"),
    }
