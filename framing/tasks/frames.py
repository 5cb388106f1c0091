"""``frames``: document-level multi-label frames, pooled over per-sentence evidence from one encoder pass each.

A training example is a whole article and the list of frames it uses (e.g. the 14 Policy Frames Codebook
dimensions of SemEval-2023 Task 3 subtask 2). The article is split into sentences (the Analyzer's rule-based
splitter), each sentence goes through the shared encoder like every other head's input, and
:class:`~framing.modeling.heads.FramesHead` turns each sentence's mean-pooled states into evidence,
attention and context rows; :func:`~framing.modeling.heads.pool_frames` pools them into article logits
(sigmoid per frame). At inference ``FramingModel.predict`` gives each sentence's rows
(``ModelOutput.other[task]``) and :func:`article_frames` pools them, so frames ride on the Analyzer's one
pass per sentence.

Data columns ``text`` (the article) and ``labels`` (its frames: a list, a JSON list, or a string separated
by ``,`` ``;`` or ``|``; an empty list means no frame). A frame counts as present when its probability
reaches its threshold: ``extra_config["frame_thresholds"][task][frame]`` (tuned on dev data), else 0.5.
"""

from __future__ import annotations

import json
import logging
import re
from collections.abc import Iterable, Mapping, Sequence
from typing import TYPE_CHECKING, Any

from framing.tasks.base import RowContext, Task, is_missing_cell
from framing.tasks.registry import register_task
from framing.training.examples import FramesExample

if TYPE_CHECKING:
    import numpy as np
    import torch
    from torch import nn

    from framing.modeling.windows import TextWindows
    from framing.training.data import Problems, RowReader
    from framing.training.evaluate import EvaluationReport

logger = logging.getLogger(__name__)

__all__ = [
    "FramesTask",
    "article_frames",
    "article_sentences",
    "frame_thresholds",
    "multilabel_metrics",
    "split_labels",
    "DEFAULT_THRESHOLD",
]

DEFAULT_THRESHOLD = 0.5
_SEPARATORS = re.compile(r"[,;|]")


def split_labels(value: Any) -> list[str] | None:
    """A cell of frame labels as a list of names (``None``: the cell is not a list of labels)."""
    if is_missing_cell(value):
        return None
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, str):
        s = value.strip()
        if s.startswith("["):
            try:
                value = json.loads(s)
            except json.JSONDecodeError:
                return None
        else:
            return [x.strip() for x in _SEPARATORS.split(s) if x.strip()]
    if isinstance(value, (list, tuple)):
        if not all(isinstance(x, str) for x in value):
            return None
        return [x.strip() for x in value if x.strip()]
    return None


def frame_thresholds(extra_config: Mapping[str, Any], task: str, labels: Sequence[str]) -> dict[str, float]:
    """Each frame's threshold for ``task``: tuned ones stored in the model's ``extra_config``, else 0.5."""
    stored = (extra_config.get("frame_thresholds") or {}).get(task) or {}
    return {lab: float(stored.get(lab, DEFAULT_THRESHOLD)) for lab in labels}


def article_sentences(text: str) -> list[str]:
    """The non-blank sentences of an article as the frames head sees them (the rule-based splitter the
    Analyzer scores with, whatever the spaCy pipeline)."""
    from framing.segment.sentences import split_sentences

    return [text[s:e] for s, e, _ in split_sentences(text) if text[s:e].strip()]


