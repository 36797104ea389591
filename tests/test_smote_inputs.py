"""What fastsmote.SMOTE accepts and refuses, compared with imbalanced-learn.

Containers (pandas, lists, sparse matrices), label types and memory layouts
give the same output as imbalanced-learn; bad input raises the same exception
class, with a message that names the problem.
"""

from __future__ import annotations

import numpy as np
import pandas as pd
import pytest
from imblearn.over_sampling import SMOTE as ImbSMOTE
from scipy import sparse
from sklearn.neighbors import NearestNeighbors
from sklearn.utils._param_validation import InvalidParameterError

from fastsmote import SMOTE

N_JOBS = 1  # see test_smote_parity.py: the output does not depend on it


def both(X, y, **params):
    """``(ours, theirs)``: both libraries' ``fit_resample`` output."""
    ours = SMOTE(random_state=0, n_jobs=N_JOBS, **params).fit_resample(X, y)
    theirs = ImbSMOTE(random_state=0, **params).fit_resample(X, y)
    return ours, theirs


def assert_same_arrays(ours, theirs):
    for a, b in zip(ours, theirs, strict=True):
        assert type(a) is type(b)
        assert a.dtype == b.dtype and a.shape == b.shape
        assert np.array_equal(a, b)


@pytest.fixture
def small():
    """40 rows, 3 features, 30 vs 10."""
    rng = np.random.RandomState(0)
    return rng.normal(size=(40, 3)), np.array([0] * 30 + [1] * 10)


# -- pandas --------------------------------------------------------------------


@pytest.mark.parametrize("name", ["binary", "wine"])
def test_dataframe_and_series(load_dataset, name):
    X, y = load_dataset(name)
    columns = [f"feature {i}" for i in range(X.shape[1])]
    X_df = pd.DataFrame(X, columns=columns)
    y_s = pd.Series(y, name="target")
    sampler = SMOTE(random_state=0, n_jobs=N_JOBS)
    (X_ours, y_ours) = sampler.fit_resample(X_df, y_s)
    X_theirs, y_theirs = ImbSMOTE(random_state=0).fit_resample(X_df, y_s)
    assert isinstance(X_ours, pd.DataFrame) and isinstance(y_ours, pd.Series)
    assert list(X_ours.columns) == columns
    assert y_ours.name == "target"
    pd.testing.assert_frame_equal(X_ours, X_theirs, check_exact=True)
    pd.testing.assert_series_equal(y_ours, y_theirs, check_exact=True)
    assert list(sampler.feature_names_in_) == columns
    assert sampler.n_features_in_ == X.shape[1]
    # The input is left untouched.
    pd.testing.assert_frame_equal(X_df, pd.DataFrame(X, columns=columns))


def test_dataframe_with_mixed_column_dtypes(small):
    """Integer columns come back as integers, as imbalanced-learn casts them."""
    X, y = small
    df = pd.DataFrame(
        {
            "a": X[:, 0],
            "b": np.round(X[:, 1] * 100).astype(np.int64),
            "c": X[:, 2].astype(np.float32),
        }
    )
    ours, theirs = both(df, pd.Series(y))
    pd.testing.assert_frame_equal(ours[0], theirs[0], check_exact=True)
    pd.testing.assert_series_equal(ours[1], theirs[1], check_exact=True)
    assert list(ours[0].dtypes) == [np.float64, np.int64, np.float32]


def test_dataframe_with_numpy_y_and_non_default_index(small):
    X, y = small
    df = pd.DataFrame(X, columns=["x", "y", "z"], index=np.arange(100, 140))
    ours, theirs = both(df, y)
    pd.testing.assert_frame_equal(ours[0], theirs[0], check_exact=True)
    assert type(ours[1]) is np.ndarray and np.array_equal(ours[1], theirs[1])


# -- lists, labels, layouts, dtypes -------------------------------------------------


def test_python_lists(small):
    X, y = small
    ours, theirs = both(X.tolist(), y.tolist())
    assert type(ours[0]) is list and type(ours[1]) is list
    assert ours == theirs


@pytest.mark.parametrize(
    "labels",
    [
        np.array(["majority", "minority"]),
        np.array(["majority", "minority"], dtype=object),
        np.array([-7, 3]),
        np.array([1.0, 2.0]),
    ],
    ids=["str", "object", "negative-int", "integral-float"],
)
def test_class_label_types(small, labels):
    X, y = small
    ours, theirs = both(X, labels[y])
    assert_same_arrays(ours, theirs)
    assert set(np.unique(ours[1])) == set(labels.tolist())


def test_string_labels_multiclass_and_dict_strategy(load_dataset):
    X, y = load_dataset("wine")
    names = np.array(["barolo", "grignolino", "barbera"])
    ours, theirs = both(X, names[y], sampling_strategy={"barbera": 100, "barolo": 80})
    assert_same_arrays(ours, theirs)
    series = pd.Series(names[y], name="cultivar")
    ours, theirs = both(X, series)
    pd.testing.assert_series_equal(ours[1], theirs[1])


