"""SMOTE-NC: SMOTE for continuous and categorical features, on category codes."""

from __future__ import annotations

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
from sklearn.utils.validation import _num_features
from sklearn_compat.utils.validation import validate_data

from .._threads import numba_threads
from ._categories import assemble_columns, decode_categories, encode_categories
from ._output import allocate_output
from ._smotenc_plan import check_column_split, smotenc_class_plan, split_columns
from .base import _NN_BACKEND_DOC, BaseSMOTE, generate_samples


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

    def _validate_estimator(self):
        super()._validate_estimator()
        check_column_split(self.categorical_features_, self.n_features_in_)

    # -- resampling ---------------------------------------------------------------
    def _fit_resample(self, X, y):
        self.n_features_ = _num_features(X)
        self.categorical_features_, self.continuous_features_ = split_columns(
            X, self.categorical_features, self.n_features_
        )
        self._validate_estimator()

        X_continuous = _safe_indexing(X, self.continuous_features_, axis=1)
        X_continuous = check_array(X_continuous, accept_sparse=["csr", "csc"])
        X_categorical = _safe_indexing(X, self.categorical_features_, axis=1)
        dtype_ohe = X_continuous.dtype if X_continuous.dtype.name != "object" else np.float64
        if self.categorical_encoder is None:
            self.categorical_encoder_ = OneHotEncoder(handle_unknown="ignore", dtype=dtype_ohe)
        else:
            self.categorical_encoder_ = clone(self.categorical_encoder)
        codes, n_categories, X_ohe = encode_categories(
            self.categorical_encoder_, X_categorical, dtype_ohe, self.categorical_encoder is None
        )
        return self._resample_codes(X, y, X_continuous, codes, n_categories, dtype_ohe, X_ohe)

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
                plan = smotenc_class_plan(
                    X_class,
                    codes[class_rows],
                    n_categories,
                    dtype_ohe,
                    class_sample,
                    n_samples,
                    k_neighbors=self.k_neighbors,
                    nn_backend=self.nn_backend,
                    nn_k=self.nn_k_,
                    n_jobs=self.n_jobs,
                    random_state=self.random_state,
                    X_ohe_class=None if X_ohe is None else X_ohe[class_rows],
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
        X_decoded = decode_categories(
            codes_res,
            self.categorical_encoder_,
            self.categorical_encoder is None,
            n_categories,
            dtype_ohe,
        )
        if is_sparse:
            cont_res = sparse.vstack([X_continuous, *cont_new], format="csr")
            if not sparse.issparse(X):
                cont_res = cont_res.toarray()
        X_res = assemble_columns(
            cont_res,
            X_decoded,
            self.continuous_features_,
            self.categorical_features_,
            self.n_features_,
        )
        return X_res, y_res

    def _more_tags(self):
        return {"X_types": ["2darray", "dataframe", "string"]}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.input_tags.sparse = False
        tags.input_tags.string = True
        return tags
