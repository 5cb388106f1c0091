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
from typing import TYPE_CHECKING

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

if TYPE_CHECKING:
    from framing.segment.nlp import SentenceParses

__all__ = ["RawQuote", "Source", "find_quotes", "clean_name", "scan_quotes", "quote_kind", "is_inscription"]

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


@dataclass(frozen=True)
class RawQuote:
    """A quote as scanned: its marks, paragraph, and the quoted words ``[start, end)``."""

    open_mark: int
    close_end: int  # end of the closing mark (the paragraph end when unclosed)
    close_mark: int
    capped: bool  # unclosed, cut at the end of its paragraph
    paragraph: int
    start: int  # quoted words, stripped
    end: int


@dataclass(frozen=True)
class Source:
    """Who said a quote: the speaker text and its offsets, and how it was found (``Quote.attribution``)."""

    text: str | None
    start: int | None
    end: int | None
    attribution: str


UNATTRIBUTED = Source(None, None, None, "unattributed")


def scan_quotes(text: str) -> list[RawQuote]:
    """Every top-level quote of ``text`` (straight, curly or single marks), in order."""
    raw: list[RawQuote] = []
    for pi, (ps, pe) in enumerate(paragraph_spans(text)):
        for open_mark, close_end, close_mark, capped in _scan_paragraph(text, ps, pe):
            s, e = open_mark + 1, close_mark
            while s < e and text[s].isspace():
                s += 1
            while e > s and text[e - 1].isspace():
                e -= 1
            raw.append(RawQuote(open_mark, close_end, close_mark, capped, pi, s, e))
    return raw


class _RuleAttributor:
    """Speakers by rule: reporting verbs from a word list and the capitalised words around them."""

    def __init__(self, text: str, sentences: list[tuple[int, int, int]], raw: list[RawQuote]) -> None:
        self.text = text
        self.sentences = sentences
        self.sent_starts = [s for s, _, _ in sentences]
        self.all_verbs = _find_verbs(text, _Masks([(q.open_mark, q.close_end) for q in raw]))
        self.verb_starts = [v.start for v in self.all_verbs]
        named: list[tuple[int, int]] = []  # named subjects of reporting verbs, for pronouns
        for v in self.all_verbs:
            lo, hi = self.sentence_of(v.start)
            subj = self.subject_of(v, lo, hi)
            if subj is not None and subj.kind == "name":
                named.append((subj.start, subj.end))
        self.named = sorted(named)
        self.named_starts = [s for s, _ in self.named]

    def sent_index(self, pos: int) -> int:
        """Index of the sentence holding offset ``pos``."""
        return max(0, bisect.bisect_right(self.sent_starts, pos) - 1)

    def sentence_of(self, pos: int) -> tuple[int, int]:
        """``(start, end)`` of the sentence holding offset ``pos``."""
        if not self.sentences:
            return 0, len(self.text)
        s, e, _ = self.sentences[self.sent_index(pos)]
        return s, e

    def verbs(self, lo: int, hi: int) -> list[_Verb]:
        """Reporting verbs lying inside ``[lo, hi)``."""
        a = bisect.bisect_left(self.verb_starts, lo)
        b = a
        while b < len(self.all_verbs) and self.all_verbs[b].end <= hi:
            b += 1
        return self.all_verbs[a:b]

    def subject_of(self, v: _Verb, lo: int, hi: int) -> _Subject | None:
        """The subject of reporting verb ``v`` within [lo, hi): after "according to", else before or after."""
        if v.according:
            return _subject_after(self.text, v.end, hi)
        return _subject_before(self.text, lo, v.start) or _subject_after(self.text, v.end, hi)

    def attribute(self, q: RawQuote) -> tuple[_Subject | None, bool]:
        """The subject attributing ``q`` and whether it sits right after the quote (the surest case)."""
        text = self.text
        _, open_hi = self.sentence_of(q.open_mark)
        close_lo, close_hi = self.sentence_of(max(q.open_mark, q.close_end - 1))
        post_hi = min(close_hi, q.close_end + _WINDOW)
        post = self.verbs(q.close_end, post_hi)
        gap = q.close_end
        while gap < post_hi and (text[gap].isspace() or text[gap] in ",;:—–-"):
            gap += 1
        for v in post[:1]:
            if v.start == gap and (subj := _subject_after(text, v.end, post_hi)):
                return subj, True
            subj = _subject_before(text, gap, v.start)
            if subj and subj.start == gap:
                return subj, True
        open_lo = self.sentence_of(q.open_mark)[0]
        pre_lo = max(open_lo, q.open_mark - _WINDOW)
        for v in reversed(self.verbs(pre_lo, q.open_mark)):
            if subj := self.subject_of(v, pre_lo, q.open_mark):
                return subj, False
        for v in post:
            if subj := self.subject_of(v, q.close_end, post_hi):
                return subj, False
        return None, False

    def source(self, q: RawQuote) -> tuple[Source, bool]:
        """The rule speaker of ``q`` (pronouns resolved to the last named speaker) and its adjacency."""
        subj, adjacent = self.attribute(q)
        if subj is None:
            return UNATTRIBUTED, False
        if subj.kind != "pron":
            kind = "named" if subj.kind == "name" else "description"
            return Source(self.text[subj.start : subj.end], subj.start, subj.end, kind), adjacent
        if self.text[subj.start : subj.end].lower() not in PRONOUNS:
            return UNATTRIBUTED, False
        lo = self.sentences[max(0, self.sent_index(q.open_mark) - 2)][0]
        k = bisect.bisect_left(self.named_starts, subj.start) - 1
        if k >= 0 and self.named[k][0] >= lo:
            s, e = self.named[k]
            return Source(self.text[s:e], s, e, "pronoun"), adjacent
        return UNATTRIBUTED, False


