"""Distillation: teacher probabilities become ``soft`` rows, batches carry them, the loss mixes them in."""

from __future__ import annotations

import json
import math
from typing import Any

import pytest
import torch

from framing.errors import ConfigError, DataError
from framing.modeling.model import FramingModel
from framing.training.distill import teacher_targets
from framing.training.examples import SentenceExample, SpanExample, StanceExample, StanceTarget
from framing.training.features import collate, encode_examples
from framing.training.loop import LoopConfig, _loss, fit
from recipes.recipe import DEFAULT_TASKS

STANCE_LABELS = ("negative", "neutral", "positive")


def _stance(text: str, *names: str) -> StanceExample:
    targets = tuple(StanceTarget(((text.index(n), text.index(n) + len(n)),), "neutral") for n in names)
    return StanceExample(text, targets)


@pytest.fixture(scope="module")
def teacher(tiny_backbone: str) -> FramingModel:
    torch.manual_seed(1)
    return FramingModel.new(DEFAULT_TASKS, backbone=tiny_backbone, max_length=32)


def test_teacher_targets_attach_one_row_per_label(teacher: FramingModel) -> None:
    sentences = [SentenceExample("The council met.", "non-biased"), SentenceExample("A shameful plan.", "biased")]
    out = teacher_targets(teacher, "loaded", sentences)
    assert [ex.label for ex in out] == ["non-biased", "biased"]  # gold labels kept
    for ex in out:
        assert ex.soft is not None and len(ex.soft) == 2 and math.isclose(sum(ex.soft), 1.0, rel_tol=1e-5)
    stance = [_stance("Smith praised Jones and Lee.", "Smith", "Lee"), _stance("Brown left.", "Brown")]
    out = teacher_targets(teacher, "stance", stance, relabel=True)
    rows = [t.soft for ex in out for t in ex.targets]
    assert len(rows) == 3 and all(r is not None and len(r) == 3 for r in rows)
    for ex in out:
        for t in ex.targets:
            assert t.soft is not None
            assert t.label == STANCE_LABELS[max(range(3), key=t.soft.__getitem__)]  # relabelled


def test_teacher_targets_refuse_unknown_tasks_and_kinds_without_soft_targets(teacher: FramingModel) -> None:
    with pytest.raises(ConfigError, match="no task 'framing'"):
        teacher_targets(teacher, "framing", [SentenceExample("A plan.", "biased")])
    from framing.tasks import TaskSpec, get_task_class

    frames = get_task_class("frames")(TaskSpec("frames", "frames", ("a", "b")))
    with pytest.raises(ConfigError, match="no soft targets"):
        frames.with_teacher(teacher, [], relabel=False, batch_size=8, show_progress_bar=False)
    assert teacher_targets(teacher, "loaded", []) == []


def test_span_teacher_rows_cover_each_token_and_relabel_gives_its_spans(teacher: FramingModel) -> None:
    text = "The despotic regime rammed through a radical scheme."
    teacher.extra_config["span_threshold"] = 0.0  # every word is inside a span: relabel must mark them
    try:
        (kept,) = teacher_targets(teacher, "loaded_words", [SpanExample(text, ((4, 12, "loaded"),))])
        (relabelled,) = teacher_targets(teacher, "loaded_words", [SpanExample(text, ())], relabel=True)
    finally:
        del teacher.extra_config["span_threshold"]
    assert kept.spans == ((4, 12, "loaded"),)  # gold spans kept
    assert kept.soft is not None and kept.soft == relabelled.soft
    enc = teacher.tokenizer(text, return_offsets_mapping=True)
    assert [(a, b) for a, b, _ in kept.soft] == [(a, b) for a, b in enc["offset_mapping"] if b > a]
    for _, _, row in kept.soft:
        assert len(row) == 3 and math.isclose(sum(row), 1.0, rel_tol=1e-5)
    covered = {i for a, b, _ in relabelled.spans for i in range(a, b)}
    assert relabelled.spans and all(i in covered for i in range(text.index("despotic"), text.index(" regime")))


