"""Recipe that rebuilds the embedded default model from ``../shared/data``.

    python -m recipes.recipe --data ../shared/data --out models/framing-default

One LoRA adapter on the default MiniLM backbone with three heads (sentence loaded wording,
loaded-word spans, target stance), trained jointly so one encoder pass serves all three; a last step
(``recipes.frames``, skipped with ``--no-frames``) adds the article-frames head, trained on the new
encoder's frozen sentence embeddings so it adds no encoder pass and leaves the other heads as they are.
Stage 1 (``--anno-epochs``) first trains the adapter and the loaded-wording head on Anno-lexical's
LLM-labelled sentences; the joint stage starts from it (or from ``--init-from FOLDER``).
Both stages are the public ``framing.Trainer`` with ``train_dataset={task name: examples}``;
``--checkpoint-dir DIR`` makes both resumable (``DIR/stage1``, ``DIR/joint``: rerun the same command),
and a finished stage 1 (``OUT-stage1``) is reused. The model card (``README.md``) is not written here:
measure the model with ``python -m recipes.heldout OUT`` and then write it with
``python -m framing.training.card OUT``.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from pathlib import Path
from typing import Any

from framing import FramingModel, TaskSpec, Trainer, TrainingArguments
from framing.training.card import RECIPE_IDS
from recipes import corpora, distill

logger = logging.getLogger(__name__)

# Every id the recipe has recorded in its models' ``extra.training.recipe`` (the model card and
# ``recipes.heldout`` key on it): ``recipes.recipe`` now, ``framing.training.recipe`` before it left
# the library (the shipped default model).
RECIPE_ID = RECIPE_IDS[0]  # recorded in the models this recipe trains

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


def training_args(
    args: argparse.Namespace, out: Path, *, epochs: float, batch_size: int, patience: int, **kw: Any
) -> TrainingArguments:
    """The ``TrainingArguments`` of a recipe stage (LoRA r and alpha = 2r, the learning rates of ``args``)."""
    return TrainingArguments(
        output_dir=out,
        finetune="lora",
        learning_rate=args.lr,
        head_learning_rate=args.head_lr,
        num_train_epochs=epochs,
        batch_size=batch_size,
        seed=args.seed,
        early_stopping_patience=patience,
        lora_r=args.lora_r,
        lora_alpha=2 * args.lora_r,
        max_length=args.max_length,
        min_examples_per_class=1,  # the recipe's data is what it is; --limit smoke runs may be thin
        overwrite_output_dir=True,
        **kw,
    )


def pretrain_anno_lexical(data: Path, out: Path, args: argparse.Namespace) -> dict[str, Any]:
    """Stage 1: the adapter and the ``loaded`` head on Anno-lexical ``train`` (LLM labels), selected on BABE ``dev``."""
    model = FramingModel.new(
        [DEFAULT_TASKS[0]],
        backbone=getattr(args, "backbone", None),
        lora_target_modules=tuple(getattr(args, "lora_targets", ("query", "key", "value", "dense"))),
        finetune="lora",
        lora_r=args.lora_r,
        lora_alpha=2 * args.lora_r,
        max_length=args.max_length,
    )
    train = corpora.anno_lexical_sentences(data / "anno_lexical", "train")
    dev = corpora.babe_sentences(data / corpora.BABE_FILE, ["dev"])
    if args.limit:
        train, dev = train[: args.limit], dev[: args.limit]
    targs = training_args(
        args,
        out,
        epochs=args.anno_epochs,
        batch_size=32,
        patience=1,
        data_source="Anno-lexical train; dev: BABE dev",
        checkpoint_dir=args.checkpoint_dir / "stage1" if args.checkpoint_dir else None,
    )
    trainer = Trainer(model, targs, train_dataset={"loaded": train}, eval_dataset={"loaded": dev})
    trainer.train(save=False)
    trainer.save_model(model_card=False)
    assert trainer.history is not None
    return trainer.history


def stage1_folder(args: argparse.Namespace) -> tuple[Path | None, dict[str, Any] | None]:
    """The folder the joint stage starts from (``--init-from``, else ``OUT-stage1``, trained here unless a
    finished one is there; ``None`` with ``--anno-epochs 0``) and that stage 1's history (``None`` for
    ``--init-from``)."""
    if args.init_from is not None or args.anno_epochs <= 0:
        return args.init_from, None
    init = args.out.parent / f"{args.out.name}-stage1"
    if (init / "framing_config.json").is_file() and (init / "training_history.json").is_file():
        logger.info("stage 1 already trained in %s: reusing it", init)
        return init, json.loads((init / "training_history.json").read_text(encoding="utf-8"))
    return init, pretrain_anno_lexical(args.data, init, args)


def calibrate(model: FramingModel, dev: dict[str, list]) -> dict[str, float]:
    """Fit each classifier head's temperature on its dev examples and store it in ``model``."""
    from framing.training import fit_temperature

    temps: dict[str, float] = {}
    for task in ("loaded", "stance"):
        if task in model.tasks and dev.get(task):
            temps[task] = round(fit_temperature(model, task, dev[task]), 4)
            model.set_temperature(task, temps[task])
    return temps


