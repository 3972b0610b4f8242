"""The report's figures and mentions sections: tables, pictures, page."""

from __future__ import annotations

import csv

import pytest

import cyberreport as cr
from cyberreport.report import write_report


def _csv(path):
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def _check_tables(rep, corpus):
    texts = {p.id: p.text for p in corpus}
    figs = _csv(rep.files["figures_by_group.csv"])
    assert sum(int(r["n_figures"]) for r in figs) == sum(
        len(cr.extract_figures(p.text)) for p in corpus)
    for r in figs:
        for src in r["sources"].split(";"):
            rid, span = src.split(":")
            start, end = map(int, span.split("-"))
            assert cr.extract_figures(texts[rid])  # the id is a record of the input
            assert 0 <= start < end <= len(texts[rid])
    mens = _csv(rep.files["mentions_by_group.csv"])
    assert sum(int(r["n_mentions"]) for r in mens) == sum(
        len(cr.extract_mentions(p.text)) for p in corpus)
    assert {r["group"] for r in mens} <= {p.province for p in corpus}


def test_figure_and_mention_pictures_without_a_cjk_font_are_english(monkeypatch):
    """As the other pictures: no Chinese character drawn without a CJK font."""
    pytest.importorskip("matplotlib")
    import io

    from matplotlib.text import Text

    from cyberreport.plots import _fonts as plots
    from cyberreport._english import has_cjk
    from cyberreport.report._extraction import _plot_indicators, _plot_mentions, _summable

    monkeypatch.setattr(plots, "_FOUND", [None])
    monkeypatch.setattr(plots, "_WARNED", [])
    corpus = cr.load_corpus(bundled="realdev")
    by = {"province": [p.province for p in corpus]}
    fig_rows = cr.figures_table(corpus, by="province", as_frame=False)
    men_rows = cr.mentions_table(corpus, by="province", as_frame=False)
    for r in fig_rows + men_rows:
        r["group"] = r["province"]
    groups = sorted(set(by["province"]))
    n_texts = {g: by["province"].count(g) for g in groups}
    with pytest.warns(UserWarning, match="English labels"):
        figs = [_plot_indicators(_summable(fig_rows), 6),
                _plot_mentions(men_rows, groups, n_texts)]
    texts = []
    for f in figs:
        f.savefig(io.BytesIO(), format="png")
        texts += [t.get_text() for t in f.findobj(Text) if t.get_text()]
    assert texts and not [t for t in texts if has_cjk(t)]
    assert any("Mobile base stations" in t or "removed" in t for t in texts)


def test_report_has_figure_and_mention_pictures(tmp_path):
    pytest.importorskip("matplotlib")
    corpus = cr.load_corpus(bundled="realdev")
    rep = write_report(corpus, tmp_path, n_topics=3)
    for name in ("figures.png", "figures.svg", "mentions_heatmap.png", "mentions_heatmap.svg"):
        assert name in rep.files and rep.files[name].stat().st_size > 1000, name
    assert {"figures", "mentions_heatmap"} <= set(rep.figures)
    page = rep.files["index.html"].read_text("utf-8")
    assert page.count("data:image/png;base64,") == sum(n.endswith(".png") for n in rep.files)
    _check_tables(rep, corpus)
    # the mention heatmap's data are shares of each group's texts
    values = rep.figures["mentions_heatmap"].axes[0].images[0].get_array()
    assert float(values.max()) <= 1.0 and float(values.min()) >= 0.0
