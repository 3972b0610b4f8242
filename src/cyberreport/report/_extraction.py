"""The report's figures and mentions: tables by group, their pictures and page sections."""

from __future__ import annotations

from collections import Counter, defaultdict
from pathlib import Path

from ..extract import figures_table, mentions_table
from ..extract._indicators import PERCENT_UNITS
from ..io import Record
from ._html import html_table, img, save_figure, write_csv

__all__ = ["extraction_sections"]

_TOP_INDICATORS = 6
# measure words in English picture titles (a unit not listed is numbered)
_UNIT_EN = {"": "no unit", "条": "items", "个": "count", "件": "items", "家": "units",
            "人次": "person-times", "次": "times", "元": "yuan", "人": "people", "名": "people",
            "户": "households", "场": "events", "期": "sessions", "项": "items", "款": "apps",
            "起": "cases", "篇": "articles", "所": "schools", "处": "sites"}
_TOP_ENTITIES = 20


def _records(texts, groups) -> list[Record]:
    out = []
    for i, (t, g) in enumerate(zip(texts, groups)):
        rid = getattr(t, "id", None) or str(i + 1)
        out.append(Record(str(rid), t if isinstance(t, str) else t.text, fields={"group": g}))
    return out


def _fmt(v: float) -> str:
    return f"{v:,.0f}" if v == int(v) else f"{v:,.2f}"


def _sources(rows) -> str:
    return ";".join(f"{s['id']}:{s['start']}-{s['end']}" for s in rows)


def _summable(fig_rows) -> dict:
    """indicator -> (unit, {group: sum}) for the unit most figures of it have (rates and
    'other' left out)."""
    counts: Counter = Counter()
    for r in fig_rows:
        if r["indicator"] != "other" and r["unit"] not in PERCENT_UNITS:
            counts[(r["indicator"], r["unit"])] += r["n_figures"]
    best: dict = {}
    for (ind, unit), n in counts.most_common():
        if ind not in best:
            best[ind] = (unit, n)
    out = {}
    for ind, (unit, _n) in sorted(best.items(), key=lambda kv: -kv[1][1]):
        sums: dict = defaultdict(float)
        for r in fig_rows:
            if r["indicator"] == ind and r["unit"] == unit:
                sums[r["group"]] += r["value"]
        out[ind] = (unit, dict(sums))
    return out


