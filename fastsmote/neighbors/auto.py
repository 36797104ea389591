"""``nn_backend="auto"``: the exact backend that suits the data, chosen at ``fit``."""

from __future__ import annotations

import numpy as np

from .base import BaseNeighbors
from .brute import BruteForceNeighbors
from .kdtree import KDTreeNeighbors

#: The KD-tree wins only in low dimension, and only once there are enough
#: points for its pruning to pay for the build. See :func:`choose_exact`.
KDTREE_MAX_FEATURES = 8
KDTREE_MIN_SAMPLES = 2_000

#: Below this many query values (rows x features) brute force answers before
#: a KD-tree is built: a build costs about 0.9 microseconds per fitted row
#: (284,807 x 30: 250 ms), brute force about 0.023 ns per pair and feature on
#: this machine, so brute force wins while rows x features < 0.9 us / 0.023 ns.
KDTREE_MIN_QUERY_VALUES = 32_000

#: Data whose variance sits in this many columns or fewer (see
#: :func:`effective_dimension`) go to the KD-tree whatever their shape.
KDTREE_MAX_EFFECTIVE_DIMENSION = 4.0


#: Rows (evenly spaced) that estimate :func:`effective_dimension` of larger
#: data: at most this many, and at most about ``EFFECTIVE_DIMENSION_VALUES``
#: values (hiva's 1,617 columns: 648 rows) but never fewer than 256 rows; the
#: estimate only steers the backend, and on a small query batch it cost more
#: than the search (25 ms of hiva's 47).
EFFECTIVE_DIMENSION_ROWS = 4096
EFFECTIVE_DIMENSION_VALUES = 1 << 20


