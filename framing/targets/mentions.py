"""The :class:`Target` type and whole-word mention search."""

from __future__ import annotations

import functools
import logging
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from framing.errors import InputTypeError, InputValueError
from framing.segment.lexicon import DEMONYMS, NAME_PARTICLES, ORG_WORDS, PLACES, STOP_CAPS, TITLE_WORDS

__all__ = ["Target", "find_mentions", "span_outside_targets", "guess_kind", "is_person_like", "GEO_WORDS", "INVISIBLE"]

logger = logging.getLogger(__name__)

_KINDS = ("person", "organisation", "place", "group", "unknown")
# Soft hyphen and zero-width characters: inside a word they never end it ("Smith\u00adson").
INVISIBLE = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
GEO_WORDS: frozenset[str] = frozenset(
    "sea seas ocean river mountains mountain gulf strait bay lake island islands peninsula valley".split()
)


def _is_acronym(token: str) -> bool:
    bare = token.replace(".", "")
    return len(bare) >= 2 and bare.isalpha() and bare.isupper()


def is_person_like(name: str) -> bool:
    """Two to four capitalised alphabetic tokens, none an acronym, title, place or organisation word."""
    toks = name.split()
    if not 2 <= len(toks) <= 4:
        return False
    for i, tok in enumerate(toks):
        low = tok.lower().rstrip(".")
        if i and low in NAME_PARTICLES:
            continue
        if not tok[:1].isupper() or _is_acronym(tok):
            return False
        if (
            low in ORG_WORDS
            or low in PLACES
            or low in GEO_WORDS
            or low in TITLE_WORDS
            or low in STOP_CAPS
            or low in DEMONYMS
        ):
            return False
        if not re.fullmatch(r"[A-Z](?:[\w’'\-]*[a-z][\w’'\-]*|\.)", tok):
            return False
    return True


def guess_kind(name: str) -> str:
    """Heuristic kind of a name: ``person``, ``organisation``, ``place`` or ``unknown``."""
    toks = name.split()
    lows = {t.lower().rstrip(".") for t in toks}
    if (
        name.replace(".", "") in {"US", "USA", "UK"}
        or name.lower() in PLACES
        or (toks and toks[-1].lower() in PLACES | GEO_WORDS)
    ):
        return "place"
    if lows & ORG_WORDS or (len(toks) == 1 and _is_acronym(toks[0])):
        return "organisation"
    if is_person_like(name):
        return "person"
    return "unknown"


@dataclass(frozen=True)
class Target:
    """Something an article can take a stance on, with the surface forms that refer to it."""

    name: str
    aliases: tuple[str, ...] = ()
    kind: str = "unknown"

    def __post_init__(self) -> None:
        if not isinstance(self.name, str):
            raise InputTypeError(f"target name must be str, got {type(self.name).__name__}")
        if not self.name.strip():
            raise InputValueError("target name must not be empty")
        seen: dict[str, None] = {" ".join(self.name.split()): None}
        for a in self.aliases:
            if isinstance(a, str) and a.strip():
                seen.setdefault(a.strip(), None)
        object.__setattr__(self, "aliases", tuple(seen))
        if self.kind not in _KINDS:
            object.__setattr__(self, "kind", "unknown")

    @classmethod
    def from_name(cls, name: str) -> Target:
        """A user-supplied target. A person-like name ("Jens Stoltenberg") also gets its surname
        ("Stoltenberg") as alias; other names get no extra alias."""
        if not isinstance(name, str):
            raise InputTypeError(f"target name must be str, got {type(name).__name__}")
        name = " ".join(name.split())
        if not name:
            raise InputValueError("target name must not be empty")
        kind = guess_kind(name)
        aliases = [name]
        if kind == "person":
            aliases.append(name.split()[-1])
        return cls(name=name, aliases=tuple(aliases), kind=kind)

    def to_dict(self) -> dict[str, object]:
        """JSON-safe dict: name, aliases, kind."""
        return {"name": self.name, "aliases": list(self.aliases), "kind": self.kind}


