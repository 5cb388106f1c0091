"""Target discovery: capitalisation finds and counts candidates, named entities decide.

Candidates are runs of capitalised tokens. Titles (``Secretary General``), demonyms
(``Romanian``) and function words (``While``, ``The``, ``Monday``) split a run and are never
targets. A candidate seen only at the start of a sentence (or in a title-case headline) is
kept only if it also occurs elsewhere, is a multi-word name that recurs, or a word list gives it a
kind (``Republicans`` twice, ``Halden Pharma on Monday named ...``); a sentence-initial short form
of a kept name (``Tran``, ``Keisha``, ``Northvale``) is kept only as that name's alias. Aliases are
grouped conservatively: a person's full name and surname, acronym spellings
(``U.S.``/``US``/``United States``), and descriptions the text itself supports
(``NATO Secretary General Jens Stoltenberg`` + ``the NATO chief``, or an apposition
``Jens Stoltenberg, the NATO chief,``). Party labels are descriptors (``Democrat Elena Ruiz``
is Elena Ruiz; ``Republican`` alone is no target; the plural ``Republicans`` is a group), and a
company suffix is dropped for an alias (``Vortex Inc.`` -> ``Vortex``). A surname joins a full
name only when no other name in the text ends with it, a lone first name (``Laura``) only when no
other name starts or ends with it and it is no place or organisation: two people never share an
alias group. An organisation's unique last word (``Millbrook Rovers`` + ``Rovers``), its head word
(``Church of Scientology`` + ``the Church``), its name without a leading place (``US State
Department`` + ``State Department``) and a name without a generic last word (a company's sector,
``University``, ``Airport``, ``River``: ``Northvale Energy`` + ``Northvale``, ``the Kell``) join it.
Names with a connector inside (``Marsh & Barrow``, ``Centers for Disease Control and Prevention``,
and any whose acronym the text uses: ``Food and Drug Administration`` + ``FDA``) and demonym-led
organisations (``(The) American Civil Liberties Union``, whose acronym then joins by initials) stay
whole (:mod:`framing.targets.joins`). Word lists give the kind of names ending in a sector word
(organisation) or a facility or landform (``Elm Street Bridge``, ``Red Pine Wilderness``: place).
Targets are ranked by mention count.

With spaCy parses (``parses=``), the top candidates are reviewed by NER on a few sentences each
(:mod:`framing.targets.ner`): a candidate NER never sees as a person, organisation, place or group
is dropped, the kind comes from the entity labels (lexicon-certain names such as countries and
``... Party`` or ``... Airlines`` keep their lexicon kind), and a composite run is cut to the entities
inside it. NER also decides, on sentences already parsed plus a few more, what rules cannot: a
name seen only at sentence starts (``Linh Tran, 64, said ...``, ``Labour whips ...`` twice; its
sentence-initial surname and first name then join it), the names inside a sentence-initial run
whose first word is capitalised only because it starts the sentence (``Prosecutor Sandra Mbeki
said``, ``Kavita Rao of Brightwater Capital said``), and a connector name NER sees as one
organisation (``Marks and Spencer``). NER votes on a lone word seen only at sentence starts, where
it is weakest, neither veto a first name's join nor set a group's kind. Without parses the rules
alone decide.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections import Counter
from collections.abc import Callable, Collection, Sequence
from dataclasses import dataclass, field

from framing.errors import InputTypeError
from framing.segment.lexicon import (
    DEMONYMS,
    NAME_PARTICLES,
    ORG_NAMES,
    ORG_WORDS,
    PLACES,
    STOP_CAPS,
    TITLE_WORDS,
)
from framing.segment.nlp import SentenceParses
from framing.segment.sentences import split_sentences
from framing.targets.entities import (
    COMPANY_SUFFIXES,
    PARTY_GROUPS,
    PARTY_LABELS,
    PLACE_ENDS,
    drop_generic_end,
    strip_company_suffix,
)
from framing.targets.joins import ORG_END, ORG_HEADS, connected_pairs, join_connected, keeps_demonym
from framing.targets.mentions import GEO_WORDS, INVISIBLE, Target, find_mentions, guess_kind, is_person_like
from framing.targets.ner import Occurrence, Review, review_candidates

__all__ = ["discover_targets", "resolve_targets"]

logger = logging.getLogger(__name__)

_W = rf"[\w’'{INVISIBLE}]"
_TOKEN = rf"(?:(?:[A-Z]\.){{2,}}|[A-Z]\.(?=\s+[A-Z])|[A-Z]{_W}*(?:-[A-Z]{_W}*)*)"
_DROP_INVISIBLE = {ord(c): None for c in INVISIBLE}
_JOIN = r"(?:\s+(?:of|" + "|".join(sorted(NAME_PARTICLES)) + r")\s+|[ \t]+)"
_RUN = re.compile(rf"(?<![\w’'\-.{INVISIBLE}]){_TOKEN}(?:{_JOIN}{_TOKEN})*")
_TOKEN_RE = re.compile(_TOKEN)
_POSSESSIVE = re.compile(r"[’']s?$")
_DIRECTIONS = frozenset("eastern western northern southern central".split())
_HEADS = "chief|head|leader|boss|secretary-general|secretary general|spokesman|spokeswoman|spokesperson"
_ACRONYMS: dict[str, tuple[str, ...]] = {
    "US": ("US", "U.S.", "USA", "U.S.A.", "United States"),
    "UK": ("UK", "U.K.", "United Kingdom", "Britain"),
    "EU": ("EU", "E.U.", "European Union"),
    "UN": ("UN", "U.N.", "United Nations"),
    "NATO": ("NATO", "Nato", "North Atlantic Treaty Organization"),
}
_ACRONYM_OF = {form: key for key, forms in _ACRONYMS.items() for form in forms}
_DESC = r"(?i:the\s+(?:[\w’'\-]+\s+){0,3}?(?:" + _HEADS + r"|[a-z]+(?:man|woman|person|ster|ist|or|er|ent|ary)))"
_APPOS_AFTER = re.compile(rf",\s+({_DESC}),")
_APPOS_BEFORE = re.compile(rf"(?<!\w)({_DESC}),\s+$")
_COMPOSITE = re.compile(r"[’']s\s|\sof\s|^(?:Pro|Anti)-")
_OPENERS = "\"“‘'([«—–- "


@dataclass
class _Candidate:
    form: str
    first: int
    clear: int = 0  # occurrences not at a sentence start
    total: int = 0
    titled: bool = False  # preceded by a title word somewhere
    described: set[str] = field(default_factory=set)  # "the NATO chief"-style aliases
    occ: list[Occurrence] = field(default_factory=list)
    join_only: bool = False  # accepted only as a short form of an accepted name: no target of its own
    after_the: bool = False  # seen after a lowercase "the" ("the Kell had risen"): not a person's name
    in_headline: int = 0  # occurrences in a title-case headline


def _acronym_key(form: str) -> str | None:
    return _ACRONYM_OF.get(form) or _ACRONYM_OF.get(form.replace(".", ""))


_INITIALS_SKIP = frozenset("of and for the on in at to &".split())
_NOT_TARGET = ("none", "other")


def _is_acronym_form(form: str) -> bool:
    bare = form.replace(".", "")
    return " " not in form and 2 <= len(bare) <= 6 and bare.isalpha() and bare.isupper()


def _initials(form: str) -> str:
    """``"World Trade Organization"`` -> ``"WTO"``; function words are skipped."""
    words = [w for w in form.split() if w.lower() not in _INITIALS_SKIP]
    return "".join(w[0] for w in words) if len(words) >= 2 and all(w[:1].isupper() for w in words) else ""


def _is_title_case(text: str, start: int, end: int) -> bool:
    """A headline-like sentence: no final punctuation and most long words capitalised."""
    s = text[start:end].rstrip()
    if not s or s[-1] in '.!?"”’:;':
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", s) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _low(tok: str) -> str:
    return tok.lower().rstrip(".")


def _party_descriptor(text: str, toks: Sequence[tuple[int, int]], i: int) -> bool:
    """A party label used as an adjective or title ("Democrat Elena Ruiz", "Republican"), not a
    party's own name ("Democratic Party", "Republican National Committee")."""
    if _low(text[slice(*toks[i])]) not in PARTY_LABELS:
        return False
    nxt = [_low(text[slice(*t)]) for t in toks[i + 1 : i + 3]]
    return not any(n in ORG_WORDS or n == "national" for n in nxt)


