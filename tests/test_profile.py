"""Profile aggregation: stance intervals, word counts by voice, cues."""

from __future__ import annotations

import math

import pytest

from framing.profile.aggregate import build_profile, count_words, stance_interval
from framing.profile.cues import find_cues
from framing.results import Sentence, Span, Stance


def _st(neg: float, neu: float, pos: float) -> Stance:
    return Stance(
        "T",
        max(("negative", neg), ("neutral", neu), ("positive", pos), key=lambda x: x[1])[0],
        {"negative": neg, "neutral": neu, "positive": pos},
    )


def test_interval_single_certain_sentence_is_a_point() -> None:
    mean, (lo, hi) = stance_interval([_st(0.0, 0.0, 1.0)])
    assert mean == 1.0 and lo == pytest.approx(1.0) and hi == 1.0


def test_interval_combines_model_and_sentence_spread() -> None:
    sts = [_st(0.8, 0.2, 0.0), _st(0.6, 0.3, 0.1), _st(0.1, 0.8, 0.1)]
    mean, (lo, hi) = stance_interval(sts)
    values = [-0.8, -0.5, 0.0]
    assert mean == pytest.approx(sum(values) / 3)
    probs = [(0.8, 0.0), (0.6, 0.1), (0.1, 0.1)]
    model_var = sum(p + n - v * v for (n, p), v in zip(probs, values, strict=True)) / 9
    m = sum(values) / 3
    spread = sum((v - m) ** 2 for v in values) / 2 / 3
    assert hi - mean == pytest.approx(1.96 * math.sqrt(model_var + spread))
    assert lo < mean < hi


def test_interval_none_without_sentences() -> None:
    assert stance_interval([]) is None


def test_count_words_by_voice() -> None:
    text = 'He said "stop the U.S.-led war now" today.'
    quote = (9, 34)
    counts = count_words(text, lambda i: "quote" if quote[0] <= i < quote[1] else "author")
    assert counts == {"all": 8, "author": 3, "quote": 5}


def test_cues_multiword_wins_and_voice() -> None:
    text = 'Smith went on to claim the so-called plan "was, allegedly, fine".'
    cues = find_cues(text, voice_at=lambda i: "quote" if i >= 43 else "author")
    got = [(c.text, c.kind, c.voice) for c in cues]
    assert got == [
        ("went on to claim", "reporting_verb", "author"),
        ("so-called", "hedge", "author"),
        ("allegedly", "hedge", "quote"),
    ]


def test_profile_loaded_density_by_voice() -> None:
    text = 'A despotic regime. "A brutal war," she said.'
    voice = lambda i: "quote" if 20 <= i < 32 else "author"  # noqa: E731
    s1 = Sentence(0, 0, 18, text[0:18], loaded=0.9, spans=(Span(2, 10, "despotic", 0.9, "author"),))
    s2 = Sentence(
        1, 19, 44, text[19:44], voice="quote", speaker="she", loaded=0.2, spans=(Span(22, 28, "brutal", 0.8, "quote"),)
    )
    p = build_profile(text, [s1, s2], voice_at=voice)
    assert p.loaded_share == 0.5
    assert p.words_by_voice == {"author": 5, "quote": 3}
    assert p.loaded_per_100_words["author"] == pytest.approx(100 / 5)
    assert p.loaded_per_100_words["quote"] == pytest.approx(100 / 3)
    assert p.loaded_per_100_words["all"] == pytest.approx(200 / 8)
    assert p.top_loaded_terms == (("brutal", 1), ("despotic", 1))


def test_decode_spans_joins_glued_words_and_drops_punctuation() -> None:
    import numpy as np

    from framing.modeling.alignment import decode_spans

    text = "The so-called plan, again."
    # words as a BERT pre-tokenizer sees them: The | so | - | called | plan | , | again | .
    offsets = [(0, 0), (0, 3), (4, 6), (6, 7), (7, 13), (14, 18), (18, 19), (20, 25), (25, 26), (0, 0)]
    word_ids = [None, 0, 1, 2, 3, 4, 5, 6, 7, None]
    tags = ["O", "B-loaded", "I-loaded"]
    p_out, p_b, p_i = [0.9, 0.05, 0.05], [0.2, 0.7, 0.1], [0.3, 0.1, 0.6]
    probs = np.array([p_out, p_out, p_b, p_out, p_b, p_out, p_out, p_i, p_out, p_out])
    spans = decode_spans(probs, offsets, word_ids, tags, threshold=0.5, text=text)
    assert [text[s.start : s.end] for s in spans] == ["so-called", "again"]
    assert spans[0].score == pytest.approx(0.8)
