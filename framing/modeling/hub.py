"""Upload framing model folders to the Hugging Face Hub (``huggingface_hub.HfApi``).

``FramingModel.push_to_hub(repo_id)`` saves the model to a temporary folder and uploads it;
:func:`push_folder` uploads a folder already saved (``models/framing-default``). Either way the
folder is checked first: ``framing_config.json``, safetensors weights, a ``README.md`` whose YAML
front matter ``huggingface_hub.ModelCard`` reads, and no pickle files. ``FramingModel.from_pretrained``
loads the repo back by its id.

Why not ``huggingface_hub.PyTorchModelHubMixin``: the mixin saves one ``model.safetensors`` of the
whole module plus a ``config.json`` of ``__init__`` arguments, and loads by calling ``__init__``;
a framing folder stores only the adapter and heads over a backbone checked by fingerprint, in the
format ``from_pretrained`` already reads from the Hub.
"""

from __future__ import annotations

import os
import shutil
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import FramingError, ModelLoadError

if TYPE_CHECKING:
    from framing.modeling.model import FramingModel

__all__ = ["push_folder", "prepare_hub_folder", "check_hub_folder", "HubError", "RESULT_FILES", "PICKLE_SUFFIXES"]

#: files a model folder may hold besides the weights, config and card; they go along with it
RESULT_FILES = (
    "eval_heldout.json",
    "training_history.json",
    "eval_results.json",
    "training_args.json",
    "eval_frames.json",
)
PICKLE_SUFFIXES = (".bin", ".pt", ".pth", ".pkl", ".pickle", ".ckpt", ".joblib", ".npy", ".npz")


class HubError(FramingError, OSError):
    """The Hub refused or could not be reached (network, login, permissions)."""


def check_hub_folder(folder: str | os.PathLike[str]) -> list[str]:
    """The files of ``folder`` (relative POSIX paths), after checking it is a loadable, pickle-free
    framing folder with a model card the Hub reads; raises :class:`ModelLoadError` otherwise."""
    from huggingface_hub import ModelCard

    from framing.modeling.model import CONFIG_NAME, HEADS_NAME

    root = Path(folder)
    files = sorted(p.relative_to(root).as_posix() for p in root.rglob("*") if p.is_file())
    for needed in (CONFIG_NAME, HEADS_NAME, "README.md"):
        if needed not in files:
            raise ModelLoadError(f"{root} has no {needed}: save the model with save_pretrained (and a model card)")
    pickles = [f for f in files if f.lower().endswith(PICKLE_SUFFIXES)]
    if pickles:
        raise ModelLoadError(f"{root} holds pickle or numpy files {pickles[:3]}: framing folders hold safetensors only")
    text = (root / "README.md").read_text(encoding="utf-8")
    if not text.startswith("---"):
        raise ModelLoadError(
            f"{root / 'README.md'} has no YAML front matter: regenerate it with python -m framing.training.card {root}"
        )
    try:
        ModelCard(text)
    except Exception as exc:  # yaml / card-data errors
        raise ModelLoadError(f"{root / 'README.md'}: the Hub cannot read its front matter ({exc})") from exc
    return files


def prepare_hub_folder(
    model: FramingModel, folder: str | os.PathLike[str], *, model_card: str | None = None
) -> list[str]:
    """Write what ``model.push_to_hub`` uploads into ``folder``; returns its files (see :func:`check_hub_folder`).

    The card: ``model_card`` if given; else the ``README.md`` of the folder the model was loaded from
    or last saved to (``model.source``), whose result files (:data:`RESULT_FILES`) go along; else a
    card made from the model's config (``framing.training.card``).
    """
    from framing.training.card import CARD_NAME, write_card

    dest = Path(folder)
    model.save_pretrained(dest, model_card=model_card)
    source = Path(model.source) if model.source else None
    if source is not None and source.is_dir() and source.resolve() != dest.resolve():
        for name in RESULT_FILES:
            if (source / name).is_file():
                shutil.copy2(source / name, dest / name)
        if model_card is None and (source / CARD_NAME).is_file():
            shutil.copy2(source / CARD_NAME, dest / CARD_NAME)
    if not (dest / CARD_NAME).is_file():
        write_card(dest)
    return check_hub_folder(dest)


def push_folder(
    folder: str | os.PathLike[str],
    repo_id: str,
    *,
    token: str | None = None,
    private: bool | None = None,
    commit_message: str | None = None,
    revision: str | None = None,
    create_pr: bool = False,
    ignore_patterns: Sequence[str] | None = None,
) -> Any:
    """Create the Hub model repo ``repo_id`` if needed and upload ``folder`` (checked first) to it.

    ``token``: a Hub token with write access; ``None`` uses the one ``hf auth login`` or ``HF_TOKEN``
    provides. Returns huggingface_hub's ``CommitInfo``. Network, login and permission failures
    raise :class:`HubError`.
    """
    from huggingface_hub import HfApi

    files = check_hub_folder(folder)
    api = HfApi(token=token)
    try:
        api.create_repo(repo_id, repo_type="model", private=private, exist_ok=True)
        return api.upload_folder(
            repo_id=repo_id,
            folder_path=str(folder),
            repo_type="model",
            commit_message=commit_message or f"Upload framing model ({len(files)} files)",
            revision=revision,
            create_pr=create_pr,
            ignore_patterns=list(ignore_patterns) if ignore_patterns else None,
        )
    except Exception as exc:  # huggingface_hub / requests / httpx errors
        raise HubError(
            f"could not upload {folder} to the Hub repo {repo_id!r} ({type(exc).__name__}: {exc}). Check network "
            "access (and that HF_HUB_OFFLINE is not set), that you are logged in with write access "
            "(`hf auth login`, HF_TOKEN or token=...), and the repo id (owner/name)"
        ) from exc
