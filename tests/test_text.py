"""The shared readers (bot/text): normalising, clauses, number words, the yes/no
reader without listed terms (as the red-flag questions use it), ``never_raises``,
and knowledge/reading.yml, where every word they understand lives."""

from __future__ import annotations

import ast
import logging
from pathlib import Path

import pytest
import yaml

from bot import config, text
from bot.text import lexicon

# ================================================================ normalising


@pytest.mark.parametrize(
    "raw,expected",
    [
        ("Yes", "yes"),
        ("  Café  ", "  cafe  "),
        ("I\u2019m fine", "i'm fine"),
        ("\uff13\uff14", "34"),  # full-width digits (NFKC)
        ("", None),
        ("   ", None),
        ("x" * (text.MAX_TEXT + 1), None),
        ("\u202eyes", None),  # a bidirectional override: it may not read as it looks
        ("a\x00b", None),
        (None, None),
        (42, None),
    ],
)
def test_normalise(raw, expected):
    assert text.normalise(raw) == expected


def test_clauses_end_at_punctuation_and_turning_words():
    parts = text.clauses(
        text.normalise("No, but I take fish oil and I'm fine apart from hay fever")
    )
    assert [(c.tokens, c.contrast) for c in parts] == [
        (["no"], False),
        (["i", "take", "fish", "oil"], True),
        (["i'm", "fine"], False),
        (["hay", "fever"], True),
    ]


@pytest.mark.parametrize(
    "raw,token",
    [("yesss", "yes"), ("mum's", "mum"), ("it's", "it's"), ("dont", "don't"), ("nah", "nope")],
)
def test_a_word_is_read_as_the_lists_spell_it(raw, token):
    assert text.words_of(raw) == (token,)


def test_negation():
    assert text.is_negation("never") and text.is_negation("haven't")
    assert not text.is_negation("know")
    assert text.has_negation(["i", "don't", "know"])


# ================================================================ numbers


@pytest.mark.parametrize(
    "words,value",
    [
        ("seven", 7),
        ("thirty one", 31),
        ("fourty", 40),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("nineteen", 19),
        ("twenty zero", None),
        ("twenty twenty", None),
        ("two hundred", None),
        ("thirty and a half", None),
        ("", None),
    ],
)
def test_words_number(words, value):
    assert text.words_number(words.split()) == value


def test_the_number_table_is_the_file():
    data = yaml.safe_load(lexicon.READING_PATH.read_text(encoding="utf-8"))["numbers"]
    table = {**data["units"], **data["teens"], **data["tens"]}
    assert dict(text.number_words()) == table
    assert all(text.is_number_word(w) for w in [*table, "hundred"])


# ================================================================ yes/no without listed terms


@pytest.mark.parametrize(
    "reply,value,unsure",
    [
        ("yes", True, False),
        ("yeah I think so", True, False),
        ("/affirm", True, False),
        ("nope", False, False),
        ("no never", False, False),
        ("not that I know of", False, False),
        ("not sure", None, True),
        ("skip", None, True),
        ("what do you mean?", None, False),
        ("yes and no", None, False),
        ("I take warfarin", None, False),  # nothing listed: not a clear yes or no
        ("😀", None, False),
    ],
)
def test_the_yes_no_reader_alone(reply, value, unsure):
    answer = text.read_yes_no(reply)
    assert (answer.value, answer.unsure) == (value, unsure), answer


def test_listed_terms_make_a_yes_with_detail():
    index = text.TermIndex(
        [(text.Entry("meds", "blood thinner", text.LISTED, False), ["warfarin"])]
    )
    answer = text.read_yes_no("I take warfarin", "meds", index)
    assert (answer.value, answer.detail) == (True, "warfarin (blood thinner)")
    assert answer.terms == [("meds", "blood thinner")]
    assert text.read_yes_no("I don't take warfarin", "meds", index).value is False


# ================================================================ never_raises


def test_never_raises_returns_the_default_and_logs(caplog):
    @text.never_raises(default=-1, message="could not count")
    def count(reply: str) -> int:
        raise RuntimeError(reply)

    with caplog.at_level(logging.ERROR):
        assert count("boom") == -1
    assert count.__name__ == "count"
    (record,) = caplog.records
    assert record.getMessage() == "could not count" and record.exc_info is not None


def test_never_raises_gives_a_fresh_default_from_a_factory():
    @text.never_raises(factory=list)
    def broken() -> list[str]:
        raise ValueError

    first = broken()
    first.append("changed")
    assert broken() == []


def test_never_raises_lets_listed_errors_through():
    class Broken(ValueError):
        pass

    @text.never_raises(default=None, let_through=(Broken,))
    def load() -> None:
        raise Broken("the rules file is malformed")

    with pytest.raises(Broken):
        load()


# ================================================================ knowledge/reading.yml


def _reading() -> dict:
    return yaml.safe_load(lexicon.READING_PATH.read_text(encoding="utf-8"))


def test_every_whole_answer_in_the_file_reads_as_it_says():
    yes_no = _reading()["yes_no"]
    assert [w for w in yes_no["whole_yes"] if text.read_yes_no(w).value is not True] == []
    assert [w for w in yes_no["whole_no"] if text.read_yes_no(w).value is not False] == []
    assert [w for w in yes_no["unsure"] if not text.read_yes_no(w).unsure] == []
    assert [w for w in yes_no["whole_skip"] if not text.is_skip(w)] == []


@pytest.mark.parametrize(
    "change,message",
    [
        (lambda d: d["yes_no"]["whole_yes"].append(True), r"yes_no -> whole_yes -> \d+: str type"),
        (lambda d: d["negation"].append("Never"), r"negation -> \d+: 'Never': write entries in"),
        (lambda d: d["clauses"].update(contrast_words=[]), r"clauses -> contrast_words: extra"),
        (lambda d: d["numbers"]["units"].update(one="1"), r"numbers -> units -> one: value is not"),
        (lambda d: d.pop("spelling"), r"spelling: field required"),
    ],
)
def test_a_broken_word_file_is_refused_with_the_place(tmp_path, monkeypatch, change, message):
    data = _reading()
    change(data)
    path = tmp_path / "reading.yml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    monkeypatch.setattr(lexicon, "READING_PATH", path)
    text.reload()
    try:
        with pytest.raises(text.ReadingError, match=message):
            text.words()
    finally:
        monkeypatch.undo()
        text.reload()


def _word_lists_in(path: Path) -> list[str]:
    """Literal collections of 8 or more strings: word lists that belong in knowledge/."""
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        items = node.keys if isinstance(node, ast.Dict) else getattr(node, "elts", None)
        if isinstance(node, (ast.Set, ast.List, ast.Tuple, ast.Dict)) and items is not None:
            strings = [i for i in items if isinstance(i, ast.Constant) and isinstance(i.value, str)]
            if len(strings) >= 8:
                found.append(f"{path.name}:{node.lineno}")
    return found


def test_the_readers_keep_no_word_lists_in_code():
    """The words are data (knowledge/reading.yml, knowledge/prescreen_reading.yml)."""
    modules = sorted((config.ROOT / "bot" / "text").glob("*.py")) + sorted(
        (config.ROOT / "bot" / "prescreen").glob("*.py")
    )
    assert modules
    assert [hit for m in modules if m.name != "__init__.py" for hit in _word_lists_in(m)] == []
