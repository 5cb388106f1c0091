"""Named-entity review of capitalisation candidates, on a few sentences only.

Capitalised runs find and count mentions cheaply; a spaCy NER pass decides what rules cannot:
whether a candidate is a named entity at all, its kind, and its boundaries (a descriptor glued
to a name: ``New People Party's Regina Ip`` -> ``New People Party`` + ``Regina Ip``). Parsing a
sentence costs about as much as encoding it, so only a few sentences are parsed: a greedy cover
that observes each reviewed candidate once (preferring its first non-sentence-initial
occurrences and sentences holding several candidates), batched in one
:meth:`SentenceParses.parse` call. Every occurrence in a parsed sentence then votes, so frequent
candidates usually get several observations for free.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Collection, Mapping, Sequence
from dataclasses import dataclass, field

from framing.segment.lexicon import DEMONYMS, TITLE_WORDS
from framing.segment.nlp import Entity, SentenceParses
from framing.targets.entities import PARTY_LABELS, kind_of_label

__all__ = ["Occurrence", "Review", "review_candidates"]

Occurrence = tuple[int, int, int, int, bool]  # start, end, sentence start, sentence end, not sentence-initial
_POSSESSIVE = re.compile(r"[’']s?$")
_NONE = "none"  # no entity at the occurrence
_OTHER = "other"  # an entity of a kind that is not a target (DATE, PRODUCT, EVENT, ...)
_OPENERS = "\"“‘'([«—–- \n"  # what may precede a sentence's first word


@dataclass
class Review:
    """What the parsed occurrences of one candidate form say about it."""

    # kind (or "none"/"other") -> summed weight; a Counter (adds on update) holding float weights
    votes: Counter[str] = field(default_factory=Counter)
    pieces: tuple[str, ...] = ()  # entity names inside a composite form
    piece_kinds: tuple[str, ...] = ()  # the kind of each of ``pieces``

    @property
    def observed(self) -> bool:
        return bool(self.votes)

    @property
    def entity_weight(self) -> float:
        return sum(v for k, v in self.votes.items() if k not in (_NONE, _OTHER))

    @property
    def is_entity(self) -> bool:
        """Seen by NER as a target-kind entity at least as often as not."""
        return self.entity_weight > 0 and self.entity_weight >= 0.5 * (self.votes[_NONE] + self.votes[_OTHER])


def _pick_sentences(
    occurrences: Mapping[str, Sequence[Occurrence]],
    forms: Sequence[str],
    composite: set[str],
    done: Collection[tuple[int, int]] = (),
) -> list[tuple[int, int]]:
    """Greedy cover: sentences holding the most still-unobserved forms first (one observation per
    form; a form with an occurrence in a sentence of ``done``, already run through NER, is observed);
    composite forms' first occurrence is always parsed."""
    want = {f: 0 if any((o[2], o[3]) in done for o in occurrences[f]) else 1 for f in forms}
    chosen: list[tuple[int, int]] = []
    options: dict[tuple[int, int], set[str]] = {}
    for f in forms:
        occ = occurrences[f]
        preferred = [o for o in occ if o[4]] or list(occ)
        if f in composite and occ:
            preferred = [occ[0], *preferred]
        for o in preferred[:3]:
            options.setdefault((o[2], o[3]), set()).add(f)
    for f in composite:
        if occurrences.get(f):
            sp = (occurrences[f][0][2], occurrences[f][0][3])
            if sp not in chosen:
                chosen.append(sp)
    for sp in chosen:
        for f in options.get(sp, ()):
            want[f] -= 1
    while True:
        best = max(options, key=lambda sp: (sum(want[f] > 0 for f in options[sp]), -sp[0]), default=None)
        if best is None or not any(want[f] > 0 for f in options[best]):
            return chosen
        for f in options.pop(best):
            want[f] -= 1
        chosen.append(best)


