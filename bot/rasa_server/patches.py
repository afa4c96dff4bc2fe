"""Rasa 3.6.21 made cheaper: replies checked, events looked up, models loaded with less work."""

from __future__ import annotations

import logging
from typing import Any

log = logging.getLogger("bot.rasa_server")

# The one Rasa version whose internals fast_action_result_check was checked
# against (requirements.lock pins it); any other is left unpatched.
PATCHED_RASA = "3.6.21"


def fast_action_result_check(version: str | None = None) -> bool:
    """Check action-server replies with a validator built once; False if not patched.

    Rasa 3.6.21's ``RemoteAction._validate_action_result`` calls
    ``jsonschema.validate(reply, RemoteAction.action_response_format_spec())``
    for every reply. ``jsonschema.validate`` is ``cls = validator_for(schema);
    cls.check_schema(schema); error = best_match(cls(schema).iter_errors(reply));
    raise error if any``: it re-checks the schema (about 60 event sub-schemas)
    against the meta-schema and builds a new validator every time, 13-18 ms of
    the Rasa server's CPU per message (issue 17's profile), where checking the
    reply alone takes under 1 ms.

    Why building the validator once at start-up is safe, for Rasa 3.6.21
    exactly (read in its source):
    - the schema is a constant: ``action_response_format_spec`` is a
      staticmethod returning a new dict around the module constant
      ``rasa.shared.utils.schemas.events.EVENTS_SCHEMA``, which no code of
      Rasa's mutates, and it has no ``$ref``, so the validator's reference
      resolver (its only mutable state) is never used;
    - nothing overrides either method (no subclass of ``RemoteAction`` in Rasa
      3.6.21; the forms' validation actions are plain RemoteAction objects);
    - its only caller, ``RemoteAction.run``, calls it synchronously on the
      event loop and relies only on True or a raised
      ``jsonschema.ValidationError``; the replacement keeps both, the
      exception being the very one ``jsonschema.validate`` would raise
      (``best_match`` over the same errors) with Rasa's own text appended;
    - the schema is checked against its meta-schema here, once, as
      ``validate`` would: a broken schema fails at start-up, not per reply.
    Another version is not patched (its schema or caller may differ): a
    warning is logged and Rasa's own check stays.
    """
    import rasa
    from rasa.core.actions.action import RemoteAction

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning(
            "Rasa %s, not %s: action-server replies are checked by Rasa's own, "
            "slower validation (bot/rasa_server/patches.py)",
            found,
            PATCHED_RASA,
        )
        return False
    from jsonschema import exceptions, validators
    from rasa.shared.constants import DOCS_BASE_URL

    schema: dict[str, Any] = RemoteAction.action_response_format_spec()
    cls = validators.validator_for(schema)
    cls.check_schema(schema)
    validator = cls(schema)

    def _validate_action_result(self: Any, result: dict[str, Any]) -> bool:
        error = exceptions.best_match(validator.iter_errors(result))
        if error is None:
            return True
        error.message += (
            f". Failed to validate Action server response from API, "
            f"make sure your response from the Action endpoint is valid. "
            f"For more information about the format visit "
            f"{DOCS_BASE_URL}/custom-actions"
        )
        raise error

    _validate_action_result.__doc__ = (
        "Rasa's check, validator built once (bot/rasa_server/patches.py)."
    )
    RemoteAction._validate_action_result = _validate_action_result
    return True


def fast_event_lookup(version: str | None = None) -> bool:
    """Find an event's class by name in a table, not by walking every class; False if not patched.

    Rasa 3.6.21's ``Event.resolve_by_type(type_name, default=None)`` (called
    by ``Event.from_parameters`` for every event it reads: each event of a
    tracker loaded from the tracker store, each event an action returns)
    rebuilds the list of all Event subclasses, checking each with
    ``inspect.isabstract``, and returns the first whose ``type_name`` matches:
    22 % of the Rasa server's busy time in issue 17's profile.

    The table maps each ``type_name`` to that same first class, built from the
    same list (``rasa.shared.utils.common.all_subclasses(Event)``) in the same
    order. It is rebuilt whenever a subclass of Event is defined after it was
    made (a counter bumped by ``Event.__init_subclass__``, which Event does
    not otherwise define in 3.6.21), so a class defined later (``rasa test``
    defines some) is found exactly as before. A name no class has gives what
    it gave: None for the old "topic", else ``default``, else ValueError.
    Another Rasa version is not patched.
    """
    import rasa
    from rasa.shared.core.events import Event
    from rasa.shared.utils.common import all_subclasses

    found = version or rasa.__version__
    if found != PATCHED_RASA or "__init_subclass__" in vars(Event):
        log.warning("Rasa %s: events are looked up by Rasa's own, slower code", found)
        return False
    state: dict[str, Any] = {"defined": 0, "built": -1, "table": {}}

    def __init_subclass__(cls: Any, /, **kwargs: Any) -> None:
        state["defined"] += 1
        super(Event, cls).__init_subclass__(**kwargs)

    def resolve_by_type(type_name: str, default: type | None = None) -> type | None:
        if state["built"] != state["defined"]:
            table: dict[str, type] = {}
            for cls in all_subclasses(Event):
                table.setdefault(cls.type_name, cls)
            state.update(table=table, built=state["defined"])
        cls = state["table"].get(type_name)
        if cls is not None:
            return cls
        if type_name == "topic":
            return None  # backwards compatibility to support old TopicSet evts
        if default is not None:
            return default
        raise ValueError(f"Unknown event name '{type_name}'.")

    resolve_by_type.__doc__ = "Rasa's lookup from a table (bot/rasa_server/patches.py)."
    Event.__init_subclass__ = classmethod(__init_subclass__)
    Event.resolve_by_type = staticmethod(resolve_by_type)
    return True


