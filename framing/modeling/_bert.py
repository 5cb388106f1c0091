"""A small pure-torch BERT encoder for inference: the backbone loads without transformers' model code.

Importing ``transformers``' BERT model pulls in its whole modelling stack (``modeling_utils``,
``torch.distributed.tensor``, ``torch._dynamo``, kernels, losses → scipy), seconds before the first
sentence is scored. :func:`load_fast_bert` instead reads a BERT folder's ``config.json`` and
``model.safetensors`` into :class:`FastBertModel`, a module with the same submodule names and the same
operations in the same order as ``transformers.BertModel`` with its default ``sdpa`` attention, so its
``last_hidden_state`` is bit-identical (``tests/test_fast_encoder.py`` holds it to that).

It is used for inference only (``FramingModel.from_pretrained`` of LoRA folders merged at load time and
frozen-encoder folders); training and every non-BERT backbone use ``transformers``. Anything it does not
know (a config key outside :data:`_KNOWN_KEYS`, another attention or position-embedding type, weights
that are not float32, weight names it does not expect) makes :func:`load_fast_bert` return ``None``
and the caller falls back to ``transformers``. ``FRAMING_FAST_ENCODER=0`` turns it off (and with it
the transformers-free tokenizer of :mod:`framing.modeling._tokenizer`).
"""

from __future__ import annotations

import json
import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, fields
from pathlib import Path
from typing import Any

import torch
from torch import nn
from torch.nn import functional as F  # noqa: N812 - torch's own convention

logger = logging.getLogger(__name__)

__all__ = [
    "BertSettings",
    "EncoderOutput",
    "FastBertModel",
    "WeightsMismatch",
    "fast_encoder_enabled",
    "load_fast_bert",
]

ENV_SWITCH = "FRAMING_FAST_ENCODER"

# config.json keys that either set a BertSettings field, are checked below, or do not change what
# BertModel computes at inference (names, initialisation, generation and training flags)
_KNOWN_KEYS = frozenset(
    {
        "_name_or_path",
        "architectures",
        "attention_probs_dropout_prob",
        "hidden_dropout_prob",
        "hidden_act",
        "hidden_size",
        "intermediate_size",
        "layer_norm_eps",
        "max_position_embeddings",
        "model_type",
        "num_attention_heads",
        "num_hidden_layers",
        "pad_token_id",
        "bos_token_id",
        "eos_token_id",
        "position_embedding_type",
        "type_vocab_size",
        "vocab_size",
        "transformers_version",
        "gradient_checkpointing",
        "initializer_range",
        "use_cache",
        "classifier_dropout",
        "tie_word_embeddings",
        "is_decoder",
        "add_cross_attention",
        "chunk_size_feed_forward",
        "pruned_heads",
        "dtype",
        "torch_dtype",
        "output_attentions",
        "output_hidden_states",
        "return_dict",
        "id2label",
        "label2id",
        "problem_type",
    }
)
# keys whose value must be this (or absent) for BertModel to compute what FastBertModel computes
_REQUIRED_VALUES: dict[str, tuple[Any, ...]] = {
    "model_type": ("bert",),
    "hidden_act": ("gelu", None),
    "position_embedding_type": ("absolute", None),
    "is_decoder": (False, None),
    "add_cross_attention": (False, None),
    "chunk_size_feed_forward": (0, None),
    "pruned_heads": ({}, None),
    "output_attentions": (False, None),
    "output_hidden_states": (False, None),
    "dtype": ("float32", None),
    "torch_dtype": ("float32", None),
}
_IGNORED_WEIGHTS = ("embeddings.position_ids",)  # a buffer old checkpoints stored; BertModel drops it too


def fast_encoder_enabled() -> bool:
    """False when ``FRAMING_FAST_ENCODER`` is ``0`` / ``false`` / ``no`` / ``off`` (use transformers' BertModel)."""
    return os.environ.get(ENV_SWITCH, "1").strip().lower() not in ("0", "false", "no", "off")