def effective_dimension(X) -> float:
    """How many columns carry the variance: ``(sum v)**2 / sum v**2`` over the
    column variances ``v`` (the participation ratio; ``d`` for equal scales, 1
    when one column dwarfs the rest), estimated on at most
    ``EFFECTIVE_DIMENSION_ROWS`` evenly spaced rows (fewer for many columns).

    Examples
    --------
    >>> import numpy as np
    >>> X = np.random.RandomState(0).randn(1000, 10)
    >>> round(effective_dimension(X))
    10
    >>> X[:, 0] *= 1e4
    >>> round(effective_dimension(X), 3)
    1.0
    """
    if X.shape[0] < 2:
        return float(X.shape[1])
    n_rows = min(EFFECTIVE_DIMENSION_ROWS, max(256, EFFECTIVE_DIMENSION_VALUES // X.shape[1]))
    if X.shape[0] > n_rows:
        # A heuristic for the backend: evenly spaced rows estimate it as well.
        X = X[:: X.shape[0] // n_rows]
    var = np.var(X, axis=0, dtype=np.float64)
    total = float(var.sum())
    squares = float(np.square(var).sum())
    if not (np.isfinite(total) and np.isfinite(squares)) or squares == 0.0:
        return float(X.shape[1])
    return total * total / squares


def choose_exact(n_samples: int, n_features: int, effective_dim: float | None = None) -> str:
    """The exact backend ``"auto"`` picks for data of this shape.

    Rule: the KD-tree when the variance sits in at most
    ``KDTREE_MAX_EFFECTIVE_DIMENSION`` (4) columns and in at most half of
    them, or for at most
    ``KDTREE_MAX_FEATURES`` (8) features and at least ``KDTREE_MIN_SAMPLES``
    (2,000) points; brute force otherwise. Brute force runs on float32 matrix
    products, so its cost per pair barely depends on the dimension, while a
    tree's pruning collapses as the (effective) dimension grows. Real tables
    with unscaled columns (a timestamp, an amount in the thousands next to
    unit-scale features) are low-dimensional for the tree and hard for the
    float32 screening (its rounding error grows with the largest column).
    All-points 1-NN on the real corpus (``fastsmote.datasets.REAL_TABLES``),
    brute / KD-tree milliseconds, 2026-12-01, shared 2-core machine:

    ================  ===========  =========  =======  ======
    table             shape        eff. dim   brute    tree
    ================  ===========  =========  =======  ======
    kc1               2,109 x 21   1.01       43.5     8.0
    hypothyroid       3,163 x 25   2.45       69.5     9.7
    creditcard_raw    20,000 x 30  1.00       5,257    49.0
    timestamp_offset  10,000 x 9   1.00       772      7.8
    integer_columns   4,000 x 7    5.53       75.0     23.4
    ada               4,147 x 47   4.69       50.8     79.9
    satimage          6,435 x 36   31.6       49.8     136.5
    far_outlier       20,000 x 20  20.0       404      4,054
    ================  ===========  =========  =======  ======

    Measured with ``benchmarks/bench_neighbors.py``'s ``Crossover`` (all-points query, k=6,
    ``make_classification`` data with half the features informative; CPU
    seconds on the 2-core reference machine, 2026-11-28), brute/kdtree time:

    ====  ========  =========  =========  =========
    d     n=500     n=2,000    n=10,000   n=50,000
    ====  ========  =========  =========  =========
    2     0.22      0.35       13.5       27.4
    4     7.2       1.8        2.2        11.7
    8     0.33      0.27       1.07       2.64
    10    0.34      0.31       0.65       0.98
    12    1.7       0.50       0.49       0.57
    16    0.31      0.72       0.42       0.34
    20    0.07      0.26       0.26       0.23
    ====  ========  =========  =========  =========

    Values above 1 favour the tree. Below 10,000 points both take a few
    milliseconds and thread start-up dominates (hence the noisy small-n
    column); at 10 features and more brute force wins or ties at every size.

    Examples
    --------
    >>> choose_exact(100_000, 8), choose_exact(100_000, 20), choose_exact(100_000, 20, 1.2)
    ('kdtree', 'brute', 'kdtree')
    """
    if effective_dim is not None and effective_dim <= min(
        KDTREE_MAX_EFFECTIVE_DIMENSION, n_features / 2
    ):
        return "kdtree"
    if n_features <= KDTREE_MAX_FEATURES and n_samples >= KDTREE_MIN_SAMPLES:
        return "kdtree"
    return "brute"


class AutoNeighbors(BaseNeighbors):
    """Exact neighbours from the backend that suits the data it is fitted on.

    At ``fit`` time it picks brute force or the KD-tree with
    :func:`choose_exact` and delegates to it; ``chosen_`` names the choice.

    Parameters
    ----------
    n_neighbors : int, default=5
        Number of neighbours returned by default by :meth:`kneighbors`.
    n_jobs : int, default=None
        Threads for the search; the result does not depend on it.

    Attributes
    ----------
    chosen_ : str
        ``"brute"`` or ``"kdtree"``.

    Examples
    --------
    >>> import numpy as np
    >>> from fastsmote.neighbors import AutoNeighbors
    >>> nn = AutoNeighbors(n_neighbors=1).fit(np.array([[0.0], [1.0], [3.0]]))
    >>> nn.chosen_, nn.kneighbors(return_distance=False).ravel().tolist()
    ('brute', [1, 0, 1])
    """

    _lazy_build = True

    def _prepare(self, X):
        effective_dim = effective_dimension(X)
        self.chosen_ = choose_exact(*X.shape, effective_dim)
        # Unscaled columns defeat brute force's float32 screening: the tree
        # stays whatever the queries.
        self._tree_for_scale = effective_dim <= min(KDTREE_MAX_EFFECTIVE_DIMENSION, X.shape[1] / 2)

    def expect_queries(self, n_queries: int) -> None:
        """Say, before the first query, how many rows will be queried: a tree
        chosen for few features is not worth building for fewer than
        ``KDTREE_MIN_QUERY_VALUES`` query values (rows x features), where
        brute force answers them sooner than the build alone takes."""
        if getattr(self, "_built", True) or self.chosen_ != "kdtree" or self._tree_for_scale:
            return
        if n_queries * self.n_features_in_ < KDTREE_MIN_QUERY_VALUES:
            self.chosen_ = "brute"

    def _build(self, X):
        chosen = BruteForceNeighbors if self.chosen_ == "brute" else KDTreeNeighbors
        self._delegate = chosen(self.n_neighbors, n_jobs=self.n_jobs).fit(X)
        self._delegate._ensure_built()

    def _query(self, Q, k, exclude_self):
        return self._delegate._query(Q, k, exclude_self)


__all__ = ["AutoNeighbors", "choose_exact", "effective_dimension"]
