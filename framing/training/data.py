"""Load labelled data of any common shape and turn it into validated training examples.

Accepted inputs: a ``datasets.Dataset`` / ``DatasetDict`` (pick the split with ``split=``), an
``IterableDataset``, a pandas ``DataFrame``, a list of row dicts or of ready-made examples, or a
path to a CSV / TSV / JSONL / JSON / Parquet file or a ``save_to_disk`` folder.

Standard column names per task kind (map yours with ``column_mapping={standard: yours}``):

* ``sentence``: ``text``, ``label``
* ``span``: ``text``, ``spans`` -- a list of ``[start, end]`` / ``[start, end, label]`` character
  offsets, ``{"start", "end", "label"}`` dicts, or marked words/phrases (like BABE's ``biased_words``),
  which are located in the text (case-insensitive, whole words, first unused occurrence)
* ``stance``: ``text``, ``label`` and the target either as ``target`` (a mention string located in the
  text) or as ``start`` / ``end`` character offsets. One row per target; rows with the same text are
  grouped so one encoder pass scores all of a sentence's targets.

Everything is checked here, before a model is built: missing columns, empty data, empty texts or
labels, spans outside the text, mentions not in the text, unknown labels and classes with too few
examples each raise :class:`~framing.errors.DataError` / :class:`~framing.errors.LabelError` with the fix.
"""

from __future__ import annotations

import difflib
import json
import logging
import os
from collections import Counter
from collections.abc import Iterable, Iterator, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from framing.errors import ConfigError, DataError, InputTypeError, LabelError
from framing.modeling.alignment import find_phrase
from framing.tasks import Task, get_task_class, task_kinds
from framing.tasks.base import is_missing_cell
from framing.training.examples import Example, StanceExample

logger = logging.getLogger(__name__)

__all__ = [
    "PreparedData",
    "COLUMNS",
    "Problems",
    "RowReader",
    "load_table",
    "prepare_examples",
    "check_training_labels",
    "check_known_labels",
]


class _Columns(Mapping[str, tuple[str, ...]]):
    """Task kind -> its standard column names, read from the task registry."""

    def __getitem__(self, kind: str) -> tuple[str, ...]:
        if kind not in task_kinds():
            raise KeyError(kind)
        return get_task_class(kind).columns

    def __iter__(self) -> Iterator[str]:
        return iter(task_kinds())

    def __len__(self) -> int:
        return len(task_kinds())


#: standard column names per registered task kind (``COLUMNS["stance"]``)
COLUMNS: Mapping[str, tuple[str, ...]] = _Columns()
_SYNONYMS: dict[str, tuple[str, ...]] = {
    "labels": ("frames", "label", "tags", "categories"),
    "text": ("sentence", "sentence_normalized", "content", "body", "document", "headline", "title", "input"),
    "label": (
        "labels",
        "label_text",
        "class",
        "category",
        "bias",
        "stance",
        "polarity",
        "sentiment",
        "label_id",
        "target_label",
        "y",
    ),
    "spans": ("biased_words", "loaded_words", "words", "phrases", "span", "offsets", "entities", "tags"),
    "target": ("mention", "entity", "aspect", "target_text", "target_mention", "subject"),
    "start": ("from", "begin", "start_char", "target_start", "char_start"),
    "end": ("to", "stop", "end_char", "target_end", "char_end"),
}
_EVAL_SPLITS = ("validation", "dev", "valid", "val", "test")
_MAX_LISTED = 5


@dataclass
class PreparedData:
    """Validated examples of one task kind and what was counted while building them."""

    kind: str
    examples: list[Example]
    n_rows: int
    label_counts: Counter = field(default_factory=Counter)
    source: str = ""  # for messages: "training data (path, split 'train')"
    origin: str = ""  # the data itself: "path, split 'train'"

    @property
    def n_targets(self) -> int:
        """Number of labelled targets (stance data; 0 for other kinds)."""
        return sum(len(ex.targets) for ex in self.examples if isinstance(ex, StanceExample))


