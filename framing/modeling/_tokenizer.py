"""The default backbone's tokenizer without importing transformers, called like transformers' fast tokenizer.

Importing transformers costs about two seconds of CPU at startup (its hub client, chat templates,
the lazy-module machinery). For the pip-shipped MiniLM, transformers' ``BertTokenizer`` wraps a
``tokenizers.Tokenizer`` that is that folder's ``tokenizer.json`` unchanged, and a call
``tokenizer(texts, truncation=True, max_length=…, stride=…, return_overflowing_tokens=…,
return_offsets_mapping=…)`` sets truncation on it, encodes the batch and flattens the overflowing
windows. :class:`FastTokenizer` does exactly that with ``tokenizers`` alone; any other call, and any
other attribute, goes to the transformers tokenizer, loaded on first use. ``tests/test_fast_encoder.py``
checks the serialised tokenizers and the outputs against transformers'.
"""

from __future__ import annotations

import json
import logging
from collections.abc import Sequence
from pathlib import Path
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["FastEncoding", "FastTokenizer"]

# the keyword arguments of the calls FastTokenizer answers itself (what FramingModel.predict passes)
_OWN_KWARGS = frozenset(
    {
        "truncation",
        "max_length",
        "stride",
        "return_overflowing_tokens",
        "return_offsets_mapping",
        "return_attention_mask",
        "return_token_type_ids",
    }
)

# tokenizer_config.json settings that change what a transformers tokenizer call does; only their defaults are reproduced
_DEFAULT_SETTINGS: dict[str, Any] = {
    "truncation_side": "right",
    "padding_side": "right",
    "split_special_tokens": False,
    "model_input_names": None,
}


class FastEncoding(dict[str, list[Any]]):
    """What ``transformers.BatchEncoding`` gives here: the lists by key and ``word_ids(i)``."""

    def __init__(self, data: dict[str, list[Any]], encodings: list[Any]) -> None:
        super().__init__(data)
        self.encodings = encodings

    def word_ids(self, batch_index: int = 0) -> list[int | None]:
        """The word index of each token of row ``batch_index`` (None for special tokens)."""
        return list(self.encodings[batch_index].word_ids)


class FastTokenizer:
    """A BERT tokenizer folder's ``tokenizer.json`` through ``tokenizers``, with transformers' call for inference.

    ``__call__`` on a list of texts with ``truncation=True`` and an integer ``max_length`` (plus
    ``stride``, ``return_overflowing_tokens``, ``return_offsets_mapping``, ``return_attention_mask``,
    ``return_token_type_ids``) returns what transformers' ``BertTokenizer`` returns; every other call
    and attribute is answered by that tokenizer itself (:meth:`transformers_tokenizer`).
    """

    is_fast = True

    def __init__(self, folder: str | Path, pad_token: str = "[PAD]") -> None:
        from tokenizers import Tokenizer

        self.name_or_path = str(folder)
        self._backend = Tokenizer.from_file(str(Path(folder) / "tokenizer.json"))
        self.pad_token = pad_token
        self.pad_token_id: int | None = self._backend.token_to_id(pad_token)
        self._transformers: Any = None

    @classmethod
    def load(cls, folder: str | Path) -> FastTokenizer | None:
        """The tokenizer of ``folder`` (``tokenizer.json`` of a ``BertTokenizer``), or None if it is not one."""
        path = Path(folder)
        try:
            config = json.loads((path / "tokenizer_config.json").read_text(encoding="utf-8"))
        except (OSError, ValueError) as exc:
            logger.debug("fast tokenizer: cannot read %s (%s), using transformers", path, exc)
            return None
        pad = config.get("pad_token", "[PAD]")
        if config.get("tokenizer_class") not in ("BertTokenizer", "BertTokenizerFast") or not isinstance(pad, str):
            return None
        changed = [k for k, v in _DEFAULT_SETTINGS.items() if config.get(k, v) != v]
        if changed:
            logger.debug("fast tokenizer: %s sets %s, using transformers", path, changed)
            return None
        if not (path / "tokenizer.json").is_file():
            return None
        tokenizer = cls(path, pad)
        return tokenizer if tokenizer.pad_token_id is not None else None

    def num_special_tokens_to_add(self, pair: bool = False) -> int:
        """Tokens the post-processor adds to one sequence (``pair``: to two)."""
        return int(self._backend.num_special_tokens_to_add(pair))

    def __call__(self, text: Any, **kwargs: Any) -> Any:
        """Encode a batch of texts as transformers' fast tokenizer does (see the class docstring)."""
        if not _own_call(text, kwargs):
            return self.transformers_tokenizer()(text, **kwargs)
        backend = self._backend
        target = {"max_length": kwargs["max_length"], "stride": kwargs.get("stride", 0)}
        target |= {"strategy": "longest_first", "direction": "right"}
        current = backend.truncation
        if current is None or {k: current.get(k) for k in target} != target:
            backend.enable_truncation(**target)
        if backend.padding is not None:
            backend.no_padding()
        if backend.encode_special_tokens:
            backend.encode_special_tokens = False
        encodings = backend.encode_batch(list(text), add_special_tokens=True, is_pretokenized=False)
        return _batch(encodings, kwargs)

    def transformers_tokenizer(self) -> Any:
        """The transformers tokenizer of the same folder (imported and loaded on first use)."""
        if self._transformers is None:
            from transformers import AutoTokenizer

            from framing.runtime import quiet_transformers

            quiet_transformers()
            self._transformers = AutoTokenizer.from_pretrained(self.name_or_path, local_files_only=True)
        return self._transformers

    def __getattr__(self, name: str) -> Any:
        """Any other attribute (``save_pretrained``, ``decode``, ``vocab_size`` …): the transformers tokenizer's."""
        if name.startswith("_"):
            raise AttributeError(name)
        return getattr(self.transformers_tokenizer(), name)


def _own_call(text: Any, kwargs: dict[str, Any]) -> bool:
    """Whether :meth:`FastTokenizer.__call__` answers this call itself."""
    if not isinstance(text, (list, tuple)) or not text or not all(isinstance(t, str) for t in text):
        return False
    if not set(kwargs) <= _OWN_KWARGS or kwargs.get("truncation") is not True:
        return False
    ints = [kwargs.get("max_length"), kwargs.get("stride", 0)]
    return all(isinstance(v, int) and not isinstance(v, bool) for v in ints)


def _batch(encodings: Sequence[Any], kwargs: dict[str, Any]) -> FastEncoding:
    """transformers' ``_convert_encoding`` + batch flattening: one row per window, in order."""
    overflow = bool(kwargs.get("return_overflowing_tokens", False))
    types = kwargs.get("return_token_type_ids") is not False  # None: BertTokenizer returns them
    mask = kwargs.get("return_attention_mask") is not False
    offsets = bool(kwargs.get("return_offsets_mapping", False))
    data: dict[str, list[Any]] = {"input_ids": []}
    if types:
        data["token_type_ids"] = []
    if mask:
        data["attention_mask"] = []
    if offsets:
        data["offset_mapping"] = []
    rows: list[Any] = []
    owner: list[int] = []
    for i, encoding in enumerate(encodings):
        windows = [encoding, *encoding.overflowing] if overflow else [encoding]
        for e in windows:
            data["input_ids"].append(e.ids)
            if types:
                data["token_type_ids"].append(e.type_ids)
            if mask:
                data["attention_mask"].append(e.attention_mask)
            if offsets:
                data["offset_mapping"].append(e.offsets)
        rows += windows
        owner += [i] * len(windows)
    if overflow:
        data["overflow_to_sample_mapping"] = owner
    return FastEncoding(data, rows)
