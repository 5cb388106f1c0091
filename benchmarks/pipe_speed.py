"""Time from ``import framing`` to the first profile, and ``Analyzer.pipe`` sentences/s.

    .venv/bin/python benchmarks/pipe_speed.py      # from the repository root; needs ../shared

The first figure includes importing torch/transformers and loading the default model; the second
runs the full analysis (segmentation, target discovery, one encoder pass for all heads, profiles)
over 250 articles of 8 shuffled BABE sentences.
"""

from __future__ import annotations

import json
import random
import time
from pathlib import Path

SHARED = Path(__file__).resolve().parents[2] / "shared"


def main() -> None:
    text = (SHARED / "seed" / "nato_article.txt").read_text(encoding="utf-8")
    t0 = time.perf_counter()
    import framing

    profile = framing.analyze(text)
    print(f"import framing -> first profile: {time.perf_counter() - t0:.1f} s ({profile.n_sentences} sentences)")

    with open(SHARED / "data" / "babe" / "babe_sg2.jsonl", encoding="utf-8") as fh:
        rows = [json.loads(line) for line in fh]
    random.Random(0).shuffle(rows)
    sentences = [r["text"] for r in rows[:2000]]
    articles = [" ".join(sentences[i : i + 8]) for i in range(0, len(sentences), 8)]
    analyzer = framing.Analyzer()
    list(analyzer.pipe(articles[:4]))  # warm-up
    t = time.perf_counter()
    profiles = list(analyzer.pipe(articles))
    dt = time.perf_counter() - t
    n = sum(p.n_sentences for p in profiles)
    print(f"Analyzer.pipe: {len(articles)} articles, {n} sentences in {dt:.1f} s = {n / dt:.0f} sentences/s")


if __name__ == "__main__":
    main()
