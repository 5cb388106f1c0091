"""Score a Ray Dataset on a Ray cluster (optional extra: ``pip install 'framing[ray]'``).

    >>> import ray, framing.batch.ray as fr
    >>> ray.init(address="auto")                      # or ray://head:10001, or nothing for local
    >>> ds = ray.data.read_parquet("s3://bucket/corpus/")
    >>> articles, sentences = fr.score_ray(ds, id_column="doc_id", concurrency=8)
    >>> articles.write_parquet("s3://bucket/scores/articles")
    >>> sentences.write_parquet("s3://bucket/scores/sentences")

Each actor of the pool loads the analyzer once and scores whole batches with the same chunk
scorer as :func:`framing.score_dataset` and ``framing score``, so the tables are identical
(row order aside: sort by the id if order matters).
"""

from __future__ import annotations

import json
import logging
import warnings
from collections.abc import Mapping, Sequence
from functools import partial
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from framing.errors import ConfigError, DataError

if TYPE_CHECKING:
    import pandas as pd
    import ray.data

logger = logging.getLogger(__name__)

__all__ = ["score_ray", "FramingScorer", "explode_sentences", "SENTENCES_COLUMN"]

SENTENCES_COLUMN = "__framing_sentences__"
DEFAULT_ROWS_PER_BATCH = 256


class FramingScorer:
    """A Ray Data callable class: one analyzer per actor, ``__call__`` scores one batch.

    Returns the article rows plus :data:`SENTENCES_COLUMN`, the article's sentence rows as JSON
    (exact floats), which :func:`explode_sentences` turns into the sentence table.
    """

    def __init__(
        self,
        text_column: str = "text",
        id_column: str = "id",
        targets: Sequence[str] | None = None,
        model: Any = "default",
        analyzer_kwargs: Mapping[str, Any] | None = None,
    ) -> None:
        from framing.analyzer import Analyzer
        from framing.batch.core import ChunkScorer

        self.text_column = text_column
        self.id_column = id_column
        self.scorer = ChunkScorer(Analyzer(model, **dict(analyzer_kwargs or {})), targets, id_column=id_column)

    def __call__(self, batch: pd.DataFrame) -> pa.Table:
        from framing.batch.core import frame_to_parts

        # no row numbers: Ray blocks have no stable input positions
        texts, keys, carried = frame_to_parts(batch.reset_index(drop=True), self.text_column, self.id_column, None)
        res = self.scorer.score(texts, keys, carried)
        per_article: list[list[dict[str, Any]]] = [[] for _ in range(res.articles.num_rows)]
        if res.sentences.num_rows:
            # each sentence row goes back to its article by position (ids may repeat)
            body = res.sentences.drop_columns(keys.column_names)
            for pos, row in zip(res.article_of or [], body.to_pylist(), strict=True):
                per_article[pos].append(row)
        col = pa.array([json.dumps(rows, allow_nan=False) for rows in per_article], type=pa.string())
        return res.articles.append_column(SENTENCES_COLUMN, col)


def _explode(batch: pa.Table, id_column: str, targets: Sequence[str] | None) -> pa.Table:
    from framing.batch.core import sentence_schema

    schema = sentence_schema(targets)
    ids = batch.column(id_column)
    take: list[int] = []
    rows: list[dict[str, Any]] = []
    for i, blob in enumerate(batch.column(SENTENCES_COLUMN).to_pylist()):
        for row in json.loads(blob or "[]"):
            take.append(i)
            rows.append(row)
    body = pa.Table.from_pylist(rows, schema=schema)
    key = ids.take(pa.array(take, type=pa.int64()))
    return pa.Table.from_arrays([key, *body.columns], names=[id_column, *body.column_names])


def explode_sentences(scored: ray.data.Dataset, id_column: str, targets: Sequence[str] | None = None) -> Any:
    """The sentence table of a dataset scored by :class:`FramingScorer`."""
    return scored.map_batches(
        partial(_explode, id_column=id_column, targets=list(targets) if targets else None),
        batch_format="pyarrow",
        zero_copy_batch=True,
    )


