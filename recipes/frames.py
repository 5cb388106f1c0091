"""The frames head of the default model: trained on the shipped encoder's cached sentence embeddings.

    python -m recipes.frames --model models/framing-default --data ../shared/data \
        --cv benchmarks/results/frames_cv.json --levers \
        --out benchmarks/results/frames_heldout.json       # CV, measure, train, install (+ eval_frames.json)
    python -m recipes.frames ... --no-install              # measure only
    python -m recipes.frames ... --cv FILE --cv-only       # the cross-validation only

The encoder stays frozen (no encoder pass is added at inference: the ``frames`` head reads the same
mean-pooled token states as the other heads), so its sentence embeddings are computed once per
article sentence (``--cache``, a few minutes on one core) and the head then trains in seconds.

Two protocols, both on the SemEval-2023 Task 3 (English) subtask-2 articles:

* ``--cv``: nested 5-fold cross-validation over all labelled articles (folds seeded ``--seed``). In each
  outer fold the head's epochs and thresholds, TF-IDF's ``C`` and thresholds and the prevalence thresholds
  are chosen on ``--folds``-fold out-of-fold predictions of the training fold only; the held-out fold is
  scored. Reported: mean and sd over folds, the pooled out-of-fold micro-F1 and the head-minus-TF-IDF
  difference paired over folds. This is the protocol the head's settings (:data:`SHIPPED`) were chosen by;
  ``--levers`` also cross-validates the :data:`LEVERS` variants (each run cached under ``--cv-cache``).
* held-out: the articles ``recipes.recipe.split_semeval`` holds out (seed 42: the same 44 ids as the
  loaded-words evaluation; the labelled ones are the test set, never used for training or tuning). On
  the training articles, 5 seeded folds give out-of-fold predictions for choosing the number of epochs and
  tuning the thresholds; the shipped head is then trained on all training articles with those settings.

Baselines: a prevalence predictor (each frame predicted with its training share as probability; its
threshold tuned the same way) and TF-IDF + one-vs-rest logistic regression (scikit-learn; thresholds tuned
on out-of-fold predictions the same way).

Rerun it whenever the encoder changes (``recipes.recipe`` retrains the adapter): the embeddings, and so the
head, belong to one encoder.
"""

from __future__ import annotations

import argparse
import dataclasses
import hashlib
import json
import logging
import random
import time
from collections.abc import Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, cast

import numpy as np
import torch

from framing import FramingModel
from framing.modeling.heads import FramesHead
from framing.tasks.frames import article_sentences
from framing.training import FramesExample
from recipes import corpora
from recipes.recipe import split_semeval

logger = logging.getLogger(__name__)

__all__ = ["sentence_embeddings", "load_split", "main"]


class _HiddenLayerFramesHead(FramesHead):
    """An experiment (``--mlp N``): a hidden layer of N units (GELU) before the sentence rows. A model folder
    has no place for it, so such heads are measured, never installed."""

    def __init__(self, hidden: int, n_frames: int, dropout: float, units: int) -> None:
        super().__init__(hidden, n_frames, dropout)
        self.mlp = torch.nn.Sequential(torch.nn.Linear(hidden, units), torch.nn.GELU(), torch.nn.Dropout(dropout))
        self.out = torch.nn.Linear(units, 3 * n_frames)

    def sentence_rows(self, pooled: torch.Tensor) -> torch.Tensor:
        return cast(torch.Tensor, self.out(self.mlp(self.dropout(self.norm(pooled)))))


@torch.inference_mode()
def sentence_embeddings(model: FramingModel, sentences: Sequence[str], batch_size: int = 64) -> np.ndarray:
    """Mean-pooled last-layer token states of each sentence, as every head of ``model`` reads them ([N, H] float32).

    Sentences longer than ``model.max_length`` tokens are cut there (the Analyzer scores them in windows
    and averages the frames head's outputs over the windows; such sentences are rare in news).
    """
    from framing.modeling.heads import mean_pool

    model.eval()
    order = sorted(range(len(sentences)), key=lambda i: len(sentences[i]))
    out = np.zeros((len(sentences), int(cast(Any, model.encoder).config.hidden_size)), dtype=np.float32)
    pad = model.tokenizer.pad_token_id or 0
    for b in range(0, len(order), batch_size):
        idx = order[b : b + batch_size]
        enc = model.tokenizer([sentences[i] for i in idx], truncation=True, max_length=model.max_length)
        width = max(len(x) for x in enc["input_ids"])
        ids = torch.full((len(idx), width), pad, dtype=torch.long)
        att = torch.zeros((len(idx), width), dtype=torch.long)
        for r, x in enumerate(enc["input_ids"]):
            ids[r, : len(x)] = torch.tensor(x)
            att[r, : len(x)] = 1
        ids, att = ids.to(model.device), att.to(model.device)
        hidden = model.encoder(input_ids=ids, attention_mask=att).last_hidden_state
        out[idx] = mean_pool(hidden, att).float().cpu().numpy()
    return out


def load_split(data: Path, seed: int) -> dict[str, Any]:
    """The frames split: ``train`` / ``test`` ids and examples (test = the recipe's held-out SemEval articles)."""
    folder = data / "semeval2023_task3_en"
    _, heldout = split_semeval(data, seed)
    ids, examples = corpora.semeval_frames(folder)
    held = set(heldout)
    train = [(a, ex) for a, ex in zip(ids, examples, strict=True) if a not in held]
    test = [(a, ex) for a, ex in zip(ids, examples, strict=True) if a in held]
    return {
        "train_ids": [a for a, _ in train],
        "train": [ex for _, ex in train],
        "test_ids": [a for a, _ in test],
        "test": [ex for _, ex in test],
    }


def cache_key(model: FramingModel, sentences: Sequence[Sequence[str]]) -> str:
    """What the embeddings depend on: the backbone, the adapter's bytes, ``max_length`` and the sentences."""
    adapter = Path(model.source) / "adapter.safetensors" if model.source else None
    weights = hashlib.sha256(adapter.read_bytes()).hexdigest() if adapter is not None and adapter.is_file() else ""
    payload = [model.backbone_fingerprint, model.finetune, weights, model.max_length, list(map(list, sentences))]
    return hashlib.sha256(json.dumps(payload).encode()).hexdigest()[:16]