def test_one_hot_y(small):
    """A multilabel-indicator y is resampled as classes and binarised back
    (imbalanced-learn's ``label_binarize``: one column for two classes)."""
    X, y = small
    y3 = y.copy()
    y3[:10] = 2  # three classes: 20 / 10 / 10
    for y_onehot in (np.column_stack([1 - y, y]), np.eye(3, dtype=int)[y3]):
        ours, theirs = both(X, y_onehot)
        assert_same_arrays(ours, theirs)


@pytest.mark.parametrize("layout", ["fortran", "strided", "readonly", "object"], ids=lambda s: s)
def test_memory_layouts(small, layout):
    X, y = small
    if layout == "fortran":
        X_in = np.asfortranarray(X)
    elif layout == "strided":
        X_in = np.repeat(X, 2, axis=1)[::1, ::2]
    elif layout == "readonly":
        X_in = X.copy()
        X_in.setflags(write=False)
    else:
        X_in = X.astype(object)
    ours, theirs = both(X_in, y)
    assert_same_arrays(ours, theirs)
    assert np.array_equal(ours[0][: X.shape[0]], X)


@pytest.mark.parametrize("dtype", [np.int32, np.int16, np.uint8, np.float16])
def test_other_dtypes_kept(small, dtype):
    """dtypes without a Numba kernel follow imbalanced-learn's NumPy formula
    (contract A, since coarse values tie)."""
    X, y = small
    X = np.clip(np.round(X * 20) + 60, 0, 120).astype(dtype)
    nn = NearestNeighbors(n_neighbors=4)
    ours, theirs = both(X, y, k_neighbors=nn)
    assert ours[0].dtype == dtype
    assert_same_arrays(ours, theirs)


def test_input_not_modified(small):
    X, y = small
    X_copy, y_copy = X.copy(), y.copy()
    SMOTE(random_state=0, n_jobs=N_JOBS).fit_resample(X, y)
    assert np.array_equal(X, X_copy) and np.array_equal(y, y_copy)


# -- sparse ----------------------------------------------------------------------------


def _sparse_data(fmt):
    rng = np.random.RandomState(1)
    dense = rng.normal(size=(80, 12)) * (rng.uniform(size=(80, 12)) < 0.3)
    y = np.array([0] * 60 + [1] * 20)
    return getattr(sparse, fmt)(dense), y


@pytest.mark.parametrize("fmt", ["csr_matrix", "csc_matrix", "csr_array"])
@pytest.mark.parametrize("nn_backend", ["auto", "brute", "object"])
def test_sparse_input(fmt, nn_backend):
    X, y = _sparse_data(fmt)
    if nn_backend == "object":
        params = {"k_neighbors": NearestNeighbors(n_neighbors=6)}
        ours_params = params
    else:
        params = {}
        ours_params = {"nn_backend": nn_backend}
    ours = SMOTE(random_state=0, n_jobs=N_JOBS, **ours_params).fit_resample(X, y)
    theirs = ImbSMOTE(random_state=0, **params).fit_resample(X, y)
    assert sparse.issparse(ours[0])
    assert type(ours[0]) is type(theirs[0])
    assert ours[0].format == theirs[0].format == X.format
    assert ours[0].dtype == theirs[0].dtype
    assert np.array_equal(ours[0].toarray(), theirs[0].toarray())
    assert np.array_equal(ours[1], theirs[1])


def test_sparse_float32_multiclass(load_dataset):
    X, y = load_dataset("wine")
    X = sparse.csr_matrix(X.astype(np.float32))
    ours, theirs = both(X, y)
    assert ours[0].dtype == np.float32
    assert np.array_equal(ours[0].toarray(), theirs[0].toarray())


# -- bad input: the same exception class as imbalanced-learn -------------------------


