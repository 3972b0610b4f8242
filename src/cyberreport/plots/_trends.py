"""Trends: small multiples of theme (or topic) shares over the years, one panel per
theme, one line per group, with the bootstrap intervals as bands."""

from __future__ import annotations

import math
from numbers import Integral

from .._validation import Interval, check_value
from .._english import english_labels
from ._fonts import _apply_font, _font, _mpl, _text, _theme_names

__all__ = ["trends"]


def _is_table(data) -> bool:
    if hasattr(data, "columns") and "share" in getattr(data, "columns", ()):
        return True
    return (isinstance(data, list) and bool(data) and isinstance(data[0], dict)
            and "share" in data[0])


def _panels(rows, themes, cjk=True):
    """``(column, panel keys, panel titles)`` of a shares table (titles in English
    without a CJK font)."""
    column = "theme" if "theme" in rows[0] else "topic"
    present = []
    for r in rows:
        if r[column] not in present and (r.get("count") or 0) > 0:
            present.append(r[column])
    if themes is not None:
        wanted = [themes] if isinstance(themes, (str, int)) else list(themes)
        unknown = [t for t in wanted if t not in {r[column] for r in rows}]
        if unknown:
            raise ValueError(f"themes {unknown!r} are not in the table; it has "
                             f"{sorted({str(r[column]) for r in rows})}")
        present = wanted
    if column == "theme":
        titles = _theme_names(present, cjk)
    else:
        labels = {r["topic"]: r.get("label", "") for r in rows}
        titles = [f"{t} {labels[t]}" if cjk else f"topic {t}" for t in present]
    return column, present, titles


def trends(data, *, x: str = "year", group: str | None = "province", themes=None,
           unit: str = "sentence", model=None, labels: str = "model", ncols: int = 4,
           n_boot: int = 2000, random_state: int = 0, dpi: int = 100):
    """Small multiples of shares over time: one panel per theme (or topic), one line per
    group, the bootstrap intervals as bands.

    Parameters
    ----------
    data : records or table
        Records (as for :func:`cyberreport.theme_shares`, which is then computed with
        ``by=(group, x)``), or a table of :func:`~cyberreport.theme_shares` or
        :func:`~cyberreport.topic_shares` that has the columns ``x`` and ``group``.
    x : str, default "year"
        The field along the horizontal axis.
    group : str or None, default "province"
        One line per value of this field; ``None``: one line for everything.
    themes : str or list, optional
        The themes (topic ids) to draw; default every one that occurs.
    unit, model, labels, n_boot, random_state
        Passed to :func:`~cyberreport.theme_shares` when ``data`` are records.
    ncols : int, default 4
        Panels per row.
    dpi : int, default 100

    Returns
    -------
    matplotlib.figure.Figure
        Panel titles are the themes' Chinese names; the legend names the groups.

    Examples
    --------
    >>> import cyberreport as cr
    >>> recs = [cr.Record(str(i), t, province=p, year=y) for i, (t, p, y) in enumerate([
    ...     ("开展网络安全检查。", "浙江", 2020), ("开展网络安全检查。建设县级融媒体中心。", "浙江", 2021),
    ...     ("受理网民举报。", "江苏", 2020), ("加强网络安全保护。", "江苏", 2021)])]
    >>> fig = cr.trends(recs, model=model, n_boot=200)
    >>> fig.savefig("trends.png")
    """
    from ..analysis._groups import rows_of

    check_value("x", x, ["nonempty_str"])
    check_value("group", group, [None, "nonempty_str"])
    for name, value in (("ncols", ncols), ("dpi", dpi)):
        check_value(name, value, [Interval(Integral, 1, None, "left")])
    if _is_table(data):
        rows = rows_of(data, "data")
    else:
        from ..analysis import theme_shares

        by = (group, x) if group else (x,)
        rows = theme_shares(data, by=by, unit=unit, model=model, labels=labels,
                            n_boot=n_boot, random_state=random_state, as_frame=False)
    if not rows:
        raise ValueError("data has no rows to draw")
    for col in [x] + ([group] if group else []):
        if col not in rows[0]:
            raise ValueError(f"the table has no column {col!r}; its columns are "
                             f"{list(rows[0])}")
    _, Figure = _mpl()
    fp, cjk = _font()
    column, keys, titles = _panels(rows, themes, cjk)
    rows = [r for r in rows if r[x] is not None]
    n = max(1, len(keys))
    ncols = min(ncols, n)
    nrows = math.ceil(n / ncols)
    fig = Figure(figsize=(3.3 * ncols + 1.6, 0.8 + 2.5 * nrows), dpi=dpi, layout="constrained")
    groups = list(dict.fromkeys(r[group] for r in rows)) if group else [None]
    names = [str(g) for g in groups] if cjk else english_labels(groups, "group")
    import matplotlib

    cmap = matplotlib.colormaps["tab10"]
    handles = {}
    axes = []
    everything = "全部" if cjk else "all"
    for p, (key, title) in enumerate(zip(keys, titles)):
        ax = fig.add_subplot(nrows, ncols, p + 1, sharey=axes[0] if axes else None)
        axes.append(ax)
        for gi, (g, name) in enumerate(zip(groups, names)):
            pts = sorted((r[x], r["share"], r["low"], r["high"]) for r in rows
                         if r[column] == key and (group is None or r[group] == g)
                         and r["share"] == r["share"])
            if not pts:
                continue
            xs = [pt[0] for pt in pts]
            colour = cmap(gi % 10)
            (line,) = ax.plot(xs, [pt[1] for pt in pts], marker="o", ms=3, lw=1.4,
                              color=colour, label=everything if g is None else name)
            ax.fill_between(xs, [pt[2] for pt in pts], [pt[3] for pt in pts], color=colour,
                            alpha=0.12, lw=0)
            handles.setdefault(everything if g is None else name, line)
        ax.set_title(title, fontsize=10, loc="left")
        ax.tick_params(labelsize=8)
        ax.spines[["top", "right"]].set_visible(False)
        ax.xaxis.get_major_locator().set_params(integer=True)
    if axes:
        axes[0].set_ylim(bottom=0)
    if len(handles) > 1:
        fig.legend(list(handles.values()), list(handles), loc="outside right upper",
                   fontsize=9, frameon=False)
    what = "主题" if column == "theme" else "话题"
    fig.suptitle(_text(f"{what}占比的变化", f"share per {x}, with 95% bootstrap intervals",
                       cjk), fontsize=12)
    _apply_font(fig, fp)
    return fig
