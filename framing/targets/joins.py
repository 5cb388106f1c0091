"""Names with a connector inside: ``Johnson & Johnson``, ``Centers for Disease Control and Prevention``.

Capitalised runs stop at lowercase words and at ``&``, so such a name reaches discovery as pieces
(``Marsh``, ``Barrow``) that would become false targets. Adjacent pieces of one sentence are joined
again when the connector and the shape say they form one name:

* ``&`` between capitalised pieces always joins (``Marsh & Barrow``, ``Procter & Gamble``);
* ``for``, ``for the``, ``of the``, ``and`` join when the name begins with an organisation head
  (``Centers for Disease Control and Prevention``, ``Department of Health and Human Services``);
  two plain names (``Smith and Jones``, ``Google and Microsoft Corp``) are never joined.

An organisation name that begins with a demonym (``American Civil Liberties Union``) is kept whole by
the run splitter (see :func:`keeps_demonym`), so its acronym (``ACLU``) joins it by initials.
"""

from __future__ import annotations

import re
from collections.abc import Collection, Sequence

from framing.segment.lexicon import DEMONYMS, ORG_WORDS, TITLE_WORDS
from framing.targets.entities import SECTOR_WORDS

__all__ = ["ORG_END", "ORG_HEADS", "connected_pairs", "join_connected", "keeps_demonym"]

# Words that open an organisation's name and take a complement ("Centers for ...", "Office of the ...").
ORG_HEADS: frozenset[str] = frozenset(
    """ministry ministries department departments office agency agencies council committee commission
    institute institutes university center centers centre centres bureau board authority society
    academy school college museum church coalition campaign movement association federation union
    league foundation fund alliance court""".split()
)
# Last words that make a name an organisation, besides the ORG words anywhere in it ("Delta Air Lines"),
# and a company's sector ("Northvale Energy", see SECTOR_WORDS).
ORG_END: frozenset[str] = SECTOR_WORDS | frozenset(
    """fc afc lines authority bureau board society academy college coalition police corps brigade brigades
    guard cooperative trust""".split()
)
_POSSESSIVE = re.compile(r"[’']s?$")
_CONNECTOR = re.compile(r"\s*&\s*|\s+(?:and|for|for the|of the)\s+")

Piece = tuple[int, int, "str | None", "str | None"]  # start, end, prefix, title (as discover's pieces)


def _low(tok: str) -> str:
    return tok.lower().rstrip(".")


def _joins(text: str, left: Piece, right: Piece, head: str, confirmed: Collection[str] = ()) -> bool:
    """Whether ``right`` continues the name ``left`` (whose first word is ``head``); ``confirmed``:
    joined names NER saw as one organisation ("Marks and Spencer")."""
    gap = text[left[1] : right[0]]
    if not _CONNECTOR.fullmatch(gap) or "\n" in gap or right[3] is not None:
        return False
    if confirmed and " ".join(_POSSESSIVE.sub("", text[left[0] : right[1]]).split()) in confirmed:
        return True
    if "&" in gap:  # "R&D", "Q&A" are no names
        return min(left[1] - left[0], right[1] - right[0]) >= 2
    if _low(head) not in ORG_HEADS:
        return False
    # "and" only inside a complement: "Department of Health and Human Services", not "Council and Parliament"
    return gap.strip() != "and" or re.search(r"\s(?:of|for)\s", text[left[0] : left[1]]) is not None


def join_connected(text: str, pieces: Sequence[Piece], confirmed: Collection[str] = ()) -> list[Piece]:
    """``pieces`` (of one sentence, in text order) with connector-joined names merged into one piece
    (``confirmed``: joined names NER saw as one organisation)."""
    out: list[Piece] = []
    head = ""
    for piece in pieces:
        if out and _joins(text, out[-1], piece, head, confirmed):
            start, _, prefix, title = out[-1]
            out[-1] = (start, piece[1], prefix, title)
            continue
        out.append(piece)
        head = text[piece[0] : piece[1]].split()[0]
    return out


def connected_pairs(text: str, pieces: Sequence[Piece]) -> list[tuple[int, int]]:
    """Spans of two adjacent ``pieces`` with a connector between them that the shape does not join
    (``Marks and Spencer``, ``Smith and Jones``): for NER to decide."""
    joined = join_connected(text, pieces)
    kept = {(p[0], p[1]) for p in joined}
    return [
        (a[0], b[1])
        for a, b in zip(pieces, pieces[1:], strict=False)
        if (a[0], a[1]) in kept
        and (b[0], b[1]) in kept
        and _CONNECTOR.fullmatch(text[a[1] : b[0]])
        and "\n" not in text[a[1] : b[0]]
    ]


def keeps_demonym(words: Sequence[str]) -> bool:
    """A run that opens with a demonym and ends with an organisation word is one name
    (``American Civil Liberties Union``, ``American Airlines``), not demonym + name."""
    last = _low(_POSSESSIVE.sub("", words[-1])) if words else ""  # "European Space Agency's"
    if len(words) < 2 or _low(words[0]) not in DEMONYMS or last not in ORG_WORDS | ORG_END:
        return False
    return not any(_low(w) in TITLE_WORDS for w in words[1:])
