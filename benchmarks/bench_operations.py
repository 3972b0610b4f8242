"""Training's report, keywords and evidence at batch speed, each beside a named baseline
measured in the same run (issue 16).  Absolute figures are this machine's; the ratios are
what the targets are about.  The load average is printed before and after each section:
on a loaded machine wall times vary, so CPU times are printed too.

    python benchmarks/bench_operations.py train     [--jobs 1 2] [--save report.json]
    python benchmarks/bench_operations.py keywords  [--texts 10000]
    python benchmarks/bench_operations.py evidence  [--texts 10000] [--repeat 3]
    python benchmarks/bench_operations.py fit
    python benchmarks/bench_operations.py all

* train: NLPCC 2017 headlines (``$CYBERREPORT_DATASETS/nlpcc2017_headlines``; skipped when
  absent), the stratified 80/20 split with seed 0 of ``bench_retrain.py`` (28,800 training
  headlines).  Each method runs in its own fresh process: the baseline char 1-2-gram
  TF-IDF + LinearSVC (fit), ``cyberreport.train(..., base=False, cv=None)`` (the fit
  alone) and ``cyberreport.train(..., base=False)`` (its default cross-validated
  report), with ``n_jobs`` from ``--jobs``.  Target: the default ``train`` <= 2x the
  baseline.  ``--save`` writes the report's figures (to compare two versions).
* keywords: ``--texts`` synthetic paragraphs (``bench_scale.paragraphs``): the baseline
  ``jieba.analyse.extract_tags(text, topK=10)`` per text, ``cyberreport.keywords`` per
  text, ``Keywords().extract_many``; then ``keywords(text, corpus=C)`` per text with a
  corpus of 10,000 paragraphs, for 1,000 / 2,000 / 4,000 texts (linear: time per text
  constant).  Target: ``keywords`` >= 3x ``extract_tags``.
* evidence: ``predict`` (the baseline) and ``classify_many`` (labels with evidence) of
  the default model on the same ``--texts`` paragraphs, interleaved, best of
  ``--repeat``.  Target: ``classify_many`` <= 2x ``predict``.
* fit: the vectorizer's fit (character 1-2-grams and words, as ``train`` uses for custom
  labels) on the NLPCC training headlines and on 5,000,000 characters of synthetic
  paragraphs cut into sentences, each in a fresh process: the per-sentence definition
  (``_fit_reference``, the baseline) and the vectorised count with chunks of 50,000,
  250,000 and 1,000,000 characters (CPU time and the rise of peak RSS) — how
  ``features._df.CHUNK_CHARS`` was chosen.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing as mp
import os
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from bench_scale import load, machine, paragraphs  # noqa: E402

ROOT = Path(os.environ.get("CYBERREPORT_DATASETS",
                           Path(__file__).resolve().parents[2] / "shared" / "datasets"))
NLPCC = ROOT / "nlpcc2017_headlines" / "headlines.tsv"


class Clock:
    """Wall and CPU seconds (this process and its finished children) of a block."""

    def __enter__(self):
        self.w0, self.c0 = time.perf_counter(), self._cpu()
        return self

    @staticmethod
    def _cpu() -> float:
        t = os.times()
        return t.user + t.system + t.children_user + t.children_system

    def __exit__(self, *exc):
        self.wall = time.perf_counter() - self.w0
        self.cpu = self._cpu() - self.c0


# -- train ------------------------------------------------------------------------------
def _nlpcc_split():
    from sklearn.model_selection import train_test_split

    rows = [line.rstrip("\n").split("\t", 1) for line in open(NLPCC, encoding="utf-8")
            if line.strip()]
    y = [r[0] for r in rows]
    X = [r[1] for r in rows]
    Xtr, _, ytr, _ = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    return Xtr, ytr


def _train_child(method: str, n_jobs, q) -> None:
    import warnings

    Xtr, ytr = _nlpcc_split()
    out = {}
    if method == "char1-2+LinearSVC":
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.svm import LinearSVC

        with Clock() as c:
            v = TfidfVectorizer(analyzer="char", ngram_range=(1, 2))
            LinearSVC().fit(v.fit_transform(Xtr), ytr)
    else:
        import cyberreport as cr

        cv = None if method == "train(cv=None)" else 5
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            with Clock() as c:
                res = cr.train(list(zip(Xtr, [[v] for v in ytr])), base=False, cv=cv,
                               n_jobs=n_jobs, progress=False)
        if res.report is not None:
            out = {"summary": res.report.summary(), "document": res.report.document,
                   "baselines": res.report.baselines}
    q.put((method, n_jobs, c.wall, c.cpu, out))
    if n_jobs and n_jobs != 1:
        # joblib keeps its worker processes for reuse; a spawned child waits for them at
        # exit (their idle timeout, minutes) unless they are shut down
        from joblib.externals.loky import get_reusable_executor

        get_reusable_executor().shutdown(wait=True)


def train(jobs: list[int], save: str | None) -> None:
    print("\n== train: NLPCC 2017 headlines, 28,800 training texts, 18 classes")
    if not NLPCC.exists():
        print(f"skipped: {NLPCC} not found")
        return
    load()
    ctx = mp.get_context("spawn")
    runs = [("char1-2+LinearSVC", None), ("train(cv=None)", None)]
    runs += [("train(default report)", j) for j in jobs]
    results = []
    for method, j in runs:
        q = ctx.Queue()
        p = ctx.Process(target=_train_child, args=(method, j, q))
        p.start()
        results.append(q.get())
        p.join()
        load()
    base = results[0][2]
    print(f"{'method':<24}{'n_jobs':>7}{'wall s':>9}{'CPU s':>9}{'vs baseline (wall)':>20}")
    for method, j, wall, cpu, _ in results:
        print(f"{method:<24}{str(j or 1):>7}{wall:>9.1f}{cpu:>9.1f}{wall / base:>19.2f}x")
    for method, j, _, _, out in results:
        if out:
            s = out["summary"]
            print(f"report (n_jobs={j or 1}): " + ", ".join(f"{k} {v:.4f}" for k, v in s.items()))
    if save:
        with open(save, "w", encoding="utf-8") as f:
            json.dump([r[4] for r in results if r[4]], f, indent=1, sort_keys=True)
        print(f"(report figures written to {save})")


# -- keywords ---------------------------------------------------------------------------
def keywords(n: int) -> None:
    import jieba
    import jieba.analyse

    import cyberreport as cr
    from cyberreport.features import Keywords

    jieba.setLogLevel(60)
    texts = list(paragraphs(n, seed=1))
    print(f"\n== keywords: {n:,} synthetic paragraphs, top 10 each")
    load()
    jieba.analyse.extract_tags(texts[0], topK=10)  # jieba's dictionary and idf loaded
    cr.keywords(texts[0])  # the bundled corpus's idf computed
    with Clock() as cj:
        for t in texts:
            jieba.analyse.extract_tags(t, topK=10)
    with Clock() as ck:
        for t in texts:
            cr.keywords(t)
    with Clock() as cm:
        Keywords().extract_many(texts)
    print(f"{'':<44}{'wall s':>8}{'CPU s':>8}{'vs extract_tags (wall)':>24}")
    for name, c in (("jieba.analyse.extract_tags per text", cj),
                    ("cyberreport.keywords per text", ck),
                    ("Keywords().extract_many(texts)", cm)):
        print(f"{name:<44}{c.wall:>8.2f}{c.cpu:>8.2f}{cj.wall / c.wall:>23.2f}x")
    corpus = list(paragraphs(10_000, seed=2))
    print("keywords(text, corpus=C), C = 10,000 paragraphs:")
    per = []
    for m in (1000, 2000, 4000):
        with Clock() as c:
            for t in texts[:m]:
                cr.keywords(t, corpus=corpus)
        per.append(c.wall / m)
        print(f"  {m:>5,} texts: {c.wall:7.2f} s wall, {c.cpu:7.2f} s CPU, "
              f"{1e3 * c.wall / m:.3f} ms per text")
    print(f"  time per text, 4,000 vs 1,000 texts: {per[2] / per[0]:.2f}x (1.00x = linear)")
    with Clock() as c:
        Keywords(corpus)
    print(f"  (the corpus's idf, computed once: {c.wall:.2f} s)")
    load()


# -- evidence ---------------------------------------------------------------------------
def evidence(n: int, repeat: int) -> None:
    import cyberreport as cr

    texts = list(paragraphs(n, seed=0))
    model = cr.load_model()
    print(f"\n== evidence: {n:,} synthetic paragraphs, default model, n_jobs=1, best of {repeat}")
    load()
    model.predict(texts[:100], progress=False)
    model.classify_many(texts[:100], progress=False)
    best = {"predict": [float("inf")] * 2, "classify_many": [float("inf")] * 2}
    for _ in range(repeat):  # interleaved
        for name, call in (("predict", model.predict), ("classify_many", model.classify_many)):
            with Clock() as c:
                call(texts, progress=False)
            best[name] = [min(best[name][0], c.wall), min(best[name][1], c.cpu)]
    p, e = best["predict"], best["classify_many"]
    print(f"{'':<34}{'wall s':>8}{'CPU s':>8}{'texts/s':>9}")
    for name, (w, cpu) in best.items():
        print(f"{name:<34}{w:>8.2f}{cpu:>8.2f}{n / w:>9,.0f}")
    print(f"classify_many / predict: {e[0] / p[0]:.2f}x wall, {e[1] / p[1]:.2f}x CPU "
          f"(target <= 2x)")
    load()


# -- the vectorizer's fit ----------------------------------------------------------------
def _fit_child(data: str, chunk, q) -> None:
    import resource

    from cyberreport.features import _df
    from cyberreport.features._vectorizer import SentenceVectorizer

    if data == "nlpcc":
        sentences = _nlpcc_split()[0]
    else:
        from cyberreport.text import normalize, sentence_spans

        sentences, size = [], 0
        for t in paragraphs(100_000, seed=3):
            n = normalize(t)
            sentences += [n[a:b] for a, b in sentence_spans(n)]
            size += len(n)
            if size >= 5_000_000:
                break
    vec = SentenceVectorizer(char_ngram_range=(1, 2), use_words=True)
    vec.tokenizer.cut("网信")  # the tokenizer loaded before measuring
    before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    with Clock() as c:
        if chunk is None:
            vec._fit_reference(sentences)
        else:
            _df.CHUNK_CHARS = chunk
            vec.fit(sentences)
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    q.put((data, chunk, len(sentences), sum(map(len, sentences)), c.cpu, peak - before))


def fit() -> None:
    print("\n== the vectorizer's fit: per-sentence definition vs vectorised counting")
    load()
    ctx = mp.get_context("spawn")
    sets = (["nlpcc"] if NLPCC.exists() else []) + ["synthetic"]
    print(f"{'data':<11}{'sentences':>10}{'chars':>11}{'method':>26}{'CPU s':>8}"
          f"{'+peak MB':>10}{'vs reference':>14}")
    for data in sets:
        base = None
        for chunk in (None, 50_000, 250_000, 1_000_000):
            q = ctx.Queue()
            p = ctx.Process(target=_fit_child, args=(data, chunk, q))
            p.start()
            d, ch, n, chars, cpu, rss = q.get()
            p.join()
            base = cpu if ch is None else base
            name = "per sentence (reference)" if ch is None else f"chunks of {ch:,}"
            print(f"{d:<11}{n:>10,}{chars:>11,}{name:>26}{cpu:>8.2f}{rss:>10.0f}"
                  f"{base / cpu:>13.2f}x")
    load()


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("section", choices=["train", "keywords", "evidence", "fit", "all"])
    ap.add_argument("--texts", type=int, default=10_000)
    ap.add_argument("--repeat", type=int, default=3)
    ap.add_argument("--jobs", type=int, nargs="+", default=[1, 2])
    ap.add_argument("--save")
    args = ap.parse_args()
    machine()
    if args.section in ("train", "all"):
        train(args.jobs, args.save)
    if args.section in ("keywords", "all"):
        keywords(args.texts)
    if args.section in ("evidence", "all"):
        evidence(args.texts, args.repeat)
    if args.section in ("fit", "all"):
        fit()


if __name__ == "__main__":
    main()
