"""Streamed, resumable scoring of CSV / JSONL / Parquet files (what ``framing score`` runs).

Layout while a job runs (``OUTPUT`` is the article table)::

    OUTPUT.parts/manifest.json                  input fingerprint, options, chunk size, progress
    OUTPUT.parts/part-000000.sentences.parquet  chunk 0's sentence rows (written first)
    OUTPUT.parts/part-000000.articles.parquet   chunk 0's article rows: its presence marks the chunk done

Every part file is written to a temporary name and ``os.replace``-d into place, so a part either
exists complete or not at all. Chunk ``k`` is always input rows ``[k * chunk_size, (k + 1) * chunk_size)``.
A rerun with the same command validates the manifest, skips finished chunks without re-scoring
them, scores the rest, then merges the parts in order into ``OUTPUT`` and the sentence table
(each via a temporary file + ``os.replace``) and removes ``OUTPUT.parts``. So every input row is
in the output exactly once however often the job is interrupted (Ctrl-C, kill -9, a crash).
"""

from __future__ import annotations

import contextlib
import gzip
import hashlib
import json
import logging
import math
import os
import re
import shutil
import time
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Any

import pyarrow as pa
import pyarrow.parquet as pq

from framing.batch.core import (
    BAD_RECORD_COLUMN,
    ChunkScorer,
    article_schema,
    frame_to_parts,
    row_column_name,
    sentence_schema,
    table_to_parts,
)
from framing.batch.dataset import Progress
from framing.batch.summary import ScoreSummary
from framing.errors import ConfigError, DataError, InputValueError
from framing.inputs import check_input_format

if TYPE_CHECKING:
    from framing.analyzer import Analyzer

logger = logging.getLogger(__name__)

__all__ = [
    "score_file",
    "detect_format",
    "default_sentences_path",
    "read_table",
    "atomic_path",
    "MANIFEST_NAME",
    "DEFAULT_FILE_CHUNK_SIZE",
]

MANIFEST_NAME = "manifest.json"
MANIFEST_VERSION = 1
DEFAULT_FILE_CHUNK_SIZE = 500
_PART_RE = re.compile(r"^part-(\d{6,})\.articles\.parquet$")
_SUFFIXES = {
    ".csv": "csv",
    ".tsv": "csv",
    ".jsonl": "jsonl",
    ".ndjson": "jsonl",
    ".parquet": "parquet",
    ".pq": "parquet",
}
_NA_STRINGS = ["", "NA", "N/A", "n/a", "NaN", "nan", "-NaN", "-nan", "null", "NULL", "None", "#N/A", "<NA>"]


# ---------------------------------------------------------------------------------------------- formats
def detect_format(path: str | os.PathLike[str], override: str | None = None, *, for_output: bool = False) -> str:
    """``csv``, ``jsonl`` or ``parquet`` from ``override`` or the file suffix (``.gz`` allowed for input)."""
    if override:
        fmt = override.lower()
        if fmt in ("ndjson", "json"):
            fmt = "jsonl"
        if fmt not in ("csv", "jsonl", "parquet"):
            raise ConfigError(f"format must be csv, jsonl or parquet, got {override!r}")
        return fmt
    suffixes = [s.lower() for s in Path(path).suffixes]
    if suffixes and suffixes[-1] == ".gz":
        if for_output:
            raise ConfigError(f"{path}: compressed output is not supported; write .csv/.jsonl/.parquet")
        suffixes = suffixes[:-1]
    if suffixes and suffixes[-1] in _SUFFIXES:
        return _SUFFIXES[suffixes[-1]]
    hint = " (.json holds one document; for one JSON object per line use .jsonl)" if suffixes[-1:] == [".json"] else ""
    raise ConfigError(f"cannot tell the format of {path} from its name{hint}: use .csv, .jsonl or .parquet or --format")


def default_sentences_path(output: str | os.PathLike[str]) -> Path:
    """``scores.parquet`` -> ``scores.sentences.parquet``."""
    p = Path(output)
    return p.with_name(f"{p.stem}.sentences{p.suffix}") if p.suffix else p.with_name(p.name + ".sentences")


def _open_binary(path: Path) -> Any:
    return gzip.open(path, "rb") if path.suffix.lower() == ".gz" else open(path, "rb")


