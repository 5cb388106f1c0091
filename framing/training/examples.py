"""Normalised training examples for the built-in task kinds (what loaders produce, what the loop eats)."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["SentenceExample", "SpanExample", "StanceTarget", "StanceExample", "FramesExample", "Example"]


@dataclass(frozen=True)
class SentenceExample:
    """One labelled text; ``soft``: a teacher's class probabilities for distillation (``None``: none)."""

    text: str
    label: str
    soft: tuple[float, ...] | None = None


@dataclass(frozen=True)
class SpanExample:
    """``spans``: (start, end, label) character ranges into ``text``; empty = no span in this text.

    ``soft``: a teacher's tag probabilities for distillation, one ``(start, end, probs)`` per teacher token
    (character ranges, so a student with another tokenizer can align them); ``None``: none.
    """

    text: str
    spans: tuple[tuple[int, int, str], ...]
    soft: tuple[tuple[int, int, tuple[float, ...]], ...] | None = None


@dataclass(frozen=True)
class StanceTarget:
    """One target's mentions and label; ``soft``: a teacher's class probabilities (``None``: none)."""

    mentions: tuple[tuple[int, int], ...]
    label: str
    soft: tuple[float, ...] | None = None


@dataclass(frozen=True)
class StanceExample:
    """One text with one or more labelled targets (all scored from one encoder pass)."""

    text: str
    targets: tuple[StanceTarget, ...]


@dataclass(frozen=True)
class FramesExample:
    """One article (a whole document) and the frames it uses; ``labels`` may be empty (no frame)."""

    text: str
    labels: tuple[str, ...]


Example = SentenceExample | SpanExample | StanceExample | FramesExample