def article_frames(rows: Sequence[np.ndarray] | np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """One article's frame probabilities [F] and attention weights [S, F] from its sentences' head rows [S, 3F]
    (or, for a batch of articles of equal length such as resamples of one article, [B, S, 3F] -> [B, F], [B, S, F])."""
    import numpy as np

    arr = np.asarray(rows, dtype=np.float64)
    if arr.ndim not in (2, 3) or arr.shape[-2] == 0:
        raise ValueError("article_frames needs the rows of at least one sentence")
    # pool_frames in NumPy (no torch call overhead per article; the same arithmetic, in float64)
    f = arr.shape[-1] // 3
    evidence, attention, context = arr[..., :f], arr[..., f : 2 * f], arr[..., 2 * f :]
    weights = np.exp(attention - attention.max(axis=-2, keepdims=True))
    weights /= weights.sum(axis=-2, keepdims=True)
    logits = (weights * evidence).sum(axis=-2) + context.mean(axis=-2)
    return 1.0 / (1.0 + np.exp(-logits)), weights


def multilabel_metrics(
    gold: np.ndarray, probs: np.ndarray, labels: Sequence[str], thresholds: Mapping[str, float] | None = None
) -> dict[str, Any]:
    """Micro/macro P/R/F1 and per-label P/R/F1/support of multi-hot ``gold`` [N, L] vs ``probs`` >= thresholds."""
    import numpy as np
    from sklearn.metrics import precision_recall_fscore_support

    gold = np.asarray(gold, dtype=int).reshape(-1, len(labels))
    probs = np.asarray(probs, dtype=float).reshape(-1, len(labels))
    cut = np.array([float((thresholds or {}).get(lab, DEFAULT_THRESHOLD)) for lab in labels])
    pred = (probs >= cut).astype(int)
    out: dict[str, Any] = {}
    for avg in ("micro", "macro"):
        p, r, f, _ = precision_recall_fscore_support(gold, pred, average=avg, zero_division=0)
        out.update({f"{avg}_precision": float(p), f"{avg}_recall": float(r), f"{avg}_f1": float(f)})
    p, r, f, s = precision_recall_fscore_support(gold, pred, average=None, zero_division=0, labels=range(len(labels)))
    out["per_class"] = {
        lab: {
            "precision": float(p[i]),
            "recall": float(r[i]),
            "f1": float(f[i]),
            "support": int(s[i]),
            "threshold": float(cut[i]),
        }
        for i, lab in enumerate(labels)
    }
    out["n_predicted"] = int(pred.sum())
    out["n_gold"] = int(gold.sum())
    return out


@register_task("frames")
class FramesTask(Task):
    """Article frames (:class:`~framing.modeling.heads.FramesHead`): multi-label, one row of probabilities per article.

    Training batches hold whole articles: every sentence of the batch's articles is one encoder row
    (``doc_index`` [S] says whose), and the loss is binary cross-entropy per frame on the pooled logits.
    ``batch_size`` therefore counts articles; with a trainable encoder keep it small (each article's
    sentences all go through the encoder with gradients), or train with ``finetune="frozen"``.
    """

    columns = ("text", "labels")
    required_columns = ("text", "labels")
    example_type = FramesExample
    default_task_name = "frames"
    min_labels = 1
    accepts_positive_label = False
    unit = "articles"
    train_unit = "articles"
    label_unit = "articles"
    label_note = "an article counts once for each frame it uses"
    output_field = "other"

    # ------------------------------------------------------------------ data
    @classmethod
    def examples_from_columns(
        cls, columns: Mapping[str, Sequence[Any]], rows: Sequence[Any], reader: RowReader
    ) -> list[Any]:
        """One :class:`FramesExample` per row with a text and a list of frames (possibly empty)."""
        out: list[Any] = []
        for pos, (text, cell) in enumerate(zip(columns["text"], columns["labels"], strict=True)):
            t = reader.text(text, rows[pos])
            if is_missing_cell(cell):
                reader.problems.add(
                    "missing frame labels",
                    f"row {rows[pos]}: the labels cell is empty (write [] for an article that uses no frame)",
                )
                continue
            labels = split_labels(cell)
            if labels is None:
                reader.problems.add(
                    "labels that are not lists of frames",
                    f"row {rows[pos]}: {cell!r} (give a list, a JSON list or names separated by ',')",
                )
                continue
            if t is not None:
                out.append(FramesExample(t, tuple(dict.fromkeys(labels))))
        return out

    @classmethod
    def example_labels(cls, example: Any) -> Iterable[str]:
        """The article's frames."""
        return tuple(example.labels)

    @classmethod
    def check_example(cls, example: Any, i: int, problems: Problems) -> None:
        """Empty texts."""
        super().check_example(example, i, problems)

    # ------------------------------------------------------------------ model
    @classmethod
    def new_head(cls, hidden: int, n_outputs: int, dropout: float) -> nn.Module:
        """A :class:`~framing.modeling.heads.FramesHead` over ``n_outputs`` frames."""
        from framing.modeling.heads import FramesHead

        return FramesHead(hidden, n_outputs, dropout)

    def forward(self, head: nn.Module, hidden: torch.Tensor, inputs: Mapping[str, Any]) -> torch.Tensor | None:
        """Sentence rows [B, 3F]; with ``doc_index`` in ``inputs`` (training), article logits [D, F]."""
        from framing.modeling.heads import pool_frames

        rows = head(hidden, inputs["attention_mask"])
        doc_index = inputs.get("doc_index")
        if doc_index is None:
            return rows
        labels = inputs.get("n_docs")
        n_docs = int(labels.item()) if labels is not None else None
        return pool_frames(rows, doc_index, n_docs)[0]

    def probabilities(self, logits: torch.Tensor) -> torch.Tensor:
        """The sentence rows as they are (float32): they become probabilities only when pooled per article."""
        return logits.float()

    def decode(self, probs: np.ndarray, row: RowContext) -> Any:
        """The sentence's row [3F] (evidence, attention, context); :func:`article_frames` pools an article's rows."""
        return probs[row.row]

    def merge_windows(self, parts: Sequence[tuple[np.ndarray | None, RowContext]], windows: TextWindows) -> Any:
        """A sentence longer than one window: the mean of its windows' rows."""
        import numpy as np

        rows = [probs[row.row] for probs, row in parts if probs is not None]
        return np.mean(np.stack(rows), axis=0).astype(rows[0].dtype)

    # ------------------------------------------------------------------ training
    def encode(self, tokenizer: Any, examples: Sequence[Any], max_length: int) -> list[dict[str, Any]]:
        """Per article: its sentences' token ids (``sentences``), all of them in ``input_ids``, multi-hot ``label``."""
        from framing.segment.sentences import split_sentences

        sents = [[ex.text[s:e] for s, e, _ in split_sentences(ex.text) if ex.text[s:e].strip()] for ex in examples]
        flat = [s for ss in sents for s in ss]
        enc = tokenizer(flat, truncation=True, max_length=max_length) if flat else {"input_ids": []}
        feats: list[dict[str, Any]] = []
        pos = 0
        for ex, ss in zip(examples, sents, strict=True):
            ids = [list(x) for x in enc["input_ids"][pos : pos + len(ss)]]
            pos += len(ss)
            feats.append(
                {
                    "input_ids": [t for x in ids for t in x],
                    "sentences": ids,
                    "label": [1.0 if lab in ex.labels else 0.0 for lab in self.outputs],
                }
            )
        return feats

    def collate(self, feats: Sequence[Mapping[str, Any]], width: int) -> dict[str, torch.Tensor]:
        """Every sentence of the batch as one row: ``input_ids`` / ``attention_mask`` [S, T], ``doc_index`` [S],
        ``n_docs``, and ``labels`` [D, F] (multi-hot, float)."""
        import torch

        rows = [(d, ids) for d, f in enumerate(feats) for ids in f["sentences"]]
        w = max((len(ids) for _, ids in rows), default=1)
        input_ids = torch.zeros((len(rows), w), dtype=torch.long)  # padding is masked out
        mask = torch.zeros((len(rows), w), dtype=torch.long)
        for r, (_, ids) in enumerate(rows):
            input_ids[r, : len(ids)] = torch.tensor(ids, dtype=torch.long)
            mask[r, : len(ids)] = 1
        return {
            "input_ids": input_ids,
            "attention_mask": mask,
            "doc_index": torch.tensor([d for d, _ in rows], dtype=torch.long),
            "n_docs": torch.tensor(len(feats), dtype=torch.long),
            "labels": torch.tensor([f["label"] for f in feats], dtype=torch.float32).reshape(len(feats), -1),
        }

    def loss(self, logits: torch.Tensor, labels: torch.Tensor) -> torch.Tensor:
        """Binary cross-entropy per (article, frame)."""
        from torch import nn

        return nn.functional.binary_cross_entropy_with_logits(logits.float(), labels.float())

    def dev_predictions(self, logits: torch.Tensor) -> np.ndarray:
        """Flat 0/1 decisions at 0.5 (logit 0), one per (article, frame)."""
        return (logits > 0).long().cpu().numpy().reshape(-1)

    def dev_score(self, gold: np.ndarray, pred: np.ndarray, *, thresholds: Sequence[float] = (0.5,)) -> float:
        """Micro-F1 over every (article, frame) pair (at 0.5: per-frame thresholds are tuned after training)."""
        from sklearn.metrics import f1_score

        return float(f1_score(gold.astype(int), pred.astype(int), average="binary", zero_division=0))

    # ------------------------------------------------------------------ evaluation
    def predict_articles(
        self, model: Any, texts: Sequence[str], *, batch_size: int, show_progress_bar: bool | None
    ) -> np.ndarray:
        """Frame probabilities [N, F] of whole articles: one encoder pass per sentence, pooled per article."""
        import numpy as np

        sents = [article_sentences(t) for t in texts]
        flat = [s for ss in sents for s in ss]
        outs = model.predict(flat, tasks=[self.spec.name], batch_size=batch_size, show_progress_bar=show_progress_bar)
        probs = np.zeros((len(texts), len(self.outputs)))
        pos = 0
        for i, ss in enumerate(sents):
            rows = [o.other[self.spec.name] for o in outs[pos : pos + len(ss)]]
            pos += len(ss)
            if rows:
                probs[i] = article_frames(rows)[0]
            else:
                logger.warning("article %d has no sentences: its frame probabilities are 0", i)
        return probs

    def evaluate(
        self,
        model: Any,
        examples: Sequence[Any],
        *,
        batch_size: int,
        span_threshold: float,
        show_progress_bar: bool | None,
    ) -> tuple[dict[str, Any], int]:
        """Multi-label metrics of the articles' frames at the model's frame thresholds (else 0.5)."""
        import numpy as np

        labels = list(self.outputs)
        probs = self.predict_articles(
            model, [ex.text for ex in examples], batch_size=batch_size, show_progress_bar=show_progress_bar
        )
        gold = np.array([[lab in ex.labels for lab in labels] for ex in examples], dtype=int).reshape(-1, len(labels))
        thresholds = frame_thresholds(getattr(model, "extra_config", {}), self.spec.name, labels)
        return multilabel_metrics(gold, probs, labels, thresholds), len(examples)

    @classmethod
    def report_text(cls, report: EvaluationReport) -> str:
        """Per-frame P/R/F1 (with threshold), micro and macro averages."""
        m = report.metrics
        lines = cls.report_header(report)
        width = max([len("micro avg"), *(len(lab) for lab in report.labels)]) + 2
        lines.append(f"{'':<{width}}{'precision':>10}{'recall':>10}{'f1':>10}{'support':>10}{'threshold':>10}")
        for lab in report.labels:
            r = m["per_class"][lab]
            lines.append(
                f"{lab:<{width}}{r['precision']:>10.3f}{r['recall']:>10.3f}{r['f1']:>10.3f}"
                f"{r['support']:>10d}{r['threshold']:>10.2f}"
            )
        for avg in ("micro", "macro"):
            lines.append(
                f"{avg + ' avg':<{width}}{m[f'{avg}_precision']:>10.3f}{m[f'{avg}_recall']:>10.3f}"
                f"{m[f'{avg}_f1']:>10.3f}"
            )
        return "\n".join(lines)
