"""An experiment: a learned speaker ranker (``recipes.speaker_ranker``) against the rules, on PolNeAR's even half.

    python -m recipes.speakers --data ../shared/data --out runs/speaker_ranker.json
    python -m recipes.speakers --data ../shared/data --cv-only        # the comparison, no file written

Data: PolNeAR dev (Newell, Margolin & Ruths, LREC 2018; ``polnear/dev.jsonl``), and of it only the
EVEN-numbered documents (position in the file from 0; ``half_of`` in ``benchmarks/text_layer.py``),
the development half. The odd half is held out: this script never reads its documents. PolNeAR's
article text belongs to its publishers and may not be shipped: the output holds only the fitted
weights (a few numbers per feature name), never text.

Units are the benchmark's: PolNeAR direct quotations whose gold source contains a proper name; a
unit is right when the predicted quote matched to it has a speaker sharing a name with the source.
For each matched quote the candidates of :func:`recipes.speaker_ranker.candidates` are built from the
parse-based (``nlp="default"``) rules' output; a candidate is positive when its speaker would be
right. A logistic regression (scikit-learn) scores candidates; the ranker keeps the rules' speaker
unless another candidate beats it by ``margin``.

Model selection is by document-level cross-validation inside the even half: for each outer fold
the regularisation ``C``, the ``margin`` and the ``threshold`` are chosen by an inner
cross-validation on the other folds' documents, so the reported ranker accuracy is a nested
(honest) estimate, compared with the rules' accuracy on the same units and folds. The written model
is refitted on the whole even half with the configuration the plain (non-nested) cross-validation
prefers. Note that the rules themselves were tuned on the even half's errors, so the rules'
even-half number is optimistic (and the ranker learns to trust them more than it should).

Besides the named quotations, the quotes that lie in no gold attribution at all (PolNeAR annotates
every attribution, so these have no speaker: titles, scare quotes, nicknames) are scored too
(right: no speaker), so that a ranker giving every quote a speaker is not rewarded for it.

Decision rule (:func:`beats_rules`): weights are written only when the nested CV shows the ranker at
least one point above the rules on the named quotations, no outer fold worse, and no net loss
counting both kinds of quote (``--force`` writes them anyway). At the time of writing: rules 92.0%,
ranker 92.9% (n = 226; two quotations of one document changed), quotes in no attribution left
without a speaker 64.9% vs 62.2% (n = 37). So the library keeps its rules and does not use the
ranker; the experiment stays here so it can be rerun (e.g. with another spaCy pipeline). Measured
once afterwards, with ``--force`` weights plugged into ``find_quotes`` (``benchmarks/text_layer.py --sets
polnear,own``): odd (held-out) half 79.3% vs the rules' 78.8% (n = 193), own set unchanged (94.5%);
the ranker adds about 1.5 s to the text layer's ~40 s over PolNeAR dev (one core).
"""

from __future__ import annotations

import argparse
import json
import logging
import math
import sys
import time
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from itertools import product
from pathlib import Path
from typing import Any

from framing.segment.nlp import SentenceParses, load_pipeline
from framing.segment.quotes import Source, find_quotes, is_inscription, is_scare_quote, scan_quotes, speaker_tag
from framing.segment.sentences import split_sentences
from recipes.speaker_ranker import FEATURES, Candidate, SpeakerRanker, candidates

logger = logging.getLogger(__name__)

__all__ = ["Unit", "beats_rules", "build_units", "cross_validate", "fit", "main"]

ROOT = Path(__file__).resolve().parents[1]
C_GRID = (0.03, 0.3, 3.0)
MARGIN_GRID = (0.0, 1.0, 2.0)
THRESHOLD_GRID = (0.5, 0.3, 0.2, 0.1)


def _benchmark() -> Any:
    """``benchmarks/text_layer.py`` (its unit matching and name comparison are the metric)."""
    bench = str(ROOT / "benchmarks")
    if bench not in sys.path:
        sys.path.insert(0, bench)
    import text_layer  # type: ignore[import-not-found]

    return text_layer


