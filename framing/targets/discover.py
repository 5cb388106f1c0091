"""Target discovery from capitalisation alone (no NER model).

Candidates are runs of capitalised tokens. Titles (``Secretary General``), demonyms
(``Romanian``) and function words (``While``, ``The``, ``Monday``) split a run and are never
targets. A candidate seen only at the start of a sentence (or in a title-case headline) is
kept only if it also occurs elsewhere, or is a multi-word name that recurs. Aliases are
grouped conservatively: a person's full name and surname, acronym spellings
(``U.S.``/``US``/``United States``), and descriptions the text itself supports
(``NATO Secretary General Jens Stoltenberg`` + ``the NATO chief``, or an apposition
``Jens Stoltenberg, the NATO chief,``). Targets are ranked by mention count.
"""

from __future__ import annotations

import bisect
import logging
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from framing.errors import InputTypeError
from framing.segment.lexicon import DEMONYMS, NAME_PARTICLES, STOP_CAPS, TITLE_WORDS
from framing.segment.nlp import SentenceParses
from framing.segment.sentences import split_sentences
from framing.targets.mentions import GEO_WORDS, Target, find_mentions, guess_kind, is_person_like

__all__ = ["discover_targets", "resolve_targets"]

logger = logging.getLogger(__name__)

_TOKEN = r"(?:(?:[A-Z]\.){2,}|[A-Z]\.(?=\s+[A-Z])|[A-Z][\w’']*(?:-[A-Z][\w’']*)*)"
_JOIN = r"(?:\s+(?:of|" + "|".join(sorted(NAME_PARTICLES)) + r")\s+|[ \t]+)"
_RUN = re.compile(rf"(?<![\w’'\-.]){_TOKEN}(?:{_JOIN}{_TOKEN})*")
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
_OPENERS = "\"“‘'([«—–- "


@dataclass
class _Candidate:
    form: str
    first: int
    clear: int = 0  # occurrences not at a sentence start
    total: int = 0
    titled: bool = False  # preceded by a title word somewhere
    described: set[str] = field(default_factory=set)  # "the NATO chief"-style aliases


def _acronym_key(form: str) -> str | None:
    return _ACRONYM_OF.get(form) or _ACRONYM_OF.get(form.replace(".", ""))


def _is_title_case(text: str, start: int, end: int) -> bool:
    """A headline-like sentence: no final punctuation and most long words capitalised."""
    s = text[start:end].rstrip()
    if not s or s[-1] in '.!?"”’:;':
        return False
    words = [w for w in re.findall(r"[A-Za-z][\w’'\-]*", s) if len(w) >= 4]
    return len(words) >= 3 and sum(w[0].isupper() for w in words) >= 0.7 * len(words)


def _low(tok: str) -> str:
    return tok.lower().rstrip(".")


def _split_run(text: str, start: int, end: int) -> list[tuple[int, int, str | None, str | None]]:
    """Pieces ``(start, end, prefix, title)`` of a capitalised run, split at titles and stop words."""
    toks = [(m.start() + start, m.end() + start) for m in _TOKEN_RE.finditer(text[start:end])]
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
        elif low in STOP_CAPS or low in DEMONYMS:
            flush()
            prefix = text[s:e] if low in DEMONYMS else None
        else:
            cur.append((s, e))
    flush()
    return pieces


def _bounds(sent: object) -> tuple[int, int]:
    """``(start, end)`` of a sentence given as a tuple or an object with ``start``/``end``."""
    if hasattr(sent, "start") and hasattr(sent, "end") and not isinstance(sent, (tuple, list)):
        return int(sent.start), int(sent.end)  # type: ignore[attr-defined]
    return int(sent[0]), int(sent[1])  # type: ignore[index]


