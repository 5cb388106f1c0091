"""Spans a reader can trust: no function-word spans, trimmed edges, no target names as loaded terms."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from framing import Analyzer
from framing.modeling.alignment import SpanPrediction, bio_tags, decode_spans
from framing.targets.mentions import span_outside_targets

TAGS = bio_tags(["loaded"])  # O, B-loaded, I-loaded


def _decode(text: str, inside: dict[str, str], threshold: float = 0.5) -> list[tuple[str, int, int, float]]:
    """Decode one token per word; ``inside`` maps a word to "B" or "I" (0.9 inside), other words are "O"."""
    offsets, word_ids, rows = [], [], []
    for w, m in enumerate(re.finditer(r"\w+(?:-\w+)*|[^\w\s]", text)):
        offsets.append((m.start(), m.end()))
        word_ids.append(w)
        tag = inside.get(m.group())
        rows.append([0.1, 0.8, 0.1] if tag == "B" else [0.1, 0.1, 0.8] if tag == "I" else [0.9, 0.05, 0.05])
    spans = decode_spans(np.array(rows), offsets, word_ids, TAGS, threshold, text)
    return [(text[s.start : s.end], s.start, s.end, s.score) for s in spans]


def test_function_words_at_the_edges_are_trimmed() -> None:
    text = "Critics mocked the smug billionaire of the city."
    got = _decode(text, {"the": "B", "smug": "I", "billionaire": "I", "of": "I"})
    start = text.index("smug")
    assert got == [("smug billionaire", start, start + len("smug billionaire"), pytest.approx(0.9))]
    # function words inside a span stay, and negations are no function words
    text = "The statement was not credible and went on to claim victory."
    got = _decode(text, {"not": "B", "credible": "I", "went": "B", "on": "I", "to": "I", "claim": "I"})
    assert [g[0] for g in got] == ["not credible", "went on to claim"]


def test_a_span_of_function_words_only_is_dropped() -> None:
    text = "This is a disgrace, said one of them."
    got = _decode(text, {"This": "B", "is": "I", "a": "B", "disgrace": "B", "of": "B", "them": "I"})
    assert [g[0] for g in got] == ["disgrace"]
    assert text[got[0][1] : got[0][2]] == "disgrace"


def test_span_outside_targets() -> None:
    text = "Critics called Vortex despotic, and the Vortex's board shrugged."
    first = text.index("Vortex")
    second = text.index("Vortex", first + 1)
    mentions = [(first, first + 6), (second, second + 6)]
    names = ["Vortex Holdings", "Vortex"]
    assert span_outside_targets(text, first, first + 6, mentions, names) is None  # the mention itself
    assert span_outside_targets(text, first + 1, first + 5, mentions, names) is None  # inside it
    cut = span_outside_targets(text, first, text.index(","), mentions, names)  # "Vortex despotic"
    assert cut is not None and text[cut[0] : cut[1]] == "despotic"
    cut = span_outside_targets(text, text.index("and"), second + 8, mentions, names)  # "and the Vortex's"
    assert cut is None
    cut = span_outside_targets(text, second, text.index(" shrugged"), mentions, names)  # "Vortex's board"
    assert cut is not None and text[cut[0] : cut[1]] == "board"
    lowercase = "a vortex of lies"
    assert span_outside_targets(lowercase, 2, 8, [], names) is None  # the name in any case, not found as a mention
    inner = "the despotic Vortex regime"
    assert span_outside_targets(inner, 4, len(inner), [(13, 19)], names) == (4, len(inner))


TEXT = (
    "Vortex reported record profits on Monday. Critics called Vortex despotic in a long statement. "
    "Vortex declined to comment."
)


def _stub_spans(analyzer: Analyzer) -> None:
    """Make the span head report every "Vortex" and "called Vortex" (a stub of a model that learned the name)."""
    model = analyzer.models[0]
    predict = model.predict

    def fake(texts: Any, mentions: Any = None, **kwargs: Any) -> Any:
        outs = predict(texts, mentions, **kwargs)
        for text, out in zip(texts, outs, strict=True):
            spans = [SpanPrediction(m.start(), m.end(), "loaded", 0.9) for m in re.finditer("Vortex", text)]
            spans += [SpanPrediction(m.start(), m.end(), "loaded", 0.8) for m in re.finditer("called Vortex", text)]
            out.spans["loaded_words"] = spans
        return outs

    model.predict = fake  # type: ignore[method-assign]


@pytest.mark.parametrize("targets", [["Vortex"], None], ids=["given", "discovered"])
def test_a_target_name_is_no_loaded_term(tiny_model_dir: Path, targets: list[str] | None) -> None:
    analyzer = Analyzer(tiny_model_dir, nlp=None)
    _stub_spans(analyzer)
    profile = analyzer.analyze(TEXT, targets)
    assert "Vortex" in profile.targets
    assert [sp.text for sp in profile.spans] == ["called"]
    assert all(TEXT[sp.start : sp.end] == sp.text for sp in profile.spans)
    assert [term for term, _ in profile.top_loaded_terms] == ["called"]