def _plot_indicators(summable, top: int):
    """Bars of the indicators most often reported, summed by group; Chinese names with a
    CJK font, English ones without (as the other pictures)."""
    from .._english import english_labels
    from ..extract._indicators import indicator_names
    from ..plots._fonts import _apply_font, _font, _mpl

    matplotlib, Figure = _mpl()
    items = list(summable.items())[:top]
    if not items:
        return None
    fp, cjk = _font()
    names = {ind: indicator_names(ind)[0 if cjk else 1] for ind, _ in items}
    ncols = min(3, len(items))
    nrows = -(-len(items) // ncols)
    fig = Figure(figsize=(4.6 * ncols, 0.8 + 2.9 * nrows), dpi=100, layout="constrained")
    cmap = matplotlib.colormaps["tab10"]
    for i, (ind, (unit, sums)) in enumerate(items):
        ax = fig.add_subplot(nrows, ncols, i + 1)
        groups = sorted(sums, key=lambda g: sums[g])[-12:]
        ax.barh(range(len(groups)), [sums[g] for g in groups], color=cmap(i % 10), height=0.7)
        ax.set_yticks(range(len(groups)),
                      labels=groups if cjk else english_labels(groups, "group"), fontsize=8)
        ax.set_title(f"{names[ind]}（{unit or '无单位'}）" if cjk
                     else f"{names[ind]} ({_UNIT_EN.get(unit, 'unit ' + str(i + 1))})",
                     fontsize=10, loc="left")
        ax.tick_params(axis="x", labelsize=7)
        ax.spines[["top", "right"]].set_visible(False)
    fig.suptitle("各地主要数字指标 (figures summed by group; largest 12 groups)" if cjk
                 else "Figures summed by group (largest 12 groups)", fontsize=12)
    _apply_font(fig, fp)
    return fig


def _plot_mentions(men_rows, groups_order, n_texts):
    import numpy as np

    from ..plots._heatmaps import _heatmap

    totals: Counter = Counter()
    label, label_en = {}, {}
    for r in men_rows:
        totals[r["entity"]] += r["n_texts"]
        label[r["entity"]] = r["name_zh"]
        label_en[r["entity"]] = r["name_en"]
    entities = [e for e, _ in totals.most_common(_TOP_ENTITIES)]
    if not entities:
        return None
    values = np.zeros((len(groups_order), len(entities)))
    gi = {g: i for i, g in enumerate(groups_order)}
    ei = {e: j for j, e in enumerate(entities)}
    for r in men_rows:
        if r["entity"] in ei:
            values[gi[r["group"]], ei[r["entity"]]] = r["n_texts"] / max(1, n_texts[r["group"]])
    return _heatmap(values, list(groups_order),
                    lambda cjk: [(label if cjk else label_en)[e] for e in entities],
                    lambda cjk: ("各地提及的专项行动、法规、机构、平台 " if cjk else "")
                    + "(share of texts naming each)",
                    "share of texts", None, "Purples", True, 100)


def extraction_sections(texts, groups, out: Path, files: dict, figures: dict,
                        pictures: bool) -> list[str]:
    """Write ``figures_by_group.csv`` and ``mentions_by_group.csv`` (and, with matplotlib,
    ``figures.png/.svg`` and ``mentions_heatmap.png/.svg``); return the page sections."""
    from ..extract._indicators import indicator_names

    recs = _records(texts, groups)
    fig_rows = figures_table(recs, by="group", as_frame=False)
    men_rows = mentions_table(recs, by="group", as_frame=False)
    write_csv(out / "figures_by_group.csv",
              ["group", "indicator", "name_zh", "theme", "unit", "value", "value_max",
               "qualifier", "object", "n_figures", "n_texts", "sources"],
              [[r["group"], r["indicator"], r["name_zh"], r["theme"] or "", r["unit"],
                r["value"], "" if r["value_max"] is None else r["value_max"], r["qualifier"],
                r["object"] or "", r["n_figures"], r["n_texts"], _sources(r["sources"])]
               for r in fig_rows])
    files["figures_by_group.csv"] = out / "figures_by_group.csv"
    write_csv(out / "mentions_by_group.csv",
              ["group", "kind", "entity", "name_zh", "name_en", "n_mentions", "n_texts",
               "surfaces", "sources"],
              [[r["group"], r["kind"], r["entity"], r["name_zh"], r["name_en"],
                r["n_mentions"], r["n_texts"], ";".join(r["surfaces"]), _sources(r["sources"])]
               for r in men_rows])
    files["mentions_by_group.csv"] = out / "mentions_by_group.csv"

    n_fig = sum(r["n_figures"] for r in fig_rows)
    summable = _summable(fig_rows)
    names = {ind: indicator_names(ind)[0] for ind in summable}
    parts = ["<h2>数字指标 Figures</h2>",
             f"<p class=\"note\">{n_fig} figures found (<code>extract_figures</code>); "
             "summed by group only where indicator and unit agree, rates never summed. "
             "Every number with the ids and offsets it came from: "
             "<code>figures_by_group.csv</code>.</p>"]
    if pictures:
        fig = _plot_indicators(summable, _TOP_INDICATORS)
        if fig is not None:
            figures["figures"] = fig
            save_figure(fig, out / "figures", files)
            parts.append(img(files["figures.png"], "the indicators most often reported, "
                                                    "summed by group"))
    group_order = list(dict.fromkeys(groups))
    top = list(summable)[:_TOP_INDICATORS]
    if top:
        header = ["group", *(f"{names[i]} ({summable[i][0] or '-'})" for i in top)]
        rows = [[g, *(_fmt(summable[i][1][g]) if g in summable[i][1] else "" for i in top)]
                for g in group_order if any(g in summable[i][1] for i in top)]
        parts.append(html_table(header, rows, num_cols=tuple(range(1, len(header)))))

    n_texts = Counter(groups)
    n_men = sum(r["n_mentions"] for r in men_rows)
    parts += ["<h2>专项行动、法规、机构与平台 Mentions</h2>",
              f"<p class=\"note\">{n_men} mentions of named campaigns, laws and rules, "
              "bodies, platforms, events and programmes (<code>extract_mentions</code>); "
              "per group and entity with sources: <code>mentions_by_group.csv</code>.</p>"]
    if pictures:
        fig = _plot_mentions(men_rows, group_order, n_texts)
        if fig is not None:
            figures["mentions_heatmap"] = fig
            save_figure(fig, out / "mentions_heatmap", files)
            parts.append(img(files["mentions_heatmap.png"],
                             "share of each group's texts naming each entity"))
    totals: dict = {}
    for r in men_rows:
        t = totals.setdefault(r["entity"], [r["kind"], r["name_zh"], 0, 0, set()])
        t[2] += r["n_mentions"]
        t[3] += r["n_texts"]
        t[4].add(r["group"])
    rows = [[k, zh, n, nt, len(gs)] for k, zh, n, nt, gs in
            sorted(totals.values(), key=lambda t: (-t[2], t[1]))[:_TOP_ENTITIES]]
    parts.append(html_table(["kind", "name", "mentions", "texts", "groups"], rows,
                            num_cols=(2, 3, 4)))
    return parts
