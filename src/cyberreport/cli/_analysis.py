"""The ``trends``, ``compare`` and ``reuse`` subcommands: shares over the years with
intervals, what sets a group apart, and passages texts share."""

from __future__ import annotations

from ..exceptions import InputError
from ._common import add_input_options, positive_int, seed
from ._tables import add_table_options, read_records, values, write_table

__all__ = ["add_commands"]


def _picture(fig, path: str) -> None:
    import warnings

    if not path.lower().endswith((".png", ".svg", ".pdf")):
        raise InputError(f"--plot {path}: the picture's name must end in .png, .svg or .pdf")
    with warnings.catch_warnings():
        warnings.filterwarnings("ignore", message="Glyph .* missing from font")
        fig.savefig(path, dpi=fig.dpi)


def _cmd_trends(args) -> int:
    from ..analysis import theme_shares

    recs = read_records(args)
    by = (args.by, args.x) if args.by else (args.x,)
    rows = theme_shares(recs, by=by, unit=args.unit, model=args.model, labels=args.labels,
                        n_boot=args.n_boot, random_state=args.seed, as_frame=False)
    if args.themes:
        wanted = [t.strip() for t in args.themes.split(",") if t.strip()]
        unknown = sorted(set(wanted) - {r["theme"] for r in rows})
        if unknown:
            raise InputError(f"--themes: unknown theme(s) {', '.join(unknown)} (see "
                             "'cyberreport themes')")
        rows = [r for r in rows if r["theme"] in wanted]
    columns = [*by, "theme", "share", "low", "high", "count", "n", "n_texts"]
    write_table(rows, columns, args)
    if args.plot:
        from ..plots import trends

        _picture(trends(rows, x=args.x, group=args.by or None,
                        themes=[t for t in dict.fromkeys(r["theme"] for r in rows)]
                        if args.themes else None), args.plot)
    return 0


def _cmd_compare(args) -> int:
    from ..analysis import compare

    recs = read_records(args)
    group_b = values(args.group_b)
    if args.features == "topics":
        from ..topics import TopicModel

        tm = TopicModel(n_topics=args.n_topics, random_state=args.seed)
    else:
        tm = None
    rows = compare(recs, values(args.group_a), group_b, by=args.by, features=args.features,
                   unit=args.unit, model=args.model, labels=args.labels, topic_model=tm,
                   min_count=args.min_count, top_n=args.top_n, random_state=args.seed,
                   as_frame=False)
    first = {"terms": ["term"], "themes": ["theme"], "topics": ["topic", "label"]}[args.features]
    columns = list(rows[0]) if rows else first
    write_table(rows, columns, args, wide="label" if args.features == "topics" else None)
    if args.plot:
        from ..plots import plot_compare

        b = "其他" if group_b == "rest" else str(args.group_b)
        _picture(plot_compare(rows, top_n=min(args.top_n or 12, 15),
                              labels=(str(args.group_a), b)), args.plot)
    return 0


def _cmd_reuse(args) -> int:
    from ..analysis import find_reuse, reuse_matrix

    recs = read_records(args)
    passages = find_reuse(recs, min_chars=args.min_chars,
                          max_df=None if args.max_df == 0 else args.max_df,
                          min_similarity=args.min_similarity,
                          progress=True if args.progress else None)
    if args.matrix:
        m = reuse_matrix(passages, recs, by=args.by, value=args.value)
        rows = m._table()[1]
        write_table(rows, [args.by, *m.labels], args)
        return 0
    group = {r.id: r.get(args.by) for r in recs}
    rows = []
    for p in passages:
        d = p.to_dict()
        d[f"{args.by}_a"] = group.get(p.id_a)
        d[f"{args.by}_b"] = group.get(p.id_b)
        rows.append(d)
    columns = ["id_a", "id_b", f"{args.by}_a", f"{args.by}_b", "length", "similarity",
               "start_a", "end_a", "start_b", "end_b", "passage"]
    if args.format in ("jsonl", "csv"):
        columns.append("passage_b")
    write_table(rows, columns, args, wide="passage")
    return 0


def _common(p, *, model: bool = True) -> None:
    p.add_argument("files", nargs="+", metavar="FILE",
                   help="files (.jsonl, .csv, .tsv, .xlsx, .txt), folders, or '-'")
    if model:
        p.add_argument("--unit", choices=["sentence", "text"], default="sentence",
                       help="share of sentences or of whole texts (default: sentence)")
        p.add_argument("--model", metavar="DIR", help="theme model folder (default: bundled)")
        p.add_argument("--labels", choices=["model", "given"], default="model",
                       help="themes from the model, or the labels given in the data "
                       "(a 'sentences' field of {text, labels}; default: model)")
        p.add_argument("--seed", type=seed, default=0, help="random seed (default: 0)")
    add_table_options(p)
    add_input_options(p)


