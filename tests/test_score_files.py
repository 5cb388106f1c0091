"""score_file / ``framing score``: every input x output format gives the same tables; refusals; bad rows."""

from __future__ import annotations

import gzip
import json
from pathlib import Path

import pandas as pd
import pyarrow as pa
import pyarrow.parquet as pq
import pytest
from _batch_helpers import assert_same_rows, build_tiny_model, make_corpus, records

from framing.batch.dataset import score_dataset
from framing.batch.files import default_sentences_path, detect_format, read_table, score_file
from framing.cli import main
from framing.errors import ConfigError, DataError

CHUNK = 16
FORMATS = ("csv", "jsonl", "parquet")


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_model(tiny_backbone, tmp_path_factory.mktemp("files-model"))


@pytest.fixture(scope="module")
def analyzer(tiny_model: str):
    from framing.analyzer import Analyzer

    return Analyzer(tiny_model, device="cpu", batch_size=8)


@pytest.fixture(scope="module")
def corpus() -> pd.DataFrame:
    return pd.DataFrame(make_corpus(37))  # 37 rows: the last chunk of 16 is partial


def write_input(df: pd.DataFrame, path: Path) -> Path:
    fmt = detect_format(path)
    if fmt == "csv":
        df.to_csv(path, index=False)
    elif fmt == "parquet":
        pq.write_table(pa.Table.from_pandas(df, preserve_index=False), path, row_group_size=10)
    else:
        with open(path, "w", encoding="utf-8") as fh:
            for row in df.to_dict("records"):
                fh.write(json.dumps(row) + "\n")
    return path


@pytest.fixture(scope="module")
def reference(corpus, analyzer):
    return score_dataset(corpus, id_column="doc", analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False)


@pytest.mark.parametrize("in_fmt", FORMATS)
def test_every_format_pair_gives_the_reference_tables(in_fmt, corpus, analyzer, reference, tmp_path) -> None:
    src = write_input(corpus, tmp_path / f"corpus.{in_fmt}")
    want_a = records(reference.articles)
    want_s = records(reference.sentences)
    for out_fmt in FORMATS:
        out = tmp_path / f"scores-{out_fmt}.{out_fmt}"
        summary = score_file(src, out, id_column="doc", analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False)
        assert summary.rows == 37 and summary.ok == 37
        assert summary.sentences == len(reference.sentences)
        got_a = read_table(out)
        got_s = read_table(default_sentences_path(out))
        assert list(got_a.columns) == list(reference.articles.columns)
        assert_same_rows(records(got_a), want_a)
        assert_same_rows(records(got_s), want_s)
        assert not (tmp_path / f"scores-{out_fmt}.{out_fmt}.parts").exists()
    assert not [p.name for p in tmp_path.iterdir() if ".tmp-" in p.name]


def test_cli_writes_both_tables_and_a_summary(corpus, tiny_model, reference, tmp_path, capsys) -> None:
    src = write_input(corpus, tmp_path / "corpus.jsonl")
    out = tmp_path / "scores.parquet"
    sents = tmp_path / "sub" / "sentences.csv"
    sj = tmp_path / "summary.json"
    argv = ["score", str(src), "-o", str(out), "--model", tiny_model, "--id-column", "doc"]
    argv += ["--chunk-size", str(CHUNK), "--batch-size", "8", "--sentences", str(sents), "--no-progress"]
    assert main([*argv, "--summary-json", str(sj)]) == 0
    err = capsys.readouterr().err
    assert "37 rows: 37 scored, 0 empty, 0 skipped" in err and str(out) in err
    assert json.loads(sj.read_text())["rows"] == 37
    # a fresh analyzer from the same model folder gives the same numbers
    assert_same_rows(records(read_table(out)), records(reference.articles), rel=1e-6)
    assert_same_rows(records(read_table(sents)), records(reference.sentences), rel=1e-6)
    # the same command again: the job is finished, so it refuses instead of silently redoing it
    assert main(argv) == 1
    assert "--restart" in capsys.readouterr().err
    mtime = out.stat().st_mtime_ns
    assert main([*argv, "--restart"]) == 0
    assert out.stat().st_mtime_ns >= mtime and len(read_table(out)) == 37
    # --no-sentences: only the article table
    out2 = tmp_path / "only.csv"
    assert main(["score", str(src), "-o", str(out2), "--model", tiny_model, "--no-sentences", "--no-progress"]) == 0
    assert out2.exists() and not default_sentences_path(out2).exists()
    assert list(read_table(out2)["id"]) == list(range(37))


