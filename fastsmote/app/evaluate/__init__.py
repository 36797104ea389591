"""``fastsmote evaluate``: does resampling help a classifier on this data?

:mod:`.runs` trains and scores the runs, :mod:`.resamplers` builds the
resamplers, :mod:`.scores` computes the scores and the "what this shows"
lines, :mod:`.plots` draws the figures, :mod:`.report` writes the reports and
:mod:`.command` is the subcommand.
"""

from ..data import EvaluationInputError, Table, load_table, workload_table
from .resamplers import RESAMPLERS, Resampler, make_resampler, resolve_resamplers
from .runs import CLASSIFIERS, Evaluation, Run, Settings, evaluate

__all__ = [
    "CLASSIFIERS",
    "RESAMPLERS",
    "Evaluation",
    "EvaluationInputError",
    "Resampler",
    "Run",
    "Settings",
    "Table",
    "evaluate",
    "load_table",
    "make_resampler",
    "resolve_resamplers",
    "workload_table",
]
