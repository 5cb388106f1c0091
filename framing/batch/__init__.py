"""Batch scoring at corpus scale: DataFrames and datasets, files (streamed, resumable), Ray.

>>> from framing.batch import score_dataset, score_file
>>> articles, sentences, summary = score_dataset(df, text_column="body", id_column="url")
>>> score_file("corpus.jsonl", "scores.parquet")          # what `framing score` runs
>>> from framing.batch.ray import score_ray                # needs framing[ray]
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from framing._lazy import lazy_getattr

if TYPE_CHECKING:
    from framing.batch.dataset import ScoredTables, score_dataset
    from framing.batch.files import read_table, score_file
    from framing.batch.summary import ScoreSummary

__all__ = ["score_dataset", "score_file", "read_table", "ScoredTables", "ScoreSummary"]

_LAZY = {
    "score_dataset": "framing.batch.dataset",
    "ScoredTables": "framing.batch.dataset",
    "score_file": "framing.batch.files",
    "read_table": "framing.batch.files",
    "ScoreSummary": "framing.batch.summary",
}


__getattr__ = lazy_getattr(__name__, _LAZY, globals())
