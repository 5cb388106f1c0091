"""Recipe that rebuilds the embedded default model from ``../shared/data``.

    python -m framing.training.recipe --data ../shared/data --out models/framing-default

One LoRA adapter on the default MiniLM backbone with three heads (sentence loaded wording,
loaded-word spans, target stance), trained jointly so one encoder pass serves all three.
Stage 1 (``--anno-epochs``) first trains the adapter and the loaded-wording head on Anno-lexical's
LLM-labelled sentences; the joint stage starts from it (or from ``--init-from FOLDER``).
"""

from __future__ import annotations

import argparse
import json
import logging
import random
import time
from pathlib import Path
from typing import Any

from framing.modeling.model import FramingModel, TaskSpec
from framing.training import corpora
from framing.training.loop import LoopConfig, fit

logger = logging.getLogger(__name__)

RECIPE_ID = "framing.training.recipe"  # recorded in the models this recipe trains

DEFAULT_TASKS = (
    TaskSpec("loaded", "sentence", ("non-biased", "biased"), positive_label="biased"),
    TaskSpec("loaded_words", "span", (corpora.SPAN_LABEL,)),
    TaskSpec("stance", "stance", ("negative", "neutral", "positive")),
)


def split_semeval(data: Path, seed: int, dev_share: float = 0.1) -> tuple[list[str], list[str]]:
    """Seeded split of SemEval-2023 Task 3 training articles into our own train / held-out ids."""
    ids = corpora.semeval_article_ids(data / "semeval2023_task3_en")
    rng = random.Random(seed)
    rng.shuffle(ids)
    n_dev = max(1, int(len(ids) * dev_share))
    return sorted(ids[n_dev:]), sorted(ids[:n_dev])


def balanced_spans(examples: list, seed: int) -> list:
    """All examples with spans plus as many without (seeded)."""
    pos = [e for e in examples if e.spans]
    neg = [e for e in examples if not e.spans]
    random.Random(seed).shuffle(neg)
    return pos + neg[: len(pos)]


def tune_span_threshold(model: FramingModel, task: str, dev: list) -> tuple[float, float]:
    """The span threshold (0.20 … 0.70) with the best word-level F1 on ``dev``."""
    from framing.training.evaluate import evaluate_examples

    best = (0.5, -1.0)
    for t in [round(0.2 + 0.05 * i, 2) for i in range(11)]:
        f1 = evaluate_examples(model, task, dev, span_threshold=t).metrics["token"]["f1"]
        logger.info("span threshold %.2f: dev word F1 %.4f", t, f1)
        if f1 > best[1]:
            best = (t, float(f1))
    return best


def warm_start(model: FramingModel, folder: Path) -> list[str]:
    """Start ``model`` from a saved LoRA folder's adapter and from the heads whose task it shares.

    Returns the task names whose heads were taken over (the others stay freshly initialised).
    """
    from framing.modeling.model import ADAPTER_NAME, HEADS_NAME, _load_adapter, _read_tensors

    _load_adapter(model.encoder, folder / ADAPTER_NAME)
    saved = _read_tensors(folder / HEADS_NAME)
    shared = sorted({k.split(".", 1)[0] for k in saved} & set(model.tasks))
    model.heads.load_state_dict({k: v for k, v in saved.items() if k.split(".", 1)[0] in shared}, strict=False)
    logger.info("warm start from %s: adapter and heads %s", folder, shared)
    return shared


