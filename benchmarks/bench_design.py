"""Design metrics of the default model's configuration (issue 11): the figures every
design choice of the theme classifier was made on.  Never the held-out sets (eval, the
boundary set's test half, the mixed report, the public data sets' test parts).

    python benchmarks/bench_design.py                       # the default model's params
    python benchmarks/bench_design.py '{"prior_weight": 0.3}'   # a variant
    python benchmarks/bench_design.py --exclude train_sentences  # without a training set

Each variant is trained on the default model's training data (``_default_data.
training_data``) with the variant's parameters, and measured by

* ``corpus5``: the 2016 corpus, 5 folds by province (the other sets stay in training);
* ``realdev3``: the real-style paragraphs, 3 folds;
* ``contr3``: the boundary set's *training* half, 3 folds by group: share of its
  off-domain sentences given any theme, and micro P/R/F1 on its 网信 sentences;
* ``offdev``: share of the off-domain paragraphs' dev split given any theme;
* ``nlpcc-hold``: share of 4,000 NLPCC *training* headlines not used in training.

Document micro precision, recall and F1.  Needs ``../shared/datasets`` (skips without).
"""

from __future__ import annotations

import argparse
import json
import random
import sys
import time

import numpy as np
from joblib import Parallel, delayed

import cyberreport as cr
from cyberreport._build_default import DEFAULT_PARAMS
from cyberreport._default_data import (
    datasets_dir, nlpcc_split, offdomain_split, training_data,
)
from cyberreport.corpus._load import BUNDLED
from cyberreport.evaluation import label_metrics


def _groups(name, data):
    """Fold keys: provinces for the corpus, groups for the boundary set, ids otherwise."""
    if name == "corpus":
        return [p.province for p in data]
    if name == "contrastive_train":
        from importlib import resources

        path = resources.files("cyberreport._data").joinpath(BUNDLED[name])
        grp = {json.loads(line)["id"]: json.loads(line)["group"]
               for line in path.read_text("utf-8").splitlines() if line.strip()}
        return [grp[p.id] for p in data]
    return [p.id for p in data]


def _folds(name, data, k, seed=0):
    keys = _groups(name, data)
    uniq = sorted(set(keys))
    random.Random(seed).shuffle(uniq)
    pos = {u: i for i, u in enumerate(uniq)}
    return [pos[key] % k for key in keys]


def _fold_run(name, f, k, params, root, exclude):
    data = list(cr.load_corpus(bundled=name))
    fo = _folds(name, data, k)
    items, y, _ = training_data(root, exclude=(name,) + exclude)
    tr = [p for p, g in zip(data, fo) if g != f]
    te = [p for p, g in zip(data, fo) if g == f]
    m = cr.ThemeClassifier(**params).fit(items + tr, y + [p.labels for p in tr])
    return name, [p.labels for p in te], m.predict([p.text for p in te])


def _shares(params, root, exclude):
    items, y, _ = training_data(root, exclude=exclude)
    m = cr.ThemeClassifier(**params).fit(items, y)
    off = [p.text for p in cr.load_corpus(bundled="offdomain") if offdomain_split(p.id) == "dev"]
    used = {x for x in items if isinstance(x, str)}
    hold = [x for x in nlpcc_split(root)[0] if x not in used][:4000]
    return ("shares", float(np.mean([bool(p) for p in m.predict(off)])),
            float(np.mean([bool(p) for p in m.predict(hold)])))


def _prf(pairs):
    mt = label_metrics([t for t, _ in pairs], [p for _, p in pairs], list(cr.THEME_IDS))
    return mt["micro_precision"], mt["micro_recall"], mt["micro_f1"]


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("params", nargs="?", default=None,
                    help="JSON of ThemeClassifier parameters (default: the default model's)")
    ap.add_argument("--exclude", action="append", default=[],
                    help="leave a bundled training set out (repeatable)")
    ap.add_argument("--n-jobs", type=int, default=2)
    args = ap.parse_args(argv)
    root = datasets_dir()
    if root is None or not (root / "nlpcc2017_headlines").exists():
        print("skipped: ../shared/datasets not found (set CYBERREPORT_DATASETS)")
        return 0
    params = DEFAULT_PARAMS if args.params is None else json.loads(args.params)
    exclude = tuple(args.exclude)
    t0 = time.time()
    jobs = [("corpus", f, 5) for f in range(5)] + [("realdev", f, 3) for f in range(3)] + \
           [("contrastive_train", f, 3) for f in range(3)]
    res = Parallel(n_jobs=args.n_jobs)(
        [delayed(_fold_run)(n, f, k, params, root, exclude) for n, f, k in jobs]
        + [delayed(_shares)(params, root, exclude)])
    pairs = {n: [(t, p) for r in res if r[0] == n for t, p in zip(r[1], r[2])]
             for n in ("corpus", "realdev", "contrastive_train")}
    c, r = _prf(pairs["corpus"]), _prf(pairs["realdev"])
    offs = [bool(p) for t, p in pairs["contrastive_train"] if not t]
    wx = _prf([(t, p) for t, p in pairs["contrastive_train"] if t])
    _, o, n = res[-1]
    label = json.dumps(params, ensure_ascii=False) + (f" without {', '.join(exclude)}"
                                                       if exclude else "")
    print(f"{label}: corpus5 P {c[0]:.3f} R {c[1]:.3f} F1 {c[2]:.3f} | realdev3 P {r[0]:.3f} "
          f"R {r[1]:.3f} F1 {r[2]:.3f} | contr3 off {np.mean(offs):.1%} ({sum(offs)}/"
          f"{len(offs)}) 网信 P {wx[0]:.3f} R {wx[1]:.3f} F1 {wx[2]:.3f} | offdev {o:.1%} | "
          f"nlpcc-hold {n:.2%}  [{time.time() - t0:.0f} s, cyberreport {cr.__version__}]")
    return 0


if __name__ == "__main__":
    sys.exit(main())
