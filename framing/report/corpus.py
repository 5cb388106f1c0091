"""Corpus view: stance, loaded density and frame shares per group (e.g. outlet) from a scored article table.

The table has the columns of :data:`framing.profile.flatten.ARTICLE_COLUMNS` (``targets`` is a
JSON string of ``{name: TargetProfile.to_dict()}``) plus whatever the user carried through,
such as ``outlet``. Intervals are over article-level values: a seeded percentile bootstrap by
default (it never leaves the range the quantity can take), or a t-interval clipped to that range.
Groups of fewer than :data:`SMALL_N` articles are flagged (``small_sample``): their intervals are
rough at best.
"""

from __future__ import annotations

import json
import logging
import math
from collections.abc import Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from framing.errors import DataError, InputValueError

if TYPE_CHECKING:
    import pandas as pd

__all__ = ["group_profiles", "group_frames", "plot_groups", "mean_interval", "VOICE_COLUMNS", "SMALL_N"]

logger = logging.getLogger(__name__)

VOICE_COLUMNS: dict[str, str] = {
    "all": "loaded_per_100_words.all",
    "author": "loaded_per_100_words.author",
    "quote": "loaded_per_100_words.quote",
}
SMALL_N = 5
MAX_COLUMNS = 4
STANCE_RANGE: tuple[float, float] = (-1.0, 1.0)
DENSITY_RANGE: tuple[float, float | None] = (0.0, None)


def mean_interval(
    values: Sequence[float],
    method: str = "t",
    n_boot: int = 2000,
    seed: int = 0,
    bounds: tuple[float | None, float | None] = (None, None),
) -> tuple[float | None, float | None, float | None]:
    """(mean, lo, hi) of the 95% interval; NaN/None values are dropped; no interval below n=2.

    ``method``: ``"t"`` (Student t) or ``"bootstrap"`` (seeded percentile bootstrap, which stays
    inside the range of the values). ``bounds``: the range the quantity can take (e.g. ``(0, None)``
    for a density); the interval is clipped to it.
    """
    import numpy as np

    x = np.asarray([v for v in values if v is not None and not math.isnan(float(v))], dtype=float)
    if x.size == 0:
        return None, None, None
    mean = float(x.mean())
    if x.size < 2:
        return mean, None, None
    if method == "bootstrap":
        rng = np.random.default_rng(seed)
        boots = x[rng.integers(0, x.size, size=(n_boot, x.size))].mean(axis=1)
        lo, hi = np.percentile(boots, [2.5, 97.5])
        return mean, *_clip(float(lo), float(hi), bounds)
    if method != "t":
        raise InputValueError(f"unknown interval method {method!r} (use 't' or 'bootstrap')")
    from scipy import stats

    half = float(stats.t.ppf(0.975, x.size - 1) * x.std(ddof=1) / math.sqrt(x.size))
    return mean, *_clip(mean - half, mean + half, bounds)


def _clip(lo: float, hi: float, bounds: tuple[float | None, float | None]) -> tuple[float, float]:
    low, high = bounds
    if low is not None:
        lo, hi = max(lo, low), max(hi, low)
    if high is not None:
        lo, hi = min(lo, high), min(hi, high)
    return lo, hi


def _json_cell(cell: Any, column: str) -> dict[str, Any]:
    """A JSON-object cell of the article table (``targets``, ``frames``) as a dict; empty or missing: ``{}``."""
    if cell is None or (isinstance(cell, float) and math.isnan(cell)):
        return {}
    if isinstance(cell, str):
        cell = json.loads(cell) if cell.strip() else {}
    if not isinstance(cell, dict):
        raise DataError(f"{column} cell must be a JSON object, got {type(cell).__name__}")
    return cell


def _stance_rows(group: pd.DataFrame) -> dict[str, list[float]]:
    per_target: dict[str, list[float]] = {}
    for cell in group["targets"]:
        for name, t in _json_cell(cell, "targets").items():
            per_target.setdefault(name, [])
            if t.get("stance_mean") is not None:
                per_target[name].append(float(t["stance_mean"]))
    return per_target


