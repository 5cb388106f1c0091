"""Settings of the web app (``framing serve`` flags) and the optional-dependency check."""

from __future__ import annotations

import importlib.util
import ipaddress
import os
from dataclasses import dataclass
from pathlib import Path

from framing.errors import ConfigError, MissingExtraError

__all__ = ["ServeConfig", "require_serve_extra", "is_loopback", "default_jobs_dir", "DEFAULT_MAX_BODY_BYTES"]

DEFAULT_MAX_BODY_BYTES = 10_000_000
_EXTRA_MODULES = ("fastapi", "uvicorn", "multipart", "fastapi_offline")


def require_serve_extra() -> None:
    """Raise :class:`MissingExtraError` naming ``pip install 'framing[serve]'`` when a serve dependency is missing."""
    missing = [m for m in _EXTRA_MODULES if importlib.util.find_spec(m) is None]
    if missing:
        names = {"multipart": "python-multipart"}
        raise MissingExtraError(
            f"framing serve needs {', '.join(names.get(m, m) for m in missing)}: pip install 'framing[serve]'"
        )


def default_jobs_dir() -> Path:
    """``$FRAMING_CACHE/jobs`` (default ``~/.cache/framing/jobs``): where batch jobs keep their files."""
    base = os.environ.get("FRAMING_CACHE") or os.path.join(os.path.expanduser("~"), ".cache", "framing")
    return Path(base) / "jobs"


def is_loopback(host: str) -> bool:
    """True for ``localhost`` and loopback addresses (127.0.0.0/8, ::1): only this machine can connect."""
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


@dataclass(frozen=True)
class ServeConfig:
    """How the app serves.

    Args:
        host, port: where uvicorn listens (default loopback only: ``127.0.0.1:8000``).
        token: when set, every ``/v1`` call needs ``Authorization: Bearer <token>``.
        max_body_bytes: larger request bodies get HTTP 413 (default 10 MB).
        max_batch: articles scored together in one micro-batch (1: no micro-batching).
        max_wait_ms: how long the first request of a micro-batch waits for others to join.
        queue_size: articles waiting to be scored; when full, requests get HTTP 503 with ``Retry-After``.
        request_timeout: seconds a request waits for its scores before HTTP 504.
        jobs_dir: where batch jobs keep their input, parts and results (default ``$FRAMING_CACHE/jobs``).
        job_chunk_size: rows per checkpointed chunk of a batch job.
        shutdown_timeout: seconds SIGTERM waits for in-flight requests and for a running job's chunk.
    """

    host: str = "127.0.0.1"
    port: int = 8000
    token: str | None = None
    max_body_bytes: int = DEFAULT_MAX_BODY_BYTES
    max_batch: int = 16
    max_wait_ms: float = 5.0
    queue_size: int = 256
    request_timeout: float = 300.0
    jobs_dir: str | None = None
    job_chunk_size: int = 50
    shutdown_timeout: float = 30.0

    def __post_init__(self) -> None:
        checks = {
            "max_body_bytes": self.max_body_bytes >= 1,
            "max_batch": self.max_batch >= 1,
            "queue_size": self.queue_size >= 1,
            "job_chunk_size": self.job_chunk_size >= 1,
            "max_wait_ms": self.max_wait_ms >= 0,
            "request_timeout": self.request_timeout > 0,
            "shutdown_timeout": self.shutdown_timeout >= 0,
        }
        bad = [name for name, ok in checks.items() if not ok]
        if bad:
            raise ConfigError(f"serve settings out of range: {', '.join(bad)} (sizes >= 1, times >= 0)")
        if self.token is not None and not self.token.strip():
            raise ConfigError("the token is empty; pass --token with a secret, or leave it out")

    @property
    def jobs_path(self) -> Path:
        """The jobs folder as a :class:`Path` (``jobs_dir`` or :func:`default_jobs_dir`)."""
        return Path(self.jobs_dir) if self.jobs_dir else default_jobs_dir()