def pretrain_anno_lexical(data: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Stage 1: the adapter and the ``loaded`` head on Anno-lexical ``train`` (LLM labels), selected on BABE ``dev``."""
    model = FramingModel.new(
        [DEFAULT_TASKS[0]],
        finetune="lora",
        lora_r=args.lora_r,
        lora_alpha=2 * args.lora_r,
        max_length=args.max_length,
    )
    train = corpora.anno_lexical_sentences(data / "anno_lexical", "train")
    dev = corpora.babe_sentences(data / corpora.BABE_FILE, ["dev"])
    if args.limit:
        train, dev = train[: args.limit], dev[: args.limit]
    cfg = LoopConfig(
        epochs=args.anno_epochs,
        learning_rate=args.lr,
        head_learning_rate=args.head_lr,
        batch_size=32,
        seed=args.seed,
        patience=1,
        checkpoint_dir=args.checkpoint_dir / "stage1" if args.checkpoint_dir else None,
    )
    t0 = time.perf_counter()
    history = fit(model, {"loaded": train}, {"loaded": dev}, cfg)
    history["wall_seconds"] = round(time.perf_counter() - t0, 1)
    model.save_pretrained(out)
    (out / "training_history.json").write_text(json.dumps(history, indent=2) + "\n", encoding="utf-8")
    return history


def calibrate(model: FramingModel, dev: dict[str, list]) -> dict[str, float]:
    """Fit each classifier head's temperature on its dev examples and store it in ``model``."""
    from framing.training.calibrate import fit_temperature

    temps: dict[str, float] = {}
    for task in ("loaded", "stance"):
        if task in model.tasks and dev.get(task):
            temps[task] = round(fit_temperature(model, task, dev[task]), 4)
            model.set_temperature(task, temps[task])
    return temps


def load_data(
    data: Path, seed: int, *, further_mentions: bool = False
) -> tuple[dict[str, list], dict[str, list], dict[str, Any]]:
    babe = data / corpora.BABE_FILE
    sem_train, sem_dev = split_semeval(data, seed)
    stance_all = corpora.newsmtsc_stance(data / "newsmtsc" / "train.jsonl", further_mentions=further_mentions)
    rng = random.Random(seed)
    order = list(range(len(stance_all)))
    rng.shuffle(order)
    n_dev = len(order) // 10
    stance_dev = [stance_all[i] for i in order[:n_dev]]
    stance_train = [stance_all[i] for i in order[n_dev:]]
    sem_folder = data / "semeval2023_task3_en"
    train = {
        "loaded": corpora.babe_sentences(babe, ["train"]),
        "loaded_words": corpora.babe_spans(babe, ["train"])
        + balanced_spans(corpora.semeval_spans(sem_folder, sem_train), seed),
        "stance": stance_train,
    }
    dev: dict[str, list[Any]] = {
        "loaded": corpora.babe_sentences(babe, ["dev"]),
        "loaded_words": corpora.babe_spans(babe, ["dev"]),
        "stance": stance_dev,
    }
    info: dict[str, Any] = {"semeval_heldout_articles": sem_dev, "newsmtsc_dev_from_train": n_dev}
    return train, dev, info


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data", type=Path)
    ap.add_argument("--out", default="models/framing-default", type=Path)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=4e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lora-r", type=int, default=16)
    ap.add_argument("--max-length", type=int, default=128)
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--patience", type=int, default=1, help="epochs without a better dev mean before stopping")
    ap.add_argument(
        "--further-mentions",
        action="store_true",
        help="train stance with NewsMTSC's annotated coreferring mentions too (default: main mention only)",
    )
    names = [t.name for t in DEFAULT_TASKS]
    ap.add_argument(
        "--tasks",
        nargs="+",
        choices=names,
        default=names,
        help="train only these heads, with the same data and settings (single-task comparisons)",
    )
    ap.add_argument("--limit", type=int, default=None, help="use only N examples per task (smoke runs)")
    ap.add_argument(
        "--anno-epochs",
        type=float,
        default=1.0,
        help="stage 1: epochs of the adapter + loaded head on Anno-lexical train before the joint stage (0: skip)",
    )
    ap.add_argument(
        "--init-from",
        type=Path,
        default=None,
        help="start the joint stage from this saved stage-1 folder instead of training stage 1",
    )
    ap.add_argument(
        "--checkpoint-dir",
        type=Path,
        default=None,
        help="keep a resumable checkpoint here (every 5 min and epoch); rerun the same command to resume",
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    train, dev, info = load_data(args.data, args.seed, further_mentions=args.further_mentions)
    train = {k: v for k, v in train.items() if k in args.tasks}
    dev = {k: v for k, v in dev.items() if k in args.tasks}
    if args.limit:
        train = {k: v[: args.limit] for k, v in train.items()}
        dev = {k: v[: args.limit] for k, v in dev.items()}
    logger.info(
        "train sizes %s dev sizes %s",
        {k: len(v) for k, v in train.items()},
        {k: len(v) for k, v in dev.items()},
    )
    model = FramingModel.new(
        [t for t in DEFAULT_TASKS if t.name in args.tasks],
        finetune="lora",
        lora_r=args.lora_r,
        lora_alpha=2 * args.lora_r,
        max_length=args.max_length,
    )
    stage1: dict[str, Any] | None = None
    init = args.init_from
    if init is None and args.anno_epochs > 0:
        init = args.out.parent / f"{args.out.name}-stage1"
        if (init / "framing_config.json").is_file() and (init / "training_history.json").is_file():
            logger.info("stage 1 already trained in %s: reusing it", init)
        else:
            stage1 = pretrain_anno_lexical(args.data, init, args)
    if init is not None:
        warm_start(model, init)
    cfg = LoopConfig(
        epochs=args.epochs,
        learning_rate=args.lr,
        head_learning_rate=args.head_lr,
        batch_size=args.batch_size,
        seed=args.seed,
        patience=args.patience,
        checkpoint_dir=args.checkpoint_dir / "joint" if args.checkpoint_dir else None,
    )
    t0 = time.perf_counter()
    history = fit(model, train, dev, cfg)
    history["wall_seconds"] = round(time.perf_counter() - t0, 1)
    history["args"] = {k: str(v) for k, v in vars(args).items()}
    history["data"] = info
    history["init_from"] = str(init) if init is not None else None
    if stage1 is not None:
        history["stage1"] = {k: stage1[k] for k in ("best_score", "steps", "wall_seconds")}
    if "loaded_words" in args.tasks:
        threshold, f1 = tune_span_threshold(model, "loaded_words", dev["loaded_words"])
        history["span_threshold"] = {"value": threshold, "dev_word_f1": f1}
        model.extra_config["span_threshold"] = threshold
    history["temperature"] = calibrate(model, dev)
    model.extra_config["training"] = {"recipe": RECIPE_ID, "seed": args.seed}
    model.save_pretrained(args.out)
    (args.out / "training_history.json").write_text(json.dumps(history, indent=2) + "\n", encoding="utf-8")
    logger.info("saved %s in %.0f s; best dev %s", args.out, history["wall_seconds"], history["best_score"])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
