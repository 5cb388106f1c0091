"""Helpers that turn results into JSON-safe Python values."""

from __future__ import annotations

import math
from collections.abc import Mapping, Sequence
from typing import Any


def json_float(value: float, ndigits: int = 6) -> float | None:
    """Round a float for JSON; NaN and infinities become ``None``."""
    value = float(value)
    if math.isnan(value) or math.isinf(value):
        return None
    return round(value, ndigits)


def to_jsonable(value: Any) -> Any:
    """Recursively convert dataclass dicts, tuples, numpy scalars and floats to JSON-safe values."""
    if hasattr(value, "to_dict") and callable(value.to_dict):
        return value.to_dict()
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, int):
        return int(value)
    if isinstance(value, float):
        return json_float(value)
    if hasattr(value, "item") and callable(value.item):  # numpy / torch scalars
        return to_jsonable(value.item())
    if isinstance(value, Mapping):
        return {str(k): to_jsonable(v) for k, v in value.items()}
    if isinstance(value, Sequence):
        return [to_jsonable(v) for v in value]
    raise TypeError(f"cannot convert {type(value).__name__} to JSON")
