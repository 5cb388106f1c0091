"""The one chunk scorer behind every batch path (DataFrame, datasets, files, Ray).

A chunk is a list of raw text values plus Arrow key/carry columns. Valid texts go through
:meth:`framing.Analyzer.pipe` together (their sentences share length-sorted batches and one
encoder pass for all heads); bad rows get a status instead of stopping the job. The output is a
pair of Arrow tables with a fixed schema, so every path produces identical tables.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from framing.batch.summary import (
    SKIP_BAD_RECORD,
    SKIP_HTML,
    STATUS_EMPTY,
    STATUS_ERROR,
    STATUS_OK,
    ScoreSummary,
    check_text_value,
)
from framing.errors import DataError
from framing.inputs import check_input_format, html_to_document, looks_like_html
from framing.profile.flatten import ARTICLE_COLUMNS, SENTENCE_COLUMNS, article_row, sentence_row
from framing.results import STANCE_LABELS

if TYPE_CHECKING:
    import pandas as pd

    from framing.analyzer import Analyzer

logger = logging.getLogger(__name__)

__all__ = [
    "ChunkScorer",
    "ChunkResult",
    "article_schema",
    "sentence_schema",
    "frame_to_parts",
    "table_to_parts",
    "BAD_RECORD_COLUMN",
    "STATUS_COLUMNS",
    "ROW_COLUMN",
    "row_column_name",
]

# a reader may put a reason here for rows it could not parse (e.g. an invalid JSONL line)
BAD_RECORD_COLUMN = "__framing_bad_record__"
STATUS_COLUMNS: tuple[str, str] = ("status", "status_detail")
# the input row number, next to a caller's id column: unique even where ids repeat
ROW_COLUMN = "row"


def row_column_name(id_column: str | None) -> str | None:
    """The row-number key column that goes with ``id_column`` (None: the ``id`` key is the row number)."""
    if id_column is None:
        return None
    return ROW_COLUMN if id_column != ROW_COLUMN else f"input_{ROW_COLUMN}"


_ARTICLE_TYPES: dict[str, pa.DataType] = {
    "n_sentences": pa.int64(),
    "n_words": pa.int64(),
    "words_author": pa.int64(),
    "words_quote": pa.int64(),
    "loaded_share": pa.float64(),
    "loaded_per_100_words.all": pa.float64(),
    "loaded_per_100_words.author": pa.float64(),
    "loaded_per_100_words.quote": pa.float64(),
    "n_spans": pa.int64(),
    "top_loaded_terms": pa.string(),
    "cues": pa.string(),
    "targets": pa.string(),
    "frames": pa.string(),
}
_SENTENCE_TYPES: dict[str, pa.DataType] = {
    "sentence_index": pa.int64(),
    "start": pa.int64(),
    "end": pa.int64(),
    "text": pa.string(),
    "voice": pa.string(),
    "speaker": pa.string(),
    "paragraph": pa.int64(),
    "loaded": pa.float64(),
    "spans": pa.string(),
    "stance": pa.string(),
}
assert tuple(_ARTICLE_TYPES) == ARTICLE_COLUMNS and tuple(_SENTENCE_TYPES) == SENTENCE_COLUMNS


def article_schema(fixed_targets: Sequence[str] | None = None, *, title: bool = False) -> pa.Schema:
    """Schema of the scored columns of the article table (after the key and carried columns).

    ``title``: add a ``title`` column (the HTML page title, when texts are HTML pages).
    """
    fields = [pa.field("status", pa.string()), pa.field("status_detail", pa.string())]
    if title:
        fields.append(pa.field("title", pa.string()))
    fields += [pa.field(k, t) for k, t in _ARTICLE_TYPES.items()]
    for name in fixed_targets or ():
        fields.append(pa.field(f"stance.{name}.mentions", pa.int64()))
        for stat in ("mean", "ci95_lo", "ci95_hi"):
            fields.append(pa.field(f"stance.{name}.{stat}", pa.float64()))
    return pa.schema(fields)


def sentence_schema(fixed_targets: Sequence[str] | None = None) -> pa.Schema:
    """Schema of the scored columns of the sentence table (after the key columns)."""
    fields = [pa.field(k, t) for k, t in _SENTENCE_TYPES.items()]
    for name in fixed_targets or ():
        fields.append(pa.field(f"stance.{name}.label", pa.string()))
        for lab in STANCE_LABELS:
            fields.append(pa.field(f"stance.{name}.{lab}", pa.float64()))
    return pa.schema(fields)


@dataclass
class ChunkResult:
    """One scored chunk: the two tables, their summary, and each sentence row's article position."""

    articles: pa.Table
    sentences: pa.Table
    summary: ScoreSummary
    article_of: list[int] | None = None


