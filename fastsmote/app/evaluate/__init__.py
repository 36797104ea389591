"""``fastsmote evaluate``: does resampling help a classifier on this data?

:mod:`.runs` trains and scores the runs (:mod:`.results` holds them), :mod:`.resamplers` builds the
resamplers, :mod:`.scores` computes the scores and the "what this shows"
lines, :mod:`.plots` draws the figures, :mod:`.report` writes the reports and
:mod:`.command` is the subcommand.
"""

from ..data import Table, load_table, workload_table
from ..errors import EvaluationInputError
from .resamplers import RESAMPLERS, Resampler, make_resampler, resolve_resamplers
from .results import Evaluation, Run, Settings
from .runs import CLASSIFIERS, evaluate

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
