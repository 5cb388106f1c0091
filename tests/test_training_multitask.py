"""Several heads at once with the public Trainer (``train_dataset={task name: dataset}``), and warm starts."""

from __future__ import annotations

import json
from pathlib import Path

import pandas as pd
import pytest
import torch
from test_training import SENTENCES, SPANS, STANCE

import framing
from framing import ConfigError, FramingModel, TaskSpec, Trainer, TrainingArguments


def _args(tmp: Path, backbone: str, **kw) -> TrainingArguments:
    defaults = dict(
        output_dir=tmp / "multi",
        backbone=backbone,
        learning_rate=1e-2,
        head_learning_rate=1e-2,
        num_train_epochs=1,
        batch_size=8,
        seed=0,
        min_examples_per_class=1,
        show_progress_bar=False,
        data_license="CC0-1.0 (test fixture)",
    )
    defaults.update(kw)
    return TrainingArguments(**defaults)


def _data() -> dict[str, pd.DataFrame]:
    return {"loaded": pd.DataFrame(SENTENCES, columns=["text", "label"]), "stance": pd.DataFrame(STANCE)}


def test_two_tasks_train_save_and_score_with_the_analyzer(tiny_backbone: str, tmp_path: Path) -> None:
    data = _data()
    trainer = Trainer(args=_args(tmp_path, tiny_backbone), train_dataset=data, eval_dataset=data)
    folder = trainer.train()
    # one batch per task: sentence (6 rows) and stance (6 rows, 5 distinct texts) are one step each
    assert trainer.history is not None and trainer.history["steps"] == 2
    assert set(trainer.eval_reports) == {"loaded", "stance"} and trainer.eval_report is None
    assert trainer.evaluate(task="stance").n_examples == len(STANCE)
    assert trainer.task_labels == {"loaded": ("biased", "neutral"), "stance": ("negative", "neutral", "positive")}

    config = json.loads((folder / "framing_config.json").read_text())
    assert [(t["name"], t["kind"]) for t in config["tasks"]] == [("loaded", "sentence"), ("stance", "stance")]
    assert config["extra"]["training"]["tasks"] == {"loaded": "sentence", "stance": "stance"}
    results = json.loads((folder / "eval_results.json").read_text())
    assert set(results["eval"]) == {"loaded", "stance"} and results["test"] == {}
    card = (folder / "README.md").read_text()
    assert "`loaded`" in card and "`stance`" in card and "CC0-1.0" in card
    # the card is generated from the folder's JSON files, with a model-index entry per task and split
    from framing.training.card import card_data_for_folder, main

    assert main([str(folder), "--check"]) == 0
    data = card_data_for_folder(folder)
    assert {(r.task, r.split) for r in data.results} == {("loaded", "dev"), ("stance", "dev")}
    assert [s.use for s in data.data_sources] == ["`loaded`", "`stance`"]

    analyzer = framing.Analyzer(model=str(folder), device="cpu", nlp=None)
    assert analyzer.roles.loaded is not None and analyzer.roles.loaded.positive_label == "biased"
    assert analyzer.roles.stance is not None and analyzer.roles.span is None
    profile = analyzer.analyze("Smith praised Jones but attacked Brown. The radical mob destroyed it.", ["Jones"])
    assert 0.0 <= profile.sentences[0].loaded <= 1.0
    assert "Jones" in profile.targets and profile.targets["Jones"].mentions >= 1


def test_task_kinds_come_from_specs_model_or_name(tiny_backbone: str, tmp_path: Path) -> None:
    data = {"bias": pd.DataFrame(SENTENCES, columns=["text", "label"]), "stance": pd.DataFrame(STANCE)}
    with pytest.raises(ConfigError, match="kind is unknown"):
        Trainer(args=_args(tmp_path, tiny_backbone), train_dataset=data).prepare_data()
    prepared = Trainer(
        args=_args(tmp_path, tiny_backbone), train_dataset=data, tasks={"bias": "sentence"}
    ).prepare_data()
    assert set(prepared) == {"bias", "stance"} and prepared["bias"][3] == ("biased", "neutral")
    spec = TaskSpec("bias", "sentence", ("neutral", "biased"), positive_label="biased")
    prepared = Trainer(args=_args(tmp_path, tiny_backbone), train_dataset=data, tasks=[spec]).prepare_data()
    assert prepared["bias"][3] == ("neutral", "biased")  # the spec's order, not the sorted labels
    # one column mapping per task
    renamed = {"bias": data["bias"].rename(columns={"label": "bias_label"}), "stance": data["stance"]}
    trainer = Trainer(
        args=_args(tmp_path, tiny_backbone),
        train_dataset=renamed,
        tasks={"bias": "sentence"},
        column_mapping={"bias": {"label": "bias_label"}},
    )
    assert len(trainer.prepare_data()["bias"][0].examples) == len(SENTENCES)