def test_span_soft_rows_align_by_characters_across_tokenizers() -> None:
    from framing.modeling.alignment import soft_token_rows

    # teacher tokens: "so" "-called" "reform"; student tokens: [CLS] "so" "-" "called" "reform" [SEP]
    rows = [(0, 2, (0.1, 0.8, 0.1)), (2, 9, (0.2, 0.1, 0.7)), (10, 16, (0.9, 0.05, 0.05))]
    student = [(0, 0), (0, 2), (2, 3), (3, 9), (10, 16), (0, 0)]
    out = soft_token_rows(student, rows)
    assert out == [None, [0.1, 0.8, 0.1], [0.2, 0.1, 0.7], [0.2, 0.1, 0.7], [0.9, 0.05, 0.05], None]
    assert soft_token_rows([(17, 20)], rows) == [None]  # past the teacher's last token


def test_span_batches_carry_per_token_soft_rows_and_the_loss_uses_them(teacher: FramingModel) -> None:
    spec = teacher.tasks["loaded_words"]
    text = "A shameful plan."
    (soft,) = teacher_targets(teacher, "loaded_words", [SpanExample(text, ((2, 10, "loaded"),))])
    feats = encode_examples(teacher.tokenizer, spec, [soft, SpanExample("It rained.", ())], 32)
    batch = collate(feats, 0, spec)
    width = batch["labels"].shape[1]
    assert batch["soft"].shape == (2, width, 3) and batch["soft_weight"].shape == (2, width)
    # the labelled text: weight 1 on its words, 0 on [CLS]/[SEP]; the text without rows: weight 0
    n = len(feats[0]["input_ids"])
    assert batch["soft_weight"][0, :n].tolist() == [0.0] + [1.0] * (n - 2) + [0.0]
    assert batch["soft_weight"][1].sum().item() == 0.0
    teacher.eval()
    with torch.no_grad():
        kd = _loss(teacher, "loaded_words", batch, LoopConfig(distill_alpha=1.0)).item()
    assert kd == pytest.approx(0.0, abs=1e-4)  # the teacher against its own rows
    bad = SpanExample(text, (), ((0, 1, (0.5, 0.5)),))
    with pytest.raises(DataError, match="2 tag probabilities for the 3 tags"):
        collate(encode_examples(teacher.tokenizer, spec, [bad], 32), 0, spec)


def test_batches_carry_soft_rows_aligned_with_labels(teacher: FramingModel) -> None:
    spec = teacher.tasks["stance"]
    two = _stance("Smith praised Jones.", "Smith", "Jones")
    soft = StanceExample(two.text, (two.targets[0], StanceTarget(two.targets[1].mentions, "positive", (0.1, 0.2, 0.7))))
    feats = encode_examples(teacher.tokenizer, spec, [soft, _stance("Brown left.", "Brown")], 32)
    batch = collate(feats, 0, spec)
    assert batch["labels"].tolist() == [1, 2, 1]
    assert batch["soft_weight"].tolist() == [0.0, 1.0, 0.0]
    assert batch["soft"][1].tolist() == pytest.approx([0.1, 0.2, 0.7])
    plain = encode_examples(teacher.tokenizer, spec, [two], 32)  # no teacher rows: no soft tensors
    assert "soft" not in collate(plain, 0, spec)
    short = StanceExample(two.text, (StanceTarget(two.targets[0].mentions, "positive", (0.3, 0.7)),))
    with pytest.raises(DataError, match="2 probabilities for 3 labels"):
        collate(encode_examples(teacher.tokenizer, spec, [short], 32), 0, spec)


def test_distill_loss_is_zero_at_the_teacher_and_positive_elsewhere(teacher: FramingModel) -> None:
    kind = teacher.tasks["stance"].task
    logits = torch.tensor([[0.5, -1.0, 2.0], [0.0, 0.0, 0.0]])
    same = torch.softmax(logits, -1)
    weight = torch.tensor([1.0, 1.0])
    for t in (1.0, 2.0, 4.0):
        assert kind.distill_loss(logits, same, weight, t).item() == pytest.approx(0.0, abs=1e-5)
    other = torch.tensor([[0.1, 0.8, 0.1], [0.7, 0.2, 0.1]])
    assert kind.distill_loss(logits, other, weight, 2.0).item() > 0.1
    # a row without a teacher (weight 0) does not count
    only_first = kind.distill_loss(logits, torch.stack([same[0], other[1]]), torch.tensor([1.0, 0.0]), 2.0)
    assert only_first.item() == pytest.approx(0.0, abs=1e-5)


