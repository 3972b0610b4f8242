"""The report's comparative sections: trends over the years (with the significant
changes), what sets each group apart (themes and terms), and text reuse.

Each section writes its CSV tables and its pictures into the report
folder and returns its part of the page.  Theme labels, term counts and units are
computed once for all groups.
"""

from __future__ import annotations

import html
from pathlib import Path

import numpy as np

from ._html import html_table, img, save_figure, write_csv

__all__ = ["analysis_sections"]

_MAX_GROUPS = 40        # groups in the comparison tables
_MAX_PICTURES = 4       # comparison pictures (the groups with most texts)
_MIN_TEXTS = 3          # texts a group needs to be compared with the rest
_N_TERMS = 8
_N_PASSAGES = 25


def _fmt(v) -> str:
    return f"{v:+.3f}" if isinstance(v, float) else str(v)


def analysis_sections(records, by: tuple, *, model, out: Path, files: dict,
                      figures: dict, random_state: int) -> list[str]:
    """HTML parts of the trends, comparison and reuse sections (see the module)."""
    from ..analysis._groups import collect, unit_labels

    group = next((b for b in by if b != "year"), None)
    fields = (group, "year") if group else ("year",)
    items = collect(records, fields, "sentence")
    themes, labs = unit_labels(items, "sentence", model, "model", None)
    gvals = np.array([str(it.key[0]) if group and it.key[0] is not None else "" for it in items])
    years = [it.key[-1] for it in items]
    parts = _trends(items, themes, labs, group, gvals, years, out, files, figures,
                    random_state)
    if group:
        parts += _compare(items, themes, labs, group, gvals, out, files, figures,
                          random_state)
    parts += _reuse(records, group or "year", out, files)
    return parts


def _trends(items, themes, labs, group, gvals, years, out, files, figures, seed):
    from ..analysis._compare import _shares
    from ..analysis._shares import theme_rows

    distinct = sorted({y for y in years if isinstance(y, int)})
    if len(distinct) < 2:
        return ["<h2>主题趋势 Trends</h2><p class=\"note\">The records carry fewer than two "
                "years (a <code>year</code> field or a year in the file name), so there is "
                "no trend to show.</p>"]
    by = (group, "year") if group else ("year",)
    rows = theme_rows(items, by, themes, labs, 0.95, 2000, seed)
    cols = [*by, "theme", "share", "low", "high", "count", "n", "n_texts"]
    write_csv(out / "theme_shares.csv", cols, [[r[c] for c in cols] for r in rows])
    files["theme_shares.csv"] = out / "theme_shares.csv"
    parts = ["<h2>主题趋势 Trends</h2>",
             "<p class=\"note\">Share of each group's sentences per theme and year, with "
             "95% bootstrap intervals that resample texts (<code>theme_shares.csv</code>).</p>"]
    from ..plots import trends

    figures["trends"] = trends(rows, group=group)
    save_figure(figures["trends"], out / "trends", files)
    parts.append(img(files["trends.png"], "theme shares over the years"))
    first, last = distinct[:2], distinct[-2:]
    if set(first) & set(last):
        first, last = distinct[:1], distinct[-1:]
    changes = []
    for g in sorted(set(gvals)):
        in_g = gvals == g
        in_a = in_g & np.array([y in last for y in years])
        in_b = in_g & np.array([y in first for y in years])
        if not in_a.any() or not in_b.any():
            continue
        keys = [{"theme": t} for t in themes]
        try:
            res = _shares(items, in_a, in_b, themes, labs, keys, None, 0.95, 2000, seed)
        except ValueError:
            continue
        changes += [[g or "all", r["theme"], r["share_b"], r["share_a"], r["difference"],
                     r["low"], r["high"]] for r in res if r["significant"]]
    header = [group or "group", "theme", f"share {'–'.join(map(str, first))}",
              f"share {'–'.join(map(str, last))}", "change", "low", "high"]
    write_csv(out / "theme_changes.csv", header, changes)
    files["theme_changes.csv"] = out / "theme_changes.csv"
    parts += [f"<h3>Significant changes, {'–'.join(map(str, first))} → "
              f"{'–'.join(map(str, last))}</h3>",
              "<p class=\"note\">Themes whose share moved with a 95% bootstrap interval of "
              "the change that excludes zero (each test on its own; shares are compositional: "
              "one theme rising pushes others down).</p>",
              html_table(header[:5] + ["95% interval"],
                         [[g, t, f"{b:.3f}", f"{a:.3f}", _fmt(d), f"[{lo:+.3f}, {hi:+.3f}]"]
                          for g, t, b, a, d, lo, hi in changes], num_cols=(2, 3, 4))
              if changes else
              "<p>No significant change.</p>"]
    return parts


