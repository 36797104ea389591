"""select_kth (the KD-tree build's median split) against its NumPy reference."""

from __future__ import annotations

import doctest

import numpy as np
import pytest
from naive_search import naive_select_kth

import fastsmote._kernels.select as select_module
from fastsmote._kernels.select import select_kth


@pytest.mark.parametrize("n", [1, 2, 3, 10, 257, 5000])
@pytest.mark.parametrize("kind", ["normal", "duplicates", "constant", "sorted", "reversed"])
def test_select_kth_matches_naive(n, kind):
    rng = np.random.RandomState(n)
    keys = {
        "normal": rng.normal(size=n),
        "duplicates": rng.randint(0, 3, size=n).astype(np.float64),
        "constant": np.full(n, 2.5),
        "sorted": np.arange(n, dtype=np.float64),
        "reversed": np.arange(n, dtype=np.float64)[::-1].copy(),
    }[kind]
    for kth in sorted({0, n // 2, n - 1}):
        work, ids = keys.copy(), np.arange(n, dtype=np.int64)
        select_kth(work, ids, kth)
        assert work[kth] == naive_select_kth(keys, kth)
        assert np.all(work[:kth] <= work[kth]) and np.all(work[kth + 1 :] >= work[kth])
        # ids moved with their keys: a permutation pairing each key with its row.
        np.testing.assert_array_equal(np.sort(ids), np.arange(n))
        np.testing.assert_array_equal(keys[ids], work)


def test_docstring_examples():
    result = doctest.testmod(select_module)
    assert result.attempted > 0 and result.failed == 0
