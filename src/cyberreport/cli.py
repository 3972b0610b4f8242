"""The ``cyberreport`` command line.

Commands
--------
``cyberreport classify [FILE|-]``   tag texts with work themes (default model)
``cyberreport cv``                   cross-validate the classifier on the bundled corpus
``cyberreport keywords [FILE|-]``    TF-IDF keywords of each text
``cyberreport themes``               list the taxonomy's themes
``cyberreport train DATA -o DIR``    train on your labelled data
``cyberreport evaluate DATA``        per-label figures of a model on labelled data
``cyberreport label-issues DATA``    labels the cross-validated model contradicts
``cyberreport suggest FILE -k N``    which texts to label next
"""

from __future__ import annotations

import argparse
import csv
import json
import os
import sys
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from ._display import clip as _clip
from ._display import name_column as _name_column
from ._display import pad as _pad
from ._display import width as _width


class InputError(Exception):
    """Bad input file or line; the message names the file and line."""


@dataclass
class Record:
    id: str
    text: str
    source: str
    line: int | None


def _read_jsonl_line(line: str, source: str, lineno: int, field: str) -> Record:
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        raise InputError(f"{source}, line {lineno}: invalid JSON ({exc.msg})") from None
    if not isinstance(obj, dict):
        raise InputError(f"{source}, line {lineno}: expected a JSON object")
    text = obj.get(field)
    if not isinstance(text, str):
        raise InputError(f"{source}, line {lineno}: missing string field {field!r}")
    rid = obj.get("id", lineno)
    return Record(str(rid), text, source, lineno)


def iter_records(path: str, *, field: str = "text", fmt: str = "auto") -> Iterator[Record]:
    """Texts from ``path``: ``-`` (stdin), a .txt file (one text per line), a .jsonl
    file (an object per line with a ``text`` field), or a folder of .txt files (one text
    per file).  Blank lines are skipped."""
    if path != "-" and os.path.isdir(path):
        files = sorted(Path(path).glob("*.txt"))
        if not files:
            raise InputError(f"{path}: folder has no .txt files")
        for f in files:
            try:
                text = f.read_text("utf-8")
            except UnicodeDecodeError:
                raise InputError(f"{f}: not UTF-8 text") from None
            yield Record(f.stem, text.strip(), str(f), None)
        return
    source = "<stdin>" if path == "-" else path
    if fmt == "auto":
        fmt = "jsonl" if source.endswith((".jsonl", ".ndjson")) else "lines"
    try:
        stream = sys.stdin if path == "-" else open(path, encoding="utf-8")
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None
    try:
        for lineno, line in enumerate(stream, 1):
            line = line.rstrip("\r\n")
            if not line.strip():
                continue
            if fmt == "lines" and lineno == 1 and line.lstrip().startswith("{"):
                fmt = "jsonl"  # a JSONL stream on stdin or under another name
            if fmt == "jsonl":
                yield _read_jsonl_line(line, source, lineno, field)
            else:
                yield Record(str(lineno), line, source, lineno)
    except UnicodeDecodeError:
        raise InputError(f"{source}: not UTF-8 text") from None
    finally:
        if stream is not sys.stdin:
            stream.close()


def _write_table(rows, out, explain: bool) -> None:
    import shutil

    total = shutil.get_terminal_size((120, 24)).columns
    id_w = max([2] + [_width(r.id) for r, _ in rows])
    # Themes are never cut; the text gets the rest of the line.
    lab_w = max([6] + [_width(", ".join(c.labels)) for _, c in rows])
    text_w = max(20, total - id_w - lab_w - 4)
    out.write(f"{_pad('id', id_w)}  {_pad('themes', lab_w)}  text\n")
    for rec, c in rows:
        labels = ", ".join(c.labels) or "-"
        out.write(f"{_pad(rec.id, id_w)}  {_pad(labels, lab_w)}  {_clip(c.text, text_w)}\n")
        if explain:
            for lab in c.labels:
                for e in c.evidence.get(lab, ()):
                    out.write(
                        f"{' ' * id_w}    {lab} {c.scores[lab]:.2f} [{e.start}:{e.end}] "
                        f"{_clip(e.sentence, 60)}  ({'、'.join(e.terms)})\n"
                    )