def cached_embeddings(model: FramingModel, articles: Sequence[FramesExample], cache: Path | None) -> list[np.ndarray]:
    """Each article's sentence embeddings ([n_sentences, H]), read from / written to ``cache`` (an ``.npz``)."""
    sents = [article_sentences(ex.text) for ex in articles]
    key = cache_key(model, sents)
    if cache is not None and cache.is_file():
        z = np.load(cache)
        if str(z["key"]) == key:
            logger.info("sentence embeddings from %s", cache)
            flat, counts = z["emb"], z["counts"]
            return list(np.split(flat, np.cumsum(counts)[:-1]))
        logger.info("%s holds embeddings of other sentences or another encoder: recomputing", cache)
    flat_sents = [s for ss in sents for s in ss]
    t0 = time.perf_counter()
    emb = sentence_embeddings(model, flat_sents)
    logger.info("embedded %d sentences of %d articles in %.0f s", len(flat_sents), len(sents), time.perf_counter() - t0)
    counts = np.array([len(ss) for ss in sents])
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cache, emb=emb, counts=counts, key=np.array(key))
    return list(np.split(emb, np.cumsum(counts)[:-1]))


# ---------------------------------------------------------------------------------------------- the head
POOLINGS = ("attention+mean", "attention", "mean", "max")


def _pool(rows: torch.Tensor, doc_index: torch.Tensor, n_docs: int, pooling: str) -> torch.Tensor:
    """Article logits under one pooling variant (the shipped head's pooling is ``attention+mean``)."""
    from framing.modeling.heads import pool_frames

    if pooling == "attention+mean":
        return pool_frames(rows, doc_index, n_docs)[0]
    f = rows.shape[-1] // 3
    if pooling == "attention":
        zero_context = torch.cat([rows[:, : 2 * f], torch.zeros_like(rows[:, 2 * f :])], dim=-1)
        return pool_frames(zero_context, doc_index, n_docs)[0]
    if pooling == "mean":
        flat_attention = torch.cat([torch.zeros_like(rows[:, : 2 * f]), rows[:, 2 * f :]], dim=-1)
        return pool_frames(flat_attention, doc_index, n_docs)[0]
    if pooling == "max":
        idx = doc_index.unsqueeze(-1).expand(-1, f)
        out = torch.full((n_docs, f), float("-inf")).scatter_reduce(0, idx, rows[:, :f], reduce="amax")
        return out
    raise ValueError(f"unknown pooling {pooling!r}; choose one of {POOLINGS}")


def _batch(embs: Sequence[np.ndarray], idx: Sequence[int]) -> tuple[torch.Tensor, torch.Tensor]:
    x = torch.from_numpy(np.concatenate([embs[i] for i in idx]))
    doc = torch.cat([torch.full((len(embs[i]),), d, dtype=torch.long) for d, i in enumerate(idx)])
    return x, doc


def _pos_weight(gold: np.ndarray, power: float) -> torch.Tensor | None:
    """BCE ``pos_weight`` per frame: ``((1 - p) / p) ** power`` of its training share ``p``, clipped to 1-20."""
    if not power:
        return None
    p = np.clip(gold.mean(0), 1.0 / max(len(gold), 1), 1.0)
    return torch.from_numpy(np.clip(((1.0 - p) / p) ** power, 1.0, 20.0).astype(np.float32))


def train_head(
    embs: Sequence[np.ndarray],
    gold: np.ndarray,
    *,
    epochs: int,
    seed: int,
    pooling: str = "attention+mean",
    lr: float = 3e-3,
    weight_decay: float = 1e-2,
    batch_size: int = 16,
    dropout: float = 0.1,
    pos_weight: float = 0.0,
    label_smoothing: float = 0.0,
    mlp: int = 0,
    eval_embs: Sequence[np.ndarray] | None = None,
    eval_every: int = 0,
) -> tuple[Any, dict[int, np.ndarray]]:
    """A :class:`~framing.modeling.heads.FramesHead` trained on cached embeddings (BCE per frame, AdamW).

    ``pos_weight``: the power of the rare-frame weighting (:func:`_pos_weight`; 0: plain BCE).
    ``label_smoothing``: targets ``y (1 - eps) + eps / 2``. With ``eval_embs`` and ``eval_every``: the
    probabilities of those articles after every ``eval_every`` epochs (for choosing the number of epochs on
    out-of-fold predictions).
    """
    torch.manual_seed(seed)
    rng = random.Random(seed)
    n_in, n_frames = embs[0].shape[1], gold.shape[1]
    head = _HiddenLayerFramesHead(n_in, n_frames, dropout, mlp) if mlp else FramesHead(n_in, n_frames, dropout)
    opt = torch.optim.AdamW(head.parameters(), lr=lr, weight_decay=weight_decay)
    y = torch.from_numpy(gold.astype(np.float32))
    if label_smoothing:
        y = y * (1.0 - label_smoothing) + label_smoothing / 2
    pw = _pos_weight(gold, pos_weight)
    snapshots: dict[int, np.ndarray] = {}
    order = list(range(len(embs)))
    for epoch in range(1, epochs + 1):
        head.train()
        rng.shuffle(order)
        for b in range(0, len(order), batch_size):
            idx = order[b : b + batch_size]
            x, doc = _batch(embs, idx)
            logits = _pool(head.sentence_rows(x), doc, len(idx), pooling)
            loss = torch.nn.functional.binary_cross_entropy_with_logits(logits, y[idx], pos_weight=pw)
            opt.zero_grad()
            loss.backward()
            opt.step()
        if eval_embs is not None and eval_every and epoch % eval_every == 0:
            snapshots[epoch] = predict_head(head, eval_embs, pooling)
    head.eval()
    return head, snapshots


@torch.inference_mode()
def predict_head(head: Any, embs: Sequence[np.ndarray], pooling: str = "attention+mean") -> np.ndarray:
    """Frame probabilities [N, F] of articles from their cached sentence embeddings."""
    was = head.training
    head.eval()
    x, doc = _batch(embs, range(len(embs)))
    probs = torch.sigmoid(_pool(head.sentence_rows(x), doc, len(embs), pooling)).numpy()
    head.train(was)
    return probs.astype(np.float64)


