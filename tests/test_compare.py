from __future__ import annotations

import json
from dataclasses import replace

import pytest
from _profiles import S, make_profile, sample_profile

from framing.errors import InputValueError
from framing.report.compare import compare, count_labels
from framing.results import ArticleProfile


def _outlet_b() -> ArticleProfile:
    p = make_profile(
        [
            [
                S(
                    "The Russian government said its special military operation near Kiev went to plan.",
                    stance={"Russia": (0.1, 0.6, 0.3)},
                ),
                S(
                    "Heroic troops advanced.",
                    loaded_words=[("Heroic", 0.8)],
                    stance={"Russia": (0.0, 0.3, 0.7)},
                ),
            ]
        ]
    )
    # the analyzer named the target "Russia" with alias "Moscow": it must match A's "Moscow"
    tp = replace(p.targets["Russia"], aliases=("Moscow", "Kremlin"))
    return replace(p, targets={"Russia": tp})


def test_count_labels_whole_words_case_insensitive() -> None:
    counts = count_labels("The regime in Kiev... kyiv; Regimes. Pro-life and anti-abortion groups; regimental")
    assert counts["regime / government"] == {"regime": 2, "government": 0}
    assert counts["Kiev / Kyiv"] == {"Kiev": 1, "Kyiv": 1}
    assert counts["pro-life / anti-abortion"] == {"pro-life": 1, "anti-abortion": 1}
    assert "bloc / alliance" not in counts


def test_compare_matches_targets_by_alias_and_differences() -> None:
    a, b = sample_profile(), _outlet_b()
    c = compare([a, b], names=["Left", "Right"])
    assert [t.name for t in c.targets] == ["Moscow"]
    t = c.targets[0]
    assert t.per_article[1].name == "Russia"
    i, j, d, ci = t.differences[0]
    assert (i, j) == (0, 1)
    assert d == pytest.approx(b.targets["Russia"].stance_mean - a.targets["Moscow"].stance_mean)
    assert ci[0] < d < ci[1]
    assert c.unshared_targets == {"Left": ("Kyiv",), "Right": ()}


def test_distinctive_terms_and_labels() -> None:
    c = compare([sample_profile(), _outlet_b()], names=["Left", "Right"])
    # 'regime' occurs only in Left's text; 'Heroic' only in Right's
    assert dict(c.distinctive_terms["Left"]) == {"brave": 1, "despotic": 1, "regime": 1}
    assert dict(c.distinctive_terms["Right"]) == {"heroic": 1}
    assert c.labels["Kiev / Kyiv"] == {"Left": {"Kiev": 0, "Kyiv": 2}, "Right": {"Kiev": 1, "Kyiv": 0}}
    assert c.labels["regime / government"]["Right"] == {"regime": 0, "government": 1}
    assert c.labels["invasion / special military operation"]["Right"]["special military operation"] == 1


def test_to_dict_json_safe_and_text_html() -> None:
    c = compare([sample_profile(), _outlet_b()])
    d = json.loads(json.dumps(c.to_dict(), allow_nan=False))
    assert d["names"] == ["A", "B"]
    assert d["targets"][0]["articles"]["B"]["matched_name"] == "Russia"
    assert d["targets"][0]["differences"][0]["a"] == "A"
    text = c.to_text()
    assert "Moscow" in text and "B - A:" in text and "Kiev / Kyiv" in text and "only in A: Kyiv" in text
    html = c.to_html(title="<x>")
    assert "<title>&lt;x&gt;</title>" in html and "<svg" in html and "<script>" not in html
    assert "script-src 'none'" in html.replace("&#x27;", "'")


def test_target_filter_and_errors() -> None:
    c = compare([sample_profile(), _outlet_b()], targets=["kremlin"])
    assert [t.name for t in c.targets] == ["Moscow"]
    assert compare([sample_profile(), _outlet_b()], targets=["Kyiv"]).targets == ()
    with pytest.raises(InputValueError):
        compare([sample_profile()])
    with pytest.raises(InputValueError):
        compare([sample_profile(), _outlet_b()], names=["x", "x"])


def test_cli_compare_formats(monkeypatch: pytest.MonkeyPatch, tmp_path, capsys) -> None:
    from framing.cli import _common as _cli
    from framing.cli import main

    fa, fb = tmp_path / "left.txt", tmp_path / "right.txt"
    fa.write_text("a", encoding="utf-8")
    fb.write_text("b", encoding="utf-8")
    made = {"a": sample_profile(), "b": _outlet_b()}
    seen = []

    def fake(text: str, targets=None, **_) -> ArticleProfile:
        seen.append(targets)
        return made[text]

    monkeypatch.setattr(_cli, "analyze_text", fake)
    assert main(["compare", str(fa), str(fb), "--target", "Moscow"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("Comparison of left, right") and "right - left" in out
    assert seen == [["Moscow"], ["Moscow"]]
    out_html = tmp_path / "c.html"
    assert main(["compare", str(fa), str(fb), "--format", "html", "-o", str(out_html)]) == 0
    assert out_html.read_text(encoding="utf-8").startswith("<!DOCTYPE html>")
    assert main(["compare", str(fa), str(fb), "--format", "json", "--name", "L", "--name", "R"]) == 0
    assert json.loads(capsys.readouterr().out)["names"] == ["L", "R"]
    assert main(["compare", str(fa), str(tmp_path / "missing.txt")]) == 1
