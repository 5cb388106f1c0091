"""Held-out evaluation of a framing model on the public benchmarks, with lexicon baselines.

    python -m recipes.heldout models/framing-default --data ../shared/data --out eval.json

Reports: BABE ``test`` macro-F1 (sentence loaded wording); word-level P/R/F1 of loaded spans on
BABE ``test`` against two lexicon baselines (NPOV lexicon, BABE's bias-word lexicon) and on our
held-out SemEval-2023 articles; NewsMTSC F1m on ``devtest_mt`` and ``devtest_rw``.
Optionally (``--cv``) the BABE 5-fold cross-validation of a sentence-only LoRA model (r=16,
lr 4e-4, head lr 1e-3, 3 epochs, early stopping with patience 1).
"""

from __future__ import annotations

import argparse
import functools
import json
import logging
import re
import time
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

from framing import FramingModel, TaskSpec
from framing.training import LoopConfig, evaluate_model, fit, span_metrics
from recipes import corpora
from recipes.recipe import RECIPE_IDS, split_semeval

logger = logging.getLogger(__name__)

__all__ = ["evaluate_heldout", "lexicon_spans", "babe_cross_validation"]

_WORD = re.compile(r"\w+(?:[-'’]\w+)*")


def read_lexicon(path: Path) -> set[str]:
    return {w.strip().lower() for w in path.read_text(encoding="utf-8").splitlines() if w.strip()}


def lexicon_spans(text: str, lexicon: set[str], label: str = corpora.SPAN_LABEL) -> list[tuple[int, int, str]]:
    """Baseline: every word whose lowercase form is in ``lexicon`` is a loaded span."""
    return [(m.start(), m.end(), label) for m in _WORD.finditer(text) if m.group().lower() in lexicon]


def _babe_sentence(model: FramingModel, task: str, data: Path, seed: int) -> dict[str, Any]:
    rep = evaluate_model(model, corpora.babe_sentences(data / corpora.BABE_FILE, ["test"]), task=task)
    return {"babe_test_sentence": rep.to_dict()["metrics"]}


def _loaded_words(model: FramingModel, task: str, data: Path, seed: int) -> dict[str, Any]:
    out: dict[str, Any] = {}
    threshold = float(model.extra_config.get("span_threshold", 0.5))
    out["span_threshold"] = threshold
    gold = corpora.babe_spans(data / corpora.BABE_FILE, ["test"])
    rep = evaluate_model(model, gold, task=task, span_threshold=threshold)
    out["babe_test_spans"] = rep.to_dict()["metrics"]
    texts = [ex.text for ex in gold]
    gold_spans = [list(ex.spans) for ex in gold]
    for name, path in (
        ("npov_lexicon", data / "lexicons" / "npov_lexicon.txt"),
        ("babe_lexicon", data / "babe" / "bias_word_lexicon.txt"),
    ):
        lex = read_lexicon(path)
        pred = [lexicon_spans(t, lex) for t in texts]
        out[f"baseline_{name}"] = span_metrics(texts, gold_spans, pred, [corpora.SPAN_LABEL])

    _, sem_dev = split_semeval(data, seed)
    sem = corpora.semeval_spans(data / "semeval2023_task3_en", sem_dev)
    rep = evaluate_model(model, sem, task=task, span_threshold=threshold)
    out["semeval_heldout_spans"] = rep.to_dict()["metrics"]
    out["semeval_heldout_articles"] = len(sem_dev)
    return out


# NewsMTSC splits, and how each target's mentions are read: (key suffix, further_mentions, table wording).
# Main mention only is the published protocol; the second mode pools the annotated coreferring mentions.
_NEWSMTSC_SPLITS = ("devtest_mt", "devtest_rw")
_MENTION_MODES = (("", False, "stance"), ("_further_mentions", True, "stance with coreferring mentions"))


def _newsmtsc(
    model: FramingModel, task: str, data: Path, seed: int, *, further_mentions: bool = True
) -> dict[str, Any]:
    out: dict[str, Any] = {}
    modes = _MENTION_MODES if further_mentions else _MENTION_MODES[:1]
    for split in _NEWSMTSC_SPLITS:
        for suffix, further, _ in modes:
            ex = corpora.newsmtsc_stance(data / "newsmtsc" / f"{split}.jsonl", further_mentions=further)
            rep = evaluate_model(model, ex, task=task)
            out[f"newsmtsc_{split}{suffix}"] = rep.to_dict()["metrics"]
    return out


