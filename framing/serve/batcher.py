"""Micro-batching: a bounded queue in front of one :class:`~framing.Analyzer`.

Each request puts its article(s) on the queue and waits on a future. One worker thread takes the
first waiting article, lets others join for up to ``max_wait_ms`` (or until ``max_batch`` are
there), scores them all with one :meth:`Analyzer.pipe` call (their sentences share encoder
batches) and hands every request its own profile. A full queue refuses new work at once with
:class:`~framing.errors.ServerBusyError` (HTTP 503 + ``Retry-After``); nothing waits unbounded and
nothing is dropped silently: every accepted article gets a profile or an error.

Batch jobs share the analyzer through :class:`SharedAnalyzer`, which holds the same lock for each
of their chunks, so the models are used by one thread at a time.
"""

from __future__ import annotations

import logging
import queue
import threading
import time
from collections.abc import Iterator, Sequence
from concurrent.futures import Future
from dataclasses import dataclass, field
from typing import TYPE_CHECKING, Any

from framing.errors import ServerBusyError

if TYPE_CHECKING:
    from framing.analyzer import Analyzer
    from framing.results import ArticleProfile

__all__ = ["MicroBatcher", "SharedAnalyzer", "JobStopped", "BatchStats"]

logger = logging.getLogger(__name__)


class JobStopped(BaseException):  # noqa: N818 - like KeyboardInterrupt: not caught by ``except Exception``
    """Raised inside a batch job's scoring when the server stops; the job's finished chunks are kept."""


class SharedAnalyzer:
    """An :class:`~framing.Analyzer` used by one thread at a time; stands in for it in :func:`score_file`.

    ``pipe``/``analyze`` hold ``lock`` while they score and raise :class:`JobStopped` once ``stop`` is
    set (checked before each call, i.e. between chunks), so a stopping server ends a job at a chunk
    boundary. Other attributes (``max_chars``, ``meta()`` …) are the analyzer's.
    """

    def __init__(self, analyzer: Analyzer, lock: threading.Lock, stop: threading.Event | None = None) -> None:
        self._analyzer = analyzer
        self._lock = lock
        self._stop = stop or threading.Event()

    def __getattr__(self, name: str) -> Any:
        return getattr(self._analyzer, name)

    def _check(self) -> None:
        if self._stop.is_set():
            raise JobStopped("the server is stopping")

    def pipe(self, texts: Any, *args: Any, **kwargs: Any) -> Iterator[Any]:
        self._check()
        with self._lock:
            out = list(self._analyzer.pipe(texts, *args, **kwargs))
        yield from out

    def analyze(self, text: Any, *args: Any, **kwargs: Any) -> ArticleProfile:
        self._check()
        with self._lock:
            return self._analyzer.analyze(text, *args, **kwargs)


@dataclass
class _Item:
    text: Any
    targets: list[str] | None
    future: Future[ArticleProfile] = field(default_factory=Future)


@dataclass
class BatchStats:
    """Counters for ``/healthz``: micro-batches run, articles scored, largest batch, articles waiting."""

    batches: int = 0
    articles: int = 0
    largest: int = 0
    refused: int = 0


class MicroBatcher:
    """Scores queued articles in micro-batches on one worker thread (see the module docstring)."""

    def __init__(
        self,
        analyzer: Analyzer,
        *,
        max_batch: int = 16,
        max_wait_ms: float = 5.0,
        queue_size: int = 256,
        lock: threading.Lock | None = None,
    ) -> None:
        self.analyzer = analyzer
        self.max_batch = max_batch
        self.max_wait = max_wait_ms / 1000.0
        self.lock = lock or threading.Lock()
        self.queue_size = queue_size
        self._queue: queue.Queue[_Item | None] = queue.Queue()  # bounded by submit(), so stop() never blocks
        self._accepting = True
        self._submit_lock = threading.Lock()
        self.stats = BatchStats()
        self._thread = threading.Thread(target=self._run, name="framing-microbatcher", daemon=True)
        self._thread.start()

    @property
    def waiting(self) -> int:
        """Articles in the queue (not yet taken by the worker)."""
        return self._queue.qsize()

    def submit(self, texts: Sequence[Any], targets: Sequence[str] | None = None) -> list[Future[ArticleProfile]]:
        """Queue ``texts`` (str or Document); one future per text, or :class:`ServerBusyError` if they do not fit.

        All of ``texts`` are queued or none is.
        """
        items = [_Item(t, list(targets) if targets else None) for t in texts]
        with self._submit_lock:  # all or nothing: no other submit interleaves
            free = self.queue_size - self._queue.qsize()
            if not self._accepting or free < len(items):
                self.stats.refused += 1
                why = "the server is stopping" if not self._accepting else f"{self._queue.qsize()} articles are queued"
                raise ServerBusyError(f"the scoring queue is full ({why}); retry in a moment")
            for it in items:
                self._queue.put_nowait(it)
        return [it.future for it in items]

    def stop(self, timeout: float | None = None) -> None:
        """Accept nothing new, score what is queued, then end the worker (waits up to ``timeout`` seconds)."""
        with self._submit_lock:
            self._accepting = False
        self._queue.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            logger.warning("the scoring worker did not finish within %.0f s", timeout or 0)

    # ------------------------------------------------------------------ worker
    def _take(self) -> tuple[list[_Item], bool]:
        """The next micro-batch, and whether the stop sentinel was seen."""
        first = self._queue.get()
        if first is None:
            return [], True
        batch = [first]
        deadline = time.monotonic() + self.max_wait
        while len(batch) < self.max_batch:
            try:
                nxt = self._queue.get_nowait()
            except queue.Empty:
                left = deadline - time.monotonic()
                if left <= 0:
                    break
                try:
                    nxt = self._queue.get(timeout=left)
                except queue.Empty:
                    break
            if nxt is None:
                return batch, True
            batch.append(nxt)
        return batch, False

    def _run(self) -> None:
        stopping = False
        while not stopping:
            batch, stopping = self._take()
            if stopping:  # score what is still queued before ending
                while True:
                    try:
                        it = self._queue.get_nowait()
                    except queue.Empty:
                        break
                    if it is not None:
                        batch.append(it)
            for start in range(0, len(batch), self.max_batch):
                self._score(
                    [it for it in batch[start : start + self.max_batch] if it.future.set_running_or_notify_cancel()]
                )

    def _score(self, items: list[_Item]) -> None:
        if not items:
            return
        self.stats.batches += 1
        self.stats.articles += len(items)
        self.stats.largest = max(self.stats.largest, len(items))
        try:
            with self.lock:
                pairs = [(it.text, {"targets": it.targets}) for it in items]
                out = list(self.analyzer.pipe(pairs, as_tuples=True, chunk_size=len(items), show_progress_bar=False))
            for it, (profile, _) in zip(items, out, strict=True):
                it.future.set_result(profile)
            logger.debug("scored a micro-batch of %d article(s)", len(items))
            return
        except Exception as exc:
            if len(items) == 1:
                items[0].future.set_exception(exc)
                return
            logger.warning(
                "a micro-batch failed (%s: %s); scoring its %d articles one by one", type(exc).__name__, exc, len(items)
            )
        for it in items:  # one bad article must not fail the others
            try:
                with self.lock:
                    profile = self.analyzer.analyze(it.text, it.targets, show_progress_bar=False)
                it.future.set_result(profile)
            except Exception as exc:
                it.future.set_exception(exc)
