"""SMOTE-NC: SMOTE for continuous and categorical features, on category codes."""

from __future__ import annotations

import math
import numbers
from typing import NamedTuple

import numpy as np
from imblearn.over_sampling import SMOTENC as _ImblearnSMOTENC
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution, check_target_type
from imblearn.utils._docstring import _random_state_docstring
from imblearn.utils._validation import _check_X
from scipy import sparse
from sklearn.base import clone
from sklearn.preprocessing import OneHotEncoder
from sklearn.utils import _safe_indexing, check_array
from sklearn.utils.sparsefuncs_fast import csr_mean_variance_axis0
from sklearn.utils.validation import _num_features
from sklearn_compat.utils._dataframe import is_pandas_df
from sklearn_compat.utils._indexing import _get_column_indices
from sklearn_compat.utils.validation import validate_data

from .._kernels.categorical import count_tied_categories, pick_tied_categories
from .._random import draw_interpolation, draw_tie_shuffle
from .._threads import numba_threads
from ..neighbors import BaseNeighbors
from ..neighbors.mixed import mixed_kneighbors
from .base import _NN_BACKEND_DOC, BaseSMOTE, generate_samples
from .smote import allocate_output

#: ``nn_backend`` names for which SMOTE-NC searches on category codes.
_CODE_SEARCH_BACKENDS = ("auto", "brute", "kdtree")


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
    nn_backend=_NN_BACKEND_DOC,
)
class SMOTENC(BaseSMOTE):
    """Over-sample data with continuous and categorical features (SMOTE-NC).

    Continuous features are interpolated as in SMOTE; each categorical feature
    of a new sample takes the most frequent category among the ``k_neighbors``
    neighbours of its base sample, ties resolved at random exactly as
    :class:`imblearn.over_sampling.SMOTENC` resolves them. Neighbours are
    found with imbalanced-learn's distance: the Euclidean distance on the
    continuous features and the one-hot encoded categories scaled by the
    class's median standard deviation over ``sqrt(2)``, i.e. the continuous
    squared distance plus ``median_std_ ** 2`` per categorical feature in
    which two samples differ.

    fastsmote computes that distance on integer category codes, with neither
    the one-hot matrix nor imbalanced-learn's array of every neighbour's
    one-hot rows, and decodes the categories itself (for the default encoder).

    What equals imbalanced-learn's output (same parameters, same
    ``random_state``):

    - always, when ``k_neighbors`` is a scikit-learn neighbours object: it is
      fitted on the same scaled one-hot matrix as in imbalanced-learn
      (contract A), and also for sparse ``X``, searched as imbalanced-learn does;
    - with the default search (``nn_backend`` ``"auto"``, ``"brute"`` or
      ``"kdtree"``, which all run fastsmote's exact search on codes), whenever
      the neighbour lists are free of ties: imbalanced-learn ranks by float
      arithmetic on the one-hot matrix and drops the first column of its
      result, fastsmote ranks by the exact distance (continuous part summed in
      feature order, then the penalty) and excludes each sample by index,
      ties to the smaller index. Samples equal on their continuous features
      and differing in the same number of categories tie exactly, so on such
      data the two may pick different, equally near, neighbours.

    The vote, the random draws and their order, the interpolation arithmetic,
    the output container, column order and dtypes are imbalanced-learn's in
    every case.

    Parameters
    ----------
    categorical_features : "auto" or array-like of shape (n_cat_features,) or \
(n_features,), dtype={{bool, int, str}}
        Which features are categorical: ``"auto"`` (the columns of a
        :class:`pandas.DataFrame` with a :class:`pandas.CategoricalDtype`),
        indices, feature names (``X`` a DataFrame) or a boolean mask.

    categorical_encoder : estimator, default=None
        One-hot encoder of the categorical features; ``None`` is a
        :class:`~sklearn.preprocessing.OneHotEncoder` with
        ``handle_unknown="ignore"``. It must produce one column per category.

    {sampling_strategy}

    {random_state}

    k_neighbors : int or object, default=5
        The number of nearest neighbours used to build synthetic samples, or a
        neighbours object with ``kneighbors`` and ``kneighbors_graph`` (its
        ``n_neighbors`` counts the sample itself), fitted on the scaled
        one-hot matrix as in imbalanced-learn.

    {nn_backend}

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to generate per class.
    nn_k_ : estimator object
        The neighbours object built from ``k_neighbors`` and ``nn_backend``
        (used as is by the one-hot search; not fitted when the search runs on
        codes).
    categorical_encoder_ : estimator
        The fitted one-hot encoder of the categorical features.
    categorical_features_ : ndarray of shape (n_cat_features,), dtype=np.int64
        Indices of the categorical features.
    continuous_features_ : ndarray of shape (n_cont_features,), dtype=np.int64
        Indices of the continuous features.
    median_std_ : dict of int -> float
        Median of the standard deviations of the continuous features, per class
        over-sampled.
    n_features_ : int
        Number of features observed at ``fit``.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.SMOTENC : The reference implementation.
    SMOTEN : For data with categorical features only.

    Notes
    -----
    ``nn_backend`` ``"auto"``, ``"brute"`` and ``"kdtree"`` all run the exact
    search on category codes, which ranks each sample's nearest samples by
    continuous distance (found by that backend) and the samples sharing one
    of its categories, and proves that no other sample can rank; ``"nndescent"``
    and backend objects search the dense scaled one-hot matrix instead.

    Examples
    --------
    >>> from collections import Counter
    >>> from numpy.random import RandomState
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import SMOTENC
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> X[:, -2:] = RandomState(10).randint(0, 4, size=(1000, 2))
    >>> X_res, y_res = SMOTENC(categorical_features=[18, 19], random_state=42).fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 900), (1, 900)]
    >>> sorted(set(X_res[:, 19].tolist()))
    [0.0, 1.0, 2.0, 3.0]
    """

    _required_parameters = ["categorical_features"]

    _parameter_constraints: dict = {
        **BaseSMOTE._parameter_constraints,
        "categorical_features": _ImblearnSMOTENC._parameter_constraints["categorical_features"],
        "categorical_encoder": _ImblearnSMOTENC._parameter_constraints["categorical_encoder"],
    }

    def __init__(
        self,
        categorical_features,
        *,
        categorical_encoder=None,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=5,
        nn_backend="auto",
        n_jobs=None,
    ):
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
            nn_backend=nn_backend,
            n_jobs=n_jobs,
        )
        self.categorical_features = categorical_features
        self.categorical_encoder = categorical_encoder

    # -- validation (imbalanced-learn's checks and messages) --------------------
    def _check_X_y(self, X, y):
        """Let strings and DataFrames through: only the continuous part is cast."""
        y, binarize_y = check_target_type(y, indicate_one_vs_all=True)
        X = _check_X(X)
        validate_data(self, X=X, y=y, reset=True, skip_check_array=True)
        return X, y, binarize_y

    def _validate_column_types(self, X):
        if isinstance(self.categorical_features, str) and self.categorical_features == "auto":
            if not is_pandas_df(X):
                raise ValueError(
                    "When `categorical_features='auto'`, the input data "
                    f"should be a pandas.DataFrame. Got {type(X)} instead."
                )
            import pandas as pd

            is_categorical = np.array([isinstance(t, pd.CategoricalDtype) for t in X.dtypes])
            self.categorical_features_ = np.flatnonzero(is_categorical)
            self.continuous_features_ = np.flatnonzero(~is_categorical)
        else:
            self.categorical_features_ = np.array(_get_column_indices(X, self.categorical_features))
            self.continuous_features_ = np.setdiff1d(
                np.arange(self.n_features_), self.categorical_features_
            )

    def _validate_estimator(self):
        super()._validate_estimator()
        if self.categorical_features_.size == self.n_features_in_:
            raise ValueError(
                "SMOTE-NC is not designed to work only with categorical "
                "features. It requires some numerical features."
            )
        if self.categorical_features_.size == 0:
            raise ValueError(
                "SMOTE-NC is not designed to work only with numerical "
                "features. It requires some categorical features."
            )

    def _searches_codes(self, X_continuous) -> bool:
        """Whether the neighbour search runs on category codes (else on the
        scaled one-hot matrix, as imbalanced-learn)."""
        return (
            not sparse.issparse(X_continuous)
            and isinstance(self.k_neighbors, numbers.Integral)
            and isinstance(self.nn_backend, str)
            and self.nn_backend in _CODE_SEARCH_BACKENDS
        )

    # -- resampling ---------------------------------------------------------------
    def _fit_resample(self, X, y):
        self.n_features_ = _num_features(X)
        self._validate_column_types(X)
        self._validate_estimator()

        X_continuous = _safe_indexing(X, self.continuous_features_, axis=1)
        X_continuous = check_array(X_continuous, accept_sparse=["csr", "csc"])
        X_categorical = _safe_indexing(X, self.categorical_features_, axis=1)
        dtype_ohe = X_continuous.dtype if X_continuous.dtype.name != "object" else np.float64
        if self.categorical_encoder is None:
            self.categorical_encoder_ = OneHotEncoder(handle_unknown="ignore", dtype=dtype_ohe)
        else:
            self.categorical_encoder_ = clone(self.categorical_encoder)
        codes, n_categories, X_ohe = self._encode(X_categorical, dtype_ohe)
        return self._resample_codes(X, y, X_continuous, codes, n_categories, dtype_ohe, X_ohe)

    def _encode(self, X_categorical, dtype_ohe):
        """Fit ``categorical_encoder_``; return ``(codes, n_categories, X_ohe)``.

        ``X_ohe`` is the encoder's one-hot CSR matrix, or None when the codes
        come straight from the fitted categories: numbers with the default
        encoder, whose transform is a sorted look-up (NaN last); the one-hot
        rows are then built from the codes only if a one-hot search needs them.
        """
        encoder = self.categorical_encoder_
        if (
            self.categorical_encoder is None
            and isinstance(X_categorical, np.ndarray)
            and X_categorical.dtype.kind in "fiu"
        ):
            encoder.fit(X_categorical)
            n_categories = np.array([cats.size for cats in encoder.categories_], dtype=np.int64)
            codes = np.empty(X_categorical.shape, dtype=np.int32)
            for f, cats in enumerate(encoder.categories_):
                codes[:, f] = np.searchsorted(cats, X_categorical[:, f])
            return codes, n_categories, None
        X_ohe = encoder.fit_transform(
            X_categorical.toarray() if sparse.issparse(X_categorical) else X_categorical
        )
        if not sparse.issparse(X_ohe):
            X_ohe = sparse.csr_matrix(X_ohe, dtype=dtype_ohe)
        X_ohe = X_ohe.tocsr()
        n_categories = np.array([cats.size for cats in encoder.categories_], dtype=np.int64)
        if X_ohe.shape[1] != n_categories.sum():
            raise ValueError(
                "SMOTENC requires a one-hot encoding with one column per category "
                "for the categorical features. The provided `categorical_encoder` "
                f"produced {X_ohe.shape[1]} columns for {n_categories.sum()} categories. "
                "This happens when the encoder drops columns (e.g. "
                "`OneHotEncoder(drop=...)`) or merges infrequent categories, which "
                "is not supported. Pass an encoder that keeps all categories, such "
                "as `OneHotEncoder(handle_unknown='ignore')`."
            )
        return one_hot_codes(X_ohe, n_categories), n_categories, X_ohe

    def _resample_codes(self, X, y, X_continuous, codes, n_categories, dtype_ohe, X_ohe=None):
        """SMOTE-NC on the continuous features and the category codes."""
        # Sparse continuous features (sparse input, or a DataFrame of sparse
        # columns) are searched and interpolated as sparse matrices.
        is_sparse = sparse.issparse(X_continuous)
        if is_sparse:
            X_continuous = sparse.csr_matrix(X_continuous, dtype=dtype_ohe)
        else:
            X_continuous = np.asarray(X_continuous, dtype=dtype_ohe)

        targets = [(c, n) for c, n in self.sampling_strategy_.items() if n > 0]
        n_rows = X_continuous.shape[0]
        n_new = sum(n for _, n in targets)
        codes_res = np.empty((n_rows + n_new, codes.shape[1]), dtype=np.int32)
        codes_res[:n_rows] = codes
        cont_res = None if is_sparse else allocate_output(X_continuous, n_new)
        cont_new = []
        self.median_std_ = {}
        start = n_rows
        with numba_threads(self.n_jobs):
            for class_sample, n_samples in targets:
                class_rows = np.flatnonzero(y == class_sample)
                X_class = _safe_indexing(X_continuous, class_rows)
                if not is_sparse:
                    X_class = np.ascontiguousarray(X_class)
                codes_class = codes[class_rows]
                X_ohe_class = None if X_ohe is None else X_ohe[class_rows]
                plan = smotenc_class_plan(
                    self,
                    X_class,
                    codes_class,
                    n_categories,
                    dtype_ohe,
                    class_sample,
                    n_samples,
                    X_ohe_class,
                )
                self.median_std_[class_sample] = plan.median_std
                out = None if is_sparse else cont_res[start : start + n_samples]
                cont_new.append(
                    generate_samples(
                        X_class, X_class, plan.nn_ind, plan.rows, plan.cols, plan.steps, out
                    )
                )
                codes_res[start : start + n_samples] = plan.codes_new
                start += n_samples
        y_res = np.hstack([y, *[np.full(n, c, dtype=y.dtype) for c, n in targets]])
        X_decoded = self._decode(codes_res, n_categories, dtype_ohe)
        if is_sparse:
            cont_res = sparse.vstack([X_continuous, *cont_new], format="csr")
            if not sparse.issparse(X):
                cont_res = cont_res.toarray()
        return self._assemble(cont_res, X_decoded), y_res

    def _class_neighbors(self, X_class, X_ohe_class, codes_class, median_std, dtype, label):
        """The k nearest neighbours of each sample of one class, itself excluded."""
        if self._searches_codes(X_class):
            k = int(self.k_neighbors)
            n_class = X_class.shape[0]
            if k + 1 > n_class:
                raise ValueError(
                    f"Expected n_neighbors <= n_samples_fit, but n_neighbors = {k + 1}, "
                    f"n_samples_fit = {n_class}, n_samples = {n_class}: class {label!r} "
                    f"has {n_class} samples, so k_neighbors must be at most {n_class - 1}."
                )
            stored = np.array(_scaled_value(median_std)).astype(dtype)
            half_penalty = float(stored) ** 2
            return mixed_kneighbors(
                X_class, codes_class, half_penalty, k, self.nn_backend, self.n_jobs
            )[1]
        X_search = scaled_one_hot_matrix(X_class, X_ohe_class, median_std, dtype)
        if isinstance(self.nn_k_, BaseNeighbors) and not sparse.issparse(X_class):
            X_search = X_search.toarray()
        return self._neighbors_within(self.nn_k_, X_search, label)

    def _decode(self, codes, n_categories, dtype_ohe):
        """The categories of ``codes``, as the encoder's ``inverse_transform`` gives them."""
        encoder = self.categorical_encoder_
        if self.categorical_encoder is None:
            # The default encoder was fitted on this data, so every code is a
            # category: its inverse_transform is a look-up per feature.
            categories = encoder.categories_
            decoded = np.empty(codes.shape, dtype=np.result_type(*[c.dtype for c in categories]))
            for f, cats in enumerate(categories):
                decoded[:, f] = cats[codes[:, f]]
            return decoded
        return encoder.inverse_transform(codes_to_one_hot(codes, n_categories, dtype_ohe))

    def _assemble(self, X_cont, X_decoded):
        """Continuous and categorical columns back in the input's column order."""
        if sparse.issparse(X_cont):
            order = np.argsort(np.hstack((self.continuous_features_, self.categorical_features_)))
            return sparse.hstack((X_cont, X_decoded), format="csr")[:, order]
        # np.hstack's dtype, written in place instead of stacked and reordered.
        dtype = np.concatenate((X_cont[:0], X_decoded[:0]), axis=1).dtype
        X_res = np.empty((X_cont.shape[0], self.n_features_), dtype=dtype)
        for source, columns in (
            (X_cont, self.continuous_features_),
            (X_decoded, self.categorical_features_),
        ):
            # Runs of adjacent columns are copied as slices (fancy-index
            # assignment is many times slower).
            breaks = np.flatnonzero(np.diff(columns) != 1) + 1
            for lo, hi in zip(np.r_[0, breaks], np.r_[breaks, columns.size], strict=True):
                X_res[:, columns[lo] : columns[lo] + hi - lo] = source[:, lo:hi]
        return X_res

    def _more_tags(self):
        return {"X_types": ["2darray", "dataframe", "string"]}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.string = True
        return tags


