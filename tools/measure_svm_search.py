"""SVM-SMOTE's own part (its searches and interpolation) against imbalanced-learn's,
with the SVC fit taken out.

Usage::

    python -m tools.measure_svm_search [--workload W1] [--n-samples N] [--json PATH]

An SVC on a million rows takes hours in either library, and its fit is the same
scikit-learn code in both, so it tells nothing about fastsmote. Here both
libraries' ``SVMSMOTE`` get the same :class:`FixedSupport` estimator, whose
``fit`` only names the support vectors (every second minority row and every
twentieth majority row, about what an SVC keeps on W1's overlapping classes):
what remains is the sampler's own work, the m-neighbour search of the support
vectors against all rows, the danger/safe split, the k-neighbour search within
the class and the interpolation. fastsmote's kernels are compiled first on a
small slice; then each library runs once, fastsmote first, in this process,
and the outputs are compared. Quote the ratio with the load average printed
beside it.
"""

from __future__ import annotations

import argparse
import sys

import numpy as np
from sklearn.base import BaseEstimator, ClassifierMixin

from tools._measure import identical, load_average, machine, run, write_json


class FixedSupport(ClassifierMixin, BaseEstimator):
    """A stand-in for SVC whose ``support_`` is fixed by the data's classes:
    every second row of the least frequent class and every twentieth of the
    others. ``predict`` answers the most frequent class (SVM-SMOTE never calls
    it)."""

    def fit(self, X, y):
        """Name the support vectors (row indices, ascending)."""
        y = np.asarray(y)
        self.classes_, counts = np.unique(y, return_counts=True)
        minority = self.classes_[np.argmin(counts)]
        rows = np.arange(y.shape[0])
        rank = np.empty_like(rows)
        for label in self.classes_:
            mask = y == label
            rank[mask] = np.arange(int(mask.sum()))
        keep = np.where(y == minority, rank % 2 == 0, rank % 20 == 0)
        self.support_ = rows[keep].astype(np.int32)
        self.majority_ = self.classes_[np.argmax(counts)]
        return self

    def predict(self, X):
        """The most frequent class for every row."""
        return np.full(X.shape[0], self.majority_)


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--workload", default="W1")
    parser.add_argument(
        "--n-samples", type=int, default=None, help="rows (default: the workload's)"
    )
    parser.add_argument("--json", metavar="PATH")
    args = parser.parse_args(argv)

    from imblearn.over_sampling import SVMSMOTE as ImblearnSVMSMOTE

    from fastsmote import SVMSMOTE
    from fastsmote.datasets import make_workload

    X, y = make_workload(args.workload, n_samples=args.n_samples)
    head = slice(0, min(20_000, X.shape[0]))
    SVMSMOTE(svm_estimator=FixedSupport(), random_state=0).fit_resample(X[head], y[head])
    before = load_average()
    fast_s, fast_out = run(SVMSMOTE(svm_estimator=FixedSupport(), random_state=0), X, y)
    ref_s, ref_out = run(ImblearnSVMSMOTE(svm_estimator=FixedSupport(), random_state=0), X, y)
    after = load_average()
    same = identical(fast_out, ref_out)
    result = {
        "machine": machine(),
        "workload": args.workload,
        "rows": int(X.shape[0]),
        "support_vectors": int(FixedSupport().fit(X, y).support_.size),
        "fastsmote_s": fast_s,
        "imblearn_s": ref_s,
        "speedup": ref_s / fast_s,
        "identical": bool(same),
        "load_before": before,
        "load_after": after,
    }
    print(
        f"{args.workload} {X.shape[0]:,} x {X.shape[1]}, {result['support_vectors']:,} support "
        f"vectors; load {before} -> {after}\nSVMSMOTE without its SVC fit: fastsmote "
        f"{fast_s:.2f} s, imbalanced-learn {ref_s:.2f} s, {ref_s / fast_s:.2f}x, "
        f"{'identical' if same else 'DIFFERENT'}"
    )
    if args.json:
        write_json(args.json, result)
    return 0 if same else 1


if __name__ == "__main__":
    sys.exit(main())
