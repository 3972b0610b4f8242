"""Shares of themes and topics by group (province, year, …) with bootstrap intervals.

:func:`theme_shares` and :func:`topic_shares` return a tidy table with one row per group
and theme (topic): the share of the group's units (sentences, or whole texts) that carry
it, the count and the number of units behind it, and a bootstrap confidence interval
that resamples the group's *texts* (sentences of one text are not independent; see
:func:`bootstrap_share`).  Every cell has its own seed, derived from ``random_state``
and the cell's position, so the table is the same on every run.
"""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np

from .._validation import Interval, check_value
from ._bootstrap import bootstrap_share
from ._groups import as_table, check_by, collect, groups, unit_labels

__all__ = ["theme_shares", "topic_shares"]

_COMMON = {"level": [Interval(Real, 0, 1, "neither")],
           "n_boot": [Interval(Integral, 100, None, "left")],
           "random_state": ["random_state"]}


def _check(level, n_boot, random_state) -> None:
    for name, value in (("level", level), ("n_boot", n_boot), ("random_state", random_state)):
        check_value(name, value, _COMMON[name])


def cell_seed(random_state: int, *position: int) -> int:
    """A seed for one cell of a table, from the table's seed and the cell's position."""
    return int(np.random.SeedSequence([random_state, *position]).generate_state(1)[0])


def _rows(by, keys_items, columns, hits_of, level, n_boot, random_state, extra=None):
    """Rows of share, count, n and interval for every group and column."""
    rows = []
    for g, (key, idx) in enumerate(keys_items):
        for c, col in enumerate(columns):
            hits = np.array([hits_of(i, c)[0] for i in idx], dtype=float)
            totals = np.array([hits_of(i, c)[1] for i in idx], dtype=float)
            n = int(totals.sum())
            row = dict(zip(by, key))
            row.update(col if isinstance(col, dict) else {"theme": col})
            if n == 0:
                row.update(share=float("nan"), low=float("nan"), high=float("nan"),
                           count=0, n=0, n_texts=len(idx))
            else:
                est = bootstrap_share(hits, totals, level=level, n_boot=n_boot,
                                      random_state=cell_seed(random_state, g, c))
                row.update(share=est.estimate, low=est.low, high=est.high,
                           count=int(hits.sum()), n=n, n_texts=len(idx))
            rows.append(row)
    return rows


def theme_shares(records, by=("province", "year"), unit: str = "sentence", *, model=None,
                 labels: str = "model", threshold: float | None = None, level: float = 0.95,
                 n_boot: int = 2000, random_state: int = 0, as_frame: bool | None = None):
    """Share of each group's sentences (or texts) that carry each theme, with a bootstrap
    interval.

    Parameters
    ----------
    records : sequence of Record, Paragraph or dict
        The texts with their metadata (``cyberreport.iter_records``, ``load_corpus``, or
        dicts with ``"text"`` and the ``by`` fields).
    by : str or tuple of str, default ("province", "year")
        The fields that define a group (``Record.get``: an attribute or an extra field;
        ``"province,year"`` also works).  ``None`` or ``()``: one group of everything.
        Texts without a value form their own group (the value ``None``, sorted last).
    unit : {"sentence", "text"}, default "sentence"
        Share of sentences that carry the theme, or share of texts that do.
    model : ThemeClassifier or str, optional
        The theme classifier, or a model folder; default the bundled model.
    labels : {"model", "given"}, default "model"
        ``"given"`` uses the labels in the data instead of a model: a Paragraph's
        sentence labels, or a record's ``sentences`` field (``[{"text", "labels"}]``)
        for ``unit="sentence"`` and its ``labels`` field for ``unit="text"``.
    threshold : float, optional
        The model's decision threshold for every theme (default: its own).
    level : float, default 0.95
        Coverage of the intervals.
    n_boot : int, default 2000
        Bootstrap resamples per cell (at least 100).
    random_state : int, default 0
        Seed; the same seed gives the same table.
    as_frame : bool, optional
        The table rule of the library: a DataFrame when pandas is installed (``None``),
        always (``True``) or never (``False``: a list of dicts).

    Returns
    -------
    DataFrame or list of dict
        One row per group and theme: the ``by`` fields, ``theme``, ``share`` (count / n),
        ``low``, ``high`` (the interval; resampling the group's texts, BCa), ``count``
        (units with the theme), ``n`` (units), ``n_texts``.  Groups in order (numbers
        before names, a missing value last), themes in the model's order.  A group whose
        units all carry (or all lack) a theme has a zero-width interval: the bootstrap
        knows nothing beyond the data.

    Raises
    ------
    InvalidParameterError
        For a bad ``by``, ``unit``, ``labels``, ``level``, ``n_boot``, ``random_state``
        or ``as_frame`` (the message names it).
    TypeError
        For an item of ``records`` that is not a record (the message names its index).

    Examples
    --------
    >>> import cyberreport as cr
    >>> recs = [cr.Record("a", "开展网络安全检查。建设县级融媒体中心。", province="浙江", year=2020),
    ...         cr.Record("b", "加强关键信息基础设施安全保护。", province="浙江", year=2021)]
    >>> rows = cr.theme_shares(recs, model=model, as_frame=False)
    >>> r = [r for r in rows if r["theme"] == "security" and r["year"] == 2021][0]
    >>> r["province"], r["share"], r["count"], r["n"]
    ('浙江', 1.0, 1, 1)
    """
    by = check_by(by)
    _check(level, n_boot, random_state)
    items = collect(records, by, unit)
    themes, labs = unit_labels(items, unit, model, labels, threshold)
    return as_table(theme_rows(items, by, themes, labs, level, n_boot, random_state),
                    [*by, "theme", "share", "low", "high", "count", "n", "n_texts"],
                    as_frame, "theme_shares")


