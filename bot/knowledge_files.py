"""The files of ``knowledge/``, read and checked (no rendering here: ``bot.knowledge``).

``faq.yml`` (one cited answer per FAQ key), ``replies/*.yml`` (every other
reply), ``sources.yml`` (what the answers rest on) and ``safety_net.yml`` (the
warning signs, written once). Loads are cached; ``bot.knowledge.reload()``
clears the caches.
"""

from __future__ import annotations

import copy
import functools
import re
from collections.abc import Mapping
from pathlib import Path
from typing import Any

import yaml

from bot import config

KNOWLEDGE = config.KNOWLEDGE
ROOT = config.ROOT

#: The FAQ keys of the outside contract (../shared/CONTRACT.md), in its order.
CONTRACT_FAQ_KEYS = (
    "what_is",
    "how_it_works",
    "ingredients",
    "types",
    "benefits",
    "pain",
    "session_length",
    "session_count",
    "results_onset",
    "results_duration",
    "downtime",
    "side_effects",
    "safety",
    "candidacy",
    "preparation",
    "procedure",
    "aftercare",
    "treatment_areas",
    "combination",
    "vs_other_treatments",
    "cost",
    "practitioner",
)

# {{ anything }}: every double-brace placeholder must be a known clinic field
# or a block of the safety net. Single braces ({slot}) are Rasa's slot
# templates and are never touched.
PLACEHOLDER = re.compile(r"\{\{(.*?)\}\}", re.S)
CLINIC_FIELD = re.compile(r"^clinic((?:\.[A-Za-z0-9_]+)+)$")
#: ``{{safety.net}}``: every block of the net, in the file's order.
SAFETY_NET = "net"


class KnowledgeError(ValueError):
    """The knowledge files are inconsistent: unknown placeholder, source, key, duplicate."""


def _read_yaml(path: Path) -> Any:
    try:
        return config.load_yaml(path)
    except yaml.YAMLError as exc:
        raise KnowledgeError(f"{path}: not valid YAML: {exc}") from exc


def _mapping(filename: str, key: str) -> dict[str, dict[str, Any]]:
    """The mapping under ``key`` in ``knowledge/<filename>`` (an error if it is not one)."""
    data = _read_yaml(KNOWLEDGE / filename) or {}
    found = data.get(key)
    if not isinstance(found, dict):
        raise KnowledgeError(f"knowledge/{filename}: needs a mapping under `{key}:`")
    return found


@functools.cache
def _sources() -> dict[str, dict[str, Any]]:
    return _mapping("sources.yml", "sources")


def sources() -> dict[str, dict[str, Any]]:
    """Every source by id: title, short, path (relative to the repo or null), kind, trust."""
    return copy.deepcopy(_sources())


def source_file(source_id: str) -> Path | None:
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


def config_path() -> Path:
    """The clinic file in use (``CLINIC_CONFIG`` or ``knowledge/clinic.yml``)."""
    return config.clinic_path()


@functools.cache
def _faq() -> dict[str, dict[str, Any]]:
    return _mapping("faq.yml", "answers")


def load_replies(directory: Path) -> dict[str, list[dict[str, Any]]]:
    """Merge the ``responses:`` of every ``*.yml`` in ``directory``, unrendered.

    A response name defined in two files is an error: which one wins would
    depend on file order, and a clinician would edit the wrong one.
    """
    merged: dict[str, list[dict[str, Any]]] = {}
    origin: dict[str, str] = {}
    for path in sorted(directory.glob("*.yml")):
        data = _read_yaml(path) or {}
        responses = data.get("responses") or {}
        if not isinstance(responses, dict):
            raise KnowledgeError(f"{path}: `responses:` must be a mapping")
        for name, variations in responses.items():
            if name in merged:
                raise KnowledgeError(
                    f"response {name!r} is defined in both {origin[name]} and {path.name}"
                )
            if not isinstance(variations, list) or not variations:
                raise KnowledgeError(f"{path.name}: {name} needs a list of variations")
            merged[name] = variations
            origin[name] = path.name
    return merged


@functools.cache
def _replies() -> dict[str, list[dict[str, Any]]]:
    return load_replies(KNOWLEDGE / "replies")


@functools.cache
def _safety() -> dict[str, Any]:
    """knowledge/safety_net.yml, checked: ``net`` (block names in order),
    ``blocks`` (name -> text, clinic placeholders only) and ``sources``."""
    path = KNOWLEDGE / "safety_net.yml"
    data = _read_yaml(path) or {}
    blocks = data.get("blocks")
    order = data.get("net")
    if not isinstance(blocks, dict) or not blocks:
        raise KnowledgeError("knowledge/safety_net.yml: needs a `blocks:` mapping")
    if SAFETY_NET in blocks:
        raise KnowledgeError(
            f"knowledge/safety_net.yml: `{SAFETY_NET}` is the whole net, not a block name"
        )
    if (
        not isinstance(order, list)
        or not order
        or any(b not in blocks for b in order)
        or len(set(order)) != len(order)
    ):
        raise KnowledgeError("knowledge/safety_net.yml: `net:` must list block names, once each")
    for name, text in blocks.items():
        if not isinstance(text, str) or not text.strip():
            raise KnowledgeError(f"knowledge/safety_net.yml: block {name!r} has no text")
        for inner in PLACEHOLDER.findall(text):
            if not CLINIC_FIELD.match(inner.strip()):
                raise KnowledgeError(
                    f"knowledge/safety_net.yml: block {name!r} may use "
                    f"clinic facts only, not {{{{{inner.strip()}}}}}"
                )
    for sid in data.get("sources") or []:
        if sid not in _sources():
            raise KnowledgeError(f"knowledge/safety_net.yml: unknown source {sid!r}")
    return {
        "net": list(order),
        "blocks": {k: " ".join(v.split()) for k, v in blocks.items()},
        "sources": list(data.get("sources") or []),
    }


def safety_net_data() -> dict[str, Any]:
    """The safety net as written (unrendered): ``net``, ``blocks``, ``sources``."""
    return copy.deepcopy(_safety())


def problems(faq: Mapping[str, Mapping[str, Any]] | None = None) -> list[str]:
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
