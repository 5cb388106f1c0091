"""``FramingModel``: one encoder, several task heads, saved as a small folder.

Folder layout (``save_pretrained``)::

    framing_config.json   tasks, labels, backbone name + fingerprint, fine-tuning mode, versions
    heads.safetensors     the task heads (a head listed in ``extra.head_files`` is in its own file)
    adapter.safetensors   LoRA weights (finetune == "lora")
    encoder/              full encoder + tokenizer in safetensors (finetune == "full")
    README.md             model card

The adapter and heads are stored in fp32, or in fp16/bf16 with ``save_pretrained(..., dtype="float16")``
(half the size; recorded as ``storage_dtype`` in the config and upcast to fp32 on loading).

LoRA and frozen-encoder models store no encoder weights: they load over the backbone named
in the config (the pip-shipped MiniLM by default) after checking its fingerprint.
``push_to_hub`` uploads the folder to the Hugging Face Hub (:mod:`framing.modeling.hub`);
``python -m framing.training.card FOLDER`` regenerates its model card.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import replace
from pathlib import Path
from typing import Any, Protocol, cast

import torch
from torch import nn

from framing._version import __version__
from framing.errors import ConfigError, InputTypeError, ModelLoadError
from framing.modeling.alignment import mention_token_mask
from framing.modeling.backbone import canonical_backbone_name, fingerprint, load_encoder
from framing.modeling.scorer import Mentions, ModelOutput
from framing.modeling.windows import TextWindows, plan_windows, window_stride
from framing.runtime import autocast, progress_bar
from framing.tasks import RowContext, TaskSpec

logger = logging.getLogger(__name__)

__all__ = ["TaskSpec", "FramingModel", "ModelOutput", "CONFIG_NAME", "HEADS_NAME", "ADAPTER_NAME"]

CONFIG_NAME = "framing_config.json"
HEADS_NAME = "heads.safetensors"
ADAPTER_NAME = "adapter.safetensors"
ENCODER_DIR = "encoder"
FORMAT_VERSION = 1
#: dtypes the adapter and heads can be stored in (``save_pretrained(dtype=...)``); loading upcasts to fp32
STORAGE_DTYPES: Mapping[str, torch.dtype] = {
    "float32": torch.float32,
    "float16": torch.float16,
    "bfloat16": torch.bfloat16,
}
_PEFT_PREFIX = "base_model.model."  # how peft names the wrapped encoder's modules in adapter files


class _HFEncoder(Protocol):
    """What is used of a transformers encoder (``AutoModel``, or peft's wrapper of one) beyond ``nn.Module``."""

    config: Any

    def save_pretrained(self, save_directory: str, **kwargs: Any) -> Any: ...


class _PeftWrapped(Protocol):
    """A peft-wrapped encoder (``get_peft_model`` / ``PeftModel.from_pretrained``)."""

    def merge_and_unload(self) -> nn.Module: ...


class FramingModel(nn.Module):
    """A transformer encoder shared by several task heads.

    Build one with :meth:`new` (training) or :meth:`from_pretrained` (a saved folder).
    :meth:`predict` runs every requested head from a single encoder pass per text.
    """

    def __init__(
        self,
        encoder: nn.Module,
        tokenizer: Any,
        tasks: Sequence[TaskSpec],
        *,
        backbone: str,
        backbone_fingerprint: str,
        finetune: str = "lora",
        lora: Mapping[str, Any] | None = None,
        max_length: int = 256,
        heads: nn.ModuleDict | None = None,
        dropout: float = 0.1,
        extra_config: Mapping[str, Any] | None = None,
    ) -> None:
        super().__init__()
        if finetune not in ("lora", "full", "frozen"):
            raise ConfigError(f"finetune must be 'lora', 'full' or 'frozen', got {finetune!r}")
        names = [t.name for t in tasks]
        if len(set(names)) != len(names) or not names:
            raise ConfigError(f"task names must be unique and non-empty, got {names}")
        self.encoder = encoder
        self.tokenizer = tokenizer
        self.tasks: dict[str, TaskSpec] = {t.name: t for t in tasks}
        self.backbone = backbone
        self.backbone_fingerprint = backbone_fingerprint
        self.finetune = finetune
        self.lora = dict(lora or {})
        self.max_length = int(max_length)
        self.extra_config: dict[str, Any] = dict(extra_config or {})
        self.source = ""
        #: the dtype ``save_pretrained`` stores the adapter and heads in (a loaded model keeps its folder's)
        self.storage_dtype = "float32"
        hidden = int(cast(_HFEncoder, encoder).config.hidden_size)
        self.heads = (
            heads if heads is not None else nn.ModuleDict({t.name: t.task.build_head(hidden, dropout) for t in tasks})
        )

    # ------------------------------------------------------------------ construction
    @classmethod
    def new(
        cls,
        tasks: Sequence[TaskSpec],
        *,
        backbone: str | None = None,
        finetune: str = "lora",
        lora_r: int = 8,
        lora_alpha: int = 16,
        lora_dropout: float = 0.1,
        lora_target_modules: Sequence[str] = ("query", "key", "value", "dense"),
        max_length: int = 256,
        dropout: float = 0.1,
    ) -> FramingModel:
        """A fresh model for training: backbone weights, random heads, optional LoRA."""
        encoder, tokenizer = load_encoder(backbone)
        fp = fingerprint(encoder)
        lora = None
        if finetune == "lora":
            lora = {
                "r": int(lora_r),
                "alpha": int(lora_alpha),
                "dropout": float(lora_dropout),
                "target_modules": list(lora_target_modules),
            }
            encoder = _apply_lora(encoder, lora)
        elif finetune == "frozen":
            for p in encoder.parameters():
                p.requires_grad_(False)
        return cls(
            encoder,
            tokenizer,
            tasks,
            backbone=canonical_backbone_name(backbone),
            backbone_fingerprint=fp,
            finetune=finetune,
            lora=lora,
            max_length=max_length,
            dropout=dropout,
        )

    @classmethod
    def from_pretrained(
        cls,
        path: str | os.PathLike[str],
        *,
        backbone: str | None = None,
        device: str | torch.device | None = None,
        merge_adapter: bool = True,
    ) -> FramingModel:
        """Load a saved folder (or a hub repo id holding one). ``backbone`` overrides the recorded backbone.

        LoRA folders: with ``merge_adapter=True`` (inference) the stored LoRA weights are merged straight
        into the encoder's linear layers (``W + B @ A * alpha / r``, no ``peft`` import); with
        ``merge_adapter=False`` the encoder is wrapped by ``peft`` so training can continue. For inference
        a plain BERT backbone (the default MiniLM) loads without transformers' model code, on a torch
        module with bit-identical outputs, and the default backbone's tokenizer without transformers
        (:func:`~framing.modeling.backbone.load_encoder`; ``FRAMING_FAST_ENCODER=0`` turns both off).
        """
        folder = _locate(path)
        cfg = _read_config(folder)
        tasks = [TaskSpec.from_dict(t) for t in cfg["tasks"]]
        finetune = cfg.get("finetune", "lora")
        encoder, tokenizer, fp = _load_saved_encoder(folder, cfg, backbone, merge_adapter)
        model = cls(
            encoder,
            tokenizer,
            tasks,
            backbone=cfg["backbone"],
            backbone_fingerprint=fp,
            finetune=finetune,
            lora=cfg.get("lora"),
            max_length=cfg.get("max_length", 256),
            extra_config=cfg.get("extra", {}),
        )
        _load_heads(model, folder / HEADS_NAME)
        model.source = str(folder)
        model.storage_dtype = _storage_dtype(cfg.get("storage_dtype", "float32"), ModelLoadError)
        model.eval()
        if device is not None:
            model.to(device)
        return model

    # ------------------------------------------------------------------ saving
    def config_dict(self, storage_dtype: str | None = None) -> dict[str, Any]:
        """The contents of ``framing_config.json`` (``storage_dtype``: that of the files saved with it)."""
        import transformers

        dtype = _storage_dtype(storage_dtype or self.storage_dtype, ConfigError)
        return {
            "format_version": FORMAT_VERSION,
            "framing_version": __version__,
            "transformers_version": transformers.__version__,
            "backbone": self.backbone,
            "backbone_fingerprint": self.backbone_fingerprint,
            "finetune": self.finetune,
            "lora": self.lora or None,
            "max_length": self.max_length,
            "tasks": [t.to_dict() for t in self.tasks.values()],
            "extra": self.extra_config,
        } | ({"storage_dtype": dtype} if dtype != "float32" else {})

    def save_pretrained(
        self, path: str | os.PathLike[str], model_card: str | None = None, *, dtype: str | None = None
    ) -> Path:
        """Write the folder described in the module docstring (safetensors only).

        ``dtype``: what the adapter and heads are stored in: ``"float32"``, ``"float16"`` (half the
        size; predictions differ from fp32 by rounding only) or ``"bfloat16"``; default: the model's
        ``storage_dtype`` (fp32 for a new model, the folder's for a loaded one). It is recorded in
        ``framing_config.json`` and loading upcasts to fp32. A full fine-tune stores its encoder in fp32.
        """
        storage = _storage_dtype(dtype or self.storage_dtype, ConfigError)
        if storage != "float32" and self.finetune == "full":
            raise ConfigError(f"dtype={storage!r} stores an adapter and heads: a full fine-tune is saved in float32")
        if self.finetune == "lora" and not hasattr(self.encoder, "peft_config"):
            raise ConfigError("this LoRA model's adapter was merged; save it before merging")
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        heads = _to_storage(self.heads.state_dict(), storage)
        own_files = _head_files(self.extra_config)
        for file in sorted(set(own_files.values())):
            names = {n for n, f in own_files.items() if f == file}
            _save_tensors({k: v for k, v in heads.items() if k.split(".", 1)[0] in names}, folder / file)
        _save_tensors({k: v for k, v in heads.items() if k.split(".", 1)[0] not in own_files}, folder / HEADS_NAME)
        if self.finetune == "lora":
            from peft import get_peft_model_state_dict

            _save_tensors(_to_storage(get_peft_model_state_dict(self.encoder), storage), folder / ADAPTER_NAME)
        elif self.finetune == "full":
            cast(_HFEncoder, self.encoder).save_pretrained(str(folder / ENCODER_DIR), safe_serialization=True)
            self.tokenizer.save_pretrained(str(folder / ENCODER_DIR))
        with open(folder / CONFIG_NAME, "w", encoding="utf-8") as fh:
            json.dump(self.config_dict(storage), fh, indent=2)
            fh.write("\n")
        if model_card is not None:
            (folder / "README.md").write_text(model_card, encoding="utf-8")
        return folder

    def push_to_hub(
        self,
        repo_id: str,
        *,
        model_card: str | None = None,
        token: str | None = None,
        private: bool | None = None,
        commit_message: str | None = None,
        revision: str | None = None,
        create_pr: bool = False,
    ) -> Any:
        """Upload the model to the Hugging Face Hub model repo ``repo_id`` (created if missing).

        The model is saved (``save_pretrained``) to a temporary folder, checked (safetensors only,
        a ``README.md`` model card with front matter the Hub reads) and uploaded with
        ``HfApi.upload_folder``; ``FramingModel.from_pretrained(repo_id)`` loads it back. The card is
        ``model_card``, else the ``README.md`` of the folder the model came from or was saved to (its
        result JSON files go along), else one made from the config. ``token``: ``None`` uses the
        login of ``hf auth login`` / ``HF_TOKEN``. A LoRA model loaded with the adapter merged
        cannot be saved: load it with ``merge_adapter=False`` or upload its folder with
        :func:`framing.modeling.hub.push_folder`. Returns huggingface_hub's ``CommitInfo``;
        failures to reach or write the Hub raise :class:`~framing.modeling.hub.HubError`.
        """
        import tempfile

        from framing.modeling.hub import prepare_hub_folder, push_folder

        if self.finetune == "lora" and not hasattr(self.encoder, "peft_config"):
            raise ConfigError(
                "this LoRA model's adapter was merged at load time, so it cannot be saved as an adapter: load it with "
                "FramingModel.from_pretrained(path, merge_adapter=False), or upload its folder with "
                "framing.modeling.hub.push_folder(path, repo_id)"
            )
        with tempfile.TemporaryDirectory(prefix="framing-hub-") as tmp:
            prepare_hub_folder(self, tmp, model_card=model_card)
            return push_folder(
                tmp,
                repo_id,
                token=token,
                private=private,
                commit_message=commit_message,
                revision=revision,
                create_pr=create_pr,
            )

    # ------------------------------------------------------------------ forward
    @property
    def device(self) -> torch.device:
        """Where the model's weights are."""
        # after quantize_int8 the heads hold packed int8 weights, not parameters: ask the whole model
        for p in self.parameters():
            return p.device
        return torch.device("cpu")

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor,
        tasks: Iterable[str] | None = None,
        mention_mask: torch.Tensor | None = None,
        mention_row: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
        **inputs: torch.Tensor,
    ) -> dict[str, torch.Tensor]:
        """Logits per task from one encoder pass (``Task.forward``): sentence [B, C], span [B, T, tags],
        stance [M, C] (needs the mention tensors; left out otherwise). Extra ``inputs`` go to every head."""
        kwargs: dict[str, Any] = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None:
            kwargs["token_type_ids"] = token_type_ids
        hidden = self.encoder(**kwargs).last_hidden_state
        batch: dict[str, Any] = {"attention_mask": attention_mask, **inputs}
        if mention_mask is not None:
            batch["mention_mask"] = mention_mask
        if mention_row is not None:
            batch["mention_row"] = mention_row
        out: dict[str, torch.Tensor] = {}
        for name in tasks if tasks is not None else self.tasks:
            logits = self.tasks[name].task.forward(self.heads[name], hidden, batch)
            if logits is not None:
                out[name] = logits
        return out

    # ------------------------------------------------------------------ inference
    def tasks_of_kind(self, kind: str) -> list[str]:
        """Names of this model's tasks of the registered kind ``kind``."""
        return [n for n, t in self.tasks.items() if t.kind == kind]

    def predict(
        self,
        texts: str | Sequence[str],
        mentions: Sequence[Mentions] | None = None,
        *,
        tasks: Iterable[str] | None = None,
        batch_size: int = 32,
        span_threshold: float = 0.5,
        show_progress_bar: bool | None = None,
    ) -> list[ModelOutput]:
        """Run the requested heads (default: all) on ``texts`` with one encoder pass per text.

        Texts are sorted by length and padded per batch; outputs come back in input order.
        ``mentions[i]`` lists the target mention groups of ``texts[i]`` for stance tasks. A text longer
        than ``max_length`` tokens is scored in windows overlapping by half a window, merged by each task
        kind (:mod:`framing.modeling.windows`): nothing is cut off.
        """
        texts, mentions = _check_predict_inputs(texts, mentions)
        task_names = self._task_names(tasks)
        if not texts:
            return []
        enc = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_length,
            stride=window_stride(self.tokenizer, self.max_length),
            return_overflowing_tokens=True,
            return_offsets_mapping=True,
            return_attention_mask=False,
        )
        owner, plans, window_mentions = plan_windows(enc, len(texts), mentions)
        lengths = [len(ids) for ids in enc["input_ids"]]
        order = sorted(range(len(owner)), key=lambda w: -lengths[w])
        window_texts = [texts[i] for i in owner]
        results: list[ModelOutput | None] = [None] * len(texts)
        parts: dict[int, dict[str, list[Any]]] = {i: {} for i, plan in enumerate(plans) if plan is not None}
        if parts:
            logger.debug("scoring %d text(s) longer than %d tokens in overlapping windows", len(parts), self.max_length)
        progress = progress_bar(len(owner), show_progress_bar)
        was_training = self.training
        self.eval()
        try:
            with torch.inference_mode(), autocast(self.device):
                for b in range(0, len(order), batch_size):
                    idx = order[b : b + batch_size]
                    batch = _Batch(window_texts, window_mentions, enc, lengths, idx, span_threshold)
                    self._predict_batch(batch, task_names, [owner[w] for w in idx], results, parts)
                    progress.update(len(idx))
        finally:
            progress.close()
            if was_training:
                self.train()
        for i, by_task in parts.items():
            results[i] = self._merge_windows(by_task, task_names, cast(TextWindows, plans[i]))
        return [r for r in results if r is not None]

    def _task_names(self, tasks: Iterable[str] | None) -> list[str]:
        """The requested task names, checked against this model's tasks."""
        names = list(tasks) if tasks is not None else list(self.tasks)
        for name in names:
            if name not in self.tasks:
                raise ConfigError(f"unknown task {name!r}; this model has {list(self.tasks)}")
        return names

    def _predict_batch(
        self,
        batch: _Batch,
        task_names: list[str],
        text_of_row: Sequence[int],
        results: list[ModelOutput | None],
        parts: dict[int, dict[str, list[Any]]],
    ) -> None:
        """Decode one padded batch into ``results``; rows of long texts' windows go to ``parts`` (merged later)."""
        inputs = batch.tensors(self.tokenizer.pad_token_id or 0, self.device)
        logits = self(inputs.pop("input_ids"), inputs.pop("attention_mask"), task_names, **inputs)
        probs = {k: self.tasks[k].task.probabilities(v).cpu().numpy() for k, v in logits.items()}
        for row, i in zip(batch.rows(), text_of_row, strict=True):
            if i in parts:
                for name in task_names:
                    parts[i].setdefault(name, []).append((row.encoding_index, probs.get(name), row))
                continue
            out = ModelOutput()
            for name in task_names:
                task = self.tasks[name].task
                value = task.decode(probs[name], row) if name in probs else task.empty_output()
                out.put(task.output_field, name, value)
            results[i] = out

    def _merge_windows(self, by_task: Mapping[str, list[Any]], task_names: list[str], plan: TextWindows) -> ModelOutput:
        """One long text's output from the rows of its windows (``Task.merge_windows``)."""
        out = ModelOutput()
        for name in task_names:
            task = self.tasks[name].task
            window_parts = [(p, row) for _, p, row in sorted(by_task[name], key=lambda x: x[0])]
            if all(p is None for p, _ in window_parts):
                value = task.empty_output()
            else:
                value = task.merge_windows(window_parts, plan)
            out.put(task.output_field, name, value)
        return out

    def set_temperature(self, task: str, temperature: float) -> FramingModel:
        """Divide ``task``'s logits by ``temperature`` before the softmax from now on (saved with the model).

        Fit one with :func:`framing.training.calibrate.fit_temperature`; 1.0 gives the uncalibrated
        probabilities. Returns self.
        """
        spec = self.tasks[self._task_names([task])[0]]
        self.tasks[task] = replace(spec, temperature=float(temperature))
        return self

    def warm_start(self, path: str | os.PathLike[str]) -> list[str]:
        """Continue from a saved LoRA model: load its adapter, and the heads of the tasks both models have.

        A head is taken over when the saved folder has a task of the same name, kind and labels; the
        other heads stay as they are (freshly initialised). Both must be LoRA models over the same
        backbone with the same LoRA rank and target modules. Use it on a model from :meth:`new`, before
        training it (e.g. a stage trained on more, noisier data first). Returns the heads taken over.
        """
        folder = _locate(path)
        cfg = _read_config(folder)
        if self.finetune != "lora" or not hasattr(self.encoder, "peft_config"):
            raise ConfigError(
                "warm_start loads a LoRA adapter: build this model with FramingModel.new(..., finetune='lora')"
            )
        if cfg.get("finetune", "lora") != "lora" or not (folder / ADAPTER_NAME).is_file():
            raise ConfigError(f"{folder} holds no LoRA adapter ({ADAPTER_NAME}): warm_start needs a LoRA model folder")
        saved_fp = cfg.get("backbone_fingerprint")
        if saved_fp and saved_fp != self.backbone_fingerprint:
            raise ConfigError(f"{folder} was trained on another backbone than this model's ({self.backbone})")
        saved_lora = cfg.get("lora") or {}
        for key in ("r", "target_modules"):
            if key in saved_lora and saved_lora[key] != self.lora.get(key):
                raise ConfigError(
                    f"{folder} has LoRA {key}={saved_lora[key]!r}, this model {self.lora.get(key)!r}: "
                    "build it with the same LoRA settings"
                )
        _load_adapter(self.encoder, folder / ADAPTER_NAME)
        saved = {spec.name: spec for spec in (TaskSpec.from_dict(t) for t in cfg["tasks"])}
        shared = sorted(
            name
            for name, spec in self.tasks.items()
            if name in saved and (saved[name].kind, tuple(saved[name].labels)) == (spec.kind, tuple(spec.labels))
        )
        heads = _read_tensors(folder / HEADS_NAME)
        for file in set(_head_files(cfg.get("extra") or {}).values()):
            heads.update(_read_tensors(folder / file))
        self.heads.load_state_dict({k: v for k, v in heads.items() if k.split(".", 1)[0] in shared}, strict=False)
        logger.info("warm start from %s: adapter and heads %s", folder, shared)
        return shared

    def merge_adapter(self) -> FramingModel:
        """Merge a ``peft``-wrapped LoRA adapter into the encoder (after which it cannot be saved as one)."""
        if hasattr(self.encoder, "merge_and_unload"):
            self.encoder = _peft_merge(self.encoder)
        return self

    def quantize_int8(self) -> FramingModel:
        """Dynamic int8 quantization of the linear layers (CPU inference only). Returns self."""
        self.merge_adapter()
        torch.ao.quantization.quantize_dynamic(self, {nn.Linear}, dtype=torch.qint8, inplace=True)
        return self


