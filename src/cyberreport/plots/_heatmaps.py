"""Heatmaps of profiles (groups × themes, groups × topics) and bar charts of topics."""

from __future__ import annotations

import math

from .._deprecation import renamed_param
from .._english import english_labels
from ._fonts import _apply_font, _clip, _font, _mpl, _text, _theme_names

__all__ = ["plot_theme_heatmap", "plot_topic_heatmap", "plot_topics"]


def _heatmap(values, rows, cols, title, cbar_label, ax, cmap, annotate, dpi, sizes=None):
    """``cols`` and ``title`` are callables of ``cjk`` (whether a CJK font was found);
    ``rows`` are made readable without one by :func:`english_labels`; ``sizes`` (the
    number of sentences of each row) are shown beside the row names."""
    import numpy as np

    _, Figure = _mpl()
    values = np.asarray(values, dtype=float)
    n_rows, n_cols = values.shape
    fp, cjk = _font()
    cols, title = cols(cjk), title(cjk)
    if not cjk:
        rows = english_labels(rows, "group")
    if sizes is not None:
        rows = [f"{r} (n={int(n)})" for r, n in zip(rows, sizes)]
    if ax is None:
        width = 2.6 + 0.62 * n_cols
        height = 2.2 + 0.30 * n_rows
        fig = Figure(figsize=(round(width, 2), round(height, 2)), dpi=dpi, layout="constrained")
        ax = fig.add_subplot()
    else:
        fig = ax.figure
    vmax = float(values.max()) if values.size and values.max() > 0 else 1.0
    im = ax.imshow(values, aspect="auto", cmap=cmap, vmin=0.0, vmax=vmax,
                   interpolation="nearest")
    ax.set_xticks(range(n_cols), labels=cols, rotation=50, ha="right",
                  rotation_mode="anchor", fontsize=9)
    ax.set_yticks(range(n_rows), labels=rows, fontsize=9)
    ax.set_title(title, fontsize=12)
    if annotate and values.size:
        for i in range(n_rows):
            for j in range(n_cols):
                v = values[i, j]
                if v > 0:
                    ax.text(j, i, f"{100 * v:.0f}", ha="center", va="center", fontsize=7,
                            color="white" if v > 0.6 * vmax else "#222222")
    from matplotlib.ticker import PercentFormatter

    cbar = fig.colorbar(im, ax=ax, shrink=0.6, pad=0.02)
    cbar.ax.yaxis.set_major_formatter(PercentFormatter(xmax=1.0, decimals=0))
    cbar.set_label(cbar_label, fontsize=9)
    _apply_font(fig, fp)
    return fig


def plot_theme_heatmap(profile, *, ax=None, cmap: str = "Blues", annotate: bool = True,
                       dpi: int = 100):
    """Heatmap of a profile's group × theme shares.

    Rows are the groups (provinces), columns the themes (Chinese names), colours the
    share of the group's sentences tagged with the theme; cells and colour bar show the
    share in per cent, and each row name its group's number of sentences (``n=``).  The
    image's data (``fig.axes[0].images[0].get_array()``) is exactly
    ``profile.theme_shares``.

    Parameters
    ----------
    profile : Profile
        From :func:`cyberreport.profile`.
    ax : matplotlib Axes, optional
        Draw into this Axes instead of a new figure.
    cmap : str, default="Blues"
    annotate : bool, default=True
        Write the percentages into the cells.
    dpi : int, default=100
        Resolution of a new figure; its pixel size is ``figsize * dpi``.

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_theme_heatmap(prof)
    >>> fig.savefig("themes.png")
    """
    from ..analysis import Profile

    if not isinstance(profile, Profile):
        raise TypeError(f"profile must be a Profile (from cyberreport.profile), got "
                        f"{type(profile).__name__}")
    return _heatmap(profile.theme_shares, list(profile.groups),
                    lambda cjk: _theme_names(profile.themes, cjk),
                    lambda cjk: _text("各地网信工作主题分布", "share of sentences per theme", cjk),
                    "share of the group's sentences (%)", ax, cmap, annotate, dpi,
                    profile.n_sentences)


def plot_topic_heatmap(profile, *, ax=None, cmap: str = "Greens", annotate: bool = True,
                       dpi: int = 100):
    """Heatmap of a profile's group × topic shares (columns: topic id and label).

    Parameters and return value as :func:`plot_theme_heatmap`.
    """
    from ..analysis import Profile

    if not isinstance(profile, Profile):
        raise TypeError(f"profile must be a Profile (from cyberreport.profile), got "
                        f"{type(profile).__name__}")
    if profile.topic_shares is None:
        raise ValueError("this profile has no topic table (made with topic_model=False)")
    def cols(cjk):
        return [f"{t} {lab}" if cjk else f"topic {t}"
                for t, lab in zip(profile.topics, profile.topic_labels)]

    return _heatmap(profile.topic_shares, list(profile.groups), cols,
                    lambda cjk: _text("各地话题分布", "share of sentences per topic", cjk),
                    "share of the group's sentences (%)", ax, cmap, annotate, dpi,
                    profile.n_sentences)


@renamed_param("n_terms", "top_n")
def plot_topics(model, *, top_n: int = 8, ncols: int = 3, dpi: int = 100):
    """Bar charts of the top terms of every topic of a fitted TopicModel.

    One panel per topic, titled with its id, size and label; bars are the terms'
    c-TF-IDF weights, best on top.

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    top_n : int, default=8
    ncols : int, default=3
        Panels per row.
    dpi : int, default=100

    Returns
    -------
    matplotlib.figure.Figure

    Examples
    --------
    >>> fig = plot_topics(tm)
    """
    from ..topics import TopicModel

    if not isinstance(model, TopicModel):
        raise TypeError(f"model must be a fitted TopicModel, got {type(model).__name__}")
    model._check_fitted()
    for name, v in (("top_n", top_n), ("ncols", ncols)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be a positive int, got {v!r}")
    matplotlib, Figure = _mpl()
    fp, cjk = _font()
    topics = model.topics_
    unit_word = ("句" if model.unit == "sentence" else "段") if cjk else (
        "sentences" if model.unit == "sentence" else "texts")
    ncols = min(ncols, max(1, len(topics)))
    nrows = math.ceil(len(topics) / ncols)
    fig = Figure(figsize=(4.4 * ncols, 0.6 + 2.5 * nrows), dpi=dpi, layout="constrained")
    cmap = matplotlib.colormaps["tab20"]
    for i, t in enumerate(topics):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        terms = list(t.terms[:top_n])[::-1]
        ax.barh(range(len(terms)), [w for _, w in terms], color=cmap(i % 20), height=0.7)
        names = [w for w, _ in terms] if cjk else english_labels(
            [w for w, _ in terms][::-1], "term")[::-1]
        ax.set_yticks(range(len(terms)), labels=names, fontsize=9)
        # a panel is about 4.4 inches wide: 22 CJK characters of title at 10 pt
        ax.set_title(_clip(f"主题 {t.id} · {t.size} {unit_word} · {t.label}", 44) if cjk
                     else f"topic {t.id} · {t.size} {unit_word}", fontsize=10, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle(_text("话题及其c-TF-IDF关键词", "topics: top terms by c-TF-IDF" + (
        "" if cjk else "; terms numbered by rank, install a CJK font to see them"), cjk),
        fontsize=12)
    _apply_font(fig, fp)
    return fig
