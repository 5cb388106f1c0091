"""framing: media framing and bias analysis.

    >>> import framing
    >>> profile = framing.analyze(text)            # default models, discovered targets
    >>> profile.targets["Stoltenberg"].stance_mean
    >>> print(profile.summary())

Heavy modules (torch, transformers) load on first use of ``analyze``/``Analyzer``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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
from framing.results import ArticleProfile, Cue, Quote, Sentence, Span, Stance, TargetProfile

if TYPE_CHECKING:
    from framing.analyzer import Analyzer, analyze, read_text
    from framing.modeling.model import FramingModel, TaskSpec

__all__ = [
    "__version__",
    "analyze",
    "Analyzer",
    "read_text",
    "FramingModel",
    "TaskSpec",
    "ArticleProfile",
    "Sentence",
    "Span",
    "Quote",
    "Cue",
    "Stance",
    "TargetProfile",
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
    "FramingModel": "framing.modeling.model",
    "TaskSpec": "framing.modeling.model",
}


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing' has no attribute {name!r}")
