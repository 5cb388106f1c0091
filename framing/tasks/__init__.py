"""Task kinds: one class per kind (head, encoding, loss, decoding, dev metric, evaluation), found by name.

Built-in kinds: ``sentence`` (:class:`SentenceTask`), ``span`` (:class:`SpanTask`), ``stance``
(:class:`StanceTask`), ``frames`` (:class:`FramesTask`, article-level multi-label frames). Add one by
subclassing :class:`Task` (or :class:`ClassificationTask`) and decorating it with ``@register_task("name")``;
``TaskSpec(kind="name")``, ``TrainingArguments(task="name")``, the training loop, evaluation and saved
model folders then use it.
"""

from __future__ import annotations

from framing.tasks.base import ClassificationTask, RowContext, Task, TaskSpec
from framing.tasks.registry import get_task_class, register_task, task_kinds, unregister_task
from framing.tasks.sentence import SentenceTask
from framing.tasks.span import SpanTask
from framing.tasks.stance import StanceTask

# isort: split
from framing.tasks.frames import FramesTask  # registered after the three sentence-level kinds

__all__ = [
    "Task",
    "ClassificationTask",
    "TaskSpec",
    "RowContext",
    "register_task",
    "unregister_task",
    "get_task_class",
    "task_kinds",
    "SentenceTask",
    "SpanTask",
    "StanceTask",
    "FramesTask",
]
