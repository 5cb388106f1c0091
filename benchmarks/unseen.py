"""Evaluation on unseen, hand-written text (issue 12): loaded phrases in context, stance under slant.

    python benchmarks/unseen.py                          # shipped default model
    python benchmarks/unseen.py --model runs/some-model  # another framing model folder
    python benchmarks/unseen.py --json out.json          # also write every number as JSON

Sets (``benchmarks/unseen/``, see its README; never for training or model selection):

* ``context_pairs.jsonl``: one loaded phrase in an editorial and in a plain sentence. Per version:
  the highest 1 - P(O) of the span head over the phrase's subword tokens, whether the analyzer's
  output has a loaded span overlapping the phrase ("flagged", at the analyzer's span threshold), and
  the sentence's P(loaded). Counts: pairs flagged in the editorial version and not in the plain one;
  pairs whose editorial sentence scores higher than the plain one.
* ``stance_pairs/``: a neutral and a slanted (hostile, author's voice) article per invented event.
  The main target's ``stance_mean`` (with its 95% interval) in both, whether slanted < neutral, and
  ``framing.compare``'s difference slanted - neutral with its interval.
* Seed check: does the seed article's profile flag "despotic" and "in perpetuity" in the author's voice.

Each sentence of the context set is analysed as a text of its own. Nothing is downloaded.
"""

from __future__ import annotations

import argparse
import json
import time
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from _common import git_commit  # benchmarks/_common.py (scripts run from benchmarks/)

import framing
from framing.results import ArticleProfile

ROOT = Path(__file__).resolve().parents[1]
SETS = ROOT / "benchmarks" / "unseen"
SEED = ROOT.parent / "shared" / "seed" / "nato_article.txt"
SEED_PHRASES = ("despotic", "in perpetuity")
VERSIONS = ("loaded", "plain")


# ---------------------------------------------------------------------------------------------- data
def read_context_pairs(path: Path) -> list[dict[str, Any]]:
    with open(path, encoding="utf-8") as fh:
        return [json.loads(line) for line in fh if line.strip()]


def read_stance_pairs(folder: Path) -> list[dict[str, Any]]:
    """``[{"id", "target", "neutral", "slanted", ...}]`` in id order."""
    meta = json.loads((folder / "pairs.json").read_text(encoding="utf-8"))
    return [
        {
            "id": nn,
            **info,
            "neutral": (folder / f"{nn}_neutral.txt").read_text(encoding="utf-8"),
            "slanted": (folder / f"{nn}_slanted.txt").read_text(encoding="utf-8"),
        }
        for nn, info in sorted(meta.items())
    ]


# ---------------------------------------------------------------------------------------------- scores
def token_span_probability(analyzer: framing.Analyzer, text: str, start: int, end: int) -> float | None:
    """Highest 1 - P(O) of the span head over the subword tokens overlapping ``text[start:end]``.

    ``None`` when the span role is not served by a framing model (e.g. an ``hf:`` classifier).
    """
    import torch

    from framing.modeling.model import FramingModel

    roles = analyzer.roles
    if roles.span is None:
        return None
    model = analyzer.models[roles.span.model]
    if not isinstance(model, FramingModel):
        return None
    task = roles.span.task
    enc = model.tokenizer(
        text, truncation=True, max_length=model.max_length, return_offsets_mapping=True, return_tensors="pt"
    )
    with torch.inference_mode():
        logits = model(enc["input_ids"].to(model.device), enc["attention_mask"].to(model.device), [task])
        probs = model.tasks[task].task.probabilities(logits[task])[0].cpu().numpy()
    inside = [
        1.0 - float(probs[i, 0])
        for i, (s, e) in enumerate(enc["offset_mapping"][0].tolist())
        if s != e and s < end and e > start
    ]
    return max(inside) if inside else None


def _sentence_at(profile: ArticleProfile, pos: int) -> Any:
    return next((s for s in profile.sentences if s.start <= pos < s.end), None)


def _overlapping_spans(profile: ArticleProfile, start: int, end: int) -> list[Any]:
    return [sp for sp in profile.spans if sp.start < end and sp.end > start]


