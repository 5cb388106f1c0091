"""Speaker attribution with the dependency parse (spaCy ``en_core_web_sm``): regressions from real news."""

from __future__ import annotations

import pytest

from framing.results import Quote
from framing.segment import segment
from framing.segment.quotes import find_quotes, is_inscription, scan_quotes
from framing.segment.sentences import split_sentences

spacy = pytest.importorskip("spacy")


@pytest.fixture(scope="module")
def nlp():  # type: ignore[no-untyped-def]
    from framing.errors import ModelLoadError
    from framing.segment.nlp import load_pipeline

    try:
        return load_pipeline("default")
    except ModelLoadError as exc:  # pragma: no cover - the pipeline is a dependency
        pytest.skip(str(exc))


def speakers(text: str, nlp: object) -> list[tuple[str, str | None, str]]:
    return [(q.text, q.speaker, q.attribution) for q in segment(text, nlp=nlp).quotes]


def test_pronoun_goes_to_the_person_just_introduced(nlp: object) -> None:
    text = (
        "“He was unarmed,” Bennett said. Dwyer's sister, Keisha Dwyer, disputed the department's account. "
        "“My brother had his hands up,” she told reporters."
    )
    seg = segment(text, nlp=nlp)
    last = seg.quotes[-1]
    assert (last.speaker, last.attribution, last.kind) == ("Keisha Dwyer", "pronoun", "direct")
    assert text[last.speaker_start : last.speaker_end] == "Keisha Dwyer"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            'The mayor, Ahmed Karimi, said: "This is a victory for everyone."',
            [("This is a victory for everyone.", "Ahmed Karimi", "named")],
        ),
        (
            'Officials denied it, a claim the Ruiz campaign called "flatly false."',
            [("flatly false.", "the Ruiz campaign", "description")],
        ),
        (
            "Smith's aide said the 'so-called reform' was 'a scam'.",
            [("so-called reform", "Smith's aide", "description"), ("a scam", "Smith's aide", "description")],
        ),
        (
            'Patel said the company would "reinvest in artificial intelligence."',
            [("reinvest in artificial intelligence.", "Patel", "named")],
        ),
        ('Wrona praised the decision as "a historic step".', [("a historic step", "Wrona", "named")]),
        ("“The talks failed,” according to the union.", [("The talks failed,", "the union", "description")]),
        ("Later, the NATO chief said: “We are ready.”", [("We are ready.", "the NATO chief", "description")]),
        ('Moscow calls it the so-called "special operation".', [("special operation", None, "unattributed")]),
        ("“Nobody knows.” The room fell silent.", [("Nobody knows.", None, "unattributed")]),
    ],
)
def test_parse_attribution(text: str, expected: list[tuple[str, str | None, str]], nlp: object) -> None:
    assert speakers(text, nlp) == expected


def test_role_resolves_to_the_person_with_that_title(nlp: object) -> None:
    text = "Defence Minister Anna Berg arrived in Oslo. Talks went on. Later, the minister said: “We are ready.”"
    (q,) = segment(text, nlp=nlp).quotes
    assert (q.speaker, q.attribution) == ("Anna Berg", "role")
    assert text[q.speaker_start : q.speaker_end] == "Anna Berg"


def test_direct_quote_with_long_attribution_is_quote_voice(nlp: object) -> None:
    text = (
        '"These are voters who split their tickets," said Mark Ellis, a pollster at Marist College in '
        "Poughkeepsie, New York."
    )
    (sent,) = segment(text, nlp=nlp).sentences
    assert (sent.voice, sent.speaker) == ("quote", "Mark Ellis")
    assert sent.quotes[0].kind == "direct"


def test_quote_ending_in_full_stop_does_not_swallow_next_sentence(nlp: object) -> None:
    text = 'Senator Jane Doe said: "We will win this fight." She spoke in Ohio.'
    seg = segment(text, nlp=nlp)
    assert [s.text for s in seg.sentences] == ['Senator Jane Doe said: "We will win this fight."', "She spoke in Ohio."]
    assert [s.voice for s in seg.sentences] == ["quote", "author"]
    assert seg.quotes[0].speaker == "Jane Doe"


def test_indirect_attributions(nlp: object) -> None:
    text = (
        "Smith told reporters the plan would fail. According to the union, wages fell. "
        "Jones said that the deal was dead. The weather was fine."
    )
    seg = segment(text, nlp=nlp)
    got = [(a.text, a.speaker, a.kind) for a in seg.attributions]
    assert got == [
        ("the plan would fail", "Smith", "indirect"),
        ("wages fell", "the union", "indirect"),
        ("that the deal was dead", "Jones", "indirect"),
    ]
    for a in seg.attributions:
        assert text[a.start : a.end] == a.text
    assert [len(s.attributions) for s in seg.sentences] == [1, 1, 1, 0]
    assert all(s.voice == "author" for s in seg.sentences)  # an indirect claim does not change the voice


def test_only_needed_sentences_are_parsed(nlp: object) -> None:
    text = "The summit opened. Leaders met. “We are ready,” the NATO chief said. Dinner followed. Talks ended."
    seg = segment(text, nlp=nlp)
    assert seg.parses is not None
    assert len(seg.parses.parsed()) <= 1


def test_quote_fields_and_old_constructor() -> None:
    q = Quote(0, 3, "abc", "Ann", 5, 8)
    assert (q.attribution, q.kind) == ("named", "direct")
    assert Quote(0, 3, "abc").attribution == "unattributed"
    d = Quote(0, 3, "abc", None, None, None, "unattributed", "partial").to_dict()
    assert d["attribution"] == "unattributed" and d["kind"] == "partial"