def _scaled_value(median_std):
    """The value imbalanced-learn gives every one-hot entry: the median std over sqrt(2)."""
    return median_std / np.sqrt(2)


def _median_std(X_class):
    """imbalanced-learn's ``median_std_`` of a class: the median of the continuous
    features' standard deviations, from scikit-learn's sparse variance (the same
    function on the same stored entries, so the same bits)."""
    X_csr = X_class if sparse.issparse(X_class) else sparse.csr_matrix(X_class)
    _, var = csr_mean_variance_axis0(X_csr)
    return np.median(np.sqrt(var))


class SMOTENCClassPlan(NamedTuple):
    """One class's SMOTE-NC plan; see :func:`smotenc_class_plan`."""

    median_std: float
    nn_ind: np.ndarray
    rows: np.ndarray
    cols: np.ndarray
    steps: np.ndarray
    codes_new: np.ndarray


def smotenc_class_plan(
    sampler, X_class, codes_class, n_categories, dtype_ohe, label, n_samples, X_ohe_class=None
):
    """Everything SMOTE-NC decides for one class, before any row is interpolated.

    The single-machine sampler and ``fastsmote.dask.SMOTENC`` both call this,
    so their median std, neighbours, draws and category votes cannot drift
    apart (they once did: one compared the median std with ``numpy.isclose``,
    which calls every std below 1e-8 zero, where imbalanced-learn uses
    ``math.isclose``).

    Parameters
    ----------
    sampler : fastsmote.SMOTENC
        A sampler whose fit has resolved ``nn_k_`` and the column split; its
        ``random_state`` is drawn from in imbalanced-learn's order.
    X_class : ndarray or sparse matrix of shape (n_class, n_continuous)
        The class's continuous features, in ``dtype_ohe``.
    codes_class : ndarray of shape (n_class, n_categorical), int32
        The class's category codes.
    n_categories : ndarray of shape (n_categorical,), int64
        Categories per categorical feature.
    dtype_ohe : numpy.dtype
        The one-hot encoding's dtype.
    label : object
        The class label (for error messages).
    n_samples : int
        New rows to draw for the class.
    X_ohe_class : sparse matrix, optional
        The encoder's one-hot rows of the class; built from the codes if None.

    Returns
    -------
    plan : SMOTENCClassPlan
        ``median_std``, ``nn_ind`` (int64, C-contiguous), the interpolation
        draws ``rows``, ``cols``, ``steps`` and the voted ``codes_new``
        (shape ``(n_samples, n_categorical)``).

    Examples
    --------
    >>> from fastsmote import SMOTENC
    >>> X = np.array([[0.0, 0], [1.0, 0], [2.0, 1], [3.0, 1], [9.0, 0], [8.0, 1]])
    >>> y = np.array([0, 0, 0, 0, 1, 1])
    >>> sampler = SMOTENC([1], k_neighbors=1, random_state=0).fit(X, y)
    >>> codes = np.array([[0], [1]], dtype=np.int32)
    >>> plan = smotenc_class_plan(
    ...     sampler, X[4:, :1], codes, np.array([2]), np.dtype(np.float64), 1, 2)
    >>> plan.nn_ind.tolist(), plan.codes_new.shape
    ([[1], [0]], (2, 1))
    """
    median_std = _median_std(X_class)
    if X_ohe_class is None:
        X_ohe_class = codes_to_one_hot(codes_class, n_categories, dtype_ohe)
    nn_ind = sampler._class_neighbors(
        X_class, X_ohe_class, codes_class, median_std, dtype_ohe, label
    )
    nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
    rows, cols, steps, _ = draw_interpolation(
        sampler.random_state, nn_ind.shape[0], nn_ind.shape[1], n_samples
    )
    # imbalanced-learn votes on the one-hot values it searched with, or on the
    # plain one-hot encoding when the median std is 0 by math.isclose (absolute
    # tolerance 0: numpy.isclose's 1e-8 would call data of scale 1e-10 zero).
    vote_value = 1 if math.isclose(median_std, 0) else _scaled_value(median_std)
    tie = tie_table(np.array(vote_value).astype(dtype_ohe), nn_ind.shape[1])
    codes_new = vote_categories(codes_class, nn_ind, rows, n_categories, tie, sampler.random_state)
    return SMOTENCClassPlan(median_std, nn_ind, rows, cols, steps, codes_new)


