"""Unlabelled stance pairs for distillation: news sentences with the mentions our target discovery finds.

    python -m recipes.pairs --data ../shared/data --out runs/pairs_semeval.jsonl
    python -m recipes.pairs --data ../shared/data --source anno-lexical --sentences 10000 --out runs/pairs_anno.jsonl

``--source semeval`` (the default) reads the SemEval-2023 Task 3 English articles (train and dev folders,
subtask 2) and leaves out the articles the recipe holds out for evaluation (``split_semeval`` with the
same ``--seed``). ``--source anno-lexical`` reads a seeded sample of ``--sentences`` Anno-lexical
``train`` sentences (each one a text of its own; their bias labels are not used). Each text is segmented
with the library's text layer, its targets are discovered (at most ``--max-targets``), and the file gets
one JSON line per sentence that mentions any: ``{"text": sentence, "targets": [[[[start, end], ...],
name], ...]}`` (offsets into the sentence). ``recipes.recipe --stance-pairs`` reads the file.
"""

from __future__ import annotations

import argparse
import json
import logging
import random
from collections.abc import Iterator
from pathlib import Path

from framing.segment import segment_texts
from framing.segment.nlp import load_pipeline
from framing.targets import find_mentions, resolve_targets
from recipes import corpora
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


def anno_lexical_texts(data: Path, n: int, seed: int) -> list[str]:
    """A seeded sample of ``n`` Anno-lexical ``train`` sentences (all of them when ``n`` is larger)."""
    texts = [ex.text for ex in corpora.anno_lexical_sentences(data / "anno_lexical", "train")]
    random.Random(seed).shuffle(texts)
    return texts[:n]


def article_pairs(
    texts: list[str], *, max_targets: int = 6, max_chars: int = 1000, min_mentions: int = 2
) -> Iterator[dict]:
    """One pair per sentence of ``texts`` that mentions a discovered target (sentences ≤ ``max_chars``;
    a target needs ``min_mentions`` mentions in its text: 1 for texts of one sentence)."""
    nlp = load_pipeline("default")
    for text, seg in zip(texts, segment_texts(texts, nlp=nlp), strict=True):
        spans = [(s.start, s.end) for s in seg.sentences]
        targets = resolve_targets(
            text, None, sentences=spans, max_targets=max_targets, parses=seg.parses, min_mentions=min_mentions
        )
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
    ap.add_argument("--source", choices=("semeval", "anno-lexical"), default="semeval")
    ap.add_argument("--sentences", type=int, default=10000, help="--source anno-lexical: how many sentences")
    ap.add_argument("--seed", type=int, default=42, help="the recipe seed (held-out articles; the sample)")
    ap.add_argument("--max-targets", type=int, default=6)
    args = ap.parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    if args.source == "semeval":
        files = semeval_articles(args.data, args.seed)
        chunks = [[p.read_text(encoding="utf-8") for p in files[i : i + 20]] for i in range(0, len(files), 20)]
        min_mentions = 2
    else:  # one sentence per text: a name mentioned once is a target
        texts = anno_lexical_texts(args.data, args.sentences, args.seed)
        chunks = [texts[i : i + 500] for i in range(0, len(texts), 500)]
        min_mentions = 1
    n_text = n_sent = n_mentions = 0
    total = sum(len(c) for c in chunks)
    with open(args.out, "w", encoding="utf-8") as fh:
        for chunk in chunks:
            for pair in article_pairs(chunk, max_targets=args.max_targets, min_mentions=min_mentions):
                fh.write(json.dumps(pair) + "\n")
                n_sent += 1
                n_mentions += len(pair["targets"])
            n_text += len(chunk)
            logger.info("%d/%d texts: %d sentences, %d targets", n_text, total, n_sent, n_mentions)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