# ---------------------------------------------------------------------- helpers
class _Batch:
    """One length-sorted batch of ``predict``: its padded tensors and the context to decode each row.

    Rows are token windows (a text that fits ``max_length`` is one window): ``texts`` and ``mentions``
    are indexed by window, like the encoding ``enc``.
    """

    def __init__(
        self,
        texts: Sequence[str],
        mentions: Sequence[Mentions] | None,
        enc: Any,
        lengths: Sequence[int],
        idx: Sequence[int],
        span_threshold: float,
    ) -> None:
        self.texts, self.mentions, self.enc, self.lengths, self.idx = texts, mentions, enc, lengths, idx
        self.span_threshold = span_threshold
        self.width = max(lengths[i] for i in idx)

    def tensors(self, pad_id: int, device: torch.device) -> dict[str, torch.Tensor]:
        """``input_ids``, ``attention_mask`` and, when mentions were given, ``mention_mask`` / ``mention_row``."""
        ids = torch.full((len(self.idx), self.width), pad_id, dtype=torch.long)
        att = torch.zeros((len(self.idx), self.width), dtype=torch.long)
        m_rows: list[int] = []
        m_masks: list[list[int]] = []
        for r, i in enumerate(self.idx):
            ids[r, : self.lengths[i]] = torch.tensor(self.enc["input_ids"][i])
            att[r, : self.lengths[i]] = 1
            for group in self.mentions[i] if self.mentions is not None else ():
                mm = mention_token_mask(self.enc["offset_mapping"][i], group)
                m_masks.append(mm + [0] * (self.width - len(mm)))
                m_rows.append(r)
        out = {"input_ids": ids.to(device), "attention_mask": att.to(device)}
        if m_masks:
            out["mention_mask"] = torch.tensor(m_masks, dtype=torch.long, device=device)
            out["mention_row"] = torch.tensor(m_rows, dtype=torch.long, device=device)
        return out

    def rows(self) -> list[RowContext]:
        """The decoding context of each text of the batch, in batch order."""
        rows, cursor = [], 0
        for r, i in enumerate(self.idx):
            n_groups = len(self.mentions[i]) if self.mentions is not None else 0
            rows.append(
                RowContext(
                    row=r,
                    text=self.texts[i],
                    offsets=self.enc["offset_mapping"][i],
                    n_tokens=self.lengths[i],
                    mentions=slice(cursor, cursor + n_groups),
                    span_threshold=self.span_threshold,
                    encoding=self.enc,
                    encoding_index=i,
                )
            )
            cursor += n_groups
        return rows