TUNING = ("micro", "frame", "global")
_GRID = [round(0.05 * i, 2) for i in range(1, 20)]


def _micro_f1(gold: np.ndarray, pred: np.ndarray) -> float:
    tp = float((gold * pred).sum())
    denom = float(gold.sum() + pred.sum())
    return 2 * tp / denom if denom else 0.0


def tune_thresholds(
    gold: np.ndarray, probs: np.ndarray, labels: Sequence[str], objective: str = "micro"
) -> dict[str, float]:
    """One threshold per frame (0.05 … 0.95) tuned on these (out-of-fold) predictions; ties: nearer 0.5.

    ``objective="frame"``: each frame's own F1 (what a per-frame decision wants; it favours recall on rare
    frames). ``"micro"``: the micro-F1 over all frames, by coordinate ascent from the best single threshold
    (two sweeps over the frames).
    """
    gold = np.asarray(gold, dtype=int)
    if objective == "frame":
        out = {}
        for j, lab in enumerate(labels):
            scored = [(_micro_f1(gold[:, j], (probs[:, j] >= t).astype(int)), -abs(t - 0.5), t) for t in _GRID]
            out[lab] = float(max(scored)[2])
        return out
    if objective not in ("micro", "global"):
        raise ValueError(f"objective must be one of {TUNING}, got {objective!r}")
    start = max(_GRID, key=lambda t: (_micro_f1(gold, (probs >= t).astype(int)), -abs(t - 0.5)))
    if objective == "global":
        return {lab: float(start) for lab in labels}
    cut = np.full(len(labels), start)
    for _ in range(2):
        for j in range(len(labels)):

            def score(t: float, j: int = j) -> tuple[float, float]:
                trial = cut.copy()
                trial[j] = t
                return _micro_f1(gold, (probs >= trial).astype(int)), -abs(t - start)

            cut[j] = max(_GRID, key=score)
    return {lab: float(cut[j]) for j, lab in enumerate(labels)}


def _folds(n: int, k: int, seed: int) -> list[list[int]]:
    idx = list(range(n))
    random.Random(seed).shuffle(idx)
    return [idx[i::k] for i in range(k)]


# ---------------------------------------------------------------------------------------------- settings & CV
@dataclass(frozen=True)
class HeadConfig:
    """How a head is trained and thresholded (the levers the cross-validation compares).

    ``seeds``: heads trained from that many seeds and averaged (their probabilities while measuring; the
    shipped head folds them into one, which is exact for ``mean`` pooling only). ``threshold``: the
    :func:`tune_thresholds` objective (``micro``: one threshold per frame by micro-F1 coordinate ascent;
    ``global``: one threshold for all frames; ``frame``: each frame's own F1).
    """

    pooling: str = "attention+mean"
    lr: float = 3e-3
    weight_decay: float = 1e-2
    dropout: float = 0.1
    pos_weight: float = 0.0
    label_smoothing: float = 0.0
    mlp: int = 0
    seeds: int = 1
    threshold: str = "micro"

    def train_kwargs(self) -> dict[str, Any]:
        """The keyword arguments of :func:`train_head`."""
        return {
            "pooling": self.pooling,
            "lr": self.lr,
            "weight_decay": self.weight_decay,
            "dropout": self.dropout,
            "pos_weight": self.pos_weight,
            "label_smoothing": self.label_smoothing,
            "mlp": self.mlp,
        }


SHIPPED = HeadConfig(pooling="mean", weight_decay=1.0, dropout=0.3, seeds=5)
"""The shipped head's settings (what ``--cv --levers`` chose)."""


def fit_heads(
    cfg: HeadConfig,
    embs: Sequence[np.ndarray],
    gold: np.ndarray,
    *,
    epochs: int,
    seed: int,
    eval_embs: Sequence[np.ndarray] | None = None,
    eval_every: int = 0,
) -> tuple[list[Any], dict[int, np.ndarray]]:
    """``cfg.seeds`` heads (seeds ``seed``, ``seed + 1``, …) and their averaged snapshot probabilities."""
    heads: list[Any] = []
    snaps: dict[int, list[np.ndarray]] = {}
    for s in range(cfg.seeds):
        head, sn = train_head(
            embs, gold, epochs=epochs, seed=seed + s, eval_embs=eval_embs, eval_every=eval_every, **cfg.train_kwargs()
        )
        heads.append(head)
        for ep, p in sn.items():
            snaps.setdefault(ep, []).append(p)
    return heads, {ep: _average(ps) for ep, ps in snaps.items()}


def _average(probs: Sequence[np.ndarray]) -> np.ndarray:
    """Probabilities of the heads' averaged logits (what one folded head gives for ``mean`` pooling)."""
    if len(probs) == 1:
        return probs[0]
    p = np.clip(np.stack(probs), 1e-7, 1 - 1e-7)
    return 1.0 / (1.0 + np.exp(-np.log(p / (1 - p)).mean(0)))


def predict_heads(heads: Sequence[Any], embs: Sequence[np.ndarray], pooling: str) -> np.ndarray:
    """The heads' ensemble probabilities (averaged logits)."""
    return _average([predict_head(h, embs, pooling) for h in heads])


def choose_settings(
    cfg: HeadConfig,
    embs: Sequence[np.ndarray],
    gold: np.ndarray,
    labels: Sequence[str],
    *,
    max_epochs: int,
    every: int,
    seed: int,
    k: int,
) -> dict[str, Any]:
    """Epochs and thresholds from ``k``-fold out-of-fold predictions of these (training) articles only."""
    snaps: dict[int, np.ndarray] = {}
    for fold in _folds(len(embs), k, seed):
        held = set(fold)
        tr = [i for i in range(len(embs)) if i not in held]
        _, sn = fit_heads(
            cfg,
            [embs[i] for i in tr],
            gold[tr],
            epochs=max_epochs,
            seed=seed,
            eval_embs=[embs[i] for i in fold],
            eval_every=every,
        )
        for ep, p in sn.items():
            snaps.setdefault(ep, np.zeros(gold.shape))[fold] = p
    by_epoch, tuned = {}, {}
    for ep, p in snaps.items():
        tuned[ep] = tune_thresholds(gold, p, labels, cfg.threshold)
        by_epoch[ep] = _short(_scores(gold, p, labels, tuned[ep]))
    best = max(by_epoch, key=lambda e: by_epoch[e]["micro_f1"])
    return {
        "epochs": best,
        "thresholds": tuned[best],
        "oof": by_epoch[best],
        "oof_by_epoch": by_epoch,
        "probs": snaps[best],
    }