def add_commands(sub) -> None:
    """Register ``trends``, ``compare`` and ``reuse``."""
    t = sub.add_parser(
        "trends", help="theme shares by group and year, with bootstrap intervals",
        description="The share of each group's sentences (or texts) that carry each theme, "
        "per year, with a 95%% bootstrap interval that resamples texts. Records need a "
        "year (a 'year' field or column, or a file name such as 2018_浙江.txt).",
        epilog="example: cyberreport trends reports/ --by province --plot trends.png")
    _common(t)
    t.add_argument("--by", default="province", metavar="FIELD",
                   help="one line per value of this field; '' for none (default: province)")
    t.add_argument("--x", default="year", metavar="FIELD",
                   help="the field along the time axis (default: year)")
    t.add_argument("--themes", metavar="ID,ID", help="only these themes")
    t.add_argument("--n-boot", type=positive_int, default=2000, metavar="N",
                   help="bootstrap resamples (default: 2000)")
    t.add_argument("--plot", metavar="FILE.png",
                   help="also draw the small multiples (.png, .svg or .pdf; needs matplotlib)")
    t.set_defaults(func=_cmd_trends)

    c = sub.add_parser(
        "compare", help="what sets one group apart: terms, themes or topics",
        description="Rank terms (or themes, topics) by weighted log-odds with an "
        "informative Dirichlet prior (Monroe, Colaresi & Quinn 2008): the most typical of "
        "group A first, of group B last. Themes and topics add the shares of both groups "
        "and a bootstrap interval of their difference (significant: it excludes 0).",
        epilog="example: cyberreport compare reports.jsonl -a 广东 -n 20 --plot gd.png; "
        "cyberreport compare reports.jsonl --by year -a 2021,2022 -b 2018,2019 "
        "--features themes")
    _common(c)
    c.add_argument("-a", "--group-a", required=True, metavar="VALUE[,VALUE]",
                   help="the value(s) of --by of group A")
    c.add_argument("-b", "--group-b", default="rest", metavar="VALUE[,VALUE]|rest",
                   help="group B (default: rest, every other record)")
    c.add_argument("--by", default="province", metavar="FIELD",
                   help="the field that defines the groups (default: province)")
    c.add_argument("--features", choices=["terms", "themes", "topics"], default="terms")
    c.add_argument("-n", "--top-n", type=positive_int, default=None, metavar="N",
                   help="the N most typical of each group (default: every row)")
    c.add_argument("--min-count", type=positive_int, default=1, metavar="N",
                   help="terms used at least N times in the two groups (default: 1)")
    c.add_argument("--n-topics", type=positive_int, default=8, metavar="N",
                   help="topics fitted for --features topics (default: 8)")
    c.add_argument("--plot", metavar="FILE.png",
                   help="also draw z against frequency (.png, .svg or .pdf; needs matplotlib)")
    c.set_defaults(func=_cmd_compare)

    r = sub.add_parser(
        "reuse", help="passages shared by two texts (templates, repeated paragraphs)",
        description="Every passage of at least --min-chars characters that two texts "
        "share (exact or with small edits), or with --matrix the counts between groups.",
        epilog="example: cyberreport reuse reports/ --min-chars 30; "
        "cyberreport reuse reports/ --matrix --by province")
    _common(r, model=False)
    r.add_argument("--min-chars", type=positive_int, default=20, metavar="N",
                   help="shortest passage, in characters (default: 20)")
    r.add_argument("--max-df", type=int, default=100, metavar="K",
                   help="boilerplate: ignore passages shared by more than K texts; 0 keeps "
                   "them all (default: 100)")
    r.add_argument("--min-similarity", type=float, default=0.8, metavar="S",
                   help="share of a passage's characters that must match (default: 0.8)")
    r.add_argument("--by", default="province", metavar="FIELD",
                   help="the field shown for each text and used by --matrix "
                   "(default: province)")
    r.add_argument("--matrix", action="store_true",
                   help="print the group × group counts instead of the passages")
    r.add_argument("--value", choices=["passages", "pairs", "chars"], default="passages",
                   help="what --matrix counts (default: passages)")
    r.add_argument("--progress", action="store_true",
                   help="show progress (default: only on a terminal)")
    r.set_defaults(func=_cmd_reuse)
