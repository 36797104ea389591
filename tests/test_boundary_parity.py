"""Borderline-SMOTE, ADASYN, SVM-SMOTE and KMeans-SMOTE against imbalanced-learn.

Contract A: given scikit-learn ``NearestNeighbors`` objects, the output equals
imbalanced-learn's exactly, duplicate rows included. Contract B: with
fastsmote's exact backends, the same holds on data without distance ties.
Both are checked for binary and multiclass data, float64 and float32, int
seeds, ``RandomState`` objects and the global generator, and several k / m.
"""

from __future__ import annotations

import warnings

import imblearn.over_sampling as reference
import numpy as np
import pytest
from scipy import sparse
from sklearn.cluster import KMeans, MiniBatchKMeans
from sklearn.datasets import load_breast_cancer, load_wine, make_classification
from sklearn.neighbors import NearestNeighbors
from sklearn.svm import SVC
from threadpoolctl import threadpool_limits

import fastsmote
from fastsmote.neighbors import BruteForceNeighbors

#: name -> (class name, fixed parameters, neighbour parameters it takes)
SAMPLERS = {
    "borderline-1": ("BorderlineSMOTE", {"kind": "borderline-1"}, ("k", "m")),
    "borderline-2": ("BorderlineSMOTE", {"kind": "borderline-2"}, ("k", "m")),
    "adasyn": ("ADASYN", {}, ("n",)),
    "svm": ("SVMSMOTE", {}, ("k", "m")),
    "kmeans": ("KMeansSMOTE", {"kmeans_estimator": 3, "cluster_balance_threshold": 0.1}, ("k",)),
}
SAMPLER_NAMES = list(SAMPLERS)
DTYPES = [np.float64, np.float32]


@pytest.fixture(autouse=True)
def _one_openmp_thread():
    """scikit-learn's k-means and SVM on one thread: on tiny data its OpenMP
    threads only spin, by seconds on a loaded machine (results are the same)."""
    with threadpool_limits(limits=1):
        yield


def _data(name):
    if name == "binary":
        return make_classification(
            n_samples=300, n_features=6, n_informative=4, n_redundant=1,
            weights=[0.8], class_sep=0.8, flip_y=0.02, random_state=0,
        )  # fmt: skip
    if name == "multiclass":
        return make_classification(
            n_samples=360, n_features=6, n_informative=4, n_redundant=1, n_classes=3,
            n_clusters_per_class=1, weights=[0.6, 0.3], class_sep=0.7, flip_y=0.02,
            random_state=1,
        )  # fmt: skip
    if name == "breast_cancer":
        bunch = load_breast_cancer()
        return bunch.data, bunch.target
    if name == "wine":
        bunch = load_wine()
        return bunch.data, bunch.target
    raise KeyError(name)


DATASETS = ["binary", "multiclass", "breast_cancer", "wine"]


def _params(sampler, k=None, m=None, objects=False):
    """Keyword arguments for both libraries; ``objects`` passes NearestNeighbors."""
    _, fixed, takes = SAMPLERS[sampler]
    params = dict(fixed)
    if "k" in takes and k is not None:
        params["k_neighbors"] = NearestNeighbors(n_neighbors=k + 1) if objects else k
    if "n" in takes and k is not None:
        params["n_neighbors"] = NearestNeighbors(n_neighbors=k + 1) if objects else k
    if "m" in takes and m is not None:
        params["m_neighbors"] = NearestNeighbors(n_neighbors=m + 1) if objects else m
    return params


def _run(library, sampler, X, y, random_state, **params):
    cls = getattr(reference if library == "imblearn" else fastsmote, SAMPLERS[sampler][0])
    if random_state == "global":
        # imbalanced-learn's random_state=None: the global generator.
        np.random.seed(3)  # noqa: NPY002
        random_state = None
    elif random_state == "instance":
        random_state = np.random.RandomState(3)
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        sampler_obj = cls(random_state=random_state, **params)
        return sampler_obj, sampler_obj.fit_resample(X, y)


