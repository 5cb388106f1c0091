"""score_dataset: DataFrame / datasets inputs give identical tables; bad rows; carried columns; fixed targets."""

from __future__ import annotations

import logging

import pandas as pd
import pytest
from _batch_helpers import assert_same_rows, build_tiny_model, make_corpus, records

from framing.batch import core
from framing.batch.dataset import score_dataset
from framing.batch.summary import ScoreSummary
from framing.errors import DataError, InputTypeError

CHUNK = 16


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_model(tiny_backbone, tmp_path_factory.mktemp("batch-model"))


@pytest.fixture(scope="module")
def analyzer(tiny_model: str):
    from framing.analyzer import Analyzer

    return Analyzer(tiny_model, device="cpu", max_chars=2_000, batch_size=8)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.DataFrame(make_corpus(40))


@pytest.fixture(scope="module")
def reference(analyzer, corpus):
    return score_dataset(corpus, id_column="doc", analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False)


def test_tables_shape_and_columns(reference, corpus, analyzer) -> None:
    arts, sents, summary = reference
    assert len(arts) == len(corpus)
    assert list(arts["doc"]) == list(corpus["doc"])
    # carried columns come right after the id and the input row number, text is not carried
    assert list(arts.columns[:5]) == ["doc", "row", "outlet", "year", "status"]
    assert "text" not in arts.columns
    assert set(arts["status"]) == {"ok"}
    assert arts["n_sentences"].sum() == len(sents) == summary.sentences
    assert summary.rows == 40 and summary.ok == 40 and summary.n_skipped == 0
    # sentence rows point back into their article's text
    texts = dict(zip(corpus["doc"], corpus["text"], strict=True))
    for row in sents.itertuples():
        assert texts[row.doc][row.start : row.end] == row.text
        assert row.voice in ("author", "quote")
        assert 0.0 <= row.loaded <= 1.0
    # the article row equals flattening the analyzer's own profile
    from framing.profile.flatten import article_row

    p = analyzer.analyze(corpus["text"][5])
    got = records(arts.iloc[[5]])[0]
    for k, v in article_row(p).items():
        assert_same_rows([{k: got[k]}], [{k: v}], rel=1e-6)


def test_dataset_dictlike_and_iterable_are_identical(reference, corpus, analyzer) -> None:
    datasets = pytest.importorskip("datasets")
    ds = datasets.Dataset.from_pandas(corpus, preserve_index=False)
    want_a, want_s = records(reference.articles), records(reference.sentences)
    for data in (ds, ds.to_iterable_dataset()):
        got = score_dataset(data, id_column="doc", analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False)
        assert_same_rows(records(got.articles), want_a)
        assert_same_rows(records(got.sentences), want_s)
    dd = datasets.DatasetDict({"train": ds.select(range(30)), "test": ds.select(range(30, 40))})
    got = score_dataset(dd, id_column="doc", analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False)
    assert list(got.articles.columns[:2]) == ["split", "doc"]
    assert list(got.articles["split"]) == ["train"] * 30 + ["test"] * 10
    # a different chunking of the test split changes batch padding only: equal up to float noise
    assert list(got.articles["row"]) == list(range(30)) + list(range(10))  # row numbers count per split
    want = [{k: v for k, v in r.items() if k != "row"} for r in want_a]
    assert_same_rows(records(got.articles.drop(columns=["split", "row"])), want, rel=1e-5)
    assert set(got.sentences["split"]) == {"train", "test"}


def test_row_position_ids_without_id_column(analyzer, corpus) -> None:
    got = score_dataset(corpus.iloc[:20], analyzer=analyzer, chunk_size=7, show_progress_bar=False)
    assert list(got.articles["id"]) == list(range(20))
    assert "doc" in got.articles.columns  # carried, since it is not the id here
    assert set(got.sentences["id"]) <= set(range(20))


def test_bad_rows_are_reported_not_fatal(analyzer) -> None:
    df = pd.DataFrame(
        {
            "doc": ["a", "b", "c", "d", "e", "f", "g", "h"],
            "text": [
                "Putin met Biden in Geneva.",
                "",
                None,
                12345,
                b"bytes are not text",
                "x" * 2_001,
                "   \n  ",
                float("nan"),
            ],
        }
    )
    got = score_dataset(df, id_column="doc", analyzer=analyzer, show_progress_bar=False)
    status = dict(zip(got.articles["doc"], got.articles["status"], strict=True))
    assert status == {
        "a": "ok",
        "b": "empty",
        "c": "skipped: null text",
        "d": "skipped: not a string",
        "e": "skipped: not a string",
        "f": "skipped: too long",
        "g": "empty",
        "h": "skipped: null text",
    }
    detail = dict(zip(got.articles["doc"], got.articles["status_detail"], strict=True))
    assert "2,001 characters" in detail["f"] and "bytes" in detail["e"]
    skipped = got.articles[got.articles["status"].str.startswith("skipped")]
    assert skipped["n_sentences"].isna().all() and skipped["loaded_share"].isna().all()
    empty = got.articles[got.articles["status"] == "empty"]
    assert (empty["n_sentences"] == 0).all()
    assert set(got.sentences["doc"]) == {"a"}
    s = got.summary
    assert (s.rows, s.ok, s.empty, s.n_skipped) == (8, 1, 2, 5)
    assert s.skipped == {"not a string": 2, "null text": 2, "too long": 1}
    assert "5 skipped" in str(s) and "null text: 2" in str(s)


