"""Ray Data: an actor pool on a local Ray instance gives the same tables as local scoring."""

from __future__ import annotations

import os

import pandas as pd
import pytest
from _batch_helpers import assert_same_rows, build_tiny_model, make_corpus, records

ray = pytest.importorskip("ray", reason="Ray Data is the optional extra framing[ray]")

pytestmark = pytest.mark.slow  # starts a local Ray cluster

CHUNK = 16


@pytest.fixture(scope="module")
def tiny_model(tiny_backbone: str, tmp_path_factory: pytest.TempPathFactory) -> str:
    return build_tiny_model(tiny_backbone, tmp_path_factory.mktemp("ray-model"))


@pytest.fixture(scope="module")
def local_ray():
    os.environ.setdefault("RAY_ENABLE_UV_RUN_RUNTIME_ENV", "0")
    try:
        ray.init(
            num_cpus=2,
            include_dashboard=False,
            log_to_driver=False,
            configure_logging=False,
            runtime_env={"env_vars": {"OMP_NUM_THREADS": "1", "HF_HUB_OFFLINE": "1"}},
        )
    except Exception as exc:  # pragma: no cover - sandbox-dependent
        if os.environ.get("CI") == "true":
            raise
        pytest.skip(f"a local Ray instance cannot start here: {type(exc).__name__}: {exc}")
    ctx = ray.data.DataContext.get_current()
    ctx.enable_progress_bars = False
    yield
    ray.shutdown()


def test_ray_actor_pool_matches_local_scoring(local_ray, tiny_model) -> None:
    from framing.batch.dataset import score_dataset
    from framing.batch.ray import score_ray

    df = pd.DataFrame(make_corpus(40, seed=3))
    df.loc[5, "text"] = None
    df.loc[6, "text"] = ""
    targets = ["Biden"]
    ref = score_dataset(
        df, id_column="doc", targets=targets, model=tiny_model, chunk_size=CHUNK, batch_size=8, device="cpu"
    )
    ds = ray.data.from_pandas(df)  # one block
    articles, sentences = score_ray(
        ds,
        id_column="doc",
        targets=targets,
        model=tiny_model,
        concurrency=1,
        rows_per_batch=CHUNK,
        batch_size=8,
        num_cpus=1,
        device="cpu",
    )
    got_a = articles.to_pandas()
    got_s = sentences.to_pandas()
    ref_a, ref_s = ref.articles.drop(columns="row"), ref.sentences.drop(columns="row")  # Ray has no row numbers
    assert list(got_a.columns) == list(ref_a.columns)
    assert list(got_s.columns) == list(ref_s.columns)
    # same rows and numbers (sort: the actor pool may reorder batches)
    assert_same_rows(records(got_a, sort=("doc",)), records(ref_a, sort=("doc",)), rel=1e-6)
    key = ("doc", "sentence_index")
    assert_same_rows(records(got_s, sort=key), records(ref_s, sort=key), rel=1e-6)
    status = dict(zip(got_a["doc"], got_a["status"], strict=True))
    assert status["d0005"] == "skipped: null text" and status["d0006"] == "empty"


def test_ray_needs_an_id_column(local_ray) -> None:
    from framing.batch.ray import score_ray
    from framing.errors import DataError

    ds = ray.data.from_pandas(pd.DataFrame({"text": ["a"]}))
    with pytest.raises(DataError, match="id_column"):
        score_ray(ds)
    with pytest.raises(DataError, match="body"):
        score_ray(ds, text_column="body", id_column="text")
