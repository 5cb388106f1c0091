"""An experiment: a learned speaker ranker on top of the attribution rules (with the parse, ``nlp=``).

For each quote the people who could have said it are gathered as *candidates*, one per name (the
mentions of one surname are one candidate): the speaker the rules and the parse chose, the names
in author text of the quote's sentences, up to three sentences before it (this paragraph or the
one before) and the sentence after it (this paragraph), and the speakers of the quotes before and
after it. Each candidate gets a few cheap features (is it the rules' choice, and found how; does
a reporting verb stand next to one of its mentions; how far is its nearest mention; was it the
previous quote's speaker; how often is it named) and a linear score. The best-scoring candidate
replaces the rules' choice only when it beats it by the model's ``margin`` (or, where the rules
found no one, when its probability passes ``threshold``).

``python -m recipes.speakers`` fits the weights (feature names, weights, bias, margin, threshold; a
JSON file) on the even-numbered half of the PolNeAR dev set (Newell et al., 2018) and compares the
ranker with the rules in a document-level cross-validation there. It did not beat them (a gain of two
quotations in 226, see that script), so the library does not use it: speakers are the rules'. The
module stays with the recipe so the experiment can be rerun; weights would hold no PolNeAR text.
"""

from __future__ import annotations

import bisect
import json
import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import ModelLoadError
from framing.segment.lexicon import DEMONYMS, FEMALE_NAMES, MALE_NAMES, ORG_WORDS, PLACES, REPORTING_VERBS, STOP_CAPS
from framing.segment.quotes import RawQuote, Source, clean_name

__all__ = ["FEATURES", "Candidate", "SpeakerRanker", "candidates", "rerank"]

logger = logging.getLogger(__name__)

FEATURES: tuple[str, ...] = (
    "rule",  # the rules' (parse-based) choice
    "rule_named",
    "rule_pronoun",  # a resolved "he"/"she"/"they"
    "rule_role",
    "rule_description",
    "rule_partial",  # the rules' choice for a partial (phrase) quote
    "prev",  # the speaker of the quote before, in this paragraph or the one before
    "prev_far",  # the speaker of the quote before, further back
    "next",  # the speaker the rules gave the next quote of this paragraph
    "in_sentence",  # named in author text of the quote's own sentence(s)
    "verb_in_sentence",  # ... next to a reporting verb ("Smith said", "said Smith")
    "verb_near",  # named next to a reporting verb anywhere in the window
    "before",  # 1 / (1 + sentences back) of its nearest mention before the quote
    "after",  # 1 / (1 + sentences on) of its nearest mention after the quote
    "nearest_before",  # holds the last name before the quote
    "nearest_after",  # holds the first name after the quote
    "n_window",  # log(1 + mentions in the window)
    "n_doc",  # log(1 + mentions in the text)
    "full_name",  # named with two words or more somewhere in the window
    "person_name",  # a known given name or Mr./Mrs./Ms. before it
    "para_subject",  # named in the first sentence of the quote's paragraph
    "place",  # a place, a nationality or a party ("Russia", "Republicans")
    "org_word",  # a name with an organisation word ("Justice Department")
    "initial_only",  # only ever a single capitalised word opening its sentence ("Often", "Variables")
    "all_caps",  # written in capitals only
    "rule_plain_description",  # the rules' choice is a description without a name ("an official")
    "no_rule",  # the rules found no speaker for this quote
)

_NAME_RUN = re.compile(r"(?:(?:[A-Z][\w’'\-]*|[A-Z][a-z]{0,3}\.)[ \t]+){0,6}[A-Z][\w’'\-]*")
_POSSESSIVE = re.compile(r"[’']s?$")
_VERB_AFTER = re.compile(r"(?:\s*,[^,“”\"\n]{1,80},)?\s+(?:(?:\w+ly|also|has|had|have|then)\s+){0,2}([A-Za-z]+)")
_WORD_BEFORE = re.compile(r"([A-Za-z]+)[\s,]+$")
_HONORIFICS = frozenset({"mr", "mrs", "ms", "miss", "dr"})
_BACK = 3  # sentences before the quote searched for names
_PLACES = (
    PLACES
    | DEMONYMS
    | frozenset(
        "republican republicans democrat democrats democratic gop islamic states york city county state".split()
    )
)


