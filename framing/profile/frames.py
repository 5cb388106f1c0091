"""Article frames in the profile: the frames head's sentence rows pooled into :class:`~framing.results.FrameScore`.

The Analyzer runs the ``frames`` head in the same encoder pass as the other heads (one row of evidence,
attention and context per sentence, see :class:`~framing.modeling.heads.FramesHead`); here the rows of
all of an article's sentences are pooled (:func:`~framing.tasks.frames.article_frames`) into each frame's
probability, its evidence sentences (largest attention weights) and the same pooling over the author's
sentences only and the quoted sentences only.

Interval: the article's sentences are resampled with replacement (:data:`BOOTSTRAP` times, seeded, so
a profile is reproducible) and pooled again; the 2.5th and 97.5th percentiles of a frame's probability
are its ``ci95``. It says how much the probability rests on a few sentences, not how right the model
is; ``compare`` combines two articles' intervals as it does for stance
(``difference ± sqrt(half_a² + half_b²)``).
"""

from __future__ import annotations

import logging
from collections.abc import Mapping, Sequence

import numpy as np

from framing.results import FrameEvidence, FrameScore, Sentence

logger = logging.getLogger(__name__)

__all__ = ["build_frames", "bootstrap_interval", "EVIDENCE_SENTENCES", "BOOTSTRAP"]

#: evidence sentences kept per frame
EVIDENCE_SENTENCES = 3
#: resamples of the sentences for each frame's interval
BOOTSTRAP = 200


def bootstrap_interval(rows: np.ndarray, n: int = BOOTSTRAP, seed: int = 0) -> np.ndarray:
    """[F, 2] 95% percentile intervals of each frame's probability over ``n`` resamples of the sentence rows."""
    from framing.tasks.frames import article_frames

    rows = np.asarray(rows, dtype=np.float64)
    rng = np.random.default_rng(seed)
    s = rows.shape[0]
    out = np.empty((rows.shape[1] // 3, 2))
    step = max(1, min(50, 2_000_000 // max(1, rows.size)))  # resamples per chunk: bounded memory for long articles
    probs = np.concatenate(
        [article_frames(rows[rng.integers(0, s, size=(min(step, n - b), s))])[0] for b in range(0, n, step)], axis=0
    )
    out[:, 0] = np.percentile(probs, 2.5, axis=0)
    out[:, 1] = np.percentile(probs, 97.5, axis=0)
    return out


def build_frames(
    sentences: Sequence[Sentence],
    rows: Sequence[np.ndarray | None],
    labels: Sequence[str],
    thresholds: Mapping[str, float],
    *,
    top_k: int = EVIDENCE_SENTENCES,
) -> dict[str, FrameScore]:
    """Each frame's :class:`FrameScore` from the sentences' head rows (``None``: the sentence was not scored)."""
    from framing.tasks.frames import article_frames

    scored = [(s, r) for s, r in zip(sentences, rows, strict=True) if r is not None]
    if not scored:
        return {}
    probs, weights = article_frames([r for _, r in scored])
    ci = bootstrap_interval(np.stack([r for _, r in scored]))
    voice_probs: dict[str, np.ndarray | None] = {}
    for voice in ("author", "quote"):
        part = [r for s, r in scored if s.voice == voice]
        voice_probs[voice] = article_frames(part)[0] if part else None
    out: dict[str, FrameScore] = {}
    for j, lab in enumerate(labels):
        order = np.argsort(-weights[:, j], kind="stable")[:top_k]
        evidence = tuple(
            FrameEvidence(
                sentence=scored[i][0].index,
                start=scored[i][0].start,
                end=scored[i][0].end,
                text=scored[i][0].text,
                weight=float(weights[i, j]),
                voice=scored[i][0].voice,
            )
            for i in order
        )
        out[lab] = FrameScore(
            name=lab,
            probability=float(probs[j]),
            threshold=float(thresholds.get(lab, 0.5)),
            evidence=evidence,
            by_voice={v: (None if p is None else float(p[j])) for v, p in voice_probs.items()},
            ci95=(min(float(ci[j, 0]), float(probs[j])), max(float(ci[j, 1]), float(probs[j]))),
        )
    return out
