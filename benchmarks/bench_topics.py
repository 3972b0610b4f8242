"""Benchmark cyberreport's TopicModel against what a user would write, on the bundled corpus.

Usage::

    python benchmarks/bench_topics.py [--k auto|N] [--seeds 5] [--sweep 6,8,10,12]

The units are the 90 sentences of the bundled 2016 corpus (``cyberreport.load_corpus()``).
Every model is fitted on them at the **same k** (by default the k that cyberreport's
``n_topics="auto"`` chooses) and measured the same way:

* **NPMI** — mean NPMI coherence of each topic's top-10 terms, from co-occurrence
  within the corpus sentences; a term occurs in a sentence when it is a substring of
  the normalised sentence (one reference for every model, whatever its tokenizer;
  ``cyberreport.topics.npmi_coherence``).  For reference the script also prints NPMI
  against each model's *own* tokenization of the sentences, which is what gensim
  users usually compute — but it measures each model against a different reference
  and rewards word fragments (jieba's 关键/信息/基础设施 always co-occur) and paired
  punctuation (“ and ”).
* **diversity** — unique share of the top-10 terms of all topics;
* **stability** — mean adjusted Rand index between the sentence assignments of the
  fit with seed 0 and of the fits with seeds 1 … 5;
* **subsample ARI** — a harder robustness check than seeds: each model is refitted (seed 0)
  on 5 random 80 % subsets of the sentences, and the ARI between those assignments and
  the full fit's assignments of the same sentences is averaged;
* **NMI** — between a sentence's topic and its labelled themes (each of a sentence's m
  themes weighs 1/m), and the topic × theme table;
* **junk** — share of top-10 terms that are stop-words, punctuation, whitespace, bare
  numbers or single characters.

Models:

* ``cyberreport``          — ``TopicModel(n_topics=k)``: spectral clustering of the kNN
  graph of domain-tokenizer TF-IDF, c-TF-IDF terms;
* ``cyberreport-kmeans``   — the same features and terms, k-means clustering (n_init=10);
* ``cyberreport-nmf``      — the same features and terms, NMF clustering (argmax of W);
* ``lda-jieba``            — ``LatentDirichletAllocation`` over
  ``CountVectorizer(tokenizer=jieba.lcut)``, top terms from ``components_``;
* ``nmf-jieba``            — ``NMF`` over ``TfidfVectorizer(tokenizer=jieba.lcut)``, top
  terms from ``components_``.

``--sweep`` repeats the comparison of the three main models at other k.
"""

from __future__ import annotations

import argparse
import logging
import platform
import re
import sys
import time
import warnings
from importlib import metadata

import numpy as np

import cyberreport
from cyberreport import TopicModel, load_corpus
from cyberreport.taxonomy import THEME_IDS
from cyberreport.tokenize import stopwords
from cyberreport.topics import npmi_coherence, topic_diversity, topic_quality
from cyberreport.topics._measures import ari as _ari, presence_in as _presence_in
from cyberreport.topics._quality import _alignment
from cyberreport.topics._quality import format_topic_theme

TOP = 10


def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


# -- cyberreport variants: same units, features and c-TF-IDF terms, other clustering ----
class KMeansTopicModel(TopicModel):
    @staticmethod
    def _cluster(X, graph, k, seed):
        from sklearn.cluster import KMeans

        if k == 1:
            return np.zeros(X.shape[0], dtype=int)
        return KMeans(n_clusters=k, n_init=10, random_state=int(seed)).fit_predict(X)


class NMFTopicModel(TopicModel):
    @staticmethod
    def _cluster(X, graph, k, seed):
        from sklearn.decomposition import NMF

        if k == 1:
            return np.zeros(X.shape[0], dtype=int)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            W = NMF(n_components=k, init="nndsvda", max_iter=1000,
                    random_state=int(seed)).fit_transform(X)
        return W.argmax(axis=1)


# -- the naive baselines ---------------------------------------------------------------------
def _jieba_lcut():
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")
        import jieba
    jieba.setLogLevel(logging.WARNING)
    return jieba.lcut


def fit_baseline(kind: str, sentences: list[str], k: int, seed: int):
    """(top-10 terms per topic, topic of each sentence) of a naive baseline."""
    from sklearn.decomposition import NMF, LatentDirichletAllocation
    from sklearn.feature_extraction.text import CountVectorizer, TfidfVectorizer

    lcut = _jieba_lcut()
    with warnings.catch_warnings():
        warnings.simplefilter("ignore")  # token_pattern unused with a tokenizer
        if kind == "lda-jieba":
            vec = CountVectorizer(tokenizer=lcut)
            X = vec.fit_transform(sentences)
            model = LatentDirichletAllocation(n_components=k, random_state=seed).fit(X)
        else:
            vec = TfidfVectorizer(tokenizer=lcut)
            X = vec.fit_transform(sentences)
            model = NMF(n_components=k, random_state=seed, max_iter=1000).fit(X)
        assign = model.transform(X).argmax(axis=1)
    vocab = vec.get_feature_names_out()
    tops = [[str(vocab[i]) for i in np.argsort(-row, kind="stable")[:TOP]]
            for row in model.components_]
    return tops, assign


