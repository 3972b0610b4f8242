"""Pictures of profiles and topics (needs the ``plot`` extra: matplotlib).

matplotlib is imported on first use; the functions build a
:class:`matplotlib.figure.Figure` without pyplot (no GUI, no global state) and return
it: save it with ``fig.savefig("x.png")`` or show it in a notebook.

Chinese glyphs
--------------
matplotlib's bundled fonts have no Chinese characters, so labels would show as empty
boxes ("tofu").  :func:`find_cjk_font` looks, in this order, for

1. the font file named by the environment variable ``CYBERREPORT_CJK_FONT``;
2. an installed font of a CJK family matplotlib knows: Noto Sans CJK SC, Noto Sans SC,
   Source Han Sans SC/CN, WenQuanYi Micro Hei, WenQuanYi Zen Hei, SimHei, Microsoft
   YaHei, PingFang SC, Hiragino Sans GB, Heiti SC, Droid Sans Fallback, AR PL UMing,
   Noto Sans CJK JP/TC;
3. a known CJK font file in the usual font folders (which also finds a font installed
   after matplotlib built its font cache);

and checks that the font really has Chinese glyphs.  The plots use it for every label.
When none is found, the pictures are drawn with English labels instead (theme and
province names in English, topic ids, other Chinese labels numbered; never empty boxes),
and one warning per process names the fonts to install (on Debian/Ubuntu:
``apt-get install fonts-wqy-microhei``, 1.6 MB, or ``fonts-noto-cjk``).
"""

from __future__ import annotations

import math
import os
import threading
import warnings

from ._deprecation import renamed_param
from ._english import english_labels

__all__ = ["find_cjk_font", "plot_theme_heatmap", "plot_topic_heatmap", "plot_topics"]

CJK_FAMILIES = (
    "Noto Sans CJK SC", "Noto Sans SC", "Source Han Sans SC", "Source Han Sans CN",
    "WenQuanYi Micro Hei", "WenQuanYi Zen Hei", "SimHei", "Microsoft YaHei",
    "PingFang SC", "Hiragino Sans GB", "Heiti SC", "STHeiti", "Droid Sans Fallback",
    "AR PL UMing CN", "AR PL UKai CN", "Noto Sans CJK JP", "Noto Sans CJK TC",
    "Source Han Sans", "Arial Unicode MS",
)
_CJK_FILES = {
    "notosanscjk-regular.ttc", "notosanscjksc-regular.otf", "notosanssc-regular.otf",
    "notosanssc-regular.ttf", "notosanscjk-vf.otf.ttc", "sourcehansanssc-regular.otf",
    "sourcehansanscn-regular.otf", "wqy-microhei.ttc", "wqy-zenhei.ttc", "simhei.ttf",
    "msyh.ttc", "msyh.ttf", "pingfang.ttc", "hiragino sans gb.ttc",
    "droidsansfallbackfull.ttf", "droidsansfallback.ttf", "uming.ttc", "ukai.ttc",
}
_FONT_DIRS = (
    "/usr/share/fonts", "/usr/local/share/fonts", "~/.local/share/fonts", "~/.fonts",
    "/Library/Fonts", "/System/Library/Fonts", "~/Library/Fonts",
    os.path.join(os.environ.get("WINDIR", "C:\\Windows"), "Fonts"),
)
_SAMPLE = "网信安全主题省"
_INSTALL_HINT = (
    "no font with Chinese glyphs was found, so pictures use English labels (themes and "
    "provinces in English, other Chinese labels numbered). For Chinese labels install one "
    "(Debian/Ubuntu: apt-get install fonts-wqy-microhei, or fonts-noto-cjk; conda: conda "
    "install -c conda-forge font-ttf-noto-cjk; macOS and Windows have one), or set "
    "CYBERREPORT_CJK_FONT to the path of a .ttf/.otf/.ttc font file"
)
_LOCK = threading.Lock()
_FOUND: list = []  # [family name or None] once searched


def _mpl():
    try:
        import matplotlib
        from matplotlib.figure import Figure
    except ImportError as exc:
        raise ImportError(
            "cyberreport's plots need matplotlib: pip install 'cyberreport[plot]'"
        ) from exc
    return matplotlib, Figure


