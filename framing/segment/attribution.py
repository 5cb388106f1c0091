"""Speaker attribution with the dependency parse (spaCy), for quotes and indirect claims.

Only the sentences that need it are parsed (:func:`sentences_to_parse`): those overlapping a quote
or holding a reporting verb or "according to" in author text, plus, on demand, up to three
sentences before a quote whose speaker is a pronoun.

For a quote, the *governing verb* is found first, in this order:

1. walking up the parse from the quote's words, the first verb outside quotes that has a subject
   and takes the quote inside its complement (``ccomp``, ``xcomp``, ``dobj``, ``advcl``, ``oprd``,
   ``parataxis``, or ``as "…"``); any verb can attribute, the parse is the guard;
2. "according to X" in the sentence;
3. a verb next to the quote in author text (``“…,” Smith said`` / ``Smith said: “…”``).

Its subject (``nsubj``; the ``by`` agent of a passive; a subject inherited from the verb a
participle or conjunct hangs on: ``Trump attacked Clinton, saying “…”``) is expanded to the
source: an appositive person's name over a title noun (``The mayor, Ahmed Karimi,`` → Ahmed
Karimi), the person entity (titles trimmed), or a description (``Smith's aide``, ``the Ruiz
campaign``, ``an official``). ``he``/``she``/``they`` resolve to the most recent person who is the
subject (or appositive of it) of a sentence up to three back, not to the last quoted speaker;
``the minister`` resolves to the latest person introduced with that title word, else stays a
description.
"""

from __future__ import annotations

import bisect
import re
from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from framing.results import Quote
from framing.segment.lexicon import (
    DEMONYMS,
    FEMALE_NAMES,
    MALE_NAMES,
    PRONOUNS,
    REPORTING_VERBS,
    STOP_CAPS,
    TITLE_WORDS,
)
from framing.segment.quotes import UNATTRIBUTED, RawQuote, Source, _RuleAttributor, clean_name

if TYPE_CHECKING:
    from spacy.tokens import Doc, Token

    from framing.segment.nlp import SentenceParses

__all__ = ["Attributor", "parse_sources", "find_attributions", "sentences_to_parse"]

_COMPLEMENT = frozenset({"ccomp", "xcomp", "dobj", "advcl", "oprd", "parataxis"})
_SUBJECT = frozenset({"nsubj", "csubj"})
_INHERITS = frozenset({"xcomp", "advcl", "conj", "pcomp"})
# Dependencies of a clause inside another clause: a reporting verb up this chain says the inner clause.
_CLAUSAL = frozenset({"ccomp", "xcomp", "advcl", "conj", "parataxis", "pcomp", "prep"})
_RELATIVE = frozenset({"who", "that", "which"})
_RESOLVABLE = frozenset({"he", "she", "they"})
_NOT_SPEAKERS = frozenset({"it", "this", "that", "there", "which", "what", "these", "those"})
_LEFT_DEPS = frozenset({"det", "poss", "case", "compound", "amod", "nummod", "quantmod", "nmod", "punct", "advmod"})
_RIGHT_PREPS = frozenset({"of", "at", "in", "for", "from", "with"})
_ROLE_WORDS = TITLE_WORDS | frozenset(
    "nominee candidate official minister chief spokesman spokeswoman senator governor president "
    "secretary congressman congresswoman mayor ambassador adviser advisor aide manager candidate".split()
)
_WORD = re.compile(r"[A-Za-z]+")
# Verbs that report a claim in a content clause (indirect attributions), beyond the word list.
CLAIM_VERBS = REPORTING_VERBS | frozenset(
    "saying claiming arguing telling warning insisting adding noting stating explaining suggesting "
    "believe believes believed think thinks thought claims argues states reports estimates estimated "
    "indicated indicates acknowledges admits suggests".split()
)
_NAME_RUN = re.compile(r"(?:(?:[A-Z][\w’'\-]*|[A-Z][a-z]{0,3}\.)[ \t]+){0,6}[A-Z][\w’'\-]*")
_LOOKBACK = 3  # sentences searched before a pronoun


_NEAR = 60  # characters next to a settled quote whose reporting verb is its attribution


def settled(text: str, sentences: list[tuple[int, int, int]], raw: list[RawQuote]) -> list[Source | None]:
    """Rule speakers sure enough to skip the parse: a name right after the quote (``“…,” Smith said``)."""
    if not raw:
        return []
    rules = _RuleAttributor(text, sentences, raw)
    out: list[Source | None] = []
    for q in raw:
        src, adjacent = rules.source(q)
        out.append(src if adjacent and src.attribution == "named" else None)
    return out