def assert_same_output(ref, got):
    (X_ref, y_ref), (X_got, y_got) = ref, got
    assert type(X_got) is type(X_ref)
    assert X_got.dtype == X_ref.dtype and y_got.dtype == y_ref.dtype
    if sparse.issparse(X_ref):
        X_ref, X_got = X_ref.toarray(), X_got.toarray()
    assert X_got.shape == X_ref.shape
    assert np.array_equal(X_got, X_ref)
    assert np.array_equal(y_got, y_ref)


def assert_parity(sampler, X, y, random_state, fast_params=None, **params):
    """Same output, or the same exception, from both libraries."""
    try:
        ref_obj, ref = _run("imblearn", sampler, X, y, random_state, **params)
    except Exception as exc:  # the reference refuses: fastsmote must refuse alike
        with pytest.raises(type(exc)) as info:
            _run("fastsmote", sampler, X, y, random_state, **params, **(fast_params or {}))
        assert str(info.value) == str(exc)
        return None, None
    got_obj, got = _run("fastsmote", sampler, X, y, random_state, **params, **(fast_params or {}))
    assert_same_output(ref, got)
    return ref_obj, got_obj


# -- contract A: scikit-learn neighbours objects ----------------------------------
@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("random_state", [1, "instance"])
def test_contract_a_neighbors_objects(sampler, dataset, dtype, random_state):
    X, y = _data(dataset)
    params = _params(sampler, k=4, m=8, objects=True)
    assert_parity(sampler, X.astype(dtype), y, random_state, **params)


@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_contract_a_with_duplicate_rows(sampler, dtype):
    X, y = _data("multiclass")
    # Every third row repeated: distances tie, and "drop the first column" is
    # what imbalanced-learn does, so fastsmote does it too with such objects.
    X = np.vstack([X, X[::3]]).astype(dtype)
    y = np.concatenate([y, y[::3]])
    params = _params(sampler, k=3, m=6, objects=True)
    assert_parity(sampler, X, y, 0, **params)


# -- contract B: fastsmote's exact backends ------------------------------------------
@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("dataset", DATASETS)
@pytest.mark.parametrize("dtype", DTYPES)
@pytest.mark.parametrize("random_state", [7, "instance", "global"])
def test_contract_b_default_backend(sampler, dataset, dtype, random_state):
    X, y = _data(dataset)
    assert_parity(sampler, X.astype(dtype), y, random_state)


@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize(("k", "m"), [(1, 1), (2, 3), (3, 5), (5, 10), (7, 15)])
def test_contract_b_neighbour_counts(sampler, k, m):
    X, y = _data("multiclass")
    assert_parity(sampler, X, y, 0, **_params(sampler, k=k, m=m))


@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("backend", ["brute", "kdtree"])
def test_contract_b_each_exact_backend(sampler, backend):
    X, y = _data("binary")
    assert_parity(sampler, X, y, 0, fast_params={"nn_backend": backend})


@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
def test_fastsmote_backend_objects_as_parameters(sampler):
    # A fastsmote backend passed as k/m/n_neighbors is used as given.
    X, y = _data("binary")
    _, fixed, takes = SAMPLERS[sampler]
    params = dict(fixed)
    names = {"k": "k_neighbors", "m": "m_neighbors", "n": "n_neighbors"}
    sizes = {"k": 3, "m": 7, "n": 3}
    ref_params = {**params, **{names[t]: sizes[t] for t in takes}}
    fast_params = {**params, **{names[t]: BruteForceNeighbors(sizes[t] + 1) for t in takes}}
    _, ref = _run("imblearn", sampler, X, y, 0, **ref_params)
    _, got = _run("fastsmote", sampler, X, y, 0, **fast_params)
    assert_same_output(ref, got)


@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("strategy", [{0: 260, 2: 120}, "not majority", "all", "minority"], ids=str)
def test_sampling_strategies(sampler, strategy):
    X, y = _data("multiclass")
    assert_parity(sampler, X, y, 0, sampling_strategy=strategy)


@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("fmt", ["csr", "csc"])
def test_sparse_input(sampler, fmt):
    # Sparse input runs on scikit-learn's neighbours, as in imbalanced-learn
    # (whose Borderline-2 fails on sparse input: fastsmote fails alike).
    X, y = _data("binary")
    assert_parity(sampler, getattr(sparse, f"{fmt}_matrix")(X), y, 0)