def _has_glyphs(path: str) -> bool:
    from matplotlib.ft2font import FT2Font

    try:
        font = FT2Font(path)
        return all(font.get_char_index(ord(c)) for c in _SAMPLE)
    except Exception:  # unreadable or unsupported font file
        return False


def _add_font(path: str) -> str | None:
    from matplotlib import font_manager

    if not _has_glyphs(path):
        return None
    try:
        font_manager.fontManager.addfont(path)
        return font_manager.FontProperties(fname=path).get_name()
    except Exception:
        return None


def _search() -> str | None:
    from matplotlib import font_manager

    env = os.environ.get("CYBERREPORT_CJK_FONT")
    if env:
        name = _add_font(os.path.expanduser(env)) if os.path.isfile(os.path.expanduser(env)) else None
        if name:
            return name
        warnings.warn(f"CYBERREPORT_CJK_FONT={env!r} is not a readable font file with "
                      "Chinese glyphs; looking for an installed CJK font instead",
                      stacklevel=4)
    by_name: dict[str, list[str]] = {}
    for entry in font_manager.fontManager.ttflist:
        by_name.setdefault(entry.name, []).append(entry.fname)
    for family in CJK_FAMILIES:
        for path in sorted(by_name.get(family, ())):
            if os.path.isfile(path) and _has_glyphs(path):
                return family
    for folder in _FONT_DIRS:
        folder = os.path.expanduser(folder)
        if not os.path.isdir(folder):
            continue
        for root, dirs, files in os.walk(folder):
            dirs.sort()
            for f in sorted(files):
                if f.lower() in _CJK_FILES:
                    name = _add_font(os.path.join(root, f))
                    if name:
                        return name
    return None


def find_cjk_font(refresh: bool = False) -> str | None:
    """The family name of a font with Chinese glyphs, or ``None`` (see the module
    documentation for the search order).  The result is cached; ``refresh=True``
    searches again.

    Examples
    --------
    >>> find_cjk_font() is None or isinstance(find_cjk_font(), str)
    True
    """
    _mpl()
    with _LOCK:
        if refresh or not _FOUND:
            _FOUND[:] = [_search()]
        return _FOUND[0]


_WARNED: list = []  # the missing-font warning is given once per process


def _font():
    """``(FontProperties, has_cjk)`` for labels: the CJK font first, then DejaVu Sans
    (for Latin letters and digits the CJK font lacks).  Without a CJK font, DejaVu Sans
    alone, and one warning per process (the pictures then use English labels)."""
    from matplotlib.font_manager import FontProperties

    name = find_cjk_font()
    if name is None:
        with _LOCK:
            first = not _WARNED
            _WARNED.append(True)
        if first:
            warnings.warn(_INSTALL_HINT, stacklevel=3)
        return FontProperties(family=["DejaVu Sans"]), False
    return FontProperties(family=[name, "DejaVu Sans"]), True


def _text(zh: str, en: str, cjk: bool) -> str:
    """A title or axis text: Chinese with its English gloss, or English alone."""
    return f"{zh} ({en})" if cjk else en


def _apply_font(fig, fp) -> None:
    """Give every text of the figure (titles, tick labels, annotations, colour-bar
    labels) the font; new tick labels copy it from the existing ones."""
    from matplotlib.text import Text

    for t in fig.findobj(Text):
        t.set_fontfamily(fp.get_family())
    for ax in fig.axes:
        for axis in (ax.xaxis, ax.yaxis):
            for tick in axis.get_major_ticks() + axis.get_minor_ticks():
                tick.label1.set_fontfamily(fp.get_family())
                tick.label2.set_fontfamily(fp.get_family())


def _clip(s: str, cols: int) -> str:
    from ._display import clip

    return clip(s, cols)


def _theme_names(ids, cjk: bool = True) -> list[str]:
    from .taxonomy import get_theme

    out = []
    for t in ids:
        try:
            theme = get_theme(t)
            out.append(theme.name_zh if cjk else theme.name_en)
        except KeyError:
            out.append(str(t))
    return out if cjk else english_labels(out, "label")


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
    share in per cent, and each row name its group's number of sentences (``n=``).  The image's data (``fig.axes[0].images[0].get_array()``) is exactly
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
    from .analysis import Profile

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
    from .analysis import Profile

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
    from .topics import TopicModel

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
