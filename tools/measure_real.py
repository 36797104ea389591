"""The real-data corpus: fastsmote against imbalanced-learn, every table x sampler.

Usage::

    python -m tools.measure_real [--tables T ...] [--samplers S ...] [--repeat N]
                                  [--n-samples N] [--max-seconds S] [--json PATH]

Tables are those of ``fastsmote.datasets.REAL_TABLES`` (default: all but
``creditcard_raw`` at full size, which takes imbalanced-learn minutes for the
cleaning samplers: ask for it with ``--tables creditcard_raw --n-samples N``);
``--n-samples`` shrinks the generated tables only. Samplers are names of
``fastsmote._registry.SAMPLERS`` (default: the eleven neighbour-based ones of
``fastsmote._registry.SUITE``).

For each set (table x sampler), under defaults with ``random_state=0`` where the
sampler takes one: both libraries run once, untimed (Numba compiles; these
outputs are compared: ``X``, ``y``, dtypes, ``sample_indices_``; the same
exception class counts as the same error); then they run interleaved
(fastsmote, imbalanced-learn, fastsmote, ...) ``--repeat`` times each in this
process, and the best time of each is kept. ratio = imbalanced-learn's time /
fastsmote's. With ``--max-seconds``, imbalanced-learn first runs once in a
child process; if it has not finished by then, the set is skipped (the
child's time includes its imports, a few seconds: set it well above that).

Prints a Markdown table of the sets and one of the samplers (geometric-mean
ratio, worst ratio and its table, sets identical / total), with the load
average before and after; ``--json PATH`` writes the same figures.
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time

from tools._measure import (
    ChildError,
    geometric_mean,
    identical,
    load_average,
    machine,
    make_sampler,
    run,
    run_child,
    write_json,
)


def _load(table: str, n_samples: int | None):
    from fastsmote.datasets import GENERATED_TABLES, load_real

    return load_real(table, n_samples if table in GENERATED_TABLES else None)


def imblearn_once(table: str, n_samples: int | None, sampler: str) -> None:
    """One run of imbalanced-learn's ``sampler`` on ``table`` (the probe's child program)."""
    X, y = _load(table, n_samples)
    run(make_sampler(sampler, "imblearn"), X, y)


def finishes_within(table: str, n_samples: int | None, sampler: str, seconds: float) -> bool:
    """Whether imbalanced-learn's ``sampler`` finishes on ``table`` in ``seconds``, tried in
    a fresh child process (killed when the time is up)."""
    try:
        run_child(imblearn_once, timeout=seconds, table=table, n_samples=n_samples, sampler=sampler)
    except subprocess.TimeoutExpired:
        return False
    except ChildError:
        pass  # it failed, but within the time: the set itself records the error
    return True


def measure_set(table, sampler, X, y, repeat: int, max_seconds, n_samples) -> dict:
    row = {"table": table, "sampler": sampler, "rows": X.shape[0], "features": X.shape[1]}
    if max_seconds and not finishes_within(table, n_samples, sampler, max_seconds):
        return {**row, "status": f"skipped: imblearn over {max_seconds:g} s"}
    ours, theirs = make_sampler(sampler, "fastsmote"), make_sampler(sampler, "imblearn")
    _, new = run(ours, X, y)  # compiles fastsmote's kernels
    _, ref = run(theirs, X, y)
    row["identical"] = identical(new, ref, ours, theirs)
    if isinstance(new, Exception) or isinstance(ref, Exception):
        row["errors"] = [type(out).__name__ for out in (new, ref) if isinstance(out, Exception)]
        row["status"] = "same error" if row["identical"] else "error"
        return row
    del new, ref
    times = {"fastsmote": [], "imblearn": []}
    for _ in range(repeat):
        for library in times:
            seconds, _ = run(make_sampler(sampler, library), X, y)
            times[library].append(seconds)
    row["fastsmote_s"], row["imblearn_s"] = min(times["fastsmote"]), min(times["imblearn"])
    row["ratio"] = row["imblearn_s"] / row["fastsmote_s"]
    row["status"] = "ok"
    return row


def summarise(rows: list[dict], samplers) -> list[dict]:
    summary = []
    for sampler in samplers:
        sets = [r for r in rows if r["sampler"] == sampler and "identical" in r]
        timed = [r for r in sets if "ratio" in r]
        worst = min(timed, key=lambda r: r["ratio"]) if timed else None
        summary.append(
            {
                "sampler": sampler,
                "geomean_ratio": geometric_mean(r["ratio"] for r in timed),
                "worst_ratio": worst["ratio"] if worst else None,
                "worst_table": worst["table"] if worst else None,
                "identical": sum(r["identical"] for r in sets),
                "sets": len(sets),
            }
        )
    return summary


def _fmt(value, spec):
    return "-" if value is None else format(value, spec)


def markdown(rows: list[dict], summary: list[dict]) -> str:
    lines = [
        "| table | sampler | rows x features | fastsmote s | imblearn s | ratio | identical |",
        "|---|---|---|---|---|---|---|",
    ]
    for r in rows:
        same = r["status"] if r["status"] != "ok" else ("yes" if r["identical"] else "NO")
        if r["status"] == "error":
            same = f"NO ({', '.join(r['errors'])})"
        lines.append(
            f"| {r['table']} | {r['sampler']} | {r['rows']:,} x {r['features']:,} "
            f"| {_fmt(r.get('fastsmote_s'), '.4f')} | {_fmt(r.get('imblearn_s'), '.4f')} "
            f"| {_fmt(r.get('ratio'), '.2f')} | {same} |"
        )
    lines += [
        "",
        "| sampler | geometric-mean ratio | worst ratio (table) | identical / sets |",
        "|---|---|---|---|",
    ]
    for s in summary:
        worst = f"{_fmt(s['worst_ratio'], '.2f')} ({s['worst_table'] or '-'})"
        lines.append(
            f"| {s['sampler']} | {_fmt(s['geomean_ratio'], '.2f')} | {worst} "
            f"| {s['identical']} / {s['sets']} |"
        )
    return "\n".join(lines)


def main(argv=None) -> int:
    """Command line: see the module docstring."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--tables", nargs="+", default=None, metavar="T", help="table names")
    parser.add_argument("--samplers", nargs="+", default=None, metavar="S")
    parser.add_argument("--repeat", type=int, default=5, help="timed runs per library (best)")
    parser.add_argument("--n-samples", type=int, default=None, help="rows of generated tables")
    parser.add_argument("--max-seconds", type=float, default=None, help="skip slower sets")
    parser.add_argument("--json", default=None, metavar="PATH", help="write the figures here")
    args = parser.parse_args(argv)
    # Imported after parsing, so that --help needs no fastsmote.
    from fastsmote._registry import SAMPLERS as KNOWN
    from fastsmote._registry import SUITE
    from fastsmote.datasets import REAL_TABLES

    args.samplers = args.samplers or list(SUITE)
    tables = args.tables or [t for t in REAL_TABLES if t != "creditcard_raw" or args.n_samples]
    for kind, names, known in (("table", tables, REAL_TABLES), ("sampler", args.samplers, KNOWN)):
        unknown = [name for name in names if name not in known]
        if unknown:
            parser.error(f"unknown {kind}(s) {unknown}; choose from {', '.join(known)}")

    load_before = load_average()
    print(f"load average before: {load_before}; best of {args.repeat}", file=sys.stderr)
    rows = []
    for table in tables:
        X, y = _load(table, args.n_samples)
        for sampler in args.samplers:
            start = time.perf_counter()
            row = measure_set(table, sampler, X, y, args.repeat, args.max_seconds, args.n_samples)
            rows.append(row)
            print(
                f"  {table} {sampler}: {row['status']}, ratio {_fmt(row.get('ratio'), '.2f')} "
                f"({time.perf_counter() - start:.1f} s)",
                file=sys.stderr,
                flush=True,
            )
    load_after = load_average()
    summary = summarise(rows, args.samplers)
    print(markdown(rows, summary))
    print(f"\nload average before {load_before}, after {load_after}; best of {args.repeat}")
    if args.json:
        report = {
            "machine": machine(),
            "repeat": args.repeat,
            "n_samples": args.n_samples,
            "load_before": load_before,
            "load_after": load_after,
            "sets": rows,
            "summary": summary,
        }
        write_json(args.json, report)
    return 0


if __name__ == "__main__":
    sys.exit(main())
