"""Read a YAML file of ``knowledge/`` into a pydantic model, or say what is wrong.

A mistake stops the load with one line per problem that names the file, the
place and the fault, e.g. ``knowledge/prescreen.yml: questions -> 3 -> rules
-> 0 -> outcome: unexpected value; permitted: 'not_suitable', ...``.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any, TypeVar

import yaml
from pydantic import BaseModel, Extra, ValidationError

from bot import config

ModelT = TypeVar("ModelT", bound=BaseModel)

#: The C safe loader when present: the pure-Python one takes half a second on a big file.
_LOADER: Any = getattr(yaml, "CSafeLoader", yaml.SafeLoader)


class StrictModel(BaseModel):
    """A part of a knowledge file: unknown keys are errors (a typo is not ignored)."""

    class Config:
        extra = Extra.forbid
        allow_mutation = False


def label(path: Path) -> str:
    """The path as a reader of the repository knows it (``knowledge/x.yml``)."""
    try:
        return str(path.resolve().relative_to(config.ROOT))
    except ValueError:
        return str(path)


def where(loc: tuple[Any, ...], data: Any = None) -> str:
    """The place of an error in the file: ``questions -> 2 (allergies) -> rules -> 0``.

    An item of a list is named by its ``slot``, ``term`` or ``name`` when it has
    one; the name of the model that checked it (``YesNoQuestion``) is left out.
    """
    parts: list[str] = []
    node = data
    for part in loc:
        if part == "__root__":
            continue
        if isinstance(node, list) and isinstance(part, int) and 0 <= part < len(node):
            node = node[part]
            keys = ("slot", "term", "name")
            names = [node.get(k) for k in keys] if isinstance(node, dict) else []
            name = next((n for n in names if isinstance(n, str)), None)
            parts.append(f"{part} ({name})" if name else str(part))
        elif isinstance(node, dict) and part in node:
            node = node[part]
            parts.append(str(part))
        elif isinstance(node, dict) and isinstance(part, str) and part[:1].isupper():
            continue  # the model that checked this item, not a key of the file
        else:
            node = None
            parts.append(str(part))
    return " -> ".join(parts) or "(top level)"


def read(path: Path) -> Any:
    """The YAML data of ``path`` (safe loader: tags that build objects are refused)."""
    with open(path, encoding="utf-8") as f:
        return yaml.load(f, Loader=_LOADER)  # noqa: S506 - a safe loader, C or Python


def load(path: Path, model: type[ModelT], error: type[Exception], data: Any = None) -> ModelT:
    """``path`` (or ``data`` read from it) as ``model``; ``error`` lists every problem."""
    name = label(path)
    if data is None:
        try:
            data = read(path)
        except (OSError, yaml.YAMLError) as exc:
            raise error(f"{name}: cannot be read: {exc}") from None
    if not isinstance(data, dict):
        raise error(f"{name}: must be a mapping")
    try:
        return model.parse_obj(data)
    except ValidationError as exc:
        lines = [f"{name}: {where(e['loc'], data)}: {e['msg']}" for e in exc.errors()]
        raise error("\n".join(lines)) from None
