"""``python -m framing.backbones fetch mpnet [--cache-dir DIR]``: fetch a backbone into the cache.

``python -m framing.backbones list`` shows the fetchable backbones and whether each is cached.
"""

from __future__ import annotations

import argparse
import logging
import sys
import time

from framing.backbones import BACKBONES, CACHE_ENV, cache_root, cached_path, fetch
from framing.errors import FramingError


def build_parser() -> argparse.ArgumentParser:
    """The ``fetch`` / ``list`` command line."""
    parser = argparse.ArgumentParser(prog="python -m framing.backbones", description=__doc__)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")
    for name, help_text in (("fetch", "download, verify and cache a backbone"), ("list", "list fetchable backbones")):
        cmd = sub.add_parser(name, help=help_text)
        if name == "fetch":
            cmd.add_argument("backbone", choices=sorted(BACKBONES), help="which backbone")
        cmd.add_argument(
            "--cache-dir",
            default=None,
            help=f"framing cache folder (default: ${CACHE_ENV} or ~/.cache/framing); backbones go to DIR/backbones",
        )
    return parser


def main(argv: list[str] | None = None) -> int:
    """Run the command; errors print one line naming the fix and exit 1."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    if args.command == "list":
        for key, spec in sorted(BACKBONES.items()):
            where = cached_path(spec, args.cache_dir)
            print(f"{key}\t{spec.hub_id}\t{where or 'not fetched (' + str(cache_root(args.cache_dir)) + ')'}")
        return 0
    t0 = time.perf_counter()
    try:
        folder = fetch(args.backbone, args.cache_dir)
    except FramingError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    print(f"{BACKBONES[args.backbone].hub_id}: {folder} ({time.perf_counter() - t0:.1f} s)")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