def test_analyzer_error_on_one_row_does_not_stop_the_chunk(analyzer, monkeypatch, caplog) -> None:
    real = analyzer._analyze_chunk

    def flaky(texts, *args):
        if any("BOOM" in t for t in texts):
            raise RuntimeError("model exploded")
        return real(texts, *args)

    monkeypatch.setattr(analyzer, "_analyze_chunk", flaky)
    df = pd.DataFrame({"text": ["Putin met Biden.", "BOOM goes the model.", "Prices rose."]})
    with caplog.at_level(logging.WARNING):
        got = score_dataset(df, analyzer=analyzer, show_progress_bar=False)
    assert list(got.articles["status"]) == ["ok", "skipped: error", "ok"]
    assert "model exploded" in got.articles["status_detail"][1]
    assert got.summary.skipped == {"error": 1}
    assert "one by one" in caplog.text


def test_fixed_targets_get_columns_in_both_tables(analyzer) -> None:
    df = pd.DataFrame({"text": ["Putin met Biden in Geneva. Biden smiled.", "Prices rose.", None]})
    got = score_dataset(df, targets=["Biden"], analyzer=analyzer, show_progress_bar=False)
    a = got.articles
    assert a["stance.Biden.mentions"].fillna(-1).tolist() == [2, 0, -1]
    assert a["stance.Biden.mean"].notna().tolist() == [True, False, False]
    s = got.sentences
    lab = s["stance.Biden.label"].tolist()
    assert lab[:2] != [None, None] and set(lab[:2]) <= {"negative", "neutral", "positive"}
    cols = ["stance.Biden.negative", "stance.Biden.neutral", "stance.Biden.positive"]
    probs = s.loc[s["stance.Biden.label"].notna(), cols]
    assert probs.sum(axis=1).round(5).eq(1.0).all()


def test_column_clash_and_missing_columns(analyzer) -> None:
    df = pd.DataFrame({"text": ["Putin met Biden."], "status": ["published"], "n_words": [999]})
    got = score_dataset(df, analyzer=analyzer, show_progress_bar=False)
    assert got.articles["input.status"][0] == "published" and got.articles["status"][0] == "ok"
    assert got.articles["input.n_words"][0] == 999 and got.articles["n_words"][0] == 3
    with pytest.raises(DataError, match="body"):
        score_dataset(df, text_column="body", analyzer=analyzer)
    with pytest.raises(InputTypeError, match="DataFrame"):
        score_dataset(["a list"], analyzer=analyzer)
    with pytest.raises(DataError, match="list of names"):
        score_dataset(df, targets="Biden", analyzer=analyzer)


def test_empty_input_keeps_the_schema(analyzer) -> None:
    got = score_dataset(pd.DataFrame({"text": []}), analyzer=analyzer, show_progress_bar=False)
    assert len(got.articles) == 0 and len(got.sentences) == 0
    assert {"id", "status", "n_sentences", "loaded_share"} <= set(got.articles.columns)
    assert {"id", "sentence_index", "loaded", "spans"} <= set(got.sentences.columns)
    assert got.summary.rows == 0


def test_mixed_type_carried_column_becomes_text(analyzer) -> None:
    df = pd.DataFrame({"text": ["Putin met Biden.", "Prices rose."], "meta": [{"a": 1}, 7]})
    got = score_dataset(df, analyzer=analyzer, show_progress_bar=False)
    assert list(got.articles["meta"]) == ['{"a": 1}', "7"]


def test_summary_roundtrip() -> None:
    s = ScoreSummary.from_counts({"ok": 3, "empty": 1, core.SKIP_BAD_RECORD: 2}, sentences=9, seconds=2.0)
    d = s.to_dict()
    assert d["rows"] == 6 and d["skipped"] == 2 and d["skipped_by_reason"] == {"unreadable record": 2}
    assert "4.5 sentences/s" in str(s)
