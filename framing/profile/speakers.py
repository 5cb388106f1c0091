"""Which target a quote's speaker is: the link between who is quoted and who is talked about."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from framing.results import Quote
from framing.targets import Target, find_mentions

__all__ = ["link_speakers", "speaker_target"]


def speaker_target(quote: Quote, targets: Sequence[Target]) -> str | None:
    """The one target ``quote.speaker`` names, else ``None``.

    A named, pronoun or role speaker links when a target's alias ends the speaker's name
    ("NATO Secretary General Jens Stoltenberg" -> Jens Stoltenberg; "the Ruiz campaign" does not link
    to Ruiz, its head is "campaign"). A description links only when it is itself an alias of the
    target ("the NATO chief"), so "Smith's aide" never becomes Smith. Two candidate targets: none.
    """
    speaker = quote.speaker
    if not speaker:
        return None
    head_end = len(speaker.rstrip(" .,"))
    hits: list[str] = []
    for target in targets:
        if quote.attribution == "description":
            linked = speaker.casefold() in {a.casefold() for a in target.aliases}
        else:
            linked = any(end == head_end for _, end in find_mentions(speaker, target))
        if linked:
            hits.append(target.name)
    return hits[0] if len(hits) == 1 else None


def link_speakers(quotes: Sequence[Quote], targets: Sequence[Target]) -> tuple[Quote, ...]:
    """``quotes`` with ``speaker_target`` set where the speaker is one of ``targets``."""
    return tuple(replace(q, speaker_target=speaker_target(q, targets)) for q in quotes)