@pytest.mark.parametrize(
    ("kw", "match"),
    [
        ({"args_task": "sentence"}, "leave TrainingArguments.task unset"),
        ({"eval_dataset": {"other": SENTENCES}}, "without training data"),
        ({"eval_dataset": SENTENCES}, "must be one too"),
        ({"tasks": {"nope": "sentence"}}, "no training data"),
        ({"column_mapping": {"loaded": {"text": "t"}, "text": "t"}}, "not a mix"),
    ],
)
def test_several_tasks_are_checked(tiny_backbone: str, tmp_path: Path, kw: dict, match: str) -> None:
    task = kw.pop("args_task", None)
    args = _args(tmp_path, tiny_backbone, task=task)
    with pytest.raises(ConfigError, match=match):
        Trainer(args=args, train_dataset=_data(), **kw)


def test_task_head_learning_rates_train_each_named_head_at_its_own_rate(tiny_backbone: str, tmp_path: Path) -> None:
    # the stance head at a rate too small to move it; the loaded head at the shared head rate
    stance = TaskSpec("stance", "stance", ("negative", "neutral", "positive"))
    specs = [TaskSpec("loaded", "sentence", ("biased", "neutral")), stance]
    model = FramingModel.new(specs, backbone=tiny_backbone)
    before = {name: [p.detach().clone() for p in model.heads[name].parameters()] for name in ("loaded", "stance")}
    args = _args(tmp_path, tiny_backbone, task_head_learning_rates={"stance": 1e-12})
    Trainer(model, args, train_dataset=_data()).train(save=False)
    moved = {
        name: max((p - q).abs().max().item() for p, q in zip(model.heads[name].parameters(), before[name], strict=True))
        for name in before
    }
    assert moved["stance"] < 1e-6 < moved["loaded"]
    with pytest.raises(ConfigError, match=r"task_head_learning_rates\['stance'\] must be a positive number"):
        _args(tmp_path, tiny_backbone, task_head_learning_rates={"stance": 0.0})
    with pytest.raises(ConfigError, match="task_head_learning_rates names \\['spans'\\] that have no training data"):
        Trainer(args=_args(tmp_path, tiny_backbone, task_head_learning_rates={"spans": 1e-2}), train_dataset=_data())


def test_single_task_needs_a_task_and_datasetdict_is_one_dataset(tiny_backbone: str, tmp_path: Path) -> None:
    import datasets

    with pytest.raises(ConfigError, match="TrainingArguments.task is not set"):
        Trainer(args=_args(tmp_path, tiny_backbone), train_dataset=SENTENCES)
    with pytest.raises(ConfigError, match="labels needs task"):
        _args(tmp_path, tiny_backbone, labels=["a", "b"])
    dsd = datasets.DatasetDict({"train": datasets.Dataset.from_pandas(_data()["loaded"])})
    trainer = Trainer(args=_args(tmp_path, tiny_backbone, task="sentence"), train_dataset=dsd, train_split="train")
    assert not trainer.multi_task and len(trainer.prepare_data()[0].examples) == len(SENTENCES)


def test_warm_start_then_train_some_heads_and_tune_the_span_threshold(
    tiny_backbone: str, tiny_model_dir: Path, tmp_path: Path
) -> None:
    from recipes.recipe import DEFAULT_TASKS

    saved = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False)
    model = FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone)
    assert model.warm_start(tiny_model_dir) == ["loaded", "loaded_words", "stance"]
    for key, value in saved.heads.state_dict().items():
        torch.testing.assert_close(model.heads.state_dict()[key], value)
    other = FramingModel.new([TaskSpec("loaded", "sentence", ("a", "b"))], backbone=tiny_backbone)
    assert other.warm_start(tiny_model_dir) == []  # same name, other labels: the head stays fresh
    with pytest.raises(ConfigError, match="LoRA r=8"):
        FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone, lora_r=4).warm_start(tiny_model_dir)

    spans = pd.DataFrame(SPANS)
    args = _args(tmp_path, tiny_backbone, tune_span_threshold=True)
    trainer = Trainer(
        model,
        args,
        train_dataset={"loaded_words": spans, "stance": pd.DataFrame(STANCE)},
        eval_dataset={"loaded_words": spans},
    )
    trainer.train(save=False)
    assert not Path(args.output_dir).exists()
    tuned = model.extra_config["span_threshold"]
    assert 0.05 <= tuned <= 0.9 and trainer.history is not None
    assert trainer.history["span_threshold"]["task"] == "loaded_words"
    assert trainer.eval_reports["loaded_words"].metrics["span_threshold"] == tuned
    model.extra_config["training"] = {"recipe": "test"}
    folder = trainer.save_model(model_card=False)
    assert not (folder / "README.md").exists()
    reloaded = FramingModel.from_pretrained(folder)
    assert reloaded.extra_config["training"] == {"recipe": "test"} and set(reloaded.tasks) == set(model.tasks)
    assert framing.Analyzer(model=str(folder), device="cpu", nlp=None).span_threshold == tuned