def count_rows(path: Path, fmt: str) -> int | None:
    """Rows in the input, for the progress bar: Parquet metadata, else a newline count (CSV: approximate)."""
    try:
        if fmt == "parquet":
            return pq.ParquetFile(path).metadata.num_rows
        if path.suffix.lower() == ".gz":
            return None
        n, last = 0, b"\n"
        with open(path, "rb") as fh:
            while block := fh.read(1 << 20):
                n += block.count(b"\n")
                last = block[-1:]
        n += last != b"\n"
        return max(n - 1, 0) if fmt == "csv" else n
    except OSError:
        return None


@dataclass
class _Chunk:
    index: int
    start: int
    load: Callable[[], tuple[list[Any], pa.Table, pa.Table]]
    rows: int


def iter_file_chunks(
    path: Path,
    fmt: str,
    chunk_size: int,
    text_column: str,
    id_column: str | None,
    csv_sep: str | None = None,
) -> Iterator[_Chunk]:
    """Fixed-size chunks of the input; ``load()`` parses a chunk (skipped chunks are never parsed)."""
    if fmt == "parquet":
        yield from _parquet_chunks(path, chunk_size, text_column, id_column)
    elif fmt == "csv":
        yield from _csv_chunks(path, chunk_size, text_column, id_column, csv_sep)
    else:
        yield from _jsonl_chunks(path, chunk_size, text_column, id_column)


def _parquet_chunks(path: Path, chunk_size: int, text_column: str, id_column: str | None) -> Iterator[_Chunk]:
    pf = pq.ParquetFile(path)
    names = pf.schema_arrow.names
    missing = [c for c in (text_column, id_column) if c and c not in names]
    if missing:
        raise DataError(f"{path}: column(s) {missing} not found; it has {names[:20]}. Use --text-column/--id-column")
    pending: list[pa.RecordBatch] = []
    have, index, start = 0, 0, 0

    def emit(batches: list[pa.RecordBatch], s: int) -> _Chunk:
        table = pa.Table.from_batches(batches, schema=pf.schema_arrow)
        return _Chunk(index, s, lambda: table_to_parts(table, text_column, id_column, s), table.num_rows)

    for batch in pf.iter_batches(batch_size=chunk_size):
        pending.append(batch)
        have += batch.num_rows
        while have >= chunk_size:
            table = pa.Table.from_batches(pending).combine_chunks()
            head, rest = table.slice(0, chunk_size), table.slice(chunk_size)
            yield emit(head.to_batches(), start)
            index, start = index + 1, start + chunk_size
            pending, have = rest.to_batches(), rest.num_rows
    if have:
        yield emit(pending, start)


def _csv_chunks(
    path: Path, chunk_size: int, text_column: str, id_column: str | None, sep: str | None
) -> Iterator[_Chunk]:
    import pandas as pd

    if sep is None:
        sep = "\t" if ".tsv" in [s.lower() for s in path.suffixes] else ","
    header = pd.read_csv(path, sep=sep, nrows=0).columns.tolist()
    missing = [c for c in (text_column, id_column) if c and c not in header]
    if missing:
        raise DataError(f"{path}: column(s) {missing} not found; it has {header[:20]}. Use --text-column/--id-column")
    # an empty text field is a null text (CSV cannot tell "" from a missing value), so a CSV row gets the
    # same status as that row in JSONL/Parquet; "NA", "null" … stay text in the text column
    na = {c: ([""] if c == text_column else _NA_STRINGS) for c in header}
    reader = pd.read_csv(
        path,
        sep=sep,
        chunksize=chunk_size,
        dtype={text_column: str},
        keep_default_na=False,
        na_values=na,
    )
    start = 0
    try:
        for index, df in enumerate(reader):
            df = df.reset_index(drop=True)
            s = start
            yield _Chunk(index, s, partial(frame_to_parts, df, text_column, id_column, s), len(df))
            start += len(df)
    except pd.errors.ParserError as exc:
        raise DataError(f"{path}: malformed CSV after row {start:,}: {exc}") from exc


