"""Helpers shared by the ``framing report`` and ``framing compare`` commands."""

from __future__ import annotations

import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from framing.errors import InputValueError, TextDecodeError
from framing.results import ArticleProfile

__all__ = ["read_input", "analyze_text", "write_output"]

logger = logging.getLogger(__name__)


def read_input(path: str, encoding: str = "utf-8") -> str:
    """The text of ``path`` (``-`` reads standard input)."""
    if path == "-":
        return sys.stdin.read()
    p = Path(path)
    if not p.is_file():
        raise InputValueError(f"no such file: {path}")
    try:
        return p.read_text(encoding=encoding)
    except UnicodeDecodeError as exc:
        raise TextDecodeError(f"{path} is not valid {encoding}: {exc}") from exc


def analyze_text(text: str, targets: Sequence[str] | None = None) -> ArticleProfile:
    """Run the analyzer (imported lazily: it pulls in torch)."""
    import framing

    logger.info("analyzing %d characters", len(text))
    return framing.analyze(text, targets=list(targets) if targets else None)


def write_output(content: str, out: str | None) -> None:
    """Write ``content`` to the file ``out``, or to standard output when ``out`` is None or ``-``."""
    if out in (None, "-"):
        sys.stdout.write(content)
        return
    Path(out).write_text(content, encoding="utf-8")
    logger.info("wrote %s", out)