_Piece = tuple[int, int, str | None, str | None]  # start, end, prefix (a demonym or name), title


def _split_run(text: str, start: int, end: int) -> list[_Piece]:
    """Pieces ``(start, end, prefix, title)`` of a capitalised run, split at titles and stop words."""
    toks = [(m.start() + start, m.end() + start) for m in _TOKEN_RE.finditer(text[start:end])]
    lead = next((i for i, (s, e) in enumerate(toks) if _low(text[s:e]) not in STOP_CAPS), len(toks))
    if keeps_demonym([text[s:e] for s, e in toks[lead:]]):  # "(The) American Civil Liberties Union"
        return [(toks[lead][0], toks[-1][1], None, None)]
    pieces: list[tuple[int, int, str | None, str | None]] = []
    cur: list[tuple[int, int]] = []
    prefix: str | None = None
    title: list[str] = []
    last_piece: str | None = None

    def flush() -> None:
        nonlocal cur, prefix, title, last_piece
        if cur:
            pieces.append((cur[0][0], cur[-1][1], prefix, " ".join(title) or None))
            last_piece = text[cur[0][0] : cur[-1][1]]
        else:
            last_piece = None
        cur, prefix, title = [], None, []

    for i, (s, e) in enumerate(toks):
        low = _low(text[s:e])
        if low in _DIRECTIONS and i + 1 < len(toks) and not cur:
            cur.append((s, e))
        elif low in TITLE_WORDS:
            if cur:
                flush()
                prefix = last_piece
            title.append(text[s:e])
        elif low in STOP_CAPS or low in DEMONYMS or _party_descriptor(text, toks, i):
            flush()
            prefix = text[s:e] if low in DEMONYMS else None
        else:
            cur.append((s, e))
    flush()
    return pieces


def _bounds(sent: object) -> tuple[int, int]:
    """``(start, end)`` of a sentence given as a tuple or an object with ``start``/``end``."""
    if hasattr(sent, "start") and hasattr(sent, "end") and not isinstance(sent, (tuple, list)):
        return int(sent.start), int(sent.end)
    return int(sent[0]), int(sent[1])  # type: ignore[index]


def _add(
    cands: dict[str, _Candidate], text: str, piece: _Piece, sent: tuple[int, int], clear: bool, headline: bool = False
) -> None:
    """Count one occurrence of a run piece (``clear``: not at a sentence start nor in a headline)."""
    ps, pe, prefix, title = piece
    form = " ".join(_POSSESSIVE.sub("", text[ps:pe]).translate(_DROP_INVISIBLE).split())
    if form.endswith(".") and not re.search(r"(?:[A-Z]\.){2,}$", form):
        form = form[:-1]
    if len(form.replace(".", "")) < 2 or _low(form) in STOP_CAPS:
        return
    c = cands.setdefault(form, _Candidate(form, ps))
    c.total += 1
    c.occ.append((ps, pe, sent[0], sent[1], clear))
    c.clear += clear
    c.after_the = c.after_the or text[max(0, ps - 4) : ps] == "the "
    c.in_headline += headline
    if title:
        c.titled = True
        if prefix:
            for head in (_HEADS + "|" + re.escape(title.lower())).split("|"):
                c.described.add(f"the {prefix} {head}")


