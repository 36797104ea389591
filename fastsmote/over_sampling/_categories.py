"""SMOTE-NC's categories: codes from and to one-hot rows, the vote, decoding, reassembly.

fastsmote works on integer category codes (``codes[i, f]``: the index of row
i's category in feature f's fitted categories, -1 for none) and converts at
the edges: from the encoder's one-hot matrix (:func:`encode_categories`,
:func:`one_hot_codes`), back to categories (:func:`decode_categories`) and
to the input's column order (:func:`assemble_columns`). Both
:class:`fastsmote.SMOTENC` and ``fastsmote.dask.SMOTENC`` use these.
"""

from __future__ import annotations

import numpy as np
from scipy import sparse

from .._kernels.categorical import count_tied_categories, pick_tied_categories
from .._random import draw_tie_shuffle


def category_codes(X_categorical: np.ndarray, categories) -> np.ndarray:
    """Each value's index in its column's sorted fitted ``categories`` (int32).

    This is the default :class:`~sklearn.preprocessing.OneHotEncoder`'s
    transform (a sorted look-up, NaN last) for numeric columns, without the
    one-hot matrix.

    Examples
    --------
    >>> category_codes(np.array([[3.0], [1.0]]), [np.array([1.0, 3.0])]).tolist()
    [[1], [0]]
    """
    codes = np.empty(X_categorical.shape, dtype=np.int32)
    for f, cats in enumerate(categories):
        codes[:, f] = np.searchsorted(cats, X_categorical[:, f])
    return codes


def encode_categories(encoder, X_categorical, dtype_ohe, default_encoder: bool) -> tuple:
    """Fit ``encoder``; return ``(codes, n_categories, X_ohe)``.

    ``X_ohe`` is the encoder's one-hot CSR matrix, or None when the codes
    come straight from the fitted categories: numbers with the default
    encoder (``default_encoder``), whose transform is a sorted look-up (NaN
    last); the one-hot rows are then built from the codes only if a one-hot
    search needs them.

    Raises
    ------
    ValueError
        When the encoder does not give one column per category.

    Examples
    --------
    >>> from sklearn.preprocessing import OneHotEncoder
    >>> codes, n_categories, X_ohe = encode_categories(
    ...     OneHotEncoder(), np.array([[2.0], [5.0]]), np.float64, True)
    >>> codes.tolist(), n_categories.tolist(), X_ohe
    ([[0], [1]], [2], None)
    """
    if (
        default_encoder
        and isinstance(X_categorical, np.ndarray)
        and X_categorical.dtype.kind in "fiu"
    ):
        encoder.fit(X_categorical)
        n_categories = np.array([cats.size for cats in encoder.categories_], dtype=np.int64)
        return category_codes(X_categorical, encoder.categories_), n_categories, None
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


def decode_categories(codes, encoder, default_encoder: bool, n_categories=None, dtype_ohe=None):
    """The categories of ``codes``, as the fitted ``encoder``'s ``inverse_transform`` gives them.

    With the default encoder (``default_encoder``), fitted on the same data,
    every code is a category: its ``inverse_transform`` is a look-up per
    feature. Any other encoder gets the one-hot rows of the codes
    (``n_categories`` and ``dtype_ohe`` are then required).

    Examples
    --------
    >>> from sklearn.preprocessing import OneHotEncoder
    >>> encoder = OneHotEncoder().fit(np.array([[2.0], [5.0]]))
    >>> decode_categories(np.array([[1], [0]]), encoder, True).tolist()
    [[5.0], [2.0]]
    """
    if default_encoder:
        categories = encoder.categories_
        decoded = np.empty(codes.shape, dtype=np.result_type(*[c.dtype for c in categories]))
        for f, cats in enumerate(categories):
            decoded[:, f] = cats[codes[:, f]]
        return decoded
    return encoder.inverse_transform(codes_to_one_hot(codes, n_categories, dtype_ohe))


def assemble_columns(X_cont, X_decoded, continuous_features, categorical_features, n_features):
    """Continuous and categorical columns back in the input's column order.

    Dense parts are written in place into an array of ``np.hstack``'s dtype;
    sparse ones are stacked and their columns reordered.

    Examples
    --------
    >>> assemble_columns(np.array([[0.5]]), np.array([[7.0]]), np.array([1]), np.array([0]), 2)
    array([[7. , 0.5]])
    """
    if sparse.issparse(X_cont):
        order = np.argsort(np.hstack((continuous_features, categorical_features)))
        return sparse.hstack((X_cont, X_decoded), format="csr")[:, order]
    # np.hstack's dtype, written in place instead of stacked and reordered.
    dtype = np.concatenate((X_cont[:0], X_decoded[:0]), axis=1).dtype
    X_res = np.empty((X_cont.shape[0], n_features), dtype=dtype)
    for source, columns in ((X_cont, continuous_features), (X_decoded, categorical_features)):
        # Runs of adjacent columns are copied as slices (fancy-index
        # assignment is many times slower).
        breaks = np.flatnonzero(np.diff(columns) != 1) + 1
        for lo, hi in zip(np.r_[0, breaks], np.r_[breaks, columns.size], strict=True):
            X_res[:, columns[lo] : columns[lo] + hi - lo] = source[:, lo:hi]
    return X_res


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