def _density(group: pd.DataFrame, method: str, seed: int) -> dict[str, float | None]:
    out: dict[str, float | None] = {}
    for voice, col in VOICE_COLUMNS.items():
        vals = group[col].tolist() if col in group else []
        m, lo, hi = mean_interval(vals, method=method, seed=seed, bounds=DENSITY_RANGE)
        out[f"loaded_{voice}_mean"], out[f"loaded_{voice}_ci_lo"], out[f"loaded_{voice}_ci_hi"] = m, lo, hi
    return out


def group_profiles(article_table: pd.DataFrame, by: str, method: str = "bootstrap", seed: int = 0) -> pd.DataFrame:
    """One row per (group, target): n articles, mean stance with 95% interval, loaded density by voice.

    A group whose articles mention no target gets one row with ``target`` None. Density columns
    are over all the group's articles and repeat on each of its target rows. Intervals stay inside
    the quantity's range (stance in [-1, 1], density >= 0); ``small_sample`` is True where fewer than
    :data:`SMALL_N` articles back the stance (or, without a target, the density) of the row.
    ``method``: ``"bootstrap"`` (default) or ``"t"``, see :func:`mean_interval`.
    """
    import pandas as pd

    if by not in article_table.columns:
        raise DataError(f"no column {by!r} in the article table")
    if "targets" not in article_table.columns:
        raise DataError("the article table has no 'targets' column (see framing.profile.flatten)")
    rows: list[dict[str, Any]] = []
    small: list[str] = []
    for key, group in article_table.groupby(by, sort=True, dropna=False):
        density = _density(group, method, seed)
        # no targets in the group: one row, target None, carries the density alone
        per_target: dict[str | None, list[float]] = dict(_stance_rows(group).items()) or {None: []}
        for target, vals in sorted(per_target.items(), key=lambda kv: str(kv[0])):
            m, lo, hi = mean_interval(vals, method=method, seed=seed, bounds=STANCE_RANGE)
            n_backing = len(vals) if target is not None else len(group)
            if n_backing < SMALL_N:
                small.append(f"{key}/{target}" if target is not None else str(key))
            rows.append(
                {
                    by: key,
                    "target": target,
                    "n_articles": len(group),
                    "n_with_target": len(vals),
                    "stance_mean": m,
                    "stance_ci_lo": lo,
                    "stance_ci_hi": hi,
                    "small_sample": n_backing < SMALL_N,
                    **density,
                }
            )
    if small:
        logger.warning(
            "%d group rows rest on fewer than %d articles (%s%s): their intervals are rough at best",
            len(small),
            SMALL_N,
            ", ".join(small[:5]),
            ", ..." if len(small) > 5 else "",
        )
    logger.debug("grouped %d articles by %s into %d rows", len(article_table), by, len(rows))
    return pd.DataFrame(rows).astype({"stance_mean": float, "stance_ci_lo": float, "stance_ci_hi": float})


