"""SMOTEN: over-sampling of categorical data by the Value Difference Metric."""

from __future__ import annotations

import numbers
import warnings

import numpy as np
from imblearn.metrics.pairwise import ValueDifferenceMetric
from imblearn.over_sampling import SMOTEN as _ImblearnSMOTEN
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution, check_neighbors_object, check_target_type
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from scipy.spatial import distance_matrix
from sklearn.base import clone
from sklearn.exceptions import DataConversionWarning
from sklearn.preprocessing import OrdinalEncoder
from sklearn.utils import _safe_indexing, check_array
from sklearn_compat.utils.validation import validate_data

from .._containers import ContainerMixin
from .._kernels.categorical import mode_of_neighbors
from .._kernels.vdm import vdm_distance_rows
from .._random import draw_bootstrap_rows
from .._threads import numba_threads
from ..neighbors.base import checked_indices
from ..neighbors.params import NN_PARAMETER_CONSTRAINTS

#: Distances held at once by the neighbour search (float64): 16 MiB, and as
#: much again for the indices argpartition returns.
CHUNK_ELEMENTS = 1 << 21


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
)
class SMOTEN(ContainerMixin, BaseOverSampler):
    """Over-sample categorical data with SMOTEN, identical to imbalanced-learn's.

    Every feature is categorical. Samples are compared with the Value
    Difference Metric (VDM): for each feature, the L1 distance between the
    class distributions of the two samples' categories, squared, summed over
    features. Each new sample takes, feature by feature, the most frequent
    category (the smallest code on ties) among the ``k_neighbors + 1`` nearest
    samples of a randomly drawn sample of its class, the drawn sample included.

    fastsmote tabulates the per-feature VDM terms and sums look-ups in a Numba
    kernel, a block of rows at a time, instead of building the class's n x n
    distance matrix; the neighbours are then selected from each block with
    the very NumPy calls scikit-learn's ``NearestNeighbors(metric="precomputed")``
    uses. The distances are bit-identical to imbalanced-learn's, so the output
    equals :class:`imblearn.over_sampling.SMOTEN`'s exactly, ties included,
    with an int ``k_neighbors`` as with a neighbours object (which is fitted
    on the class's distance matrix, as in imbalanced-learn).

    Parameters
    ----------
    categorical_encoder : estimator, default=None
        Ordinal encoder of the categorical features; ``None`` is
        ``OrdinalEncoder(dtype=np.int32)``.

    {sampling_strategy}

    {random_state}

    k_neighbors : int or object, default=5
        The number of nearest neighbours, or a neighbours object with
        ``kneighbors`` and ``kneighbors_graph`` accepting
        ``metric="precomputed"`` (its ``n_neighbors`` counts the sample itself).

    n_jobs : int, default=None
        Threads for fastsmote's kernels during the call (``None`` or -1: all of
        Numba's threads). The output does not depend on it.

    Attributes
    ----------
    categorical_encoder_ : estimator
        The fitted ordinal encoder.
    sampling_strategy_ : dict
        The number of samples to generate per class.
    nn_k_ : estimator object
        The neighbours object, with ``metric="precomputed"``, as in
        imbalanced-learn (fitted only when ``k_neighbors`` is an object: an
        int ``k_neighbors`` runs fastsmote's equivalent search).
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.SMOTEN : The reference implementation.
    SMOTENC : For data with continuous and categorical features.

    Examples
    --------
    >>> import numpy as np
    >>> from collections import Counter
    >>> from fastsmote import SMOTEN
    >>> X = np.array(["A"] * 10 + ["B"] * 20 + ["C"] * 30, dtype=object).reshape(-1, 1)
    >>> y = np.array([0] * 20 + [1] * 40, dtype=np.int32)
    >>> X_res, y_res = SMOTEN(random_state=0).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 40), (1, 40)]
    """

    _parameter_constraints: dict = {
        **_ImblearnSMOTEN._parameter_constraints,
        "n_jobs": NN_PARAMETER_CONSTRAINTS["n_jobs"],
    }

    def __init__(
        self,
        categorical_encoder=None,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        n_jobs=None,
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.categorical_encoder = categorical_encoder
        self.random_state = random_state
        self.k_neighbors = k_neighbors
        self.n_jobs = n_jobs

    def _check_X_y(self, X, y):
        """Accept strings and sparse matrices (densified later)."""
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        X, y = validate_data(self, X=X, y=y, reset=True, dtype=None, accept_sparse=["csr", "csc"])
        return X, y, binarize_y

    def _validate_estimator(self):
        self.nn_k_ = check_neighbors_object("k_neighbors", self.k_neighbors, additional_neighbor=1)
        self.nn_k_.set_params(metric="precomputed")

    def _fit_resample(self, X, y):
        sparse_format = None
        if sparse.issparse(X):
            sparse_format = X.format
            X = X.toarray()
            warnings.warn(
                "Passing a sparse matrix to SMOTEN is not really efficient since it"
                " is converted to a dense array internally.",
                DataConversionWarning,
                stacklevel=2,
            )
        self._validate_estimator()
        if self.categorical_encoder is None:
            self.categorical_encoder_ = OrdinalEncoder(dtype=np.int32)
        else:
            self.categorical_encoder_ = clone(self.categorical_encoder)
        X_encoded = self.categorical_encoder_.fit_transform(X)
        vdm = ValueDifferenceMetric(
            n_categories=[len(cats) for cats in self.categorical_encoder_.categories_]
        ).fit(X_encoded, y)
        # The codes the metric sees (imbalanced-learn's pairwise casts the same way).
        codes = check_array(X_encoded, ensure_non_negative=True, dtype=np.int32, order="C")

        new_X, new_y = [], []
        with numba_threads(self.n_jobs):
            for class_sample, n_samples in self.sampling_strategy_.items():
                if n_samples == 0:
                    continue
                class_rows = np.flatnonzero(y == class_sample)
                X_class = _safe_indexing(X_encoded, class_rows)
                codes_class = np.ascontiguousarray(codes[class_rows])
                tables = vdm_tables(vdm, codes_class)
                nn_ind = self._class_neighbors(tables.codes, tables.values)
                rows = draw_bootstrap_rows(self.random_state, class_rows.size, n_samples)
                new_codes = np.empty((n_samples, codes.shape[1]), dtype=np.int32)
                mode_of_neighbors(codes_class, nn_ind, rows, new_codes)
                # scipy.stats.mode keeps the dtype of the encoded data.
                X_new = self.categorical_encoder_.inverse_transform(
                    new_codes.astype(X_class.dtype, copy=False)
                )
                new_X.append(X_new)
                new_y.append(np.full(n_samples, fill_value=class_sample, dtype=y.dtype))
        X_res = np.vstack([X.copy(), *new_X])
        y_res = np.hstack([y.copy(), *new_y])
        if sparse_format == "csr":
            return sparse.csr_matrix(X_res), y_res
        if sparse_format == "csc":
            return sparse.csc_matrix(X_res), y_res
        return X_res, y_res

    def _class_neighbors(self, local_codes, tables):
        """Each class row's ``nn_k_.n_neighbors`` nearest rows (itself among them),
        as ``NearestNeighbors(metric="precomputed")`` orders them."""
        n_neighbors = self.nn_k_.n_neighbors
        if isinstance(self.k_neighbors, numbers.Integral):
            return vdm_kneighbors(local_codes, tables, n_neighbors)
        distances = np.empty((local_codes.shape[0], local_codes.shape[0]))
        vdm_distance_rows(local_codes, tables, 0, distances)
        self.nn_k_.fit(distances)
        ind = self.nn_k_.kneighbors(distances, return_distance=False)
        return checked_indices(ind, distances.shape[1], distances.shape[0], self.nn_k_)

    def _more_tags(self):
        return {"X_types": ["2darray", "dataframe", "string"]}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.string = True
        return tags


class VDMTables:
    """Per-feature VDM terms of one class: ``values[f, a, b]`` for the local codes
    ``codes[:, f]`` (the class's categories of feature f, renumbered in order)."""

    def __init__(self, codes, values):
        self.codes = codes
        self.values = values


def vdm_tables(vdm, codes_class):
    """The fitted metric's terms ``|P[a] - P[b]|_k ** r`` for the categories
    present in ``codes_class``, computed with imbalanced-learn's SciPy call,
    and the class's codes renumbered into them (only present categories are
    tabulated, so tables never outgrow the class).

    Examples
    --------
    >>> import numpy as np
    >>> from imblearn.metrics.pairwise import ValueDifferenceMetric
    >>> codes = np.array([[0], [1], [1], [2]], dtype=np.int32)
    >>> vdm = ValueDifferenceMetric().fit(codes, np.array([0, 0, 1, 1]))
    >>> tables = vdm_tables(vdm, codes[2:])
    >>> tables.codes.ravel().tolist(), tables.values[0].tolist()
    ([0, 1], [[0.0, 1.0], [1.0, 0.0]])
    """
    n_rows, n_features = codes_class.shape
    local_codes = np.empty((n_rows, n_features), dtype=np.int32)
    present = []
    for f in range(n_features):
        values, local_codes[:, f] = np.unique(codes_class[:, f], return_inverse=True)
        present.append(values)
    size = max((values.size for values in present), default=0)
    tables = np.zeros((n_features, size, size))
    for f, values in enumerate(present):
        proba = vdm.proba_per_class_[f][values]
        tables[f, : values.size, : values.size] = distance_matrix(proba, proba, p=vdm.k) ** vdm.r
    return VDMTables(local_codes, tables)


def vdm_kneighbors(codes, tables, n_neighbors):
    """Each row's ``n_neighbors`` nearest rows of ``codes`` under the tabulated VDM.

    The selection is scikit-learn's for a precomputed distance matrix
    (``argpartition``, then ``argsort`` of the kept distances, a row at a
    time), applied to blocks of rows computed by the kernel, so the indices,
    ties included, are those of ``NearestNeighbors(metric="precomputed")``.

    Examples
    --------
    >>> import numpy as np
    >>> codes = np.array([[0], [1], [0]], dtype=np.int32)
    >>> tables = np.array([[[0.0, 1.0], [1.0, 0.0]]])
    >>> vdm_kneighbors(codes, tables, 2)[:, 0].tolist()
    [0, 1, 0]
    """
    n_rows = codes.shape[0]
    if n_neighbors > n_rows:
        raise ValueError(
            f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {n_neighbors}, "
            f"n_samples_fit = {n_rows}, n_samples = {n_rows}"
        )
    nn_ind = np.empty((n_rows, n_neighbors), dtype=np.int64)
    block = max(1, min(n_rows, CHUNK_ELEMENTS // max(n_rows, 1)))
    buffer = np.empty((block, n_rows))
    for start in range(0, n_rows, block):
        stop = min(n_rows, start + block)
        dist = buffer[: stop - start]
        vdm_distance_rows(codes, tables, start, dist)
        kept = np.argpartition(dist, n_neighbors - 1, axis=1)[:, :n_neighbors]
        sample_range = np.arange(stop - start)[:, np.newaxis]
        nn_ind[start:stop] = kept[sample_range, np.argsort(dist[sample_range, kept])]
    return nn_ind
