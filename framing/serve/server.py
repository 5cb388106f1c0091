"""Run the app under uvicorn (what ``framing serve`` does), with a bounded graceful shutdown.

On SIGTERM / Ctrl-C uvicorn stops accepting connections and waits up to ``shutdown_timeout``
seconds for in-flight requests; then the app's lifespan ends the running batch job at a chunk
boundary (it resumes on the next start) and scores what is still queued; then the process exits.
"""

from __future__ import annotations

import logging
import signal
from collections.abc import Mapping
from typing import TYPE_CHECKING, Any

from framing.serve.config import ServeConfig, is_loopback, require_serve_extra

if TYPE_CHECKING:
    from framing.analyzer import Analyzer

__all__ = ["serve", "bind_message"]

logger = logging.getLogger(__name__)


def bind_message(config: ServeConfig) -> tuple[int, str]:
    """(log level, message) saying who can reach the server: loopback only, or others (warns without a token)."""
    url = f"http://{config.host}:{config.port}/"
    if is_loopback(config.host):
        return logging.INFO, (
            f"serving on {url} (loopback only: other machines cannot connect; --host 0.0.0.0 to share it)"
        )
    if config.token is None:
        return logging.WARNING, (
            f"serving on {url}, reachable from other machines, WITHOUT authentication: anyone who can reach this "
            "port can use the API and read batch results; pass --token SECRET (or FRAMING_SERVE_TOKEN) to require "
            "Authorization: Bearer SECRET"
        )
    return logging.INFO, f"serving on {url}, reachable from other machines; API calls need the bearer token"


def serve(
    config: ServeConfig | None = None,
    analyzer: Analyzer | None = None,
    analyzer_options: Mapping[str, Any] | None = None,
) -> None:
    """Load the analyzer (``analyzer``, or one built from ``analyzer_options``), then serve until SIGTERM/Ctrl-C."""
    require_serve_extra()
    import uvicorn

    from framing.serve.app import create_app

    cfg = config or ServeConfig()
    if analyzer is None:
        from framing.analyzer import Analyzer

        opts = dict(analyzer_options or {})
        analyzer = Analyzer(opts.pop("model", "default"), **opts)
    app = create_app(analyzer, cfg)
    level, message = bind_message(cfg)
    logger.log(level, message)
    server = _Server(
        uvicorn.Config(
            app,
            host=cfg.host,
            port=cfg.port,
            log_level="warning",
            timeout_graceful_shutdown=int(max(cfg.shutdown_timeout, 1)),
            access_log=False,
        )
    )
    server.run()
    logger.info("stopped")


def _server_class() -> type:
    import uvicorn

    class Server(uvicorn.Server):
        """uvicorn's server, except that a graceful shutdown on SIGTERM ends with exit status 0 (uvicorn re-raises
        the signal after shutting down, which a process manager would read as a crash)."""

        def handle_exit(self, sig: int, frame: Any) -> None:
            super().handle_exit(sig, frame)
            captured = getattr(self, "_captured_signals", None)
            if sig == signal.SIGTERM and isinstance(captured, list) and sig in captured:
                captured.remove(sig)

    return Server


def _Server(config: Any) -> Any:  # noqa: N802 - builds the class above on first use (uvicorn is optional)
    return _server_class()(config)
