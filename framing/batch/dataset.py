"""``score_dataset``: score a pandas DataFrame or a Hugging Face ``datasets`` object in memory.

For corpora that do not fit in memory, use ``framing score`` / :func:`framing.batch.score_file`
(streamed, resumable) or :func:`framing.batch.ray.score_ray` (a Ray cluster).
"""

from __future__ import annotations

import logging
import time
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any

import pyarrow as pa

from framing.batch.core import ChunkScorer, frame_to_parts, row_column_name, table_to_parts
from framing.batch.summary import ScoreSummary
from framing.errors import ConfigError, DataError, InputTypeError

if TYPE_CHECKING:
    import pandas as pd

    from framing.analyzer import Analyzer

logger = logging.getLogger(__name__)

__all__ = ["score_dataset", "ScoredTables", "make_analyzer", "iter_source_chunks", "Progress"]

DEFAULT_CHUNK_SIZE = 256


@dataclass
class ScoredTables:
    """The result of :func:`score_dataset`: ``articles``, ``sentences`` (pandas) and a ``summary``.

    Unpacks as ``articles, sentences, summary = framing.score_dataset(...)``.
    """

    articles: pd.DataFrame
    sentences: pd.DataFrame
    summary: ScoreSummary

    def __iter__(self) -> Iterator[Any]:
        return iter((self.articles, self.sentences, self.summary))


def check_analyzer_options(options: Mapping[str, Any], where: str) -> dict[str, Any]:
    """``options`` if every key is an :class:`~framing.Analyzer` argument; else a ConfigError naming them."""
    import inspect

    from framing.analyzer import Analyzer

    known = [n for n in inspect.signature(Analyzer.__init__).parameters if n not in ("self", "model")]
    unknown = sorted(set(options) - set(known))
    if unknown:
        raise ConfigError(f"{where}: unknown analyzer option(s) {unknown}; the options are {known}")
    return dict(options)


def make_analyzer(analyzer: Analyzer | None, model: Any, analyzer_kwargs: dict[str, Any]) -> Analyzer:
    """``analyzer``, or a new :class:`~framing.Analyzer` from ``model`` and ``analyzer_kwargs`` (not both)."""
    if analyzer is not None:
        if analyzer_kwargs or model != "default":
            raise InputTypeError("pass either analyzer= or model=/analyzer options, not both")
        return analyzer
    from framing.analyzer import Analyzer

    return Analyzer(model, **analyzer_kwargs)


class Progress:
    """tqdm over articles with sentences/s in the postfix (disabled when ``show`` is False)."""

    def __init__(self, total: int | None, show: bool | None, initial: int = 0, desc: str = "framing score") -> None:
        from tqdm.auto import tqdm

        self.bar = tqdm(
            total=total,
            initial=initial,
            unit="art",
            desc=desc,
            disable=(not show) if show is not None else None,
            dynamic_ncols=True,
            smoothing=0.1,
        )
        self.t0 = time.perf_counter()
        self.sentences = 0

    def update(self, articles: int, sentences: int) -> None:
        self.sentences += sentences
        dt = time.perf_counter() - self.t0
        self.bar.set_postfix_str(f"{self.sentences / dt:,.1f} sent/s" if dt > 0 else "", refresh=False)
        self.bar.update(articles)

    def exclude(self, seconds: float) -> None:
        """Leave ``seconds`` (e.g. model loading) out of the elapsed time, rates and ETA."""
        self.t0 += seconds
        if hasattr(self.bar, "start_t"):
            self.bar.start_t += seconds

    def close(self) -> None:
        self.bar.close()


def iter_source_chunks(
    data: Any, text_column: str, id_column: str | None, chunk_size: int
) -> Iterator[tuple[str | None, list[Any], pa.Table, pa.Table]]:
    """``(split, texts, keys, carried)`` chunks of a DataFrame / Dataset / DatasetDict / IterableDataset(Dict)."""
    if chunk_size < 1:
        raise InputTypeError(f"chunk_size must be >= 1, got {chunk_size}")
    kind = _kind(data)
    if kind == "dict":
        for split, part in data.items():
            for _, texts, keys, carried in iter_source_chunks(part, text_column, id_column, chunk_size):
                keys = keys.add_column(0, "split", pa.array([str(split)] * keys.num_rows, type=pa.string()))
                yield str(split), texts, keys, carried
        return
    if kind == "pandas":
        for start in range(0, len(data), chunk_size):
            chunk = data.iloc[start : start + chunk_size]
            yield (None, *frame_to_parts(chunk, text_column, id_column, start))
        if len(data) == 0:
            frame_to_parts(data, text_column, id_column, 0)  # still check the columns
        return
    if kind == "dataset":
        _check_features(data, text_column, id_column)
        arrow = data.with_format("arrow")
        for start in range(0, len(data), chunk_size):
            yield (None, *table_to_parts(arrow[start : start + chunk_size], text_column, id_column, start))
        return
    # IterableDataset: stream; chunk rows via its own batching
    _check_features(data, text_column, id_column)
    start = 0
    for batch in data.with_format("arrow").iter(batch_size=chunk_size):
        table = batch if isinstance(batch, pa.Table) else pa.Table.from_pydict(batch)
        yield (None, *table_to_parts(table, text_column, id_column, start))
        start += table.num_rows


