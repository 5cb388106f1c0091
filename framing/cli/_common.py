"""Helpers shared by the CLI commands: reading input text, writing output, common options."""

from __future__ import annotations

import argparse
import logging
import sys
from collections.abc import Mapping, Sequence
from pathlib import Path
from typing import Any

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
    "add_analyzer_options",
    "analyzer_options",
    "build_analyzer",
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


def add_analyzer_options(parser: argparse.ArgumentParser) -> None:
    """The analyzer options every command that scores text takes (``analyze``, ``report``, ``compare``,
    ``score``), under the names of :class:`~framing.Analyzer`'s arguments; unset ones keep its defaults."""
    g = parser.add_argument_group("analyzer options")
    g.add_argument(
        "--model",
        default=None,
        help="framing model folder or hub id; default: the embedded fast model; large: stance from the larger "
        "mpnet model (more accurate, a second encoder pass; needs `python -m framing.backbones fetch mpnet`)",
    )
    for role in ("loaded", "span", "stance"):
        g.add_argument(
            f"--{role}-model", default=None, metavar="PATH", help=f"override the {role} scorer (framing or hf: model)"
        )
    g.add_argument("--device", default=None, help="cpu, cuda, cuda:1 … (default: CUDA if available, else CPU)")
    g.add_argument(
        "--precision",
        choices=("auto", "fp32", "bf16", "fp16", "int8"),
        default=None,
        help="auto (default: bf16/fp16 on CUDA, fp32 on CPU), fp32, bf16, fp16, or int8 (CPU: faster, about 1 "
        "label in 20 differs)",
    )
    g.add_argument("--int8", action="store_true", help="deprecated: --precision int8")
    g.add_argument("--batch-size", type=int, default=None, help="sentences per encoder batch (default: 32)")
    g.add_argument("--loaded-threshold", type=float, default=None, help="P(loaded) of a loaded sentence (default 0.5)")
    g.add_argument(
        "--span-threshold", type=float, default=None, help="span score threshold (default: tuned, stored in the model)"
    )
    g.add_argument("--max-chars", type=int, default=None, help="longest text to analyse (default: 2,000,000)")
    g.add_argument("--max-targets", type=int, default=None, help="targets to discover when none is given (default: 6)")
    g.add_argument(
        "--nlp",
        default=None,
        metavar="PIPELINE",
        help="spaCy pipeline of the text layer: default (en_core_web_sm), another installed pipeline, or none "
        "(rule-based, faster)",
    )


_OPTION_NAMES = (
    "loaded_model",
    "span_model",
    "stance_model",
    "device",
    "precision",
    "batch_size",
    "loaded_threshold",
    "span_threshold",
    "max_chars",
    "max_targets",
    "nlp",
)


def analyzer_options(args: argparse.Namespace) -> dict[str, Any]:
    """The analyzer options given on the command line (``model`` included) as Analyzer keyword arguments."""
    opts: dict[str, Any] = {"model": args.model} if getattr(args, "model", None) else {}
    for name in _OPTION_NAMES:
        value = getattr(args, name, None)
        if value is not None:
            opts[name] = None if name == "nlp" and str(value).lower() == "none" else value
    if getattr(args, "int8", False):
        logger.warning("--int8 is deprecated; use --precision int8")
        if opts.get("precision", "int8") != "int8":
            from framing.errors import ConfigError

            raise ConfigError(f"--int8 contradicts --precision {opts['precision']}; pass --precision int8 only")
        opts["precision"] = "int8"
    return opts


_ANALYZERS: dict[str, Any] = {}


def build_analyzer(options: Mapping[str, Any] | None = None) -> Any:
    """An :class:`~framing.Analyzer` for ``options`` (see :func:`analyzer_options`), built once per process."""
    from framing.analyzer import Analyzer

    opts = dict(options or {})
    key = repr(sorted(opts.items()))
    if key not in _ANALYZERS:
        _ANALYZERS[key] = Analyzer(opts.pop("model", "default"), **opts)
    return _ANALYZERS[key]


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
    text: str | Document,
    targets: Sequence[str] | None = None,
    *,
    show_progress_bar: bool | None = None,
    options: Mapping[str, Any] | None = None,
) -> ArticleProfile:
    """Analyse ``text`` with the analyzer ``options`` describe (imported lazily: it pulls in torch).

    ``show_progress_bar``: None shows a bar over the sentences when standard error is a terminal.
    """
    if show_progress_bar is None:
        show_progress_bar = show_progress()
    n = len(text.text if isinstance(text, Document) else text)
    logger.info("analyzing %d characters", n)
    analyzer = build_analyzer(options)
    return analyzer.analyze(text, targets=list(targets) if targets else None, show_progress_bar=show_progress_bar)


def write_output(content: str, out: str | None) -> None:
    """Write ``content`` to the file ``out``, or to standard output when ``out`` is None or ``-``."""
    if out in (None, "-"):
        sys.stdout.write(content if content.endswith("\n") else content + "\n")
        return
    Path(out).write_text(content, encoding="utf-8")
    logger.info("wrote %s", out)