#: a benchmark section per head kind: ``(model, task, data, seed) -> results``
Section = Callable[[FramingModel, str, Path, int], dict[str, Any]]
_SECTIONS: dict[str, Section] = {"sentence": _babe_sentence, "span": _loaded_words, "stance": _newsmtsc}


def training_seed(model: FramingModel, default: int = 42) -> int:
    """The seed the recipe trained ``model`` with (it fixes our SemEval held-out articles).

    ``default`` for models the recipe did not train: their recorded seed never split SemEval. Models
    trained before the recipe left the library record it as ``framing.training.recipe``.
    """
    training = model.extra_config.get("training") or {}
    if training.get("recipe") not in RECIPE_IDS or training.get("seed") is None:
        return default
    return int(training["seed"])


def evaluate_heldout(
    model: FramingModel, data: Path, *, seed: int | None = None, further_mentions: bool = True
) -> dict[str, Any]:
    """Every benchmark that fits one of ``model``'s heads (the first head of each kind).

    ``seed`` picks the SemEval held-out articles; by default the seed recorded by the recipe that
    trained ``model``, so a model trained with ``--seed N`` is never scored on its own training articles.
    ``further_mentions=False`` leaves out the NewsMTSC runs that pool the coreferring mentions (half
    the stance time; the published protocol reads the main mention only).
    """
    table: dict[str, Section] = {**_SECTIONS, "stance": functools.partial(_newsmtsc, further_mentions=further_mentions)}
    sections = [(section, names[0]) for kind, section in table.items() if (names := model.tasks_of_kind(kind))]
    if not sections:
        raise ValueError("model has no sentence, span or stance head to evaluate")
    seed = training_seed(model) if seed is None else seed
    out: dict[str, Any] = {"split_seed": seed}
    t0 = time.perf_counter()
    for section, task in sections:
        out.update(section(model, task, data, seed))
    out["seconds"] = round(time.perf_counter() - t0, 1)
    return out


def babe_cross_validation(
    data: Path,
    *,
    epochs: float = 3.0,
    lr: float = 4e-4,
    head_lr: float = 1e-3,
    lora_r: int = 16,
    seed: int = 42,
    init_from: Path | None = None,
    progress: Path | None = None,
) -> dict[str, Any]:
    """5-fold CV (BABE ``fold`` column) of a sentence-only LoRA model (the protocol of the BABE papers).

    For each fold k: train on the other four folds (early stopping on 10% of them), test on fold k.
    ``init_from``: start each fold from this model folder's adapter and ``loaded`` head (the recipe's
    stage 1, trained on Anno-lexical only, so no BABE sentence is seen before its fold).
    ``progress``: a JSON file that keeps each finished fold's score (with the settings), so a rerun
    with the same settings continues with the next fold (each fold takes 10-30 min on 2 cores).
    """
    import random

    babe = data / corpora.BABE_FILE
    spec = TaskSpec("loaded", "sentence", ("non-biased", "biased"), positive_label="biased")
    settings: dict[str, Any] = {"epochs": epochs, "lr": lr, "head_lr": head_lr, "lora_r": lora_r, "seed": seed}
    settings["init_from"] = str(init_from) if init_from is not None else None
    done = _cv_progress(progress, settings)
    scores: list[float] = []
    for k in range(5):
        if k in done:
            logger.info("fold %d macro-F1 %.4f (from %s)", k, done[k], progress)
            scores.append(done[k])
            continue
        train = corpora.babe_sentences(babe, folds=[f for f in range(5) if f != k])
        random.Random(seed).shuffle(train)
        n_dev = len(train) // 10
        dev, train = train[:n_dev], train[n_dev:]
        test = corpora.babe_sentences(babe, folds=[k])
        model = FramingModel.new([spec], lora_r=lora_r, lora_alpha=2 * lora_r, max_length=128)
        if init_from is not None:
            model.warm_start(init_from)
        cfg = LoopConfig(epochs=epochs, learning_rate=lr, head_learning_rate=head_lr, seed=seed, patience=1)
        fit(model, {"loaded": train}, {"loaded": dev}, cfg)
        f1 = evaluate_model(model, test, task="loaded").metrics["macro_f1"]
        logger.info("fold %d macro-F1 %.4f", k, f1)
        scores.append(float(f1))
        if progress is not None:
            done[k] = float(f1)
            progress.write_text(json.dumps({"settings": settings, "folds": done}, indent=2) + "\n", encoding="utf-8")
    out: dict[str, Any] = {"folds": scores, "mean": sum(scores) / len(scores)}
    if init_from is not None:
        out["init_from"] = str(init_from)
    return out


