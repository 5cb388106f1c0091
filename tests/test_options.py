"""Every analyzer option has an effect, on every entry point (Analyzer, batch functions, CLI)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import Analyzer, FramingModel
from framing.training.recipe import DEFAULT_TASKS

ARTICLE = (
    "Senators Clash Over Port Funding\n\n"
    "WASHINGTON — Sen. Maria Lopez said on Tuesday that the so-called reform bill was a reckless giveaway. "
    "\u201cThis is a disgrace. Families will pay,\u201d Lopez said.\n"
    "Her rival, Sen. John Park, insisted the plan would create jobs. Park called the criticism absurd.\n"
)


@pytest.fixture(scope="module")
def tiny_model_dir(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import torch

    torch.manual_seed(0)
    folder = tmp_path_factory.mktemp("tiny-framing-options")
    FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone).save_pretrained(folder, model_card="# tiny\n")
    return folder


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
