"""Tables of figures and mentions: one row per group × indicator (or entity), with the
ids and offsets every number came from."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._texts import as_texts_iterable, check_text_item
from .._validation import Options, check_value
from ._figures import Figure, extract_figures
from ._indicators import OTHER, PERCENT_UNITS, indicator_names
from ._mentions import extract_mentions

__all__ = ["figures_table", "mentions_table", "iter_texts_with_keys"]

_RECORD_KEYS = ("province", "year", "date", "source", "id")


def _key_of(item, names: tuple[str, ...], index: int) -> tuple[str, tuple]:
    """``(id, group values)`` of a text, a :class:`~cyberreport.Record` or a corpus
    :class:`~cyberreport.Paragraph`."""
    if isinstance(item, str):
        return str(index), tuple(None for _ in names)
    rid = str(getattr(item, "id", index))
    getter = getattr(item, "get", None)         # Record.get: attributes and extra fields
    values = []
    for n in names:
        v = getter(n) if getter is not None else getattr(item, n, None)
        values.append(rid if n == "id" else v)
    return rid, tuple(values)


def _check_by(by) -> tuple[str, ...]:
    if by is None:
        return ()
    if isinstance(by, str):
        by = tuple(x.strip() for x in by.split(",") if x.strip())
    try:
        names = tuple(by)
    except TypeError:
        names = None
    if names is None or not all(isinstance(n, str) and n for n in names) or \
            len(set(names)) != len(names):
        from ..exceptions import InvalidParameterError

        raise InvalidParameterError(
            "by must be None, a name or a tuple of distinct names such as "
            f"('province', 'year'), got {by!r}")
    return names


def iter_texts_with_keys(records, by: tuple[str, ...], name: str = "records") -> Iterator:
    """``(id, group values, text)`` for every item of ``records`` (validated one by one,
    so that a generator is read once and never held in memory)."""
    for i, item in enumerate(as_texts_iterable(records, name)):
        check_text_item(item, i, name)
        rid, key = _key_of(item, by, i)
        yield rid, key, item if isinstance(item, str) else item.text


def _as_output(rows: list[dict], columns: list[str], as_frame, feature: str):
    if as_frame is False:
        return rows
    from .._optional import import_pandas

    pd = import_pandas(f"{feature}(as_frame=True)", required=bool(as_frame))
    if pd is None:
        return rows
    return pd.DataFrame(rows, columns=columns)


def _qualifier(quals: set) -> str:
    if len(quals) == 1:
        return next(iter(quals))
    return "over" if quals <= {"over", "exact"} else "mixed"


def figures_table(records: Iterable, by=("province", "year"), *, as_frame: bool | None = None,
                  include_other: bool = True):
    """Sum the figures of many texts by group and indicator, keeping their sources.

    Every text is read once with :func:`extract_figures`. Figures are summed within a
    group only when their indicator **and** unit agree (条 and 个 stay apart, 万元 and 亿元
    are both 元); rates (%, ‰, 个百分点, 倍) are never summed: each is a row of its own.
    Figures whose indicator is ``"other"`` are summed only with figures counting the same
    object (their ``object`` column is set).

    Parameters
    ----------
    records : iterable
        Texts (``str``), :class:`~cyberreport.Record` objects (from
        :func:`~cyberreport.iter_records`) or corpus :class:`~cyberreport.Paragraph`
        objects; read once, so a generator works. A text has no group values (``None``)
        and its id is its position.
    by : str or tuple of str or None, default ("province", "year")
        The group columns: attributes of the records (``province``, ``year``, ``date``,
        ``source``, ``id``) or, for Records, any extra field. ``None`` or ``()``: one group.
        A string is split at commas (``"province,year"``).
    as_frame : bool, optional
        ``None`` (default): a pandas DataFrame when pandas is installed, else a list of
        dicts; ``True``: a DataFrame (ImportError without pandas); ``False``: a list of dicts.
    include_other : bool, default True
        Keep the figures whose indicator is ``"other"``.

    Returns
    -------
    DataFrame or list of dict
        One row per group × indicator × unit (× object for ``"other"``; × figure for
        rates), sorted by group, then indicator, then unit. Columns: the ``by`` columns,
        ``indicator``, ``name_zh``, ``name_en``, ``theme``, ``unit``, ``value`` (the sum of
        the values), ``value_max`` (the sum of the upper ends when a range is among them,
        else ``None``), ``qualifier`` (the one qualifier of all the figures; ``"over"``
        when exact and ``over`` mix, else ``"mixed"``), ``object`` (for ``"other"``),
        ``n_figures``, ``n_texts``, ``sources`` (a list of ``{"id", "start", "end",
        "raw", "value"}``, one per figure, in reading order).

    Raises
    ------
    TypeError
        If ``records`` is a single string or holds something that is not a text.
    InvalidParameterError
        If ``by`` is not a name or a tuple of distinct names.

    Examples
    --------
    >>> from cyberreport import Record
    >>> recs = [Record("a", "删除违法违规信息76万多条，关闭网站12个。", province="浙江", year=2018),
    ...         Record("b", "删除有害信息1.2万条。", province="浙江", year=2018)]
    >>> rows = figures_table(recs, as_frame=False)
    >>> [(r["province"], r["indicator"], r["value"], r["unit"], r["n_figures"]) for r in rows]
    [('浙江', 'information_removed', 772000.0, '条', 2), ('浙江', 'websites_closed', 12.0, '个', 1)]
    >>> rows[0]["sources"][1]
    {'id': 'b', 'start': 6, 'end': 11, 'raw': '1.2万条', 'value': 12000.0}
    """
    names = _check_by(by)
    check_value("as_frame", as_frame, [None, "boolean"])
    check_value("include_other", include_other, ["boolean"])
    groups: dict[tuple, dict] = {}
    for rid, key, text in iter_texts_with_keys(records, names):
        for n, f in enumerate(extract_figures(text)):
            if f.indicator == OTHER and not include_other:
                continue
            _add_figure(groups, key, rid, n, f)
    rows = [_figure_row(names, g) for _, g in sorted(groups.items(), key=_sort_key)]
    columns = [*names, "indicator", "name_zh", "name_en", "theme", "unit", "value",
               "value_max", "qualifier", "object", "n_figures", "n_texts", "sources"]
    return _as_output(rows, columns, as_frame, "figures_table")


def _sort_key(item):
    return tuple((v is None, str(v)) for v in item[0])


def _add_figure(groups: dict, key: tuple, rid: str, n: int, f: Figure) -> None:
    rate = f.unit in PERCENT_UNITS
    obj = f.object if f.indicator == OTHER else ""
    gk = (*key, f.indicator, f.unit, obj, (rid, n) if rate else ())
    g = groups.get(gk)
    if g is None:
        g = groups[gk] = {"key": key, "indicator": f.indicator, "theme": f.theme,
                          "unit": f.unit, "object": obj, "value": 0.0, "value_max": 0.0,
                          "range": False, "quals": set(), "ids": set(), "sources": []}
    g["value"] += f.value
    g["value_max"] += f.value if f.value_max is None else f.value_max
    g["range"] = g["range"] or f.value_max is not None
    g["quals"].add(f.qualifier)
    g["ids"].add(rid)
    g["sources"].append({"id": rid, "start": f.start, "end": f.end, "raw": f.raw,
                         "value": f.value})


def _figure_row(names, g) -> dict:
    zh, en = indicator_names(g["indicator"])
    row = dict(zip(names, g["key"]))
    row.update(indicator=g["indicator"], name_zh=zh, name_en=en, theme=g["theme"],
               unit=g["unit"], value=g["value"],
               value_max=g["value_max"] if g["range"] else None,
               qualifier=_qualifier(g["quals"]), object=g["object"] or None,
               n_figures=len(g["sources"]), n_texts=len(g["ids"]), sources=g["sources"])
    return row


def mentions_table(records: Iterable, by=("province", "year"), *, as_frame: bool | None = None,
                   kinds=None):
    """Count the named campaigns, laws, bodies, platforms, events and programmes by group.

    Parameters
    ----------
    records : iterable
        Texts, :class:`~cyberreport.Record` objects or corpus
        :class:`~cyberreport.Paragraph` objects (see :func:`figures_table`).
    by : str or tuple of str or None, default ("province", "year")
        The group columns (see :func:`figures_table`).
    as_frame : bool, optional
        As in :func:`figures_table`.
    kinds : iterable of str, optional
        Keep only these kinds (``"campaign"``, ``"law_or_rule"``, ``"body"``,
        ``"platform"``, ``"event"``, ``"programme"``); default all.

    Returns
    -------
    DataFrame or list of dict
        One row per group × entity, sorted by group, then kind, then the number of
        mentions (most first) and the entity id. Columns: the
        ``by`` columns, ``kind``, ``entity``, ``name_zh``, ``name_en``, ``n_mentions``,
        ``n_texts`` (texts that name it), ``surfaces`` (the distinct forms written),
        ``sources`` (a list of ``{"id", "start", "end", "surface"}``).

    Examples
    --------
    >>> rows = mentions_table(["开展净网2018专项行动。", "落实《网络安全法》，推进“净网”行动。"],
    ...                       by=None, as_frame=False)
    >>> [(r["entity"], r["n_mentions"], r["n_texts"]) for r in rows]
    [('jingwang', 2, 2), ('cybersecurity_law', 1, 1)]
    """
    from ._mentions import MENTION_KINDS

    names = _check_by(by)
    check_value("as_frame", as_frame, [None, "boolean"])
    if kinds is not None:
        kinds = (kinds,) if isinstance(kinds, str) else tuple(kinds)
        for k in kinds:
            check_value("kinds", k, [Options(MENTION_KINDS)])
    groups: dict[tuple, dict] = {}
    for rid, key, text in iter_texts_with_keys(records, names):
        for m in extract_mentions(text):
            if kinds is not None and m.kind not in kinds:
                continue
            g = groups.setdefault((*key, m.entity), {
                "key": key, "m": m, "ids": set(), "surfaces": {}, "sources": []})
            g["ids"].add(rid)
            g["surfaces"][m.surface] = None
            g["sources"].append({"id": rid, "start": m.start, "end": m.end,
                                 "surface": m.surface})
    order = {k: i for i, k in enumerate(MENTION_KINDS)}
    rows = []
    for _, g in sorted(groups.items(), key=lambda it: (
            _sort_key((it[0][:-1],)), order[it[1]["m"].kind], -len(it[1]["sources"]),
            it[1]["m"].entity)):
        m = g["m"]
        row = dict(zip(names, g["key"]))
        row.update(kind=m.kind, entity=m.entity, name_zh=m.name_zh, name_en=m.name_en,
                   n_mentions=len(g["sources"]), n_texts=len(g["ids"]),
                   surfaces=list(g["surfaces"]), sources=g["sources"])
        rows.append(row)
    columns = [*names, "kind", "entity", "name_zh", "name_en", "n_mentions", "n_texts",
               "surfaces", "sources"]
    return _as_output(rows, columns, as_frame, "mentions_table")