def _compare(items, themes, labs, group, gvals, out, files, figures, seed):
    from ..analysis._compare import _shares, _term_counts, _terms
    from ..taxonomy import get_theme

    sizes = {g: int((gvals == g).sum()) for g in set(gvals) if g}
    order = [g for g in sorted(sizes, key=lambda g: (-sizes[g], g))[:_MAX_GROUPS]
             if sizes[g] >= _MIN_TEXTS]
    if len(sizes) < 2 or not order:
        return ["<h2>各地特点 What sets each group apart</h2><p class=\"note\">No group "
                f"has {_MIN_TEXTS} texts or more to compare with the others.</p>"]
    counts = _term_counts(items, None)
    theme_rows, term_rows, summary = [], [], []
    keys = [{"theme": t} for t in themes]
    for g in order:
        in_a = gvals == g
        in_b = ~in_a
        res = _shares(items, in_a, in_b, themes, labs, keys, None, 0.95, 2000, seed)
        terms = _terms(counts, in_a, in_b, None, 2)
        terms.sort(key=lambda r: (-r["z"], r["term"]))
        theme_rows += [[g, r["theme"], r["share_a"], r["share_b"], r["difference"], r["low"],
                        r["high"], r["significant"], r["z"]] for r in res]
        term_rows += [[g, r["term"], r["count_a"], r["count_b"], r["log_odds"], r["z"]]
                      for r in terms[:20]]
        over = [f"{get_theme(r['theme']).name_zh} ({r['difference']:+.2f})"
                for r in sorted(res, key=lambda r: -r["difference"])
                if r["significant"] and r["difference"] > 0]
        summary.append([g, sizes[g], "、".join(over) or "-",
                        "、".join(r["term"] for r in terms[:_N_TERMS] if r["z"] > 0) or "-"])
        if g in order[:_MAX_PICTURES]:
            from ..plots import plot_compare

            name = f"compare_{order.index(g) + 1}"
            figures[name] = plot_compare(terms, top_n=10, labels=(g, "其他"))
            save_figure(figures[name], out / name, files)
    write_csv(out / "compare_themes.csv", [group, "theme", "share", "share_rest",
                                           "difference", "low", "high", "significant", "z"],
              theme_rows)
    write_csv(out / "compare_terms.csv", [group, "term", "count", "count_rest", "log_odds",
                                          "z"], term_rows)
    files["compare_themes.csv"] = out / "compare_themes.csv"
    files["compare_terms.csv"] = out / "compare_terms.csv"
    parts = ["<h2>各地特点 What sets each group apart</h2>",
             "<p class=\"note\">Each group against all the others. Themes: over-represented "
             "with a 95% bootstrap interval of the difference of shares that excludes zero "
             "(<code>compare_themes.csv</code>). Terms: the highest z-scores of the weighted "
             "log-odds with an informative Dirichlet prior, Monroe, Colaresi &amp; Quinn "
             "2008 (<code>compare_terms.csv</code>).</p>",
             html_table([group, "texts", "over-represented themes (difference)",
                         "distinctive terms"], summary, num_cols=(1,))]
    for name in sorted(f for f in files if f.startswith("compare_") and f.endswith(".png")):
        parts.append(img(files[name], html.escape(name[:-4])))
    return parts


def _reuse(records, field, out, files):
    from ..analysis import find_reuse, reuse_matrix

    passages = find_reuse(records, progress=False)
    group = {str(r.id): getattr(r, field, None) if not hasattr(r, "get") else r.get(field)
             for r in records}
    cols = ["id_a", "id_b", f"{field}_a", f"{field}_b", "length", "similarity", "passage",
            "passage_b"]
    rows = [[p.id_a, p.id_b, group.get(p.id_a), group.get(p.id_b), p.length, p.similarity,
             p.passage, p.passage_b] for p in passages]
    write_csv(out / "reuse_passages.csv", cols, rows)
    files["reuse_passages.csv"] = out / "reuse_passages.csv"
    parts = ["<h2>文本复用 Text reuse</h2>",
             f"<p class=\"note\">{len(passages)} passages of at least 20 characters shared by "
             "two texts, exactly or with small edits; passages shared by more than 100 texts "
             "are boilerplate and left out (<code>reuse_passages.csv</code>).</p>"]
    if not passages:
        return parts + ["<p>No reused passage.</p>"]
    m = reuse_matrix(passages, records, by=field)
    table = m._table()[1]
    write_csv(out / "reuse_matrix.csv", [field, *m.labels],
              [[r[field], *(r[g] for g in m.labels)] for r in table])
    files["reuse_matrix.csv"] = out / "reuse_matrix.csv"
    longest = sorted(rows, key=lambda r: (-r[4], r[0], r[1]))[:_N_PASSAGES]
    parts += [f"<h3>Passages between groups ({html.escape(field)})</h3>",
              html_table([field, *m.labels], [[r[field], *(r[g] for g in m.labels)]
                                              for r in table],
                         num_cols=tuple(range(1, len(m.labels) + 1))),
              f"<h3>The {len(longest)} longest passages</h3>",
              html_table(["text a", "text b", f"{field} a", f"{field} b", "length",
                          "similarity", "passage"],
                         [[r[0], r[1], r[2], r[3], r[4], f"{r[5]:.2f}",
                           r[6] if len(r[6]) <= 120 else r[6][:119] + "…"] for r in longest],
                         num_cols=(4, 5))]
    return parts