# ---------------------------------------------------------------------------------------- loading
def load_table(
    data: Any,
    *,
    split: str | None = None,
    split_column: str = "split",
    role: str = "training",
) -> tuple[Any, str]:
    """Read ``data`` into a pandas DataFrame (split selected); returns ``(frame, description)``.

    ``split`` picks a DatasetDict's split, or keeps the rows of a flat table whose ``split_column``
    equals it (e.g. BABE's ``split`` column).
    """
    import pandas as pd

    if isinstance(data, (str, os.PathLike)):
        frame, desc = _read_path(Path(data), split, role), str(data)
    elif isinstance(data, pd.DataFrame):
        frame, desc = data, "DataFrame"
    else:
        frame, desc = _from_datasets(data, split, role)
        if frame is None:
            if (
                isinstance(data, Sequence)
                and not isinstance(data, (str, bytes))
                and all(isinstance(r, Mapping) for r in data)
            ):
                frame, desc = pd.DataFrame(list(data)), "list of rows"
            else:
                raise InputTypeError(
                    f"cannot read {role} data of type {type(data).__name__}: pass a datasets.Dataset, a "
                    "DatasetDict with split=..., a pandas DataFrame, a list of row dicts or examples, or a path to "
                    "a CSV/TSV/JSONL/Parquet file"
                )
    frame = _select_split(frame, split, split_column, desc, role)
    return frame, desc if split is None else f"{desc}, split {split!r}"


def _from_datasets(data: Any, split: str | None, role: str) -> tuple[Any, str]:
    """DataFrame from a datasets object; ``(None, '')`` if ``data`` is not one."""
    try:
        import datasets
    except ImportError:  # pragma: no cover - a dependency
        return None, ""
    if isinstance(data, (datasets.DatasetDict, datasets.IterableDatasetDict)):
        keys = list(data.keys())
        if split is None:
            guess = _guess_split(keys, role)
            raise InputTypeError(
                f"{role} data is a DatasetDict with splits {keys}: did you mean dataset[{guess!r}]? "
                f"(or pass split={guess!r})"
            )
        if split not in data:
            raise DataError(f"{role} data has no split {split!r}; its splits are {keys}")
        frame, _ = _from_datasets(data[split], None, role)
        frame.attrs["framing_split_done"] = True
        return frame, "DatasetDict"
    if isinstance(data, datasets.Dataset):
        frame = data.to_pandas()
        for name, feat in data.features.items():
            if isinstance(feat, datasets.ClassLabel):
                frame[name] = [feat.int2str(int(v)) if v is not None and v >= 0 else None for v in frame[name]]
        ds_split = getattr(data, "split", None)
        if split is not None and ds_split is not None and str(ds_split) == split and "split" not in frame:
            frame.attrs["framing_split_done"] = True
        return frame, "Dataset"
    if isinstance(data, datasets.IterableDataset):
        import pandas as pd

        return pd.DataFrame(list(data)), "IterableDataset"
    return None, ""


def _guess_split(keys: Sequence[str], role: str) -> str:
    if role == "training":
        return "train" if "train" in keys else keys[0]
    for name in _EVAL_SPLITS:
        if name in keys:
            return name
    return keys[0]