# -- measures ------------------------------------------------------------------------------------
_JUNK_NUM = re.compile(r"^[\d.,%]+$")


def junk_share(tops) -> float:
    stop = stopwords()
    terms = [t for ts in tops for t in ts]
    bad = [t for t in terms
           if t in stop or not t.strip() or len(t.strip()) < 2 or _JUNK_NUM.match(t)
           or not re.search(r"[A-Za-z\u4e00-\u9fff]", t)]
    return len(bad) / len(terms) if terms else float("nan")


def npmi_own_tokens(tops, token_sets) -> float:
    """NPMI with presence = the term is one of the sentence's own tokens."""
    sets = [set(s) for s in token_sets]

    def presence(term):
        return np.array([term in s for s in sets])

    presence.n = len(sets)
    vals = npmi_coherence(tops, presence)
    return float(np.nanmean(vals))


def subsets(n: int, n_draws: int = 5, share: float = 0.8) -> list[np.ndarray]:
    rng = np.random.RandomState(12345)
    return [np.sort(rng.choice(n, int(round(share * n)), replace=False)) for _ in range(n_draws)]


def measure(name, tops, assigns, reference, labels, own_tokens, sub_assigns=()):
    """A result row: the figures of one model.  ``sub_assigns``: (indices, assignment
    of those sentences by a model fitted on them only) pairs."""
    npmi = float(np.nanmean(npmi_coherence(tops, reference)))
    topic_ids, theme_ids, table, nmi = _alignment(assigns[0], labels, THEME_IDS, len(tops))
    return {
        "model": name,
        "k": len(tops),
        "npmi": npmi,
        "npmi_own": npmi_own_tokens(tops, own_tokens),
        "diversity": topic_diversity(tops),
        "stability": float(np.mean([_ari(assigns[0], a) for a in assigns[1:]])),
        "sub_ari": float(np.mean([_ari(np.asarray(assigns[0])[idx], a) for idx, a in sub_assigns]))
        if sub_assigns else float("nan"),
        "nmi": nmi,
        "junk": junk_share(tops),
        "tops": tops,
        "table": (table, topic_ids, theme_ids),
    }


def run_cyberreport(cls, name, k, texts, sentences, labels, n_seeds, own_tokens, reference):
    models = [cls(n_topics=k, random_state=s).fit(texts) for s in range(n_seeds + 1)]
    assigns = [m.predict(sentences) for m in models]
    tops = models[0].topic_terms(TOP)
    sub = []
    for idx in subsets(len(sentences)):
        part = [sentences[i] for i in idx]
        sub.append((idx, cls(n_topics=k, random_state=0).fit(part).predict(part)))
    return measure(name, tops, assigns, reference, labels, own_tokens, sub), models[0]


def run_baseline(kind, k, sentences, labels, n_seeds, reference):
    runs = [fit_baseline(kind, sentences, k, s) for s in range(n_seeds + 1)]
    lcut = _jieba_lcut()
    own = [lcut(s) for s in sentences]
    sub = []
    for idx in subsets(len(sentences)):
        sub.append((idx, fit_baseline(kind, [sentences[i] for i in idx], k, 0)[1]))
    return measure(kind, runs[0][0], [r[1] for r in runs], reference, labels, own, sub)


