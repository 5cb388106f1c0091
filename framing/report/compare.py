"""Side-by-side comparison of several articles about the same event (e.g. different outlets).

For each target shared by at least two articles (matched by name or alias, case-insensitive):
the stance mean with its 95% interval per article and the pairwise differences; each frame's
probability with its 95% interval per article and the pairwise differences (when the profiles
have frames; the intervals combine as the stance ones do); loaded density per voice; loaded terms
one article uses that the others do not; and labelling choices from a small curated list of paired
variants ("Kiev"/"Kyiv", "regime"/"government").
"""

from __future__ import annotations

import logging
import math
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

from framing._jsonsafe import json_float
from framing.errors import InputValueError
from framing.results import ArticleProfile, FrameScore, TargetProfile

#: (earlier article i, later article j, value_j - value_i, its 95% interval or None)
Difference = tuple[int, int, float, tuple[float, float] | None]

__all__ = ["LABEL_PAIRS", "Comparison", "TargetComparison", "FrameComparison", "compare", "count_labels"]

logger = logging.getLogger(__name__)

# (label A, forms of A), (label B, forms of B): alternative words for the same thing
LABEL_PAIRS: tuple[tuple[tuple[str, tuple[str, ...]], tuple[str, tuple[str, ...]]], ...] = (
    (("Kiev", ("Kiev",)), ("Kyiv", ("Kyiv",))),
    (("regime", ("regime", "regimes")), ("government", ("government", "governments"))),
    (("terrorists", ("terrorist", "terrorists")), ("militants", ("militant", "militants"))),
    (
        ("freedom fighters", ("freedom fighter", "freedom fighters")),
        ("insurgents", ("insurgent", "insurgents")),
    ),
    (("pro-life", ("pro-life",)), ("anti-abortion", ("anti-abortion",))),
    (("pro-choice", ("pro-choice",)), ("pro-abortion", ("pro-abortion",))),
    (
        ("illegal aliens", ("illegal alien", "illegal aliens", "illegal immigrant", "illegal immigrants")),
        (
            "undocumented immigrants",
            ("undocumented immigrant", "undocumented immigrants", "undocumented migrants"),
        ),
    ),
    (("invasion", ("invasion", "invaded")), ("special military operation", ("special military operation",))),
    (("bloc", ("bloc",)), ("alliance", ("alliance",))),
    (("riot", ("riot", "riots", "rioters")), ("protest", ("protest", "protests", "protesters"))),
    (("death tax", ("death tax",)), ("estate tax", ("estate tax",))),
    (
        ("occupied territories", ("occupied territories",)),
        ("disputed territories", ("disputed territories",)),
    ),
    (("enhanced interrogation", ("enhanced interrogation",)), ("torture", ("torture", "tortured"))),
    (("collateral damage", ("collateral damage",)), ("civilian casualties", ("civilian casualties",))),
    (("climate crisis", ("climate crisis", "climate emergency")), ("climate change", ("climate change",))),
)


@lru_cache(maxsize=256)
def _form_re(form: str) -> re.Pattern[str]:
    return re.compile(r"(?<![\w-])" + re.escape(form).replace(r"\ ", r"\s+") + r"(?![\w-])", re.IGNORECASE)


def _count_forms(text: str, forms: Sequence[str]) -> int:
    return sum(len(_form_re(f).findall(text)) for f in forms)


def count_labels(text: str) -> dict[str, dict[str, int]]:
    """``{"A / B": {"A": n, "B": m}}`` for every curated pair used at least once in ``text``."""
    out: dict[str, dict[str, int]] = {}
    for (a, fa), (b, fb) in LABEL_PAIRS:
        na, nb = _count_forms(text, fa), _count_forms(text, fb)
        if na or nb:
            out[f"{a} / {b}"] = {a: na, b: nb}
    return out


def _jf(x: float | None) -> float | None:
    return None if x is None else json_float(x)


@dataclass(frozen=True)
class TargetComparison:
    """One target as seen by each article (``None`` where an article does not mention it)."""

    name: str
    per_article: tuple[TargetProfile | None, ...]
    # (i, j, mean_j - mean_i, (lo, hi)) for every pair with both means
    differences: tuple[Difference, ...]

    def to_dict(self, names: Sequence[str]) -> dict[str, Any]:
        """JSON-safe dict of this target across the articles, keyed by the article ``names``."""
        return {
            "name": self.name,
            "articles": {
                n: None
                if tp is None
                else {
                    "matched_name": tp.name,
                    "mentions": tp.mentions,
                    "stance_mean": _jf(tp.stance_mean),
                    "ci95": None if tp.ci95 is None else [_jf(tp.ci95[0]), _jf(tp.ci95[1])],
                    "distribution": dict(tp.distribution),
                }
                for n, tp in zip(names, self.per_article, strict=True)
            },
            "differences": _differences_json(names, self.differences),
        }


