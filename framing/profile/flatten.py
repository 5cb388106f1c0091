"""Flat, fixed-schema rows for tables (pandas, Parquet, datasets) from profiles.

The article row has the same columns for every article so that chunked Parquet/CSV
writes share one schema; per-target results go into the JSON column ``targets`` and,
when the caller fixed the target list, also into ``stance.<TARGET>.*`` columns; each frame's
probability and decision into the JSON column ``frames`` (``{}`` without a frames head).
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from framing._jsonsafe import json_float
from framing.results import STANCE_LABELS, ArticleProfile, Sentence

__all__ = ["article_row", "sentence_row", "ARTICLE_COLUMNS", "SENTENCE_COLUMNS"]

ARTICLE_COLUMNS: tuple[str, ...] = (
    "n_sentences",
    "n_words",
    "words_author",
    "words_quote",
    "loaded_share",
    "loaded_per_100_words.all",
    "loaded_per_100_words.author",
    "loaded_per_100_words.quote",
    "n_spans",
    "top_loaded_terms",
    "cues",
    "targets",
    "frames",
)

SENTENCE_COLUMNS: tuple[str, ...] = (
    "sentence_index",
    "start",
    "end",
    "text",
    "voice",
    "speaker",
    "paragraph",
    "loaded",
    "spans",
    "stance",
)


def _dumps(value: Any) -> str:
    return json.dumps(value, ensure_ascii=False, allow_nan=False, separators=(",", ":"))


def article_row(profile: ArticleProfile, fixed_targets: Sequence[str] | None = None) -> dict[str, Any]:
    """One flat dict per article. ``fixed_targets`` adds ``stance.<T>.{mentions,mean,ci95_lo,ci95_hi}``."""
    d = profile.profile_dict()
    lp = d["loaded_per_100_words"]
    row: dict[str, Any] = {
        "n_sentences": d["n_sentences"],
        "n_words": d["n_words"],
        "words_author": d["words_by_voice"].get("author", 0),
        "words_quote": d["words_by_voice"].get("quote", 0),
        "loaded_share": d["loaded_share"],
        "loaded_per_100_words.all": lp.get("all"),
        "loaded_per_100_words.author": lp.get("author"),
        "loaded_per_100_words.quote": lp.get("quote"),
        "n_spans": len(profile.spans),
        "top_loaded_terms": _dumps(d["top_loaded_terms"]),
        "cues": _dumps(d["cues"]),
        "targets": _dumps(d["targets"]),
        "frames": _dumps(
            {n: {"probability": f["probability"], "present": f["present"]} for n, f in d["frames"].items()}
        ),
    }
    for name in fixed_targets or ():
        t = profile.targets.get(name)
        row[f"stance.{name}.mentions"] = t.mentions if t else 0
        row[f"stance.{name}.mean"] = json_float(t.stance_mean) if t and t.stance_mean is not None else None
        row[f"stance.{name}.ci95_lo"] = json_float(t.ci95[0]) if t and t.ci95 else None
        row[f"stance.{name}.ci95_hi"] = json_float(t.ci95[1]) if t and t.ci95 else None
    return row


def sentence_row(sentence: Sentence, fixed_targets: Sequence[str] | None = None) -> dict[str, Any]:
    """One flat dict per sentence; spans and stance as JSON strings (plus per-target columns if fixed)."""
    d = sentence.to_dict()
    row: dict[str, Any] = {
        "sentence_index": d["index"],
        "start": d["start"],
        "end": d["end"],
        "text": d["text"],
        "voice": d["voice"],
        "speaker": d["speaker"],
        "paragraph": d["paragraph"],
        "loaded": d["loaded"],
        "spans": _dumps(d["spans"]),
        "stance": _dumps(d["stance"]),
    }
    for name in fixed_targets or ():
        st = sentence.stance.get(name)
        row[f"stance.{name}.label"] = st.label if st else None
        for lab in STANCE_LABELS:
            row[f"stance.{name}.{lab}"] = json_float(st.scores.get(lab, 0.0)) if st else None
    return row
