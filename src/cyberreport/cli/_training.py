"""The ``cv``, ``train``, ``evaluate``, ``label-issues`` and ``suggest`` subcommands."""

from __future__ import annotations

import json
import sys

from .._display import name_column, pad
from ..exceptions import DataError, InputError
from ..io import iter_records
from ._common import (add_input_options, deprecated_flag, n_jobs, positive_int, seed,
                      threshold, warn_line)

__all__ = ["add_commands"]


def _cmd_cv(args) -> int:
    from ..classifier import ThemeClassifier
    from ..evaluation import cross_validate

    report = cross_validate(ThemeClassifier(random_state=args.seed), n_jobs=args.n_jobs,
                            baselines=not args.no_baselines)
    if args.format == "json":
        print(json.dumps(report.to_dict(), ensure_ascii=False, indent=1))
    else:
        print(report.format())
    return 0


def _cmd_train(args) -> int:
    import warnings

    from .._modelfile import check_destination
    from ..persistence import save_model
    from ..training import train

    check_destination(args.output)  # before the work, not after it
    labels = None
    if args.labels is not None:
        labels = [x.strip() for x in args.labels.split(",") if x.strip()]
        if not labels:
            raise InputError(f"--labels names no label: {args.labels!r}")
    unlabeled = None
    if args.unlabeled:
        unlabeled = [r.text for r in iter_records(args.unlabeled, text_field=args.text_field)]
    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")
        result = train(args.data, labels=labels, base=not args.no_base, random_state=args.seed,
                       unlabeled=unlabeled, cv=args.cv, n_jobs=args.n_jobs)
    for w in caught:
        warn_line(str(w.message))
    if not len(result.data):
        raise DataError(f"{args.data}: none of its records is usable; no model written:\n"
                        + result.data.summary())
    print(result)
    save_model(result.model, args.output)
    print(f"\nmodel written to {args.output}")
    return 0


def _cmd_evaluate(args) -> int:
    from ..evaluation import label_metrics
    from ..persistence import load_model
    from ..training import read_labelled

    model = load_model(args.model)
    data = read_labelled(args.data)
    if data.skipped:
        print(data.summary(), file=sys.stderr)
    if not len(data):
        raise InputError(f"{args.data}: no usable labelled texts")
    classes = list(model.classes_)
    unknown = sorted({lab for ls in data.labels for lab in ls} - set(classes))
    if unknown:
        raise InputError(f"{args.data}: labels not known to the model: {', '.join(unknown)}")
    pred = model.predict(data.texts)
    m = label_metrics(data.labels, pred, classes)
    if args.format == "json":
        print(json.dumps(m, ensure_ascii=False, indent=1))
        return 0
    n = len(data)
    print(f"{n} texts; micro-F1 {m['micro_f1']:.3f} (P {m['micro_precision']:.3f}, "
          f"R {m['micro_recall']:.3f}); macro-F1 {m['macro_f1']:.3f}\n")
    name_w = name_column(classes, 24)
    print(f"{pad('label', name_w)}{'P':>6}{'R':>6}{'F1':>6}{'TP':>6}{'FP':>6}{'FN':>6}{'TN':>6}")
    for c in classes:
        r = m["per_label"][c]
        tn = n - r["tp"] - r["fp"] - r["fn"]
        print(f"{pad(c, name_w)}{r['precision']:>6.2f}{r['recall']:>6.2f}{r['f1']:>6.2f}"
              f"{r['tp']:>6}{r['fp']:>6}{r['fn']:>6}{tn:>6}")
    return 0


def _cmd_label_issues(args) -> int:
    from ..training import find_label_issues

    issues = find_label_issues(args.data, base=args.base, threshold=args.threshold,
                               cv=args.cv, n_jobs=args.n_jobs)
    if not issues:
        print("no label contradicted with high confidence")
    for issue in issues[: args.top_n]:
        print(issue)
    if len(issues) > args.top_n:
        print(f"… {len(issues) - args.top_n} more (use --top-n)")
    return 0


def _cmd_suggest(args) -> int:
    from ..persistence import load_model
    from ..training import suggest_next

    model = load_model(args.model)
    ids, texts = [], []
    source = args.file[0] if len(args.file) == 1 else list(args.file)
    for r in iter_records(source, text_field=args.text_field, id_field=args.id_field):
        ids.append(r.id)
        texts.append(r.text)
    table = (args.format or ("table" if sys.stdout.isatty() else "jsonl")) == "table"
    if table:
        from .._display import clip, output_width, pad, short_name, width

        cols = output_width(sys.stdout)
        rows = suggest_next(texts, args.top_n, model=model)
        id_w = max([2] + [width(ids[s.index]) for s in rows])
        print(f"{pad('id', id_w)}  uncertain  theme     text")
        for s in rows:
            lead = f"{pad(ids[s.index], id_w)}  {s.uncertainty:9.2f}  {pad(short_name(s.theme), 8)}  "
            print(lead + clip(s.text, cols - width(lead)))
        return 0
    for s in suggest_next(texts, args.top_n, model=model):
        print(json.dumps({"id": ids[s.index], "uncertainty": round(s.uncertainty, 4),
                          "theme": s.theme, "text": s.text}, ensure_ascii=False))
    return 0


