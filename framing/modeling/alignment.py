"""Character offsets <-> token positions: BIO tags for spans, token masks for mentions, span decoding."""

from __future__ import annotations

import bisect
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

__all__ = [
    "bio_tags",
    "span_tags",
    "soft_token_rows",
    "mention_token_mask",
    "decode_spans",
    "SpanPrediction",
    "find_phrase",
    "FUNCTION_WORDS",
    "is_function_word",
]

Offsets = Sequence[tuple[int, int]]

#: English function words a loaded span neither starts nor ends with, and never consists of only:
#: articles, determiners, pronouns, prepositions, conjunctions, auxiliaries. Negations ("not", "no",
#: "never") are left out on purpose: "not credible" must keep its "not".
FUNCTION_WORDS: frozenset[str] = frozenset(
    """
    a an the this that these those some any each every either neither both all such
    i me my mine we us our ours you your yours he him his she her hers it its they them their theirs
    one ones who whom whose which what whatever whoever there here
    of in on at to for with by from as into onto upon about over under above below between among
    through during before after against within without across along around toward towards via per than
    and or but nor so yet if then because while whereas although though since unless until whether
    is are was were be been being am 's ’s 're ’re 'm ’m 've ’ve 'd ’d 'll ’ll
    has have had having do does did doing will would shall should can could may might must
    also just very too quite rather
    """.split()
)


@dataclass(frozen=True)
class SpanPrediction:
    start: int
    end: int
    label: str
    score: float


def bio_tags(labels: Sequence[str]) -> list[str]:
    """Tag inventory for span labels: ``O`` then ``B-x``/``I-x`` for each label."""
    tags = ["O"]
    for lab in labels:
        tags += [f"B-{lab}", f"I-{lab}"]
    return tags


def _is_special(offset: tuple[int, int]) -> bool:
    return offset[0] == offset[1]


def span_tags(
    offsets: Offsets,
    word_ids: Sequence[int | None],
    spans: Sequence[tuple[int, int, str]],
    tags: Sequence[str],
) -> list[int]:
    """Token tag ids for char spans; -100 on special tokens. Every subword of a word in a span is tagged."""
    index = {t: i for i, t in enumerate(tags)}
    out = [-100 if _is_special(o) else 0 for o in offsets]
    for start, end, label in sorted(spans):
        first_word: int | None = None
        for i, (o, w) in enumerate(zip(offsets, word_ids, strict=False)):
            if _is_special(o) or o[1] <= start or o[0] >= end:
                continue
            if first_word is None:
                first_word = w
            out[i] = index[f"B-{label}"] if w == first_word else index[f"I-{label}"]
    return out


def soft_token_rows(offsets: Offsets, rows: Sequence[tuple[int, int, Sequence[float]]]) -> list[list[float] | None]:
    """Each token's row of a teacher's per-token ``rows`` ``(start, end, probs)`` (in text order): the row
    of the teacher token holding the token's first character; ``None`` on special tokens and where no
    teacher token covers it (beyond a teacher's token limit)."""
    starts = [r[0] for r in rows]
    out: list[list[float] | None] = []
    for o in offsets:
        k = bisect.bisect_right(starts, o[0]) - 1
        inside = not _is_special(o) and k >= 0 and rows[k][0] <= o[0] < rows[k][1]
        out.append([float(x) for x in rows[k][2]] if inside else None)
    return out


def mention_token_mask(offsets: Offsets, mentions: Sequence[tuple[int, int]]) -> list[int]:
    """1 for tokens overlapping any of the char ranges, else 0."""
    mask = [0] * len(offsets)
    for i, o in enumerate(offsets):
        if _is_special(o):
            continue
        if any(o[0] < e and o[1] > s for s, e in mentions):
            mask[i] = 1
    return mask


