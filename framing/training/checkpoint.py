"""Resumable training checkpoints for :func:`framing.training.loop.fit`: safetensors + JSON, never pickles.

A checkpoint is a folder ``checkpoint-NNNNNN`` inside the checkpoint directory:

- ``state.json``: progress (step, epoch, the epoch's batch plan and the position in it, the epoch's
  losses so far), history, ``bad_epochs``, the run's key (data digest and settings: a checkpoint only
  resumes the run that wrote it), the scheduler's state, the optimizer's param groups and the index of
  its tensors, and the Python / NumPy random states' scalar parts;
- ``model.safetensors``: trainable parameters and heads; ``best.safetensors``: the best dev epoch's;
- ``optimizer.safetensors``: per-parameter optimizer state flattened as ``state.<i>.<key>``
  (AdamW: ``exp_avg``, ``exp_avg_sq``, ``step``);
- ``rng.safetensors``: torch's CPU (and CUDA) generator states and NumPy's key array.

Each checkpoint is written into a temporary folder and renamed into place, then older ones are
deleted: the directory always holds one complete checkpoint, the latest.
"""

from __future__ import annotations

import hashlib
import json
import logging
import os
import random
import shutil
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import numpy as np
import torch
from safetensors.torch import load_file, save_file

from framing.errors import ConfigError

logger = logging.getLogger(__name__)

__all__ = ["LoopState", "Checkpointer", "data_digest", "latest_checkpoint", "trainable_state"]

FORMAT_VERSION = 1
PREFIX = "checkpoint-"
STATE_NAME = "state.json"
_FILES = ("model", "best", "optimizer", "rng")


@dataclass
class LoopState:
    """Everything :func:`fit` needs to continue a run exactly where it stopped."""

    history: dict[str, Any]
    step: int = 0
    epoch: int = 0
    plan: list[tuple[str, list[int]]] | None = None  # the current epoch's batches; None between epochs
    position: int = 0  # index in ``plan`` of the next batch
    losses: list[float] = field(default_factory=list)  # the current epoch's losses so far
    best_state: dict[str, torch.Tensor] | None = None
    bad_epochs: int = 0
    finished: bool = False
    elapsed: float = 0.0  # training seconds of earlier runs of this call


def data_digest(feats: dict[str, list[dict]]) -> str:
    """A short SHA-256 of encoded training features (order included), so a checkpoint resumes only its data."""
    digest = hashlib.sha256()
    for task, rows in feats.items():
        digest.update(task.encode())
        for row in rows:
            digest.update(json.dumps(row, sort_keys=True, default=str).encode())
    return digest.hexdigest()[:16]


def latest_checkpoint(directory: str | os.PathLike[str]) -> Path | None:
    """The newest complete checkpoint folder in ``directory``, or ``None``."""
    folder = Path(directory)
    if not folder.is_dir():
        return None
    found = sorted(p for p in folder.glob(f"{PREFIX}*") if (p / STATE_NAME).is_file())
    return found[-1] if found else None


