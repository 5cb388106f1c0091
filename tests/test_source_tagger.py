"""The source-tagger experiment (recipes/source_tagger.py): windows, marker offsets, speakers, folds, decisions."""

from __future__ import annotations

import pytest

from framing.segment.sentences import split_sentences
from recipes.source_tagger import (
    CLOSE,
    ELLIPSIS,
    FALLBACK_MIN,
    GRID,
    LABEL,
    OPEN,
    REPLACE_MIN,
    Tagged,
    Unit,
    adopt,
    build_window,
    choose_threshold,
    decide,
    examples_of,
    folds,
    oversample_empty,
    records_of,
    score,
    speaker_of,
    table_at,
)

TEXT = (
    "The mayor toured the site on Monday. Maria Lopez, a council member, was with him. "
    '"We will rebuild this bridge," Lopez said. Work starts in May. Nobody else spoke.'
)


def _quote(text: str = TEXT) -> tuple[int, int]:
    s = text.index("We will")
    return s, text.index(',"', s)


def _stretches(text: str, spans: list[list[int]]) -> list[tuple[int, int]]:
    return [_quote(text)]


def test_window_marks_the_anchor_and_maps_spans_both_ways() -> None:
    a, b = _quote()
    w = build_window(TEXT, split_sentences(TEXT), a, b)
    assert OPEN + TEXT[a:b] + CLOSE in w.text
    for name in ("Maria Lopez", "Lopez"):  # one before the anchor, one after it
        s = TEXT.index(name) if name == "Maria Lopez" else TEXT.index("Lopez said")
        at = w.to_window(s, s + len(name))
        assert at is not None and w.text[at[0] : at[1]] == name
        assert w.to_text(*at) == (s, s + len(name))
    assert w.to_window(a - 1, a + 2) is None  # across the opening marker
    assert "Nobody" not in w.text  # two sentences after the anchor's: outside


def test_window_drops_context_and_shortens_a_long_anchor() -> None:
    text = "Intro one here. Intro two here. " + '"' + "word " * 200 + '" said Jane Roe. Tail.'
    a = text.index("word")
    b = text.rindex("word ") + 4
    sents = split_sentences(text)
    w = build_window(text, sents, a, b, max_chars=400, keep=100)
    assert ELLIPSIS in w.text and len(w.text) <= 400
    s = text.index("Jane Roe")
    at = w.to_window(s, s + 8)
    assert at is not None and w.text[at[0] : at[1]] == "Jane Roe"
    assert w.to_window(a + 150, a + 160) is None  # the cut middle of the anchor
    assert w.to_text(w.text.index(ELLIPSIS), w.text.index(ELLIPSIS) + 2) is None
    with pytest.raises(ValueError):
        build_window(text, sents, 5, 5)


def test_examples_shift_the_gold_source_into_the_window() -> None:
    a, b = _quote()
    s = TEXT.index("Lopez said")
    far = TEXT.index("The mayor")
    doc = {
        "text": TEXT,
        "attributions": [
            {"source": [s, s + 5, "Lopez"], "content": [[a - 1, b + 2]], "direct": True},
            {"source": [far, far + 9, "The mayor"], "content": [[TEXT.index("Work"), TEXT.index(" Nobody")]]},
            {"source": None, "content": [[0, 5]], "direct": False},
        ],
    }
    doc["attributions"][1]["direct"] = False
    rows = examples_of(doc, split_sentences(TEXT), _stretches, unowned=[(0, 3)])
    assert len(rows) == 3
    (t0, spans0), (t1, spans1), (_, spans2) = rows
    assert [t0[x:y] for x, y, _ in spans0] == ["Lopez"] and spans0[0][2] == LABEL
    assert spans1 == [] and "The mayor" not in t1  # the source is three sentences before the content
    assert spans2 == []


@pytest.mark.parametrize(
    "tagged, earlier, expected",
    [
        ("Senator Jane Roe", [], "Senator Jane Roe"),
        ("she", ["the aide", "Jane Roe", None], "Jane Roe"),
        ("He", [None], None),
        ("the spokesman", ["Jane Roe"], "the spokesman"),
        ("", ["Jane Roe"], None),
        (None, [], None),
    ],
)
def test_speaker_of(tagged: str | None, earlier: list[str | None], expected: str | None) -> None:
    assert speaker_of(tagged, earlier) == expected


def test_folds_are_a_deterministic_partition() -> None:
    docs = [8, 0, 2, 4, 6, 10, 12, 2]
    a, b = folds(docs, 3), folds(list(reversed(docs)), 3)
    assert a == b == [{0, 6, 12}, {2, 8}, {4, 10}]


def _unit(rule: str | None, tagged: str, score: float, *, fixed: bool = False, null: bool = False) -> Unit:
    return Unit(0, (10, 20), rule, fixed, set() if null else {"roe"}, null, Tagged(0, 3, tagged, score))