def _classify_to_file(args) -> int:
    """``classify FILE -o OUT`` with JSON Lines output: streamed by classify_file."""
    import warnings

    from .stream import RejectedLinesWarning, ResumeError, classify_file

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", RejectedLinesWarning)  # reported below
            s = classify_file(
                args.file, args.output, model=args.model, n_jobs=args.n_jobs,
                resume=args.resume, rejects=args.rejects, field=args.field,
                threshold=args.threshold, explain=args.explain,
            )
    except (OSError, ResumeError, ValueError) as exc:
        raise InputError(str(exc)) from None
    except KeyboardInterrupt:
        print(f"cyberreport: {args.output} holds the records classified so far; run the same "
              "command with --resume to continue", file=sys.stderr)
        raise
    if s.n_rejected:
        shown = "; ".join(f"line {ln}: {why}" for ln, why in s.reject_examples[:5])
        more = f"; and {s.n_rejected - 5} more" if s.n_rejected > 5 else ""
        print(f"cyberreport: {s.n_rejected:,} input line(s) rejected ({shown}{more}); "
              f"written to {s.rejects}", file=sys.stderr)
    if s.n_rejected or s.n_skipped_resumed or sys.stderr.isatty():
        resumed = (f" after {s.n_skipped_resumed:,} already there"
                   if s.n_skipped_resumed else "")
        print(f"cyberreport: {s.n_written:,} record(s) written to {s.dst}{resumed}, "
              f"{s.n_rejected:,} rejected, in {s.seconds:.1f} s", file=sys.stderr)
    return 0


def _cmd_classify(args) -> int:
    from .persistence import load_model

    fmt = args.format or ("table" if sys.stdout.isatty() and not args.output else "jsonl")
    streamed = (args.output and fmt == "jsonl"
                and (args.file == "-" or not os.path.isdir(args.file)))
    if not streamed and (args.resume or args.rejects or args.n_jobs is not None):
        raise InputError("--resume, --rejects and --n-jobs apply to a file or standard input "
                         "classified into -o FILE as JSON Lines")
    if streamed:
        return _classify_to_file(args)
    model = load_model(args.model)
    out = open(args.output, "w", encoding="utf-8", newline="") if args.output else sys.stdout
    try:
        records = iter_records(args.file, field=args.field)
        if fmt == "table":
            rows = [(r, model.classify(r.text, threshold=args.threshold)) for r in records]
            _write_table(rows, out, args.explain)
            return 0
        writer = None
        if fmt == "csv":
            writer = csv.writer(out)
            writer.writerow(["id", "labels", *model.classes_, "text"])
        for r in records:
            c = model.classify(r.text, threshold=args.threshold)
            if writer is not None:
                writer.writerow([r.id, ";".join(c.labels),
                                 *(f"{c.scores[k]:.4f}" for k in model.classes_), r.text])
            else:
                d = {"id": r.id, "labels": list(c.labels),
                     "scores": {k: round(v, 4) for k, v in c.scores.items()}}
                if args.explain:
                    d["evidence"] = c.to_dict()["evidence"]
                d["text"] = r.text
                out.write(json.dumps(d, ensure_ascii=False) + "\n")
        return 0
    finally:
        if out is not sys.stdout:
            out.close()


def _cmd_cv(args) -> int:
    from .classifier import ThemeClassifier
    from .evaluation import cross_validate

    report = cross_validate(ThemeClassifier(random_state=args.seed), n_jobs=args.n_jobs,
                            baselines=not args.no_baselines)
    if args.json:
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(report.format())
    return 0


def _cmd_keywords(args) -> int:
    from .keywords import keywords

    for r in iter_records(args.file, field=args.field):
        kw = keywords(r.text, top_k=args.top_k)
        print(json.dumps({"id": r.id, "keywords": [[t, round(w, 4)] for t, w in kw]},
                         ensure_ascii=False))
    return 0


def _cmd_themes(args) -> int:
    from .taxonomy import THEMES

    for t in THEMES:
        print(f"{t.id:<22}{_pad(t.name_zh, 22)}{t.name_en}")
    return 0


