"""The picture of a comparison: z-scores of the weighted log-odds against frequency,
the most distinctive terms (themes, topics) of each group labelled."""

from __future__ import annotations

import math
from numbers import Integral

from .._validation import Interval, check_value
from .._english import english_labels
from ._fonts import _apply_font, _font, _mpl, _text, _theme_names

__all__ = ["plot_compare"]


def _names(rows, cjk: bool = True) -> list[str]:
    """The label of each row; without a CJK font English (themes), topic ids, or terms
    numbered by their rank in the table."""
    if "term" in rows[0]:
        names = [str(r["term"]) for r in rows]
        return names if cjk else english_labels(names, "term")
    if "theme" in rows[0]:
        return _theme_names([r["theme"] for r in rows], cjk)
    return [f"{r['topic']} {r.get('label', '')}".strip() if cjk else f"topic {r['topic']}"
            for r in rows]


def _spread(ys: list[float], gap: float) -> list[float]:
    """Label heights at least ``gap`` apart, as close to ``ys`` (sorted high to low) as
    that allows."""
    out: list[float] = []
    for y in ys:
        out.append(min(y, out[-1] - gap) if out else y)
    return out


def plot_compare(table, *, top_n: int = 12, labels=("A", "B"), dpi: int = 100):
    """The usual "Fightin' Words" picture of a comparison: each term's z-score (weighted
    log-odds, group A against group B) against its frequency in both groups, with the
    ``top_n`` most distinctive terms of each side labelled.

    Parameters
    ----------
    table : DataFrame or list of dict
        From :func:`cyberreport.compare` (terms, themes or topics).
    top_n : int, default 12
        Labelled terms per side.
    labels : (str, str), default ("A", "B")
        Names of the two groups, for the legend (``("广东", "其他省份")``).
    dpi : int, default 100

    Returns
    -------
    matplotlib.figure.Figure
        Points above the dashed line at z = 1.96 are significantly more frequent in A,
        below -1.96 in B (each term on its own, no correction for many terms).

    Examples
    --------
    >>> import cyberreport as cr
    >>> recs = [cr.Record("a", "开展净网行动，清理网络谣言。", province="广东"),
    ...         cr.Record("b", "推进数字乡村建设，开展网络扶贫。", province="四川")]
    >>> fig = cr.plot_compare(cr.compare(recs, "广东"), labels=("广东", "四川"))
    >>> fig.savefig("compare.png")
    """
    from ..analysis._groups import rows_of

    rows = [r for r in rows_of(table) if r["count_a"] + r["count_b"] > 0]
    check_value("top_n", top_n, [Interval(Integral, 1, None, "left")])
    check_value("dpi", dpi, [Interval(Integral, 1, None, "left")])
    if (not isinstance(labels, (tuple, list)) or len(labels) != 2
            or not all(isinstance(s, str) for s in labels)):
        raise TypeError(f"labels must be two group names, got {labels!r}")
    if not rows:
        raise ValueError("table has no rows with a count to draw")
    if "z" not in rows[0]:
        raise ValueError(f"table must come from cyberreport.compare (columns z, count_a, "
                         f"count_b), got the columns {list(rows[0])}")
    _, Figure = _mpl()
    fp, cjk = _font()
    names = _names(rows, cjk)
    if not cjk:
        labels = tuple("rest" if s == "其他" else e
                       for s, e in zip(labels, english_labels(labels, "group")))
    xs = [math.log10(r["count_a"] + r["count_b"]) for r in rows]
    zs = [float(r["z"]) for r in rows]
    fig = Figure(figsize=(8.5, 6.2), dpi=dpi, layout="constrained")
    ax = fig.add_subplot()
    ax.scatter(xs, zs, s=9, color="#b8b8b8", lw=0, zorder=1)
    order = sorted(range(len(rows)), key=lambda i: -zs[i])
    # labels 8.5 pt high on an axis about 370 pt high: about 1/28 of the y range apart
    span = (max(zs) - min(zs)) or 1.0
    gap = span / 26
    xmax = max(xs) if xs else 1.0
    sides = (("a", [i for i in order[:top_n] if zs[i] > 0], "#c0392b"),
             ("b", [i for i in order[::-1][:top_n] if zs[i] < 0], "#2166ac"))
    # every label on the right, in the order of the points, at least `gap` apart
    labelled = sorted((i for _s, picked, _c in sides for i in picked), key=lambda i: -zs[i])
    where = dict(zip(labelled, _spread([zs[i] for i in labelled], gap)))
    # centre the column of labels on the points it labels
    if labelled:
        shift = (sum(zs[i] for i in labelled) - sum(where.values())) / len(labelled)
        where = {i: y + shift for i, y in where.items()}
    placed_all = list(where.values())
    for side, picked, colour in sides:
        if not picked:
            continue
        ax.scatter([xs[i] for i in picked], [zs[i] for i in picked], s=18, color=colour,
                   zorder=2, label=labels[0] if side == "a" else labels[1])
        for i in picked:
            ax.annotate(names[i], (xs[i], zs[i]), xytext=(xmax + 0.25, where[i]),
                        textcoords="data", fontsize=8.5, color=colour, va="center",
                        arrowprops={"arrowstyle": "-", "color": colour, "lw": 0.4,
                                    "alpha": 0.6})
    for z in (1.96, -1.96):
        ax.axhline(z, color="#888888", lw=0.7, ls="--", zorder=0)
    ax.axhline(0, color="#444444", lw=0.6, zorder=0)
    ax.set_xlim(min(xs) - 0.1, xmax + 1.2)
    low, high = min(zs + placed_all), max(zs + placed_all)
    ax.set_ylim(min(low, -2.2) - gap, max(high, 2.2) + gap)
    ax.set_xlabel(_text("log10 出现次数", "frequency in both groups", cjk), fontsize=9)
    ax.set_ylabel("z (weighted log-odds, informative Dirichlet prior)", fontsize=9)
    ax.set_title(_text(f"{labels[0]} 与 {labels[1]} 的用词差异",
                       "what sets the groups apart", cjk) if cjk
                 else f"{labels[0]} vs {labels[1]}: what sets the groups apart", fontsize=12)
    ax.legend(fontsize=9, frameon=False, loc="lower left")
    ax.spines[["top", "right"]].set_visible(False)
    _apply_font(fig, fp)
    return fig
