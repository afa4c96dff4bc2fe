"""The disclaimer on the first reply of every conversation (bot/nlu/nlg.py).

These tests drive Rasa's own code paths with the real responses from
knowledge/: a response chosen by a rule (``ActionBotResponse``, as for the
emergency advice, which works without the action server) and responses asked
for by a custom action (``RemoteAction._utter_responses``, what Rasa does with
an action server's reply). tests/e2e/test_disclaimer_channels.py checks the
same on the running bot through REST, the widget, Telegram and both WhatsApp
channels.
"""

from __future__ import annotations

import asyncio

import pytest
import yaml
from rasa.core.actions.action import ActionBotResponse, RemoteAction
from rasa.core.channels.channel import CollectingOutputChannel
from rasa.core.nlg import NaturalLanguageGenerator, TemplatedNaturalLanguageGenerator
from rasa.shared.core.domain import Domain
from rasa.shared.core.events import ActionExecuted, BotUttered, SessionStarted, UserUttered
from rasa.shared.core.trackers import DialogueStateTracker
from rasa.utils.endpoints import EndpointConfig, read_endpoint_config

from bot import config, knowledge
from bot.nlu import nlg
from bot.nlu.nlg import DisclaimerNLG, is_first_reply

ROOT = config.ROOT


@pytest.fixture(scope="module")
def domain() -> Domain:
    return Domain.from_dict({"responses": knowledge.responses()})


@pytest.fixture
def generator(domain) -> DisclaimerNLG:
    return DisclaimerNLG(domain=domain)


def disclaimer() -> str:
    return knowledge.reply("utter_disclaimer")[0]["text"].strip()


def fresh(sender: str = "pat", *user_texts: str) -> DialogueStateTracker:
    events = [
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
    ]
    for text in user_texts or ("hello",):
        events.append(UserUttered(text))
    return DialogueStateTracker.from_events(sender, events)


def say(action_name: str, tracker, generator, domain) -> str:
    events = asyncio.run(
        ActionBotResponse(action_name).run(CollectingOutputChannel(), generator, tracker, domain)
    )
    [bot] = [e for e in events if isinstance(e, BotUttered)]
    return bot.text


# ---------------------------------------------------------------- the text


def test_the_disclaimer_says_automated_general_information_and_emergency_number():
    text = disclaimer().lower()
    assert "automated assistant" in text
    assert "general information" in text and "not medical advice" in text
    assert str(config.clinic()["emergency_number"]) in text
    assert len(text.split()) <= 30


# ---------------------------------------------------------------- when it is said


@pytest.mark.parametrize(
    "response",
    ["utter_greet", "utter_faq/pain", "utter_out_of_scope", "utter_triage_none", "utter_default"],
)
def test_the_first_reply_ends_with_the_disclaimer_once(response, generator, domain):
    text = say(response, fresh(), generator, domain)
    assert text.endswith("\n\n" + disclaimer())
    assert text.count(disclaimer()) == 1
    body = text[: -len(disclaimer())].rstrip()
    assert body == knowledge.responses()[response][0]["text"].strip() or response == "utter_greet"


def test_later_replies_do_not_repeat_it(generator, domain):
    tracker = fresh()
    first = say("utter_greet", tracker, generator, domain)
    tracker.update(BotUttered(first))
    tracker.update(UserUttered("does it hurt"))
    assert disclaimer() not in say("utter_faq/pain", tracker, generator, domain)


def test_a_new_session_gets_it_again(generator, domain):
    tracker = fresh()
    tracker.update(BotUttered(say("utter_greet", tracker, generator, domain)))
    for event in (
        ActionExecuted("action_session_start"),
        SessionStarted(),
        ActionExecuted("action_listen"),
        UserUttered("hi again"),
    ):
        tracker.update(event)
    assert is_first_reply(tracker)
    assert say("utter_greet", tracker, generator, domain).endswith(disclaimer())


def test_a_staff_message_counts_as_said(generator, domain):
    tracker = fresh()
    tracker.update(BotUttered("Hello, this is Ana from the clinic.", metadata={"staff": "Ana"}))
    tracker.update(UserUttered("thanks"))
    assert not is_first_reply(tracker)
    assert disclaimer() not in say("utter_thank", tracker, generator, domain)