def _cmd_train(args) -> int:
    import warnings

    from .persistence import save_model
    from .training import train

    labels = [x.strip() for x in args.labels.split(",") if x.strip()] if args.labels else None
    unlabeled = [r.text for r in iter_records(args.unlabeled)] if args.unlabeled else None
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = train(args.data, labels=labels, base=not args.no_base, random_state=args.seed,
                       unlabeled=unlabeled, cv=args.cv, n_jobs=args.n_jobs)
    for w in caught:
        print(f"warning: {w.message}", file=sys.stderr)
    print(result)
    save_model(result.model, args.output)
    print(f"\nmodel written to {args.output}")
    return 0


def _cmd_evaluate(args) -> int:
    from .evaluation import label_metrics
    from .persistence import load_model
    from .training import read_labelled

    model = load_model(args.model)
    data = read_labelled(args.data)
    if data.skipped:
        print(data.summary(), file=sys.stderr)
    if not len(data):
        raise InputError(f"{args.data}: no usable labelled texts")
    pred = model.predict(data.texts)
    classes = list(model.classes_)
    unknown = sorted({l for ls in data.labels for l in ls} - set(classes))
    if unknown:
        raise InputError(f"{args.data}: labels not known to the model: {', '.join(unknown)}")
    m = label_metrics(data.labels, pred, classes)
    if args.json:
        print(json.dumps(m, ensure_ascii=False, indent=1))
        return 0
    n = len(data)
    print(f"{n} texts; micro-F1 {m['micro_f1']:.3f} (P {m['micro_precision']:.3f}, "
          f"R {m['micro_recall']:.3f}); macro-F1 {m['macro_f1']:.3f}\n")
    name_w = _name_column(classes, 24)
    print(f"{_pad('label', name_w)}{'P':>6}{'R':>6}{'F1':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'TN':>6}")
    for c in classes:
        r = m["per_label"][c]
        tn = n - r["tp"] - r["fp"] - r["fn"]
        print(f"{_pad(c, name_w)}{r['precision']:>6.2f}{r['recall']:>6.2f}{r['f1']:>6.2f}"
              f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}{tn:>6}")
    return 0


def _cmd_label_issues(args) -> int:
    from .label_quality import find_label_issues

    issues = find_label_issues(args.data, base=args.base, threshold=args.threshold,
                               cv=args.cv, n_jobs=args.n_jobs)
    if not issues:
        print("no label contradicted with high confidence")
    for issue in issues[: args.top]:
        print(issue)
    if len(issues) > args.top:
        print(f"… {len(issues) - args.top} more (use --top)")
    return 0


def _cmd_suggest(args) -> int:
    from .label_quality import suggest_next
    from .persistence import load_model

    records = list(iter_records(args.file, field=args.field))
    model = load_model(args.model)
    for s in suggest_next([r.text for r in records], args.k, model=model):
        r = records[s.index]
        print(json.dumps({"id": r.id, "uncertainty": round(s.uncertainty, 4),
                          "theme": s.theme, "text": r.text}, ensure_ascii=False))
    return 0


def _add_training_commands(sub) -> None:
    tr = sub.add_parser("train", help="train a model on your labelled data",
                        description="Train on DATA (JSONL with text and labels, CSV with "
                        "text and ';'-separated labels, or a folder of them), print the "
                        "cross-validated report and write the model to DIR.")
    tr.add_argument("data", metavar="DATA")
    tr.add_argument("-o", "--output", required=True, metavar="DIR")
    tr.add_argument("--no-base", action="store_true",
                    help="train on DATA alone (a custom label set), without the bundled corpus")
    tr.add_argument("--labels", help="comma-separated label set")
    tr.add_argument("--unlabeled", metavar="FILE", help="unlabelled texts for self-training")
    tr.add_argument("--cv", type=int, default=5, help="folds of the report (0: none)")
    tr.add_argument("--seed", type=int, default=0)
    tr.add_argument("--n-jobs", type=int, default=None)
    tr.set_defaults(func=_cmd_train)

    ev = sub.add_parser("evaluate", help="per-label figures of a model on labelled data")
    ev.add_argument("data", metavar="DATA")
    ev.add_argument("--model", metavar="DIR")
    ev.add_argument("--json", action="store_true")
    ev.set_defaults(func=_cmd_evaluate)

    li = sub.add_parser("label-issues", help="labels the cross-validated model contradicts")
    li.add_argument("data", metavar="DATA")
    li.add_argument("--base", action="store_true", help="also train on the bundled corpus")
    li.add_argument("--threshold", type=float, default=0.8)
    li.add_argument("--cv", type=int, default=5)
    li.add_argument("--top", type=int, default=50)
    li.add_argument("--n-jobs", type=int, default=None)
    li.set_defaults(func=_cmd_label_issues)

    sg = sub.add_parser("suggest", help="which unlabelled texts to label next")
    sg.add_argument("file", metavar="FILE|-")
    sg.add_argument("-k", type=int, default=10)
    sg.add_argument("--model", metavar="DIR")
    sg.add_argument("--field", default="text")
    sg.set_defaults(func=_cmd_suggest)


