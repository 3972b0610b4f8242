"""Classify a Dask bag or DataFrame with a cyberreport model, or assign its texts to
topics (the ``[dask]`` extra).

:func:`classify` maps a theme model, :func:`assign_topics` a fitted topic model, over the
partitions of a collection with ``map_partitions``.  The model enters the task graph once, as a single
``dask.delayed`` value that every partition task depends on, so it is serialised once
per computation and each worker receives (and deserialises) it once, however many of
the collection's partitions it computes — on a laptop's threads, on a
``LocalCluster``, or on a cluster reached with ``Client("tcp://scheduler:8786")``.
Every number of a record depends on that record alone, so the result equals
``model.predict_proba`` / ``model.predict`` (``TopicModel.predict`` / ``transform``) in
one process.  For topics, what travels is the small part of the model that assigning
needs (vocabulary, idf, centroids, tokenizer settings), not its training units.

Install with ``pip install "cyberreport[dask]"`` (Dask with bags and DataFrames,
``distributed``, pandas).  See ``docs/scale.md``.
"""

# This module is cyberreport.dask; the real Dask is imported by name with importlib, so
# that nothing here can ever resolve "dask" to this file.
from __future__ import annotations

import importlib

from ._deprecation import renamed_param
from ._validation import Options, check_value
from .stream._frame import (classify_pandas, check_frame_args, frame_texts, predict_texts,
                            resolve_model)

__all__ = ["classify", "assign_topics"]

_EXTRA = (
    "cyberreport.dask needs Dask; install the extra: pip install \"cyberreport[dask]\" "
    "(dask[bag,dataframe], distributed, pandas)"
)


def _require(name: str):
    try:
        return importlib.import_module(name)
    except ImportError as exc:
        raise ImportError(f"{_EXTRA} (could not import {name}: {exc})") from exc


def _kind(data) -> str:
    """``"bag"`` or ``"frame"``, or a clear error for anything else."""
    bag_mod = _require("dask.bag")
    if isinstance(data, bag_mod.Bag):
        return "bag"
    dd = _require("dask.dataframe")
    if not isinstance(data, dd.DataFrame):
        raise TypeError(
            "data must be a dask.dataframe.DataFrame or a dask.bag.Bag, got "
            f"{type(data).__module__}.{type(data).__name__}"
        )
    return "frame"


def _classify_records(part, model, text_field, threshold, chunk_size):
    part = list(part)
    values = [r if isinstance(r, str) else r.get(text_field) if isinstance(r, dict) else r
              for r in part]
    texts = frame_texts(values, lambda i: f"bag element {i} of its partition"
                        + ("" if isinstance(part[i], str) else f", field {text_field!r},"))
    proba, labs = predict_texts(model, texts, threshold, chunk_size)
    out = []
    for r, lab, row in zip(part, labs, proba.tolist()):
        d = {"text": r} if isinstance(r, str) else dict(r)
        d["labels"] = list(lab)
        d["scores"] = dict(zip(model.classes_, row))
        out.append(d)
    return out