def _check_predict_inputs(
    texts: str | Sequence[str], mentions: Sequence[Mentions] | Mentions | None
) -> tuple[Sequence[str], Any]:
    """``texts`` as a sequence (a single str becomes one text, its mentions wrapped), type-checked."""
    batch: Any = mentions  # one Mentions per text (a single text's own mentions get wrapped below)
    if isinstance(texts, str):
        texts = [texts]
        if mentions is not None and not _is_batch_of_mentions(mentions):
            batch = [mentions]
    if not isinstance(texts, Sequence) or not all(isinstance(t, str) for t in texts):
        raise InputTypeError("texts must be a string or a sequence of strings")
    if batch is not None and len(batch) != len(texts):
        raise InputTypeError(f"mentions has {len(batch)} entries for {len(texts)} texts")
    return texts, batch


def _is_batch_of_mentions(m: Any) -> bool:
    try:
        return isinstance(m[0][0][0], (list, tuple))
    except (IndexError, TypeError):
        return False


def _load_saved_encoder(
    folder: Path, cfg: Mapping[str, Any], backbone: str | None, merge_adapter: bool
) -> tuple[nn.Module, Any, str]:
    """``(encoder, tokenizer, fingerprint)`` of a saved folder: its own encoder, or the backbone plus adapter."""
    finetune = cfg.get("finetune", "lora")
    if finetune == "full":
        enc_dir = folder / ENCODER_DIR
        if not (enc_dir / "config.json").is_file():
            raise ModelLoadError(f"model folder {folder} is missing {ENCODER_DIR}/config.json (full fine-tune)")
        encoder, tokenizer = load_encoder(str(enc_dir))
        return encoder, tokenizer, cfg.get("backbone_fingerprint", "")
    # a LoRA adapter merged at load time cannot be trained or saved again: the fast BERT encoder may serve
    inference = finetune == "lora" and merge_adapter
    encoder, tokenizer = load_encoder(backbone if backbone is not None else cfg["backbone"], inference=inference)
    fp = fingerprint(encoder)
    want = cfg.get("backbone_fingerprint")
    if want and fp != want:
        raise ModelLoadError(
            f"model folder {folder} was trained on backbone {cfg['backbone']!r} (fingerprint {want}) "
            f"but the backbone loaded has fingerprint {fp}: pass backbone=<the original backbone>"
        )
    if finetune == "lora":
        adapter = folder / ADAPTER_NAME
        if not adapter.is_file():
            raise ModelLoadError(f"model folder {folder} is missing {ADAPTER_NAME} (LoRA weights)")
        if merge_adapter:
            merge_lora(encoder, _read_tensors(adapter), cfg["lora"], source=adapter)
        else:
            encoder = _apply_lora(encoder, cfg["lora"])
            _load_adapter(encoder, adapter)
    return encoder, tokenizer, fp


