"""What the analysis subcommands share: records read from several files and folders
(one input layer, unique ids), values given on the command line, and one writer of
tables (an aligned table on a terminal, CSV, or JSON Lines; to standard output or -o)."""

from __future__ import annotations

import math
import os
import sys
from dataclasses import replace

from .._display import clip, pad, width
from ..exceptions import InputError
from ..io import Record, Reject, iter_records
from ..io._writers import CSV_BOM, csv_line, jsonl_line
from ._common import warn_line

__all__ = ["read_records", "write_table", "values", "add_table_options"]


def read_records(args) -> list[Record]:
    """Every record of ``args.files`` (files, folders, ``-``); unreadable lines are listed
    on standard error (an error when nothing could be read).  Ids are made unique by
    prefixing the file name when two inputs reuse an id (line numbers, file names)."""
    recs, bad = [], []
    for item in iter_records(args.files, text_field=args.text_field, id_field=args.id_field,
                             on_error="yield"):
        (bad if isinstance(item, Reject) else recs).append(item)
    shown = "; ".join(str(r) for r in bad[:5]) + (f"; and {len(bad) - 5} more"
                                                   if len(bad) > 5 else "")
    if not recs:
        raise InputError(f"no usable record in {', '.join(args.files)}"
                         + (f": every line was rejected: {shown}" if bad else ""))
    if bad:
        warn_line(f"{len(bad):,} input line(s) rejected: {shown}")
    ids = [r.id for r in recs]
    if len(set(ids)) < len(ids):
        recs = [replace(r, id=f"{os.path.basename(r.source or '-')}:{r.id}") for r in recs]
        if len({r.id for r in recs}) < len(recs):
            recs = [replace(r, id=f"{r.source}:{r.line}") for r in recs]
    return recs


def values(text: str | None) -> list | str | None:
    """A comma-separated list of values (``2021,2022``), one value, or ``rest``."""
    if text is None or text == "rest":
        return text
    parts = [p.strip() for p in text.replace("，", ",").split(",") if p.strip()]
    if not parts:
        raise InputError(f"not a group value: {text!r}")
    return parts if len(parts) > 1 else parts[0]


def _cell(v, fmt: str):
    if isinstance(v, float):
        if math.isnan(v):
            return "" if fmt != "table" else "-"
        return round(v, 6) if fmt != "table" else f"{v:.3f}"
    if v is None:
        return "" if fmt == "csv" else ("-" if fmt == "table" else None)
    return v


def write_table(rows: list[dict], columns: list[str], args, *, wide: str | None = None) -> None:
    """``rows`` in ``args.format`` (default: a table on a terminal, else JSON Lines) to
    ``args.output`` or standard output.  ``wide``: the column clipped to the terminal."""
    from ..stream._file import check_outputs

    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    if args.output:
        check_outputs([args.output], args.files)
        out = open(args.output, "w", encoding="utf-8", newline="")
    else:
        out = sys.stdout
    try:
        if fmt == "jsonl":
            for r in rows:
                out.write(jsonl_line({c: _cell(r[c], fmt) for c in columns}).decode("utf-8"))
        elif fmt == "csv":
            if args.output:
                out.write(CSV_BOM)
            out.write(csv_line(columns))
            for r in rows:
                out.write(csv_line([_cell(r[c], fmt) for c in columns]))
        else:
            cells = [[_safe(str(_cell(r[c], fmt))) for c in columns] for r in rows]
            widths = [max([width(c)] + [width(row[j]) for row in cells])
                      for j, c in enumerate(columns)]
            if wide in columns:
                import shutil

                j = columns.index(wide)
                total = shutil.get_terminal_size((120, 24)).columns
                widths[j] = max(20, min(widths[j], total - sum(widths) + widths[j]
                                        - 2 * len(columns)))
                cells = [[clip(c, widths[j] + 1) if k == j else c for k, c in enumerate(row)]
                         for row in cells]
            out.write("  ".join(pad(c, w) for c, w in zip(columns, widths)).rstrip() + "\n")
            for row in cells:
                out.write("  ".join(pad(c, w) for c, w in zip(row, widths)).rstrip() + "\n")
    finally:
        if out is not sys.stdout:
            out.close()


def _safe(s: str) -> str:
    """Text for a terminal: control characters shown, not run."""
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in s)


def add_table_options(p) -> None:
    """``--format`` and ``-o/--output`` of a table."""
    p.add_argument("--format", choices=["table", "csv", "jsonl"],
                   help="output format (default: table on a terminal, else jsonl)")
    p.add_argument("-o", "--output", metavar="FILE",
                   help="write the table here instead of standard output")
