"""The pure-torch BERT encoder of inference (``framing.modeling._bert``) computes what transformers does.

``FramingModel.from_pretrained`` of a LoRA folder (adapter merged at load time) loads a plain BERT
backbone as ``FastBertModel`` instead of ``transformers.BertModel``, to start without importing
transformers' model code. These tests fail if its outputs drift from ``BertModel``'s by a single bit,
if it is used where it must not be (training, anything not a plain BERT), or if loading a model for
inference imports peft or transformers' modelling stack again.
"""

from __future__ import annotations

import dataclasses
import json
import shutil
import subprocess
import sys
from pathlib import Path
from typing import Any

import numpy as np
import pytest
import torch

from framing.modeling._bert import ENV_SWITCH, FastBertModel, load_fast_bert
from framing.modeling._tokenizer import FastTokenizer
from framing.modeling.backbone import load_encoder, resolve_backbone
from framing.modeling.model import FramingModel
from framing.modeling.windows import window_stride

SENTENCES = [
    "Stoltenberg said the alliance would never abandon Ukraine.",
    "The despotic regime in Moscow keeps threatening its neighbours with reckless nuclear rhetoric.",
    "NATO leaders met in Vilnius.",
    "Critics called the summit a costly farce, while Biden praised its historic unity.",
]
MENTIONS = [[[(0, 11)]], [[(4, 19)]], [[(0, 4)]], [[(52, 57)]]]
LONG = " ".join(SENTENCES * 10)  # over 128 tokens: scored in overlapping windows
ODD = [
    "Ça coûte 10 000 € – «très» cher, naïve café!",
    "北约峰会在维尔纽斯举行。 NATO's summit",
    "emoji 🙂 and literal [SEP] [CLS] [MASK] [PAD] tokens",
    "  spaced\ttabs\nnew lines  \u200b zero width\u00a0nbsp",
    "",
    "x" * 150,
    "Antidisestablishmentarianism supercalifragilistic hyperbolically",
]


def _hf_bert(folder: str) -> Any:
    from transformers import AutoModel

    return AutoModel.from_pretrained(folder, local_files_only=True).eval()


def _inputs(tokenizer: Any, texts: list[str]) -> dict[str, torch.Tensor]:
    return dict(tokenizer(texts, padding=True, return_tensors="pt"))


def _hidden(encoder: Any, **inputs: torch.Tensor) -> torch.Tensor:
    with torch.inference_mode():
        return encoder(**inputs).last_hidden_state


def _plain(x: Any) -> Any:
    """``x`` with arrays and dataclasses as lists and dicts, so that ``==`` compares every number exactly."""
    if isinstance(x, np.ndarray):
        return x.tolist()
    if dataclasses.is_dataclass(x) and not isinstance(x, type):
        return {f.name: _plain(getattr(x, f.name)) for f in dataclasses.fields(x)}
    if isinstance(x, dict):
        return {k: _plain(v) for k, v in x.items()}
    if isinstance(x, (list, tuple)):
        return [_plain(v) for v in x]
    return x


def _outputs(model: FramingModel) -> list[Any]:
    return _plain(model.predict(SENTENCES, MENTIONS, span_threshold=0.3))


def _default_tokenizers() -> tuple[FastTokenizer, Any]:
    from transformers import AutoTokenizer

    path = resolve_backbone(None)
    fast = FastTokenizer.load(path)
    assert fast is not None
    return fast, AutoTokenizer.from_pretrained(path, local_files_only=True)


def _without_fast(monkeypatch: pytest.MonkeyPatch, folder: str | Path) -> FramingModel:
    with monkeypatch.context() as m:
        m.setenv(ENV_SWITCH, "0")
        return FramingModel.from_pretrained(folder)


def test_tiny_bert_is_bit_identical_to_transformers(tiny_backbone: str) -> None:
    """Padded and unpadded batches, one text, token types: ``last_hidden_state`` equal bit for bit."""
    from transformers import AutoTokenizer

    fast, hf = load_fast_bert(tiny_backbone), _hf_bert(tiny_backbone)
    assert isinstance(fast, FastBertModel) and not fast.training
    assert hf.config._attn_implementation == "sdpa"  # the attention FastBertModel reproduces
    tok = AutoTokenizer.from_pretrained(tiny_backbone)
    for texts in (SENTENCES, SENTENCES[:1], [SENTENCES[2]] * 3):
        inputs = _inputs(tok, texts)
        assert torch.equal(_hidden(fast, **inputs), _hidden(hf, **inputs)), texts
        without_types = {k: v for k, v in inputs.items() if k != "token_type_ids"}
        assert torch.equal(_hidden(fast, **without_types), _hidden(hf, **without_types))
    inputs = _inputs(tok, SENTENCES[:2])
    inputs["token_type_ids"][:, 3:] = 1
    assert torch.equal(_hidden(fast, **inputs), _hidden(hf, **inputs))