def _interrupt_after(monkeypatch, n_chunks: int) -> None:
    from framing.batch import core

    real = core.ChunkScorer.score
    calls = {"n": 0}

    def score(self, *a, **k):
        if calls["n"] == n_chunks:
            raise KeyboardInterrupt
        calls["n"] += 1
        return real(self, *a, **k)

    monkeypatch.setattr(core.ChunkScorer, "score", score)


def test_interrupted_job_resumes_without_rescoring(corpus, analyzer, reference, tmp_path, monkeypatch) -> None:
    src = write_input(corpus, tmp_path / "corpus.csv")
    out = tmp_path / "scores.jsonl"
    kw = {"id_column": "doc", "analyzer": analyzer, "chunk_size": CHUNK, "show_progress_bar": False}
    with monkeypatch.context() as m:
        _interrupt_after(m, 2)
        with pytest.raises(KeyboardInterrupt):
            score_file(src, out, **kw)
    parts = tmp_path / "scores.jsonl.parts"
    done = sorted(p.name for p in parts.glob("part-*.parquet"))
    assert done == [f"part-00000{k}.{t}.parquet" for k in (0, 1) for t in ("articles", "sentences")]
    manifest = json.loads((parts / "manifest.json").read_text())
    assert manifest["rows_done"] == 32 and manifest["options"]["chunk_size"] == CHUNK
    stamps = {n: (parts / n).stat().st_ino for n in done}
    assert not out.exists()
    # different options: refused with the reason, the partial job is untouched
    with pytest.raises(ConfigError, match="chunk_size"):
        score_file(src, out, **{**kw, "chunk_size": 10})
    with pytest.raises(ConfigError, match="targets"):
        score_file(src, out, **kw, targets=["Biden"])
    # the same call resumes: only the last chunk is scored
    from framing.batch import core

    seen: list[int] = []
    real = core.ChunkScorer.score

    def counting(self, texts, keys, carried=None):
        seen.append(len(texts))
        return real(self, texts, keys, carried)

    monkeypatch.setattr(core.ChunkScorer, "score", counting)
    kept = {n: (parts / n).stat().st_ino for n in done}
    summary = score_file(src, out, **kw, keep_parts=True)
    assert seen == [5]  # 37 - 2 * 16
    assert kept == stamps  # finished parts were not rewritten
    assert summary.rows == 37 and summary.run_rows == 5
    assert "this run scored 5 rows" in str(summary)
    assert_same_rows(records(read_table(out)), records(reference.articles))
    assert_same_rows(records(read_table(default_sentences_path(out))), records(reference.sentences))


def test_changed_input_is_refused(corpus, analyzer, tmp_path, monkeypatch) -> None:
    src = write_input(corpus, tmp_path / "corpus.jsonl")
    out = tmp_path / "scores.csv"
    kw = {"analyzer": analyzer, "chunk_size": CHUNK, "show_progress_bar": False}
    with monkeypatch.context() as m:
        _interrupt_after(m, 1)
        with pytest.raises(KeyboardInterrupt):
            score_file(src, out, **kw)
    with open(src, "a", encoding="utf-8") as fh:
        fh.write(json.dumps({"doc": "new", "text": "Another article."}) + "\n")
    with pytest.raises(ConfigError, match="input file changed"):
        score_file(src, out, **kw)
    assert score_file(src, out, **kw, restart=True).rows == 38


