"""Distillation data for the recipe: a teacher's probabilities on gold and unlabelled examples.

    python -m recipes.recipe --teacher runs/teacher-stance --stance-pairs runs/pairs_semeval.jsonl ...
    python -m recipes.recipe --span-teacher runs/teacher-words --span-sentences 20000 ...

The gold stance examples keep their labels and gain the teacher's class probabilities as ``soft``
rows; the unlabelled (sentence, mentions) pairs of ``--stance-pairs`` (one JSON object per line:
``{"text": ..., "targets": [[[[start, end], ...], name], ...]}``, as ``recipes.pairs`` writes them)
take the teacher's top class as label. Teacher rows are cached one line per example, keyed by the
example's text and mentions, so a rerun (or a resumed run) labels only what is new.

Spans likewise (:func:`soft_spans`): every gold span example gains the span teacher's tag probabilities
per teacher token, and unlabelled sentences take the spans the teacher finds as labels; cached by text.
Sentences too (:func:`soft_sentences`): gold and weakly labelled sentences (Anno-lexical's LLM labels)
keep their labels and gain the sentence teacher's class probabilities; cached by text.
"""

from __future__ import annotations

import dataclasses
import hashlib
import json
import logging
import random
from collections.abc import Callable, Iterable, Mapping, Sequence
from pathlib import Path
from typing import Any

from framing import FramingModel
from framing.errors import ConfigError, DataError
from framing.tasks import StanceTask, TaskSpec
from framing.training.distill import teacher_targets
from framing.training.examples import SentenceExample, SpanExample, StanceExample, StanceTarget

logger = logging.getLogger(__name__)

STANCE = "stance"
LOADED_WORDS = "loaded_words"
LOADED = "loaded"
_LOADED_LABELS = ("non-biased", "biased")  # the recipe's sentence head, in its order
# the recipe's stance labels, in its head's order (the teacher and the student share them)
_STANCE_KIND = StanceTask(TaskSpec(STANCE, "stance", ("negative", "neutral", "positive")))


def read_pairs(path: Path, *, limit: int | None = None, seed: int = 42) -> list[StanceExample]:
    """The unlabelled pairs in ``path`` (placeholder label ``neutral``); ``limit`` keeps a seeded sample."""
    examples = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            try:
                row = json.loads(line)
                targets = tuple(
                    StanceTarget(tuple((int(s), int(e)) for s, e in spans), "neutral") for spans, _ in row["targets"]
                )
                examples.append(StanceExample(str(row["text"]), targets))
            except (ValueError, KeyError, TypeError) as exc:
                raise DataError(
                    f"{path}, line {n}: not a stance pair ({exc}); expected "
                    '{"text": ..., "targets": [[[[start, end], ...], name], ...]}'
                ) from exc
    if limit is not None and limit < len(examples):
        random.Random(seed).shuffle(examples)
        examples = examples[:limit]
    return [ex for ex in examples if ex.targets]


def _digest(text: str) -> str:
    """A cache key: the first 32 hex digits of ``text``'s SHA-256."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:32]


def _key(ex: StanceExample) -> str:
    mentions = [list(map(list, t.mentions)) for t in ex.targets]
    return _digest(json.dumps([ex.text, mentions]))


def _cache_lines(path: Path | None) -> list[dict[str, Any]]:
    """The JSON objects of a teacher cache file, one per line (none when there is no file yet)."""
    if path is None or not path.is_file():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]


def _append_cache(path: Path, rows: Iterable[dict[str, Any]]) -> None:
    """Add ``rows`` to a teacher cache file, one JSON object per line."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a", encoding="utf-8") as fh:
        fh.writelines(json.dumps(row) + "\n" for row in rows)


def _read_cache(path: Path | None) -> dict[str, list[list[float]]]:
    return {row["key"]: row["soft"] for row in _cache_lines(path)}


