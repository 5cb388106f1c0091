"""Evaluation metrics (sklearn-backed) and the report's table / JSON forms."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest
from sklearn.metrics import f1_score

from framing.training import EvaluationReport, classification_metrics, expected_calibration_error, span_metrics
from framing.training.evaluate import best_threshold


def test_classification_metrics_match_sklearn() -> None:
    labels = ["a", "b", "c"]
    gold = [0, 0, 1, 1, 2, 2, 2]
    probs = np.array(
        [[0.9, 0.05, 0.05], [0.2, 0.7, 0.1], [0.1, 0.8, 0.1], [0.3, 0.6, 0.1], [0.1, 0.1, 0.8], [0.5, 0.2, 0.3],
         [0.2, 0.2, 0.6]]
    )  # fmt: skip
    m = classification_metrics(gold, probs, labels)
    pred = probs.argmax(1)
    assert m["macro_f1"] == pytest.approx(f1_score(gold, pred, average="macro"))
    assert m["accuracy"] == pytest.approx(5 / 7)
    assert m["confusion_matrix"] == [[1, 1, 0], [0, 2, 0], [1, 0, 2]]
    assert m["per_class"]["b"] == pytest.approx({"precision": 2 / 3, "recall": 1.0, "f1": 0.8, "support": 2})
    assert m["per_class"]["c"]["support"] == 3


def test_absent_class_gets_zero_not_an_error() -> None:
    m = classification_metrics([0, 0], np.array([[0.9, 0.1], [0.8, 0.2]]), ["a", "b"])
    assert m["per_class"]["b"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 0}
    assert m["confusion_matrix"] == [[2, 0], [0, 0]]


def test_expected_calibration_error() -> None:
    # perfectly confident and right: 0; confident 0.9 and right half the time: |0.5 - 0.9| = 0.4
    assert expected_calibration_error(np.array([[1.0, 0.0], [0.0, 1.0]]), np.array([0, 1])) == 0.0
    probs = np.array([[0.9, 0.1]] * 4)
    assert expected_calibration_error(probs, np.array([0, 1, 0, 1])) == pytest.approx(0.4)
    # two bins, weighted by their share: (0.6 bin right 1/2 -> 0.1) and (0.95 bin right 2/2 -> 0.05)
    probs = np.array([[0.6, 0.4], [0.6, 0.4], [0.95, 0.05], [0.95, 0.05]])
    assert expected_calibration_error(probs, np.array([0, 1, 0, 0])) == pytest.approx(0.5 * 0.1 + 0.5 * 0.05)
    assert expected_calibration_error(np.zeros((0, 2)), np.array([], dtype=int)) == 0.0


def test_span_metrics_exact_and_word_level() -> None:
    texts = ["The radical mob stormed in.", "All calm here."]
    gold = [[(4, 15, "loaded")], []]
    pred = [[(4, 11, "loaded")], [(0, 3, "loaded")]]  # half the words of the gold span, one false span
    m = span_metrics(texts, gold, pred, ["loaded"])
    assert m["exact"] == {"precision": 0.0, "recall": 0.0, "f1": 0.0, "support": 1}
    # words: gold positive {radical, mob}; predicted positive {radical, All}
    assert m["token"]["precision"] == pytest.approx(0.5)
    assert m["token"]["recall"] == pytest.approx(0.5)
    assert m["token"]["support"] == 2
    assert m["n_gold_spans"] == 1 and m["n_pred_spans"] == 2
    perfect = span_metrics(texts, gold, gold, ["loaded"])
    assert perfect["exact"]["f1"] == 1.0 and perfect["token"]["f1"] == 1.0


def test_span_metrics_label_must_match() -> None:
    m = span_metrics(["a b c"], [[(0, 1, "x")]], [[(0, 1, "y")]], ["x", "y"])
    assert m["exact"]["f1"] == 0.0 and m["token"]["f1"] == 0.0
    assert m["per_label"]["x"]["token"]["recall"] == 0.0


def _report() -> EvaluationReport:
    m = classification_metrics([0, 1, 1], np.array([[0.8, 0.2], [0.4, 0.6], [0.7, 0.3]]), ["non-biased", "biased"])
    return EvaluationReport("loaded", "sentence", ["non-biased", "biased"], 3, m, data="test.jsonl", model="m/")


def test_best_threshold_reads_a_head_that_scores_low() -> None:
    gold = np.array([1, 1, 0, 0, 0, 1, 0, 0], dtype=bool)
    inside = np.array([0.30, 0.25, 0.10, 0.05, 0.12, 0.40, 0.35, 0.0])  # useful, though nothing reaches 0.5
    t, f1 = best_threshold(gold, inside)
    assert (t, f1) == (0.25, pytest.approx(f1_score(gold, inside >= 0.25)))
    assert f1_score(gold, inside >= 0.5, zero_division=0) == 0.0 < f1
    assert best_threshold(gold, np.where(gold, 0.8, 0.1)) == (0.8, 1.0)  # a tie goes to the higher threshold
    assert best_threshold(np.zeros(3, dtype=bool), np.full(3, 0.7))[1] == 0.0


def test_span_dev_score_is_threshold_free(tiny_backbone: str) -> None:
    import torch

    from framing.modeling.model import FramingModel
    from framing.tasks import TaskSpec

    model = FramingModel.new([TaskSpec("words", "span", ("loaded",))], backbone=tiny_backbone)
    task = model.tasks["words"].task
    logits = torch.tensor([[[2.0, -0.5, -3.0], [2.0, -9.0, -9.0], [-1.0, 0.5, -3.0]]])  # tags O, B, I
    inside = task.dev_predictions(logits)
    np.testing.assert_allclose(inside, 1 - logits.softmax(-1)[0, :, 0].numpy(), rtol=1e-6)
    assert inside[0] < 0.5 < inside[2]
    gold = np.array([1, 0, 1])  # B-tag indices, as dev batches hold them
    assert task.dev_score(gold, inside) == pytest.approx(2 / 3)  # read at 0.5
    assert task.dev_score(gold, inside, thresholds=(0.05, 0.1, 0.5)) == 1.0


def test_report_text_and_json() -> None:
    report = _report()
    text = report.to_text()
    assert "macro-F1" in text and "confusion matrix" in text and "non-biased" in text and "ECE" in text
    d = json.loads(report.to_json())
    assert d["metrics"]["macro_f1"] == pytest.approx(report.macro_f1)
    assert d["metrics"]["confusion_matrix"] == [[1, 0], [1, 1]]
    spans = span_metrics(["a b"], [[(0, 1, "loaded")]], [[(0, 1, "loaded")]], ["loaded"])
    span_report = EvaluationReport("loaded_words", "span", ["loaded"], 1, spans)
    assert "exact match" in span_report.to_text() and "word level" in span_report.to_text()
    json.dumps(span_report.to_dict())


def test_model_card_names_data_license_and_metrics() -> None:
    from framing.training import model_card

    card = model_card(
        task_name="loaded",
        kind="sentence",
        labels=["non-biased", "biased"],
        backbone="sentence-transformers/all-MiniLM-L6-v2",
        finetune="lora",
        data_source="BABE",
        data_license=None,
        n_train=10,
        n_eval=3,
        eval_report=_report(),
        test_report=_report(),
        command="framing train x --task sentence",
    )
    assert "unknown — state it" in card and "BABE" in card and "Test: test.jsonl" in card
    assert "framing train x --task sentence" in card and "macro-F1" in card


def test_heldout_evaluates_only_the_heads_a_model_has(tiny_backbone: str, data_dir: Path) -> None:
    from framing.modeling.model import FramingModel, TaskSpec
    from recipes.heldout import evaluate_heldout, summary_table

    spec = TaskSpec("stance", "stance", ("negative", "neutral", "positive"))
    model = FramingModel.new([spec], backbone=tiny_backbone, finetune="frozen", max_length=64)
    model.extra_config["training"] = {"recipe": "recipes.recipe", "seed": 7}
    out = evaluate_heldout(model, data_dir)
    assert out["split_seed"] == 7  # the held-out SemEval articles follow the seed the model was trained with
    assert {k for k in out if k not in ("seconds", "split_seed")} == {
        "newsmtsc_devtest_mt",
        "newsmtsc_devtest_mt_further_mentions",
        "newsmtsc_devtest_rw",
        "newsmtsc_devtest_rw_further_mentions",
    }
    per_class = out["newsmtsc_devtest_mt"]["per_class"]
    assert sum(c["support"] for c in per_class.values()) == 1476  # every target of devtest_mt
    table = summary_table(out)
    assert "NewsMTSC devtest_rw, stance with coreferring mentions" in table and "BABE" not in table
    main_only = evaluate_heldout(model, data_dir, further_mentions=False)  # --no-further-mentions
    assert {k for k in main_only if k not in ("seconds", "split_seed")} == {
        "newsmtsc_devtest_mt",
        "newsmtsc_devtest_rw",
    }
    assert main_only["newsmtsc_devtest_rw"] == out["newsmtsc_devtest_rw"]


def test_heldout_split_seed_is_the_recipe_seed_only() -> None:
    from types import SimpleNamespace

    from recipes.heldout import training_seed

    recipe = {"training": {"recipe": "recipes.recipe", "seed": 7}}
    before_the_move = {"training": {"recipe": "framing.training.recipe", "seed": 5}}  # the shipped model's id
    trainer = {"training": {"framing_trainer": True, "seed": 3}}  # this seed never split SemEval
    configs = (recipe, before_the_move, trainer, {})
    seeds = [training_seed(SimpleNamespace(extra_config=c)) for c in configs]  # type: ignore[arg-type]
    assert seeds == [7, 5, 42, 42]


def test_babe_cv_keeps_finished_folds_only_for_the_same_settings(tmp_path: Path) -> None:
    from recipes.heldout import _cv_progress

    settings = {"epochs": 3.0, "lr": 4e-4, "head_lr": 1e-3, "lora_r": 16, "seed": 42, "init_from": None}
    path = tmp_path / "cv_folds.json"
    assert _cv_progress(path, settings) == {}  # nothing yet
    path.write_text(json.dumps({"settings": settings, "folds": {"0": 0.78, "1": 0.77}}))
    assert _cv_progress(path, settings) == {0: 0.78, 1: 0.77}
    assert _cv_progress(path, {**settings, "seed": 1}) == {}  # other settings: start afresh
