"""ClusterCentroids: replace each targeted class by the centres of its clusters."""

from __future__ import annotations

import numpy as np
from imblearn.under_sampling import ClusterCentroids as _ImblearnClusterCentroids
from imblearn.under_sampling.base import BaseUnderSampler
from imblearn.utils import Substitution
from imblearn.utils._docstring import _random_state_docstring
from scipy import sparse
from sklearn.base import clone
from sklearn.cluster import KMeans
from sklearn.neighbors import NearestNeighbors

from .._containers import ContainerMixin
from .random_under_sampler import sorted_labels, take_rows


@Substitution(
    sampling_strategy=BaseUnderSampler._sampling_strategy_docstring,
    random_state=_random_state_docstring,
)
class ClusterCentroids(ContainerMixin, BaseUnderSampler):
    """Under-sample by clustering each targeted class, as imbalanced-learn does.

    A targeted class is clustered into ``sampling_strategy_[class]`` clusters
    by ``estimator`` (a KMeans by default) and replaced by the cluster
    centres (``voting="soft"``) or by the sample nearest each centre
    (``"hard"``); the other classes are kept whole. The clustering and the
    nearest-sample search are imbalanced-learn's own scikit-learn calls, on
    the same data in the same order, so the output equals
    :class:`imblearn.under_sampling.ClusterCentroids`'s. Dense output is
    written once into an array of its final size (rows of ``X`` gathered from
    their index array, centres copied in) instead of being stacked from
    per-class pieces.

    Parameters
    ----------
    {sampling_strategy}

    {random_state}

    estimator : estimator object, default=None
        A scikit-learn clustering estimator with an ``n_clusters`` parameter
        and a fitted ``cluster_centers_``; ``None``:
        ``KMeans(random_state=random_state)``.

    voting : {{"hard", "soft", "auto"}}, default="auto"
        ``"hard"``: each centre is replaced by its nearest sample of the
        class; ``"soft"``: the centres themselves; ``"auto"``: ``"hard"`` for
        sparse ``X``, else ``"soft"``.

    Attributes
    ----------
    sampling_strategy_ : dict
        The number of samples to keep per targeted class.
    estimator_ : estimator object
        The clustering estimator (fitted on the last targeted class).
    voting_ : str
        The voting used, ``"hard"`` or ``"soft"``.
    n_features_in_ : int
        Number of features in the input dataset.
    feature_names_in_ : ndarray of shape (`n_features_in_`,)
        Names of features seen during `fit`, when they are all strings.

    See Also
    --------
    imblearn.under_sampling.ClusterCentroids : The reference implementation.

    Examples
    --------
    >>> from collections import Counter
    >>> from sklearn.datasets import make_classification
    >>> from fastsmote import ClusterCentroids
    >>> X, y = make_classification(n_classes=2, class_sep=2,
    ... weights=[0.1, 0.9], n_informative=3, n_redundant=1, flip_y=0,
    ... n_features=20, n_clusters_per_class=1, n_samples=1000, random_state=10)
    >>> cc = ClusterCentroids(random_state=42)
    >>> X_res, y_res = cc.fit_resample(X, y)
    >>> sorted(Counter(y_res.tolist()).items()), cc.voting_
    ([(0, 100), (1, 100)], 'soft')
    """

    _parameter_constraints: dict = dict(_ImblearnClusterCentroids._parameter_constraints)

    def __init__(
        self, *, sampling_strategy="auto", random_state=None, estimator=None, voting="auto"
    ):
        super().__init__(sampling_strategy=sampling_strategy)
        self.random_state = random_state
        self.estimator = estimator
        self.voting = voting

    def _validate_estimator(self):
        if self.estimator is None:
            self.estimator_ = KMeans(random_state=self.random_state)
            return
        self.estimator_ = clone(self.estimator)
        if "n_clusters" not in self.estimator_.get_params():
            raise ValueError(
                "`estimator` should be a clustering estimator exposing a parameter"
                " `n_clusters` and a fitted parameter `cluster_centers_`."
            )

    def _class_replacement(self, X_class, rows, n_clusters):
        """Cluster one class: its centres (soft) or the index in ``X`` of the
        sample nearest each centre (hard), as imbalanced-learn computes them."""
        self.estimator_.set_params(n_clusters=n_clusters)
        self.estimator_.fit(X_class)
        if not hasattr(self.estimator_, "cluster_centers_"):
            raise RuntimeError(
                "`estimator` should be a clustering estimator exposing a "
                "fitted parameter `cluster_centers_`."
            )
        centroids = self.estimator_.cluster_centers_
        if self.voting_ == "soft":
            return centroids
        # imbalanced-learn's search: a fresh NearestNeighbors on the class.
        nearest = NearestNeighbors(n_neighbors=1).fit(X_class)
        nearest_rows = nearest.kneighbors(centroids, return_distance=False)
        return rows[np.ravel(nearest_rows)]

    def _fit_resample(self, X, y):
        self._validate_estimator()
        if self.voting == "auto":
            self.voting_ = "hard" if sparse.issparse(X) else "soft"
        else:
            self.voting_ = self.voting
        # One block per class, in np.unique order: (label, rows of X, centres);
        # rows is None for centres (soft voting), centres None otherwise.
        blocks = []
        for label in sorted_labels(y):
            rows = np.flatnonzero(y == label)
            if label not in self.sampling_strategy_:
                blocks.append((None, rows, None))
                continue
            X_class = take_rows(X, rows)
            replacement = self._class_replacement(X_class, rows, self.sampling_strategy_[label])
            if self.voting_ == "soft":
                blocks.append((label, None, replacement))
            else:
                blocks.append((label, replacement, None))
        return _assemble(X, blocks), _assemble_labels(y, blocks)

    def _more_tags(self):
        return {"sample_indices": False}

    def __sklearn_tags__(self):
        tags = super().__sklearn_tags__()
        tags.sampler_tags.sample_indices = False
        return tags


