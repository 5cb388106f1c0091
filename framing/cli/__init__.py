"""Command-line interface: thin commands over the library functions.

Each subcommand lives in its own module exposing ``add_parser(subparsers)`` and
``run(args) -> int``. Modules must not import torch or transformers at import time,
so ``framing --help`` stays fast.
"""

from __future__ import annotations

import argparse
import importlib
import logging
import sys
from collections.abc import Sequence

from framing._version import __version__
from framing.errors import FramingError

__all__ = ["main", "build_parser"]

# subcommand name -> module under framing.cli
COMMANDS: dict[str, str] = {
    "analyze": "framing.cli.analyze",
    "score": "framing.cli.score",
    "train": "framing.cli.train",
    "evaluate": "framing.cli.evaluate",
    "report": "framing.cli.report",
    "compare": "framing.cli.compare",
    "serve": "framing.cli.serve",
}


def build_parser() -> argparse.ArgumentParser:
    """The ``framing`` argument parser with one subcommand per module of :data:`COMMANDS`."""
    parser = argparse.ArgumentParser(
        prog="framing",
        description="Media framing and bias analysis: loaded wording, stance toward targets, framing profiles.",
    )
    parser.add_argument("--version", action="version", version=f"framing {__version__}")
    parser.add_argument("-v", "--verbose", action="count", default=0, help="more log output (-vv for debug)")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND")
    for module_name in COMMANDS.values():
        try:
            module = importlib.import_module(module_name)
        except ModuleNotFoundError as exc:  # a command whose module is not there yet
            if exc.name != module_name:
                raise
            continue
        module.add_parser(sub)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the ``framing`` command line on ``argv`` (default: ``sys.argv[1:]``); returns the exit status.

    A library error is printed as one line naming the flag that fixes it (exit status 1), not a traceback.
    """
    parser = build_parser()
    args = parser.parse_args(argv)
    if not getattr(args, "command", None):
        parser.print_help()
        return 2
    level = logging.WARNING - 10 * min(args.verbose, 2)
    logging.basicConfig(level=level, format="%(levelname)s %(name)s: %(message)s")
    try:
        return int(args.func(args) or 0)
    except FramingError as exc:
        from framing.cli._messages import cli_message

        print(f"framing {args.command}: error: {cli_message(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print(f"framing {args.command}: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