def _jsonl_chunks(path: Path, chunk_size: int, text_column: str, id_column: str | None) -> Iterator[_Chunk]:
    def parse(lines: list[bytes], s: int) -> tuple[list[Any], pa.Table, pa.Table]:
        import pandas as pd

        records: list[dict[str, Any]] = []
        for k, raw in enumerate(lines):
            reason: str | None
            try:
                obj = json.loads(raw.decode("utf-8"))
            except UnicodeDecodeError as exc:
                obj = None
                reason = f"line is not valid UTF-8 (byte {exc.start})"
            except json.JSONDecodeError as exc:
                obj = None
                reason = f"line is not valid JSON ({exc.msg} at column {exc.colno})"
            else:
                reason = None if isinstance(obj, dict) else f"line holds a JSON {type(obj).__name__}, not an object"
            if reason:
                logger.warning("%s: row %d: %s", path, s + k, reason)
                obj = {BAD_RECORD_COLUMN: reason}
            records.append(obj)
        df = pd.DataFrame.from_records(records)
        if text_column not in df.columns:
            if s == 0 and not any(BAD_RECORD_COLUMN in r for r in records):
                raise DataError(
                    f"{path}: no row of the first chunk has a {text_column!r} field; fields seen: "
                    f"{[c for c in df.columns][:20]}. Use --text-column"
                )
            df[text_column] = None
        if id_column and id_column not in df.columns:
            df[id_column] = None
        return frame_to_parts(df, text_column, id_column, s)

    lines: list[bytes] = []
    index = start = 0
    with _open_binary(path) as fh:
        for n, line in enumerate(fh):
            if n == 0 and line.startswith(b"\xef\xbb\xbf"):
                line = line[3:]  # UTF-8 byte-order mark
            if not line.strip():
                continue  # blank lines are not rows
            lines.append(line)
            if len(lines) == chunk_size:
                yield _Chunk(index, start, partial(parse, lines, start), len(lines))
                index, start, lines = index + 1, start + len(lines), []
    if lines:
        yield _Chunk(index, start, partial(parse, lines, start), len(lines))


def check_columns(path: Path, fmt: str, text_column: str, id_column: str | None, csv_sep: str | None = None) -> None:
    """Fail early (before any state is written) when the text/id column is not in the input."""
    if fmt == "parquet":
        names = pq.read_schema(path).names
    elif fmt == "csv":
        import pandas as pd

        sep = csv_sep or ("\t" if ".tsv" in [x.lower() for x in path.suffixes] else ",")
        names = [str(c) for c in pd.read_csv(path, sep=sep, nrows=0).columns]
    else:
        seen: dict[str, None] = {}
        with _open_binary(path) as fh:
            for k, line in enumerate(fh):
                if k >= 1000:
                    break
                try:
                    obj = json.loads(line.decode("utf-8-sig"))
                except (UnicodeDecodeError, json.JSONDecodeError):
                    continue
                if isinstance(obj, dict):
                    seen.update(dict.fromkeys(obj))
        names = list(seen)
        if not names:
            return  # nothing parseable up front: every row will be reported as unreadable
    missing = [c for c in (text_column, id_column) if c and c not in names]
    if missing:
        raise DataError(f"{path}: column(s) {missing} not found; it has {names[:20]}. Use --text-column/--id-column")


# ---------------------------------------------------------------------------------------------- writing
@contextlib.contextmanager
def atomic_path(final: Path) -> Iterator[Path]:
    """A temporary sibling path to write; on success it is fsynced and ``os.replace``-d onto ``final``."""
    tmp = final.with_name(f".{final.name}.tmp-{os.getpid()}")
    try:
        yield tmp
        with open(tmp, "rb") as fh:
            os.fsync(fh.fileno())
        os.replace(tmp, final)
    finally:
        if tmp.exists():
            tmp.unlink()
    with contextlib.suppress(OSError):  # make the rename durable
        fd = os.open(final.parent, os.O_RDONLY)
        try:
            os.fsync(fd)
        finally:
            os.close(fd)


def _write_json(path: Path, obj: Any) -> None:
    with atomic_path(path) as tmp:
        tmp.write_text(json.dumps(obj, indent=2, ensure_ascii=False) + "\n", encoding="utf-8")


