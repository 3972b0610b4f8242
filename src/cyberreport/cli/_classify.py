"""The ``classify``, ``keywords`` and ``themes`` subcommands."""

from __future__ import annotations

import json
import os
import sys
import tempfile

from .._display import clip, output_width, pad, short_name, shown, width, wrap
from ..exceptions import InputError
from ..io import iter_records
from ..io._writers import CSV_BOM, csv_line, jsonl_line, reject_line
from ._common import (add_input_options, deprecated_flag, n_jobs, positive_int, threshold,
                      warn_line)

__all__ = ["add_commands"]

_MAX_SHOWN = 5


def _stdin_is_a_terminal(path: str) -> bool:
    try:
        return path == "-" and sys.stdin.isatty()
    except (AttributeError, ValueError):
        return False


def _source(files):
    """One input as itself, several as a list (for iter_records and messages)."""
    return files[0] if len(files) == 1 else list(files)


def _records(args):
    return iter_records(_source(args.file), text_field=args.text_field, id_field=args.id_field,
                        on_error="yield")


def _to_file(args) -> int:
    """``classify FILE -o OUT`` with JSON Lines output: streamed by classify_file."""
    import warnings

    from ..exceptions import RejectedLinesWarning
    from ..stream import classify_file

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RejectedLinesWarning)  # reported below
            s = classify_file(
                args.file[0], args.output, model=args.model, n_jobs=args.n_jobs,
                resume=args.resume, rejects=args.rejects, text_field=args.text_field,
                id_field=args.id_field, threshold=args.threshold, explain=args.explain,
            )
    except KeyboardInterrupt:
        print(f"cyberreport: {args.output} holds the records classified so far; run the same "
              "command with --resume to continue", file=sys.stderr)
        raise
    if s.n_rejected:
        shown = "; ".join(f"line {ln}: {why}" for ln, why in s.reject_examples[:_MAX_SHOWN])
        more = f"; and {s.n_rejected - _MAX_SHOWN} more" if s.n_rejected > _MAX_SHOWN else ""
        kept = f"written to {s.rejects}" if s.rejects else "not kept"
        print(f"cyberreport: {s.n_rejected:,} input line(s) rejected ({shown}{more}); {kept}",
              file=sys.stderr)
    if s.n_rejected and not (s.n_written or s.n_skipped_resumed):
        print(f"cyberreport: error: no usable record in {args.file[0]}: every line was rejected "
              f"(line {s.reject_examples[0][0]}: {s.reject_examples[0][1]})", file=sys.stderr)
        return 2
    if s.n_rejected or s.n_skipped_resumed or sys.stderr.isatty():
        resumed = f" after {s.n_skipped_resumed:,} already there" if s.n_skipped_resumed else ""
        print(f"cyberreport: {s.n_written:,} record(s) written to {s.dst}{resumed}, "
              f"{s.n_rejected:,} rejected, in {s.seconds:.1f} s", file=sys.stderr)
    return 0


def _evidence_text(d: dict) -> str:
    parts = []
    for lab, evs in d.get("evidence", {}).items():
        for e in evs:
            parts.append(f"{lab}: {e['sentence']} ({'、'.join(e['terms'])})")
    return " | ".join(parts)


class _Table:
    """Records as cards that fit the output's width: ``id  theme · theme …`` (short
    names, Chinese or English), the start of the text on the next line, and with
    ``--explain`` each theme's score and best evidence sentence on its own indented line
    (character offsets only with ``--offsets``).  Rows are written as they come."""

    def __init__(self, out, explain: bool, lang: str = "zh", offsets: bool = False):
        self.out, self.explain, self.lang, self.offsets = out, explain, lang, offsets
        self.cols = output_width(out)
        self.id_w = 0

    def write(self, records: list[dict]) -> None:
        out, cols = self.out, self.cols
        for r in records:
            rid = _safe(r["id"])
            if not self.id_w:  # from the first record; longer ids take their own width
                self.id_w = min(max(4, width(rid)), 16)
            ind = " " * (self.id_w + 2)
            names = [short_name(lab, self.lang) for lab in r["labels"]]
            themes = " · ".join(names) if names else (
                "（无主题）" if self.lang == "zh" else "(no theme)")
            head = f"{pad(rid, self.id_w)}  "
            lines = wrap(themes, cols - width(ind)) if width(rid) <= self.id_w else \
                [""] + wrap(themes, cols - width(ind))
            out.write(head + lines[0] + "\n")
            for extra in lines[1:]:
                out.write(ind + extra + "\n")
            out.write(ind + clip(_safe(r.get("text", "")), cols - len(ind)) + "\n")
            if self.explain:
                self._evidence(r, ind)

    def _evidence(self, r: dict, ind: str) -> None:
        cols = self.cols
        name_w = max([width(short_name(lab, self.lang)) for lab in r["labels"]] or [0])
        for lab in r["labels"]:
            evs = r.get("evidence", {}).get(lab, [])
            if not evs:
                continue
            e = evs[0]
            where = f"[{e['start']}:{e['end']}] " if self.offsets else ""
            more = f" (+{len(evs) - 1})" if len(evs) > 1 else ""
            lead = f"{ind}  {pad(short_name(lab, self.lang), name_w)} {r['scores'][lab]:.2f}  "
            room = cols - width(lead) - width(more)
            terms = f"  ({'、'.join(e['terms'][:3])})" if e["terms"] else ""
            if room - width(terms) < 50:  # a narrow terminal: the sentence comes first
                terms = ""
            sentence = clip(where + _safe(e["sentence"]), room - width(terms))
            self.out.write(lead + sentence + more + terms + "\n")

    def close(self) -> None:
        self.out.flush()