def _pieces(text: str, ss: int, se: int) -> list[_Piece]:
    """The run pieces of sentence ``text[ss:se]``, in text order."""
    return [p for run in _RUN.finditer(text, ss, se) for p in _split_run(text, run.start(), run.end())]


_Split = list[tuple[int, int, list[_Piece]]]  # sentence start, end, its run pieces


def _split(text: str, sentences: Sequence[object]) -> _Split:
    """Each sentence's bounds with its run pieces (computed once per text)."""
    return [(ss, se, _pieces(text, ss, se)) for ss, se in map(_bounds, sentences)]


def _candidates(text: str, split: _Split, confirmed: Collection[str] = ()) -> dict[str, _Candidate]:
    """Capitalised-run candidates with their occurrences, sentence by sentence (``confirmed``:
    connector names the text or NER joined, see :func:`_acronym_joins`, :func:`_ner_joins`)."""
    cands: dict[str, _Candidate] = {}
    for ss, se, pieces in split:
        headline = _is_title_case(text, ss, se)
        lead = ss
        while lead < se and text[lead] in _OPENERS:
            lead += 1
        for piece in join_connected(text, pieces, confirmed):
            _add(cands, text, piece, (ss, se), not headline and piece[0] != lead, headline)
    return cands


def _connector_pairs(text: str, split: _Split) -> dict[str, list[tuple[int, int, int, int]]]:
    """Adjacent pieces with a connector between them that the shape does not join ("Marks and
    Spencer", "Food and Drug Administration"): form -> (start, end, sentence start, sentence end)."""
    pairs: dict[str, list[tuple[int, int, int, int]]] = {}
    for ss, se, pieces in split:
        for s, e in connected_pairs(text, pieces):
            bare = _POSSESSIVE.sub("", text[s:e])
            pairs.setdefault(" ".join(bare.split()), []).append((s, s + len(bare), ss, se))
    return pairs


def _acronym_joins(pairs: Collection[str], cands: dict[str, _Candidate]) -> set[str]:
    """Connector names whose initials are an acronym in the text ("Food and Drug Administration" and
    "FDA"): the text itself says they are one name."""
    acronyms = {f.replace(".", "") for f in cands if _is_acronym_form(f)}
    return {form for form in pairs if _initials(form) in acronyms} if acronyms else set()


def _ner_joins(
    text: str, pairs: dict[str, list[tuple[int, int, int, int]]], parses: SentenceParses, budget: int
) -> set[str]:
    """Connector names ("Marks and Spencer") that NER sees as one organisation: checked in sentences
    already parsed, and in up to ``budget`` more for names that recur."""
    done = set(parses.parsed(entities=True))
    extra = [occ[0] for occ in pairs.values() if len(occ) >= 2 and not any(o[2:] in done for o in occ)]
    parses.parse([o[2:] for o in extra[: max(0, budget)]], entities=True, deps=False)
    done = set(parses.parsed(entities=True))
    out: set[str] = set()
    for form, occs in pairs.items():
        seen = [o for o in occs if o[2:] in done]
        ents = [
            {(x.start + 4 * x.text.lower().startswith("the "), x.end, x.label) for x in parses.entities(*o[2:])}
            for o in seen
        ]
        if seen and all((o[0], o[1], "ORG") in es for o, es in zip(seen, ents, strict=True)):
            out.add(form)
    return out


def _appositions(text: str, name: str) -> set[str]:
    """``Name, the NATO chief,`` / ``the NATO chief, Name,``: descriptions of up to four words."""
    out: set[str] = set()
    for s, e in _occurrences(text, name):
        for m in (_APPOS_AFTER.match(text, e), _APPOS_BEFORE.search(text, max(0, s - 80), s)):
            if m:
                desc = " ".join(m.group(1).split())
                out.add("the" + desc[3:])
    return out


def _occurrences(text: str, phrase: str, ignore_case: bool = False) -> list[tuple[int, int]]:
    """Whole-word occurrences of ``phrase`` (plain substring search, then a boundary check)."""
    hay, needle = (text.lower(), phrase.lower()) if ignore_case else (text, phrase)
    out: list[tuple[int, int]] = []
    i = hay.find(needle)
    while i >= 0 and needle:
        j = i + len(needle)
        if (i == 0 or not hay[i - 1].isalnum()) and (j >= len(hay) or not hay[j].isalnum()):
            out.append((i, j))
        i = hay.find(needle, i + 1)
    return out


def _lexicon_kind(form: str) -> str | None:
    """The kind a word list makes certain: known acronyms and places, ``... Party``, party groups."""
    key = _acronym_key(form)
    if key is not None:
        return "place" if key in ("US", "UK") else "organisation"
    low = form.lower()
    toks = [t.rstrip(".") for t in low.split()]
    if low in PARTY_GROUPS:
        return "group"
    if low in ORG_NAMES:
        return "organisation"
    if low in PLACES or (len(toks) > 1 and (toks[-1] in GEO_WORDS or toks[-1] in PLACE_ENDS)):
        return "place"
    if len(toks) > 1 and (set(toks) & ORG_WORDS or toks[-1] in ORG_END):
        return "organisation"
    return None


_CAPS = r"[A-Z][\w’'&.\-]*(?:\s+(?:of\s+|for\s+|and\s+|&\s+)?[A-Z][\w’'&.\-]*)*"
_SPEAKS_AS_ORG = re.compile(
    rf"(?<![\w-])({_CAPS})(?:[’']s)?\s+(?:said|says|announced|confirmed)\s+in\s+an?\s+(?:statement|press\s+release"
    rf"|news\s+release)|(?<!\w)an?\s+({_CAPS})\s+spokes(?:man|woman|person)\b"
)


