"""Plain transformers classifiers plugged into the Analyzer (tiny random models saved locally)."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing import Analyzer
from framing.errors import ModelLoadError


def _save(kind: str, labels: list[str], tiny_backbone: str, folder: Path) -> str:
    import torch
    from transformers import (
        AutoTokenizer,
        BertConfig,
        BertForSequenceClassification,
        BertForTokenClassification,
    )

    torch.manual_seed(0)
    cfg = BertConfig.from_pretrained(tiny_backbone)
    cfg.id2label = dict(enumerate(labels))
    cfg.label2id = {lab: i for i, lab in enumerate(labels)}
    cls = BertForTokenClassification if kind == "span" else BertForSequenceClassification
    cls(cfg).save_pretrained(folder, safe_serialization=True)
    AutoTokenizer.from_pretrained(tiny_backbone).save_pretrained(folder)
    return str(folder)


@pytest.fixture(scope="module")
def hf_models(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    base = tmp_path_factory.mktemp("hf")
    return {
        "sentence": _save("sentence", ["neutral", "biased"], tiny_backbone, base / "sent"),
        "span": _save("span", ["O", "BIASED"], tiny_backbone, base / "tok"),
        "stance": _save("stance", ["NEGATIVE", "NEUTRAL", "POSITIVE"], tiny_backbone, base / "pair"),
    }


TEXT = "Governor Reyes slammed the reckless plan. Reyes said it would fail. Critics praised Reyes."


def test_plain_classifiers_fill_every_role(hf_models: dict[str, str]) -> None:
    a = Analyzer(
        None,
        loaded_model=hf_models["sentence"],
        span_model="hf:" + hf_models["span"],
        stance_model=hf_models["stance"],
        span_threshold=0.3,
    )
    p = a.analyze(TEXT, targets=["Reyes"])
    assert p.n_sentences == 3
    assert all(s.loaded is not None and 0.0 <= s.loaded <= 1.0 for s in p.sentences)
    assert p.targets["Reyes"].n_sentences == 3
    st = p.sentences[0].stance["Reyes"]
    assert set(st.scores) == {"negative", "neutral", "positive"}
    for sp in p.spans:
        assert TEXT[sp.start : sp.end] == sp.text and sp.text.strip()
    assert len(a.models) == 3
    from framing.modeling.hf import HFClassifier
    from framing.modeling.scorer import Scorer

    assert all(isinstance(m, HFClassifier) and isinstance(m, Scorer) for m in a.models)
    assert [list(m.tasks) for m in a.models] == [["sentence"], ["spans"], ["stance"]]


def test_stance_labels_must_map(tiny_backbone: str, tmp_path: Path) -> None:
    odd = _save("stance", ["a", "b", "c"], tiny_backbone, tmp_path / "odd")
    with pytest.raises(ModelLoadError, match="negative/neutral/positive"):
        Analyzer(None, stance_model=odd)
