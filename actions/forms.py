"""``FreeTextFormValidation``: one validator method for every slot of a form.

rasa-sdk calls ``validate_<slot>`` for each slot a form fills. A form whose
slots come from a rules file (the pre-screen's questions, the red-flag
questions) cannot spell those methods out, so this base answers them all:
a subclass says which slots it ``handles`` and writes one ``validate_free_text``.
"""

from __future__ import annotations

import abc
import functools
from collections.abc import Callable
from typing import Any

from rasa_sdk import FormValidationAction, Tracker
from rasa_sdk.executor import CollectingDispatcher
from rasa_sdk.types import DomainDict

PREFIX = "validate_"


class FreeTextFormValidation(FormValidationAction):
    """A form validator whose ``validate_<slot>`` methods are made on demand.

    Abstract (``handles``), so rasa-sdk, which registers every subclass of
    ``Action`` it finds, registers only the forms built on it.
    """

    @abc.abstractmethod
    def handles(self, slot: str) -> bool:
        """Whether ``validate_free_text`` reads this slot."""

    #: ``validate_free_text(slot, value, dispatcher, tracker, domain)``, written by
    #: the subclass: the slot events for ``value``, the reply to the question ``slot``.
    validate_free_text: Callable[
        [str, Any, CollectingDispatcher, Tracker, DomainDict], dict[str, Any]
    ]

    def __getattr__(self, name: str) -> Any:
        # Called only for attributes that do not exist: rasa-sdk's getattr of
        # "validate_<slot>" lands here for every slot without its own method.
        slot = name[len(PREFIX) :] if name.startswith(PREFIX) else ""
        if slot and self.handles(slot):
            return functools.partial(self.validate_free_text, slot)
        raise AttributeError(name)