def quote_kind(text: str, sentences: list[tuple[int, int, int]], q: RawQuote, starts: list[int] | None = None) -> str:
    """``"direct"`` (a quoted sentence or more) or ``"partial"`` (a phrase inside author text).

    Direct: the quote opens its sentence, spans a sentence end, or follows ``:``/``,`` with a
    capital letter (``said, "We …"``). Everything else (``called it "a disgrace"``) is partial.
    """
    if starts is None:
        starts = [s for s, _, _ in sentences]
    si = max(0, bisect.bisect_right(starts, q.open_mark) - 1)
    sent_start = sentences[si][0] if sentences else 0
    before = text[sent_start : q.open_mark].strip(" \t—–-([")
    if not before:
        return "direct"
    if bisect.bisect_right(starts, max(q.open_mark, q.close_mark - 1)) - 1 > si:
        return "direct"
    first = text[q.start : q.start + 1]
    if before[-1:] in (":", ",") and (first.isupper() or first.isdigit() or not first.isalpha()):
        return "direct"
    return "partial"


_SCARE_BEFORE = re.compile(r"(?:so-called|so called|self-styled|self-proclaimed|quote-unquote)\s*$", re.IGNORECASE)
_SPEAKER_TAG = re.compile(r"([A-Z][A-Z.\-']+(?:\s+[A-Z][A-Z.\-']+){0,2}):\s")


def is_scare_quote(text: str, q: RawQuote) -> bool:
    """``the so-called "reform"``: a phrase the author distances from, attributed to no one."""
    return bool(_SCARE_BEFORE.search(text, max(0, q.open_mark - 20), q.open_mark))


_INSCRIPTION = re.compile(
    r"(?<!\bhe )(?<!\bshe )(?<!\bwho )(?<!\bthey )"
    r"\b(?:signs?|banners?|placards?|posters?|note|headlines?|slogans?|t-shirts?|stickers?|graffiti|"
    r"captions?|billboards?|inscriptions?|plaques?)\b[^.“”\"\n]{0,80}?"
    r"(?:\b(?:read|reads|reading|bore|bearing)|[^,\s]\s+(?:said|says|saying))\b"
    r"(?:\s+(?:simply|only|just|\w+ly))?\s*[:,]?\s*$",
    re.IGNORECASE,
)


