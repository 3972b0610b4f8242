"""What sets one group of texts apart from another: terms, themes and topics ranked by
weighted log-odds with an informative Dirichlet prior, and for themes and topics a test
of over-representation (a bootstrap interval of the difference of shares).

The prior is the collection: the counts of every term (theme, topic) in all the records
given, which is the informative prior of Monroe, Colaresi & Quinn (2008) with the
collection as background.  With ``group_b="rest"`` the two groups make up the collection
and the prior is their pooled counts.
"""

from __future__ import annotations

from collections import Counter
from numbers import Integral, Real

import numpy as np

from .._validation import Interval, Options, check_value
from ._bootstrap import bootstrap_share_difference
from ._groups import as_table, check_by, collect, unit_labels
from ._logodds import log_odds
from ._shares import cell_seed

__all__ = ["compare"]

FEATURES = ("terms", "themes", "topics")


def _members(items, field: str, group, name: str) -> np.ndarray:
    """Whether each item's ``field`` is ``group`` (a value or a collection of values;
    compared as text, so ``"2022"`` matches the year 2022; a province name in any
    spelling matches its canonical name)."""
    values = group if isinstance(group, (list, tuple, set, frozenset)) else [group]
    wanted = set()
    for v in values:
        if v is None or isinstance(v, bool):
            raise TypeError(f"{name} must be a value of {field!r} or a list of them, got {v!r}")
        wanted.add(str(v).strip())
        if field == "province" and isinstance(v, str):
            from ..places import normalize_province

            canon = normalize_province(v)
            if canon:
                wanted.add(canon)
    return np.array([it.key[0] is not None and str(it.key[0]) in wanted for it in items])


def _groups(items, by: str, group_a, group_b):
    in_a = _members(items, by, group_a, "group_a")
    if isinstance(group_b, str) and group_b == "rest":
        in_b = ~in_a
    else:
        in_b = _members(items, by, group_b, "group_b") & ~in_a
    for name, mask, g in (("group_a", in_a, group_a), ("group_b", in_b, group_b)):
        if not mask.any():
            known = sorted({str(it.key[0]) for it in items if it.key[0] is not None})
            raise ValueError(f"{name}={g!r} matches no record: {by!r} takes the values "
                             f"{', '.join(known[:20])}{' …' if len(known) > 20 else ''}")
    return in_a, in_b


def _term_counts(items, tokenizer) -> list[Counter]:
    from ..tokenize import Tokenizer
    from ..topics._features import is_term

    tok = Tokenizer(numbers="drop") if tokenizer is None else tokenizer
    if not hasattr(tok, "cut_many"):
        raise TypeError(f"tokenizer must be a cyberreport Tokenizer, got {type(tok).__name__}")
    return [Counter(t for t in toks if is_term(t))
            for toks in tok.cut_many([it.text for it in items])]


def _ranked(rows, top_n):
    rows.sort(key=lambda r: (-r["z"], r["name"]))
    if top_n is not None and len(rows) > 2 * top_n:
        rows = rows[:top_n] + rows[-top_n:]
    return rows


