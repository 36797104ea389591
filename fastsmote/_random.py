"""Random draws, in imbalanced-learn's order and from its generators.

Kernels never draw: estimators call these helpers, which consume a
``RandomState`` exactly as imbalanced-learn does at the same point, and pass
the drawn arrays down.
"""

from __future__ import annotations

import numpy as np
from sklearn.utils import check_random_state


def draw_interpolation(random_state, n_rows: int, n_cols: int, n_samples: int, step_size=1.0):
    """Draw which (sample, neighbour) pairs SMOTE interpolates, and how far.

    Mirrors ``BaseSMOTE._make_samples``: a generator from
    ``check_random_state(random_state)`` (so an int seed restarts the stream
    for every class, as in imbalanced-learn), then ``randint`` over the
    flattened ``n_rows x n_cols`` neighbour table, then ``uniform`` steps.

    Returns
    -------
    rows, cols : ndarray of int64, shape (n_samples,)
    steps : ndarray of float64, shape (n_samples,)
    random_state : numpy.random.RandomState
        The generator used, for draws that follow in the same call.

    Examples
    --------
    >>> rows, cols, steps, _ = draw_interpolation(0, n_rows=4, n_cols=5, n_samples=3)
    >>> rows.shape, bool(((steps >= 0) & (steps < 1)).all())
    ((3,), True)
    """
    random_state = check_random_state(random_state)
    flat = random_state.randint(low=0, high=n_rows * n_cols, size=n_samples)
    steps = step_size * random_state.uniform(size=n_samples)
    rows, cols = np.divmod(flat, n_cols)
    return rows.astype(np.int64, copy=False), cols.astype(np.int64, copy=False), steps, random_state


def draw_tie_shuffle(random_state, n_entries: int):
    """Draw SMOTE-NC's shuffle of the tied (sample, category) entries of one feature.

    Mirrors ``SMOTENC._generate_samples``: its generator is
    ``check_random_state(random_state)`` taken anew for every class (a fresh
    one for an int seed, the same object for a ``RandomState``), then one
    ``permutation`` per categorical feature. Pass the returned generator back
    for the next feature.

    Returns
    -------
    perm : ndarray of int64, shape (n_entries,)
    random_state : numpy.random.RandomState

    Examples
    --------
    >>> perm, rng = draw_tie_shuffle(0, 4)
    >>> sorted(perm.tolist())
    [0, 1, 2, 3]
    """
    random_state = check_random_state(random_state)
    # permutation(n) shuffles arange(n): the draws of imbalanced-learn's
    # permutation of its (n, 2) array of entries, which shuffles an index array.
    return random_state.permutation(n_entries), random_state


def draw_bootstrap_rows(random_state, n_rows: int, n_samples: int):
    """Draw SMOTEN's base rows: ``choice(arange(n_rows), n_samples, replace=True)``
    from ``check_random_state(random_state)``, as ``SMOTEN._make_samples`` does.

    Examples
    --------
    >>> draw_bootstrap_rows(0, n_rows=10, n_samples=3).shape
    (3,)
    """
    random_state = check_random_state(random_state)
    rows = random_state.choice(np.arange(n_rows), size=n_samples, replace=True)
    return rows.astype(np.int64, copy=False)
