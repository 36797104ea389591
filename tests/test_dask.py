"""fastsmote.dask against the single-machine samplers: identical output on a LocalCluster.

One in-process cluster (2 workers, one thread each) serves the module. Data
are small; chunkings vary from one row chunk to many uneven ones, with
``chunk_size`` cutting the new rows and the join blocks differently again.
"""

from __future__ import annotations

import logging

import dask
import dask.array as da
import numpy as np
import pytest
from dask_support import as_dask, load
from sklearn.datasets import make_classification

import fastsmote
import fastsmote.dask as fdask
from fastsmote._random import draw_interpolation
from fastsmote.dask._knn import merge_topk, query_chunks
from fastsmote.dask._plan import interpolation_plan, replay_interpolation
from fastsmote.neighbors import BruteForceNeighbors

SAMPLERS = {
    "SMOTE": {"random_state": 0},
    "BorderlineSMOTE": {"random_state": 1, "m_neighbors": 8},
    "BorderlineSMOTE-2": {"random_state": 2, "kind": "borderline-2"},
    "ADASYN": {"random_state": 3},
    "TomekLinks": {},
    "EditedNearestNeighbours": {},
    "SMOTETomek": {"random_state": 4},
    "SMOTEENN": {"random_state": 5},
}

#: (data set, dtype, row chunks of X, chunk_size).
CASES = [
    ("binary", np.float64, 64, None),
    ("multiclass", np.float32, 100, 45),
    ("binary", np.float32, 1000, None),
    ("multiclass", np.float64, (37, 150, 13, 100), 70),
]


def make_pair(name, params, **dask_params):
    local_name = name.split("-")[0]
    return (
        getattr(fdask, local_name)(**params, **dask_params),
        getattr(fastsmote, local_name)(**params),
    )


def assert_same(dask_sampler, local_sampler, dX, dy, X, y):
    X_res, y_res = dask_sampler.fit_resample(dX, dy)
    assert isinstance(X_res, da.Array) and isinstance(y_res, da.Array)
    indices = getattr(dask_sampler, "sample_indices_", None)
    X_res, y_res, indices = dask.compute(X_res, y_res, indices)
    X_want, y_want = local_sampler.fit_resample(X, y)
    assert X_res.dtype == X_want.dtype and y_res.dtype == y_want.dtype
    np.testing.assert_array_equal(X_res, X_want)
    np.testing.assert_array_equal(y_res, y_want)
    if indices is not None:
        np.testing.assert_array_equal(indices, local_sampler.sample_indices_)
    assert dask_sampler.nn_search_.exact
    return X_want


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{np.dtype(c[1]).name}")
@pytest.mark.parametrize("name", list(SAMPLERS))
def test_identical_to_single_machine(client, name, case):
    data, dtype, chunks, chunk_size = case
    X, y = load(data, dtype)
    dask_sampler, local_sampler = make_pair(name, SAMPLERS[name], chunk_size=chunk_size)
    X_want = assert_same(dask_sampler, local_sampler, *as_dask(X, y, chunks), X, y)
    assert X_want.shape[0] != X.shape[0]  # the sampler did something


def load_mixed(name: str, dtype):
    """``load(name)`` with three categorical columns (codes stored as numbers)."""
    X, y = load(name, np.float64)
    rng = np.random.RandomState(4)
    cats = (
        rng.randint(0, 4, size=(len(y), 3)) + y[:, None] * rng.randint(0, 2, size=(len(y), 3))
    ) % 5
    return np.hstack([X[:, :4], cats, X[:, 4:]]).astype(dtype), y


@pytest.mark.parametrize("case", CASES, ids=lambda c: f"{c[0]}-{np.dtype(c[1]).name}")
def test_smotenc_identical_to_single_machine(client, case):
    data, dtype, chunks, chunk_size = case
    X, y = load_mixed(data, dtype)
    params = {"categorical_features": [4, 5, 6], "random_state": 6}
    dask_sampler = fdask.SMOTENC(**params, chunk_size=chunk_size)
    local_sampler = fastsmote.SMOTENC(**params)
    assert_same(dask_sampler, local_sampler, *as_dask(X, y, chunks), X, y)
    assert dask_sampler.median_std_ == local_sampler.median_std_


