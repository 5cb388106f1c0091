"""What the :class:`~framing.Analyzer` needs of a model: the ``Scorer`` protocol and its ``ModelOutput``.

:class:`~framing.modeling.model.FramingModel` (one encoder, several heads) and
:class:`~framing.modeling.hf.HFClassifier` (a plain transformers classifier) both implement it.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any, Protocol, runtime_checkable

if TYPE_CHECKING:
    import numpy as np

    from framing.modeling.alignment import SpanPrediction
    from framing.tasks import TaskSpec

logger = logging.getLogger(__name__)

__all__ = ["Scorer", "ModelOutput", "Mentions"]

Mentions = Sequence[Sequence[tuple[int, int]]]  # per text: groups of char ranges (one group per target)


@dataclass(frozen=True)
class ModelOutput:
    """Predictions for one text, by task name, in the field its task kind names (``Task.output_field``).

    ``sentence[task]``: class probabilities; ``spans[task]``: decoded spans (offsets into the text);
    ``stance[task]``: one probability vector per mention group, in the order given; ``other[task]``:
    predictions of task kinds outside the built-in three. ``output[task]`` finds any of them.
    """

    sentence: dict[str, np.ndarray] = field(default_factory=dict)
    spans: dict[str, list[SpanPrediction]] = field(default_factory=dict)
    stance: dict[str, list[np.ndarray]] = field(default_factory=dict)
    other: dict[str, Any] = field(default_factory=dict)

    def put(self, field_name: str, task: str, value: Any) -> None:
        """Store ``value`` for ``task`` in the field ``field_name`` (``other`` when it is not a field)."""
        target = getattr(self, field_name, None)
        (target if isinstance(target, dict) else self.other)[task] = value

    def __getitem__(self, task: str) -> Any:
        for d in (self.sentence, self.spans, self.stance, self.other):
            if task in d:
                return d[task]
        raise KeyError(task)

    def __contains__(self, task: object) -> bool:
        return any(task in d for d in (self.sentence, self.spans, self.stance, self.other))


@runtime_checkable
class Scorer(Protocol):
    """A model the Analyzer can score sentences with.

    ``tasks``: the task specs it answers, by name; ``source``: where it was loaded from (for metadata);
    ``extra_config``: settings stored with it (``span_threshold``); ``predict``: batched predictions.
    """

    source: str
    extra_config: dict[str, Any]

    @property
    def tasks(self) -> Mapping[str, TaskSpec]:
        """The tasks this scorer answers, by name."""
        ...

    def predict(
        self,
        texts: Sequence[str],
        mentions: Sequence[Mentions] | None = None,
        *,
        tasks: Iterable[str] | None = None,
        batch_size: int = 32,
        span_threshold: float = 0.5,
        show_progress_bar: bool | None = None,
    ) -> list[ModelOutput]:
        """One :class:`ModelOutput` per text for the requested tasks (default: all); ``mentions`` for stance."""
        ...