def _differences_json(names: Sequence[str], differences: Sequence[Difference]) -> list[dict[str, Any]]:
    """``(i, j, difference, ci)`` pairs as JSON-safe dicts keyed by the article ``names``."""
    return [
        {"a": names[i], "b": names[j], "difference": _jf(d), "ci95": None if ci is None else [_jf(ci[0]), _jf(ci[1])]}
        for i, j, d, ci in differences
    ]


@dataclass(frozen=True)
class FrameComparison:
    """One frame in each article (``None`` where an article's profile has no frames)."""

    name: str
    per_article: tuple[FrameScore | None, ...]
    # (i, j, p_j - p_i, (lo, hi)) for every pair with both probabilities
    differences: tuple[Difference, ...]

    @property
    def label(self) -> str:
        """The frame's name for people."""
        return self.name.replace("_", " ")

    def to_dict(self, names: Sequence[str]) -> dict[str, Any]:
        """JSON-safe dict of this frame across the articles, keyed by the article ``names``."""
        return {
            "name": self.name,
            "articles": {
                n: None
                if f is None
                else {
                    "probability": _jf(f.probability),
                    "ci95": None if f.ci95 is None else [_jf(f.ci95[0]), _jf(f.ci95[1])],
                    "present": f.present,
                    "threshold": _jf(f.threshold),
                }
                for n, f in zip(names, self.per_article, strict=True)
            },
            "differences": _differences_json(names, self.differences),
        }


@dataclass(frozen=True)
class Comparison:
    """Result of :func:`compare`; render with :meth:`to_text`, :meth:`to_html` or :meth:`to_dict`."""

    names: tuple[str, ...]
    targets: tuple[TargetComparison, ...]
    unshared_targets: Mapping[str, tuple[str, ...]]
    loaded_per_100_words: Mapping[str, Mapping[str, float | None]]
    distinctive_terms: Mapping[str, tuple[tuple[str, int], ...]]
    labels: Mapping[str, Mapping[str, Mapping[str, int]]]
    frames: tuple[FrameComparison, ...] = ()

    def to_dict(self) -> dict[str, Any]:
        """JSON-safe dict of the comparison (what ``framing compare --format json`` prints)."""
        return {
            "names": list(self.names),
            "targets": [t.to_dict(self.names) for t in self.targets],
            "unshared_targets": {k: list(v) for k, v in self.unshared_targets.items()},
            "loaded_per_100_words": {
                n: {k: _jf(v) for k, v in d.items()} for n, d in self.loaded_per_100_words.items()
            },
            "distinctive_terms": {n: [[t, int(c)] for t, c in v] for n, v in self.distinctive_terms.items()},
            "labels": {p: {n: dict(c) for n, c in d.items()} for p, d in self.labels.items()},
            "frames": [f.to_dict(self.names) for f in self.frames],
        }

    def to_text(self) -> str:
        """A readable plain-text comparison (what ``framing compare`` prints by default)."""
        from framing.report._compare_render import comparison_text

        return comparison_text(self)

    def to_html(self, title: str | None = None) -> str:
        """A self-contained HTML page of the comparison (no external requests)."""
        from framing.report._compare_render import comparison_html

        return comparison_html(self, title=title)


# --------------------------------------------------------------------------- target matching


def _keys(tp: TargetProfile, name: str) -> set[str]:
    return {k.strip().casefold() for k in (name, tp.name, *tp.aliases) if k and k.strip()}


def _match_targets(profiles: Sequence[ArticleProfile]) -> list[list[tuple[int, str]]]:
    """Groups of (article index, target key) whose names/aliases overlap (union-find)."""
    nodes = [(i, name) for i, p in enumerate(profiles) for name in p.targets]
    parent = list(range(len(nodes)))

    def find(x: int) -> int:
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    owner: dict[str, int] = {}
    for n, (i, name) in enumerate(nodes):
        for key in _keys(profiles[i].targets[name], name):
            if key in owner:
                parent[find(n)] = find(owner[key])
            else:
                owner[key] = n
    groups: dict[int, list[tuple[int, str]]] = {}
    for n, node in enumerate(nodes):
        groups.setdefault(find(n), []).append(node)
    return list(groups.values())


def _frame_differences(per: Sequence[FrameScore | None]) -> tuple[Difference, ...]:
    """Pairwise ``p_j - p_i``, the interval kept within [-1, 1]."""
    halves = [None if fs is None or fs.ci95 is None else (fs.ci95[1] - fs.ci95[0]) / 2.0 for fs in per]
    values = [None if fs is None else float(fs.probability) for fs in per]
    return _pairwise(values, halves, bounds=(-1.0, 1.0))


def _frame_comparisons(profiles: Sequence[ArticleProfile]) -> tuple[FrameComparison, ...]:
    """Every frame any profile has, in the first such profile's order (most frames first when they differ)."""
    order: list[str] = []
    for p in profiles:
        order.extend(f for f in p.frames if f not in order)
    return tuple(
        FrameComparison(name, per, _frame_differences(per))
        for name in order
        for per in [tuple(p.frames.get(name) for p in profiles)]
    )