def _cv_progress(path: Path | None, settings: dict[str, Any]) -> dict[int, float]:
    """The fold scores already in ``path`` when they were made with ``settings`` (else none)."""
    if path is None or not path.is_file():
        return {}
    state = json.loads(path.read_text(encoding="utf-8"))
    if state.get("settings") != settings:
        logger.warning("%s holds folds of other settings (%s): starting the CV afresh", path, state.get("settings"))
        return {}
    return {int(k): float(v) for k, v in state["folds"].items()}


def summary_table(results: dict[str, Any]) -> str:
    """The numbers that go into the model card, as a Markdown table."""

    def tok(m: dict[str, Any]) -> str:
        t = m["token"]
        return f"P {t['precision']:.3f} / R {t['recall']:.3f} / F1 {t['f1']:.3f}"

    rows: list[tuple[str, str, str]] = []
    if "babe_test_sentence" in results:
        rows.append(
            ("BABE test, sentence loaded wording", "macro-F1", f"{results['babe_test_sentence']['macro_f1']:.3f}")
        )
    if "babe_test_spans" in results:
        rows += [
            ("BABE test, loaded words (model)", "word P/R/F1", tok(results["babe_test_spans"])),
            ("BABE test, NPOV lexicon baseline", "word P/R/F1", tok(results["baseline_npov_lexicon"])),
            ("BABE test, BABE lexicon baseline", "word P/R/F1", tok(results["baseline_babe_lexicon"])),
            ("SemEval-2023 held-out articles, loaded words", "word P/R/F1", tok(results["semeval_heldout_spans"])),
        ]
    for split in _NEWSMTSC_SPLITS:
        for suffix, _, what in _MENTION_MODES:
            key = f"newsmtsc_{split}{suffix}"
            if key in results:
                rows.append((f"NewsMTSC {split}, {what}", "F1m", f"{results[key]['macro_f1']:.3f}"))
    if "babe_cv" in results:
        folds = ", ".join(f"{x:.3f}" for x in results["babe_cv"]["folds"])
        rows.append(
            ("BABE 5-fold CV (sentence-only model)", "macro-F1 mean", f"{results['babe_cv']['mean']:.3f} ({folds})")
        )
    lines = ["| data | metric | value |", "|---|---|---|"]
    lines += [f"| {a} | {b} | {c} |" for a, b, c in rows]
    return "\n".join(lines)


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("model", type=Path)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument(
        "--out", type=Path, default=None, help="JSON file for the results (default: MODEL/eval_heldout.json)"
    )
    ap.add_argument("--cv", action="store_true", help="also run BABE 5-fold cross-validation (slow: trains 5 models)")
    ap.add_argument(
        "--cv-init",
        type=Path,
        default=None,
        help="start each CV fold from this folder (e.g. the recipe's stage 1, OUT-stage1)",
    )
    ap.add_argument(
        "--no-further-mentions",
        action="store_true",
        help="leave out NewsMTSC with the coreferring mentions pooled (halves the stance time)",
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    model = FramingModel.from_pretrained(args.model)
    results = evaluate_heldout(model, args.data, further_mentions=not args.no_further_mentions)
    out = args.out or args.model / "eval_heldout.json"
    if args.cv:
        results["babe_cv"] = babe_cross_validation(
            args.data, init_from=args.cv_init, progress=out.with_name(out.stem + "_cv_folds.json")
        )
    elif out.is_file():
        # the CV does not depend on the model folder: keep an earlier (slow) run's result
        earlier = json.loads(out.read_text(encoding="utf-8"))
        if "babe_cv" in earlier:
            results["babe_cv"] = earlier["babe_cv"]
            logger.info("kept the BABE cross-validation result already in %s (rerun with --cv to redo it)", out)
    out.write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    print(summary_table(results))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
