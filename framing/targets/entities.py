"""What a target is: its kind from a named-entity label, name descriptors, company suffixes and
the curated table of names that refer to the same state or institution (metonyms).

Metonyms stay targets of their own (``the Kremlin`` is not ``Russia``: stance toward a
government is not stance toward a country), but :func:`related_targets` tells the profile which
targets refer to the same entity. The table is deliberately small: capitals and seats of
government that news text uses for the state itself. Names with a common second reading are
guarded: a related name must not be a person (``Paris`` the surname), and ``Brussels`` stands
for the European Union only when the text has no ``Belgium`` target.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence

from framing.targets.mentions import Target

__all__ = [
    "COMPANY_SUFFIXES",
    "ENTITY_KINDS",
    "GENERIC_ENDS",
    "PLACE_ENDS",
    "PARTY_LABELS",
    "SAME_ENTITY",
    "SECTOR_WORDS",
    "drop_generic_end",
    "kind_of_label",
    "related_targets",
    "strip_company_suffix",
]

# spaCy (OntoNotes) entity labels -> target kinds. Other labels (DATE, PRODUCT, EVENT, ...) are
# not targets.
ENTITY_KINDS: dict[str, str] = {
    "PERSON": "person",
    "ORG": "organisation",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}

# Party labels used as adjectives or titles ("Democrat Elena Ruiz", "Republican leaders"): a
# descriptor, never part of a name. The plural ("Republicans") is a group.
PARTY_LABELS: frozenset[str] = frozenset(
    "democrat democratic republican tory liberal conservative socialist communist libertarian centrist"
    " progressive nationalist populist".split()
)
PARTY_GROUPS: frozenset[str] = frozenset(
    "democrats republicans tories liberals conservatives socialists communists libertarians"
    " nationalists populists progressives".split()
)

COMPANY_SUFFIXES: frozenset[str] = frozenset("inc corp ltd llc co plc group ag sa gmbh nv".split())
_SUFFIX_RE = re.compile(r",?\s+(?:Inc|Corp|Ltd|LLC|Co|plc|PLC|Group|AG|SA|GmbH|NV)\.?$")

# Sector words that end company names ("Northvale Energy", "Halden Pharma", "Shell Oil" is left out:
# "Oil" is too often a plain noun in a headline): a name ending in one is an organisation, and
# later mentions often drop it.
SECTOR_WORDS: frozenset[str] = frozenset(
    """energy pharma pharmaceuticals therapeutics biosciences capital investments ventures holdings
    industries enterprises technologies systems software electronics telecom communications services
    solutions consulting logistics realty properties insurance airlines airways motors media
    entertainment partners labs laboratories foods brands resources mining chemicals""".split()
)
# Generic last words that a name drops once it is introduced: a company's sector, a university, a
# football club's "FC", an airport, a river ("the Kell River" -> "the Kell"). The short form joins
# the name only when nothing in the text makes it a person or another place (see ``discover``).
GENERIC_ENDS: frozenset[str] = SECTOR_WORDS | frozenset("university fc afc airport river".split())
# Last words that make a multi-word name a place: facilities and landforms ("Elm Street Bridge",
# "Red Pine Wilderness", "Eastern Highlands", "State Fairgrounds", "Harbour International Airport").
PLACE_ENDS: frozenset[str] = frozenset(
    "airport bridge tunnel square stadium arena fairgrounds wilderness highlands county province".split()
)

# entity -> names that stand for it in news text (the entity's own name first).
SAME_ENTITY: dict[str, tuple[str, ...]] = {
    "Russia": ("Russia", "Russian Federation", "Moscow", "Kremlin", "the Kremlin"),
    "United States": ("United States", "US", "U.S.", "USA", "U.S.A.", "America", "Washington", "White House"),
    "China": ("China", "Beijing", "People's Republic of China"),
    "Ukraine": ("Ukraine", "Kyiv", "Kiev"),
    "United Kingdom": ("United Kingdom", "UK", "U.K.", "Britain", "Great Britain", "London", "Downing Street"),
    "European Union": ("European Union", "EU", "E.U.", "Brussels"),
    "France": ("France", "Paris", "Elysee", "Élysée"),
    "Germany": ("Germany", "Berlin"),
    "Iran": ("Iran", "Tehran"),
    "Japan": ("Japan", "Tokyo"),
    "North Korea": ("North Korea", "Pyongyang"),
    "Turkey": ("Turkey", "Ankara"),
    "India": ("India", "New Delhi"),
    "Syria": ("Syria", "Damascus"),
    "Belarus": ("Belarus", "Minsk"),
}
_ENTITY_OF = {form.lower(): key for key, forms in SAME_ENTITY.items() for form in forms}


def kind_of_label(label: str) -> str | None:
    """The target kind of a spaCy entity label, or ``None`` for labels that are not targets."""
    return ENTITY_KINDS.get(label)


def strip_company_suffix(form: str) -> str:
    """``Vortex Inc.`` -> ``Vortex``; other names unchanged (a bare suffix stays as it is)."""
    bare = _SUFFIX_RE.sub("", form)
    return bare if bare and bare != form and bare[:1].isupper() else form


@functools.lru_cache(maxsize=4096)
def drop_generic_end(form: str) -> str | None:
    """``Northvale Energy`` -> ``Northvale``: the name without a last word of :data:`GENERIC_ENDS`,
    or ``None`` (single words, names whose rest is not capitalised, "X of Y" names)."""
    words = form.split()
    if len(words) < 2 or words[-1].lower().rstrip(".") not in GENERIC_ENDS or " of " in form:
        return None
    rest = words[:-1]
    return " ".join(rest) if all(w[:1].isupper() for w in rest) else None


def _entity_key(target: Target) -> str | None:
    """The :data:`SAME_ENTITY` entry a target names (by its name or an alias), or ``None``."""
    if target.kind == "person":
        return None
    for form in (target.name, *target.aliases):
        key = _ENTITY_OF.get(" ".join(form.split()).lower())
        if key is not None:
            return key
    return None


def related_targets(targets: Sequence[Target]) -> dict[str, tuple[str, ...]]:
    """For each target, the names of the other ``targets`` that refer to the same entity.

    ``Moscow`` and ``Russia`` in one profile are related; each stays its own target.
    """
    keys = {t.name: _entity_key(t) for t in targets}
    if any("Belgium" in t.aliases for t in targets):  # Brussels is then (also) Belgium's capital
        keys.update({t.name: None for t in targets if "Brussels" in t.aliases})
    return {
        t.name: tuple(o.name for o in targets if o.name != t.name and keys[t.name] and keys[o.name] == keys[t.name])
        for t in targets
    }