def _read_path(path: Path, split: str | None, role: str) -> Any:
    import pandas as pd

    if path.is_dir():
        try:
            import datasets

            loaded = datasets.load_from_disk(str(path))
        except Exception as exc:
            raise DataError(
                f"{path} is a folder but not one written by datasets' save_to_disk ({exc}); pass a file instead"
            ) from exc
        return _from_datasets(loaded, split, role)[0]
    if not path.is_file():
        raise DataError(f"data file {path} does not exist")
    suffix = path.suffix.lower() if path.suffix.lower() != ".gz" else Path(path.stem).suffix.lower()
    try:
        if suffix == ".csv":
            return pd.read_csv(path, keep_default_na=False, na_values=[""])
        if suffix == ".tsv":
            return pd.read_csv(path, sep="\t", keep_default_na=False, na_values=[""])
        if suffix in (".jsonl", ".ndjson"):
            return pd.DataFrame(_read_jsonl(path))
        if suffix == ".json":
            text = path.read_text(encoding="utf-8")
            try:
                obj = json.loads(text)
            except json.JSONDecodeError:
                return pd.DataFrame(_read_jsonl(path))
            if isinstance(obj, list):
                return pd.DataFrame(obj)
            if isinstance(obj, dict) and "data" in obj and isinstance(obj["data"], list):
                return pd.DataFrame(obj["data"])
            raise DataError(f"{path}: expected a JSON list of rows (or JSON lines)")
        if suffix in (".parquet", ".pq"):
            return pd.read_parquet(path)
    except (UnicodeDecodeError, pd.errors.ParserError, OSError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"could not read {path} ({type(exc).__name__}: {exc})") from exc
    raise DataError(f"{path}: unsupported file type {path.suffix!r}; use .csv, .tsv, .jsonl, .json or .parquet")


def _read_jsonl(path: Path) -> list[dict]:
    rows = []
    with open(path, encoding="utf-8") as fh:
        for n, line in enumerate(fh, 1):
            if not line.strip():
                continue
            try:
                row = json.loads(line)
            except json.JSONDecodeError as exc:
                raise DataError(f"{path}:{n} is not valid JSON ({exc})") from exc
            if not isinstance(row, dict):
                raise DataError(f"{path}:{n} is not a JSON object")
            rows.append(row)
    return rows


def _select_split(frame: Any, split: str | None, split_column: str, desc: str, role: str) -> Any:
    if split is None or frame.attrs.get("framing_split_done"):
        return frame
    if split_column not in frame.columns:
        raise DataError(
            f"split={split!r} was asked for but {role} data {desc} has no {split_column!r} column "
            f"(columns are {list(frame.columns)}): pass split_column=<the column holding the split name>, "
            "or pass the split's data directly"
        )
    keep = frame[split_column].astype(str) == split
    if not keep.any():
        values = sorted({str(v) for v in frame[split_column].unique()})[:20]
        raise DataError(f"{role} data {desc} has no rows with {split_column} == {split!r}; values are {values}")
    return frame[keep]


# ---------------------------------------------------------------------------------------- columns
def _resolve_columns(kind: str, columns: Sequence[str], mapping: Mapping[str, str] | None, desc: str) -> dict:
    """Standard column name -> column in the data; raises with a suggested mapping when one is missing."""
    mapping = dict(mapping or {})
    task_cls = get_task_class(kind)
    standard = task_cls.columns
    for key, value in mapping.items():
        if key not in standard:
            if value in standard and key in columns:
                raise ConfigError(
                    f"column_mapping maps framing's column names to yours ({{standard: yours}}): "
                    f"did you mean {{{value!r}: {key!r}}}?"
                )
            raise ConfigError(
                f"column_mapping key {key!r} is not a column a {kind} task uses; the keys are {list(standard)}"
            )
    resolved: dict[str, str] = {}
    for name in standard:
        col = mapping.get(name, name)
        if col in columns:
            resolved[name] = col
        elif name in mapping:
            raise DataError(
                f"column {col!r} (column_mapping[{name!r}]) not found in {desc}; columns are {list(columns)}"
            )
    missing, hint = task_cls.missing_columns(resolved)
    if missing:
        taken = set(resolved.values())
        suggestion: dict[str, str | None] = {}
        for n in missing:
            guess = _guess_column(n, columns, taken)
            suggestion[n] = guess
            if guess:
                taken.add(guess)
        found = {k: v for k, v in suggestion.items() if v is not None}
        fix = (
            f"pass column_mapping={found!r}"
            if len(found) == len(suggestion)
            else "pass column_mapping={"
            + ", ".join(f"{k!r}: {suggestion[k]!r}" if suggestion[k] else f"{k!r}: '<your column>'" for k in suggestion)
            + "}"
        )
        names = ", ".join(repr(m) for m in missing)
        raise DataError(
            f"column{'s' if len(missing) > 1 else ''} {names} not found in {desc}; columns are {list(columns)}: "
            f"{fix}{hint}"
        )
    return resolved


