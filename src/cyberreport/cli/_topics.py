"""The ``topics`` and ``report`` subcommands."""

from __future__ import annotations

import json
import sys

from .._display import clip
from ..exceptions import InputError
from ._common import add_input_options, deprecated_flag, n_topics, positive_int, seed

__all__ = ["add_commands"]


def _cmd_topics(args) -> int:
    from ..report._inputs import texts_and_groups
    from ..topics import TopicModel

    source = args.file[0] if len(args.file) == 1 else list(args.file)
    texts, _groups = texts_and_groups(source, text_field=args.text_field)
    if args.unit == "paragraph":
        from ._common import warn_line

        warn_line("--unit paragraph is deprecated and will be removed in cyberreport 0.4; "
                  "use --unit text")
        args.unit = "text"
    model = TopicModel(n_topics=args.n_topics, unit=args.unit, random_state=args.seed,
                       top_n=args.top_n)
    try:
        model.fit(texts)
    except InputError:
        raise
    except ValueError as exc:
        raise InputError(f"{', '.join(args.file)}: {exc}") from None
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    out = sys.stdout
    if fmt == "jsonl":
        for t in model.topics_:
            out.write(json.dumps(t.to_dict(), ensure_ascii=False) + "\n")
        return 0
    import shutil

    total = shutil.get_terminal_size((120, 24)).columns
    unit_name = "sentences" if model.unit_ == "sentence" else "texts"
    out.write(f"{model.n_topics_} topics of {int(model.unit_counts_.sum())} {unit_name}"
              f" (n_topics={args.n_topics}, seed={args.seed})\n")
    out.write(f"{'id':>3}  {'size':>4}  terms\n")
    for t in model.topics_:
        terms = " ".join(t.top_terms(args.top_n))
        out.write(f"{t.id:>3}  {t.size:>4}  {clip(terms, max(20, total - 12))}\n")
        if args.examples and t.representative:
            ex = t.representative[0]
            out.write(f"{'':>11}“{clip(ex, max(20, total - 14))}”\n")
    return 0


def _cmd_report(args) -> int:
    import os
    from pathlib import Path

    from ..report import write_report
    from ..report._write import check_report_folder

    for path in args.corpus:
        if path != "-" and not os.path.exists(path):
            raise InputError(f"{path}: no such file or folder")
    corpus = args.corpus[0] if len(args.corpus) == 1 else args.corpus

    if args.unit == "paragraph":
        args.unit = "text"
    check_report_folder(Path(args.output), args.corpus)  # before any work, its own message
    try:
        rep = write_report(corpus, args.output, n_topics=args.n_topics, unit=args.unit,
                           random_state=args.seed, text_field=args.text_field,
                           id_field=args.id_field, model=args.model, by=args.by)
    except InputError:
        raise
    except ValueError as exc:
        raise InputError(f"{', '.join(args.corpus)}: {exc}") from None
    print(f"wrote {len(rep.files)} files to {rep.out_dir}/ (open index.html)")
    return 0


def add_commands(sub) -> None:
    """Register ``topics`` and ``report``."""
    t = sub.add_parser(
        "topics", help="discover the topics of texts",
        description="Cluster the sentences (or whole texts) of FILE into topics and print "
        "each topic's top terms. FILE is a corpus .jsonl, any file or folder 'classify' "
        "reads, or '-'.",
        epilog="example: cyberreport topics reports.jsonl --n-topics 8 --examples")
    t.add_argument("file", nargs="+", metavar="FILE", help="files or folders ('-': standard input)")
    t.add_argument("--n-topics", type=n_topics, default="auto", metavar="auto|N",
                   help="number of topics, or 'auto' to choose it (default: auto)")
    deprecated_flag(t, "--k", "--n-topics", "n_topics", type=n_topics)
    t.add_argument("--unit", choices=["sentence", "text", "paragraph"], default="sentence",
                   help="what is clustered: sentences or whole texts (default: sentence)")
    t.add_argument("--seed", type=seed, default=0, help="random seed (default: 0)")
    t.add_argument("--format", choices=["table", "jsonl"],
                   help="output format (default: table on a terminal, else jsonl)")
    t.add_argument("-n", "--top-n", type=positive_int, default=10, metavar="N",
                   help="terms per topic (default: 10)")
    deprecated_flag(t, "--terms", "--top-n", "top_n", type=positive_int)
    t.add_argument("--examples", action="store_true",
                   help="table format: show each topic's most representative sentence")
    add_input_options(t)
    t.set_defaults(func=_cmd_topics)

    r = sub.add_parser(
        "report", help="write tables, pictures and an HTML page for a corpus",
        description="Profile the texts by province (or another field), find their topics, "
        "the trends of their themes over the years, what sets each group apart and the "
        "passages they share, and write CSV tables, PNG and SVG pictures and a "
        "self-contained index.html into DIR. CORPUS: files (a corpus .jsonl, .jsonl, "
        ".csv, .tsv, .xlsx, .txt), folders or '-'. Needs matplotlib: "
        "pip install 'cyberreport[plot]'.",
        epilog="example: cyberreport report reports/ -o report --by province,year")
    r.add_argument("corpus", nargs="+", metavar="CORPUS",
                   help="files or folders to report on (e.g. a corpus .jsonl)")
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    r.add_argument("--n-topics", type=n_topics, default="auto", metavar="auto|N",
                   help="number of topics, or 'auto' (default: auto)")
    deprecated_flag(r, "--k", "--n-topics", "n_topics", type=n_topics)
    r.add_argument("--unit", choices=["sentence", "text", "paragraph"], default="sentence",
                   help="what topics cluster: sentences or whole texts (default: sentence)")
    r.add_argument("--seed", type=seed, default=0)
    r.add_argument("--by", default="province", metavar="FIELD[,year]",
                   help="the field that groups the texts, and 'year' for the trends "
                   "(default: province)")
    r.add_argument("--model", metavar="DIR", help="theme model folder (default: bundled)")
    add_input_options(r)
    r.set_defaults(func=_cmd_report)