def _half_width(tp: TargetProfile) -> float | None:
    if tp.ci95 is None or tp.stance_mean is None or None in tp.ci95:
        return None
    return (float(tp.ci95[1]) - float(tp.ci95[0])) / 2.0


def _differences(per: Sequence[TargetProfile | None]) -> tuple[Difference, ...]:
    """Pairwise ``mean_j - mean_i`` of the stance means."""
    values = [None if tp is None or tp.stance_mean is None else float(tp.stance_mean) for tp in per]
    return _pairwise(values, [None if tp is None else _half_width(tp) for tp in per])


def _pairwise(
    values: Sequence[float | None],
    halves: Sequence[float | None],
    bounds: tuple[float, float] | None = None,
) -> tuple[Difference, ...]:
    """``(i, j, v_j - v_i, interval)`` for every pair with both values; the interval is
    ``± sqrt(half_i² + half_j²)`` from the half widths of the two 95% intervals (``None`` without both),
    clipped to ``bounds`` when given."""
    out = []
    for i in range(len(values)):
        for j in range(i + 1, len(values)):
            a, b = values[i], values[j]
            if a is None or b is None:
                continue
            d = b - a
            ha, hb = halves[i], halves[j]
            ci = None
            if ha is not None and hb is not None:
                half = math.hypot(ha, hb)
                ci = (d - half, d + half) if bounds is None else (max(bounds[0], d - half), min(bounds[1], d + half))
            out.append((i, j, d, ci))
    return tuple(out)


def _target_comparisons(
    profiles: Sequence[ArticleProfile], names: Sequence[str], only: Sequence[str] | None
) -> tuple[tuple[TargetComparison, ...], dict[str, tuple[str, ...]]]:
    wanted = {t.casefold() for t in only or ()}
    shared: list[TargetComparison] = []
    unshared: dict[str, list[str]] = {n: [] for n in names}
    for group in _match_targets(profiles):
        members = {i: profiles[i].targets[key] for i, key in group}
        keys = set().union(*(_keys(tp, key) for (i, key), tp in zip(group, members.values(), strict=True)))
        if wanted and not wanted & keys:
            continue
        if len(members) < 2:
            ((i, key),) = group
            unshared[names[i]].append(key)
            continue
        canonical = min(group, key=lambda node: node[0])[1]
        per = tuple(members.get(i) for i in range(len(profiles)))
        shared.append(TargetComparison(canonical, per, _differences(per)))
    shared.sort(key=lambda t: t.name.casefold())
    return tuple(shared), {n: tuple(v) for n, v in unshared.items()}


# --------------------------------------------------------------------------- terms


def _distinctive(profiles: Sequence[ArticleProfile], names: Sequence[str]) -> dict[str, tuple[tuple[str, int], ...]]:
    """Loaded terms of each article that occur nowhere in the other articles' texts."""
    out = {}
    for i, p in enumerate(profiles):
        others = [q.text for j, q in enumerate(profiles) if j != i]
        out[names[i]] = tuple(
            (t, int(c)) for t, c in p.top_loaded_terms if not any(_form_re(t).search(o) for o in others)
        )
    return out


def _labels(profiles: Sequence[ArticleProfile], names: Sequence[str]) -> dict[str, dict[str, dict[str, int]]]:
    per = [count_labels(p.text) for p in profiles]
    out: dict[str, dict[str, dict[str, int]]] = {}
    for (a, _), (b, _) in LABEL_PAIRS:
        key = f"{a} / {b}"
        if any(key in c for c in per):
            out[key] = {n: c.get(key, {a: 0, b: 0}) for n, c in zip(names, per, strict=True)}
    return out


def compare(
    profiles: Sequence[ArticleProfile],
    names: Sequence[str] | None = None,
    targets: Sequence[str] | None = None,
) -> Comparison:
    """Compare articles side by side; ``names`` label them (default ``A``, ``B``, ...)."""
    if len(profiles) < 2:
        raise InputValueError(f"compare needs at least two profiles, got {len(profiles)}")
    names = (
        list(names)
        if names is not None
        else [chr(ord("A") + i) if i < 26 else f"#{i + 1}" for i in range(len(profiles))]
    )
    if len(names) != len(profiles) or len(set(names)) != len(names):
        raise InputValueError("names must be unique and one per profile")
    shared, unshared = _target_comparisons(profiles, names, targets)
    logger.debug("compared %d articles, %d shared targets", len(profiles), len(shared))
    return Comparison(
        names=tuple(names),
        targets=shared,
        unshared_targets=unshared,
        loaded_per_100_words={n: dict(p.loaded_per_100_words) for n, p in zip(names, profiles, strict=True)},
        distinctive_terms=_distinctive(profiles, names),
        labels=_labels(profiles, names),
        frames=_frame_comparisons(profiles),
    )
