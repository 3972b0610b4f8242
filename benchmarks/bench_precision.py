"""Precision of the themes on texts of every genre (issue 11): the figures of a model on
the labelled sets and how often it gives a theme to text outside 网信 work.

    python benchmarks/bench_precision.py [--model DIR] [--no-cv] [--nlpcc-per-category]

Sets (see ``data/README.md``):

* ``corpus CV`` — leave-one-province-out cross-validation of the model's configuration
  on the 2016 corpus (skipped with ``--no-cv`` or ``--model``);
* ``eval`` (held out: never trained or tuned on), ``dev``, ``realdev`` (real-style
  paragraphs of seven genres), ``contrastive test`` (the boundary sentences' test half:
  reported, never trained or tuned on), ``fresh`` (141 paragraphs of real genres written
  after the model was built and double-annotated blind: never trained or tuned on) —
  document micro precision, recall and F1;
* off-domain shares (texts given any theme): the off-domain sentences of the contrastive
  test half, the off-domain paragraphs' dev split, the realdev and fresh paragraphs
  without 网信 work, the 7,200 NLPCC test headlines (the same stratified split, seed 0, that
  ``bench_retrain.py`` holds out; never trained on), TNEWS and CSLDCP test texts;
* the mixed document: a 20-paragraph government work report whose 网信 work is in 4
  paragraphs (themes there, at most one other paragraph with any).

The public data sets are read from ``../shared/datasets/`` and skipped when absent.
"""

from __future__ import annotations

import argparse
import json
import os
import platform
import time
from collections import Counter
from pathlib import Path

import numpy as np

import cyberreport as cr
from cyberreport.evaluation import label_metrics

DATA = Path(os.environ.get("CYBERREPORT_DATASETS",
                           Path(__file__).resolve().parents[2] / "shared" / "datasets"))


def nlpcc_split():
    """The benchmark's NLPCC split: (train texts, train labels, test texts, test labels)."""
    path = DATA / "nlpcc2017_headlines" / "headlines.tsv"
    if not path.exists():
        return None
    from sklearn.model_selection import train_test_split

    rows = [line.rstrip("\n").split("\t", 1) for line in path.open(encoding="utf-8")]
    y = [r[0] for r in rows]
    X = [r[1] for r in rows]
    Xtr, Xte, ytr, yte = train_test_split(X, y, test_size=0.2, stratify=y, random_state=0)
    return Xtr, ytr, Xte, yte


def fewclue_texts(task: str, part: str) -> list[str]:
    """Texts of a FewCLUE file (``test_public``, ``train_few_all``, ``unlabeled`` …)."""
    path = DATA / "fewclue" / task / f"{part}.json"
    if not path.exists():
        return []
    key = "sentence" if task == "tnews" else "content"
    return [json.loads(line)[key] for line in path.open(encoding="utf-8")]


def prf(y_true, y_pred, classes) -> dict:
    m = label_metrics(y_true, y_pred, classes)
    return {"P": m["micro_precision"], "R": m["micro_recall"], "F1": m["micro_f1"],
            "n": len(y_true), "per": m["per_label"]}


def any_theme_share(model, texts) -> float:
    if not texts:
        return float("nan")
    return sum(bool(p) for p in model.predict(texts)) / len(texts)