def _org_speakers(text: str) -> set[str]:
    """Names that speak as organisations do in ``text`` ("X said in a statement", "a X spokesman"),
    each with its shorter tails ("Velora" from "Shares Velora")."""
    out: set[str] = set()
    for m in _SPEAKS_AS_ORG.finditer(text):
        words = (m.group(1) or m.group(2)).split()
        out.update(" ".join(words[i:]) for i in range(len(words)))
    return out


def _short_forms(accepted: Collection[str]) -> set[str]:
    """Forms that later mentions of accepted multi-word names take: a person's surname and first
    name (or, in surname-first names, the surname: "Zhou Hua" ... "Zhou did not say"), and a name
    without its generic last word ("Northvale Energy" ... "Northvale said")."""
    out: set[str] = set()
    for form in accepted:
        if " " not in form:
            continue
        if is_person_like(form):
            out.update((form.split()[0], form.split()[-1]))
        bare = drop_generic_end(form)
        if bare is not None:
            out.add(bare)
    return out


def _accept(cands: dict[str, _Candidate]) -> dict[str, _Candidate]:
    """Candidates seen outside a sentence start, multi-word ones that recur, single words that recur
    only at sentence starts but that a word list names ("Republicans", "Britain"), and, as aliases
    only (``join_only``), sentence-initial short forms of accepted names ("Park called ...")."""
    accepted = {f: c for f, c in cands.items() if c.clear > 0 or _named_at_starts(f, c)}
    _add_short_forms(cands, accepted, accepted)
    return accepted


def _named_at_starts(form: str, c: _Candidate) -> bool:
    """A name seen only at sentence starts that is still a name: multi-word and seen twice, or a word
    list gives it a kind (a word seen twice: "Republicans"; a multi-word organisation or place:
    "Halden Pharma on Monday named ...")."""
    if c.total >= 2 and " " in form:
        return True
    if c.total == c.in_headline or _COMPOSITE.search(form):
        return False
    lex = _lexicon_kind(form)
    return lex is not None and (c.total >= 2 or (" " in form and lex in ("organisation", "place")))


def _add_short_forms(cands: dict[str, _Candidate], accepted: dict[str, _Candidate], names: Collection[str]) -> None:
    """Accept, as aliases only, the candidates that are short forms of ``names``."""
    for form in _short_forms(names):
        if form in cands and form not in accepted:
            cands[form].join_only = True
            accepted[form] = cands[form]


def _initial_only(text: str, cands: dict[str, _Candidate], accepted: dict[str, _Candidate]) -> list[str]:
    """Candidates the rules left out because every occurrence starts a sentence (not a headline):
    multi-word names ("Linh Tran, 64, said ...") and words seen twice ("Labour whips ..."); in text
    order."""
    out = [f for f, c in cands.items() if f not in accepted and (" " in f or c.total >= 2) and not c.in_headline]
    return sorted(out, key=lambda f: cands[f].first)


def _review_initial(
    text: str, parses: SentenceParses, cands: dict[str, _Candidate], pending: list[str], budget: int
) -> dict[str, Review]:
    """NER reviews of sentence-initial ``pending`` forms: those in sentences already parsed (free),
    and up to ``budget`` more that recur: a word seen twice, or a name sharing a word with another
    candidate ("Linh Tran" ... "Tran"). Every form may be cut into the entities inside it (a
    sentence-initial run glues a descriptor to a name: "Prosecutor Sandra Mbeki", "Kavita Rao of
    Brightwater Capital")."""
    done = set(parses.parsed(entities=True))
    free = [f for f in pending if any((o[2], o[3]) in done for o in cands[f].occ)]
    words = {w for f in cands for w in f.split() if len(w) > 2} - _INITIALS_SKIP
    shared: Counter[str] = Counter(w for f in cands for w in set(f.split()))

    def recurs(f: str) -> bool:
        return " " not in f or any(shared[w] > 1 for w in set(f.split()) & words)

    recurring = [f for f in pending if f not in free and recurs(f)]
    forms = free + recurring[: max(0, budget)]
    if not forms:
        return {}
    return review_candidates(text, parses, {f: cands[f].occ for f in forms}, forms, set(forms))


def _confirmed(review: Review) -> str | None:
    """The kind NER gives a sentence-initial form when every observation is that exact entity."""
    kinds = _kind_votes(review.votes)
    if not kinds or review.votes["none"] or review.votes["other"] or len(kinds) > 1:
        return None
    kind, weight = kinds.most_common(1)[0]
    return kind if weight >= 0.75 else None  # one exact observation (a partial one counts half)


def _accept_initial(
    text: str, parses: SentenceParses, cands: dict[str, _Candidate], accepted: dict[str, _Candidate], budget: int
) -> dict[str, Review]:
    """Add to ``accepted`` the sentence-initial names NER confirms or finds inside a sentence-initial
    run, and (as aliases) the sentence-initial short forms of the people among them ("Linh Tran, 64,
    said ... Tran is staying ..."); their reviews."""
    reviews = _review_initial(text, parses, cands, _initial_only(text, cands, accepted), budget)
    out: dict[str, Review] = {}
    for form, review in reviews.items():
        kind = _confirmed(review)
        if kind is not None:
            accepted[form] = cands[form]
            cands[form].join_only = False
            out[form] = review
            continue
        if not review.pieces:
            continue
        for piece, piece_kind in zip(review.pieces, review.piece_kinds, strict=True):
            if piece_kind in _NOT_TARGET or len(piece.replace(".", "")) < 2:
                continue
            c = cands.setdefault(piece, _Candidate(piece, cands[form].first))
            c.first, c.total, c.join_only = min(c.first, cands[form].first), c.total + 1, False
            accepted[piece] = c
            out.setdefault(piece, Review()).votes[piece_kind] += 1.0  # type: ignore[assignment]  # float weights
    people = [f for f, r in out.items() if " " in f and _confirmed(r) == "person"]
    _add_short_forms(cands, accepted, people)
    return out


