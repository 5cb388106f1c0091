"""Fine-tuning mechanics on a tiny random backbone: overfit, save, reload, predict identically; CLI."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest

from framing.errors import ConfigError, DataError, ModelLoadError
from framing.modeling.model import CONFIG_NAME, FramingModel
from framing.training import Trainer, TrainingArguments, evaluate_model, train

SENTENCES = [
    ("The radical mob destroyed everything.", "biased"),
    ("The council met on Tuesday.", "neutral"),
    ("These thugs are a disgrace.", "biased"),
    ("Rain is expected tomorrow.", "neutral"),
    ("A shameful, corrupt regime.", "biased"),
    ("The report was published in May.", "neutral"),
]
SPANS = [
    {"text": "The radical mob destroyed everything.", "spans": ["radical mob"]},
    {"text": "The council met on Tuesday.", "spans": []},
    {"text": "These thugs are a disgrace.", "spans": [[6, 11], "disgrace"]},
    {"text": "Rain is expected tomorrow.", "spans": []},
]
STANCE = [
    {"text": "Smith praised Jones but attacked Brown.", "target": "Jones", "label": "positive"},
    {"text": "Smith praised Jones but attacked Brown.", "target": "Brown", "label": "negative"},
    {"text": "Brown thanked Jones warmly.", "target": "Jones", "label": "positive"},
    {"text": "Critics slammed Brown.", "target": "Brown", "label": "negative"},
    {"text": "Jones met Smith.", "target": "Smith", "label": "neutral"},
    {"text": "Smith met the press.", "target": "Smith", "label": "neutral"},
]


def _args(tmp: Path, backbone: str, task: str, finetune: str = "lora", **kw) -> TrainingArguments:
    defaults = dict(
        task=task,
        output_dir=tmp / f"{task}-{finetune}",
        backbone=backbone,
        finetune=finetune,
        learning_rate=1e-2 if finetune == "lora" else 1e-3,
        head_learning_rate=1e-2,
        num_train_epochs=40,
        batch_size=4,
        early_stopping_patience=None,
        seed=0,
        dropout=0.0,
        lora_dropout=0.0,
        min_examples_per_class=1,
        show_progress_bar=False,
        data_license="CC0-1.0 (test fixture)",
    )
    defaults.update(kw)
    return TrainingArguments(**defaults)


def _sentence_frame() -> pd.DataFrame:
    return pd.DataFrame(SENTENCES, columns=["text", "label"])


@pytest.fixture(scope="module")
def trained(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> dict:
    """One overfit run per task kind (sentence: full fine-tune; span, stance: LoRA)."""
    tmp = tmp_path_factory.mktemp("trained")
    runs = {}
    for task, finetune, data in (
        ("sentence", "full", _sentence_frame()),
        ("span", "lora", pd.DataFrame(SPANS)),
        ("stance", "lora", pd.DataFrame(STANCE)),
    ):
        trainer = Trainer(args=_args(tmp, tiny_backbone, task, finetune), train_dataset=data, eval_dataset=data)
        folder = trainer.train()
        runs[task] = (trainer, folder, data)
    return runs


def test_sentence_overfits_saves_reloads(trained: dict) -> None:
    trainer, folder, data = trained["sentence"]
    assert trainer.eval_report.macro_f1 == 1.0
    texts = list(data["text"])
    before = trainer.model.predict(texts)
    loaded = FramingModel.from_pretrained(folder)
    after = loaded.predict(texts)
    labels = loaded.tasks["loaded"].labels
    assert labels == ("biased", "neutral")
    assert [labels[int(o.sentence["loaded"].argmax())] for o in after] == list(data["label"])
    for a, b in zip(before, after, strict=True):
        np.testing.assert_allclose(a.sentence["loaded"], b.sentence["loaded"], atol=1e-6)
    assert loaded.tasks["loaded"].positive_label == "biased"


def test_span_overfits_saves_reloads(trained: dict) -> None:
    trainer, folder, data = trained["span"]
    assert trainer.eval_report.metrics["exact"]["f1"] == 1.0
    texts = list(data["text"])
    before = trainer.model.predict(texts)
    after = FramingModel.from_pretrained(folder).predict(texts)
    got = [[(s.start, s.end) for s in o.spans["loaded_words"]] for o in after]
    assert got == [[(4, 15)], [], [(6, 11), (18, 26)], []]
    for a, b in zip(before, after, strict=True):
        assert [(s.start, s.end, s.label) for s in a.spans["loaded_words"]] == [
            (s.start, s.end, s.label) for s in b.spans["loaded_words"]
        ]
        np.testing.assert_allclose(
            [s.score for s in a.spans["loaded_words"]], [s.score for s in b.spans["loaded_words"]], atol=1e-6
        )


def test_stance_overfits_saves_reloads(trained: dict) -> None:
    trainer, folder, _ = trained["stance"]
    assert trainer.eval_report.macro_f1 == 1.0
    text = "Smith praised Jones but attacked Brown."
    mentions = [[[(14, 19)], [(33, 38)]]]
    before = trainer.model.predict([text], mentions)[0].stance["stance"]
    loaded = FramingModel.from_pretrained(folder)
    after = loaded.predict([text], mentions)[0].stance["stance"]
    labels = loaded.tasks["stance"].labels
    assert [labels[int(p.argmax())] for p in after] == ["positive", "negative"]
    np.testing.assert_allclose(np.stack(before), np.stack(after), atol=1e-6)


def test_saved_folder_contents(trained: dict) -> None:
    for task, (_, folder, _) in trained.items():
        files = {p.relative_to(folder).as_posix() for p in folder.rglob("*") if p.is_file()}
        assert not any(f.endswith((".bin", ".pt", ".pth", ".pkl", ".pickle")) for f in files), files
        assert {"heads.safetensors", CONFIG_NAME, "README.md", "eval_results.json"} <= files
        cfg = json.loads((folder / CONFIG_NAME).read_text())
        assert cfg["tasks"][0]["kind"] == task
        assert cfg["backbone"] and cfg["framing_version"]
        assert cfg["extra"]["training"]["data_license"] == "CC0-1.0 (test fixture)"
        card = (folder / "README.md").read_text()
        assert "CC0-1.0 (test fixture)" in card and "Metrics (held-out data)" in card
        results = json.loads((folder / "eval_results.json").read_text())
        assert results["eval"]["kind"] == task
    assert (trained["sentence"][1] / "encoder" / "model.safetensors").is_file()
    assert (trained["span"][1] / "adapter.safetensors").is_file()


def test_adapter_checks_its_backbone(trained: dict, tmp_path: Path) -> None:
    import torch
    from transformers import AutoTokenizer, BertConfig, BertModel

    folder = trained["span"][1]
    backbone = json.loads((folder / CONFIG_NAME).read_text())["backbone"]
    other = tmp_path / "other-bert"
    torch.manual_seed(1)
    BertModel(BertConfig.from_pretrained(backbone)).save_pretrained(other, safe_serialization=True)
    AutoTokenizer.from_pretrained(backbone).save_pretrained(other)
    with pytest.raises(ModelLoadError, match="fingerprint"):
        FramingModel.from_pretrained(folder, backbone=str(other))


def test_lora_merge_without_peft_matches_peft(trained: dict, tmp_path: Path) -> None:
    """Inference merges the stored LoRA weights itself: the same weights and scores as peft's merge."""
    import shutil

    from safetensors.torch import load_file, save_file

    _, folder, data = trained["span"]
    direct = FramingModel.from_pretrained(folder)
    via_peft = FramingModel.from_pretrained(folder, merge_adapter=False).merge_adapter()
    # inference runs the merged weights on framing's own BERT module (tests/test_fast_encoder.py), same names
    a, b = direct.encoder.state_dict(), via_peft.encoder.state_dict()
    assert a.keys() == b.keys() and all(torch_equal(a[k], b[k]) for k in a)
    texts = list(data["text"])
    for x, y in zip(direct.predict(texts), via_peft.predict(texts), strict=True):
        assert [(s.start, s.end, s.score) for s in x.spans["loaded_words"]] == [
            (s.start, s.end, s.score) for s in y.spans["loaded_words"]
        ]
    bad = tmp_path / "bad-adapter"
    shutil.copytree(folder, bad)
    state = load_file(str(bad / "adapter.safetensors"))
    key = next(iter(state))
    state[key.replace("lora_A", "lora_C")] = state[key].clone()
    save_file(state, str(bad / "adapter.safetensors"))
    with pytest.raises(ModelLoadError, match="does not expect"):
        FramingModel.from_pretrained(bad)