@dataclass(frozen=True)
class BertSettings:
    """The ``config.json`` values of a BERT encoder that shape its computation (transformers' defaults)."""

    vocab_size: int = 30522
    hidden_size: int = 768
    num_hidden_layers: int = 12
    num_attention_heads: int = 12
    intermediate_size: int = 3072
    hidden_dropout_prob: float = 0.1
    attention_probs_dropout_prob: float = 0.1
    max_position_embeddings: int = 512
    type_vocab_size: int = 2
    layer_norm_eps: float = 1e-12
    pad_token_id: int = 0
    model_type: str = "bert"

    @classmethod
    def from_config(cls, cfg: dict[str, Any]) -> BertSettings | None:
        """The settings of a parsed ``config.json``, or ``None`` (with the reason logged) when it is not a
        plain BERT encoder this module computes exactly like transformers."""
        unknown = sorted(set(cfg) - _KNOWN_KEYS)
        if unknown:
            logger.debug("fast encoder: config keys %s are not known, using transformers", unknown[:5])
            return None
        for key, allowed in _REQUIRED_VALUES.items():
            if cfg.get(key) not in allowed:
                logger.debug("fast encoder: config %s=%r, using transformers", key, cfg.get(key))
                return None
        values = {f.name: cfg[f.name] for f in fields(cls) if cfg.get(f.name) is not None}
        settings = cls(**values)
        if settings.hidden_size % settings.num_attention_heads:
            return None
        return settings


@dataclass
class EncoderOutput:
    """What ``FramingModel.forward`` reads of an encoder's output."""

    last_hidden_state: torch.Tensor


class WeightsMismatch(ValueError):
    """The stored tensors are not those of the BertModel the config describes (names, shapes, float32)."""


class _Weights:
    """A BertModel's stored tensors, handed by name to the layers built on them (no random initialisation:
    building and then overwriting randomly initialised layers costs a quarter of a second of CPU)."""

    def __init__(self, state: Mapping[str, torch.Tensor]) -> None:
        self.state = state
        self.used: set[str] = set()

    def take(self, name: str, *shape: int) -> torch.Tensor:
        """Tensor ``name``, checked to be float32 of ``shape``."""
        tensor = self.state.get(name)
        if tensor is None or tuple(tensor.shape) != shape or tensor.dtype != torch.float32:
            found = "missing" if tensor is None else f"{tensor.dtype} {tuple(tensor.shape)}"
            raise WeightsMismatch(f"weight {name} is {found}, not float32 {shape}")
        self.used.add(name)
        return tensor

    def linear(self, name: str, n_in: int, n_out: int) -> nn.Linear:
        """An ``nn.Linear`` holding ``name.weight`` / ``name.bias``, built without ``Linear.__init__`` (which would
        draw random weights); it sets the attributes ``Linear.__init__`` sets: features, weight, bias."""
        layer = nn.Linear.__new__(nn.Linear)
        nn.Module.__init__(layer)
        layer.in_features, layer.out_features = n_in, n_out
        layer.weight = nn.Parameter(self.take(f"{name}.weight", n_out, n_in))
        layer.bias = nn.Parameter(self.take(f"{name}.bias", n_out))
        return layer

    def embedding(self, name: str, rows: int, dim: int, padding_idx: int | None = None) -> nn.Embedding:
        """An ``nn.Embedding`` holding ``name.weight`` as stored (``from_pretrained`` does not initialise)."""
        weight = self.take(f"{name}.weight", rows, dim)
        return nn.Embedding.from_pretrained(weight, freeze=False, padding_idx=padding_idx)

    def layer_norm(self, name: str, dim: int, eps: float) -> nn.LayerNorm:
        """An ``nn.LayerNorm`` holding ``name.weight`` / ``name.bias``."""
        norm = nn.LayerNorm(dim, eps=eps)  # (ones and zeros: nothing random, nothing costly)
        norm.weight = nn.Parameter(self.take(f"{name}.weight", dim))
        norm.bias = nn.Parameter(self.take(f"{name}.bias", dim))
        return norm

    def check_all_used(self) -> None:
        """Raise :class:`WeightsMismatch` if some stored tensor was not used by any layer."""
        left = sorted(set(self.state) - self.used)
        if left:
            raise WeightsMismatch(f"weights {left[:3]} are no BertModel weights")


class _Embeddings(nn.Module):
    """``BertEmbeddings``: word + token type + position embeddings, LayerNorm, dropout."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.word_embeddings = w.embedding(f"{at}.word_embeddings", s.vocab_size, s.hidden_size, s.pad_token_id)
        self.position_embeddings = w.embedding(f"{at}.position_embeddings", s.max_position_embeddings, s.hidden_size)
        self.token_type_embeddings = w.embedding(f"{at}.token_type_embeddings", s.type_vocab_size, s.hidden_size)
        self.LayerNorm = w.layer_norm(f"{at}.LayerNorm", s.hidden_size, s.layer_norm_eps)
        self.dropout = nn.Dropout(s.hidden_dropout_prob)

    def forward(self, input_ids: torch.Tensor, token_type_ids: torch.Tensor | None) -> torch.Tensor:
        """Embeddings of ``input_ids`` [B, T] (token types default to 0), summed in BertEmbeddings' order."""
        batch, length = input_ids.shape
        position_ids = torch.arange(length, device=input_ids.device).unsqueeze(0)
        if token_type_ids is None:
            token_type_ids = torch.zeros((batch, length), dtype=torch.long, device=input_ids.device)
        embeddings = self.word_embeddings(input_ids) + self.token_type_embeddings(token_type_ids)
        embeddings = embeddings + self.position_embeddings(position_ids)
        return self.dropout(self.LayerNorm(embeddings))


