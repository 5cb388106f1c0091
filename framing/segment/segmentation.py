"""Sentences plus voice: which characters are the author's and which are quoted speech."""

from __future__ import annotations

import bisect
import logging
import re
import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field
from typing import Any

from framing.errors import InputTypeError, InputValueError
from framing.results import Quote, Voice
from framing.segment.attribution import find_attributions, sentences_to_parse, settled
from framing.segment.nlp import SentenceParses, load_pipeline
from framing.segment.quotes import find_quotes, scan_quotes
from framing.segment.sentences import split_sentences

__all__ = ["SentenceSegment", "Segmentation", "segment", "segment_texts"]

logger = logging.getLogger(__name__)


def __getattr__(name: str) -> Any:
    """``VoiceLabel``: the deprecated name of :data:`framing.results.Voice`."""
    if name == "VoiceLabel":
        warnings.warn(
            "framing.segment.segmentation.VoiceLabel is deprecated; use framing.results.Voice",
            DeprecationWarning,
            stacklevel=2,
        )
        return Voice
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def _nonspace(text: str, start: int, end: int) -> int:
    """Number of non-whitespace characters in ``text[start:end]``."""
    if end <= start:
        return 0
    return len("".join(text[start:end].split()))


@dataclass(frozen=True)
class SentenceSegment:
    """One sentence: offsets, paragraph, voice and the quotes overlapping it.

    ``voice`` is ``"quote"`` when more than half of its non-space characters lie inside
    quotes, or when it is a direct quote plus its attribution only (``“…,” said Mark Ellis, a
    pollster at Marist.``: an attributed direct quote and no more author words than
    :data:`ATTRIBUTION_WORDS` or than the quote has); ``speaker`` is then the speaker of the quote
    covering most of it, else ``None``. ``attributions`` are the indirect claims (``X said that
    …``) starting in it: they do not change the voice, but the claim is the source's.
    """

    index: int
    start: int
    end: int
    text: str
    paragraph: int
    voice: Voice = "author"
    speaker: str | None = None
    quotes: tuple[Quote, ...] = ()
    attributions: tuple[Quote, ...] = ()


@dataclass(frozen=True)
class Segmentation:
    """The sentences, quotes and indirect attributions of one text. Quote marks are author voice.

    ``attributions`` (``kind="indirect"``) need the parse: they are empty with ``nlp=None``.
    """

    text: str
    sentences: tuple[SentenceSegment, ...] = ()
    quotes: tuple[Quote, ...] = ()
    parses: SentenceParses | None = field(default=None, repr=False, compare=False)
    attributions: tuple[Quote, ...] = ()
    _starts: tuple[int, ...] = field(default=(), repr=False, compare=False)

    def __post_init__(self) -> None:
        object.__setattr__(self, "_starts", tuple(q.start for q in self.quotes))

    def quote_at(self, offset: int) -> Quote | None:
        """The quote whose words cover ``offset``, or ``None``."""
        i = bisect.bisect_right(self._starts, offset) - 1
        if i >= 0 and offset < self.quotes[i].end:
            return self.quotes[i]
        return None

    def voice_at(self, offset: int) -> Voice:
        """``"quote"`` if ``offset`` is inside quoted words, else ``"author"``."""
        return "quote" if self.quote_at(offset) is not None else "author"

    def voice_chars(self, start: int, end: int) -> dict[str, int]:
        """Non-space characters per voice in ``text[start:end]``."""
        start, end = max(0, start), min(len(self.text), end)
        total = _nonspace(self.text, start, end)
        quoted = 0
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        while i < len(self.quotes) and self.quotes[i].start < end:
            q = self.quotes[i]
            quoted += _nonspace(self.text, max(start, q.start), min(end, q.end))
            i += 1
        return {"author": total - quoted, "quote": quoted}

    def quotes_in(self, start: int, end: int) -> tuple[Quote, ...]:
        """Quotes overlapping ``[start, end)``."""
        i = max(0, bisect.bisect_right(self._starts, start) - 1)
        out: list[Quote] = []
        while i < len(self.quotes) and self.quotes[i].start < end:
            if self.quotes[i].end > start:
                out.append(self.quotes[i])
            i += 1
        return tuple(out)


ATTRIBUTION_WORDS = 12  # author words an attributed direct quote's sentence may hold and stay quote voice
_WORDS = re.compile(r"[\w’'\-]+")


