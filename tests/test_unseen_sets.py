"""Structure of the unseen evaluation sets in ``benchmarks/unseen/`` (no model needed)."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

UNSEEN = Path(__file__).resolve().parents[1] / "benchmarks" / "unseen"
PAIRS = UNSEEN / "stance_pairs"
FIELDS = {"id", "phrase", "loaded", "plain", "loaded_start", "loaded_end", "plain_start", "plain_end"}


def _context_rows() -> list[dict]:
    with open(UNSEEN / "context_pairs.jsonl", encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def _stance_meta() -> dict[str, dict]:
    return json.loads((PAIRS / "pairs.json").read_text(encoding="utf-8"))


def _sentences(text: str) -> int:
    return len(re.findall(r"[.!?](?:\s|$)", text.strip()))


def test_readme_forbids_training_use() -> None:
    text = (UNSEEN / "README.md").read_text(encoding="utf-8")
    assert "Never use these files for training" in text and "model selection" in text


def test_context_pairs_fields_and_offsets() -> None:
    rows = _context_rows()
    assert len(rows) >= 12
    assert len({r["id"] for r in rows}) == len(rows)
    for r in rows:
        assert set(r) == FIELDS, r["id"]
        assert r["loaded"] != r["plain"], r["id"]
        for v in ("loaded", "plain"):
            s, e = r[f"{v}_start"], r[f"{v}_end"]
            assert 0 <= s < e <= len(r[v]), (r["id"], v)
            assert r[v][s:e].casefold() == r["phrase"].casefold(), (r["id"], v, r[v][s:e])
            # the phrase stands as whole words
            assert not r[v][s - 1 : s].isalnum() and not r[v][e : e + 1].isalnum(), (r["id"], v)


def test_context_pairs_cover_the_issue_phrases() -> None:
    phrases = [r["phrase"].casefold() for r in _context_rows()]
    assert phrases.count("in perpetuity") >= 2
    for p in ("regime", "went on to claim", "rammed through", "so-called", "bloc", "slammed", "radical", "scheme"):
        assert p in phrases, p
    assert {"admitted", "flood of"} <= set(phrases)
    assert {"despotic", "strongman"} & set(phrases)


def test_stance_pairs_complete() -> None:
    meta = _stance_meta()
    assert len(meta) >= 6
    files = {p.name for p in PAIRS.glob("*.txt")}
    expected = {f"{nn}_{v}.txt" for nn in meta for v in ("neutral", "slanted")}
    assert files == expected


@pytest.mark.parametrize("nn", sorted(_stance_meta()))
def test_stance_pair_texts(nn: str) -> None:
    info = _stance_meta()[nn]
    assert isinstance(info.get("target"), str) and info["target"].strip()
    target = re.compile(r"(?<!\w)" + re.escape(info["target"]) + r"(?!\w)", re.IGNORECASE)
    texts = {v: (PAIRS / f"{nn}_{v}.txt").read_text(encoding="utf-8") for v in ("neutral", "slanted")}
    assert texts["neutral"] != texts["slanted"]
    for v, text in texts.items():
        assert target.search(text), (nn, v, info["target"])
        assert 6 <= _sentences(text) <= 10, (nn, v, _sentences(text))
