"""What ``fastsmote compare`` prints: its table, and a progress line per sampler."""

from __future__ import annotations

import sys
import time

__all__ = ["COLUMNS_HELP", "Progress", "format_table", "render_table"]

_COLUMNS = [
    ("sampler", "sampler"),
    ("backend", "backend"),
    ("imblearn s", "reference_seconds"),
    ("fastsmote s", "fastsmote_seconds"),
    ("compile s", "compile_seconds"),
    ("speed-up", "speedup"),
    ("imblearn MB", "reference_peak_mb"),
    ("fastsmote MB", "fastsmote_peak_mb"),
    ("output", "check"),
]

#: What the columns of ``fastsmote compare`` mean (its --help and the README).
COLUMNS_HELP = """\
columns:
  imblearn s, fastsmote s  seconds of fit_resample, median of --repeat runs; each
                           library runs in a fresh process of its own, and process
                           start, imports and data loading are not timed
  compile s                fastsmote only: compiling its Numba kernels (or loading
                           them from Numba's cache) on a 2,000-row slice before the
                           timed runs; not included in "fastsmote s"
  speed-up                 imblearn s / fastsmote s
  imblearn MB, fastsmote MB
                           peak resident memory of the first run, in MiB above the
                           process's level just before it (sampled every 5 ms and
                           checked against the process's high-water mark)
  output                   identical (X, y, dtypes, row order, sample_indices_),
                           differs, same error (both raise the same exception
                           class), reference stopped (--budget), skipped"""


def _fmt(value, key):
    if value is None:
        return "-"
    if key == "speedup":
        return f"{value:.2f}x"
    if isinstance(value, float):
        return f"{value:.3f}" if key.endswith("seconds") else f"{value:.1f}"
    return str(value)


def format_table(rows: list[dict], markdown: bool = False) -> str:
    """The comparison table as aligned text, or as a Markdown table.

    Parameters
    ----------
    rows : list of dict
        :meth:`fastsmote.app.compare.Result.as_dict` of each sampler (with a
        ``table`` key first under ``--suite real``).
    markdown : bool, default=False
        A Markdown table instead of aligned columns.

    Returns
    -------
    str

    Examples
    --------
    >>> row = {"sampler": "SMOTE", "speedup": 2.5, "check": "identical"}
    >>> "| SMOTE | - | - | - | - | 2.50x |" in format_table([row], markdown=True)
    True
    """
    columns = ([("table", "table")] if rows and "table" in rows[0] else []) + _COLUMNS
    header = [title for title, _ in columns]
    body = [[_fmt(row.get(key), key) for _, key in columns] for row in rows]
    return render_table(header, body, markdown)


def render_table(header: list[str], body: list[list[str]], markdown: bool = False) -> str:
    """Rows of cells under a header, as aligned text or as a Markdown table.

    Parameters
    ----------
    header : list of str
        Column titles.
    body : list of list of str
        One list of cells per row.
    markdown : bool, default=False
        A Markdown table instead of aligned columns.

    Returns
    -------
    str

    Examples
    --------
    >>> print(render_table(["a", "bb"], [["1", "2"]], markdown=True))
    | a | bb |
    |---|---|
    | 1 | 2 |
    """
    if markdown:
        lines = ["| " + " | ".join(header) + " |", "|" + "---|" * len(header)]
        lines += ["| " + " | ".join(cells) + " |" for cells in body]
        return "\n".join(lines)
    widths = [max(len(h), *(len(r[i]) for r in body)) for i, h in enumerate(header)]
    lines = ["  ".join(h.ljust(w) for h, w in zip(header, widths, strict=True))]
    lines.append("  ".join("-" * w for w in widths))
    lines += ["  ".join(c.ljust(w) for c, w in zip(r, widths, strict=True)) for r in body]
    return "\n".join(lines)


class Progress:
    """One line per sampler on stderr: the library running, its elapsed time, and
    when done the times of both. On a terminal the line is redrawn every second."""

    def __init__(self, total: int, rows: int):
        self.total, self.rows = total, rows
        self.live = sys.stderr.isatty()

    def start(self, index: int, name: str) -> None:
        self.prefix = f"[{index}/{self.total}] {name} on {self.rows:,} rows"
        self.started = time.perf_counter()

    def tick(self, library: str, stage: str, seconds: float) -> None:
        if self.live:
            doing = "starting" if stage == "starting" else f"running {seconds:.0f} s"
            text = f"{self.prefix}: {library} {doing} ({self._elapsed()} in all)"
            print(f"\r\033[K{text}", end="", file=sys.stderr, flush=True)

    def _elapsed(self) -> str:
        seconds = time.perf_counter() - self.started
        return f"{seconds:.0f} s" if seconds < 120 else f"{seconds / 60:.1f} min"

    def done(self, row: dict) -> None:
        end = "\r\033[K" if self.live else ""
        times = ", ".join(
            f"{what} {_fmt(row[key], key)} s"
            for what, key in (("fastsmote", "fastsmote_seconds"), ("imblearn", "reference_seconds"))
            if row[key] is not None
        )
        times = f" ({times})" if times else ""
        print(
            f"{end}{self.prefix}: {row['check']}{times}, {self._elapsed()} in all",
            file=sys.stderr,
            flush=True,
        )
