"""Check-in words and data: the replies that close a check-in carry the safety net and
read easily; "delete my data" and retention cover the check-ins."""

from __future__ import annotations

from bot import checkins, store
from bot.checkins import FakeClock
from tests.knowledge_text import faq_text
from tests.test_actions import run
from tests.test_checkins_replies import quiet_staff, tracker_for, treated  # noqa: F401

# ------------------------------------------------------------ the words (clinical note)


def test_replies_that_close_a_check_in_carry_the_safety_net_first_and_read_easily():
    from bot import knowledge
    from tests.test_readability import MAX_GRADE, MAX_SENTENCE_WORDS, grade, sentences

    net = knowledge.safety_text()
    first = knowledge.safety_text(knowledge.safety_net_data()["net"][0])
    settings = checkins.settings()
    fine = settings.fine_reply() + "\n\n" + faq_text("aftercare")  # always together
    for text in (settings.opt_out_reply(), fine):
        assert net in text
        assert len(text[: text.find(first)].split()) <= 35  # warning signs near the top
        assert grade(text) <= MAX_GRADE
        assert all(len(s.split()) <= MAX_SENTENCE_WORDS for s in sentences(text))
    for spec in settings.schedule:
        assert grade(settings.message(spec.kind)) <= MAX_GRADE


# ------------------------------------------------------------ retention, "delete my data"


def test_delete_my_data_removes_the_check_ins_too(data_dir):
    from actions.privacy import ActionDeleteMyData

    clock = FakeClock(store.now())
    t = treated(clock, 1)
    run(ActionDeleteMyData(), tracker_for("delete my data", None, intent="delete_my_data"))
    assert checkins.get_treatment(t["id"]) is None


def test_retention_purges_finished_check_ins(data_dir, monkeypatch):
    from bot import retention

    monkeypatch.setattr(retention, "purge_transcripts", lambda days, gateway=None: 0)
    clock = FakeClock(store.now())
    old = treated(clock, 24 * 30)
    checkins.cancel("staff", clock, treatment_id=old["id"])
    recent = treated(clock, 1, cid="tg-999")
    result = retention.run(days=7)
    assert result["checkin_treatments"] == 1
    assert checkins.get_treatment(old["id"]) is None
    assert checkins.get_treatment(recent["id"]) is not None
