"""Rule-based sentence splitting with character offsets into the original text.

Every non-empty line is a paragraph; sentences never cross a paragraph. Inside a
paragraph a sentence ends at ``.``, ``!``, ``?`` or an ellipsis (plus any closing quote
marks or brackets) that is followed by whitespace, unless the rules below say otherwise:

* a lowercase next word never starts a new sentence (``"Why now?" she asked``);
* a closing quote after ``?``/``!`` followed by an attribution (``"Why now?" Biden asked``) does not
  split; after a full stop (``"… than ever." Kile went on to claim``) only an inverted attribution
  (``"…." Said Smith``) or a bare one (``"…." Smith said.``) keeps the sentence going;
* titles (``Gen.``, ``Mr.``) and initials (``Richard V. Spencer``) never end a sentence;
* other abbreviations (``U.S.``, ``Inc.``, ``a.m.``) and ellipses end one only before a
  typical sentence opener (``The``, ``He``, ``But``...) or an opening quote;
* ``No. 5``, ``Jan. 5``: an abbreviation before a digit never ends a sentence.

Datelines (``WASHINGTON (Reuters) -``) have no final punctuation and stay with the first
sentence of their paragraph; a headline line is its own paragraph and so its own sentence.
"""

from __future__ import annotations

import logging
import re

from framing.segment.lexicon import ABBREVIATIONS, REPORTING_VERBS, SENTENCE_STARTERS, TITLE_ABBREVIATIONS

__all__ = ["split_sentences", "paragraph_spans"]

logger = logging.getLogger(__name__)

_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")
_CANDIDATE = re.compile(r"(\.\.\.|…|[.!?])[.!?…]*([\"”’'»)\]]*)(?=\s|$)")
_TOKEN_BEFORE = re.compile(r"(?<![^\s(\[\"“‘'])([A-Za-z][A-Za-z.]*)$")
_DOTTED = re.compile(r"(?:[a-z]{1,2}\.)+[a-z]{1,2}")
_NEXT_WORD = re.compile(r"[\"“‘'«(\[]*([\w’'.\-]*)")
_CLOSE_QUOTES = frozenset("\"”’'»")
_OPEN_QUOTES = frozenset("\"“‘«'")
_NUMERIC_ABBREVIATIONS = frozenset("no nos p pp art sec ch fig figs vol vols para".split())
_NEVER_SPLIT = frozenset("e.g i.e vs v cf".split())
_VERB_ALT = "|".join(sorted(REPORTING_VERBS, key=len, reverse=True))
_ATTRIBUTION_AHEAD = re.compile(
    rf"(?:(?:[A-Z][\w’'.\-]*|the|a|an|his|her)\s+){{0,4}}(?:\w+ly\s+)?(?:{_VERB_ALT})\b",
    re.IGNORECASE,
)
# After a quote closed by a full stop only these keep the sentence going: an inverted attribution
# ("Said Smith", "said Smith") or a bare one ("Smith said." / "Jane Doe added,"), case-sensitive names.
_INVERTED_AHEAD = re.compile(rf"(?:{_VERB_ALT})\b", re.IGNORECASE)
_BARE_ATTRIBUTION_AHEAD = re.compile(rf"(?:[A-Z][\w’'\-]*\s+){{1,4}}(?:\w+ly\s+)?(?:{_VERB_ALT})\s*[.,;]")


def paragraph_spans(text: str) -> list[tuple[int, int]]:
    """``(start, end)`` of every non-blank line, stripped of surrounding whitespace."""
    spans: list[tuple[int, int]] = []
    for m in _LINE.finditer(text):
        s, e = m.start(), m.end()
        while s < e and text[s].isspace():
            s += 1
        while e > s and text[e - 1].isspace():
            e -= 1
        if e > s:
            spans.append((s, e))
    return spans


def _attribution_after_stop(text: str, nxt: int) -> bool:
    """Whether the words at ``nxt``, after a quote closed by a full stop, only attribute that quote."""
    return bool(_INVERTED_AHEAD.match(text, nxt) or _BARE_ATTRIBUTION_AHEAD.match(text, nxt))


def _is_boundary(text: str, m: re.Match[str], nxt: int, pstart: int) -> bool:
    """Decide whether the terminator match ``m`` ends a sentence; ``nxt`` is the next non-space."""
    first = text[nxt]
    if first.islower():
        return False
    term, closers = m.group(1), m.group(2)
    word_m = _NEXT_WORD.match(text, nxt)
    next_word = word_m.group(1) if word_m else ""
    next_is_starter = next_word.lower() in SENTENCE_STARTERS or (first in _OPEN_QUOTES and first != "'")
    if next_word[:1].islower():
        return False
    if any(c in _CLOSE_QUOTES for c in closers):
        if term == "." and m.start(2) == m.end(1):
            # "… than ever." Kile went on to claim  →  split;  "We will win." Smith said.  →  no split
            return not _attribution_after_stop(text, nxt)
        if _ATTRIBUTION_AHEAD.match(text, nxt):  # "Why now?" Biden asked.
            return False
    if term in ("...", "…"):
        return next_is_starter or first.isupper()
    if term != ".":
        return True
    tok_m = _TOKEN_BEFORE.search(text, max(pstart, m.start() - 24), m.start())
    if not tok_m:
        return True
    token = tok_m.group(1)
    low = token.lower().rstrip(".")
    if low in TITLE_ABBREVIATIONS or low in _NEVER_SPLIT:
        return False
    if len(token) == 1 and token.isupper():  # initial: "Richard V. Spencer"
        return next_is_starter
    if low in _NUMERIC_ABBREVIATIONS and first.isdigit():
        return False
    if low in ABBREVIATIONS or _DOTTED.fullmatch(low):
        if first.isdigit():
            return False
        return next_is_starter
    return True


def split_sentences(text: str) -> list[tuple[int, int, int]]:
    """Split ``text`` into ``(start, end, paragraph)``; ``text[start:end]`` is the stripped sentence."""
    out: list[tuple[int, int, int]] = []
    for pi, (ps, pe) in enumerate(paragraph_spans(text)):
        start = ps
        for m in _CANDIDATE.finditer(text, ps, pe):
            end = m.end()
            if end >= pe:
                break
            nxt = end
            while nxt < pe and text[nxt].isspace():
                nxt += 1
            if nxt >= pe or not _is_boundary(text, m, nxt, ps):
                continue
            out.append((start, end, pi))
            start = nxt
        if start < pe:
            out.append((start, pe, pi))
    return out
