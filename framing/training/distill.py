"""Distillation: a teacher model's class probabilities become a student's soft training targets.

    teacher = FramingModel.from_pretrained("runs/teacher")
    train = teacher_targets(teacher, "stance", train)                       # gold labels kept
    extra = teacher_targets(teacher, "stance", unlabelled, relabel=True)   # labels from the teacher

Training on examples that carry ``soft`` rows mixes the gold loss with KL(teacher || student) at a
temperature (``LoopConfig.distill_alpha`` / ``distill_temperature``, ``TrainingArguments`` likewise).
Works for every classification kind (one class distribution per text or per target).
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

    ``teacher`` is a :class:`~framing.modeling.model.FramingModel` with a classification head named
    ``task`` (its stored temperature applies). ``relabel=True`` also sets each label to the teacher's
    top class: use it for unlabelled text (give any valid label). The student's head must have the same
    labels in the same order.
    """
    if task not in teacher.tasks:
        raise ConfigError(f"the teacher has no task {task!r}; its tasks: {', '.join(teacher.tasks)}")
    kind = teacher.tasks[task].task
    counts = [len(kind.soft_targets(ex) or ()) for ex in examples]
    if not examples or not all(counts):
        raise ConfigError(f"task kind {kind.kind!r} has no soft targets (only classification kinds do)")
    rows, _ = kind.scored_rows(teacher, examples, batch_size=batch_size, show_progress_bar=show_progress_bar)
    out: list[Any] = []
    pos = 0
    for ex, n in zip(examples, counts, strict=True):
        out.append(kind.with_soft_targets(ex, rows[pos : pos + n], relabel))
        pos += n
    logger.info("teacher targets for %d %s example(s) (%d rows)", len(out), task, pos)
    return out