def _safe(s: str) -> str:
    """Text for a terminal: control characters (escape sequences) shown, not run;
    bidirectional controls removed."""
    return shown(s)


def _cmd_classify(args) -> int:
    from ..persistence import load_model
    from ..stream._chunks import classify_records
    from ..stream._file import _writing, check_outputs, is_regular_output

    if args.file == ["-"] and _stdin_is_a_terminal("-"):
        args.parser.print_usage(sys.stderr)
        print("cyberreport classify: give a FILE, or pipe texts into standard input "
              "(e.g. cat texts.txt | cyberreport classify -)", file=sys.stderr)
        return 2
    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    streamed = args.output and fmt == "jsonl" and len(args.file) == 1
    if not streamed and args.resume:
        raise InputError("--resume applies to JSON Lines output written to -o FILE from "
                         "one input")
    if streamed:
        return _to_file(args)
    check_outputs([args.output, args.rejects], list(args.file))
    model = load_model(args.model)
    jobs = args.n_jobs or 1
    from .._parallel import check_n_jobs

    jobs = check_n_jobs(jobs)
    if args.rejects and args.output and os.path.abspath(args.rejects) == os.path.abspath(args.output):
        raise InputError(f"--rejects and -o are the same file: {args.output}")
    with _writing(args.output or "<stdout>"):
        return _write_formatted(args, fmt, model, jobs, is_regular_output, classify_records)


def _write_formatted(args, fmt, model, jobs, is_regular_output, classify_records) -> int:
    """The CSV, table or standard-output records of ``classify``; a regular ``-o`` file
    is written beside and renamed into place, a device (``/dev/null``) written as it is."""
    tmp = None
    if args.output and is_regular_output(args.output):
        folder = os.path.dirname(os.path.abspath(args.output))
        if not os.path.isdir(folder):
            raise FileNotFoundError(f"{args.output}: the folder {folder} does not exist")
        fd, tmp = tempfile.mkstemp(prefix=".cyberreport-", dir=folder)
        out = os.fdopen(fd, "w", encoding="utf-8", newline="")
    elif args.output:
        out = open(args.output, "w", encoding="utf-8", newline="")
    else:
        out = sys.stdout
    rej = open(args.rejects, "wb") if args.rejects else None
    n_rejected = n_ok = 0
    shown: list[str] = []
    try:
        if fmt == "table":
            sink = _Table(out, args.explain, args.lang, args.offsets)
        elif fmt == "csv":
            if args.output:
                out.write(CSV_BOM)
            header = ["id", "labels", *model.classes_, "text"]
            if args.explain:
                header.append("evidence")
            out.write(csv_line(header))
            sink = None
        else:
            sink = None
        for results, bad in classify_records(model, _records(args), n_jobs=jobs,
                                             threshold=args.threshold, explain=args.explain):
            for r in bad:
                n_rejected += 1
                if rej is not None:
                    rej.write(reject_line(r))
                elif len(shown) < _MAX_SHOWN:
                    shown.append(str(r))
            n_ok += len(results)
            if fmt == "table":
                sink.write(results)
            elif fmt == "csv":
                for d in results:
                    row = [d["id"], ";".join(d["labels"]),
                           *(f"{d['scores'][k]:.4f}" for k in model.classes_), d["text"]]
                    if args.explain:
                        row.append(_evidence_text(d))
                    out.write(csv_line(row))
            else:
                for d in results:
                    out.write(jsonl_line(d).decode("utf-8"))
        if sink is not None:
            sink.close()
        if tmp is not None:
            out.flush()
            os.fsync(out.fileno())
            out.close()
            os.replace(tmp, args.output)
            tmp = None
        elif args.output:
            out.close()
    finally:
        if rej is not None:
            rej.close()
        if tmp is not None:
            try:
                out.close()
            except OSError:
                pass
            os.unlink(tmp)
        elif args.output and not out.closed:
            try:
                out.close()
            except OSError:
                pass
    if n_rejected:
        where = f"written to {args.rejects}" if args.rejects else "; ".join(shown) + (
            f"; and {n_rejected - len(shown)} more" if n_rejected > len(shown) else "")
        if not n_ok:
            raise InputError(f"no usable record: every input line was rejected: {where}")
        warn_line(f"{n_rejected:,} input line(s) rejected: {where}")
    return 0


