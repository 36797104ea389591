"""A TF-IDF-like sparse matrix, the data of the sparse benchmarks: :func:`make_sparse_tfidf`."""

from __future__ import annotations

import numpy as np

__all__ = ["make_sparse_tfidf"]


def make_sparse_tfidf(
    n_samples: int = 200_000,
    n_features: int = 5_000,
    density: float = 0.005,
    minority_fraction: float = 0.1,
    random_state: int = 0,
):
    """A TF-IDF-like CSR matrix (the sparse benchmark's data) and binary labels.

    Each row draws about ``density * n_features`` terms, with replacement, from
    a Zipf-like vocabulary (term ``r`` has weight ``1 / (r + 10)``); repeated
    draws count as term frequency. Minority rows (label 1) draw a fifth of
    their terms from a shuffled vocabulary, so the classes differ. Values are
    ``(1 + log tf) * idf`` with scikit-learn's smoothed idf, rows L2-normalised
    (as ``TfidfVectorizer`` does). Distinct terms per row fall slightly below
    the draws, so the stored density is a little under ``density``.

    Parameters
    ----------
    n_samples, n_features : int
        Shape of ``X``.
    density : float, default=0.005
        Term draws per row over ``n_features``.
    minority_fraction : float, default=0.1
        Share of rows labelled 1.
    random_state : int, default=0
        Seed; the data are the same for the same arguments.

    Returns
    -------
    X : scipy.sparse.csr_matrix of shape (n_samples, n_features), float64
    y : ndarray of shape (n_samples,), int64

    Examples
    --------
    >>> X, y = make_sparse_tfidf(1_000, 500, density=0.02)
    >>> X.format, X.shape, int(y.sum())
    ('csr', (1000, 500), 100)
    """
    from scipy import sparse

    rng = np.random.RandomState(random_state)
    y = np.zeros(n_samples, dtype=np.int64)
    y[rng.permutation(n_samples)[: int(round(minority_fraction * n_samples))]] = 1
    per_row = np.maximum(rng.poisson(density * n_features, size=n_samples), 1)
    rows = np.repeat(np.arange(n_samples), per_row)
    weights = 1.0 / (np.arange(n_features) + 10.0)
    terms = rng.choice(n_features, size=rows.size, p=weights / weights.sum())
    shifted = (y[rows] == 1) & (rng.rand(rows.size) < 0.2)
    terms[shifted] = rng.permutation(n_features)[terms[shifted]]
    counts = sparse.csr_matrix((np.ones(rows.size), (rows, terms)), shape=(n_samples, n_features))
    counts.sum_duplicates()
    df = np.bincount(counts.indices, minlength=n_features)
    idf = np.log((1.0 + n_samples) / (1.0 + df)) + 1.0
    counts.data = (1.0 + np.log(counts.data)) * idf[counts.indices]
    norms = np.sqrt(np.add.reduceat(counts.data**2, counts.indptr[:-1]))
    counts.data /= np.repeat(norms, np.diff(counts.indptr))
    return counts, y