def score_ray(
    ds: ray.data.Dataset,
    text_column: str = "text",
    id_column: str | None = None,
    targets: Sequence[str] | None = None,
    *,
    model: Any = "default",
    concurrency: int | tuple[int, int] = 1,
    rows_per_batch: int | None = None,
    batch_size: int | None = None,
    num_cpus: float | None = None,
    num_gpus: float | None = None,
    materialize: bool = True,
    **analyzer_kwargs: Any,
) -> tuple[Any, Any]:
    """``(articles, sentences)`` Ray Datasets: ``ds`` scored by an actor pool.

    Args:
        ds: a ``ray.data.Dataset`` with a text column and an id column.
        id_column: required: Ray blocks have no stable row numbers, so rows need their own id.
        concurrency: actors in the pool (an int, or ``(min, max)`` to autoscale). Each loads the
            analyzer once (``model`` + ``analyzer_kwargs``, e.g. ``int8=True``, ``device="cuda"``).
        rows_per_batch: rows per Ray ``map_batches`` batch (their sentences share encoder batches);
            default 256.
        batch_size: sentences per encoder batch, as for :class:`~framing.Analyzer`. Deprecated old
            meaning: without ``rows_per_batch``, ``batch_size`` is still taken as the rows per Ray
            batch (with a DeprecationWarning); pass ``rows_per_batch=`` to use it as the encoder batch size.
        analyzer_kwargs: any other :class:`~framing.Analyzer` argument under its own name
            (``device``, ``precision``, ``loaded_threshold``, ``span_threshold``, ``nlp`` …).
        num_cpus / num_gpus: resources per actor (e.g. ``num_gpus=1`` to give each actor a GPU; the
            analyzer then picks CUDA with bf16/fp16 itself).
        materialize: score once and keep the result in the object store, so that both tables come
            from the same pass; with False both stay lazy and each consumption re-scores.
    """
    id_column = _check_ray_input(ds, text_column, id_column)
    rows_per_batch, encoder_batch = _batch_sizes(rows_per_batch, batch_size)
    if encoder_batch is not None:
        analyzer_kwargs["batch_size"] = encoder_batch
    from framing.batch.dataset import check_analyzer_options

    check_analyzer_options(analyzer_kwargs, "score_ray")
    resources: dict[str, Any] = {k: v for k, v in (("num_cpus", num_cpus), ("num_gpus", num_gpus)) if v is not None}
    scored = ds.map_batches(
        FramingScorer,
        fn_constructor_kwargs={
            "text_column": text_column,
            "id_column": id_column,
            "targets": list(targets) if targets is not None else None,
            "model": str(model) if model is not None else None,
            "analyzer_kwargs": dict(analyzer_kwargs),
        },
        batch_size=rows_per_batch,
        batch_format="pandas",
        concurrency=concurrency,
        **resources,
    )
    if materialize:
        scored = scored.materialize()
    articles = scored.drop_columns([SENTENCES_COLUMN])
    return articles, explode_sentences(scored, id_column, targets)


def _check_ray_input(ds: ray.data.Dataset, text_column: str, id_column: str | None) -> str:
    """``id_column``, once Ray Data is importable and ``ds`` has the text and id columns."""
    try:
        import ray  # noqa: F401
    except ImportError as exc:  # pragma: no cover - depends on the environment
        raise ConfigError("score_ray needs Ray Data: pip install 'framing[ray]'") from exc
    if not id_column:
        raise DataError("score_ray needs id_column=: Ray datasets have no stable row numbers to use as ids")
    missing = [c for c in (text_column, id_column) if c not in (ds.columns() or [])]
    if missing:
        raise DataError(f"column(s) {missing} not in the Ray dataset; it has {ds.columns()}")
    return id_column


def _batch_sizes(rows_per_batch: int | None, batch_size: int | None) -> tuple[int, int | None]:
    """``(rows per Ray batch, encoder batch size or None)``; ``batch_size`` alone keeps its old meaning."""
    if rows_per_batch is None and batch_size is not None:
        warnings.warn(
            "score_ray(batch_size=) as the rows per Ray batch is deprecated: pass rows_per_batch= (batch_size= "
            "then sets the encoder batch size, as everywhere else)",
            DeprecationWarning,
            stacklevel=3,
        )
        return batch_size, None
    return (rows_per_batch if rows_per_batch is not None else DEFAULT_ROWS_PER_BATCH), batch_size
