from __future__ import annotations

import base64
import hashlib
import json
import re

from _profiles import S, empty_profile, make_profile, sample_profile

from framing.report.html import interval_svg, json_script, loaded_class, render_article

INJECTIONS = (
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    "</style>",
    "</script>",
    '"><svg onload=alert(1)>',
)


def _csp(html: str) -> str:
    m = re.search(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">', html)
    assert m, "no CSP meta tag"
    return m.group(1).replace("&#x27;", "'")


def test_page_is_self_contained_with_hash_csp() -> None:
    html = render_article(sample_profile(), title="T")
    csp = _csp(html)
    assert "default-src 'none'" in csp and "unsafe-inline" not in csp
    style = re.search(r"<style>(.*?)</style>", html, re.S).group(1)
    script = re.findall(r"<script>(.*?)</script>", html, re.S)
    assert len(script) == 1
    for body, directive in ((style, "style-src"), (script[0], "script-src")):
        digest = base64.b64encode(hashlib.sha256(body.encode()).digest()).decode()
        assert f"{directive} 'sha256-{digest}'" in csp
    assert not re.search(r"\b(src|href)\s*=", html)
    assert "http://" not in html.replace("http://www.w3.org", "") and "https://" not in html
    assert " style=" not in html and "@import" not in html and "url(" not in html


def test_article_highlights_quotes_and_markers() -> None:
    html = render_article(sample_profile())
    assert '<mark class="ld5" title="loaded: despotic (0.93)">despotic</mark>' in html
    assert '<mark class="ld4"' in html  # regime 0.71
    assert '<span class="spk">Mayor Ivan Petrenko</span>' in html
    assert 'class="sent q"' in html
    article = html.split('id="h-article"')[1].split("</article>")[0]
    assert article.count("<p>") == 2  # two paragraphs
    assert 'class="mk neg" title="Moscow: negative (-0.75)"' in html
    assert 'class="mk pos"' in html
    assert "<h1>" in html and '<h2 id="h-legend">Legend</h2>' in html
    assert html.count("<svg") >= 2 + 3  # interval bars + density bars


def test_json_data_block_round_trips() -> None:
    html = render_article(sample_profile())
    raw = re.search(r'<script type="application/json" id="framing-data">(.*?)</script>', html, re.S).group(1)
    data = json.loads(raw)
    s0 = data["sentences"][0]
    assert s0["spans"][0] == {"text": "despotic", "score": 0.93}
    assert s0["stance"]["Moscow"]["mentions"] == ["Moscow"]
    assert s0["stance"]["Moscow"]["value"] == -0.75


def test_json_script_escapes_markup() -> None:
    out = json_script({"x": "</script><!-- & >"}, "d")
    inner = out[len('<script type="application/json" id="d">') : -len("</script>")]
    assert "<" not in inner and ">" not in inner and "&" not in inner
    assert json.loads(inner) == {"x": "</script><!-- & >"}


def test_injection_strings_are_escaped_everywhere() -> None:
    specs = [S(f"Say {p} now.", voice="quote", speaker=p) for p in INJECTIONS]
    specs.append(
        S(
            f"Also {INJECTIONS[0]}.",
            loaded_words=[(INJECTIONS[0], 0.8)],
            stance={INJECTIONS[4]: (0.6, 0.3, 0.1)},
        )
    )
    html = render_article(make_profile([specs]), title=INJECTIONS[1])
    for p in (INJECTIONS[0], INJECTIONS[1], INJECTIONS[4]):
        assert p not in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in html
    assert "<img" not in html and "onerror=" not in html.replace("onerror=alert", "")
    assert html.count("</script>") == 2  # data block + the one real script
    assert html.count("</style>") == 1


def test_empty_profile_renders() -> None:
    html = render_article(empty_profile())
    assert "No text." in html and "No targets." in html


def test_text_without_sentences_shows_paragraphs() -> None:
    from framing.results import ArticleProfile

    html = render_article(ArticleProfile(text="One <b>.\n\nTwo."))
    assert "<p>One &lt;b&gt;.</p><p>Two.</p>" in html


def test_profile_to_html_and_helpers() -> None:
    p = sample_profile()
    assert p.to_html(title="X") == render_article(p, title="X")
    assert loaded_class(0.0) == "ld1" and loaded_class(1.0) == "ld5" and loaded_class(None) == "ld1"
    svg = interval_svg(0.5, (0.25, 0.75), "<t>", width=108)
    assert 'cx="77.0"' in svg and "&lt;t&gt;" in svg
    assert "<circle" not in interval_svg(None, None, "x")


def test_cli_report_writes_html(monkeypatch, tmp_path, capsys) -> None:
    import io

    from framing.cli import _common as _cli
    from framing.cli import main

    calls = []

    def fake(text: str, targets=None, **_):
        calls.append((text, targets))
        return sample_profile()

    monkeypatch.setattr(_cli, "analyze_text", fake)
    src = tmp_path / "story.txt"
    src.write_text("Some <text>.", encoding="utf-8")
    out = tmp_path / "report.html"
    assert main(["report", str(src), "-o", str(out), "--target", "Moscow", "--target", "Kyiv"]) == 0
    assert calls == [("Some <text>.", ["Moscow", "Kyiv"])]
    html = out.read_text(encoding="utf-8")
    assert "<title>story.txt</title>" in html and "despotic" in html
    monkeypatch.setattr("sys.stdin", io.TextIOWrapper(io.BytesIO(b"from stdin")))
    assert main(["report", "-"]) == 0
    assert calls[-1] == ("from stdin", None)
    assert capsys.readouterr().out.startswith("<!DOCTYPE html>")
    assert main(["report", str(tmp_path / "missing.txt")]) == 1
    bad = tmp_path / "bad.txt"
    bad.write_bytes(b"\xff\xfe\xfa")
    assert main(["report", str(bad)]) == 1


def test_cli_modules_do_not_import_torch() -> None:
    import subprocess
    import sys

    code = (
        "import sys, framing.cli.report, framing.cli.compare, framing.report.html, framing.report.compare;"
        "bad = [m for m in ('torch', 'transformers', 'pandas', 'matplotlib') if m in sys.modules];"
        "sys.exit(1 if bad else 0)"
    )
    assert subprocess.run([sys.executable, "-c", code], check=False).returncode == 0


def test_targets_table_shows_kind_related_and_speech() -> None:
    from dataclasses import replace

    p = sample_profile()
    name = next(iter(p.targets))
    tp = replace(p.targets[name], kind="place", related=("Russia",), quoted=2, reported=1)
    html = replace(p, targets={**p.targets, name: tp}).to_html()
    assert "place; same entity as Russia; speaks: 2 quotes, 1 reported claims" in html