def test_rules_only_path_still_attributes() -> None:
    seg = segment("“We will not back down,” Stoltenberg said. He called it “a disgrace.”")
    assert [(q.speaker, q.attribution, q.kind) for q in seg.quotes] == [
        ("Stoltenberg", "named", "direct"),
        (None, "unattributed", "partial"),
    ]
    assert seg.attributions == ()


def test_seed_article_speakers(nlp: object) -> None:
    from pathlib import Path

    seed = Path(__file__).resolve().parents[1].parent / "shared" / "seed" / "nato_article.txt"
    if not seed.exists():
        pytest.skip("seed article not available")
    text = seed.read_text(encoding="utf-8")
    seg = segment(text, nlp=nlp)
    assert [q.speaker for q in seg.quotes] == ["Stoltenberg"] * 5 + ["Urmas Reinsalu"]
    assert [q.kind for q in seg.quotes] == ["partial", "direct", "partial", "direct", "partial", "partial"]
    assert seg.parses is not None and len(seg.parses.parsed()) < len(seg.sentences)
    for q in (*seg.quotes, *seg.attributions):
        assert text[q.start : q.end] == q.text
        if q.speaker_start is not None:
            assert text[q.speaker_start : q.speaker_end] == q.speaker


def test_sentence_parses_run_the_parser_and_ner_only_where_asked(nlp: object) -> None:
    from framing.segment.nlp import SentenceParses

    text = "Jens Stoltenberg spoke in Brussels. The NATO chief met Olaf Scholz."
    a, b = (0, 35), (36, len(text))
    full = [(e.text, e.label_) for e in nlp(text[b[0] : b[1]]).ents]  # type: ignore[operator]
    p = SentenceParses(nlp, text)  # type: ignore[arg-type]
    doc = p.doc(*a)  # the dependency parse, no entities yet
    assert p.parsed() == [a] and p.parsed(entities=True) == []
    assert any(t.dep_ == "nsubj" for t in doc)
    p.doc(*a, entities=True)  # NER added in place on the same Doc
    assert p.parsed(entities=True) == [a] and doc.ents
    ents = p.entities(*b)  # entities only: no parse
    assert [(e.text, e.label) for e in ents] == full
    assert all(text[e.start : e.end] == e.text for e in ents)
    assert not p._docs[b].has_annotation("DEP")
    deps = p.doc(*b)  # the parse asked for later: parsed again, entities kept
    assert deps.has_annotation("DEP") and [(e.text, e.label_) for e in deps.ents] == full


def test_segment_texts_batches_and_equals_segment(nlp: object) -> None:
    from framing.segment import segment_texts

    texts = [
        "“He was unarmed,” Bennett said. Dwyer's sister, Keisha Dwyer, disputed it. “No,” she told reporters.",
        "",
        "Officials said the bridge would open in May, according to the mayor. Ruiz called it “a disgrace.”",
    ]
    together = segment_texts(texts, nlp=nlp)
    for text, seg in zip(texts, together, strict=True):
        alone = segment(text, nlp=nlp)
        assert seg == alone and seg.attributions == alone.attributions


@pytest.mark.parametrize(
    ("text", "speaker"),
    [
        # a quote inside a clause a reporting verb says: the reporting verb's subject, not the clause's
        ('Governor Lena Ortiz said the new tax plan was only "a gimmick" for voters.', "Lena Ortiz"),
        ('Governor Lena Ortiz tweeted late on Sunday that the tax plan was "a gimmick".', "Lena Ortiz"),
        # "by saying …": who answered
        ('Mayor Tom Riley answered his critics on Tuesday by saying the budget was "fully balanced."', "Tom Riley"),
        # the one a recording shows speaking
        ('The new ad shows footage of Senator Mark Olsen asking, "Where did the money go?"', "Mark Olsen"),
        # one person's two roles
        (
            'The former governor and current senator said it was "a mistake" to cut the budget.',
            "The former governor and current senator",
        ),
        # "they" is the group the sentence is about
        (
            'The Ortiz campaign is trying to contrast its plan with what they call the mayor\'s "empty promises."',
            "The Ortiz campaign",
        ),
        # "she" is the name NER missed, subject of "said" before it
        ('Marlowe said she felt the law mattered because "few people know about it," she said.', "Marlowe"),
        # "he" is the surname of a person named in full before, even where NER does not label it
        (
            "Donald Trump spoke in Ohio. Trump took to Twitter overnight to accuse the committee of hiding "
            'what he called "the real numbers."',
            "Trump",
        ),
        # "she" skips the man named since and finds the woman
        ('Laura Chen met Victor Hale in Paris. Hale criticised the plan. "It will not work," she said.', "Laura Chen"),
    ],
)
def test_speaker_rules(text: str, speaker: str, nlp: object) -> None:
    assert [q.speaker for q in segment(text, nlp=nlp).quotes][-1] == speaker


@pytest.mark.parametrize(
    "text, written",
    [
        ("Handwritten signs in shop windows on Elm Street read “Save our bridge.”", True),
        ("They unfurled a banner reading “No more grey skies”. Police watched.", True),
        ('A note pinned to the warehouse gate on Friday said simply "Closed."', True),
        ('Trump signs the bill, saying "We did it."', False),
        ('He signs it and says "Yes we can."', False),
        ('The senator took notes and said "Fine."', False),
    ],
)
def test_written_words_are_unattributed(text: str, written: bool, nlp: object) -> None:
    sentences = split_sentences(text)
    raw = [q for q in scan_quotes(text) if q.end > q.start]
    assert is_inscription(text, sentences, raw[0]) is written
    if written:  # nobody said them, with the rules and with the parse
        assert find_quotes(text)[0].speaker is None
        assert segment(text, nlp=nlp).quotes[0].speaker is None
