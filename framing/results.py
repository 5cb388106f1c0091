"""Result types: frozen dataclasses with JSON-safe ``to_dict()``.

Every offset is a character offset into the article text the caller passed in, so
``profile.text[s.start:s.end] == s.text`` holds for every sentence, span and quote.
"""

from __future__ import annotations

import json
from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any, Literal

from framing._jsonsafe import json_float, to_jsonable

__all__ = [
    "Voice",
    "STANCE_LABELS",
    "Span",
    "Quote",
    "Cue",
    "Stance",
    "Sentence",
    "TargetProfile",
    "FrameEvidence",
    "FrameScore",
    "ArticleProfile",
]

Voice = Literal["author", "quote"]
STANCE_LABELS: tuple[str, str, str] = ("negative", "neutral", "positive")
DEFAULT_LOADED_THRESHOLD = 0.5


@dataclass(frozen=True)
class Span:
    """A stretch of text with a score, e.g. a loaded word or phrase."""

    start: int
    end: int
    text: str
    score: float
    voice: Voice = "author"
    label: str = "loaded"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the span."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "score": json_float(self.score),
            "voice": self.voice,
            "label": self.label,
        }


ATTRIBUTIONS: tuple[str, ...] = ("named", "pronoun", "role", "description", "unattributed")
QUOTE_KINDS: tuple[str, ...] = ("direct", "partial", "indirect")


@dataclass(frozen=True)
class Quote:
    """Quoted (or reported) speech and its source.

    ``start``/``end`` cover the quoted words without the quote marks (for ``kind="indirect"``: the
    reported content clause). ``kind``: ``"direct"`` (a quoted sentence or more), ``"partial"`` (a
    quoted phrase inside author text) or ``"indirect"`` (``X said that …``, no quote marks).
    ``attribution`` says how the speaker was found: ``"named"`` (a name next to the quote),
    ``"pronoun"`` / ``"role"`` (``he said`` / ``the minister said`` resolved to a person named
    before; ``speaker_start``/``speaker_end`` then point at that earlier mention),
    ``"description"`` (``an official``, ``Smith's aide``) or ``"unattributed"`` (no speaker).
    Left empty, it is ``"named"`` when a speaker is given, else ``"unattributed"``.
    ``speaker_target``: the profile target the speaker is, when it is one (see
    :func:`framing.profile.speakers.speaker_target`).
    """

    start: int
    end: int
    text: str
    speaker: str | None = None
    speaker_start: int | None = None
    speaker_end: int | None = None
    attribution: str = ""
    kind: str = "direct"
    speaker_target: str | None = None

    def __post_init__(self) -> None:
        if not self.attribution:
            object.__setattr__(self, "attribution", "named" if self.speaker else "unattributed")

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the quote (or indirect claim)."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "speaker": self.speaker,
            "speaker_start": self.speaker_start,
            "speaker_end": self.speaker_end,
            "attribution": self.attribution,
            "kind": self.kind,
            "speaker_target": self.speaker_target,
        }


@dataclass(frozen=True)
class Cue:
    """A framing cue found by word list: a reporting verb ("claimed") or a hedge ("so-called")."""

    start: int
    end: int
    text: str
    kind: Literal["reporting_verb", "hedge"]
    voice: Voice = "author"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the cue."""
        return {
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "kind": self.kind,
            "voice": self.voice,
        }


@dataclass(frozen=True)
class Stance:
    """How one sentence portrays one target."""

    target: str
    label: str
    scores: Mapping[str, float]
    mentions: tuple[tuple[int, int], ...] = ()

    @property
    def value(self) -> float:
        """P(positive) - P(negative), in [-1, 1]."""
        return float(self.scores.get("positive", 0.0)) - float(self.scores.get("negative", 0.0))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict: label, scores, value and mention offsets (the target is the key it is stored under)."""
        return {
            "label": self.label,
            "scores": {k: json_float(v) for k, v in self.scores.items()},
            "value": json_float(self.value),
            "mentions": [list(m) for m in self.mentions],
        }


