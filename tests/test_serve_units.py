"""Quick checks of the web app's parts that need no server: micro-batcher, settings, messages, uploads."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import wait
from pathlib import Path
from typing import Any

import pytest

from framing.errors import ConfigError, MissingExtraError, ServerBusyError
from framing.serve.batcher import JobStopped, MicroBatcher, SharedAnalyzer
from framing.serve.config import ServeConfig, is_loopback, require_serve_extra


class FakeAnalyzer:
    """Records the batches ``pipe`` gets; a text "boom" fails; ``delay`` seconds per call."""

    max_chars = 100

    def __init__(self, delay: float = 0.0) -> None:
        self.batches: list[list[str]] = []
        self.delay = delay

    def pipe(self, pairs: Any, *, as_tuples: bool = False, **kw: Any) -> Any:
        pairs = list(pairs)
        time.sleep(self.delay)
        self.batches.append([t for t, _ in pairs])
        if any(t == "boom" for t, _ in pairs):
            raise ValueError("boom")
        return [((t.upper(), (ctx or {}).get("targets")), ctx) for t, ctx in pairs]

    def analyze(self, text: str, targets: Any = None, **kw: Any) -> Any:
        if text == "boom":
            raise ValueError("boom")
        return (text.upper(), targets)


def test_concurrent_requests_share_a_micro_batch_and_get_their_own_result() -> None:
    fake = FakeAnalyzer()
    b = MicroBatcher(fake, max_batch=8, max_wait_ms=200, queue_size=32)  # type: ignore[arg-type]
    try:
        futures = [f for i in range(5) for f in b.submit([f"t{i}"], [f"target{i}"])]
        assert [f.result(10) for f in futures] == [(f"T{i}", [f"target{i}"]) for i in range(5)]
        assert fake.batches == [[f"t{i}" for i in range(5)]]  # one encoder pass for all five
        assert b.stats.batches == 1 and b.stats.largest == 5
    finally:
        b.stop(5)


def test_batches_are_capped_at_max_batch() -> None:
    fake = FakeAnalyzer()
    b = MicroBatcher(fake, max_batch=2, max_wait_ms=100, queue_size=32)  # type: ignore[arg-type]
    try:
        futures = b.submit([f"t{i}" for i in range(5)])
        wait(futures, 10)
        assert [len(x) for x in fake.batches] == [2, 2, 1]
    finally:
        b.stop(5)


def test_one_bad_article_fails_alone() -> None:
    fake = FakeAnalyzer()
    b = MicroBatcher(fake, max_batch=8, max_wait_ms=100, queue_size=32)  # type: ignore[arg-type]
    try:
        good, bad, other = b.submit(["a", "boom", "c"])
        assert good.result(10) == ("A", None) and other.result(10) == ("C", None)
        with pytest.raises(ValueError, match="boom"):
            bad.result(10)
    finally:
        b.stop(5)


def test_a_full_queue_refuses_at_once_and_all_or_nothing() -> None:
    fake = FakeAnalyzer(delay=0.5)
    b = MicroBatcher(fake, max_batch=1, max_wait_ms=0, queue_size=2)  # type: ignore[arg-type]
    try:
        first = b.submit(["running"])
        time.sleep(0.1)  # the worker took it: the queue is empty again
        queued = b.submit(["q1", "q2"])
        t0 = time.monotonic()
        with pytest.raises(ServerBusyError, match="queue is full"):
            b.submit(["late"])
        with pytest.raises(ServerBusyError):
            b.submit(["x", "y"])
        assert time.monotonic() - t0 < 0.2  # refused, not waited
        assert b.stats.refused == 2
        assert [f.result(10)[0] for f in first + queued] == ["RUNNING", "Q1", "Q2"]  # nothing dropped
    finally:
        b.stop(5)


def test_stop_scores_what_is_queued_then_refuses() -> None:
    fake = FakeAnalyzer(delay=0.05)
    b = MicroBatcher(fake, max_batch=2, max_wait_ms=0, queue_size=16)  # type: ignore[arg-type]
    futures = b.submit([f"t{i}" for i in range(6)])
    b.stop(10)
    assert all(f.done() and not f.exception() for f in futures)
    with pytest.raises(ServerBusyError, match="stopping"):
        b.submit(["after"])


def test_shared_analyzer_holds_the_lock_and_stops_between_chunks() -> None:
    fake = FakeAnalyzer()
    lock = threading.Lock()
    stop = threading.Event()
    shared = SharedAnalyzer(fake, lock, stop)  # type: ignore[arg-type]
    assert shared.max_chars == 100
    assert list(shared.pipe([("a", None)], as_tuples=True)) == [(("A", None), None)]
    with lock:  # another user holds the models: the job's chunk waits
        t = threading.Thread(target=lambda: list(shared.pipe([("b", None)], as_tuples=True)))
        t.start()
        time.sleep(0.1)
        assert t.is_alive()
    t.join(5)
    stop.set()
    with pytest.raises(JobStopped):
        list(shared.pipe([("c", None)], as_tuples=True))
    assert not issubclass(JobStopped, Exception)  # score_file's row-by-row retry must not swallow it


def test_config_checks_and_loopback() -> None:
    assert ServeConfig().host == "127.0.0.1" and ServeConfig().max_body_bytes == 10_000_000
    with pytest.raises(ConfigError, match="max_batch"):
        ServeConfig(max_batch=0)
    with pytest.raises(ConfigError, match="token"):
        ServeConfig(token=" ")
    assert all(is_loopback(h) for h in ("127.0.0.1", "localhost", "::1", "127.1.2.3"))
    assert not any(is_loopback(h) for h in ("0.0.0.0", "192.168.1.5", "example.org", "::"))


def test_bind_message_warns_without_a_token_off_loopback() -> None:
    from framing.serve.server import bind_message

    level, msg = bind_message(ServeConfig())
    assert level == logging.INFO and "loopback only" in msg
    level, msg = bind_message(ServeConfig(host="0.0.0.0"))
    assert level == logging.WARNING and "WITHOUT authentication" in msg and "--token" in msg
    level, msg = bind_message(ServeConfig(host="0.0.0.0", token="t"))
    assert level == logging.INFO and "token" in msg


def test_missing_extra_names_the_pip_command(monkeypatch: pytest.MonkeyPatch) -> None:
    import importlib.util

    real = importlib.util.find_spec
    monkeypatch.setattr(importlib.util, "find_spec", lambda name, *a: None if name == "uvicorn" else real(name, *a))
    with pytest.raises(MissingExtraError, match=r"pip install 'framing\[serve\]'"):
        require_serve_extra()
    from framing.cli import main

    assert main(["serve", "--port", "1"]) == 1


def test_upload_suffix() -> None:
    from framing.errors import InputValueError
    from framing.serve.jobs import input_suffix

    assert input_suffix("a.csv", b"id,text") == ".csv"
    assert input_suffix("a.JSONL", b"{") == ".jsonl"
    assert input_suffix("a.ndjson.gz", b"\x1f\x8b") == ".jsonl.gz"
    assert input_suffix("a.parquet", b"PAR1") == ".parquet"
    assert input_suffix(None, b'  {"text": 1}') == ".jsonl"
    assert input_suffix("upload", b"text\nhello") == ".csv"
    assert input_suffix("x", b"", "tsv") == ".tsv"
    with pytest.raises(InputValueError, match="input_format"):
        input_suffix("blob.gz", b"\x1f\x8b")


def test_api_messages_name_the_api_fix() -> None:
    pytest.importorskip("fastapi")
    from framing.serve.app import api_message

    msg = (
        "x is not valid utf-8 (byte 3: b'\\xe9'); pass its encoding, e.g. --encoding cp1252 or "
        "read_text(path, encoding='latin-1')"
    )
    assert "?encoding=cp1252" in api_message(msg) and "read_text" not in api_message(msg)
    assert "--max-chars" in api_message(
        "text has 9 characters, more than max_chars=5; pass Analyzer(max_chars=...) to allow it"
    )


def test_a_job_that_cannot_resume_names_the_api_fix_not_restart(tmp_path: Path) -> None:
    from framing.batch.files import MANIFEST_VERSION, _check_resume
    from framing.serve.messages import api_message

    fp = {"size": 10, "sha256_head_tail": "ab"}
    cases = [
        ({"format_version": -1}, {}),  # another framing version
        ({"format_version": MANIFEST_VERSION, "input": {"size": 9, "sha256_head_tail": "ab"}}, {}),
        ({"format_version": MANIFEST_VERSION, "input": fp, "options": {"model": "a"}}, {"model": "b"}),
    ]
    for manifest, identity in cases:
        with pytest.raises(ConfigError, match="--restart") as info:
            _check_resume(manifest, fp, identity, tmp_path)
        msg = api_message(str(info.value))
        assert "--restart" not in msg and "upload the file again as a new job" in msg, msg


def test_cli_serve_module_is_light() -> None:
    import subprocess
    import sys

    code = (
        "import sys, framing.cli; framing.cli.build_parser();"
        "bad = [m for m in ('torch', 'transformers', 'fastapi', 'uvicorn') if m in sys.modules];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0
