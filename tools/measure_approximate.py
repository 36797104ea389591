"""The approximate path (``nn_backend="nndescent"``) against the exact one, measured.

Usage::

    python -m tools.measure_approximate [--workload W4] [--n-samples N]
        [--samplers SMOTETomek SMOTEENN] [--reference imblearn|fastsmote]
        [--skip-downstream] [--out docs/approximate_W4.json]

For each combined sampler, on the same data and ``random_state=0``:

- time (warm: kernels and pynndescent compiled on a slice first) and peak
  memory of fastsmote with ``nn_backend="nndescent"``, and of the exact
  reference: imbalanced-learn (default; run once, its output cached in
  ``--cache-dir`` so later runs reuse it) or fastsmote's exact backend;
- agreement: the share of the approximate output's rows that are rows of the
  exact output, and of the cleaning step's keep/remove decisions;
- neighbour recall against exact search on a sample of 2,000 rows, for the
  neighbours the cleaning step uses (Tomek links: the first; ENN: three) on
  the over-sampled data, and for SMOTE's neighbours within the minority class;
- downstream: average precision (PR-AUC) of a standardised LogisticRegression
  on a held-out stratified 30 % split, trained on the split resampled exactly,
  approximately, and not at all.

Every figure is stored with the load average at the time it was taken.
"""

from __future__ import annotations

import argparse
import json
import time
from pathlib import Path

import numpy as np

from benchmarks.approximate import (
    CLEANERS,
    decision_agreement,
    measure_recall,
    pr_auc,
    stratified_split,
)
from benchmarks.child import REPO_ROOT
from tools._measure import (
    load_average,
    load_workload,
    make_sampler,
    uptime,
    warm_up,
    write_json,
)

SEED = 0


def load() -> dict:
    """Load average and uptime, recorded beside every figure."""
    return {"loadavg": load_average(), "uptime": uptime()}


def get_data(workload: str, n_samples: int | None):
    """``(X, y)`` of ``workload``: cached on disk at full size, else generated here."""
    if n_samples is None:
        return load_workload(workload)
    from fastsmote.datasets import make_workload

    return make_workload(workload, n_samples)


def sampler_for(name: str, library: str, backend: str = "auto"):
    """``name(random_state=0)`` of imbalanced-learn, or of fastsmote with ``backend``."""
    if library == "imblearn":
        return make_sampler(name, "imblearn")
    return make_sampler(name, "fastsmote", nn_backend=backend)


def timed_run(sampler, X, y):
    """``({seconds, peak_mb, load}, output)`` of one ``fit_resample``."""
    from fastsmote.app.compare import PeakMemory

    with PeakMemory() as memory:
        start = time.perf_counter()
        X_res, y_res = sampler.fit_resample(X, y)
        seconds = time.perf_counter() - start
    return {
        "seconds": round(seconds, 3),
        "peak_mb": round(memory.peak_bytes / 2**20, 1),
        "load": load(),
    }, (X_res, y_res)


def warm_up_both(name: str, X, y) -> float:
    """Seconds compiling fastsmote's kernels and pynndescent's on a slice of every class."""
    start = time.perf_counter()
    for backend in ("nndescent", "auto"):  # fastsmote.warmup(nndescent=True) covers both
        warm_up(name, X, y, backend, n_per_class=3000)
    return time.perf_counter() - start


def reference_run(name, X, y, reference, cache: Path, tag: str):
    """The exact run: its figures, output and the cleaning step's kept rows.

    imbalanced-learn's run is cached: it takes minutes and is measured once.
    """
    attr, _ = CLEANERS[name]
    stem = cache / f"{tag}-{name}-{reference}"
    meta_path = stem.with_suffix(".json")
    if meta_path.exists():
        meta = json.loads(meta_path.read_text())
        out = (np.load(f"{stem}-X.npy"), np.load(f"{stem}-y.npy"))
        return meta, out, np.load(f"{stem}-kept.npy")
    library = "imblearn" if reference == "imblearn" else "fastsmote"
    sampler = sampler_for(name, library, "auto")
    meta, out = timed_run(sampler, X, y)
    kept = getattr(sampler, attr).sample_indices_
    cache.mkdir(parents=True, exist_ok=True)
    np.save(f"{stem}-X.npy", out[0])
    np.save(f"{stem}-y.npy", out[1])
    np.save(f"{stem}-kept.npy", kept)
    meta_path.write_text(json.dumps(meta))
    return meta, out, kept


