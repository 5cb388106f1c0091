"""``FramingModel``: one encoder, several task heads, saved as a small folder.

Folder layout (``save_pretrained``)::

    framing_config.json   tasks, labels, backbone name + fingerprint, fine-tuning mode, versions
    heads.safetensors     the task heads
    adapter.safetensors   LoRA weights (finetune == "lora")
    encoder/              full encoder + tokenizer in safetensors (finetune == "full")
    README.md             model card

LoRA and frozen-encoder models store no encoder weights: they load over the backbone named
in the config (the pip-shipped MiniLM by default) after checking its fingerprint.
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

import numpy as np
import torch
from torch import nn

from framing._version import __version__
from framing.errors import ConfigError, InputTypeError, ModelLoadError
from framing.modeling.alignment import SpanPrediction, bio_tags, decode_spans, mention_token_mask
from framing.modeling.backbone import canonical_backbone_name, fingerprint, load_encoder
from framing.modeling.heads import build_head

logger = logging.getLogger(__name__)

__all__ = ["TaskSpec", "FramingModel", "ModelOutput", "CONFIG_NAME", "HEADS_NAME", "ADAPTER_NAME"]

CONFIG_NAME = "framing_config.json"
HEADS_NAME = "heads.safetensors"
ADAPTER_NAME = "adapter.safetensors"
ENCODER_DIR = "encoder"
FORMAT_VERSION = 1
TaskKind = Literal["sentence", "span", "stance"]
Mentions = Sequence[Sequence[tuple[int, int]]]  # per text: groups of char ranges (one group per target)


@dataclass(frozen=True)
class TaskSpec:
    """One task the model can do. ``labels`` are class names (span tasks: span labels, no BIO)."""

    name: str
    kind: TaskKind
    labels: tuple[str, ...]
    positive_label: str | None = None

    def __post_init__(self) -> None:
        if self.kind not in ("sentence", "span", "stance"):
            raise ConfigError(f"task {self.name!r}: kind must be sentence, span or stance, got {self.kind!r}")
        if not self.labels or len(set(self.labels)) != len(self.labels):
            raise ConfigError(f"task {self.name!r}: labels must be non-empty and unique, got {self.labels!r}")
        if self.kind != "span" and len(self.labels) < 2:
            raise ConfigError(f"task {self.name!r}: a classifier needs at least 2 labels, got {self.labels!r}")
        if self.positive_label is not None and self.positive_label not in self.labels:
            raise ConfigError(f"task {self.name!r}: positive_label {self.positive_label!r} not in {self.labels}")

    @property
    def outputs(self) -> tuple[str, ...]:
        """Names of the head's outputs (BIO tags for span tasks)."""
        return tuple(bio_tags(self.labels)) if self.kind == "span" else self.labels

    def to_dict(self) -> dict[str, Any]:
        return {
            "name": self.name,
            "kind": self.kind,
            "labels": list(self.labels),
            "positive_label": self.positive_label,
        }

    @classmethod
    def from_dict(cls, d: Mapping[str, Any]) -> TaskSpec:
        return cls(d["name"], d["kind"], tuple(d["labels"]), d.get("positive_label"))