class _SelfAttention(nn.Module):
    """``BertSelfAttention`` with the sdpa attention of transformers (``sdpa_attention_forward``)."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.head_size = s.hidden_size // s.num_attention_heads
        self.scaling = self.head_size**-0.5
        self.query = w.linear(f"{at}.query", s.hidden_size, s.hidden_size)
        self.key = w.linear(f"{at}.key", s.hidden_size, s.hidden_size)
        self.value = w.linear(f"{at}.value", s.hidden_size, s.hidden_size)
        self.dropout = nn.Dropout(s.attention_probs_dropout_prob)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        """Multi-head self-attention of ``hidden`` [B, T, H]; ``mask`` [B, 1, T, T] bool (True: attend) or None."""
        input_shape = hidden.shape[:-1]
        shape = (*input_shape, -1, self.head_size)
        query = self.query(hidden).view(*shape).transpose(1, 2)
        key = self.key(hidden).view(*shape).transpose(1, 2)
        value = self.value(hidden).view(*shape).transpose(1, 2)
        out = F.scaled_dot_product_attention(
            query,
            key,
            value,
            attn_mask=mask,
            dropout_p=self.dropout.p if self.training else 0.0,
            scale=self.scaling,
            is_causal=False,
        )
        out = out.reshape(out.shape[0], -1, query.shape[2], value.shape[-1]).transpose(1, 2).contiguous()
        return out.reshape(*input_shape, -1).contiguous()


class _Output(nn.Module):
    """``BertSelfOutput`` / ``BertOutput``: dense, dropout, LayerNorm of the residual sum."""

    def __init__(self, s: BertSettings, w: _Weights, at: str, width: int) -> None:
        super().__init__()
        self.dense = w.linear(f"{at}.dense", width, s.hidden_size)
        self.LayerNorm = w.layer_norm(f"{at}.LayerNorm", s.hidden_size, s.layer_norm_eps)
        self.dropout = nn.Dropout(s.hidden_dropout_prob)

    def forward(self, hidden: torch.Tensor, residual: torch.Tensor) -> torch.Tensor:
        """``LayerNorm(dropout(dense(hidden)) + residual)``."""
        return self.LayerNorm(self.dropout(self.dense(hidden)) + residual)


class _Attention(nn.Module):
    """``BertAttention``: self-attention (``self``) and its output block (``output``)."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.self = _SelfAttention(s, w, f"{at}.self")
        self.output = _Output(s, w, f"{at}.output", s.hidden_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        """The attention block's output for ``hidden``."""
        return self.output(self.self(hidden, mask), hidden)


class _Intermediate(nn.Module):
    """``BertIntermediate``: dense then exact (erf) GELU, as transformers' ``ACT2FN["gelu"]``."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.dense = w.linear(f"{at}.dense", s.hidden_size, s.intermediate_size)

    def forward(self, hidden: torch.Tensor) -> torch.Tensor:
        """``gelu(dense(hidden))``."""
        return F.gelu(self.dense(hidden))


class _Layer(nn.Module):
    """``BertLayer`` of an encoder (no cross-attention, no feed-forward chunking)."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.attention = _Attention(s, w, f"{at}.attention")
        self.intermediate = _Intermediate(s, w, f"{at}.intermediate")
        self.output = _Output(s, w, f"{at}.output", s.intermediate_size)

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        """One transformer layer."""
        attention = self.attention(hidden, mask)
        return self.output(self.intermediate(attention), attention)


class _Stack(nn.Module):
    """``BertEncoder``: the layers, under the attribute name ``layer`` (weights ``encoder.layer.N.…``)."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.layer = nn.ModuleList(_Layer(s, w, f"{at}.layer.{i}") for i in range(s.num_hidden_layers))

    def forward(self, hidden: torch.Tensor, mask: torch.Tensor | None) -> torch.Tensor:
        """All layers in order."""
        for layer in self.layer:
            hidden = layer(hidden, mask)
        return hidden


class _Pooler(nn.Module):
    """``BertPooler``'s weights: kept so that the weights (and a LoRA adapter's targets) are BertModel's, never run."""

    def __init__(self, s: BertSettings, w: _Weights, at: str) -> None:
        super().__init__()
        self.dense = w.linear(f"{at}.dense", s.hidden_size, s.hidden_size)