def merge_lora(
    encoder: nn.Module,
    state: Mapping[str, torch.Tensor],
    lora: Mapping[str, Any],
    *,
    source: str | os.PathLike[str] = "adapter",
) -> nn.Module:
    """Merge saved LoRA weights into ``encoder`` in place, without ``peft``: ``W += (B @ A) * alpha / r``.

    ``state`` is an adapter file's tensors (peft's ``get_peft_model_state_dict`` names:
    ``base_model.model.<module>.lora_A.weight`` / ``lora_B.weight``); ``lora`` the folder's ``lora``
    config (``r``, ``alpha``, ``target_modules``). The arithmetic is peft's own merge, so the merged
    weights are bit-identical to ``merge_and_unload``; like there, the encoder's weights end up
    frozen (``requires_grad=False``). Weights for modules that are not targeted linear layers raise
    :class:`ModelLoadError`.
    """
    scaling = int(lora["alpha"]) / int(lora["r"])
    targets = [str(t) for t in lora["target_modules"]]
    pairs, unexpected = _lora_pairs(state)
    for name, ab in pairs.items():
        module = _lora_target(encoder, name, targets)
        if module is None or set(ab) != {"lora_A", "lora_B"}:
            unexpected += [f"{_PEFT_PREFIX}{name}.{part}.weight" for part in sorted(ab)]
            continue
        weight_a, weight_b = ab["lora_A"], ab["lora_B"]
        if weight_b.shape[0] != module.weight.shape[0] or weight_a.shape[1] != module.weight.shape[1]:
            raise ModelLoadError(f"{source}: LoRA weights of {name} do not fit its layer {tuple(module.weight.shape)}")
        weight_a = weight_a.to(module.weight.device)
        weight_b = weight_b.to(module.weight.device)
        with torch.no_grad():
            module.weight.data += ((weight_b @ weight_a) * scaling).to(module.weight.dtype)
    if unexpected:
        raise ModelLoadError(f"{source} holds weights this LoRA config does not expect: {unexpected[:3]}…")
    encoder.requires_grad_(False)
    return encoder


