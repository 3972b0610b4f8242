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
``figures_by_group.csv``    figures summed by group, indicator and unit, with sources
``mentions_by_group.csv``   named campaigns, laws, bodies … counted by group, with sources
``figures.png/.svg``        the indicators most often reported, summed by group
``mentions_heatmap.png/.svg`` group × entity: share of the texts naming each
``theme_shares.csv``        group × year × theme shares with bootstrap intervals (when
                            the records carry at least two years)
``theme_changes.csv``       themes whose share changed significantly between the first
                            and the last years, per group
``trends.png/.svg``         the shares over the years, one panel per theme
``compare_themes.csv``      each group against the rest: shares, difference, interval
``compare_terms.csv``       each group's most distinctive terms (weighted log-odds)
``compare_N.png/.svg``      z against frequency for the groups with most texts
``reuse_passages.csv``      every passage of ≥ 20 characters shared by two texts
``reuse_matrix.csv``        reused passages between groups
``texts.csv``               every text with its group, province, year and themes
``index.html``              everything above on one page, and a table of every text
                            (themes, evidence highlighted; search, filters, sorting);
                            the pictures are embedded as data URIs, so the page needs
                            no other file and no network
==========================  ==============================================================

The pictures need the ``plot`` extra (matplotlib); without it :func:`write_report` stops
before writing anything, with one error line saying how to install it.
"""

from __future__ import annotations

import html
import json
import re
from dataclasses import dataclass, field as _field
from pathlib import Path

from .._deprecation import renamed_param
from ._extraction import extraction_sections
from ._html import CSS, html_table, img, save_figure, write_csv
from ._explorer import CSS as EXPLORER_CSS, explorer_rows, explorer_section
from ._inputs import records_of, texts_and_groups

__all__ = ["write_report", "Report"]

#: The files a report folder holds (some only for some inputs: ``topic_theme.csv`` for
#: labelled corpora, the trends for several years, …), besides ``compare_N.png/.svg``.
REPORT_FILES = (
    "theme_profile.csv", "topic_profile.csv", "topic_info.csv", "topic_theme.csv",
    "quality.json", "texts.csv", "theme_shares.csv", "theme_changes.csv",
    "compare_themes.csv", "compare_terms.csv", "reuse_passages.csv", "reuse_matrix.csv",
    "figures_by_group.csv", "mentions_by_group.csv", "index.html",
    *(f"{name}.{ext}" for name in ("theme_heatmap", "topic_heatmap", "topics", "trends",
                                   "figures", "mentions_heatmap") for ext in ("png", "svg")),
)
_NUMBERED = re.compile(r"compare_\d+\.(png|svg)")


def _is_report_file(name: str) -> bool:
    return name in REPORT_FILES or _NUMBERED.fullmatch(name) is not None


def check_report_folder(out: Path, source=None) -> None:
    """Refuse, before any work, a report folder that is a file, that holds other files
    than a report's (a report is written only into a new or empty folder, or over an
    earlier report), or one of whose report files is an input."""
    import os

    from ..stream._file import check_outputs

    if out.exists() and not out.is_dir():
        raise FileExistsError(f"cannot write a report to {str(out)!r}: it is a file")
    if out.is_dir():
        others = sorted(n for n in os.listdir(out) if not _is_report_file(n))
        if others:
            shown = ", ".join(others[:3]) + (", …" if len(others) > 3 else "")
            raise FileExistsError(
                f"cannot write a report to {str(out)!r}: the folder holds other files than a "
                f"cyberreport report ({shown}); nothing was changed (choose a new or empty "
                "folder)")
    if isinstance(source, (str, os.PathLike)):
        source = [source]
    if isinstance(source, (list, tuple)) and all(isinstance(x, (str, os.PathLike)) for x in source):
        check_outputs([out / n for n in REPORT_FILES], [os.fspath(x) for x in source])


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
        ``"theme_heatmap"``, ``"topic_heatmap"``, ``"topics"``, ``"trends"``,
        ``"compare_1"`` …, ``"figures"``, ``"mentions_heatmap"`` -> matplotlib Figure.
    """

    out_dir: Path
    files: dict = _field(default_factory=dict)
    profile: object = None
    topic_model: object = None
    quality: object = None
    figures: dict = _field(default_factory=dict)


