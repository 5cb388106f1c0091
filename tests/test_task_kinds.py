"""Task kinds are classes in a registry: a fourth kind is one class, written and registered here.

``TopicTask`` is a sentence-level multi-class head over the first token's state (not the mean pool
of the built-in ``sentence`` kind) whose predictions are ``{label: probability}`` dicts. Nothing
outside this file changes to train, save, reload, evaluate and score it.
"""

from __future__ import annotations

import json
from collections.abc import Iterator, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
import torch
from torch import nn

from framing.errors import ConfigError
from framing.modeling.model import FramingModel
from framing.tasks import ClassificationTask, RowContext, TaskSpec, register_task, task_kinds, unregister_task
from framing.training import Trainer, TrainingArguments, evaluate_model

TOPICS = [
    ("The striker scored twice in the derby.", "sport"),
    ("Parliament passed the budget on Tuesday.", "politics"),
    ("Shares fell after the earnings report.", "business"),
    ("The coach praised the young goalkeeper.", "sport"),
    ("The minister resigned over the scandal.", "politics"),
    ("The bank raised its interest rate.", "business"),
]


@dataclass(frozen=True)
class TopicExample:
    """One text and its topic."""

    text: str
    label: str


class FirstTokenHead(nn.Module):
    """Classification from the first ([CLS]) token's state."""

    def __init__(self, hidden: int, n_labels: int, dropout: float) -> None:
        super().__init__()
        self.dropout = nn.Dropout(dropout)
        self.out = nn.Linear(hidden, n_labels)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        return self.out(self.dropout(hidden[:, 0]))


class TopicTask(ClassificationTask):
    """``topic``: one of several topics per text; predictions are ``{topic: probability}``."""

    example_type = TopicExample

    @classmethod
    def examples_from_columns(cls, columns: Mapping[str, Sequence[Any]], rows: Sequence[Any], reader: Any) -> list:
        out = []
        for pos, (text, label) in enumerate(zip(columns["text"], columns["label"], strict=True)):
            t, lab = reader.text(text, rows[pos]), reader.label(label, rows[pos])
            if t is not None and lab is not None:
                out.append(TopicExample(t, lab))
        return out

    @classmethod
    def new_head(cls, hidden: int, n_outputs: int, dropout: float) -> nn.Module:
        return FirstTokenHead(hidden, n_outputs, dropout)

    def forward(self, head: nn.Module, hidden: torch.Tensor, inputs: Mapping[str, Any]) -> torch.Tensor:
        return head(hidden)

    def decode(self, probs: np.ndarray, row: RowContext) -> dict[str, float]:
        return {lab: float(p) for lab, p in zip(self.spec.labels, probs[row.row], strict=True)}

    def features(self, example: Any, encoding: Any, index: int) -> dict[str, Any]:
        return {"label": self.output_index[example.label]}

    def evaluate(
        self, model: Any, examples: Sequence[Any], *, batch_size: int, span_threshold: float, show_progress_bar: Any
    ) -> tuple[dict[str, Any], int]:
        from framing.training.evaluate import classification_metrics

        outs = model.predict([ex.text for ex in examples], tasks=[self.spec.name], batch_size=batch_size)
        probs = np.array([[o[self.spec.name][lab] for lab in self.spec.labels] for o in outs])
        gold = [self.output_index[ex.label] for ex in examples]
        return classification_metrics(gold, probs, list(self.spec.labels)), len(gold)


@pytest.fixture()
def topic_kind() -> Iterator[type[TopicTask]]:
    """Register ``topic`` for one test (so other tests see only the built-in kinds)."""
    cls = register_task("topic")(TopicTask)
    try:
        yield cls
    finally:
        unregister_task("topic")


def test_fourth_kind_trains_saves_reloads_and_scores(
    topic_kind: type[TopicTask], tiny_backbone: str, tmp_path: Path
) -> None:
    assert task_kinds() == ("sentence", "span", "stance", "frames", "topic")
    data = pd.DataFrame(TOPICS, columns=["text", "label"])
    args = TrainingArguments(
        task="topic",
        output_dir=tmp_path / "topic",
        backbone=tiny_backbone,
        finetune="lora",
        num_train_epochs=1,
        batch_size=len(TOPICS),  # one step
        early_stopping_patience=None,
        min_examples_per_class=1,
        show_progress_bar=False,
        seed=0,
    )
    trainer = Trainer(args=args, train_dataset=data, eval_dataset=data)
    folder = trainer.train()
    assert trainer.history["steps"] == 1
    assert trainer.eval_report.kind == "topic" and trainer.eval_report.n_examples == len(TOPICS)
    assert "macro avg" in trainer.eval_report.to_text()

    cfg = json.loads((folder / "framing_config.json").read_text())
    assert cfg["tasks"] == [
        {
            "name": "topic",
            "kind": "topic",
            "labels": ["business", "politics", "sport"],
            "positive_label": None,
            "temperature": 1.0,
        }
    ]
    texts = list(data["text"])
    before = trainer.model.predict(texts)
    loaded = FramingModel.from_pretrained(folder)
    assert isinstance(loaded.tasks["topic"].task, TopicTask)
    assert isinstance(loaded.heads["topic"], FirstTokenHead)
    after = loaded.predict(texts)
    for a, b in zip(before, after, strict=True):
        assert set(b.other["topic"]) == {"business", "politics", "sport"}
        assert b["topic"] is b.other["topic"]
        assert sum(b["topic"].values()) == pytest.approx(1.0, abs=1e-5)
        np.testing.assert_allclose(list(a["topic"].values()), list(b["topic"].values()), atol=1e-6)
    report = evaluate_model(folder, data)
    assert report.task == "topic" and report.n_examples == len(TOPICS)


def test_kind_names_are_checked(topic_kind: type[TopicTask]) -> None:
    class Other(ClassificationTask):
        pass

    with pytest.raises(ConfigError, match="already registered"):
        register_task("topic")(Other)
    assert register_task("topic")(TopicTask) is TopicTask  # the same class again is fine
    with pytest.raises(ConfigError, match="subclass of framing.tasks.Task"):
        register_task("nothing")(dict)  # type: ignore[arg-type]


def test_unknown_kinds_are_refused() -> None:
    with pytest.raises(ConfigError, match="kind must be sentence, span, stance or frames, got 'topic'"):
        TaskSpec("x", "topic", ("a", "b"))
    with pytest.raises(ConfigError, match="task must be one of"):
        TrainingArguments(task="topic", output_dir="unused")
    assert TaskSpec("x", "span", ("loaded",)).outputs == ("O", "B-loaded", "I-loaded")
