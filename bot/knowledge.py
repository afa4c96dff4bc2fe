"""The cited knowledge base and the renderer that turns it into Rasa responses.

``knowledge/`` is the one home of what the bot says: ``faq.yml`` (one cited
answer per FAQ key), ``replies/*.yml`` (every other reply, as Rasa responses),
``sources.yml`` (what the answers rest on), ``safety_net.yml`` (the warning
signs and what to do about each, written once) and the clinic's facts
(``bot.config.clinic()``). Text refers to clinic facts through
``{{clinic.<field>}}`` placeholders so that a clinic changes its phone number
or prices in one place, and to the safety net through ``{{safety.net}}`` (the
whole net) or ``{{safety.<block>}}`` (one of its paragraphs), so that every
message that needs it carries the same words. ``build()`` renders all of it into one Rasa training
data file, ``build/responses.yml``; the action server reads the same data
through ``faq_entry()`` and friends. Reading and checking the files:
``bot.knowledge_files`` (its names are re-exported here).

Loads are cached (``lru_cache``) because the action server asks per message;
``reload()`` clears the caches after the files change.
"""

from __future__ import annotations

import argparse
import copy
import functools
import re
import sys
from collections.abc import Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

import yaml

from bot import config
from bot import faq as faq_decisions
from bot.knowledge_files import (
    CLINIC_FIELD,
    CONTRACT_FAQ_KEYS,
    KNOWLEDGE,
    PLACEHOLDER,
    ROOT,
    SAFETY_NET,
    KnowledgeError,
    _faq,
    _replies,
    _safety,
    _sources,
    config_path,
    load_replies,
    problems,
    safety_net_data,
    source_file,
    sources,
)

__all__ = [
    "CONTRACT_FAQ_KEYS",
    "KNOWLEDGE",
    "ROOT",
    "SAFETY_NET",
    "KnowledgeError",
    "build",
    "citation",
    "config_path",
    "faq_entry",
    "faq_keys",
    "load_replies",
    "paragraphs",
    "problems",
    "reload",
    "render",
    "reply",
    "responses",
    "safety_net_data",
    "safety_text",
    "source_file",
    "sources",
]

DEFAULT_OUT = ROOT / "build" / "responses.yml"
RETRIEVAL_INTENT = "faq"
_SAFETY_FIELD = re.compile(r"^safety\.([A-Za-z0-9_]+)$")
PARAGRAPH = "\n\n"


def safety_text(name: str = SAFETY_NET, facts: Mapping[str, Any] | None = None) -> str:
    """One block of the safety net, or the whole net (``"net"``), rendered.

    The whole net is its blocks in order, one paragraph each.
    """
    data = _safety()
    if name == SAFETY_NET:
        return PARAGRAPH.join(safety_text(b, facts) for b in data["net"])
    if name not in data["blocks"]:
        raise KnowledgeError(f"unknown safety-net block {{{{safety.{name}}}}}")
    return render(data["blocks"][name], facts)


def reload() -> None:
    """Forget cached files (after editing knowledge/ or switching CLINIC_CONFIG)."""
    for cached in (_sources, _faq, _replies, _safety, _faq_entry, _rendered_replies, config.clinic):
        cached.cache_clear()


# ---------------------------------------------------------------- rendering


def _lookup(facts: Mapping[str, Any], dotted: str) -> Any:
    value: Any = facts
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KnowledgeError(f"unknown clinic field {{{{clinic.{dotted}}}}}")
        value = value[part]
    return value


def render(text: str, facts: Mapping[str, Any] | None = None) -> str:
    """Replace ``{{clinic.a.b}}`` with the clinic's fact and ``{{safety.x}}`` with
    the safety net (or one of its blocks); leave ``{slot}`` alone.

    An unknown field, a field that is not a plain string or number, or any
    other ``{{...}}`` raises ``KnowledgeError``: a placeholder must never reach
    a patient unrendered.
    """
    facts = config.clinic() if facts is None else facts

    def fill(match: re.Match[str]) -> str:
        inner = match.group(1).strip()
        block = _SAFETY_FIELD.match(inner)
        if block:
            return safety_text(block.group(1), facts)
        field = CLINIC_FIELD.match(inner)
        if not field:
            raise KnowledgeError(f"unknown placeholder {match.group(0)!r}")
        dotted = field.group(1)[1:]
        value = _lookup(facts, dotted)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise KnowledgeError(
                f"{{{{clinic.{dotted}}}}} is not a plain string or number: {value!r}"
            )
        return str(value)

    rendered = PLACEHOLDER.sub(fill, text)
    if "{{" in rendered:  # "}}" alone may be JSON in a button payload
        raise KnowledgeError(f"unbalanced placeholder braces in {text!r}")
    return rendered


def paragraphs(text: str) -> str:
    """Tidy whitespace: each paragraph on one line, paragraphs apart by a blank line.

    In YAML's folded style (``>-``) a blank line becomes a newline, so any run
    of newlines marks a paragraph break. Channels show a blank line (REST
    sends each paragraph as its own message).
    """
    parts = [" ".join(p.split()) for p in re.split(r"\n+", text)]
    return PARAGRAPH.join(p for p in parts if p)


def _render_tree(value: Any, facts: Mapping[str, Any] | None, key: str = "") -> Any:
    """Render every string inside a response variation (text, button titles, payloads).

    A ``text`` is tidied into paragraphs first (see ``paragraphs``).
    """
    if isinstance(value, str):
        return render(paragraphs(value) if key == "text" else value, facts)
    if isinstance(value, list):
        return [_render_tree(v, facts) for v in value]
    if isinstance(value, dict):
        return {k: _render_tree(v, facts, k) for k, v in value.items()}
    return value