def torch_equal(x: object, y: object) -> bool:
    import torch

    return bool(torch.equal(x, y))  # type: ignore[arg-type]


def test_same_seed_same_metrics(tiny_backbone: str, tmp_path: Path) -> None:
    data = _sentence_frame()
    results = []
    for run in range(2):
        args = _args(tmp_path / str(run), tiny_backbone, "sentence", num_train_epochs=3, dropout=0.1)
        trainer = Trainer(args=args, train_dataset=data, eval_dataset=data)
        trainer.train()
        results.append((trainer.eval_report.to_dict()["metrics"], trainer.history["epochs"]))
    assert results[0] == results[1]


def test_trainer_on_datasetdict(tiny_backbone: str, tmp_path: Path) -> None:
    from datasets import Dataset, DatasetDict

    ds = Dataset.from_pandas(_sentence_frame())
    dd = DatasetDict({"train": ds, "validation": ds})
    args = _args(tmp_path, tiny_backbone, "sentence", num_train_epochs=2)
    trainer = Trainer(args=args, train_dataset=dd, train_split="train", eval_split="validation")
    folder = trainer.train()
    assert trainer.eval_report.n_examples == 6
    report = evaluate_model(folder, dd, split="validation")
    got, want = dict(report.metrics), dict(trainer.eval_report.metrics)
    assert got.pop("ece") == pytest.approx(want.pop("ece"), abs=1e-6)  # reloaded weights: float noise only
    assert got == want
    # the plain form: dd["train"], dd["validation"]
    args2 = args.replace(output_dir=tmp_path / "plain")
    assert train(args2, dd["train"], dd["validation"]).is_dir()


