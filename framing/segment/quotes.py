"""Quoted speech: where quotes are and who said them.

Double quotes (straight ``"`` and curly ``“ ”``) are top-level quotes; single quotes and
apostrophes inside them are part of the quote. Outside double quotes, ``‘…’`` / ``'…'`` pairs
are quotes too (British style), while apostrophes (``That’s``, ``NATO's``, ``'90s``,
``rock 'n' roll``) are not. A quote never crosses a paragraph: an unclosed quote is capped at
the end of its paragraph, and a quote that re-opens at the start of the next paragraph (the
news convention for multi-paragraph quotes) shares the speaker of the one before.

Speakers come from reporting verbs in author text of the same sentence, in this order:
right after the quote (``“…,” Stoltenberg said`` / ``“…,” said Mark Ellis``), before it
(``Stoltenberg said: “…”``), later in the sentence (``“…,” including …, he said``).
``he``/``she``/``they`` resolve to the last named speaker in the two sentences before the
quote (or earlier in its own sentence), else the speaker is ``None``.
"""

from __future__ import annotations

import bisect
import logging
import re
from dataclasses import dataclass

from framing.results import Quote
from framing.segment.lexicon import (
    DEMONYMS,
    NAME_PARTICLES,
    PRONOUNS,
    REPORTING_VERBS,
    STOP_CAPS,
    TITLE_WORDS,
)
from framing.segment.sentences import paragraph_spans, split_sentences

__all__ = ["find_quotes", "clean_name"]

logger = logging.getLogger(__name__)

_WINDOW = 300  # max characters searched for an attribution on either side of a quote
_QUOTE_CHAR = re.compile(r"[\"“”]")
_SINGLE_CHAR = re.compile(r"['‘’]")
_WORD = re.compile(r"[A-Za-z]+")
_TO = re.compile(r"\s+to\b")
_NAMETOK = r"[A-Z][\w’'\-]*\.?"
_PARTICLE = "|".join(sorted(NAME_PARTICLES))
_NAME = rf"{_NAMETOK}(?:\s+(?:(?:{_PARTICLE})\s+)?{_NAMETOK}){{0,5}}"
_PRON = r"(?:[Hh]e|[Ss]he|[Tt]hey|[Ww]e|I)"
_DET = r"(?:[Tt]he|[Aa]n?|[Hh]is|[Hh]er|[Tt]heir|[Ii]ts)"
_CLAUSE_WORDS = r"(?:why|that|which|who|when|where|and|but|if|because|is|are|was|were|would|will|has|have|had|it|to)"
_DESC = rf"{_DET}\s+(?:(?!{_CLAUSE_WORDS}\b)[\w’'\-]+\s+){{0,3}}(?!{_CLAUSE_WORDS}\b)[\w’'\-]+"
_BARE = (
    r"(?:[A-Z][\w\-]*\s+)?(?:officials|analysts|experts|critics|sources|police|residents|witnesses|"
    r"observers|diplomats|protesters|lawmakers|authorities|prosecutors|investigators|organizers|organisers)"
)
_AUX = r"(?:\w+ly|also|then|later|again|once|further|has|had|have|would|will|went\s+on\s+to|goes\s+on\s+to)"
_SUBJ_BEFORE = re.compile(
    rf"(?<![\w’'])(?:(?P<pron>{_PRON})|(?P<name>{_NAME})|(?P<desc>{_DESC})|(?P<bare>{_BARE}))"
    rf"\s+(?:{_AUX}\s+)*$"
)
_SUBJ_AFTER = re.compile(rf"\s+(?:(?P<pron>{_PRON})\b|(?P<name>{_NAME})|(?P<desc>{_DESC})|(?P<bare>{_BARE}))(?![\w’'])")


@dataclass(frozen=True)
class _Subject:
    start: int
    end: int
    kind: str  # "pron" | "name" | "desc" | "bare"


def _strip_token(tok: str) -> str:
    return tok.lower().strip(".,’'")


def clean_name(text: str, start: int, end: int) -> tuple[int, int] | None:
    """Trim titles, demonyms and function words off a capitalised name span; ``None`` if nothing is left."""
    toks = [(m.start() + start, m.end() + start) for m in re.finditer(r"\S+", text[start:end])]
    # Drop everything up to the last title word ("NATO Secretary General Jens Stoltenberg").
    last_title = -1
    for i, (s, e) in enumerate(toks[:-1]):
        if _strip_token(text[s:e]) in TITLE_WORDS:
            last_title = i
    toks = toks[last_title + 1 :]
    while toks and _strip_token(text[toks[0][0] : toks[0][1]]) in (STOP_CAPS | DEMONYMS | TITLE_WORDS):
        toks = toks[1:]
    if not toks:
        return None
    s, e = toks[0][0], toks[-1][1]
    last = text[toks[-1][0] : e]
    if last.endswith(".") and not re.fullmatch(r"[A-Z]\.|(?:[A-Z]\.)+|Jr\.|Sr\.", last):
        e -= 1
    return (s, e) if e > s else None