def one_hot_codes(X_ohe, n_categories):
    """Category codes from a one-hot CSR matrix: ``codes[i, f]`` is the column of
    row i's stored entry in feature f's block, -1 when the block is empty.

    Examples
    --------
    >>> from scipy import sparse
    >>> X_ohe = sparse.csr_matrix([[0, 1, 1, 0, 0], [1, 0, 0, 0, 0]])
    >>> one_hot_codes(X_ohe, np.array([2, 3])).tolist()
    [[1, 0], [0, -1]]
    """
    n_rows, n_features = X_ohe.shape[0], len(n_categories)
    block_start = np.concatenate(([0], np.cumsum(n_categories)[:-1])).astype(np.int64)
    if X_ohe.nnz == n_rows * n_features and np.array_equal(
        X_ohe.indptr, np.arange(0, X_ohe.nnz + 1, n_features)
    ):
        # The usual layout: one entry per feature and row, features in order.
        by_feature = X_ohe.indices.reshape(n_rows, n_features)
        if n_rows == 0 or (
            np.all(by_feature.min(axis=0) >= block_start)
            and np.all(by_feature.max(axis=0) < block_start + n_categories)
        ):
            return (by_feature - block_start).astype(np.int32)
    columns = X_ohe.indices.astype(np.int64)
    blocks = np.searchsorted(block_start, columns, side="right") - 1
    flat = np.repeat(np.arange(n_rows, dtype=np.int64), np.diff(X_ohe.indptr)) * n_features
    flat += blocks
    if np.bincount(flat, minlength=n_rows * n_features).max(initial=0) > 1:
        raise ValueError(
            "The categorical_encoder produced more than one non-zero column for a "
            "feature of a sample; SMOTE-NC needs a one-hot encoding (one column per "
            "category, at most one active per feature)."
        )
    codes = np.full(n_rows * n_features, -1, dtype=np.int32)
    codes[flat] = columns - block_start[blocks]
    return codes.reshape(n_rows, n_features)