@dataclass(frozen=True)
class Sentence:
    """One sentence with its voice and scores.

    ``loaded`` is P(loaded) from the sentence classifier; the sentence counts as loaded
    (:attr:`is_loaded`) when it reaches ``loaded_threshold`` (the analyzer's ``loaded_threshold``).
    """

    index: int
    start: int
    end: int
    text: str
    voice: Voice = "author"
    speaker: str | None = None
    paragraph: int = 0
    loaded: float | None = None
    spans: tuple[Span, ...] = ()
    stance: Mapping[str, Stance] = field(default_factory=dict)
    cues: tuple[Cue, ...] = ()
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Quote, ...] = ()
    loaded_threshold: float = DEFAULT_LOADED_THRESHOLD

    @property
    def is_loaded(self) -> bool:
        """True when P(loaded) reaches :attr:`loaded_threshold`."""
        return self.loaded is not None and self.loaded >= self.loaded_threshold

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the sentence with its spans, stance, cues, quotes and claims."""
        return {
            "index": self.index,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "voice": self.voice,
            "speaker": self.speaker,
            "paragraph": self.paragraph,
            "loaded": None if self.loaded is None else json_float(self.loaded),
            "spans": [s.to_dict() for s in self.spans],
            "stance": {t: s.to_dict() for t, s in self.stance.items()},
            "cues": [c.to_dict() for c in self.cues],
            "quotes": [q.to_dict() for q in self.quotes],
            "attributions": [a.to_dict() for a in self.attributions],
        }


@dataclass(frozen=True)
class TargetProfile:
    """Stance toward one target over the whole article."""

    name: str
    aliases: tuple[str, ...] = ()
    mentions: int = 0
    n_sentences: int = 0
    stance_mean: float | None = None
    ci95: tuple[float, float] | None = None
    distribution: Mapping[str, int] = field(default_factory=dict)
    by_voice: Mapping[str, float | None] = field(default_factory=dict)
    kind: str = "unknown"  # person, organisation, place, group or unknown
    related: tuple[str, ...] = ()  # other targets of the profile that refer to the same entity (Moscow ~ Russia)
    quoted: int = 0  # quotes (direct or partial) whose speaker is this target
    reported: int = 0  # indirect claims ("X said that ...") whose source is this target

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the target's article-level stance."""
        return {
            "name": self.name,
            "kind": self.kind,
            "aliases": list(self.aliases),
            "related": list(self.related),
            "quoted": self.quoted,
            "reported": self.reported,
            "mentions": self.mentions,
            "n_sentences": self.n_sentences,
            "stance_mean": None if self.stance_mean is None else json_float(self.stance_mean),
            "ci95": None if self.ci95 is None else [json_float(self.ci95[0]), json_float(self.ci95[1])],
            "distribution": dict(self.distribution),
            "by_voice": {k: (None if v is None else json_float(v)) for k, v in self.by_voice.items()},
        }