def _guess_column(name: str, columns: Sequence[str], taken: set[str]) -> str | None:
    free = [c for c in columns if c not in taken]
    lower = {str(c).lower(): c for c in free}
    for syn in _SYNONYMS.get(name, ()):
        if syn in lower:
            return lower[syn]
    close = difflib.get_close_matches(name, [str(c) for c in free], n=1, cutoff=0.6)
    return close[0] if close else None


# ---------------------------------------------------------------------------------------- examples
class Problems:
    """Collect row problems of one kind and raise them together."""

    def __init__(self, desc: str) -> None:
        self.desc = desc
        self.items: dict[str, list[str]] = {}

    def add(self, kind: str, message: str) -> None:
        """Record ``message`` under the problem ``kind`` (e.g. ``"empty texts"``)."""
        self.items.setdefault(kind, []).append(message)

    def raise_if_any(self, fixes: Mapping[str, str]) -> None:
        """Raise a :class:`DataError` for the first kind of problem recorded, with its fix from ``fixes``."""
        for kind, msgs in self.items.items():
            listed = "; ".join(msgs[:_MAX_LISTED]) + (f"; … ({len(msgs) - _MAX_LISTED} more)" if len(msgs) > 5 else "")
            raise DataError(f"{self.desc}: {len(msgs)} {kind}: {listed}. {fixes.get(kind, '')}".rstrip())


def prepare_examples(
    data: Any,
    kind: str,
    *,
    column_mapping: Mapping[str, str] | None = None,
    split: str | None = None,
    split_column: str = "split",
    span_label: str = "loaded",
    missing_phrases: str = "error",
    role: str = "training",
) -> PreparedData:
    """Load ``data`` and build validated examples of task ``kind`` (no label checks against a model).

    ``kind`` names a registered task kind; its class reads the columns (``Task.examples_from_columns``).
    ``span_label`` labels marked spans that carry none.
    """
    if kind not in task_kinds():
        raise ConfigError(f"task kind must be one of {list(task_kinds())}, got {kind!r}")
    task_cls = get_task_class(kind)
    example_types = tuple({get_task_class(k).example_type for k in task_kinds()})
    if (
        isinstance(data, Sequence)
        and not isinstance(data, (str, bytes))
        and data
        and all(isinstance(x, example_types) for x in data)
    ):
        return _check_examples(list(data), task_cls, role)
    frame, origin = load_table(data, split=split, split_column=split_column, role=role)
    desc = f"{role} data ({origin})"
    if len(frame) == 0:
        raise DataError(f"{desc} is empty: it has no rows (columns: {list(frame.columns)})")
    cols = _resolve_columns(kind, [str(c) for c in frame.columns], column_mapping, desc)
    problems = Problems(desc)
    reader = RowReader(problems, span_label=span_label, missing_phrases=missing_phrases)
    values = {name: _column(frame, col) for name, col in cols.items()}
    examples: list[Example] = task_cls.examples_from_columns(values, list(frame.index), reader)
    counts: Counter = Counter()
    for ex in examples:
        counts.update(task_cls.example_labels(ex))
    problems.raise_if_any(
        {
            "empty texts": "Drop those rows or fill in the text.",
            "missing labels": "Drop those rows or label them.",
            "spans outside the text": "Offsets are 0-based character positions with start < end <= len(text).",
            "unreadable spans": "Give spans as [start, end], [start, end, label], {'start', 'end'} or phrases.",
            "phrases not found in the text": "Fix the phrases, or pass missing_phrases='drop' to leave them "
            "unmarked (CLI: --drop-missing-phrases).",
            "mentions not found in the text": "Fix the mention strings or give start/end offsets, or pass "
            "missing_phrases='drop' to skip those rows.",
            "targets missing": "Each stance row needs a target mention or start/end offsets.",
        }
    )
    if not examples:
        raise DataError(f"{desc} has no usable rows (all {len(frame)} were dropped)")
    return PreparedData(kind, examples, len(frame), counts, desc, origin)


