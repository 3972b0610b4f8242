"""The pictures of the comparative analyses: trends (small multiples with intervals) and
the log-odds-against-frequency picture of a comparison."""

from __future__ import annotations

import os
import re

import pytest

pytest.importorskip("matplotlib")

import cyberreport as cr  # noqa: E402
from cyberreport import plots  # noqa: E402
from cyberreport.taxonomy import get_theme  # noqa: E402

CJK_RE = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def table(records):
    return cr.theme_shares(records, labels="given", n_boot=200, as_frame=False)


def _no_tofu(fig) -> int:
    if plots.find_cjk_font() is None:
        if os.environ.get("CI"):
            pytest.fail("CI has no CJK font: install fonts-wqy-microhei")
        pytest.skip("no CJK font on this machine")
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    fig.canvas.draw()
    checked = 0
    for t in fig.findobj(Text):
        chars = set(CJK_RE.findall(t.get_text()))
        if not chars or not t.get_visible():
            continue
        path = font_manager.findfont(t.get_fontproperties(), fallback_to_default=False)
        font = FT2Font(path)
        assert all(font.get_char_index(ord(c)) for c in chars), (t.get_text(), path)
        checked += 1
    return checked


def test_trends_one_panel_per_theme_one_line_per_province(table):
    fig = cr.trends(table)
    themes = list(dict.fromkeys(r["theme"] for r in table if r["count"] > 0))
    axes = [ax for ax in fig.axes if ax.get_title(loc="left")]
    assert [ax.get_title(loc="left") for ax in axes] == [get_theme(t).name_zh for t in themes]
    for ax, theme in zip(axes, themes):
        for line in ax.get_lines():
            province = line.get_label()
            want = sorted((r["year"], r["share"]) for r in table
                          if r["theme"] == theme and r["province"] == province)
            assert list(zip(line.get_xdata(), line.get_ydata())) == want
    assert _no_tofu(fig) > 13


@pytest.mark.parametrize("themes", ["security", ["security", "digital_economy"]])
def test_trends_of_some_themes(table, themes):
    fig = cr.trends(table, themes=themes)
    n = 1 if isinstance(themes, str) else len(themes)
    assert len([ax for ax in fig.axes if ax.get_title(loc="left")]) == n
    # the band of each line is its interval
    ax = fig.axes[0]
    assert len(ax.collections) == len(ax.get_lines()) == 6


def test_trends_from_records_and_one_group(records, model):
    fig = cr.trends(records[:60], group=None, model=model, n_boot=100)
    ax = fig.axes[0]
    assert len(ax.get_lines()) == 1


def test_trends_from_topic_shares(records):
    tm = cr.TopicModel(n_topics=3, random_state=0)
    t = cr.topic_shares(records, model=tm, n_boot=100, as_frame=False)
    fig = cr.trends(t)
    assert len([ax for ax in fig.axes if ax.get_title(loc="left")]) == 3


@pytest.mark.parametrize("kwargs, exc, match", [
    ({"themes": ["nope"]}, ValueError, r"themes \['nope'\] are not in the table"),
    ({"x": "date"}, ValueError, "the table has no column 'date'"),
    ({"ncols": 0}, ValueError, "ncols must be an int >= 1"),
])
def test_trends_errors(table, kwargs, exc, match):
    with pytest.raises(exc, match=match):
        cr.trends(table, **kwargs)


@pytest.mark.parametrize("top_n", [3, 10])
def test_compare_picture_labels_the_top_terms_of_each_side(records, top_n):
    rows = cr.compare(records, "广东", as_frame=False)
    fig = cr.plot_compare(rows, top_n=top_n, labels=("广东", "其他"))
    ax = fig.axes[0]
    labels = [t.get_text() for t in ax.texts]
    assert labels[:top_n] == [r["term"] for r in rows[:top_n]]
    assert set(labels[top_n:]) == {r["term"] for r in rows[-top_n:]}
    offsets = ax.collections[0].get_offsets()
    assert len(offsets) == len(rows)
    assert _no_tofu(fig) >= 2 * top_n


def test_compare_picture_of_themes_names_them_in_chinese(records):
    rows = cr.compare(records, "贵州", features="themes", labels="given", as_frame=False)
    fig = cr.plot_compare(rows, top_n=1)
    assert get_theme("digital_economy").name_zh in [t.get_text() for t in fig.axes[0].texts]


@pytest.mark.parametrize("bad, exc", [([{"x": 1, "count_a": 1, "count_b": 0}], ValueError),
                                      ("table", TypeError), ([], ValueError)])
def test_compare_picture_errors(bad, exc):
    with pytest.raises(exc):
        cr.plot_compare(bad)


def _drawn_texts(fig):
    import io

    from matplotlib.text import Text

    fig.savefig(io.BytesIO(), format="png")  # draw: tick labels come from the formatters
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_without_a_cjk_font_trends_and_comparisons_are_drawn_in_english(
        monkeypatch, records, table):
    """No Chinese character is drawn (so no empty boxes): themes and provinces in English,
    terms numbered, the rest of a comparison called "rest"; one warning in all."""
    import warnings

    from cyberreport._english import has_cjk

    monkeypatch.setattr(plots._fonts, "_FOUND", [None])
    monkeypatch.setattr(plots._fonts, "_WARNED", [])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figs = [cr.trends(table),
                cr.plot_compare(cr.compare(records, "广东", as_frame=False), top_n=3,
                                labels=("广东", "其他")),
                cr.plot_compare(cr.compare(records, "贵州", features="themes",
                                           labels="given", as_frame=False), top_n=1)]
        texts = [t for f in figs for t in _drawn_texts(f)]
    assert len([w for w in caught if "fonts-wqy-microhei" in str(w.message)]) == 1
    assert not [w for w in caught if "Glyph" in str(w.message)]
    assert not [t for t in texts if has_cjk(t)]
    assert get_theme("digital_economy").name_en in texts
    assert "Guangdong" in texts and "rest" in texts
    assert any(t.startswith("term ") for t in texts)