def _unified_schema(paths: Sequence[Path]) -> pa.Schema:
    """One schema for all parts: nulls/ints promoted; a column whose types truly conflict becomes text."""
    schemas = [pq.read_schema(p).remove_metadata() for p in paths]
    try:
        return pa.unify_schemas(schemas, promote_options="permissive")
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        pass
    order: list[str] = []
    types: dict[str, list[pa.DataType]] = {}
    for s in schemas:
        for f in s:
            if f.name not in types:
                order.append(f.name)
                types[f.name] = []
            types[f.name].append(f.type)
    fields = []
    for name in order:
        try:
            one = [pa.schema([(name, t)]) for t in types[name]]
            fields.append(pa.unify_schemas(one, promote_options="permissive")[0])
        except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
            logger.warning("column %r has different types in different chunks (%s); written as text", name, types[name])
            fields.append(pa.field(name, pa.string()))
    return pa.schema(fields)


def _to_string(arr: pa.ChunkedArray) -> pa.Array:
    try:
        return arr.cast(pa.string())
    except (pa.ArrowInvalid, pa.ArrowNotImplementedError):
        vals = arr.to_pylist()
        return pa.array(
            [v if v is None or isinstance(v, str) else json.dumps(v, default=str, ensure_ascii=False) for v in vals],
            type=pa.string(),
        )


def _conform(table: pa.Table, schema: pa.Schema) -> pa.Table:
    cols = []
    for f in schema:
        if f.name not in table.column_names:
            cols.append(pa.nulls(table.num_rows, type=f.type))
            continue
        col = table.column(f.name)
        if col.type == f.type:
            cols.append(col)
        elif f.type == pa.string():
            cols.append(_to_string(col))
        else:
            cols.append(col.cast(f.type))
    return pa.Table.from_arrays(cols, schema=schema)


def _json_default(v: Any) -> Any:
    if hasattr(v, "isoformat"):
        return v.isoformat()
    if isinstance(v, (bytes, bytearray)):
        return v.decode("utf-8", "replace")
    return str(v)


def _nan_to_none(row: dict[str, Any]) -> dict[str, Any]:
    return {k: (None if isinstance(v, float) and not math.isfinite(v) else v) for k, v in row.items()}


def merge_parts(parts: Sequence[Path], output: Path, fmt: str, empty_schema: pa.Schema | None = None) -> int:
    """Concatenate part files (in order) into ``output`` atomically; returns the row count."""
    schema = _unified_schema(parts) if parts else (empty_schema or pa.schema([]))
    rows = 0
    output.parent.mkdir(parents=True, exist_ok=True)
    with atomic_path(output) as tmp:
        if fmt == "parquet":
            with pq.ParquetWriter(str(tmp), schema) as writer:
                for p in parts:
                    t = _conform(pq.read_table(p), schema)
                    writer.write_table(t)
                    rows += t.num_rows
        elif fmt == "csv":
            with open(tmp, "w", encoding="utf-8", newline="") as fh:
                header = True
                for p in parts:
                    t = _conform(pq.read_table(p), schema)
                    t.to_pandas().to_csv(fh, header=header, index=False)
                    header = False
                    rows += t.num_rows
                if header:  # no parts: just the header
                    fh.write(",".join(schema.names) + "\n")
        else:
            with open(tmp, "w", encoding="utf-8") as fh:
                for p in parts:
                    t = _conform(pq.read_table(p), schema)
                    for row in t.to_pylist():
                        try:
                            line = json.dumps(row, ensure_ascii=False, allow_nan=False, default=_json_default)
                        except ValueError:
                            line = json.dumps(_nan_to_none(row), ensure_ascii=False, default=_json_default)
                        fh.write(line + "\n")
                    rows += t.num_rows
    return rows


def read_table(path: str | os.PathLike[str], fmt: str | None = None) -> Any:
    """Read a table written by ``framing score`` back as a pandas DataFrame (exact floats for CSV)."""
    import pandas as pd

    p = Path(path)
    fmt = detect_format(p, fmt)
    if fmt == "parquet":
        return pd.read_parquet(p)
    if fmt == "csv":
        return pd.read_csv(p, keep_default_na=False, na_values=[""])
    return pd.read_json(p, lines=True, dtype=False, precise_float=True)