@dataclass(frozen=True)
class FrameEvidence:
    """A sentence that carries a frame: its attention ``weight`` in the frame's pooling (weights sum to 1)."""

    sentence: int  # index into ArticleProfile.sentences
    start: int
    end: int
    text: str
    weight: float
    voice: Voice = "author"

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict."""
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "text": self.text,
            "weight": json_float(self.weight),
            "voice": self.voice,
        }


@dataclass(frozen=True)
class FrameScore:
    """One frame of the article (Policy Frames Codebook dimension): probability, decision, evidence.

    ``probability``: P(the article uses the frame), pooled over all its sentences; ``present`` when it
    reaches ``threshold`` (tuned per frame on dev data). ``evidence``: the sentences with the largest
    attention weights for this frame. ``by_voice``: the same pooling over only the author's sentences
    (``author``) or only the quoted ones (``quote``); ``None`` where the article has no such sentence.
    ``ci95``: a 95% bootstrap interval of the probability over the article's sentences (how much it
    depends on which sentences the article happens to have; see :mod:`framing.profile.frames`).
    """

    name: str
    probability: float
    threshold: float = 0.5
    evidence: tuple[FrameEvidence, ...] = ()
    by_voice: Mapping[str, float | None] = field(default_factory=dict)
    ci95: tuple[float, float] | None = None

    @property
    def present(self) -> bool:
        """True when :attr:`probability` reaches :attr:`threshold`."""
        return self.probability >= self.threshold

    @property
    def label(self) -> str:
        """The frame's name for people (``Crime_and_punishment`` -> ``Crime and punishment``)."""
        return self.name.replace("_", " ")

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict."""
        return {
            "name": self.name,
            "probability": json_float(self.probability),
            "threshold": json_float(self.threshold),
            "present": self.present,
            "ci95": None if self.ci95 is None else [json_float(self.ci95[0]), json_float(self.ci95[1])],
            "evidence": [e.to_dict() for e in self.evidence],
            "by_voice": {k: (None if v is None else json_float(v)) for k, v in self.by_voice.items()},
        }


@dataclass(frozen=True)
class ArticleProfile:
    """Article-level framing profile: the sentences and what they add up to.

    ``frames``: each frame's article-level :class:`FrameScore` (empty without a frames head), in the
    model's label order.

    ``loaded_threshold``: the P(loaded) at which a sentence counts as loaded (``loaded_share``, the
    reports); the analyzer's ``loaded_threshold``.
    """

    text: str
    sentences: tuple[Sentence, ...] = ()
    n_words: int = 0
    words_by_voice: Mapping[str, int] = field(default_factory=lambda: {"author": 0, "quote": 0})
    loaded_share: float | None = None
    loaded_per_100_words: Mapping[str, float | None] = field(
        default_factory=lambda: {"all": None, "author": None, "quote": None}
    )
    top_loaded_terms: tuple[tuple[str, int], ...] = ()
    cues: Mapping[str, Mapping[str, tuple[tuple[str, int], ...]]] = field(default_factory=dict)
    targets: Mapping[str, TargetProfile] = field(default_factory=dict)
    quotes: tuple[Quote, ...] = ()
    meta: Mapping[str, Any] = field(default_factory=dict)
    attributions: tuple[Quote, ...] = ()
    loaded_threshold: float = DEFAULT_LOADED_THRESHOLD
    frames: Mapping[str, FrameScore] = field(default_factory=dict)

    @property
    def n_sentences(self) -> int:
        """Number of sentences."""
        return len(self.sentences)

    @property
    def spans(self) -> tuple[Span, ...]:
        """Every loaded span of the article, in text order."""
        return tuple(s for sent in self.sentences for s in sent.spans)

    def profile_dict(self) -> dict[str, Any]:
        """The ``profile`` part of :meth:`to_dict` (no sentences)."""
        return {
            "n_sentences": self.n_sentences,
            "n_words": self.n_words,
            "words_by_voice": dict(self.words_by_voice),
            "loaded_share": None if self.loaded_share is None else json_float(self.loaded_share),
            "loaded_per_100_words": {
                k: (None if v is None else json_float(v)) for k, v in self.loaded_per_100_words.items()
            },
            "top_loaded_terms": [[t, int(c)] for t, c in self.top_loaded_terms],
            "cues": to_jsonable(self.cues),
            "targets": {name: t.to_dict() for name, t in self.targets.items()},
            "frames": {name: f.to_dict() for name, f in self.frames.items()},
        }

    @property
    def frames_present(self) -> tuple[str, ...]:
        """The frames that reach their thresholds, most probable first."""
        present = [f for f in self.frames.values() if f.present]
        return tuple(f.name for f in sorted(present, key=lambda f: -f.probability))

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict: sentences, quotes, profile, meta; plus ``text`` when the input was converted.

        A converted input (an HTML page; ``meta["source"]`` says so) is not the text the offsets
        index, so that text is included under ``"text"``.
        """
        head: dict[str, Any] = {"text": self.text} if "source" in self.meta else {}
        return {
            **head,
            "sentences": [s.to_dict() for s in self.sentences],
            "quotes": [q.to_dict() for q in self.quotes],
            "attributions": [a.to_dict() for a in self.attributions],
            "profile": self.profile_dict(),
            "meta": to_jsonable(self.meta),
        }

    def to_json(self, indent: int | None = 2) -> str:
        """JSON text of :meth:`to_dict` (non-ASCII kept; ``indent=None``: one line)."""
        return json.dumps(self.to_dict(), indent=indent, ensure_ascii=False, allow_nan=False)

    def summary(self) -> str:
        """A readable plain-text summary (what ``framing analyze --format text`` prints)."""
        from framing.report.text import render_summary

        return render_summary(self)

    def to_html(self, title: str | None = None) -> str:
        """A self-contained HTML report of this article (no external requests)."""
        from framing.report.html import render_article

        return render_article(self, title=title)