def fit_fold(
    cfg: HeadConfig,
    embs: Sequence[np.ndarray],
    gold: np.ndarray,
    labels: Sequence[str],
    fold: Sequence[int],
    *,
    max_epochs: int,
    every: int,
    seed: int,
    k: int,
) -> tuple[list[int], dict[str, Any], list[Any]]:
    """One outer fold: the training articles (all but ``fold``), the settings chosen on them
    (:func:`choose_settings`) and the heads fitted on them with those settings."""
    held = set(fold)
    tr = [i for i in range(len(embs)) if i not in held]
    tr_embs = [embs[i] for i in tr]
    chosen = choose_settings(cfg, tr_embs, gold[tr], labels, max_epochs=max_epochs, every=every, seed=seed, k=k)
    heads, _ = fit_heads(cfg, tr_embs, gold[tr], epochs=chosen["epochs"], seed=seed)
    return tr, chosen, heads


def cv_head(
    cfg: HeadConfig,
    embs: Sequence[np.ndarray],
    gold: np.ndarray,
    labels: Sequence[str],
    folds: Sequence[Sequence[int]],
    *,
    max_epochs: int,
    every: int,
    seed: int,
    k: int,
) -> dict[str, Any]:
    """Nested cross-validation of one head setting: epochs and thresholds chosen inside each training fold.

    Returns each outer fold's scores, the test probabilities of every article (its fold's head) and the
    thresholds each article was judged with.
    """
    probs, cuts = np.zeros(gold.shape), np.zeros(gold.shape)
    per_fold = []
    for f, fold in enumerate(folds):
        _, chosen, heads = fit_fold(cfg, embs, gold, labels, fold, max_epochs=max_epochs, every=every, seed=seed, k=k)
        p = predict_heads(heads, [embs[i] for i in fold], cfg.pooling)
        probs[list(fold)] = p
        cuts[list(fold)] = [chosen["thresholds"][lab] for lab in labels]
        per_fold.append(
            {
                "fold": f,
                "epochs": chosen["epochs"],
                **_short(_scores(gold[list(fold)], p, labels, chosen["thresholds"])),
            }
        )
        logger.info("%s fold %d: %s", cfg, f, per_fold[-1])
    return {"per_fold": per_fold, "probs": probs, "cuts": cuts}


def cv_head_cached(
    cfg: HeadConfig,
    embs: Sequence[np.ndarray],
    gold: np.ndarray,
    labels: Sequence[str],
    folds: Sequence[Sequence[int]],
    *,
    max_epochs: int,
    every: int,
    seed: int,
    k: int,
    key: str,
    cache: Path | None,
) -> dict[str, Any]:
    """:func:`cv_head`, its result kept in ``cache`` (a folder) under the embeddings' ``key`` and the settings."""
    tag = json.dumps([key, [list(map(int, f)) for f in folds], max_epochs, every, seed, k, asdict(cfg), "cv1"])
    path = cache / f"{hashlib.sha256(tag.encode()).hexdigest()[:16]}.json" if cache is not None else None
    if path is not None and path.is_file():
        z = json.loads(path.read_text(encoding="utf-8"))
        return {"per_fold": z["per_fold"], "probs": np.array(z["probs"]), "cuts": np.array(z["cuts"])}
    r = cv_head(cfg, embs, gold, labels, folds, max_epochs=max_epochs, every=every, seed=seed, k=k)
    if path is not None:
        path.parent.mkdir(parents=True, exist_ok=True)
        payload = {
            "cfg": asdict(cfg),
            "per_fold": r["per_fold"],
            "probs": r["probs"].round(6).tolist(),
            "cuts": r["cuts"].tolist(),
        }
        path.write_text(json.dumps(payload), encoding="utf-8")
    return r


