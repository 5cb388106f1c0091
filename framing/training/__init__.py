"""Where training lives: examples, data loading and checks, the training loop, the Trainer, evaluation.

Public API (imported lazily, so ``import framing.training`` stays light)::

    from framing.training import TrainingArguments, Trainer, train, evaluate_model

See :mod:`framing.training.trainer` for an example.
"""

from __future__ import annotations

from framing._lazy import lazy_getattr

__all__ = [
    "TrainingArguments",
    "Trainer",
    "train",
    "evaluate_model",
    "EvaluationReport",
    "classification_metrics",
    "span_metrics",
    "expected_calibration_error",
    "prepare_examples",
    "load_table",
    "PreparedData",
    "model_card",
    "FramingCardData",
    "write_card",
    "SentenceExample",
    "SpanExample",
    "StanceExample",
    "StanceTarget",
    "FramesExample",
    "LoopConfig",
    "fit",
    "fit_temperature",
]

_WHERE = {
    "TrainingArguments": "framing.training.arguments",
    "Trainer": "framing.training.trainer",
    "train": "framing.training.trainer",
    "evaluate_model": "framing.training.evaluate",
    "EvaluationReport": "framing.training.evaluate",
    "classification_metrics": "framing.training.evaluate",
    "span_metrics": "framing.training.evaluate",
    "expected_calibration_error": "framing.training.evaluate",
    "prepare_examples": "framing.training.data",
    "load_table": "framing.training.data",
    "PreparedData": "framing.training.data",
    "model_card": "framing.training.card",
    "FramingCardData": "framing.training.card",
    "write_card": "framing.training.card",
    "SentenceExample": "framing.training.examples",
    "SpanExample": "framing.training.examples",
    "StanceExample": "framing.training.examples",
    "StanceTarget": "framing.training.examples",
    "FramesExample": "framing.training.examples",
    "LoopConfig": "framing.training.loop",
    "fit": "framing.training.loop",
    "fit_temperature": "framing.training.calibrate",
}


__getattr__ = lazy_getattr(__name__, _WHERE, globals())


def __dir__() -> list[str]:
    return sorted(set(globals()) | set(__all__))