def decode_spans(
    probs: np.ndarray,
    offsets: Offsets,
    word_ids: Sequence[int | None],
    tags: Sequence[str],
    threshold: float = 0.5,
    text: str | None = None,
) -> list[SpanPrediction]:
    """Word-level spans from token tag probabilities ``probs`` [T, n_tags].

    A word is inside a span when 1 - P(O) of its first subword reaches ``threshold``;
    consecutive such words join unless the later one is more likely ``B`` than ``I``.
    The score of a span is the mean 1 - P(O) of its words. With ``text``, words without a
    letter or digit (punctuation) neither start nor end a span, and words glued by punctuation
    ("so-called", "US-led") are one word, scored by its most loaded part; function words
    (:data:`FUNCTION_WORDS`) at a span's edges are trimmed ("the smug billionaire" -> "smug
    billionaire", the score then the mean of the words kept) and a span of function words only is
    dropped.
    """
    words: list[tuple[int, int, np.ndarray]] = []  # (start, end, probs of first subword)
    last_word: int | None = None
    for i, (o, w) in enumerate(zip(offsets, word_ids, strict=False)):
        if w is None or _is_special(o):
            continue
        if w != last_word:
            words.append((o[0], o[1], probs[i]))
            last_word = w
        else:
            s, _, p = words[-1]
            words[-1] = (s, o[1], p)
    groups: list[list[tuple[int, int, float, str]]] = []
    cur: list[tuple[int, int, float, str]] | None = None
    if text is not None:
        words = _merge_glued(_drop_punctuation(words, text))
    for start, end, p in words:
        inside = 1.0 - float(p[0])
        if inside < threshold:
            if cur:
                groups.append(cur)
            cur = None
            continue
        best = int(np.argmax(p[1:])) + 1
        tag = tags[best]
        label = tag[2:]
        b_idx, i_idx = tags.index(f"B-{label}"), tags.index(f"I-{label}")
        begins = p[b_idx] >= p[i_idx]
        if cur and (begins or cur[-1][3] != label):
            groups.append(cur)
            cur = None
        cur = (cur or []) + [(start, end, inside, label)]
    if cur:
        groups.append(cur)
    if text is not None:
        groups = [g for g in (_trim_function_words(g, text) for g in groups) if g]
    return [_close(g) for g in groups]


def is_function_word(word: str) -> bool:
    """Whether ``word`` (any case, curly or straight apostrophe) is in :data:`FUNCTION_WORDS`."""
    return word.lower() in FUNCTION_WORDS


def _trim_function_words(words: list[tuple[int, int, float, str]], text: str) -> list[tuple[int, int, float, str]]:
    """``words`` without the function words at either edge (empty when all of them are)."""
    lo, hi = 0, len(words)
    while lo < hi and is_function_word(text[words[lo][0] : words[lo][1]]):
        lo += 1
    while hi > lo and is_function_word(text[words[hi - 1][0] : words[hi - 1][1]]):
        hi -= 1
    return words[lo:hi]


def _merge_glued(words: list[tuple[int, int, np.ndarray]]) -> list[tuple[int, int, np.ndarray]]:
    """Join words with no space between them into one unit (probabilities of its most loaded part)."""
    out: list[tuple[int, int, np.ndarray]] = []
    for w in words:
        if out and out[-1][1] == w[0]:
            s, _, p = out[-1]
            out[-1] = (s, w[1], p if p[0] <= w[2][0] else w[2])
        else:
            out.append(w)
    return out


def _drop_punctuation(words: list[tuple[int, int, np.ndarray]], text: str) -> list[tuple[int, int, np.ndarray]]:
    """Drop punctuation-only words, except one glued between two real words (the hyphen in "US-led")."""
    real = [any(ch.isalnum() for ch in text[w[0] : w[1]]) for w in words]
    keep = []
    for i, w in enumerate(words):
        glued = (
            0 < i < len(words) - 1
            and real[i - 1]
            and real[i + 1]
            and words[i - 1][1] == w[0]
            and words[i + 1][0] == w[1]
        )
        if real[i] or glued:
            keep.append(w)
    return keep


def _close(words: list[tuple[int, int, float, str]]) -> SpanPrediction:
    return SpanPrediction(
        start=words[0][0],
        end=words[-1][1],
        label=words[0][3],
        score=float(np.mean([w[2] for w in words])),
    )


def find_phrase(text: str, phrase: str, used: Sequence[tuple[int, int]] = ()) -> tuple[int, int] | None:
    """First case-insensitive, word-bounded occurrence of ``phrase`` in ``text`` not already in ``used``."""
    import re

    phrase = phrase.strip()
    if not phrase:
        return None
    pat = re.compile(r"(?<!\w)" + re.escape(phrase) + r"(?!\w)", re.IGNORECASE)
    for m in pat.finditer(text):
        if not any(m.start() < e and m.end() > s for s, e in used):
            return m.start(), m.end()
    return None
