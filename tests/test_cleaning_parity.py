"""Cleaning samplers and SMOTE hybrids against imbalanced-learn: the correctness contract.

With the same parameters (and ``random_state`` for the hybrids):

- contract A: given scikit-learn ``NearestNeighbors`` objects (as ``n_neighbors``,
  or as ``nn_backend`` for TomekLinks), ``X``, ``y``, their dtypes, row order
  and ``sample_indices_`` equal imbalanced-learn's on any data, duplicate rows
  included;
- contract B: with fastsmote's exact backends, the same holds on data without
  tied distances.

One documented exception: imbalanced-learn's RepeatedEditedNearestNeighbours
applies the last pass's indices twice when that pass removes nothing, so its
``sample_indices_`` may contradict its own output; fastsmote's always satisfy
``X_res == X[sample_indices_]`` (and equal imbalanced-learn's otherwise).
"""

from __future__ import annotations

import imblearn.combine as imb_combine
import imblearn.over_sampling as imb_over
import imblearn.under_sampling as imb_under
import numpy as np
import pytest
from naive import naive_squared_distances
from scipy import sparse
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors

import fastsmote
from fastsmote.neighbors import BruteForceNeighbors

CLEANERS = (
    "TomekLinks",
    "EditedNearestNeighbours",
    "RepeatedEditedNearestNeighbours",
    "AllKNN",
)
#: Parameter sets per cleaner: defaults, kind_sel, sizes and strategies.
CONFIGS = [
    ("TomekLinks", {}),
    ("TomekLinks", {"sampling_strategy": "all"}),
    ("TomekLinks", {"sampling_strategy": "not majority"}),
    ("EditedNearestNeighbours", {}),
    ("EditedNearestNeighbours", {"kind_sel": "mode"}),
    ("EditedNearestNeighbours", {"n_neighbors": 4, "kind_sel": "mode", "sampling_strategy": "all"}),
    ("EditedNearestNeighbours", {"n_neighbors": 1, "sampling_strategy": "majority"}),
    ("RepeatedEditedNearestNeighbours", {}),
    ("RepeatedEditedNearestNeighbours", {"kind_sel": "mode", "sampling_strategy": "all"}),
    ("RepeatedEditedNearestNeighbours", {"n_neighbors": 2, "max_iter": 2}),
    ("AllKNN", {}),
    ("AllKNN", {"n_neighbors": 5, "kind_sel": "mode"}),
    ("AllKNN", {"n_neighbors": 4, "allow_minority": True, "sampling_strategy": "all"}),
]
CONFIG_IDS = [
    f"{name}-{'-'.join(f'{k}={v}' for k, v in p.items()) or 'default'}" for name, p in CONFIGS
]
TIE_FREE = ("binary", "multiclass", "breast_cancer", "wine")
MULTICLASS = ("multiclass", "wine")
#: Threads for the sweeps (the output never depends on it, see
#: test_thread_count_does_not_change_the_output): one keeps many tiny fits fast.
N_JOBS = 1


def imblearn_cls(name):
    module = imb_combine if name in ("SMOTEENN", "SMOTETomek") else imb_under
    return getattr(module, name)


def fit(sampler, X, y):
    X_res, y_res = sampler.fit_resample(X, y)
    return X_res, y_res, getattr(sampler, "sample_indices_", None)


def assert_same(ours, theirs, X, renn=False):
    """Same X, y (values, dtypes, order) and sample_indices_ (see module doc for RENN)."""
    X_res, y_res, idx = ours
    X_ref, y_ref, idx_ref = theirs
    assert X_res.dtype == X_ref.dtype and y_res.dtype == y_ref.dtype
    assert np.array_equal(X_res, X_ref)
    assert np.array_equal(y_res, y_ref)
    if idx_ref is None:
        return
    assert np.array_equal(X[idx], X_res), "fastsmote's sample_indices_ must select X_res"
    if renn and not np.array_equal(X[idx_ref], X_ref):
        return  # imbalanced-learn's indices contradict its output (module doc)
    assert np.array_equal(idx, idx_ref)


