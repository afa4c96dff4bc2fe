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
through ``faq_entry()`` and friends. Plain Python: no Rasa import here.

Loads are cached (``lru_cache``) because the action server asks per message;
``reload()`` clears the caches after the files change.
"""
from __future__ import annotations

import argparse
import copy
import functools
import re
import sys
from pathlib import Path
from typing import Any, Dict, Iterable, List, Mapping, Optional, Sequence

import yaml

from bot import config

KNOWLEDGE = config.KNOWLEDGE
ROOT = config.ROOT
DEFAULT_OUT = ROOT / "build" / "responses.yml"
RETRIEVAL_INTENT = "faq"

#: The FAQ keys of the outside contract (../shared/CONTRACT.md), in its order.
CONTRACT_FAQ_KEYS = (
    "what_is", "how_it_works", "ingredients", "types", "benefits", "pain",
    "session_length", "session_count", "results_onset", "results_duration",
    "downtime", "side_effects", "safety", "candidacy", "preparation",
    "procedure", "aftercare", "treatment_areas", "combination",
    "vs_other_treatments", "cost", "practitioner",
)

# {{ anything }}: every double-brace placeholder must be a known clinic field
# or a block of the safety net. Single braces ({slot}) are Rasa's slot
# templates and are never touched.
_PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
_CLINIC_FIELD = re.compile(r"^clinic((?:\.[A-Za-z0-9_]+)+)$")
_SAFETY_FIELD = re.compile(r"^safety\.([A-Za-z0-9_]+)$")
#: ``{{safety.net}}``: every block of the net, in the file's order.
SAFETY_NET = "net"
PARAGRAPH = "\n\n"


class KnowledgeError(ValueError):
    """The knowledge files are inconsistent: unknown placeholder, source, key, duplicate."""


# ---------------------------------------------------------------- loading

def _read_yaml(path: Path) -> Any:
    try:
        return config.load_yaml(path)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc


@functools.lru_cache(maxsize=None)
def _sources() -> Dict[str, Dict[str, Any]]:
    data = _read_yaml(KNOWLEDGE / "sources.yml") or {}
    found = data.get("sources")
    if not isinstance(found, dict):
        raise KnowledgeError("knowledge/sources.yml: needs a `sources:` mapping")
    return found


def sources() -> Dict[str, Dict[str, Any]]:
    """Every source by id: title, short, path (relative to the repo or null), kind, trust."""
    return copy.deepcopy(_sources())


def source_file(source_id: str) -> Optional[Path]:
    """The stored text of a source, or None for references with no stored text.

    ``clinic-config`` follows ``CLINIC_CONFIG``, since that is the file the
    rendered clinic facts come from.
    """
    entry = _sources().get(source_id)
    if entry is None:
        raise KnowledgeError(f"unknown source id {source_id!r}")
    if source_id == "clinic-config":
        return config_path()
    rel = entry.get("path")
    return (ROOT / rel).resolve() if rel else None


def source_text(source_id: str) -> Optional[str]:
    """The text of a source (None when no text is stored or the file is missing)."""
    path = source_file(source_id)
    if path is None or not path.is_file():
        return None
    return path.read_text(encoding="utf-8")


def config_path() -> Path:
    """The clinic file in use (``CLINIC_CONFIG`` or ``knowledge/clinic.yml``)."""
    return config.clinic_path()


@functools.lru_cache(maxsize=None)
def _faq() -> Dict[str, Dict[str, Any]]:
    data = _read_yaml(KNOWLEDGE / "faq.yml") or {}
    answers = data.get("answers")
    if not isinstance(answers, dict):
        raise KnowledgeError("knowledge/faq.yml: needs an `answers:` mapping")
    return answers


def load_replies(directory: Path) -> Dict[str, List[Dict[str, Any]]]:
    """Merge the ``responses:`` of every ``*.yml`` in ``directory``, unrendered.

    A response name defined in two files is an error: which one wins would
    depend on file order, and a clinician would edit the wrong one.
    """
    merged: Dict[str, List[Dict[str, Any]]] = {}
    origin: Dict[str, str] = {}
    for path in sorted(directory.glob("*.yml")):
        data = _read_yaml(path) or {}
        responses = data.get("responses") or {}
        if not isinstance(responses, dict):
            raise KnowledgeError(f"{path}: `responses:` must be a mapping")
        for name, variations in responses.items():
            if name in merged:
                raise KnowledgeError(
                    f"response {name!r} is defined in both {origin[name]} and {path.name}")
            if not isinstance(variations, list) or not variations:
                raise KnowledgeError(f"{path.name}: {name} needs a list of variations")
            merged[name] = variations
            origin[name] = path.name
    return merged


@functools.lru_cache(maxsize=None)
def _replies() -> Dict[str, List[Dict[str, Any]]]:
    return load_replies(KNOWLEDGE / "replies")


@functools.lru_cache(maxsize=None)
def _safety() -> Dict[str, Any]:
    """knowledge/safety_net.yml, checked: ``net`` (block names in order),
    ``blocks`` (name -> text, clinic placeholders only) and ``sources``."""
    path = KNOWLEDGE / "safety_net.yml"
    data = _read_yaml(path) or {}
    blocks = data.get("blocks")
    order = data.get("net")
    if not isinstance(blocks, dict) or not blocks:
        raise KnowledgeError("knowledge/safety_net.yml: needs a `blocks:` mapping")
    if SAFETY_NET in blocks:
        raise KnowledgeError(f"knowledge/safety_net.yml: `{SAFETY_NET}` is the whole net, "
                             "not a block name")
    if not isinstance(order, list) or not order or any(b not in blocks for b in order) \
            or len(set(order)) != len(order):
        raise KnowledgeError("knowledge/safety_net.yml: `net:` must list block names, once each")
    for name, text in blocks.items():
        if not isinstance(text, str) or not text.strip():
            raise KnowledgeError(f"knowledge/safety_net.yml: block {name!r} has no text")
        for inner in _PLACEHOLDER.findall(text):
            if not _CLINIC_FIELD.match(inner.strip()):
                raise KnowledgeError(f"knowledge/safety_net.yml: block {name!r} may use "
                                     f"clinic facts only, not {{{{{inner.strip()}}}}}")
    for sid in data.get("sources") or []:
        if sid not in _sources():
            raise KnowledgeError(f"knowledge/safety_net.yml: unknown source {sid!r}")
    return {"net": list(order), "blocks": {k: " ".join(v.split()) for k, v in blocks.items()},
            "sources": list(data.get("sources") or [])}


def safety_net_data() -> Dict[str, Any]:
    """The safety net as written (unrendered): ``net``, ``blocks``, ``sources``."""
    return copy.deepcopy(_safety())


def safety_text(name: str = SAFETY_NET, facts: Optional[Mapping[str, Any]] = None) -> str:
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
    for cached in (_sources, _faq, _replies, _safety, _faq_entry, _rendered_replies,
                   config.clinic):
        cached.cache_clear()


# ---------------------------------------------------------------- rendering

def _lookup(facts: Mapping[str, Any], dotted: str) -> Any:
    value: Any = facts
    for part in dotted.split("."):
        if not isinstance(value, Mapping) or part not in value:
            raise KnowledgeError(f"unknown clinic field {{{{clinic.{dotted}}}}}")
        value = value[part]
    return value


def render(text: str, facts: Optional[Mapping[str, Any]] = None) -> str:
    """Replace ``{{clinic.a.b}}`` with the clinic's fact and ``{{safety.x}}`` with
    the safety net (or one of its blocks); leave ``{slot}`` alone.

    An unknown field, a field that is not a plain string or number, or any
    other ``{{...}}`` raises ``KnowledgeError``: a placeholder must never reach
    a patient unrendered.
    """
    facts = config.clinic() if facts is None else facts

    def fill(match: "re.Match[str]") -> str:
        inner = match.group(1).strip()
        block = _SAFETY_FIELD.match(inner)
        if block:
            return safety_text(block.group(1), facts)
        field = _CLINIC_FIELD.match(inner)
        if not field:
            raise KnowledgeError(f"unknown placeholder {match.group(0)!r}")
        dotted = field.group(1)[1:]
        value = _lookup(facts, dotted)
        if isinstance(value, bool) or not isinstance(value, (str, int, float)):
            raise KnowledgeError(
                f"{{{{clinic.{dotted}}}}} is not a plain string or number: {value!r}")
        return str(value)

    rendered = _PLACEHOLDER.sub(fill, text)
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


def _render_tree(value: Any, facts: Optional[Mapping[str, Any]], key: str = "") -> Any:
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

def faq_keys() -> List[str]:
    """The FAQ keys that have an answer, in file order."""
    return list(_faq())


@functools.lru_cache(maxsize=None)
def _faq_entry(key: str) -> Dict[str, Any]:
    answers = _faq()
    if key not in answers:
        raise KeyError(f"no FAQ answer for {key!r}")
    return _entry(key, answers[key], None)


def _entry(key: str, raw: Mapping[str, Any], facts: Optional[Mapping[str, Any]]) -> Dict[str, Any]:
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


def faq_entry(key: str) -> Dict[str, Any]:
    """One answer, rendered: ``{key, title, answer, sources, related}``.

    Raises ``KeyError`` for a key with no answer.
    """
    return copy.deepcopy(_faq_entry(key))


CITATION_SHOWN = 3  # a phone screen has room for a few names; metadata keeps them all


def faq_text(key: str) -> str:
    """What the patient sees for an FAQ: the answer, a blank line, the citation line.

    The same text ``build()`` writes as ``utter_faq/<key>``, for actions that
    send an answer themselves (e.g. after "Did you mean ...?").
    """
    return _with_citation(_faq_entry(key), None)


def _with_citation(entry: Mapping[str, Any], facts: Optional[Mapping[str, Any]]) -> str:
    return str(entry["answer"]) + PARAGRAPH + citation(entry["sources"], facts)


def citation(source_ids: Sequence[str], facts: Optional[Mapping[str, Any]] = None) -> str:
    """The compact line shown under an answer, e.g. ``Sources: A; B; C and 2 more``.

    Sources are listed in the order the answer gives them (main source first).
    """
    known = _sources()
    names: List[str] = []
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


# ---------------------------------------------------------------- checks and build

def problems(faq: Optional[Mapping[str, Mapping[str, Any]]] = None) -> List[str]:
    """What is wrong with the FAQ data (missing contract keys, unknown sources or related keys)."""
    faq = _faq() if faq is None else faq
    known = _sources()
    found = []
    try:
        _safety()
    except KnowledgeError as exc:
        found.append(str(exc))
    for key in CONTRACT_FAQ_KEYS:
        if key not in faq:
            found.append(f"no answer for contract key {key!r}")
    for key, raw in faq.items():
        if key not in CONTRACT_FAQ_KEYS:
            found.append(f"{key!r} is not an FAQ key of the contract")
        for sid in raw.get("sources") or []:
            if sid not in known:
                found.append(f"{key}: unknown source {sid!r}")
        for other in raw.get("related") or []:
            if other not in faq or other == key:
                found.append(f"{key}: related key {other!r} is not another answer")
    return found


def responses(faq: Optional[Mapping[str, Mapping[str, Any]]] = None,
              replies: Optional[Mapping[str, List[Dict[str, Any]]]] = None,
              facts: Optional[Mapping[str, Any]] = None) -> Dict[str, List[Dict[str, Any]]]:
    """Every response Rasa needs, rendered: ``utter_faq/<key>`` plus the replies.

    Arguments default to the files in knowledge/ and the clinic config; tests
    pass their own. Raises ``KnowledgeError`` on any inconsistency.
    """
    faq = _faq() if faq is None else faq
    replies = _replies() if replies is None else replies
    found = problems(faq)
    if found:
        raise KnowledgeError("; ".join(found))
    out: Dict[str, List[Dict[str, Any]]] = {}
    for key, raw in faq.items():
        entry = _entry(key, raw, facts)
        out[f"utter_{RETRIEVAL_INTENT}/{key}"] = [{
            "text": _with_citation(entry, facts),
            "metadata": {"faq_key": key, "title": entry["title"],
                         "sources": entry["sources"], "related": entry["related"]},
        }]
    for name, variations in replies.items():
        if name in out:
            raise KnowledgeError(f"reply {name!r} clashes with an FAQ response")
        out[name] = _render_tree(copy.deepcopy(variations), facts)
    return out


@functools.lru_cache(maxsize=None)
def _rendered_replies() -> Dict[str, List[Dict[str, Any]]]:
    return {name: _render_tree(copy.deepcopy(v), None) for name, v in _replies().items()}


def reply(name: str) -> List[Dict[str, Any]]:
    """The rendered variations of one reply from knowledge/replies/ (KeyError if unknown)."""
    return copy.deepcopy(_rendered_replies()[name])


def build(out: Optional[Path] = None) -> Path:
    """Write ``version: "3.1"`` + ``responses:`` for Rasa to train with; return the path."""
    out = Path(out) if out is not None else DEFAULT_OUT
    rendered = responses()
    out.parent.mkdir(parents=True, exist_ok=True)
    header = ("# Generated by `python -m bot.knowledge build` from knowledge/: "
              "edit those files, not this one.\n")
    body = yaml.safe_dump({"version": "3.1", "responses": rendered}, sort_keys=False,
                          allow_unicode=True, width=1000)
    tmp = out.with_suffix(out.suffix + ".tmp")
    tmp.write_text(header + body, encoding="utf-8")
    tmp.replace(out)
    return out


def main(argv: Optional[Iterable[str]] = None) -> int:
    """``python -m bot.knowledge build [--out PATH]``."""
    parser = argparse.ArgumentParser(prog="python -m bot.knowledge",
                                     description="Render knowledge/ into Rasa responses.")
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