@renamed_param("text_column", "text_field")
def classify(
    data,
    model=None,
    *,
    text_field: str = "text",
    labels: str = "str",
    labels_column: str = "labels",
    prefix: str = "p_",
    threshold: float | None = None,
    chunk_size: int | None = None,
):
    """Tag the texts of a Dask DataFrame or bag with work themes, lazily.

    Parameters
    ----------
    data : dask.dataframe.DataFrame or dask.bag.Bag
        A DataFrame with the texts in ``text_field``, or a bag of str or of dicts
        holding the text under ``text_field``.
    model : ThemeClassifier, str or Path, optional
        A fitted model or a model directory (loaded here, then shipped once per
        worker); by default the bundled model.
    text_field : str, default="text"
        DataFrame column, or bag dict key, holding the text (``text_column`` in 0.1).
    labels : {"str", "list"}, default="str"
        DataFrame only: the labels column holds ``";"``-joined theme ids, or lists.
    labels_column : str, default="labels"
        DataFrame only: name of the added labels column.
    prefix : str, default="p_"
        DataFrame only: the probability of theme ``t`` goes to column ``prefix + t``.
    threshold : float, optional
        One decision threshold for every theme (as in ``ThemeClassifier.classify``).
    chunk_size : int, optional
        Texts per prediction chunk inside a partition (see ``ThemeClassifier.predict``).

    Returns
    -------
    dask.dataframe.DataFrame or dask.bag.Bag
        For a DataFrame: its columns plus ``labels_column`` and one float64
        probability column per theme.  For a bag: dicts ``{**record, "labels": [...],
        "scores": {theme: probability}}`` (a str element becomes ``{"text": ...}``).

    Raises
    ------
    ImportError
        If Dask (the ``[dask]`` extra) is not installed.

    Examples
    --------
    With a cluster, connect a ``dask.distributed.Client`` first (e.g.
    ``Client("tcp://scheduler:8786")``) and read the data with ``dd.read_parquet``; the
    calls are the same.

    >>> import pandas as pd, dask.dataframe as dd
    >>> import cyberreport.dask
    >>> df = dd.from_pandas(pd.DataFrame({"content": ["开展网络安全检查。", "建设县级融媒体中心。"]}),
    ...                     npartitions=1)
    >>> out = cyberreport.dask.classify(df, text_field="content")
    >>> out.compute()["labels"].tolist()
    ['security', 'media_convergence']
    """
    dask = _require("dask")
    check_value("labels", labels, [Options(("str", "list"))])
    for name, value in (("text_field", text_field), ("labels_column", labels_column)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    from ._parallel import check_chunk_size

    chunk_size = check_chunk_size(chunk_size)

    kind = _kind(data)
    model = resolve_model(model)
    if kind == "frame":
        check_frame_args(data.columns, model, text_field, labels, labels_column, prefix,
                         threshold)
    else:
        check_frame_args([text_field], model, text_field, labels, labels_column, prefix,
                         threshold)
    # One graph node holds the model; every partition task depends on it.
    shipped = dask.delayed(model, pure=True)
    if kind == "bag":
        return data.map_partitions(_classify_records, shipped, text_field, threshold,
                                   chunk_size)
    args = (text_field, labels_column, labels, prefix, threshold, chunk_size)
    sample = data._meta.iloc[:0].copy()
    meta = classify_pandas(sample, model, *args)
    return data.map_partitions(classify_pandas, shipped, *args, meta=meta)


# -- topics ----------------------------------------------------------------------------
def _topics_frame(pdf, assigner, text_field, topic_column, weights, prefix):
    pd = importlib.import_module("pandas")
    texts = frame_texts(pdf[text_field].tolist(),
                        lambda i: f"column {text_field!r}, row {pdf.index[i]!r}")
    W = assigner.transform(texts)
    cols = {topic_column: pd.Series(assigner.predict_from(W), index=pdf.index,
                                    dtype="int64")}
    if weights:
        for j in range(assigner.n_topics):
            cols[f"{prefix}{j}"] = pd.Series(W[:, j], index=pdf.index, dtype="float64")
    return pd.concat([pdf, pd.DataFrame(cols, index=pdf.index)], axis=1)


def _topics_records(part, assigner, text_field, weights):
    part = list(part)
    values = [r if isinstance(r, str) else r.get(text_field) if isinstance(r, dict) else r
              for r in part]
    texts = frame_texts(values, lambda i: f"bag element {i} of its partition"
                        + ("" if isinstance(part[i], str) else f", field {text_field!r},"))
    W = assigner.transform(texts)
    out = []
    for r, topic, row in zip(part, assigner.predict_from(W).tolist(), W.tolist()):
        d = {"text": r} if isinstance(r, str) else dict(r)
        d["topic"] = topic
        if weights:
            d["topic_weights"] = row
        out.append(d)
    return out


def assign_topics(
    data,
    model,
    *,
    text_field: str = "text",
    topic_column: str = "topic",
    weights: bool = False,
    prefix: str = "topic_",
):
    """Assign the texts of a Dask DataFrame or bag to the topics of a fitted topic model,
    lazily.

    Parameters
    ----------
    data : dask.dataframe.DataFrame or dask.bag.Bag
        A DataFrame with the texts in ``text_field``, or a bag of str or of dicts
        holding the text under ``text_field``.
    model : TopicModel, str or Path
        A fitted :class:`~cyberreport.TopicModel` or the folder it was saved to.
    text_field : str, default="text"
        DataFrame column, or bag dict key, holding the text.
    topic_column : str, default="topic"
        DataFrame only: name of the added topic column.
    weights : bool, default=False
        Also add the document-topic weights (``TopicModel.transform``): DataFrame
        columns ``prefix + id``, or a ``"topic_weights"`` list in each bag record.
    prefix : str, default="topic_"
        DataFrame only: the weight of topic ``j`` goes to column ``prefix + str(j)``.

    Returns
    -------
    dask.dataframe.DataFrame or dask.bag.Bag
        The DataFrame's columns plus ``topic_column`` (int64: the topic id, ``-1``
        for a text without a known term, as ``TopicModel.predict``) and, with
        ``weights``, one float64 column per topic; or bag dicts ``{**record, "topic":
        id}`` (a str element becomes ``{"text": ...}``).

    Raises
    ------
    ImportError
        If Dask (the ``[dask]`` extra) is not installed.

    Examples
    --------
    >>> import pandas as pd, dask.dataframe as dd
    >>> import cyberreport as cr, cyberreport.dask
    >>> tm = cr.TopicModel(n_topics=4).fit(cr.load_corpus().texts)
    >>> texts = ["开展网络安全检查。", "建设县级融媒体中心。"]
    >>> df = dd.from_pandas(pd.DataFrame({"text": texts}), npartitions=1)
    >>> out = cyberreport.dask.assign_topics(df, tm).compute()
    >>> out["topic"].tolist() == tm.predict(texts).tolist()
    True
    """
    dask = _require("dask")
    for name, value in (("text_field", text_field), ("topic_column", topic_column)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    if not isinstance(prefix, str):
        raise ValueError(f"prefix must be a str, got {prefix!r}")
    if not isinstance(weights, bool):
        raise ValueError(f"weights must be True or False, got {weights!r}")
    if isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        from .persistence import load_model

        model = load_model(model)
    from .topics import TopicModel
    from .topics._assign import Assigner

    if not isinstance(model, TopicModel):
        raise TypeError(f"model must be a fitted TopicModel (or its folder), got "
                        f"{type(model).__name__}")
    model._check_fitted()
    kind = _kind(data)
    if kind == "frame" and text_field not in data.columns:
        raise ValueError(f"the DataFrame has no column {text_field!r} "
                         f"(columns: {', '.join(map(str, data.columns))})")
    # One graph node holds what assigning needs; every partition task depends on it.
    shipped = dask.delayed(Assigner(model), pure=True)
    if kind == "bag":
        return data.map_partitions(_topics_records, shipped, text_field, weights)
    new = [topic_column] + ([f"{prefix}{j}" for j in range(model.n_topics_)] if weights else [])
    clash = [c for c in new if c in data.columns]
    if clash:
        raise ValueError(f"the DataFrame already has column(s) {', '.join(clash)}; choose "
                         "another topic_column or prefix")
    args = (text_field, topic_column, weights, prefix)
    meta = _topics_frame(data._meta.iloc[:0].copy(), Assigner(model), *args)
    return data.map_partitions(_topics_frame, shipped, *args, meta=meta)