def sentences_to_parse(
    text: str, sentences: list[tuple[int, int, int]], raw: list[RawQuote], sure: list[Source | None]
) -> list[int]:
    """Indices of the sentences attribution parses up front.

    Sentences with author words that overlap a quote the rules did not settle, and sentences with a
    reporting verb or "according to" in author text (except the verb attributing a settled quote).
    """
    starts = [s for s, _, _ in sentences]
    marks = [(q.open_mark, q.close_end) for q in raw]
    mark_starts = [a for a, _ in marks]

    def masked(pos: int) -> bool:
        k = bisect.bisect_right(mark_starts, pos) - 1
        return k >= 0 and pos < marks[k][1]

    def has_author_words(si: int) -> bool:
        s, e, _ = sentences[si]
        return any(not masked(m.start()) for m in _WORD.finditer(text, s, e))

    wanted: set[int] = set()
    ignore: list[tuple[int, int]] = []
    for q, src in zip(raw, sure, strict=True):
        if src is not None:
            ignore.append((q.close_end, q.close_end + _NEAR))
            continue
        a = max(0, bisect.bisect_right(starts, q.open_mark) - 1)
        b = max(0, bisect.bisect_right(starts, max(q.open_mark, q.close_end - 1)) - 1)
        wanted.update(si for si in {a, b} if has_author_words(si))
    for m in _WORD.finditer(text):
        low = m.group().lower()
        if (low not in CLAIM_VERBS and low != "according") or m.group() == "States" or masked(m.start()):
            continue  # ("United States" is no verb)
        if any(lo <= m.start() < hi for lo, hi in ignore):
            continue
        wanted.add(max(0, bisect.bisect_right(starts, m.start()) - 1))
    return sorted(i for i in wanted if i < len(sentences))


@dataclass(frozen=True)
class _Mention:
    """A person (or group) a later pronoun or role may refer to."""

    start: int
    end: int
    text: str
    person: bool
    roles: frozenset[str]