# ---------------------------------------------------------------------------------------------- resume state
def input_fingerprint(path: Path) -> dict[str, Any]:
    """Size plus SHA-256 of the first and last MiB (mtime is ignored: copying a file keeps it valid)."""
    st = path.stat()
    h = hashlib.sha256()
    with open(path, "rb") as fh:
        h.update(fh.read(1 << 20))
        if st.st_size > 2 << 20:
            fh.seek(-(1 << 20), os.SEEK_END)
            h.update(fh.read())
    return {"path": str(path.resolve()), "size": st.st_size, "sha256_head_tail": h.hexdigest()}


def model_fingerprint(model: Any) -> Any:
    """A model folder's identity: its config and heads hashed; other values as given. ``"large"`` is
    both folders it reads (stance from the large model, the other heads from the default)."""
    from framing.analyzer import default_model_path, large_model_path

    if model is None:
        return None
    if str(model) == "large":
        return {"large": _folder_fingerprint(large_model_path()), "default": _folder_fingerprint(default_model_path())}
    p = default_model_path() if str(model) == "default" else Path(str(model))
    return _folder_fingerprint(p) if p.is_dir() else str(model)


def _folder_fingerprint(p: Path) -> Any:
    """``{"path", "sha256"}`` of a model folder's config and weights (its path as a str when missing)."""
    if not p.is_dir():
        return str(p)
    h = hashlib.sha256()
    for name in ("framing_config.json", "heads.safetensors", "adapter.safetensors", "config.json"):
        f = p / name
        if f.is_file():
            h.update(name.encode())
            with open(f, "rb") as fh:
                for block in iter(partial(fh.read, 1 << 20), b""):
                    h.update(block)
    return {"path": str(p.resolve()), "sha256": h.hexdigest()[:16]}


def _part_name(index: int, kind: str) -> str:
    return f"part-{index:06d}.{kind}.parquet"


def _done_parts(parts_dir: Path, with_sentences: bool) -> dict[int, int]:
    """Chunk index -> rows for finished chunks (articles part present and readable)."""
    done: dict[int, int] = {}
    for f in parts_dir.iterdir():
        m = _PART_RE.match(f.name)
        if not m:
            continue
        k = int(m.group(1))
        if with_sentences and not (parts_dir / _part_name(k, "sentences")).is_file():
            continue
        try:
            done[k] = pq.ParquetFile(f).metadata.num_rows
        except Exception:  # a damaged file (should not happen: parts are renamed into place) is redone
            logger.warning("part %s is unreadable; its chunk will be scored again", f)
    return done


# ---------------------------------------------------------------------------------------------- the job
def score_file(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    *,
    sentences: str | os.PathLike[str] | bool | None = True,
    text_column: str = "text",
    id_column: str | None = None,
    targets: Sequence[str] | None = None,
    model: Any = "default",
    analyzer: Analyzer | None = None,
    analyzer_options: Mapping[str, Any] | None = None,
    chunk_size: int = DEFAULT_FILE_CHUNK_SIZE,
    input_format: str | None = None,
    output_format: str | None = None,
    restart: bool = False,
    keep_parts: bool = False,
    show_progress_bar: bool | None = None,
    csv_sep: str | None = None,
    text_format: str = "text",
    **analyzer_kwargs: Any,
) -> ScoreSummary:
    """Score a CSV / JSONL / Parquet file into an article table (``output``) and a sentence table.

    ``sentences``: True writes it next to ``output`` (``x.parquet`` -> ``x.sentences.parquet``), a path
    writes it there, False/None skips it. Streams ``chunk_size`` rows at a time and resumes an
    interrupted job (see the module docstring). ``restart=True`` discards a partial job and overwrites.
    Analyzer options go in as keyword arguments under :class:`~framing.Analyzer`'s names (``device``,
    ``precision``, ``batch_size``, ``loaded_threshold``, ``span_threshold``, ``nlp``, ``max_chars`` …), as
    for :func:`~framing.score_dataset`; ``analyzer_options`` (a dict of the same) still works.
    ``text_format``: ``"text"``, ``"html"`` or ``"auto"`` (per-row sniffing), as in
    :func:`~framing.score_dataset`; a resumed job must use the same one.
    """
    job = _plan_job(input, output, sentences, input_format, output_format, chunk_size)
    from framing.batch.dataset import check_analyzer_options

    opts = check_analyzer_options({**(analyzer_options or {}), **analyzer_kwargs}, "score_file")
    text_format = check_input_format(text_format, what="text_format")
    identity = _job_identity(job, text_column, id_column, targets, chunk_size, model, analyzer, opts, text_format)
    check_columns(job.in_path, job.in_fmt, text_column, id_column, csv_sep)
    lock = _lock(job.out_path)
    try:
        manifest, done = _open_job(job, identity, restart)
        chunks = iter_file_chunks(job.in_path, job.in_fmt, chunk_size, text_column, id_column, csv_sep)

        def make_scorer() -> ChunkScorer:
            from framing.batch.dataset import make_analyzer

            return ChunkScorer(make_analyzer(analyzer, model, opts), targets, text_format, id_column=id_column)

        run_summary, n_chunks = _score_chunks(job, manifest, done, chunks, make_scorer, show_progress_bar)
        summary = _merge_job(job, done, n_chunks, run_summary, id_column, targets, text_format)
        if not keep_parts:
            shutil.rmtree(job.parts_dir, ignore_errors=True)
        logger.info(
            "wrote %s (%d rows)%s", job.out_path, summary.rows, f" and {job.sent_path}" if job.sent_path else ""
        )
        return summary
    finally:
        _unlock(lock)