class RowReader:
    """Reads the cells of one row into clean values for a task kind; bad cells are recorded in ``problems``.

    Each method returns ``None`` for a cell that cannot be used (the problem is recorded, not raised).
    """

    def __init__(self, problems: Problems, *, span_label: str = "loaded", missing_phrases: str = "error") -> None:
        self.problems = problems
        self.span_label = span_label
        self.missing_phrases = missing_phrases

    def text(self, value: Any, row: Any) -> str | None:
        """A non-empty text."""
        return _text(value, row, self.problems)

    def label(self, value: Any, row: Any) -> str | None:
        """A label as a string (numbers and booleans normalised: ``1.0`` -> ``"1"``, ``True`` -> ``"true"``)."""
        return _label(value, row, self.problems)

    def spans(self, text: str, value: Any, row: Any) -> tuple[tuple[int, int, str], ...] | None:
        """Sorted ``(start, end, label)`` spans from offsets, dicts or phrases located in ``text``."""
        return _spans(text, value, row, self.span_label, self.missing_phrases, self.problems)

    def mention(self, text: str, target: Any, start: Any, end: Any, row: Any) -> tuple[int, int] | None:
        """A target mention from ``start``/``end`` offsets or a ``target`` string located in ``text``."""
        return _mention(text, target, start, end, row, self.problems, self.missing_phrases)


def _column(frame: Any, name: str) -> list[Any]:
    return frame[name].tolist()


def _text(value: Any, row: Any, problems: Problems) -> str | None:
    if is_missing_cell(value) or not isinstance(value, str) or not value.strip():
        problems.add("empty texts", f"row {row}: text is {value!r}")
        return None
    return value


def _label(value: Any, row: Any, problems: Problems) -> str | None:
    if is_missing_cell(value) or (isinstance(value, str) and not value.strip()):
        problems.add("missing labels", f"row {row}: label is {value!r}")
        return None
    if isinstance(value, bool):
        return str(value).lower()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    if hasattr(value, "item") and not isinstance(value, str):  # numpy scalar
        return _label(value.item(), row, problems)
    return str(value)


def _as_list(value: Any) -> list[Any] | None:
    if is_missing_cell(value):
        return []
    if hasattr(value, "tolist") and not isinstance(value, str):
        value = value.tolist()
    if isinstance(value, str):
        s = value.strip()
        if not s:
            return []
        try:
            value = json.loads(s)
        except json.JSONDecodeError:
            return None
    if isinstance(value, (list, tuple)):
        return [v.tolist() if hasattr(v, "tolist") and not isinstance(v, str) else v for v in value]
    return None


def _spans(
    text: str,
    value: Any,
    row: Any,
    default_label: str,
    missing_phrases: str,
    problems: Problems,
) -> tuple[tuple[int, int, str], ...] | None:
    items = _as_list(value)
    if items is None:
        problems.add("unreadable spans", f"row {row}: {str(value)[:60]!r}")
        return None
    out: list[tuple[int, int, str]] = []
    used: list[tuple[int, int]] = []
    for item in items:
        label = default_label
        if isinstance(item, Mapping):
            if "start" in item and "end" in item:
                item = [item["start"], item["end"]] + ([item["label"]] if item.get("label") else [])
            else:
                item = item.get("text") or item.get("phrase") or item.get("word")
        if isinstance(item, str):
            hit = find_phrase(text, item, used)
            if hit is None:
                if missing_phrases == "error":
                    problems.add("phrases not found in the text", f"row {row}: {item!r}")
                continue
            used.append(hit)
            out.append((hit[0], hit[1], label))
            continue
        if isinstance(item, (list, tuple)) and len(item) in (2, 3):
            try:
                start, end = int(item[0]), int(item[1])
            except (TypeError, ValueError):
                problems.add("unreadable spans", f"row {row}: {item!r}")
                continue
            if len(item) == 3 and item[2] is not None and str(item[2]):
                label = str(item[2])
            if not 0 <= start < end <= len(text):
                problems.add("spans outside the text", f"row {row}: ({start}, {end}) in a text of length {len(text)}")
                continue
            out.append((start, end, label))
            continue
        problems.add("unreadable spans", f"row {row}: {item!r}")
    return tuple(sorted(set(out)))