def codes_to_one_hot(codes, n_categories, dtype):
    """The one-hot CSR matrix (entries 1 in ``dtype``) of category codes; the
    inverse of :func:`one_hot_codes`.

    Examples
    --------
    >>> codes_to_one_hot(np.array([[1, 0], [0, -1]]), np.array([2, 3]), np.float64).toarray()
    array([[0., 1., 1., 0., 0.],
           [1., 0., 0., 0., 0.]])
    """
    block_start = np.concatenate(([0], np.cumsum(n_categories)[:-1])).astype(np.int64)
    active = codes >= 0
    columns = (codes.astype(np.int64) + block_start)[active]
    indptr = np.concatenate(([0], np.cumsum(active.sum(axis=1))))
    data = np.ones(columns.size, dtype=dtype)
    return sparse.csr_matrix(
        (data, columns, indptr), shape=(codes.shape[0], int(np.sum(n_categories)))
    )


def scaled_one_hot_matrix(X_cont_class, X_ohe_class, median_std, dtype):
    """imbalanced-learn's search matrix of one class: continuous features, then
    the one-hot columns with every stored entry set to ``median_std / sqrt(2)``,
    built with the same SciPy operations (so the same CSR matrix)."""
    X_class = sparse.hstack((X_cont_class, X_ohe_class), format="csr", dtype=dtype)
    n_cont = X_cont_class.shape[1]
    categorical = X_class[:, n_cont:]
    categorical.data[:] = _scaled_value(median_std)
    X_class[:, n_cont:] = categorical
    return X_class


