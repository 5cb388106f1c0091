"""Batch scoring at corpus scale: DataFrames and datasets, files (streamed, resumable), Ray.

>>> from framing.batch import score_dataset, score_file
>>> articles, sentences, summary = score_dataset(df, text_column="body", id_column="url")
>>> score_file("corpus.jsonl", "scores.parquet")          # what `framing score` runs
>>> from framing.batch.ray import score_ray                # needs framing[ray]
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

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


def __getattr__(name: str) -> Any:
    if name in _LAZY:
        import importlib

        value = getattr(importlib.import_module(_LAZY[name]), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'framing.batch' has no attribute {name!r}")
