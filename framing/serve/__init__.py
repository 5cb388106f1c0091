"""``framing serve``: a local web app and JSON API (needs ``pip install 'framing[serve]'``).

>>> from framing.serve import ServeConfig, create_app, serve
>>> serve(ServeConfig(port=8000), analyzer_options={"nlp": None})     # what `framing serve` runs
>>> app = create_app(analyzer, ServeConfig())                          # an ASGI app for another server

Pieces: :mod:`framing.serve.batcher` (micro-batching: concurrent requests share one encoder pass),
:mod:`framing.serve.jobs` (corpus jobs through the resumable :func:`~framing.score_file`),
:mod:`framing.serve.app` (the FastAPI routes and the page), :mod:`framing.serve.server` (uvicorn,
graceful shutdown).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing._lazy import lazy_getattr

if TYPE_CHECKING:
    from framing.serve.app import create_app
    from framing.serve.config import ServeConfig
    from framing.serve.server import serve

__all__ = ["ServeConfig", "create_app", "serve"]

_LAZY = {
    "ServeConfig": "framing.serve.config",
    "create_app": "framing.serve.app",
    "serve": "framing.serve.server",
}

__getattr__ = lazy_getattr(__name__, _LAZY, globals())