def _candidates(text: str, sentences: Sequence[object]) -> dict[str, _Candidate]:
    cands: dict[str, _Candidate] = {}
    for sent in sentences:
        ss, se = _bounds(sent)
        headline = _is_title_case(text, ss, se)
        lead = ss
        while lead < se and text[lead] in _OPENERS:
            lead += 1
        for run in _RUN.finditer(text, ss, se):
            for ps, pe, prefix, title in _split_run(text, run.start(), run.end()):
                form = " ".join(_POSSESSIVE.sub("", text[ps:pe]).split())
                if form.endswith(".") and not re.search(r"(?:[A-Z]\.){2,}$", form):
                    form = form[:-1]
                if len(form.replace(".", "")) < 2 or _low(form) in STOP_CAPS:
                    continue
                c = cands.setdefault(form, _Candidate(form, ps))
                c.total += 1
                if not headline and ps != lead:
                    c.clear += 1
                if title:
                    c.titled = True
                    if prefix:
                        for head in (_HEADS + "|" + re.escape(title.lower())).split("|"):
                            c.described.add(f"the {prefix} {head}")
    return cands


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


def discover_targets(
    text: str,
    sentences: Sequence[Sequence[int]] | Sequence[object] | None = None,
    *,
    max_targets: int = 6,
    min_mentions: int = 2,
    parses: SentenceParses | None = None,
) -> list[Target]:
    """Find the most-mentioned people, organisations and places in ``text`` (see module docstring).

    ``parses``: spaCy parses of the text's sentences (``Segmentation.parses``); ``None``: rules only.
    """
    if not isinstance(text, str):
        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    if not text.strip():
        return []
    if sentences is None:
        sentences = split_sentences(text)
    cands = _candidates(text, sentences)
    # Sentence-initial-only candidates count when they are multi-word and recur ("Joe Biden").
    accepted = {f: c for f, c in cands.items() if c.clear > 0 or (" " in f and c.total >= 2)}
    # A sentence-initial surname of an accepted person ("Park called ...") counts too.
    surnames = {f.split()[-1] for f in accepted if " " in f and is_person_like(f)}
    accepted.update({f: c for f, c in cands.items() if f not in accepted and f in surnames})

    groups: dict[str, list[str]] = {}  # canonical form -> member forms
    for form in sorted(accepted, key=lambda f: (-len(f.split()), accepted[f].first)):
        key = _acronym_key(form)
        if key is not None:
            canon = next((g for g in groups if _acronym_key(g) == key), None)
            if canon is not None:
                groups[canon].append(form)
            else:
                groups[form] = [form]
            continue
        if len(form.split()) == 1:
            owners = [g for g in groups if is_person_like(g) and g.split()[-1] == form]
            if len(owners) == 1:
                groups[owners[0]].append(form)
                continue
        groups[form] = [form]

    built: list[tuple[Target, int]] = []
    for canon, forms in groups.items():
        c = accepted[canon]
        kind = guess_kind(canon)
        if kind == "unknown" and c.titled and not any(_low(t) in DEMONYMS for t in canon.split()):
            kind = "person" if canon[:1].isupper() and not canon.isupper() else kind
        aliases = list(dict.fromkeys(forms))
        key = _acronym_key(canon)
        if key is not None:
            aliases += [a for a in _ACRONYMS[key] if _occurrences(text, a)]
        if kind == "person":
            described = set().union(*(accepted[f].described for f in forms))
            described |= set().union(*(_appositions(text, f) for f in forms))
            for d in sorted(described):
                if _occurrences(text, d, ignore_case=True):
                    aliases.append(d)
        built.append((Target(name=canon, aliases=tuple(aliases), kind=kind), c.first))

    # A mention inside a longer capitalised mention of another target does not count
    # ("Europe" inside "Eastern Europe").
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
    out = [t[3] for t in targets[: max(0, max_targets)]]
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

    Strings become :meth:`Target.from_name` and gain the aliases of a discovered target that
    clearly is the same entity (``"Stoltenberg"`` + ``"Jens Stoltenberg"`` in the text).
    ``Target`` objects are used as given. ``kw`` goes to :func:`discover_targets`.
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
        if found is None:
            found = discover_targets(
                text,
                kw.get("sentences"),  # type: ignore[arg-type]
                max_targets=1000,
                min_mentions=1,
                parses=kw.get("parses"),  # type: ignore[arg-type]
            )
        match = _match(user, found)
        if match is not None:
            kind = user.kind if user.kind != "unknown" else match.kind
            user = Target(name=user.name, aliases=user.aliases + match.aliases, kind=kind)
        out.setdefault(user.name, user)
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