class Checkpointer:
    """Saves and restores the state of one :func:`fit` call (model, optimizer, scheduler, RNGs, progress)."""

    def __init__(
        self,
        directory: str | os.PathLike[str],
        *,
        model: torch.nn.Module,
        optimizer: torch.optim.Optimizer,
        scheduler: Any,
        rng: random.Random,
        run_key: dict[str, Any],
        every_minutes: float | None = None,
        every_steps: int | None = None,
    ) -> None:
        self.directory = Path(directory)
        self.model = model
        self.optimizer = optimizer
        self.scheduler = scheduler
        self.rng = rng
        self.run_key = run_key
        self.every_seconds = every_minutes * 60 if every_minutes else None
        self.every_steps = every_steps
        self._last_save = time.monotonic()
        self._started = time.perf_counter()

    # ------------------------------------------------------------------ schedule
    def due(self, step: int) -> bool:
        """Whether a mid-epoch checkpoint is due after ``step`` (every N steps or every N minutes)."""
        if self.every_steps and step % self.every_steps == 0:
            return True
        return self.every_seconds is not None and time.monotonic() - self._last_save >= self.every_seconds

    def elapsed(self, state: LoopState) -> float:
        """Training seconds of this call so far, earlier runs included."""
        return state.elapsed + time.perf_counter() - self._started

    # ------------------------------------------------------------------ save
    def save(self, state: LoopState) -> Path:
        """Write ``state`` (and the model, optimizer, scheduler, RNGs) as the new latest checkpoint."""
        self.directory.mkdir(parents=True, exist_ok=True)
        latest = latest_checkpoint(self.directory)
        serial = int(latest.name[len(PREFIX) :]) + 1 if latest else 1
        tmp = Path(tempfile.mkdtemp(prefix=".incoming-", dir=self.directory))
        try:
            self._write(tmp, state)
            final = self.directory / f"{PREFIX}{serial:06d}"
            os.replace(tmp, final)
        except BaseException:
            shutil.rmtree(tmp, ignore_errors=True)
            raise
        self._remove_all_but(final)
        self._last_save = time.monotonic()
        logger.debug("checkpoint %s at step %d", final, state.step)
        return final

    def _write(self, folder: Path, state: LoopState) -> None:
        """All files of one checkpoint into ``folder`` (synced to disk)."""
        optim_meta, optim_tensors = _optimizer_payload(self.optimizer)
        rng_meta, rng_tensors = _rng_payload(self.rng)
        _save_tensors(folder / "model.safetensors", trainable_state(self.model))
        _save_tensors(folder / "optimizer.safetensors", optim_tensors)
        _save_tensors(folder / "rng.safetensors", rng_tensors)
        if state.best_state is not None:
            _save_tensors(folder / "best.safetensors", state.best_state)
        doc = {
            "format_version": FORMAT_VERSION,
            "run": self.run_key,
            "step": state.step,
            "epoch": state.epoch,
            "plan": state.plan,
            "position": state.position,
            "losses": state.losses,
            "history": state.history,
            "bad_epochs": state.bad_epochs,
            "finished": state.finished,
            "elapsed": self.elapsed(state),
            "has_best": state.best_state is not None,
            "scheduler": self.scheduler.state_dict(),
            "optimizer": optim_meta,
            "rng": rng_meta,
        }
        path = folder / STATE_NAME
        path.write_text(json.dumps(doc, default=_json_default) + "\n", encoding="utf-8")
        _fsync(path)

    def _remove_all_but(self, keep: Path) -> None:
        """Delete older checkpoints and leftovers of interrupted writes."""
        for path in self.directory.iterdir():
            if path != keep and path.is_dir() and path.name.startswith((PREFIX, ".incoming-")):
                shutil.rmtree(path, ignore_errors=True)

    # ------------------------------------------------------------------ load
    def resume(self) -> LoopState | None:
        """Restore the latest checkpoint into the model, optimizer, scheduler and RNGs; ``None`` when none."""
        folder = latest_checkpoint(self.directory)
        if folder is None:
            return None
        doc = json.loads((folder / STATE_NAME).read_text(encoding="utf-8"))
        self._check_run(folder, doc)
        self.model.load_state_dict(load_file(str(folder / "model.safetensors")), strict=False)
        optim_tensors = load_file(str(folder / "optimizer.safetensors"))
        self.optimizer.load_state_dict(_optimizer_state(doc["optimizer"], optim_tensors))
        self.scheduler.load_state_dict(doc["scheduler"])
        _restore_rng(self.rng, doc["rng"], load_file(str(folder / "rng.safetensors")))
        best = load_file(str(folder / "best.safetensors")) if doc["has_best"] else None
        plan = [(str(t), [int(i) for i in b]) for t, b in doc["plan"]] if doc["plan"] is not None else None
        state = LoopState(
            history=doc["history"],
            step=doc["step"],
            epoch=doc["epoch"],
            plan=plan,
            position=doc["position"],
            losses=[float(x) for x in doc["losses"]],
            best_state=best,
            bad_epochs=doc["bad_epochs"],
            finished=doc["finished"],
            elapsed=float(doc["elapsed"]),
        )
        _log_resume(folder, state, self.run_key)
        return state

    def _check_run(self, folder: Path, doc: dict[str, Any]) -> None:
        """``ConfigError`` unless the checkpoint was written by this very run (same data and settings)."""
        if doc.get("format_version") != FORMAT_VERSION:
            raise ConfigError(
                f"checkpoint {folder} has format version {doc.get('format_version')!r}, this framing writes "
                f"{FORMAT_VERSION}: delete {self.directory} to start afresh, or pass another checkpoint_dir"
            )
        saved = json.loads(json.dumps(doc.get("run"), default=_json_default))
        current = json.loads(json.dumps(self.run_key, default=_json_default))
        if saved != current:
            differ = sorted(k for k in set(saved or {}) | set(current) if (saved or {}).get(k) != current.get(k))
            raise ConfigError(
                f"checkpoint {folder} belongs to another training run ({', '.join(differ)} differ): resume with the "
                f"same data and settings, or pass another checkpoint_dir (or delete {self.directory}) to start afresh"
            )


def _log_resume(folder: Path, state: LoopState, run_key: dict[str, Any]) -> None:
    if state.finished:
        logger.info("checkpoint %s holds a finished run (step %d): returning its result", folder, state.step)
        return
    where = f"batch {state.position} of {len(state.plan)}" if state.plan is not None else "its start"
    total = run_key["total_steps"]
    logger.info("resuming from %s: step %d of %d, epoch %d at %s", folder, state.step, total, state.epoch + 1, where)