class Attributor:
    """Parse-based sources for one text: quotes (:meth:`quote_source`) and indirect claims."""

    def __init__(
        self,
        text: str,
        sentences: list[tuple[int, int, int]],
        raw: list[RawQuote],
        parses: SentenceParses,
        sure: list[Source | None] | None = None,
    ) -> None:
        self.text = text
        self.sentences = sentences
        self.starts = [s for s, _, _ in sentences]
        self.parses = parses
        self.marks = [(q.open_mark, q.close_end) for q in raw]
        self.mark_starts = [a for a, _ in self.marks]
        self.sure = sure if sure is not None else settled(text, sentences, raw)
        self.planned = sentences_to_parse(text, sentences, raw, self.sure)
        # most planned sentences name a source whose entity is read: parse them all, entities included,
        # in one batch (a sentence parsed later gets its entities only when they are read)
        parses.parse((sentences[i][:2] for i in self.planned), entities=True)
        self._titles: list[_Mention] | None = None
        self._genders: dict[str, str] | None = None
        self._people: frozenset[str] = frozenset()  # person_words(), from the sentences in _people_seen
        self._people_seen: set[tuple[int, int]] = set()
        self._people_full: set[str] = set()
        self._people_votes: Counter[str] = Counter()

    # -- positions ---------------------------------------------------------------------------------
    def sent_index(self, pos: int) -> int:
        """Index of the sentence holding offset ``pos``."""
        return max(0, bisect.bisect_right(self.starts, pos) - 1)

    def doc(self, si: int, entities: bool = False) -> Doc:
        """The parse of sentence ``si`` (parsed now if it was not yet); ``entities``: with its entities."""
        s, e, _ = self.sentences[si]
        return self.parses.doc(s, e, entities)

    def with_entities(self, si: int, tok: Token) -> None:
        """Run NER on the Doc ``tok`` belongs to (sentence ``si``) unless it has entities already:
        ``tok.ent_type_`` and ``tok.doc.ents`` are read only after this."""
        self.doc(si, entities=True)

    def span(self, si: int, tok: Token) -> tuple[int, int]:
        """Whole-text offsets of token ``tok`` of sentence ``si``."""
        off = self.sentences[si][0]
        return off + tok.idx, off + tok.idx + len(tok.text)

    def masked(self, si: int, tok: Token) -> bool:
        """Whether ``tok`` lies inside a quote (its marks included)."""
        s, _ = self.span(si, tok)
        k = bisect.bisect_right(self.mark_starts, s) - 1
        return k >= 0 and s < self.marks[k][1]

    # -- verbs and subjects --------------------------------------------------------------------------
    def subject(self, si: int, v: Token, depth: int = 0) -> Token | None:
        """The subject of ``v``: ``nsubj``, a passive's agent, or inherited from the verb it hangs on."""
        passive = False
        for c in v.children:
            if c.dep_ in _SUBJECT and not self.masked(si, c):
                if c.text.lower() in _RELATIVE and v.dep_ == "relcl":
                    return v.head
                if c.text.lower() in _RECORDING and v.text.endswith("ing"):  # "footage of X saying"
                    return _recorded(c) or c
                return None if c.text.lower() in _NOT_SPEAKERS else c
            if c.dep_ == "nsubjpass":
                passive = True
            if c.dep_ == "agent":
                pobj = next((g for g in c.children if g.dep_ == "pobj"), None)
                if pobj is not None and not self.masked(si, pobj):
                    return pobj
        if passive or depth >= 3 or v.head.i == v.i:
            return None
        shown = _shown_person(v)
        if shown is not None and not self.masked(si, shown):  # "footage of Clinton asking, “…”"
            return shown
        if v.dep_ == "pcomp" and v.head.dep_ == "prep" and v.head.head.i != v.head.i:
            return self.subject(si, v.head.head, depth + 1)  # "responded by saying …": who responded
        if v.dep_ in _INHERITS:
            return self.subject(si, v.head, depth + 1)
        if v.dep_ == "acl" and not self.masked(si, v.head):  # "footage of Clinton asking, “…”"
            return v.head
        return None

    def governing(self, si: int, qtoks: list[Token]) -> Token | None:
        """The subject of the verb whose complement holds the quote (walking up from its words).

        A plain object of a non-reporting verb (``Flynn said Trump has “enormous respect”``) yields
        to a reporting verb further up, whose words they are.
        """
        inside = {t.i for t in qtoks}
        roots = sorted(
            (t for t in qtoks if t.head.i not in inside or t.head.i == t.i), key=lambda t: -len(list(t.subtree))
        )
        for root in roots[:2]:
            found: Token | None = None
            via_object = False  # ``found`` governs the quote as a plain object: any reporting verb above wins
            clausal = False  # ``found``'s clause hangs (as a clause) on the verbs walked so far
            child, node = root, root.head
            while node.i != child.i:
                if found is not None and clausal and child.dep_ not in _CLAUSAL:
                    clausal = False
                if node.i not in inside and not self.masked(si, node) and _complement(child, node):
                    subj = self.subject(si, node)
                    reporting = node.text.lower() in CLAIM_VERBS
                    if subj is not None and found is None:
                        if reporting:
                            return subj
                        found, via_object, clausal = subj, child.dep_ == "dobj", True
                    elif subj is not None and reporting and (clausal or via_object):
                        return subj
                child, node = node, node.head
            if found is not None:
                return found
        return None

    def according(self, si: int, doc: Doc) -> Token | None:
        """X of "according to X" in author text of the sentence."""
        for t in doc:
            if t.text.lower() == "according" and t.i + 1 < len(doc) and doc[t.i + 1].text.lower() == "to":
                if self.masked(si, t):
                    continue
                to = doc[t.i + 1]
                pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
                if pobj is None and t.i + 2 < len(doc):
                    pobj = doc[t.i + 2]
                    while pobj.head.i != pobj.i and pobj.head.i > t.i + 1 and pobj.dep_ in ("compound", "det", "amod"):
                        pobj = pobj.head
                return pobj
        return None

    def adjacent(self, si: int, doc: Doc, qtoks: list[Token]) -> Token | None:
        """The subject of a verb right after (``“…,” Smith said``) or before (``said: “…”``) the quote."""
        first, last = qtoks[0].i, qtoks[-1].i
        j = last + 1
        while j < len(doc) and (doc[j].is_punct or doc[j].is_space):
            j += 1
        if j < len(doc) and not self.masked(si, doc[j]):
            after = doc[j]
            for v in (after, after.head, after.head.head):
                subj = self.subject(si, v)
                if subj is not None and not self.masked(si, v) and (v.i == after.i or subj.left_edge.i == after.i):
                    return subj
            # “…,” Flynn, a top Trump surrogate, said …  (parsed as an apposition inside the quote)
            later_verb = any(t.text.lower() in REPORTING_VERBS and not self.masked(si, t) for t in doc[j + 1 :])
            if later_verb:
                self.with_entities(si, after)
                if after.ent_type_ == "PERSON":
                    return after
        j = first - 1
        while j >= 0 and (doc[j].is_punct or doc[j].is_space):
            j -= 1
        if j < 0 or self.masked(si, doc[j]):
            return None
        colon = any(t.text == ":" for t in doc[j + 1 : first])
        node = doc[j]
        for _ in range(8 if colon else 1):  # "said she has the quality for the job: “Steadiness …”"
            subj = self.subject(si, node)
            if subj is not None or node.head.i == node.i:
                return subj
            node = node.head
        return None

    def next_sentence(self, q: RawQuote) -> Token | None:
        """``“…?” / Scott's niece, …, shouted to the crowd.``: a quote ending its sentence, attributed
        by the whole next sentence of its paragraph (a reporting verb with a subject, no clause)."""
        si = self.sent_index(max(q.open_mark, q.close_end - 1))
        if si + 1 >= len(self.sentences) or self.sentences[si + 1][2] != self.sentences[si][2]:
            return None
        if self.text[q.close_end : self.sentences[si][1]].strip(" .,!?"):
            return None
        doc = self.doc(si + 1)
        root = next((t for t in doc if t.head.i == t.i), None)
        if root is None or root.text.lower() not in REPORTING_VERBS or self.masked(si + 1, root):
            return None
        if any(c.dep_ in ("ccomp", "dobj", "xcomp") for c in root.children if c.text.lower() != "reporters"):
            return None
        return self.subject(si + 1, root)

    # -- sources -----------------------------------------------------------------------------------
    def expand(self, si: int, h: Token) -> Source:
        """The source a subject token names (pronouns and roles are resolved later by position)."""
        doc = h.doc
        low = h.text.lower()
        if low in PRONOUNS or low in ("him", "her", "them"):
            s, e = self.span(si, h)
            return Source(h.text, s, e, "pronoun")
        self.with_entities(si, h)
        if h.ent_type_ != "PERSON":
            for c in h.children:
                if c.dep_ == "appos" and c.ent_type_ == "PERSON":
                    return self.name(si, c)
        if h.ent_type_ in ("PERSON", "ORG", "GPE", "NORP") or (h.text[:1].isupper() and h.i > 0 and not _has_det(h)):
            if not _has_det(h) or h.ent_type_ == "PERSON":
                return self.name(si, h)
        left = [t for c in h.lefts if c.dep_ in _LEFT_DEPS for t in c.subtree]
        right = [t for c in h.rights if c.dep_ == "prep" and c.text.lower() in _RIGHT_PREPS for t in c.subtree]
        conj = next((c for c in h.rights if c.dep_ == "conj" and c.text.islower()), None)
        if conj is not None and not right:  # "the former first lady and U.S. senator": one person's two roles
            right = [t for t in h.doc[h.i + 1 : conj.right_edge.i + 1]]
        toks = [t for t in (*left, h, *right[:6]) if not (t.is_punct and t.i in (h.left_edge.i, h.right_edge.i))]
        lo = min(t.i for t in toks)
        hi = max(t.i for t in toks)
        while lo < h.i and doc[lo].is_punct:
            lo += 1
        s, e = self.span(si, doc[lo])[0], self.span(si, doc[hi])[1]
        definite = any(t.dep_ == "det" and t.text.lower() == "the" for t in h.lefts)
        kind = "role" if definite and low in _ROLE_WORDS and not right else "description"
        return Source(self.text[s:e], s, e, kind)

    def name(self, si: int, h: Token) -> Source:
        """The name around token ``h``: its entity (titles trimmed) or its compound/flat words."""
        self.with_entities(si, h)
        ent = next((en for en in h.doc.ents if en.start <= h.i < en.end), None)
        if ent is not None and (ent.root.i == h.i or h.ent_type_ == "PERSON"):
            toks = list(ent)
        else:
            toks = [t for c in h.lefts if c.dep_ in ("compound", "flat") for t in c.subtree] + [h]
            toks += [t for c in h.rights if c.dep_ in ("flat",) for t in c.subtree]
        s, e = self.span(si, toks[0])[0], self.span(si, toks[-1])[1]
        if self.text[s:e].lower().startswith("the "):
            return Source(self.text[s:e], s, e, "named")
        span = clean_name(self.text, s, e) or (s, e)
        return Source(self.text[span[0] : span[1]], span[0], span[1], "named")

    def quote_source(self, q: RawQuote) -> Source | None:
        """The parse-based source of quote ``q``, or ``None`` when the parse finds none."""
        a, b = self.sent_index(q.open_mark), self.sent_index(max(q.open_mark, q.close_end - 1))
        planned = set(self.planned)
        order = [si for si in dict.fromkeys((b, a)) if si in planned]  # sentences with author words
        for finder in ("governing", "according", "adjacent"):
            for si in order:
                doc = self.doc(si)
                qtoks = [t for t in doc if q.start <= self.span(si, t)[0] and self.span(si, t)[1] <= q.end]
                if not qtoks and finder != "according":
                    continue
                if finder == "governing":
                    h = self.governing(si, qtoks)
                elif finder == "according":
                    h = self.according(si, doc)
                else:
                    h = self.adjacent(si, doc, qtoks)
                if h is not None:
                    return self.resolve(self.expand(si, h))
        h = self.next_sentence(q)
        if h is not None:
            return self.resolve(self.expand(self.sent_index(q.close_end) + 1, h))
        return None

    def standalone(self, q: RawQuote) -> Source | None:
        """A quote that is its sentence(s), unattributed: the person the sentence before is about."""
        a = self.sent_index(q.open_mark)
        b = self.sent_index(max(q.open_mark, q.close_end - 1))
        s, _, para = self.sentences[a]
        e = self.sentences[b][1]
        if a == 0 or self.text[s : q.open_mark].strip() or self.text[q.close_end : e].strip(" .,!?"):
            return None
        if self.sentences[a - 1][2] < para - 1:
            return None
        people = [m for m in self._subject_mentions(a - 1) if m.person]
        if not people:
            return None
        m = people[0]
        return Source(m.text, m.start, m.end, "pronoun")

    # -- pronouns and roles --------------------------------------------------------------------------
    def subjects_before(self, pos: int, fits: Callable[[_Mention], bool] | None = None) -> list[_Mention]:
        """Persons (and groups) that are subjects or appositives of sentences shortly before ``pos``,
        back to the first sentence with a person (with a mention that ``fits``, when given)."""
        si = self.sent_index(pos)
        found: list[_Mention] = []
        for k in range(si, max(-1, si - _LOOKBACK - 1), -1):
            for m in self._subject_mentions(k):
                if m.end <= pos:
                    found.append(m)
            if any(fits(m) if fits else m.person for m in found):
                break
        return found

    def _subject_mentions(self, si: int) -> Iterable[_Mention]:
        """Named entities of sentence ``si`` that are its subjects (or appositives of them)."""
        doc = self.doc(si, entities=True)
        for ent in doc.ents:
            root = ent.root
            if self.masked(si, root):
                continue
            is_subject = root.dep_ in ("nsubj", "nsubjpass", "appos") or (
                root.dep_ in ("compound", "flat") and root.head.dep_ in ("nsubj", "nsubjpass")
            )
            if not is_subject:
                continue
            src = self.name(si, root)
            if src.start is None or src.end is None:
                continue
            text = src.text or ""
            person = ent.label_ == "PERSON" or (text.split() or [""])[-1] in self.person_words()
            yield _Mention(src.start, src.end, text, person, frozenset())
        for tok in doc:  # a group named by a noun ("Clinton's campaign is …, what they call …"): for "they"
            if tok.dep_ == "nsubj" and not tok.ent_type_ and _group_noun(tok.text) and not self.masked(si, tok):
                src = self.expand(si, tok)
                if src.start is not None and src.end is not None and src.text:
                    yield _Mention(src.start, src.end, src.text, False, frozenset())
        for tok in doc:  # a person's name NER missed or mislabelled in this sentence ("Trump said …")
            if tok.dep_ not in ("nsubj", "nsubjpass") or tok.ent_type_ or not tok.text[:1].isupper():
                continue
            speaking = tok.head.text.lower() in CLAIM_VERBS and tok.text.lower() not in STOP_CAPS | PRONOUNS
            if tok.text in self.person_words() or (speaking and tok.i > 0):
                if not self.masked(si, tok):
                    src = self.name(si, tok)
                    if src.start is not None and src.end is not None and src.text:
                        yield _Mention(src.start, src.end, src.text, True, frozenset())

    def person_words(self) -> frozenset[str]:
        """Surnames of this text's people: the last word of a PERSON entity of two words or more, of a
        single-word PERSON entity more often PERSON than not, and of a name introduced with a title or
        with a given name (:meth:`gender`). Sentences parsed since the last call are added."""
        spans = self.parses.parsed(entities=True)
        if len(spans) == len(self._people_seen):
            return self._people
        if self._genders is None:
            self._genders = _surname_genders(self.text)
        for sp in spans:
            if sp in self._people_seen:
                continue
            self._people_seen.add(sp)
            for ent in self.parses.doc(sp[0], sp[1], entities=True).ents:
                toks = [t for t in ent if t.text[:1].isupper()]
                if not toks:
                    continue
                last = toks[-1].text
                if ent.label_ == "PERSON" and len(toks) >= 2 and toks[0].text.lower().rstrip(".") not in TITLE_WORDS:
                    self._people_full.add(last)
                elif len(toks) == 1:
                    self._people_votes[last] += 1 if ent.label_ == "PERSON" else -1
        single = {w for w, v in self._people_votes.items() if v > 0}
        self._people = frozenset(self.surnames() | set(self._genders) | self._people_full | single)
        return self._people

    def gender(self, name: str) -> str | None:
        """``"f"``/``"m"`` when ``name``'s given name (or, for a surname, a given name or Mr./Mrs./Ms.
        met with it in this text) says which pronoun refers to it; else ``None``."""
        words = name.split()
        if not words:
            return None
        first = words[0].lower()
        if first in FEMALE_NAMES:
            return "f"
        if first in MALE_NAMES:
            return "m"
        if self._genders is None:
            self._genders = _surname_genders(self.text)
        return self._genders.get(words[-1])

    def surnames(self) -> frozenset[str]:
        """Last words of the names introduced with a title: persons even where NER says ORG."""
        return frozenset(m.text.split()[-1] for m in self.titled_people())

    def titled_people(self) -> list[_Mention]:
        """People introduced with a title or role before their name (``Defence Minister Anna Berg``)."""
        if self._titles is not None:
            return self._titles
        out: list[_Mention] = []
        for m in _NAME_RUN.finditer(self.text):
            span = clean_name(self.text, m.start(), m.end())
            if span is None or span[0] == m.start() and not self._lower_title_before(m.start()):
                continue
            words = {w.lower().strip(".") for w in self.text[m.start() : span[0]].split()}
            words |= self._lower_title_before(m.start())
            name = self.text[span[0] : span[1]]
            if len(name.split()) < 2 or name.split()[0].lower() in STOP_CAPS:
                continue
            out.append(_Mention(span[0], span[1], name, True, frozenset(words)))
        self._titles = out
        return out

    def _lower_title_before(self, pos: int) -> set[str]:
        """Lower-case title words right before a name: ``presidential nominee`` Donald Trump."""
        words = self.text[max(0, pos - 40) : pos].split()
        out: set[str] = set()
        for w in reversed(words):
            if not (w.isalpha() and w.islower()) or w in ("the", "a", "an"):
                break
            out.add(w)
        return out if out & _ROLE_WORDS else set()

    def resolve(self, src: Source) -> Source:
        """A pronoun or role source resolved to an earlier person, or left as it is."""
        if src.start is None or src.text is None:
            return src
        low = src.text.lower()
        if src.attribution == "pronoun":
            if low not in _RESOLVABLE:
                return UNATTRIBUTED if low in PRONOUNS else src
            want_person = low != "they"
            clash = {"he": "f", "she": "m"}.get(low)

            def fits(m: _Mention) -> bool:
                return m.person == want_person and (clash is None or self.gender(m.text) != clash)

            for m in sorted(self.subjects_before(src.start, fits if clash else None), key=lambda m: -m.start):
                if fits(m):
                    return Source(m.text, m.start, m.end, "pronoun")
            return UNATTRIBUTED
        if src.attribution == "role":
            words = _WORD.findall(src.text)
            head = words[-1].lower() if words else ""
            caps = {w.lower() for w in words[:-1] if w[:1].isupper() and w.lower() not in ("the", *DEMONYMS)}
            people = [m for m in self.titled_people() if m.end <= src.start]
            for test in (lambda m: head in m.roles and caps <= m.roles, lambda m: bool(caps) and caps <= m.roles):
                hit = next((m for m in reversed(people) if test(m)), None)
                if hit is not None:
                    return Source(hit.text, hit.start, hit.end, "role")
            return Source(src.text, src.start, src.end, "description")
        return src

    # -- indirect claims ---------------------------------------------------------------------------
    def indirect(self) -> list[Quote]:
        """``X said that …`` / ``according to X, …``: the reported content clause and its source."""
        out: list[Quote] = []
        for si in self.planned:
            doc = self.doc(si)
            for t in doc:
                if self.masked(si, t) or t.text == "States":
                    continue
                low = t.text.lower()
                if low in CLAIM_VERBS:
                    claim = self._verb_claim(si, t)
                elif low == "according":
                    claim = self._according_claim(si, doc, t)
                else:
                    continue
                if claim is not None:
                    out.append(claim)
        return out

    def _claim(self, si: int, s: int, e: int, h: Token) -> Quote | None:
        """An indirect claim ``text[s:e]`` by subject ``h``; ``None`` when too short or mostly quoted."""
        s, e = _strip(self.text, s, e)
        if e - s < 3 or self._quoted_share(s, e) > 0.5:
            return None
        src = self.resolve(self.expand(si, h))
        return Quote(s, e, self.text[s:e], src.text, src.start, src.end, src.attribution, "indirect")

    def _verb_claim(self, si: int, v: Token) -> Quote | None:
        """``X said (that) CLAUSE`` (the ``ccomp``) or ``CLAUSE, X said, …`` (the clause it interrupts)."""
        subj = self.subject(si, v)
        if subj is None:
            return None
        comp = next((c for c in v.children if c.dep_ == "ccomp"), None)
        if comp is not None:
            toks = list(comp.subtree)
        elif v.dep_ == "parataxis" or (v.dep_ == "ccomp" and v.i > v.head.i and not self.masked(si, v.head)):
            head, mine = v.head, {t.i for t in v.subtree}
            side = [t for t in head.subtree if t.i not in mine and (t.i < v.i) == (head.i < v.i)]
            toks = side if side else []
        else:
            return None
        if not toks:
            return None
        s, e = self.span(si, toks[0])[0], self.span(si, toks[-1])[1]
        return self._claim(si, s, e, subj)

    def _according_claim(self, si: int, doc: Doc, t: Token) -> Quote | None:
        """``according to X, CLAIM`` / ``CLAIM, according to X``: the longer side of the sentence."""
        x = self.according(si, doc) if t.i + 1 < len(doc) and doc[t.i + 1].text.lower() == "to" else None
        if x is None:
            return None
        phrase = [t, *list(x.subtree)]
        a, b = min(p.i for p in phrase), max(p.i for p in phrase)
        sent_s, sent_e, _ = self.sentences[si]
        ps, pe = self.span(si, doc[a])[0], self.span(si, doc[b])[1]
        s, e = (pe, sent_e) if ps - sent_s < sent_e - pe else (sent_s, ps)
        return self._claim(si, s, e, x)

    def _quoted_share(self, s: int, e: int) -> float:
        """Share of ``text[s:e]`` inside quotes (marks included)."""
        quoted = 0
        k = max(0, bisect.bisect_right(self.mark_starts, s) - 1)
        while k < len(self.marks) and self.marks[k][0] < e:
            quoted += max(0, min(e, self.marks[k][1]) - max(s, self.marks[k][0]))
            k += 1
        return quoted / max(1, e - s)


