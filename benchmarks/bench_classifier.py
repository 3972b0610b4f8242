"""Classifier design benchmark: what each ingredient is worth, measured on unseen texts.

    python benchmarks/bench_classifier.py [--n-jobs 2] [--eval]

For each variant of :class:`cyberreport.ThemeClassifier` (and the two baselines) it prints
document-level micro/macro F1 and sentence-level micro F1 in leave-one-province-out
cross-validation on the bundled 2016 corpus, and document-level micro/macro F1 on the
development set (``data/dev``, trained on the whole corpus).  ``--eval`` adds the held-out
set (``data/eval``) for the default configuration only — it is a final check, not a
selection criterion.
"""

from __future__ import annotations

import argparse
import platform
import time

import cyberreport as cr
from cyberreport.evaluation import cross_validate, evaluate, label_metrics
from cyberreport.evaluation._baselines import CueMatcher, NaivePipeline

VARIANTS = [
    ("document labels only (sentences get labels by lexicon hits)", dict(), "doc"),
    ("sentence labels, char n-grams only", dict(use_words=False, use_lexicon=False, prior_weight=0.0), "sent"),
    ("+ domain-tokenizer words", dict(use_lexicon=False, prior_weight=0.0), "sent"),
    ("+ theme-lexicon features", dict(prior_weight=0.0), "sent"),
    ("+ lexicon/definition terms as training examples (default)", dict(), "sent"),
    ("default, fixed threshold 0.5 instead of CV thresholds", dict(threshold=0.5), "sent"),
    ("default, no class weighting", dict(class_weight=None), "sent"),
    ("default, C=1", dict(C=1.0), "sent"),
]


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[1])
    ap.add_argument("--n-jobs", type=int, default=2)
    ap.add_argument("--eval", action="store_true", help="also report the held-out set (default model only)")
    args = ap.parse_args()
    print(f"machine: {platform.platform()}, python {platform.python_version()}, cyberreport {cr.__version__}")
    corpus = cr.load_corpus()
    dev = cr.load_corpus(bundled="dev")
    texts, labels = corpus.texts, corpus.labels
    header = f"{'variant':<62}{'CV micro':>9}{'CV macro':>9}{'CV sent':>9}{'dev micro':>10}{'dev macro':>10}{'ECE':>7}{'s':>6}"
    print(header)
    print("-" * len(header))

    # Baselines: CV on the corpus (cue matching needs no training), dev after training on all.
    base = cross_validate(cr.ThemeClassifier(threshold=0.5), n_jobs=args.n_jobs)
    cue_dev = label_metrics(dev.labels, CueMatcher().predict(dev.texts), list(cr.THEME_IDS))
    naive_dev = label_metrics(dev.labels, NaivePipeline().fit(texts, labels).predict(dev.texts), list(cr.THEME_IDS))
    for name, key, dm in (("baseline: cue matching (taxonomy cue words)", "cue_matching", cue_dev),
                          ("baseline: jieba TF-IDF + one-vs-rest LR (paragraphs)", "naive_pipeline", naive_dev)):
        m = base.baselines[key]
        print(f"{name:<62}{m['micro_f1']:>9.3f}{m['macro_f1']:>9.3f}{'':>9}{dm['micro_f1']:>10.3f}{dm['macro_f1']:>10.3f}{'':>7}{'':>6}")

    for name, params, mode in VARIANTS:
        t0 = time.perf_counter()
        model = cr.ThemeClassifier(**params)
        if mode == "doc":
            rep = cross_validate(model, texts, labels, groups=corpus.groups, baselines=False, n_jobs=args.n_jobs)
            fitted = cr.ThemeClassifier(**params).fit(texts, labels)
            sent = None
        else:
            rep = cross_validate(model, baselines=False, n_jobs=args.n_jobs)
            fitted = cr.ThemeClassifier(**params).fit(corpus)
            sent = rep.sentence["micro_f1"]
        d = evaluate(fitted, dev)["document"]
        dt = time.perf_counter() - t0
        s = f"{sent:>9.3f}" if sent is not None else f"{'':>9}"
        print(f"{name:<62}{rep.document['micro_f1']:>9.3f}{rep.document['macro_f1']:>9.3f}{s}"
              f"{d['micro_f1']:>10.3f}{d['macro_f1']:>10.3f}{rep.ece:>7.3f}{dt:>6.0f}")

    if args.eval:
        held = evaluate(cr.load_model(), cr.load_corpus(bundled="eval"))
        print()
        print(f"held-out (data/eval, {held['document']['n']} paragraphs), default model: "
              f"documents micro-F1 {held['document']['micro_f1']:.3f}, macro-F1 "
              f"{held['document']['macro_f1']:.3f}, sentences micro-F1 {held['sentence']['micro_f1']:.3f}; "
              f"cue matching micro-F1 {held['cue_matching']['micro_f1']:.3f}, macro-F1 "
              f"{held['cue_matching']['macro_f1']:.3f}")


if __name__ == "__main__":
    main()
