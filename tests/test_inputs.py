"""Inputs on real news: HTML pages, .gz files, binary files, control characters, pipe(str), progress bars.

The Analyzer here runs a tiny random model without spaCy (``nlp=None``): these tests check input
handling and offsets, not scores. ``framing report``/``compare`` use the default analyzer, which
the ``default_is_tiny`` fixture swaps for the tiny one.
"""

from __future__ import annotations

import gzip
import json
import logging
import sys
from pathlib import Path
from typing import Any

import pytest
from _batch_helpers import build_tiny_model

import framing
from framing.cli import main
from framing.errors import InputTypeError, InputValueError, TextDecodeError
from framing.inputs import Document, html_to_document, read_document, replace_control_chars

PAGE = """<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="utf-8">
<title>Alliance leaders agree on new defence plan | The Daily Ledger</title>
<meta property="og:title" content="Alliance leaders agree on new defence plan">
<style>body { font-family: serif; } .cookie-banner { position: fixed; bottom: 0; }</style>
<script>window.dataLayer = window.dataLayer || []; function trackVisitor() { return "tracking pixel"; }</script>
</head>
<body>
<div class="cookie-banner" id="cookie-consent">
  <p>We use cookies to improve your experience. Accept all cookies?</p><button>Accept</button>
</div>
<header>
  <nav class="menu"><ul>
    <li><a href="/">Home</a></li><li><a href="/world">World news</a></li>
    <li><a href="/sport">Sport section</a></li><li><a href="/opinion">Opinion pages</a></li>
  </ul></nav>
</header>
<main>
<article>
<h1>Alliance leaders agree on new defence plan</h1>
<p>Leaders of the alliance agreed on Tuesday to raise defence spending over the next five years, after two
days of talks in Brussels that diplomats described as tense.</p>
<p>&quot;This is a historic day for our common security,&quot; the secretary general told reporters, adding
that Research &amp; Development budgets would double.</p>
<p>Critics called the plan a reckless gamble with taxpayers' money and warned that it would strain already
stretched national budgets across the continent.</p>
<p>The agreement still has to be ratified by the national parliaments, a process that officials expect to
take at least a year.</p>
</article>
</main>
<aside class="related"><h3>Related stories</h3>
<ul><li><a href="/a">Ten things you missed this week</a></li></ul></aside>
<footer><p>Copyright 2024 The Daily Ledger. All rights reserved. Contact the newsdesk for corrections.</p></footer>
<script>trackVisitor();</script>
</body>
</html>
"""
TITLE = "Alliance leaders agree on new defence plan"
NOT_ARTICLE = ("trackVisitor", "font-family", "cookies", "World news", "Sport section", "Copyright", "Related stories")
EMPTY_PAGE = (
    "<!doctype html><html><head><title>Nothing here</title><script>var x = 1;</script></head><body></body></html>"
)
PLAIN = "The mayor said the plan was a disaster. Critics disagreed.\n\nThe council will vote on Friday.\n"


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_model(tiny_backbone, tmp_path_factory.mktemp("inputs-model"))


@pytest.fixture(scope="module")
def analyzer(tiny_model: str) -> framing.Analyzer:
    return framing.Analyzer(tiny_model, nlp=None, device="cpu")


@pytest.fixture()
def default_is_tiny(analyzer: framing.Analyzer, monkeypatch: pytest.MonkeyPatch) -> framing.Analyzer:
    import framing.analyzer

    monkeypatch.setitem(framing.analyzer._DEFAULT, "default", analyzer)
    return analyzer


def _offsets_index(text: str, d: dict[str, Any]) -> None:
    assert d["sentences"]
    for s in d["sentences"]:
        assert text[s["start"] : s["end"]] == s["text"]
        for sp in s["spans"]:
            assert text[sp["start"] : sp["end"]] == sp["text"]


# ------------------------------------------------------------------------------------------------ HTML
def test_html_page_gives_its_main_text_with_the_title_as_headline() -> None:
    doc = html_to_document(PAGE)
    assert doc.format == "html" and doc.title == TITLE
    assert doc.text.startswith(TITLE + "\n\n")
    assert doc.text.count(TITLE) == 1  # the <h1> repeating the title is not kept twice
    assert '"This is a historic day for our common security,"' in doc.text
    assert "Research & Development" in doc.text
    assert "&quot;" not in doc.text and "&amp;" not in doc.text and "<" not in doc.text
    for junk in NOT_ARTICLE:
        assert junk not in doc.text, junk
    assert "national parliaments" in doc.text