def load_data(
    data: Path, seed: int, *, further_mentions: bool = False
) -> tuple[dict[str, list], dict[str, list], dict[str, Any]]:
    """Train and dev examples per task (BABE, our SemEval-2023 split, NewsMTSC with a seeded dev tenth)."""
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


def distilled_stance(args: argparse.Namespace, gold: list) -> list:
    """Gold stance examples with ``--teacher``'s rows, plus the teacher-labelled ``--stance-pairs``."""
    pairs = distill.read_pairs(args.stance_pairs, limit=args.max_pairs, seed=args.seed) if args.stance_pairs else []
    cache = args.checkpoint_dir / "teacher_stance.jsonl" if args.checkpoint_dir else None
    out = distill.soft_stance(args.teacher, gold, pairs, cache=cache)
    logger.info("stance: %d gold + %d teacher-labelled examples", len(gold), len(pairs))
    return out


def distilled_spans(args: argparse.Namespace, gold: list) -> list:
    """Gold span examples with ``--span-teacher``'s token rows, plus ``--span-sentences`` Anno-lexical
    ``train`` sentences (a seeded sample, unlabelled) with the spans the teacher finds."""
    sentences: list[str] = []
    if args.span_sentences:
        pool = [ex.text for ex in corpora.anno_lexical_sentences(args.data / "anno_lexical", "train")]
        random.Random(args.seed).shuffle(pool)
        sentences = pool[: args.span_sentences]
    cache = args.checkpoint_dir / "teacher_spans.jsonl" if args.checkpoint_dir else None
    out = distill.soft_spans(args.span_teacher, gold, sentences, cache=cache)
    found = sum(1 for ex in out[len(gold) :] if ex.spans)
    logger.info("loaded_words: %d gold + %d teacher-labelled (%d with spans)", len(gold), len(sentences), found)
    return out


def distilled_sentences(args: argparse.Namespace, gold: list) -> list:
    """Gold ``loaded`` examples with ``--sentence-teacher``'s class probabilities, plus ``--anno-sentences``
    Anno-lexical ``train`` sentences (a seeded sample) with their LLM labels and the teacher's probabilities."""
    extra: list = []
    if args.anno_sentences:
        extra = corpora.anno_lexical_sentences(args.data / "anno_lexical", "train")
        random.Random(args.seed).shuffle(extra)
        extra = extra[: args.anno_sentences]
    cache = args.checkpoint_dir / "teacher_loaded.jsonl" if args.checkpoint_dir else None
    out = distill.soft_sentences(args.sentence_teacher, gold, extra, cache=cache)
    logger.info("loaded: %d gold + %d Anno-lexical sentences, all with teacher rows", len(gold), len(extra))
    return out


def _task_rate(text: str) -> tuple[str, float]:
    """``TASK=LR`` of ``--task-head-lr`` as ``(task, rate)``."""
    task, sep, rate = text.partition("=")
    names = [t.name for t in DEFAULT_TASKS]
    if not sep or task not in names:
        raise argparse.ArgumentTypeError(f"expected TASK=LR with TASK one of {names}, got {text!r}")
    try:
        return task, float(rate)
    except ValueError:
        raise argparse.ArgumentTypeError(f"{text!r}: the learning rate after '=' is not a number") from None