def test_bad_rows_in_a_jsonl_file(analyzer, tmp_path, capsys, tiny_model) -> None:
    lines = [
        json.dumps({"id": 1, "text": "Putin met Biden in Geneva."}),
        "",  # blank lines are not rows
        "{not json",
        json.dumps(["a", "list"]),
        json.dumps({"id": 4, "text": None}),
        json.dumps({"id": 5, "text": 42}),
        json.dumps({"id": 6}),
        json.dumps({"id": 7, "text": ""}),
        json.dumps({"id": 8, "text": "word " * 500}),
        json.dumps({"id": 9, "text": "Prices rose."}),
    ]
    src = tmp_path / "bad.jsonl"
    data = ("\n".join(lines) + "\n").encode("utf-8")
    src.write_bytes(b"\xef\xbb\xbf" + data + b'{"id": 10, "text": "caf\xe9"}\n')  # BOM; a latin-1 line
    out = tmp_path / "bad.parquet"
    argv = ["score", str(src), "-o", str(out), "--model", tiny_model, "--max-chars", "1000", "--no-progress"]
    assert main(argv) == 0
    err = capsys.readouterr().err
    assert "10 rows: 2 scored, 1 empty, 7 skipped" in err
    assert "not a string: 1, null text: 2, too long: 1, unreadable record: 3" in err
    t = read_table(out)
    assert list(t["id"]) == list(range(10))  # row numbers: blank lines do not count
    assert list(t["status"]) == [
        "ok",
        "skipped: unreadable record",
        "skipped: unreadable record",
        "skipped: null text",
        "skipped: not a string",
        "skipped: null text",
        "empty",
        "skipped: too long",
        "ok",
        "skipped: unreadable record",
    ]
    assert "not valid JSON" in t["status_detail"][1] and "JSON list" in t["status_detail"][2]
    assert "not valid UTF-8" in t["status_detail"][9]
    assert list(t["input.id"].fillna(-1).astype(int)) == [1, -1, -1, 4, 5, 6, 7, 8, 9, -1]
    assert set(read_table(default_sentences_path(out))["id"]) == {0, 8}


def test_chunks_are_exact_across_parquet_row_groups_and_gzip_input(corpus, analyzer, tmp_path) -> None:
    src = write_input(corpus, tmp_path / "corpus.parquet")  # row groups of 10, chunks of 16
    out = tmp_path / "scores.parquet"
    score_file(src, out, analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False, keep_parts=True)
    parts = sorted((tmp_path / "scores.parquet.parts").glob("part-*.articles.parquet"))
    assert [pq.ParquetFile(p).metadata.num_rows for p in parts] == [16, 16, 5]
    assert list(read_table(out)["id"]) == list(range(37))
    gz = tmp_path / "corpus.jsonl.gz"
    with gzip.open(gz, "wt", encoding="utf-8") as fh:
        for row in corpus.to_dict("records"):
            fh.write(json.dumps(row) + "\n")
    out2 = tmp_path / "gz.csv"
    assert score_file(gz, out2, analyzer=analyzer, chunk_size=CHUNK, show_progress_bar=False).rows == 37
    assert_same_rows(records(read_table(out2)), records(read_table(out)))


def test_clear_errors(corpus, analyzer, tmp_path) -> None:
    src = write_input(corpus, tmp_path / "corpus.csv")
    with pytest.raises(DataError, match="body"):
        score_file(src, tmp_path / "o.csv", text_column="body", analyzer=analyzer)
    with pytest.raises(ConfigError, match="format"):
        score_file(src, tmp_path / "o.xlsx", analyzer=analyzer)
    with pytest.raises(ConfigError, match=r"\.jsonl"):
        detect_format("x.json")
    with pytest.raises(ConfigError, match="overwrite the input"):
        score_file(src, src, analyzer=analyzer)
    assert not list(tmp_path.glob("*.parts"))


def test_a_second_concurrent_job_on_the_same_output_is_refused(corpus, analyzer, tmp_path) -> None:
    fcntl = pytest.importorskip("fcntl")
    src = write_input(corpus, tmp_path / "corpus.csv")
    out = tmp_path / "scores.csv"
    with open(tmp_path / ".scores.csv.lock", "w") as fh:
        fcntl.flock(fh.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
        with pytest.raises(ConfigError, match="another"):
            score_file(src, out, analyzer=analyzer, show_progress_bar=False)
    assert score_file(src, out, analyzer=analyzer, show_progress_bar=False).rows == 37
    assert not (tmp_path / ".scores.csv.lock").exists()


def test_empty_input_gives_header_only_tables(analyzer, tmp_path) -> None:
    src = tmp_path / "empty.jsonl"
    src.write_text("\n", encoding="utf-8")
    out = tmp_path / "scores.csv"
    assert score_file(src, out, analyzer=analyzer, show_progress_bar=False).rows == 0
    assert out.read_text().startswith("id,status,status_detail,n_sentences")
    assert default_sentences_path(out).read_text().startswith("id,sentence_index")
