"""Overlapping token windows: how ``FramingModel.predict`` scores texts longer than ``max_length``.

A text whose tokens do not fit one encoder pass is cut by the tokenizer into windows of at most
``max_length`` tokens that overlap by half a window (``stride``). Each window is scored like a
short text; the task kinds then merge the windows of a text (``Task.merge_windows``):

- token outputs (span tags) come from the window where the token is *most central*: farthest from
  a cut edge of its window (the text's own start and end are no cuts);
- each target mention is scored in the window where it is most central, and a target's stance is
  the mean over its mentions (see :func:`plan_windows`);
- a sentence's class row is the window row with the highest probability of the positive label
  ("contains loaded wording" holds when any part of the text does).

Token positions here are *text-level*: the index of a content token (one that is no special
token) in the text's whole token sequence, windows laid end to end without their overlap.
"""

from __future__ import annotations

import logging
from collections.abc import Sequence
from dataclasses import dataclass
from functools import cached_property
from typing import Any

logger = logging.getLogger(__name__)

__all__ = ["TextWindows", "plan_windows", "window_stride"]

Groups = Sequence[Sequence[tuple[int, int]]]


@dataclass(frozen=True)
class TextWindows:
    """The windows of one text cut into more than one.

    ``rows``: the encoding rows (windows) of the text, in order; ``positions[k][j]``: text-level
    position of token ``j`` of window ``k`` (``-1`` for special tokens); ``offsets`` / ``word_ids``:
    char offsets and word index of each text-level token; ``groups[k]``: the mention groups scored
    in window ``k`` as ``(group index in the text's mentions, number of its mentions there)``.
    """

    text_index: int
    rows: tuple[int, ...]
    positions: tuple[tuple[int, ...], ...]
    offsets: tuple[tuple[int, int], ...]
    word_ids: tuple[int | None, ...]
    groups: tuple[tuple[tuple[int, int], ...], ...] = ()

    @property
    def n_tokens(self) -> int:
        """Content tokens of the whole text."""
        return len(self.offsets)

    @cached_property
    def bounds(self) -> tuple[tuple[int, int], ...]:
        """First and last text-level position of each window."""
        out = []
        for pos in self.positions:
            inside = [p for p in pos if p >= 0]
            out.append((inside[0], inside[-1]) if inside else (0, -1))
        return tuple(out)

    def centrality(self, k: int, position: int) -> int:
        """How many tokens of context window ``k`` gives ``position`` on its shorter cut side (-1: not in it)."""
        first, last = self.bounds[k]
        if not first <= position <= last:
            return -1
        left = position - first if first > 0 else self.n_tokens
        right = last - position if last < self.n_tokens - 1 else self.n_tokens
        return min(left, right)

    def best_window(self, positions: Sequence[int]) -> int | None:
        """The window where the tokens ``positions`` are most central (their least central token counts)."""
        best, best_score = None, -1
        for k in range(len(self.rows)):
            score = min((self.centrality(k, p) for p in positions), default=-1)
            if score > best_score:
                best, best_score = k, score
        return best

    def token_owners(self) -> list[int]:
        """For each text-level token, the window where it is most central (the earlier one on ties)."""
        owners = [0] * self.n_tokens
        best = [-1] * self.n_tokens
        for k in range(len(self.rows)):
            for p in self.positions[k]:
                if p < 0:
                    continue
                c = self.centrality(k, p)
                if c > best[p]:
                    owners[p], best[p] = k, c
        return owners