def build_parser() -> argparse.ArgumentParser:
    """The recipe's command line (``python -m recipes.recipe --help``)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data", type=Path)
    ap.add_argument("--out", default="models/framing-default", type=Path)
    ap.add_argument("--epochs", type=float, default=3.0)
    ap.add_argument("--lr", type=float, default=4e-4)
    ap.add_argument("--head-lr", type=float, default=1e-3)
    ap.add_argument(
        "--task-head-lr",
        type=_task_rate,
        nargs="+",
        default=[],
        metavar="TASK=LR",
        help="joint stage: these heads train at their own rate instead of --head-lr, e.g. loaded_words=1e-2",
    )
    ap.add_argument("--batch-size", type=int, default=16)
    ap.add_argument("--lora-r", type=int, default=16)
    ap.add_argument(
        "--backbone",
        default=None,
        help="encoder to train on (default: the MiniLM default; e.g. all-mpnet-base-v2 for the teacher)",
    )
    ap.add_argument(
        "--lora-targets",
        nargs="+",
        default=["query", "key", "value", "dense"],
        help="LoRA target modules (MPNet: q k v o dense)",
    )
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
        "--teacher",
        type=Path,
        default=None,
        help="distil stance from this model folder: its probabilities become soft targets (recipes.distill)",
    )
    ap.add_argument(
        "--stance-pairs",
        type=Path,
        default=None,
        help="with --teacher: unlabelled (sentence, mentions) pairs in JSONL, labelled by the teacher",
    )
    ap.add_argument("--max-pairs", type=int, default=None, help="use a seeded sample of this many pairs")
    ap.add_argument(
        "--span-teacher",
        type=Path,
        default=None,
        help="distil loaded-word spans from this model folder's span head: its tag probabilities per token "
        "become soft targets",
    )
    ap.add_argument(
        "--span-sentences",
        type=int,
        default=0,
        help="with --span-teacher: this many Anno-lexical train sentences (seeded sample), labelled by the teacher",
    )
    ap.add_argument(
        "--sentence-teacher",
        type=Path,
        default=None,
        help="distil the sentence head (loaded) from this model folder's: its class probabilities become soft targets",
    )
    ap.add_argument(
        "--anno-sentences",
        type=int,
        default=0,
        help="with --sentence-teacher: this many Anno-lexical train sentences (seeded sample) join the sentence "
        "task, with their LLM labels and the teacher's probabilities",
    )
    ap.add_argument("--distill-alpha", type=float, default=0.5, help="weight of the teacher's KL term")
    ap.add_argument("--distill-temperature", type=float, default=2.0, help="softmax temperature of the KL term")
    ap.add_argument(
        "--no-frames",
        action="store_true",
        help="skip the last step: the frames head on the new encoder's frozen sentence embeddings (recipes.frames)",
    )
    ap.add_argument(
        "--checkpoint-dir",
        type=Path,
        default=None,
        help="keep a resumable checkpoint here (every 5 min and epoch); rerun the same command to resume",
    )
    return ap


def main(argv: list[str] | None = None) -> int:
    """Train stage 1 (unless reused or skipped) and the joint stage, tune, calibrate and save the model."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    train, dev, info = load_data(args.data, args.seed, further_mentions=args.further_mentions)
    train = {k: v for k, v in train.items() if k in args.tasks}
    dev = {k: v for k, v in dev.items() if k in args.tasks}
    if args.limit:
        train = {k: v[: args.limit] for k, v in train.items()}
        dev = {k: v[: args.limit] for k, v in dev.items()}
    if args.teacher is not None and "stance" in train:
        n_gold = len(train["stance"])
        train["stance"] = distilled_stance(args, train["stance"])
        pairs = train["stance"][n_gold:]
        info["stance_pairs"] = {"sentences": len(pairs), "mentions": sum(len(ex.targets) for ex in pairs)}
    if args.sentence_teacher is not None and "loaded" in train:
        n_gold = len(train["loaded"])
        train["loaded"] = distilled_sentences(args, train["loaded"])
        info["anno_sentences"] = len(train["loaded"]) - n_gold
    if args.span_teacher is not None and "loaded_words" in train:
        n_gold = len(train["loaded_words"])
        train["loaded_words"] = distilled_spans(args, train["loaded_words"])
        info["span_sentences"] = len(train["loaded_words"]) - n_gold
    logger.info(
        "train sizes %s dev sizes %s",
        {k: len(v) for k, v in train.items()},
        {k: len(v) for k, v in dev.items()},
    )
    # built before stage 1, as it always was, so its fresh heads start from the same random draws
    model = FramingModel.new(
        [t for t in DEFAULT_TASKS if t.name in args.tasks],
        backbone=args.backbone,
        lora_target_modules=tuple(args.lora_targets),
        finetune="lora",
        lora_r=args.lora_r,
        lora_alpha=2 * args.lora_r,
        max_length=args.max_length,
    )
    init, stage1 = stage1_folder(args)
    if init is not None:
        model.warm_start(init)
    targs = training_args(
        args,
        args.out,
        epochs=args.epochs,
        batch_size=args.batch_size,
        patience=args.patience,
        tune_span_threshold="loaded_words" in args.tasks,
        data_source="BABE SG2, SemEval-2023 Task 3 (English), NewsMTSC (../shared/data)",
        checkpoint_dir=args.checkpoint_dir / "joint" if args.checkpoint_dir else None,
        distill_alpha=args.distill_alpha,
        distill_temperature=args.distill_temperature,
        task_head_learning_rates=dict(args.task_head_lr),
    )
    trainer = Trainer(model, targs, train_dataset=train, eval_dataset=dev)
    trainer.train(save=False)
    history = trainer.history
    assert history is not None
    history["args"] = {k: str(v) for k, v in vars(args).items()}
    history["data"] = info
    history["init_from"] = str(init) if init is not None else None
    if stage1 is not None:
        history["stage1"] = {k: stage1[k] for k in ("best_score", "steps", "wall_seconds")}
    history["temperature"] = calibrate(model, dev)
    model.extra_config["training"] = {"recipe": RECIPE_ID, "seed": args.seed}
    trainer.save_model(model_card=False)  # the card needs eval_heldout.json: recipes.heldout, then the card tool
    logger.info("saved %s in %.0f s; best dev %s", args.out, history["wall_seconds"], history["best_score"])
    if not args.no_frames and args.limit is None:
        # the frames head reads this encoder's sentence embeddings: it is retrained whenever the encoder is
        from recipes import frames

        frames.main(["--model", str(args.out), "--data", str(args.data), "--seed", str(args.seed)])
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