def _mention(
    text: str,
    target: Any,
    start: Any,
    end: Any,
    row: Any,
    problems: Problems,
    missing_phrases: str,
) -> tuple[int, int] | None:
    if not is_missing_cell(start) and not is_missing_cell(end) and start is not None:
        try:
            s, e = int(start), int(end)
        except (TypeError, ValueError):
            problems.add("spans outside the text", f"row {row}: offsets {start!r}, {end!r} are not integers")
            return None
        if not 0 <= s < e <= len(text):
            problems.add("spans outside the text", f"row {row}: target ({s}, {e}) in a text of length {len(text)}")
            return None
        return s, e
    if isinstance(target, str) and target.strip():
        hit = find_phrase(text, target)
        if hit is None and missing_phrases == "error":
            problems.add("mentions not found in the text", f"row {row}: {target!r}")
        return hit
    problems.add("targets missing", f"row {row}")
    return None


def _check_examples(examples: list[Example], task_cls: type[Task], role: str) -> PreparedData:
    want = task_cls.example_type
    problems = Problems(f"{role} examples")
    counts: Counter = Counter()
    for i, ex in enumerate(examples):
        if not isinstance(ex, want):
            raise InputTypeError(
                f"{role} example {i} is a {type(ex).__name__}; a {task_cls.kind} task needs {want.__name__}"
            )
        task_cls.check_example(ex, i, problems)
        counts.update(task_cls.example_labels(ex))
    problems.raise_if_any({})
    return PreparedData(task_cls.kind, examples, len(examples), counts, f"{role} examples", f"{len(examples)} examples")


# ---------------------------------------------------------------------------------------- labels
def check_training_labels(data: PreparedData, labels: Sequence[str] | None, min_per_class: int) -> tuple[str, ...]:
    """The label set to train with; raises LabelError for unknown labels or thin classes."""
    counts = data.label_counts
    task_cls = get_task_class(data.kind)
    task_cls.check_label_counts(data)
    if labels is None:
        labels = tuple(sorted(counts))
    else:
        labels = tuple(labels)
        unknown = {lab: n for lab, n in counts.items() if lab not in labels}
        if unknown:
            raise LabelError(
                f"{data.source} has labels not in labels={list(labels)}: "
                + ", ".join(f"{lab!r} ({n} rows)" for lab, n in sorted(unknown.items()))
                + ": add them to labels or drop those rows"
            )
    need = task_cls.min_labels
    if need > 1 and len([lab for lab in labels if counts.get(lab)]) < need:
        raise LabelError(
            f"{data.source} has only the label(s) {sorted(counts)}: a classifier needs examples of at least "
            f"{'two' if need == 2 else need} labels"
        )
    thin = {lab: counts.get(lab, 0) for lab in labels if counts.get(lab, 0) < min_per_class}
    if thin:
        raise LabelError(
            f"{data.source}: too few {task_cls.label_unit} (minimum {min_per_class}) for "
            + ", ".join(f"class {lab!r} ({n})" for lab, n in thin.items())
            + ": add examples, merge the class into another, drop it, "
            "or lower min_examples_per_class"
        )
    return labels


def check_known_labels(data: PreparedData, labels: Iterable[str]) -> None:
    """Raise LabelError when ``data`` holds labels the model does not know."""
    known = list(labels)
    unknown = {lab: n for lab, n in data.label_counts.items() if lab not in known}
    if unknown:
        raise LabelError(
            f"{data.source} has label{'s' if len(unknown) > 1 else ''} the model does not know: "
            + ", ".join(f"{lab!r} ({n} rows)" for lab, n in sorted(unknown.items()))
            + f"; the model's labels are {known}: map them to those labels or drop those rows"
        )
