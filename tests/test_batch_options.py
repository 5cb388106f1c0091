"""Batch scoring: one status per cause whatever the format, duplicate ids, analyzer options per entry point."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _batch_helpers import build_tiny_model

from framing.batch.dataset import score_dataset
from framing.batch.files import default_sentences_path, read_table, score_file
from framing.cli import main


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_model(tiny_backbone, tmp_path_factory.mktemp("batch-options-model"))


@pytest.fixture(scope="module")
def analyzer(tiny_model: str):
    from framing.analyzer import Analyzer

    return Analyzer(tiny_model, device="cpu", batch_size=8, nlp=None)


def _write(df: pd.DataFrame, path: Path) -> Path:
    if path.suffix == ".csv":
        df.to_csv(path, index=False)
    elif path.suffix == ".parquet":
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path)
    else:
        path.write_text("".join(json.dumps(r) + "\n" for r in df.to_dict("records")), encoding="utf-8")
    return path


@pytest.mark.parametrize("suffix", [".csv", ".jsonl", ".parquet"])
def test_a_null_text_has_one_status_in_every_format(suffix: str, analyzer, tmp_path: Path) -> None:
    df = pd.DataFrame({"doc": ["a", "b", "c"], "text": ["Putin met Biden in Geneva.", None, "   "]})
    ref = score_dataset(df, id_column="doc", analyzer=analyzer, show_progress_bar=False).articles
    assert list(ref["status"]) == ["ok", "skipped: null text", "empty"]
    out = tmp_path / "out.parquet"
    score_file(_write(df, tmp_path / f"in{suffix}"), out, id_column="doc", analyzer=analyzer, show_progress_bar=False)
    assert list(read_table(out)["status"]) == ["ok", "skipped: null text", "empty"]


def test_duplicate_ids_warn_and_the_row_column_tells_them_apart(analyzer, tmp_path: Path, caplog) -> None:
    df = pd.DataFrame(
        {"doc": ["x", "x", "y"], "text": ["Putin met Biden.", "Prices rose. Officials confirmed it.", "Talks."]}
    )
    src = _write(df, tmp_path / "dup.jsonl")
    out = tmp_path / "dup.parquet"
    with caplog.at_level(logging.WARNING, logger="framing.batch.core"):
        score_file(src, out, id_column="doc", analyzer=analyzer, show_progress_bar=False)
    assert "duplicate" in caplog.text and "'x'" in caplog.text and "'row'" in caplog.text
    arts, sents = read_table(out), read_table(default_sentences_path(out))
    assert list(arts["row"]) == [0, 1, 2] and list(arts["doc"]) == ["x", "x", "y"]
    assert sorted(sents.groupby("row").size().to_dict().items()) == [(0, 1), (1, 2), (2, 1)]
    joined = sents.merge(arts[["row", "doc"]], on="row", suffixes=("", "_a"))
    assert (joined["doc"] == joined["doc_a"]).all()
    mem = score_dataset(df, id_column="doc", analyzer=analyzer, show_progress_bar=False)
    assert list(mem.articles["row"]) == [0, 1, 2] and list(mem.sentences["row"]) == [0, 1, 1, 2]
    assert "row" not in score_dataset(df, analyzer=analyzer, show_progress_bar=False).articles  # id is the row


def test_duplicate_ids_on_the_command_line(tiny_model: str, tmp_path: Path, caplog) -> None:
    df = pd.DataFrame({"doc": ["x", "x"], "text": ["Putin met Biden.", "Prices rose."]})
    src = _write(df, tmp_path / "dup.csv")
    out = tmp_path / "dup.csv.out.parquet"
    with caplog.at_level(logging.WARNING):
        assert (
            main(["score", str(src), "-o", str(out), "--id-column", "doc", "--model", tiny_model, "--no-progress"]) == 0
        )
    assert "duplicate" in caplog.text
    assert list(read_table(out)["row"]) == [0, 1]


# ------------------------------------------------------------------ analyzer options, same names everywhere
TEXTS = pd.DataFrame(
    {"doc": ["a", "b"], "text": ["Putin met Biden in Geneva. Critics called it a gamble.", "Prices rose."]}
)


def _options(tiny_model: str) -> dict:
    """Options that change the numbers (loaded_threshold) or the run (the rest); meta shows them."""
    return {"device": "cpu", "batch_size": 2, "precision": "bf16", "loaded_threshold": 0.01, "nlp": None}


def test_score_dataset_and_score_file_take_the_analyzer_options_by_name(tiny_model: str, tmp_path: Path) -> None:
    got = score_dataset(TEXTS, id_column="doc", model=tiny_model, show_progress_bar=False, **_options(tiny_model))
    assert list(got.articles["loaded_share"]) == [1.0, 1.0]  # loaded_threshold=0.01: every sentence is loaded
    out = tmp_path / "o.parquet"
    src = _write(TEXTS, tmp_path / "in.jsonl")
    score_file(src, out, id_column="doc", model=tiny_model, show_progress_bar=False, **_options(tiny_model))
    assert list(read_table(out)["loaded_share"]) == [1.0, 1.0]
    from framing.errors import ConfigError

    with pytest.raises(ConfigError, match="unknown analyzer option"):
        score_dataset(TEXTS, model=tiny_model, loaded_treshold=0.3)
    with pytest.raises(ConfigError, match="unknown analyzer option"):
        score_file(src, tmp_path / "p.parquet", model=tiny_model, precison="bf16")


def test_score_ray_rows_per_batch_and_the_old_batch_size() -> None:
    from framing.batch.ray import _batch_sizes

    assert _batch_sizes(None, None) == (256, None)
    assert _batch_sizes(64, 8) == (64, 8)  # rows per Ray batch, encoder batch size
    with pytest.warns(DeprecationWarning, match="rows_per_batch"):
        assert _batch_sizes(None, 100) == (100, None)


def test_cli_score_takes_the_shared_options_and_input_format(tiny_model: str, tmp_path: Path, caplog) -> None:
    src = tmp_path / "in.data"
    src.write_text("".join(json.dumps(r) + "\n" for r in TEXTS.to_dict("records")), encoding="utf-8")
    out = tmp_path / "o.parquet"
    base = ["score", str(src), "--model", tiny_model, "--no-progress", "--nlp", "none", "--id-column", "doc"]
    argv = [*base, "-o", str(out), "--input-format", "jsonl", "--loaded-threshold", "0.01", "--precision", "bf16"]
    assert main(argv) == 0
    assert list(read_table(out)["loaded_share"]) == [1.0, 1.0]
    with caplog.at_level(logging.WARNING):
        assert main([*base, "-o", str(tmp_path / "p.parquet"), "--format", "jsonl"]) == 0
    assert "--input-format" in caplog.text
