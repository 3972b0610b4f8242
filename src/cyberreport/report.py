"""A report folder an analyst can open: tables, pictures and one self-contained page.

:func:`write_report` profiles a corpus by group (province), finds its topics, and
writes into ``out_dir``:

==========================  ==============================================================
``theme_profile.csv``       group × theme shares (from the theme classifier)
``topic_profile.csv``       group × topic shares
``topic_info.csv``          one row per topic: id, label, size, share, terms, example
``topic_theme.csv``         topic × theme sentence counts (labelled corpora only)
``quality.json``            NPMI, diversity, stability, NMI (see ``topic_quality``)
``theme_heatmap.png/.svg``  the theme profile as a heatmap
``topic_heatmap.png/.svg``  the topic profile as a heatmap
``topics.png/.svg``         the top terms of every topic
``index.html``              everything above on one page; the pictures are embedded as
                            data URIs, so the page needs no other file and no network
==========================  ==============================================================

The pictures need the ``plot`` extra (matplotlib).
"""

from __future__ import annotations

import base64
import csv
import html
import json
import os
from dataclasses import dataclass, field as _field
from pathlib import Path

__all__ = ["write_report", "read_texts", "Report"]


@dataclass
class Report:
    """What :func:`write_report` wrote.

    Attributes
    ----------
    out_dir : Path
    files : dict
        Name (``"index.html"``, ``"theme_heatmap.png"`` …) -> path.
    profile : Profile
    topic_model : TopicModel
    quality : TopicQuality
    figures : dict
        ``"theme_heatmap"``, ``"topic_heatmap"``, ``"topics"`` -> matplotlib Figure.
    """

    out_dir: Path
    files: dict = _field(default_factory=dict)
    profile: object = None
    topic_model: object = None
    quality: object = None
    figures: dict = _field(default_factory=dict)


def _first_object(path: str) -> dict | None:
    try:
        with open(path, encoding="utf-8") as f:
            for line in f:
                if line.strip():
                    obj = json.loads(line)
                    return obj if isinstance(obj, dict) else None
    except (OSError, UnicodeDecodeError, json.JSONDecodeError):
        return None
    return None


def read_texts(source, *, field: str = "text"):
    """Texts and their groups from a corpus, a list, or a file.

    Parameters
    ----------
    source : Corpus, sequence of str or Paragraph, or path
        A path may name a corpus JSONL (records with ``sentences``: loaded with
        :func:`cyberreport.load_corpus`, so theme labels and provinces come along), a
        JSONL file with a ``text`` field (and optionally ``province`` or ``group``), a
        .txt file with one text per line, a folder of .txt files, or ``-`` (stdin).
    field : str, default="text"
        The JSONL field holding the text.

    Returns
    -------
    (texts, groups)
        ``texts`` is a list of str or of Paragraph; ``groups`` one name per text
        (province, group field, or the record id).

    Examples
    --------
    >>> texts, groups = read_texts(load_corpus())   # doctest: +SKIP
    >>> groups[:2]                                   # doctest: +SKIP
    ['北京', '天津']
    """
    from .cli import iter_records
    from .corpus import Paragraph, load_corpus

    if isinstance(source, (str, os.PathLike)):
        path = os.fspath(source)
        if path != "-" and os.path.isfile(path) and path.endswith((".jsonl", ".ndjson")):
            first = _first_object(path)
            if first is not None and "sentences" in first:
                corpus = load_corpus(path)
                return list(corpus), corpus.groups
        records = list(iter_records(path, field=field))
        groups = [r.id for r in records]
        if path != "-" and os.path.isfile(path) and records and records[0].line is not None:
            by_line = {}
            with open(path, encoding="utf-8") as f:
                for lineno, line in enumerate(f, 1):
                    if line.lstrip().startswith("{"):
                        try:
                            obj = json.loads(line)
                        except json.JSONDecodeError:
                            continue
                        if isinstance(obj, dict):
                            g = obj.get("province") or obj.get("group")
                            if isinstance(g, str) and g:
                                by_line[lineno] = g
            groups = [by_line.get(r.line, r.id) for r in records]
        return [r.text for r in records], groups
    if isinstance(source, bytes):
        raise TypeError("source must be a corpus, a sequence of texts or a path, got bytes")
    items = list(source)
    if items and all(isinstance(x, Paragraph) for x in items):
        return items, [p.province or p.id for p in items]
    return items, [str(i + 1) for i in range(len(items))]


def _write_csv(path: Path, header, rows) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        w = csv.writer(f)
        w.writerow(header)
        w.writerows(rows)