def test_loss_mixes_gold_and_teacher_by_alpha(teacher: FramingModel) -> None:
    spec = teacher.tasks["loaded"]
    ex = [SentenceExample("A shameful plan.", "biased", (0.9, 0.1)), SentenceExample("It rained.", "non-biased")]
    batch = collate(encode_examples(teacher.tokenizer, spec, ex, 32), 0, spec)
    teacher.eval()  # no dropout: the three losses see the same logits
    with torch.no_grad():
        gold = _loss(teacher, "loaded", batch, LoopConfig(distill_alpha=0.0)).item()
        kd = _loss(teacher, "loaded", batch, LoopConfig(distill_alpha=1.0)).item()
        mixed = _loss(teacher, "loaded", batch, LoopConfig(distill_alpha=0.25)).item()
    assert kd != pytest.approx(gold)
    assert mixed == pytest.approx(0.75 * gold + 0.25 * kd, rel=1e-5)


def test_fit_moves_the_student_towards_the_teacher(tiny_backbone: str) -> None:
    torch.manual_seed(0)
    student = FramingModel.new([t for t in DEFAULT_TASKS if t.name == "loaded"], backbone=tiny_backbone)
    texts = [f"Statement number {i} about the plan." for i in range(8)]
    # the teacher says "biased" with 0.9 for all, the (pseudo) gold labels alternate
    train = [SentenceExample(t, "biased" if i % 2 else "non-biased", (0.1, 0.9)) for i, t in enumerate(texts)]

    def p_biased() -> float:
        return float(sum(o.sentence["loaded"][1] for o in student.predict(texts)) / len(texts))

    before = p_biased()
    cfg: dict[str, Any] = dict(epochs=8, learning_rate=5e-3, batch_size=4, patience=99, show_progress_bar=False)
    fit(student, {"loaded": train}, {"loaded": train[:2]}, LoopConfig(distill_alpha=1.0, **cfg))
    assert p_biased() > before + 0.1


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("distill_alpha", 1.5),
        ("distill_alpha", -0.1),
        ("distill_temperature", 0),
        ("distill_temperature", math.inf),
        ("task_head_learning_rates", {"loaded": math.inf}),
        ("task_head_learning_rates", {"loaded": 0.0}),
    ],
)
def test_loop_config_checks_distill_and_head_rate_options(field: str, value: Any) -> None:
    with pytest.raises(ConfigError, match=field):
        LoopConfig(**{field: value})


@pytest.mark.parametrize(("field", "value"), [("distill_alpha", 2.0), ("distill_temperature", -1.0)])
def test_training_arguments_check_and_pass_distill_options(field: str, value: float) -> None:
    from framing.training.arguments import TrainingArguments
    from framing.training.trainer import _loop_config

    with pytest.raises(ConfigError, match=field):
        TrainingArguments(task="sentence", output_dir="out", **{field: value})
    cfg = _loop_config(TrainingArguments(task="sentence", output_dir="out", distill_alpha=0.8, distill_temperature=3.0))
    assert (cfg.distill_alpha, cfg.distill_temperature) == (0.8, 3.0)


def _write_pairs(path: Any, rows: list[dict]) -> None:
    path.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")