@dataclass
class Unit:
    """One named direct quotation: its document, the rules' answer and the ranker's candidates."""

    doc: int
    rule_ok: bool
    rule: Source | None  # the rules' speaker of the matched quote (None: no quote found)
    cands: list[Candidate]  # empty when the quote is fixed (scare quote, transcript tag) or missing
    labels: list[bool]
    partial: bool = False  # the matched quote is a phrase inside author text
    null: bool = False  # a quote inside no attribution of the gold: right when it gets no speaker


def rules_decided(text: str, sentences: list[tuple[int, int, int]], raw: Sequence[Any]) -> list[bool]:
    """For each scanned quote, whether the rules settle its speaker on purpose (a scare quote or written words
    left without one, a transcript tag naming one): a learned lever leaves these as they are."""
    return [
        is_scare_quote(text, q) or is_inscription(text, sentences, q) or speaker_tag(text, q) is not None for q in raw
    ]


def named_direct_quotes(doc: dict[str, Any], quotes: Sequence[Any]) -> Iterator[tuple[set[str], Any | None]]:
    """The benchmark's units of one PolNeAR ``doc``: each direct quotation whose gold source holds a proper name,
    as (the source's name tokens, the predicted quote of ``quotes`` matched to it, or None)."""
    tl = _benchmark()
    text = doc["text"]
    for att in doc["attributions"]:
        if not att["direct"] or not att["source"] or not tl.name_tokens(att["source"][2]):
            continue
        stretches = tl.quote_stretches(text, att["content"])
        if stretches:
            yield tl.name_tokens(att["source"][2]), tl._match_quote(text, quotes, stretches)[0]


def build_units(docs: Sequence[dict[str, Any]], nlp: Any) -> list[Unit]:
    """The benchmark's named direct-quotation units of ``docs`` (all of them: pass only the even half)."""
    tl = _benchmark()
    units: list[Unit] = []
    for d, doc in enumerate(docs):
        text = doc["text"]
        spans = split_sentences(text)
        quotes = find_quotes(text, spans, parses=SentenceParses(nlp, text))
        raw = [q for q in scan_quotes(text) if q.end > q.start]
        assert len(raw) == len(quotes)
        sources = [Source(q.speaker, q.speaker_start, q.speaker_end, q.attribution) for q in quotes]
        fixed = rules_decided(text, spans, raw)
        cands = candidates(text, spans, raw, sources, [q.kind == "partial" for q in quotes])
        index = {id(q): i for i, q in enumerate(quotes)}
        for gold, q in named_direct_quotes(doc, quotes):
            if q is None:
                units.append(Unit(d, False, None, [], []))
                continue
            i = index[id(q)]
            cs = [] if fixed[i] else cands[i]
            labels = [bool(tl.name_tokens(c.source.text) & gold) for c in cs]
            ok = bool(tl.name_tokens(q.speaker) & gold)
            units.append(Unit(d, ok, sources[i], cs, labels, q.kind == "partial"))
        owned = [(c[0], c[1]) for att in doc["attributions"] for c in att["content"]]
        for i, q in enumerate(quotes):
            if fixed[i] or any(tl.overlap((q.start, q.end), span) for span in owned):
                continue
            units.append(Unit(d, q.speaker is None, sources[i], cands[i], [False] * len(cands[i]), False, True))
    return units


def _matrix(units: Sequence[Unit]) -> tuple[list[list[float]], list[int]]:
    x = [[c.features.get(n, 0.0) for n in FEATURES] for u in units for c in u.cands]
    y = [int(lab) for u in units for lab in u.labels]
    return x, y


Config = tuple[float, float, float]  # C, margin, threshold


def fit(units: Sequence[Unit], config: Config) -> SpeakerRanker:
    """A ranker fitted (L2 logistic regression, candidates pointwise) on ``units``."""
    from sklearn.linear_model import LogisticRegression

    c, margin, threshold = config
    x, y = _matrix(units)
    model = LogisticRegression(C=c, max_iter=2000)
    model.fit(x, y)
    weights = {n: float(w) for n, w in zip(FEATURES, model.coef_[0], strict=True)}
    return SpeakerRanker(weights, float(model.intercept_[0]), margin, threshold)