def _kind(data: Any) -> str:
    mod = type(data).__module__
    if mod.startswith("pandas") and type(data).__name__ == "DataFrame":
        return "pandas"
    if mod.startswith("datasets"):
        name = type(data).__name__
        if name in ("DatasetDict", "IterableDatasetDict"):
            return "dict"
        if name == "Dataset":
            return "dataset"
        if name == "IterableDataset":
            return "iterable"
    raise InputTypeError(
        f"score_dataset takes a pandas DataFrame or a datasets Dataset/DatasetDict/IterableDataset, got "
        f"{type(data).__name__}; for files use `framing score` or framing.batch.score_file"
    )


def _check_features(data: Any, text_column: str, id_column: str | None) -> None:
    names = getattr(data, "column_names", None)
    if names is None and getattr(data, "features", None) is not None:
        names = list(data.features)
    if names is None:  # IterableDataset without known features: checked on the first chunk
        return
    missing = [c for c in (text_column, id_column) if c and c not in names]
    if missing:
        raise DataError(f"column(s) {missing} not in the dataset; it has: {names}. Pass text_column=/id_column=")


def score_dataset(
    data: Any,
    text_column: str = "text",
    id_column: str | None = None,
    targets: Sequence[str] | None = None,
    *,
    analyzer: Analyzer | None = None,
    model: Any = "default",
    chunk_size: int = DEFAULT_CHUNK_SIZE,
    show_progress_bar: bool | None = None,
    text_format: str = "text",
    **analyzer_kwargs: Any,
) -> ScoredTables:
    """Score every row of ``data`` and return an article table and a sentence table (pandas).

    Args:
        data: a pandas DataFrame, or a ``datasets`` Dataset, DatasetDict, IterableDataset.
            DatasetDict results get a ``split`` column in front of the id.
        text_column: the column with the article text.
        id_column: the column that identifies an article; None uses the row position as ``id``.
        targets: fixed target names: their stance gets its own columns (``stance.<T>.*``) in both
            tables; None discovers targets per article (JSON column ``targets``).
        analyzer: an :class:`~framing.Analyzer` to reuse; otherwise one is built from ``model`` and
            ``analyzer_kwargs``: any :class:`~framing.Analyzer` argument under its own name (``device``,
            ``precision``, ``batch_size``, ``loaded_threshold``, ``span_threshold``, ``nlp``,
            ``max_chars`` …).
        chunk_size: articles whose sentences are batched together.
        text_format: ``"text"`` (default; a text that is a whole HTML page is skipped with status
            ``"skipped: html page"``), ``"html"`` (each text is an HTML page: its main text is scored,
            its title goes to a ``title`` column) or ``"auto"`` (HTML when a text starts with
            ``<!doctype html`` / ``<html``, per row). A page without main text gets status ``"empty"``.

    Every input column other than the text is carried into the article table. Rows whose text is
    null, not a string or longer than ``max_chars`` get ``status = "skipped: …"`` and null scores;
    empty texts get ``status = "empty"``. ``result.summary`` counts them.
    """
    opts = check_analyzer_options(analyzer_kwargs, "score_dataset")
    scorer = ChunkScorer(make_analyzer(analyzer, model, opts), targets, text_format, id_column=id_column)
    total = None
    try:
        total = sum(len(v) for v in data.values()) if _kind(data) == "dict" else len(data)
    except TypeError:  # IterableDataset has no length
        total = None
    progress = Progress(total, show_progress_bar, desc="framing")
    t0 = time.perf_counter()
    arts: list[pa.Table] = []
    sents: list[pa.Table] = []
    summary = ScoreSummary()
    try:
        for _split, texts, keys, carried in iter_source_chunks(data, text_column, id_column, chunk_size):
            res = scorer.score(texts, keys, carried)
            arts.append(res.articles)
            sents.append(res.sentences)
            summary.merge(res.summary)
            progress.update(res.articles.num_rows, res.sentences.num_rows)
    finally:
        progress.close()
    summary.seconds = time.perf_counter() - t0
    if summary.n_skipped:
        logger.warning("%s", summary)
    else:
        logger.info("%s", summary)
    if not arts:  # empty input: empty tables with the full schema
        names = [id_column or "id", *filter(None, [row_column_name(id_column)])]
        res = scorer.score([], pa.table({n: pa.array([], type=pa.int64()) for n in names}), None)
        arts, sents = [res.articles], [res.sentences]
    articles = pa.concat_tables(arts, promote_options="permissive")
    sentences = pa.concat_tables(sents, promote_options="permissive")
    return ScoredTables(articles.to_pandas(), sentences.to_pandas(), summary)
