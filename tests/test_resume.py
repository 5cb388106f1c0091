"""A real interrupted ``framing score`` (kill -9, Ctrl-C) resumes to exactly-once output."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pandas as pd
import pytest
from _batch_helpers import assert_same_rows, build_tiny_model, make_corpus, records

from framing.batch.files import default_sentences_path, read_table

pytestmark = pytest.mark.slow  # kills and restarts real `framing score` processes

ROOT = Path(__file__).resolve().parents[1]
N_ROWS = 300
CHUNK = 10


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_model(tiny_backbone, tmp_path_factory.mktemp("resume-model"))


@pytest.fixture(scope="module")
def corpus_file(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("resume-data") / "corpus.jsonl"
    with open(path, "w", encoding="utf-8") as fh:
        for row in make_corpus(N_ROWS, seed=1):
            fh.write(json.dumps(row) + "\n")
    return path


def _command(src: Path, out: Path, model: str) -> list[str]:
    return [
        sys.executable,
        "-m",
        "framing",
        "score",
        str(src),
        "-o",
        str(out),
        "--model",
        model,
        "--id-column",
        "doc",
        "--chunk-size",
        str(CHUNK),
        "--batch-size",
        "8",
        "--keep-parts",
        "--no-progress",
    ]


def _env() -> dict[str, str]:
    env = dict(os.environ, OMP_NUM_THREADS="1", HF_HUB_OFFLINE="1", TOKENIZERS_PARALLELISM="false")
    env["PYTHONPATH"] = str(ROOT) + os.pathsep + env.get("PYTHONPATH", "")
    return env


def _default_sigint() -> None:
    """Run in the child before ``exec``: a test run started in the background of a non-interactive shell
    inherits SIGINT ignored, and Python then installs no KeyboardInterrupt handler; Ctrl-C must reach it."""
    signal.signal(signal.SIGINT, signal.SIG_DFL)


def _start_and_stop(cmd: list[str], parts: Path, sig: int) -> subprocess.Popen:
    proc = subprocess.Popen(
        cmd,
        env=_env(),
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        preexec_fn=_default_sigint,
    )
    deadline = time.monotonic() + 90
    while not list(parts.glob("part-*.articles.parquet")):
        if proc.poll() is not None:
            pytest.fail(f"framing score ended before writing a part: rc={proc.returncode} {proc.stderr.read()}")
        if time.monotonic() > deadline:
            proc.kill()
            pytest.fail("no part file appeared within 90 s")
        time.sleep(0.01)
    proc.send_signal(sig)
    proc.wait(timeout=60)
    return proc


def _snapshot(parts: Path) -> dict[str, tuple[int, int]]:
    return {p.name: (p.stat().st_ino, p.stat().st_mtime_ns) for p in parts.glob("part-*.parquet")}


def _finish_and_check(cmd: list[str], out: Path, parts: Path, before: dict[str, tuple[int, int]]) -> None:
    done = subprocess.run(cmd, env=_env(), capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert f"{N_ROWS} rows: {N_ROWS} scored" in done.stderr
    assert "the rest were done before" in done.stderr
    after = _snapshot(parts)
    for name, stamp in before.items():  # parts finished before the interruption were not rewritten
        assert after[name] == stamp, name
    assert len(after) == 2 * (N_ROWS // CHUNK)
    assert not [p for p in parts.iterdir() if ".tmp-" in p.name]
    arts = read_table(out)
    assert sorted(arts["doc"]) == [f"d{i:04d}" for i in range(N_ROWS)]  # every row exactly once
    assert list(arts["doc"]) == [f"d{i:04d}" for i in range(N_ROWS)]  # in input order
    sents = read_table(default_sentences_path(out))
    assert len(sents) == int(arts["n_sentences"].sum())
    assert not sents.duplicated(["doc", "sentence_index"]).any()


def test_kill_9_midway_then_rerun_gives_exactly_once(tmp_path, corpus_file, tiny_model) -> None:
    out = tmp_path / "scores.parquet"
    parts = tmp_path / "scores.parquet.parts"
    cmd = _command(corpus_file, out, tiny_model)
    proc = _start_and_stop(cmd, parts, signal.SIGKILL)
    assert proc.returncode == -signal.SIGKILL
    before = _snapshot(parts)
    n_done = len(list(parts.glob("part-*.articles.parquet")))
    assert 1 <= n_done < N_ROWS // CHUNK, "the job finished before it could be killed"
    assert not out.exists()
    _finish_and_check(cmd, out, parts, before)
    # and the numbers equal an uninterrupted in-process run with the same chunking
    from framing.batch.dataset import score_dataset

    df = pd.read_json(corpus_file, lines=True, dtype=False)
    ref = score_dataset(df, id_column="doc", model=tiny_model, chunk_size=CHUNK, batch_size=8, device="cpu")
    assert_same_rows(records(read_table(out)), records(ref.articles))
    assert_same_rows(records(read_table(default_sentences_path(out))), records(ref.sentences))


def test_ctrl_c_stops_cleanly_and_resumes(tmp_path, corpus_file, tiny_model) -> None:
    out = tmp_path / "scores.csv"
    parts = tmp_path / "scores.csv.parts"
    cmd = _command(corpus_file, out, tiny_model)
    proc = _start_and_stop(cmd, parts, signal.SIGINT)
    assert proc.returncode == 130, proc.stderr.read()
    assert "run the same command again to resume" in proc.stderr.read()
    before = _snapshot(parts)
    assert 0 < len(before) < 2 * (N_ROWS // CHUNK)
    _finish_and_check(cmd, out, parts, before)