def trainable_state(model: torch.nn.Module) -> dict[str, torch.Tensor]:
    """Trainable parameters plus every head tensor, detached copies."""
    names = {n for n, p in model.named_parameters() if p.requires_grad}
    return {k: v.detach().clone() for k, v in model.state_dict().items() if k in names or k.startswith("heads.")}


def _save_tensors(path: Path, tensors: dict[str, torch.Tensor]) -> None:
    """safetensors file of contiguous CPU copies, synced to disk."""
    save_file({k: v.detach().cpu().contiguous().clone() for k, v in tensors.items()}, str(path))
    _fsync(path)


def _fsync(path: Path) -> None:
    with open(path, "rb") as fh:
        os.fsync(fh.fileno())


def _json_default(obj: Any) -> Any:
    """JSON for tuples' relatives: numpy scalars and paths."""
    if isinstance(obj, np.generic):
        return obj.item()
    return str(obj)


def _optimizer_payload(optimizer: torch.optim.Optimizer) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """The optimizer's state dict split into JSON (param groups, index, scalars) and flat tensors."""
    sd = optimizer.state_dict()
    tensors: dict[str, torch.Tensor] = {}
    index: dict[str, dict[str, Any]] = {}
    for i, per_param in sd["state"].items():
        entry: dict[str, Any] = {"tensors": [], "scalars": {}}
        for key, value in per_param.items():
            if torch.is_tensor(value):
                tensors[f"state.{i}.{key}"] = value
                entry["tensors"].append(key)
            else:
                entry["scalars"][key] = value
        index[str(i)] = entry
    return {"param_groups": sd["param_groups"], "state": index}, tensors


def _optimizer_state(meta: dict[str, Any], tensors: dict[str, torch.Tensor]) -> dict[str, Any]:
    """Rebuild an optimizer state dict from :func:`_optimizer_payload`'s parts."""
    state: dict[int, dict[str, Any]] = {}
    for i, entry in meta["state"].items():
        per_param = {key: tensors[f"state.{i}.{key}"] for key in entry["tensors"]}
        per_param.update(entry["scalars"])
        state[int(i)] = per_param
    groups = [{k: tuple(v) if k == "betas" else v for k, v in g.items()} for g in meta["param_groups"]]
    return {"state": state, "param_groups": groups}


def _rng_payload(rng: random.Random) -> tuple[dict[str, Any], dict[str, torch.Tensor]]:
    """Python (the loop's and the global), NumPy and torch generator states as JSON and tensors."""
    algorithm, keys, pos, has_gauss, cached = np.random.get_state(legacy=True)
    cuda_devices = torch.cuda.device_count() if torch.cuda.is_available() else 0
    meta = {
        "loop": _python_state(rng.getstate()),
        "python": _python_state(random.getstate()),
        "numpy": {"algorithm": algorithm, "pos": int(pos), "has_gauss": int(has_gauss), "cached_gaussian": cached},
        "cuda_devices": cuda_devices,
    }
    tensors = {"torch_cpu": torch.get_rng_state(), "numpy_keys": torch.from_numpy(np.asarray(keys, dtype=np.int64))}
    for d in range(cuda_devices):
        tensors[f"torch_cuda.{d}"] = torch.cuda.get_rng_state(d)
    return meta, tensors


def _restore_rng(rng: random.Random, meta: dict[str, Any], tensors: dict[str, torch.Tensor]) -> None:
    """Inverse of :func:`_rng_payload` (CUDA states only when the device count matches)."""
    rng.setstate(_python_tuple(meta["loop"]))
    random.setstate(_python_tuple(meta["python"]))
    np_meta = meta["numpy"]
    keys = tensors["numpy_keys"].numpy().astype(np.uint32)
    np.random.set_state((np_meta["algorithm"], keys, np_meta["pos"], np_meta["has_gauss"], np_meta["cached_gaussian"]))
    torch.set_rng_state(tensors["torch_cpu"])
    devices = torch.cuda.device_count() if torch.cuda.is_available() else 0
    if devices and devices == meta["cuda_devices"]:
        for d in range(devices):
            torch.cuda.set_rng_state(tensors[f"torch_cuda.{d}"], d)
    elif meta["cuda_devices"] != devices:
        saved = meta["cuda_devices"]
        logger.warning("checkpoint saved with %d CUDA devices, now %d: CUDA RNG not restored", saved, devices)


def _python_state(state: tuple[Any, ...]) -> list[Any]:
    version, internal, gauss_next = state
    return [version, list(internal), gauss_next]


def _python_tuple(state: list[Any]) -> tuple[Any, ...]:
    version, internal, gauss_next = state
    return (version, tuple(internal), gauss_next)