def _descriptor_only(words: str) -> bool:
    """Whether what is left of a composite form around its entities is only descriptors."""
    for tok in words.replace("’", "'").split():
        low = tok.lower().strip(".,'")
        if not tok[:1].isupper() or low in ("s", "of", "the"):
            continue
        if low in PARTY_LABELS or low in TITLE_WORDS or low in DEMONYMS or re.match(r"(?i)(pro|anti)-", tok):
            continue
        return False
    return True


def _lead_descriptor(text: str, occ: Occurrence, rest: str, inside: Sequence[Entity]) -> bool:
    """Whether what is left around the entities of a sentence-initial occurrence is its first word
    and descriptors: that word is capitalised because it starts the sentence ("Prosecutor Sandra
    Mbeki", "Residents of Millbrook"). Only when an entity has two words or ``of`` links the word to
    it: a lone surname inside a full name ("Marcus Dwyer" seen as ``Dwyer``) is not cut."""
    s, e = occ[0], occ[1]
    if occ[4] or text[occ[2] : s].strip(_OPENERS) or not rest[:1].isalpha():
        return False
    after = rest.partition(" ")[2]
    if not _descriptor_only(after):
        return False
    return any(" " in x.text.strip() for x in inside) or " of " in text[s:e]


def _vote(text: str, occ: Occurrence, ents: Sequence[Entity], review: Review, weight: float, composite: bool) -> None:
    """Add one occurrence's evidence: the label of the entity at it, or none; a ``composite`` form
    (descriptor + name) may instead be cut into the entities inside it."""
    s, e = occ[0], occ[1]
    m = _POSSESSIVE.search(text, s, e)
    if m and m.start() > s:
        e = m.start()
    hits = [x for x in ents if x.start < e and x.end > s]
    if not hits:
        review.votes[_NONE] += weight  # type: ignore[assignment]  # float weights
        return
    for x in hits:
        poss = _POSSESSIVE.search(x.text)
        x_end = x.end - len(poss.group(0)) if poss else x.end
        kind = kind_of_label(x.label) or _OTHER
        if x.start <= s and x_end >= e:  # the entity is the occurrence (or contains it)
            review.votes[kind] += weight if (x.start, x_end) == (s, e) else weight / 2  # type: ignore[assignment]  # float weights
            return
    inside = [
        x for x in hits if x.start >= s and x.end <= e and kind_of_label(x.label) and not _descriptor_only(x.text)
    ]
    rest = text[s:e]
    for x in sorted(inside, key=lambda x: -x.start):
        rest = rest[: x.start - s] + " " + rest[x.end - s :]
    if (
        composite
        and inside
        and not review.pieces
        and (_descriptor_only(rest) or _lead_descriptor(text, occ, rest, inside))
    ):
        review.pieces = tuple(_POSSESSIVE.sub("", x.text) for x in inside)
        review.piece_kinds = tuple(kind_of_label(x.label) or _OTHER for x in inside)
    for x in hits:
        review.votes[kind_of_label(x.label) or _OTHER] += weight / 2  # type: ignore[assignment]  # float weights


def review_candidates(
    text: str,
    parses: SentenceParses,
    occurrences: Mapping[str, Sequence[Occurrence]],
    forms: Sequence[str],
    composite: set[str],
) -> dict[str, Review]:
    """NER evidence for ``forms`` from a few parsed sentences (see module docstring).

    Every occurrence of every candidate in ``occurrences`` that lies in a parsed sentence adds
    evidence, so forms that were not asked for may get a review too.
    """
    chosen = _pick_sentences(occurrences, forms, composite & set(forms), set(parses.parsed(entities=True)))
    parses.parse(chosen, entities=True, deps=False)  # NER only: no dependency parse is read here
    done = set(parses.parsed(entities=True))
    reviews: dict[str, Review] = {}
    ents_of: dict[tuple[int, int], list[Entity]] = {}
    for form, occs in occurrences.items():
        for occ in occs:
            sp = (occ[2], occ[3])
            if sp not in done:
                continue
            if sp not in ents_of:
                ents_of[sp] = parses.entities(*sp)
            review = reviews.setdefault(form, Review())
            _vote(text, occ, ents_of[sp], review, 1.0 if occ[4] else 0.75, form in composite)
    return reviews
