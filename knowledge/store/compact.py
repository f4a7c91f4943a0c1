"""Share equal strings and field sets among the objects a snapshot holds.

A snapshot holds every document's parsed structure and chunks as pydantic models read
from the database, and every value read is a new string object: each chunk carried its
own copy of its document's name, of a breadcrumb its section's other chunks repeat, and
of texts other documents share (KF goals, routines). Each model also carried its own set
of the fields given (~700 bytes for a chunk). Measured at 100x the samples these copies
were most of the snapshot's memory (docs/performance.md).

`compact` replaces each string by the interpreter's interned copy (`sys.intern`: equal
strings become one object, and an interned string is freed with its last user, so
replaced documents leak nothing) and each model's field set by one shared set per
distinct content. Values stay equal, so answers do not change; the objects must not be
mutated afterwards (the snapshot never does).
"""

from __future__ import annotations

import sys
from typing import Any, TypeVar

from pydantic import BaseModel

M = TypeVar("M", bound=BaseModel)

_FIELD_SETS: dict[frozenset[str], set[str]] = {}


def _field_set(names: set[str]) -> set[str]:
    # A few distinct sets per model class; a shared set stays valid as long as nobody
    # assigns a field (pydantic would add the name to every sharer's set).
    key = frozenset(names)
    shared = _FIELD_SETS.get(key)
    if shared is None:
        shared = _FIELD_SETS.setdefault(key, set(names))
    return shared


def _value(value: Any) -> Any:
    if type(value) is str:
        return sys.intern(value)
    if isinstance(value, BaseModel):
        compact(value)
        return value
    if type(value) is list:
        for i, item in enumerate(value):
            value[i] = _value(item)
        return value
    if type(value) is dict:
        for key, item in value.items():
            value[key] = _value(item)
        return value
    return value


def compact(model: M) -> M:
    """Share the strings and the field set of `model` and of every model inside it, in place.

    Args:
        model: A freshly read model nothing else refers to yet.

    Returns:
        The same model.
    """
    values = model.__dict__
    for name, value in values.items():
        values[name] = _value(value)
    object.__setattr__(model, "__pydantic_fields_set__", _field_set(model.__pydantic_fields_set__))
    return model