def _job_identity(
    job: _Job,
    text_column: str,
    id_column: str | None,
    targets: Sequence[str] | None,
    chunk_size: int,
    model: Any,
    analyzer: Analyzer | None,
    opts: Mapping[str, Any],
    text_format: str,
) -> dict[str, Any]:
    """What a resumed ``score_file`` job must match: its input, columns, targets and score-changing options."""
    identity = {
        "text_column": text_column,
        "id_column": id_column,
        "targets": list(targets) if targets is not None else None,
        "chunk_size": chunk_size,
        "input_format": job.in_fmt,
        "sentences": job.sent_path is not None,
        # options that change scores (batch_size / device do not, beyond float noise)
        "model": model_fingerprint(model) if analyzer is None else analyzer.meta(),
        "analyzer": {k: _plain(v) for k, v in sorted(opts.items()) if k not in ("batch_size", "device")},
        "max_chars": analyzer.max_chars if analyzer is not None else opts.get("max_chars"),
    }
    if text_format != "text":  # absent for plain text, so jobs started before the option existed still resume
        identity["text_format"] = text_format
    return identity


@dataclass(frozen=True)
class _Job:
    """Where a ``score_file`` job reads and writes."""

    in_path: Path
    out_path: Path
    sent_path: Path | None
    in_fmt: str
    out_fmt: str
    sent_fmt: str

    @property
    def parts_dir(self) -> Path:
        return self.out_path.with_name(self.out_path.name + ".parts")

    @property
    def manifest_path(self) -> Path:
        return self.parts_dir / MANIFEST_NAME


def _plan_job(
    input: str | os.PathLike[str],
    output: str | os.PathLike[str],
    sentences: str | os.PathLike[str] | bool | None,
    input_format: str | None,
    output_format: str | None,
    chunk_size: int,
) -> _Job:
    """Paths and formats of a job, checked: the input exists and no output overwrites it."""
    in_path, out_path = Path(input), Path(output)
    if not in_path.is_file():
        raise InputValueError(f"input file {in_path} does not exist")
    if chunk_size < 1:
        raise ConfigError(f"chunk_size must be >= 1, got {chunk_size}")
    in_fmt = detect_format(in_path, input_format)
    out_fmt = detect_format(out_path, output_format, for_output=True)
    sent_path: Path | None
    if sentences is True:
        sent_path = default_sentences_path(out_path)
    elif sentences is False or sentences is None:
        sent_path = None
    else:
        sent_path = Path(sentences)
    sent_fmt = detect_format(sent_path, output_format, for_output=True) if sent_path is not None else out_fmt
    if out_path.resolve() == in_path.resolve() or (sent_path and sent_path.resolve() == in_path.resolve()):
        raise ConfigError("the output must not overwrite the input")
    return _Job(in_path, out_path, sent_path, in_fmt, out_fmt, sent_fmt)


