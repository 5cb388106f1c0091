"""fp16 storage of adapters and heads, and the optional large model (``Analyzer(model="large")``).

Mechanics run on tiny stand-in folders (``FRAMING_DEFAULT_MODEL`` / ``FRAMING_LARGE_MODEL``); the
shipped ``models/framing-large`` runs only where its backbone (all-mpnet-base-v2) has been fetched.
"""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import numpy as np
import pytest
import torch

from framing import Analyzer, FramingModel
from framing.analyzer import large_model_path
from framing.backbones import MPNET, cached_path
from framing.errors import ConfigError, ModelLoadError
from framing.modeling.model import ADAPTER_NAME, CONFIG_NAME, HEADS_NAME
from recipes.recipe import DEFAULT_TASKS

LARGE = Path(__file__).resolve().parents[1] / "models" / "framing-large"
TEXTS = [
    "The mayor said the reckless plan was a disaster for everyone.",
    "Critics praised the mayor for a careful budget.",
]
MENTIONS = [[[(4, 9)]], [[(19, 24)]]]


def _trained_looking(folder: Path, tiny_backbone: str, tasks=DEFAULT_TASKS) -> FramingModel:
    """A LoRA model whose adapter is not zero (peft starts lora_B at zero: a round trip would test nothing)."""
    torch.manual_seed(0)
    model = FramingModel.new(tasks, backbone=tiny_backbone)
    with torch.no_grad():
        for name, p in model.encoder.named_parameters():
            if "lora_B" in name:
                p.normal_(0, 0.05)
    return model


def _probs(model: FramingModel) -> dict[str, np.ndarray]:
    outs = model.predict(TEXTS, MENTIONS)
    return {
        "loaded": np.stack([o.sentence["loaded"] for o in outs]),
        "stance": np.concatenate([np.stack(list(o.stance["stance"])) for o in outs]),
    }


# ------------------------------------------------------------------ fp16 storage
def test_fp16_storage_halves_the_files_and_predicts_the_same(tiny_backbone: str, tmp_path: Path) -> None:
    from safetensors import safe_open

    model = _trained_looking(tmp_path, tiny_backbone)
    full = model.save_pretrained(tmp_path / "fp32")
    half = model.save_pretrained(tmp_path / "fp16", dtype="float16")
    assert "storage_dtype" not in json.loads((full / CONFIG_NAME).read_text())  # fp32 folders are unchanged
    assert json.loads((half / CONFIG_NAME).read_text())["storage_dtype"] == "float16"
    for name in (ADAPTER_NAME, HEADS_NAME):
        ratio = (half / name).stat().st_size / (full / name).stat().st_size
        assert 0.45 < ratio < 0.6, (name, ratio)
        with safe_open(str(half / name), "pt") as fh:
            assert {fh.get_slice(k).get_dtype() for k in fh.keys()} == {"F16"}

    a, b = FramingModel.from_pretrained(full), FramingModel.from_pretrained(half)
    assert b.storage_dtype == "float16" and a.storage_dtype == "float32"
    assert {p.dtype for p in b.parameters()} == {torch.float32}  # upcast: computes like the fp32 model
    pa, pb = _probs(a), _probs(b)
    for key in pa:
        np.testing.assert_allclose(pa[key], pb[key], atol=2e-3)
    # the adapter merged from fp16 storage differs from the fp32 one by rounding only
    wa, wb = a.encoder.state_dict(), b.encoder.state_dict()
    assert max(float((wa[k] - wb[k]).abs().max()) for k in wa) < 1e-3


def test_a_model_loaded_from_fp16_saves_fp16_again_unless_told(tiny_model_dir: Path, tmp_path: Path) -> None:
    half = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False).save_pretrained(
        tmp_path / "h", dtype="float16"
    )
    again = FramingModel.from_pretrained(half, merge_adapter=False)
    resaved = again.save_pretrained(tmp_path / "h2")
    assert json.loads((resaved / CONFIG_NAME).read_text())["storage_dtype"] == "float16"
    back = again.save_pretrained(tmp_path / "f", dtype="float32")
    assert "storage_dtype" not in json.loads((back / CONFIG_NAME).read_text())
    bf16 = again.save_pretrained(tmp_path / "b", dtype="bfloat16")
    assert FramingModel.from_pretrained(bf16).storage_dtype == "bfloat16"


