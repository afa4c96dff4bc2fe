"""What our Rasa NLU components share: built from config alone, or trained,
written to Rasa's model storage and read back.

``ConfiguredComponent``: a component with nothing to learn (FaqAnswerGate).
``StoredComponent``: a component that learns one object (``self.model``),
written to one file of its resource (``FILENAME``) by ``write_model`` and read
by ``read_model`` (joblib unless a subclass says otherwise). A resource
without the file (an untrained component) loads with ``model`` None: the
component then reads nothing rather than guess.
"""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rasa.engine.graph import ExecutionContext, GraphComponent
from rasa.engine.storage.resource import Resource
from rasa.engine.storage.storage import ModelStorage
from rasa.shared.nlu.constants import TEXT
from rasa.shared.nlu.training_data.message import Message


def texts_to_read(messages: list[Message]) -> Iterator[tuple[Message, str]]:
    """(message, text) for each message with words to read: not empty, not a
    button payload ("/start_prescreen"), whose intent is given, not predicted."""
    for message in messages:
        text = message.get(TEXT) or ""
        if text.strip() and not text.startswith("/"):
            yield message, text


class ConfiguredComponent(GraphComponent):
    """A component made from its config alone."""

    def __init__(self, config: dict[str, Any]) -> None:
        self.config = {**self.get_default_config(), **config}

    @classmethod
    def create(
        cls,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        execution_context: ExecutionContext,
    ) -> Any:
        return cls.made(config, model_storage, resource)

    @classmethod
    def made(cls, *parts: Any) -> Any:
        """The component from (config, model storage, resource[, model]):
        ``create`` and ``load`` call it; this one needs the config alone."""
        return cls(parts[0])


class StoredComponent(ConfiguredComponent):
    """A component that learns ``model`` and keeps it in one file."""

    FILENAME = "model.joblib"

    def __init__(
        self,
        config: dict[str, Any],
        model_storage: ModelStorage,
        resource: Resource,
        model: Any = None,
    ) -> None:
        super().__init__(config)
        self._model_storage = model_storage
        self._resource = resource
        self.model = model

    @classmethod
    def made(cls, *parts: Any) -> Any:
        """The component from (config, model storage, resource): Rasa's ``load``
        calls ``create``, so both read the stored model here, None before
        training has written it."""
        config, model_storage, resource = parts[:3]
        return cls(config, model_storage, resource, cls.stored_model(model_storage, resource))

    @classmethod
    def stored_model(cls, model_storage: ModelStorage, resource: Resource) -> Any:
        try:
            with model_storage.read_from(resource) as path:
                return cls.read_model(path / cls.FILENAME)
        except (ValueError, FileNotFoundError):
            return None  # untrained: read nothing rather than guess

    def persist(self, model: Any) -> Resource:
        """Keep ``model`` as this component's and write it to its resource."""
        self.model = model
        with self._model_storage.write_to(self._resource) as path:
            self.write_model(model, path / self.FILENAME)
        return self._resource

    @classmethod
    def read_model(cls, path: Path) -> Any:
        import joblib

        return joblib.load(path)

    @classmethod
    def write_model(cls, model: Any, path: Path) -> None:
        import joblib

        joblib.dump(model, path)
