"""Benchmark fastsmote.dask's SMOTETomek on a LocalCluster; write JSON.

The data are W1's model (``fastsmote.dask.datasets.make_workload_dask``)
created as a Dask array on the workers, chunk by chunk: nothing of it passes
through the client. The script times ``fit_resample`` (the eager part: class
counts, the minority gather, SMOTE's neighbour index and the random-stream
plan) and then the lazy part (``persist`` of the output on the workers, plus
its row count), and reports the peak resident memory of the client process
(which also hosts the LocalCluster's scheduler) and of each worker process.

With ``--check`` (small ``--n-samples`` only) the output is also computed and
compared with the single-machine ``fastsmote.SMOTETomek`` on the same rows.

Usage::

    .venv/bin/python -m tools.measure_dask --n-samples 2000000 --search approximate \\
        --out dask-bench.json
    .venv/bin/python -m tools.measure_dask --n-samples 50000 --search exact --check

On a real cluster pass ``--scheduler tcp://host:8786`` instead of starting a
LocalCluster; every worker needs the same Python environment with
``fastsmote[dask]`` installed.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time

from tools import _measure
from tools._measure import peak_rss_mib, rss_bytes, warm_up_fastsmote, write_json


def warm_worker() -> float:
    """Compile fastsmote's kernels on a worker; its peak resident memory, in MiB."""
    import fastsmote

    fastsmote.warmup()
    return peak_rss_mib()


def main(argv: list[str] | None = None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n-samples", type=int, default=2_000_000)
    parser.add_argument("--chunk-rows", type=int, default=100_000, help="rows per input chunk")
    parser.add_argument(
        "--chunk-size",
        type=int,
        default=None,
        help="sampler chunk_size: rows per chunk of new rows and per join block or leaf",
    )
    parser.add_argument("--search", choices=["exact", "approximate"], default="approximate")
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--threads-per-worker", type=int, default=1)
    parser.add_argument("--memory-limit", default="8GiB", help="per worker (LocalCluster)")
    parser.add_argument("--scheduler", default=None, help="address of an existing scheduler")
    parser.add_argument("--check", action="store_true", help="compare with single-machine")
    parser.add_argument("--out", default=None, help="JSON file (default: stdout only)")
    args = parser.parse_args(argv)

    import cloudpickle
    import dask
    import numpy as np
    from distributed import Client, LocalCluster, wait

    import fastsmote
    import fastsmote.dask as fdask
    from fastsmote.dask.datasets import make_workload_dask

    # Workers of a real cluster cannot import this repository's tools: send the
    # helpers they run (peak_rss_mib) by value.
    cloudpickle.register_pickle_by_value(_measure)
    warm_up_fastsmote()  # compile (or load) the kernels before timing, on the client
    cluster = None
    if args.scheduler:
        client = Client(args.scheduler)
    else:
        cluster = LocalCluster(
            n_workers=args.workers,
            threads_per_worker=args.threads_per_worker,
            processes=True,
            memory_limit=args.memory_limit,
            dashboard_address=None,
        )
        client = Client(cluster)

    client.run(warm_worker)  # kernels compiled on every worker, outside the timing
    client_rss_start = rss_bytes() / 2**20

    X, y = make_workload_dask("W1", args.n_samples, args.chunk_rows)
    sampler = fdask.SMOTETomek(
        random_state=0, chunk_size=args.chunk_size or args.chunk_rows, search=args.search
    )
    t0 = time.perf_counter()
    X_res, y_res = sampler.fit_resample(X, y)
    t_fit = time.perf_counter() - t0
    X_res, y_res, kept = client.persist([X_res, y_res, sampler.tomek_.sample_indices_])
    wait([X_res, y_res, kept])
    t_lazy = time.perf_counter() - t0 - t_fit
    # Counts only travel to the client, never rows.
    n_out = int(client.compute(da_len(kept), sync=True))
    # Class counts of the output, block by block (labels are 0 and 1).
    per_block = client.compute(
        [dask.delayed(np.bincount)(b, minlength=2) for b in y_res.to_delayed().ravel()], sync=True
    )
    counts = np.sum(per_block, axis=0)
    classes = np.arange(counts.size)
    t_total = time.perf_counter() - t0

    workers = client.run(peak_rss_mib)
    result = {
        "benchmark": "fastsmote.dask.SMOTETomek",
        "workload": "W1 model (fastsmote.dask.datasets.make_workload_dask), float64",
        "n_samples": args.n_samples,
        "n_features": int(X.shape[1]),
        "chunk_rows": args.chunk_rows,
        "chunk_size": args.chunk_size or args.chunk_rows,
        "search": args.search,
        "exact": bool(sampler.nn_search_.exact),
        "n_workers": len(workers),
        "threads_per_worker": args.threads_per_worker,
        "n_synthetic": int(sum(sampler.smote_.sampling_strategy_.values())),
        "n_after_smote": int(args.n_samples + sum(sampler.smote_.sampling_strategy_.values())),
        "n_output": n_out,
        "output_class_counts": {str(c): int(n) for c, n in zip(classes, counts, strict=True)},
        "seconds": {
            "fit_resample_eager": round(t_fit, 2),
            "persist_lazy": round(t_lazy, 2),
            "total": round(t_total, 2),
        },
        "peak_rss_mib": {
            "client_process_with_scheduler": round(peak_rss_mib(), 1),
            "client_rss_before_fit": round(client_rss_start, 1),
            "workers": {str(k): round(v, 1) for k, v in workers.items()},
        },
        "machine": {
            "python": platform.python_version(),
            "cpus": os.cpu_count(),
            "load_average": os.getloadavg(),
        },
        "versions": {"fastsmote": fastsmote.__version__, "dask": dask.__version__},
    }
    if args.check:
        X_np, y_np = client.compute([X, y], sync=True)
        X_d, y_d = client.compute([X_res, y_res], sync=True)
        X_one, y_one = fastsmote.SMOTETomek(random_state=0).fit_resample(X_np, y_np)
        result["identical_to_single_machine"] = bool(
            np.array_equal(X_d, X_one) and np.array_equal(y_d, y_one)
        )
    print(json.dumps(result, indent=2))
    if args.out:
        write_json(args.out, result, indent=2)
    client.close()
    if cluster is not None:
        cluster.close()
    return 0


def _block_length(block):
    import numpy as np

    return np.array([block.shape[0]])


def da_len(array):
    """Number of rows of a (persisted) Dask array with possibly unknown chunks."""
    return array.map_blocks(_block_length, chunks=(1,), dtype=int).sum()


if __name__ == "__main__":
    raise SystemExit(main())
