"""The default model's figures by genre and its model card (used by ``_build_default``)."""

from __future__ import annotations

import random
from pathlib import Path

import numpy as np
from sklearn.base import clone

__all__ = ["measure", "model_card"]


def _prf(y_true, y_pred, classes) -> dict:
    from .evaluation import label_metrics

    m = label_metrics(y_true, y_pred, classes)
    return {"precision": m["micro_precision"], "recall": m["micro_recall"],
            "f1": m["micro_f1"], "macro_f1": m["macro_f1"], "n": m["n"]}


def _share(model, texts) -> dict:
    pred = model.predict(texts) if texts else []
    return {"share_with_theme": (sum(bool(p) for p in pred) / len(texts)) if texts else None,
            "n": len(texts)}


def _realdev_cv(model, root, folds: int, n_jobs) -> dict:
    """Real-style paragraphs, ``folds``-fold: each fold's paragraphs predicted by a model
    trained on everything else (the other folds and every other training set)."""
    from joblib import Parallel, delayed

    from ._default_data import training_data
    from .corpus import load_corpus
    from .taxonomy import THEME_IDS

    items, y, _ = training_data(root, exclude=("realdev",))
    rd = list(load_corpus(bundled="realdev"))
    order = list(range(len(rd)))
    random.Random(0).shuffle(order)
    fold_of = {i: k % folds for k, i in enumerate(order)}

    def run(f):
        tr = [rd[i] for i in range(len(rd)) if fold_of[i] != f]
        te = [rd[i] for i in range(len(rd)) if fold_of[i] == f]
        m = clone(model).fit(items + tr, y + [p.labels for p in tr])
        return [p.labels for p in te], m.predict([p.text for p in te])

    parts = Parallel(n_jobs=n_jobs)(delayed(run)(f) for f in range(folds))
    yt = [x for t, _ in parts for x in t]
    yp = [x for _, p in parts for x in p]
    return _prf(yt, yp, list(THEME_IDS))


def _fresh_paragraphs() -> list[dict]:
    """The blind held-out paragraphs (``data/heldout/fresh.jsonl``, not shipped in the
    wheel: read from the repository when the build runs there)."""
    import json

    path = Path(__file__).resolve().parents[2] / "data" / "heldout" / "fresh.jsonl"
    if not path.exists():
        return []
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()
            if line.strip()]


def measure(model, root: Path | None, *, cv: bool = True, n_jobs: int = 2) -> dict:
    """Figures of ``model`` on every genre (see ``benchmarks/bench_precision.py``)."""
    from ._default_data import fewclue_texts, nlpcc_split, offdomain_split, training_data
    from .corpus import load_corpus
    from .evaluation import cross_validate

    classes = list(model.classes_)
    out: dict = {}
    if cv:
        corpus = load_corpus()
        bg_items, bg_y, _ = training_data(root, exclude=("corpus",))
        r = cross_validate(clone(model), corpus, baselines=True, n_jobs=n_jobs,
                           background=(bg_items, bg_y))
        d = r.document
        out["corpus, leave one province out"] = {
            "precision": d["micro_precision"], "recall": d["micro_recall"], "f1": d["micro_f1"],
            "macro_f1": d["macro_f1"], "n": d["n"],
            "sentence_f1": r.sentence["micro_f1"] if r.sentence else None,
            "baselines": {k: {"precision": v["micro_precision"], "recall": v["micro_recall"],
                              "f1": v["micro_f1"]} for k, v in r.baselines.items()},
        }
        print("corpus CV", out["corpus, leave one province out"], flush=True)
        out["real-style paragraphs, 3-fold"] = _realdev_cv(model, root, 3, n_jobs)
        print("realdev CV", out["real-style paragraphs, 3-fold"], flush=True)
    ev = load_corpus(bundled="eval")
    out["eval (held out)"] = _prf([p.labels for p in ev], model.predict(ev.texts), classes)
    out["eval (held out)"]["sentence_f1"] = _prf(
        [s.labels for p in ev for s in p.sentences],
        model.predict([s.text for p in ev for s in p.sentences]), classes)["f1"]
    ct = load_corpus(bundled="contrastive_test")
    wx = [p for p in ct if p.labels]
    out["contrastive test, 网信 sentences (held out)"] = _prf(
        [p.labels for p in wx], model.predict([p.text for p in wx]), classes)
    out["contrastive test, off-domain sentences (held out)"] = _share(
        model, [p.text for p in ct if not p.labels])
    off = [p.text for p in load_corpus(bundled="offdomain") if offdomain_split(p.id) == "dev"]
    out["off-domain paragraphs, dev split (held out)"] = _share(model, off)
    mixed = load_corpus(bundled="mixed")
    pred = model.predict(mixed.texts)
    wx_idx = [i for i, p in enumerate(mixed) if p.labels]
    out["mixed government work report (held out)"] = {
        "wangxin_paragraphs_with_their_themes": sum(set(mixed[i].labels) <= set(pred[i])
                                                    for i in wx_idx),
        "wangxin_paragraphs": len(wx_idx),
        "other_paragraphs_with_a_theme": sum(bool(pred[i]) for i in range(len(mixed))
                                             if i not in wx_idx),
        "other_paragraphs": len(mixed) - len(wx_idx),
    }
    fresh = _fresh_paragraphs()
    if fresh:
        out["blind held-out paragraphs, real genres (held out)"] = _prf(
            [r["labels"] for r in fresh], model.predict([r["text"] for r in fresh]), classes)
        out["blind held-out paragraphs outside 网信 work (held out)"] = _share(
            model, [r["text"] for r in fresh if not r["labels"]])
    if root is not None and (root / "nlpcc2017_headlines" / "headlines.tsv").exists():
        _, _, Xte, yte = nlpcc_split(root)
        hit = np.array([bool(p) for p in model.predict(Xte)])
        cats = sorted(set(yte))
        ya = np.array(yte)
        out["NLPCC 2017 test headlines (held out)"] = {
            "share_with_theme": float(hit.mean()), "n": len(Xte),
            "by_category": {c: float(hit[ya == c].mean()) for c in cats}}
    if root is not None:
        for task, name in (("tnews", "TNEWS test headlines"), ("csldcp", "CSLDCP test abstracts")):
            texts = fewclue_texts(root, task, "test_public")
            if texts:
                out[f"{name} (held out)"] = _share(model, texts)
    return out


