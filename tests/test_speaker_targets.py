"""A quote's speaker is linked to the target it names, and counted on that target's profile."""

from __future__ import annotations

from framing.profile.aggregate import build_profile
from framing.profile.speakers import link_speakers, speaker_target
from framing.results import Quote
from framing.targets import Target

STOLTENBERG = Target("Jens Stoltenberg", ("Jens Stoltenberg", "Stoltenberg", "the NATO chief"), "person")
RUIZ = Target("Elena Ruiz", ("Elena Ruiz", "Ruiz"), "person")
SMITH = Target("Smith", ("Smith",), "person")


def _q(speaker: str | None, attribution: str = "", kind: str = "direct") -> Quote:
    return Quote(0, 5, "words", speaker, attribution=attribution, kind=kind)


def test_speaker_links_to_the_target_it_names() -> None:
    targets = [STOLTENBERG, RUIZ, SMITH]
    assert speaker_target(_q("NATO Secretary General Jens Stoltenberg"), targets) == "Jens Stoltenberg"
    assert speaker_target(_q("Stoltenberg", "pronoun"), targets) == "Jens Stoltenberg"
    assert speaker_target(_q("the NATO chief", "description"), targets) == "Jens Stoltenberg"
    assert speaker_target(_q("the Ruiz campaign", "description"), targets) is None  # the campaign is not Ruiz
    assert speaker_target(_q("Smith's aide", "description"), targets) is None
    assert speaker_target(_q(None), targets) is None
    assert speaker_target(_q("Mark Ellis"), targets) is None


def test_profile_counts_quotes_and_claims_per_target() -> None:
    quotes = link_speakers(
        [_q("Jens Stoltenberg"), _q("Stoltenberg", "pronoun", "partial"), _q("Ruiz")], [STOLTENBERG, RUIZ]
    )
    claims = link_speakers([_q("Ruiz", kind="indirect")], [STOLTENBERG, RUIZ])
    profile = build_profile(
        "words",
        [],
        quotes=quotes,
        attributions=claims,
        targets={t.name: t.aliases for t in (STOLTENBERG, RUIZ)},
    )
    assert (profile.targets["Jens Stoltenberg"].quoted, profile.targets["Jens Stoltenberg"].reported) == (2, 0)
    assert (profile.targets["Elena Ruiz"].quoted, profile.targets["Elena Ruiz"].reported) == (1, 1)
    assert profile.to_dict()["quotes"][0]["speaker_target"] == "Jens Stoltenberg"
    assert profile.to_dict()["profile"]["targets"]["Elena Ruiz"]["reported"] == 1