def test_decide_falls_back_and_replaces_only_as_configured() -> None:
    units = [
        _unit(None, "Jane Roe", FALLBACK_MIN + 0.01),  # fallback
        _unit(None, "Jane Roe", FALLBACK_MIN - 0.01, null=True),  # too unsure: stays without speaker
        _unit("John Doe", "Jane Roe", REPLACE_MIN + 0.01),  # replaced only by fallback+replace
        _unit(None, "Jane Roe", 0.99, fixed=True),  # the rules decided on purpose
    ]
    for i, u in enumerate(units):
        u.span = (10 * i, 10 * i + 5)
    rules, fb, rep = (decide(units, c) for c in ("rules", "fallback", "fallback+replace"))
    assert [rules[i] for i in range(4)] == [None, None, "John Doe", None]
    assert [fb[i] for i in range(4)] == ["Jane Roe", None, "John Doe", None]
    assert [rep[i] for i in range(4)] == ["Jane Roe", None, "Jane Roe", None]


def test_adopt_needs_two_points_and_no_net_loss() -> None:
    rules = {"named": 100, "named_right": 80, "unowned": 20, "unowned_no_speaker": 10}
    win = {**rules, "named_right": 83, "unowned_no_speaker": 9}
    assert adopt({"rules": rules, "fallback": win})
    assert not adopt({"rules": rules, "fallback": {**win, "named_right": 81}})
    assert not adopt({"rules": rules, "fallback": {**win, "unowned_no_speaker": 6}})


def test_fallback_scores_bucket_the_quotes_the_rules_leave_alone() -> None:
    from recipes.source_tagger import fallback_scores

    units = [
        _unit(None, "Jane Roe", 0.7),
        _unit(None, "John Doe", 0.1),
        _unit("Jane Roe", "Jane Roe", 0.9),  # the rules gave a speaker: not counted
        _unit(None, "", 0.0, null=True),
    ]
    got = fallback_scores(units)
    assert got["named"] == {
        "rules_none": 2, "no_span": 0, "below_0.2": 1, "below_0.5": 0, "at_least_0.5": 1, "right_any": 1,
    }  # fmt: skip
    assert got["unowned"]["rules_none"] == 1 and got["unowned"]["no_span"] == 1


def test_oversample_empty_repeats_spanless_rows_deterministically() -> None:
    rows = [(f"w{i}", [(0, 1, LABEL)] if i % 3 else []) for i in range(9)]
    got = oversample_empty(rows, 3, seed=7)
    assert got == oversample_empty(rows, 3, seed=7) != oversample_empty(rows, 3, seed=8)
    assert len(got) == 6 + 3 * 3
    assert all(got.count(r) == (1 if r[1] else 3) for r in rows)
    assert oversample_empty(rows, 1) == rows
    with pytest.raises(ValueError):
        oversample_empty(rows, 0)


def _record(right_at: list[bool], *, null: bool = False) -> dict[str, object]:
    return {"fold": 0, "null": null, "rules_right": False, "right_at": right_at}


def test_choose_threshold_maximises_right_decisions_ties_to_the_higher() -> None:
    n = len(GRID)
    up_to = lambda k: [j < k for j in range(n)]  # noqa: E731  right at the k lowest thresholds
    from_ = lambda k: [j >= k for j in range(n)]  # noqa: E731  right from the k-th threshold on
    recs = [_record(up_to(3)), _record(from_(5), null=True), _record(from_(5), null=True)]
    assert choose_threshold(recs) == GRID[-1]  # 2 right from index 5 on: the highest such
    recs = [_record(up_to(6)), _record(up_to(6)), _record(from_(5), null=True)]
    assert choose_threshold(recs) == GRID[5]  # 3 right only at index 5
    assert choose_threshold([_record([False] * n)]) == GRID[-1]  # all tied


def test_records_reproduce_the_table_of_decide() -> None:
    units = [
        _unit(None, "Jane Roe", 0.42),
        _unit(None, "John Doe", 0.8),
        _unit(None, "Jane Roe", 0.62, null=True),
        _unit("Jane Roe", "John Doe", 0.99),
        _unit(None, "Jane Roe", 0.99, fixed=True),
    ]
    for i, u in enumerate(units):
        u.span = (10 * i, 10 * i + 5)
    recs = records_of(units, fold=0)
    assert [r["asked"] for r in recs] == [True, True, True, False, False]
    assert [r["score"] for r in recs][:3] == [0.42, 0.8, 0.62]
    assert all(set(type(v) for v in r.values()) <= {int, float, bool, list, type(None)} for r in recs)
    for t in GRID:
        got = table_at(recs, t)
        assert got["fallback"] == score(units, "fallback", t)
        assert got["rules"] == score(units, "rules")
    # 2 right at <= 0.4 (Jane Roe filled in) and at >= 0.65 (the null quote left alone), 1 between: tie
    assert [sum(r["right_at"][j] for r in recs) for j in (0, 2, 3, 7, 13)] == [2, 2, 1, 2, 2]
    assert choose_threshold(recs) == GRID[-1]
