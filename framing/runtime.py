"""Run-time helpers shared by every scorer: autocast, progress bars, quiet transformers logging."""

from __future__ import annotations

import logging
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    import torch

logger = logging.getLogger(__name__)

__all__ = ["autocast", "progress_bar", "quiet_transformers"]


class autocast:  # noqa: N801 - used like torch.autocast
    """Autocast at the current precision (``framing._precision``): by default bf16 (or fp16) on CUDA,
    none on CPU.

    Use as ``with autocast(device): ...``.
    """

    def __init__(self, device: torch.device) -> None:
        import torch

        from framing._precision import autocast_dtype

        dtype = autocast_dtype(device)
        self.ctx: Any = torch.autocast(device.type, dtype=dtype) if dtype is not None else None

    def __enter__(self) -> None:
        if self.ctx is not None:
            self.ctx.__enter__()

    def __exit__(self, *exc: Any) -> None:
        if self.ctx is not None:
            self.ctx.__exit__(*exc)


def progress_bar(total: int, show: bool | None) -> Any:
    """A tqdm bar over ``total`` sentences; ``show=None`` shows it for 256+ sentences when logging is at INFO."""
    from tqdm.auto import tqdm

    if show is None:
        show = total >= 256 and logger.getEffectiveLevel() <= logging.INFO
    return tqdm(total=total, disable=not show, unit="sent", desc="framing")


def quiet_transformers() -> None:
    """Silence transformers' warnings and download progress bars (errors still show)."""
    from transformers.utils import logging as hf_logging

    hf_logging.set_verbosity_error()
    hf_logging.disable_progress_bar()