def test_smotenc_tiny_continuous_scale(client):
    # Continuous features of scale 1e-10 have a median std below numpy.isclose's
    # 1e-8 tolerance but not 0: the category vote must use math.isclose, as the
    # single machine and imbalanced-learn do (issue #15, item 4).
    X, y = load_mixed("binary", np.float64)
    continuous = [0, 1, 2, 3, 7, 8]
    X[:, continuous] *= 1e-10
    params = {"categorical_features": [4, 5, 6], "random_state": 6}
    dask_sampler = fdask.SMOTENC(**params, chunk_size=45)
    local_sampler = fastsmote.SMOTENC(**params)
    assert_same(dask_sampler, local_sampler, *as_dask(X, y, 64), X, y)
    assert dask_sampler.median_std_ == local_sampler.median_std_
    assert 0 < local_sampler.median_std_[1] < 1e-8


def test_smotenc_random_state_instance(client):
    X, y = load_mixed("multiclass", np.float64)
    rng_dask, rng_local = np.random.RandomState(8), np.random.RandomState(8)
    dask_sampler = fdask.SMOTENC([4, 5, 6], random_state=rng_dask, chunk_size=25)
    local_sampler = fastsmote.SMOTENC([4, 5, 6], random_state=rng_local)
    assert_same(dask_sampler, local_sampler, *as_dask(X, y, 64), X, y)
    assert rng_dask.randint(1 << 30) == rng_local.randint(1 << 30)


def test_smotenc_dataframe(client):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    X, y = load_mixed("binary", np.float64)
    X_pd = pd.DataFrame(X, columns=[f"c{i}" for i in range(X.shape[1])])
    y_pd = pd.Series(y, name="target")
    dX, dy = dd.from_pandas(X_pd, npartitions=3), dd.from_pandas(y_pd, npartitions=3)
    dask_sampler = fdask.SMOTENC([4, 5, 6], random_state=0, chunk_size=40)
    X_res, y_res = dask.compute(*dask_sampler.fit_resample(dX, dy))
    X_want, y_want = fastsmote.SMOTENC([4, 5, 6], random_state=0).fit_resample(X_pd, y_pd)
    pd.testing.assert_frame_equal(X_res, X_want, check_index_type=False)
    pd.testing.assert_series_equal(y_res, y_want, check_index_type=False)


@pytest.mark.parametrize("name", ["BorderlineSMOTE", "ADASYN", "TomekLinks", "SMOTEENN"])
def test_identical_with_distance_ties(client, name):
    # Duplicated rows tie across chunks: the merge must keep the by-index rule
    # (smaller global index first, each row excluded by index). The distributed
    # searches against all rows follow that rule only; the single machine
    # follows it under neighbor_order="index".
    X, y = load("ties")
    dask_sampler, local_sampler = make_pair(name, SAMPLERS[name], chunk_size=50)
    with fastsmote.config_context(neighbor_order="index"):
        assert_same(dask_sampler, local_sampler, *as_dask(X, y, 33), X, y)


def test_broadcast_search_equals_single_machine_search(client):
    X, y = load("ties")
    rows = np.flatnonzero(y == 1)
    dX = da.from_array(X, chunks=(41, -1))
    codes = da.from_array(y.astype(np.int64), chunks=41)
    offsets = np.arange(0, 240, 41)
    gidx, nn_codes = query_chunks(
        client,
        X[rows],
        rows,
        list(dX.to_delayed().ravel()),
        list(codes.to_delayed().ravel()),
        offsets,
        7,
        "brute",
        1,
    )
    want = BruteForceNeighbors(7).fit(X).kneighbors_of_rows(rows, return_distance=False)
    np.testing.assert_array_equal(gidx, want)
    np.testing.assert_array_equal(nn_codes, y[want])


def test_merge_breaks_ties_by_global_index():
    a = (np.array([[1.0, 1.0]]), np.array([[9, 12]]), np.array([[0, 0]]))
    b = (np.array([[1.0, 0.5]]), np.array([[4, 30]]), np.array([[1, 1]]))
    dist, gidx, _ = merge_topk([a, b], 3, self_gidx=np.array([30]))
    assert gidx.tolist() == [[4, 9, 12]] and dist.tolist() == [[1.0, 1.0, 1.0]]