def _bad_inputs():
    rng = np.random.RandomState(0)
    X = rng.normal(size=(40, 3))
    y = np.array([0] * 30 + [1] * 10)
    X_nan = X.copy()
    X_nan[3, 1] = np.nan
    X_inf = X.copy()
    X_inf[3, 1] = np.inf
    return {
        "nan": (X_nan, y, {}, ValueError, "Input X contains NaN"),
        "inf": (X_inf, y, {}, ValueError, "Input X contains infinity"),
        "single-class": (X, np.zeros(40, dtype=int), {}, ValueError, "more than 1 class"),
        "k-too-large": (
            X,
            y,
            {"k_neighbors": 10},
            ValueError,
            r"n_neighbors = 11, n_samples_fit = 10.*k_neighbors must be at most 9",
        ),
        "k-much-too-large": (X, y, {"k_neighbors": 40}, ValueError, "n_neighbors"),
        "tiny-class": (
            np.vstack([X, X[:1] + 5]),
            np.r_[y, 2],
            {"sampling_strategy": "not majority"},
            ValueError,
            r"has 1 samples, so k_neighbors must be at most 0",
        ),
        "k-too-large-nn-object": (
            X,
            y,
            {"k_neighbors": NearestNeighbors(n_neighbors=11)},
            ValueError,
            "n_neighbors <= n_samples_fit",
        ),
        "length-mismatch": (X, y[:-1], {}, ValueError, "inconsistent numbers of samples"),
        "empty": (X[:0], y[:0], {}, ValueError, r"0 sample\(s\)"),
        "no-features": (X[:, :0], y, {}, ValueError, r"0 feature\(s\)"),
        "string-features": (
            np.array([["a", "b"]] * 40),
            y,
            {},
            ValueError,
            "not compatible with arrays of bytes/strings",
        ),
        "3d": (X.reshape(40, 3, 1), y, {}, ValueError, "Found array with dim 3"),
        "complex": (X + 1j, y, {}, ValueError, "Complex data not supported"),
        "bool-features": (X > 0, y, {}, TypeError, "boolean subtract"),
        "continuous-y": (X, rng.normal(size=40), {}, ValueError, "Unknown label type"),
        "nan-y": (X, np.r_[y[:-1].astype(float), np.nan], {}, ValueError, "Input y contains NaN"),
        "k-zero": (X, y, {"k_neighbors": 0}, InvalidParameterError, "k_neighbors"),
        "k-float": (X, y, {"k_neighbors": 2.5}, InvalidParameterError, "k_neighbors"),
        "k-object-without-kneighbors": (
            X,
            y,
            {"k_neighbors": object()},
            InvalidParameterError,
            "kneighbors",
        ),
        "float-strategy-multiclass": (
            np.vstack([X, X[:5] + 1]),
            np.r_[y, [2] * 5],
            {"sampling_strategy": 0.5},
            ValueError,
            "float only when the type of target is binary",
        ),
        "strategy-removes-samples": (
            X,
            y,
            {"sampling_strategy": {1: 5}},
            ValueError,
            "greater or equal to the original number",
        ),
        "strategy-unknown-string": (
            X,
            y,
            {"sampling_strategy": "most"},
            InvalidParameterError,
            "sampling_strategy",
        ),
        "strategy-unknown-class": (
            X,
            y,
            {"sampling_strategy": {2: 50}},
            ValueError,
            "are not present in the data",
        ),
        "random-state-string": (X, y, {"random_state": "a"}, InvalidParameterError, "random_state"),
    }


BAD_INPUTS = _bad_inputs()


@pytest.mark.filterwarnings("ignore:invalid value encountered in cast:RuntimeWarning")
@pytest.mark.parametrize("library", ["fastsmote", "imblearn"])
@pytest.mark.parametrize("case", sorted(BAD_INPUTS))
def test_bad_input_same_exception(case, library):
    X, y, params, error, match = BAD_INPUTS[case]
    params = {"random_state": 0, **params}
    if library == "fastsmote":
        with pytest.raises(error, match=match):
            SMOTE(n_jobs=N_JOBS, **params).fit_resample(X, y)
    else:
        # imbalanced-learn raises the same class (its message may be shorter).
        with pytest.raises(error):
            ImbSMOTE(**params).fit_resample(X, y)


@pytest.mark.parametrize(
    "params, error, match",
    [
        ({"nn_backend": "kd_tree"}, InvalidParameterError, "'nn_backend' parameter"),
        ({"nn_backend": "BRUTE"}, InvalidParameterError, "'nn_backend' parameter"),
        ({"nn_backend": object()}, InvalidParameterError, "'nn_backend' parameter"),
        ({"nn_backend": 3}, InvalidParameterError, "'nn_backend' parameter"),
        ({"n_jobs": "2"}, InvalidParameterError, "'n_jobs' parameter"),
        ({"n_jobs": 1.5}, InvalidParameterError, "'n_jobs' parameter"),
        ({"n_jobs": 0}, ValueError, "n_jobs == 0 has no meaning"),
    ],
    ids=lambda v: repr(v) if not isinstance(v, dict) else repr(v)[:30],
)
def test_bad_fastsmote_only_parameters(small, params, error, match):
    """``nn_backend`` and ``n_jobs`` do not exist in imbalanced-learn's SMOTE;
    their errors follow scikit-learn's parameter validation (InvalidParameterError
    is both a ValueError and a TypeError)."""
    assert not set(params) & set(ImbSMOTE().get_params())
    X, y = small
    with pytest.raises(error, match=match):
        SMOTE(random_state=0, **params).fit_resample(X, y)


def test_errors_leave_constructor_parameters_alone(small):
    X, y = small
    nn = NearestNeighbors(n_neighbors=50)
    sampler = SMOTE(k_neighbors=nn, random_state=0, n_jobs=N_JOBS)
    with pytest.raises(ValueError):
        sampler.fit_resample(X, y)
    assert sampler.k_neighbors is nn and nn.n_neighbors == 50
    assert sampler.get_params()["nn_backend"] == "auto"
