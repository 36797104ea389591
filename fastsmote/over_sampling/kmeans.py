"""KMeans-SMOTE: cluster, then over-sample the sparse clusters of the class most."""

from __future__ import annotations

import math
import numbers

import numpy as np
from imblearn.over_sampling.base import BaseOverSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn.base import clone
from sklearn.cluster import MiniBatchKMeans
from sklearn.metrics import pairwise_distances
from sklearn.utils import _safe_indexing
from sklearn.utils._param_validation import HasMethods, Interval, StrOptions

from .._kernels.kmeans import cluster_sample_counts
from .._threads import numba_threads
from ._neighbors import neighbors_within
from ._output import ResampledOutput
from .base import BaseSMOTE, refit_is_identical, stack_resampled


@Substitution(
    sampling_strategy=BaseOverSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
)
class KMeansSMOTE(BaseSMOTE):
    """Over-sample with KMeans-SMOTE, identical to imbalanced-learn's and faster.

    The data are clustered with k-means (scikit-learn's); in every cluster
    where the class being over-sampled is frequent enough, SMOTE generates
    samples, more in the clusters where the class is sparse. With the same
    parameters and ``random_state`` the output equals
    :class:`imblearn.over_sampling.KMeansSMOTE`'s exactly: with a
    scikit-learn neighbours object always, with fastsmote's exact backends
    whenever no two distances tie.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    k_neighbors : int or object, default=2
        The number of nearest neighbours used to build synthetic samples, or a
        neighbours object with ``kneighbors`` and ``kneighbors_graph`` (its
        ``n_neighbors`` counts the sample itself, as in imbalanced-learn).

    n_jobs : int, default=None
        Jobs of scikit-learn's ``pairwise_distances`` (as in imbalanced-learn)
        and threads of fastsmote's kernels during the call (``None`` or -1:
        all of Numba's threads). The output does not depend on it.

    kmeans_estimator : int or object, default=None
        ``None``: ``MiniBatchKMeans(random_state=random_state)``; an int: the
        same with that many clusters; else a clustering estimator with
        ``fit_predict`` and ``n_clusters``.

    cluster_balance_threshold : "auto" or float, default="auto"
        Smallest share of the class in a cluster for the cluster to be
        over-sampled; ``"auto"`` is ``n_samples / total_samples / 2`` of the
        class.

    density_exponent : "auto" or float, default="auto"
        Exponent of the mean distance in a cluster's sparsity; ``"auto"`` is
        ``0.16 * log_1.6(n) ** 1.8`` for ``n`` samples of the class.

    nn_backend : {{"auto", "brute", "kdtree", "nndescent"}} or object, default="auto"
        How fastsmote finds neighbours when ``k_neighbors`` is an int (see
        :class:`fastsmote.SMOTE`).

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to generate per class.
    kmeans_estimator_ : estimator
        The fitted clustering estimator.
    cluster_balance_threshold_ : float or str
        The threshold used (``-inf`` when there is a single cluster).
    nn_k_ : estimator object
        The neighbours object built from ``k_neighbors``.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.over_sampling.KMeansSMOTE : The reference implementation.
    SMOTE : Over-sample without clustering.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.cluster import MiniBatchKMeans
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import KMeansSMOTE
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> kmeans = MiniBatchKMeans(n_clusters=4, n_init=1, random_state=0)
    >>> sampler = KMeansSMOTE(kmeans_estimator=kmeans, random_state=42)
    >>> X_res, y_res = sampler.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items())
    [(0, 900), (1, 900)]
    """

    _parameter_constraints: dict = {
        **BaseSMOTE._parameter_constraints,
        "kmeans_estimator": [
            HasMethods(["fit", "predict"]),
            Interval(numbers.Integral, 1, None, closed="left"),
            None,
        ],
        "cluster_balance_threshold": [StrOptions({"auto"}), numbers.Real],
        "density_exponent": [StrOptions({"auto"}), numbers.Real],
    }

    def __init__(
        self,
        *,
        sampling_strategy="auto",
        random_state=None,
        k_neighbors=2,
        n_jobs=None,
        kmeans_estimator=None,
        cluster_balance_threshold="auto",
        density_exponent="auto",
        nn_backend="auto",
    ):
        super().__init__(
            sampling_strategy=sampling_strategy,
            random_state=random_state,
            k_neighbors=k_neighbors,
            nn_backend=nn_backend,
            n_jobs=n_jobs,
        )
        self.kmeans_estimator = kmeans_estimator
        self.cluster_balance_threshold = cluster_balance_threshold
        self.density_exponent = density_exponent

    def _validate_estimator(self):
        super()._validate_estimator()
        if self.kmeans_estimator is None:
            self.kmeans_estimator_ = MiniBatchKMeans(random_state=self.random_state)
        elif isinstance(self.kmeans_estimator, int):
            self.kmeans_estimator_ = MiniBatchKMeans(
                n_clusters=self.kmeans_estimator, random_state=self.random_state
            )
        else:
            self.kmeans_estimator_ = clone(self.kmeans_estimator)
        self.cluster_balance_threshold_ = (
            self.cluster_balance_threshold if self.kmeans_estimator_.n_clusters != 1 else -np.inf
        )

    def _find_cluster_sparsity(self, X):
        """``mean_distance ** exponent / n`` of the rows of ``X``, as imbalanced-learn.

        The distances are scikit-learn's ``pairwise_distances`` (as in
        imbalanced-learn), so that their bits, and the weights, are the same.
        """
        distances = pairwise_distances(X, metric="euclidean", n_jobs=self.n_jobs)
        np.fill_diagonal(distances, 0)
        non_diag_elements = (X.shape[0] ** 2) - X.shape[0]
        mean_distance = distances.sum() / non_diag_elements
        exponent = (
            math.log(X.shape[0], 1.6) ** 1.8 * 0.16
            if self.density_exponent == "auto"
            else self.density_exponent
        )
        return (mean_distance**exponent) / X.shape[0]

    def _fit_resample(self, X, y):
        self._validate_estimator()
        total_inp_samples = sum(self.sampling_strategy_.values())
        n_clusters = self.kmeans_estimator_.n_clusters
        clusters = None
        targets = [(c, n) for c, n in self.sampling_strategy_.items() if n > 0]
        # Dense output is written in place (sparse pieces are stacked as
        # imbalanced-learn stacks them).
        output = None if sparse.issparse(X) else ResampledOutput(X, y)
        new_X, new_y = [], []
        with numba_threads(self.n_jobs):
            for position, (class_sample, n_samples) in enumerate(targets):
                # imbalanced-learn clusters again for every class; a
                # scikit-learn k-means with an int seed gives the same labels.
                if clusters is None or not refit_is_identical(
                    self.kmeans_estimator_, "sklearn.cluster"
                ):
                    clusters = _group_by_cluster(self.kmeans_estimator_.fit_predict(X), n_clusters)
                valid_clusters, sparsities = [], []
                for cluster_mask in clusters:
                    if cluster_mask.size == 0:
                        continue
                    y_cluster = _safe_indexing(y, cluster_mask)
                    cluster_class_mean = (y_cluster == class_sample).mean()
                    if self.cluster_balance_threshold_ == "auto":
                        balance_threshold = n_samples / total_inp_samples / 2
                    else:
                        balance_threshold = self.cluster_balance_threshold_
                    # The cluster is already balanced.
                    if cluster_class_mean < balance_threshold:
                        continue
                    # Too few samples of the class for SMOTE.
                    anticipated_samples = cluster_class_mean * cluster_mask.shape[0]
                    if anticipated_samples < self.nn_k_.n_neighbors:
                        continue
                    class_rows = cluster_mask[np.flatnonzero(y_cluster == class_sample)]
                    valid_clusters.append(class_rows)
                    sparsities.append(self._find_cluster_sparsity(_safe_indexing(X, class_rows)))
                if not valid_clusters:
                    raise RuntimeError(
                        "No clusters found with sufficient samples of "
                        f"class {class_sample}. Try lowering the "
                        "cluster_balance_threshold or increasing the number of "
                        "clusters."
                    )
                weights, counts = cluster_sample_counts(
                    np.asarray(sparsities, dtype=np.float64), n_samples
                )
                out = None
                if output is not None:
                    n_after = sum(n for _, n in targets[position + 1 :])
                    n_class = _rows_before_error(n_samples, weights, counts)
                    out = output.rows(n_class, class_sample, n_after)
                start = 0
                for class_rows, weight, cluster_n_samples in zip(
                    valid_clusters, weights, counts, strict=True
                ):
                    X_cluster_class = _safe_indexing(X, class_rows)
                    nn_ind = neighbors_within(self.nn_k_, X_cluster_class, class_sample)
                    _check_ceil_argument(n_samples * weight)
                    n_rows = int(cluster_n_samples)
                    piece_out = None if out is None else out[start : start + n_rows]
                    X_new, y_new = self._make_samples(
                        X_cluster_class,
                        y.dtype,
                        class_sample,
                        X_cluster_class,
                        nn_ind,
                        n_rows,
                        1.0,
                        out=piece_out,
                    )
                    start += n_rows
                    if output is None:
                        new_X.append(X_new)
                        new_y.append(y_new)
                    del X_new, piece_out
                del out
        if output is not None:
            return output.result()
        return stack_resampled(X, y, new_X, new_y)


def _group_by_cluster(labels, n_clusters):
    """For each cluster id in ``range(n_clusters)``, the ascending indices of its
    samples (``np.flatnonzero(labels == c)``, with one stable sort)."""
    labels = np.asarray(labels)
    order = np.argsort(labels, kind="stable")
    bounds = np.searchsorted(labels[order], np.arange(n_clusters + 1), side="left")
    return [order[bounds[c] : bounds[c + 1]] for c in range(n_clusters)]


def _check_ceil_argument(value) -> None:
    """Raise what imbalanced-learn's ``math.ceil`` raises on a weight that is
    not finite (a cluster of one sample, or all sparsities zero)."""
    math.ceil(value)


def _rows_before_error(n_samples, weights, counts) -> int:
    """The rows a class's clusters make up to the first one whose weight
    :func:`_check_ceil_argument` rejects (all of them when none is): the
    output's room for the class, allocated before the clusters are visited."""
    n_rows = 0
    for weight, count in zip(weights, counts, strict=True):
        if not math.isfinite(n_samples * weight):
            break
        n_rows += int(count)
    return n_rows
