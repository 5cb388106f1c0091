"""framing: media framing and bias analysis.

    >>> import framing
    >>> profile = framing.analyze(text)            # default models, discovered targets
    >>> profile.targets["Stoltenberg"].stance_mean
    >>> print(profile.summary())

Heavy modules (torch, transformers) load on first use of ``analyze``/``Analyzer``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing._lazy import lazy_getattr
from framing._version import __version__
from framing.errors import (
    ConfigError,
    DataError,
    FramingError,
    InputTypeError,
    InputValueError,
    LabelError,
    ModelLoadError,
    TextDecodeError,
)
from framing.results import (
    ArticleProfile,
    Cue,
    FrameEvidence,
    FrameScore,
    Quote,
    Sentence,
    Span,
    Stance,
    TargetProfile,
)

if TYPE_CHECKING:
    from framing.analyzer import Analyzer, analyze, read_text
    from framing.batch.dataset import score_dataset
    from framing.batch.files import score_file
    from framing.inputs import Document, html_to_document, read_document
    from framing.modeling.model import FramingModel, TaskSpec
    from framing.report.compare import compare
    from framing.training.arguments import TrainingArguments
    from framing.training.evaluate import EvaluationReport, evaluate_model
    from framing.training.trainer import Trainer, train

__all__ = [
    "__version__",
    "analyze",
    "Analyzer",
    "read_text",
    "Document",
    "read_document",
    "html_to_document",
    "score_dataset",
    "score_file",
    "compare",
    "TrainingArguments",
    "Trainer",
    "train",
    "evaluate_model",
    "EvaluationReport",
    "FramingModel",
    "TaskSpec",
    "ArticleProfile",
    "Sentence",
    "Span",
    "Quote",
    "Cue",
    "Stance",
    "TargetProfile",
    "FrameScore",
    "FrameEvidence",
    "FramingError",
    "InputTypeError",
    "InputValueError",
    "TextDecodeError",
    "ModelLoadError",
    "DataError",
    "LabelError",
    "ConfigError",
]

_LAZY = {
    "analyze": "framing.analyzer",
    "Analyzer": "framing.analyzer",
    "read_text": "framing.analyzer",
    "Document": "framing.inputs",
    "read_document": "framing.inputs",
    "html_to_document": "framing.inputs",
    "FramingModel": "framing.modeling.model",
    "TaskSpec": "framing.modeling.model",
    "score_dataset": "framing.batch.dataset",
    "score_file": "framing.batch.files",
    "compare": "framing.report.compare",
    "TrainingArguments": "framing.training.arguments",
    "Trainer": "framing.training.trainer",
    "train": "framing.training.trainer",
    "evaluate_model": "framing.training.evaluate",
    "EvaluationReport": "framing.training.evaluate",
}

__getattr__ = lazy_getattr(__name__, _LAZY, globals())


def __dir__() -> list[str]:
    """The public names (lazy ones included), not the module's typing helpers."""
    return sorted(__all__)
