"""Per-row status and the end-of-job summary of what was scored, empty or skipped (and why)."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from typing import Any

from framing.inputs import text_problem

__all__ = [
    "STATUS_OK",
    "STATUS_EMPTY",
    "SKIP_NULL",
    "SKIP_NOT_STRING",
    "SKIP_TOO_LONG",
    "SKIP_BAD_RECORD",
    "SKIP_HTML",
    "STATUS_ERROR",
    "check_text_value",
    "ScoreSummary",
]

STATUS_OK = "ok"
STATUS_EMPTY = "empty"  # scored: the text has no sentences (empty or whitespace only)
SKIP_NULL = "skipped: null text"  # the statuses of framing.inputs.text_problem's problems
SKIP_NOT_STRING = "skipped: not a string"
SKIP_TOO_LONG = "skipped: too long"
SKIP_BAD_RECORD = "skipped: unreadable record"  # e.g. a JSONL line that is not a JSON object
SKIP_HTML = "skipped: html page"  # a whole HTML page in a text column read as plain text
STATUS_ERROR = "skipped: error"  # the analyzer raised on this row (logged with the row id)


def check_text_value(value: Any, max_chars: int) -> tuple[str | None, str | None, str | None]:
    """``(text, status, detail)``: text is None when the row is skipped; status None means "score it".

    The check is :func:`framing.inputs.text_problem`'s, as in :meth:`framing.Analyzer.check_text`.
    """
    problem = text_problem(value, max_chars)
    if problem is None:
        return value, None, None
    if problem == "null text":
        return None, SKIP_NULL, "the text is null/missing (in CSV: an empty field)"
    if problem == "not a string":
        hint = "; decode bytes first" if isinstance(value, (bytes, bytearray)) else ""
        return None, SKIP_NOT_STRING, f"text is {type(value).__name__}, not str{hint}"
    return None, SKIP_TOO_LONG, f"{len(value):,} characters > max_chars {max_chars:,}"


@dataclass
class ScoreSummary:
    """Counts of a scoring job: rows by status, sentences, seconds spent in this process."""

    rows: int = 0
    sentences: int = 0
    seconds: float = 0.0
    counts: Counter[str] = field(default_factory=Counter)
    # rows/sentences scored by this process (a resumed job's totals include earlier runs)
    run_rows: int | None = None
    run_sentences: int | None = None

    def add_statuses(self, statuses: Iterable[str], sentences: int = 0) -> None:
        """Count one row per status, plus ``sentences`` scored."""
        for s in statuses:
            self.counts[s] += 1
            self.rows += 1
        self.sentences += int(sentences)

    def merge(self, other: ScoreSummary) -> None:
        """Add another summary's rows, sentences and status counts to this one."""
        self.rows += other.rows
        self.sentences += other.sentences
        self.counts.update(other.counts)

    @property
    def ok(self) -> int:
        """Rows scored with at least one sentence."""
        return self.counts.get(STATUS_OK, 0)

    @property
    def empty(self) -> int:
        """Rows scored that had no sentences (empty or whitespace-only text)."""
        return self.counts.get(STATUS_EMPTY, 0)

    @property
    def skipped(self) -> dict[str, int]:
        """Skipped rows by reason (``"null text"``, ``"too long"`` …)."""
        return {k.split(": ", 1)[1]: v for k, v in sorted(self.counts.items()) if k.startswith("skipped: ") and v > 0}

    @property
    def n_skipped(self) -> int:
        """Rows skipped, all reasons together."""
        return sum(self.skipped.values())

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the counts (what ``framing score`` logs at the end)."""
        return {
            "rows": self.rows,
            "ok": self.ok,
            "empty": self.empty,
            "skipped": self.n_skipped,
            "skipped_by_reason": self.skipped,
            "sentences": self.sentences,
            "run_rows": self.run_rows,
            "run_sentences": self.run_sentences,
            "seconds": round(self.seconds, 3),
        }

    def __str__(self) -> str:
        run_sents = self.sentences if self.run_sentences is None else self.run_sentences
        rate = f" ({run_sents / self.seconds:,.1f} sentences/s)" if self.seconds > 0 and run_sents else ""
        head = (
            f"{self.rows:,} rows: {self.ok:,} scored, {self.empty:,} empty, {self.n_skipped:,} skipped; "
            f"{self.sentences:,} sentences"
        )
        if self.run_rows is not None and self.run_rows != self.rows:
            head += f"; this run scored {self.run_rows:,} rows (the rest were done before)"
        if self.seconds > 0:
            head += f"; {self.seconds:,.1f} s in this run{rate}"
        if self.n_skipped:
            head += "\nskipped rows by reason: " + ", ".join(f"{k}: {v:,}" for k, v in self.skipped.items())
            head += " (see the status / status_detail columns)"
        return head

    @classmethod
    def from_counts(cls, counts: Mapping[str, int], sentences: int = 0, seconds: float = 0.0) -> ScoreSummary:
        """A summary from counts by status (e.g. read back from a finished job)."""
        c = Counter({k: int(v) for k, v in counts.items()})
        return cls(rows=sum(c.values()), sentences=int(sentences), seconds=seconds, counts=c)
