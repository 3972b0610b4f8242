"""Benchmark extraction: throughput beside ``classify`` on the same texts, and memory when
streaming many paragraphs.

Usage::

    python benchmarks/bench_extract.py speed [--n 5000] [--repeat 3]
    python benchmarks/bench_extract.py memory [--small 10000] [--large 100000]
    python benchmarks/bench_extract.py gold [--errors SET]

``gold``: figures and mentions scored against the gold of ``data/figures/`` (guideline part
3: a figure matches when the spans overlap and value, value_max, unit and qualifier are
equal; indicator accuracy on the matched figures; a mention matches on entity and overlap)
for corpus, dev, eval (the test set), realdev and the mixed report, and the figures of
``heldout.jsonl`` (22 paragraphs written after the rules; figures and their indicators).

``speed``: the paragraphs of the bundled 2016 corpus, the dev set (``data/dev``) and the
real-style dev set (``data/realdev``) are cycled into a list of ``--n`` paragraphs. Each
function reads every paragraph of that list in turn, in this one process, after a warm-up
(which builds the gazetteer's automaton, loads the inventory and the default model); the
best of ``--repeat`` passes is reported as paragraphs (texts) per second. The baseline is
the default model's ``classify_many`` (themes with evidence) and ``predict`` (themes only)
on the same list, one process (``n_jobs=1``).

``memory``: the same paragraphs are cycled into JSONL files of ``--small`` and ``--large``
lines (with id, province and year), and ``cyberreport extract FILE --what figures
--format jsonl -o OUT`` runs on each in a fresh process; its peak RSS (VmHWM) is printed
with the ratio large / small. Streaming in constant memory means a ratio close to 1
(target <= 1.2x). The ``--by`` tables are not part of this check: they keep one row per
group and the sources of every number, which grow with the input.
"""

from __future__ import annotations

import argparse
import itertools
import json
import os
import platform
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
_SOURCES = ("data/provincial_reports_2016.jsonl", "data/dev/dev_2017_2022.jsonl",
            "data/realdev/realdev.jsonl")


def _records() -> list[dict]:
    out = []
    for name in _SOURCES:
        for line in (ROOT / name).read_text("utf-8").splitlines():
            if line.strip():
                out.append(json.loads(line))
    return out


def _paragraphs(n: int) -> list[str]:
    return [r["text"] for r in itertools.islice(itertools.cycle(_records()), n)]


def _load() -> str:
    try:
        return "load average " + " ".join(f"{x:.2f}" for x in os.getloadavg())
    except OSError:
        return "load average unknown"


def _count(x) -> int:
    """Records in one text's output: a list of records, a pair of lists, or one result."""
    if isinstance(x, list):
        return len(x)
    if isinstance(x, tuple) and x and all(isinstance(y, list) for y in x):
        return sum(map(len, x))
    return 1


def _best(fn, texts, repeat: int) -> tuple[float, int]:
    best, found = float("inf"), 0
    for _ in range(repeat):
        start = time.perf_counter()
        found = sum(_count(x) for x in fn(texts))
        best = min(best, time.perf_counter() - start)
    return best, found


def cmd_speed(args) -> None:
    t0 = time.perf_counter()
    from cyberreport.extract import _mentions, extract_figures, extract_mentions
    t1 = time.perf_counter()
    _mentions._matcher()
    t2 = time.perf_counter()
    import cyberreport as cr

    model = cr.load_model()
    texts = _paragraphs(args.n)
    chars = sum(map(len, texts))
    print(f"Python {platform.python_version()} on {platform.machine()}, {os.cpu_count()} cores; "
          f"{_load()}")
    print(f"{len(texts)} paragraphs, {chars} characters (mean {chars / len(texts):.0f})")
    print(f"import cyberreport.extract: {t1 - t0:.3f} s; gazetteer automaton built in "
          f"{t2 - t1:.3f} s")
    runs = {
        "extract_figures": lambda ts: [extract_figures(t) for t in ts],
        "extract_mentions": lambda ts: [extract_mentions(t) for t in ts],
        "figures + mentions": lambda ts: [(extract_figures(t), extract_mentions(t)) for t in ts],
        "classify_many (baseline)": lambda ts: model.classify_many(ts, n_jobs=1),
        "predict (baseline)": lambda ts: model.predict(ts, n_jobs=1),
    }
    for fn in runs.values():
        fn(texts[:50])                           # warm-up
    rates = {}
    for name, fn in runs.items():
        best, found = _best(fn, texts, args.repeat)
        rates[name] = len(texts) / best
        print(f"{name:26s} {rates[name]:9.0f} texts/s  {chars / best / 1e6:5.2f} M chars/s  "
              f"({found} records per pass)", flush=True)
    base = rates["classify_many (baseline)"]
    for name in ("extract_figures", "extract_mentions", "figures + mentions"):
        print(f"{name} / classify_many: {rates[name] / base:.1f}x")
    print(_load())