class FastBertModel(nn.Module):
    """``transformers.BertModel`` (sdpa attention) in plain torch, for inference.

    Submodule and weight names are BertModel's (``embeddings.word_embeddings``,
    ``encoder.layer.0.attention.self.query``, ``pooler.dense`` …), so LoRA weights merge by the same
    names, and ``config.hidden_size`` / ``get_input_embeddings()`` answer as there. The pooler's
    output is not computed: only ``last_hidden_state`` is returned. The layers are built on the
    stored tensors ``state`` (BertModel's weight names), without random initialisation; a missing,
    misshapen or left-over tensor raises :class:`WeightsMismatch`.
    """

    def __init__(self, settings: BertSettings, state: Mapping[str, torch.Tensor]) -> None:
        super().__init__()
        self.config = settings
        w = _Weights(state)
        self.embeddings = _Embeddings(settings, w, "embeddings")
        self.encoder = _Stack(settings, w, "encoder")
        self.pooler = _Pooler(settings, w, "pooler")
        w.check_all_used()

    def get_input_embeddings(self) -> nn.Embedding:
        """The word embedding table."""
        return self.embeddings.word_embeddings

    def forward(
        self,
        input_ids: torch.Tensor,
        attention_mask: torch.Tensor | None = None,
        token_type_ids: torch.Tensor | None = None,
    ) -> EncoderOutput:
        """``last_hidden_state`` [B, T, H] of ``input_ids`` [B, T]; ``attention_mask`` [B, T] (1: token, 0: padding)."""
        hidden = self.embeddings(input_ids, token_type_ids)
        return EncoderOutput(self.encoder(hidden, _attention_mask(attention_mask, hidden.shape[1])))


def _attention_mask(attention_mask: torch.Tensor | None, length: int) -> torch.Tensor | None:
    """transformers' ``create_bidirectional_mask`` for sdpa: None when nothing is padded, else a [B, 1, T, T]
    bool mask (True: attend), materialised like there."""
    if attention_mask is None:
        return None
    padding = attention_mask.to(dtype=torch.bool)
    if bool(padding.all()):
        return None
    query_ok = (torch.arange(length, device=padding.device) >= 0).view(1, 1, length, 1)
    return query_ok & padding[:, None, None, :]


def load_fast_bert(folder: str | os.PathLike[str]) -> FastBertModel | None:
    """A :class:`FastBertModel` of a local BERT folder (``config.json`` + ``model.safetensors``), in eval mode.

    ``None`` when the folder is not one this module computes exactly like ``transformers.BertModel``
    (see the module docstring), when ``FRAMING_FAST_ENCODER=0``, or when its files cannot be read: the
    caller then loads it with transformers, which reports any real problem.
    """
    if not fast_encoder_enabled():
        return None
    path = Path(folder)
    config, weights = path / "config.json", path / "model.safetensors"
    if not (config.is_file() and weights.is_file()):
        return None
    try:
        settings = BertSettings.from_config(json.loads(config.read_text(encoding="utf-8")))
    except (OSError, ValueError, TypeError) as exc:
        logger.debug("fast encoder: cannot read %s (%s), using transformers", config, exc)
        return None
    if settings is None:
        return None
    state = _read_weights(weights)
    if state is None:
        return None
    try:
        model = FastBertModel(settings, state)
    except (ValueError, AssertionError) as exc:  # WeightsMismatch, or a pad_token_id outside the vocabulary
        logger.debug("fast encoder: %s (%s), using transformers", exc, weights)
        return None
    model.eval()
    logger.debug("fast encoder: loaded %s without transformers' model code", path)
    return model


def _read_weights(path: Path) -> dict[str, torch.Tensor] | None:
    """The weights of a safetensors file (stored position ids dropped), or None if unreadable."""
    from safetensors.torch import load_file

    try:
        state = load_file(str(path))
    except Exception as exc:  # safetensors raises its own error types
        logger.debug("fast encoder: cannot read %s (%s), using transformers", path, exc)
        return None
    return {k: v for k, v in state.items() if k not in _IGNORED_WEIGHTS}