def _label_threshold(value: str) -> float:
    v = threshold(value)
    if v <= 0.5:
        import argparse

        raise argparse.ArgumentTypeError(f"must be between 0.5 and 1, got {v}")
    return v


def _folds(value: str) -> int:
    import argparse

    v = int(value) if value.lstrip("-").isdigit() else None
    if v is None or v < 2:
        raise argparse.ArgumentTypeError(f"must be an integer >= 2, got {value!r}")
    return v


def _folds_or_zero(value: str) -> int:
    import argparse

    v = int(value) if value.lstrip("-").isdigit() else None
    if v is None or v < 0 or v == 1:
        raise argparse.ArgumentTypeError(f"must be 0 (no report) or an integer >= 2, got {value!r}")
    return v


def add_commands(sub) -> None:
    """Register the training subcommands."""
    v = sub.add_parser("cv", help="cross-validate the classifier on the bundled corpus",
                       description="Leave-one-province-out cross-validation of the default "
                       "configuration on the bundled corpus, with both baselines.",
                       epilog="example: cyberreport cv --n-jobs 2")
    v.add_argument("--n-jobs", type=n_jobs, default=None, metavar="N")
    v.add_argument("--seed", type=seed, default=0)
    v.add_argument("--no-baselines", action="store_true")
    v.add_argument("--format", choices=["table", "json"], default="table")
    deprecated_flag(v, "--json", "--format json", "format", nargs=0, const="json")
    v.set_defaults(func=_cmd_cv)

    tr = sub.add_parser("train", help="train a model on your labelled data",
                        description="Train on DATA (JSONL with text and labels, CSV/TSV/Excel "
                        "with a text and a ';'-separated labels column, or a folder of them), "
                        "print the cross-validated report and write the model to DIR (a new "
                        "or empty folder, or one holding a model).",
                        epilog="example: cyberreport train labelled.csv -o my-model --no-base")
    tr.add_argument("data", metavar="DATA")
    tr.add_argument("-o", "--output", required=True, metavar="DIR")
    tr.add_argument("--no-base", action="store_true",
                    help="train on DATA alone (a custom label set), without the bundled corpus")
    tr.add_argument("--labels", help="comma-separated label set")
    tr.add_argument("--unlabeled", metavar="FILE", help="unlabelled texts for self-training")
    tr.add_argument("--cv", type=_folds_or_zero, default=5, help="folds of the report (0: none)")
    tr.add_argument("--seed", type=seed, default=0)
    tr.add_argument("--n-jobs", type=n_jobs, default=None, metavar="N")
    add_input_options(tr)
    tr.set_defaults(func=_cmd_train)

    ev = sub.add_parser("evaluate", help="per-label figures of a model on labelled data",
                        description="Precision, recall and F1 of a model on labelled DATA.",
                        epilog="example: cyberreport evaluate held-out.jsonl --model my-model")
    ev.add_argument("data", metavar="DATA")
    ev.add_argument("--model", metavar="DIR")
    ev.add_argument("--format", choices=["table", "json"], default="table")
    deprecated_flag(ev, "--json", "--format json", "format", nargs=0, const="json")
    ev.set_defaults(func=_cmd_evaluate)

    li = sub.add_parser("label-issues", help="labels the cross-validated model contradicts",
                        description="Labels of DATA that a cross-validated model contradicts "
                        "with high confidence, most confident first.",
                        epilog="example: cyberreport label-issues labelled.jsonl --top-n 20")
    li.add_argument("data", metavar="DATA")
    li.add_argument("--base", action="store_true", help="also train on the bundled corpus")
    li.add_argument("--threshold", type=_label_threshold, default=0.8)
    li.add_argument("--cv", type=_folds, default=5)
    li.add_argument("-n", "--top-n", type=positive_int, default=50, metavar="N")
    deprecated_flag(li, "--top", "--top-n", "top_n", type=positive_int)
    li.add_argument("--n-jobs", type=n_jobs, default=None, metavar="N")
    li.set_defaults(func=_cmd_label_issues)

    sg = sub.add_parser("suggest", help="which unlabelled texts to label next",
                        description="The unlabelled texts of FILE the model is least sure "
                        "about, diverse among themselves.",
                        epilog="example: cyberreport suggest unlabelled.txt -n 20")
    sg.add_argument("file", nargs="+", metavar="FILE", help="files or folders ('-': standard input)")
    sg.add_argument("-n", "--top-n", type=positive_int, default=10, metavar="N")
    deprecated_flag(sg, "-k", "--top-n", "top_n", type=positive_int)
    sg.add_argument("--model", metavar="DIR")
    sg.add_argument("--format", choices=["table", "jsonl"],
                    help="output format (default: table on a terminal, else jsonl)")
    add_input_options(sg)
    sg.set_defaults(func=_cmd_suggest)
