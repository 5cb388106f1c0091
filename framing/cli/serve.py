"""``framing serve [--host 127.0.0.1] [--port 8000] [--token SECRET] [analyzer options]``: the web app and API."""

from __future__ import annotations

import argparse
import logging
import os

from framing.cli._common import add_analyzer_options, analyzer_options

__all__ = ["add_parser", "run"]

_EPILOG = """\
Open http://127.0.0.1:8000/ for the page, /docs for the API (OpenAPI). Binds loopback only unless
--host says otherwise; then pass --token (or set FRAMING_SERVE_TOKEN) so every API call needs
Authorization: Bearer <token>. Needs pip install 'framing[serve]'.
"""


def add_parser(subparsers: argparse._SubParsersAction) -> argparse.ArgumentParser:
    from framing.serve.config import DEFAULT_MAX_BODY_BYTES, ServeConfig

    d = ServeConfig()
    parser = subparsers.add_parser(
        "serve",
        help="run the local web app and JSON API",
        description="Serve the page and the JSON API (analyze, compare, batch jobs) over one loaded analyzer.",
        epilog=_EPILOG,
        formatter_class=argparse.RawDescriptionHelpFormatter,
    )
    parser.add_argument("--host", default=d.host, help=f"address to bind (default {d.host}: this machine only)")
    parser.add_argument("--port", type=int, default=d.port, help=f"port (default {d.port})")
    parser.add_argument(
        "--token", default=None, help="require Authorization: Bearer TOKEN on API calls (default: $FRAMING_SERVE_TOKEN)"
    )
    parser.add_argument("--jobs-dir", default=None, help="batch job files (default: $FRAMING_CACHE/jobs)")
    parser.add_argument(
        "--max-body-mb",
        type=float,
        default=DEFAULT_MAX_BODY_BYTES / 1_000_000,
        help="largest request body in MB (default 10); larger ones get HTTP 413",
    )
    parser.add_argument("--max-batch", type=int, default=d.max_batch, help="articles per micro-batch (1: none)")
    parser.add_argument("--max-wait-ms", type=float, default=d.max_wait_ms, help="how long a micro-batch collects")
    parser.add_argument("--queue-size", type=int, default=d.queue_size, help="articles waiting before HTTP 503")
    parser.add_argument("--job-chunk-size", type=int, default=d.job_chunk_size, help="rows per batch-job checkpoint")
    parser.add_argument(
        "--shutdown-timeout", type=float, default=d.shutdown_timeout, help="seconds to finish work on SIGTERM"
    )
    add_analyzer_options(parser)
    parser.set_defaults(func=run)
    return parser


def config_from_args(args: argparse.Namespace) -> object:
    """The :class:`~framing.serve.ServeConfig` the flags describe."""
    from framing.serve.config import ServeConfig

    return ServeConfig(
        host=args.host,
        port=args.port,
        token=args.token or os.environ.get("FRAMING_SERVE_TOKEN") or None,
        max_body_bytes=int(args.max_body_mb * 1_000_000),
        max_batch=args.max_batch,
        max_wait_ms=args.max_wait_ms,
        queue_size=args.queue_size,
        jobs_dir=args.jobs_dir,
        job_chunk_size=args.job_chunk_size,
        shutdown_timeout=args.shutdown_timeout,
    )


def run(args: argparse.Namespace) -> int:
    from framing.serve.config import require_serve_extra

    require_serve_extra()
    from framing.serve.server import serve

    logging.getLogger("framing.serve").setLevel(min(logging.getLogger().level or logging.INFO, logging.INFO))
    serve(config_from_args(args), analyzer_options=analyzer_options(args))  # type: ignore[arg-type]
    return 0