def lean_model_load(version: str | None = None) -> bool:
    """Load DIET and the ResponseSelector without a training step; False if not patched.

    Rasa 3.6.21's ``RasaModel.load`` (rasa/utils/tensorflow/models.py) builds
    an empty model, compiles it with an Adam optimizer and trains it for one
    step on one example, only so that its variables exist ("need to train on 1
    example to build weights of the correct size"), then loads the trained
    weights over them and runs one prediction to trace the inference graph.
    The training step also makes Adam's two slots for every weight, a traced
    training graph and the gradients: nothing a prediction uses, and here 400
    of the Rasa server's 840 MB of heap (the ResponseSelector's 12,000 x 512
    sparse-to-dense kernels and their slots).

    Instead, the model computes its loss once on the same example, eagerly and
    without a gradient tape (what ``train_step`` computes inside its tape):
    that makes the same variables, which ``load_weights`` then overwrites from
    the checkpoint, all of them; the optimizer's entries in the checkpoint are
    left unread (``expect_partial``). The prediction that traces the inference
    graph is Rasa's own. Measured on our model: the parse of 4,476 texts
    (every training and dev example, empty, emoji, 300 characters, markup) is
    byte-identical to Rasa's loading; a test checks a sample.
    ``finetune_mode`` (``rasa train --finetune``, which needs the optimizer)
    and other Rasa versions keep Rasa's own ``load``.
    """
    import rasa

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning("Rasa %s: models are loaded by Rasa's own code, with a training step", found)
        return False
    from rasa.utils.tensorflow import models
    from rasa.utils.tensorflow.data_generator import RasaBatchDataGenerator

    rasas_own = models.RasaModel.load.__func__

    def load(
        cls: Any,
        model_file_name: str,
        model_data_example: Any,
        predict_data_example: Any = None,
        finetune_mode: bool = False,
        *args: Any,
        **kwargs: Any,
    ) -> Any:
        if finetune_mode:
            return rasas_own(
                cls,
                model_file_name,
                model_data_example,
                predict_data_example,
                finetune_mode,
                *args,
                **kwargs,
            )
        model = cls(*args, **kwargs)
        batch_in = RasaBatchDataGenerator(model_data_example, batch_size=1)[0][0]
        model._training = True  # as in train_step, around the same batch_loss
        model.batch_loss(batch_in)
        model._training = None
        model.load_weights(model_file_name).expect_partial()
        if predict_data_example:
            model.run_inference(predict_data_example)
        return model

    load.__doc__ = "Rasa's load without the training step (bot/rasa_server/patches.py)."
    models.RasaModel.load = classmethod(load)
    return True


def domain_without_responses(version: str | None = None) -> bool:
    """Send the forms' validate_* actions the domain without its responses; False if not patched.

    With ``enable_selective_domain`` (endpoints.yml) Rasa 3.6.21 sends the
    domain only to the actions that read it, the forms' ``validate_*``
    actions, but then all of it (``RemoteAction._action_call_format`` puts
    ``domain.as_dict()`` in the body): 58 kB of JSON, 51 kB of which are the
    responses' texts, written by the Rasa server and read by the action
    server for every answer to a form question. rasa-sdk's form validation
    reads the domain's ``slots`` and ``forms`` only, and a response is
    rendered by Rasa, never by the action server (``utter_message(response=)``
    sends its name). So the body keeps every key of the domain but
    ``responses``; everything else in it is Rasa's. Other versions are not
    patched.
    """
    import rasa

    found = version or rasa.__version__
    if found != PATCHED_RASA:
        log.warning("Rasa %s: the whole domain goes to the validate_* actions", found)
        return False
    from rasa.core.actions.action import RemoteAction

    rasas_format = RemoteAction._action_call_format

    def _action_call_format(self: Any, tracker: Any, domain: Any) -> dict[str, Any]:
        body: dict[str, Any] = rasas_format(self, tracker, domain)
        sent = body.get("domain")
        if isinstance(sent, dict) and "responses" in sent:
            body["domain"] = {k: v for k, v in sent.items() if k != "responses"}
        return body

    _action_call_format.__doc__ = "Rasa's body, the domain without responses (patches.py)."
    RemoteAction._action_call_format = _action_call_format
    return True
