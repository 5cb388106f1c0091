"""Sentences longer than ``max_length`` tokens are scored in overlapping windows: no text is lost.

Mechanics on the tiny random model (its windows hold 256 tokens), behaviour on the shipped default model
(128 tokens), and the shipped model's scores of short sentences kept as they were before windows.
"""

from __future__ import annotations

import logging
import warnings
from pathlib import Path

import numpy as np
import pytest
from conftest import DEFAULT_MODEL, SAMPLE_ARTICLE

from framing import Analyzer, FramingModel
from framing.modeling.windows import window_stride

# one-token words (the MiniLM vocabulary), so a window edge is always a word edge
FILLER = "committee members reviewed several routine budget items during the long session"
TAIL = "and the despotic Vortex regime"


def _long_sentence(n_repeats: int = 36) -> str:
    return " ".join([FILLER] * n_repeats) + " " + TAIL


@pytest.fixture(scope="module")
def tiny(tiny_model_dir: Path) -> FramingModel:
    return FramingModel.from_pretrained(tiny_model_dir)


def _window_starts(model: FramingModel, text: str) -> list[int]:
    """Char offset where each window of ``text`` starts (what the model's tokenizer cuts)."""
    enc = model.tokenizer(
        text,
        truncation=True,
        max_length=model.max_length,
        stride=window_stride(model.tokenizer, model.max_length),
        return_overflowing_tokens=True,
        return_offsets_mapping=True,
    )
    return [
        next(o[0] for o, w in zip(offs, enc.word_ids(k), strict=True) if w is not None)
        for k, offs in enumerate(enc["offset_mapping"])
    ]


def test_a_mention_at_the_end_is_scored_in_its_own_window(tiny: FramingModel) -> None:
    text = _long_sentence()
    n = len(tiny.tokenizer(text, verbose=False)["input_ids"])
    assert 380 <= n <= 420 and n > tiny.max_length
    s = text.index("Vortex")
    last = _window_starts(tiny, text)[-1]
    assert last > 0
    whole = tiny.predict([text], [[[(s, s + 6)]]], tasks=["stance"])[0].stance["stance"]
    alone = tiny.predict([text[last:]], [[[(s - last, s - last + 6)]]], tasks=["stance"])[0].stance["stance"]
    assert len(whole) == 1
    np.testing.assert_allclose(whole[0], alone[0], rtol=1e-5, atol=1e-6)


def test_the_end_tokens_get_span_probabilities(tiny: FramingModel) -> None:
    text = _long_sentence()
    last = _window_starts(tiny, text)[-1]
    tiny_threshold = 1e-6  # every word of the random model is "inside": spans tile the text
    whole = tiny.predict([text], tasks=["loaded_words"], span_threshold=tiny_threshold)[0].spans["loaded_words"]
    alone = tiny.predict([text[last:]], tasks=["loaded_words"], span_threshold=tiny_threshold)[0]
    assert whole[-1].end == len(text)
    shifted = [(sp.start + last, sp.end + last, sp.label) for sp in alone.spans["loaded_words"]]
    assert (whole[-1].start, whole[-1].end, whole[-1].label) == shifted[-1]
    assert whole[-1].score == pytest.approx(alone.spans["loaded_words"][-1].score, rel=1e-5)
    assert all(text[sp.start : sp.end] == text[sp.start : sp.end].strip() for sp in whole)


def test_sentence_score_is_the_most_loaded_window(tiny: FramingModel) -> None:
    text = _long_sentence()
    starts = _window_starts(tiny, text)
    ends = [*starts[1:], len(text)]
    pieces = []
    for k, a in enumerate(starts):
        enc = tiny.tokenizer(text[a:], truncation=True, max_length=tiny.max_length, return_offsets_mapping=True)
        pieces.append(text[a : a + max(o[1] for o in enc["offset_mapping"])] if k < len(starts) - 1 else text[a:])
        assert a < ends[k]
    per_window = [o.sentence["loaded"][1] for o in tiny.predict(pieces, tasks=["loaded"])]
    whole = tiny.predict([text], tasks=["loaded"])[0].sentence["loaded"]
    assert whole[1] == pytest.approx(max(per_window), rel=1e-5)
    assert whole[1] != pytest.approx(per_window[0], rel=1e-5)  # not just the first window
    assert whole.sum() == pytest.approx(1.0, rel=1e-5)


def test_long_and_short_texts_in_one_call_keep_their_order(tiny: FramingModel) -> None:
    long_text, short = _long_sentence(), "Vortex is a company."
    s = long_text.index("Vortex")
    both = tiny.predict([short, long_text, short], [[[(0, 6)]], [[(s, s + 6)]], [[(0, 6)]]], span_threshold=1e-6)
    single = tiny.predict([short], [[[(0, 6)]]])[0]
    for out in (both[0], both[2]):
        np.testing.assert_allclose(out.sentence["loaded"], single.sentence["loaded"], rtol=1e-5)
        np.testing.assert_allclose(out.stance["stance"][0], single.stance["stance"][0], rtol=1e-5)
        assert out.spans["loaded_words"][-1].end <= len(short)
    assert len(both[1].stance["stance"]) == 1
    assert both[1].spans["loaded_words"][-1].end == len(long_text)


def test_default_model_reports_a_loaded_word_at_the_end(caplog: pytest.LogCaptureFixture) -> None:
    text = " ".join([FILLER] * 36) + " under the despotic regime"
    analyzer = Analyzer(DEFAULT_MODEL, nlp=None)
    caplog.set_level(logging.WARNING)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        profile = analyzer.analyze(text)
    assert len(profile.sentences) == 1
    assert any("despotic" in sp.text for sp in profile.spans)
    assert any("despotic" in term for term, _ in profile.top_loaded_terms)
    assert all(text[sp.start : sp.end] == sp.text for sp in profile.spans)
    assert not [r for r in caplog.records if r.levelno >= logging.WARNING], caplog.text


# The shipped model's scores of SAMPLE_ARTICLE (every sentence is shorter than one window). With
# v1 these were computed before windows existed and matched bit-identically after; they were
# regenerated for the v2 and then the v3 default model (2026-11-29). Per sentence: P(loaded), stance (neg, neu, pos).
REFERENCE = [
    (0.21477337181568146, {}),
    (0.6941879987716675, {"Maria Lopez": (0.02199714258313179, 0.8750545382499695, 0.10294833034276962)}),
    (0.8606295585632324, {}),
    (0.05009518563747406, {"Maria Lopez": (0.0038683866150677204, 0.7999500036239624, 0.1961815357208252)}),
    (0.14256606996059418, {"John Park": (0.01773504912853241, 0.5541408061981201, 0.4281241297721863)}),
    (0.506272554397583, {"John Park": (0.022698771208524704, 0.9568144083023071, 0.02048688754439354)}),
]


def test_short_sentences_score_as_before() -> None:
    profile = Analyzer(DEFAULT_MODEL).analyze(SAMPLE_ARTICLE)
    assert len(profile.sentences) == len(REFERENCE)
    for sentence, (loaded, stance) in zip(profile.sentences, REFERENCE, strict=True):
        assert sentence.loaded == pytest.approx(loaded, rel=1e-6, abs=1e-9)
        assert set(sentence.stance) == set(stance)
        for name, scores in stance.items():
            got = sentence.stance[name].scores
            assert (got["negative"], got["neutral"], got["positive"]) == pytest.approx(scores, rel=1e-6, abs=1e-9)
