"""Sentence splitting: offsets, abbreviations, quotes, headlines, paragraphs."""

from __future__ import annotations

from pathlib import Path

import pytest

from framing.errors import InputTypeError
from framing.segment import segment, split_sentences

SEED = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "nato_article.txt"


def texts(text: str) -> list[str]:
    return [text[s:e] for s, e, _ in split_sentences(text)]


def check_invariants(text: str) -> None:
    spans = split_sentences(text)
    prev_end = 0
    for s, e, _ in spans:
        assert s >= prev_end and e > s
        assert text[s:e] == text[s:e].strip()
        prev_end = e


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "The U.S. Navy said Richard V. Spencer would resign. He declined to comment.",
            ["The U.S. Navy said Richard V. Spencer would resign.", "He declined to comment."],
        ),
        (
            "Gen. Mark Milley met Sen. Jack Reed and Mr. Smith at 10 a.m. on Jan. 5. They talked.",
            ["Gen. Mark Milley met Sen. Jack Reed and Mr. Smith at 10 a.m. on Jan. 5.", "They talked."],
        ),
        (
            "Apple Inc. reported $2.1 billion in sales, up 3.5% from 1.5 million units. The stock rose.",
            ["Apple Inc. reported $2.1 billion in sales, up 3.5% from 1.5 million units.", "The stock rose."],
        ),
        (
            "Dr. Jane Doe of Acme Corp. lives on Main St. near No. 10 Downing St. in the U.K. capital.",
            ["Dr. Jane Doe of Acme Corp. lives on Main St. near No. 10 Downing St. in the U.K. capital."],
        ),
        (
            "Talks resumed in the U.S. The Kremlin said nothing.",
            ["Talks resumed in the U.S.", "The Kremlin said nothing."],
        ),
        (
            "Version 2.0 ships with fixes, e.g. for logins, i.e. the old bug. Users vs. admins differ.",
            ["Version 2.0 ships with fixes, e.g. for logins, i.e. the old bug.", "Users vs. admins differ."],
        ),
        (
            "Details are at https://www.example.com/a.b?x=1. Write to press@nato.int. Thanks.",
            ["Details are at https://www.example.com/a.b?x=1.", "Write to press@nato.int.", "Thanks."],
        ),
        (
            "He said the war ... would end soon. We will see… The talks resume at 3 p.m. Friday.",
            ["He said the war ... would end soon.", "We will see…", "The talks resume at 3 p.m. Friday."],
        ),
        ("“Why now?” she asked. “Why now?” Biden asked. Nobody knew!", None),
        (
            "“We need to be prepared. That’s the reason,” he said. Talks ended.",
            ["“We need to be prepared.", "That’s the reason,” he said.", "Talks ended."],
        ),
        (
            "He called it “a disgrace.” Then he left.",
            ["He called it “a disgrace.”", "Then he left."],
        ),
        (
            'The firm was "leaner than ever." Kile went on to claim that it grew.',
            ['The firm was "leaner than ever."', "Kile went on to claim that it grew."],
        ),
        (
            'Senator Jane Doe said: "We will win this fight." She spoke in Ohio.',
            ['Senator Jane Doe said: "We will win this fight."', "She spoke in Ohio."],
        ),
        (
            '"We will win." said Smith. "We lost." Jones said. Talks ended.',
            ['"We will win." said Smith.', '"We lost." Jones said.', "Talks ended."],
        ),
        (
            "WASHINGTON (Reuters) - The U.S. Senate voted on Monday. The bill passed.",
            ["WASHINGTON (Reuters) - The U.S. Senate voted on Monday.", "The bill passed."],
        ),
        (
            "KYIV, Ukraine — Russian missiles struck the capital overnight. Two people died.",
            ["KYIV, Ukraine — Russian missiles struck the capital overnight.", "Two people died."],
        ),
    ],
)
def test_tricky_sentences(text: str, expected: list[str] | None) -> None:
    if expected is None:
        expected = ["“Why now?” she asked.", "“Why now?” Biden asked.", "Nobody knew!"]
    assert texts(text) == expected
    check_invariants(text)


def test_headline_and_paragraphs() -> None:
    text = "Allies Pledge More Aid\n\nThe summit opened. Leaders met.\nA second paragraph.\r\n\r\n  Third.  \n"
    spans = split_sentences(text)
    assert [text[s:e] for s, e, _ in spans] == [
        "Allies Pledge More Aid",
        "The summit opened.",
        "Leaders met.",
        "A second paragraph.",
        "Third.",
    ]
    assert [p for _, _, p in spans] == [0, 1, 1, 2, 3]


def test_sentence_never_crosses_paragraph() -> None:
    text = "“We will fight on\n“And we will win,” he said"
    assert texts(text) == ["“We will fight on", "“And we will win,” he said"]


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t \n"])
def test_empty_text(text: str) -> None:
    assert split_sentences(text) == []
    seg = segment(text)
    assert seg.sentences == () and seg.quotes == ()
    assert seg.text == text


@pytest.mark.parametrize("bad", [b"bytes", None, 42, ["a list"]])
def test_non_str_input(bad: object) -> None:
    with pytest.raises(InputTypeError, match=type(bad).__name__):
        segment(bad)  # type: ignore[arg-type]


def test_segment_offsets_and_indices() -> None:
    text = "Headline Here\nFirst one. “Second,” she said.\n\nThird? Yes."
    seg = segment(text)
    assert [s.index for s in seg.sentences] == list(range(len(seg.sentences)))
    for s in seg.sentences:
        assert text[s.start : s.end] == s.text
        assert s.text.strip() == s.text and s.text


def test_seed_article_sentences() -> None:
    if not SEED.exists():
        pytest.skip("seed article not available")
    text = SEED.read_text(encoding="utf-8")
    seg = segment(text)
    first = seg.sentences[0]
    assert first.text == "NATO Head Calls for Alliance to Step Up Support for Eastern Europe, Ukraine"
    assert first.paragraph == 0
    assert seg.sentences[1].paragraph == 1
    assert seg.sentences[1].text.startswith("NATO Secretary General Jens Stoltenberg said")
    check_invariants(text)
    joined = [s.text for s in seg.sentences]
    assert "“We cannot let Putin win." in joined
    assert any(t.startswith("This would show authoritarian leaders") for t in joined)


def test_large_text_segments_completely() -> None:
    """A 1 MB text keeps every sentence and offset (its speed is measured in benchmarks/segment_scaling.py)."""
    unit = (
        "NATO Secretary General Jens Stoltenberg said on Monday the U.S.-led bloc would act. "
        "“We need to be prepared. That’s the reason,” he said, citing a “special military operation”.\n"
    )
    text = unit * (1_000_000 // len(unit))
    seg = segment(text)
    assert len(seg.sentences) == 3 * text.count("\n")
    last = seg.sentences[-1]
    assert text[last.start : last.end] == last.text