@dataclass(frozen=True)
class _Mention:
    start: int
    end: int
    text: str
    key: str
    sentence: int
    verb: bool
    person: bool
    initial: bool  # a single word opening its sentence


@dataclass
class Candidate:
    """One possible speaker of a quote: the source it would give, and its features by name."""

    source: Source
    key: str
    features: dict[str, float] = field(default_factory=dict)

    @property
    def is_rule(self) -> bool:
        return self.features.get("rule", 0.0) > 0


def _key(name: str) -> str:
    """The identity of a name: its last word, lower-cased, possessive dropped."""
    words = name.split()
    return _POSSESSIVE.sub("", words[-1]).lower().rstrip(".") if words else ""


def _source_key(src: Source) -> str:
    """Key of a source: of its last capitalised word, else of its whole text (a description)."""
    text = src.text or ""
    caps = [w for w in text.split() if w[:1].isupper() and w.lower() not in STOP_CAPS]
    return _key(caps[-1]) if caps else " ".join(text.lower().split())


class _Text:
    """Name mentions in author text of one text, with their sentences."""

    def __init__(self, text: str, sentences: Sequence[tuple[int, int, int]], raw: Sequence[RawQuote]) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _, _ in sentences]
        marks = [(q.open_mark, q.close_end) for q in raw]
        mark_starts = [a for a, _ in marks]

        def masked(pos: int) -> bool:
            k = bisect.bisect_right(mark_starts, pos) - 1
            return k >= 0 and pos < marks[k][1]

        self.mentions: list[_Mention] = []
        for m in _NAME_RUN.finditer(text):
            if masked(m.start()):
                continue
            span = clean_name(text, m.start(), m.end())
            if span is None:
                continue
            s, e = span
            name = _POSSESSIVE.sub("", text[s:e])
            words = name.split()
            if not words or all(w.lower().rstrip(".") in STOP_CAPS for w in words):
                continue
            key = _key(name)
            if not key or key in STOP_CAPS or key in REPORTING_VERBS:
                continue
            si = self.sent_index(s)
            opening = not text[sentences[si][0] : m.start()].strip(" \t\"“‘'([—–-") if sentences else False
            verb, person = self._verb(m.start(), e), self._person(m, s)
            self.mentions.append(_Mention(s, s + len(name), name, key, si, verb, person, opening and len(words) == 1))
        self.mention_starts = [m.start for m in self.mentions]
        self.doc_counts: dict[str, int] = {}
        for mm in self.mentions:
            self.doc_counts[mm.key] = self.doc_counts.get(mm.key, 0) + 1

    def sent_index(self, pos: int) -> int:
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def _verb(self, start: int, end: int) -> bool:
        """A reporting verb right after the name (``Smith said``) or right before it (``said Smith``)."""
        after = _VERB_AFTER.match(self.text, end, min(len(self.text), end + 120))
        if after and after.group(1).lower() in REPORTING_VERBS:
            return True
        before = _WORD_BEFORE.search(self.text, max(0, start - 30), start)
        return bool(before and before.group(1).lower() in REPORTING_VERBS)

    def _person(self, m: re.Match[str], s: int) -> bool:
        words = m.group().split()
        if any(w.lower().rstrip(".") in _HONORIFICS for w in words[:-1]):
            return True
        first = self.text[s:].split(maxsplit=1)[0].lower() if self.text[s:].strip() else ""
        return first in FEMALE_NAMES or first in MALE_NAMES

    def window(self, q: RawQuote) -> tuple[int, int, list[_Mention]]:
        """The quote's first and last sentence and the mentions in its window."""
        a = self.sent_index(q.open_mark)
        b = self.sent_index(max(q.open_mark, q.close_end - 1))
        para = self.sentences[a][2] if self.sentences else 0
        lo, hi = max(0, a - _BACK), min(len(self.sentences) - 1, b + 1)
        out: list[_Mention] = []
        k = bisect.bisect_left(self.mention_starts, self.sentences[lo][0] if self.sentences else 0)
        while k < len(self.mentions) and self.mentions[k].sentence <= hi:
            m = self.mentions[k]
            k += 1
            mp = self.sentences[m.sentence][2]
            if m.sentence < a and mp < para - 1:
                continue
            if m.sentence > b and mp != self.sentences[b][2]:
                continue
            out.append(m)
        return a, b, out


