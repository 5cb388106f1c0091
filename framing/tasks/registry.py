"""The registry of task kinds: ``@register_task("name")`` on a :class:`~framing.tasks.base.Task` subclass.

    from framing.tasks import Task, register_task

    @register_task("topic")
    class TopicTask(ClassificationTask): ...

``TaskSpec(kind="topic")``, ``TrainingArguments(task="topic")`` and saved folders whose
``framing_config.json`` names ``"kind": "topic"`` then find the class here.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from typing import TYPE_CHECKING, TypeVar

from framing.errors import ConfigError

if TYPE_CHECKING:
    from framing.tasks.base import Task

logger = logging.getLogger(__name__)

__all__ = ["register_task", "unregister_task", "get_task_class", "task_kinds", "one_of"]

T = TypeVar("T", bound="type[Task]")
_REGISTRY: dict[str, type[Task]] = {}


def register_task(kind: str, *, replace: bool = False) -> Callable[[T], T]:
    """Class decorator: register a :class:`Task` subclass under ``kind`` (and set its ``kind``).

    Registering another class under a taken name raises :class:`ConfigError` unless ``replace=True``;
    registering the same class again is a no-op (module reloads).
    """
    if not isinstance(kind, str) or not kind.strip() or kind != kind.strip():
        raise ConfigError(f"a task kind must be a non-empty name without surrounding spaces, got {kind!r}")

    def decorate(cls: T) -> T:
        from framing.tasks.base import Task

        if not (isinstance(cls, type) and issubclass(cls, Task)):
            raise ConfigError(f"@register_task({kind!r}) needs a subclass of framing.tasks.Task, got {cls!r}")
        old = _REGISTRY.get(kind)
        if old is not None and not replace and (old.__module__, old.__qualname__) != (cls.__module__, cls.__qualname__):
            raise ConfigError(
                f"task kind {kind!r} is already registered by {old.__module__}.{old.__qualname__}: "
                "pick another name or pass replace=True"
            )
        cls.kind = kind
        _REGISTRY[kind] = cls
        logger.debug("registered task kind %r: %s", kind, cls.__qualname__)
        return cls

    return decorate


def unregister_task(kind: str) -> None:
    """Remove a kind (tests, plugins that clean up); unknown kinds are ignored."""
    _REGISTRY.pop(kind, None)


def get_task_class(kind: str) -> type[Task]:
    """The class registered under ``kind``; :class:`ConfigError` naming the known kinds otherwise."""
    try:
        return _REGISTRY[kind]
    except (KeyError, TypeError):
        raise ConfigError(f"unknown task kind {kind!r}: the registered kinds are {one_of(task_kinds())}") from None


def task_kinds() -> tuple[str, ...]:
    """Names of the registered task kinds, in registration order (built-ins first)."""
    return tuple(_REGISTRY)


def one_of(names: tuple[str, ...] | list[str]) -> str:
    """``"a, b or c"`` for messages."""
    names = list(names)
    if len(names) <= 1:
        return "".join(names)
    return ", ".join(names[:-1]) + " or " + names[-1]