def _sentence_voice(base: Segmentation, s: int, e: int, overlapping: tuple[Quote, ...]) -> tuple[Voice, str | None]:
    """Voice and speaker of sentence ``[s, e)`` (see :class:`SentenceSegment`)."""
    if not overlapping:
        return "author", None
    text = base.text
    main = max(overlapping, key=lambda q: _nonspace(text, max(s, q.start), min(e, q.end)))
    counts = base.voice_chars(s, e)
    if counts["quote"] * 2 > counts["quote"] + counts["author"]:
        return "quote", main.speaker
    if main.kind == "direct" and main.speaker is not None and len(overlapping) == 1:
        author = text[s : max(s, main.start)] + " " + text[min(e, main.end) : e]
        n_author = len(_WORDS.findall(author))
        if n_author <= max(ATTRIBUTION_WORDS, len(_WORDS.findall(main.text))):
            return "quote", main.speaker
    return "author", None


def segment_texts(texts: Sequence[str], *, nlp: Any = None) -> list[Segmentation]:
    """:func:`segment` of each of ``texts``, the sentences attribution plans for all of them parsed in
    one ``nlp.pipe`` call (cheaper than a call per text: the pipeline's matrix products batch)."""
    pipeline = load_pipeline(nlp) if isinstance(nlp, str) else nlp
    if pipeline is None:
        return [segment(t) for t in texts]
    parses: list[SentenceParses | None] = []
    plans: list[tuple[SentenceParses, list[tuple[int, int]]]] = []
    for text in texts:
        if not isinstance(text, str) or not text.strip():
            parses.append(None)
            continue
        p = SentenceParses(pipeline, text)
        parses.append(p)
        spans = split_sentences(text)
        raw = [q for q in scan_quotes(text) if q.end > q.start]
        planned = sentences_to_parse(text, spans, raw, settled(text, spans, raw))
        plans.append((p, [spans[i][:2] for i in planned]))
    SentenceParses.parse_together(plans)
    return [segment(t, nlp=pipeline, parses=p) for t, p in zip(texts, parses, strict=True)]


def segment(text: str, *, nlp: Any = None, parses: SentenceParses | None = None) -> Segmentation:
    """Split ``text`` into sentences, find quotes and give every sentence its voice and speaker.

    ``nlp``: a spaCy pipeline (or its name, see :func:`framing.segment.nlp.load_pipeline`) that
    parses the sentences attribution needs (:mod:`framing.segment.attribution`) and finds indirect
    attributions; ``None`` uses rules only. The parses are kept on the result
    (``Segmentation.parses``) for target discovery to reuse. ``parses``: a
    :class:`~framing.segment.nlp.SentenceParses` of ``text`` with sentences parsed already (see
    :func:`segment_texts`).
    """
    if not isinstance(text, str):
        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    pipeline = load_pipeline(nlp) if isinstance(nlp, str) else nlp
    if parses is not None and (parses.text != text or parses.nlp is not pipeline):
        raise InputValueError("parses must be a SentenceParses of this text and pipeline")
    if parses is None and pipeline is not None:
        parses = SentenceParses(pipeline, text)
    if not text.strip():
        return Segmentation(text=text, parses=parses)
    spans = split_sentences(text)
    quotes = tuple(find_quotes(text, spans, parses=parses))
    attributions: tuple[Quote, ...] = ()
    if parses is not None:
        attributions = tuple(find_attributions(text, spans, scan_quotes(text), parses))
    base = Segmentation(text=text, quotes=quotes)
    att_starts = [a.start for a in attributions]
    sentences: list[SentenceSegment] = []
    for idx, (s, e, para) in enumerate(spans):
        overlapping = base.quotes_in(s, e)
        voice, speaker = _sentence_voice(base, s, e, overlapping)
        claims = attributions[bisect.bisect_left(att_starts, s) : bisect.bisect_left(att_starts, e)]
        sentences.append(SentenceSegment(idx, s, e, text[s:e], para, voice, speaker, overlapping, claims))
    logger.debug("segmented %d chars into %d sentences, %d quotes", len(text), len(sentences), len(quotes))
    return Segmentation(text=text, sentences=tuple(sentences), quotes=quotes, parses=parses, attributions=attributions)
