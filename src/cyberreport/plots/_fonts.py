"""Fonts for the pictures: matplotlib imported on first use, a font with Chinese glyphs
found once (see :mod:`cyberreport.plots` for the search order) and given to every label."""

from __future__ import annotations

import os
import threading
import warnings

from .._english import english_labels

__all__ = ["find_cjk_font"]

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
    from .._optional import import_optional

    matplotlib = import_optional("matplotlib", "cyberreport's plots")
    from matplotlib.figure import Figure

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
    from .._display import clip

    return clip(s, cols)


def _theme_names(ids, cjk: bool = True) -> list[str]:
    from ..taxonomy import get_theme

    out = []
    for t in ids:
        try:
            theme = get_theme(t)
            out.append(theme.name_zh if cjk else theme.name_en)
        except KeyError:
            out.append(str(t))
    return out if cjk else english_labels(out, "label")