def _lora_pairs(state: Mapping[str, torch.Tensor]) -> tuple[dict[str, dict[str, torch.Tensor]], list[str]]:
    """Module name -> {"lora_A": A, "lora_B": B}, and the keys that are no LoRA weights."""
    pairs: dict[str, dict[str, torch.Tensor]] = {}
    unexpected: list[str] = []
    for key, tensor in state.items():
        name = key[len(_PEFT_PREFIX) :] if key.startswith(_PEFT_PREFIX) else key
        for part in ("lora_A", "lora_B"):
            suffix = f".{part}.weight"
            if name.endswith(suffix):
                pairs.setdefault(name[: -len(suffix)], {})[part] = tensor
                break
        else:
            unexpected.append(key)
    return pairs, unexpected


def _lora_target(encoder: nn.Module, name: str, targets: Sequence[str]) -> nn.Linear | None:
    """The linear layer ``name`` if the LoRA config targets it (peft's rule: the name or its last parts)."""
    if not any(name == t or name.endswith("." + t) for t in targets):
        return None
    try:
        module = encoder.get_submodule(name)
    except AttributeError:
        return None
    return module if isinstance(module, nn.Linear) else None


def _peft_merge(encoder: nn.Module) -> nn.Module:
    """peft's ``merge_and_unload`` (a peft-wrapped encoder back to the plain one, adapter merged)."""
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return cast(_PeftWrapped, encoder).merge_and_unload()