def _assemble(X, blocks):
    """The output rows, block by block: rows of ``X`` or centres, in the
    container and dtype imbalanced-learn's stacking gives."""
    if all(centres is None for _, _, centres in blocks):
        # Every output row is a row of X: one gather.
        indices = np.concatenate([rows for _, rows, _ in blocks])
        out = take_rows(X, indices)
        if isinstance(X, sparse.sparray) and any(
            label is not None and rows.shape[0] == 1 for label, rows, _ in blocks
        ):
            # imbalanced-learn picks a lone centre's row with a 0-d index: a
            # 1-D COO piece of a sparse array, and sparse.vstack gives COO.
            return out.tocoo()
        # sparse.vstack of pieces all in X's format gives that format.
        return out
    if sparse.issparse(X):
        # New values: stacked as imbalanced-learn stacks them.
        return sparse.vstack(
            [
                take_rows(X, rows) if centres is None else sparse.csr_matrix(centres, dtype=X.dtype)
                for _, rows, centres in blocks
            ]
        )
    pieces = [rows if centres is None else np.asarray(centres) for _, rows, centres in blocks]
    # np.vstack's dtype: that of all pieces together.
    dtype = np.result_type(
        *(
            X.dtype if centres is None else piece.dtype
            for piece, (_, _, centres) in zip(pieces, blocks, strict=True)
        )
    )
    out = np.empty((sum(piece.shape[0] for piece in pieces), X.shape[1]), dtype=dtype)
    start = 0
    for piece, (_, _, centres) in zip(pieces, blocks, strict=True):
        stop = start + piece.shape[0]
        out[start:stop] = piece if centres is not None else np.take(X, piece, axis=0)
        start = stop
    return out


def _assemble_labels(y, blocks):
    """The output labels in ``y``'s dtype: each kept row's own label, the
    class label for each row standing for a targeted class (as
    imbalanced-learn, counted by its centres)."""
    sizes = [(rows if centres is None else centres).shape[0] for _, rows, centres in blocks]
    out = np.empty(sum(sizes), dtype=y.dtype)
    start = 0
    for (label, rows, _), size in zip(blocks, sizes, strict=True):
        if label is None:
            out[start : start + size] = np.take(y, rows)
        else:
            out[start : start + size] = label
        start += size
    return out
