"""Topics at scale: ``TopicModel(n_topics="auto").fit`` on 10k, 100k and 1M sentences, the
exact method against the approximate one where they meet, and assigning topics in chunks
and in parallel.  Every ratio is of figures measured in the same run; each figure is
printed with the load average it was measured at (other jobs share the machine).

    python benchmarks/bench_topics_scale.py scale  [--sizes 10000 100000 1000000]
                                                   [--baseline SRC [--baseline-sizes 10000]]
    python benchmarks/bench_topics_scale.py switch [--n 10000] [--seeds 5] [--no-half]
    python benchmarks/bench_topics_scale.py assign [--n 200000]
    python benchmarks/bench_topics_scale.py all

Input: sentences generated from every bundled text with variation (``_sentences.py``:
a bundled sentence with a clause left out or one of another sentence put in, another
place and year, other numbers; seeded, so every run fits the same sentences).

* **scale** fits each size in a fresh process (wall and CPU time of ``fit`` alone —
  the CPU time is the steadier figure when other jobs share the cores; peak RSS = the
  process's VmHWM, texts included; the RSS before ``fit`` is printed beside it) and
  prints the growth exponents ``log(t2 / t1) / log(n2 / n1)``.  Targets (issue 16):
  exponent <= 1.15 in time and memory, 1M sentences in <= 10 minutes and <= 4 GB.
* **switch** fits the same ``n`` sentences with the exact method (``sample_size=None``)
  and with the default (above ``sample_size`` units: the approximate method), and
  measures both with :func:`cyberreport.topic_quality` over all the sentences (NPMI and
  diversity of the top-10 terms, stability = mean ARI of the assignments over 5 further
  seeds at the model's k), plus the ARI between the two models' assignments and, for
  the approximate method, a fit with ``sample_size`` half the units.  Targets: NPMI and
  diversity within 0.01 of the exact method's, stability ARI >= 0.9.
* **assign** times ``TopicModel.predict`` on ``n`` sentences with ``n_jobs=1`` and
  ``n_jobs=2`` (same result), so the speed-up of two processes shows at this load.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import subprocess
import sys
import time

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))

from _sentences import sentences  # noqa: E402


def load() -> str:
    a, b, c = os.getloadavg()
    return f"{a:.2f} {b:.2f} {c:.2f}"


def _hwm_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as f:
        return int(next(l for l in f if l.startswith("VmHWM")).split()[1]) / 1024


def _rss_mb() -> float:
    with open("/proc/self/status", encoding="utf-8") as f:
        return int(next(l for l in f if l.startswith("VmRSS")).split()[1]) / 1024


def child_fit(n: int, sample_size) -> None:
    """One fit in this (fresh) process; prints a JSON line."""
    import cyberreport as cr

    texts = sentences(n)
    cr.TopicModel(n_topics=2).fit(texts[:50])  # imports and the segmenter's dictionary
    before = _rss_mb()
    load0 = load()
    t0, c0 = time.perf_counter(), time.process_time()
    kw = {} if sample_size == "baseline" else {"sample_size": sample_size}
    tm = cr.TopicModel(n_topics="auto", **kw).fit(texts)
    secs, cpu = time.perf_counter() - t0, time.process_time() - c0
    print(json.dumps({"n": n, "units": len(tm.units_),
                      "graph_units": getattr(tm, "n_graph_units_", len(tm.units_)),
                      "k": tm.n_topics_, "seconds": secs, "cpu_seconds": cpu,
                      "peak_mb": _hwm_mb(),
                      "rss_before_mb": before, "load_start": load0, "load_end": load(),
                      "top": [t.label for t in tm.topics_[:3]]}, ensure_ascii=False))


def _run_child(n: int, sample_size="default", src: str | None = None) -> dict:
    cmd = [sys.executable, os.path.abspath(__file__), "_child", str(n), str(sample_size)]
    env = dict(os.environ, PYTHONPATH=src) if src else None
    out = subprocess.run(cmd, capture_output=True, text=True, check=True, env=env).stdout
    return json.loads(out.strip().splitlines()[-1])


def cmd_scale(args) -> None:
    print(f"== TopicModel(n_topics='auto').fit, each size in a fresh process "
          f"(load average at the start: {load()})")
    rows = []
    for n in args.sizes:
        r = _run_child(n)
        rows.append(r)
        print(f"{n:>9,} sentences ({r['units']:,} distinct units, graph on "
              f"{r['graph_units']:,}): k = {r['k']:>2}, fit {r['seconds']:7.1f} s (CPU "
              f"{r['cpu_seconds']:6.1f} s), peak RSS "
              f"{r['peak_mb']:6.0f} MB (before fit {r['rss_before_mb']:4.0f} MB); load "
              f"{r['load_start']} -> {r['load_end']}", flush=True)
    print("growth exponents log(y2 / y1) / log(n2 / n1) (targets <= 1.15):")
    pairs = list(zip(rows, rows[1:]))
    if len(rows) > 2:
        pairs.append((rows[0], rows[-1]))
    for a, b in pairs:
        g = math.log(b["n"] / a["n"])
        e_t = math.log(b["seconds"] / a["seconds"]) / g
        e_c = math.log(b["cpu_seconds"] / a["cpu_seconds"]) / g
        e_m = math.log(b["peak_mb"] / a["peak_mb"]) / g
        print(f"  {a['n']:>9,} -> {b['n']:>9,}: wall time {e_t:.2f}, CPU time {e_c:.2f}, "
              f"peak memory {e_m:.2f}")
    if args.baseline:
        print(f"baseline: the 0.1 method (cyberreport imported from {args.baseline}), same "
              "sentences, each size in a fresh process:")
        for n in args.baseline_sizes:
            r = _run_child(n, "baseline", args.baseline)
            mine = next((x for x in rows if x["n"] == n), None)
            vs = (f"; this version is {r['seconds'] / mine['seconds']:.2f}x faster (CPU "
                  f"{r['cpu_seconds'] / mine['cpu_seconds']:.2f}x), peak RSS "
                  f"{mine['peak_mb'] / r['peak_mb']:.2f}x" if mine else "")
            print(f"{n:>9,} sentences: k = {r['k']:>2}, fit {r['seconds']:7.1f} s (CPU "
                  f"{r['cpu_seconds']:6.1f} s), peak RSS {r['peak_mb']:6.0f} MB; load "
                  f"{r['load_start']} -> {r['load_end']}{vs}", flush=True)
    print(f"load average at the end: {load()}")


def cmd_switch(args) -> None:
    import numpy as np

    import cyberreport as cr
    from cyberreport.topics._measures import ari

    texts = sentences(args.n)
    print(f"== exact vs approximate on {args.n:,} sentences (load average {load()})")
    fits = {}
    rows = (("exact (sample_size=None)", None),
            (f"default (sample_size={cr.TopicModel().sample_size})", "default"),
            ("approximate, sample of half the units", "half"))
    for name, size in rows[:2] + (rows[2:] if args.half else ()):
        kw = {}
        if size == "half":
            kw["sample_size"] = len(fits[next(iter(fits))][0].units_) // 2
        elif size is None:
            kw["sample_size"] = None
        t0 = time.perf_counter()
        tm = cr.TopicModel(**kw).fit(texts)
        secs = time.perf_counter() - t0
        q = cr.topic_quality(tm, texts, n_seeds=args.seeds)
        fits[name] = (tm, q)
        print(f"{name:<40} graph on {tm.n_graph_units_:>6,} units, k = {tm.n_topics_:>2}, fit "
              f"{secs:6.1f} s; NPMI {q.npmi:.3f}, diversity {q.diversity:.3f}, stability ARI "
              f"{q.stability:.3f} (seeds +1..+{args.seeds}); load {load()}", flush=True)
    names = list(fits)
    units = fits[names[0]][0].units_
    ref = fits[names[0]][0].predict(units)
    q0 = fits[names[0]][1]
    for name in names[1:]:
        tm, q = fits[name]
        print(f"{name}: NPMI {q.npmi - q0.npmi:+.3f}, diversity {q.diversity - q0.diversity:+.3f}"
              f" vs exact; ARI of the assignments with the exact model's "
              f"{ari(ref, tm.predict(units)):.3f}")
    same = [np.array_equal(fits[n][0].labels_, fits[names[0]][0].labels_) for n in names[1:]]
    print(f"(labels identical to the exact model's: {same}); load average {load()}")


def cmd_assign(args) -> None:
    import numpy as np

    import cyberreport as cr

    texts = sentences(args.n, seed=7)
    tm = cr.TopicModel().fit(sentences(20_000, seed=8))
    tm.predict(texts[:100])
    print(f"== TopicModel.predict on {args.n:,} sentences (model: k = {tm.n_topics_}, fitted "
          f"on 20,000 other sentences; load average {load()})")
    res = {}
    for jobs in (1, 2, 2):
        t0 = time.perf_counter()
        p = tm.predict(texts, n_jobs=jobs)
        secs = time.perf_counter() - t0
        key = f"n_jobs={jobs}" + (" (workers running)" if f"n_jobs={jobs}" in res else "")
        res[key] = (secs, p)
        print(f"{key:<30} {secs:6.1f} s  {args.n / secs:>9,.0f} sentences/s  load {load()}",
              flush=True)
    one = res["n_jobs=1"][0]
    print(f"speed-up n_jobs=2 / n_jobs=1: first call {one / res['n_jobs=2'][0]:.2f}x, workers "
          f"running {one / res['n_jobs=2 (workers running)'][0]:.2f}x; results equal: "
          f"{all(np.array_equal(v[1], res['n_jobs=1'][1]) for v in res.values())}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    s = sub.add_parser("scale")
    s.add_argument("--sizes", type=int, nargs="+", default=[10_000, 100_000, 1_000_000])
    s.add_argument("--baseline", metavar="SRC",
                   help="also fit with the cyberreport found in SRC (e.g. the src/ folder of "
                        "a checkout before issue 16: `git archive 7fdec46 | tar -x -C /tmp/v01`)")
    s.add_argument("--baseline-sizes", type=int, nargs="+", default=[10_000])
    w = sub.add_parser("switch")
    w.add_argument("--n", type=int, default=10_000)
    w.add_argument("--seeds", type=int, default=5)
    w.add_argument("--no-half", dest="half", action="store_false",
                   help="leave out the fit on a sample of half the units")
    a = sub.add_parser("assign")
    a.add_argument("--n", type=int, default=200_000)
    sub.add_parser("all")
    c = sub.add_parser("_child")
    c.add_argument("n", type=int)
    c.add_argument("sample_size")
    args = ap.parse_args(argv)
    if args.cmd == "_child":
        size = {"None": None, "baseline": "baseline"}.get(args.sample_size)
        if args.sample_size == "default":
            import cyberreport as cr

            size = cr.TopicModel().sample_size
        elif size is None and args.sample_size not in ("None", "baseline"):
            size = int(args.sample_size)
        child_fit(args.n, size)
        return 0
    import platform

    import cyberreport as cr

    print(f"{platform.platform()}; {os.cpu_count()} CPUs; python {platform.python_version()}; "
          f"cyberreport {cr.__version__}")
    if args.cmd == "all":
        ns = argparse.Namespace
        cmd_scale(ns(sizes=[10_000, 100_000, 1_000_000], baseline=None))
        cmd_switch(ns(n=10_000, seeds=5, half=True))
        cmd_assign(ns(n=200_000))
        return 0
    {"scale": cmd_scale, "switch": cmd_switch, "assign": cmd_assign}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