def fold_summary(per_fold: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """Mean and sample sd over folds of micro- and macro-F1."""
    out: dict[str, Any] = {}
    for key in ("micro_f1", "macro_f1"):
        v = np.array([f[key] for f in per_fold])
        out[key] = {"mean": round(float(v.mean()), 4), "sd": round(float(v.std(ddof=1)), 4) if len(v) > 1 else 0.0}
    return out


def paired(a: Sequence[dict[str, Any]], b: Sequence[dict[str, Any]], key: str = "micro_f1") -> dict[str, Any]:
    """Per-fold differences ``a - b`` of ``key``: each fold's, their mean and sd, and how many folds ``a`` wins."""
    d = np.array([x[key] - y[key] for x, y in zip(a, b, strict=True)])
    return {
        "per_fold": [round(float(x), 4) for x in d],
        "mean": round(float(d.mean()), 4),
        "sd": round(float(d.std(ddof=1)), 4) if len(d) > 1 else 0.0,
        "folds_won": int((d > 0).sum()),
    }


# ---------------------------------------------------------------------------------------------- baselines
def tfidf_oof_and_test(
    train_texts: Sequence[str], gold: np.ndarray, test_texts: Sequence[str], *, seed: int, c: float, k: int = 5
) -> tuple[np.ndarray, np.ndarray]:
    """TF-IDF (words 1-2-grams, sublinear tf) + one-vs-rest logistic regression: out-of-fold and test probabilities."""
    from sklearn.feature_extraction.text import TfidfVectorizer
    from sklearn.linear_model import LogisticRegression
    from sklearn.multiclass import OneVsRestClassifier
    from sklearn.pipeline import make_pipeline

    def model() -> Any:
        return make_pipeline(
            TfidfVectorizer(ngram_range=(1, 2), min_df=2, sublinear_tf=True, max_features=50_000),
            OneVsRestClassifier(LogisticRegression(C=c, max_iter=2000, class_weight="balanced")),
        )

    oof = np.zeros(gold.shape)
    for fold in _folds(len(train_texts), k, seed):
        held = set(fold)
        tr = [i for i in range(len(train_texts)) if i not in held]
        m = model().fit([train_texts[i] for i in tr], gold[tr])
        oof[fold] = m.predict_proba([train_texts[i] for i in fold])
    full = model().fit(list(train_texts), gold)
    return oof, full.predict_proba(list(test_texts))


def baselines(
    split: dict[str, Any], y_train: np.ndarray, y_test: np.ndarray, labels: list[str], seed: int, cache: Path | None
) -> dict[str, Any]:
    """The prevalence and TF-IDF baselines on the split, thresholds tuned as the head's are.

    The TF-IDF models' out-of-fold and test probabilities are kept in ``cache`` (an ``.npz``; they need no
    encoder, so ``--baselines-only`` can compute them while the embeddings are being made).
    """
    key = hashlib.sha256(json.dumps([split["train_ids"], split["test_ids"], seed, "v2"]).encode()).hexdigest()[:16]
    grid = (1.0, 10.0)
    probs: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        z = np.load(cache)
        if str(z["key"]) == key:
            logger.info("TF-IDF probabilities from %s", cache)
            probs = {k: z[k] for k in z.files if k != "key"}
    if not probs:
        train_texts = [ex.text for ex in split["train"]]
        test_texts = [ex.text for ex in split["test"]]
        for c in grid:
            probs[f"oof_{c}"], probs[f"test_{c}"] = tfidf_oof_and_test(train_texts, y_train, test_texts, seed=seed, c=c)
        if cache is not None:
            cache.parent.mkdir(parents=True, exist_ok=True)
            payload: dict[str, Any] = {"key": np.array(key), **probs}
            np.savez(cache, **payload)
    results: dict[str, Any] = {}
    prevalence = y_train.mean(0)
    prev_test = np.tile(prevalence, (len(y_test), 1))
    prev_train = np.tile(prevalence, (len(y_train), 1))
    results["baseline_prevalence_0.5"] = _scores(y_test, prev_test, labels, None)
    results["baseline_prevalence_tuned"] = _scores(
        y_test, prev_test, labels, tune_thresholds(y_train, prev_train, labels)
    )
    tfidf: dict[float, Any] = {}
    for c in grid:
        t_oof, t_test = probs[f"oof_{c}"], probs[f"test_{c}"]
        th = tune_thresholds(y_train, t_oof, labels)
        tfidf[c] = {
            "oof": _short(_scores(y_train, t_oof, labels, th)),
            "test": _scores(y_test, t_test, labels, th),
            "test_frame_tuned": _short(
                _scores(y_test, t_test, labels, tune_thresholds(y_train, t_oof, labels, "frame"))
            ),
            "test_at_0.5": _short(_scores(y_test, t_test, labels, None)),
        }
        logger.info("tfidf C=%s: out-of-fold %s", c, tfidf[c]["oof"])
    best_c = max(tfidf, key=lambda c: tfidf[c]["oof"]["micro_f1"])
    results["baseline_tfidf_logreg"] = {**tfidf[best_c]["test"], "C": best_c, "C_chosen_on": "out-of-fold micro-F1"}
    results["baseline_tfidf_logreg_frame_tuned"] = tfidf[best_c]["test_frame_tuned"]
    results["baseline_tfidf_logreg_at_0.5"] = tfidf[best_c]["test_at_0.5"]
    results["tfidf_C_grid"] = {str(c): {"oof": v["oof"], "test": _short(v["test"])} for c, v in tfidf.items()}
    return results


def cv_baselines(
    texts: Sequence[str],
    gold: np.ndarray,
    labels: Sequence[str],
    folds: Sequence[Sequence[int]],
    *,
    seed: int,
    k: int,
    cache: Path | None,
) -> dict[str, Any]:
    """Prevalence and TF-IDF baselines under the same nested cross-validation as the head.

    In each outer fold: TF-IDF's ``C`` (1 or 10) and its thresholds are chosen on ``k``-fold out-of-fold
    predictions of the training fold; the prevalence predictor's thresholds on the training fold itself.
    The TF-IDF probabilities are kept in ``cache`` (an ``.npz``).
    """
    grid = (1.0, 10.0)
    key = hashlib.sha256(json.dumps([[list(map(int, f)) for f in folds], seed, k, len(texts), "cv1"]).encode())
    key_s = key.hexdigest()[:16]
    stored: dict[str, np.ndarray] = {}
    if cache is not None and cache.is_file():
        z = np.load(cache)
        if str(z["key"]) == key_s:
            logger.info("cross-validated TF-IDF probabilities from %s", cache)
            stored = {name: z[name] for name in z.files if name != "key"}
    tfidf_folds, prev_folds = [], []
    tfidf_probs, tfidf_cuts = np.zeros(gold.shape), np.zeros(gold.shape)
    prev_probs, prev_cuts = np.zeros(gold.shape), np.zeros(gold.shape)
    for f, fold in enumerate(folds):
        held = set(fold)
        tr = [i for i in range(len(texts)) if i not in held]
        test = list(fold)
        best: tuple[float, float, dict[str, float], np.ndarray] | None = None
        for c in grid:
            name = f"f{f}_{c}"
            if f"{name}_oof" not in stored:
                stored[f"{name}_oof"], stored[f"{name}_test"] = tfidf_oof_and_test(
                    [texts[i] for i in tr], gold[tr], [texts[i] for i in test], seed=seed, c=c, k=k
                )
            th = tune_thresholds(gold[tr], stored[f"{name}_oof"], labels)
            score = _micro_f1(gold[tr], (stored[f"{name}_oof"] >= np.array([th[lab] for lab in labels])).astype(int))
            if best is None or score > best[0]:
                best = (score, c, th, stored[f"{name}_test"])
        assert best is not None
        _, c, th, p = best
        tfidf_probs[test], tfidf_cuts[test] = p, [th[lab] for lab in labels]
        tfidf_folds.append({"fold": f, "C": c, **_short(_scores(gold[test], p, labels, th))})
        share = gold[tr].mean(0)
        pth = tune_thresholds(gold[tr], np.tile(share, (len(tr), 1)), labels)
        pp = np.tile(share, (len(test), 1))
        prev_probs[test], prev_cuts[test] = pp, [pth[lab] for lab in labels]
        prev_folds.append({"fold": f, **_short(_scores(gold[test], pp, labels, pth))})
    if cache is not None:
        cache.parent.mkdir(parents=True, exist_ok=True)
        payload: dict[str, Any] = {"key": np.array(key_s), **stored}
        np.savez(cache, **payload)
    return {
        "tfidf": {"per_fold": tfidf_folds, "probs": tfidf_probs, "cuts": tfidf_cuts},
        "prevalence": {"per_fold": prev_folds, "probs": prev_probs, "cuts": prev_cuts},
    }


def _scores(gold: np.ndarray, probs: np.ndarray, labels: Sequence[str], thresholds: Any) -> dict[str, Any]:
    from framing.tasks.frames import multilabel_metrics

    return multilabel_metrics(gold, probs, labels, thresholds)


def _short(m: dict[str, Any]) -> dict[str, float]:
    return {k: round(float(m[k]), 4) for k in ("micro_f1", "macro_f1", "micro_precision", "micro_recall")}


def install_head(folder: Path, head: Any, labels: Sequence[str], thresholds: dict[str, float], info: dict) -> None:
    """Add the ``frames`` task to a model folder: its own head file, the task spec, the tuned thresholds.

    The other heads, the adapter and ``heads.safetensors`` are not touched.
    """
    from framing.modeling.model import CONFIG_NAME, _save_tensors

    cfg_path = folder / CONFIG_NAME
    cfg = json.loads(cfg_path.read_text(encoding="utf-8"))
    state = {f"{TASK}.{k}": v.detach().cpu().contiguous() for k, v in head.state_dict().items()}
    _save_tensors(state, folder / HEAD_FILE)
    cfg["tasks"] = [t for t in cfg["tasks"] if t["name"] != TASK] + [
        {"name": TASK, "kind": "frames", "labels": list(labels), "positive_label": None, "temperature": 1.0}
    ]
    extra = cfg.setdefault("extra", {})
    extra.setdefault("head_files", {})[TASK] = HEAD_FILE
    extra.setdefault("frame_thresholds", {})[TASK] = {lab: thresholds[lab] for lab in labels}
    extra.setdefault("training", {})["frames"] = info
    cfg_path.write_text(json.dumps(cfg, indent=2) + "\n", encoding="utf-8")
    logger.info("installed the %s head in %s (%s)", TASK, folder, HEAD_FILE)


TASK = "frames"
HEAD_FILE = "frames_head.safetensors"


def shippable_head(heads: Sequence[Any], pooling: str) -> Any:
    """One :class:`~framing.modeling.heads.FramesHead` that the library's ``attention+mean`` pooling turns into
    exactly the logits these heads (averaged) give under ``pooling``.

    ``attention+mean``: one head only, as it is. ``mean`` (linear heads): each head's layer norm is folded
    into its output layer and the heads' context rows are averaged (so the article logit is the mean of the
    heads' logits); the context logits are also the attention scores (evidence rows zero), so the softmax
    over sentences names the sentences with the highest logit for each frame (the profile's evidence)
    while the article logit stays their mean.
    """
    if pooling == "attention+mean":
        if len(heads) != 1:
            raise ValueError("attention+mean heads cannot be averaged into one head; train one seed")
        return heads[0]
    if pooling != "mean":
        raise ValueError(f"only attention+mean and mean heads can be installed, not {pooling!r}")
    if any(isinstance(h, _HiddenLayerFramesHead) for h in heads):
        raise ValueError("heads with a hidden layer cannot be installed (the model config has no place for it)")
    first = heads[0]
    f = first.n_frames
    merged = FramesHead(first.norm.normalized_shape[0], f, 0.0)
    n = len(heads)
    with torch.no_grad():
        merged.norm.weight.fill_(1.0)
        merged.norm.bias.zero_()
        merged.out.weight.zero_()
        merged.out.bias.zero_()
        for h in heads:  # out(norm(x)) = (W diag(gamma)) x_hat + (W beta + b): fold each layer norm, average
            ctx_w, ctx_b = h.out.weight[2 * f :], h.out.bias[2 * f :]
            merged.out.weight[2 * f :] += ctx_w * h.norm.weight / n
            merged.out.bias[2 * f :] += (ctx_w @ h.norm.bias + ctx_b) / n
        merged.out.weight[f : 2 * f] = merged.out.weight[2 * f :]
        merged.out.bias[f : 2 * f] = merged.out.bias[2 * f :]
    return merged.eval()


LEVERS: dict[str, dict[str, Any]] = {
    "first design: attention+mean, 1 seed": {},
    "mean pooling": {"pooling": "mean"},
    "hidden layer (256, GELU)": {"mlp": 256},
    "pos_weight ((1-p)/p)^0.5": {"pos_weight": 0.5},
    "label smoothing 0.1": {"label_smoothing": 0.1},
    "dropout 0.3": {"dropout": 0.3},
    "weight decay 1": {"weight_decay": 1.0},
    "learning rate 0.01": {"lr": 0.01},
    "one global threshold": {"threshold": "global"},
    "mean, weight decay 1": {"pooling": "mean", "weight_decay": 1.0},
    "mean, weight decay 3": {"pooling": "mean", "weight_decay": 3.0},
    "mean, weight decay 1, label smoothing 0.1": {"pooling": "mean", "weight_decay": 1.0, "label_smoothing": 0.1},
    "mean, weight decay 1, dropout 0.3": {"pooling": "mean", "weight_decay": 1.0, "dropout": 0.3},
    "mean, weight decay 1, 3 seeds": {"pooling": "mean", "weight_decay": 1.0, "seeds": 3},
    "mean, weight decay 1, dropout 0.3, 5 seeds": {"pooling": "mean", "weight_decay": 1.0, "dropout": 0.3, "seeds": 5},
}
"""Variants of the first design (``HeadConfig()``) that ``--levers`` cross-validates: one lever at a time, then
combinations around the best (mean pooling, weight decay 1)."""


def build_parser() -> argparse.ArgumentParser:
    """The command line (``python -m recipes.frames --help``)."""
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--data", default="../shared/data", type=Path)
    ap.add_argument("--model", default="models/framing-default", type=Path)
    ap.add_argument("--cache", default=Path("runs/frames_embeddings.npz"), type=Path)
    ap.add_argument(
        "--out",
        default=None,
        type=Path,
        help="also write the held-out results here (e.g. benchmarks/results/frames_heldout.json); the model "
        "folder gets eval_frames.json unless --no-install",
    )
    ap.add_argument("--seed", type=int, default=42)
    ap.add_argument("--max-epochs", type=int, default=15)
    ap.add_argument("--every", type=int, default=1, help="epochs between out-of-fold checks")
    ap.add_argument("--folds", type=int, default=5, help="folds of the training articles for out-of-fold predictions")
    head = ap.add_argument_group("the head (defaults: the shipped head's settings, chosen by --cv --levers)")
    default = SHIPPED
    head.add_argument("--pooling", choices=("attention+mean", "mean"), default=default.pooling)
    head.add_argument("--lr", type=float, default=default.lr)
    head.add_argument("--weight-decay", type=float, default=default.weight_decay)
    head.add_argument("--dropout", type=float, default=default.dropout)
    head.add_argument("--pos-weight", type=float, default=default.pos_weight, help="rare-frame BCE weight power")
    head.add_argument("--label-smoothing", type=float, default=default.label_smoothing)
    head.add_argument("--mlp", type=int, default=default.mlp, help="hidden units of the sentence MLP (0: linear)")
    head.add_argument("--seeds", type=int, default=default.seeds, help="heads averaged (mean pooling folds them)")
    head.add_argument("--threshold", choices=TUNING, default=default.threshold, help="threshold tuning objective")
    ap.add_argument(
        "--cv",
        default=None,
        type=Path,
        help="also run the nested 5-fold cross-validation over all labelled articles (head, TF-IDF, prevalence) "
        "and write it here (e.g. benchmarks/results/frames_cv.json); its summary goes into the held-out results",
    )
    ap.add_argument("--cv-only", action="store_true", help="only the cross-validation (nothing installed)")
    ap.add_argument("--levers", action="store_true", help="with --cv: also cross-validate the LEVERS variants")
    ap.add_argument("--cv-cache", default=Path("runs/frames_cv"), type=Path, help="folder of cached CV runs")
    ap.add_argument("--cv-baselines-cache", default=Path("runs/frames_cv_baselines.npz"), type=Path)
    ap.add_argument("--embed-only", action="store_true", help="only compute the sentence-embedding cache")
    ap.add_argument("--baselines-cache", default=Path("runs/frames_baselines.npz"), type=Path)
    ap.add_argument("--baselines-only", action="store_true", help="only run the baselines (no encoder needed)")
    ap.add_argument("--no-install", action="store_true", help="measure only; leave the model folder as it is")
    return ap


def _config(args: argparse.Namespace) -> HeadConfig:
    return HeadConfig(
        pooling=args.pooling,
        lr=args.lr,
        weight_decay=args.weight_decay,
        dropout=args.dropout,
        pos_weight=args.pos_weight,
        label_smoothing=args.label_smoothing,
        mlp=args.mlp,
        seeds=args.seeds,
        threshold=args.threshold,
    )


def _pooled(gold: np.ndarray, probs: np.ndarray, cuts: np.ndarray, labels: Sequence[str]) -> dict[str, float]:
    """Micro/macro-F1 of all articles' out-of-fold decisions taken together (each with its fold's thresholds)."""
    pred = (probs >= cuts).astype(int)
    per = [_micro_f1(gold[:, j], pred[:, j]) for j in range(len(labels))]
    return {"micro_f1": round(_micro_f1(gold, pred), 4), "macro_f1": round(float(np.mean(per)), 4)}


def run_cv(
    args: argparse.Namespace,
    cfg: HeadConfig,
    embs: Sequence[np.ndarray],
    examples: Sequence[FramesExample],
    gold: np.ndarray,
    labels: list[str],
    key: str,
) -> dict[str, Any]:
    """The nested cross-validation over all labelled articles: the head (``cfg``), baselines, levers."""
    t0 = time.perf_counter()
    folds = _folds(len(embs), 5, args.seed)
    common = {"max_epochs": args.max_epochs, "every": args.every, "seed": args.seed, "k": args.folds}
    cache = args.cv_cache
    head = cv_head_cached(cfg, embs, gold, labels, folds, key=key, cache=cache, **common)
    base = cv_baselines(
        [ex.text for ex in examples], gold, labels, folds, seed=args.seed, k=args.folds, cache=args.cv_baselines_cache
    )
    rows = {"head": head, "tfidf": base["tfidf"], "prevalence": base["prevalence"]}
    out: dict[str, Any] = {
        "protocol": (
            f"nested {len(folds)}-fold cross-validation over all {len(embs)} labelled SemEval-2023 Task 3 English "
            f"subtask-2 articles (folds seeded {args.seed}); in each outer fold the head's epochs (1-"
            f"{args.max_epochs}) and thresholds, TF-IDF's C and thresholds, and the prevalence thresholds are "
            f"chosen on the training fold only ({args.folds}-fold out-of-fold predictions); scored on the "
            "held-out fold"
        ),
        "n_articles": len(embs),
        "seed": args.seed,
        "head_config": asdict(cfg),
        "summary": {},
        "per_fold": {},
        "pooled": {},
    }
    for name, r in rows.items():
        out["summary"][name] = fold_summary(r["per_fold"])
        out["per_fold"][name] = r["per_fold"]
        out["pooled"][name] = _pooled(gold, r["probs"], r["cuts"], labels)
    out["head_minus_tfidf"] = {
        k: paired(head["per_fold"], base["tfidf"]["per_fold"], k) for k in ("micro_f1", "macro_f1")
    }
    out["head_minus_prevalence"] = paired(head["per_fold"], base["prevalence"]["per_fold"])
    per_frame = {}
    for name, r in rows.items():
        pred = (r["probs"] >= r["cuts"]).astype(int)
        per_frame[name] = {lab: round(_micro_f1(gold[:, j], pred[:, j]), 4) for j, lab in enumerate(labels)}
    out["per_frame_f1_pooled"] = per_frame
    out["support"] = {lab: int(v) for lab, v in zip(labels, gold.sum(0), strict=True)}
    if args.levers:
        levers = {}
        default = cv_head_cached(HeadConfig(), embs, gold, labels, folds, key=key, cache=cache, **common)["per_fold"]
        for name, change in LEVERS.items():
            lever_cfg = dataclasses.replace(HeadConfig(), **change)
            r = cv_head_cached(lever_cfg, embs, gold, labels, folds, key=key, cache=cache, **common)
            levers[name] = {
                **fold_summary(r["per_fold"]),
                "minus_tfidf": paired(r["per_fold"], base["tfidf"]["per_fold"])["mean"],
                "minus_default": paired(r["per_fold"], default)["mean"],
                "epochs": [f["epochs"] for f in r["per_fold"]],
            }
            logger.info("lever %s: %s", name, levers[name])
        out["levers"] = {"baseline_head": asdict(HeadConfig()), "variants": levers}
    out["wall_seconds"] = round(time.perf_counter() - t0, 1)
    return out


def main(argv: list[str] | None = None) -> int:
    """Embed, choose epochs and thresholds on out-of-fold predictions, train, score held-out articles, install."""
    args = build_parser().parse_args(argv)
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(name)s: %(message)s")
    t0 = time.perf_counter()
    split = load_split(args.data, args.seed)
    labels = list(corpora.FRAMES)
    cfg = _config(args)

    def multi_hot(examples: Sequence[FramesExample]) -> np.ndarray:
        return np.array([[lab in ex.labels for lab in labels] for ex in examples], dtype=int)

    y_train, y_test = multi_hot(split["train"]), multi_hot(split["test"])
    if args.baselines_only:
        found = baselines(split, y_train, y_test, labels, args.seed, args.baselines_cache)
        logger.info("baselines: %s", {k: _short(v) for k, v in found.items() if "micro_f1" in v})
        return 0
    model = FramingModel.from_pretrained(args.model)
    articles = split["train"] + split["test"]
    embs = cached_embeddings(model, articles, args.cache)
    if args.embed_only:
        return 0
    cv: dict[str, Any] | None = None
    if args.cv is not None:
        key = cache_key(model, [article_sentences(ex.text) for ex in articles])
        cv = run_cv(args, cfg, embs, articles, multi_hot(articles), labels, key)
        args.cv.parent.mkdir(parents=True, exist_ok=True)
        args.cv.write_text(json.dumps(cv, indent=2) + "\n", encoding="utf-8")
        logger.info("cross-validation: %s; head - TF-IDF %s", cv["summary"], cv["head_minus_tfidf"]["micro_f1"])
        if args.cv_only:
            return 0
    n_train = len(split["train"])
    train_embs, test_embs = embs[:n_train], embs[n_train:]
    # epochs and thresholds on out-of-fold predictions of the training articles (test untouched)
    chosen = choose_settings(
        cfg, train_embs, y_train, labels, max_epochs=args.max_epochs, every=args.every, seed=args.seed, k=args.folds
    )
    epochs, thresholds, oof = chosen["epochs"], chosen["thresholds"], chosen["probs"]
    logger.info("%s: best epoch %d, out-of-fold %s", cfg, epochs, chosen["oof"])
    heads, _ = fit_heads(cfg, train_embs, y_train, epochs=epochs, seed=args.seed)
    head = shippable_head(heads, cfg.pooling) if not args.no_install else None
    test_probs = predict_heads(heads, test_embs, cfg.pooling)
    if head is not None:  # the installed head gives the measured numbers
        np.testing.assert_allclose(predict_head(head, test_embs, "attention+mean"), test_probs, atol=1e-4)
    results: dict[str, Any] = {
        "head": _scores(y_test, test_probs, labels, thresholds),
        "head_frame_tuned": _short(_scores(y_test, test_probs, labels, tune_thresholds(y_train, oof, labels, "frame"))),
        "head_at_0.5": _short(_scores(y_test, test_probs, labels, None)),
    }
    prevalence = y_train.mean(0)
    results.update(baselines(split, y_train, y_test, labels, args.seed, args.baselines_cache))
    out = {
        "protocol": (
            f"SemEval-2023 Task 3 English subtask 2 ({n_train + len(split['test'])} labelled training articles); "
            "test = the labelled ones among the articles recipes.recipe.split_semeval holds out of the 446 (seed "
            f"{args.seed}); epochs and thresholds chosen on {args.folds}-fold out-of-fold predictions "
            "of the training articles only"
        ),
        "seed": args.seed,
        "n_train": n_train,
        "n_test": len(split["test"]),
        "test_ids": split["test_ids"],
        "labels": labels,
        "train_prevalence": {lab: round(float(p), 4) for lab, p in zip(labels, prevalence, strict=True)},
        "test_prevalence": {lab: int(v) for lab, v in zip(labels, y_test.sum(0), strict=True)},
        "head_config": asdict(cfg),
        "shipped_pooling": cfg.pooling,
        "epochs": epochs,
        "thresholds": thresholds,
        "oof_shipped": chosen["oof"],
        "results": results,
        "encoder": {"model": str(args.model), "backbone_fingerprint": model.backbone_fingerprint, "frozen": True},
        "wall_seconds": round(time.perf_counter() - t0, 1),
    }
    if cv is not None:
        out["cv"] = {
            k: cv[k]
            for k in (
                "protocol",
                "n_articles",
                "summary",
                "pooled",
                "head_minus_tfidf",
                "head_minus_prevalence",
                "per_frame_f1_pooled",
            )
        }
        if "levers" in cv:
            out["cv"]["levers"] = cv["levers"]
    if args.out is not None:
        args.out.parent.mkdir(parents=True, exist_ok=True)
        args.out.write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    summary = {k: _short(v) if "micro_f1" in v else v for k, v in results.items() if isinstance(v, dict)}
    logger.info("held-out results: %s", json.dumps(summary))
    if head is not None:
        info = {
            "recipe": "recipes.frames",
            "data": "SemEval-2023 Task 3 English subtask 2",
            "seed": args.seed,
            "epochs": epochs,
            "pooling": cfg.pooling,
            "head": {k: v for k, v in asdict(cfg).items() if k != "pooling"},
            "n_train_articles": n_train,
            "heldout_articles": len(split["test"]),
            "encoder_frozen": True,
        }
        install_head(args.model, head, labels, thresholds, info)
        (args.model / "eval_frames.json").write_text(json.dumps(out, indent=2) + "\n", encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