def _column_to_arrow(values: Any, name: str) -> pa.Array:
    """An Arrow array from a pandas column; mixed-type object columns become strings (JSON for containers)."""
    try:
        return pa.array(values, from_pandas=True)
    except (pa.ArrowInvalid, pa.ArrowTypeError, pa.ArrowNotImplementedError):
        logger.warning("column %r has mixed types; carried through as text", name)
        out: list[str | None] = []
        for v in values:
            if v is None or (isinstance(v, float) and v != v):
                out.append(None)
            elif isinstance(v, str):
                out.append(v)
            elif isinstance(v, (dict, list, tuple)):
                out.append(json.dumps(v, ensure_ascii=False, default=str))
            else:
                out.append(str(v))
        return pa.array(out, type=pa.string())


def frame_to_parts(
    df: pd.DataFrame, text_column: str, id_column: str | None, start: int | None
) -> tuple[list[Any], pa.Table, pa.Table]:
    """``(texts, keys, carried)`` of a pandas chunk whose first row is input row ``start``.

    With an ``id_column`` the keys also get the row number (:func:`row_column_name`) unless
    ``start`` is None (no stable row numbers, as in Ray).
    """
    _check_columns(list(df.columns), text_column, id_column)
    texts = df[text_column].tolist()
    keys = _keys(df[id_column] if id_column else None, id_column, start, len(df))
    carry = [c for c in df.columns if c not in (text_column, id_column)]
    carried = pa.table({str(c): _column_to_arrow(df[c], str(c)) for c in carry}) if carry else pa.table({})
    return texts, keys, carried


def table_to_parts(
    table: pa.Table, text_column: str, id_column: str | None, start: int | None
) -> tuple[list[Any], pa.Table, pa.Table]:
    """``(texts, keys, carried)`` of an Arrow chunk (types of carried columns kept exactly); keys as in
    :func:`frame_to_parts`."""
    _check_columns(table.column_names, text_column, id_column)
    texts = table.column(text_column).to_pylist()
    if id_column:
        keys = _with_row(pa.table({id_column: table.column(id_column).combine_chunks()}), id_column, start)
    else:
        keys = _keys(None, None, start, table.num_rows)
    carried = table.drop_columns([c for c in (text_column, id_column) if c])
    return texts, keys, carried.replace_schema_metadata(None)


def _check_columns(columns: Sequence[Any], text_column: str, id_column: str | None) -> None:
    missing = [c for c in (text_column, id_column) if c and c not in columns]
    if missing:
        shown = ", ".join(repr(str(c)) for c in list(columns)[:20])
        raise DataError(
            f"column(s) {missing} not in the input; it has: {shown or 'no columns'}. "
            "Pass text_column=/id_column= (CLI: --text-column/--id-column)"
        )


def _keys(values: Any, id_column: str | None, start: int | None, n: int) -> pa.Table:
    if id_column is None:
        return pa.table({"id": pa.array(range(start or 0, (start or 0) + n), type=pa.int64())})
    return _with_row(pa.table({id_column: _column_to_arrow(values, id_column)}), id_column, start)


def _with_row(keys: pa.Table, id_column: str, start: int | None) -> pa.Table:
    name = row_column_name(id_column)
    if start is None or name is None:
        return keys
    return keys.append_column(name, pa.array(range(start, start + keys.num_rows), type=pa.int64()))


