"""``fastsmote compare``: fastsmote against imbalanced-learn, speed, memory, same output?

:mod:`.engine` compares one sampler (:func:`compare_sampler`), :mod:`.processes`
runs each library in a fresh process and measures its memory, :mod:`.suite`
runs the real-data corpus, :mod:`.table` prints, :mod:`.command` is the
subcommand.
"""

from .engine import DEFAULT_BUDGET, Result, compare_sampler, row_agreement
from .processes import PeakMemory

__all__ = ["DEFAULT_BUDGET", "PeakMemory", "Result", "compare_sampler", "row_agreement"]