def ranker_ok(ranker: SpeakerRanker, u: Unit) -> bool:
    """Whether the ranker's speaker for unit ``u`` is right."""
    if u.rule is None:
        return False
    if not u.cands:
        return u.rule_ok
    pick = ranker.choose(u.cands, u.rule)
    if u.null:
        return pick.text is None
    if pick is u.rule or pick == u.rule:
        return u.rule_ok
    return next(lab for c, lab in zip(u.cands, u.labels, strict=True) if c.source is pick)


def _folds(docs: Sequence[int], k: int) -> list[set[int]]:
    ordered = sorted(set(docs))
    return [set(ordered[i::k]) for i in range(k)]


def _cv_correct(units: Sequence[Unit], k: int, config: Config) -> int:
    total = 0
    for test in _folds([u.doc for u in units], k):
        ranker = fit([u for u in units if u.doc not in test], config)
        total += sum(ranker_ok(ranker, u) for u in units if u.doc in test)
    return total


def _select(units: Sequence[Unit], k: int) -> tuple[Config, dict[str, int]]:
    """The configuration with the most right units (named and unattributed quotes) in a ``k``-fold
    document CV; ties: the one closest to the rules (higher threshold, larger margin, smaller C)."""
    grid = {cfg: _cv_correct(units, k, cfg) for cfg in product(C_GRID, MARGIN_GRID, THRESHOLD_GRID)}
    best = max(grid, key=lambda cfg: (grid[cfg], cfg[2], cfg[1], -cfg[0]))
    return best, {f"C={c} margin={m} threshold={t}": v for (c, m, t), v in grid.items()}


def _counts(units: Sequence[Unit], ranker: SpeakerRanker) -> dict[str, int]:
    named = [u for u in units if not u.null]
    null = [u for u in units if u.null]
    return {
        "named": len(named),
        "named_rules": sum(u.rule_ok for u in named),
        "named_ranker": sum(ranker_ok(ranker, u) for u in named),
        "unowned": len(null),
        "unowned_rules": sum(u.rule_ok for u in null),
        "unowned_ranker": sum(ranker_ok(ranker, u) for u in null),
    }


def cross_validate(units: Sequence[Unit], outer: int = 6, inner: int = 5) -> dict[str, Any]:
    """Nested document-level CV: rules vs ranker on the same held-out units of each outer fold."""
    rows = []
    for f, test in enumerate(_folds([u.doc for u in units], outer)):
        train = [u for u in units if u.doc not in test]
        config, _ = _select(train, inner)
        row = {"fold": f, "documents": len(test), **_counts([u for u in units if u.doc in test], fit(train, config))}
        rows.append({**row, "C": config[0], "margin": config[1], "threshold": config[2]})
        logger.info("outer fold %d: %s", f, rows[-1])
    total = {k: sum(r[k] for r in rows) for k in rows[0] if k.startswith(("named", "unowned"))}
    return {
        "folds": rows,
        "totals": total,
        "named_rules_accuracy": total["named_rules"] / total["named"],
        "named_ranker_accuracy": total["named_ranker"] / total["named"],
        "unowned_rules_no_speaker": total["unowned_rules"] / max(1, total["unowned"]),
        "unowned_ranker_no_speaker": total["unowned_ranker"] / max(1, total["unowned"]),
        "ranker_better_folds": sum(r["named_ranker"] > r["named_rules"] for r in rows),
        "ranker_worse_folds": sum(r["named_ranker"] < r["named_rules"] for r in rows),
    }


MIN_GAIN = 0.01  # named-quotation accuracy the ranker must add in the nested CV to count as better


