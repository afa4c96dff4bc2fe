"""RedFlagDetector: the rule layer that makes a red flag win over the classifiers.

It runs last in the NLU pipeline (after DIET, the ResponseSelector, the
FallbackClassifier and the FaqAnswerGate). For each message it calls
``bot.triage.assess`` (spaCy blank("en") Matcher rules from
``knowledge/red_flags.yml``) and:

* adds one ``red_flag`` entity per counted (not negated) sign:
  ``{"entity": "red_flag", "value": <sign id>, "start", "end",
  "confidence_entity": 1.0, "extractor": "RedFlagDetector"}``;
* adds the output property ``triage``:
  ``{"level", "signs", "negated", "prescreen_slots"}`` (level None when no
  symptom was found);
* overrides the intent, keeping the previous one in ``intent_ranking``:
  - an emergency sign -> ``report_emergency`` at 1.0, whatever came before
    (faq, nlu_fallback, an answer inside a questionnaire...). The domain maps
    that intent to ``triage_level = emergency`` inside the Rasa server, so the
    slot is set on this very message even if the action server is down;
  - an urgent or routine sign -> ``report_symptom`` at 1.0, unless the intent
    is already ``report_emergency``;
  - only expected effects (level ``none``) -> ``report_symptom`` only for a
    first-person report after treatment (``bot.triage.is_first_person_report``:
    a first-person word and a treatment/time word), or if the classifier already
    said a report intent. So "will I bruise?" and "is swelling normal?" stay FAQ
    questions while "my face is swollen since yesterday" is a report.

Button payloads ("/affirm") are skipped: their intent is given, not predicted.
"""
from __future__ import annotations

import logging
from typing import Any, Dict, List, Optional, Text

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.recipes.default_recipe import DefaultV1Recipe
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
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
    TEXT,
)
from rasa.shared.nlu.training_data.message import Message

from bot import triage
from bot.nlu.ranking import set_intent

logger = logging.getLogger(__name__)

TRIAGE_PROPERTY = "triage"
CONFIDENCE_ENTITY = "confidence_entity"  # the key DIET writes for an entity's confidence


@DefaultV1Recipe.register(
    [
        DefaultV1Recipe.ComponentType.INTENT_CLASSIFIER,
        DefaultV1Recipe.ComponentType.ENTITY_EXTRACTOR,
    ],
    is_trainable=False,
)
class RedFlagDetector(GraphComponent, IntentClassifier, EntityExtractorMixin):
    """Finds red-flag signs with rules and forces the report intents."""

    @staticmethod
    def get_default_config() -> Dict[Text, Any]:
        return {
            "emergency_intent": "report_emergency",
            "symptom_intent": "report_symptom",
            "entity": "red_flag",
        }

    def __init__(self, config: Dict[Text, Any]) -> None:
        self.component_config = {**self.get_default_config(), **(config or {})}
        # Fail at start-up, not on a patient's message, if knowledge/red_flags.yml is broken.
        triage.load_rules()
        triage.assess("warm up")

    @classmethod
    def create(
        cls,
        config: Dict[Text, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> "RedFlagDetector":
        return cls(config)

    def process(self, messages: List[Message]) -> List[Message]:
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
        self._add_entities(message, assessment)
        message.set(TRIAGE_PROPERTY, _triage_property(assessment), add_to_output=True)
        new_intent = self._intent_for(message, assessment, text)
        if new_intent:
            set_intent(message, new_intent)

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

    def _intent_for(
        self, message: Message, assessment: triage.Assessment, text: str
    ) -> Optional[str]:
        """The intent to force, or None to keep the classifiers' answer."""
        emergency = self.component_config["emergency_intent"]
        symptom = self.component_config["symptom_intent"]
        current = (message.get(INTENT) or {}).get(INTENT_NAME_KEY)
        level = assessment.level
        if level == "emergency":
            return emergency
        if current == emergency and _emergency_only_negated(assessment):
            # DIET does not read negation: "no trouble breathing, just a bit
            # swollen" looks like an emergency to it. The rule layer found
            # the emergency signs and found them denied, so it is the better
            # judge; without that explicit evidence DIET's emergency stands.
            return symptom
        if level in ("urgent", "routine"):
            return None if current == emergency else symptom
        if level == "none":
            if current in (emergency, symptom):
                return None
            if triage.is_first_person_report(text):
                return symptom
        return None


def _emergency_only_negated(assessment: triage.Assessment) -> bool:
    """True if emergency signs were found in the text, and every one was negated."""
    return any((triage.sign_info(sign) or {}).get("level") == "emergency"
               for sign in assessment.negated)


def _triage_property(assessment: triage.Assessment) -> Dict[str, Any]:
    slots = []
    for sid in assessment.signs:
        info = triage.sign_info(sid) or {}
        if info.get("prescreen_slot") and info["prescreen_slot"] not in slots:
            slots.append(info["prescreen_slot"])
    return {
        "level": assessment.level,
        "signs": list(assessment.signs),
        "negated": list(assessment.negated),
        "prescreen_slots": slots,
    }

