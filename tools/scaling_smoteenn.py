"""How SMOTEENN's time grows with n: fastsmote exact, fastsmote NN-Descent, imbalanced-learn.

Usage::

    python -m tools.scaling_smoteenn [--sizes 10000 ... 1000000] [--budget 120]
        [--exact-budget 600] [--out docs/scaling_smoteenn.png]

Data: W3's generator (``make_workload("W3", n)``, 20 features, 5 % minority)
at log-spaced n from 10^4 to 10^6. Each (library, n) runs in its own process:
warm-up first (fastsmote's kernels and pynndescent compiled on a slice, so
times are warm), then one timed ``SMOTEENN(random_state=0).fit_resample``.
A library whose run exceeds its budget is stopped there and not run at larger
n (imbalanced-learn: ``--budget``, 120 s; fastsmote's exact search, also
quadratic: ``--exact-budget``); the plot marks where. Writes the PNG (log-log
time against n) and the figures beside it as JSON; ``--resume`` keeps the
runs already in that JSON and runs only the missing ones.
"""

from __future__ import annotations

import argparse
import json
import os
import tempfile
from pathlib import Path

import numpy as np

from benchmarks.child import REPO_ROOT
from tools._measure import (
    ChildError,
    build_sampler,
    make_sampler,
    run_child,
    sampler_spec,
    small_sample,
    uptime,
    warm_up,
    workload_files,
    write_json,
)

DEFAULT_SIZES = [10_000, 21_544, 46_416, 100_000, 215_443, 464_159, 1_000_000]
LIBRARIES = {
    "imblearn": "imbalanced-learn 0.14",
    "exact": 'fastsmote, nn_backend="auto" (exact)',
    "nndescent": 'fastsmote, nn_backend="nndescent"',
}
STOPPED = 3  # exit code of a child stopped by its budget


def child_run(library: str, X_path: str, y_path: str, budget: float, spec=None) -> dict:
    """Warm-up, then one timed ``SMOTEENN.fit_resample`` on the saved data, in this
    (fresh) process; the process exits with :data:`STOPPED` after ``budget`` seconds.

    imbalanced-learn's sampler is built from ``spec`` (``sampler_spec``), so that
    its process never imports fastsmote (``max_rss_mb`` counts its own modules only).
    """
    import resource
    import threading
    import time

    X, y = np.load(X_path), np.load(y_path)
    if library == "imblearn":
        sampler = build_sampler(*spec)
        sampler.fit_resample(*small_sample(X, y, 2500))  # imports and first calls
    else:
        backend = "auto" if library == "exact" else "nndescent"
        warm_up("SMOTEENN", X, y, backend, n_per_class=2500)
        sampler = make_sampler("SMOTEENN", "fastsmote", nn_backend=backend)
    # os._exit: the only way to stop a thread that is inside a Numba kernel.
    timer = threading.Timer(budget, os._exit, (STOPPED,))
    timer.daemon = True
    timer.start()
    start = time.perf_counter()
    X_res, _ = sampler.fit_resample(X, y)
    seconds = time.perf_counter() - start
    timer.cancel()
    return {
        "seconds": seconds,
        "rows_out": int(X_res.shape[0]),
        "max_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
    }


def run_once(library: str, X_path: Path, y_path: Path, budget: float) -> dict | None:
    """One timed run in a fresh process; ``None`` when stopped by the budget."""
    try:
        spec = sampler_spec("SMOTEENN", library) if library == "imblearn" else None
        return run_child(
            child_run,
            library=library,
            X_path=str(X_path),
            y_path=str(y_path),
            budget=budget,
            spec=spec,
        )
    except ChildError as error:
        if error.returncode == STOPPED:
            return None
        raise