@pytest.mark.parametrize("seed", [0, np.random.RandomState(7)], ids=["int", "RandomState"])
def test_random_stream_cut_into_chunks(seed):
    sizes = [5, 1, 0, 17, 40, 3]
    copy = seed if isinstance(seed, int) else np.random.RandomState(7)
    rows, cols, steps, _ = draw_interpolation(copy, 13, 5, sum(sizes))
    flat_states, step_states, _ = interpolation_plan(seed, 13, 5, sizes)
    parts = [
        replay_interpolation(fs, ss, 13, 5, n)
        for fs, ss, n in zip(flat_states, step_states, sizes, strict=True)
    ]
    np.testing.assert_array_equal(np.concatenate([p[0] for p in parts]), rows)
    np.testing.assert_array_equal(np.concatenate([p[1] for p in parts]), cols)
    np.testing.assert_array_equal(np.concatenate([p[2] for p in parts]), steps)
    if not isinstance(seed, int):  # the caller's generator advanced as on one machine
        assert seed.uniform() == copy.uniform()


def test_random_state_instance_advances_as_on_one_machine(client):
    X, y = load("multiclass")
    rng_dask, rng_local = np.random.RandomState(11), np.random.RandomState(11)
    dask_sampler = fdask.BorderlineSMOTE(random_state=rng_dask, kind="borderline-2", chunk_size=30)
    local_sampler = fastsmote.BorderlineSMOTE(random_state=rng_local, kind="borderline-2")
    assert_same(dask_sampler, local_sampler, *as_dask(X, y, 70), X, y)
    assert rng_dask.randint(1 << 30) == rng_local.randint(1 << 30)


def test_unknown_row_chunks_are_resolved(client):
    X, y = load("binary")
    dX, dy = as_dask(X, y, 50)
    keep = X[:, 0] > -1.0
    dkeep = da.from_array(keep, chunks=50)
    dX, dy = dX[dkeep], dy[dkeep]
    assert np.isnan(dX.shape[0])
    dask_sampler, local_sampler = make_pair("SMOTE", SAMPLERS["SMOTE"])
    assert_same(dask_sampler, local_sampler, dX, dy, X[keep], y[keep])


class _Records(logging.Handler):
    def __init__(self):
        super().__init__(logging.DEBUG)
        self.messages = []

    def emit(self, record):
        self.messages.append(record.getMessage())


@pytest.mark.parametrize(
    ("name", "search"),
    [(name, "exact") for name in SAMPLERS]
    + [("TomekLinks", "approximate"), ("EditedNearestNeighbours", "approximate")],
)
def test_outputs_computed_apart_keep_their_keys(client, name, search):
    # Computing (X_res, y_res) and then sample_indices_ (or each output alone)
    # optimised the shared tasks differently in each graph: the scheduler,
    # still holding the first graph's keys, logged "Detected different
    # `run_spec` for key ('fastsmote-class-codes-...', i)" (issue #15, item 7).
    X, y = load("binary")
    params = dict(SAMPLERS[name], chunk_size=50)
    if search == "approximate":
        params["search"] = search
    sampler = getattr(fdask, name.split("-")[0])(**params)
    X_res, y_res = sampler.fit_resample(*as_dask(X, y, 60))
    indices = getattr(sampler, "sample_indices_", None)
    records = _Records()
    scheduler_log = logging.getLogger("distributed.scheduler")
    scheduler_log.addHandler(records)
    try:
        dask.compute(X_res, y_res)
        if indices is not None:
            indices.compute()
        X_res.compute()
        y_res.compute()
        dask.compute(X_res, y_res, indices)
        dask.compute(indices, y_res)
    finally:
        scheduler_log.removeHandler(records)
    assert not [m for m in records.messages if "different `run_spec`" in m]


@pytest.mark.parametrize("name", list(SAMPLERS))
def test_empty_chunks_are_valid_input(client, name):
    # Boolean filtering leaves empty chunks (here the first and the fourth of
    # five); they used to reach check_array in the neighbour tasks (issue #15,
    # item 6).
    X, y = load("binary")
    dX, dy = as_dask(X, y, 60)
    keep = (np.arange(len(y)) >= 60) & ((np.arange(len(y)) < 180) | (np.arange(len(y)) >= 240))
    dkeep = da.from_array(keep, chunks=60)
    dX, dy = dX[dkeep], dy[dkeep]
    assert 0 in dask.compute(*[b.shape[0] for b in dX.to_delayed().ravel()])
    dask_sampler, local_sampler = make_pair(name, SAMPLERS[name], chunk_size=50)
    assert_same(dask_sampler, local_sampler, dX, dy, X[keep], y[keep])


