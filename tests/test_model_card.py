"""Model cards the Hugging Face Hub reads (front matter + model-index), generated from the folder's
JSON files, and ``push_to_hub`` up to the upload (the Hub itself is never contacted)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path
from typing import Any

import pandas as pd
import pytest
import yaml
from huggingface_hub import ModelCard

from framing.errors import ConfigError, ModelLoadError
from framing.modeling.hub import PICKLE_SUFFIXES, HubError, push_folder
from framing.modeling.model import FramingModel
from framing.training import Trainer, TrainingArguments
from framing.training.card import (
    DataSource,
    FramingCardData,
    TrainingStep,
    card_data_for_folder,
    main,
    write_card,
)

DEFAULT = Path(__file__).resolve().parents[1] / "models" / "framing-default"

ROWS = [
    {"text": "The radical mob destroyed everything.", "label": "biased", "split": "train"},
    {"text": "The council met on Tuesday.", "label": "neutral", "split": "train"},
    {"text": "These thugs are a disgrace.", "label": "biased", "split": "train"},
    {"text": "Rain is expected tomorrow.", "label": "neutral", "split": "train"},
    {"text": "A shameful, corrupt regime.", "label": "biased", "split": "dev"},
    {"text": "The report was published in May.", "label": "neutral", "split": "dev"},
    {"text": "Those crooks lied again.", "label": "biased", "split": "test"},
    {"text": "The bridge opens in June.", "label": "neutral", "split": "test"},
]


def _front_matter(text: str) -> dict[str, Any]:
    assert text.startswith("---\n")
    block = text[4 : text.index("\n---\n", 4)]
    data = yaml.safe_load(block)
    assert isinstance(data, dict)
    return data


def _metrics(
    front: dict[str, Any],
) -> dict[tuple[str, str, str | None, str | None], dict[tuple[str, str | None], float]]:
    """model-index as {(task name, dataset type, split, dataset config): {(metric type, metric config): value}}."""
    (entry,) = front["model-index"]
    out: dict[tuple[str, str, str | None, str | None], dict[tuple[str, str | None], float]] = {}
    for r in entry["results"]:
        key = (r["task"]["name"], r["dataset"]["type"], r["dataset"].get("split"), r["dataset"].get("config"))
        assert key not in out, key
        out[key] = {(m["type"], m.get("config")): m["value"] for m in r["metrics"]}
        assert all(m.get("name") for m in r["metrics"])
    return out


# ------------------------------------------------------------------ the shipped default model
def test_shipped_card_front_matter_holds_the_heldout_results() -> None:
    text = (DEFAULT / "README.md").read_text(encoding="utf-8")
    front = _front_matter(text)
    card = ModelCard.load(DEFAULT / "README.md")
    assert card.data.to_dict() == front
    assert front["license"] == "agpl-3.0" and front["library_name"] == "framing"
    assert front["base_model"] == "sentence-transformers/all-MiniLM-L6-v2"
    assert front["language"] == ["en"] and front["pipeline_tag"] == "text-classification"
    assert front["datasets"] == ["Anno-lexical", "mediabiasgroup/BABE", "SemEval-2023 Task 3 English", "NewsMTSC"]
    assert {"framing", "sentence", "span", "stance"} <= set(front["tags"])
    assert {"f1", "accuracy", "precision", "recall"} <= set(front["metrics"])
    assert front["model-index"][0]["name"] == "framing-default"

    h = json.loads((DEFAULT / "eval_heldout.json").read_text(encoding="utf-8"))
    got = _metrics(front)
    babe = "mediabiasgroup/BABE"
    assert got[("loaded", babe, "test", None)] == {
        ("f1", "macro"): h["babe_test_sentence"]["macro_f1"],
        ("accuracy", None): h["babe_test_sentence"]["accuracy"],
        ("ece", None): h["babe_test_sentence"]["ece"],
    }
    spans = got[("loaded_words", babe, "test", None)]
    for unit, cfg in (("token", "word"), ("exact", "exact")):
        for m in ("precision", "recall", "f1"):
            assert spans[(m, cfg)] == h["babe_test_spans"][unit][m]
    (semeval,) = [v for k, v in got.items() if k[1] == "semeval2023-task3-en" and k[0] == "loaded_words"]
    assert semeval[("f1", "word")] == h["semeval_heldout_spans"]["token"]["f1"]
    fr = json.loads((DEFAULT / "eval_frames.json").read_text(encoding="utf-8"))["results"]["head"]
    (frames,) = [v for k, v in got.items() if k[0] == "frames"]
    assert frames == {("f1", "micro"): fr["micro_f1"], ("f1", "macro"): fr["macro_f1"]}
    for split in ("devtest_mt", "devtest_rw"):
        for suffix, cfg in (("", None), ("_further_mentions", "further_mentions")):
            stance = got[("stance", "newsmtsc", split, cfg)]
            assert stance[("f1", "macro")] == h[f"newsmtsc_{split}{suffix}"]["macro_f1"]
            assert stance[("accuracy", None)] == h[f"newsmtsc_{split}{suffix}"]["accuracy"]
    assert len(got) == 8  # no lexicon baselines, no cross-validation (another model); + the frames head


def test_shipped_card_is_the_generated_one() -> None:
    """README.md is generated: regenerate it with `python -m framing.training.card models/framing-default`."""
    assert card_data_for_folder(DEFAULT).render() == (DEFAULT / "README.md").read_text(encoding="utf-8")
    assert main([str(DEFAULT), "--check"]) == 0


def test_shipped_card_keeps_its_prose_and_numbers() -> None:
    text = (DEFAULT / "README.md").read_text(encoding="utf-8")
    h = json.loads((DEFAULT / "eval_heldout.json").read_text(encoding="utf-8"))
    hist = json.loads((DEFAULT / "training_history.json").read_text(encoding="utf-8"))
    sent, words, rw = h["babe_test_sentence"], h["babe_test_spans"]["token"], h["newsmtsc_devtest_rw"]
    for kept in (
        "## Training data and licenses",
        "| BABE (Spinde et al. 2021), `babe_sg2.jsonl` |",
        "| Anno-lexical (Horych et al. 2025), `anno_lexical/train.jsonl` |",
        "MIT (the repository's license); CC BY-NC-ND-4.0 (the dataset card's statement)",
        "Because BABE is AGPL-3.0, treat these weights as derived from AGPL-3.0 data.",
        "python -m recipes.pairs --data ../shared/data --out runs/pairs_semeval.jsonl",
        "--teacher runs/teacher-stance --stance-pairs runs/pairs_semeval.jsonl --distill-alpha 0.8 "
        "--out models/framing-default",
        "python -m recipes.heldout models/framing-default --data ../shared/data",
        "python -m framing.training.card models/framing-default",
        f"| BABE `test` (738), sentence loaded wording | macro-F1 | **{sent['macro_f1']:.3f}** "
        f"(acc. {sent['accuracy']:.3f}, ECE {sent['ece']:.3f}) |",
        f"**{words['precision']:.3f} / {words['recall']:.3f} / {words['f1']:.3f}**",
        f"NewsMTSC `devtest_rw` (1,146 targets) | F1m | **{rw['macro_f1']:.3f}** (acc. {rw['accuracy']:.3f})",
        "(folds 0.776, 0.762, 0.812, 0.791, 0.741)",
        f"Wall time: {round(hist['wall_seconds'] / 60)} min, after about 40 min of\nteacher inference",
        "LoRA lr 2e-4, head lr 5e-4, batch 16, max 128 tokens,\nseed 42",
        f"`loaded` {hist['temperature']['loaded']} on BABE `dev`",
        f"{hist['data']['stance_pairs']['sentences']:,} unlabelled SemEval-2023 sentences",
        "with α = 0.8, T = 2.0",
        "**v1 → v2 → v3.**",
        "| teacher (mpnet, stance only) | | | | 0.834 | 0.842 |",
        "## Known limits",
    ):
        assert kept in text, kept


def test_retrained_model_card_follows_its_json(tmp_path: Path) -> None:
    folder = tmp_path / "default-v2"
    shutil.copytree(DEFAULT, folder)
    h = json.loads((folder / "eval_heldout.json").read_text(encoding="utf-8"))
    h["babe_test_sentence"]["macro_f1"] = 0.8123
    (folder / "eval_heldout.json").write_text(json.dumps(h), encoding="utf-8")
    assert main([str(folder), "--check"]) == 1
    assert main([str(folder)]) == 0
    text = (folder / "README.md").read_text(encoding="utf-8")
    acc = h["babe_test_sentence"]["accuracy"]
    assert f"**0.812** (acc. {acc:.3f}" in text and "on BABE (+0.8 points)" in text
    assert _metrics(_front_matter(text))[("loaded", "mediabiasgroup/BABE", "test", None)][("f1", "macro")] == 0.8123
    assert main([str(folder), "--check"]) == 0


def test_recipe_models_get_the_default_card_under_either_recipe_id(tmp_path: Path) -> None:
    from framing.training.card import RECIPE_IDS
    from recipes.recipe import RECIPE_ID

    assert RECIPE_ID == "recipes.recipe" and RECIPE_IDS == (RECIPE_ID, "framing.training.recipe")
    shipped = json.loads((DEFAULT / "framing_config.json").read_text(encoding="utf-8"))
    assert shipped["extra"]["training"]["recipe"] == RECIPE_ID
    folder = tmp_path / "retrained"
    shutil.copytree(DEFAULT, folder)
    # models trained before recipes/ existed recorded the old id
    config = dict(shipped, extra={**shipped["extra"], "training": {"recipe": RECIPE_IDS[1], "seed": 42}})
    (folder / "framing_config.json").write_text(json.dumps(config), encoding="utf-8")
    data = card_data_for_folder(folder)
    assert data.template == "framing-default"
    assert str(data.training_steps[0].command).startswith("python -m recipes.recipe --data ../shared/data --init-from ")
    assert [s.name.split(":")[0] for s in data.training_steps][:2] == [
        "joint fine-tuning of every head (framing.training.loop.fit)",
        "stance distillation",
    ]


# ------------------------------------------------------------------ card data
def test_card_data_licenses_and_steps_render() -> None:
    data = FramingCardData(
        model_name="m",
        base_model="b",
        tasks=[{"name": "loaded", "kind": "sentence", "labels": ["a", "b"]}],
        data_sources=[
            DataSource(
                "Anno-lexical", "`loaded`", "train", ["MIT (repository license)", "CC BY-NC-ND-4.0 (dataset card)"]
            ),
        ],
        training_steps=[
            TrainingStep("distillation", {"teacher": "roberta-large", "temperature": 2.0}, wall_seconds=60)
        ],
    )
    # two statements that disagree: no single Hub id can be claimed; the data table names both
    assert data.hub_license() == ("other", "training-data-licenses")
    data.data_sources = [DataSource("NewsMTSC", licenses=["MIT"]), DataSource("Lexicons", licenses=["MIT"])]
    assert data.hub_license() == ("mit", None)
    data.data_sources.append(DataSource("BABE", licenses=["AGPL-3.0"]))
    assert data.hub_license() == ("other", "training-data-licenses")
    data.data_sources = data.data_sources[:1] + [
        DataSource("Anno-lexical", "`loaded`", "train", ["MIT (repository license)", "CC BY-NC-ND-4.0 (dataset card)"])
    ]
    data.license = "CC BY-NC-ND-4.0"
    assert data.hub_license() == ("cc-by-nc-nd-4.0", None)
    data.license = "research use only"
    assert data.hub_license() == ("other", "research-use-only")
    text = data.render()
    front = _front_matter(text)
    assert front["license"] == "other" and front["license_name"] == "research-use-only"
    assert front["datasets"] == ["NewsMTSC", "Anno-lexical"] and "model-index" not in front
    assert "MIT (repository license); CC BY-NC-ND-4.0 (dataset card)" in text
    assert "- distillation: teacher=roberta-large, temperature=2.0; wall time 60 s\n" in text


# ------------------------------------------------------------------ Trainer models
@pytest.fixture(scope="module")
def trained(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> Trainer:
    tmp = tmp_path_factory.mktemp("card-model")
    args = TrainingArguments(
        task="sentence",
        output_dir=tmp / "model",
        backbone=tiny_backbone,
        num_train_epochs=1,
        batch_size=4,
        min_examples_per_class=1,
        show_progress_bar=False,
        data_license="CC0-1.0 (test fixture)",
        seed=0,
    )
    trainer = Trainer(
        args=args, train_dataset=pd.DataFrame(ROWS), train_split="train", eval_split="dev", test_split="test"
    )
    trainer.train()
    return trainer


def test_trainer_card_has_front_matter_and_is_regenerable(trained: Trainer) -> None:
    folder = Path(trained.args.output_dir)
    text = (folder / "README.md").read_text(encoding="utf-8")
    front = _front_matter(text)
    assert ModelCard.load(folder / "README.md").data.to_dict() == front
    assert front["library_name"] == "framing" and front["license"] == "cc0-1.0"
    assert "base_model" not in front  # a local backbone folder is no Hub id; the body names it
    assert f"on `{trained.model.backbone}`" in text and front["pipeline_tag"] == "text-classification"
    results = json.loads((folder / "eval_results.json").read_text(encoding="utf-8"))
    got = _metrics(front)
    test_key = next(k for k in got if k[2] == "test")
    assert got[test_key][("f1", "macro")] == results["test"]["metrics"]["macro_f1"]
    assert got[test_key][("accuracy", None)] == results["test"]["metrics"]["accuracy"]
    assert any(k[2] == "dev" for k in got)
    assert "CC0-1.0 (test fixture)" in text and "Metrics (held-out data)" in text
    before = text
    write_card(folder)
    assert (folder / "README.md").read_text(encoding="utf-8") == before


# ------------------------------------------------------------------ push_to_hub
class _FakeApi:
    """Stands in for huggingface_hub.HfApi: records the calls and what the uploaded folder holds."""

    calls: list[tuple[str, dict[str, Any]]] = []
    uploaded: dict[str, bytes] = {}
    fail: Exception | None = None

    def __init__(self, token: str | None = None) -> None:
        self.token = token

    def create_repo(self, repo_id: str, **kwargs: Any) -> str:
        if _FakeApi.fail is not None:
            raise _FakeApi.fail
        _FakeApi.calls.append(("create_repo", {"repo_id": repo_id, **kwargs}))
        return f"https://huggingface.co/{repo_id}"

    def upload_folder(self, *, repo_id: str, folder_path: str, **kwargs: Any) -> str:
        _FakeApi.calls.append(("upload_folder", {"repo_id": repo_id, **kwargs}))
        root = Path(folder_path)
        _FakeApi.uploaded = {p.relative_to(root).as_posix(): p.read_bytes() for p in root.rglob("*") if p.is_file()}
        return "commit-info"


@pytest.fixture
def fake_hub(monkeypatch: pytest.MonkeyPatch) -> type[_FakeApi]:
    import huggingface_hub

    _FakeApi.calls, _FakeApi.uploaded, _FakeApi.fail = [], {}, None
    monkeypatch.setattr(huggingface_hub, "HfApi", _FakeApi)
    return _FakeApi


def _check_uploaded(files: dict[str, bytes]) -> dict[str, Any]:
    assert {"framing_config.json", "heads.safetensors", "README.md"} <= set(files)
    assert not [f for f in files if f.lower().endswith(PICKLE_SUFFIXES)]
    text = files["README.md"].decode("utf-8")
    ModelCard(text)
    return _front_matter(text)


def test_push_to_hub_uploads_the_saved_folder_with_its_card(trained: Trainer, fake_hub: type[_FakeApi]) -> None:
    assert trained.model.push_to_hub("someone/tiny-loaded", private=True, token="hf_x") == "commit-info"
    (_, create), (_, upload) = fake_hub.calls
    assert create == {"repo_id": "someone/tiny-loaded", "repo_type": "model", "private": True, "exist_ok": True}
    assert upload["repo_type"] == "model" and upload["repo_id"] == "someone/tiny-loaded"
    files = fake_hub.uploaded
    assert set(files) == {
        "framing_config.json",
        "heads.safetensors",
        "adapter.safetensors",
        "README.md",
        "eval_results.json",
        "training_args.json",
        "training_history.json",
    }
    front = _check_uploaded(files)
    assert front["license"] == "cc0-1.0" and "model-index" in front
    folder = Path(trained.args.output_dir)
    assert files["README.md"] == (folder / "README.md").read_bytes()
    assert json.loads(files["framing_config.json"]) == json.loads((folder / "framing_config.json").read_text())


def test_push_to_hub_without_a_source_folder_makes_a_card(tiny_model_dir: Path, fake_hub: type[_FakeApi]) -> None:
    model = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False)
    model.source = ""
    model.push_to_hub("someone/tiny")
    front = _check_uploaded(fake_hub.uploaded)
    assert front["license"] == "unknown" and front["library_name"] == "framing" and "model-index" not in front
    assert "adapter.safetensors" in fake_hub.uploaded


def test_push_to_hub_refuses_a_card_without_front_matter(tiny_model_dir: Path, fake_hub: type[_FakeApi]) -> None:
    model = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False)  # its README is "# tiny test model"
    with pytest.raises(ModelLoadError, match="no YAML front matter"):
        model.push_to_hub("someone/tiny")
    assert fake_hub.calls == []


def test_push_to_hub_of_a_merged_lora_model_says_how(tiny_model_dir: Path) -> None:
    with pytest.raises(ConfigError, match="merge_adapter=False"):
        FramingModel.from_pretrained(tiny_model_dir).push_to_hub("someone/tiny")


def test_push_folder_uploads_the_shipped_model(fake_hub: type[_FakeApi]) -> None:
    push_folder(DEFAULT, "someone/framing-default")
    assert set(fake_hub.uploaded) == {p.name for p in DEFAULT.iterdir() if p.is_file()}
    assert _check_uploaded(fake_hub.uploaded)["license"] == "agpl-3.0"


def test_push_folder_refuses_pickles(tmp_path: Path, fake_hub: type[_FakeApi]) -> None:
    folder = tmp_path / "m"
    shutil.copytree(DEFAULT, folder)
    (folder / "pytorch_model.bin").write_bytes(b"\x80\x04")
    with pytest.raises(ModelLoadError, match="pickle"):
        push_folder(folder, "someone/m")
    assert fake_hub.calls == []


def test_push_errors_name_the_fix(fake_hub: type[_FakeApi]) -> None:
    fake_hub.fail = ConnectionError("network unreachable")
    with pytest.raises(HubError, match=r"someone/m.*ConnectionError.*hf auth login") as info:
        push_folder(DEFAULT, "someone/m")
    assert isinstance(info.value, OSError)


def test_recipe_command_repeats_the_flags_a_run_set() -> None:
    from framing.training.card import _recipe_command

    args = {
        "seed": "42",
        "head_lr": "0.0005",
        "task_head_lr": "[('loaded_words', 0.01)]",
        "span_teacher": "runs/teacher-words",
        "span_sentences": "20000",
        "sentence_teacher": "runs/teacher-loaded",
        "anno_sentences": "10000",
    }
    assert _recipe_command(Path("runs/d3"), args) == (
        "python -m recipes.recipe --data ../shared/data --head-lr 0.0005 --span-teacher runs/teacher-words "
        "--span-sentences 20000 --sentence-teacher runs/teacher-loaded --anno-sentences 10000 "
        "--task-head-lr loaded_words=0.01 --out runs/d3"
    )