def _may_reach(text: str, cands: dict[str, _Candidate], min_mentions: int) -> Callable[[str], bool]:
    """Whether a form's target may still reach ``min_mentions`` mentions (an upper bound): its own
    occurrences plus those of every candidate sharing a word with it (a full name and its surname, an
    organisation and its short form, pieces of a composite), unless an acronym, a description or an
    apposition may add aliases. A form that cannot is not worth a NER review: :func:`_rank` drops it."""
    if min_mentions <= 1:
        return lambda form: True
    per_word: Counter[str] = Counter()
    for f, c in cands.items():
        for w in set(f.split()):
            per_word[w] += c.total
    initials = {i for i in map(_initials, cands) if i}
    acronyms = {f.replace(".", "") for f in cands if _is_acronym_form(f)}

    def may_reach(form: str) -> bool:
        c = cands.get(form)
        if c is None or form.replace(".", "") in initials:
            return True
        if any(_occurrences(text, d, ignore_case=True) for d in c.described):
            return True
        if _initials(form) in acronyms:
            return True
        if c.total + sum(per_word[w] - c.total for w in set(form.split())) >= min_mentions:
            return True
        return bool(_appositions(text, form))

    return may_reach


def _review(
    text: str,
    parses: SentenceParses,
    accepted: dict[str, _Candidate],
    limit: int,
    focus: set[str] | None,
    may_reach: Callable[[str], bool] = lambda form: True,
) -> dict[str, Review]:
    """NER reviews of the ``limit`` most frequent accepted forms whose kind no word list settles
    (surnames of a full name ride on that name) and whose target may reach the mentions it needs
    (``may_reach``); ``focus``: only forms sharing a word with these."""
    surnames = {f.split()[-1] for f in accepted if " " in f and is_person_like(f)}
    ranked = sorted(accepted, key=lambda f: (-accepted[f].total, accepted[f].first))
    forms = [
        f
        for f in ranked
        if (_lexicon_kind(f) is None or _COMPOSITE.search(f))
        and f not in surnames
        and not accepted[f].join_only
        and may_reach(f)
    ]
    if focus is not None:
        forms = [f for f in forms if focus & set(f.lower().split())]
    forms = forms[: max(0, limit)]
    composite = {f for f in forms if _COMPOSITE.search(f)}
    return review_candidates(text, parses, {f: c.occ for f, c in accepted.items()}, forms, composite)


def _apply_pieces(
    accepted: dict[str, _Candidate], reviews: dict[str, Review], cands: dict[str, _Candidate]
) -> dict[str, _Candidate]:
    """Replace each composite form NER cut into entities by those entities (a piece that was no
    candidate of its own, "Bas-Uele" of "Congo's Bas-Uele", becomes one, as grouping expects)."""
    out = dict(accepted)
    for form, review in list(reviews.items()):
        if not review.pieces or form not in out:
            continue
        old = out.pop(form)
        for piece, kind in zip(review.pieces, review.piece_kinds, strict=True):
            c = out.setdefault(piece, _Candidate(piece, old.first))
            cands.setdefault(piece, c)
            c.first, c.clear, c.total = min(c.first, old.first), c.clear + old.clear, c.total + old.total
            reviews.setdefault(piece, Review()).votes[kind] += 1.0  # type: ignore[assignment]  # float weights
    return out


def _is_person(form: str, reviews: dict[str, Review]) -> bool:
    """A person by NER (when reviewed) or by the shape of the name (when not)."""
    r = reviews.get(form)
    if r is not None and r.is_entity:
        return max(_kind_votes(r.votes), key=_kind_votes(r.votes).__getitem__) == "person"
    return is_person_like(form) and _lexicon_kind(form) is None


def _same_person(a: str, b: str) -> bool:
    """Two forms of one surname that may name the same person: the same first name, or a first
    initial that fits ("John Smith", "John A. Smith", "J. Smith"), or one name ending with the other (a
    descriptor glued to it: "Scientologist Tom Cruise"); "Keisha Dwyer" is not "Marcus Dwyer"."""
    ta, tb = a.split(), b.split()
    short, long_ = sorted((ta, tb), key=len)
    if len(short) >= 2 and long_[-len(short) :] == short:
        return True
    fa, fb = ta[0].rstrip("."), tb[0].rstrip(".")
    return fa == fb or (min(len(fa), len(fb)) == 1 and fa[0] == fb[0])


def _kind_votes(votes: Counter[str]) -> Counter[str]:
    return Counter({k: v for k, v in votes.items() if k not in ("none", "other")})


def _innermost(owners: Sequence[str], first: bool) -> list[str]:
    """Owners that are one name: the shortest when every other one extends it (a glued descriptor,
    "Olympian Dara Kell" / "Dara Kell"; a trailing word, "Ahmed Mohamed Image" / "Ahmed Mohamed")."""
    if len(owners) <= 1:
        return list(owners)
    core = min(owners, key=lambda g: len(g.split()))
    n = len(core.split())
    fits = all((g.split()[:n] if first else g.split()[-n:]) == core.split() for g in owners)
    return [core] if fits else list(owners)


def _surname_owner(form: str, groups: dict[str, list[str]], named: list[str], reviews: dict[str, Review]) -> str | None:
    """The one person group whose surname ``form`` is, when no other name in the text (``named``)
    ends with it: another person ("Keisha Dwyer"), or an organisation ("Ashford Rovers")."""
    owners = _innermost([g for g in groups if g.split()[-1] == form and _is_person(g, reviews)], first=False)
    if len(owners) != 1:
        return None
    core = owners[0].split()
    for other in (f for f in named if f.split()[-1] == form):
        same = _same_person(owners[0], other) if _is_person(other, reviews) else other.split()[-len(core) :] == core
        if not same:
            return None
    return owners[0]