def test_trainer_on_csv_path_with_split_column(tiny_backbone: str, tmp_path: Path) -> None:
    frame = pd.DataFrame(
        [(t, "yes" if lab == "biased" else "no", "train") for t, lab in SENTENCES]
        + [(t, "yes" if lab == "biased" else "no", "dev") for t, lab in SENTENCES[:4]],
        columns=["sentence", "is_biased", "part"],
    )
    path = tmp_path / "data.csv"
    frame.to_csv(path, index=False)
    args = _args(tmp_path, tiny_backbone, "sentence", num_train_epochs=2)
    trainer = Trainer(
        args=args,
        train_dataset=str(path),
        column_mapping={"text": "sentence", "label": "is_biased"},
        train_split="train",
        eval_split="dev",
        split_column="part",
    )
    folder = trainer.train()
    assert trainer.eval_report.n_examples == 4
    assert FramingModel.from_pretrained(folder).tasks["loaded"].labels == ("no", "yes")


def test_split_column_without_split_trains_on_train_rows_only(tiny_backbone: str, tmp_path: Path) -> None:
    rows = [(t, lab, "train") for t, lab in SENTENCES] + [(t, lab, "dev") for t, lab in SENTENCES[:4]]
    rows += [("Secret test sentence.", "neutral", "test")]
    frame = pd.DataFrame(rows, columns=["text", "label", "split"])
    trainer = Trainer(args=_args(tmp_path, tiny_backbone, "sentence"), train_dataset=frame)
    assert (trainer.train_split, trainer.eval_split) == ("train", "dev")
    train_data, dev_data, _, _ = trainer.prepare_data()
    assert len(train_data.examples) == len(SENTENCES) and dev_data is not None and len(dev_data.examples) == 4
    no_train = frame.assign(split=frame["split"].replace({"train": "a"}))
    with pytest.raises(DataError, match="train_split=NAME"):
        Trainer(args=_args(tmp_path, tiny_backbone, "sentence"), train_dataset=no_train)
    with pytest.raises(DataError, match="--split NAME"):
        Trainer(args=_args(tmp_path, tiny_backbone, "sentence"), train_dataset=no_train, command="framing train x")


