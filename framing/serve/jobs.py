"""Batch jobs of the web app: an uploaded CSV / JSONL corpus scored by :func:`~framing.score_file`.

Each job is a folder ``JOBS_DIR/<id>/`` holding the upload (``input.csv`` …), ``job.json`` (options
and state, rewritten atomically) and what :func:`score_file` writes: ``articles.parquet``,
``articles.sentences.parquet`` and, while it runs, ``articles.parquet.parts/`` (one committed part per
chunk). Jobs run one at a time on a worker thread. A server that stops (SIGTERM) ends the running
job at a chunk boundary; one that dies (kill -9) loses at most the chunk in progress. On the next
start every unfinished job is resumed by running the same :func:`score_file` call again, which skips
the committed chunks: every row ends up in the result exactly once.
"""

from __future__ import annotations

import json
import logging
import math
import os
import queue
import re
import secrets
import shutil
import threading
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import DataError, InputValueError
from framing.serve.batcher import JobStopped, SharedAnalyzer
from framing.serve.messages import api_message

if TYPE_CHECKING:
    from framing.analyzer import Analyzer

__all__ = ["JobManager", "JobSpec", "input_suffix", "GROUP_COLUMNS", "JOB_ID_RE"]

logger = logging.getLogger(__name__)

JOB_ID_RE = re.compile(r"^[0-9a-f]{32}$")
GROUP_COLUMNS = ("outlet", "source", "publisher", "group")
ARTICLES = "articles.parquet"
SENTENCES = "articles.sentences.parquet"
_UNFINISHED = ("queued", "running", "interrupted")
_SUFFIXES = {"csv": ".csv", "tsv": ".tsv", "jsonl": ".jsonl", "parquet": ".parquet"}


def input_suffix(filename: str | None, head: bytes, input_format: str | None = None) -> str:
    """The suffix to store an upload under (``.csv``, ``.tsv``, ``.jsonl``, ``.parquet``, plus ``.gz``)."""
    gz = head[:2] == b"\x1f\x8b"
    if input_format:
        fmt = input_format.lower().replace("ndjson", "jsonl")
        if fmt not in _SUFFIXES:
            raise InputValueError(f"input_format must be csv, tsv, jsonl or parquet, got {input_format!r}")
        return _SUFFIXES[fmt] + (".gz" if gz and fmt != "parquet" else "")
    name = (filename or "").lower()
    name = name[:-3] if name.endswith(".gz") else name
    for ext, suffix in ((".ndjson", ".jsonl"), (".jsonl", ".jsonl"), (".csv", ".csv"), (".tsv", ".tsv")):
        if name.endswith(ext):
            return suffix + (".gz" if gz else "")
    if name.endswith((".parquet", ".pq")) or head[:4] == b"PAR1":
        return ".parquet"
    if gz:
        raise InputValueError(
            f"cannot tell the format of the compressed upload {filename!r}: name it .csv.gz or .jsonl.gz, or pass "
            "input_format=csv|jsonl"
        )
    return ".jsonl" if head.lstrip()[:1] == b"{" else ".csv"


@dataclass(frozen=True)
class JobSpec:
    """What a job scores: the stored upload and the :func:`score_file` options."""

    text_column: str = "text"
    id_column: str | None = None
    targets: tuple[str, ...] | None = None
    group_column: str | None = None


def _write_json(path: Path, obj: Mapping[str, Any]) -> None:
    tmp = path.with_name(f".{path.name}.tmp-{os.getpid()}-{threading.get_ident()}")
    tmp.write_text(json.dumps(obj, indent=2, ensure_ascii=False), encoding="utf-8")
    os.replace(tmp, path)


def _plain(value: Any) -> Any:
    """A JSON value of a table cell (NaN -> None; timestamps as ISO strings)."""
    if isinstance(value, float) and (math.isnan(value) or math.isinf(value)):
        return None
    if isinstance(value, dict):
        return {k: _plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_plain(v) for v in value]
    if hasattr(value, "isoformat"):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.decode("utf-8", "replace")
    return value


