"""Every analyzer option has an effect, on every entry point (Analyzer, batch functions, CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import SAMPLE_ARTICLE

from framing import Analyzer

ARTICLE = SAMPLE_ARTICLE


@pytest.fixture(scope="module")
def analyzer(tiny_model_dir: Path) -> Analyzer:
    return Analyzer(tiny_model_dir, batch_size=4, nlp=None)


def _loaded_values(analyzer: Analyzer) -> list[float]:
    return sorted(s.loaded for s in analyzer.analyze(ARTICLE).sentences if s.loaded is not None)


# ------------------------------------------------------------------ loaded_threshold
def test_loaded_threshold_decides_loaded_everywhere(tiny_model_dir: Path, analyzer: Analyzer) -> None:
    values = _loaded_values(analyzer)
    assert len(values) >= 3
    cut = (values[0] + values[1]) / 2  # all sentences but one reach it
    strict = Analyzer(tiny_model_dir, batch_size=4, nlp=None, loaded_threshold=cut)
    p = strict.analyze(ARTICLE)
    assert p.loaded_threshold == cut
    assert sum(s.is_loaded for s in p.sentences) == len(values) - 1
    assert p.loaded_share == pytest.approx((len(values) - 1) / len(values))
    assert all(s.loaded_threshold == cut for s in p.sentences)
    summary = p.summary()
    assert f"(P(loaded) >= {cut:.2f})" in summary
    assert f"Sentences with loaded wording (P(loaded) >= {cut:.2f}" in summary
    assert f"(P(loaded) \u2265 {cut:.2f})" in p.to_html()


# ------------------------------------------------------------------ documentation of the stance figures
def test_summary_says_what_the_stance_mean_and_labels_measure(analyzer: Analyzer) -> None:
    out = analyzer.analyze(ARTICLE, targets=["Lopez"]).summary()
    assert "mean stance: the average" in out and "P(positive) - P(negative)" in out
    assert "most likely" in out and "neutral can still lean negative" in out


# ------------------------------------------------------------------ precision, device
def test_precision_int8_and_the_deprecated_int8_flag(tiny_model_dir: Path, analyzer: Analyzer) -> None:
    import torch

    from framing.errors import ConfigError

    q = Analyzer(tiny_model_dir, nlp=None, precision="int8")
    assert q.int8 and q.meta()["precision"] == "int8"
    assert any(isinstance(m, torch.ao.nn.quantized.dynamic.Linear) for m in q.models[0].modules())
    with pytest.warns(DeprecationWarning, match="precision='int8'"):
        old = Analyzer(tiny_model_dir, nlp=None, int8=True)
    assert old.precision == "int8"
    a, b = analyzer.analyze(ARTICLE), q.analyze(ARTICLE)
    assert [s.loaded for s in a.sentences] != [s.loaded for s in b.sentences]
    with pytest.raises(ConfigError, match="device='cpu'"):
        Analyzer(tiny_model_dir, nlp=None, precision="int8", device="cuda")
    with pytest.raises(ConfigError, match="precision must be one of"):
        Analyzer(tiny_model_dir, nlp=None, precision="half")
    assert analyzer.meta()["precision"] == "fp32"  # auto on CPU


def test_precision_bf16_autocasts_and_changes_the_scores(tiny_model_dir: Path, analyzer: Analyzer) -> None:
    bf = Analyzer(tiny_model_dir, nlp=None, precision="bf16", batch_size=4)
    a, b = analyzer.analyze(ARTICLE), bf.analyze(ARTICLE)
    assert bf.meta()["precision"] == "bf16"
    diffs = [abs(x.loaded - y.loaded) for x, y in zip(a.sentences, b.sentences, strict=True)]
    assert 0 < max(diffs) < 0.05  # bf16 rounding: different, but close


def test_to_moves_the_models_and_returns_the_analyzer(analyzer: Analyzer) -> None:
    assert analyzer.to("cpu") is analyzer
    assert str(analyzer.device) == "cpu"
    assert all(p.device.type == "cpu" for p in analyzer.models[0].parameters())


# ------------------------------------------------------------------ pipe
def test_pipe_batch_size_falls_back_to_the_constructors(analyzer: Analyzer, monkeypatch) -> None:
    seen: list[int] = []
    model = analyzer.models[0]
    real = model.predict

    def spy(*args, **kwargs):
        seen.append(kwargs["batch_size"])
        return real(*args, **kwargs)

    monkeypatch.setattr(model, "predict", spy)
    list(analyzer.pipe([ARTICLE]))
    list(analyzer.pipe([ARTICLE], batch_size=2))
    assert seen == [4, 2]
    with pytest.raises(Exception, match="batch_size"):
        list(analyzer.pipe([ARTICLE], batch_size=0))


def test_pipe_as_tuples_takes_targets_and_ids_from_the_context(analyzer: Analyzer) -> None:
    from framing.errors import InputTypeError

    data = [
        (ARTICLE, {"id": "a1", "targets": ["Lopez"]}),
        (ARTICLE, {"id": "a2", "targets": ["Park"]}),
        (ARTICLE, None),
    ]
    out = list(analyzer.pipe(data, as_tuples=True, targets=["Maria Lopez", "John Park"]))
    assert [ctx for _, ctx in out] == [d[1] for d in data]
    assert list(out[0][0].targets) == ["Lopez"] and list(out[1][0].targets) == ["Park"]
    assert set(out[2][0].targets) == {"Maria Lopez", "John Park"}  # no context: the call's targets
    assert out[0][0].meta["id"] == "a1" and "id" not in out[2][0].meta
    with pytest.raises(InputTypeError, match="as_tuples"):
        list(analyzer.pipe([ARTICLE], as_tuples=True))


# ------------------------------------------------------------------ command line
@pytest.mark.parametrize("command", ["analyze", "report", "compare"])
def test_cli_commands_share_the_analyzer_options(command: str, tiny_model_dir: Path, tmp_path: Path, capsys) -> None:
    import json

    from framing.cli import _common, main

    a = tmp_path / "a.txt"
    a.write_text(ARTICLE, encoding="utf-8")
    opts = ["--model", str(tiny_model_dir), "--nlp", "none", "--precision", "bf16", "--batch-size", "2"]
    opts += ["--loaded-threshold", "0.01", "--span-threshold", "0.9", "--device", "cpu", "--max-chars", "5000"]
    opts += ["--max-targets", "1"]
    argv = {"analyze": ["analyze", str(a), "--format", "json"], "report": ["report", str(a)]}.get(
        command, ["compare", str(a), str(a), "--format", "json"]
    )
    assert main([*argv, *opts]) == 0
    out = capsys.readouterr().out
    built = _common._ANALYZERS[repr(sorted(_common.analyzer_options(_parse(argv + opts)).items()))]
    assert (built.precision, built.batch_size, built.loaded_threshold, built.span_threshold) == ("bf16", 2, 0.01, 0.9)
    assert built.nlp is None and built.max_chars == 5000 and str(built.device) == "cpu" and built.max_targets == 1
    if command == "analyze":
        assert len(json.loads(out)["profile"]["targets"]) == 1  # Lopez and Park are both named twice
        meta = json.loads(out)["meta"]
        assert meta["precision"] == "bf16" and meta["loaded_threshold"] == 0.01 and meta["nlp"] is None
        assert json.loads(out)["profile"]["loaded_share"] == 1.0
    elif command == "report":
        assert "(P(loaded) \u2265 0.01)" in out


def _parse(argv: list[str]):
    from framing.cli import build_parser

    return build_parser().parse_args(argv)


def test_cli_int8_flag_is_deprecated_but_works(tiny_model_dir: Path, tmp_path: Path, caplog) -> None:
    import logging

    from framing.cli import _common

    args = _parse(["analyze", "x.txt", "--int8", "--model", str(tiny_model_dir)])
    with caplog.at_level(logging.WARNING):
        assert _common.analyzer_options(args)["precision"] == "int8"
    assert "--precision int8" in caplog.text


def test_cli_errors_name_the_cli_flag_not_python(
    tiny_backbone: str, tiny_model_dir: Path, tmp_path: Path, capsys
) -> None:
    from framing.cli import main

    data = tmp_path / "d.csv"
    data.write_text("sentence,lbl\n" + "".join(f"text number {i},{'ab'[i % 2]}\n" for i in range(8)), encoding="utf-8")
    argv = ["train", str(data), "--task", "sentence", "--output-dir", str(tmp_path / "m"), "--backbone", tiny_backbone]
    assert main(argv) == 1
    err = capsys.readouterr().err
    assert "--column" in err and "column_mapping=" not in err, err
    long = tmp_path / "long.txt"
    long.write_text("word " * 300, encoding="utf-8")
    assert main(["analyze", str(long), "--model", str(tiny_model_dir), "--max-chars", "100", "--nlp", "none"]) == 1
    err = capsys.readouterr().err
    assert "--max-chars" in err and "Analyzer(max_chars" not in err, err
    assert main(["analyze", str(long), "--model", tiny_backbone, "--nlp", "none"]) == 1
    err = capsys.readouterr().err
    assert "--stance-model hf:" in err and "Analyzer(" not in err, err