def _near(sources: Sequence[Source], raw: Sequence[RawQuote], i: int, step: int) -> tuple[Source | None, bool]:
    """The nearest other quote's source with a speaker in direction ``step``, and whether it is close
    (same paragraph, or for the quote before also the paragraph before)."""
    j = i + step
    while 0 <= j < len(raw) and sources[j].text is None:
        j += step
    if not 0 <= j < len(raw):
        return None, False
    gap = raw[i].paragraph - raw[j].paragraph
    close = gap == 0 or (step < 0 and gap == 1)
    return sources[j], close


def _candidates_for(
    tx: _Text, raw: Sequence[RawQuote], sources: Sequence[Source], i: int, partial: bool
) -> list[Candidate]:
    q, rule = raw[i], sources[i]
    a, b, window = tx.window(q)
    para = tx.sentences[a][2] if tx.sentences else 0
    para_first = next((k for k in range(a, -1, -1) if k == 0 or tx.sentences[k - 1][2] != para), a)
    groups: dict[str, list[_Mention]] = {}
    for m in window:
        groups.setdefault(m.key, []).append(m)
    out: dict[str, Candidate] = {}
    if rule.text is not None:
        key = _source_key(rule)
        feats = {"rule": 1.0, f"rule_{rule.attribution}": 1.0, "rule_partial": float(partial)}
        out[key] = Candidate(rule, key, feats)
    for key, ms in groups.items():
        if key not in out:
            best = max(ms, key=lambda m: (len(m.text.split()), -abs(m.start - q.open_mark)))
            out[key] = Candidate(Source(best.text, best.start, best.end, "named"), key, {})
    prev, prev_close = _near(sources, raw, i, -1)
    nxt, next_close = _near(sources, raw, i, 1)
    if prev is not None:
        key = _source_key(prev)
        cand = out.setdefault(key, Candidate(prev, key, {}))
        cand.features["prev" if prev_close else "prev_far"] = 1.0
    if nxt is not None and next_close and raw[i + 1 :] and nxt.text is not None:
        key = _source_key(nxt)
        if key in out:
            out[key].features["next"] = 1.0
    before = [m for m in window if m.end <= q.open_mark]
    after = [m for m in window if m.start >= q.close_end]
    last_before = before[-1].key if before else None
    first_after = after[0].key if after else None
    for key, cand in out.items():
        ms = groups.get(key, [])
        f = cand.features
        own = [m for m in ms if a <= m.sentence <= b]
        f["in_sentence"] = float(bool(own))
        f["verb_in_sentence"] = float(any(m.verb for m in own))
        f["verb_near"] = float(any(m.verb for m in ms))
        back = [a - m.sentence for m in ms if m.end <= q.open_mark]
        on = [m.sentence - b for m in ms if m.start >= q.close_end]
        f["before"] = 1.0 / (1 + min(back)) if back else 0.0
        f["after"] = 1.0 / (1 + min(on)) if on else 0.0
        f["nearest_before"] = float(key == last_before)
        f["nearest_after"] = float(key == first_after)
        f["n_window"] = math.log1p(len(ms))
        f["n_doc"] = math.log1p(tx.doc_counts.get(key, 0))
        f["full_name"] = float(any(len(m.text.split()) >= 2 for m in ms))
        f["person_name"] = float(any(m.person for m in ms))
        f["para_subject"] = float(any(m.sentence == para_first for m in ms))
        words = (cand.source.text or "").split()
        f["place"] = float(key in _PLACES)
        f["org_word"] = float(any(w.lower() in ORG_WORDS for w in words))
        f["initial_only"] = float(bool(ms) and all(m.initial for m in ms))
        f["all_caps"] = float(bool(words) and all(w.isupper() for w in words) and len("".join(words)) > 1)
        f["no_rule"] = float(rule.text is None)
        if cand.is_rule and rule.attribution == "description":
            f["rule_plain_description"] = float(not any(w[:1].isupper() for w in words[1:]))
    return list(out.values())