def _apply_lora(encoder: nn.Module, lora: Mapping[str, Any]) -> nn.Module:
    """Wrap ``encoder`` with fresh peft LoRA layers (training)."""
    import warnings

    from peft import LoraConfig, get_peft_model

    cfg = LoraConfig(
        r=int(lora["r"]),
        lora_alpha=int(lora["alpha"]),
        lora_dropout=float(lora.get("dropout", 0.0)),
        target_modules=list(lora["target_modules"]),
        bias="none",
    )
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return get_peft_model(encoder, cfg)


def _read_tensors(path: Path) -> dict[str, torch.Tensor]:
    """A safetensors file's tensors (fp16/bf16 ones upcast to fp32); a corrupt one raises :class:`ModelLoadError`."""
    from safetensors.torch import load_file

    try:
        tensors = load_file(str(path))
    except Exception as exc:  # safetensors raises its own error types
        raise ModelLoadError(f"{path} is not a readable safetensors file ({exc}); re-save or re-download it") from exc
    # fp16/bf16 storage (save_pretrained(dtype=...)): models compute in fp32 (autocast lowers it where asked)
    return {k: v.float() if v.dtype in (torch.float16, torch.bfloat16) else v for k, v in tensors.items()}


def _storage_dtype(name: Any, error: type[Exception]) -> str:
    """``name`` if it is one of :data:`STORAGE_DTYPES`, else ``error`` naming them."""
    if name not in STORAGE_DTYPES:
        raise error(f"storage dtype must be one of {sorted(STORAGE_DTYPES)}, got {name!r}")
    return str(name)