def test_recipe_pairs_are_labelled_by_the_teacher_and_cached(tiny_model_dir: Any, tmp_path: Any) -> None:
    from recipes import distill

    pairs_file = tmp_path / "pairs.jsonl"
    _write_pairs(
        pairs_file,
        [
            {"text": "Smith praised Jones.", "targets": [[[[0, 5]], "Smith"], [[[14, 19]], "Jones"]]},
            {"text": "Brown left.", "targets": [[[[0, 5]], "Brown"]]},
        ],
    )
    pairs = distill.read_pairs(pairs_file)
    gold = [StanceExample("Lee won.", (StanceTarget(((0, 3),), "positive"),))]
    cache = tmp_path / "ckpt" / "teacher_stance.jsonl"
    out = distill.soft_stance(tiny_model_dir, gold, pairs, cache=cache)
    assert out[0].targets[0].label == "positive"  # gold keeps its label
    for ex in out[1:]:
        for t in ex.targets:
            assert t.soft is not None and t.label == STANCE_LABELS[max(range(3), key=t.soft.__getitem__)]
    assert len(cache.read_text().splitlines()) == 3  # one line per example
    # a rerun reads every row from the cache: the teacher is not even loaded
    again = distill.soft_stance(tmp_path / "no-such-teacher", gold, pairs, cache=cache)
    assert again == out


def test_recipe_pairs_name_the_bad_line(tmp_path: Any) -> None:
    from recipes import distill

    pairs_file = tmp_path / "pairs.jsonl"
    _write_pairs(pairs_file, [{"text": "Brown left.", "targets": [[[[0, 5]], "Brown"]]}, {"text": "No targets key"}])
    with pytest.raises(DataError, match=r"pairs.jsonl, line 2: not a stance pair"):
        distill.read_pairs(pairs_file)


def test_recipe_pairs_point_at_discovered_targets() -> None:
    from recipes.pairs import article_pairs

    text = (
        "Mayor Ahmed Karimi unveiled the budget on Monday. Critics said Karimi ignored the suburbs. "
        "The weather was mild."
    )
    pairs = list(article_pairs([text]))
    assert [p["text"] for p in pairs] == [
        "Mayor Ahmed Karimi unveiled the budget on Monday.",
        "Critics said Karimi ignored the suburbs.",
    ]  # the sentence without a target gives no pair
    for p in pairs:
        karimi = [spans for spans, name in p["targets"] if name == "Ahmed Karimi"]
        assert len(karimi) == 1, p
        assert {p["text"][a:b] for a, b in karimi[0]} <= {"Ahmed Karimi", "Karimi"}


def test_recipe_pairs_from_a_seeded_sample_of_anno_lexical_sentences(tmp_path: Any) -> None:
    from recipes import pairs as recipe_pairs

    rows = [
        {"text": "Senator Maria Lopez blasted the bill on Tuesday.", "label": "biased"},
        {"text": "The weather was mild.", "label": "non-biased"},
        {"text": "Acme Corp reported record profits.", "label": "non-biased"},
    ]
    (tmp_path / "anno_lexical").mkdir()
    (tmp_path / "anno_lexical" / "train.jsonl").write_text("".join(json.dumps(r) + "\n" for r in rows))
    sample = recipe_pairs.anno_lexical_texts(tmp_path, 2, seed=7)
    assert len(sample) == 2 and set(sample) < {r["text"] for r in rows}
    assert sample == recipe_pairs.anno_lexical_texts(tmp_path, 2, seed=7)  # seeded
    out = tmp_path / "pairs.jsonl"
    argv = ["--data", str(tmp_path), "--source", "anno-lexical", "--sentences", "3", "--out", str(out)]
    assert recipe_pairs.main(argv) == 0
    written = [json.loads(line) for line in out.read_text().splitlines()]
    assert {w["text"] for w in written} == {rows[0]["text"], rows[2]["text"]}  # no target, no pair
    lopez = next(w for w in written if w["text"] == rows[0]["text"])
    assert [(lopez["text"][a:b], name) for spans, name in lopez["targets"] for a, b in spans] == [
        ("Maria Lopez", "Maria Lopez")
    ]  # a name mentioned once in its one-sentence text is a target