def _open_job(job: _Job, identity: Mapping[str, Any], restart: bool) -> tuple[dict[str, Any], dict[int, int]]:
    """The job's manifest (resumed, or new) and its finished parts ``{chunk: rows}``."""
    parts_dir, manifest_path = job.parts_dir, job.manifest_path
    fp = input_fingerprint(job.in_path)
    if restart and parts_dir.exists():
        shutil.rmtree(parts_dir)
    if parts_dir.exists() and manifest_path.is_file():
        manifest = json.loads(manifest_path.read_text(encoding="utf-8"))
        _check_resume(manifest, fp, identity, parts_dir)
        logger.info("resuming %s from %s", job.out_path, parts_dir)
    else:
        existing = [p for p in (job.out_path, job.sent_path) if p is not None and p.exists()]
        if existing and not restart:
            raise ConfigError(
                f"{existing[0]} already exists and there is no unfinished job to resume ({parts_dir} is missing); "
                "pass --restart (restart=True) to score again and overwrite it"
            )
        parts_dir.mkdir(parents=True, exist_ok=True)
        manifest = {
            "format_version": MANIFEST_VERSION,
            "input": fp,
            "options": dict(identity),
            "output": str(job.out_path.resolve()),
            "sentences_output": str(job.sent_path.resolve()) if job.sent_path else None,
            "chunks_done": 0,
            "rows_done": 0,
            "created": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
        }
        _write_json(manifest_path, manifest)
    stale = [*parts_dir.glob(".*.tmp-*"), *job.out_path.parent.glob(f".{job.out_path.name}.tmp-*")]
    if job.sent_path is not None:
        stale += job.sent_path.parent.glob(f".{job.sent_path.name}.tmp-*")
    for path in stale:
        path.unlink(missing_ok=True)  # half-written files of a killed run
    return manifest, _done_parts(parts_dir, job.sent_path is not None)


def _score_chunks(
    job: _Job,
    manifest: dict[str, Any],
    done: dict[int, int],
    chunks: Iterable[Any],
    make_scorer: Callable[[], ChunkScorer],
    show_progress_bar: bool | None,
) -> tuple[ScoreSummary, int]:
    """Score the chunks that have no part yet, each committed as a part; ``(run summary, n chunks)``."""
    progress = Progress(count_rows(job.in_path, job.in_fmt), show_progress_bar, initial=sum(done.values()))
    scorer: ChunkScorer | None = None
    t0 = time.perf_counter()
    run_summary = ScoreSummary()
    n_chunks = 0
    load_seconds = 0.0
    try:
        for chunk in chunks:
            n_chunks = chunk.index + 1
            if chunk.index in done:
                if done[chunk.index] != chunk.rows:
                    raise DataError(
                        f"{job.parts_dir}: part {chunk.index} holds {done[chunk.index]} rows but the input chunk "
                        f"has {chunk.rows}: the input changed; rerun with --restart"
                    )
                continue
            if scorer is None:
                t_load = time.perf_counter()
                progress.bar.set_description_str("framing score (loading model)", refresh=True)
                scorer = make_scorer()
                load_seconds = time.perf_counter() - t_load
                progress.bar.set_description_str("framing score", refresh=False)
                progress.exclude(load_seconds)  # rates and ETA count scoring time only
            res = scorer.score(*chunk.load())
            if job.sent_path is not None:
                with atomic_path(job.parts_dir / _part_name(chunk.index, "sentences")) as tmp:
                    pq.write_table(res.sentences, str(tmp))
            with atomic_path(job.parts_dir / _part_name(chunk.index, "articles")) as tmp:
                pq.write_table(res.articles, str(tmp))  # the chunk's commit point
            done[chunk.index] = res.articles.num_rows
            run_summary.merge(res.summary)
            manifest["chunks_done"], manifest["rows_done"] = len(done), sum(done.values())
            _write_json(job.manifest_path, manifest)
            progress.update(res.articles.num_rows, res.sentences.num_rows)
    finally:
        progress.close()
    run_summary.seconds = time.perf_counter() - t0 - load_seconds
    return run_summary, n_chunks


