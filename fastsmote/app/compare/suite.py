"""``fastsmote compare --suite real``: every sampler on every table of the real corpus.

Each set (table x sampler) is one :func:`fastsmote.app.compare.compare_sampler`
call (each library in a fresh process, imports untimed); the summary gives,
per sampler, the geometric-mean and the worst speed-up over the tables and
how many sets came out identical.
"""

from __future__ import annotations

import math

#: Rows of the generated tables in the suite unless ``--n-samples`` says
#: otherwise (the credit-card layout in full takes imbalanced-learn's cleaning
#: samplers many minutes).
SUITE_GENERATED_ROWS = 20_000


def suite_tables(n_samples: int | None):
    """``(name, X, y)`` for each table of the corpus, generated ones at
    ``n_samples`` rows (default :data:`SUITE_GENERATED_ROWS`)."""
    from ...datasets import GENERATED_TABLES, REAL_TABLES, load_real

    for name in REAL_TABLES:
        rows = None
        if name in GENERATED_TABLES:
            rows = n_samples or SUITE_GENERATED_ROWS
        X, y = load_real(name, n_samples=rows)
        yield name, X, y


def summarize(rows: list[dict]) -> list[dict]:
    """Per sampler: geometric-mean and worst speed-up (with its table), sets
    identical (or the same error) out of the sets run.

    Examples
    --------
    >>> rows = [
    ...     {"sampler": "SMOTE", "table": "a", "speedup": 2.0, "check": "identical"},
    ...     {"sampler": "SMOTE", "table": "b", "speedup": 0.5, "check": "identical"},
    ... ]
    >>> summarize(rows)[0]["geomean_speedup"], summarize(rows)[0]["worst_table"]
    (1.0, 'b')
    """
    out = []
    for sampler in dict.fromkeys(r["sampler"] for r in rows):
        sets = [r for r in rows if r["sampler"] == sampler]
        timed = [r for r in sets if r.get("speedup")]
        worst = min(timed, key=lambda r: r["speedup"]) if timed else None
        geomean = (
            math.exp(sum(math.log(r["speedup"]) for r in timed) / len(timed)) if timed else None
        )
        out.append(
            {
                "sampler": sampler,
                "geomean_speedup": geomean,
                "worst_speedup": worst["speedup"] if worst else None,
                "worst_table": worst["table"] if worst else None,
                "identical": sum(r["check"] in ("identical", "same error") for r in sets),
                "sets": len(sets),
            }
        )
    return out


def summary_table(summary: list[dict]) -> tuple[list[str], list[list[str]]]:
    """The summary's header and cells, for :func:`fastsmote.app.compare.table.render_table`."""
    header = ["sampler", "geomean speed-up", "worst (table)", "identical/sets"]
    body = []
    for s in summary:
        geomean = "-" if s["geomean_speedup"] is None else f"{s['geomean_speedup']:.2f}x"
        worst = "-" if s["worst_speedup"] is None else f"{s['worst_speedup']:.2f}x"
        sets = f"{s['identical']}/{s['sets']}"
        body.append([s["sampler"], geomean, f"{worst} ({s['worst_table']})", sets])
    return header, body
