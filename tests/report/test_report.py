"""Tests for the pictures (cyberreport.plots) and the report (cyberreport.report)."""

from __future__ import annotations

import csv
import os
import re
import struct
import warnings
import xml.etree.ElementTree as ET

import numpy as np
import pytest

pytest.importorskip("matplotlib")

import cyberreport as cr  # noqa: E402
from cyberreport import plots  # noqa: E402
from cyberreport.cli import main  # noqa: E402
from cyberreport.report import write_report  # noqa: E402

CJK_RE = re.compile(r"[\u3400-\u9fff]")


@pytest.fixture(scope="module")
def report(tmp_path_factory):
    out = tmp_path_factory.mktemp("report")
    return write_report(None, out)


def _png_size(path) -> tuple[int, int]:
    data = open(path, "rb").read(33)
    assert data[:8] == b"\x89PNG\r\n\x1a\n", "not a PNG file"
    assert data[12:16] == b"IHDR"
    return struct.unpack(">II", data[16:24])


def _requires_cjk_font():
    if plots.find_cjk_font() is None:
        if os.environ.get("CI"):
            pytest.fail("CI has no CJK font: install fonts-wqy-microhei (see docs/topics.md)")
        pytest.skip("no CJK font on this machine")


# -- the report ---------------------------------------------------------------------------
def test_cli_report_writes_everything(tmp_path, corpus_path, capsys):
    out = tmp_path / "rep"
    assert main(["report", corpus_path, "-o", str(out), "--k", "6"]) == 0
    assert "index.html" in capsys.readouterr().out
    names = {p.name for p in out.iterdir()}
    for stem in ("theme_heatmap", "topic_heatmap", "topics"):
        assert f"{stem}.png" in names and f"{stem}.svg" in names
    for name in ("index.html", "theme_profile.csv", "topic_profile.csv", "topic_info.csv",
                 "topic_theme.csv", "quality.json"):
        assert name in names
    with open(out / "topic_info.csv", encoding="utf-8") as f:
        assert len(list(csv.DictReader(f))) == 6


def test_cli_report_bad_input(tmp_path, capsys):
    assert main(["report", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "o")]) == 2
    assert "no such file" in capsys.readouterr().err
    one = tmp_path / "one.txt"
    one.write_text("开展网络安全检查。\n", "utf-8")
    assert main(["report", str(one), "-o", str(tmp_path / "o"), "--k", "4"]) == 2
    assert "fewer texts than topics" in capsys.readouterr().err


def test_index_html_is_self_contained(report):
    page = (report.out_dir / "index.html").read_text("utf-8")
    assert page.count('src="data:image/png;base64,') == 5   # themes, topics ×2, figures, mentions
    srcs = re.findall(r'(?:src|href)\s*=\s*"([^"]*)"', page)
    assert all(s.startswith(("data:", "#")) for s in srcs), srcs
    assert "http://" not in page and "https://" not in page
    assert "<link" not in page
    # the explorer's script is inline: no script file is loaded
    assert re.findall(r"<script[^>]*>", page) == [
        '<script type="application/json" id="cr-data">', "<script>"]
    assert "浙江" in page and "关键信息基础设施" in page


def test_heatmap_values_equal_profile_table(report):
    prof = report.profile
    fig = report.figures["theme_heatmap"]
    (image,) = fig.axes[0].images
    assert np.array_equal(np.asarray(image.get_array()), prof.theme_shares)
    labels = [t.get_text() for t in fig.axes[0].get_yticklabels()]
    assert labels == [f"{g} (n={int(n)})" for g, n in zip(prof.groups, prof.n_sentences)]
    cbar_ticks = [t.get_text() for t in fig.axes[1].get_yticklabels()]
    assert cbar_ticks and all(t.endswith("%") for t in cbar_ticks if t)
    # and the CSV holds the same table
    with open(report.files["theme_profile.csv"], encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0] == ["group", "n_sentences", *prof.themes]
    assert [r[0] for r in rows[1:]] == prof.groups
    table = np.array([[float(v) for v in r[2:]] for r in rows[1:]])
    assert np.allclose(table, prof.theme_shares, atol=1e-6)
    (timage,) = report.figures["topic_heatmap"].axes[0].images
    assert np.array_equal(np.asarray(timage.get_array()), prof.topic_shares)


@pytest.mark.parametrize("name", ["theme_heatmap", "topic_heatmap", "topics"])
def test_png_is_a_real_image_of_the_expected_size(report, name):
    fig = report.figures[name]
    w, h = _png_size(report.files[f"{name}.png"])
    ew, eh = (fig.get_size_inches() * fig.dpi).round().astype(int)
    assert (w, h) == (ew, eh)
    assert w >= 600 and h >= 600
    svg = ET.parse(report.files[f"{name}.svg"]).getroot()
    assert svg.tag.endswith("svg")


