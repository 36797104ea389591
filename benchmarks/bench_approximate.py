"""The approximate path: SMOTETomek and SMOTEENN with ``nn_backend="nndescent"``.

On W4 (the fraud shape; 20,000 rows in the ``fast`` profile, all 284,807 in
``regular``), against the exact run and imbalanced-learn, same ``random_state``:

- ``ApproximateCombined.time_fit_resample`` / ``peakmem_fit_resample``: fastsmote
  NN-Descent, fastsmote exact and imbalanced-learn side by side (warm: kernels
  and pynndescent compiled in ``setup``). imbalanced-learn's SMOTETomek takes
  about 465 s on full W4, so each runs once per measurement (``number = 1``);
- ``ApproximateQuality.track_*``: neighbour recall against exact search on a
  sample of 2,000 rows of the over-sampled data (the neighbours the cleaning
  step uses), the share of output rows also in the exact output, the share of
  identical cleaning decisions, and the LogisticRegression PR-AUC difference
  (exact minus approximate resampling of a stratified 70 % split);
- ``NNDescentColdStart.time_cold_start``: pynndescent's and the adapter's
  compilation in a fresh interpreter with an empty Numba cache.
"""

from __future__ import annotations

import tempfile

from . import cold_start, samplers
from .approximate import (
    CLEANERS,
    decision_agreement,
    measure_recall,
    pr_auc,
    stratified_split,
)
from .common import PROFILE, TIMEOUT, FreshProcessBenchmark, get_workload, in_profile

#: Each process that runs NN-Descent first compiles pynndescent (about 45 s: it
#: has no Numba cache), so the fast profile runs one sampler.
SAMPLERS = in_profile(list(CLEANERS))
RUNS = ["fastsmote-nndescent", "fastsmote-exact", "imblearn"]
#: run -> fastsmote's ``nn_backend``
BACKENDS = {"fastsmote-nndescent": "nndescent", "fastsmote-exact": "auto"}
WORKLOAD = "W4"


def make_sampler(name: str, run: str):
    """``name(random_state=0)`` of imbalanced-learn, or of fastsmote with the run's backend."""
    if run == "imblearn":
        return samplers.make_sampler(name, "imblearn")
    return samplers.make_sampler(name, "fastsmote", nn_backend=BACKENDS[run])


def warm_up(name: str, X, y, nndescent: bool = True) -> None:
    """Compile fastsmote's kernels, and pynndescent's if ``nndescent``, on a small sample."""
    samplers.warm_up(name, X, y)
    if nndescent:
        samplers.warm_up(name, X, y, "nndescent")


class ApproximateCombined:
    """Time and peak memory of the three runs."""

    params = (SAMPLERS, RUNS)
    param_names = ["sampler", "run"]
    timeout = TIMEOUT
    number = 1
    repeat = (1, 3, 600.0)
    warmup_time = 0

    def setup(self, sampler, run):
        self.X, self.y = get_workload(WORKLOAD)
        if run.startswith("fastsmote"):
            warm_up(sampler, self.X, self.y, nndescent=run == "fastsmote-nndescent")

    def time_fit_resample(self, sampler, run):
        make_sampler(sampler, run).fit_resample(self.X, self.y)

    def peakmem_fit_resample(self, sampler, run):
        make_sampler(sampler, run).fit_resample(self.X, self.y)


class ApproximateQuality:
    """Recall, agreement and downstream quality of NN-Descent against exact."""

    params = (SAMPLERS,)
    param_names = ["sampler"]
    timeout = TIMEOUT

    def setup_cache(self):
        from fastsmote import SMOTE
        from fastsmote.app.compare import row_agreement
        from fastsmote.neighbors import make_backend

        X, y = get_workload(WORKLOAD)
        figures = {}
        for name in SAMPLERS:
            attr, k = CLEANERS[name]
            warm_up(name, X, y)
            exact = make_sampler(name, "fastsmote-exact")
            approx = make_sampler(name, "fastsmote-nndescent")
            X_exact, _ = exact.fit_resample(X, y)
            X_approx, _ = approx.fit_resample(X, y)
            X_smote, _ = SMOTE(random_state=0).fit_resample(X, y)
            backend = make_backend("nndescent", k + 1, random_state=0)
            recall = measure_recall(X_smote, k, backend)
            decisions = decision_agreement(
                getattr(exact, attr).sample_indices_,
                getattr(approx, attr).sample_indices_,
                X_smote.shape[0],
            )
            X_train, X_test, y_train, y_test = stratified_split(X, y)
            scores = [
                pr_auc(*make_sampler(name, run).fit_resample(X_train, y_train), X_test, y_test)
                for run in ("fastsmote-exact", "fastsmote-nndescent")
            ]
            figures[name] = {
                "recall_at_1": recall["recall_at_1"],
                "recall_at_k": recall[f"recall_at_{k}"],
                "row_agreement": row_agreement(X_exact, X_approx),
                "decision_agreement": decisions["decision_agreement"],
                "pr_auc_difference": scores[0] - scores[1],
            }
        return figures

    def track_recall_at_1(self, figures, sampler):
        return figures[sampler]["recall_at_1"]

    def track_recall_at_k(self, figures, sampler):
        return figures[sampler]["recall_at_k"]

    def track_row_agreement(self, figures, sampler):
        return figures[sampler]["row_agreement"]

    def track_decision_agreement(self, figures, sampler):
        return figures[sampler]["decision_agreement"]

    def track_pr_auc_difference(self, figures, sampler):
        return figures[sampler]["pr_auc_difference"]

    track_recall_at_1.unit = "share"
    track_recall_at_k.unit = "share"
    track_row_agreement.unit = "share"
    track_decision_agreement.unit = "share"
    track_pr_auc_difference.unit = "PR-AUC"


# The fast profile compiles pynndescent in ApproximateCombined already.
if PROFILE != "fast":

    class NNDescentColdStart(FreshProcessBenchmark):
        """First NN-Descent fit in a fresh interpreter with an empty Numba cache
        (pynndescent's compilation plus fastsmote's ranking kernel)."""

        def time_cold_start(self):
            with tempfile.TemporaryDirectory(prefix="fastsmote-numba-cache-") as cache_dir:
                cold_start.run_step(cold_start.nndescent_first_fit, cache_dir)