def test_tiny_bert_weights_and_names_are_bertmodels(tiny_backbone: str) -> None:
    """Every BertModel weight under the same name (the pooler's too: LoRA targets it); the config answers alike."""
    fast, hf = load_fast_bert(tiny_backbone), _hf_bert(tiny_backbone)
    assert fast is not None
    a, b = fast.state_dict(), hf.state_dict()
    assert a.keys() == b.keys()
    assert all(torch.equal(a[k], b[k]) for k in a)
    assert fast.config.hidden_size == hf.config.hidden_size
    assert fast.get_input_embeddings().weight.shape == hf.get_input_embeddings().weight.shape


def test_lora_model_scores_match_transformers_and_peft(tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A LoRA folder loads fast for inference: the same merged weights and the same scores, bit for bit."""
    fast = FramingModel.from_pretrained(tiny_model_dir)
    slow = _without_fast(monkeypatch, tiny_model_dir)
    via_peft = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False).merge_adapter()
    assert isinstance(fast.encoder, FastBertModel) and not isinstance(slow.encoder, FastBertModel)
    a, b = fast.encoder.state_dict(), via_peft.encoder.state_dict()
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    assert not any(p.requires_grad for p in fast.encoder.parameters())
    assert fast.backbone_fingerprint == slow.backbone_fingerprint
    assert _outputs(fast) == _outputs(slow) == _outputs(via_peft)


def test_loading_leaves_the_random_state_as_transformers_does(
    tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Seeded code that loads a model (a distillation teacher, say) draws the same random numbers afterwards."""
    torch.manual_seed(0)
    FramingModel.from_pretrained(tiny_model_dir)
    fast = torch.random.get_rng_state()
    torch.manual_seed(0)
    _without_fast(monkeypatch, tiny_model_dir)
    assert torch.equal(fast, torch.random.get_rng_state())


def test_int8_scores_match(tiny_model_dir: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """Dynamic int8 quantisation sees the same linear layers: the same scores."""
    fast = FramingModel.from_pretrained(tiny_model_dir).quantize_int8()
    slow = _without_fast(monkeypatch, tiny_model_dir).quantize_int8()
    assert _outputs(fast) == _outputs(slow)


def test_training_and_non_lora_folders_keep_transformers(tiny_backbone: str, tiny_model_dir: Path) -> None:
    """Only inference of merged adapters uses the fast encoder; new models and peft-wrapped ones do not."""
    assert not isinstance(load_encoder(tiny_backbone)[0], FastBertModel)
    assert isinstance(load_encoder(tiny_backbone, inference=True)[0], FastBertModel)
    wrapped = FramingModel.from_pretrained(tiny_model_dir, merge_adapter=False)
    assert hasattr(wrapped.encoder, "peft_config")


def _copy_with_config(src: str, dst: Path, **changes: Any) -> str:
    shutil.copytree(src, dst)
    cfg = json.loads((dst / "config.json").read_text())
    cfg.update(changes)
    (dst / "config.json").write_text(json.dumps(cfg))
    return str(dst)


@pytest.mark.parametrize(
    "changes",
    [
        {"position_embedding_type": "relative_key"},
        {"hidden_act": "gelu_new"},
        {"is_decoder": True},
        {"model_type": "roberta"},
        {"some_new_option": 1},
        {"dtype": "float16"},
    ],
    ids=["relative-positions", "other-activation", "decoder", "not-bert", "unknown-key", "fp16"],
)
def test_anything_unexpected_falls_back(tiny_backbone: str, tmp_path: Path, changes: dict[str, Any]) -> None:
    """A config the fast encoder does not reproduce exactly loads with transformers."""
    folder = _copy_with_config(tiny_backbone, tmp_path / "changed", **changes)
    assert load_fast_bert(folder) is None


def test_unexpected_weights_fall_back(tiny_backbone: str, tmp_path: Path) -> None:
    """Weight names other than BertModel's (e.g. a ``bert.`` prefix) or other dtypes load with transformers."""
    from safetensors.torch import load_file, save_file

    for name, rename in (("prefixed", lambda k, v: (f"bert.{k}", v)), ("half", lambda k, v: (k, v.half()))):
        folder = tmp_path / name
        shutil.copytree(tiny_backbone, folder)
        state = load_file(str(folder / "model.safetensors"))
        save_file(dict(rename(k, v) for k, v in state.items()), str(folder / "model.safetensors"))
        assert load_fast_bert(folder) is None, name


def test_switch_turns_it_off(tiny_backbone: str, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(ENV_SWITCH, "0")
    assert load_fast_bert(tiny_backbone) is None


def test_default_tokenizer_is_transformers_backend_unchanged() -> None:
    """transformers' tokenizer of the default backbone is its tokenizer.json, as FastTokenizer loads it."""
    fast, hf = _default_tokenizers()
    assert json.loads(fast._backend.to_str()) == json.loads(hf.backend_tokenizer.to_str())
    assert fast.pad_token_id == hf.pad_token_id == 0
    for pair in (False, True):
        assert fast.num_special_tokens_to_add(pair=pair) == hf.num_special_tokens_to_add(pair=pair)


@pytest.mark.parametrize("max_length", [128, 16])
def test_default_tokenizer_encodes_like_transformers(max_length: int) -> None:
    """The call of FramingModel.predict (windows included) and a plain one give transformers' lists and word ids."""
    fast, hf = _default_tokenizers()
    texts = [*SENTENCES, LONG, *ODD]
    predict_call = {
        "truncation": True,
        "max_length": max_length,
        "stride": window_stride(hf, max_length),
        "return_overflowing_tokens": True,
        "return_offsets_mapping": True,
        "return_attention_mask": False,
    }
    for kwargs in (predict_call, {"truncation": True, "max_length": max_length}):
        for batch in (texts, texts[::-1], texts[:1]):
            a, b = fast(batch, **kwargs), hf(batch, **kwargs)
            assert dict(a) == dict(b), kwargs
            assert [a.word_ids(i) for i in range(len(a["input_ids"]))] == [
                b.word_ids(i) for i in range(len(b["input_ids"]))
            ]


def test_default_tokenizer_hands_other_calls_to_transformers() -> None:
    """Calls FramingModel.predict does not make, and other attributes, are transformers' own; pickling works."""
    import pickle

    fast, hf = _default_tokenizers()
    a, b = fast(SENTENCES, padding=True, return_tensors="pt"), hf(SENTENCES, padding=True, return_tensors="pt")
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)
    assert fast("one text")["input_ids"] == hf("one text")["input_ids"]
    assert fast.vocab_size == hf.vocab_size and fast.decode([101, 7632, 102]) == hf.decode([101, 7632, 102])
    again = pickle.loads(pickle.dumps(fast))
    assert dict(again(SENTENCES, truncation=True, max_length=8)) == dict(hf(SENTENCES, truncation=True, max_length=8))


def test_inference_imports_neither_peft_nor_transformers_models(tiny_model_dir: Path) -> None:
    """Loading a LoRA folder for inference and scoring imports no peft and no transformers model code."""
    code = (
        "import sys; from framing.modeling.model import FramingModel; "
        f"m = FramingModel.from_pretrained({str(tiny_model_dir)!r}); m.predict(['NATO met.'], [[[(0, 4)]]]); "
        "heavy = ['peft', 'transformers.modeling_utils', 'transformers.models.bert.modeling_bert', 'scipy']; "
        "print([h for h in heavy if h in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr[-2000:]


@pytest.mark.slow
def test_default_model_scores_are_bit_identical(monkeypatch: pytest.MonkeyPatch) -> None:
    """The shipped model: every probability, span and stance the same with and without the fast encoder."""
    from framing.analyzer import default_model_path

    fast = FramingModel.from_pretrained(default_model_path())
    slow = _without_fast(monkeypatch, default_model_path())
    assert isinstance(fast.encoder, FastBertModel) and not isinstance(slow.encoder, FastBertModel)
    assert isinstance(fast.tokenizer, FastTokenizer) and not isinstance(slow.tokenizer, FastTokenizer)
    assert _outputs(fast) == _outputs(slow)
    groups = [[(i, i + 11) for i in range(len(LONG)) if LONG.startswith("Stoltenberg", i)]]
    long_fast, long_slow = fast.predict([LONG], [groups]), slow.predict([LONG], [groups])
    assert _plain(long_fast) == _plain(long_slow)
    inputs = _inputs(fast.tokenizer, SENTENCES)
    mask = inputs["attention_mask"]
    with torch.inference_mode():
        a = fast(inputs["input_ids"], mask, mention_mask=mask[:1], mention_row=torch.tensor([0]))
        b = slow(inputs["input_ids"], mask, mention_mask=mask[:1], mention_row=torch.tensor([0]))
    assert a.keys() == b.keys() and all(torch.equal(a[k], b[k]) for k in a)


@pytest.mark.slow
def test_analyzer_imports_no_transformers_peft_or_data_libraries() -> None:
    """``framing analyze`` with the default model waits for torch, spaCy and the weights only."""
    from conftest import SEED_ARTICLE, need

    code = (
        "import sys; from framing.analyzer import Analyzer; "
        f"Analyzer().analyze(open({str(need(SEED_ARTICLE))!r}, encoding='utf-8').read()); "
        "heavy = ['transformers', 'peft', 'scipy', 'sklearn', 'pandas', 'datasets', 'torch._dynamo']; "
        "print([h for h in heavy if h in sys.modules])"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]", out.stderr[-2000:]