def _row(name, m) -> str:
    if "f1" in m:
        extra = f" (sentences {m['sentence_f1']:.3f})" if m.get("sentence_f1") else ""
        return (f"| {name} | {m['n']} | {m['precision']:.3f} | {m['recall']:.3f} | "
                f"{m['f1']:.3f}{extra} |")
    if "share_with_theme" in m:
        return f"| {name} | {m['n']} | given any theme: **{m['share_with_theme']:.1%}** | | |"
    return (f"| {name} | 20 paragraphs | {m['wangxin_paragraphs_with_their_themes']}/"
            f"{m['wangxin_paragraphs']} 网信 paragraphs with their themes | "
            f"{m['other_paragraphs_with_a_theme']}/{m['other_paragraphs']} other paragraphs "
            "given a theme | |")


def _changed_params(model) -> dict:
    """The model's parameters that differ from its class's defaults."""
    defaults = type(model)().get_params()
    return {k: v for k, v in model.get_params().items() if v != defaults.get(k)}


def model_card(model, sources: dict, figures: dict) -> str:
    import json
    from importlib import resources

    from ._about import __version__
    from .taxonomy import TAXONOMY_VERSION

    revision = json.loads(resources.files("cyberreport.resources").joinpath(
        "taxonomy.json").read_text("utf-8")).get("revision", TAXONOMY_VERSION)
    lines = [
        "# Default theme model — model card", "",
        f"cyberreport {__version__}, taxonomy version {TAXONOMY_VERSION} (revision "
        f"{revision}, boundary decisions 1–16). Built by "
        "`python -m cyberreport._build_default models/default`.", "",
        "## What it does",
        "Tags each sentence of a text with the 13 work themes of the taxonomy and says how "
        "likely the sentence is to report 网信 work at all (`relevance`); a theme needs a "
        "relevant sentence as evidence (a sentence's probability for a theme is "
        "P(theme | relevant) × P(relevant)). A text's themes are those of its sentences. "
        "A text outside 网信 work gets no theme (`labels == ()`), with its relevance shown.", "",
        "## Data",
        "Labelled sentences (see `data/README.md`): " + ", ".join(
            f"{k} ({v} texts)" for k, v in sources.items()) + ". Texts outside 网信 work "
        "enter with no label (they teach the relevance model and keep cue words in other "
        "senses from carrying a theme). The public data sets are used for their training "
        "parts only. Nothing from `data/eval/`, the contrastive test half, the off-domain "
        "dev split, the mixed report or the blind held-out paragraphs "
        "(`data/heldout/`, written after the model) is trained on.", "",
        "## Method",
        "One logistic regression per theme (on relevant sentences) and one for relevance (on "
        "all sentences), over character 1–3-grams, domain-tokenizer words and theme-lexicon "
        "hits (TF-IDF blocks) and a marker of an internet, information or data element "
        "(boundary decision 13); the taxonomy's lexicon terms and definitions as "
        "down-weighted prior examples; per-theme thresholds chosen by 5-fold "
        "cross-validation on all the training texts, off-domain ones included, maximising "
        "F-beta. Parameters that differ from `ThemeClassifier()`'s defaults: "
        + ", ".join(f"`{k}={v!r}`" for k, v in _changed_params(model).items())
        + " (chosen on the design metrics of `benchmarks/bench_design.py`, never on a "
        "held-out set).", "",
        "## Figures by genre",
        "Document-level micro precision, recall and F1; for texts outside 网信 work, the share "
        "given any theme (lower is better). Cross-validated rows keep every other training "
        "set in training.", "",
        "| set | n | precision | recall | F1 |", "|---|---:|---:|---:|---:|",
    ]
    for name, m in figures.items():
        lines.append(_row(name, m))
    nl = figures.get("NLPCC 2017 test headlines (held out)")
    if nl:
        worst = max(nl["by_category"].items(), key=lambda kv: kv[1])
        lines += ["", f"NLPCC by category: highest share {worst[1]:.1%} ({worst[0]}); every "
                  "category: " + ", ".join(f"{c} {v:.1%}" for c, v in nl["by_category"].items())
                  + "."]
    base = figures.get("corpus, leave one province out", {}).get("baselines")
    if base:
        lines += ["", "Baselines on the same corpus folds (document micro P/R/F1): " + "; ".join(
            f"{k} {v['precision']:.3f}/{v['recall']:.3f}/{v['f1']:.3f}" for k, v in base.items())
            + "."]
    lines += [
        "", "## Limits",
        "Few labelled texts per theme (tens to a few hundred sentences); figures on themes "
        "with few examples are indicative. Real texts of genres unlike the training data "
        "(speeches, long enumerations) score lower than the annotated sets. The thresholds "
        "favour precision: a theme stated only in passing may be missed.", "",
        f"Thresholds: {', '.join(f'{c} {t:.2f}' for c, t in zip(model.classes_, model.thresholds_))}.",
        "",
    ]
    return "\n".join(lines)