def test_int64_input_follows_imblearn():
    X, y = _data("binary")
    X = np.round(X * 10).astype(np.int64)
    for sampler in SAMPLER_NAMES:
        assert_parity(sampler, X, y, 0, **_params(sampler, k=4, m=8, objects=True))


# -- fitted attributes --------------------------------------------------------------
@pytest.mark.parametrize("kind", ["borderline-1", "borderline-2"])
def test_borderline_attributes(kind):
    X, y = _data("multiclass")
    ref, fast = assert_parity(kind, X, y, 0)
    assert ref.in_danger_indices.keys() == fast.in_danger_indices.keys()
    for label, indices in ref.in_danger_indices.items():
        assert np.array_equal(fast.in_danger_indices[label], indices)
    assert fast.nn_k_.n_neighbors == ref.nn_k_.n_neighbors == 6
    assert fast.nn_m_.n_neighbors == ref.nn_m_.n_neighbors == 11


def test_adasyn_attributes():
    X, y = _data("multiclass")
    ref, fast = assert_parity("adasyn", X, y, 0, n_neighbors=4)
    assert fast.nn_.n_neighbors == ref.nn_.n_neighbors == 5
    assert fast.sampling_strategy_ == ref.sampling_strategy_
    assert "k_neighbors" not in fast.get_params()


def test_svm_attributes_and_estimator():
    X, y = _data("multiclass")
    svm = SVC(C=0.5, gamma="scale", random_state=2)
    ref, fast = assert_parity("svm", X, y, 0, svm_estimator=svm, out_step=0.3)
    assert np.array_equal(fast.svm_estimator_.support_, ref.svm_estimator_.support_)
    assert fast.svm_estimator_ is not svm and not hasattr(svm, "support_")
    assert fast.nn_m_.n_neighbors == ref.nn_m_.n_neighbors


@pytest.mark.parametrize("out_step", [0.0, 0.25, 1.0])
def test_svm_out_step(out_step):
    X, y = _data("binary")
    assert_parity("svm", X, y, 5, out_step=out_step)


@pytest.mark.parametrize(
    "kmeans",
    [None, 2, 1, MiniBatchKMeans(n_clusters=4, n_init=1, random_state=0),
     KMeans(n_clusters=3, n_init=2, random_state=1)],
    ids=["default", "int", "one-cluster", "minibatch", "kmeans"],
)  # fmt: skip
@pytest.mark.parametrize("random_state", [0, "instance"])
def test_kmeans_attributes(kmeans, random_state):
    X, y = _data("multiclass")
    params = {"kmeans_estimator": kmeans, "cluster_balance_threshold": 0.1, "k_neighbors": 2}
    if kmeans is None:
        params["cluster_balance_threshold"] = "auto"
    ref, fast = assert_parity("kmeans", X, y, random_state, **params)
    if ref is None:
        return
    assert fast.cluster_balance_threshold_ == ref.cluster_balance_threshold_
    assert np.array_equal(fast.kmeans_estimator_.labels_, ref.kmeans_estimator_.labels_)


@pytest.mark.parametrize("density_exponent", ["auto", 0.5, 2.0])
def test_kmeans_density_exponent(density_exponent):
    X, y = _data("binary")
    params = {"kmeans_estimator": 4, "cluster_balance_threshold": 0.05}
    assert_parity("kmeans", X, y, 0, density_exponent=density_exponent, **params)


# -- threads ----------------------------------------------------------------------
@pytest.mark.parametrize("sampler", SAMPLER_NAMES)
@pytest.mark.parametrize("dtype", DTYPES)
def test_output_does_not_depend_on_n_jobs(sampler, dtype):
    X, y = _data("multiclass")
    X = X.astype(dtype)
    outputs = [
        _run("fastsmote", sampler, X, y, 0, n_jobs=n_jobs, **_params(sampler))[1]
        for n_jobs in (1, 2)
    ]
    assert_same_output(outputs[0], outputs[1])
