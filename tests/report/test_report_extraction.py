"""The report's figures and mentions sections, with and without matplotlib."""

from __future__ import annotations

import csv
import sys

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


def test_report_without_matplotlib_is_still_written(tmp_path, monkeypatch):
    monkeypatch.setitem(sys.modules, "matplotlib", None)   # "import matplotlib" fails
    corpus = cr.load_corpus()
    rep = write_report(corpus, tmp_path, n_topics=3)
    assert "index.html" in rep.files and rep.figures == {}
    assert not any(name.endswith(".png") for name in rep.files)
    page = rep.files["index.html"].read_text("utf-8")
    assert "数字指标 Figures" in page and "Mentions" in page
    assert "need matplotlib" in page
    _check_tables(rep, corpus)


def test_report_has_figure_and_mention_pictures(tmp_path):
    pytest.importorskip("matplotlib")
    corpus = cr.load_corpus(bundled="realdev")
    rep = write_report(corpus, tmp_path, n_topics=3)
    for name in ("figures.png", "figures.svg", "mentions_heatmap.png", "mentions_heatmap.svg"):
        assert name in rep.files and rep.files[name].stat().st_size > 1000, name
    assert {"figures", "mentions_heatmap"} <= set(rep.figures)
    page = rep.files["index.html"].read_text("utf-8")
    assert page.count("data:image/png;base64,") == 5
    _check_tables(rep, corpus)
    # the mention heatmap's data are shares of each group's texts
    values = rep.figures["mentions_heatmap"].axes[0].images[0].get_array()
    assert float(values.max()) <= 1.0 and float(values.min()) >= 0.0
