"""Article frames: the ``frames`` task kind (train, save, load, evaluate), its pooling, and the profile's frames."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from framing.errors import ModelLoadError
from framing.modeling.heads import FramesHead, pool_frames
from framing.modeling.model import FramingModel
from framing.results import ArticleProfile, FrameEvidence, FrameScore
from framing.tasks import FramesTask, TaskSpec, task_kinds
from framing.tasks.frames import article_frames, multilabel_metrics, split_labels
from framing.training import FramesExample, Trainer, TrainingArguments, evaluate_model, prepare_examples

ARTICLES = [
    ("Prices rose again. The central bank raised rates. Shoppers cut spending.", ["Economic"]),
    ("Police arrested two men. They were charged with robbery. A judge set bail.", ["Crime_and_punishment"]),
    ("Unemployment fell. Wages grew faster than prices. The tax cut passed.", ["Economic", "Political"]),
    ("The senator defended the bill. Voters are split. The vote is on Friday.", ["Political"]),
    ("The suspect was convicted of fraud. He faces ten years in prison.", "Crime_and_punishment,Economic"),
    ("Nothing much happened in the town today.", "[]"),
]


def test_frames_is_a_registered_kind_after_the_sentence_kinds() -> None:
    assert task_kinds()[:4] == ("sentence", "span", "stance", "frames")
    spec = TaskSpec("frames", "frames", ("Economic",))  # one frame is enough for a multi-label head
    assert isinstance(spec.task, FramesTask)


@pytest.mark.parametrize(
    ("cell", "want"),
    [
        (["A", "B"], ["A", "B"]),
        ("A, B;C|D", ["A", "B", "C", "D"]),
        ('["A", "B"]', ["A", "B"]),
        ("", []),
        ("[]", []),
        (np.array(["A"]), ["A"]),
        (None, None),
        (3, None),
    ],
)
def test_label_cells(cell: object, want: list[str] | None) -> None:
    assert split_labels(cell) == want


def test_examples_from_a_table_with_list_cells() -> None:
    data = prepare_examples(pd.DataFrame(ARTICLES, columns=["text", "labels"]), "frames")
    assert [ex.labels for ex in data.examples][:2] == [("Economic",), ("Crime_and_punishment",)]
    assert data.examples[4].labels == ("Crime_and_punishment", "Economic")
    assert data.examples[5].labels == ()
    assert all(isinstance(ex, FramesExample) for ex in data.examples)


@pytest.mark.parametrize("n_sentences", [1, 2, 250])
def test_pooling_one_to_many_sentences(n_sentences: int) -> None:
    torch.manual_seed(0)
    head = FramesHead(16, 3, dropout=0.0).eval()
    rows = head.sentence_rows(torch.randn(n_sentences, 16))
    logits, weights = pool_frames(rows)
    assert logits.shape == (1, 3) and weights.shape == (n_sentences, 3)
    torch.testing.assert_close(weights.sum(0), torch.ones(3))
    # pooled per article in one batch == each article alone
    two = torch.cat([rows, rows[:1]])
    doc = torch.tensor([0] * n_sentences + [1])
    batched, _ = pool_frames(two, doc, 2)
    torch.testing.assert_close(batched[0], logits[0])
    torch.testing.assert_close(batched[1], pool_frames(rows[:1])[0][0])
    if n_sentences == 1:
        # one sentence: its evidence plus its context
        torch.testing.assert_close(logits[0], rows[0, :3] + rows[0, 6:])
    probs, w = article_frames(rows.detach().numpy())
    assert probs.shape == (3,) and np.all((probs > 0) & (probs < 1)) and w.shape == (n_sentences, 3)


def test_attention_picks_the_sentence_that_carries_the_frame() -> None:
    rows = torch.zeros(5, 6)  # 2 frames: evidence, attention, context
    rows[3, 2] = 5.0  # sentence 3 draws frame 0's attention
    rows[3, 0] = 4.0  # and is strong evidence for it
    probs, weights = article_frames(rows.numpy())
    assert int(np.argmax(weights[:, 0])) == 3 and weights[3, 0] > 0.9
    assert probs[0] > 0.95 and probs[1] == pytest.approx(0.5)


def test_multilabel_metrics() -> None:
    gold = np.array([[1, 0], [0, 1], [1, 1]])
    probs = np.array([[0.9, 0.1], [0.2, 0.4], [0.6, 0.7]])
    m = multilabel_metrics(gold, probs, ["a", "b"], {"a": 0.5, "b": 0.3})
    assert m["micro_f1"] == pytest.approx(1.0)
    m = multilabel_metrics(gold, probs, ["a", "b"])
    assert m["per_class"]["b"]["recall"] == pytest.approx(0.5) and m["micro_f1"] < 1.0
    assert m["per_class"]["a"]["support"] == 2


def test_frames_kind_trains_saves_reloads_and_evaluates(tiny_backbone: str, tmp_path: Path) -> None:
    data = pd.DataFrame(ARTICLES, columns=["text", "labels"])
    args = TrainingArguments(
        task="frames",
        output_dir=tmp_path / "frames",
        backbone=tiny_backbone,
        finetune="lora",
        num_train_epochs=2,
        batch_size=3,
        early_stopping_patience=None,
        min_examples_per_class=1,
        show_progress_bar=False,
        seed=0,
    )
    trainer = Trainer(args=args, train_dataset=data, eval_dataset=data)
    folder = trainer.train()
    assert trainer.history["steps"] == 4  # 6 articles, 3 per batch, 2 epochs
    assert 0.0 <= trainer.history["epochs"][-1]["dev"]["frames"] <= 1.0
    report = trainer.eval_report
    assert report.kind == "frames" and report.n_examples == len(ARTICLES)
    assert "micro avg" in report.to_text() and "Crime_and_punishment" in report.to_text()
    cfg = json.loads((folder / "framing_config.json").read_text())
    assert cfg["tasks"][0]["kind"] == "frames"
    assert cfg["tasks"][0]["labels"] == ["Crime_and_punishment", "Economic", "Political"]

    texts = [t for t, _ in ARTICLES]
    task = trainer.model.tasks["frames"].task
    before = task.predict_articles(trainer.model, texts, batch_size=4, show_progress_bar=False)
    loaded = FramingModel.from_pretrained(folder)
    after = loaded.tasks["frames"].task.predict_articles(loaded, texts, batch_size=4, show_progress_bar=False)
    np.testing.assert_allclose(before, after, atol=1e-5)
    assert before.shape == (len(texts), 3)
    again = evaluate_model(folder, data)
    assert again.metrics["micro_f1"] == pytest.approx(report.metrics["micro_f1"])


def test_a_head_in_its_own_file_loads_and_saves_so(tiny_model_dir: Path, tmp_path: Path) -> None:
    import shutil

    folder = tmp_path / "with-frames"
    shutil.copytree(tiny_model_dir, folder)
    base = FramingModel.from_pretrained(folder)
    torch.manual_seed(1)
    head = FramesHead(32, 2, 0.0)
    from recipes.frames import install_head

    install_head(folder, head, ["Economic", "Political"], {"Economic": 0.3, "Political": 0.6}, {"seed": 0})
    model = FramingModel.from_pretrained(folder)
    assert model.tasks["frames"].kind == "frames"
    for name, tensor in base.heads.state_dict().items():  # the other heads are the same
        torch.testing.assert_close(model.heads.state_dict()[name], tensor)
    torch.testing.assert_close(model.heads["frames"].out.weight, head.out.weight)
    out = model.predict(["Prices rose.", "The vote is on Friday."], tasks=["frames"])
    assert out[0].other["frames"].shape == (6,)
    (folder / "frames_head.safetensors").unlink()
    with pytest.raises(ModelLoadError, match="frames_head.safetensors"):
        FramingModel.from_pretrained(folder)


def test_profile_frames_serialise() -> None:
    ev = FrameEvidence(sentence=2, start=10, end=30, text="The bank raised rates.", weight=0.7, voice="author")
    frames = {
        "Economic": FrameScore("Economic", 0.8, 0.4, (ev,), {"author": 0.8, "quote": None}),
        "Political": FrameScore("Political", 0.2, 0.5),
    }
    p = ArticleProfile(text="x" * 40, frames=frames)
    assert p.frames_present == ("Economic",)
    d = json.loads(p.to_json())["profile"]["frames"]
    assert d["Economic"]["present"] is True and d["Political"]["present"] is False
    assert d["Economic"]["evidence"][0] == {
        "sentence": 2,
        "start": 10,
        "end": 30,
        "text": "The bank raised rates.",
        "weight": 0.7,
        "voice": "author",
    }
    assert d["Economic"]["by_voice"] == {"author": 0.8, "quote": None}
    assert json.loads(ArticleProfile(text="").to_json())["profile"]["frames"] == {}
