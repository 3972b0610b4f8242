"""Classify the texts of a pandas DataFrame: the frame's columns plus the labels and one
probability column per theme (the same columns :func:`cyberreport.dask.classify` adds
to each partition of a Dask DataFrame)."""

from __future__ import annotations

from numbers import Real

from .._validation import Interval, Options, check_value

__all__ = ["classify_frame", "frame_texts", "predict_texts", "classify_pandas"]


def frame_texts(values, where) -> list[str]:
    """``values`` as a list of str; a non-str (a missing value above all) raises a
    ``TypeError`` naming the cell (``where(i)``)."""
    texts = list(values)
    for i, t in enumerate(texts):
        if not isinstance(t, str):
            missing = (t is None or (isinstance(t, float) and t != t)
                       or type(t).__name__ in ("NAType", "NaTType"))
            raise TypeError(f"{where(i)} must be a str, got {type(t).__name__}"
                            + (" (a missing value)" if missing else ""))
    return texts


def predict_texts(model, texts: list[str], threshold, chunk_size, n_jobs=None):
    """``(probabilities, labels)`` of ``texts``."""
    proba = model.predict_proba(texts, chunk_size=chunk_size, n_jobs=n_jobs)
    return proba, model.labels_from_proba(proba, threshold=threshold)


def classify_pandas(pdf, model, text_field, labels_column, labels, prefix, threshold,
                      chunk_size, n_jobs=None):
    """``pdf`` with the labels column and one probability column per class added."""
    import importlib

    pd = importlib.import_module("pandas")
    texts = frame_texts(pdf[text_field].tolist(),
                        lambda i: f"column {text_field!r}, row {pdf.index[i]!r}")
    proba, labs = predict_texts(model, texts, threshold, chunk_size, n_jobs)
    if labels == "str":
        lab_col = pd.Series([";".join(x) for x in labs], index=pdf.index, dtype="string")
    else:
        lab_col = pd.Series([list(x) for x in labs], index=pdf.index, dtype=object)
    cols = {labels_column: lab_col}
    for j, c in enumerate(model.classes_):
        cols[prefix + c] = pd.Series(proba[:, j], index=pdf.index, dtype="float64")
    return pd.concat([pdf, pd.DataFrame(cols, index=pdf.index)], axis=1)


def check_frame_args(columns, model, text_field, labels, labels_column, prefix, threshold):
    """Validate the arguments shared by :func:`classify_frame` and the Dask version."""
    check_value("labels", labels, [Options(("str", "list"))])
    for name, value in (("text_field", text_field), ("labels_column", labels_column)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    if not isinstance(prefix, str):
        raise ValueError(f"prefix must be a str, got {prefix!r}")
    check_value("threshold", threshold, [None, Interval(Real, 0, 1, "neither")])
    if text_field not in columns:
        raise ValueError(f"the DataFrame has no column {text_field!r} "
                         f"(columns: {', '.join(map(str, columns))})")
    new = [labels_column] + [prefix + c for c in model.classes_]
    clash = [c for c in new if c in columns]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(clash)}; choose "
                         "another labels_column or prefix")


def resolve_model(model):
    """A fitted model: ``model`` itself, a model folder, or the bundled model."""
    if model is None or isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        from ..persistence import load_model

        model = load_model(model)
    model._check_fitted()
    return model


def classify_frame(df, model=None, *, text_field: str = "text", labels: str = "str",
                   labels_column: str = "labels", prefix: str = "p_",
                   threshold: float | None = None, n_jobs: int | None = None,
                   chunk_size: int | None = None):
    """Tag the texts of a pandas DataFrame with work themes.

    Parameters
    ----------
    df : pandas.DataFrame
        The texts are in column ``text_field``; the other columns are kept.
    model : ThemeClassifier, str or Path, optional
        A fitted model or a model folder; by default the bundled model.
    text_field : str, default="text"
        The column holding the texts.
    labels : {"str", "list"}, default="str"
        The labels column holds ``";"``-joined theme ids (a string column) or lists.
    labels_column : str, default="labels"
        Name of the added labels column.
    prefix : str, default="p_"
        The probability of theme ``t`` goes to column ``prefix + t``.
    threshold : float in (0, 1), optional
        One decision threshold for every theme instead of the model's own.
    n_jobs, chunk_size : int, optional
        As in :meth:`ThemeClassifier.predict`.

    Returns
    -------
    pandas.DataFrame
        A new frame: ``df``'s columns plus ``labels_column`` and one float64 column per
        theme, same index.

    Raises
    ------
    ImportError
        If pandas (the ``pandas`` extra) is not installed.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"province": ["北京", "上海"],
    ...                    "content": ["开展网络安全检查。", "今天天气晴朗。"]})
    >>> out = cr.classify_frame(df, text_field="content")
    >>> out["labels"].tolist()
    ['security', '']
    >>> out.columns[:4].tolist()
    ['province', 'content', 'labels', 'p_security']
    """
    from .._optional import import_pandas

    pd = import_pandas("classify_frame()")
    if not isinstance(df, pd.DataFrame):
        raise TypeError(f"df must be a pandas.DataFrame, got {type(df).__module__}."
                        f"{type(df).__name__}")
    model = resolve_model(model)
    check_frame_args(df.columns, model, text_field, labels, labels_column, prefix, threshold)
    return classify_pandas(df, model, text_field, labels_column, labels, prefix,
                             threshold, chunk_size, n_jobs)