def candidates(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    raw: Sequence[RawQuote],
    sources: Sequence[Source],
    partial: Sequence[bool] | None = None,
) -> list[list[Candidate]]:
    """The candidate speakers of each quote of ``raw`` (``sources``: the rules' choices), rules' first."""
    tx = _Text(text, sentences, raw)
    kinds = partial if partial is not None else [False] * len(raw)
    return [_candidates_for(tx, raw, sources, i, kinds[i]) for i in range(len(raw))]


class SpeakerRanker:
    """A linear score over :data:`FEATURES`; :meth:`choose` picks a quote's speaker."""

    def __init__(
        self, weights: Mapping[str, float], bias: float = 0.0, margin: float = 0.0, threshold: float = 0.5
    ) -> None:
        unknown = sorted(set(weights) - set(FEATURES))
        if unknown:
            raise ModelLoadError(f"speaker ranker: unknown features {unknown}; known: {list(FEATURES)}")
        self.weights = {k: float(v) for k, v in weights.items()}
        self.bias = float(bias)
        self.margin = float(margin)
        self.threshold = float(threshold)

    @classmethod
    def from_dict(cls, data: Any, origin: str = "speaker ranker") -> SpeakerRanker:
        """From ``{"features": [...], "weights": [...], "bias": b, "margin": m, "threshold": t}``."""
        try:
            names, values = data["features"], data["weights"]
            if not isinstance(names, list) or not isinstance(values, list) or len(names) != len(values):
                raise ValueError("'features' and 'weights' must be lists of the same length")
            weights = {str(n): float(v) for n, v in zip(names, values, strict=True)}
            extra = {k: float(data.get(k, d)) for k, d in (("bias", 0.0), ("margin", 0.0), ("threshold", 0.5))}
        except (KeyError, TypeError, ValueError) as exc:
            raise ModelLoadError(f"{origin}: malformed speaker ranker weights ({exc})") from exc
        if not all(math.isfinite(v) for v in (*weights.values(), *extra.values())):
            raise ModelLoadError(f"{origin}: speaker ranker weights must be finite numbers")
        return cls(weights, **extra)

    @classmethod
    def load(cls, path: str | Path) -> SpeakerRanker:
        """Read a weights file; :class:`~framing.errors.ModelLoadError` when it is missing or malformed."""
        try:
            data = json.loads(Path(path).read_text(encoding="utf-8"))
        except (OSError, json.JSONDecodeError) as exc:
            raise ModelLoadError(f"cannot read speaker ranker weights {Path(path).name}: {exc}") from exc
        return cls.from_dict(data, Path(path).name)

    def to_dict(self) -> dict[str, Any]:
        names = [n for n in FEATURES if n in self.weights]
        return {
            "features": names,
            "weights": [self.weights[n] for n in names],
            "bias": self.bias,
            "margin": self.margin,
            "threshold": self.threshold,
        }

    def score(self, features: Mapping[str, float]) -> float:
        return self.bias + sum(w * features.get(n, 0.0) for n, w in self.weights.items())

    def choose(self, cands: Sequence[Candidate], rule: Source) -> Source:
        """The rules' source unless another candidate beats it by ``margin`` (or, with no rule
        speaker, the best candidate when its probability reaches ``threshold``)."""
        if not cands:
            return rule
        scores = [self.score(c.features) for c in cands]
        best = max(range(len(cands)), key=lambda k: (scores[k], cands[k].is_rule, -k))
        ruled = next((k for k, c in enumerate(cands) if c.is_rule), None)
        if ruled is not None:
            return cands[best].source if scores[best] > scores[ruled] + self.margin else rule
        prob = 1.0 / (1.0 + math.exp(-scores[best]))
        return cands[best].source if prob >= self.threshold else rule


def rerank(
    text: str,
    sentences: Sequence[tuple[int, int, int]],
    raw: Sequence[RawQuote],
    sources: Sequence[Source],
    ranker: SpeakerRanker,
    *,
    partial: Sequence[bool] | None = None,
    fixed: Sequence[bool] | None = None,
) -> list[Source]:
    """``sources`` with each quote's speaker chosen by ``ranker`` (``fixed`` quotes keep theirs)."""
    cands = candidates(text, sentences, raw, sources, partial)
    keep = fixed if fixed is not None else [False] * len(raw)
    return [src if keep[i] else ranker.choose(cands[i], src) for i, src in enumerate(sources)]