def _complement(child: Token, verb: Token) -> bool:
    """Whether ``child`` is a complement of ``verb`` that can hold its words.

    ``ccomp``/``xcomp``/``dobj``/``oprd``/``parataxis``; ``advcl`` without ``because``/``if`` (no
    marker); ``described it as “…”`` and ``likened the refugees to a “…”`` (``to`` after an object).
    """
    if child.dep_ == "advcl":
        return not any(c.dep_ == "mark" for c in child.children)
    if child.dep_ in _COMPLEMENT:
        return True
    if child.dep_ != "prep":
        return False
    word = child.text.lower()
    return word == "as" or (word == "to" and any(c.dep_ == "dobj" for c in verb.children))


_HONORIFIC = {"mr": "m", "mrs": "f", "ms": "f", "miss": "f"}


def _surname_genders(text: str) -> dict[str, str]:
    """Surname → ``"f"``/``"m"`` from ``Mrs. Clinton`` / ``Hillary Clinton`` in ``text`` (contradicted: left out)."""
    seen: dict[str, set[str]] = {}
    for m in _NAME_RUN.finditer(text):
        words = m.group().split()
        if len(words) < 2:
            continue
        for w in words[:-1]:
            low = w.lower().rstrip(".")
            g = _HONORIFIC.get(low) or ("f" if low in FEMALE_NAMES else "m" if low in MALE_NAMES else None)
            if g is not None:
                seen.setdefault(words[-1], set()).add(g)
                break
    return {k: next(iter(v)) for k, v in seen.items() if len(v) == 1}


