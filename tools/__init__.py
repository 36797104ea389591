"""Scripts that produce the figures in ``docs/``, each named in the text beside its figure.

Run them from the repository root as modules, e.g.
``python -m tools.measure_real --help``. They share one helper module,
:mod:`tools._measure`; the asv suite lives in ``benchmarks/``.
"""