def _first_name_owner(
    form: str, groups: dict[str, list[str]], cands: dict[str, _Candidate], reviews: dict[str, Review]
) -> str | None:
    """The one person group whose first name ``form`` is ("Laura" for "Laura Ortiz"): no other
    candidate name starts or ends with it, and neither a word list nor NER makes it a place or org."""
    if _lexicon_kind(form) is not None or _is_acronym_form(form):
        return None
    # NER is weakest on a lone word at a sentence start ("Keisha said ..."): its votes there do not veto
    if not cands[form].join_only and not _singly_person(form, reviews):
        return None
    owners = _innermost([g for g in groups if g.split()[0] == form and _is_person(g, reviews)], first=True)
    if len(owners) != 1 or len(owners[0].split()) < 2:
        return None
    others = [f for f in cands if " " in f and form in (f.split()[0], f.split()[-1])]
    core = owners[0].split()
    if not all(f.split()[: len(core)] == core or core[: len(f.split())] == f.split() for f in others):
        return None
    return owners[0]


def _singly_person(form: str, reviews: dict[str, Review]) -> bool:
    """Not seen by NER as anything but a person (unreviewed forms pass)."""
    r = reviews.get(form)
    if r is None or not r.observed:
        return True
    kinds = _kind_votes(r.votes)
    return r.is_entity and max(kinds, key=kinds.__getitem__) == "person"


def _short_form_owner(
    form: str, groups: dict[str, list[str]], cands: dict[str, _Candidate], reviews: dict[str, Review]
) -> str | None:
    """The one organisation whose last word ``form`` is ("Rovers" for "Millbrook Rovers"), when no
    other candidate name ends with it and the word is no generic organisation word or place."""
    low = form.lower()
    if low in ORG_WORDS or low in COMPANY_SUFFIXES or _lexicon_kind(form) is not None or _is_acronym_form(form):
        return None
    r = reviews.get(form)
    if r is not None and r.is_entity and not _org_majority(r):
        return None
    owners = [g for g in groups if g.split()[-1] == form and " of " not in g and _is_org(g, reviews)]
    if len(owners) != 1:
        return None
    n = len(owners[0].split())
    others = [f for f in cands if f.split()[-1] == form and f.split()[-n:] != owners[0].split() and " " in f]
    return None if others else owners[0]


def _head_owner(
    form: str, groups: dict[str, list[str]], cands: dict[str, _Candidate], reviews: dict[str, Review]
) -> str | None:
    """The one "X of Y" organisation that ``form`` is the X of ("the Church" for "Church of Scientology",
    "Comic Corps" for "Comic Corps of Canada"), when no other candidate name starts or ends with it."""
    if " " not in form and form.lower() not in ORG_HEADS or _is_person(form, reviews):
        return None
    owners = [g for g in groups if g.startswith(form + " of ") and _is_org(g, reviews)]
    if len(owners) != 1:
        return None
    words = form.split()
    others = [
        f
        for f in cands
        if f != form and not owners[0].startswith(f) and words in (f.split()[: len(words)], f.split()[-len(words) :])
    ]
    return None if others else owners[0]


def _place_prefixed_owner(form: str, groups: dict[str, list[str]], reviews: dict[str, Review]) -> str | None:
    """The one organisation that is ``form`` after a place ("State Department" for "US State Department")."""
    owners = [
        g
        for g in groups
        if g.endswith(" " + form) and _lexicon_kind(g[: -len(form) - 1]) == "place" and _is_org(g, reviews)
    ]
    return owners[0] if len(owners) == 1 and not _is_person(form, reviews) else None


def _is_org(form: str, reviews: dict[str, Review]) -> bool:
    """An organisation by a word list (or an organisation head: "Church of ..."), else by NER."""
    lex = _lexicon_kind(form)
    if lex is not None:
        return lex == "organisation"
    if " of " in form and form.split()[0].lower() in ORG_HEADS:
        return True
    r = reviews.get(form)
    if r is None or not r.is_entity:
        return False
    kinds = _kind_votes(r.votes)
    return max(kinds, key=kinds.__getitem__) == "organisation"


def _org_majority(review: Review) -> bool:
    """NER saw the form as an organisation more often than as anything else."""
    kinds = _kind_votes(review.votes)
    return all(kinds["organisation"] > v for k, v in kinds.items() if k != "organisation")


def _generic_end_owner(
    form: str, groups: dict[str, list[str]], cands: dict[str, _Candidate], reviews: dict[str, Review]
) -> str | None:
    """The one name that ``form`` is without its generic last word ("Northvale" for "Northvale
    Energy", "Kell" for "Kell River"), unless a word list makes ``form`` a place, or NER sees it as a
    person (a form seen after "the" is none) or as a place while the name is none ("Boston" is not
    "Boston University")."""
    owners = [g for g in groups if drop_generic_end(g) == form]
    if len(owners) != 1 or _lexicon_kind(form) is not None:
        return None
    r = reviews.get(form)
    if r is not None and r.is_entity:
        kinds = _kind_votes(r.votes)
        own = "place" if _lexicon_kind(owners[0]) == "place" else "organisation"
        rivals = {"person", "place"} - {own} - ({"person"} if form in cands and cands[form].after_the else set())
        if any(kinds[k] > 0 and kinds[k] >= kinds[own] for k in rivals):
            return None
    return owners[0]