def measure_sampler(name, X, y, reference, cache, tag, downstream):
    from fastsmote import SMOTE
    from fastsmote.app.compare import row_agreement
    from fastsmote.neighbors import make_backend

    attr, k_clean = CLEANERS[name]
    result = {"compile_seconds": round(warm_up_both(name, X, y), 1)}

    approx_sampler = sampler_for(name, "fastsmote", "nndescent")
    result["nndescent"], approx_out = timed_run(approx_sampler, X, y)
    result["nndescent"]["nn_search_"] = str(approx_sampler.nn_search_)
    print(f"{name}: nndescent {result['nndescent']['seconds']} s", flush=True)

    ref_meta, ref_out, ref_kept = reference_run(name, X, y, reference, cache, tag)
    result[reference] = ref_meta
    result["speedup"] = round(ref_meta["seconds"] / result["nndescent"]["seconds"], 1)
    print(f"{name}: {reference} {ref_meta['seconds']} s", flush=True)

    # Output rows of the approximate run that the exact run also output.
    result["row_agreement"] = row_agreement(ref_out[0], approx_out[0])
    result["rows_out"] = {
        "exact": int(ref_out[0].shape[0]),
        "nndescent": int(approx_out[0].shape[0]),
    }

    # The cleaning step's decisions, on the same over-sampled rows when the
    # SMOTE step agrees (SMOTE is deterministic given random_state).
    X_smote, _ = SMOTE(random_state=SEED).fit_resample(X, y)
    X_smote_approx, _ = SMOTE(random_state=SEED, nn_backend="nndescent").fit_resample(X, y)
    result["smote_step_identical"] = bool(np.array_equal(X_smote, X_smote_approx))
    result["smote_step_row_agreement"] = row_agreement(X_smote, X_smote_approx)
    if result["smote_step_identical"]:
        approx_kept = getattr(approx_sampler, attr).sample_indices_
        result["cleaning"] = decision_agreement(ref_kept, approx_kept, X_smote.shape[0])

    # Recall of the neighbours each step uses, as the samplers build the backend.
    minority = X[y == np.argmin(np.bincount(y))]
    smote_backend = make_backend("nndescent", 6, random_state=SEED)
    result["recall_smote_minority"] = measure_recall(minority, 5, smote_backend)
    result["recall_smote_minority"]["exact_fallback"] = bool(
        minority.shape[0] <= smote_backend.exact_max_samples
    )
    clean_backend = make_backend("nndescent", k_clean + 1, random_state=SEED)
    result["recall_cleaning"] = measure_recall(X_smote, k_clean, clean_backend)
    result["recall_cleaning"]["load"] = load()
    del X_smote, X_smote_approx

    if downstream:
        X_train, X_test, y_train, y_test = stratified_split(X, y, seed=SEED)
        scores = {"none": pr_auc(X_train, y_train, X_test, y_test)}
        for label, backend in (("exact", "auto"), ("nndescent", "nndescent")):
            start = time.perf_counter()
            X_res, y_res = sampler_for(name, "fastsmote", backend).fit_resample(X_train, y_train)
            seconds = time.perf_counter() - start
            scores[label] = pr_auc(X_res, y_res, X_test, y_test)
            scores[f"{label}_resample_seconds"] = round(seconds, 2)
        scores["difference"] = abs(scores["exact"] - scores["nndescent"])
        scores["load"] = load()
        result["pr_auc"] = scores
    return result


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--workload", default="W4")
    parser.add_argument("--n-samples", type=int, default=None)
    parser.add_argument("--samplers", nargs="+", default=list(CLEANERS), choices=list(CLEANERS))
    parser.add_argument("--reference", default="imblearn", choices=["imblearn", "fastsmote"])
    parser.add_argument("--skip-downstream", action="store_true")
    parser.add_argument("--cache-dir", type=Path, default=REPO_ROOT / ".asv" / "approximate")
    parser.add_argument("--out", type=Path, default=None)
    args = parser.parse_args(argv)

    X, y = get_data(args.workload, args.n_samples)
    tag = f"{args.workload}-{args.n_samples or 'full'}"
    report = {"workload": args.workload, "shape": list(X.shape), "start": load(), "samplers": {}}
    for name in args.samplers:
        report["samplers"][name] = measure_sampler(
            name, X, y, args.reference, args.cache_dir, tag, not args.skip_downstream
        )
        print(json.dumps({name: report["samplers"][name]}, indent=1), flush=True)
    report["end"] = load()
    if args.out:
        write_json(args.out, report)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