def _threshold(value: str) -> float:
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < v < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {v}")
    return v


def build_parser() -> argparse.ArgumentParser:
    from ._about import __version__

    p = argparse.ArgumentParser(
        prog="cyberreport",
        description="Analyse Chinese government texts about cyberspace-affairs (网信) work.",
    )
    p.add_argument("--version", action="version", version=f"cyberreport {__version__}")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    sub.required = True

    c = sub.add_parser("classify", help="tag texts with work themes",
                       description="Tag each text with work themes. FILE is a .txt file "
                       "(one text per line), a .jsonl file (objects with a 'text' field), "
                       "a folder of .txt files, or '-' for standard input.")
    c.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    c.add_argument("--format", choices=["table", "jsonl", "csv"],
                   help="output format (default: table on a terminal, else jsonl)")
    c.add_argument("--explain", action="store_true", help="show the evidence sentences and terms")
    c.add_argument("--model", metavar="DIR", help="model directory (default: bundled model)")
    c.add_argument("--threshold", type=_threshold, help="one decision threshold for every theme")
    c.add_argument("--field", default="text", help="JSONL field holding the text (default: text)")
    c.add_argument("-o", "--output", metavar="FILE", help="write here instead of standard output "
                   "(JSON Lines output is streamed in constant memory and can be resumed)")
    c.add_argument("--resume", action="store_true",
                   help="continue an interrupted run into -o FILE (keeps its complete records)")
    c.add_argument("--rejects", metavar="FILE",
                   help="where unreadable input lines go (default: OUTPUT.rejects.jsonl)")
    c.add_argument("--n-jobs", type=int, default=None, metavar="N",
                   help="worker processes for -o FILE (-1: all cores)")
    c.set_defaults(func=_cmd_classify)

    v = sub.add_parser("cv", help="cross-validate the classifier on the bundled corpus")
    v.add_argument("--n-jobs", type=int, default=None)
    v.add_argument("--seed", type=int, default=0)
    v.add_argument("--no-baselines", action="store_true")
    v.add_argument("--json", action="store_true")
    v.set_defaults(func=_cmd_cv)

    k = sub.add_parser("keywords", help="TF-IDF keywords of each text")
    k.add_argument("file", nargs="?", default="-", metavar="FILE|-")
    k.add_argument("-k", "--top-k", type=int, default=10)
    k.add_argument("--field", default="text")
    k.set_defaults(func=_cmd_keywords)

    t = sub.add_parser("themes", help="list the themes of the taxonomy")
    t.set_defaults(func=_cmd_themes)
    _add_training_commands(sub)
    from . import _cli_topics; _cli_topics.add_commands(sub)  # topics, report
    return p


def main(argv=None) -> int:
    """Entry point of the ``cyberreport`` command."""
    from .corpus import CorpusFormatError
    from .persistence import ModelFormatError
    from .training import DataError

    parser = build_parser()
    args = parser.parse_args(argv)
    try:
        return args.func(args)
    except (InputError, ModelFormatError, CorpusFormatError, DataError) as exc:
        print(f"cyberreport: error: {exc}", file=sys.stderr)
        return 2
    except BrokenPipeError:  # e.g. piped into head
        try:
            sys.stdout = open(os.devnull, "w")
        except OSError:
            pass
        return 0
    except KeyboardInterrupt:
        print("cyberreport: interrupted", file=sys.stderr)
        return 130


if __name__ == "__main__":
    sys.exit(main())