def test_png_is_not_blank(report):
    import matplotlib.image as mpimg

    img = mpimg.imread(report.files["theme_heatmap.png"])
    assert img.ndim == 3 and img[..., :3].std() > 0.05


# -- fonts ----------------------------------------------------------------------------------
@pytest.mark.parametrize("name", ["theme_heatmap", "topics"])
def test_chinese_labels_have_glyphs(report, name):
    """No tofu: every Chinese character drawn is in the font the text resolves to."""
    _requires_cjk_font()
    from matplotlib import font_manager
    from matplotlib.ft2font import FT2Font
    from matplotlib.text import Text

    fig = report.figures[name]
    fig.canvas.draw()
    checked = 0
    for t in fig.findobj(Text):
        chars = set(CJK_RE.findall(t.get_text()))
        if not chars or not t.get_visible():
            continue
        path = font_manager.findfont(t.get_fontproperties(), fallback_to_default=False)
        font = FT2Font(path)
        missing = [c for c in chars if font.get_char_index(ord(c)) == 0]
        assert not missing, (t.get_text(), path)
        checked += 1
    assert checked > 10


def _drawn_texts(fig):
    import io

    from matplotlib.text import Text

    fig.savefig(io.BytesIO(), format="png")  # draw: tick labels come from the formatters
    return [t.get_text() for t in fig.findobj(Text) if t.get_text()]


def test_no_cjk_font_draws_english_labels_with_one_warning(monkeypatch, report):
    """Without a CJK font: never empty boxes (no Chinese character drawn, so matplotlib
    has no glyph to miss), English theme and province names, one warning per process
    however many pictures."""
    from cyberreport._english import has_cjk

    monkeypatch.setattr(plots._fonts, "_FOUND", [None])
    monkeypatch.setattr(plots._fonts, "_WARNED", [])
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        figs = [plots.plot_theme_heatmap(report.profile),
                plots.plot_topic_heatmap(report.profile),
                plots.plot_topics(report.topic_model)]
        texts = [t for f in figs for t in _drawn_texts(f)]
    ours = [w for w in caught if "fonts-wqy-microhei" in str(w.message)]
    assert len(ours) == 1 and "English labels" in str(ours[0].message)
    assert not [w for w in caught if "Glyph" in str(w.message)]
    assert not [t for t in texts if has_cjk(t)]
    assert "Cybersecurity" in texts
    assert any(t.startswith("Beijing (n=") for t in texts)
    assert any(t.startswith("topic ") for t in texts)
    assert figs[0].axes[0].images


def test_env_font_that_is_not_a_font(monkeypatch, tmp_path):
    bad = tmp_path / "not-a-font.ttf"
    bad.write_bytes(b"nothing")
    monkeypatch.setenv("CYBERREPORT_CJK_FONT", str(bad))
    monkeypatch.setattr(plots._fonts, "_FOUND", [])
    with pytest.warns(UserWarning, match="CYBERREPORT_CJK_FONT"):
        plots.find_cjk_font()
    monkeypatch.setattr(plots._fonts, "_FOUND", [])  # forget the result of this odd setting


def test_plot_functions_validate(report):
    with pytest.raises(TypeError, match="Profile"):
        cr.plot_theme_heatmap([[0.1]])
    with pytest.raises(TypeError, match="TopicModel"):
        cr.plot_topics(report.profile)
    with pytest.raises(ValueError, match="top_n"):
        cr.plot_topics(report.topic_model, top_n=0)
    fig = cr.plot_topics(report.topic_model, top_n=5, ncols=2)
    assert len(fig.axes) == report.topic_model.n_topics_
    assert all(len(ax.patches) == 5 for ax in fig.axes)


def test_plain_text_files_are_one_group_each_not_one_per_line(tmp_path):
    """A .txt file is one text per line; without a province field its lines form one
    group named after the file (0.1 made a group, and a heatmap row, of every line)."""
    from cyberreport.report._inputs import texts_and_groups

    paras = [p.text for p in cr.load_corpus()]
    (tmp_path / "2018_report.txt").write_text("\n".join(paras[:12]) + "\n", "utf-8")
    (tmp_path / "news.txt").write_text("\n".join(paras[12:20]) + "\n", "utf-8")
    texts, groups = texts_and_groups([str(tmp_path / "2018_report.txt"),
                                      str(tmp_path / "news.txt")])
    assert len(texts) == 20
    assert sorted(set(groups)) == ["2018_report", "news"]
    # texts given in Python carry no file: each is its own group, named by position
    assert texts_and_groups(paras[:3])[1] == ["1", "2", "3"]
