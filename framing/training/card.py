"""Model card (README.md) for a fine-tuned model folder."""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from typing import Any

from framing._version import __version__

__all__ = ["model_card"]

UNKNOWN_LICENSE = "unknown — state it (the license of the training data binds the model)"


def _metrics_block(title: str, report: Any | None) -> list[str]:
    if report is None:
        return [f"### {title}", "", "Not measured.", ""]
    return [f"### {title}", "", "```", report.to_text(), "```", ""]


def model_card(
    *,
    task_name: str,
    kind: str,
    labels: Sequence[str],
    backbone: str,
    finetune: str,
    data_source: str | None,
    data_license: str | None,
    n_train: int,
    n_eval: int | None,
    eval_report: Any | None = None,
    test_report: Any | None = None,
    args: Mapping[str, Any] | None = None,
    command: str | None = None,
    history: Mapping[str, Any] | None = None,
) -> str:
    """Markdown text of the card: task, labels, backbone, data + license, held-out metrics, limits."""
    from framing.tasks import get_task_class

    task_cls = get_task_class(kind)
    license_text = data_license or UNKNOWN_LICENSE
    front = [
        "---",
        "library_name: framing",
        f"base_model: {backbone}",
        f"license: {data_license or 'unknown'}",
        "tags: [framing, media-bias, " + kind + "]",
        "---",
        "",
        f"# framing {kind} model: `{task_name}`",
        "",
        f"A `{kind}` head (task name `{task_name}`) on `{backbone}` ({finetune} fine-tuning), "
        f"trained with framing {__version__}. Load it with `FramingModel.from_pretrained(path)` or pass the folder "
        "to the `Analyzer`.",
        "",
        "## Labels",
        "",
        ", ".join(f"`{lab}`" for lab in labels) + task_cls.label_note,
        "",
        "## Training data",
        "",
        f"- source: {data_source or 'not stated'}",
        f"- license: {license_text}",
        f"- training {task_cls.train_unit}: {n_train}",
        f"- development set (early stopping): {n_eval if n_eval is not None else 'none'}",
        "",
        "## Metrics (held-out data)",
        "",
    ]
    if test_report is not None:
        body = _metrics_block(f"Test: {test_report.data}", test_report)
    else:
        body = [
            "No separate test set was given. The numbers below are on the development set, which was also used "
            "to pick the best epoch (early stopping), so they are slightly optimistic. Run `framing evaluate` on a "
            "test set before relying on them.",
            "",
        ]
    if eval_report is not None:
        body += _metrics_block(f"Development: {eval_report.data}", eval_report)
    if history and history.get("best_epoch") is not None:
        body += [f"Best epoch {history['best_epoch']} of {len(history.get('epochs', []))}.", ""]
    limits = [
        "## Limits",
        "",
        "- Trained on the data named above only; scores on other outlets, periods, topics or languages will differ.",
        "- Labels are annotators' judgements of the training data; the model reproduces their scheme and biases.",
        f"- Training texts are truncated to {args.get('max_length') if args else 'max_length'} tokens; "
        "longer texts are scored in overlapping windows of that size.",
        "- Probabilities are not calibrated beyond what the ECE above shows "
        "(`framing.training.fit_temperature` fits a temperature on dev data).",
        "",
    ]
    repro = ["## Reproduce", ""]
    if command:
        repro += ["```", command, "```", ""]
    if args:
        keys = ("learning_rate", "num_train_epochs", "batch_size", "seed", "max_length", "lora_r", "lora_alpha")
        repro += ["Settings: " + ", ".join(f"{k}={args[k]}" for k in keys if k in args), ""]
    return "\n".join(front + body + limits + repro)