def compare(records, group_a, group_b="rest", *, by: str = "province",
            features: str = "terms", unit: str = "sentence", model=None,
            labels: str = "model", threshold: float | None = None, tokenizer=None,
            topic_model=None, prior_total: float | None = None, min_count: int = 1,
            top_n: int | None = None, level: float = 0.95, n_boot: int = 2000,
            random_state: int = 0, as_frame: bool | None = None):
    """What sets ``group_a`` apart from ``group_b``: terms, themes or topics ranked by
    weighted log-odds (Monroe, Colaresi & Quinn 2008) with z-scores and counts.

    Parameters
    ----------
    records : sequence of Record, Paragraph or dict
        The texts with their metadata (see :func:`theme_shares`).
    group_a : value or list of values
        The value(s) of ``by`` of the first group (``"广东"``; a province in any
        spelling, ``广东省`` or ``粤``; a year as int or str).
    group_b : value, list of values or "rest", default "rest"
        The second group; ``"rest"`` is every record not in ``group_a``.
    by : str, default "province"
        The field that defines the groups.
    features : {"terms", "themes", "topics"}, default "terms"
        What to compare: tokenizer terms (counts of occurrences), themes (units that
        carry each theme, from ``model`` or ``labels="given"``) or topics (units in
        each topic of ``topic_model``).
    unit : {"sentence", "text"}, default "sentence"
        The unit counted for themes and topics.
    model, labels, threshold
        The theme labels, as in :func:`theme_shares`.
    tokenizer : Tokenizer, optional
        Default ``Tokenizer(numbers="drop")``; terms are tokens of at least two
        characters with a letter.
    topic_model : TopicModel, optional
        For ``features="topics"``; fitted on the texts when not fitted (or ``None``).
    prior_total : float, optional
        Rescale the prior (the collection's counts) to this total; ``None`` keeps it.
    min_count : int, default 1
        Leave out terms used fewer times than this in the two groups together.
    top_n : int, optional
        Keep the ``top_n`` most typical of each group (``2 * top_n`` rows); ``None``
        keeps every row.
    level, n_boot, random_state
        The bootstrap interval of the difference of shares (themes, topics).
    as_frame : bool, optional
        The table rule of the library (see :func:`theme_shares`).

    Returns
    -------
    DataFrame or list of dict
        Sorted by ``z``, most typical of ``group_a`` first.  Terms: ``term``,
        ``count_a``, ``count_b``, ``log_odds`` (the estimate, a against b), ``z``.
        Themes (``theme``) and topics (``topic``, ``label``) add ``n_a``, ``n_b``
        (units), ``share_a``, ``share_b``, ``difference`` with its interval ``low``,
        ``high`` (resampling texts within each group), and ``significant``: whether the
        interval excludes 0 — the test of over- (or under-) representation.

    Raises
    ------
    ValueError
        If a group matches no record (the message lists the values of ``by``).
    InvalidParameterError
        For a bad parameter (the message names it).

    Examples
    --------
    >>> import cyberreport as cr
    >>> recs = [cr.Record("a", "开展净网行动，清理网络谣言。", province="广东"),
    ...         cr.Record("b", "开展净网行动，清理网络谣言。", province="广东"),
    ...         cr.Record("c", "推进数字乡村建设。", province="四川")]
    >>> rows = cr.compare(recs, "广东省", as_frame=False)
    >>> rows[0]["term"], rows[0]["count_a"], rows[0]["count_b"], rows[-1]["term"]
    ('净网', 2, 0, '数字乡村')
    """
    check_value("by", by, ["nonempty_str"])
    check_value("features", features, [Options(FEATURES)])
    check_value("min_count", min_count, [Interval(Integral, 1, None, "left")])
    check_value("top_n", top_n, [None, Interval(Integral, 1, None, "left")])
    check_value("prior_total", prior_total, [None, Interval(Real, 0, None, "neither")])
    for name, value, cons in (("level", level, Interval(Real, 0, 1, "neither")),
                              ("n_boot", n_boot, Interval(Integral, 100, None, "left")),
                              ("random_state", random_state, "random_state")):
        check_value(name, value, [cons])
    items = collect(records, check_by(by, "by")[:1], unit)
    in_a, in_b = _groups(items, by, group_a, group_b)
    if features == "terms":
        rows = _terms(_term_counts(items, tokenizer), in_a, in_b, prior_total, min_count)
        columns = ["term", "count_a", "count_b", "log_odds", "z"]
    else:
        if features == "themes":
            names, per_unit = unit_labels(items, unit, model, labels, threshold)
            keys = [{"theme": t} for t in names]
        else:
            names, per_unit, keys = _topics(items, topic_model)
        rows = _shares(items, in_a, in_b, names, per_unit, keys, prior_total, level,
                       n_boot, random_state)
        columns = [*keys[0], "count_a", "n_a", "share_a", "count_b", "n_b", "share_b",
                   "difference", "low", "high", "significant", "log_odds", "z"] \
            if keys else []
    rows = _ranked(rows, top_n)
    return as_table([{c: r[c] for c in columns} for r in rows], columns, as_frame, "compare")


