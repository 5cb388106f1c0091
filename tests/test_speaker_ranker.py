"""The speaker-ranker experiment (recipes/speaker_ranker.py; the library keeps its rules)."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pytest

from framing.errors import ModelLoadError
from framing.segment.quotes import UNATTRIBUTED, RawQuote, Source, scan_quotes
from framing.segment.sentences import split_sentences
from recipes.speaker_ranker import FEATURES, SpeakerRanker, candidates, rerank

TEXT = 'Maria Lopez spoke at the rally on Monday. "We will win this race," Lopez said to the crowd.'
WEIGHTS = {"rule": 1.0, "verb_in_sentence": 3.0, "in_sentence": 1.0, "place": -2.0}


def _parts(text: str) -> tuple[list[tuple[int, int, int]], list[RawQuote]]:
    return split_sentences(text), [q for q in scan_quotes(text) if q.end > q.start]


def _write(path: Path, data: object) -> Path:
    path.write_text(json.dumps(data), encoding="utf-8")
    return path


def test_load_round_trip(tmp_path: Path) -> None:
    r = SpeakerRanker(WEIGHTS, bias=-1.0, margin=0.5, threshold=0.4)
    loaded = SpeakerRanker.load(_write(tmp_path / "w.json", {**r.to_dict(), "trained_on": "a note"}))
    assert loaded.to_dict() == r.to_dict()
    assert set(loaded.to_dict()["features"]) <= set(FEATURES)
    assert loaded.score({"verb_in_sentence": 1.0}) == pytest.approx(2.0)


@pytest.mark.parametrize(
    "data, message",
    [
        ({"features": ["rule"], "weights": [1.0, 2.0]}, "same length"),
        ({"features": ["rule"]}, "malformed"),
        ({"features": ["no_such_feature"], "weights": [1.0]}, "unknown features"),
        ({"features": ["rule"], "weights": ["heavy"]}, "malformed"),
        ({"features": ["rule"], "weights": [math.inf]}, "finite"),
        ([1, 2, 3], "malformed"),
    ],
)
def test_malformed_weights_raise_a_clear_error(tmp_path: Path, data: object, message: str) -> None:
    path = tmp_path / "w.json"
    path.write_text(json.dumps(data).replace("Infinity", "1e999"), encoding="utf-8")
    with pytest.raises(ModelLoadError, match=message):
        SpeakerRanker.load(path)


def test_unreadable_weights_file(tmp_path: Path) -> None:
    bad = tmp_path / "w.json"
    bad.write_text("{not json", encoding="utf-8")
    with pytest.raises(ModelLoadError, match="cannot read"):
        SpeakerRanker.load(bad)
    with pytest.raises(ModelLoadError, match="cannot read"):
        SpeakerRanker.load(tmp_path / "missing.json")


def test_candidates_hold_the_names_near_the_quote() -> None:
    sentences, raw = _parts(TEXT)
    (cands,) = candidates(TEXT, sentences, raw, [UNATTRIBUTED])
    by_key = {c.key: c for c in cands}
    assert "lopez" in by_key and "monday" not in by_key
    assert by_key["lopez"].features["verb_in_sentence"] == 1.0
    assert by_key["lopez"].features["no_rule"] == 1.0


def test_ranker_picks_the_right_speaker() -> None:
    sentences, raw = _parts(TEXT)
    r = SpeakerRanker(WEIGHTS, bias=-1.0, threshold=0.5)
    # the rules found no one: the ranker fills in the name next to "said"
    (src,) = rerank(TEXT, sentences, raw, [UNATTRIBUTED], r)
    assert src.text is not None and "Lopez" in src.text
    # a wrong rule speaker ("the crowd") is replaced when another candidate beats it by the margin
    crowd = TEXT.index("the crowd")
    wrong = Source("the crowd", crowd, crowd + 9, "description")
    (src,) = rerank(TEXT, sentences, raw, [wrong], r)
    assert src.text is not None and "Lopez" in src.text
    # ... and kept when the margin is larger than the difference
    (kept,) = rerank(TEXT, sentences, raw, [wrong], SpeakerRanker(WEIGHTS, bias=-1.0, margin=50.0))
    assert kept == wrong
    # fixed quotes (scare quotes, transcript tags) keep theirs
    (fixed,) = rerank(TEXT, sentences, raw, [UNATTRIBUTED], r, fixed=[True])
    assert fixed == UNATTRIBUTED


def test_ranker_output_is_deterministic() -> None:
    text = TEXT + ' Officials in Paris disagreed. "It is over," said John Smith. "Done," he added.'
    sentences, raw = _parts(text)
    rule = [UNATTRIBUTED] * len(raw)
    r = SpeakerRanker(WEIGHTS, bias=-1.0, threshold=0.1)
    first = rerank(text, sentences, raw, rule, r)
    assert all(rerank(text, sentences, raw, rule, r) == first for _ in range(3))
    # equal scores: the rules' choice wins the tie
    flat = SpeakerRanker({"rule": 0.0}, margin=0.0)
    (cands, *_) = candidates(text, sentences, raw, [Source("Lopez", 67, 72, "named")] * len(raw))
    assert flat.choose(cands, cands[0].source) is cands[0].source
