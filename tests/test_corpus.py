from __future__ import annotations

import json
import math

import pandas as pd
import pytest
from _profiles import sample_profile

from framing.errors import DataError, InputValueError
from framing.profile.flatten import article_row
from framing.report.corpus import group_profiles, mean_interval, plot_groups


def _tp(mean: float | None) -> dict:
    return {"name": "Moscow", "stance_mean": mean, "ci95": None, "mentions": 1}


def _table() -> pd.DataFrame:
    rows = []
    for outlet, means, dens in (
        ("A", [-0.5, -0.3, -0.4], [2.0, 4.0, 3.0]),
        ("B", [0.2, 0.4], [1.0, 1.0]),
        ("C", [None], [0.5]),
    ):
        for m, d in zip(means, dens, strict=True):
            rows.append(
                {
                    "outlet": outlet,
                    "targets": json.dumps({"Moscow": _tp(m)}),
                    "loaded_per_100_words.all": d,
                    "loaded_per_100_words.author": d / 2,
                    "loaded_per_100_words.quote": None,
                }
            )
    rows.append({"outlet": "D", "targets": "{}", "loaded_per_100_words.all": 1.0})
    return pd.DataFrame(rows)


def test_mean_interval_t_and_bootstrap() -> None:
    m, lo, hi = mean_interval([-0.5, -0.3, -0.4])
    assert m == pytest.approx(-0.4)
    assert hi - m == pytest.approx(4.302653 * 0.1 / math.sqrt(3), rel=1e-5)
    b1 = mean_interval([1.0, 2.0, 3.0, 10.0], method="bootstrap", seed=3)
    assert b1 == mean_interval([1.0, 2.0, 3.0, 10.0], method="bootstrap", seed=3)
    assert b1[1] < b1[0] < b1[2]
    assert mean_interval([1.0]) == (1.0, None, None)
    assert mean_interval([None, float("nan")]) == (None, None, None)
    with pytest.raises(InputValueError):
        mean_interval([1.0, 2.0], method="x")


def test_group_profiles_per_group_and_target() -> None:
    out = group_profiles(_table(), "outlet", method="t").set_index("outlet")
    assert list(out.index) == ["A", "B", "C", "D"]
    assert out.loc["A", "n_articles"] == 3 and out.loc["A", "target"] == "Moscow"
    assert out.loc["A", "stance_mean"] == pytest.approx(-0.4)
    assert out.loc["A", "stance_ci_lo"] < -0.4 < out.loc["A", "stance_ci_hi"]
    assert out.loc["A", "loaded_all_mean"] == pytest.approx(3.0)
    assert out.loc["A", "loaded_author_mean"] == pytest.approx(1.5)
    assert out.loc["A", "loaded_quote_mean"] is None or pd.isna(out.loc["A", "loaded_quote_mean"])
    assert out.loc["C", "n_with_target"] == 0 and pd.isna(out.loc["C", "stance_mean"])
    assert pd.isna(out.loc["D", "target"])
    assert out.loc["B", "loaded_all_ci_lo"] == pytest.approx(1.0)  # zero variance


def test_group_profiles_from_flatten_rows() -> None:
    rows = [{**article_row(sample_profile()), "outlet": o} for o in ("X", "X", "Y")]
    out = group_profiles(pd.DataFrame(rows), "outlet", method="bootstrap")
    assert set(out["target"]) == {"Kyiv", "Moscow"}
    x = out[(out.outlet == "X") & (out.target == "Kyiv")].iloc[0]
    assert x.n_with_target == 2 and x.stance_mean == pytest.approx(sample_profile().targets["Kyiv"].stance_mean)


def test_group_profiles_errors() -> None:
    with pytest.raises(DataError):
        group_profiles(_table(), "nope")
    with pytest.raises(DataError):
        group_profiles(pd.DataFrame({"outlet": ["a"]}), "outlet")


@pytest.mark.parametrize("suffix,magic", [(".png", b"\x89PNG"), (".svg", b"<?xml")])
def test_plot_groups_writes_file(tmp_path, suffix: str, magic: bytes) -> None:
    table = group_profiles(_table(), "outlet")
    path = plot_groups(table, tmp_path / f"plot{suffix}", target="Moscow")
    data = path.read_bytes()
    assert data.startswith(magic) and len(data) > 2000


def test_plot_groups_rejects_bad_suffix(tmp_path) -> None:
    table = group_profiles(_table(), "outlet")
    with pytest.raises(InputValueError):
        plot_groups(table, tmp_path / "plot.jpg")
    with pytest.raises(InputValueError):
        plot_groups(table, tmp_path / "plot.png", target="Nobody")


def test_density_interval_stays_in_range_and_small_groups_are_flagged(caplog) -> None:
    # Two articles with very different densities: a plain t-interval is about [-40, 48].
    table = pd.DataFrame(
        {
            "outlet": ["A", "A"],
            "targets": ["{}", "{}"],
            "loaded_per_100_words.all": [0.5, 7.0],
        }
    )
    assert mean_interval([0.5, 7.0])[1] < 0  # what the unclipped t-interval does
    for method in ("bootstrap", "t"):
        row = group_profiles(table, "outlet", method=method).iloc[0]
        assert 0.0 <= row.loaded_all_ci_lo <= row.loaded_all_mean <= row.loaded_all_ci_hi
        assert bool(row.small_sample) is True
    assert "rough" in caplog.text
    m, lo, hi = mean_interval([-0.9, 0.95], bounds=(-1.0, 1.0))
    assert -1.0 <= lo < m < hi <= 1.0


def test_plot_groups_wraps_many_targets_into_a_grid(tmp_path) -> None:
    import struct

    rows = []
    for i in range(13):
        for outlet in ("A", "B"):
            rows.append(
                {
                    "outlet": outlet,
                    "targets": json.dumps({f"T{i}": _tp(0.1 * (i % 5))}),
                    "loaded_per_100_words.all": 1.0,
                }
            )
    path = plot_groups(group_profiles(pd.DataFrame(rows), "outlet"), tmp_path / "grid.png")
    width, height = struct.unpack(">II", path.read_bytes()[16:24])
    assert width <= 4 * 4 * 100 + 10  # at most 4 panels of 4 inches per row at 100 dpi
    assert height > width / 2  # 14 panels -> 4 rows