def test_the_emergency_advice_comes_first_and_the_disclaimer_last(generator, domain):
    """The advice is chosen by a rule: no action server is involved."""
    tracker = fresh("pat", "my vision went blurry after the injections")
    text = say("utter_emergency_advice", tracker, generator, domain)
    advice = knowledge.reply("utter_emergency_advice")[0]["text"]
    assert text.startswith(advice)
    first_line = text.split("\n\n")[0]
    assert first_line.startswith("Call " + str(config.clinic()["emergency_number"]))
    assert text.index(disclaimer()) > len(advice)


def test_several_messages_from_one_custom_action_get_it_once(generator):
    """What Rasa does with an action server's reply of two responses (e.g. a
    triage reply and the handoff note): the same tracker for both."""
    tracker = fresh("pat", "the area is hot and oozing")
    responses = [
        {"response": "utter_triage_urgent", "buttons": []},
        {"response": "utter_triage_handoff", "buttons": []},
    ]
    bots = asyncio.run(
        RemoteAction._utter_responses(responses, CollectingOutputChannel(), generator, tracker)
    )
    texts = [b.text for b in bots]
    assert texts[0].endswith(disclaimer())
    assert disclaimer() not in texts[1]
    assert sum(t.count(disclaimer()) for t in texts) == 1


def test_an_action_that_adds_buttons_keeps_them(generator):
    tracker = fresh("pat", "does it hurt")
    buttons = [{"title": "Side effects", "payload": "/faq"}]
    [bot] = asyncio.run(
        RemoteAction._utter_responses(
            [{"response": "utter_faq/pain", "buttons": buttons}],
            CollectingOutputChannel(),
            generator,
            tracker,
        )
    )
    assert bot.text.endswith(disclaimer())
    # FAQ responses carry their own buttons (bot.faq.answer_buttons); Rasa adds
    # the action's after them
    assert bot.data["buttons"][-len(buttons) :] == buttons


def test_each_conversation_is_counted_on_its_own(generator, domain):
    a, b = fresh("a"), fresh("b")
    assert say("utter_greet", a, generator, domain).endswith(disclaimer())
    assert say("utter_greet", b, generator, domain).endswith(disclaimer())


def test_without_the_response_in_the_model_the_text_comes_from_knowledge(domain):
    responses = {k: v for k, v in domain.responses.items() if k != "utter_disclaimer"}
    generator = DisclaimerNLG(responses=responses)
    text = say("utter_greet", fresh(), generator, Domain.from_dict({"responses": responses}))
    assert text.endswith(disclaimer())


def test_a_failure_never_loses_the_reply(generator, domain, monkeypatch):
    def broken(*_a, **_k):
        raise RuntimeError("boom")

    monkeypatch.setattr(nlg, "is_first_reply", broken)
    text = say("utter_greet", fresh(), generator, domain)
    assert text == knowledge.reply("utter_greet")[0]["text"]


# ---------------------------------------------------------------- wiring


def test_endpoints_yml_names_the_generator_and_rasa_builds_it(domain, monkeypatch, tmp_path):
    monkeypatch.setenv("BOT_DATA_DIR", str(tmp_path))
    monkeypatch.setenv("ACTION_PORT", "5055")
    monkeypatch.setenv("ACTION_SERVER_TOKEN", "test-action-token")
    endpoints = yaml.safe_load((ROOT / "endpoints.yml").read_text())
    assert endpoints["nlg"]["type"] == "bot.nlu.nlg.DisclaimerNLG"
    cfg = read_endpoint_config(str(ROOT / "endpoints.yml"), "nlg")
    assert isinstance(cfg, EndpointConfig)
    made = NaturalLanguageGenerator.create(cfg, None)  # as `rasa run` does, before the model
    assert isinstance(made, DisclaimerNLG)
    # Agent.load_model then gives it the model's responses because it is templated.
    assert isinstance(made, TemplatedNaturalLanguageGenerator) and made.responses == {}
    made.responses = domain.responses
    assert say("utter_greet", fresh(), made, domain).endswith(disclaimer())


def test_the_widget_notice_says_the_same():
    widget = (ROOT / "bot/widget/static/widget.js").read_text(encoding="utf-8")
    assert "automated assistant" in widget and "not medical advice" in widget