def _save(fig, base: Path, files: dict) -> None:
    import warnings

    with warnings.catch_warnings():
        # _font() has already warned once if no CJK font exists; matplotlib would
        # otherwise add one warning per missing glyph.
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(base.with_suffix(".png"), dpi=fig.dpi, metadata={"Software": None})
        fig.savefig(base.with_suffix(".svg"), metadata={"Date": None})
    files[base.name + ".png"] = base.with_suffix(".png")
    files[base.name + ".svg"] = base.with_suffix(".svg")


def _img(path: Path, alt: str) -> str:
    data = base64.b64encode(path.read_bytes()).decode("ascii")
    return (f'<figure><img alt="{html.escape(alt)}" src="data:image/png;base64,{data}">'
            f'<figcaption>{html.escape(alt)}</figcaption></figure>')


def _html_table(header, rows, num_cols=()) -> str:
    out = ["<table><thead><tr>"]
    out += [f"<th>{html.escape(str(h))}</th>" for h in header]
    out.append("</tr></thead><tbody>")
    for r in rows:
        out.append("<tr>")
        for j, v in enumerate(r):
            cls = ' class="num"' if j in num_cols else ""
            out.append(f"<td{cls}>{html.escape(str(v))}</td>")
        out.append("</tr>")
    out.append("</tbody></table>")
    return "".join(out)


_CSS = """
body{font-family:"Noto Sans CJK SC","Source Han Sans SC","PingFang SC","Microsoft YaHei",
"WenQuanYi Micro Hei",sans-serif;margin:2em auto;max-width:1200px;color:#222;line-height:1.5}
h1{font-size:1.6em}h2{font-size:1.25em;border-bottom:1px solid #ddd;padding-bottom:.2em;margin-top:2em}
table{border-collapse:collapse;font-size:.9em;margin:.5em 0}
th,td{border:1px solid #ddd;padding:.25em .5em;vertical-align:top;text-align:left}
th{background:#f3f5f8}td.num{text-align:right;font-variant-numeric:tabular-nums}
figure{margin:1em 0}img{max-width:100%;height:auto;border:1px solid #eee}
figcaption{color:#666;font-size:.85em}.note{color:#555;font-size:.9em}
"""