class ChunkScorer:
    """Scores chunks with one :class:`Analyzer`; same inputs give the same tables on every path.

    ``text_format``: ``"text"`` (a text that is a whole HTML page is skipped with status
    ``"skipped: html page"``), ``"html"`` (every text is an HTML page: its main text is scored and its
    title goes to a ``title`` column) or ``"auto"`` (HTML when a text starts with ``<!doctype html`` /
    ``<html``, per row). ``id_column``: the caller's id column, checked for repeated values (a warning).
    """

    def __init__(
        self,
        analyzer: Analyzer,
        targets: Sequence[str] | None = None,
        text_format: str = "text",
        *,
        id_column: str | None = None,
    ) -> None:
        if targets is not None and (isinstance(targets, str) or not isinstance(targets, Sequence)):
            raise DataError(f"targets must be a list of names, got {type(targets).__name__}: wrap it, e.g. [name]")
        self.analyzer = analyzer
        self.targets = list(targets) if targets is not None else None
        self.text_format = check_input_format(text_format, what="text_format")
        self.article_schema = article_schema(self.targets, title=self.text_format != "text")
        self.sentence_schema = sentence_schema(self.targets)
        self._clash_warned: set[str] = set()
        self.id_column = id_column
        self._seen_ids: set[Any] = set()
        self._dup_warned = False

    def score(self, texts: Sequence[Any], keys: pa.Table, carried: pa.Table | None = None) -> ChunkResult:
        """Score one chunk. ``keys``: id column(s), one row per text; ``carried``: columns to pass through."""
        n = len(texts)
        if keys.num_rows != n or (carried is not None and carried.num_columns and carried.num_rows != n):
            n_carried = "no" if carried is None else carried.num_rows
            raise DataError(f"chunk has {n} texts but {keys.num_rows} keys / {n_carried} carried rows")
        bad = None
        if carried is not None and BAD_RECORD_COLUMN in carried.column_names:
            bad = carried.column(BAD_RECORD_COLUMN).to_pylist()
            carried = carried.drop_columns([BAD_RECORD_COLUMN])
        statuses: list[str | None] = [None] * n
        details: list[str | None] = [None] * n
        valid: list[int] = []
        clean: list[Any] = []
        titles: list[str | None] = [None] * n
        empty_details: dict[int, str] = {}
        for i, value in enumerate(texts):
            if bad is not None and bad[i]:
                statuses[i], details[i] = SKIP_BAD_RECORD, str(bad[i])
                continue
            text, status, detail = check_text_value(value, self.analyzer.max_chars)
            if text is None:
                statuses[i], details[i] = status, detail
                continue
            is_html = looks_like_html(text)
            if self.text_format == "text" and is_html:
                statuses[i] = SKIP_HTML
                details[i] = (
                    "the text is a whole HTML page; pass --text-format html or auto (text_format='html') to score "
                    "its main text"
                )
                continue
            item: Any = text
            if self.text_format == "html" or (self.text_format == "auto" and is_html):
                item = html_to_document(text)
                titles[i] = item.title
                if not item.text:
                    empty_details[i] = "no main text found in the HTML page"
            valid.append(i)
            clean.append(item)
        self._check_ids(keys)
        profiles = self._analyze(clean, valid, keys, statuses, details)
        art_rows: list[dict[str, Any]] = []
        sent_rows: list[dict[str, Any]] = []
        sent_of: list[int] = []
        null_row = dict.fromkeys(self.article_schema.names)
        for i in range(n):
            p = profiles.get(i)
            if p is None:
                row = dict(null_row)
            else:
                row = article_row(p, self.targets)
                statuses[i] = STATUS_OK if p.n_sentences else STATUS_EMPTY
                if i in empty_details:
                    details[i] = empty_details[i]
                for s in p.sentences:
                    sent_rows.append(sentence_row(s, self.targets))
                    sent_of.append(i)
            row["status"], row["status_detail"] = statuses[i], details[i]
            if self.text_format != "text":
                row["title"] = titles[i]
            art_rows.append(row)
        scored = pa.Table.from_pylist(art_rows, schema=self.article_schema)
        articles = self._join(keys, carried, scored)
        sent_keys = keys.take(pa.array(sent_of, type=pa.int64()))
        sentences = self._join(sent_keys, None, pa.Table.from_pylist(sent_rows, schema=self.sentence_schema))
        summary = ScoreSummary()
        summary.add_statuses([s for s in statuses if s is not None], sentences=len(sent_rows))
        return ChunkResult(articles, sentences, summary, sent_of)

    def _check_ids(self, keys: pa.Table) -> None:
        """Warn (once per job) when an id repeats: its sentences are told apart by the row number only."""
        if self._dup_warned or self.id_column is None or self.id_column not in keys.column_names:
            return
        names = keys.column_names
        split = keys.column(0).to_pylist() if names[0] == "split" != self.id_column else [None] * keys.num_rows
        dups = []
        for s, v in zip(split, keys.column(self.id_column).to_pylist(), strict=True):
            if (s, v) in self._seen_ids:
                dups.append(v)
            self._seen_ids.add((s, v))
        if dups:
            self._dup_warned = True
            logger.warning(
                "id column %r has duplicate values (e.g. %s); each row is scored on its own: join sentences to "
                "articles on the %r column (the input row number, always unique)",
                self.id_column,
                ", ".join(repr(v) for v in dups[:5]),
                row_column_name(self.id_column) or "row",
            )

    def _analyze(
        self,
        clean: list[Any],
        valid: list[int],
        keys: pa.Table,
        statuses: list[str | None],
        details: list[str | None],
    ) -> dict[int, Any]:
        if not clean:
            return {}
        a = self.analyzer
        try:
            out = list(a.pipe(clean, targets=self.targets, chunk_size=len(clean), show_progress_bar=False))
            return dict(zip(valid, out, strict=True))
        except Exception as exc:  # one bad row must not stop the job: retry row by row
            logger.warning("chunk failed (%s: %s); scoring its %d rows one by one", type(exc).__name__, exc, len(clean))
        profiles: dict[int, Any] = {}
        key_col = keys.column(0).to_pylist()
        for i, text in zip(valid, clean, strict=True):
            try:
                profiles[i] = a.analyze(text, targets=self.targets)
            except Exception as exc:
                logger.error("row %r: %s: %s", key_col[i], type(exc).__name__, exc)
                statuses[i], details[i] = STATUS_ERROR, f"{type(exc).__name__}: {exc}"
        return profiles

    def _join(self, keys: pa.Table, carried: pa.Table | None, scored: pa.Table) -> pa.Table:
        names = list(keys.column_names)
        arrays = list(keys.columns)
        taken = set(names) | set(scored.column_names)
        if carried is not None:
            for name, col in zip(carried.column_names, carried.columns, strict=True):
                out = name
                if out in taken:
                    out = f"input.{name}"
                    if name not in self._clash_warned:
                        self._clash_warned.add(name)
                        logger.warning("input column %r clashes with an output column; carried as %r", name, out)
                names.append(out)
                arrays.append(col)
                taken.add(out)
        names += scored.column_names
        arrays += list(scored.columns)
        return pa.Table.from_arrays(arrays, names=names)