def has_ties(X, k, rtol=1e-9):
    """Whether some row's k+1 nearest other rows (all classes) are ambiguous."""
    d2 = naive_squared_distances(X, X)
    np.fill_diagonal(d2, np.inf)
    ranked = np.sort(d2, axis=1)[:, : min(k + 1, X.shape[0] - 1)]
    return bool(
        np.any(ranked[:, 0] <= 0) or np.any(np.diff(ranked, axis=1) <= rtol * ranked[:, 1:])
    )


def with_duplicates(X, y, seed=0):
    """``X, y`` plus copies of 15 % of the rows, a third of them relabelled."""
    rng = np.random.RandomState(seed)
    rows = rng.choice(X.shape[0], size=X.shape[0] * 15 // 100, replace=False)
    y_dup = y[rows].copy()
    flip = rng.rand(rows.size) < 1 / 3
    y_dup[flip] = rng.choice(np.unique(y), size=flip.sum())
    order = rng.permutation(X.shape[0] + rows.size)
    return np.vstack([X, X[rows]])[order], np.concatenate([y, y_dup])[order]


# -- contract B: fastsmote's exact backends on tie-free data -----------------------


def test_contract_b_data_sets_are_tie_free(load_dataset):
    for name in TIE_FREE:
        X, _ = load_dataset(name)
        for dtype in (np.float64, np.float32):
            assert not has_ties(X.astype(dtype), 5), name


@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", TIE_FREE)
@pytest.mark.parametrize(("cleaner", "params"), CONFIGS, ids=CONFIG_IDS)
def test_contract_b(load_dataset, cleaner, params, name, dtype):
    X, y = load_dataset(name)
    X = X.astype(dtype)
    ours = fit(getattr(fastsmote, cleaner)(n_jobs=N_JOBS, **params), X, y)
    theirs = fit(imblearn_cls(cleaner)(**params), X, y)
    assert_same(ours, theirs, X, renn=cleaner == "RepeatedEditedNearestNeighbours")


@pytest.mark.parametrize(
    "backend",
    ["brute", "kdtree"],
)
@pytest.mark.parametrize("cleaner", CLEANERS)
def test_contract_b_backends(load_dataset, cleaner, backend):
    X, y = load_dataset("multiclass")
    ours = fit(getattr(fastsmote, cleaner)(nn_backend=backend, n_jobs=N_JOBS), X, y)
    theirs = fit(imblearn_cls(cleaner)(), X, y)
    assert_same(ours, theirs, X, renn=cleaner == "RepeatedEditedNearestNeighbours")


@pytest.mark.parametrize("cleaner", CLEANERS[1:])
def test_contract_b_backend_object_as_n_neighbors(load_dataset, cleaner):
    # A fastsmote backend given as n_neighbors (it counts the sample itself).
    X, y = load_dataset("wine")
    ours = fit(getattr(fastsmote, cleaner)(n_neighbors=BruteForceNeighbors(4)), X, y)
    theirs = fit(imblearn_cls(cleaner)(n_neighbors=3), X, y)
    assert_same(ours, theirs, X, renn=cleaner == "RepeatedEditedNearestNeighbours")


@pytest.mark.parametrize("strategy", [[0], [0, 2], [1, 2], "not majority", "majority"])
@pytest.mark.parametrize("name", MULTICLASS)
@pytest.mark.parametrize("cleaner", CLEANERS)
def test_multiclass_sampling_strategies(load_dataset, cleaner, name, strategy):
    X, y = load_dataset(name)
    ours = fit(getattr(fastsmote, cleaner)(sampling_strategy=strategy, n_jobs=N_JOBS), X, y)
    theirs = fit(imblearn_cls(cleaner)(sampling_strategy=strategy), X, y)
    assert_same(ours, theirs, X, renn=cleaner == "RepeatedEditedNearestNeighbours")


# -- contract A: scikit-learn objects, any data --------------------------------------


def _sklearn_params(cleaner, k):
    if cleaner == "TomekLinks":
        return {"nn_backend": NearestNeighbors()}, {}
    return {"n_neighbors": NearestNeighbors(n_neighbors=k + 1)}, {
        "n_neighbors": NearestNeighbors(n_neighbors=k + 1)
    }


@pytest.mark.parametrize("name", ["binary", "multiclass", "digits_0"])
@pytest.mark.parametrize(
    ("cleaner", "kind_sel"),
    [("TomekLinks", None)] + [(c, kind) for c in CLEANERS[1:] for kind in ("all", "mode")],
)
def test_contract_a_with_duplicate_rows(load_dataset, cleaner, kind_sel, name):
    X, y = with_duplicates(*load_dataset(name))
    ours_params, their_params = _sklearn_params(cleaner, 3)
    if kind_sel is not None:
        ours_params["kind_sel"] = their_params["kind_sel"] = kind_sel
    ours = fit(getattr(fastsmote, cleaner)(**ours_params), X, y)
    theirs = fit(imblearn_cls(cleaner)(**their_params), X, y)
    assert_same(ours, theirs, X, renn=cleaner == "RepeatedEditedNearestNeighbours")


@pytest.mark.parametrize("cleaner", CLEANERS)
def test_contract_a_sparse_input(load_dataset, cleaner):
    # Given scikit-learn's search, sparse input with duplicates resamples as in
    # imbalanced-learn (fastsmote's own sparse search: contract B, test_sparse.py).
    X, y = with_duplicates(*load_dataset("multiclass"))
    X = sparse.csr_matrix(X)
    ours = fit(getattr(fastsmote, cleaner)(nn_backend=NearestNeighbors()), X, y)
    theirs = fit(imblearn_cls(cleaner)(), X, y)
    assert sparse.issparse(ours[0])
    assert_same(
        (ours[0].toarray(), ours[1], ours[2]),
        (theirs[0].toarray(), theirs[1], theirs[2]),
        X.toarray(),
        renn=cleaner == "RepeatedEditedNearestNeighbours",
    )


def test_allknn_object_only_sets_the_largest_size_as_in_imblearn(load_dataset):
    # imbalanced-learn's AllKNN searches with NearestNeighbors(k + 1) at every
    # pass, whatever object was given; so does fastsmote's.
    X, y = with_duplicates(*load_dataset("binary"))
    nn = NearestNeighbors(n_neighbors=4, metric="manhattan")
    ours = fit(fastsmote.AllKNN(n_neighbors=nn), X, y)
    theirs = fit(imb_under.AllKNN(n_neighbors=nn), X, y)
    assert_same(ours, theirs, X)


# -- RepeatedEditedNearestNeighbours' sample_indices_ ---------------------------------


def test_renn_sample_indices_select_the_output_where_imblearns_do_not():
    # Two far-apart clusters, labels interleaved: the first pass removes
    # nothing but reorders the rows class by class; imbalanced-learn then
    # applies that permutation twice.
    rng = np.random.RandomState(0)
    X = np.vstack([rng.normal(size=(30, 2)), 100 + rng.normal(size=(20, 2))])
    y = np.array([0] * 30 + [1] * 20)
    order = rng.permutation(50)
    X, y = X[order], y[order]
    ours = fastsmote.RepeatedEditedNearestNeighbours()
    theirs = imb_under.RepeatedEditedNearestNeighbours()
    X_res, y_res = ours.fit_resample(X, y)
    X_ref, y_ref = theirs.fit_resample(X, y)
    assert np.array_equal(X_res, X_ref) and np.array_equal(y_res, y_ref)
    assert ours.n_iter_ == theirs.n_iter_ == 1
    assert np.array_equal(X[ours.sample_indices_], X_res)
    assert not np.array_equal(X[theirs.sample_indices_], X_ref)  # the documented quirk


@pytest.mark.parametrize("max_iter", [1, 2, 100])
def test_renn_n_iter_matches(load_dataset, max_iter):
    X, y = load_dataset("breast_cancer")
    ours = fastsmote.RepeatedEditedNearestNeighbours(max_iter=max_iter, kind_sel="mode")
    theirs = imb_under.RepeatedEditedNearestNeighbours(max_iter=max_iter, kind_sel="mode")
    assert_same(fit(ours, X, y), fit(theirs, X, y), X, renn=True)
    assert ours.n_iter_ == theirs.n_iter_


# -- hybrids ---------------------------------------------------------------------------


@pytest.mark.parametrize("seed", [0, 1, 42])
@pytest.mark.parametrize("name", TIE_FREE)
@pytest.mark.parametrize("hybrid", ["SMOTEENN", "SMOTETomek"])
def test_hybrids_contract_b(load_dataset, hybrid, name, seed):
    X, y = load_dataset(name)
    ours = fit(getattr(fastsmote, hybrid)(random_state=seed, n_jobs=N_JOBS), X, y)
    theirs = fit(imblearn_cls(hybrid)(random_state=seed), X, y)
    assert_same(ours, theirs, X)


@pytest.mark.parametrize("dtype", [np.float32, np.float64])
@pytest.mark.parametrize("strategy", ["auto", "all", 0.8])
@pytest.mark.parametrize("hybrid", ["SMOTEENN", "SMOTETomek"])
def test_hybrids_strategies_and_dtypes(load_dataset, hybrid, strategy, dtype):
    X, y = load_dataset("binary" if strategy == 0.8 else "multiclass")
    X = X.astype(dtype)
    ours = getattr(fastsmote, hybrid)(sampling_strategy=strategy, random_state=3)
    theirs = imblearn_cls(hybrid)(sampling_strategy=strategy, random_state=3)
    assert_same(fit(ours, X, y), fit(theirs, X, y), X)
    assert ours.sampling_strategy_ == theirs.sampling_strategy_


def _sub_samplers(hybrid, library, seed):
    over = fastsmote if library == "fastsmote" else imb_over
    under = fastsmote if library == "fastsmote" else imb_under
    smote = over.SMOTE(k_neighbors=3, random_state=seed)
    if hybrid == "SMOTEENN":
        return {"smote": smote, "enn": under.EditedNearestNeighbours(kind_sel="mode")}
    return {"smote": smote, "tomek": under.TomekLinks(sampling_strategy="majority")}


@pytest.mark.parametrize("library", ["fastsmote", "imblearn"])
@pytest.mark.parametrize("hybrid", ["SMOTEENN", "SMOTETomek"])
def test_hybrids_accept_either_librarys_sub_samplers(load_dataset, hybrid, library):
    X, y = load_dataset("wine")
    ours = getattr(fastsmote, hybrid)(**_sub_samplers(hybrid, library, 5))
    theirs = imblearn_cls(hybrid)(**_sub_samplers(hybrid, "imblearn", 5))
    assert_same(fit(ours, X, y), fit(theirs, X, y), X)
    cleaner = "enn_" if hybrid == "SMOTEENN" else "tomek_"
    given = _sub_samplers(hybrid, library, 5)
    assert type(ours.smote_) is type(given["smote"])
    assert type(getattr(ours, cleaner)) is type(given[cleaner[:-1]])
    assert getattr(ours, cleaner) is not ours.get_params()[cleaner[:-1]]  # a clone


def test_hybrid_defaults_are_fastsmotes_with_imblearns_settings(load_dataset):
    X, y = load_dataset("binary")
    enn = fastsmote.SMOTEENN(random_state=0, nn_backend="brute", n_jobs=1)
    tomek = fastsmote.SMOTETomek(random_state=0, nn_backend="brute", n_jobs=1)
    enn.fit_resample(X, y)
    tomek.fit_resample(X, y)
    assert isinstance(enn.smote_, fastsmote.SMOTE) and enn.smote_.random_state == 0
    assert isinstance(enn.enn_, fastsmote.EditedNearestNeighbours)
    assert enn.enn_.sampling_strategy == "all" and enn.enn_.n_neighbors == 3
    assert isinstance(tomek.tomek_, fastsmote.TomekLinks)
    assert tomek.tomek_.sampling_strategy == "all"
    for sampler in (enn.smote_, enn.enn_, tomek.smote_, tomek.tomek_):
        assert sampler.nn_backend == "brute" and sampler.n_jobs == 1


@pytest.mark.parametrize("hybrid", ["SMOTEENN", "SMOTETomek"])
def test_hybrids_contract_a_with_duplicate_rows(load_dataset, hybrid):
    X, y = with_duplicates(*load_dataset("binary"))

    def params(library):
        smote_cls = (fastsmote if library == "fastsmote" else imb_over).SMOTE
        under = fastsmote if library == "fastsmote" else imb_under
        out = {"smote": smote_cls(k_neighbors=NearestNeighbors(n_neighbors=6), random_state=0)}
        if hybrid == "SMOTEENN":
            out["enn"] = under.EditedNearestNeighbours(
                sampling_strategy="all", n_neighbors=NearestNeighbors(n_neighbors=4)
            )
        elif library == "fastsmote":
            out["tomek"] = fastsmote.TomekLinks(
                sampling_strategy="all", nn_backend=NearestNeighbors()
            )
        return out

    ours = fit(getattr(fastsmote, hybrid)(**params("fastsmote")), X, y)
    theirs = fit(imblearn_cls(hybrid)(**params("imblearn")), X, y)
    assert_same(ours, theirs, X)


# -- threads, labels, containers --------------------------------------------------------


@pytest.mark.parametrize("name", [*CLEANERS, "SMOTEENN", "SMOTETomek"])
def test_thread_count_does_not_change_the_output(name):
    # 1,380 rows: several blocks of the all-pairs search; duplicates: ties by index.
    X, y = make_classification(
        n_samples=1200, n_features=5, n_informative=4, n_redundant=0, n_classes=3,
        weights=[0.6, 0.3], flip_y=0.05, random_state=0,
    )  # fmt: skip
    X, y = with_duplicates(X, y)
    extra = {"random_state": 0} if name.startswith("SMOTE") else {}
    outputs = [fit(getattr(fastsmote, name)(n_jobs=n_jobs, **extra), X, y) for n_jobs in (1, 2)]
    for a, b in zip(outputs[0], outputs[1], strict=True):
        assert (a is None and b is None) or np.array_equal(a, b)


@pytest.mark.parametrize("cleaner", CLEANERS[1:])
def test_string_labels_in_mode_selection(load_dataset, cleaner):
    # scipy.stats.mode rejects strings, so imbalanced-learn raises TypeError
    # with kind_sel="mode"; fastsmote works on label codes and gives the result
    # imbalanced-learn gives on the same labels as sorted integers.
    X, y = load_dataset("multiclass")
    names = np.array(["apple", "banana", "cherry"])
    ours = fit(getattr(fastsmote, cleaner)(kind_sel="mode"), X, names[y])
    theirs = fit(imblearn_cls(cleaner)(kind_sel="mode"), X, y)
    assert np.array_equal(ours[0], theirs[0])
    assert np.array_equal(ours[1], names[theirs[1]])
    with pytest.raises(TypeError):
        imblearn_cls(cleaner)(kind_sel="mode").fit_resample(X, names[y])


@pytest.mark.parametrize("name", [*CLEANERS, "SMOTEENN", "SMOTETomek"])
def test_pandas_round_trip(load_dataset, name):
    pd = pytest.importorskip("pandas")
    X, y = load_dataset("binary")
    X_df = pd.DataFrame(X, columns=[f"f{i}" for i in range(X.shape[1])])
    y_s = pd.Series(y, name="target")
    extra = {"random_state": 0} if name.startswith("SMOTE") else {}
    X_res, y_res = getattr(fastsmote, name)(**extra).fit_resample(X_df, y_s)
    X_ref, y_ref = imblearn_cls(name)(**extra).fit_resample(X_df, y_s)
    pd.testing.assert_frame_equal(X_res, X_ref)
    pd.testing.assert_series_equal(y_res, y_ref)


@pytest.mark.filterwarnings("ignore")  # scipy.stats.mode of nothing, in imbalanced-learn
@pytest.mark.parametrize("kind_sel", ["all", "mode"])
@pytest.mark.parametrize("cleaner", CLEANERS[1:])
@pytest.mark.parametrize("make_nn", [NearestNeighbors, BruteForceNeighbors])
def test_objects_with_one_neighbour_examine_none(load_dataset, cleaner, kind_sel, make_nn):
    # n_neighbors counts the sample itself: nothing is examined. "all" keeps
    # every sample; "mode" of nothing is no class, so targeted samples go.
    X, y = load_dataset("wine")
    ours = fit(
        getattr(fastsmote, cleaner)(n_neighbors=make_nn(n_neighbors=1), kind_sel=kind_sel), X, y
    )
    theirs = fit(
        imblearn_cls(cleaner)(n_neighbors=NearestNeighbors(n_neighbors=1), kind_sel=kind_sel), X, y
    )
    assert_same(ours, theirs, X, renn=cleaner == "RepeatedEditedNearestNeighbours")