def test_storage_dtype_is_checked(tiny_model_dir: Path, tmp_path: Path) -> None:
    model = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False)
    with pytest.raises(ConfigError, match="float16"):
        model.save_pretrained(tmp_path / "x", dtype="int8")
    assert not (tmp_path / "x").exists()
    folder = tmp_path / "bad"
    shutil.copytree(tiny_model_dir, folder)
    cfg = json.loads((folder / CONFIG_NAME).read_text())
    (folder / CONFIG_NAME).write_text(json.dumps({**cfg, "storage_dtype": "float8"}))
    with pytest.raises(ModelLoadError, match="storage dtype"):
        FramingModel.from_pretrained(folder)


def test_full_fine_tunes_are_saved_in_fp32(tiny_backbone: str, tmp_path: Path) -> None:
    model = FramingModel.new(DEFAULT_TASKS[:1], backbone=tiny_backbone, finetune="full")
    with pytest.raises(ConfigError, match="full fine-tune"):
        model.save_pretrained(tmp_path / "m", dtype="float16")
    assert not (tmp_path / "m").exists()


# ------------------------------------------------------------------ Analyzer(model="large")
@pytest.fixture(scope="module")
def tiny_large(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A stance-only stand-in for models/framing-large, stored in fp16 like it."""
    stance = [t for t in DEFAULT_TASKS if t.kind == "stance"]
    folder = tmp_path_factory.mktemp("tiny-large")
    return _trained_looking(folder, tiny_backbone, stance).save_pretrained(folder, dtype="float16")


@pytest.fixture()
def stand_ins(tiny_model_dir: Path, tiny_large: Path, monkeypatch: pytest.MonkeyPatch) -> tuple[Path, Path]:
    monkeypatch.setenv("FRAMING_DEFAULT_MODEL", str(tiny_model_dir))
    monkeypatch.setenv("FRAMING_LARGE_MODEL", str(tiny_large))
    return tiny_model_dir, tiny_large


def test_large_takes_stance_from_the_large_model_and_the_rest_from_the_default(
    stand_ins: tuple[Path, Path],
) -> None:
    default, large = stand_ins
    assert large_model_path() == large
    a = Analyzer(model="large", nlp=None, device="cpu")
    assert [m.source for m in a.models] == [str(default), str(large)]
    r = a.roles
    assert r.loaded is not None and r.span is not None and r.stance is not None
    assert (r.loaded.model, r.span.model, r.stance.model) == (0, 0, 1)
    profile = a.analyze("The mayor said the plan was a disaster. The mayor left.", targets=["mayor"])
    assert profile.meta["models"] == [str(default), str(large)]
    assert all(s.loaded is not None for s in profile.sentences)
    assert "mayor" in profile.sentences[0].stance
    # the stance scores are the large model's: the same as loading it as the stance model by hand
    by_hand = Analyzer(model=str(default), stance_model=str(large), nlp=None, device="cpu")
    other = by_hand.analyze("The mayor said the plan was a disaster. The mayor left.", targets=["mayor"])
    assert profile.sentences[0].stance["mayor"].scores == pytest.approx(other.sentences[0].stance["mayor"].scores)


def test_large_keeps_an_explicit_stance_model_and_other_names_still_work(
    stand_ins: tuple[Path, Path], tiny_model_dir: Path
) -> None:
    _, large = stand_ins
    a = Analyzer(model="large", stance_model=str(tiny_model_dir), nlp=None, device="cpu")
    assert str(large) not in [m.source for m in a.models]  # the stance model given wins
    assert a.models[a.roles.stance.model].source == str(tiny_model_dir)  # type: ignore[union-attr]
    b = Analyzer(model=str(large), nlp=None, device="cpu")  # a folder path is a folder path
    assert b.roles.stance is not None and b.roles.loaded is None and b.roles.span is None


def test_large_without_its_backbone_names_the_fetch_command(
    stand_ins: tuple[Path, Path], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    from framing.cli._messages import cli_message

    _, large = stand_ins
    folder = tmp_path / "large"
    shutil.copytree(large, folder)
    cfg = json.loads((folder / CONFIG_NAME).read_text())
    (folder / CONFIG_NAME).write_text(json.dumps({**cfg, "backbone": MPNET.hub_id}))
    monkeypatch.setenv("FRAMING_LARGE_MODEL", str(folder))
    monkeypatch.setenv("FRAMING_CACHE", str(tmp_path / "empty-cache"))
    monkeypatch.setenv("FRAMING_DEFAULT_MODEL", str(tmp_path / "not-loaded"))  # the check comes first
    with pytest.raises(ModelLoadError) as err:
        Analyzer(model="large", nlp=None, device="cpu")
    msg = str(err.value)
    assert "`python -m framing.backbones fetch mpnet`" in msg and "`make backbone-mpnet`" in msg
    assert MPNET.hub_id in msg and "model='default'" in msg
    assert cli_message(msg).startswith("--model large runs on")


def test_large_folder_missing_is_a_clear_error(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("FRAMING_LARGE_MODEL", str(tmp_path / "nowhere"))
    with pytest.raises(ModelLoadError, match="FRAMING_LARGE_MODEL"):
        Analyzer(model="large", nlp=None, device="cpu")


def test_cli_model_large(
    stand_ins: tuple[Path, Path],
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    from framing.cli import _common, main

    default, large = stand_ins
    monkeypatch.setattr(_common, "_ANALYZERS", {})
    f = tmp_path / "a.txt"
    f.write_text("The mayor said the plan was a disaster.\n", encoding="utf-8")
    assert main(["analyze", str(f), "--model", "large", "--nlp", "none", "--format", "json", "--target", "mayor"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["meta"]["models"] == [str(default), str(large)]


# ------------------------------------------------------------------ the shipped large model
@pytest.mark.slow
def test_shipped_large_model_reads_a_hostile_sentence_as_negative() -> None:
    if cached_path(MPNET) is None:
        pytest.skip(
            f"{MPNET.hub_id} is not fetched (CI does not fetch it): run `python -m framing.backbones fetch mpnet`"
        )
    if large_model_path() != LARGE:
        pytest.skip("FRAMING_LARGE_MODEL points elsewhere")
    a = Analyzer(model="large", nlp=None, device="cpu")
    assert a.models[a.roles.stance.model].source == str(LARGE)  # type: ignore[union-attr]
    profile = a.analyze(
        "NATO is a reckless, warmongering bloc whose lies have dragged Europe into disaster.", targets=["NATO"]
    )
    (sentence,) = profile.sentences
    stance = sentence.stance["NATO"]
    assert stance.label == "negative", stance.scores
    assert stance.scores["negative"] > 0.6


def test_large_card_compares_with_the_default_model_next_to_it(tmp_path: Path) -> None:
    from framing.training.card import card_data_for_folder

    alone = tmp_path / "alone" / "framing-large"
    shutil.copytree(LARGE, alone)
    data = card_data_for_folder(alone)
    assert data.template == "framing-large" and data.base_model == "sentence-transformers/all-mpnet-base-v2"
    text = data.render()
    assert "| framing-default |" not in text and "points above the default" not in text
    both = tmp_path / "both"
    shutil.copytree(LARGE, both / "framing-large")
    shutil.copytree(LARGE.parent / "framing-default", both / "framing-default")
    h = json.loads((LARGE / "eval_heldout.json").read_text(encoding="utf-8"))
    d = json.loads((both / "framing-default" / "eval_heldout.json").read_text(encoding="utf-8"))
    text = card_data_for_folder(both / "framing-large").render()
    gain = (round(h["newsmtsc_devtest_mt"]["macro_f1"], 3) - round(d["newsmtsc_devtest_mt"]["macro_f1"], 3)) * 100
    assert "| framing-default |" in text and f"{d['newsmtsc_devtest_mt']['macro_f1']:.3f} ({gain:+.1f} points)" in text


def test_score_resume_fingerprint_of_large_covers_both_folders(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    from framing.batch.files import model_fingerprint

    large, default = tmp_path / "large", tmp_path / "default"
    for folder in (large, default):
        folder.mkdir()
        (folder / "framing_config.json").write_text("{}", encoding="utf-8")
        (folder / "heads.safetensors").write_bytes(b"heads")
    monkeypatch.setenv("FRAMING_LARGE_MODEL", str(large))
    monkeypatch.setenv("FRAMING_DEFAULT_MODEL", str(default))
    before = model_fingerprint("large")
    assert set(before) == {"large", "default"}
    (default / "heads.safetensors").write_bytes(b"retrained")  # a resumed `score --model large` must notice
    after = model_fingerprint("large")
    assert after["default"] != before["default"] and after["large"] == before["large"]
