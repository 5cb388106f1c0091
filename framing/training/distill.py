"""Distillation: a teacher model's class probabilities become a student's soft training targets.

    teacher = FramingModel.from_pretrained("runs/teacher")
    train = teacher_targets(teacher, "stance", train)                       # gold labels kept
    extra = teacher_targets(teacher, "stance", unlabelled, relabel=True)   # labels from the teacher

Training on examples that carry ``soft`` rows mixes the gold loss with KL(teacher || student) at a
temperature (``LoopConfig.distill_alpha`` / ``distill_temperature``, ``TrainingArguments`` likewise).
Works for every classification kind (one class distribution per text or per target) and for span
kinds (one tag distribution per teacher token, kept with its character range so that a student with
another tokenizer reads the row of the teacher token under each of its own tokens).
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from typing import Any

from framing.errors import ConfigError

logger = logging.getLogger(__name__)

__all__ = ["teacher_targets"]


def teacher_targets(
    teacher: Any,
    task: str,
    examples: Sequence[Any],
    *,
    relabel: bool = False,
    batch_size: int = 64,
    show_progress_bar: bool | None = None,
) -> list[Any]:
    """``examples`` with ``teacher``'s probabilities for ``task`` as their ``soft`` targets.

    ``teacher`` is a :class:`~framing.modeling.model.FramingModel` with a classification or span head
    named ``task`` (its stored temperature applies). ``relabel=True`` also sets each label to the
    teacher's decision (top class; for spans, the spans it finds at its stored ``span_threshold``): use
    it for unlabelled text (give any valid label, or no spans). The student's head must have the same
    labels in the same order.
    """
    if task not in teacher.tasks:
        raise ConfigError(f"the teacher has no task {task!r}; its tasks: {', '.join(teacher.tasks)}")
    if not examples:
        return []
    kind = teacher.tasks[task].task
    out = kind.with_teacher(
        teacher, examples, relabel=relabel, batch_size=batch_size, show_progress_bar=show_progress_bar
    )
    logger.info("teacher targets for %d %s example(s)", len(out), task)
    return out