_CHILD = r"""
import json, sys, time
from cyberreport.cli import main
t = time.perf_counter()
rc = main(["extract", sys.argv[1], "--what", "figures", "--format", "jsonl", "-o", sys.argv[2]])
seconds = time.perf_counter() - t
with open("/proc/self/status") as f:
    peak = int(next(l for l in f if l.startswith("VmHWM")).split()[1])
print(json.dumps({"rc": rc, "peak_kb": peak, "seconds": seconds}))
"""


def cmd_memory(args) -> None:
    print(f"peak RSS of `cyberreport extract FILE --what figures --format jsonl -o OUT`, "
          f"each run in a fresh process; {_load()}")
    recs = _records()
    rows = {}
    with tempfile.TemporaryDirectory() as tmp:
        for n in (args.small, args.large):
            src, dst = os.path.join(tmp, f"in-{n}.jsonl"), os.path.join(tmp, f"out-{n}.jsonl")
            with open(src, "w", encoding="utf-8") as f:
                for i, r in zip(range(n), itertools.cycle(recs)):
                    f.write(json.dumps({"id": f"p{i}", "province": r.get("province", ""),
                                        "year": r.get("year"), "text": r["text"]},
                                       ensure_ascii=False) + "\n")
            out = subprocess.run([sys.executable, "-c", _CHILD, src, dst], capture_output=True,
                                 text=True, check=True)
            rec = json.loads(out.stdout.strip().splitlines()[-1])
            with open(dst, encoding="utf-8") as f:
                n_rows = sum(1 for _ in f)
            rows[n] = rec
            print(f"{n:>8,} paragraphs ({os.path.getsize(src) / 1e6:5.1f} MB in, {n_rows:,} "
                  f"figure rows, {os.path.getsize(dst) / 1e6:5.1f} MB out): peak RSS "
                  f"{rec['peak_kb'] / 1024:6.1f} MB; {rec['seconds']:6.1f} s, "
                  f"{n / rec['seconds']:,.0f} paragraphs/s  [{_load()}]", flush=True)
    ratio = rows[args.large]["peak_kb"] / rows[args.small]["peak_kb"]
    print(f"ratio peak RSS {args.large:,} / {args.small:,}: {ratio:.3f}x (target <= 1.2x)")


_GOLD_SETS = {"corpus": "corpus", "dev": "dev", "eval": "eval", "realdev": "realdev",
              "mixed_report": "mixed"}


def _f(x: float) -> str:
    return "  —  " if x != x else f"{x:.3f}"


def cmd_gold(args) -> None:
    import cyberreport as cr
    from cyberreport.extract._scoring import _match, _same_figure, score_extraction

    gold_dir = ROOT / "data" / "figures"
    print(f"{'set':13s} {'figures':>8s} {'P':>6s} {'R':>6s} {'indicator':>14s}  "
          f"{'mentions':>8s} {'P':>6s} {'R':>6s}")
    for name, bundled in _GOLD_SETS.items():
        gold = {}
        for line in (gold_dir / f"{name}.jsonl").read_text("utf-8").splitlines():
            if line.strip():
                g = json.loads(line)
                gold[g["id"]] = g
        s = score_extraction((p.id, p.text, gold[p.id]) for p in cr.load_corpus(bundled=bundled))
        ind = f"{_f(s.indicator_accuracy)} ({s.indicator_correct}/{s.figures_matched})"
        print(f"{name:13s} {s.figures_gold:8d} {_f(s.figure_precision):>6s} "
              f"{_f(s.figure_recall):>6s} {ind:>14s}  {s.mentions_gold:8d} "
              f"{_f(s.mention_precision):>6s} {_f(s.mention_recall):>6s}")
        if args.errors == name:
            for e in s.errors:
                print("   ", e)
    pred = n_gold = matched = correct = 0
    for line in (gold_dir / "heldout.jsonl").read_text("utf-8").splitlines():
        rec = json.loads(line)
        found = cr.extract_figures(rec["text"])
        pred, n_gold = pred + len(found), n_gold + len(rec["figures"])
        pairs = _match(found, rec["figures"], _same_figure)
        matched += len(pairs)
        correct += sum(found[p].indicator == rec["figures"][g]["indicator"] for p, g in pairs)
        if args.errors == "heldout":
            for p, g in pairs:
                if found[p].indicator != rec["figures"][g]["indicator"]:
                    print("   ", rec["id"], found[p], rec["figures"][g]["indicator"])
    ind = f"{_f(correct / matched)} ({correct}/{matched})"
    print(f"{'heldout':13s} {n_gold:8d} {_f(matched / pred):>6s} {_f(matched / n_gold):>6s}"
          f" {ind:>14s}  (figures only)")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    sp = sub.add_parser("speed")
    sp.add_argument("--n", type=int, default=5000)
    sp.add_argument("--repeat", type=int, default=3)
    sm = sub.add_parser("memory")
    sm.add_argument("--small", type=int, default=10_000)
    sm.add_argument("--large", type=int, default=100_000)
    sg = sub.add_parser("gold")
    sg.add_argument("--errors", choices=sorted([*_GOLD_SETS, "heldout"]),
                    help="list a set's errors")
    args = ap.parse_args(argv)
    {"speed": cmd_speed, "memory": cmd_memory, "gold": cmd_gold}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