def measure(model, *, cv: bool = False, nlpcc_per_category: bool = True,
            config=None) -> dict:
    """Every figure of the report for ``model`` (and, with ``cv``, the corpus CV of the
    configuration ``config`` or of the model's parameters)."""
    out: dict = {}
    classes = list(model.classes_)
    if cv:
        est = config if config is not None else cr.ThemeClassifier(**model.get_params())
        r = cr.cross_validate(est, baselines=False, n_jobs=2)
        d = r.document
        out["corpus CV"] = {"P": d["micro_precision"], "R": d["micro_recall"],
                            "F1": d["micro_f1"], "n": d["n"]}
    for name in ("eval", "dev", "realdev", "mixed"):
        c = cr.load_corpus(bundled=name)
        out[name] = prf([p.labels for p in c], model.predict(c.texts), classes)
    fresh = _fresh()
    if fresh:
        out["fresh (blind, held out)"] = prf([r["labels"] for r in fresh],
                                            model.predict([r["text"] for r in fresh]), classes)
    ct = cr.load_corpus(bundled="contrastive_test")
    wx = [p for p in ct if p.labels]
    out["contrastive test (网信 sentences)"] = prf([p.labels for p in wx],
                                                 model.predict([p.text for p in wx]), classes)
    # off-domain shares
    shares = {}
    other = [p.text for p in ct if not p.labels]
    shares["contrastive test, off-domain sentences"] = (any_theme_share(model, other), len(other))
    off = [p for p in cr.load_corpus(bundled="offdomain")]
    dev_off = [p.text for p in off if p.text and _split(p) == "dev"]
    shares["off-domain paragraphs (dev split)"] = (any_theme_share(model, dev_off), len(dev_off))
    rd = cr.load_corpus(bundled="realdev")
    rd_off = [p.text for p in rd if not p.labels]
    shares["realdev paragraphs without 网信 work"] = (any_theme_share(model, rd_off), len(rd_off))
    if fresh:
        fr_off = [r["text"] for r in fresh if not r["labels"]]
        shares["fresh paragraphs without 网信 work"] = (any_theme_share(model, fr_off),
                                                      len(fr_off))
    mixed = cr.load_corpus(bundled="mixed")
    pred = model.predict(mixed.texts)
    wx_idx = [i for i, p in enumerate(mixed) if p.labels]
    out["mixed document"] = {
        "网信 paragraphs with their themes": sum(set(mixed[i].labels) <= set(pred[i])
                                                for i in wx_idx),
        "网信 paragraphs": len(wx_idx),
        "other paragraphs with a theme": sum(bool(pred[i]) for i in range(len(mixed))
                                            if i not in wx_idx),
        "other paragraphs": len(mixed) - len(wx_idx),
    }
    split = nlpcc_split()
    if split is not None:
        _, _, Xte, yte = split
        pred = model.predict(Xte)
        hit = np.array([bool(p) for p in pred])
        shares["NLPCC test headlines (7,200)"] = (float(hit.mean()), len(Xte))
        if nlpcc_per_category:
            cats = sorted(set(yte))
            ya = np.array(yte)
            out["NLPCC by category"] = {c: float(hit[ya == c].mean()) for c in cats}
            out["NLPCC themes"] = Counter(t for p in pred for t in p).most_common()
    for task in ("tnews", "csldcp"):
        texts = fewclue_texts(task, "test_public")
        if texts:
            shares[f"{task.upper()} test texts"] = (any_theme_share(model, texts), len(texts))
    out["off-domain shares"] = shares
    return out


def _fresh() -> list[dict]:
    """The blind held-out paragraphs (``data/heldout/fresh.jsonl``; see data/README.md)."""
    path = Path(__file__).resolve().parents[1] / "data" / "heldout" / "fresh.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def _split(p) -> str:
    import hashlib

    return "dev" if int(hashlib.sha256(p.id.encode()).hexdigest(), 16) % 10 < 3 else "train"


def print_report(out: dict) -> None:
    print(f"{'set':<40}{'P':>7}{'R':>7}{'F1':>7}{'n':>7}")
    for name in ("corpus CV", "eval", "dev", "realdev", "contrastive test (网信 sentences)",
                 "mixed", "fresh (blind, held out)"):
        if name in out:
            m = out[name]
            print(f"{name:<40}{m['P']:>7.3f}{m['R']:>7.3f}{m['F1']:>7.3f}{m['n']:>7}")
    print()
    print(f"{'texts outside 网信 work given any theme':<52}{'share':>8}{'n':>8}")
    for name, (share, n) in out["off-domain shares"].items():
        print(f"{name:<52}{share:>8.1%}{n:>8}")
    m = out["mixed document"]
    print(f"\nmixed document: {m['网信 paragraphs with their themes']}/{m['网信 paragraphs']} 网信 "
          f"paragraphs with their themes; {m['other paragraphs with a theme']}/"
          f"{m['other paragraphs']} other paragraphs given a theme (target: at most 1)")
    if "NLPCC by category" in out:
        cats = out["NLPCC by category"]
        print("\nNLPCC test headlines given any theme, by category (target: <= 5% each):")
        print("  " + "  ".join(f"{c} {v:.1%}" for c, v in cats.items()))
        print("  themes given: " + ", ".join(f"{t} {n}" for t, n in out["NLPCC themes"]))


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", help="model folder (default: the bundled model)")
    ap.add_argument("--no-cv", action="store_true", help="skip the corpus cross-validation")
    args = ap.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, python "
          f"{platform.python_version()}, cyberreport {cr.__version__}; data: {DATA}")
    model = cr.load_model(args.model)
    t0 = time.perf_counter()
    out = measure(model, cv=not (args.no_cv or args.model))
    print_report(out)
    print(f"\n({time.perf_counter() - t0:.0f} s)")


if __name__ == "__main__":
    main()
