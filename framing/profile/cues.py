"""Framing cues from word lists: reporting verbs ("claimed", "insisted") and hedges ("so-called").

The lists live in ``wordlists/`` next to this module, one form a line; they were written for
this project. Matching is case-insensitive and word-bounded; multi-word entries win over
their parts ("went on to claim" is one cue, not "claim").
"""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import cache
from importlib import resources

from framing.results import Cue, Voice

__all__ = ["load_wordlist", "find_cues", "CUE_KINDS"]

CUE_KINDS: dict[str, str] = {"reporting_verb": "reporting_verbs.txt", "hedge": "hedges.txt"}


@cache
def load_wordlist(name: str) -> tuple[str, ...]:
    """Entries of ``wordlists/<name>``: lowercased, comments and blanks dropped."""
    raw = resources.files("framing.profile").joinpath("wordlists").joinpath(name).read_text(encoding="utf-8")
    entries = {line.strip().lower() for line in raw.splitlines() if line.strip() and not line.startswith("#")}
    return tuple(sorted(entries, key=lambda e: (-len(e), e)))


@cache
def _pattern() -> re.Pattern[str]:
    parts = []
    for kind, file in CUE_KINDS.items():
        alts = "|".join(re.escape(e).replace(r"\ ", r"\s+") for e in load_wordlist(file))
        parts.append(f"(?P<{kind}>{alts})")
    return re.compile(r"(?<![\w-])(?:" + "|".join(parts) + r")(?![\w-])", re.IGNORECASE)


def find_cues(
    text: str, start: int = 0, end: int | None = None, voice_at: Callable[[int], Voice] | None = None
) -> list[Cue]:
    """Cues in ``text[start:end]`` with absolute offsets; ``voice_at(offset)`` sets each cue's voice.

    An entry on both lists (e.g. "claimed") counts as a reporting verb.
    """
    end = len(text) if end is None else end
    out = []
    for m in _pattern().finditer(text, start, end):
        kind = m.lastgroup or "hedge"
        voice: Voice = voice_at(m.start()) if voice_at else "author"
        out.append(Cue(m.start(), m.end(), m.group(), kind, voice))  # type: ignore[arg-type]
    return out
