"""Pictures of profiles, topics, trends and comparisons (needs the ``plot`` extra:
matplotlib).

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

from ._compare import plot_compare
from ._fonts import find_cjk_font
from ._heatmaps import plot_theme_heatmap, plot_topic_heatmap, plot_topics
from ._trends import trends

__all__ = ["find_cjk_font", "plot_theme_heatmap", "plot_topic_heatmap", "plot_topics",
           "trends", "plot_compare"]