def write_report(corpus_or_path=None, out_dir="cyberreport-report", *, n_topics="auto",
                 unit: str = "sentence", random_state: int = 0, model=None,
                 field: str = "text") -> Report:
    """Write tables, pictures and a self-contained ``index.html`` for a corpus.

    Parameters
    ----------
    corpus_or_path : Corpus, sequence of texts, or path, optional
        What to report on (see :func:`read_texts`); ``None`` uses the bundled corpus.
    out_dir : str or Path
        Output folder; created if needed, files in it are overwritten.
    n_topics, unit, random_state
        Passed to :class:`~cyberreport.TopicModel`.
    model : ThemeClassifier, optional
        Theme classifier (default ``cyberreport.load_model()``).
    field : str, default="text"
        JSONL field holding the text.

    Returns
    -------
    Report

    Examples
    --------
    >>> rep = write_report(None, "out")          # doctest: +SKIP
    >>> sorted(rep.files)[:2]                    # doctest: +SKIP
    ['index.html', 'quality.json']
    """
    from . import __version__
    from .corpus import load_corpus
    from .plots import find_cjk_font, plot_theme_heatmap, plot_topic_heatmap, plot_topics
    from .profiles import profile, similar
    from .taxonomy import get_theme
    from .topics import TopicModel, topic_quality

    if corpus_or_path is None:
        corpus_or_path = load_corpus()
    texts, groups = read_texts(corpus_or_path, field=field)
    if not texts:
        raise ValueError("the input has no text to report on")
    out = Path(out_dir)
    out.mkdir(parents=True, exist_ok=True)
    tm = TopicModel(n_topics=n_topics, unit=unit, random_state=random_state)
    prof = profile(texts, groups, model=model, topic_model=tm)
    quality = topic_quality(tm, texts)
    rep = Report(out_dir=out, profile=prof, topic_model=tm, quality=quality)
    files = rep.files

    # -- tables ----------------------------------------------------------------------
    prof.to_csv(out / "theme_profile.csv", "themes")
    prof.to_csv(out / "topic_profile.csv", "topics")
    files["theme_profile.csv"] = out / "theme_profile.csv"
    files["topic_profile.csv"] = out / "topic_profile.csv"
    info = tm.get_topic_info(as_frame=False)
    _write_csv(out / "topic_info.csv",
               ["topic", "label", "size", "share", "terms", "representative"],
               [[r["topic"], r["label"], r["size"], f"{r['share']:.6f}", r["terms"],
                 r["representative"]] for r in info])
    files["topic_info.csv"] = out / "topic_info.csv"
    if quality.topic_theme is not None:
        _write_csv(out / "topic_theme.csv", ["topic", *quality.theme_ids],
                   [[t, *map(int, row)] for t, row in zip(quality.topic_ids, quality.topic_theme)])
        files["topic_theme.csv"] = out / "topic_theme.csv"
    with open(out / "quality.json", "w", encoding="utf-8") as f:
        json.dump({"n_topics": tm.n_topics_, "unit": unit, **quality.to_dict()}, f,
                  ensure_ascii=False, indent=1)
    files["quality.json"] = out / "quality.json"

    # -- pictures ----------------------------------------------------------------------
    rep.figures = {
        "theme_heatmap": plot_theme_heatmap(prof),
        "topic_heatmap": plot_topic_heatmap(prof),
        "topics": plot_topics(tm),
    }
    for name, fig in rep.figures.items():
        _save(fig, out / name, files)

    # -- the page ------------------------------------------------------------------------
    n_sent = int(prof.n_sentences.sum())
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>cyberreport: 网信工作主题与话题报告</title>",
        f"<style>{_CSS}</style></head><body>",
        "<h1>网信工作主题与话题报告 <small>(cyberreport report)</small></h1>",
        f"<p>{len(texts)} texts, {len(prof.groups)} groups, {n_sent} sentences; "
        f"{tm.n_topics_} topics (unit: {html.escape(unit)}, n_topics="
        f"{html.escape(str(n_topics))}, random_state={random_state}).</p>",
        "<h2>话题质量 Topic quality</h2>",
        _html_table(
            ["measure", "value"],
            [["NPMI coherence (top-10, within sentences)", f"{quality.npmi:.3f}"],
             ["topic diversity (top-10)", f"{quality.diversity:.3f}"],
             [f"stability (mean ARI, {len(quality.stability_per_seed)} seeds)",
              f"{quality.stability:.3f}"]]
            + ([["NMI topic vs labelled themes", f"{quality.nmi:.3f}"]]
               if quality.nmi is not None else []),
            num_cols=(1,)),
        "<h2>各地主题分布 Theme profile</h2>",
        "<p class=\"note\">Share of each group's sentences that the theme classifier tags "
        "with each theme (a sentence counts for every theme it is tagged with). "
        "Table: <code>theme_profile.csv</code>; picture: <code>theme_heatmap.svg</code>.</p>",
        _img(files["theme_heatmap.png"], "group × theme shares"),
        "<h2>话题 Topics</h2>",
        _img(files["topics.png"], "top terms of every topic (c-TF-IDF)"),
        _html_table(["topic", "label", "size", "terms", "representative sentence"],
                    [[r["topic"], r["label"], r["size"], r["terms"], r["representative"]]
                     for r in info], num_cols=(0, 2)),
        "<h2>各地话题分布 Topic profile</h2>",
        _img(files["topic_heatmap.png"], "group × topic shares"),
    ]
    if quality.topic_theme is not None:
        names = [get_theme(t).name_zh for t in quality.theme_ids]
        parts += [
            "<h2>话题与主题 Topics × themes</h2>",
            "<p class=\"note\">Labelled sentences of each topic per theme "
            "(<code>topic_theme.csv</code>).</p>",
            _html_table(["topic", *names, "total"],
                        [[t, *map(int, row), int(sum(row))]
                         for t, row in zip(quality.topic_ids, quality.topic_theme)],
                        num_cols=tuple(range(1, len(names) + 2))),
        ]
    if len(prof.groups) > 1:
        rows = []
        for g in prof.groups:
            sims = similar(prof, g, k=min(3, len(prof.groups) - 1))
            rows.append([g, "、".join(f"{h} ({s:.2f})" for h, s in sims)])
        parts += ["<h2>相似地区 Most similar groups</h2>",
                  "<p class=\"note\">Cosine similarity of the theme shares.</p>",
                  _html_table(["group", "most similar (cosine)"], rows)]
    font = find_cjk_font()
    parts.append(
        f"<p class=\"note\">cyberreport {html.escape(__version__)}; plot font: "
        f"{html.escape(font or 'none with Chinese glyphs found')}. SVG versions of the "
        "pictures are in this folder.</p></body></html>")
    (out / "index.html").write_text("".join(parts), encoding="utf-8")
    files["index.html"] = out / "index.html"
    return rep