def print_rows(rows) -> None:
    print(f"{'model':<20} {'k':>3} {'NPMI':>7} {'div':>6} {'ARI':>6} {'subARI':>6} {'NMI':>6} "
          f"{'junk':>6}   {'NPMI(own tokens)':>16}")
    for r in rows:
        print(f"{r['model']:<20} {r['k']:>3} {r['npmi']:>7.3f} {r['diversity']:>6.3f} "
              f"{r['stability']:>6.3f} {r['sub_ari']:>6.3f} {r['nmi']:>6.3f} {r['junk']:>6.3f}   "
              f"{r['npmi_own']:>16.3f}")


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--k", default="auto", help="number of topics, or auto (default)")
    ap.add_argument("--seeds", type=int, default=5, help="extra seeds for stability (default 5)")
    ap.add_argument("--sweep", default="6,8,10,12",
                    help="comma-separated k for the sweep ('' to skip)")
    args = ap.parse_args(argv)
    t_start = time.perf_counter()

    print("== machine")
    print(f"python       : {platform.python_version()}  cyberreport {cyberreport.__version__}"
          f"  scikit-learn {_version('scikit-learn')}  jieba {_version('jieba')}"
          f"  rjieba {_version('rjieba')}")
    corpus = load_corpus()
    texts = corpus.texts
    sentences = [s.text for p in corpus for s in p.sentences]
    labels = [s.labels for p in corpus for s in p.sentences]
    reference = _presence_in(sentences)
    tok = cyberreport.Tokenizer(stopwords=False, numbers="keep")
    own_cr = tok.cut_many(sentences)
    print(f"corpus       : {len(texts)} paragraphs, {len(sentences)} sentences")
    print()

    # -- choose k -------------------------------------------------------------------------
    t0 = time.perf_counter()
    auto = TopicModel(n_topics="auto", random_state=0).fit(texts)
    t_auto = time.perf_counter() - t0
    print("== n_topics='auto' (criterion: (1 + NPMI) / 2 * diversity * stability, "
          "k = 2 .. n_units // min_topic_size)")
    print(f"{'k':>3} {'NPMI':>7} {'div':>6} {'ARI':>6} {'score':>7}")
    for s in auto.auto_scores_:
        mark = "  <- chosen" if s["k"] == auto.n_topics_ else ""
        print(f"{s['k']:>3} {s['npmi']:>7.3f} {s['diversity']:>6.3f} {s['stability']:>6.3f} "
              f"{s['score']:>7.3f}{mark}")
    print(f"fit with auto-k: {t_auto:.2f} s")
    print()
    k = auto.n_topics_ if args.k == "auto" else int(args.k)

    # -- main comparison ----------------------------------------------------------------------
    print(f"== comparison at k = {k} (units: the {len(sentences)} corpus sentences; "
          f"stability over seeds 1..{args.seeds} vs seed 0)")
    rows = []
    cr_row, cr_model = run_cyberreport(TopicModel, "cyberreport", k, texts, sentences, labels,
                                       args.seeds, own_cr, reference)
    rows.append(cr_row)
    for cls, name in ((KMeansTopicModel, "cyberreport-kmeans"), (NMFTopicModel, "cyberreport-nmf")):
        rows.append(run_cyberreport(cls, name, k, texts, sentences, labels, args.seeds,
                                    own_cr, reference)[0])
    for kind in ("lda-jieba", "nmf-jieba"):
        rows.append(run_baseline(kind, k, sentences, labels, args.seeds, reference))
    print_rows(rows)
    print("(NPMI, div: top-10 terms; ARI: stability over seeds; subARI: agreement with fits on "
          "80% subsets; NMI: topic vs labelled theme; junk: share of top-10 terms that are "
          "stop-words, punctuation, numbers or single characters)")
    base = {r["model"]: r for r in rows}
    best_npmi = max(base["lda-jieba"]["npmi"], base["nmf-jieba"]["npmi"])
    best_div = max(base["lda-jieba"]["diversity"], base["nmf-jieba"]["diversity"])
    print()
    print("acceptance:")
    print(f"  NPMI      cyberreport {cr_row['npmi']:.3f} > best baseline {best_npmi:.3f}: "
          f"{cr_row['npmi'] > best_npmi}")
    print(f"  diversity cyberreport {cr_row['diversity']:.3f} > best baseline {best_div:.3f}: "
          f"{cr_row['diversity'] > best_div}")
    print(f"  stability cyberreport {cr_row['stability']:.3f} >= 0.8: {cr_row['stability'] >= 0.8}")
    q = topic_quality(cr_model, corpus)
    print(f"  topic_quality(model, corpus): NPMI {q.npmi:.3f}, diversity {q.diversity:.3f}, "
          f"stability {q.stability:.3f}, NMI {q.nmi:.3f}")
    print()

    print("== top terms (first 3 topics of each model)")
    for r in rows:
        print(f"-- {r['model']}")
        for j, terms in enumerate(r["tops"][:3]):
            print(f"  {j}: {' '.join(terms)}")
    print()

    print(f"== topic x theme table, cyberreport, k = {k} "
          "(labelled sentences; a sentence counts under each of its themes)")
    names = {t.id: t.label for t in cr_model.topics_}
    table, topic_ids, theme_ids = cr_row["table"]
    print(format_topic_theme(table, topic_ids, theme_ids))
    print("topics: " + "; ".join(f"{t} = {names[t]}" for t in topic_ids if t in names))
    for r in rows[3:]:
        print()
        print(f"-- topic x theme table, {r['model']}")
        table, topic_ids, theme_ids = r["table"]
        print(format_topic_theme(table, topic_ids, theme_ids))
    print()

    if args.sweep:
        print("== sweep: the same comparison at other k (NPMI / diversity / ARI)")
        print(f"{'k':>3}  {'cyberreport':>22}  {'lda-jieba':>22}  {'nmf-jieba':>22}  wins")
        for kk in [int(x) for x in args.sweep.split(",") if x.strip()]:
            r0 = run_cyberreport(TopicModel, "cyberreport", kk, texts, sentences, labels,
                                 args.seeds, own_cr, reference)[0]
            r1 = run_baseline("lda-jieba", kk, sentences, labels, args.seeds, reference)
            r2 = run_baseline("nmf-jieba", kk, sentences, labels, args.seeds, reference)
            win = (r0["npmi"] > max(r1["npmi"], r2["npmi"])
                   and r0["diversity"] > max(r1["diversity"], r2["diversity"]))

            def cell(r):
                return f"{r['npmi']:.3f} / {r['diversity']:.3f} / {r['stability']:.2f}"

            print(f"{kk:>3}  {cell(r0):>22}  {cell(r1):>22}  {cell(r2):>22}  {win}")
        print()
    print(f"total time: {time.perf_counter() - t_start:.1f} s")
    return 0


if __name__ == "__main__":
    sys.exit(main())