def is_inscription(
    text: str, sentences: list[tuple[int, int, int]], q: RawQuote, starts: list[int] | None = None
) -> bool:
    """``a banner reading “…”`` / ``a note on the gate said “…”``: written words with no speaker."""
    if starts is None:
        starts = [s for s, _, _ in sentences]
    si = max(0, bisect.bisect_right(starts, q.open_mark) - 1)
    lo = sentences[si][0] if sentences else 0
    return bool(_INSCRIPTION.search(text, max(lo, q.open_mark - 160), q.open_mark))


def speaker_tag(text: str, q: RawQuote) -> Source | None:
    """Transcript style ``"PENCE: Well, …"``: the capitalised name before a colon opening the quote."""
    m = _SPEAKER_TAG.match(text, q.start, q.end)
    if not m or m.group(1).lower().strip(".") in STOP_CAPS:
        return None
    return Source(m.group(1), m.start(1), m.end(1), "named")


def _propagate(
    text: str, sentences: list[tuple[int, int, int]], raw: list[RawQuote], sources: list[Source]
) -> list[Source]:
    """Quotes continuing an attributed one share its speaker.

    A quote opening a sentence right after an attributed quote of the same paragraph continues it
    (``“We will fight,” Stoltenberg said. “We will win.”``); multi-paragraph quotes share a speaker
    in both directions.
    """
    out = list(sources)
    starts = [s for s, _, _ in sentences]
    for i in range(1, len(raw)):
        si = max(0, bisect.bisect_right(starts, raw[i].open_mark) - 1)
        opens_sentence = bool(sentences) and sentences[si][0] == raw[i].open_mark
        if out[i].text is None and raw[i - 1].paragraph == raw[i].paragraph and opens_sentence:
            out[i] = out[i - 1]
    for direction in (range(1, len(raw)), range(len(raw) - 2, -1, -1)):
        for i in direction:
            j = i - 1 if direction.step == 1 else i + 1
            a, b = (j, i) if j < i else (i, j)
            linked = raw[a].capped and raw[b].paragraph == raw[a].paragraph + 1 and _opens_line(text, raw[b].open_mark)
            if linked and out[i].text is None and out[j].text is not None:
                out[i] = out[j]
    return out


def find_quotes(
    text: str, sentences: list[tuple[int, int, int]] | None = None, *, parses: SentenceParses | None = None
) -> list[Quote]:
    """All quotes in ``text`` with speakers where the text names them (see module docstring).

    ``parses``: spaCy parses of the text's sentences (:class:`~framing.segment.nlp.SentenceParses`);
    with them speakers come from the dependency parse (:mod:`framing.segment.attribution`), with the
    rules as fallback. ``sentences`` must then be the spans the parses were made over.
    """
    if not isinstance(text, str):
        from framing.errors import InputTypeError

        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    if sentences is None:
        sentences = split_sentences(text)
    raw = [q for q in scan_quotes(text) if q.end > q.start]
    if not raw:
        return []
    rules = _RuleAttributor(text, sentences, raw)
    rule_sources = [rules.source(q) for q in raw]
    if parses is not None:
        from framing.segment.attribution import parse_sources

        sources = parse_sources(text, sentences, raw, rule_sources, parses)
    else:
        sources = [src for src, _ in rule_sources]
    sources = [speaker_tag(text, q) or src for q, src in zip(raw, sources, strict=True)]
    nobody = [is_scare_quote(text, q) or is_inscription(text, sentences, q, rules.sent_starts) for q in raw]
    sources = [UNATTRIBUTED if no else src for no, src in zip(nobody, sources, strict=True)]
    sources = _propagate(text, sentences, raw, sources)
    return [
        Quote(
            q.start,
            q.end,
            text[q.start : q.end],
            src.text,
            src.start,
            src.end,
            src.attribution,
            quote_kind(text, sentences, q, rules.sent_starts),
        )
        for q, src in zip(raw, sources, strict=True)
    ]


def _opens_line(text: str, pos: int) -> bool:
    """Whether only whitespace precedes ``pos`` on its line."""
    i = pos
    while i > 0 and text[i - 1] not in "\n\r\u2028\u2029":
        i -= 1
        if not text[i].isspace():
            return False
    return True
