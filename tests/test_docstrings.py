"""Every public name has a docstring: what ``framing`` and each subpackage export (``__all__``), their
public methods and properties, and each ``TrainingArguments`` field (a ``#:`` comment above it)."""

from __future__ import annotations

import dataclasses
import importlib
import inspect
from types import ModuleType
from typing import Any

import pytest

PACKAGES = (
    "framing",
    "framing.batch",
    "framing.cli",
    "framing.modeling",
    "framing.profile",
    "framing.report",
    "framing.segment",
    "framing.targets",
    "framing.tasks",
    "framing.training",
)


def _exported(module: ModuleType) -> list[tuple[str, Any]]:
    """``(qualified name, object)`` of each public name in ``module.__all__``; a listed submodule's own
    ``__all__`` is walked too (``framing.report`` exports modules)."""
    out = []
    for name in getattr(module, "__all__", ()):
        if name.startswith("__"):
            continue
        try:
            obj = getattr(module, name)
        except AttributeError:  # a lazily imported submodule
            obj = importlib.import_module(f"{module.__name__}.{name}")
        if inspect.ismodule(obj):
            out += _exported(obj)
        elif inspect.isclass(obj) or inspect.isfunction(obj):
            out.append((f"{module.__name__}.{name}", obj))
    return out


def _public_names() -> dict[str, Any]:
    names: dict[str, Any] = {}
    for package in PACKAGES:
        names.update(_exported(importlib.import_module(package)))
    return names


def _undocumented(qualname: str, obj: Any) -> list[str]:
    """``qualname`` and its public methods / properties that have no docstring of their own."""
    missing = [] if (obj.__doc__ or "").strip() else [qualname]
    if not inspect.isclass(obj):
        return missing
    for attr, value in vars(obj).items():
        if attr.startswith("_"):
            continue
        func = value.__func__ if isinstance(value, (classmethod, staticmethod)) else value
        func = func.fget if isinstance(func, property) else func
        if inspect.isfunction(func) and not (func.__doc__ or "").strip():
            missing.append(f"{qualname}.{attr}")
    return missing


def test_public_names_are_found() -> None:
    names = _public_names()
    for expected in ("framing.Analyzer", "framing.FramingModel", "framing.Trainer", "framing.TrainingArguments"):
        assert expected in names
    assert len(names) > 60


def test_every_public_function_class_and_method_has_a_docstring() -> None:
    missing = [m for qualname, obj in _public_names().items() for m in _undocumented(qualname, obj)]
    assert not missing, f"missing docstrings: {missing}"


@pytest.mark.parametrize("qualname", ["framing.Analyzer", "framing.FramingModel", "framing.Trainer"])
def test_core_classes_document_every_public_method(qualname: str) -> None:
    module, _, name = qualname.rpartition(".")
    cls = getattr(importlib.import_module(module), name)
    own = [k for k in cls.__mro__ if k.__module__.startswith("framing")]  # not torch's nn.Module methods
    members = sorted({a for k in own for a in vars(k) if not a.startswith("_") and callable(getattr(cls, a))})
    assert members
    missing = [a for a in members if not (inspect.getdoc(getattr(cls, a)) or "").strip()]
    assert not missing, f"{qualname}: missing docstrings: {missing}"


def test_every_training_argument_is_documented() -> None:
    from framing.training.arguments import TrainingArguments

    lines = inspect.getsource(TrainingArguments).splitlines()
    documented = set()
    for i, line in enumerate(lines):
        field_name = line.strip().split(":", 1)[0]
        if i and lines[i - 1].strip().startswith("#:") and line.startswith("    ") and not line.startswith("     "):
            documented.add(field_name)
    missing = [f.name for f in dataclasses.fields(TrainingArguments) if f.name not in documented]
    assert not missing, f"TrainingArguments fields without a #: comment: {missing}"
