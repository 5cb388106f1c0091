"""Unlabelled stance pairs for distillation: news sentences with the mentions our target discovery finds.

    python -m recipes.pairs --data ../shared/data --out runs/pairs_semeval.jsonl

Reads the SemEval-2023 Task 3 English articles (train and dev folders, subtask 2), leaves out the
articles the recipe holds out for evaluation (``split_semeval`` with the same ``--seed``), segments
each article with the library's text layer, discovers its targets (at most ``--max-targets``) and
writes one JSON line per sentence that mentions any: ``{"text": sentence, "targets": [[[[start, end],
...], name], ...]}`` (offsets into the sentence). ``recipes.recipe --stance-pairs`` reads the file.
"""

from __future__ import annotations

import argparse
import json
import logging
from collections.abc import Iterator
from pathlib import Path

from framing.segment import segment_texts
from framing.segment.nlp import load_pipeline
from framing.targets import find_mentions, resolve_targets
from recipes.recipe import split_semeval

logger = logging.getLogger(__name__)

ARTICLE_FOLDERS = ("train-articles-subtask-2", "dev-articles-subtask-2")


def semeval_articles(data: Path, seed: int) -> list[Path]:
    """The SemEval article files the recipe may train on (its held-out articles removed)."""
    folder = data / "semeval2023_task3_en"
    _, heldout = split_semeval(data, seed)
    held = set(heldout)
    files = [p for d in ARTICLE_FOLDERS for p in sorted((folder / d).glob("*.txt"))]
    return [p for p in files if p.stem.removeprefix("article") not in held]


def article_pairs(texts: list[str], *, max_targets: int = 6, max_chars: int = 1000) -> Iterator[dict]:
    """One pair per sentence of ``texts`` that mentions a discovered target (sentences ≤ ``max_chars``)."""
    nlp = load_pipeline("default")
    for text, seg in zip(texts, segment_texts(texts, nlp=nlp), strict=True):
        spans = [(s.start, s.end) for s in seg.sentences]
        targets = resolve_targets(text, None, sentences=spans, max_targets=max_targets, parses=seg.parses)
        for s in seg.sentences:
            if len(s.text) >= max_chars:
                continue
            found = []
            for t in targets:
                ms = find_mentions(text, t, s.start, s.end)
                if ms:
                    found.append([[[a - s.start, b - s.start] for a, b in ms], t.name])
            if found:
                yield {"text": s.text, "targets": found}


def main(argv: list[str] | None = None) -> int:
    """Write the pairs file."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", type=Path, default=Path("../shared/data"))
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=42, help="the recipe seed whose held-out articles are left out")
    ap.add_argument("--max-targets", type=int, default=6)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    files = semeval_articles(args.data, args.seed)
    n_sent = n_mentions = 0
    with open(args.out, "w", encoding="utf-8") as fh:
        for i in range(0, len(files), 20):
            texts = [p.read_text(encoding="utf-8") for p in files[i : i + 20]]
            for pair in article_pairs(texts, max_targets=args.max_targets):
                fh.write(json.dumps(pair) + "\n")
                n_sent += 1
                n_mentions += len(pair["targets"])
            logger.info("%d/%d articles: %d sentences, %d targets", i + len(texts), len(files), n_sent, n_mentions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