def test_recipe_span_teacher_rows_are_cached_and_label_unlabelled_sentences(tiny_model_dir: Any, tmp_path: Any) -> None:
    from recipes import distill

    gold = [SpanExample("A shameful plan.", ((2, 10, "loaded"),))]
    sentences = ["The council met on Monday.", "Critics called it a radical scheme."]
    cache = tmp_path / "ckpt" / "teacher_spans.jsonl"
    out = distill.soft_spans(tiny_model_dir, gold, sentences, cache=cache)
    assert [ex.text for ex in out] == [gold[0].text, *sentences]
    assert out[0].spans == gold[0].spans  # gold keeps its spans
    assert all(ex.soft for ex in out)
    assert len(cache.read_text().splitlines()) == 3
    # a rerun reads every row from the cache (the teacher is not loaded) and builds the same examples
    assert distill.soft_spans(tmp_path / "no-such-teacher", gold, sentences, cache=cache) == out


def test_recipe_sentence_teacher_rows_keep_the_labels_and_are_cached(tiny_model_dir: Any, tmp_path: Any) -> None:
    from recipes import distill

    gold = [SentenceExample("A shameful plan.", "biased")]
    weak = [SentenceExample("The council met on Monday.", "non-biased"), SentenceExample("A radical scheme.", "biased")]
    cache = tmp_path / "ckpt" / "teacher_loaded.jsonl"
    out = distill.soft_sentences(tiny_model_dir, gold, weak, cache=cache)
    assert [(ex.text, ex.label) for ex in out] == [(ex.text, ex.label) for ex in [*gold, *weak]]  # labels kept
    for ex in out:
        assert ex.soft is not None and len(ex.soft) == 2 and sum(ex.soft) == pytest.approx(1.0)
    assert len(cache.read_text().splitlines()) == 3
    # a rerun reads every row from the cache (the teacher is not loaded) and builds the same examples
    assert distill.soft_sentences(tmp_path / "no-such-teacher", gold, weak, cache=cache) == out


def test_recipe_sentence_teacher_needs_a_loaded_head(tiny_backbone: str, tmp_path: Any) -> None:
    from recipes import distill

    folder = tmp_path / "stance-only"
    FramingModel.new([t for t in DEFAULT_TASKS if t.name == "stance"], backbone=tiny_backbone).save_pretrained(folder)
    with pytest.raises(ConfigError, match="sentence teacher needs a 'loaded' head"):
        distill.soft_sentences(folder, [SentenceExample("A plan.", "biased")])


def test_fit_moves_a_span_student_towards_its_teacher_rows(tiny_backbone: str) -> None:
    torch.manual_seed(0)
    student = FramingModel.new([t for t in DEFAULT_TASKS if t.name == "loaded_words"], backbone=tiny_backbone)
    texts = [f"Report {i} called the plan shameful." for i in range(8)]
    enc = student.tokenizer(texts[0], return_offsets_mapping=True)
    start = texts[0].index("shameful")
    # the teacher: "shameful" is B-loaded with 0.9, every other token O with 0.9; no gold spans at all
    rows = tuple(
        (a, b, (0.05, 0.9, 0.05) if a >= start else (0.9, 0.05, 0.05)) for a, b in enc["offset_mapping"] if b > a
    )
    train = [SpanExample(t, (), rows) for t in texts]

    def p_inside() -> tuple[float, float]:  # mean 1 - P(O) of the tokens of "shameful ." and of the others
        student.eval()
        with torch.no_grad():
            ids = torch.tensor([enc["input_ids"]])
            inside = 1.0 - student(ids, torch.ones_like(ids), ["loaded_words"])["loaded_words"].softmax(-1)[0, :, 0]
        words = [(k, a >= start) for k, (a, b) in enumerate(enc["offset_mapping"]) if b > a]
        loaded = [k for k, yes in words if yes]
        plain = [k for k, yes in words if not yes]
        return float(inside[loaded].mean()), float(inside[plain].mean())

    cfg: dict[str, Any] = dict(epochs=30, learning_rate=5e-3, batch_size=4, patience=99, show_progress_bar=False)
    fit(student, {"loaded_words": train}, {}, LoopConfig(distill_alpha=1.0, **cfg))  # no dev: keep the last epoch
    loaded, plain = p_inside()
    assert loaded > 0.8 and plain < 0.3  # learnt from the teacher's rows alone: there is no gold span