_GROUPS = frozenset(
    "campaign administration government company party committee team police department agency council "
    "court board union group organization organisation firm ministry office panel staff".split()
)


def _group_noun(word: str) -> bool:
    """A lower-case noun for a group of people: ``campaign``, ``officials`` (a plural in -s)."""
    return word.islower() and (word in _GROUPS or (len(word) > 4 and word.endswith(("ials", "ers", "ists", "ans"))))


_RECORDING = frozenset("footage video videos clip clips recording recordings tape audio".split())


def _recorded(noun: Token) -> Token | None:
    """X of ``footage of X``."""
    of = next((c for c in noun.children if c.dep_ == "prep" and c.text.lower() == "of"), None)
    return None if of is None else next((c for c in of.children if c.dep_ == "pobj"), None)


def _shown_person(v: Token) -> Token | None:
    """X of ``footage of X saying`` / ``a video of X asking``: the one a recording shows speaking
    (the participle ``v`` right after it; the parse hangs it on the main verb)."""
    if not v.text.endswith("ing") or v.i < 3:
        return None
    if v.dep_ == "acl" and v.head.text.lower() in _RECORDING:  # parsed as "footage … asking"
        return _recorded(v.head)
    prev = v.doc[v.i - 1]
    while prev.is_punct and prev.i > 0:
        prev = v.doc[prev.i - 1]
    x = prev if prev.dep_ == "pobj" else prev.head if prev.dep_ in ("compound", "flat") else None
    if x is None or x.dep_ != "pobj" or x.head.text.lower() != "of" or x.head.head.text.lower() not in _RECORDING:
        return None
    return x


