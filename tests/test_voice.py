"""Quotes, voice and speaker attribution."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.results import Quote
from framing.segment import Segmentation, find_quotes, segment

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "nato_article.txt"


def quoted(text: str) -> list[tuple[str, str | None]]:
    return [(q.text, q.speaker) for q in find_quotes(text)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("“We will not back down,” Stoltenberg said.", [("We will not back down,", "Stoltenberg")]),
        (
            "“Pay us fairly,” said Mark Ellis, a union rep.",
            [("Pay us fairly,", "Mark Ellis")],
        ),
        ("Stoltenberg said: “We stand with Ukraine.”", [("We stand with Ukraine.", "Stoltenberg")]),
        ("“The talks failed,” according to the union.", [("The talks failed,", "the union")]),
        (
            "“We cannot let Putin win,” Stoltenberg continued.",
            [("We cannot let Putin win,", "Stoltenberg")],
        ),
        (
            "Later, the NATO chief said: “We are ready.”",
            [("We are ready.", "the NATO chief")],
        ),
        (
            "Estonian Foreign Minister Urmas Reinsalu recently told Reuters that aid “should be stronger.”",
            [("should be stronger.", "Urmas Reinsalu")],
        ),
        (
            '"It is over," Jones replied. "We lost."',
            [("It is over,", "Jones"), ("We lost.", "Jones")],
        ),
        (
            "The minister said: ‘We cannot accept this,’ before leaving.",
            [("We cannot accept this,", "The minister")],
        ),
        ("“Nobody knows,” an official added.", [("Nobody knows,", "an official")]),
        ("“Nobody knows.” The room fell silent.", [("Nobody knows.", None)]),
    ],
)
def test_speaker_attribution(text: str, expected: list[tuple[str, str | None]]) -> None:
    assert quoted(text) == expected


def test_speaker_offsets_point_into_text() -> None:
    text = "“Pay us fairly,” said Mark Ellis, a union rep."
    (q,) = find_quotes(text)
    assert isinstance(q, Quote)
    assert text[q.start : q.end] == q.text == "Pay us fairly,"
    assert q.speaker_start is not None and q.speaker_end is not None
    assert text[q.speaker_start : q.speaker_end] == "Mark Ellis"


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        ("Merkel said talks would go on. “We will keep talking,” she said.", "Merkel"),
        ("Smith spoke first. Nothing else happened. “Why now?” she asked.", "Smith"),
        ("Smith spoke. One. Two. Three. “Why now?” she asked.", None),
        ("“Why now?” she asked.", None),
    ],
)
def test_pronoun_resolution(text: str, speaker: str | None) -> None:
    (q,) = find_quotes(text)
    assert q.speaker == speaker
    if speaker is not None:
        assert text[q.speaker_start : q.speaker_end] == speaker


@pytest.mark.parametrize(
    "text",
    [
        "That’s NATO's view of rock 'n' roll in the '90s, the players’ union said.",
        "It's the allies' decision, and they'll make it.",
        "Ukraine’s army ’s gains: ’twas the ’80s.",
    ],
)
def test_apostrophes_are_not_quotes(text: str) -> None:
    assert find_quotes(text) == []
    assert all(s.voice == "author" for s in segment(text).sentences)


def test_nested_single_quotes_stay_in_outer_quote() -> None:
    text = "“He told me ‘never again’ and I believed him,” Smith said. \"Call it 'peace',\" she said."
    qs = find_quotes(text)
    assert [q.text for q in qs] == ["He told me ‘never again’ and I believed him,", "Call it 'peace',"]
    assert [q.speaker for q in qs] == ["Smith", "Smith"]


def test_straight_and_curly_quotes() -> None:
    text = 'He said "we are ready" and “they are not” today.'
    assert [q.text for q in find_quotes(text)] == ["we are ready", "they are not"]


def test_multi_paragraph_quote_convention() -> None:
    text = "“We will fight,” Stoltenberg said. “We will win.\n“And we will never give up.”\nAnalysts were unconvinced."
    seg = segment(text)
    assert [q.text for q in seg.quotes] == ["We will fight,", "We will win.", "And we will never give up."]
    assert {q.speaker for q in seg.quotes} == {"Stoltenberg"}
    voices = [(s.text, s.voice, s.speaker) for s in seg.sentences]
    assert voices[-2] == ("“And we will never give up.”", "quote", "Stoltenberg")
    assert voices[-1] == ("Analysts were unconvinced.", "author", None)


def test_runaway_quote_capped_at_paragraph() -> None:
    text = "He called it “a farce and left.\nThe next paragraph is plain author text. So is this."
    seg = segment(text)
    assert [q.text for q in seg.quotes] == ["a farce and left."]
    assert [s.voice for s in seg.sentences[1:]] == ["author", "author"]
    assert seg.voice_at(text.index("plain")) == "author"


def test_scare_quotes_do_not_make_sentence_quote_voice() -> None:
    text = "Moscow calls the war a “special military operation” and Western support “should be stronger”."
    seg = segment(text)
    (sent,) = seg.sentences
    assert sent.voice == "author" and sent.speaker is None
    assert len(sent.quotes) == 2
    assert seg.voice_at(text.index("special")) == "quote"
    assert seg.voice_at(text.index("Moscow")) == "author"
    counts = seg.voice_chars(0, len(text))
    assert counts["quote"] == len("specialmilitaryoperationshouldbestronger")
    assert counts["author"] + counts["quote"] == len("".join(text.split()))


def test_every_character_has_one_voice() -> None:
    text = "“A quote,” she said. Plain text.\n“Another one.”"
    seg = segment(text)
    for i in range(len(text)):
        q = seg.quote_at(i)
        assert seg.voice_at(i) == ("quote" if q is not None else "author")
        if q is not None:
            assert q.start <= i < q.end
    assert seg.quote_at(text.index("“")) is None  # the quote mark itself is author voice


def test_segmentation_lookups_on_empty() -> None:
    seg = Segmentation(text="")
    assert seg.voice_at(0) == "author"
    assert seg.quote_at(3) is None
    assert seg.voice_chars(0, 10) == {"author": 0, "quote": 0}


def test_seed_article_voice() -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    text = SEED.read_text(encoding="utf-8")
    seg = segment(text)
    by_text = {s.text: s for s in seg.sentences}

    first = by_text["“We need to be prepared for more attacks."]
    assert (first.voice, first.speaker) == ("quote", "Stoltenberg")
    second = next(s for s in seg.sentences if s.text.startswith("That’s the reason why NATO allies"))
    assert second.text.endswith("training and ammunition, he said.")
    assert (second.voice, second.speaker) == ("quote", "Stoltenberg")

    putin = by_text["“We cannot let Putin win."]
    assert (putin.voice, putin.speaker) == ("quote", "Stoltenberg")
    cont = next(s for s in seg.sentences if s.text.endswith("Stoltenberg continued."))
    assert (cont.voice, cont.speaker) == ("quote", "Stoltenberg")
    middle = next(s for s in seg.sentences if s.text.startswith("This would show"))
    assert middle.voice == "quote"

    for word in ("despotic", "in perpetuity", "Stoltenberg’s latest", "the NATO chief said"):
        assert seg.voice_at(text.index(word)) == "author", word
    assert seg.voice_at(text.index("greatest security crisis")) == "quote"
    assert seg.voice_at(text.index("additional air defence")) == "quote"

    last = seg.sentences[-1]
    assert last.voice == "author" and last.speaker is None
    assert [q.speaker for q in last.quotes] == ["Stoltenberg", "Urmas Reinsalu"]
    for q in seg.quotes:
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker
