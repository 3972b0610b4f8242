"""Scale benchmarks: tokenization, end-to-end classification, parallel speed-up, streaming
memory and Dask throughput.  Every comparison is a ratio of two figures measured in the
same run, on the same texts; absolute figures are this machine's (printed first).

    python benchmarks/bench_scale.py generate N OUT.jsonl   # benchmark input (under /tmp)
    python benchmarks/bench_scale.py tokenize  [--texts 10000]
    python benchmarks/bench_scale.py e2e       [--texts 10000]
    python benchmarks/bench_scale.py parallel  [--texts 100000]
    python benchmarks/bench_scale.py memory    [--small 100000 --large 1000000]
    python benchmarks/bench_scale.py dask      [--texts 50000]
    python benchmarks/bench_scale.py all

Input: synthetic paragraphs made from the bundled 2016 corpus (``cyberreport.load_corpus()``):
each is 2-6 of the corpus's 227 sentences drawn in random order with a seeded RNG (about
220 characters), so that texts are realistic but not identical.  Nothing is cached
anywhere in either pipeline, so repeated sentences cost the same as new ones.

Acceptance targets (issue 6):

* e2e: single-process cyberreport >= 3x the naive pipeline (``TfidfVectorizer(tokenizer=
  jieba.lcut)`` + one-vs-rest logistic regression, ``cyberreport.evaluation.NaivePipeline``
  fitted on the corpus) on the same >= 10,000 texts;
* parallel: ``n_jobs=2`` >= 1.6x ``n_jobs=1`` on 100,000 texts;
* memory: peak RSS of ``classify_file`` on 1,000,000 paragraphs <= 1.2x its peak on 100,000.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import random
import subprocess
import sys
import tempfile
import time
from importlib import metadata

import cyberreport as cr

BENCH_DIR = os.environ.get("CYBERREPORT_BENCH_DIR",
                           os.path.join(tempfile.gettempdir(), "cyberreport-bench"))


# ---------------------------------------------------------------------------------------
# machine and input
# ---------------------------------------------------------------------------------------

def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "-"


def machine() -> None:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            cpu = next(l.split(":", 1)[1].strip() for l in fh if l.startswith("model name"))
    except (OSError, StopIteration):
        pass
    mem = ""
    try:
        with open("/proc/meminfo", encoding="utf-8") as fh:
            kb = int(next(l for l in fh if l.startswith("MemTotal")).split()[1])
            mem = f", {kb / 1024 ** 2:.0f} GB RAM"
    except (OSError, StopIteration):
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count()
    print("== machine (all absolute figures below are this machine's)")
    print(f"{platform.platform()}; {cpu}; {os.cpu_count()} CPUs ({usable} usable){mem}")
    print(f"python {platform.python_version()}; cyberreport {cr.__version__}; numpy "
          f"{_version('numpy')}; jieba {_version('jieba')}; rjieba {_version('rjieba')}; "
          f"joblib {_version('joblib')}; scikit-learn {_version('scikit-learn')}; dask "
          f"{_version('dask')}; distributed {_version('distributed')}")
    load()


def load() -> None:
    if hasattr(os, "getloadavg"):
        a, b, c = os.getloadavg()
        print(f"load average {a:.2f} {b:.2f} {c:.2f} (other processes compete for the CPUs "
              f"when it is above 0)", flush=True)


def paragraphs(n: int, seed: int = 0):
    """``n`` synthetic paragraphs: 2-6 corpus sentences in a random order."""
    sents = [s.text for p in cr.load_corpus() for s in p.sentences]
    rng = random.Random(seed)
    for _ in range(n):
        yield "".join(rng.sample(sents, rng.randint(2, 6)))


def generate(n: int, path: str, seed: int = 0) -> str:
    """Write ``n`` paragraphs as JSONL (``{"id": "p0000001", "text": ...}``) to ``path``."""
    os.makedirs(os.path.dirname(os.path.abspath(path)), exist_ok=True)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        for i, t in enumerate(paragraphs(n, seed)):
            f.write(json.dumps({"id": f"p{i:07d}", "text": t}, ensure_ascii=False) + "\n")
    os.replace(tmp, path)
    return path


def bench_file(n: int) -> str:
    path = os.path.join(BENCH_DIR, f"paragraphs-{n}.jsonl")
    if not os.path.exists(path):
        t0 = time.perf_counter()
        generate(n, path)
        print(f"(generated {path}: {os.path.getsize(path) / 1e6:.0f} MB in "
              f"{time.perf_counter() - t0:.0f} s)")
    return path


def describe(texts) -> tuple[int, float]:
    mb = sum(len(t.encode("utf-8")) for t in texts) / 1e6
    print(f"texts: {len(texts):,} synthetic paragraphs, {sum(map(len, texts)) / len(texts):.0f} "
          f"characters on average, {mb:.1f} MB UTF-8")
    return len(texts), mb


def _cold(code: str, repeat: int = 3) -> float:
    """Median seconds of ``code`` (``T`` is a sample text) in fresh interpreters, from
    the first import to the end."""
    import statistics

    prog = ("import time; _t = time.perf_counter()\nT = '加强关键信息基础设施安全保护'\n" + code
            + "\nprint(time.perf_counter() - _t)")
    return statistics.median(
        float(subprocess.run([sys.executable, "-c", prog], capture_output=True, text=True,
                             check=True).stdout.split()[-1])
        for _ in range(repeat)
    )


def best(fn, repeat: int) -> float:
    out = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        out = min(out, time.perf_counter() - t0)
    return out


# ---------------------------------------------------------------------------------------
# benchmarks
# ---------------------------------------------------------------------------------------

def cmd_tokenize(args) -> None:
    import logging

    import jieba

    jieba.setLogLevel(logging.WARNING)
    print("\n== tokenization: characters per second, one process, best of "
          f"{args.repeat} after a warm-up")
    texts = list(paragraphs(args.texts))
    describe(texts)
    n_chars = sum(map(len, texts))
    tok = cr.Tokenizer()
    engines = [(f"cyberreport Tokenizer().cut [{tok.backend_name}]", tok.cut),
               ("jieba.lcut (plain jieba)", jieba.lcut)]
    rates = {}
    for name, cut in engines:
        for t in texts[:200]:
            cut(t)
        secs = best(lambda cut=cut: [cut(t) for t in texts], args.repeat)
        rates[name] = n_chars / secs
        print(f"{name:<44} {secs:7.2f} s  {rates[name]:>12,.0f} chars/s")
    a, b = (rates[n] for n, _ in engines)
    print(f"ratio cyberreport / jieba.lcut: {a / b:.1f}x")
    load()


def cmd_e2e(args) -> None:
    from cyberreport.evaluation._baselines import NaivePipeline

    print(f"\n== end-to-end classification (predict: texts -> theme labels), best of "
          f"{args.repeat}, runs interleaved")
    texts = list(paragraphs(args.texts, seed=1))
    n, mb = describe(texts)
    corpus = cr.load_corpus()
    model = cr.load_model()
    naive = NaivePipeline().fit(corpus.texts, corpus.labels)
    model.predict(texts[:1])
    naive.predict(texts[:1])
    # warm-up, each in a fresh interpreter: imports, then the model ready for its first text
    # (cyberreport: load_model + the segmenter's dictionary; naive: jieba's dictionary +
    # fitting on the corpus, since it has no saved model)
    t_ours = _cold("import cyberreport as cr; m = cr.load_model(); m.predict([T])")
    t_naive = _cold("import cyberreport as cr; from cyberreport.evaluation._baselines import "
                    "NaivePipeline; c = cr.load_corpus(); "
                    "NaivePipeline().fit(c.texts, c.labels).predict([T])")
    print(f"warm-up in a fresh interpreter (imports, model ready, first text): cyberreport "
          f"{t_ours:.2f} s; naive pipeline {t_naive:.2f} s (jieba's dictionary + fit)")
    times = {"cyberreport n_jobs=1": [], "naive pipeline": []}
    for _ in range(args.repeat):
        for name, fn in (("cyberreport n_jobs=1", lambda: model.predict(texts)),
                         ("naive pipeline", lambda: naive.predict(texts))):
            t0 = time.perf_counter()
            fn()
            times[name].append(time.perf_counter() - t0)
    t0 = time.perf_counter()
    par = model.predict(texts, n_jobs=2)
    first2 = time.perf_counter() - t0
    times["cyberreport n_jobs=2"] = [best(lambda: model.predict(texts, n_jobs=2), args.repeat)]
    assert par == model.predict(texts)
    secs = {k: min(v) for k, v in times.items()}
    for name in ("naive pipeline", "cyberreport n_jobs=1", "cyberreport n_jobs=2"):
        s = secs[name]
        print(f"{name:<24} {s:7.2f} s  {n / s:>9,.0f} texts/s  {mb / s:6.2f} MB/s")
    print(f"(cyberreport n_jobs=2 first call, starting its 2 workers: {first2:.2f} s, "
          f"{n / first2:,.0f} texts/s)")
    base = secs["naive pipeline"]
    print(f"ratio cyberreport n_jobs=1 / naive, warm: {base / secs['cyberreport n_jobs=1']:.2f}x"
          "   (target >= 3x)")
    print(f"ratio cyberreport n_jobs=2 / naive, warm: {base / secs['cyberreport n_jobs=2']:.2f}x")
    cold_ours = t_ours + secs["cyberreport n_jobs=1"]
    cold_naive = t_naive + base
    print(f"ratio including the warm-up (fresh interpreter + {n:,} texts), n_jobs=1: "
          f"{cold_naive / cold_ours:.2f}x")
    load()


def cmd_parallel(args) -> None:
    import numpy as np

    print(f"\n== n_jobs=2 vs n_jobs=1 (predict_proba on {args.texts:,} texts in memory; "
          "classify_file on the same texts as JSONL)")
    texts = list(paragraphs(args.texts, seed=2))
    n, mb = describe(texts)
    model = cr.load_model()
    model.predict_proba(texts[:200])
    res = {}
    t0 = time.perf_counter()
    p1 = model.predict_proba(texts)
    res["predict_proba n_jobs=1"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    p2 = model.predict_proba(texts, n_jobs=2)
    res["predict_proba n_jobs=2 (first call: worker start-up included)"] = time.perf_counter() - t0
    t0 = time.perf_counter()
    model.predict_proba(texts, n_jobs=2)
    res["predict_proba n_jobs=2 (workers already running)"] = time.perf_counter() - t0
    assert np.array_equal(p1, p2)
    src = os.path.join(BENCH_DIR, f"parallel-{n}.jsonl")
    if not os.path.exists(src):
        with open(src, "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": f"p{i:07d}", "text": t}, ensure_ascii=False) + "\n")
    outs = []
    for jobs in (1, 2):
        dst = os.path.join(BENCH_DIR, f"parallel-out-{jobs}.jsonl")
        s = cr.classify_file(src, dst, model=model, n_jobs=jobs, progress=False)
        res[f"classify_file n_jobs={jobs}"] = s.seconds
        outs.append(dst)
    with open(outs[0], "rb") as a, open(outs[1], "rb") as b:
        same = a.read() == b.read()
    for name, s in res.items():
        print(f"{name:<66} {s:7.2f} s  {n / s:>8,.0f} texts/s  {mb / s:5.2f} MB/s")
    one = res["predict_proba n_jobs=1"]
    print(f"speed-up predict_proba n_jobs=2 / n_jobs=1, first call: "
          f"{one / res['predict_proba n_jobs=2 (first call: worker start-up included)']:.2f}x"
          "   (target >= 1.6x)")
    print(f"speed-up predict_proba n_jobs=2 / n_jobs=1, workers running: "
          f"{one / res['predict_proba n_jobs=2 (workers already running)']:.2f}x")
    print(f"speed-up classify_file n_jobs=2 / n_jobs=1: "
          f"{res['classify_file n_jobs=1'] / res['classify_file n_jobs=2']:.2f}x "
          f"(outputs identical: {same})")
    for o in outs:
        os.remove(o)
    load()


_MEMORY_CHILD = r"""
import json, os, resource, sys
import cyberreport as cr
src, dst, jobs = sys.argv[1], sys.argv[2], int(sys.argv[3])
s = cr.classify_file(src, dst, n_jobs=jobs, progress=False)


def hwm(pid="self"):
    # VmHWM: the peak RSS of this process image.  (ru_maxrss would also count the
    # benchmark's own pages, which Linux carries over a fork + exec into the child.)
    try:
        with open(f"/proc/{pid}/status") as f:
            return int(next(l for l in f if l.startswith("VmHWM")).split()[1])
    except (OSError, StopIteration):
        return None


workers = []
for pid in os.listdir("/proc"):  # loky workers: children of this process, still running
    try:
        with open(f"/proc/{pid}/status") as f:
            ppid = int(next(l for l in f if l.startswith("PPid")).split()[1])
    except (OSError, StopIteration, ValueError):
        continue
    if ppid == os.getpid():
        workers.append(hwm(pid) or 0)
peak = hwm()
print(json.dumps({"peak_kb": peak or resource.getrusage(resource.RUSAGE_SELF).ru_maxrss,
                  "measure": "VmHWM" if peak else "ru_maxrss",
                  "worker_peak_kb": max(workers, default=0), "seconds": s.seconds,
                  "n_written": s.n_written}))
"""


def cmd_memory(args) -> None:
    print(f"\n== peak memory of classify_file: {args.small:,} vs {args.large:,} paragraphs, "
          "each run in a fresh process (peak RSS: its VmHWM)")
    rows = {}
    for n in (args.small, args.large):
        src = bench_file(n)
        dst = os.path.join(BENCH_DIR, f"memory-out-{n}.jsonl")
        for jobs in args.jobs:
            r = subprocess.run([sys.executable, "-c", _MEMORY_CHILD, src, dst, str(jobs)],
                               capture_output=True, text=True, check=True)
            rec = json.loads(r.stdout.strip().splitlines()[-1])
            assert rec["n_written"] == n
            rows[(n, jobs)] = rec
            extra = (f", largest worker {rec['worker_peak_kb'] / 1024:.0f} MB"
                     if rec["worker_peak_kb"] else "")
            print(f"{n:>9,} paragraphs ({os.path.getsize(src) / 1e6:5.0f} MB in, "
                  f"{os.path.getsize(dst) / 1e6:5.0f} MB out), n_jobs={jobs}: peak RSS "
                  f"{rec['peak_kb'] / 1024:6.1f} MB{extra}; {rec['seconds']:6.1f} s, "
                  f"{n / rec['seconds']:,.0f} paragraphs/s", flush=True)
            os.remove(dst)
    for jobs in args.jobs:
        a, b = rows[(args.small, jobs)]["peak_kb"], rows[(args.large, jobs)]["peak_kb"]
        print(f"ratio peak RSS {args.large:,} / {args.small:,}, n_jobs={jobs}: {b / a:.3f}x"
              + ("   (target <= 1.2x)" if jobs == 1 else ""))
    load()


def cmd_dask(args) -> None:
    import dask
    import dask.dataframe as dd
    import numpy as np
    import pandas as pd
    from dask.distributed import Client, LocalCluster, wait

    import cyberreport.dask as cdask

    print(f"\n== Dask: LocalCluster(n_workers=2, processes=True, threads_per_worker=1) vs "
          f"one process, {args.texts:,} texts, best of {args.repeat}")
    texts = list(paragraphs(args.texts, seed=3))
    n, mb = describe(texts)
    model = cr.load_model()
    model.predict_proba(texts[:200])
    one = best(lambda: model.predict_proba(texts), args.repeat)
    ref = model.predict_proba(texts)
    print(f"one process (predict_proba)                  {one:7.2f} s  {n / one:>8,.0f} texts/s")
    pdf = pd.DataFrame({"id": np.arange(n), "text": texts})
    cols = ["labels"] + [f"p_{c}" for c in model.classes_]
    key = "distributed.nanny.pre-spawn-environ.MALLOC_TRIM_THRESHOLD_"
    # (unset first: the nanny puts the variable into this process's environment, which
    # later workers would inherit)
    for label, trim in (("MALLOC_TRIM_THRESHOLD_ unset (glibc's adaptive malloc)", None),
                        ("Dask's default worker environment (MALLOC_TRIM_THRESHOLD_=65536)",
                         dask.config.get(key, 65536))):
        with dask.config.set({key: trim}), \
                LocalCluster(n_workers=2, processes=True, threads_per_worker=1,
                             dashboard_address=None) as cluster, Client(cluster) as client:
            # the texts live on the workers before the clock starts (as data read by Dask)
            ddf = client.persist(dd.from_pandas(pdf, npartitions=args.partitions))
            wait(ddf)
            small = dd.from_pandas(pdf.head(200), npartitions=2)
            cdask.classify(small, model).compute()  # workers import cyberreport, build tables

            secs = fetch = float("inf")
            for r in range(args.repeat):
                prefix = f"r{r}_"  # new column names: new keys, so nothing is reused
                names = ["labels"] + [prefix + c for c in model.classes_]
                t0 = time.perf_counter()
                out = client.persist(cdask.classify(ddf, model, prefix=prefix)[names])
                wait(out)  # classified, results kept on the workers
                t1 = time.perf_counter()
                got = out.compute()
                t2 = time.perf_counter()
                if t1 - t0 < secs:
                    secs, fetch = t1 - t0, t2 - t1
                    res = got.rename(columns=dict(zip(names, cols)))
                del out
            env = set(client.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")).values())
        equal = np.array_equal(res[cols[1:]].to_numpy(), ref)
        print(f"-- {label}; in the workers: MALLOC_TRIM_THRESHOLD_={', '.join(map(str, env))}")
        print(f"Dask LocalCluster, 2 workers x 1 thread      {secs:7.2f} s  {n / secs:>8,.0f} "
              f"texts/s = {n / secs / 2:,.0f} texts/s per core ({args.partitions} partitions, "
              f"results kept on the workers; fetching them to the client: +{fetch:.2f} s)")
        print(f"ratio Dask 2 workers / one process: {one / secs:.2f}x; results equal: {equal}")
    load()


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    sub = ap.add_subparsers(dest="cmd", required=True)
    g = sub.add_parser("generate", help="write N synthetic paragraphs as JSONL")
    g.add_argument("n", type=int)
    g.add_argument("out")
    g.add_argument("--seed", type=int, default=0)
    t = sub.add_parser("tokenize")
    t.add_argument("--texts", type=int, default=10_000)
    t.add_argument("--repeat", type=int, default=3)
    e = sub.add_parser("e2e")
    e.add_argument("--texts", type=int, default=10_000)
    e.add_argument("--repeat", type=int, default=3)
    p = sub.add_parser("parallel")
    p.add_argument("--texts", type=int, default=100_000)
    m = sub.add_parser("memory")
    m.add_argument("--small", type=int, default=100_000)
    m.add_argument("--large", type=int, default=1_000_000)
    m.add_argument("--jobs", type=int, nargs="+", default=[1])
    d = sub.add_parser("dask")
    d.add_argument("--texts", type=int, default=50_000)
    d.add_argument("--partitions", type=int, default=16)
    d.add_argument("--repeat", type=int, default=3)
    a = sub.add_parser("all")
    a.add_argument("--quick", action="store_true", help="smaller inputs (a smoke test)")
    args = ap.parse_args(argv)
    if args.cmd == "generate":
        t0 = time.perf_counter()
        generate(args.n, args.out, args.seed)
        print(f"{args.out}: {args.n:,} paragraphs, {os.path.getsize(args.out) / 1e6:.0f} MB, "
              f"{time.perf_counter() - t0:.0f} s")
        return 0
    os.makedirs(BENCH_DIR, exist_ok=True)
    machine()
    if args.cmd == "all":
        q = args.quick
        ns = argparse.Namespace
        cmd_tokenize(ns(texts=2000 if q else 10_000, repeat=3))
        cmd_e2e(ns(texts=2000 if q else 10_000, repeat=3))
        cmd_parallel(ns(texts=5000 if q else 100_000))
        cmd_dask(ns(texts=5000 if q else 50_000, partitions=16, repeat=3))
        cmd_memory(ns(small=2000 if q else 100_000, large=20_000 if q else 1_000_000, jobs=[1]))
        return 0
    {"tokenize": cmd_tokenize, "e2e": cmd_e2e, "parallel": cmd_parallel,
     "memory": cmd_memory, "dask": cmd_dask}[args.cmd](args)
    return 0


if __name__ == "__main__":
    sys.exit(main())
