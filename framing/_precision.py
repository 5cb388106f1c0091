"""Inference precision: one option, ``"auto" | "fp32" | "bf16" | "fp16" | "int8"``.

``auto`` is bf16 autocast on CUDA where the GPU supports it (else fp16) and fp32 on CPU; ``bf16`` /
``fp16`` autocast on any device; ``int8`` is dynamic int8 quantisation of the linear layers (CPU
only, applied when a model is loaded). The analyzer sets the precision around its ``predict`` calls
with :func:`use_precision`; the models' autocast helper reads it with :func:`autocast_dtype`, so
models that know nothing about precision (plain transformers classifiers) follow it too.
"""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Iterator
from contextvars import ContextVar
from typing import Any

from framing.errors import ConfigError

logger = logging.getLogger(__name__)

__all__ = ["PRECISIONS", "check_precision", "resolve_precision", "autocast_dtype", "use_precision"]

PRECISIONS: tuple[str, ...] = ("auto", "fp32", "bf16", "fp16", "int8")
_CURRENT: ContextVar[str] = ContextVar("framing_precision", default="auto")


def check_precision(precision: str, device: Any = None) -> str:
    """``precision`` if it is one of :data:`PRECISIONS` (and int8 is asked for on CPU); else a ConfigError."""
    p = str(precision).lower()
    if p not in PRECISIONS:
        raise ConfigError(f"precision must be one of {', '.join(PRECISIONS)}; got {precision!r}")
    if p == "int8" and device is not None and not str(device).startswith("cpu"):
        raise ConfigError(
            f"precision='int8' is for CPU inference, but the device is {device}; use device='cpu', or "
            "precision='auto' / 'bf16' / 'fp16' on a GPU (command line: --device cpu or --precision auto)"
        )
    return p


def resolve_precision(precision: str, device: Any) -> str:
    """What ``precision`` means on ``device``: ``auto`` becomes bf16/fp16 on CUDA, fp32 elsewhere."""
    import torch

    if precision != "auto":
        return precision
    if torch.device(device).type == "cuda":
        return "bf16" if torch.cuda.is_bf16_supported() else "fp16"
    return "fp32"


def autocast_dtype(device: Any) -> Any:
    """The autocast dtype for ``device`` under the current precision, or None for no autocast."""
    import torch

    p = resolve_precision(_CURRENT.get(), device)
    return {"bf16": torch.bfloat16, "fp16": torch.float16}.get(p)


@contextlib.contextmanager
def use_precision(precision: str) -> Iterator[None]:
    """Run the enclosed ``predict`` calls at ``precision`` (see :data:`PRECISIONS`)."""
    token = _CURRENT.set(check_precision(precision))
    try:
        yield
    finally:
        _CURRENT.reset(token)