def test_read_document_finds_html_by_name_by_content_and_inside_gz(tmp_path: Path) -> None:
    by_name = tmp_path / "page.htm"
    by_name.write_text(PAGE, encoding="utf-8")
    sniffed = tmp_path / "page.txt"
    sniffed.write_text("\n  " + PAGE, encoding="utf-8")
    packed = tmp_path / "page.html.gz"
    packed.write_bytes(gzip.compress(PAGE.encode("utf-8")))
    want = html_to_document(PAGE).text
    for p in (by_name, sniffed, packed):
        doc = read_document(p)
        assert (doc.format, doc.title, doc.text, doc.source) == ("html", TITLE, want, str(p))
    raw = read_document(by_name, input_format="text")
    assert raw.format == "text" and raw.text == PAGE
    assert framing.read_text(packed) == PAGE  # read_text: decompressed, not converted


def test_analyzer_refuses_an_html_str_and_names_the_fix(analyzer: framing.Analyzer) -> None:
    with pytest.raises(InputValueError, match=r"html_to_document\(text\).*input_format='html'"):
        analyzer.analyze(PAGE)
    doc = html_to_document(PAGE)
    for p in (analyzer.analyze(PAGE, input_format="html"), analyzer.analyze(doc)):
        assert p.text == doc.text
        assert p.meta["source"] == {"format": "html", "title": TITLE}
        d = p.to_dict()
        assert d["text"] == doc.text
        _offsets_index(doc.text, d)
    plain = analyzer.analyze(PLAIN, input_format="auto")
    assert "source" not in plain.meta and "text" not in plain.to_dict()