# ---------------------------------------------------------------- FAQ access


def faq_keys() -> list[str]:
    """The FAQ keys that have an answer, in file order."""
    return list(_faq())


@functools.cache
def _faq_entry(key: str) -> dict[str, Any]:
    answers = _faq()
    if key not in answers:
        raise KeyError(f"no FAQ answer for {key!r}")
    return _entry(key, answers[key], None)


def _entry(key: str, raw: Mapping[str, Any], facts: Mapping[str, Any] | None) -> dict[str, Any]:
    for field in ("title", "answer", "sources"):
        if not raw.get(field):
            raise KnowledgeError(f"faq.yml: {key} has no {field}")
    return {
        "key": key,
        "title": render(str(raw["title"]), facts),
        "answer": render(paragraphs(str(raw["answer"])), facts),
        "sources": list(raw["sources"]),
        "related": list(raw.get("related") or []),
    }


def faq_entry(key: str) -> dict[str, Any]:
    """One answer, rendered: ``{key, title, answer, sources, related}``.

    Raises ``KeyError`` for a key with no answer.
    """
    return copy.deepcopy(_faq_entry(key))


CITATION_SHOWN = 3  # a phone screen has room for a few names; metadata keeps them all


def _with_citation(entry: Mapping[str, Any], facts: Mapping[str, Any] | None) -> str:
    return str(entry["answer"]) + PARAGRAPH + citation(entry["sources"], facts)


def citation(source_ids: Sequence[str], facts: Mapping[str, Any] | None = None) -> str:
    """The compact line shown under an answer, e.g. ``Sources: A; B; C and 2 more``.

    Sources are listed in the order the answer gives them (main source first).
    """
    known = _sources()
    names: list[str] = []
    for sid in source_ids:
        if sid not in known:
            raise KnowledgeError(f"unknown source id {sid!r}")
        name = render(str(known[sid].get("short") or known[sid]["title"]), facts)
        if name not in names:
            names.append(name)
    line = "Sources: " + "; ".join(names[:CITATION_SHOWN])
    if len(names) > CITATION_SHOWN:
        line += f" and {len(names) - CITATION_SHOWN} more"
    return line


# ---------------------------------------------------------------- build


def responses(
    faq: Mapping[str, Mapping[str, Any]] | None = None,
    replies: Mapping[str, list[dict[str, Any]]] | None = None,
    facts: Mapping[str, Any] | None = None,
) -> dict[str, list[dict[str, Any]]]:
    """Every response Rasa needs, rendered: ``utter_faq/<key>`` plus the replies.

    Arguments default to the files in knowledge/ and the clinic config; tests
    pass their own. Raises ``KnowledgeError`` on any inconsistency.
    """
    faq = _faq() if faq is None else faq
    replies = _replies() if replies is None else replies
    found = problems(faq)
    if found:
        raise KnowledgeError("; ".join(found))
    out: dict[str, list[dict[str, Any]]] = {}
    entries = {key: _entry(key, raw, facts) for key, raw in faq.items()}
    for key, entry in entries.items():
        related = [(k, entries[k]["title"]) for k in entry["related"]]
        out[f"utter_{RETRIEVAL_INTENT}/{key}"] = [
            {
                "text": _with_citation(entry, facts),
                "buttons": faq_decisions.answer_buttons(key, related),
                "metadata": {
                    "faq_key": key,
                    "title": entry["title"],
                    "sources": entry["sources"],
                    "related": entry["related"],
                },
            }
        ]
    for name, variations in replies.items():
        if name in out:
            raise KnowledgeError(f"reply {name!r} clashes with an FAQ response")
        out[name] = _render_tree(copy.deepcopy(variations), facts)
    return out


@functools.cache
def _rendered_replies() -> dict[str, list[dict[str, Any]]]:
    return {name: _render_tree(copy.deepcopy(v), None) for name, v in _replies().items()}


def reply(name: str) -> list[dict[str, Any]]:
    """The rendered variations of one reply from knowledge/replies/ (KeyError if unknown)."""
    return copy.deepcopy(_rendered_replies()[name])


def build(out: Path | None = None) -> Path:
    """Write ``version: "3.1"`` + ``responses:`` for Rasa to train with; return the path."""
    out = Path(out) if out is not None else DEFAULT_OUT
    rendered = responses()
    out.parent.mkdir(parents=True, exist_ok=True)
    header = (
        "# Generated by `python -m bot.knowledge build` from knowledge/: "
        "edit those files, not this one.\n"
    )
    body = yaml.safe_dump(
        {"version": "3.1", "responses": rendered}, sort_keys=False, allow_unicode=True, width=1000
    )
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(header + body, encoding="utf-8")
    tmp.replace(out)
    return out


def main(argv: Iterable[str] | None = None) -> int:
    """``python -m bot.knowledge build [--out PATH]``."""
    parser = argparse.ArgumentParser(
        prog="python -m bot.knowledge", description="Render knowledge/ into Rasa responses."
    )
    sub = parser.add_subparsers(dest="command", required=True)
    b = sub.add_parser("build", help="write build/responses.yml")
    b.add_argument("--out", type=Path, default=DEFAULT_OUT)
    args = parser.parse_args(list(argv) if argv is not None else None)
    try:
        path = build(args.out)
    except KnowledgeError as exc:
        print(f"knowledge build failed: {exc}", file=sys.stderr)
        return 1
    n_faq = len(_faq())
    n_replies = len(_replies())
    try:
        shown = path.resolve().relative_to(Path.cwd().resolve())
    except ValueError:
        shown = path
    print(f"wrote {shown}: {n_faq} FAQ answers (utter_faq/<key>) and {n_replies} replies")
    return 0


if __name__ == "__main__":
    sys.exit(main())