def _to_storage(state: Mapping[str, torch.Tensor], dtype: str) -> dict[str, torch.Tensor]:
    """``state`` on the CPU, contiguous, its floating-point tensors in ``dtype`` (integer ones as they are)."""
    want = STORAGE_DTYPES[dtype]
    return {
        k: (v.detach().to(want) if v.is_floating_point() else v.detach()).cpu().contiguous() for k, v in state.items()
    }


def _load_adapter(encoder: nn.Module, path: Path) -> None:
    """Load adapter weights into a peft-wrapped encoder (training continues from them)."""
    from peft import set_peft_model_state_dict

    result = set_peft_model_state_dict(encoder, _read_tensors(path))
    unexpected = getattr(result, "unexpected_keys", [])
    if unexpected:
        raise ModelLoadError(f"{path} holds weights this LoRA config does not expect: {unexpected[:3]}…")


def _head_files(extra: Mapping[str, Any]) -> dict[str, str]:
    """Heads kept in their own safetensors file (``extra.head_files``: ``{task name: file name}``).

    A head added to a trained model without touching the others (the default model's ``frames`` head,
    trained on the frozen encoder's outputs) lives in its own file; every other head is in ``heads.safetensors``.
    """
    files = extra.get("head_files") or {}
    if not isinstance(files, Mapping) or not all(
        isinstance(f, str) and f.endswith(".safetensors") and "/" not in f and f != HEADS_NAME for f in files.values()
    ):
        raise ModelLoadError(
            f"extra.head_files in {CONFIG_NAME} must map task names to .safetensors file names in the folder, "
            f"got {files!r}; the folder is corrupt, save it again"
        )
    return {str(k): str(v) for k, v in files.items()}