def soft_stance(
    teacher: Path,
    gold: Sequence[StanceExample],
    pairs: Sequence[StanceExample] = (),
    *,
    cache: Path | None = None,
    batch_size: int = 32,
) -> list[StanceExample]:
    """``gold`` with the teacher's stance rows as ``soft`` targets, then ``pairs`` labelled by the teacher.

    Rows already in ``cache`` are reused; the teacher is loaded only when some are missing.
    """
    examples = [*gold, *pairs]
    keys = [_key(ex) for ex in examples]
    known = _read_cache(cache)
    _fill(known, keys, examples, lambda todo: _teacher_rows(teacher, todo, cache, batch_size), "stance")
    return [
        _with_rows(ex, known[k], relabel=i >= len(gold)) for i, (ex, k) in enumerate(zip(examples, keys, strict=True))
    ]


def _fill(
    known: dict[str, Any],
    keys: list[str],
    examples: Sequence[Any],
    compute: Callable[[list[Any]], Mapping[str, Any]],
    what: str,
) -> None:
    """Add to ``known`` (the cache) the teacher rows ``compute(todo)`` gives for the examples it lacks;
    the teacher is loaded only when some are missing."""
    todo = list({k: ex for k, ex in zip(keys, examples, strict=True) if k not in known}.values())
    logger.info("%s teacher rows: %d example(s), %d to compute", what, len(examples), len(todo))
    if todo:
        known.update(compute(todo))


def _teacher_rows(
    teacher: Path, todo: list[StanceExample], cache: Path | None, batch_size: int
) -> dict[str, list[list[float]]]:
    model = _classifier_teacher(teacher, STANCE, _STANCE_KIND.spec.labels, "the teacher")
    labelled = teacher_targets(model, STANCE, todo, batch_size=batch_size, show_progress_bar=True)
    fresh = {_key(ex): [list(t.soft or ()) for t in ex.targets] for ex in labelled}
    if cache is not None:
        _append_cache(cache, ({"key": k, "soft": v} for k, v in fresh.items()))
    return fresh


def _classifier_teacher(teacher: Path, task: str, labels: Sequence[str], role: str) -> FramingModel:
    """The model in ``teacher``; ``ConfigError`` unless its head ``task`` has ``labels`` in this order."""
    model = FramingModel.from_pretrained(teacher)
    has = model.tasks[task].labels if task in model.tasks else None
    if has != tuple(labels):
        raise ConfigError(f"{role} needs a {task!r} head with labels {tuple(labels)}; it has {has}")
    return model


def _with_rows(ex: StanceExample, rows: list[list[float]], relabel: bool) -> StanceExample:
    """``ex`` with ``rows`` as its targets' ``soft`` rows, through the stance kind's own method."""
    return _STANCE_KIND.with_soft_targets(ex, rows, relabel)


def soft_spans(
    teacher: Path,
    gold: Sequence[SpanExample],
    sentences: Sequence[str] = (),
    *,
    cache: Path | None = None,
    batch_size: int = 32,
) -> list[SpanExample]:
    """``gold`` with the span teacher's token rows as ``soft`` targets, then ``sentences`` (unlabelled)
    with the teacher's rows and the spans it finds as labels. Cached by text like :func:`soft_stance`."""
    examples = [*gold, *(SpanExample(t, ()) for t in sentences)]
    keys = [_digest(ex.text) for ex in examples]
    known = _read_span_cache(cache)
    _fill(known, keys, examples, lambda todo: _span_teacher_rows(teacher, todo, cache, batch_size), "span")
    out = []
    for i, (ex, k) in enumerate(zip(examples, keys, strict=True)):
        rows, spans = known[k]
        out.append(SpanExample(ex.text, spans if i >= len(gold) else ex.spans, rows))
    return out


_SpanRows = tuple[tuple[tuple[int, int, tuple[float, ...]], ...], tuple[tuple[int, int, str], ...]]


def _read_span_cache(path: Path | None) -> dict[str, _SpanRows]:
    return {row["key"]: _span_value(row) for row in _cache_lines(path)}


