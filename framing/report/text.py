"""Plain-text summary of an :class:`~framing.results.ArticleProfile`."""

from __future__ import annotations

import logging
from collections.abc import Iterable, Mapping

from framing.results import STANCE_LABELS, ArticleProfile, Sentence, TargetProfile

__all__ = ["render_summary", "mark_spans", "fmt_num"]

logger = logging.getLogger(__name__)

_VOICES: tuple[str, str] = ("author", "quote")
_CUE_KINDS: tuple[tuple[str, str], ...] = (("reporting_verb", "Reporting verbs"), ("hedge", "Hedges"))


def fmt_num(value: float | None, digits: int = 2, signed: bool = False) -> str:
    """Format a number, or ``n/a`` for ``None``."""
    if value is None:
        return "n/a"
    return f"{value:+.{digits}f}" if signed else f"{value:.{digits}f}"


def mark_spans(sentence: Sentence, left: str = "[", right: str = "]") -> str:
    """The sentence text with each loaded span wrapped in brackets (overlaps are merged)."""
    text = sentence.text
    pieces: list[str] = []
    pos = 0
    for span in sorted(sentence.spans, key=lambda s: (s.start, -s.end)):
        a = max(span.start - sentence.start, pos)
        b = min(span.end - sentence.start, len(text))
        if b <= a:
            continue
        pieces.append(text[pos:a])
        pieces.append(f"{left}{text[a:b]}{right}")
        pos = b
    pieces.append(text[pos:])
    return "".join(pieces)


def _terms(items: Iterable[tuple[str, int]], limit: int = 10) -> str:
    listed = [f"{term} ({int(count)})" for term, count in list(items)[:limit]]
    return ", ".join(listed) if listed else "none"


def _header(profile: ArticleProfile) -> list[str]:
    wv = profile.words_by_voice
    n_quote_sents = sum(1 for s in profile.sentences if s.voice == "quote")
    return [
        "Framing summary",
        "===============",
        f"Sentences: {profile.n_sentences} ({profile.n_sentences - n_quote_sents} author, {n_quote_sents} quote)",
        f"Words: {profile.n_words} ({wv.get('author', 0)} author, {wv.get('quote', 0)} quote)",
        f"Quotes: {len(profile.quotes)}",
    ]


def _loaded(profile: ArticleProfile) -> list[str]:
    share = profile.loaded_share
    lp = profile.loaded_per_100_words
    return [
        "",
        "Loaded language",
        "---------------",
        f"Loaded sentences: {fmt_num(None if share is None else 100 * share, 1)}% "
        f"(P(loaded) >= {fmt_num(profile.loaded_threshold)})",
        "Loaded terms per 100 words: " + ", ".join(f"{k} {fmt_num(lp.get(k))}" for k in ("all", "author", "quote")),
        f"Top loaded terms: {_terms(profile.top_loaded_terms)}",
    ]


def _cues(cues: Mapping[str, Mapping[str, tuple[tuple[str, int], ...]]]) -> list[str]:
    lines = ["", "Framing cues", "------------"]
    for kind, label in _CUE_KINDS:
        by_voice = cues.get(kind, {}) or {}
        for voice in _VOICES:
            lines.append(f"{label} ({voice}): {_terms(by_voice.get(voice, ()) or ())}")
    return lines


def _target(tp: TargetProfile) -> list[str]:
    ci = f"[{fmt_num(tp.ci95[0], signed=True)}, {fmt_num(tp.ci95[1], signed=True)}]" if tp.ci95 else "n/a"
    dist = ", ".join(f"{lab} {int(tp.distribution.get(lab, 0))}" for lab in STANCE_LABELS)
    aliases = f" (aliases: {', '.join(tp.aliases)})" if tp.aliases else ""
    lines = [
        f"{tp.name} [{tp.kind}]{aliases}",
        f"  mentions: {tp.mentions} in {tp.n_sentences} sentences",
        f"  mean stance: {fmt_num(tp.stance_mean, signed=True)} (95% CI {ci})",
        f"  distribution: {dist}",
    ]
    if tp.related:
        lines.append(f"  same entity as: {', '.join(tp.related)}")
    if tp.quoted or tp.reported:
        lines.append(f"  speaks: {tp.quoted} quotes, {tp.reported} reported claims")
    if tp.by_voice:
        lines.append("  by voice: " + ", ".join(f"{v} {fmt_num(x, signed=True)}" for v, x in tp.by_voice.items()))
    return lines


STANCE_NOTE = (
    "mean stance: the average over the sentences naming the target of P(positive) - P(negative)",
    "  (-1 to +1); distribution: how many of those sentences had each label as their most likely",
    "  one. A sentence labelled neutral can still lean negative (e.g. P = 0.45 neg / 0.50 neu / 0.05",
    "  pos gives -0.40), so a mostly neutral distribution can come with a clearly negative mean.",
)


def _targets(profile: ArticleProfile) -> list[str]:
    title = "Targets (stance from -1 negative to +1 positive)"
    lines = ["", title, "-" * len(title), *STANCE_NOTE]
    if not profile.targets:
        return [*lines, "none"]
    for tp in profile.targets.values():
        lines.extend(_target(tp))
    return lines


def _voice_label(sentence: Sentence) -> str:
    if sentence.voice == "quote":
        return f"quote, {sentence.speaker}" if sentence.speaker else "quote, unknown speaker"
    return "author"


def _loaded_sentences(profile: ArticleProfile) -> list[str]:
    title = f"Sentences with loaded wording (P(loaded) >= {fmt_num(profile.loaded_threshold)} or marked spans)"
    lines = ["", title, "-" * len(title)]
    loaded = [s for s in profile.sentences if s.is_loaded or s.spans]
    if not loaded:
        return [*lines, "none"]
    for s in loaded:
        lines.append(f"#{s.index} ({_voice_label(s)}; loaded {fmt_num(s.loaded)}): {mark_spans(s)}")
    return lines


def _short(text: str, limit: int = 140) -> str:
    text = " ".join(text.split())
    return text if len(text) <= limit else text[: limit - 1] + "…"


def _frames(profile: ArticleProfile) -> list[str]:
    """Each frame's probability (most probable first), ``*`` where it passes its threshold, evidence of those."""
    if not profile.frames:
        return []
    title = "Frames (P(the article uses the frame); * = passes its tuned threshold)"
    lines = ["", title, "-" * len(title)]
    ranked = sorted(profile.frames.values(), key=lambda f: -f.probability)
    width = max(len(f.label) for f in ranked)
    for f in ranked:
        mark = "*" if f.present else " "
        voices = ", ".join(f"{v} {fmt_num(p)}" for v, p in f.by_voice.items() if p is not None)
        lines.append(
            f"{mark} {f.label:<{width}}  {fmt_num(f.probability)} (threshold {fmt_num(f.threshold)}"
            + (f"; {voices})" if voices else ")")
        )
    for f in ranked:
        if not f.present:
            continue
        lines.append(f"{f.label}: evidence")
        for e in f.evidence:
            lines.append(f"  #{e.sentence} ({e.voice}; weight {fmt_num(e.weight)}): {_short(e.text)}")
    return lines


def render_summary(profile: ArticleProfile) -> str:
    """A readable plain-text summary of ``profile``; a short note when there is no text."""
    if not profile.text.strip() and not profile.sentences:
        return "Framing summary\n===============\nNo text: the article is empty.\n"
    lines = _header(profile) + _loaded(profile) + _cues(profile.cues)
    lines += _frames(profile) + _targets(profile) + _loaded_sentences(profile)
    return "\n".join(lines) + "\n"