def window_stride(tokenizer: Any, max_length: int) -> int:
    """Tokens shared by consecutive windows: half of what a window holds besides special tokens."""
    room = max_length - int(tokenizer.num_special_tokens_to_add(pair=False))
    return max(0, room // 2)


def plan_windows(
    enc: Any, n_texts: int, mentions: Sequence[Groups] | None
) -> tuple[list[int], list[TextWindows | None], list[list[list[tuple[int, int]]]] | None]:
    """Who owns each window of a tokenizer output made with ``return_overflowing_tokens=True``.

    Returns ``(owner text of each window, TextWindows of each text or None when it fits one window,
    mention groups to score in each window or None without mentions)``. A text that fits one window
    keeps its mention groups as given; a longer text scores each mention in the window where it is
    most central (a group whose mentions cover no token is scored in every window, as the
    sentence-level fallback of the stance head).
    """
    owner = [int(i) for i in enc["overflow_to_sample_mapping"]]
    rows_of: list[list[int]] = [[] for _ in range(n_texts)]
    for w, i in enumerate(owner):
        rows_of[i].append(w)
    plans: list[TextWindows | None] = [None] * n_texts
    per_window: list[list[list[tuple[int, int]]]] | None = None
    if mentions is not None:
        per_window = [[] for _ in owner]
    for i, rows in enumerate(rows_of):
        groups = mentions[i] if mentions is not None else ()
        if len(rows) == 1:
            if per_window is not None:
                per_window[rows[0]] = [list(g) for g in groups]
            continue
        plan = _text_windows(enc, i, rows)
        assigned, plan_groups = _assign_mentions(plan, groups)
        plans[i] = TextWindows(plan.text_index, plan.rows, plan.positions, plan.offsets, plan.word_ids, plan_groups)
        if per_window is not None:
            for k, w in enumerate(rows):
                per_window[w] = assigned[k]
    return owner, plans, per_window


def _text_windows(enc: Any, text_index: int, rows: Sequence[int]) -> TextWindows:
    """Text-level positions of the windows ``rows`` of one text (consecutive windows share ``stride`` tokens).

    The tokenizer restarts each window ``len(previous content) - overlap`` tokens after the previous one;
    the overlap is found by matching char offsets, so this does not depend on how the stride was chosen.
    """
    positions: list[tuple[int, ...]] = []
    offsets: list[tuple[int, int]] = []
    word_ids: list[int | None] = []
    for w in rows:
        words = enc.word_ids(w)
        offs = [tuple(o) for o in enc["offset_mapping"][w]]
        content = [j for j, wid in enumerate(words) if wid is not None]
        start = _overlap_start(offsets, [offs[j] for j in content])
        pos = [-1] * len(words)
        for rank, j in enumerate(content):
            pos[j] = start + rank
            if start + rank == len(offsets):
                offsets.append((int(offs[j][0]), int(offs[j][1])))
                word_ids.append(words[j])
        positions.append(tuple(pos))
    return TextWindows(text_index, tuple(rows), tuple(positions), tuple(offsets), tuple(word_ids))


def _overlap_start(seen: Sequence[tuple[int, int]], window: Sequence[tuple[int, int]]) -> int:
    """Text-level position of the first token of ``window``, given the tokens ``seen`` so far."""
    if not window:
        return len(seen)
    for start in range(max(0, len(seen) - len(window)), len(seen)):
        tail = seen[start:]
        if list(tail) == [tuple(o) for o in window[: len(tail)]]:
            return start
    return len(seen)


def _assign_mentions(
    plan: TextWindows, groups: Groups
) -> tuple[list[list[list[tuple[int, int]]]], tuple[tuple[tuple[int, int], ...], ...]]:
    """Per window: the mention groups (restricted to the mentions it scores) and their (group, weight) keys."""
    n = len(plan.rows)
    assigned: list[list[list[tuple[int, int]]]] = [[] for _ in range(n)]
    keys: list[list[tuple[int, int]]] = [[] for _ in range(n)]
    for g, group in enumerate(groups):
        where: dict[int, list[tuple[int, int]]] = {}
        for s, e in group:
            positions = [p for p, (a, b) in enumerate(plan.offsets) if a < e and b > s and a != b]
            k = plan.best_window(positions) if positions else None
            if k is not None:
                where.setdefault(k, []).append((s, e))
        if not where:  # no token of any mention: every window scores the sentence as a whole
            where = {k: list(group) for k in range(n)}
            weights = dict.fromkeys(where, 1)
        else:
            weights = {k: len(ms) for k, ms in where.items()}
        for k in sorted(where):
            assigned[k].append(where[k])
            keys[k].append((g, weights[k]))
    return assigned, tuple(tuple(k) for k in keys)
