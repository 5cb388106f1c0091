"""Hand-built :class:`ArticleProfile` objects for the report tests (owned by the report stage).

``make_profile`` builds a consistent profile from a list of paragraphs of sentence specs,
computing offsets so that ``profile.text[s.start:s.end] == s.text`` holds.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from framing.results import ArticleProfile, Cue, Quote, Sentence, Span, Stance, TargetProfile


@dataclass
class S:
    """Spec of one sentence: loaded words, stance per target as (neg, neu, pos)."""

    text: str
    loaded_words: Sequence[tuple[str, float]] = ()
    stance: Mapping[str, tuple[float, float, float]] = field(default_factory=dict)
    voice: str = "author"
    speaker: str | None = None
    loaded: float | None = None


def _stance(target: str, probs: tuple[float, float, float], mentions: tuple[tuple[int, int], ...]) -> Stance:
    scores = dict(zip(("negative", "neutral", "positive"), probs, strict=True))
    label = max(scores, key=scores.__getitem__)
    return Stance(target=target, label=label, scores=scores, mentions=mentions)


def _sentence(idx: int, start: int, para: int, spec: S, text: str) -> Sentence:
    spans = []
    for word, score in spec.loaded_words:
        a = spec.text.index(word)
        spans.append(Span(start + a, start + a + len(word), word, score, voice=spec.voice))  # type: ignore[arg-type]
    stances = {}
    for target, probs in spec.stance.items():
        a = spec.text.find(target)
        m = ((start + a, start + a + len(target)),) if a >= 0 else ()
        stances[target] = _stance(target, probs, m)
    quotes: tuple[Quote, ...] = ()
    if spec.voice == "quote":
        quotes = (Quote(start, start + len(spec.text), spec.text, speaker=spec.speaker),)
    loaded = spec.loaded if spec.loaded is not None else (max((s for _, s in spec.loaded_words), default=0.1))
    cues = ()
    for verb in ("claimed", "said"):
        a = spec.text.find(verb)
        if a >= 0:
            cues = (Cue(start + a, start + a + len(verb), verb, "reporting_verb"),)
    assert text[start : start + len(spec.text)] == spec.text
    return Sentence(
        index=idx,
        start=start,
        end=start + len(spec.text),
        text=spec.text,
        voice=spec.voice,  # type: ignore[arg-type]
        speaker=spec.speaker,
        paragraph=para,
        loaded=loaded,
        spans=tuple(spans),
        stance=stances,
        cues=cues,
        quotes=quotes,
    )


def _target_profile(name: str, sentences: Sequence[Sentence]) -> TargetProfile:
    st = [s.stance[name] for s in sentences if name in s.stance]
    values = [x.value for x in st]
    mean = sum(values) / len(values) if values else None
    ci = (mean - 0.2, mean + 0.2) if mean is not None else None
    dist = {lab: sum(1 for x in st if x.label == lab) for lab in ("negative", "neutral", "positive")}
    return TargetProfile(
        name=name,
        aliases=(),
        mentions=sum(len(x.mentions) for x in st),
        n_sentences=len(st),
        stance_mean=mean,
        ci95=ci,
        distribution=dist,
        by_voice={"author": mean, "quote": None},
    )


def make_profile(paragraphs: Sequence[Sequence[S]]) -> ArticleProfile:
    """A consistent profile: sentences joined by spaces, paragraphs by blank lines."""
    text_parts: list[str] = []
    placed: list[tuple[int, int, S]] = []
    pos = 0
    for p, para in enumerate(paragraphs):
        if p:
            text_parts.append("\n\n")
            pos += 2
        for i, spec in enumerate(para):
            if i:
                text_parts.append(" ")
                pos += 1
            placed.append((pos, p, spec))
            text_parts.append(spec.text)
            pos += len(spec.text)
    text = "".join(text_parts)
    sentences = tuple(_sentence(i, start, p, spec, text) for i, (start, p, spec) in enumerate(placed))
    words = {"author": 0, "quote": 0}
    n_loaded = {"author": 0, "quote": 0}
    for s in sentences:
        words[s.voice] += len(s.text.split())
        n_loaded[s.voice] += len(s.spans)
    n_words = sum(words.values())
    counts: dict[str, int] = {}
    for s in sentences:
        for sp in s.spans:
            counts[sp.text.lower()] = counts.get(sp.text.lower(), 0) + 1
    targets = sorted({t for s in sentences for t in s.stance})

    def per100(v: str | None) -> float | None:
        n = n_words if v is None else words[v]
        k = sum(n_loaded.values()) if v is None else n_loaded[v]
        return 100.0 * k / n if n else None

    return ArticleProfile(
        text=text,
        sentences=sentences,
        n_words=n_words,
        words_by_voice=words,
        loaded_share=sum(1 for s in sentences if s.is_loaded) / len(sentences) if sentences else None,
        loaded_per_100_words={"all": per100(None), "author": per100("author"), "quote": per100("quote")},
        top_loaded_terms=tuple(sorted(counts.items(), key=lambda kv: (-kv[1], kv[0]))),
        cues={
            "reporting_verb": {
                "author": tuple((c.text, 1) for s in sentences for c in s.cues if c.voice == "author"),
                "quote": (),
            },
            "hedge": {"author": (), "quote": ()},
        },
        targets={t: _target_profile(t, sentences) for t in targets},
        quotes=tuple(q for s in sentences for q in s.quotes),
        meta={"model": "hand-built"},
    )


def sample_profile() -> ArticleProfile:
    """A small two-paragraph article with loaded spans, a quote and two targets."""
    return make_profile(
        [
            [
                S(
                    "The despotic regime in Moscow claimed a victory near Kyiv.",
                    loaded_words=[("despotic", 0.93), ("regime", 0.71)],
                    stance={"Moscow": (0.8, 0.15, 0.05), "Kyiv": (0.1, 0.6, 0.3)},
                    loaded=0.9,
                ),
                S("Officials in Kyiv said the front line held.", stance={"Kyiv": (0.05, 0.55, 0.4)}),
            ],
            [
                S(
                    "These brave defenders will never surrender.",
                    loaded_words=[("brave", 0.66)],
                    stance={"Kyiv": (0.02, 0.18, 0.8)},
                    voice="quote",
                    speaker="Mayor Ivan Petrenko",
                    loaded=0.7,
                ),
                S("Moscow did not comment.", stance={"Moscow": (0.2, 0.75, 0.05)}),
            ],
        ]
    )


def empty_profile() -> ArticleProfile:
    return ArticleProfile(text="")