def plot(results: dict, budgets: dict, path: Path) -> None:
    """Draw the runs of ``results`` (log-log time against n) into the PNG ``path``."""
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    fig, ax = plt.subplots(figsize=(7.5, 5))
    styles = {
        "imblearn": ("tab:gray", "s"),
        "exact": ("tab:blue", "o"),
        "nndescent": ("tab:orange", "^"),
    }
    for library, label in LIBRARIES.items():
        runs = results[library]
        done = [(r["n"], r["seconds"]) for r in runs if r.get("seconds") is not None]
        color, marker = styles[library]
        if done:
            ns, ts = zip(*done, strict=True)
            ax.plot(ns, ts, marker=marker, color=color, label=label)
        stopped = [r["n"] for r in runs if r.get("stopped")]
        if stopped:
            n_stop = stopped[0]
            ax.plot(
                [n_stop],
                [budgets[library]],
                marker="x",
                color=color,
                markersize=11,
                mew=2.5,
                linestyle="none",
            )
            ax.annotate(
                f"stopped: > {budgets[library]:g} s",
                (n_stop, budgets[library]),
                textcoords="offset points",
                xytext=(-10, 8),
                ha="right",
                color=color,
                fontsize=9,
            )
    ax.set_xscale("log")
    ax.set_yscale("log")
    # Room above the highest point for the "stopped" labels.
    highest = [r["seconds"] for runs in results.values() for r in runs if r.get("seconds")]
    highest += [
        budgets[lib] for lib, runs in results.items() if any(r.get("stopped") for r in runs)
    ]
    ax.set_ylim(top=max(highest) * 4)
    ax.set_xlabel("n (rows of W3's generator, 20 features, 5 % minority)")
    ax.set_ylabel("SMOTEENN fit_resample, seconds (warm)")
    ax.set_title("SMOTEENN time against n (2 cores, shared machine)")
    ax.grid(True, which="both", alpha=0.3)
    ax.legend(loc="upper left")
    fig.tight_layout()
    fig.savefig(path, dpi=120)


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=DEFAULT_SIZES)
    parser.add_argument("--budget", type=float, default=120.0, help="imbalanced-learn, seconds")
    parser.add_argument("--exact-budget", type=float, default=600.0, help="fastsmote exact")
    parser.add_argument("--nndescent-budget", type=float, default=3600.0)
    parser.add_argument("--libraries", nargs="+", default=list(LIBRARIES), choices=list(LIBRARIES))
    parser.add_argument("--out", type=Path, default=REPO_ROOT / "docs" / "scaling_smoteenn.png")
    parser.add_argument("--replot", action="store_true", help="only redraw from the JSON")
    parser.add_argument(
        "--resume", action="store_true", help="keep the runs already in the JSON, run the rest"
    )
    args = parser.parse_args(argv)
    json_path = args.out.with_suffix(".json")
    budgets = {
        "imblearn": args.budget,
        "exact": args.exact_budget,
        "nndescent": args.nndescent_budget,
    }
    if args.replot:
        saved = json.loads(json_path.read_text())
        plot(saved["results"], saved["budgets"], args.out)
        return 0

    results = {library: [] for library in LIBRARIES}
    if args.resume and json_path.exists():
        saved = json.loads(json_path.read_text())
        if saved["budgets"] != budgets:
            raise SystemExit(f"--resume needs the budgets of {json_path}: {saved['budgets']}")
        # Skipped entries are re-decided: a library is skipped only after a stop.
        results = {
            library: [r for r in saved["results"].get(library, []) if not r.get("skipped")]
            for library in LIBRARIES
        }
    stopped = {lib for lib, runs in results.items() if any(r.get("stopped") for r in runs)}
    with tempfile.TemporaryDirectory(prefix="fastsmote-scaling-") as tmp:
        for n in args.sizes:
            done = {lib for lib, runs in results.items() if any(r["n"] == n for r in runs)}
            todo = [lib for lib in args.libraries if lib not in done and lib not in stopped]
            for library in args.libraries:
                if library in stopped and library not in done:
                    results[library].append({"n": n, "skipped": True})
            if not todo:
                continue
            X_path, y_path = workload_files("W3", n, root=Path(tmp))
            for library in todo:
                outcome = run_once(library, X_path, y_path, budgets[library])
                record = {"n": n, "uptime": uptime()}
                if outcome is None:
                    stopped.add(library)
                    record.update(stopped=True, seconds=None)
                    print(
                        f"n={n:>9,} {library:10s} stopped after {budgets[library]:g} s  "
                        f"({record['uptime']})",
                        flush=True,
                    )
                else:
                    record.update(outcome)
                    print(
                        f"n={n:>9,} {library:10s} {outcome['seconds']:9.2f} s  "
                        f"rows_out={outcome['rows_out']:,}  ({record['uptime']})",
                        flush=True,
                    )
                results[library].append(record)
            X_path.unlink()
            y_path.unlink()
            for runs in results.values():
                runs.sort(key=lambda r: r["n"])
            args.out.parent.mkdir(parents=True, exist_ok=True)
            write_json(json_path, {"budgets": budgets, "results": results})
    plot(results, budgets, args.out)
    print(f"wrote {args.out} and {json_path}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
