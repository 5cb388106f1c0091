"""Helpers shared by the CLI commands: reading input text, writing output, common options."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from framing.errors import TextDecodeError
from framing.results import ArticleProfile

__all__ = ["read_input", "analyze_text", "write_output", "add_target_option"]

logger = logging.getLogger(__name__)


def add_target_option(parser: argparse.ArgumentParser, help: str = "target to score stance toward (repeat)") -> None:
    parser.add_argument("--target", "-t", action="append", default=[], metavar="NAME", help=help)


def read_input(path: str, encoding: str = "utf-8") -> str:
    """The text of ``path``; ``-`` reads standard input. Decoding errors name the source and the fix."""
    if path == "-":
        data = sys.stdin.buffer.read()
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as exc:
            raise TextDecodeError(
                f"standard input is not valid {encoding} (byte {exc.start}); pass --encoding, e.g. --encoding cp1252"
            ) from exc
    from framing.analyzer import read_text

    return read_text(path, encoding)


def analyze_text(text: str, targets: Sequence[str] | None = None) -> ArticleProfile:
    """Run the default analyzer (imported lazily: it pulls in torch)."""
    import framing

    logger.info("analyzing %d characters", len(text))
    return framing.analyze(text, targets=list(targets) if targets else None)


def write_output(content: str, out: str | None) -> None:
    """Write ``content`` to the file ``out``, or to standard output when ``out`` is None or ``-``."""
    if out in (None, "-"):
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    Path(out).write_text(content, encoding="utf-8")
    logger.info("wrote %s", out)