def theme_rows(items, by, themes, labs, level, n_boot, random_state) -> list[dict]:
    """The rows of :func:`theme_shares` from the items and the labels of their units."""
    col = {t: j for j, t in enumerate(themes)}
    hits = np.zeros((len(items), len(themes)))
    for i, per_unit in enumerate(labs):
        for lab in per_unit:
            for t in lab:
                if t in col:
                    hits[i, col[t]] += 1
    totals = [len(per_unit) for per_unit in labs]
    rows = _rows(by, list(groups(items).items()), themes,
                 lambda i, c: (hits[i, c], totals[i]), level, n_boot, random_state)
    columns = [*by, "theme", "share", "low", "high", "count", "n", "n_texts"]
    return [{c: r[c] for c in columns} for r in rows]


def topic_shares(records, by=("province", "year"), unit: str = "sentence", *, model=None,
                 level: float = 0.95, n_boot: int = 2000, random_state: int = 0,
                 as_frame: bool | None = None):
    """Share of each group's sentences (or texts) in each topic, with a bootstrap
    interval — :func:`theme_shares` for the topics of a :class:`~cyberreport.TopicModel`.

    With ``unit="sentence"`` every sentence gets the topic :meth:`TopicModel.predict`
    gives it; with ``unit="text"`` every text gets one topic (the largest of its mean
    topic weights).  Units without any known term (topic ``-1``) count in ``n`` only.

    Parameters
    ----------
    records, by, unit, level, n_boot, random_state, as_frame
        As in :func:`theme_shares`.
    model : TopicModel or str, optional
        A topic model, or a model folder.  A model that is not fitted yet (or ``None``:
        ``TopicModel()``, ``n_topics="auto"``) is fitted on the texts of ``records``.

    Returns
    -------
    DataFrame or list of dict
        One row per group and topic: the ``by`` fields, ``topic`` (id), ``label``,
        ``share``, ``low``, ``high``, ``count``, ``n``, ``n_texts``.

    Examples
    --------
    >>> import cyberreport as cr
    >>> recs = [cr.Record(p.id, p.text, province=p.province, year=2016) for p in corpus]
    >>> rows = cr.topic_shares(recs, by="province", model=tm, as_frame=False)
    >>> len(rows) == len({r.province for r in recs}) * tm.n_topics_
    True
    """
    from ..topics import TopicModel

    by = check_by(by)
    _check(level, n_boot, random_state)
    items = collect(records, by, unit)
    if model is None or isinstance(model, (str, bytes)) or hasattr(model, "__fspath__"):
        if model is None:
            model = TopicModel()
        else:
            from ..persistence import load_model

            model = load_model(model)
    if not isinstance(model, TopicModel):
        raise TypeError(f"model must be a TopicModel or a model folder, got "
                        f"{type(model).__name__}")
    if not hasattr(model, "topics_"):
        model.fit([it.text for it in items])
    flat = [u for it in items for u in it.units]
    assign = model.predict(flat) if flat else np.zeros(0, dtype=int)
    k = model.n_topics_
    counts = np.zeros((len(items), k))
    pos = 0
    for i, it in enumerate(items):
        for a in assign[pos:pos + len(it.units)]:
            if a >= 0:
                counts[i, a] += 1
        pos += len(it.units)
    totals = [len(it.units) for it in items]
    cols = [{"topic": t.id, "label": t.label} for t in model.topics_]
    rows = _rows(by, list(groups(items).items()), cols,
                 lambda i, c: (counts[i, c], totals[i]), level, n_boot, random_state)
    columns = [*by, "topic", "label", "share", "low", "high", "count", "n", "n_texts"]
    return as_table([{c: r[c] for c in columns} for r in rows], columns, as_frame,
                    "topic_shares")