def _terms(counts, in_a, in_b, prior_total, min_count):
    """Rows of the term comparison from each text's term counts."""
    background: Counter = Counter()
    for c in counts:
        background.update(c)
    ca: Counter = Counter()
    cb: Counter = Counter()
    for c, a, b in zip(counts, in_a, in_b):
        if a:
            ca.update(c)
        elif b:
            cb.update(c)
    vocab = sorted(t for t in set(ca) | set(cb) if ca[t] + cb[t] >= min_count)
    if not vocab or not sum(ca.values()) or not sum(cb.values()):
        return []
    every = sorted(background)
    va = np.array([ca[t] for t in every], float)
    vb = np.array([cb[t] for t in every], float)
    lo = log_odds(va, vb, np.array([background[t] for t in every], float),
                  prior_total=prior_total)
    where = {t: i for i, t in enumerate(every)}
    return [{"name": t, "term": t, "count_a": ca[t], "count_b": cb[t],
             "log_odds": float(lo.delta[where[t]]), "z": float(lo.z[where[t]])}
            for t in vocab]


def _topics(items, topic_model):
    from ..topics import TopicModel

    model = TopicModel() if topic_model is None else topic_model
    if not isinstance(model, TopicModel):
        raise TypeError(f"topic_model must be a TopicModel, got {type(model).__name__}")
    if not hasattr(model, "topics_"):
        model.fit([it.text for it in items])
    flat = [u for it in items for u in it.units]
    assign = model.predict(flat) if flat else []
    per_unit, pos = [], 0
    for it in items:
        per_unit.append([(int(a),) if a >= 0 else () for a in assign[pos:pos + len(it.units)]])
        pos += len(it.units)
    names = [t.id for t in model.topics_]
    return names, per_unit, [{"topic": t.id, "label": t.label} for t in model.topics_]


def _shares(items, in_a, in_b, names, per_unit, keys, prior_total, level, n_boot, seed):
    col = {t: j for j, t in enumerate(names)}
    hits = np.zeros((len(items), len(names)))
    totals = np.array([len(u) for u in per_unit], dtype=float)
    for i, units in enumerate(per_unit):
        for lab in units:
            for t in lab:
                if t in col:
                    hits[i, col[t]] += 1
    a, b = in_a & (totals > 0), in_b & (totals > 0)
    if not a.any() or not b.any():
        raise ValueError("each group needs at least one non-empty text")
    ca, cb = hits[a].sum(axis=0), hits[b].sum(axis=0)
    background = hits.sum(axis=0)
    present = background > 0
    lo = None
    if present.any() and ca[present].sum() > 0 and cb[present].sum() > 0:
        lo = log_odds(ca[present], cb[present], background[present], prior_total=prior_total)
    rows, k = [], 0
    for j, key in enumerate(keys):
        d = bootstrap_share_difference(hits[a, j], totals[a], hits[b, j], totals[b],
                                       level=level, n_boot=n_boot,
                                       random_state=cell_seed(seed, j))
        delta = z = 0.0
        if present[j] and lo is not None:
            delta, z = float(lo.delta[k]), float(lo.z[k])
        k += bool(present[j])
        rows.append({**key, "name": str(names[j]), "count_a": int(ca[j]),
                     "n_a": int(totals[a].sum()), "share_a": d.share_a, "count_b": int(cb[j]),
                     "n_b": int(totals[b].sum()), "share_b": d.share_b,
                     "difference": d.estimate, "low": d.low, "high": d.high,
                     "significant": d.excludes_zero, "log_odds": delta, "z": z})
    return rows