@renamed_param("field", "text_field")
def write_report(corpus_or_path=None, out_dir="cyberreport-report", *, n_topics="auto",
                 unit: str = "sentence", random_state: int = 0, model=None,
                 text_field: str = "text", by="province", id_field: str = "id",
                 progress: bool | None = None) -> Report:
    """Write tables, pictures and a self-contained ``index.html`` for a corpus.

    Parameters
    ----------
    corpus_or_path : Corpus, sequence of texts or Records, path, or list of paths, optional
        What to report on: a corpus JSONL (records with ``sentences``: theme labels and
        provinces come along), any file or folder :func:`~cyberreport.iter_records`
        reads, or texts; ``None`` uses the bundled corpus.
    out_dir : str or Path
        Output folder: a new or empty folder, or one holding an earlier report (whose
        files are replaced).  A folder holding any other file is refused before any
        work, and so is a report file that is one of the inputs.
    n_topics, unit, random_state
        Passed to :class:`~cyberreport.TopicModel`.
    model : ThemeClassifier, str or Path, optional
        Theme classifier or a model folder (default ``cyberreport.load_model()``).
    text_field : str, default="text"
        Field (column) holding the text (``field`` in 0.1).
    by : str or tuple of str, default="province"
        The record field that names each text's group (when the field is missing:
        the file the text came from, else its id); ``"province,year"`` or ``("province", "year")`` also draws the trends
        of the groups over the years.  Records with at least two years get the trends
        section whatever ``by`` says.
    id_field : str, default="id"
        Field (column) holding the record id.
    progress : bool, optional
        Show which step the report is at (default: on a terminal or in a notebook).

    Returns
    -------
    Report

    Raises
    ------
    FileExistsError
        If ``out_dir`` is a file or holds other files than a report's.
    ValueError
        If a file the report would write is one of the input files.

    Examples
    --------
    >>> rep = write_report(None, "out", n_topics=6)
    >>> "index.html" in rep.files
    True
    """
    from .._optional import import_optional

    # before any work: a missing plotting extra is one line, not a traceback after the
    # tables were written
    import_optional("matplotlib", "write_report (the report's pictures)", extra="plot")
    from .._about import __version__
    from .._progress import progress_steps
    from ..analysis import profile, similar
    from ..analysis._groups import check_by
    from ..plots import find_cjk_font, plot_theme_heatmap, plot_topic_heatmap, plot_topics
    from ..taxonomy import get_theme
    from ..topics import TopicModel, topic_quality
    from ._sections import analysis_sections

    if model is None or not hasattr(model, "predict"):
        from ..persistence import load_model

        model = load_model(model)
    fields = check_by(by) or ("province",)
    out = Path(out_dir)
    check_report_folder(out, corpus_or_path)
    steps = progress_steps(progress, "report")
    steps.say("reading")
    records = records_of(corpus_or_path, text_field=text_field, id_field=id_field)
    profile_by = next((b for b in fields if b != "year"), fields[0])
    texts, groups = texts_and_groups(None, by=profile_by, records=records)
    if not texts:
        raise ValueError("the input has no text to report on")
    out.mkdir(parents=True, exist_ok=True)
    steps.say("themes and topics")
    tm = TopicModel(n_topics=n_topics, unit=unit, random_state=random_state)
    prof = profile(texts, groups, model=model, topic_model=tm)
    steps.say("topic quality")
    quality = topic_quality(tm, texts)
    steps.say("texts")
    theme_ids = tuple(model.classes_)
    classified = model.classify_many([x.text for x in records], progress=False)
    text_rows = explorer_rows(records, groups, classified, theme_ids)
    rep = Report(out_dir=out, profile=prof, topic_model=tm, quality=quality)
    files = rep.files

    # -- tables ----------------------------------------------------------------------
    prof.to_csv(out / "theme_profile.csv", "themes")
    prof.to_csv(out / "topic_profile.csv", "topics")
    files["theme_profile.csv"] = out / "theme_profile.csv"
    files["topic_profile.csv"] = out / "topic_profile.csv"
    info = tm.to_dict()
    write_csv(out / "topic_info.csv",
               ["topic", "label", "size", "share", "terms", "representative"],
               [[r["topic"], r["label"], r["size"], f"{r['share']:.6f}", r["terms"],
                 r["representative"]] for r in info])
    files["topic_info.csv"] = out / "topic_info.csv"
    if quality.topic_theme is not None:
        write_csv(out / "topic_theme.csv", ["topic", *quality.theme_ids],
                   [[t, *map(int, row)] for t, row in zip(quality.topic_ids, quality.topic_theme)])
        files["topic_theme.csv"] = out / "topic_theme.csv"
    with open(out / "quality.json", "w", encoding="utf-8") as f:
        json.dump({"n_topics": tm.n_topics_, "unit": unit, **quality.to_dict()}, f,
                  ensure_ascii=False, indent=1)
    files["quality.json"] = out / "quality.json"
    write_csv(out / "texts.csv", ["id", "group", "province", "year", "themes", "text"],
              [[r["id"], r["group"], r["province"], r["year"],
                ";".join(theme_ids[i] for i, _ in r["themes"]), r["text"]]
               for r in text_rows])
    files["texts.csv"] = out / "texts.csv"

    # -- pictures ----------------------------------------------------------------------
    steps.say("pictures")
    rep.figures = {
        "theme_heatmap": plot_theme_heatmap(prof),
        "topic_heatmap": plot_topic_heatmap(prof),
        "topics": plot_topics(tm),
    }
    for name, fig in rep.figures.items():
        save_figure(fig, out / name, files)
    steps.say("trends, comparisons and reuse")
    sections = analysis_sections(records, fields, model=model, out=out, files=files,
                                 figures=rep.figures, random_state=random_state)

    def picture(name: str, alt: str) -> str:
        return img(files[name], alt) if name in files else ""

    steps.say("figures and mentions")
    extraction = extraction_sections(records, groups, out, files, rep.figures, True)

    # -- the page ------------------------------------------------------------------------
    n_sent = int(prof.n_sentences.sum())
    parts = [
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\">",
        "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">",
        "<title>cyberreport: 网信工作主题与话题报告</title>",
        f"<style>{CSS}{EXPLORER_CSS}</style></head><body>",
        "<h1>网信工作主题与话题报告 <small>(cyberreport report)</small></h1>",
        f"<p>{len(texts)} texts, {len(prof.groups)} groups, {n_sent} sentences; "
        f"{tm.n_topics_} topics (unit: {html.escape(unit)}, n_topics="
        f"{html.escape(str(n_topics))}, random_state={random_state}).</p>",
        "<p class=\"note\"><a href=\"#texts\">文本浏览 Explore the texts</a>: every "
        "text with its themes and evidence, to search, filter and sort.</p>",
        "<h2>话题质量 Topic quality</h2>",
        html_table(
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
        picture("theme_heatmap.png", "group × theme shares"),
        "<h2>话题 Topics</h2>",
        picture("topics.png", "top terms of every topic (c-TF-IDF)"),
        html_table(["topic", "label", "size", "terms", "representative sentence"],
                    [[r["topic"], r["label"], r["size"], r["terms"], r["representative"]]
                     for r in info], num_cols=(0, 2)),
        "<h2>各地话题分布 Topic profile</h2>",
        picture("topic_heatmap.png", "group × topic shares"),
        *extraction,
    ]
    if quality.topic_theme is not None:
        names = [get_theme(t).name_zh for t in quality.theme_ids]
        parts += [
            "<h2>话题与主题 Topics × themes</h2>",
            "<p class=\"note\">Labelled sentences of each topic per theme "
            "(<code>topic_theme.csv</code>).</p>",
            html_table(["topic", *names, "total"],
                        [[t, *map(int, row), int(sum(row))]
                         for t, row in zip(quality.topic_ids, quality.topic_theme)],
                        num_cols=tuple(range(1, len(names) + 2))),
        ]
    if len(prof.groups) > 1:
        rows = []
        for g in prof.groups:
            sims = similar(prof, g, top_n=min(3, len(prof.groups) - 1))
            rows.append([g, "、".join(f"{h} ({s:.2f})" for h, s in sims)])
        parts += ["<h2>相似地区 Most similar groups</h2>",
                  "<p class=\"note\">Cosine similarity of the theme shares.</p>",
                  html_table(["group", "most similar (cosine)"], rows)]
    parts += sections
    parts.append(explorer_section(text_rows, theme_ids))
    font = find_cjk_font()
    steps.done()
    parts.append(
        f"<p class=\"note\">cyberreport {html.escape(__version__)}; plot font: "
        f"{html.escape(font or 'none with Chinese glyphs found')}. SVG versions of the "
        "pictures are in this folder.</p></body></html>")
    (out / "index.html").write_text("".join(parts), encoding="utf-8")
    files["index.html"] = out / "index.html"
    return rep