@dataclass(frozen=True)
class ModelOutput:
    """Predictions for one text.

    ``sentence[task]``: class probabilities; ``spans[task]``: decoded spans (offsets into the text);
    ``stance[task]``: one probability vector per mention group, in the order given.
    """

    sentence: dict[str, np.ndarray] = field(default_factory=dict)
    spans: dict[str, list[SpanPrediction]] = field(default_factory=dict)
    stance: dict[str, list[np.ndarray]] = field(default_factory=dict)


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
        hidden = int(encoder.config.hidden_size)
        self.heads = (
            heads
            if heads is not None
            else nn.ModuleDict({t.name: build_head(t.kind, hidden, len(t.outputs), dropout) for t in tasks})
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
        """Load a saved folder (or a hub repo id holding one). ``backbone`` overrides the recorded backbone."""
        folder = _locate(path)
        cfg = _read_config(folder)
        tasks = [TaskSpec.from_dict(t) for t in cfg["tasks"]]
        finetune = cfg.get("finetune", "lora")
        if finetune == "full":
            enc_dir = folder / ENCODER_DIR
            if not (enc_dir / "config.json").is_file():
                raise ModelLoadError(f"model folder {folder} is missing {ENCODER_DIR}/config.json (full fine-tune)")
            encoder, tokenizer = load_encoder(str(enc_dir))
            fp = cfg.get("backbone_fingerprint", "")
        else:
            encoder, tokenizer = load_encoder(backbone if backbone is not None else cfg["backbone"])
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
                encoder = _apply_lora(encoder, cfg["lora"])
                _load_adapter(encoder, adapter)
                if merge_adapter:
                    encoder = _merge(encoder)
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
        model.eval()
        if device is not None:
            model.to(device)
        return model

    # ------------------------------------------------------------------ saving
    def config_dict(self) -> dict[str, Any]:
        import transformers

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
        }

    def save_pretrained(self, path: str | os.PathLike[str], model_card: str | None = None) -> Path:
        """Write the folder described in the module docstring (safetensors only)."""
        folder = Path(path)
        folder.mkdir(parents=True, exist_ok=True)
        heads = {k: v.detach().cpu().contiguous() for k, v in self.heads.state_dict().items()}
        _save_tensors(heads, folder / HEADS_NAME)
        if self.finetune == "lora":
            if not hasattr(self.encoder, "peft_config"):
                raise ConfigError("this LoRA model's adapter was merged; save it before merging")
            from peft import get_peft_model_state_dict

            state = {k: v.detach().cpu().contiguous() for k, v in get_peft_model_state_dict(self.encoder).items()}
            _save_tensors(state, folder / ADAPTER_NAME)
        elif self.finetune == "full":
            self.encoder.save_pretrained(str(folder / ENCODER_DIR), safe_serialization=True)
            self.tokenizer.save_pretrained(str(folder / ENCODER_DIR))
        with open(folder / CONFIG_NAME, "w", encoding="utf-8") as fh:
            json.dump(self.config_dict(), fh, indent=2)
            fh.write("\n")
        if model_card is not None:
            (folder / "README.md").write_text(model_card, encoding="utf-8")
        return folder

    # ------------------------------------------------------------------ forward
    @property
    def device(self) -> torch.device:
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
    ) -> dict[str, torch.Tensor]:
        """Logits per task: sentence [B, C], span [B, T, tags], stance [M, C] (needs mention tensors)."""
        kwargs: dict[str, Any] = {"input_ids": input_ids, "attention_mask": attention_mask}
        if token_type_ids is not None:
            kwargs["token_type_ids"] = token_type_ids
        hidden = self.encoder(**kwargs).last_hidden_state
        out: dict[str, torch.Tensor] = {}
        for name in tasks if tasks is not None else self.tasks:
            kind = self.tasks[name].kind
            head = self.heads[name]
            if kind == "sentence":
                out[name] = head(hidden, attention_mask)
            elif kind == "span":
                out[name] = head(hidden)
            elif mention_mask is not None and mention_row is not None and len(mention_row):
                out[name] = head(hidden, attention_mask, mention_mask, mention_row)
        return out

    # ------------------------------------------------------------------ inference
    def tasks_of_kind(self, kind: str) -> list[str]:
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
        ``mentions[i]`` lists the target mention groups of ``texts[i]`` for stance tasks.
        """
        if isinstance(texts, str):
            texts = [texts]
            mentions = [mentions] if mentions is not None and not _is_batch_of_mentions(mentions) else mentions
        if not isinstance(texts, Sequence) or not all(isinstance(t, str) for t in texts):
            raise InputTypeError("texts must be a string or a sequence of strings")
        if mentions is not None and len(mentions) != len(texts):
            raise InputTypeError(f"mentions has {len(mentions)} entries for {len(texts)} texts")
        task_names = list(tasks) if tasks is not None else list(self.tasks)
        for name in task_names:
            if name not in self.tasks:
                raise ConfigError(f"unknown task {name!r}; this model has {list(self.tasks)}")
        results: list[ModelOutput | None] = [None] * len(texts)
        if not texts:
            return []
        enc = self.tokenizer(
            list(texts),
            truncation=True,
            max_length=self.max_length,
            return_offsets_mapping=True,
            return_attention_mask=False,
        )
        lengths = [len(ids) for ids in enc["input_ids"]]
        order = sorted(range(len(texts)), key=lambda i: -lengths[i])
        progress = _progress(len(texts), show_progress_bar)
        device = self.device
        pad_id = self.tokenizer.pad_token_id or 0
        was_training = self.training
        self.eval()
        try:
            with torch.inference_mode(), _autocast(device):
                for b in range(0, len(order), batch_size):
                    idx = order[b : b + batch_size]
                    width = max(lengths[i] for i in idx)
                    ids = torch.full((len(idx), width), pad_id, dtype=torch.long)
                    att = torch.zeros((len(idx), width), dtype=torch.long)
                    m_rows: list[int] = []
                    m_masks: list[list[int]] = []
                    for r, i in enumerate(idx):
                        ids[r, : lengths[i]] = torch.tensor(enc["input_ids"][i])
                        att[r, : lengths[i]] = 1
                        if mentions is not None:
                            for group in mentions[i]:
                                mm = mention_token_mask(enc["offset_mapping"][i], group)
                                m_masks.append(mm + [0] * (width - len(mm)))
                                m_rows.append(r)
                    m_mask = torch.tensor(m_masks, dtype=torch.long, device=device) if m_masks else None
                    m_row = torch.tensor(m_rows, dtype=torch.long, device=device) if m_rows else None
                    logits = self(ids.to(device), att.to(device), task_names, m_mask, m_row)
                    probs = {k: v.float().softmax(-1).cpu().numpy() for k, v in logits.items()}
                    cursor = 0
                    for r, i in enumerate(idx):
                        out = ModelOutput()
                        n_groups = len(mentions[i]) if mentions is not None else 0
                        for name in task_names:
                            spec = self.tasks[name]
                            if spec.kind == "sentence":
                                out.sentence[name] = probs[name][r]
                            elif spec.kind == "span":
                                out.spans[name] = decode_spans(
                                    probs[name][r, : lengths[i]],
                                    enc["offset_mapping"][i],
                                    enc.word_ids(i),
                                    spec.outputs,
                                    span_threshold,
                                    texts[i],
                                )
                            else:
                                out.stance[name] = (
                                    list(probs[name][cursor : cursor + n_groups]) if name in probs else []
                                )
                        cursor += n_groups
                        results[i] = out
                    progress.update(len(idx))
        finally:
            progress.close()
            if was_training:
                self.train()
        return [r for r in results if r is not None]

    def quantize_int8(self) -> FramingModel:
        """Dynamic int8 quantization of the linear layers (CPU inference only). Returns self."""
        if hasattr(self.encoder, "merge_and_unload"):
            self.encoder = _merge(self.encoder)
        torch.ao.quantization.quantize_dynamic(self, {nn.Linear}, dtype=torch.qint8, inplace=True)
        return self


# ---------------------------------------------------------------------- helpers
def _is_batch_of_mentions(m: Any) -> bool:
    try:
        return isinstance(m[0][0][0], (list, tuple))
    except (IndexError, TypeError):
        return False


def _progress(total: int, show: bool | None) -> Any:
    from tqdm.auto import tqdm

    if show is None:
        show = total >= 256 and logger.getEffectiveLevel() <= logging.INFO
    return tqdm(total=total, disable=not show, unit="sent", desc="framing")


class _autocast:
    """Autocast at the current precision (framing._precision): default bf16/fp16 on CUDA, none on CPU."""

    def __init__(self, device: torch.device) -> None:
        from framing._precision import autocast_dtype

        dtype = autocast_dtype(device)
        self.ctx = torch.autocast(device.type, dtype=dtype) if dtype is not None else None

    def __enter__(self) -> None:
        if self.ctx is not None:
            self.ctx.__enter__()

    def __exit__(self, *exc: Any) -> None:
        if self.ctx is not None:
            self.ctx.__exit__(*exc)


def _merge(encoder: nn.Module) -> nn.Module:
    import warnings

    with warnings.catch_warnings():
        warnings.simplefilter("ignore", FutureWarning)
        return encoder.merge_and_unload()


def _apply_lora(encoder: nn.Module, lora: Mapping[str, Any]) -> nn.Module:
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


def _load_adapter(encoder: nn.Module, path: Path) -> None:
    from peft import set_peft_model_state_dict
    from safetensors.torch import load_file

    try:
        state = load_file(str(path))
    except Exception as exc:  # safetensors raises its own error types
        raise ModelLoadError(f"{path} is not a readable safetensors file ({exc}); re-save or re-download it") from exc
    result = set_peft_model_state_dict(encoder, state)
    unexpected = getattr(result, "unexpected_keys", [])
    if unexpected:
        raise ModelLoadError(f"{path} holds weights this LoRA config does not expect: {unexpected[:3]}…")


def _load_heads(model: FramingModel, path: Path) -> None:
    from safetensors.torch import load_file

    if not path.is_file():
        raise ModelLoadError(f"model folder {path.parent} is missing {path.name} (the task heads)")
    try:
        state = load_file(str(path))
    except Exception as exc:
        raise ModelLoadError(f"{path} is not a readable safetensors file ({exc}); re-save or re-download it") from exc
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
