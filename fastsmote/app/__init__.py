"""The applications on top of the library: the ``fastsmote`` command line.

- :mod:`~fastsmote.app.cli`: the one parser (``compare`` and ``evaluate``) and ``main``;
- :mod:`~fastsmote.app.compare`: fastsmote against imbalanced-learn, speed and output;
- :mod:`~fastsmote.app.evaluate`: does resampling help a classifier on this data?

The library never imports this package (``tests/test_layers.py``).
"""
