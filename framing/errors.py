"""Exception hierarchy.

Every error the library raises on purpose is a :class:`FramingError`. Subclasses also
derive from the matching built-in (``ValueError``, ``TypeError``, ``FileNotFoundError``)
so callers that already catch those keep working.
"""

from __future__ import annotations

__all__ = [
    "FramingError",
    "InputTypeError",
    "InputValueError",
    "TextDecodeError",
    "ModelLoadError",
    "DataError",
    "LabelError",
    "ConfigError",
    "MissingExtraError",
    "ServerBusyError",
]


class FramingError(Exception):
    """Base class for all errors raised by ``framing``."""


class InputTypeError(FramingError, TypeError):
    """An argument has the wrong type (e.g. bytes or a list where a string was expected)."""


class InputValueError(FramingError, ValueError):
    """An argument has the right type but an unusable value."""


class TextDecodeError(FramingError, UnicodeError):
    """A file could not be decoded with the requested encoding."""


class ModelLoadError(FramingError, OSError):
    """A model folder or hub id is missing, incomplete or inconsistent."""


class DataError(FramingError, ValueError):
    """A dataset is missing columns, is empty, or holds values that cannot be used."""


class LabelError(DataError):
    """A label is unknown to the model or a class has too few examples."""


class ConfigError(FramingError, ValueError):
    """A configuration value (training arguments, model config) is invalid."""


class MissingExtraError(FramingError, ImportError):
    """An optional dependency is not installed; the message names the ``pip install 'framing[...]'`` that adds it."""


class ServerBusyError(FramingError, RuntimeError):
    """The web app's scoring queue is full (HTTP 503 with ``Retry-After``): try again shortly."""
