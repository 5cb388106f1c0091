"""Readers for the public corpora the default models are trained on (BABE, NewsMTSC, SemEval-2023 Task 3).

Each reader returns framing's training examples (``framing.training.SentenceExample`` …), which the
public ``Trainer`` takes as they are. They read the files as published (see
``../shared/data/README.md`` for sources and licenses).
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator, Sequence
from pathlib import Path

from framing import DataError
from framing.training import (
    FramesExample,
    SentenceExample,
    SpanExample,
    StanceExample,
    StanceTarget,
    prepare_examples,
)

__all__ = [
    "read_jsonl",
    "babe_sentences",
    "babe_spans",
    "anno_lexical_sentences",
    "newsmtsc_stance",
    "semeval_spans",
    "semeval_frames",
    "FRAMES",
    "POLARITY_LABELS",
    "SPAN_LABEL",
    "BABE_FILE",
]

POLARITY_LABELS = {2.0: "negative", 4.0: "neutral", 6.0: "positive"}
SPAN_LABEL = "loaded"
BABE_FILE = Path("babe", "babe_sg2.jsonl")  # BABE SG2 inside a ../shared/data-style data folder
SEMEVAL_LOADED = ("Loaded_Language", "Name_Calling-Labeling")
#: the 14 frame dimensions of SemEval-2023 Task 3 subtask 2 (the Policy Frames Codebook), in the codebook's order
FRAMES = (
    "Economic",
    "Capacity_and_resources",
    "Morality",
    "Fairness_and_equality",
    "Legality_Constitutionality_and_jurisprudence",
    "Policy_prescription_and_evaluation",
    "Crime_and_punishment",
    "Security_and_defense",
    "Health_and_safety",
    "Quality_of_life",
    "Cultural_identity",
    "Public_opinion",
    "Political",
    "External_regulation_and_reputation",
)


def read_jsonl(path: str | Path) -> Iterator[dict]:
    path = Path(path)
    if not path.is_file():
        raise DataError(f"{path} does not exist")
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if line.strip():
                try:
                    yield json.loads(line)
                except json.JSONDecodeError as exc:
                    raise DataError(f"{path}:{n} is not valid JSON ({exc})") from exc


def _babe_rows(path: str | Path, splits: Sequence[str] | None, folds: Sequence[int] | None) -> Iterator[dict]:
    for row in read_jsonl(path):
        if splits is not None and row.get("split") not in splits:
            continue
        if folds is not None and row.get("fold") not in folds:
            continue
        yield row


def babe_sentences(
    path: str | Path, splits: Sequence[str] | None = None, folds: Sequence[int] | None = None
) -> list[SentenceExample]:
    """BABE sentences with ``biased`` / ``non-biased`` labels."""
    return [SentenceExample(r["text"], r["label"]) for r in _babe_rows(path, splits, folds)]


def anno_lexical_sentences(folder: str | Path, split: str = "train") -> list[SentenceExample]:
    """Anno-lexical (Horych et al. 2025): news sentences with LLM-ensemble ``biased`` / ``non-biased`` labels."""
    return [SentenceExample(r["text"], r["label"]) for r in read_jsonl(Path(folder) / f"{split}.jsonl")]


def babe_spans(
    path: str | Path, splits: Sequence[str] | None = None, folds: Sequence[int] | None = None
) -> list[SpanExample]:
    """BABE ``biased_words`` located in the text as the ``Trainer`` locates marked words (case-insensitive,
    whole words, first unused occurrence); words not in the text are dropped."""
    rows = [{"text": r["text"], "spans": r.get("biased_words") or []} for r in _babe_rows(path, splits, folds)]
    if not rows:
        return []
    data = prepare_examples(rows, "span", span_label=SPAN_LABEL, missing_phrases="drop", role=f"BABE ({path})")
    return [ex for ex in data.examples if isinstance(ex, SpanExample)]


def newsmtsc_stance(path: str | Path, *, further_mentions: bool = False) -> list[StanceExample]:
    """NewsMTSC: one example per sentence with all its targets.

    Each target's mention is the annotated main mention; with ``further_mentions`` the
    annotated coreferring mentions in the same sentence ("she", "the senator") join it.
    """
    out = []
    for r in read_jsonl(path):
        text = r["sentence_normalized"]
        targets = []
        for t in r["targets"]:
            spans = [(t["from"], t["to"])]
            if further_mentions:
                spans += [(m["from"], m["to"]) for m in t.get("further_mentions") or []]
            targets.append(StanceTarget(tuple(spans), POLARITY_LABELS[float(t["polarity"])]))
        out.append(StanceExample(text, tuple(targets)))
    return out


def semeval_spans(
    folder: str | Path, article_ids: Sequence[str] | None = None, techniques: Sequence[str] = SEMEVAL_LOADED
) -> list[SpanExample]:
    """SemEval-2023 Task 3 (English) technique spans, cut into one example per non-empty line."""
    folder = Path(folder)
    arts = folder / "train-articles-subtask-3"
    labels = folder / "train-labels-subtask-3-spans"
    if not arts.is_dir() or not labels.is_dir():
        raise DataError(f"{folder} lacks train-articles-subtask-3/ or train-labels-subtask-3-spans/")
    out: list[SpanExample] = []
    for art in sorted(arts.glob("article*.txt")):
        aid = art.stem.removeprefix("article")
        if article_ids is not None and aid not in article_ids:
            continue
        text = art.read_text(encoding="utf-8")
        spans: list[tuple[int, int]] = []
        lab = labels / f"article{aid}-labels-subtask-3.txt"
        if lab.is_file():
            for line in lab.read_text(encoding="utf-8").splitlines():
                parts = line.split("\t")
                if len(parts) == 4 and parts[1] in techniques:
                    spans.append((int(parts[2]), int(parts[3])))
        for m in re.finditer(r"[^\n]+", text):
            s, e = m.start(), m.end()
            if not m.group().strip():
                continue
            inside = tuple(
                sorted((max(a, s) - s, min(b, e) - s, SPAN_LABEL) for a, b in spans if a < e and b > s and b - a < 200)
            )
            out.append(SpanExample(m.group(), inside))
    return out


def semeval_article_ids(folder: str | Path) -> list[str]:
    return sorted(p.stem.removeprefix("article") for p in (Path(folder) / "train-articles-subtask-3").glob("*.txt"))


def semeval_frames(
    folder: str | Path, article_ids: Sequence[str] | None = None
) -> tuple[list[str], list[FramesExample]]:
    """SemEval-2023 Task 3 (English) subtask 2: ``(article ids, examples)``, one article per example with its frames.

    Only articles listed in ``train-labels-subtask-2.txt`` (433 of the 446) are read, in id order.
    """
    folder = Path(folder)
    labels_file = folder / "train-labels-subtask-2.txt"
    arts = folder / "train-articles-subtask-2"
    if not labels_file.is_file() or not arts.is_dir():
        raise DataError(f"{folder} lacks train-labels-subtask-2.txt or train-articles-subtask-2/")
    frames: dict[str, tuple[str, ...]] = {}
    for n, line in enumerate(labels_file.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            continue
        aid, _, cell = line.partition("\t")
        labels = tuple(x.strip() for x in cell.split(",") if x.strip())
        unknown = [x for x in labels if x not in FRAMES]
        if unknown:
            raise DataError(f"{labels_file}:{n}: unknown frame(s) {unknown}; the codebook's frames are {FRAMES}")
        frames[aid.strip()] = labels
    wanted = sorted(frames) if article_ids is None else sorted(a for a in article_ids if a in frames)
    examples = [FramesExample((arts / f"article{aid}.txt").read_text(encoding="utf-8"), frames[aid]) for aid in wanted]
    return wanted, examples
