"""Input and output containers: polars in, polars out, for every sampler.

imbalanced-learn validates NumPy arrays, sparse matrices, lists and pandas
objects, and gives pandas back for pandas in; it does not handle polars. Every
fastsmote sampler takes :class:`ContainerMixin` first among its bases: a polars
``DataFrame`` or ``Series`` is turned into its pandas equivalent (same column
names; categoricals as pandas categoricals, so SMOTE-NC's
``categorical_features="auto"`` and named columns work), resampled exactly as
that pandas object would be, and the result turned back into polars with the
input's column names and dtypes. Everything else passes through untouched, so
pandas, NumPy and sparse behave precisely as in imbalanced-learn.

polars and pandas are imported only when a polars object arrives.
"""

from __future__ import annotations

import numpy as np

from ._params import MemoisedParamsMixin
from ._plain_input import fit_resample_plain, plain_arrays


def is_polars(obj) -> bool:
    """Whether ``obj`` is a polars ``DataFrame`` or ``Series`` (polars need not be installed).

    Examples
    --------
    >>> import numpy as np
    >>> is_polars(np.zeros(2))
    False
    """
    module = type(obj).__module__ or ""
    return module.split(".")[0] == "polars" and type(obj).__name__ in ("DataFrame", "Series")


def _series_to_pandas(series):
    import pandas as pd
    import polars as pl

    dtype = series.dtype
    if isinstance(dtype, pl.Enum):
        values = pd.Categorical(series.cast(pl.String).to_list(), categories=dtype.categories)
    elif isinstance(dtype, pl.Categorical):
        values = pd.Categorical(series.cast(pl.String).to_list())
    else:
        # Nulls become NaN (numbers) or None (objects), which imbalanced-learn's
        # validation treats as missing values, as for pandas input.
        values = series.to_numpy()
    return pd.Series(values, name=series.name)


def to_pandas(obj):
    """The pandas equivalent of a polars ``DataFrame`` or ``Series``; anything else as given.

    Examples
    --------
    >>> import polars as pl
    >>> to_pandas(pl.DataFrame({"a": [1.5, 2.0], "b": [1, 2]})).dtypes.tolist()
    [dtype('float64'), dtype('int64')]
    """
    if not is_polars(obj):
        return obj
    import pandas as pd

    if type(obj).__name__ == "Series":
        return _series_to_pandas(obj)
    return pd.DataFrame({name: _series_to_pandas(obj[name]) for name in obj.columns})


def _to_polars_series(values, name, dtype):
    import pandas as pd
    import polars as pl

    if isinstance(values, pd.Series):
        values = values.to_numpy(dtype=object) if values.dtype == "category" else values.to_numpy()
    values = np.asarray(values)
    if isinstance(dtype, pl.Enum | pl.Categorical):
        return pl.Series(name, values.astype(object), dtype=pl.String).cast(dtype)
    return pl.Series(name, values).cast(dtype)


def like(result, original):
    """``result`` (a sampler's output for ``to_pandas(original)``) in ``original``'s
    container: a polars ``DataFrame`` or ``Series`` with its names and dtypes.

    Examples
    --------
    >>> import numpy as np
    >>> import polars as pl
    >>> like(np.array([[1.0, 2.0]]), pl.DataFrame({"a": [0.0], "b": [0.0]})).columns
    ['a', 'b']
    """
    if not is_polars(original):
        return result
    import polars as pl

    if type(original).__name__ == "Series":
        return _to_polars_series(result, original.name, original.dtype)
    if hasattr(result, "columns"):
        columns = [result[name] for name in result.columns]
    else:
        columns = [result[:, j] for j in range(np.shape(result)[1])]
    schema = original.schema
    return pl.DataFrame(
        [
            _to_polars_series(col, name, dtype)
            for col, (name, dtype) in zip(columns, schema.items(), strict=True)
        ]
    )


def check_same_length(X, y) -> None:
    """Raise scikit-learn's ValueError when ``X`` and ``y`` have different lengths.

    Every sampler checks here, once, before anything indexes ``y`` by the rows
    of ``X``: imbalanced-learn's RandomOverSampler and SMOTENC skip the check
    (one returns ``X`` and ``y`` of different lengths, the other indexed out of
    bounds). Inputs without a length are left to imbalanced-learn's
    validation, which names what is wrong with them.

    Examples
    --------
    >>> import numpy as np
    >>> check_same_length(np.zeros((3, 2)), np.zeros(2))
    Traceback (most recent call last):
    ...
    ValueError: Found input variables with inconsistent numbers of samples: [3, 2]
    """
    from sklearn.utils import check_consistent_length

    try:
        check_consistent_length(X, y)
    except TypeError:
        return


class ContainerMixin(MemoisedParamsMixin):
    """polars support around imbalanced-learn's ``fit`` and ``fit_resample``.

    Put first among a sampler's bases; the methods convert polars arguments
    with :func:`to_pandas`, call the next class's method, and convert the
    result back with :func:`like`.
    """

    def fit(self, X, y, **params):
        """Check inputs and statistics of the sampler.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Data array (pandas and polars DataFrames included).
        y : array-like of shape (n_samples,)
            Target array (pandas and polars Series included).
        **params : dict
            Extra parameters to use by the sampler.

        Returns
        -------
        self : object
            Return the instance itself.
        """
        X_in, y_in = to_pandas(X), to_pandas(y)
        check_same_length(X_in, y_in)
        return super().fit(X_in, y_in, **params)

    def fit_resample(self, X, y, **params):
        """Resample the dataset.

        Parameters
        ----------
        X : {array-like, dataframe, sparse matrix} of shape (n_samples, n_features)
            Matrix containing the data which have to be sampled. A pandas or
            polars DataFrame gives a DataFrame of the same library back, with
            the same column names and dtypes.
        y : array-like of shape (n_samples,)
            Corresponding label for each sample in X (pandas or polars Series
            give a Series back).
        **params : dict
            Extra parameters to use by the sampler.

        Returns
        -------
        X_resampled : {array-like, dataframe, sparse matrix} of shape (n_samples_new, n_features)
            The array containing the resampled data.
        y_resampled : array-like of shape (n_samples_new,)
            The corresponding label of `X_resampled`.
        """
        if not params and plain_arrays(self, X, y):
            output = fit_resample_plain(self, X, y)
            if output is not None:
                return output
        X_in, y_in = to_pandas(X), to_pandas(y)
        check_same_length(X_in, y_in)
        output = super().fit_resample(X_in, y_in, **params)
        return (like(output[0], X), like(output[1], y), *output[2:])