def _owner(
    form: str, groups: dict[str, list[str]], cands: dict[str, _Candidate], named: list[str], reviews: dict[str, Review]
) -> str | None:
    """The group ``form`` joins as an alias, or ``None`` (see :func:`_group`)."""
    key = _acronym_key(form)
    if key is not None:
        return next((g for g in groups if _acronym_key(g) == key), None)
    owners = [g for g in groups if strip_company_suffix(g) == form]
    if not owners and _is_acronym_form(form):  # "WTO" for "World Trade Organization"
        owners = [g for g in groups if _initials(g) == form.replace(".", "")]
    if owners:
        return owners[0] if len(owners) == 1 else None
    owner = _generic_end_owner(form, groups, cands, reviews)
    if owner is not None:
        return owner
    if len(form.split()) != 1:
        return _head_owner(form, groups, cands, reviews) or _place_prefixed_owner(form, groups, reviews)
    return (
        _surname_owner(form, groups, named, reviews)
        or _first_name_owner(form, groups, cands, reviews)
        or _short_form_owner(form, groups, cands, reviews)
        or _head_owner(form, groups, cands, reviews)
    )


def _group(
    accepted: dict[str, _Candidate], cands: dict[str, _Candidate], reviews: dict[str, Review]
) -> dict[str, list[str]]:
    """Alias groups, canonical (longest) form first: acronym spellings, a company and its bare name,
    a person and their surname when no other person in the text (any candidate) shares it, a person
    and their first name when no other name has it, an organisation and its unique last word."""
    # names seen mid-sentence (headline runs are too noisy to make a surname ambiguous)
    named = [f for f, c in cands.items() if " " in f and c.clear > 0]
    groups: dict[str, list[str]] = {}
    for form in sorted(accepted, key=lambda f: (-len(f.split()), accepted[f].first)):
        canon = _owner(form, groups, cands, named, reviews)
        if canon is not None:
            groups[canon].append(form)
        elif not accepted[form].join_only:
            groups[form] = [form]
    return groups


def _group_kind(
    speakers: set[str],
    canon: str,
    forms: Sequence[str],
    reviews: dict[str, Review],
    titled: bool,
    unsure: Collection[str] = (),
) -> str | None:
    """The group's kind: a word list's, else the NER majority (full names weigh double; forms in
    ``unsure``, lone words seen only at sentence starts where NER is weakest, do not vote), else the
    rules' guess; a name that speaks as organisations do (in ``speakers``: "said in a statement") and
    that NER does not make a person is an organisation. ``None``: NER saw the names as no entity."""
    lexicon = _lexicon_kind(canon)
    if lexicon is not None:
        return lexicon
    votes: Counter[str] = Counter()
    for f in forms:
        for k, v in reviews[f].votes.items() if f in reviews and f not in unsure else ():
            votes[k] += v * (2 if " " in f else 1)
    if votes:
        kinds = _kind_votes(votes)
        if not Review(votes).is_entity:
            return None
        kind = max(kinds, key=lambda k: (kinds[k], k == guess_kind(canon)))
    else:
        kind = guess_kind(canon)
        if kind == "unknown" and titled and not any(_low(t) in DEMONYMS for t in canon.split()):
            kind = "person" if canon[:1].isupper() and not canon.isupper() else kind
    if kind not in ("person", "organisation") and not is_person_like(canon) and set(forms) & speakers:
        return "organisation"
    return kind


def _build(
    text: str, groups: dict[str, list[str]], accepted: dict[str, _Candidate], reviews: dict[str, Review]
) -> list[tuple[Target, int]]:
    """Targets (with their first offset) from alias groups; groups NER rejects are dropped."""
    built: list[tuple[Target, int]] = []
    speakers = _org_speakers(text)
    for canon, forms in groups.items():
        c = accepted[canon]
        unsure = {f for f in forms if accepted[f].join_only}
        kind = _group_kind(speakers, canon, forms, reviews, c.titled, unsure)
        if kind is None:
            continue
        aliases = list(dict.fromkeys(forms))
        key = _acronym_key(canon)
        if key is not None:
            aliases += [a for a in _ACRONYMS[key] if _occurrences(text, a)]
        bare = strip_company_suffix(canon)
        if bare != canon and _occurrences(text, bare):
            aliases.append(bare)
        if kind == "person":
            described = set().union(*(accepted[f].described for f in forms))
            described |= set().union(*(_appositions(text, f) for f in forms))
            aliases += [d for d in sorted(described) if _occurrences(text, d, ignore_case=True)]
        built.append((Target(name=canon, aliases=tuple(aliases), kind=kind), c.first))
    return built


def _rank(text: str, built: list[tuple[Target, int]], max_targets: int, min_mentions: int) -> list[Target]:
    """Targets with at least ``min_mentions`` mentions, most-mentioned first. A mention inside a
    longer capitalised mention of another target does not count ("Europe" in "Eastern Europe")."""
    spans = {t.name: find_mentions(text, t) for t, _ in built}
    named_spans = sorted(
        (s, e) for t, _ in built for s, e in spans[t.name] if text[s : s + 1].isupper() and " " in text[s:e]
    )
    named_starts = [a for a, _ in named_spans]

    def inside_longer(s: int, e: int) -> bool:
        k = bisect.bisect_right(named_starts, s)
        return any(named_spans[j][1] >= e and named_spans[j] != (s, e) for j in range(max(0, k - 4), k))

    targets: list[tuple[int, int, int, Target]] = []
    for target, first in built:
        n = sum(1 for s, e in spans[target.name] if not inside_longer(s, e))
        if n >= min_mentions:
            priority = {"person": 0, "organisation": 0, "place": 1}.get(target.kind, 2)
            if target.kind == "place" and target.name.split()[-1].lower() in GEO_WORDS:
                priority = 2
            targets.append((-n, priority, first, target))
    targets.sort(key=lambda t: t[:3])
    return [t[3] for t in targets[: max(0, max_targets)]]