def eval_context(analyzer: framing.Analyzer, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    texts = [p[v] for p in pairs for v in VERSIONS]
    profiles = iter(analyzer.pipe(texts, show_progress_bar=False))
    rows = []
    for p in pairs:
        row: dict[str, Any] = {"id": p["id"], "phrase": p["phrase"]}
        for v in VERSIONS:
            prof, start, end = next(profiles), p[f"{v}_start"], p[f"{v}_end"]
            sent = _sentence_at(prof, start)
            spans = _overlapping_spans(prof, start, end)
            row[v] = {
                "token_p_max": token_span_probability(analyzer, p[v], start, end),
                "flagged": bool(spans),
                "spans": [[sp.text, sp.score] for sp in spans],
                "sentence_loaded": None if sent is None else sent.loaded,
            }
        lo, pl = row["loaded"], row["plain"]
        row["flagged_loaded_only"] = lo["flagged"] and not pl["flagged"]
        row["sentence_loaded_higher"] = (
            lo["sentence_loaded"] is not None
            and pl["sentence_loaded"] is not None
            and lo["sentence_loaded"] > pl["sentence_loaded"]
        )
        tl, tp = lo["token_p_max"], pl["token_p_max"]
        row["token_p_higher"] = None if tl is None or tp is None else tl > tp
        rows.append(row)
    n = len(rows)
    return {
        "n": n,
        "span_threshold": analyzer.span_threshold,
        "loaded_flagged": sum(r["loaded"]["flagged"] for r in rows),
        "plain_flagged": sum(r["plain"]["flagged"] for r in rows),
        "flagged_loaded_only": sum(r["flagged_loaded_only"] for r in rows),
        "token_p_higher": sum(bool(r["token_p_higher"]) for r in rows),
        "sentence_loaded_higher": sum(r["sentence_loaded_higher"] for r in rows),
        "pairs": rows,
    }


def _target_profile(profile: ArticleProfile, name: str) -> Any:
    tp = profile.targets.get(name)
    if tp is None:  # keyed as passed; fall back to a case-insensitive match
        tp = next((t for k, t in profile.targets.items() if k.casefold() == name.casefold()), None)
    return tp


def _target_dict(tp: Any) -> dict[str, Any]:
    if tp is None:
        return {"stance_mean": None, "ci95": None, "mentions": 0, "n_sentences": 0}
    return {
        "stance_mean": tp.stance_mean,
        "ci95": None if tp.ci95 is None else list(tp.ci95),
        "mentions": tp.mentions,
        "n_sentences": tp.n_sentences,
        "by_voice": tp.to_dict().get("by_voice"),
    }


def eval_stance(analyzer: framing.Analyzer, pairs: list[dict[str, Any]]) -> dict[str, Any]:
    items = [(p[v], {"targets": [p["target"]]}) for p in pairs for v in ("neutral", "slanted")]
    profiles = iter(prof for prof, _ in analyzer.pipe(items, as_tuples=True, show_progress_bar=False))
    rows = []
    for p in pairs:
        neutral, slanted = next(profiles), next(profiles)
        tn, ts = _target_profile(neutral, p["target"]), _target_profile(slanted, p["target"])
        row: dict[str, Any] = {"id": p["id"], "target": p["target"]}
        row["neutral"], row["slanted"] = _target_dict(tn), _target_dict(ts)
        for v, prof in (("neutral", neutral), ("slanted", slanted)):
            row[v]["loaded_per_100_words_author"] = prof.loaded_per_100_words.get("author")
        mn, ms = row["neutral"]["stance_mean"], row["slanted"]["stance_mean"]
        row["slanted_lower"] = mn is not None and ms is not None and ms < mn
        comp = framing.compare([neutral, slanted], names=["neutral", "slanted"], targets=[p["target"]])
        diff = next(((d, ci) for t in comp.targets for i, j, d, ci in t.differences if (i, j) == (0, 1)), None)
        row["compare_difference"] = None if diff is None else diff[0]
        row["compare_ci95"] = None if diff is None or diff[1] is None else list(diff[1])
        ci = row["compare_ci95"]
        row["compare_interval_below_zero"] = ci is not None and ci[1] < 0
        rows.append(row)
    return {
        "n": len(rows),
        "slanted_lower": sum(r["slanted_lower"] for r in rows),
        "compare_interval_below_zero": sum(r["compare_interval_below_zero"] for r in rows),
        "pairs": rows,
    }


def _shown(path: Path) -> str:
    """``path`` as the results record it: relative to the project's parent (``shared/seed/...``) when inside it."""
    try:
        return str(path.resolve().relative_to(ROOT.parent.resolve()))
    except ValueError:
        return str(path)


def eval_seed(analyzer: framing.Analyzer, path: Path = SEED) -> dict[str, Any]:
    if not path.is_file():
        return {"file": _shown(path), "status": "not available"}
    text = path.read_text(encoding="utf-8")
    prof = analyzer.analyze(text)
    author = [sp for sp in prof.spans if sp.voice == "author"]
    out: dict[str, Any] = {"file": _shown(path), "author_spans": [sp.text for sp in author], "phrases": {}}
    for phrase in SEED_PHRASES:
        start = text.lower().find(phrase)
        sent = _sentence_at(prof, start) if start >= 0 else None
        p = None
        if sent is not None:
            p = token_span_probability(analyzer, sent.text, start - sent.start, start - sent.start + len(phrase))
        out["phrases"][phrase] = {
            "flagged_author": any(phrase in sp.text.lower() for sp in author),
            "token_p_max": p,
            "sentence_voice": None if sent is None else sent.voice,
        }
    return out


# ---------------------------------------------------------------------------------------------- report
def _f(x: float | None, fmt: str = ".2f") -> str:
    return "  n/a" if x is None else format(x, fmt)


def _ci(ci: Sequence[float] | None) -> str:
    return "n/a" if ci is None else f"[{ci[0]:+.2f}, {ci[1]:+.2f}]"


def _yn(b: bool) -> str:
    return "yes" if b else "no"


def format_context(r: dict[str, Any]) -> list[str]:
    out = [
        f"Context pairs (n = {r['n']}; span threshold {r['span_threshold']:.2f}): "
        "loaded phrase in an editorial vs a plain sentence",
        f"  {'pair':<18}{'phrase':<18}{'tokP ed':>8}{'tokP pl':>8}{'flag ed':>8}{'flag pl':>8}"
        f"{'sent ed':>8}{'sent pl':>8}",
    ]
    for row in r["pairs"]:
        lo, pl = row["loaded"], row["plain"]
        out.append(
            f"  {row['id']:<18}{row['phrase']:<18}{_f(lo['token_p_max']):>8}{_f(pl['token_p_max']):>8}"
            f"{_yn(lo['flagged']):>8}{_yn(pl['flagged']):>8}"
            f"{_f(lo['sentence_loaded']):>8}{_f(pl['sentence_loaded']):>8}"
        )
    n = r["n"]
    out += [
        f"  editorial flagged {r['loaded_flagged']}/{n}, plain flagged {r['plain_flagged']}/{n}",
        f"  flagged in the editorial version and not in the plain one: {r['flagged_loaded_only']}/{n}",
        f"  token P higher in the editorial version: {r['token_p_higher']}/{n}",
        f"  editorial sentence P(loaded) > plain: {r['sentence_loaded_higher']}/{n}",
    ]
    return out


def format_stance(r: dict[str, Any]) -> list[str]:
    out = [
        f"Stance pairs (n = {r['n']}): main target's stance_mean, neutral vs slanted article",
        f"  {'pair':<5}{'target':<23}{'neutral':>8}{'slanted':>8}  {'compare slanted - neutral [95% CI]':<36}"
        f"{'author loaded/100 words':>24}",
    ]
    for row in r["pairs"]:
        n, s = row["neutral"], row["slanted"]
        comp = f"{_f(row['compare_difference'], '+.2f')} {_ci(row['compare_ci95'])}"
        dens = f"{_f(n['loaded_per_100_words_author'], '.1f')} -> {_f(s['loaded_per_100_words_author'], '.1f')}"
        out.append(
            f"  {row['id']:<5}{row['target']:<23}{_f(n['stance_mean'], '+.2f'):>8}{_f(s['stance_mean'], '+.2f'):>8}"
            f"  {comp:<36}{dens:>24}"
        )
    out += [
        f"  slanted < neutral: {r['slanted_lower']}/{r['n']}",
        f"  compare interval entirely below 0: {r['compare_interval_below_zero']}/{r['n']}",
    ]
    return out


def format_seed(r: dict[str, Any]) -> list[str]:
    out = [f"Seed article ({Path(r['file']).name}): flagged in the author's voice"]
    if "status" in r:
        return [*out, f"  {r['status']}"]
    for phrase, x in r["phrases"].items():
        out.append(f"  {phrase!r:<18}{_yn(x['flagged_author']):>4}   token P {_f(x['token_p_max'])}")
    out.append(f"  author-voice spans: {', '.join(r['author_spans']) or '(none)'}")
    return out


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--model", default="default", help='framing model folder or hub id (default: "default")')
    ap.add_argument("--nlp", default="default", help='spaCy pipeline of the text layer; "none" = rules')
    ap.add_argument("--sets", type=Path, default=SETS, help="folder with context_pairs.jsonl and stance_pairs/")
    ap.add_argument("--json", type=Path, help="write all numbers to this JSON file")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    analyzer = framing.Analyzer(model=args.model, nlp=None if args.nlp == "none" else args.nlp)
    results = {
        "context": eval_context(analyzer, read_context_pairs(args.sets / "context_pairs.jsonl")),
        "stance": eval_stance(analyzer, read_stance_pairs(args.sets / "stance_pairs")),
        "seed": eval_seed(analyzer),
    }
    meta = {
        "framing": framing.__version__,
        "commit": git_commit(),
        "model": args.model,
        "nlp": args.nlp,
        "seconds": time.perf_counter() - t0,
    }
    print(f"framing {meta['framing']} ({meta['commit']}) | model {meta['model']} | nlp {meta['nlp']}")
    for block in (format_context(results["context"]), format_stance(results["stance"]), format_seed(results["seed"])):
        print("\n" + "\n".join(block))
    if args.json:
        args.json.parent.mkdir(parents=True, exist_ok=True)
        args.json.write_text(json.dumps({"meta": meta, **results}, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