def _subject_from(text: str, m: re.Match[str] | None) -> _Subject | None:
    """The subject a ``_SUBJ_*`` match found: a cleaned name, a pronoun or a description."""
    if not m:
        return None
    kind = m.lastgroup or ""
    s, e = m.span(kind)
    if kind == "name":
        span = clean_name(text, s, e)
        if span is None:
            return None
        s, e = span
    if kind == "desc":  # stop a description at the first comma-free run: "the union" in "the union, which"
        e = s + len(text[s:e].rstrip(".,"))
    return _Subject(s, e, kind)


def _subject_before(text: str, lo: int, verb_start: int) -> _Subject | None:
    return _subject_from(text, _SUBJ_BEFORE.search(text, max(lo, verb_start - 120), verb_start))


def _subject_after(text: str, verb_end: int, hi: int) -> _Subject | None:
    return _subject_from(text, _SUBJ_AFTER.match(text, verb_end, hi))


@dataclass(frozen=True)
class _Verb:
    start: int
    end: int
    according: bool


def _find_verbs(text: str, masks: _Masks) -> list[_Verb]:
    """Reporting verbs (and "according to") in author text, in order."""
    out: list[_Verb] = []
    for m in _WORD.finditer(text):
        low = m.group().lower()
        if low in REPORTING_VERBS:
            verb = _Verb(m.start(), m.end(), False)
        elif low == "according" and (to := _TO.match(text, m.end())):
            verb = _Verb(m.start(), to.end(), True)
        else:
            continue
        if not masks.inside(m.start()):
            out.append(verb)
    return out


class _Masks:
    """Sorted, non-overlapping spans (quote marks included) that are not author text."""

    def __init__(self, spans: list[tuple[int, int]]) -> None:
        self.spans = spans
        self.starts = [s for s, _ in spans]

    def inside(self, pos: int) -> bool:
        i = bisect.bisect_right(self.starts, pos) - 1
        return i >= 0 and pos < self.spans[i][1]


def _scan_paragraph(text: str, ps: int, pe: int) -> list[tuple[int, int, int, bool]]:
    """Top-level quotes of one paragraph as ``(open_mark, close_mark_end, close_mark, capped)``."""
    found: list[tuple[int, int, int, bool]] = []
    open_at = -1
    for m in _QUOTE_CHAR.finditer(text, ps, pe):
        i, ch = m.start(), m.group()
        left = text[i - 1] if i > ps else " "
        right = text[i + 1] if i + 1 < pe else " "
        if open_at < 0:
            looks_open = (left.isspace() or left in "([{—–-/:") and not right.isspace()
            if ch == "“" or (ch == '"' and not right.isspace()) or (ch == "”" and looks_open):
                if ch == '"' and left.isalnum() and not right.isalnum():
                    continue  # a stray closing straight quote
                open_at = i
        else:
            if ch == "“" and (left.isspace() or not (right.isspace() or right in ".,;:!?")):
                continue  # nested or re-opened: stays inside the current quote
            found.append((open_at, i + 1, i, False))
            open_at = -1
    if open_at >= 0:
        found.append((open_at, pe, pe, True))
    # Single-quote pairs outside double quotes.
    singles: list[tuple[int, int, int, bool]] = []
    dq = [(a, b) for a, b, _, _ in found]
    dq_starts = [a for a, _ in dq]
    j = 0
    opener = -1
    for m in _SINGLE_CHAR.finditer(text, ps, pe):
        i, ch = m.start(), m.group()
        while j < len(dq) and dq[j][1] <= i:
            j += 1
        if j < len(dq) and dq[j][0] <= i < dq[j][1]:
            continue
        left = text[i - 1] if i > ps else " "
        right = text[i + 1] if i + 1 < pe else " "
        if opener < 0:
            if ch in "‘'" and (left.isspace() or left in "([{—–-/:") and right.isalpha():
                opener = i
        elif ch in "’'" and not left.isspace() and not right.isalnum():
            k = bisect.bisect_right(dq_starts, opener)
            crosses_double = k < len(dq_starts) and dq_starts[k] < i
            if i - opener - 1 >= 2 and not crosses_double:
                singles.append((opener, i + 1, i, False))
            opener = -1
    return sorted(found + singles)


