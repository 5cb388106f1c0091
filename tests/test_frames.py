"""Article frames: the ``frames`` task kind (train, save, load, evaluate), its pooling, and the profile's frames."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
import torch

from framing.errors import DataError, ModelLoadError
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


def test_an_empty_csv_cell_is_an_error_that_says_to_write_an_empty_list(tmp_path: Path) -> None:
    path = tmp_path / "frames.csv"
    pd.DataFrame({"text": ["An article.", "Another article."], "labels": ["Economic", None]}).to_csv(path, index=False)
    with pytest.raises(DataError, match=r"row 1: the labels cell is empty \(write \[\] for an article"):
        prepare_examples(str(path), "frames")
    pd.DataFrame({"text": ["An article.", "Another article."], "labels": ["Economic", "[]"]}).to_csv(path, index=False)
    assert [ex.labels for ex in prepare_examples(str(path), "frames").examples] == [("Economic",), ()]


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
    np.testing.assert_allclose(probs, torch.sigmoid(logits[0]).detach().numpy(), atol=1e-5)  # NumPy == torch pooling
    np.testing.assert_allclose(w, weights.detach().numpy(), atol=1e-5)


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


def test_recipe_head_learns_a_planted_frame_from_cached_embeddings() -> None:
    from recipes.frames import predict_head, train_head, tune_thresholds

    rng = np.random.default_rng(0)
    embs, gold = [], []
    for i in range(40):
        x = rng.normal(size=(int(rng.integers(1, 7)), 8)).astype(np.float32)
        if i % 2:
            x[0, 0] += 4.0  # one sentence of the article carries frame 0
        embs.append(x)
        gold.append([i % 2, 0])
    y = np.array(gold)
    head, snaps = train_head(embs, y, epochs=40, seed=0, lr=1e-2, eval_embs=embs, eval_every=20)
    assert sorted(snaps) == [20, 40]
    p = predict_head(head, embs)
    np.testing.assert_allclose(p, snaps[40], atol=1e-6)
    assert p[1::2, 0].mean() > p[0::2, 0].mean() + 0.3
    th = tune_thresholds(y, p, ["a", "b"])
    assert multilabel_metrics(y, p, ["a", "b"], th)["per_class"]["a"]["f1"] > 0.9


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


# ---------------------------------------------------------------------------------------------- reports
INJECTION = "<img src=x onerror=alert(1)>"


def _frames_profile(p_economic: float = 0.8, text_extra: str = "") -> ArticleProfile:
    from _profiles import S, make_profile

    base = make_profile([[S("The bank raised rates."), S(f"Prices rose {text_extra}."), S("Police made arrests.")]])
    s1 = base.sentences[1]
    ev = (FrameEvidence(s1.index, s1.start, s1.end, s1.text, 0.6, s1.voice),)
    frames = {
        "Economic": FrameScore("Economic", p_economic, 0.4, ev, {"author": p_economic, "quote": None}, (0.6, 0.9)),
        "Crime_and_punishment": FrameScore("Crime_and_punishment", 0.3, 0.5, (), {}, (0.1, 0.4)),
    }
    from dataclasses import replace

    return replace(base, frames=frames)


def test_text_summary_lists_frames_and_evidence() -> None:
    text = _frames_profile().summary()
    assert "Frames (P(the article uses the frame)" in text
    assert "* Economic" in text and "  Crime and punishment" in text
    assert "Economic: evidence" in text and "#1 (author; weight 0.60): Prices rose" in text
    assert text.index("Economic  ") < text.index("Crime and punishment  ")
    assert "Frames" not in ArticleProfile(text="Hello.").summary()


def test_html_report_shows_frame_bars_and_escapes_evidence() -> None:
    import re

    from framing.report.html import render_article

    html = render_article(_frames_profile(text_extra=INJECTION))
    assert '<tr class="frame on" data-f="0"' in html and 'data-f="1"' in html
    assert "<h3>Frames</h3>" in html and 'aria-label="P(Economic): 0.80"' in html
    assert "<img" not in html and INJECTION not in html
    raw = re.search(r'<script type="application/json" id="framing-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    assert data["frames"][0]["evidence"] == [{"sentence": 1, "weight": 0.6}]
    assert data["frames"][0]["present"] is True and data["frames"][1]["present"] is False
    assert "No frames head" in render_article(ArticleProfile(text=""))


def test_compare_gives_frame_differences_with_intervals() -> None:
    from framing.report.compare import compare

    c = compare([_frames_profile(0.8), _frames_profile(0.5)], names=["A", "B"])
    econ = next(f for f in c.frames if f.name == "Economic")
    ((i, j, d, ci),) = econ.differences
    assert (i, j) == (0, 1) and d == pytest.approx(-0.3)
    half = float(np.hypot(0.15, 0.15))
    assert ci == pytest.approx((-0.3 - half, -0.3 + half))
    d_json = c.to_dict()["frames"][0]
    assert d_json["articles"]["A"]["probability"] == 0.8 and d_json["differences"][0]["b"] == "B"
    assert "B - A: -0.30 (95% CI" in c.to_text()
    assert "<h2>Frames</h2>" in c.to_html()


def test_corpus_frame_shares_per_group() -> None:
    from framing.profile.flatten import article_row
    from framing.report.corpus import group_frames

    rows = []
    for outlet, ps in (("A", [0.8, 0.7, 0.9]), ("B", [0.1, 0.2])):
        for p in ps:
            rows.append({"outlet": outlet, **article_row(_frames_profile(p))})
    rows.append({"outlet": "C", **article_row(ArticleProfile(text=""))})  # no frames head: left out
    out = group_frames(pd.DataFrame(rows), "outlet", method="t").set_index(["outlet", "frame"])
    assert out.loc[("A", "Economic"), "share"] == pytest.approx(1.0)
    assert out.loc[("B", "Economic"), "share"] == pytest.approx(0.0)
    assert out.loc[("A", "Economic"), "probability_mean"] == pytest.approx(0.8)
    assert out.loc[("A", "Economic"), "n_articles"] == 3 and bool(out.loc[("A", "Economic"), "small_sample"])
    assert 0.0 <= out.loc[("B", "Economic"), "probability_ci_lo"] <= 0.15
    assert "C" not in out.index.get_level_values(0)


# ---------------------------------------------------------------------------------------------- analyzer
@pytest.fixture(scope="module")
def tiny_frames_dir(tiny_model_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> Path:
    import shutil

    from recipes.frames import install_head

    folder = tmp_path_factory.mktemp("tiny-frames") / "model"
    shutil.copytree(tiny_model_dir, folder)
    torch.manual_seed(3)
    head = FramesHead(32, 3, 0.0)
    labels = ["Economic", "Political", "Crime_and_punishment"]
    install_head(folder, head, labels, dict.fromkeys(labels, 0.5), {"seed": 3})
    return folder


def test_analyzer_profile_has_frames_for_any_length(tiny_frames_dir: Path) -> None:
    from framing import Analyzer

    analyzer = Analyzer(tiny_frames_dir, nlp=None, batch_size=16)
    assert analyzer.roles.frames is not None and analyzer.roles.frames.task == "frames"
    body = " ".join(f"Sentence number {i} says the budget grew." for i in range(210))
    text = f'{body} "We will win," the mayor said.'
    profile = analyzer.analyze(text)
    assert profile.n_sentences >= 200
    assert list(profile.frames) == ["Economic", "Political", "Crime_and_punishment"]
    for f in profile.frames.values():
        assert 0.0 < f.probability < 1.0 and len(f.evidence) == 3
        assert f.ci95 is not None and f.ci95[0] <= f.probability <= f.ci95[1]
        assert set(f.by_voice) == {"author", "quote"}
        for e in f.evidence:
            assert text[e.start : e.end] == e.text
    d = json.loads(profile.to_json())
    assert set(d["profile"]["frames"]) == set(profile.frames)
    # the head rides on the one encoder pass: pooling the sentences' rows by hand gives the same numbers
    model = analyzer.models[0]
    rows = [o.other["frames"] for o in model.predict([s.text for s in profile.sentences], tasks=["frames"])]
    probs, _ = article_frames(rows)
    np.testing.assert_allclose([f.probability for f in profile.frames.values()], probs, atol=1e-5)
    short = analyzer.analyze("Only one sentence here.")
    assert all(len(f.evidence) == 1 and f.evidence[0].weight == pytest.approx(1.0) for f in short.frames.values())
    assert analyzer.analyze("").frames == {}


def test_cli_json_includes_frames(tiny_frames_dir: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from framing.cli import main

    article = tmp_path / "a.txt"
    article.write_text("Prices rose sharply. The central bank met on Tuesday.", encoding="utf-8")
    assert main(["analyze", str(article), "--model", str(tiny_frames_dir), "--nlp", "none", "--format", "json"]) == 0
    out = json.loads(capsys.readouterr().out)
    assert set(out["profile"]["frames"]) == {"Economic", "Political", "Crime_and_punishment"}


# ---------------------------------------------------------------------------------------------- shipped head
ECONOMIC = (
    "The central bank raised interest rates by half a point on Wednesday as inflation hit a 40-year high. "
    "Economists warned that higher borrowing costs would slow economic growth and cut corporate investment. "
    "Stock markets fell sharply, bond yields climbed and the dollar rose against the euro. "
    "The trade deficit widened to 80 billion dollars, and the budget office raised its forecast for public debt. "
    "Analysts expect the economy to shrink in the next quarter."
)
CRIME = (
    "Police arrested three men on Saturday in connection with the armed robbery of a jewellery store. "
    "Prosecutors charged the suspects with robbery, assault and illegal possession of firearms. "
    "A judge denied them bail, and each faces up to 25 years in prison if convicted. "
    "Detectives said the gang was also wanted for a string of burglaries and a fatal shooting last month."
)


@pytest.fixture(scope="module")
def shipped_profiles() -> tuple[ArticleProfile, ArticleProfile]:
    from framing import Analyzer

    analyzer = Analyzer(nlp=None)
    assert analyzer.roles.frames is not None
    economic, crime = analyzer.pipe([ECONOMIC, CRIME])
    return economic, crime


def _top(profile: ArticleProfile) -> str:
    return max(profile.frames.values(), key=lambda f: f.probability).name


@pytest.mark.slow
def test_shipped_head_reads_a_crime_article_and_tells_it_from_an_economic_one(
    shipped_profiles: tuple[ArticleProfile, ArticleProfile],
) -> None:
    economic, crime = shipped_profiles
    assert _top(crime) == "Crime_and_punishment", {f.name: round(f.probability, 2) for f in crime.frames.values()}
    assert "Crime_and_punishment" in crime.frames_present
    assert "Crime_and_punishment" not in economic.frames_present
    assert crime.frames["Crime_and_punishment"].probability > economic.frames["Crime_and_punishment"].probability + 0.5
    assert economic.frames["Economic"].probability > crime.frames["Economic"].probability + 0.2


@pytest.mark.slow
@pytest.mark.xfail(
    strict=True,
    reason="known gap (model card): Economic has 28 training articles; on this article the mean-pooled head "
    "(5 seeds) marks Economic present (0.47, threshold 0.2) but ranks it sixth, after Health_and_safety (0.78), "
    "Quality_of_life, Political, Legality and Capacity_and_resources",
)
def test_shipped_head_puts_economic_first_for_an_economic_article(
    shipped_profiles: tuple[ArticleProfile, ArticleProfile],
) -> None:
    economic, _ = shipped_profiles
    assert _top(economic) == "Economic", {f.name: round(f.probability, 2) for f in economic.frames.values()}


@pytest.mark.slow
def test_shipped_head_marks_economic_present_for_an_economic_article(
    shipped_profiles: tuple[ArticleProfile, ArticleProfile],
) -> None:
    economic, crime = shipped_profiles
    assert "Economic" in economic.frames_present, {f.name: round(f.probability, 2) for f in economic.frames.values()}
    assert "Economic" not in crime.frames_present
    # evidence: the sentences with the head's highest Economic logits, offsets into the article
    ev = economic.frames["Economic"].evidence
    assert len(ev) == 3 and all(ECONOMIC[e.start : e.end] == e.text for e in ev)


@pytest.mark.slow
def test_shipped_frames_head_is_its_own_file() -> None:
    from safetensors import safe_open

    from framing.analyzer import default_model_path

    folder = default_model_path()
    cfg = json.loads((folder / "framing_config.json").read_text())
    assert cfg["extra"]["head_files"] == {"frames": "frames_head.safetensors"}
    assert [t["name"] for t in cfg["tasks"] if t["kind"] == "frames"] == ["frames"]
    thresholds = cfg["extra"]["frame_thresholds"]["frames"]
    assert set(thresholds) == set(cfg["tasks"][-1]["labels"]) and len(thresholds) == 14
    with safe_open(str(folder / "frames_head.safetensors"), "pt") as fh:
        assert all(k.startswith("frames.") for k in fh.keys())
    with safe_open(str(folder / "heads.safetensors"), "pt") as fh:
        assert not any(k.startswith("frames.") for k in fh.keys())


# ---------------------------------------------------------------------------------------------- CLI
def test_cli_trains_a_frames_model_from_a_table_with_label_lists(
    tiny_backbone: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    from framing.cli import main

    rows = [
        {"body": text, "frames": labels if isinstance(labels, list) else labels.split(",")} for text, labels in ARTICLES
    ]
    rows[5]["frames"] = []  # an article without frames
    data = tmp_path / "articles.jsonl"
    data.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    out = tmp_path / "model"
    argv = [
        "train", str(data), "--task", "frames", "--text-column", "body", "--label-column", "frames",
        "--output-dir", str(out), "--backbone", tiny_backbone, "--epochs", "1", "--batch-size", "3",
        "--min-examples", "1", "--no-progress", "--seed", "0",
    ]  # fmt: skip
    assert main(argv) == 0, capsys.readouterr().err
    assert "saved" in capsys.readouterr().out
    model = FramingModel.from_pretrained(out)
    assert model.tasks["frames"].kind == "frames"
    assert list(model.tasks["frames"].labels) == ["Crime_and_punishment", "Economic", "Political"]
    probs = model.tasks["frames"].task.predict_articles(
        model, ["Prices rose. Rates went up."], batch_size=4, show_progress_bar=False
    )
    assert probs.shape == (1, 3) and np.all((probs > 0) & (probs < 1))
    # the same from a CSV whose label cells are strings of names ("[]": no frame; an empty cell is missing)
    csv = tmp_path / "articles.csv"
    pd.DataFrame(
        [{"text": t, "labels": ";".join(r["frames"]) or "[]"} for (t, _), r in zip(ARTICLES, rows, strict=True)]
    ).to_csv(csv)
    argv = ["train", str(csv), "--task", "frames", "--output-dir", str(tmp_path / "m2"), "--backbone", tiny_backbone,
            "--epochs", "1", "--min-examples", "1", "--no-progress"]  # fmt: skip
    assert main(argv) == 0, capsys.readouterr().err
    assert FramingModel.from_pretrained(tmp_path / "m2").tasks["frames"].kind == "frames"


def test_mean_pooled_seed_ensemble_installs_as_one_head_with_sentence_evidence() -> None:
    from recipes.frames import predict_head, predict_heads, shippable_head, train_head

    rng = np.random.default_rng(1)
    embs = [rng.normal(size=(int(rng.integers(1, 6)), 8)).astype(np.float32) for _ in range(12)]
    gold = rng.integers(0, 2, size=(12, 2))
    heads = [train_head(embs, gold, epochs=2, seed=s, pooling="mean", lr=1e-2)[0] for s in (0, 1, 2)]
    merged = shippable_head(heads, "mean")
    # the library's attention+mean pooling of the merged head == the ensemble's averaged mean-pooled logits
    np.testing.assert_allclose(
        predict_head(merged, embs, "attention+mean"), predict_heads(heads, embs, "mean"), atol=1e-5
    )
    rows = merged.sentence_rows(torch.from_numpy(embs[0])).detach().numpy()
    _, weights = article_frames(rows)
    assert np.argmax(weights[:, 0]) == np.argmax(rows[:, 4])  # evidence: the sentence with the highest logit
    with pytest.raises(ValueError, match="one seed"):
        shippable_head(heads, "attention+mean")