def beats_rules(cv: dict[str, Any]) -> bool:
    """The decision rule: the nested CV's named accuracy up by :data:`MIN_GAIN` or more, no outer fold worse,
    and no fewer right decisions over named quotations and quotes in no attribution together."""
    t = cv["totals"]
    gain = cv["named_ranker_accuracy"] - cv["named_rules_accuracy"]
    together = t["named_ranker"] + t["unowned_ranker"] >= t["named_rules"] + t["unowned_rules"]
    return gain >= MIN_GAIN and cv["ranker_worse_folds"] == 0 and together


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data", help="the shared data folder")
    ap.add_argument("--out", type=Path, default=ROOT / "runs" / "speaker_ranker.json", help="the weights (JSON)")
    ap.add_argument("--nlp", default="default", help="spaCy pipeline (the one the ranker will run with)")
    ap.add_argument("--cv-only", action="store_true", help="report the cross-validation, write no weights")
    ap.add_argument("--report", type=Path, help="also write the CV numbers as JSON here")
    ap.add_argument(
        "--force", action="store_true", help="write the weights even when the ranker does not beat the rules"
    )
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(message)s")
    tl = _benchmark()
    with open(args.data / "polnear" / "dev.jsonl", encoding="utf-8") as fh:
        all_docs = [json.loads(line) for line in fh if line.strip()]
    even = [doc for i, doc in enumerate(all_docs) if tl.half_of(i) == "even"]  # the odd half stays unread
    t0 = time.perf_counter()
    units = build_units(even, load_pipeline(args.nlp))
    n_named = sum(not u.null for u in units)
    logger.info(
        "%d even-half documents: %d named direct quotations, %d quotes in no attribution (%.1f s)",
        len(even), n_named, len(units) - n_named, time.perf_counter() - t0,
    )  # fmt: skip
    cv = cross_validate(units)
    config, grid = _select(units, 6)
    cv["plain_cv_grid_right_units"] = grid
    cv["chosen"] = {"C": config[0], "margin": config[1], "threshold": config[2]}
    logger.info(
        "nested CV on the even half: named direct quotations (n = %d) rules %.1f%%, ranker %.1f%% (better in %d "
        "folds, worse in %d); quotes in no gold attribution (n = %d) left without speaker: rules %.1f%%, ranker %.1f%%",
        cv["totals"]["named"], 100 * cv["named_rules_accuracy"], 100 * cv["named_ranker_accuracy"],
        cv["ranker_better_folds"], cv["ranker_worse_folds"], cv["totals"]["unowned"],
        100 * cv["unowned_rules_no_speaker"], 100 * cv["unowned_ranker_no_speaker"],
    )  # fmt: skip
    logger.info("plain 6-fold CV picks C=%s margin=%s threshold=%s", *config)
    if args.report:
        args.report.write_text(json.dumps(cv, indent=2) + "\n", encoding="utf-8")
    if args.cv_only:
        return 0
    if not beats_rules(cv) and not args.force:
        logger.info("the ranker does not beat the rules (see the decision rule in the docstring): no weights written")
        return 0
    ranker = fit(units, config)
    out = {
        **{k: (round(v, 6) if isinstance(v, float) else v) for k, v in ranker.to_dict().items()},
        "weights": [round(w, 6) for w in ranker.to_dict()["weights"]],
        "trained_on": "PolNeAR dev (Newell, Margolin & Ruths, LREC 2018), even-numbered documents only "
        f"({len(even)} documents, {n_named} named direct quotations); weights only, no text",
        "recipe": "python -m recipes.speakers --data ../shared/data --force",
        "nlp": args.nlp,
        "cv_even_half": {
            "named_n": cv["totals"]["named"],
            "named_rules": round(cv["named_rules_accuracy"], 4),
            "named_ranker_nested": round(cv["named_ranker_accuracy"], 4),
            "unowned_n": cv["totals"]["unowned"],
            "unowned_no_speaker_rules": round(cv["unowned_rules_no_speaker"], 4),
            "unowned_no_speaker_ranker_nested": round(cv["unowned_ranker_no_speaker"], 4),
        },
    }
    if not all(math.isfinite(w) for w in out["weights"]):
        raise SystemExit("non-finite weights")
    args.out.write_text(json.dumps(out, indent=1) + "\n", encoding="utf-8")
    logger.info("wrote %s", args.out.name)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