def test_lazy_output_and_to_local(client):
    X, y = load("binary")
    sampler = fdask.SMOTETomek(random_state=0, chunk_size=80)
    X_res, _ = sampler.fit_resample(*as_dask(X, y, 100))
    # SMOTE's rows have known chunks; Tomek's decisions are lazy.
    assert np.isnan(X_res.shape[0])
    local = sampler.to_local()
    assert isinstance(local, fastsmote.SMOTETomek)
    assert isinstance(local.smote_, fastsmote.SMOTE)
    reference = fastsmote.SMOTETomek(random_state=0)
    reference.fit_resample(X, y)
    np.testing.assert_array_equal(local.tomek_.sample_indices_, reference.tomek_.sample_indices_)
    assert local.smote_.sampling_strategy_ == reference.smote_.sampling_strategy_
    assert sampler.nn_search_.exact


def test_combined_sampler_takes_single_machine_or_dask_steps(client):
    from imblearn.over_sampling import SMOTE as ImblearnSMOTE

    X, y = load("binary")
    dask_sampler = fdask.SMOTEENN(
        smote=fastsmote.SMOTE(random_state=3, k_neighbors=4),
        enn=fdask.EditedNearestNeighbours(sampling_strategy="all", n_neighbors=4, chunk_size=70),
    )
    local_sampler = fastsmote.SMOTEENN(
        smote=fastsmote.SMOTE(random_state=3, k_neighbors=4),
        enn=fastsmote.EditedNearestNeighbours(sampling_strategy="all", n_neighbors=4),
    )
    assert_same(dask_sampler, local_sampler, *as_dask(X, y, 90), X, y)
    with pytest.raises(TypeError, match="has no Dask version"):
        fdask.SMOTETomek(smote=ImblearnSMOTE()).fit_resample(*as_dask(X, y, 90))


def test_approximate_mode_says_so_and_only_removes(client):
    X, y = make_classification(
        n_samples=2000, n_features=6, n_informative=4, weights=[0.7], random_state=3
    )
    dX, dy = as_dask(X, y, 400)
    exact = fdask.TomekLinks(chunk_size=250)
    approx = fdask.TomekLinks(chunk_size=250, search="approximate")
    _, _, exact_idx = dask.compute(*exact.fit_resample(dX, dy), exact.sample_indices_)
    X_res, y_res, approx_idx = dask.compute(*approx.fit_resample(dX, dy), approx.sample_indices_)
    assert exact.nn_search_.exact and not approx.nn_search_.exact
    np.testing.assert_array_equal(X_res, X[approx_idx])
    np.testing.assert_array_equal(y_res, y[approx_idx])
    assert np.all(np.diff(approx_idx) > 0)
    removed_exact = np.setdiff1d(np.arange(len(y)), exact_idx)
    removed_approx = np.setdiff1d(np.arange(len(y)), approx_idx)
    # Candidate links are checked exactly, so only true links are removed;
    # links whose members fall in different leaves may be missed.
    assert removed_exact.size > 0
    assert np.isin(removed_approx, removed_exact).all()
    assert np.isin(removed_exact, removed_approx).mean() >= 0.5


def test_enn_approximate_mode_runs(client):
    X, y = load("multiclass")
    sampler = fdask.EditedNearestNeighbours(chunk_size=100, search="approximate")
    X_res, y_res = dask.compute(*sampler.fit_resample(*as_dask(X, y, 100)))
    assert not sampler.nn_search_.exact
    assert 0 < X_res.shape[0] < X.shape[0] and y_res.shape[0] == X_res.shape[0]


# -- DataFrame input -------------------------------------------------------------------
@pytest.mark.parametrize("name", ["SMOTE", "BorderlineSMOTE-2", "ADASYN", "TomekLinks", "SMOTEENN"])
def test_dataframe_in_dataframe_out(client, name):
    pd = pytest.importorskip("pandas")
    dd = pytest.importorskip("dask.dataframe")
    X, y = load("multiclass")
    columns = [f"f{i}" for i in range(X.shape[1])]
    X_pd = pd.DataFrame(X, columns=columns).astype({"f0": np.float32})
    y_pd = pd.Series(y, name="target")
    dX = dd.from_pandas(X_pd, npartitions=3)
    dy = dd.from_pandas(y_pd, npartitions=3)
    dask_sampler, local_sampler = make_pair(name, SAMPLERS[name], chunk_size=60)
    X_res, y_res = dask_sampler.fit_resample(dX, dy)
    assert isinstance(X_res, dd.DataFrame) and isinstance(y_res, dd.Series)
    X_res, y_res = dask.compute(X_res, y_res)
    X_want, y_want = local_sampler.fit_resample(X_pd, y_pd)
    pd.testing.assert_frame_equal(X_res, X_want, check_index_type=False)
    pd.testing.assert_series_equal(y_res, y_want, check_index_type=False)
