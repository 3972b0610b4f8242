"""The ``extract`` subcommand: the figures or the named things of every text, one row each
(streamed), or summed by group (``--by``)."""

from __future__ import annotations

import os
import sys
import tempfile

from .._display import clip, pad, width
from ..exceptions import InputError
from ..io import Reject, iter_records
from ..io._writers import CSV_BOM, csv_line, jsonl_line
from ._common import add_input_options, warn_line

__all__ = ["add_commands"]

_MAX_SHOWN = 5
_META = ("province", "year")
_FIGURE_COLS = ["raw", "value", "value_max", "unit", "qualifier", "indicator", "theme",
                "action", "object", "start", "end"]
_MENTION_COLS = ["surface", "kind", "entity", "name_zh", "name_en", "start", "end"]
_TABLE_FIGURES = ["raw", "value", "unit", "qualifier", "indicator", "object"]
_TABLE_MENTIONS = ["surface", "kind", "entity", "name_zh"]
_GROUP_FIGURES = ["indicator", "unit", "value", "value_max", "qualifier", "object",
                  "n_figures", "n_texts", "sources"]
_GROUP_MENTIONS = ["kind", "entity", "name_zh", "n_mentions", "n_texts", "sources"]


class _Records:
    """The records of the inputs; rejected lines are counted and listed, not fatal."""

    def __init__(self, args):
        self.args, self.n_ok, self.n_rejected, self.shown = args, 0, 0, []

    def __iter__(self):
        a = self.args
        for r in iter_records(a.files, text_field=a.text_field, id_field=a.id_field,
                              on_error="yield"):
            if isinstance(r, Reject):
                self.n_rejected += 1
                if len(self.shown) < _MAX_SHOWN:
                    self.shown.append(str(r))
                continue
            self.n_ok += 1
            yield r

    def report(self) -> None:
        if not self.n_rejected:
            return
        where = "; ".join(self.shown) + (
            f"; and {self.n_rejected - len(self.shown)} more"
            if self.n_rejected > len(self.shown) else "")
        if not self.n_ok:
            raise InputError(f"no usable record: every input line was rejected: {where}")
        warn_line(f"{self.n_rejected:,} input line(s) rejected: {where}")


def _sources_text(sources) -> str:
    return ";".join(f"{s['id']}:{s['start']}-{s['end']}" for s in sources)


def _cell(v):
    if v is None:
        return ""
    if isinstance(v, list):
        if v and isinstance(v[0], dict):
            return _sources_text(v)
        return ";".join(map(str, v))
    return v


def _item_rows(records, what: str):
    """One dict per figure (or mention) of every record, in reading order."""
    from ..extract import extract_figures, extract_mentions

    fn = extract_figures if what == "figures" else extract_mentions
    cols = _FIGURE_COLS if what == "figures" else _MENTION_COLS
    for r in records:
        for x in fn(r.text):
            d = x.to_dict()
            row = {"id": r.id, "province": r.province, "year": r.year}
            row.update((c, d[c]) for c in cols)
            yield row


def _write_table(out, rows: list[dict], cols: list[str]) -> None:
    import shutil

    total = shutil.get_terminal_size((120, 24)).columns
    shown = [{c: _short(_cell(r.get(c))) for c in cols} for r in rows]
    widths = {c: min(40, 1 + max([width(c)] + [width(s[c]) for s in shown])) for c in cols}
    last = cols[-1]
    widths[last] = max(10, total - sum(widths[c] + 2 for c in cols[:-1]))
    out.write("  ".join(pad(c, widths[c]) for c in cols).rstrip() + "\n")
    for s in shown:
        out.write("  ".join(pad(clip(s[c], widths[c]), widths[c]) for c in cols).rstrip() + "\n")
    if not rows:
        out.write("(nothing found)\n")


def _short(v) -> str:
    if isinstance(v, float):
        return f"{v:.10g}"
    text = str(v)
    return "".join(c if c.isprintable() or c == " " else repr(c)[1:-1] for c in text)


def _cmd_extract(args) -> int:
    from ..extract._tables import _check_by
    from ..stream._file import check_outputs

    try:
        by = _check_by(args.by) if args.by is not None else None
    except ValueError as exc:
        raise InputError(f"--by: {exc}") from None
    if args.by is not None and not by:
        raise InputError("--by needs one or more field names, e.g. --by province,year")
    check_outputs([args.output], args.files)
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    records = _Records(args)
    if by:
        from ..extract import figures_table, mentions_table

        table = figures_table if args.what == "figures" else mentions_table
        rows = table(records, by=by, as_frame=False)
        cols = [*by, *(_GROUP_FIGURES if args.what == "figures" else _GROUP_MENTIONS)]
        table_cols = [c for c in cols if c != "sources"]
    else:
        rows = _item_rows(records, args.what)
        cols = ["id", *_META, *(_FIGURE_COLS if args.what == "figures" else _MENTION_COLS)]
        table_cols = ["id", *(_TABLE_FIGURES if args.what == "figures" else _TABLE_MENTIONS)]
    tmp = None
    if args.output:
        folder = os.path.dirname(os.path.abspath(args.output))
        fd, tmp = tempfile.mkstemp(prefix=".cyberreport-", dir=folder)
        out = os.fdopen(fd, "w", encoding="utf-8", newline="")
    else:
        out = sys.stdout
    try:
        if fmt == "table":
            _write_table(out, list(rows), table_cols)
        elif fmt == "csv":
            if args.output:
                out.write(CSV_BOM)
            out.write(csv_line(cols))
            for row in rows:
                out.write(csv_line([_cell(row.get(c)) for c in cols]))
        else:
            for row in rows:
                out.write(jsonl_line({c: row.get(c) for c in cols}).decode("utf-8"))
        records.report()
        if tmp is not None:
            out.flush()
            os.fsync(out.fileno())
            out.close()
            os.replace(tmp, args.output)
            tmp = None
    finally:
        if tmp is not None:
            out.close()
            os.unlink(tmp)
    if not records.n_ok and not records.n_rejected:
        warn_line("the input holds no record")
    return 0


def add_commands(sub) -> None:
    """Register ``extract``."""
    e = sub.add_parser(
        "extract", help="figures or named things of each text, or their table by group",
        description="Extract the figures (删除违法违规信息76万多条: value, unit, qualifier, "
        "verb, counted noun, indicator) or the named campaigns, laws, bodies, platforms, "
        "events and programmes of every text. Without --by: one row per figure (mention), "
        "streamed in constant memory; with --by: figures summed by group, indicator and "
        "unit (mentions counted by group and entity), with the ids and offsets of every "
        "number. FILE is anything 'classify' reads (.txt, .jsonl, .csv, .tsv, .xlsx, a "
        "folder, or '-').",
        epilog="example: cyberreport extract reports.jsonl --by province,year --format csv "
        "-o figures.csv")
    e.set_defaults(parser=e)
    e.add_argument("files", nargs="+", metavar="FILE")
    e.add_argument("--what", choices=["figures", "mentions"], default="figures",
                   help="what to extract (default: figures)")
    e.add_argument("--by", metavar="FIELDS",
                   help="group by these record fields, comma-separated (e.g. province,year); "
                   "default: one row per figure or mention")
    e.add_argument("--format", choices=["table", "csv", "jsonl"],
                   help="output format (default: table on a terminal, else jsonl)")
    e.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output")
    add_input_options(e)
    e.set_defaults(func=_cmd_extract)