def group_frames(article_table: pd.DataFrame, by: str, method: str = "bootstrap", seed: int = 0) -> pd.DataFrame:
    """One row per (group, frame): the share of the group's articles that use the frame, and its mean probability.

    Reads the ``frames`` JSON column of the article table (:func:`framing.profile.flatten.article_row`).
    ``share``: the fraction of the group's articles (with frames) where the frame passes its threshold;
    ``probability_mean``: the mean article probability; both with 95% intervals over articles (clipped to
    [0, 1]). ``small_sample`` where fewer than :data:`SMALL_N` articles back the row. Articles without
    frames (no frames head) are left out; a table without any gives an empty frame with these columns.
    """
    import pandas as pd

    if by not in article_table.columns:
        raise DataError(f"no column {by!r} in the article table")
    if "frames" not in article_table.columns:
        raise DataError(
            "the article table has no 'frames' column: score it with a model that has a frames head "
            "(see framing.profile.flatten)"
        )
    columns = [by, "frame", "n_articles", "share", "share_ci_lo", "share_ci_hi"]
    columns += ["probability_mean", "probability_ci_lo", "probability_ci_hi", "small_sample"]
    rows: list[dict[str, Any]] = []
    for key, group in article_table.groupby(by, sort=True, dropna=False):
        cells = [c for c in (_json_cell(cell, "frames") for cell in group["frames"]) if c]
        names: list[str] = []
        for c in cells:
            names.extend(n for n in c if n not in names)
        for name in names:
            present = [float(bool(c[name]["present"])) for c in cells if name in c]
            probs = [float(c[name]["probability"]) for c in cells if name in c]
            s, s_lo, s_hi = mean_interval(present, method=method, seed=seed, bounds=(0.0, 1.0))
            p, p_lo, p_hi = mean_interval(probs, method=method, seed=seed, bounds=(0.0, 1.0))
            values = [key, name, len(probs), s, s_lo, s_hi, p, p_lo, p_hi, len(probs) < SMALL_N]
            rows.append(dict(zip(columns, values, strict=True)))
    logger.debug("frame shares of %d articles by %s: %d rows", len(article_table), by, len(rows))
    return pd.DataFrame(rows, columns=columns)


def _errorbars(ax: Any, labels: list[str], mean: list[float], lo: list[float], hi: list[float], color: str) -> None:
    import numpy as np

    m, lo_a, hi_a = (np.asarray(v, dtype=float) for v in (mean, lo, hi))
    err = np.vstack([np.nan_to_num(m - lo_a), np.nan_to_num(hi_a - m)])
    y = np.arange(len(labels))
    ax.errorbar(m, y, xerr=err, fmt="o", color=color, capsize=3)
    ax.set_yticks(y, labels)
    ax.invert_yaxis()


def plot_groups(table: pd.DataFrame, path: str | Path, target: str | None = None) -> Path:
    """Forest plot of :func:`group_profiles` output: stance per group (per target) and loaded density.

    One panel per target plus one for loaded density, wrapped into a grid of at most
    :data:`MAX_COLUMNS` columns. Writes PNG or SVG by the suffix of ``path``; returns the path.
    """
    path = Path(path)
    if path.suffix.lower() not in (".png", ".svg"):
        raise InputValueError(f"plot path must end in .png or .svg, got {path.name!r}")
    import matplotlib

    matplotlib.use("Agg", force=False)
    import matplotlib.pyplot as plt

    by = table.columns[0]
    targets = [t for t in table["target"].dropna().unique() if target is None or t == target]
    if target is not None and not targets:
        raise InputValueError(f"target {target!r} not in the table")
    n_panels = len(targets) + 1
    ncols = min(n_panels, MAX_COLUMNS)
    nrows = math.ceil(n_panels / ncols)
    fig, grid = plt.subplots(nrows, ncols, figsize=(4 * ncols, (0.6 * table[by].nunique() + 2) * nrows), squeeze=False)
    axes = list(grid.ravel())
    for ax in axes[n_panels:]:
        ax.set_visible(False)
    for ax, t in zip(axes, targets, strict=False):
        sub = table[table["target"] == t]
        _errorbars(
            ax,
            [str(g) for g in sub[by]],
            sub["stance_mean"],
            sub["stance_ci_lo"],
            sub["stance_ci_hi"],
            "#1f3a7a",
        )
        ax.axvline(0, color="#999", lw=1)
        ax.set_xlim(-1, 1)
        ax.set_title(f"Stance toward {t}")
        ax.set_xlabel("mean stance (95% interval)")
    dens = table.drop_duplicates(subset=[by])
    last = axes[n_panels - 1]
    _errorbars(
        last,
        [str(g) for g in dens[by]],
        dens["loaded_all_mean"],
        dens["loaded_all_ci_lo"],
        dens["loaded_all_ci_hi"],
        "#b35900",
    )
    last.set_title("Loaded terms per 100 words")
    last.set_xlabel("all voices (95% interval)")
    fig.tight_layout()
    fig.savefig(path)
    plt.close(fig)
    return path
