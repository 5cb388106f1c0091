"""``framing compare A B [...]``: the same event told by different sources, side by side."""

from __future__ import annotations

import argparse
from pathlib import Path

from framing.cli._common import add_analyzer_options, add_input_options, add_target_option

__all__ = ["add_parser", "run"]


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    parser = subparsers.add_parser(
        "compare",
        help="compare several articles about the same event",
        description="Analyze two or more articles and compare stance per shared target, loaded wording "
        "and labelling choices.",
    )
    parser.add_argument(
        "inputs",
        nargs="+",
        metavar="INPUT",
        help="article files, text or HTML, may be .gz (at least two; - for stdin once)",
    )
    parser.add_argument("--format", choices=("text", "html", "json"), default="text", help="output format")
    parser.add_argument("-o", "--output", default="-", help="file to write (default: standard output)")
    add_target_option(parser)
    parser.add_argument("--name", action="append", default=None, metavar="LABEL", help="label per input (repeat)")
    parser.add_argument("--title", default=None, help="HTML page title")
    add_input_options(parser)
    add_analyzer_options(parser)
    parser.set_defaults(func=run)
    return parser


def _names(inputs: list[str], given: list[str] | None) -> list[str]:
    from framing.errors import InputValueError

    if given:
        if len(given) != len(inputs):
            raise InputValueError(f"got {len(given)} --name for {len(inputs)} inputs")
        return given
    names = [Path(p).stem if p != "-" else "stdin" for p in inputs]
    return names if len(set(names)) == len(names) else [f"{i + 1}:{n}" for i, n in enumerate(names)]


def run(args: argparse.Namespace) -> int:
    import json

    from framing.cli import _common as _cli
    from framing.errors import InputValueError
    from framing.report.compare import compare
    from framing.targets import shared_targets

    if len(args.inputs) < 2:
        raise InputValueError("compare needs at least two inputs")
    if args.inputs.count("-") > 1:
        raise InputValueError("standard input (-) can be used only once")
    names = _names(args.inputs, args.name)
    docs = [_cli.read_document_input(p, args.encoding, args.text_format) for p in args.inputs]
    targets = args.target or shared_targets([d.text for d in docs]) or None
    opts = _cli.analyzer_options(args)
    profiles = [_cli.analyze_text(_cli.article_input(d), targets, options=opts) for d in docs]
    result = compare(profiles, names=names, targets=targets)
    if args.format == "html":
        out = result.to_html(title=args.title)
    elif args.format == "json":
        out = json.dumps(result.to_dict(), indent=2, ensure_ascii=False, allow_nan=False) + "\n"
    else:
        out = result.to_text()
    _cli.write_output(out, args.output)
    return 0
