"""Analyzer mechanics on a tiny random model: offsets, contract, batching, bad input, corrupt folders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SAMPLE_ARTICLE

import framing
from framing import Analyzer, ArticleProfile
from framing.errors import FramingError, InputTypeError, InputValueError, ModelLoadError, TextDecodeError
from framing.results import ATTRIBUTIONS

ARTICLE = SAMPLE_ARTICLE


@pytest.fixture(scope="module")
def analyzer(tiny_model_dir: Path) -> Analyzer:
    return Analyzer(tiny_model_dir, batch_size=4)


def test_offsets_index_the_text(analyzer: Analyzer) -> None:
    p = analyzer.analyze(ARTICLE)
    assert p.n_sentences >= 5
    for s in p.sentences:
        assert ARTICLE[s.start : s.end] == s.text
        for sp in s.spans:
            assert ARTICLE[sp.start : sp.end] == sp.text
            assert s.start <= sp.start < sp.end <= s.end
        for st in s.stance.values():
            assert set(st.scores) == {"negative", "neutral", "positive"}
            assert abs(sum(st.scores.values()) - 1.0) < 1e-4
            for a, b in st.mentions:
                assert s.start <= a < b <= s.end


def test_quote_voice_and_speaker(analyzer: Analyzer) -> None:
    p = analyzer.analyze(ARTICLE)
    quoted = [s for s in p.sentences if s.voice == "quote"]
    assert quoted and all(s.speaker == "Lopez" or s.speaker == "Maria Lopez" for s in quoted)
    assert p.words_by_voice["quote"] > 0 and p.words_by_voice["author"] > p.words_by_voice["quote"]


def test_json_contract(analyzer: Analyzer) -> None:
    d = json.loads(analyzer.analyze(ARTICLE, targets=["Lopez", "Park"]).to_json())
    sent = d["sentences"][0]
    for key in ("index", "start", "end", "text", "voice", "speaker", "loaded", "spans", "stance"):
        assert key in sent
    prof = d["profile"]
    for key in ("n_sentences", "n_words", "loaded_share", "loaded_per_100_words", "top_loaded_terms", "targets"):
        assert key in prof
    assert set(prof["loaded_per_100_words"]) == {"all", "author", "quote"}
    assert set(prof["targets"]) == {"Lopez", "Park"}
    lopez = prof["targets"]["Lopez"]
    assert lopez["mentions"] >= 2
    lo, hi = lopez["ci95"]
    assert -1.0 <= lo <= lopez["stance_mean"] <= hi <= 1.0
    assert sum(lopez["distribution"].values()) == lopez["n_sentences"]
    with_stance = [s for s in d["sentences"] if "Lopez" in s["stance"]]
    assert with_stance and set(with_stance[0]["stance"]["Lopez"]["scores"]) == {"negative", "neutral", "positive"}


def test_targets_keep_the_callers_key_kind_and_related(analyzer: Analyzer) -> None:
    text = (
        "Moscow rejected the plan. Russia said the plan was hostile, and Moscow warned Lopez. Lopez said Russia lied."
    )
    p = analyzer.analyze(text, targets=["  Lopez  ", "lopez", "Moscow", "Russia"])
    assert list(p.targets) == ["  Lopez  ", "Moscow", "Russia"]
    assert p.targets["  Lopez  "].mentions == 2
    assert p.targets["Moscow"].kind == "place" and p.targets["Moscow"].related == ("Russia",)
    assert p.targets["Russia"].related == ("Moscow",)
    d = json.loads(p.to_json())["profile"]["targets"]
    assert d["Moscow"]["kind"] == "place" and d["Moscow"]["related"] == ["Russia"]
    assert d["Moscow"]["aliases"] == ["Moscow"]  # a metonym is its own target, never an alias
    assert "Moscow [place]" in p.summary() and "same entity as: Russia" in p.summary()


def test_json_has_quote_kinds_and_attributions(analyzer: Analyzer) -> None:
    text = ARTICLE + "\nThe mayor told reporters that the budget would pass."
    d = json.loads(analyzer.analyze(text).to_json())
    assert d["quotes"]
    assert all(q["attribution"] in ATTRIBUTIONS and q["kind"] in ("direct", "partial") for q in d["quotes"])
    claims = d["attributions"]
    if analyzer.nlp is not None:  # indirect claims need the parse
        assert any(a["text"] == "that the budget would pass" and a["kind"] == "indirect" for a in claims)
        assert claims == [a for s in d["sentences"] for a in s["attributions"]]
    assert all("attributions" in s for s in d["sentences"])


def test_cues_by_voice(analyzer: Analyzer) -> None:
    p = analyzer.analyze(ARTICLE)
    assert ("so-called", 1) in p.cues["hedge"]["author"]
    assert ("insisted", 1) in p.cues["reporting_verb"]["author"]


def test_discovered_targets(analyzer: Analyzer) -> None:
    p = analyzer.analyze(ARTICLE)
    names = " ".join(p.targets)
    assert "Lopez" in names and "Park" in names


def test_pipe_matches_analyze_and_keeps_order(analyzer: Analyzer) -> None:
    texts = [ARTICLE, "", "Short one. Another sentence here.", "   \n ", ARTICLE.upper()]
    piped = list(analyzer.pipe(texts, chunk_size=2))
    assert len(piped) == len(texts)
    for text, prof in zip(texts, piped, strict=True):
        single = analyzer.analyze(text)
        assert prof.text == text
        assert [s.text for s in prof.sentences] == [s.text for s in single.sentences]
        for a, b in zip(prof.sentences, single.sentences, strict=True):
            assert a.loaded == pytest.approx(b.loaded, abs=1e-5)


@pytest.mark.parametrize("text", ["", "   ", "\n\n\t"])
def test_empty_text_gives_empty_profile(analyzer: Analyzer, text: str) -> None:
    p = analyzer.analyze(text)
    assert isinstance(p, ArticleProfile)
    assert p.n_sentences == 0 and p.n_words == 0 and p.targets == {}
    d = p.to_dict()["profile"]
    assert d["loaded_share"] is None and d["loaded_per_100_words"]["all"] is None
    json.dumps(p.to_dict(), allow_nan=False)


@pytest.mark.parametrize("bad", [b"bytes text", 42, None, ["a list"]])
def test_wrong_type_is_a_type_error(analyzer: Analyzer, bad: object) -> None:
    with pytest.raises(InputTypeError) as err:
        analyzer.analyze(bad)  # type: ignore[arg-type]
    assert isinstance(err.value, TypeError) and isinstance(err.value, FramingError)
    assert type(bad).__name__ in str(err.value)


def test_targets_must_be_a_list(analyzer: Analyzer) -> None:
    with pytest.raises(InputTypeError, match=r"\[name\]"):
        analyzer.analyze(ARTICLE, targets="Lopez")  # type: ignore[arg-type]


def test_huge_text_is_refused_with_the_fix(tiny_model_dir: Path) -> None:
    small = Analyzer(tiny_model_dir, max_chars=1000)
    with pytest.raises(InputValueError, match="max_chars"):
        small.analyze("word " * 1000)


def test_not_utf8_file_names_the_file(tmp_path: Path) -> None:
    f = tmp_path / "latin.txt"
    f.write_bytes("Caf\xe9 owners protested.".encode("latin-1"))
    with pytest.raises(TextDecodeError) as err:
        framing.read_text(f)
    assert str(f) in str(err.value) and "encoding" in str(err.value)
    assert framing.read_text(f, encoding="latin-1") == "Caf\xe9 owners protested."


def _copy(src: Path, dst: Path) -> Path:
    import shutil

    shutil.copytree(src, dst)
    return dst


def test_missing_folder(tmp_path: Path) -> None:
    with pytest.raises(ModelLoadError, match="does not exist"):
        Analyzer(tmp_path / "nope")


@pytest.mark.parametrize(
    ("damage", "message"),
    [
        (lambda d: (d / "heads.safetensors").unlink(), "missing heads.safetensors"),
        (lambda d: (d / "adapter.safetensors").unlink(), "missing adapter.safetensors"),
        (lambda d: (d / "framing_config.json").write_text("{not json"), "not valid JSON"),
        (lambda d: (d / "framing_config.json").unlink(), "has no framing_config.json"),
        (lambda d: (d / "heads.safetensors").write_bytes(b"\x00" * 10), "not a readable safetensors"),
    ],
)
def test_corrupt_model_folder(tiny_model_dir: Path, tmp_path: Path, damage, message: str) -> None:
    folder = _copy(tiny_model_dir, tmp_path / "m")
    damage(folder)
    with pytest.raises(ModelLoadError, match=message) as err:
        Analyzer(folder)
    assert str(folder) in str(err.value)


def test_adapter_checks_its_backbone(tiny_model_dir: Path, tmp_path: Path) -> None:
    folder = _copy(tiny_model_dir, tmp_path / "m")
    cfg = json.loads((folder / "framing_config.json").read_text())
    cfg["backbone_fingerprint"] = "sha256:0000000000000000"
    (folder / "framing_config.json").write_text(json.dumps(cfg))
    with pytest.raises(ModelLoadError, match="fingerprint"):
        Analyzer(folder)


def test_int8_gives_close_scores(tiny_model_dir: Path, analyzer: Analyzer) -> None:
    q = Analyzer(tiny_model_dir, precision="int8")
    a = analyzer.analyze(ARTICLE)
    b = q.analyze(ARTICLE)
    assert [s.text for s in a.sentences] == [s.text for s in b.sentences]
    assert max(abs(x.loaded - y.loaded) for x, y in zip(a.sentences, b.sentences, strict=True)) < 0.1