def _span_value(line: Mapping[str, Any]) -> _SpanRows:
    """A span cache line's ``(rows, spans)``: the teacher's ``(start, end, probs)`` per token and its spans."""
    rows = tuple((int(a), int(b), tuple(map(float, p))) for a, b, p in line["rows"])
    return rows, tuple((int(a), int(b), str(lab)) for a, b, lab in line["spans"])


def _span_teacher_rows(
    teacher: Path, todo: list[SpanExample], cache: Path | None, batch_size: int
) -> dict[str, _SpanRows]:
    """The span teacher's rows and spans for ``todo`` (cached by :func:`_label_in_chunks`)."""
    model = FramingModel.from_pretrained(teacher)
    if LOADED_WORDS not in model.tasks or model.tasks[LOADED_WORDS].kind != "span":
        raise ConfigError(f"the span teacher needs a span head named {LOADED_WORDS!r}; it has {list(model.tasks)}")

    def row(ex: SpanExample) -> dict[str, Any]:
        # full floats: a rerun reading the cache must build the same features (checkpoints compare them)
        return {"rows": [[a, b, list(probs)] for a, b, probs in ex.soft or ()], "spans": [list(sp) for sp in ex.spans]}

    lines = _label_in_chunks(model, LOADED_WORDS, todo, row, cache, relabel=True, batch_size=batch_size)
    return {key: _span_value(line) for key, line in lines.items()}


def _label_in_chunks(
    model: FramingModel,
    task: str,
    todo: Sequence[Any],
    row: Callable[[Any], dict[str, Any]],
    cache: Path | None,
    *,
    relabel: bool,
    batch_size: int,
    chunk: int = 1024,
) -> dict[str, dict[str, Any]]:
    """Text digest -> the cache line ``row`` makes of each example the teacher labelled, shortest texts first
    (less padding); appended to ``cache`` after every ``chunk`` examples, so an interrupted run keeps them."""
    todo = sorted(todo, key=lambda ex: len(ex.text))
    fresh: dict[str, dict[str, Any]] = {}
    for start in range(0, len(todo), chunk):
        part = teacher_targets(model, task, todo[start : start + chunk], relabel=relabel, batch_size=batch_size)
        done = {_digest(ex.text): row(ex) for ex in part}
        if cache is not None:
            _append_cache(cache, ({"key": k, **line} for k, line in done.items()))
        fresh.update(done)
        logger.info("%s teacher: %d / %d example(s) labelled", task, len(fresh), len(todo))
    return fresh


def soft_sentences(
    teacher: Path,
    gold: Sequence[SentenceExample],
    extra: Sequence[SentenceExample] = (),
    *,
    cache: Path | None = None,
    batch_size: int = 32,
) -> list[SentenceExample]:
    """``gold`` then ``extra`` (weakly labelled sentences, e.g. Anno-lexical's LLM labels), each keeping its
    label and carrying the sentence teacher's class probabilities as ``soft``. Cached by text like
    :func:`soft_spans`."""
    examples = [*gold, *extra]
    keys = [_digest(ex.text) for ex in examples]
    known = {row["key"]: tuple(map(float, row["soft"])) for row in _cache_lines(cache)}
    _fill(known, keys, examples, lambda todo: _sentence_teacher_rows(teacher, todo, cache, batch_size), LOADED)
    return [dataclasses.replace(ex, soft=known[k]) for ex, k in zip(examples, keys, strict=True)]


def _sentence_teacher_rows(
    teacher: Path, todo: list[SentenceExample], cache: Path | None, batch_size: int
) -> dict[str, tuple[float, ...]]:
    """The sentence teacher's class probabilities for ``todo`` (cached by :func:`_label_in_chunks`)."""
    model = _classifier_teacher(teacher, LOADED, _LOADED_LABELS, "the sentence teacher")
    lines = _label_in_chunks(
        model, LOADED, todo, lambda ex: {"soft": list(ex.soft)}, cache, relabel=False, batch_size=batch_size
    )
    return {key: tuple(map(float, line["soft"])) for key, line in lines.items()}
