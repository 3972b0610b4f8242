"""The ``topics`` and ``report`` subcommands of the ``cyberreport`` command.

``cyberreport topics FILE [--k auto|N] [--unit sentence|paragraph] [--seed N] [--format table|jsonl]``
    Find the topics of the texts of FILE and print them.
``cyberreport report CORPUS -o DIR``
    Write the tables, pictures and index.html of :func:`cyberreport.report.write_report`.

FILE and CORPUS may be a corpus JSONL (records with ``sentences``), a JSONL file with a
``text`` field, a .txt file with one text per line, a folder of .txt files, or ``-``.
"""

from __future__ import annotations

import argparse
import json
import sys


def _k(value: str):
    if value == "auto":
        return "auto"
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be 'auto' or a positive integer, got {value!r}") from None
    if k < 1:
        raise argparse.ArgumentTypeError(f"must be 'auto' or a positive integer, got {k}")
    return k


def _seed(value: str) -> int:
    try:
        v = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None
    if v < 0:
        raise argparse.ArgumentTypeError(f"must be >= 0, got {v}")
    return v


def _cmd_topics(args) -> int:
    from ._display import clip as _clip
    from .cli import InputError
    from .report import read_texts
    from .topics import TopicModel

    texts, _groups = read_texts(args.file, field=args.field)
    model = TopicModel(n_topics=args.k, unit=args.unit, random_state=args.seed,
                       n_terms=args.terms)
    try:
        model.fit(texts)
    except ValueError as exc:
        raise InputError(f"{args.file}: {exc}") from None
    fmt = args.format or ("table" if sys.stdout.isatty() else "jsonl")
    out = sys.stdout
    if fmt == "jsonl":
        for t in model.topics_:
            out.write(json.dumps(t.to_dict(), ensure_ascii=False) + "\n")
        return 0
    import shutil

    total = shutil.get_terminal_size((120, 24)).columns
    unit_name = "sentences" if args.unit == "sentence" else "paragraphs"
    out.write(f"{model.n_topics_} topics of {int(model.unit_counts_.sum())} {unit_name}"
              f" (k={args.k}, seed={args.seed})\n")
    out.write(f"{'id':>3}  {'size':>4}  terms\n")
    for t in model.topics_:
        terms = " ".join(t.top_terms(args.terms))
        out.write(f"{t.id:>3}  {t.size:>4}  {_clip(terms, max(20, total - 12))}\n")
        if args.examples and t.representative:
            ex = t.representative[0]
            out.write(f"{'':>11}“{_clip(ex, max(20, total - 14))}”\n")
    return 0


def _cmd_report(args) -> int:
    from .cli import InputError
    from .report import write_report

    try:
        rep = write_report(args.corpus, args.output, n_topics=args.k, unit=args.unit,
                           random_state=args.seed, field=args.field)
    except ValueError as exc:
        raise InputError(f"{args.corpus}: {exc}") from None
    print(f"wrote {len(rep.files)} files to {rep.out_dir}/ (open index.html)")
    return 0


def add_commands(subparsers) -> None:
    """Register the ``topics`` and ``report`` subcommands on an argparse subparsers
    object (called by :func:`cyberreport.cli.build_parser`)."""
    t = subparsers.add_parser(
        "topics", help="discover the topics of texts",
        description="Cluster the sentences (or paragraphs) of the texts into topics and "
        "print each topic's top terms. FILE is a corpus .jsonl, a .jsonl file with a "
        "'text' field, a .txt file (one text per line), a folder of .txt files, or '-'.")
    t.add_argument("file", metavar="FILE")
    t.add_argument("--k", type=_k, default="auto", metavar="auto|N",
                   help="number of topics, or 'auto' to choose it (default: auto)")
    t.add_argument("--unit", choices=["sentence", "paragraph"], default="sentence",
                   help="what is clustered (default: sentence)")
    t.add_argument("--seed", type=_seed, default=0, help="random seed (default: 0)")
    t.add_argument("--format", choices=["table", "jsonl"],
                   help="output format (default: table on a terminal, else jsonl)")
    t.add_argument("--terms", type=_k_positive, default=10, metavar="N",
                   help="terms per topic (default: 10)")
    t.add_argument("--examples", action="store_true",
                   help="table format: show each topic's most representative sentence")
    t.add_argument("--field", default="text", help="JSONL field holding the text (default: text)")
    t.set_defaults(func=_cmd_topics)

    r = subparsers.add_parser(
        "report", help="write tables, pictures and an HTML page for a corpus",
        description="Profile the corpus by province (or group), find its topics and write "
        "CSV tables, PNG and SVG pictures and a self-contained index.html into DIR. "
        "Needs matplotlib: pip install 'cyberreport[plot]'.")
    r.add_argument("corpus", metavar="CORPUS")
    r.add_argument("-o", "--output", required=True, metavar="DIR", help="output folder")
    r.add_argument("--k", type=_k, default="auto", metavar="auto|N",
                   help="number of topics, or 'auto' (default: auto)")
    r.add_argument("--unit", choices=["sentence", "paragraph"], default="sentence")
    r.add_argument("--seed", type=_seed, default=0)
    r.add_argument("--field", default="text", help="JSONL field holding the text (default: text)")
    r.set_defaults(func=_cmd_report)


def _k_positive(value: str) -> int:
    k = _k(value)
    if k == "auto":
        raise argparse.ArgumentTypeError("must be a positive integer")
    return k