def _has_det(h: Token) -> bool:
    """Whether ``h`` has a determiner or possessive (``the mayor``, ``Smith's aide``)."""
    return any(c.dep_ in ("det", "poss") for c in h.lefts)


def _strip(text: str, s: int, e: int) -> tuple[int, int]:
    """Trim spaces and edge punctuation (commas, full stops, dashes) off ``text[s:e]``."""
    while s < e and (text[s].isspace() or text[s] in ",;:—–-"):
        s += 1
    while e > s and (text[e - 1].isspace() or text[e - 1] in ",;:—–-."):
        e -= 1
    return s, e


def parse_sources(
    text: str,
    sentences: list[tuple[int, int, int]],
    raw: list[RawQuote],
    rule_sources: list[tuple[Source, bool]],
    parses: SentenceParses,
) -> list[Source]:
    """Sources of ``raw`` quotes from the parse; a rule speaker right after the quote is the fallback."""
    sure = [src if adjacent and src.attribution == "named" else None for src, adjacent in rule_sources]
    att = Attributor(text, sentences, raw, parses, sure)
    out: list[Source] = []
    for q, (rule, adjacent), known in zip(raw, rule_sources, sure, strict=True):
        src = known or att.quote_source(q)
        if src is None and adjacent and rule.text is not None:
            src = rule if rule.attribution != "pronoun" else UNATTRIBUTED
        out.append(src or UNATTRIBUTED)
    # A bare quote sentence with no speaker, not continuing a quote: the subject of the sentence before.
    for i, q in enumerate(raw):
        continues = i > 0 and raw[i - 1].paragraph in (q.paragraph, q.paragraph - 1) and out[i - 1].text is not None
        if out[i].text is None and not continues:
            out[i] = att.standalone(q) or out[i]
    return out


def find_attributions(
    text: str, sentences: list[tuple[int, int, int]], raw: list[RawQuote], parses: SentenceParses
) -> list[Quote]:
    """Indirect claims (``kind="indirect"``) of ``text``, in order."""
    return sorted(Attributor(text, sentences, raw, parses).indirect(), key=lambda q: (q.start, q.end))