def test_cli_analyze_html_page_json_includes_the_text_it_indexes(
    tiny_model: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "page.html"
    f.write_text(PAGE, encoding="utf-8")
    assert main(["analyze", str(f), "--model", tiny_model, "--format", "json", "--device", "cpu"]) == 0
    d = json.loads(capsys.readouterr().out)
    assert d["meta"]["source"] == {"format": "html", "title": TITLE, "path": str(f)}
    text = d["text"]
    assert text.startswith(TITLE + "\n\n") and "trackVisitor" not in text
    assert d["sentences"][0]["text"] == TITLE
    _offsets_index(text, d)


def test_page_without_main_text_is_an_empty_profile_with_a_warning(
    analyzer: framing.Analyzer, caplog: pytest.LogCaptureFixture
) -> None:
    with caplog.at_level(logging.WARNING, logger="framing.inputs"):
        p = analyzer.analyze(EMPTY_PAGE, input_format="html")
    assert p.n_sentences == 0 and p.text == ""
    assert any("no main text" in r.getMessage() for r in caplog.records)


def test_report_and_compare_read_html(
    default_is_tiny: framing.Analyzer, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = tmp_path / "page.html"
    page.write_text(PAGE, encoding="utf-8")
    plain = tmp_path / "plain.txt"
    plain.write_text(PLAIN, encoding="utf-8")
    out = tmp_path / "r.html"
    assert main(["report", str(page), "-o", str(out)]) == 0
    html = out.read_text(encoding="utf-8")
    assert TITLE in html and "trackVisitor" not in html
    assert main(["compare", str(page), str(plain), "--format", "json", "--target", "alliance"]) == 0
    assert "trackVisitor" not in capsys.readouterr().out


# ------------------------------------------------------------------------------------------------ gzip / binary
def test_gz_text_file_is_decompressed(
    analyzer: framing.Analyzer, tiny_model: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "article.txt.gz"
    f.write_bytes(gzip.compress(PLAIN.encode("utf-8")))
    assert read_document(f) == Document(PLAIN, source=str(f))
    assert analyzer.analyze_file(f).to_dict() == analyzer.analyze(PLAIN).to_dict()
    assert main(["analyze", str(f), "--model", tiny_model, "--format", "json", "--device", "cpu"]) == 0
    d = json.loads(capsys.readouterr().out)
    _offsets_index(PLAIN, d)
    plain_named = tmp_path / "article.txt"  # gzip data under a plain name: decompressed too
    plain_named.write_bytes(gzip.compress(PLAIN.encode("utf-8")))
    assert framing.read_text(plain_named) == PLAIN


@pytest.mark.parametrize(
    ("name", "data", "says"),
    [
        ("scan.pdf", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n<< /Type /Catalog >>\nendobj\n", "PDF.*extract its text"),
        ("story.docx", b"PK\x03\x04\x14\x00\x06\x00\x08\x00word/document.xml", "ZIP.*docx.*extract its text"),
        ("photo.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "PNG image"),
        ("photo.jpg", b"\xff\xd8\xff\xe0\x00\x10JFIF", "JPEG image"),
        ("data.bin", b"some text\x00\x01\x02 more", "NUL bytes"),
    ],
)
def test_binary_files_are_refused_whatever_the_encoding(
    name: str, data: bytes, says: str, tmp_path: Path, tiny_model: str, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / name
    f.write_bytes(data)
    for enc in ("utf-8", "latin-1", "cp1252"):
        with pytest.raises(TextDecodeError, match=f"is not text.*{says}"):
            read_document(f, enc)
    with pytest.raises(TextDecodeError, match="is not text"):
        framing.read_text(f, "latin-1")
    assert main(["analyze", str(f), "--model", tiny_model, "--encoding", "latin-1"]) == 1
    err = capsys.readouterr().err
    assert "is not text" in err and "--encoding cannot" in err


def test_text_in_another_encoding_keeps_the_encoding_advice(tmp_path: Path) -> None:
    f = tmp_path / "cp.txt.gz"
    f.write_bytes(gzip.compress("Stra\u00dfe und \u201cZitat\u201d.".encode("cp1252")))
    with pytest.raises(TextDecodeError, match="not valid utf-8.*--encoding cp1252"):
        read_document(f)
    assert read_document(f, "cp1252").text == "Stra\u00dfe und \u201cZitat\u201d."
    u16 = tmp_path / "u16.txt"
    u16.write_bytes("Hallo Welt.".encode("utf-16"))
    with pytest.raises(TextDecodeError, match="--encoding utf-16"):
        read_document(u16)
    assert read_document(u16, "utf-16").text == "Hallo Welt."


# ------------------------------------------------------------------------------------------------ control characters
def test_control_characters_are_blanked_for_the_analysis_only(
    analyzer: framing.Analyzer, caplog: pytest.LogCaptureFixture
) -> None:
    dirty = "The mayor\x00 said the plan\x1b[0m was a disaster.\x07 Critics\x85 disagreed.\tThe\x0cend.\r\n"
    clean, n = replace_control_chars(dirty)
    assert n == 4 and len(clean) == len(dirty) and "\t" in clean and "\x0c" in clean and "\r\n" in clean
    with caplog.at_level(logging.WARNING, logger="framing.analyzer"):
        p = analyzer.analyze(dirty)
    ref = analyzer.analyze(clean)
    assert any("control character" in r.getMessage() for r in caplog.records)
    assert p.text == dirty and p.meta["control_characters_replaced"] == 4
    assert "control_characters_replaced" not in ref.meta
    assert [(s.start, s.end) for s in p.sentences] == [(s.start, s.end) for s in ref.sentences]
    assert [s.loaded for s in p.sentences] == [s.loaded for s in ref.sentences]
    for s in p.sentences:
        assert dirty[s.start : s.end] == s.text
    assert "\x00" in p.sentences[0].text


# ------------------------------------------------------------------------------------------------ pipe
@pytest.mark.parametrize("single", ["one string.", b"one string.", Document("one string.")])
def test_pipe_refuses_a_single_text(analyzer: framing.Analyzer, single: Any) -> None:
    with pytest.raises(InputTypeError, match=r"wrap a single text: pipe\(\[text\]\) or use analyze\(text\)"):
        list(analyzer.pipe(single))
    assert len(list(analyzer.pipe(["one string.", Document("two strings.")]))) == 2


# ------------------------------------------------------------------------------------------------ progress
@pytest.mark.parametrize("tty", [True, False])
def test_cli_progress_bar_only_on_a_terminal(
    tty: bool, tiny_model: str, tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    f = tmp_path / "a.txt"
    f.write_text(PLAIN, encoding="utf-8")
    monkeypatch.setattr(sys.stderr, "isatty", lambda: tty)
    assert main(["analyze", str(f), "--model", tiny_model, "--device", "cpu"]) == 0
    err = capsys.readouterr().err
    assert ("3/3" in err and "sent" in err) is tty  # 3 sentences, one bar over the encoder batches


# ------------------------------------------------------------------------------------------------ framing score
def _corpus(tmp_path: Path) -> Path:
    rows = [
        {"url": "a", "body": PAGE},
        {"url": "b", "body": PLAIN},
        {"url": "c", "body": EMPTY_PAGE},
    ]
    f = tmp_path / "pages.jsonl"
    f.write_text("".join(json.dumps(r) + "\n" for r in rows), encoding="utf-8")
    return f


def test_score_text_format(analyzer: framing.Analyzer, tmp_path: Path) -> None:
    import pandas as pd

    from framing.batch.files import read_table, score_file

    corpus = _corpus(tmp_path)
    common: dict[str, Any] = {"text_column": "body", "id_column": "url", "analyzer": analyzer}
    common["show_progress_bar"] = False

    out = tmp_path / "auto.jsonl"
    summary = score_file(corpus, out, text_format="auto", **common)
    arts = read_table(out).set_index("url")
    assert arts.loc["a", "status"] == "ok" and arts.loc["a", "title"] == TITLE
    assert arts.loc["b", "status"] == "ok" and pd.isna(arts.loc["b", "title"])
    assert arts.loc["c", "status"] == "empty" and "no main text" in arts.loc["c", "status_detail"]
    assert summary.ok == 2 and summary.empty == 1
    sents = read_table(tmp_path / "auto.sentences.jsonl")
    assert sents[sents.url == "a"].text.iloc[0] == TITLE
    assert not sents.text.str.contains("trackVisitor").any()

    out = tmp_path / "text.jsonl"
    summary = score_file(corpus, out, **common)  # default: text; HTML pages are skipped with the fix named
    arts = read_table(out).set_index("url")
    assert "title" not in arts.columns
    assert arts.loc["a", "status"] == "skipped: html page" and "--text-format html" in arts.loc["a", "status_detail"]
    assert arts.loc["b", "status"] == "ok" and summary.skipped == {"html page": 2}

    out = tmp_path / "html.jsonl"
    score_file(corpus, out, text_format="html", keep_parts=True, **common)
    assert read_table(out).set_index("url").loc["a", "title"] == TITLE
    with pytest.raises(framing.ConfigError, match="text_format"):  # the option is part of the resume identity
        score_file(corpus, out, text_format="auto", **common)
    score_file(corpus, out, text_format="html", **common)  # same options: resumes (nothing left to score)


def test_cli_score_text_format(tiny_model: str, tmp_path: Path) -> None:
    from framing.batch.files import read_table

    corpus = _corpus(tmp_path)
    out = tmp_path / "s.csv"
    argv = ["score", str(corpus), "-o", str(out), "--text-column", "body", "--id-column", "url", "--no-progress"]
    assert main([*argv, "--model", tiny_model, "--device", "cpu", "--text-format", "html"]) == 0
    arts = read_table(out).set_index("url")
    assert arts.loc["a", "title"] == TITLE and arts.loc["c", "status"] == "empty"


def test_indirect_claims_keep_the_callers_text_around_control_characters(tiny_model_dir: Path) -> None:
    analyzer = framing.Analyzer(tiny_model_dir, batch_size=4)  # default spaCy pipeline: claims need the parse
    dirty = "Mayor Ahmed Karimi said that the plan\x00 was a disaster. Critics disagreed.\n"
    p = analyzer.analyze(dirty)
    claims = [*p.attributions, *(a for s in p.sentences for a in s.attributions)]
    assert claims and any("\x00" in a.text for a in claims)
    for a in claims:
        assert dirty[a.start : a.end] == a.text