def find_quotes(text: str, sentences: list[tuple[int, int, int]] | None = None) -> list[Quote]:
    """All quotes in ``text`` with speakers where the text names them (see module docstring)."""
    if not isinstance(text, str):
        from framing.errors import InputTypeError

        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    if sentences is None:
        sentences = split_sentences(text)
    raw: list[tuple[int, int, int, bool]] = []
    para_of: list[int] = []
    for pi, (ps, pe) in enumerate(paragraph_spans(text)):
        for q in _scan_paragraph(text, ps, pe):
            raw.append(q)
            para_of.append(pi)
    if not raw:
        return []
    masks = _Masks([(a, b) for a, b, _, _ in raw])
    sent_starts = [s for s, _, _ in sentences]

    def sent_index(pos: int) -> int:
        return max(0, bisect.bisect_right(sent_starts, pos) - 1)

    all_verbs = _find_verbs(text, masks)
    verb_starts = [v.start for v in all_verbs]

    def verbs(lo: int, hi: int) -> list[_Verb]:
        a = bisect.bisect_left(verb_starts, lo)
        b = a
        while b < len(all_verbs) and all_verbs[b].end <= hi:
            b += 1
        return all_verbs[a:b]

    # Named attributions in author text, for resolving pronouns.
    named: list[tuple[int, int]] = []
    for v in verbs(0, len(text)):
        si = sent_index(v.start)
        lo = sentences[si][0] if sentences else 0
        hi = sentences[si][1] if sentences else len(text)
        subj = None if v.according else _subject_before(text, lo, v.start)
        if subj is None:
            subj = _subject_after(text, v.end, hi)
        if subj is not None and subj.kind == "name":
            named.append((subj.start, subj.end))
    named.sort()
    named_starts = [s for s, _ in named]

    def subject_of(v: _Verb, lo: int, hi: int) -> _Subject | None:
        """The subject of reporting verb ``v`` within [lo, hi): after "according to", else before or after."""
        if v.according:
            return _subject_after(text, v.end, hi)
        return _subject_before(text, lo, v.start) or _subject_after(text, v.end, hi)

    def attribute(open_mark: int, close_end: int) -> _Subject | None:
        si_open, si_close = sent_index(open_mark), sent_index(max(open_mark, close_end - 1))
        post_hi = min(sentences[si_close][1], close_end + _WINDOW)
        post = verbs(close_end, post_hi)
        gap = close_end
        while gap < post_hi and (text[gap].isspace() or text[gap] in ",;:—–-"):
            gap += 1
        for v in post[:1]:
            if v.start == gap:
                subj = _subject_after(text, v.end, post_hi)
                if subj:
                    return subj
            subj = _subject_before(text, gap, v.start)
            if subj and subj.start == gap:
                return subj
        pre_lo = max(sentences[si_open][0], open_mark - _WINDOW)
        for v in reversed(verbs(pre_lo, open_mark)):
            if subj := subject_of(v, pre_lo, open_mark):
                return subj
        for v in post:
            if subj := subject_of(v, close_end, post_hi):
                return subj
        return None

    speakers: list[tuple[str, int, int] | None] = []
    for open_mark, close_end, _close_mark, _capped in raw:
        subj = attribute(open_mark, close_end)
        if subj is None:
            speakers.append(None)
            continue
        if subj.kind == "pron":
            if text[subj.start : subj.end].lower() not in PRONOUNS:
                speakers.append(None)
                continue
            lo = sentences[max(0, sent_index(open_mark) - 2)][0]
            k = bisect.bisect_left(named_starts, subj.start) - 1
            if k >= 0 and named[k][0] >= lo:
                s, e = named[k]
                speakers.append((text[s:e], s, e))
            else:
                speakers.append(None)
            continue
        speakers.append((text[subj.start : subj.end], subj.start, subj.end))

    # A quote opening a sentence right after an attributed quote of the same paragraph
    # continues it: "“We will fight,” Stoltenberg said. “We will win.”"
    for i in range(1, len(raw)):
        opens_sentence = sentences[sent_index(raw[i][0])][0] == raw[i][0]
        if speakers[i] is None and para_of[i - 1] == para_of[i] and opens_sentence:
            speakers[i] = speakers[i - 1]

    # Multi-paragraph quotes share a speaker in both directions.
    for direction in (range(1, len(raw)), range(len(raw) - 2, -1, -1)):
        for i in direction:
            j = i - 1 if direction.step == 1 else i + 1
            a, b = (j, i) if j < i else (i, j)
            linked = raw[a][3] and para_of[b] == para_of[a] + 1 and _opens_line(text, raw[b][0])
            if linked and speakers[i] is None and speakers[j] is not None:
                speakers[i] = speakers[j]

    quotes: list[Quote] = []
    for (open_mark, _close_end, close_mark, _capped), spk in zip(raw, speakers, strict=True):
        s, e = open_mark + 1, close_mark
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e <= s:
            continue
        if spk is None:
            quotes.append(Quote(s, e, text[s:e]))
        else:
            quotes.append(Quote(s, e, text[s:e], spk[0], spk[1], spk[2]))
    return quotes


def _opens_line(text: str, pos: int) -> bool:
    """Whether only whitespace precedes ``pos`` on its line."""
    i = pos
    while i > 0 and text[i - 1] not in "\n\r\u2028\u2029":
        i -= 1
        if not text[i].isspace():
            return False
    return True
