"""Calibrated scores: a per-task temperature (saved with the model), its fit on dev data, and ECE."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest

from framing import FramingModel
from framing.errors import ConfigError
from framing.tasks import TaskSpec
from framing.training.calibrate import fit_temperature, fit_temperature_to_logits, negative_log_likelihood
from framing.training.evaluate import classification_metrics, evaluate_examples, expected_calibration_error
from framing.training.examples import SentenceExample, StanceExample, StanceTarget

TEXTS = ["The senator gave a speech.", "What a disgraceful, reckless stunt by the mayor.", "Rates rose by 2%."]


@pytest.fixture()
def tiny(tiny_model_dir: Path) -> FramingModel:
    return FramingModel.from_pretrained(tiny_model_dir)


def test_temperature_one_leaves_probabilities_identical(tiny: FramingModel) -> None:
    mentions = [[[(4, 11)]], [[(41, 46)]], []]
    before = tiny.predict(TEXTS, mentions)
    tiny.set_temperature("loaded", 1.0).set_temperature("stance", 1.0)
    assert tiny.tasks["loaded"].temperature == 1.0
    same = tiny.predict(TEXTS, mentions)
    tiny.set_temperature("loaded", 2.0).set_temperature("stance", 0.5)
    scaled = tiny.predict(TEXTS, mentions)
    for b, s, c in zip(before, same, scaled, strict=True):
        assert np.array_equal(b.sentence["loaded"], s.sentence["loaded"])
        assert all(np.array_equal(x, y) for x, y in zip(b.stance["stance"], s.stance["stance"], strict=True))
        # T = 2 pulls P(loaded) toward 1/2, T = 0.5 pushes stance away from uniform
        assert abs(c.sentence["loaded"][1] - 0.5) < abs(b.sentence["loaded"][1] - 0.5)
        for x, y in zip(b.stance["stance"], c.stance["stance"], strict=True):
            assert y.max() > x.max()


def test_temperature_must_be_positive() -> None:
    with pytest.raises(ConfigError, match="temperature must be a positive number"):
        TaskSpec("loaded", "sentence", ("no", "yes"), temperature=0.0)


def test_fitted_temperature_lowers_nll_of_an_overconfident_set() -> None:
    rng = np.random.default_rng(0)
    gold = rng.integers(0, 2, size=400)
    right = rng.random(400) < 0.7  # 70% accuracy at ~99% confidence: over-confident
    pred = np.where(right, gold, 1 - gold)
    logits = np.zeros((400, 2))
    logits[np.arange(400), pred] = 5.0
    t = fit_temperature_to_logits(logits, gold)
    assert t > 1.5
    assert negative_log_likelihood(logits, gold, t) < negative_log_likelihood(logits, gold) - 0.5
    probs = np.exp(logits / t) / np.exp(logits / t).sum(1, keepdims=True)
    assert expected_calibration_error(probs, gold, positive=1) < 0.1


def test_fit_temperature_on_a_model(tiny: FramingModel) -> None:
    dev = [SentenceExample(t, lab) for t in TEXTS for lab in ("non-biased", "biased")]
    tiny.set_temperature("loaded", 0.02)  # a deliberately over-confident head
    t = fit_temperature(tiny, "loaded", dev)
    nll_before = evaluate_nll(tiny, dev)
    tiny.set_temperature("loaded", t)
    assert evaluate_nll(tiny, dev) < nll_before
    stance_dev = [StanceExample(TEXTS[0], (StanceTarget(((4, 11),), "neutral"),))]
    assert fit_temperature(tiny, "stance", stance_dev) > 0
    with pytest.raises(ConfigError, match="classifiers"):
        fit_temperature(tiny, "loaded_words", dev)


def evaluate_nll(model: FramingModel, dev: list[SentenceExample]) -> float:
    probs = np.stack([o.sentence["loaded"] for o in model.predict([ex.text for ex in dev], tasks=["loaded"])])
    gold = [("non-biased", "biased").index(ex.label) for ex in dev]
    return float(-np.log(probs[np.arange(len(gold)), gold]).mean())


def test_temperature_survives_save_and_load(tiny_model_dir: Path, tmp_path: Path) -> None:
    old = tmp_path / "old"
    shutil.copytree(tiny_model_dir, old)
    cfg = json.loads((old / "framing_config.json").read_text())
    for task in cfg["tasks"]:
        task.pop("temperature", None)
    (old / "framing_config.json").write_text(json.dumps(cfg))
    assert all(s.temperature == 1.0 for s in FramingModel.from_pretrained(old).tasks.values())
    model = FramingModel.from_pretrained(old, merge_adapter=False)  # LoRA kept apart, so it can be saved
    model.set_temperature("loaded", 1.7).set_temperature("stance", 0.8)
    saved = model.save_pretrained(tmp_path / "calibrated")
    saved_cfg = json.loads((saved / "framing_config.json").read_text())
    assert {t["name"]: t["temperature"] for t in saved_cfg["tasks"]} == {
        "loaded": 1.7,
        "loaded_words": 1.0,
        "stance": 0.8,
    }
    loaded = FramingModel.from_pretrained(saved)
    assert {n: s.temperature for n, s in loaded.tasks.items()} == {"loaded": 1.7, "loaded_words": 1.0, "stance": 0.8}


def test_ece_of_a_binary_classifier_is_on_the_positive_class() -> None:
    # P(pos) = 0.35 where 45% are positive, 0.65 where 75% are: off by 0.1 everywhere. The top-class view
    # folds both groups into confidence 0.65 with 65% accuracy and sees no error.
    probs = np.array([[0.65, 0.35]] * 20 + [[0.35, 0.65]] * 20)
    gold = np.array([1] * 9 + [0] * 11 + [1] * 15 + [0] * 5)
    assert expected_calibration_error(probs, gold) == pytest.approx(0.0, abs=1e-12)
    assert expected_calibration_error(probs, gold, positive=1) == pytest.approx(0.1)
    metrics = classification_metrics(gold, probs, ["non-biased", "biased"], "biased")
    assert metrics["ece"] == pytest.approx(0.1)
    assert metrics["ece_on"] == "P(biased)"
    three = classification_metrics([0, 1, 2], np.eye(3), ["negative", "neutral", "positive"])
    assert three["ece_on"] == "top class" and three["ece"] == 0.0


def test_evaluation_report_has_ece(tiny: FramingModel) -> None:
    dev = [SentenceExample(t, "biased") for t in TEXTS]
    report = evaluate_examples(tiny, "loaded", dev)
    assert report.metrics["ece_on"] == "P(biased)"
    assert "ECE of P(biased) (15 bins)" in report.to_text()