def test_output_dir_not_empty(tiny_backbone: str, tmp_path: Path) -> None:
    out = tmp_path / "taken"
    out.mkdir()
    (out / "x.txt").write_text("x")
    args = _args(tmp_path, tiny_backbone, "sentence", output_dir=out)
    with pytest.raises(ConfigError, match="overwrite"):
        Trainer(args=args, train_dataset=_sentence_frame()).train()


def test_cli_train_then_evaluate(tiny_backbone: str, tmp_path: Path, capsys: pytest.CaptureFixture) -> None:
    from framing.cli import main

    rows = [{"text": t, "label": lab, "split": s} for s in ("train", "dev", "test") for t, lab in SENTENCES]
    path = tmp_path / "data.jsonl"
    path.write_text("".join(json.dumps(r) + "\n" for r in rows))
    out = tmp_path / "model"
    argv = [
        "train", str(path), "--task", "sentence", "--split", "train", "--eval-split", "dev",
        "--test-split", "test", "--output-dir", str(out), "--backbone", tiny_backbone, "--epochs", "2",
        "--no-progress", "--data-license", "CC0-1.0", "--lr", "1e-3", "--finetune", "full",
    ]  # fmt: skip
    assert main(argv) == 0
    printed = capsys.readouterr().out
    assert "saved" in printed and "macro-F1" in printed
    assert "framing train" in (out / "README.md").read_text()
    assert main(["evaluate", str(out), str(path), "--split", "test", "--format", "json"]) == 0
    report = json.loads(capsys.readouterr().out)
    assert report["n_examples"] == 6 and 0.0 <= report["metrics"]["macro_f1"] <= 1.0
    assert main(["evaluate", str(out), str(path), "--split", "test"]) == 0
    assert "confusion matrix" in capsys.readouterr().out
    # a bad-data case through the CLI: clear message, exit status 1
    assert main(["evaluate", str(out), str(path), "--split", "nope"]) == 1
    assert "no rows with split == 'nope'" in capsys.readouterr().err


def test_trained_folders_plug_into_the_analyzer(trained: dict) -> None:
    from framing.analyzer import Analyzer

    analyzer = Analyzer(
        None,
        loaded_model=str(trained["sentence"][1]),
        span_model=str(trained["span"][1]),
        stance_model=str(trained["stance"][1]),
        device="cpu",
    )
    assert analyzer.roles.loaded is not None and analyzer.roles.loaded.positive_label == "biased"
    assert analyzer.roles.span is not None and analyzer.roles.stance is not None
    profile = analyzer.analyze("Smith praised Jones but attacked Brown. These thugs are a disgrace.", ["Jones"])
    assert profile is not None


def test_continue_training_a_saved_lora_model(trained: dict, tmp_path: Path) -> None:
    _, folder, data = trained["span"]
    args = _args(tmp_path, "unused", "span", num_train_epochs=1).replace(backbone=None)
    with pytest.raises(ConfigError, match="merge_adapter=False"):
        Trainer(FramingModel.from_pretrained(folder), args, data).train()
    model = FramingModel.from_pretrained(folder, merge_adapter=False)
    out = Trainer(model, args, data).train()
    assert FramingModel.from_pretrained(out).tasks["loaded_words"].labels == ("loaded",)
