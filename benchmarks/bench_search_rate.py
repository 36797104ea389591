"""GFLOP/s of fastsmote's exact searches beside this machine's float32 GEMM rate.

``track_`` benchmarks (asv records the number, not a time): the all-points and
one-sided brute-force searches on W2 and W3 (sizes by profile) and the
``sgemm`` rates they are measured against, so the gap to the machine's limit
is a number on every run. See :mod:`benchmarks.search_rate` for what is
counted.
"""

from __future__ import annotations

from .common import NEIGHBOR_WORKLOADS, TIMEOUT, get_workload
from .samplers import warm_up_fastsmote
from .search_rate import all_pairs_rate, minority_rows, one_sided_rate, sgemm_rate


class SearchRate:
    """GFLOP/s of the all-points and one-sided searches (build included)."""

    params = NEIGHBOR_WORKLOADS
    param_names = ["workload"]
    timeout = TIMEOUT
    unit = "GFLOP/s"

    def setup(self, workload):
        self.X, self.y = get_workload(workload, purpose="neighbors")
        warm_up_fastsmote()

    def track_all_pairs(self, workload):
        return all_pairs_rate(self.X)["gflops"]

    def track_one_sided(self, workload):
        return one_sided_rate(self.X, minority_rows(self.y))["gflops"]

    def track_sgemm_tile(self, workload):
        """``float32`` GEMM with the screening tiles' inner dimension (d + 1)."""
        return sgemm_rate(inner=self.X.shape[1] + 1)


class SgemmRate:
    """The machine's square ``float32`` GEMM rate: the limit the searches are measured against."""

    unit = "GFLOP/s"
    timeout = TIMEOUT

    def track_sgemm_square(self):
        return sgemm_rate()