def _load_heads(model: FramingModel, path: Path) -> None:
    if not path.is_file():
        raise ModelLoadError(f"model folder {path.parent} is missing {path.name} (the task heads)")
    state = _read_tensors(path)
    for task, file in _head_files(model.extra_config).items():
        extra_path = path.parent / file
        if not extra_path.is_file():
            raise ModelLoadError(f"model folder {path.parent} is missing {file} (the {task!r} head)")
        state.update(_read_tensors(extra_path))
    try:
        model.heads.load_state_dict(state, strict=True)
    except RuntimeError as exc:
        raise ModelLoadError(f"{path} does not match the tasks in {CONFIG_NAME}: {exc}") from exc


def _locate(path: str | os.PathLike[str]) -> Path:
    p = Path(path).expanduser()
    if p.is_dir():
        return p
    s = str(path)
    if p.exists():
        raise ModelLoadError(f"{s} is a file; pass the model folder that holds {CONFIG_NAME}")
    if s.startswith((".", "/", "~")) or s.count("/") != 1:
        raise ModelLoadError(f"model folder {s} does not exist: pass a folder made by save_pretrained or a hub id")
    try:
        from huggingface_hub import snapshot_download

        return Path(snapshot_download(repo_id=s))
    except Exception as exc:
        raise ModelLoadError(
            f"could not fetch model {s!r} from the hub ({type(exc).__name__}): check the id and network access, "
            "or pass a local folder"
        ) from exc


def _read_config(folder: Path) -> dict[str, Any]:
    cfg_path = folder / CONFIG_NAME
    if not cfg_path.is_file():
        present = sorted(p.name for p in folder.iterdir())[:10]
        raise ModelLoadError(
            f"model folder {folder} has no {CONFIG_NAME} (found: {present or 'nothing'}); "
            "it is not a framing model folder; load a plain transformers classifier with "
            "Analyzer(loaded_model=..., span_model=... or stance_model='hf:<path or id>')"
        )
    try:
        cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as exc:
        raise ModelLoadError(f"{cfg_path} is not valid JSON ({exc}); the folder is corrupt, save it again") from exc
    missing = [k for k in ("backbone", "tasks") if k not in cfg]
    if missing:
        raise ModelLoadError(f"{cfg_path} lacks required keys {missing}; the folder is corrupt, save it again")
    if cfg.get("format_version", 1) > FORMAT_VERSION:
        raise ModelLoadError(
            f"{cfg_path} has format_version {cfg['format_version']}; this framing {__version__} reads up to "
            f"{FORMAT_VERSION}: upgrade framing"
        )
    return cfg


def _save_tensors(tensors: dict[str, torch.Tensor], path: Path) -> None:
    """``safetensors`` save whose file mode follows the umask like any other file (it writes 0600)."""
    from safetensors.torch import save_file

    save_file(tensors, str(path), metadata={"format": "pt"})
    umask = os.umask(0)
    os.umask(umask)
    path.chmod(0o666 & ~umask)
