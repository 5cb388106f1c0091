"""Where scores become a profile: per-sentence results -> article-level figures.

Stance toward a target: each sentence that mentions it gives a distribution p over
(negative, neutral, positive); its value is v = p(pos) - p(neg). The article's stance is the
mean of v over those sentences. Its 95% interval combines the model's own uncertainty
(treating each sentence as a draw from {-1, 0, +1} with probabilities p: var = p(pos) + p(neg) - v^2)
and the spread between sentences (sample variance / n):
``mean ± 1.96 * sqrt(sum(var_i) / n^2 + s^2 / n)``, clipped to [-1, 1].
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Callable, Mapping, Sequence
from typing import Any

from framing.results import (
    DEFAULT_LOADED_THRESHOLD,
    STANCE_LABELS,
    ArticleProfile,
    Cue,
    FrameScore,
    Quote,
    Sentence,
    Span,
    Stance,
    TargetProfile,
    Voice,
)

__all__ = ["build_profile", "count_words", "stance_interval", "WORD_RE"]

WORD_RE = re.compile(r"\w+(?:[-'’.]+\w+)*")
TOP_TERMS = 10


def count_words(text: str, voice_at: Callable[[int], Voice] | None = None) -> dict[str, int]:
    """Words in ``text`` overall and per voice (a word's voice is the voice at its first character)."""
    counts = {"all": 0, "author": 0, "quote": 0}
    for m in WORD_RE.finditer(text):
        counts["all"] += 1
        counts[voice_at(m.start()) if voice_at else "author"] += 1
    return counts


def stance_interval(stances: Sequence[Stance]) -> tuple[float, tuple[float, float]] | None:
    """Mean stance value and its 95% interval (see module docstring); None without stances."""
    n = len(stances)
    if n == 0:
        return None
    values = [s.value for s in stances]
    mean = sum(values) / n
    model_var = sum(
        max(0.0, float(s.scores.get("positive", 0.0)) + float(s.scores.get("negative", 0.0)) - s.value**2)
        for s in stances
    ) / (n * n)
    spread = sum((v - mean) ** 2 for v in values) / (n - 1) / n if n > 1 else 0.0
    half = 1.96 * math.sqrt(model_var + spread)
    return mean, (max(-1.0, mean - half), min(1.0, mean + half))


def _per_100(count: int, words: int) -> float | None:
    return None if words == 0 else 100.0 * count / words


def _cue_table(cues: Sequence[Cue]) -> dict[str, dict[str, tuple[tuple[str, int], ...]]]:
    table: dict[str, dict[str, tuple[tuple[str, int], ...]]] = {}
    for kind in ("reporting_verb", "hedge"):
        table[kind] = {}
        for voice in ("author", "quote"):
            c = Counter(re.sub(r"\s+", " ", x.text.lower()) for x in cues if x.kind == kind and x.voice == voice)
            table[kind][voice] = tuple(sorted(c.items(), key=lambda kv: (-kv[1], kv[0])))
    return table


def _loaded_density(spans: Sequence[Span], words: Mapping[str, int]) -> dict[str, float | None]:
    """Loaded spans per 100 words: all, author voice, quote voice (None where there are no words)."""
    return {
        "all": _per_100(len(spans), words["all"]),
        "author": _per_100(sum(sp.voice == "author" for sp in spans), words["author"]),
        "quote": _per_100(sum(sp.voice == "quote" for sp in spans), words["quote"]),
    }


def _top_terms(spans: Sequence[Span]) -> tuple[tuple[str, int], ...]:
    """The :data:`TOP_TERMS` most frequent loaded terms (lower-cased, spaces collapsed), ties alphabetical."""
    terms = Counter(re.sub(r"\s+", " ", sp.text.lower()) for sp in spans)
    return tuple(sorted(terms.items(), key=lambda kv: (-kv[1], kv[0]))[:TOP_TERMS])


def _target_profile(
    name: str,
    aliases: Sequence[str],
    sentences: Sequence[Sentence],
    *,
    mentions: int | None,
    kind: str,
    related: Sequence[str],
    quotes: Sequence[Quote],
    attributions: Sequence[Quote],
) -> TargetProfile:
    """Stance toward one target over the sentences that score it; ``mentions`` None: count their mentions."""
    st = [s.stance[name] for s in sentences if name in s.stance]
    agg = stance_interval(st)
    dist = Counter(x.label for x in st)
    by_voice: dict[str, float | None] = {}
    for voice in ("author", "quote"):
        vs = [s.stance[name].value for s in sentences if name in s.stance and s.voice == voice]
        by_voice[voice] = sum(vs) / len(vs) if vs else None
    return TargetProfile(
        name=name,
        aliases=tuple(aliases),
        mentions=int(sum(len(x.mentions) for x in st) if mentions is None else mentions),
        n_sentences=len(st),
        stance_mean=agg[0] if agg else None,
        ci95=agg[1] if agg else None,
        distribution={lab: int(dist.get(lab, 0)) for lab in STANCE_LABELS},
        by_voice=by_voice,
        kind=kind,
        related=tuple(related),
        quoted=sum(q.speaker_target == name for q in quotes),
        reported=sum(a.speaker_target == name for a in attributions),
    )


def build_profile(
    text: str,
    sentences: Sequence[Sentence],
    *,
    voice_at: Callable[[int], Voice] | None = None,
    quotes: Sequence[Quote] = (),
    attributions: Sequence[Quote] = (),
    targets: Mapping[str, Sequence[str]] | None = None,
    mention_counts: Mapping[str, int] | None = None,
    kinds: Mapping[str, str] | None = None,
    related: Mapping[str, Sequence[str]] | None = None,
    span_scorer: bool = True,
    meta: Mapping[str, Any] | None = None,
    loaded_threshold: float = DEFAULT_LOADED_THRESHOLD,
    frames: Mapping[str, FrameScore] | None = None,
) -> ArticleProfile:
    """Aggregate scored sentences into an :class:`ArticleProfile`.

    ``quotes`` are the article's quotes, ``attributions`` its indirect claims (``X said that …``).
    ``targets`` maps each target name to its aliases; ``mention_counts`` gives the number of
    mentions found per target (sentences that were not scored still count as mentions); ``kinds``
    and ``related`` give each target's kind and the other targets naming the same entity; a quote or
    claim whose ``speaker_target`` is a target counts toward its ``quoted``/``reported``. Without a
    ``span_scorer`` the loaded-span densities are None (unknown), not 0. A sentence counts as
    loaded (``loaded_share``) when P(loaded) reaches ``loaded_threshold``; the profile keeps it.
    ``frames``: the article's frames (:func:`framing.profile.frames.build_frames`), kept as they are.
    """
    words = count_words(text, voice_at)
    spans = [sp for s in sentences for sp in s.spans]
    scored = [s.loaded for s in sentences if s.loaded is not None]
    loaded_share = (sum(1 for v in scored if v >= loaded_threshold) / len(scored)) if scored else None
    per100 = _loaded_density(spans, words) if sentences and span_scorer else dict.fromkeys(words)
    cues = [c for s in sentences for c in s.cues]
    target_profiles = {
        name: _target_profile(
            name,
            aliases,
            sentences,
            mentions=(mention_counts or {}).get(name),
            kind=(kinds or {}).get(name, "unknown"),
            related=(related or {}).get(name, ()),
            quotes=quotes,
            attributions=attributions,
        )
        for name, aliases in (targets or {}).items()
    }
    return ArticleProfile(
        text=text,
        sentences=tuple(sentences),
        n_words=words["all"],
        words_by_voice={"author": words["author"], "quote": words["quote"]},
        loaded_share=loaded_share,
        loaded_per_100_words=per100,
        top_loaded_terms=_top_terms(spans),
        cues=_cue_table(cues),
        targets=target_profiles,
        quotes=tuple(quotes),
        meta=dict(meta or {}),
        attributions=tuple(attributions),
        loaded_threshold=loaded_threshold,
        frames=dict(frames or {}),
    )
