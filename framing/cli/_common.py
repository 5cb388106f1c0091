"""Helpers shared by the CLI commands: reading input text, writing output, common options."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Sequence
from pathlib import Path

from framing.inputs import Document
from framing.results import ArticleProfile

__all__ = [
    "read_input",
    "read_document_input",
    "article_input",
    "analyze_text",
    "write_output",
    "add_target_option",
    "add_input_options",
    "show_progress",
]

logger = logging.getLogger(__name__)


def add_target_option(parser: argparse.ArgumentParser, help: str = "target to score stance toward (repeat)") -> None:
    parser.add_argument("--target", "-t", action="append", default=[], metavar="NAME", help=help)


def add_input_options(parser: argparse.ArgumentParser) -> None:
    """``--encoding`` and ``--text-format`` for commands that read article files."""
    parser.add_argument("--encoding", default="utf-8", help="encoding of the input (default: utf-8)")
    parser.add_argument(
        "--text-format",
        choices=("auto", "text", "html"),
        default="auto",
        help="auto (default): HTML for .html/.htm names or content starting with <!doctype html / <html, "
        "else plain text; html: extract the page's main text; text: read the file as it is",
    )


def show_progress() -> bool:
    """Progress bars go to standard error, and only when it is a terminal."""
    return sys.stderr.isatty()


def article_input(doc: Document) -> str | Document:
    """What to analyse for ``doc``: its text when it was read as is, else the Document (its source is recorded)."""
    return doc if doc.converted else doc.text


def read_document_input(path: str, encoding: str = "utf-8", text_format: str = "auto") -> Document:
    """``path`` (``-``: standard input) as a :class:`~framing.Document`: ``.gz`` decompressed, HTML
    converted, binary refused; decoding errors name the source and the fix."""
    from framing.inputs import decode_document, read_document

    if path == "-":
        return decode_document(
            sys.stdin.buffer.read(), encoding=encoding, input_format=text_format, name="standard input"
        )
    return read_document(path, encoding, input_format=text_format)


def read_input(path: str, encoding: str = "utf-8") -> str:
    """The text of ``path`` as it is (``-`` reads standard input; ``.gz`` decompressed; binary refused)."""
    return read_document_input(path, encoding, "text").text


def analyze_text(
    text: str | Document, targets: Sequence[str] | None = None, *, show_progress_bar: bool | None = None
) -> ArticleProfile:
    """Run the default analyzer (imported lazily: it pulls in torch).

    ``show_progress_bar``: None shows a bar over the sentences when standard error is a terminal.
    """
    import framing

    if show_progress_bar is None:
        show_progress_bar = show_progress()
    n = len(text.text if isinstance(text, Document) else text)
    logger.info("analyzing %d characters", n)
    return framing.analyze(text, targets=list(targets) if targets else None, show_progress_bar=show_progress_bar)


def write_output(content: str, out: str | None) -> None:
    """Write ``content`` to the file ``out``, or to standard output when ``out`` is None or ``-``."""
    if out in (None, "-"):
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    Path(out).write_text(content, encoding="utf-8")
    logger.info("wrote %s", out)