class JobManager:
    """Creates, runs, resumes and reports batch jobs (see the module docstring)."""

    def __init__(
        self, analyzer: Analyzer, jobs_dir: str | os.PathLike[str], lock: threading.Lock, chunk_size: int = 50
    ) -> None:
        self.jobs_dir = Path(jobs_dir)
        self.jobs_dir.mkdir(parents=True, exist_ok=True)
        self.chunk_size = chunk_size
        self._stop = threading.Event()
        self._shared = SharedAnalyzer(analyzer, lock, self._stop)
        self._queue: queue.Queue[str | None] = queue.Queue()
        self._meta_lock = threading.Lock()
        self._thread = threading.Thread(target=self._run, name="framing-jobs", daemon=True)
        self._thread.start()

    # ------------------------------------------------------------------ creating
    def folder(self, job_id: str) -> Path:
        """The folder of ``job_id``; :class:`KeyError` for an unknown or malformed id."""
        if not JOB_ID_RE.match(job_id) or not (self.jobs_dir / job_id / "job.json").is_file():
            raise KeyError(job_id)
        return self.jobs_dir / job_id

    def new_folder(self) -> tuple[str, Path]:
        """A fresh job id and its (empty) folder, for the upload to be written into."""
        job_id = secrets.token_hex(16)
        folder = self.jobs_dir / job_id
        folder.mkdir()
        return job_id, folder

    def create(self, job_id: str, input_path: Path, filename: str | None, spec: JobSpec) -> dict[str, Any]:
        """Check the stored upload's columns and queue the job; :class:`DataError` names the columns found."""
        from framing.batch.files import check_columns, count_rows, detect_format

        folder = self.jobs_dir / job_id
        try:
            fmt = detect_format(input_path)
            try:
                check_columns(input_path, fmt, spec.text_column, spec.id_column)
            except DataError as exc:
                found = re.search(r"it has (\[.*\])", str(exc))
                cols = [c for c in (spec.text_column, spec.id_column) if c]
                raise DataError(
                    f"{filename or 'the upload'} has no column {' / '.join(repr(c) for c in cols)}; the columns found "
                    f"are {found.group(1) if found else '?'}: pass text_column=NAME (and id_column=NAME) with the "
                    "upload"
                ) from None
            except (ValueError, UnicodeDecodeError) as exc:  # pandas parser errors are ValueErrors
                raise DataError(f"{filename or 'the upload'} is not a readable {fmt.upper()} file: {exc}") from None
        except Exception:
            shutil.rmtree(folder, ignore_errors=True)
            raise
        meta = {
            "id": job_id,
            "state": "queued",
            "filename": filename,
            "input": input_path.name,
            "format": fmt,
            "rows_total": count_rows(input_path, fmt),
            "text_column": spec.text_column,
            "id_column": spec.id_column,
            "targets": list(spec.targets) if spec.targets else None,
            "group_column": spec.group_column,
            "chunk_size": self.chunk_size,  # a resumed job must keep its chunks
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "summary": None,
            "error": None,
        }
        _write_json(folder / "job.json", meta)
        logger.info("job %s queued: %s (%s rows)", job_id, filename, meta["rows_total"])
        self._queue.put(job_id)
        return meta

    def resume_unfinished(self) -> list[str]:
        """Queue every job a previous server left unfinished (oldest first); their ids."""
        found = []
        for f in self.jobs_dir.glob("*/job.json"):
            try:
                meta = json.loads(f.read_text(encoding="utf-8"))
            except (OSError, ValueError):
                logger.warning("skipping unreadable job file %s", f)
                continue
            if meta.get("state") in _UNFINISHED and JOB_ID_RE.match(str(meta.get("id", ""))):
                found.append((meta.get("created", ""), meta["id"]))
        ids = [job_id for _, job_id in sorted(found)]
        for job_id in ids:
            logger.info("resuming unfinished job %s", job_id)
            self._queue.put(job_id)
        return ids

    # ------------------------------------------------------------------ reading
    def meta(self, job_id: str) -> dict[str, Any]:
        """``job.json`` of ``job_id``."""
        with self._meta_lock:
            return dict(json.loads((self.folder(job_id) / "job.json").read_text(encoding="utf-8")))

    def _update(self, job_id: str, **changes: Any) -> dict[str, Any]:
        with self._meta_lock:
            path = self.jobs_dir / job_id / "job.json"
            meta = json.loads(path.read_text(encoding="utf-8"))
            meta.update(changes)
            _write_json(path, meta)
            return dict(meta)

    def status(self, job_id: str) -> dict[str, Any]:
        """The job's state and progress: ``rows_done`` / ``rows_total`` (from its committed parts)."""
        meta = self.meta(job_id)
        folder = self.jobs_dir / job_id
        if meta["state"] == "done":
            done = (meta.get("summary") or {}).get("rows", meta.get("rows_total"))
        else:
            manifest = folder / (ARTICLES + ".parts") / "manifest.json"
            try:
                done = int(json.loads(manifest.read_text(encoding="utf-8")).get("rows_done", 0))
            except (OSError, ValueError):
                done = 0
        total = meta.get("rows_total")
        if meta["state"] == "done":
            total = done
        meta["rows_done"] = done
        meta["progress"] = 1.0 if meta["state"] == "done" else (min(done / total, 1.0) if total else 0.0)
        return meta

    def result_path(self, job_id: str, table: str) -> Path:
        """The finished job's ``articles`` or ``sentences`` table (Parquet); :class:`KeyError` if not done."""
        meta = self.meta(job_id)
        if meta["state"] != "done":
            raise KeyError(job_id)
        return self.jobs_dir / job_id / (ARTICLES if table == "articles" else SENTENCES)

    def iter_jsonl(self, job_id: str, table: str) -> Iterator[bytes]:
        """The table as JSON lines, read in batches (memory does not grow with the corpus)."""
        import pyarrow.parquet as pq

        pf = pq.ParquetFile(self.result_path(job_id, table))
        for batch in pf.iter_batches(batch_size=500):
            lines = [json.dumps(_plain(row), ensure_ascii=False, allow_nan=False) for row in batch.to_pylist()]
            if lines:
                yield ("\n".join(lines) + "\n").encode("utf-8")

    def corpus(self, job_id: str) -> dict[str, Any]:
        """The corpus view of a finished job: :func:`group_profiles` rows grouped by its group column."""
        import pandas as pd

        from framing.report.corpus import group_profiles

        meta = self.meta(job_id)
        table = pd.read_parquet(self.result_path(job_id, "articles"))
        by = self._group_column(meta, table)
        if by not in table.columns:
            table = table.assign(**{by: "all"})
        grouped = group_profiles(table, by)
        rows = [_plain(r) for r in grouped.to_dict(orient="records")]
        return {"by": by, "rows": rows}

    def plot(self, job_id: str) -> Path:
        """The corpus view's plot (PNG) of a finished job, drawn once and kept in its folder."""
        import pandas as pd

        from framing.report.corpus import group_profiles, plot_groups

        folder = self.folder(job_id)
        path = folder / "corpus.png"
        if not path.is_file():
            meta = self.meta(job_id)
            table = pd.read_parquet(self.result_path(job_id, "articles"))
            by = self._group_column(meta, table)
            if by not in table.columns:
                table = table.assign(**{by: "all"})
            tmp = folder / ".corpus.tmp.png"
            plot_groups(group_profiles(table, by), tmp)
            os.replace(tmp, path)
        return path

    @staticmethod
    def _group_column(meta: Mapping[str, Any], table: Any) -> str:
        if meta.get("group_column"):
            return str(meta["group_column"])
        return next((c for c in GROUP_COLUMNS if c in table.columns), "corpus")

    # ------------------------------------------------------------------ running
    def stop(self, timeout: float | None = None) -> None:
        """End the running job at its next chunk boundary (it stays resumable) and the worker."""
        self._stop.set()
        self._queue.put(None)
        self._thread.join(timeout)
        if self._thread.is_alive():
            logger.warning("the running batch job did not reach a chunk boundary within %.0f s", timeout or 0)

    def _run(self) -> None:
        while not self._stop.is_set():
            job_id = self._queue.get()
            if job_id is None or self._stop.is_set():
                return
            try:
                self._run_job(job_id)
            except JobStopped:
                self._update(job_id, state="interrupted")
                logger.info("job %s stopped at a chunk boundary; it resumes on the next start", job_id)
                return
            except Exception as exc:  # a broken job must not end the worker
                logger.exception("job %s failed", job_id)
                self._update(job_id, state="failed", error=f"{type(exc).__name__}: {api_message(str(exc))}")

    def _run_job(self, job_id: str) -> None:
        from framing.batch.files import score_file

        meta = self.meta(job_id)
        if meta["state"] not in _UNFINISHED:
            return
        folder = self.jobs_dir / job_id
        self._update(job_id, state="running")
        t0 = time.perf_counter()
        targets: Sequence[str] | None = meta.get("targets")
        summary = score_file(
            folder / meta["input"],
            folder / ARTICLES,
            sentences=True,
            text_column=meta["text_column"],
            id_column=meta["id_column"],
            targets=targets,
            analyzer=self._shared,  # type: ignore[arg-type]  # an Analyzer used under the scoring lock
            chunk_size=int(meta.get("chunk_size") or self.chunk_size),
            show_progress_bar=False,
        )
        self._update(
            job_id, state="done", summary=summary.to_dict(), finished=time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())
        )
        logger.info("job %s done in %.1f s: %s", job_id, time.perf_counter() - t0, summary)