def tie_table(vote_value, k):
    """``tie[m, M]``: whether a category with ``m`` of the k votes ties with the
    leader's ``M`` under imbalanced-learn's rule.

    imbalanced-learn sums the neighbours' one-hot values (each ``vote_value``,
    in the encoding's dtype) and keeps every category ``numpy.isclose`` to the
    largest sum; the same sums and the same ``isclose`` give the table.

    Examples
    --------
    >>> tie_table(np.float64(1.0), 2).astype(int).tolist()
    [[1, 0, 0], [0, 1, 0], [0, 0, 1]]
    >>> bool(tie_table(np.float64(1e-9), 2)[0, 2])  # tiny values all tie
    True
    """
    stack = np.zeros((k + 1, k, 1), dtype=np.asarray(vote_value).dtype)
    for m in range(1, k + 1):
        stack[m, :m, 0] = vote_value
    sums = stack.sum(axis=1)[:, 0]
    return np.ascontiguousarray(np.isclose(sums[:, np.newaxis], sums[np.newaxis, :]))


def vote_categories(codes, nn_ind, rows, n_categories, tie, random_state):
    """Each new sample's categories: the most frequent among its base row's
    neighbours, ties drawn as imbalanced-learn draws them.

    Parameters
    ----------
    codes : ndarray of shape (n_class, n_cat_features), int32
        The class's category codes.
    nn_ind : ndarray of shape (n_class, k), int
        Each class row's neighbours.
    rows : ndarray of shape (n_new,), int
        Base row of each new sample.
    n_categories : ndarray of shape (n_cat_features,), int
        Categories per feature.
    tie : ndarray of shape (k + 1, k + 1), bool
        From :func:`tie_table`.
    random_state : None, int or RandomState
        ``random_state`` of the sampler (imbalanced-learn draws one shuffle per
        feature, in feature order).

    Returns
    -------
    new_codes : ndarray of shape (n_new, n_cat_features), int32

    Examples
    --------
    >>> codes = np.array([[0], [1], [1], [2]], dtype=np.int32)
    >>> nn_ind = np.array([[1, 2], [2, 0], [1, 3], [2, 1]])
    >>> tie = tie_table(np.float64(1.0), 2)
    >>> vote_categories(codes, nn_ind, np.array([0, 0]), np.array([3]), tie, 0).ravel().tolist()
    [1, 1]
    """
    codes = np.ascontiguousarray(codes, dtype=np.int32)
    nn_ind = np.ascontiguousarray(nn_ind, dtype=np.int64)
    rows = np.ascontiguousarray(rows, dtype=np.int64)
    n_categories = np.ascontiguousarray(n_categories, dtype=np.int64)
    n_new = rows.shape[0]
    n_tied = count_tied_categories(codes, nn_ind, rows, tie, n_categories)
    new_codes = np.empty((n_new, codes.shape[1]), dtype=np.int32)
    picked = np.empty(n_new, dtype=np.int32)
    rng = random_state
    for f in range(codes.shape[1]):
        counts = n_tied[:, f]
        offsets = np.cumsum(counts) - counts
        perm, rng = draw_tie_shuffle(rng, int(counts.sum()))
        inv_perm = np.empty(perm.shape[0], dtype=np.int64)
        inv_perm[perm] = np.arange(perm.shape[0], dtype=np.int64)
        del perm
        pick_tied_categories(
            codes, nn_ind, rows, f, int(n_categories[f]), tie, offsets, inv_perm, picked
        )
        new_codes[:, f] = picked
    return new_codes