def _alias_pattern(alias: str, invisible: bool = True) -> str:
    """Regex for one alias: any whitespace between words; an invisible character may sit inside a
    word ("Smith\u00adson" still matches "Smithson"); a lowercase first letter matches either case.
    ``invisible=False``: for texts without invisible characters (the same matches, a pattern that
    compiles several times faster)."""
    alias = alias.translate(_DROP_INVISIBLE)
    parts = []
    for i, ch in enumerate(alias):
        if ch.isspace():
            parts.append(r"\s+")
            continue
        if invisible and i and ch.isalnum() and alias[i - 1].isalnum():
            parts.append(f"[{INVISIBLE}]?")
        parts.append(f"[{ch}{ch.upper()}]" if i == 0 and ch.islower() else re.escape(ch))
    return "".join(parts)


_DROP_INVISIBLE = {ord(c): None for c in INVISIBLE}
_HAS_INVISIBLE = re.compile(f"[{INVISIBLE}]")


@functools.lru_cache(maxsize=1024)
def _compile(aliases: tuple[str, ...], invisible: bool = True) -> re.Pattern[str] | None:
    forms = sorted({a for a in aliases if a.strip()}, key=len, reverse=True)
    if not forms:
        return None
    alt = "|".join(_alias_pattern(a, invisible) for a in forms)
    if invisible:
        return re.compile(rf"(?<![\w{INVISIBLE}])(?:{alt})(?![{INVISIBLE}]?\w)")
    return re.compile(rf"(?<!\w)(?:{alt})(?!\w)")


def find_mentions(text: str, target: Target, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """Whole-word, non-overlapping mentions of ``target`` in ``text[start:end]``, longest alias first.

    Capitalised aliases match case-sensitively (``US`` does not match ``us``); a possessive
    ``’s`` is not part of the mention (``Stoltenberg’s`` -> ``Stoltenberg``).
    """
    if not isinstance(text, str):
        raise InputTypeError(f"text must be str, got {type(text).__name__}")
    if not isinstance(target, Target):
        raise InputTypeError(f"target must be Target, got {type(target).__name__}")
    end = len(text) if end is None else min(end, len(text))
    start = max(0, start)
    # lookarounds read one character either side of the searched range
    invisible = _HAS_INVISIBLE.search(text, max(0, start - 1), end + 1) is not None
    pat = _compile(target.aliases, invisible)
    if pat is None:
        return []
    return [m.span() for m in pat.finditer(text, start, end)]


_SPAN_WORD = re.compile(r"\w+(?:[-'’.]\w+)*")
_POSSESSIVE = ("'s", "’s")


def _name_key(text: str) -> str:
    """``text`` compared as a name: case-folded, single spaces, without surrounding punctuation or a possessive."""
    key = " ".join(text.split()).strip(" .,;:!?\"'“”‘’()[]").casefold()
    return key[:-2] if key.endswith(_POSSESSIVE) else key


def span_outside_targets(
    text: str, start: int, end: int, mentions: Sequence[tuple[int, int]], names: Iterable[str]
) -> tuple[int, int] | None:
    """The part of the loaded span ``text[start:end]`` that is not a target's name.

    ``None`` when the span lies inside one of the target ``mentions`` or reads as one of ``names``
    (a target's name or alias, any case). A mention at either edge of the span is cut off, with
    the possessive, punctuation and function words beside it ("despotic Vortex" -> "despotic");
    a mention inside the span stays ("the despotic Vortex regime" keeps its words).
    """
    # a possessive after a mention belongs to it here ("Vortex's" is the name, not loaded wording)
    spans = [(s, e + 2 if text[e : e + 2] in _POSSESSIVE else e) for s, e in mentions]
    if any(s <= start and end <= e for s, e in spans):
        return None
    keys = {_name_key(n) for n in names}
    if _name_key(text[start:end]) in keys:
        return None
    cut = True
    while cut and start < end:
        cut = False
        for s, e in spans:
            if s <= start < e:
                start, cut = e, True
            if s < end <= e:
                end, cut = s, True
        if cut:
            edges = _content_edges(text, start, end)
            if edges is None:
                return None
            start, end = edges
    return (start, end) if start < end else None


def _content_edges(text: str, start: int, end: int) -> tuple[int, int] | None:
    """First and last offsets of the words of ``text[start:end]`` once function words at the edges are dropped."""
    from framing.modeling.alignment import is_function_word

    words = [(m.start() + start, m.end() + start) for m in _SPAN_WORD.finditer(text[start:end])]
    while words and is_function_word(text[words[0][0] : words[0][1]]):
        words.pop(0)
    while words and is_function_word(text[words[-1][0] : words[-1][1]]):
        words.pop()
    return (words[0][0], words[-1][1]) if words else None
