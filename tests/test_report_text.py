from __future__ import annotations

from _profiles import empty_profile, sample_profile

from framing.report.text import mark_spans, render_summary


def test_summary_has_sections_and_numbers() -> None:
    out = render_summary(sample_profile())
    assert "Sentences: 4 (3 author, 1 quote)" in out
    assert "Words: " in out
    assert "Top loaded terms: brave (1), despotic (1), regime (1)" in out
    assert "Reporting verbs (author): claimed (1), said (1)" in out
    assert "Moscow" in out and "Kyiv" in out
    assert "95% CI [" in out
    assert "distribution: negative 1, neutral 1, positive 0" in out


def test_summary_marks_loaded_spans_with_voice_and_speaker() -> None:
    out = render_summary(sample_profile())
    assert "The [despotic] [regime] in Moscow claimed" in out
    assert "(quote, Mayor Ivan Petrenko; loaded 0.70): These [brave] defenders" in out
    assert "Moscow did not comment." not in out.split("Sentences with loaded wording")[1]


def test_profile_summary_method_uses_renderer() -> None:
    p = sample_profile()
    assert p.summary() == render_summary(p)


def test_empty_profile_short_summary() -> None:
    out = render_summary(empty_profile())
    assert "No text" in out
    assert len(out.splitlines()) <= 4


def test_none_values_render_as_na() -> None:
    from dataclasses import replace

    p = replace(sample_profile(), loaded_share=None, loaded_per_100_words={"all": None})
    out = render_summary(p)
    assert "Loaded sentences: n/a%" in out
    assert "author n/a" in out


def test_mark_spans_merges_overlaps() -> None:
    p = sample_profile()
    s = p.sentences[0]
    from framing.results import Span

    s2 = type(s)(**{**s.__dict__, "spans": (*s.spans, Span(s.start + 4, s.start + 20, "x", 0.5))})
    marked = mark_spans(s2)
    assert marked.startswith("The [despotic regime ]in")
    assert marked.count("[") == marked.count("]")