def _merge_job(
    job: _Job,
    done: Mapping[int, int],
    n_chunks: int,
    run_summary: ScoreSummary,
    id_column: str | None,
    targets: Sequence[str] | None,
    text_format: str,
) -> ScoreSummary:
    """Merge every part into the output tables (each written whole, then renamed); the job's summary."""
    extra = sorted(k for k in done if k >= n_chunks)
    if extra or len(done) != n_chunks:
        raise DataError(
            f"{job.parts_dir}: parts {extra or sorted(done)[:5]} do not match the input; rerun with --restart"
        )
    art_parts = [job.parts_dir / _part_name(k, "articles") for k in range(n_chunks)]
    summary = _summary_from_parts(art_parts)
    summary.seconds = run_summary.seconds
    summary.run_rows, summary.run_sentences = run_summary.rows, run_summary.sentences
    key = pa.schema([(id_column or "id", pa.int64() if id_column is None else pa.string())])
    if row_column_name(id_column):
        key = pa.unify_schemas([key, pa.schema([(row_column_name(id_column), pa.int64())])])
    if job.sent_path is not None:
        sent_parts = [job.parts_dir / _part_name(k, "sentences") for k in range(n_chunks)]
        merge_parts(sent_parts, job.sent_path, job.sent_fmt, pa.unify_schemas([key, sentence_schema(targets)]))
    art_schema = article_schema(targets, title=text_format != "text")
    merge_parts(art_parts, job.out_path, job.out_fmt, pa.unify_schemas([key, art_schema]))
    return summary


def _plain(value: Any) -> Any:
    """A JSON value for the manifest: plain values as they are, objects (a spaCy pipeline) by type name."""
    return value if isinstance(value, (str, int, float, bool, type(None))) else f"<{type(value).__name__}>"


def _lock(out_path: Path) -> Any:
    """An exclusive lock on the job (released by the OS if the process dies, even by kill -9)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows: no lock
        return None
    out_path.parent.mkdir(parents=True, exist_ok=True)
    path = out_path.with_name(f".{out_path.name}.lock")
    fh = open(path, "w")  # noqa: SIM115 - held for the whole job
    try:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except OSError as exc:
        fh.close()
        raise ConfigError(f"another `framing score` is writing {out_path} right now ({path} is locked)") from exc
    return (fh, path)


def _unlock(lock: Any) -> None:
    if lock is None:
        return
    fh, path = lock
    with contextlib.suppress(OSError):
        path.unlink()
    fh.close()


def _check_resume(manifest: Mapping[str, Any], fp: Mapping[str, Any], identity: Mapping[str, Any], parts: Path) -> None:
    if manifest.get("format_version") != MANIFEST_VERSION:
        raise ConfigError(f"{parts} was written by another framing version; rerun with --restart")
    old_in = manifest.get("input", {})
    if old_in.get("size") != fp["size"] or old_in.get("sha256_head_tail") != fp["sha256_head_tail"]:
        raise ConfigError(
            f"the input file changed since the unfinished job in {parts} started ({old_in.get('path')}, "
            f"{old_in.get('size')} bytes -> {fp['size']} bytes); rerun with --restart to score it from scratch"
        )
    old = json.loads(json.dumps(manifest.get("options", {})))
    new = json.loads(json.dumps(identity))
    if old != new:
        diff = sorted(k for k in set(old) | set(new) if old.get(k) != new.get(k))
        details = "; ".join(f"{k}: {old.get(k)!r} -> {new.get(k)!r}" for k in diff)
        raise ConfigError(
            f"the options differ from the unfinished job in {parts} ({details}); run the same command to resume "
            "it, or pass --restart to start over"
        )


def _summary_from_parts(parts: Sequence[Path]) -> ScoreSummary:
    from collections import Counter

    counts: Counter[str] = Counter()
    sentences = 0
    for p in parts:
        t = pq.read_table(p, columns=["status", "n_sentences"])
        counts.update(s for s in t.column("status").to_pylist() if s is not None)
        sentences += sum(v for v in t.column("n_sentences").to_pylist() if v)
    return ScoreSummary.from_counts(counts, sentences=sentences)
