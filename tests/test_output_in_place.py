"""The over-samplers' dense output, written in place into one array.

ADASYN, Borderline-SMOTE 1/2, SVM-SMOTE and KMeans-SMOTE copy ``X`` once
into their result and write the new rows straight after it
(:class:`fastsmote.over_sampling._output.ResampledOutput`). Checked here: the
result still equals imbalanced-learn's bit for bit, is a C-contiguous array
that owns its memory, starts with an exact copy of ``X`` (float32 and
float64, C- or Fortran-ordered input), and a multi-class run whose classes
make more or fewer rows than planned resizes the arrays in place.
"""

from __future__ import annotations

import imblearn.over_sampling as reference
import numpy as np
import pytest
from sklearn.cluster import MiniBatchKMeans
from sklearn.datasets import make_classification
from sklearn.neighbors import NearestNeighbors
from threadpoolctl import threadpool_limits

import fastsmote
from fastsmote.over_sampling import _output
from fastsmote.over_sampling._output import ResampledOutput

#: name -> (class name, parameters of both libraries' samplers)
SAMPLERS = {
    "adasyn": ("ADASYN", {}),
    "borderline-1": ("BorderlineSMOTE", {"kind": "borderline-1"}),
    "borderline-2": ("BorderlineSMOTE", {"kind": "borderline-2"}),
    "svm": ("SVMSMOTE", {}),
    "kmeans": (
        "KMeansSMOTE",
        {
            "kmeans_estimator": MiniBatchKMeans(n_clusters=3, n_init=1, random_state=0),
            "cluster_balance_threshold": 0.1,
        },
    ),
}


@pytest.fixture(autouse=True)
def _one_openmp_thread():
    """scikit-learn's k-means and SVM on one thread (the results are the same)."""
    with threadpool_limits(limits=1):
        yield


def _data(n_classes: int, dtype, order: str):
    weights = [0.8] if n_classes == 2 else [0.6, 0.3]
    X, y = make_classification(
        n_samples=300, n_features=6, n_informative=4, n_redundant=1, n_classes=n_classes,
        n_clusters_per_class=1, weights=weights, class_sep=0.8, flip_y=0.02, random_state=0,
    )  # fmt: skip
    return np.asarray(X, dtype=dtype, order=order), y


def _pair(name):
    class_name, params = SAMPLERS[name]
    fast = getattr(fastsmote, class_name)(random_state=0, **params)
    ref = getattr(reference, class_name)(random_state=0, **params)
    return fast, ref


@pytest.mark.parametrize("order", ["C", "F"])
@pytest.mark.parametrize("n_classes", [2, 3])
@pytest.mark.parametrize("dtype", [np.float64, np.float32])
@pytest.mark.parametrize("name", list(SAMPLERS))
def test_dense_output_is_one_owned_array_equal_to_imblearn(name, dtype, n_classes, order):
    X, y = _data(n_classes, dtype, order)
    fast, ref = _pair(name)
    X_res, y_res = fast.fit_resample(X, y)
    X_ref, y_ref = ref.fit_resample(X.copy(order="K"), y.copy())
    np.testing.assert_array_equal(X_res, X_ref, strict=True)
    np.testing.assert_array_equal(y_res, y_ref, strict=True)
    assert X_res.dtype == X.dtype and y_res.dtype == y.dtype
    assert X_res.flags.c_contiguous and X_res.flags.owndata and X_res.base is None
    assert y_res.flags.owndata and y_res.base is None
    np.testing.assert_array_equal(X_res[: X.shape[0]], X, strict=True)
    np.testing.assert_array_equal(y_res[: y.shape[0]], y, strict=True)
    assert not np.shares_memory(X_res, X) and not np.shares_memory(y_res, y)


@pytest.mark.parametrize("name", ["adasyn", "kmeans"])
def test_multiclass_resizing_happens_in_place(name, monkeypatch):
    # ADASYN's and KMeans-SMOTE's rounding make a class's row count differ
    # from the plan; the arrays are then resized without a copy.
    def no_copy(a, n_rows):
        raise AssertionError("the output was copied instead of resized in place")

    monkeypatch.setattr(_output, "_copy_rows", no_copy)
    X, y = _data(3, np.float64, "C")
    fast, ref = _pair(name)
    X_res, y_res = fast.fit_resample(X, y)
    planned = X.shape[0] + sum(fast.sampling_strategy_.values())
    X_ref, y_ref = ref.fit_resample(X, y)
    assert X_res.shape[0] != planned  # the data do exercise a resize
    np.testing.assert_array_equal(X_res, X_ref, strict=True)
    np.testing.assert_array_equal(y_res, y_ref, strict=True)
    assert X_res.flags.owndata and X_res.flags.c_contiguous


def test_resampled_output_grows_and_trims_keeping_rows():
    X = np.arange(6.0).reshape(3, 2)
    y = np.array(["a", "a", "b"])
    output = ResampledOutput(X, y)
    output.rows(1, "b", n_after=1)[:] = 7.0  # room for 1 + 1 new rows
    output.rows(3, "c", n_after=2)[:] = 8.0  # more than planned: grows
    X_res, y_res = output.result()  # the 2 rows planned after never came: trimmed
    expected = np.vstack([X, np.full((1, 2), 7.0), np.full((3, 2), 8.0)])
    np.testing.assert_array_equal(X_res, expected, strict=True)
    np.testing.assert_array_equal(y_res, np.array(["a", "a", "b", "b", "c", "c", "c"]), strict=True)
    assert X_res.flags.owndata and X_res.flags.c_contiguous


def test_resampled_output_without_rows_is_stacking_nothing():
    # No class made rows (e.g. no sample in danger): a copy in X's layout, as
    # np.vstack([X]) gives; asked for zero rows, a C-ordered copy as
    # np.vstack([X, empty piece]) gives.
    X = np.asfortranarray(np.arange(6.0).reshape(3, 2))
    y = np.array([0, 1, 1])
    X_res, y_res = ResampledOutput(X, y).result()
    assert X_res.flags.f_contiguous and not np.shares_memory(X_res, X)
    np.testing.assert_array_equal(X_res, X, strict=True)
    np.testing.assert_array_equal(y_res, y, strict=True)
    output = ResampledOutput(X, y)
    assert output.rows(0, 1).shape == (0, 2)
    X_res, _ = output.result()
    assert X_res.flags.c_contiguous == np.vstack([X, np.empty((0, 2))]).flags.c_contiguous


@pytest.mark.parametrize("kind", ["BorderlineSMOTE", "SVMSMOTE"])
def test_nn_m_stays_fitted_with_its_index_released(kind):
    """The all-rows search's index is freed before the output, but ``nn_m_`` stays
    fitted, as imbalanced-learn's, and answers as before when queried again."""
    X, y = make_classification(
        n_samples=400, n_features=5, weights=[0.8], flip_y=0.05, random_state=3
    )
    sampler = getattr(fastsmote, kind)(random_state=0)
    sampler.fit_resample(X, y)
    nn_m = sampler.nn_m_
    assert nn_m.n_samples_fit_ == X.shape[0] and not nn_m._built
    got = nn_m.kneighbors(X[:7], 4)
    want = NearestNeighbors(n_neighbors=4).fit(X).kneighbors(X[:7])
    assert np.array_equal(got[1], want[1]) and np.allclose(got[0], want[0])
