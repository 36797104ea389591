"""benchmarks.search_rate: the rates the tool and the asv suite report."""

from __future__ import annotations

import numpy as np

from benchmarks import search_rate


def test_rates_count_each_pair_once(monkeypatch):
    monkeypatch.setattr(search_rate, "SQUARE_SIZE", 64)
    monkeypatch.setattr(search_rate, "TILE_ROWS", 64)
    rng = np.random.RandomState(0)
    X = rng.randn(300, 6)
    y = (rng.rand(300) < 0.2).astype(int)
    rates = search_rate.search_rates(X, y, repeat=1)
    both, one = rates["all_pairs"], rates["one_sided"]
    assert both["gflops"] == 300 * 299 / 2 * 2 * 6 / both["seconds"] / 1e9
    n_minority = int((y == 1).sum())
    assert one["gflops"] == n_minority * 300 * 2 * 6 / one["seconds"] / 1e9
    assert both["share_of_sgemm"] == both["gflops"] / rates["sgemm_square_gflops"]
    assert rates["sgemm_tile_gflops"] > 0 and (rates["rows"], rates["features"]) == (300, 6)
    np.testing.assert_array_equal(search_rate.minority_rows(y), np.flatnonzero(y == 1))