def _cmd_keywords(args) -> int:
    from ..features import Keywords

    kw = Keywords()
    table = (args.format or ("table" if sys.stdout.isatty() else "jsonl")) == "table"
    cols = output_width(sys.stdout)
    for r in iter_records(_source(args.file), text_field=args.text_field,
                          id_field=args.id_field):
        words = kw.extract(r.text, top_n=args.top_n)
        if table:
            rid = _safe(r.id)
            line = "、".join(f"{t} {w:.2f}" for t, w in words) or "-"
            lines = wrap(line, cols - 2)
            print(rid + "  " + clip(_safe(r.text), cols - width(rid) - 2))
            for part in lines:
                print("  " + part)
        else:
            print(json.dumps({"id": r.id, "keywords": [[t, round(w, 4)] for t, w in words]},
                             ensure_ascii=False))
    return 0


def _cmd_themes(args) -> int:
    from ..taxonomy import THEMES

    id_w = max(len(t.id) for t in THEMES) + 2
    zh_w = max(width(t.name_zh) for t in THEMES) + 2
    for t in THEMES:
        print(f"{t.id:<{id_w}}{pad(t.name_zh, zh_w)}{t.name_en}")
    return 0


def add_commands(sub) -> None:
    """Register ``classify``, ``keywords`` and ``themes``."""
    c = sub.add_parser(
        "classify", help="tag texts with work themes",
        description="Tag each text with work themes. FILE is a .txt file (one text per "
        "line), a .jsonl file (objects with a 'text' field), a .csv/.tsv/.xlsx file (a "
        "header row with a 'text' column), a folder of such files, or '-' for standard "
        "input.",
        epilog="example: cyberreport classify reports.jsonl -o themes.jsonl --n-jobs 2")
    c.set_defaults(parser=c)
    c.add_argument("file", nargs="*", default=["-"], metavar="FILE",
                   help="files or folders to read ('-' or none: standard input)")
    c.add_argument("--format", choices=["table", "jsonl", "csv"],
                   help="output format (default: table on a terminal, else jsonl)")
    c.add_argument("--explain", action="store_true", help="show the evidence sentences and terms")
    c.add_argument("--lang", choices=["zh", "en"], default="zh",
                   help="theme names in tables: Chinese (default) or English")
    c.add_argument("--offsets", action="store_true",
                   help="tables: show the evidence sentences' character offsets")
    c.add_argument("--model", metavar="DIR", help="model folder (default: the bundled model)")
    c.add_argument("--threshold", type=threshold, help="one decision threshold for every theme")
    add_input_options(c)
    c.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output "
                   "(JSON Lines output is streamed in constant memory and can be resumed)")
    c.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into -o FILE (keeps its complete records)")
    c.add_argument("--rejects", metavar="FILE",
                   help="where unreadable input lines go (default with -o: OUTPUT.rejects.jsonl; "
                   "else they are listed on standard error)")
    c.add_argument("--n-jobs", type=n_jobs, default=None, metavar="N",
                   help="worker processes (-1: all usable cores)")
    c.set_defaults(func=_cmd_classify)

    k = sub.add_parser("keywords", help="TF-IDF keywords of each text",
                       description="The keywords of each text, weighted by the bundled "
                       "corpus's IDF; one JSON object per text.",
                       epilog="example: cyberreport keywords reports.txt -n 5")
    k.add_argument("file", nargs="*", default=["-"], metavar="FILE",
                   help="files or folders to read ('-' or none: standard input)")
    k.add_argument("-n", "--top-n", type=positive_int, default=10, metavar="N",
                   help="keywords per text (default: 10)")
    deprecated_flag(k, "--top-k", "--top-n", "top_n", type=positive_int)
    deprecated_flag(k, "-k", "--top-n", "top_n", type=positive_int)
    k.add_argument("--format", choices=["table", "jsonl"],
                   help="output format (default: table on a terminal, else jsonl)")
    add_input_options(k)
    k.set_defaults(func=_cmd_keywords)

    t = sub.add_parser("themes", help="list the themes of the taxonomy",
                       description="The 13 work themes: id, Chinese and English name.",
                       epilog="example: cyberreport themes")
    t.set_defaults(func=_cmd_themes)