def discover_targets(
    text: str,
    sentences: Sequence[Sequence[int]] | Sequence[object] | None = None,
    *,
    max_targets: int = 6,
    min_mentions: int = 2,
    parses: SentenceParses | None = None,
    focus: Sequence[str] | None = None,
) -> list[Target]:
    """Find the most-mentioned people, organisations, places and groups in ``text`` (see module docstring).

    ``parses``: spaCy parses of the text's sentences (``Segmentation.parses``); ``None``: rules only.
    The ``max_targets + 2`` most frequent candidates are reviewed by NER. ``focus``: review only
    candidates sharing a (case-folded) word with these names (for caller-given targets).
    """
    if not isinstance(text, str):
        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    if not text.strip():
        return []
    if sentences is None:
        sentences = split_sentences(text)
    split = _split(text, sentences)
    cands = _candidates(text, split)
    pairs = _connector_pairs(text, split)
    confirmed = _acronym_joins(pairs, cands)
    if parses is not None and focus is None:
        confirmed |= _ner_joins(text, {f: o for f, o in pairs.items() if f not in confirmed}, parses, 2)
    if confirmed:
        cands = _candidates(text, split, confirmed)
    accepted = _accept(cands)
    reviews: dict[str, Review] = {}
    if parses is not None:
        words = None if focus is None else {w for name in focus for w in name.lower().split()}
        reach = _may_reach(text, cands, min_mentions if focus is None else 1)
        reviews = _review(text, parses, accepted, max_targets + 2, words, reach)
        accepted = _apply_pieces(accepted, reviews, cands)
        if focus is None:
            reviews.update(_accept_initial(text, parses, cands, accepted, (max_targets + 2) // 2))
    groups = _group(accepted, cands, reviews)
    out = _rank(text, _build(text, groups, accepted, reviews), max_targets, min_mentions)
    logger.debug("discovered %d targets: %s", len(out), [t.name for t in out])
    return out


def _match(user: Target, found: Sequence[Target]) -> Target | None:
    """The one discovered target that is clearly ``user``: a shared alias, else a name containing
    (or contained in) the user's name as whole words. Ambiguous matches give ``None``."""
    mine = {a.lower() for a in user.aliases}
    exact = [f for f in found if mine & {a.lower() for a in f.aliases}]
    if exact:
        return exact[0] if len(exact) == 1 else None

    def contains(a: str, b: str) -> bool:
        return len(b) > 2 and re.search(rf"(?<!\w){re.escape(b)}(?!\w)", a) is not None

    partial = [
        f
        for f in found
        if any(
            contains(m, t) or contains(t, m) for m in mine for t in (x.lower() for x in f.aliases if x[:1].isupper())
        )
    ]
    return partial[0] if len(partial) == 1 else None


def resolve_targets(text: str, targets: Sequence[str | Target] | None, **kw: object) -> list[Target]:
    """Targets for ``text``: discovered when ``targets`` is ``None``, else the given ones.

    Strings become :meth:`Target.from_name` and gain the aliases (and kind) of a discovered target
    that clearly is the same entity (``"Stoltenberg"`` + ``"Jens Stoltenberg"`` in the text). A
    string target keeps the name exactly as given (``"  Bennett  "`` stays the profile's key) while
    matching uses its whitespace-normalised, case-folded form; case variants of one name
    (``"Bennett"``, ``"bennett"``) are one target, named as first given. ``Target`` objects are
    used as given. ``kw`` goes to :func:`discover_targets`.
    """
    if not isinstance(text, str):
        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    if targets is None:
        return discover_targets(text, **kw)  # type: ignore[arg-type]
    if isinstance(targets, (str, Target)):
        targets = [targets]
    found: list[Target] | None = None
    out: dict[str, Target] = {}
    for item in targets:
        if isinstance(item, Target):
            out.setdefault(item.name, item)
            continue
        if not isinstance(item, str):
            raise InputTypeError(f"target must be str or Target, got {type(item).__name__}")
        user = Target.from_name(item)
        key = user.name.casefold()
        if key in out:
            continue
        if found is None:
            found = discover_targets(
                text,
                kw.get("sentences"),  # type: ignore[arg-type]
                max_targets=1000,
                min_mentions=1,
                parses=kw.get("parses"),  # type: ignore[arg-type]
                focus=[t if isinstance(t, str) else t.name for t in targets],
            )
        match = _match(user, found)
        aliases, kind = user.aliases, user.kind
        if match is not None:
            aliases += match.aliases
            kind = match.kind if match.kind != "unknown" else kind
        out[key] = Target(name=item, aliases=aliases, kind=kind)
    return list(out.values())


def shared_targets(texts: Sequence[str], *, max_targets: int = 6, min_articles: int = 2) -> list[str]:
    """Names of targets that at least ``min_articles`` of ``texts`` mention, most-mentioned first.

    For comparing outlets: each text's candidates (one mention suffices) are counted in every text by
    their aliases ("Jens Stoltenberg" found in one text also counts "Stoltenberg" in another).
    """
    candidates: dict[str, Target] = {}
    for text in texts:
        for t in discover_targets(text, max_targets=50, min_mentions=1):
            candidates.setdefault(t.name, t)
    scored: list[tuple[int, int, str]] = []
    for name, target in candidates.items():
        counts = [len(find_mentions(text, target)) for text in texts]
        n_articles = sum(1 for c in counts if c)
        if n_articles >= min_articles:
            scored.append((n_articles, sum(counts), name))
    scored.sort(key=lambda x: (-x[0], -x[1], x[2]))
    names: list[str] = []
    for _, _, name in scored:  # drop a name that is an alias of a better-ranked one
        if not any(name in candidates[kept].aliases or kept in candidates[name].aliases for kept in names):
            names.append(name)
    return names[:max_targets]
