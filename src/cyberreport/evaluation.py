"""Evaluation: grouped cross-validation, metrics and the two baselines.

:func:`cross_validate` runs leave-one-group-out cross-validation (by default one group
per province) and reports, in one :class:`CVReport`, per-theme precision, recall and F1
and micro/macro F1 at document and sentence level, the expected calibration error of the
document probabilities, and the same document-level figures for two baselines:

* ``cue_matching`` — a theme is predicted when one of the taxonomy's cue words occurs;
* ``naive_pipeline`` — what a user would write: ``TfidfVectorizer(tokenizer=jieba.lcut)``
  and one-vs-rest logistic regression, trained on paragraphs.
"""

from __future__ import annotations

import warnings
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from .taxonomy import THEME_IDS, THEMES

__all__ = ["cross_validate", "CVReport", "evaluate", "label_metrics", "CueMatcher"]


# -- metrics ----------------------------------------------------------------------------
def _indicator(label_sets, classes) -> np.ndarray:
    return np.array([[c in set(labs) for c in classes] for labs in label_sets], dtype=bool).reshape(
        len(label_sets), len(classes)
    )


def label_metrics(y_true, y_pred, classes: Sequence[str]) -> dict:
    """Per-label precision/recall/F1/support and micro/macro F1 of label sets.

    Parameters
    ----------
    y_true, y_pred : sequence of label collections
    classes : sequence of str

    Returns
    -------
    dict
        ``{"per_label": {label: {precision, recall, f1, support, tp, fp, fn}},
        "micro_f1", "macro_f1", "micro_precision", "micro_recall", "n"}``.
        The macro average is over labels with at least one true or predicted example.

    Examples
    --------
    >>> m = label_metrics([("a",), ("b",)], [("a",), ()], ["a", "b"])
    >>> round(m["micro_f1"], 3), round(m["macro_f1"], 3)
    (0.667, 0.5)
    """
    Y = _indicator(y_true, classes)
    P = _indicator(y_pred, classes)
    per = {}
    f1s = []
    for j, c in enumerate(classes):
        tp = int(np.sum(Y[:, j] & P[:, j]))
        fp = int(np.sum(~Y[:, j] & P[:, j]))
        fn = int(np.sum(Y[:, j] & ~P[:, j]))
        prec = tp / (tp + fp) if tp + fp else 0.0
        rec = tp / (tp + fn) if tp + fn else 0.0
        f1 = 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else 0.0
        per[c] = {"precision": prec, "recall": rec, "f1": f1, "support": tp + fn,
                  "tp": tp, "fp": fp, "fn": fn}
        if tp + fp + fn:
            f1s.append(f1)
    tp = int(np.sum(Y & P))
    fp = int(np.sum(~Y & P))
    fn = int(np.sum(Y & ~P))
    return {
        "per_label": per,
        "micro_precision": tp / (tp + fp) if tp + fp else 0.0,
        "micro_recall": tp / (tp + fn) if tp + fn else 0.0,
        "micro_f1": 2 * tp / (2 * tp + fp + fn) if (2 * tp + fp + fn) else 0.0,
        "macro_f1": float(np.mean(f1s)) if f1s else 0.0,
        "n": len(y_true),
    }


def expected_calibration_error(y_true: np.ndarray, proba: np.ndarray, n_bins: int = 10) -> float:
    """Expected calibration error of binary probabilities (all labels pooled), with
    equal-width bins: the bin-size-weighted mean of |accuracy - confidence|, where a
    prediction's confidence is its probability for the label and its accuracy whether
    the label is true."""
    y = np.asarray(y_true, dtype=float).ravel()
    p = np.asarray(proba, dtype=float).ravel()
    if p.size == 0:
        return 0.0
    bins = np.minimum((p * n_bins).astype(int), n_bins - 1)
    ece = 0.0
    for b in range(n_bins):
        m = bins == b
        if m.any():
            ece += m.mean() * abs(y[m].mean() - p[m].mean())
    return float(ece)


# -- baselines ------------------------------------------------------------------------
class CueMatcher:
    """Baseline: predict a theme when one of its taxonomy cue words occurs in the text.

    Examples
    --------
    >>> CueMatcher().predict(["开展网络安全检查"])
    [('security',)]
    """

    def __init__(self, cues: dict[str, Sequence[str]] | None = None):
        self.cues = cues

    def fit(self, X=None, y=None) -> "CueMatcher":
        cues = self.cues or {t.id: t.cues for t in THEMES}
        self.classes_ = list(cues)
        self.cues_ = {k: tuple(v) for k, v in cues.items()}
        return self

    def predict(self, X) -> list[tuple[str, ...]]:
        if not hasattr(self, "cues_"):
            self.fit()
        from .text import normalize

        out = []
        for text in X:
            t = normalize(text)
            out.append(tuple(c for c in self.classes_ if any(w in t for w in self.cues_[c])))
        return out


class NaivePipeline:
    """Baseline: ``TfidfVectorizer(tokenizer=jieba.lcut)`` + one-vs-rest logistic
    regression, trained on whole paragraphs (what a user would write themselves)."""

    def __init__(self, classes: Sequence[str] | None = None):
        self.classes = classes

    def fit(self, X, y) -> "NaivePipeline":
        import jieba
        from sklearn.feature_extraction.text import TfidfVectorizer
        from sklearn.linear_model import LogisticRegression
        from sklearn.multiclass import OneVsRestClassifier
        from sklearn.pipeline import make_pipeline
        from sklearn.preprocessing import MultiLabelBinarizer

        jieba.setLogLevel(60)
        classes = self.classes
        if classes is None:
            seen = {lab for labs in y for lab in labs}
            classes = list(THEME_IDS) if seen <= set(THEME_IDS) else sorted(seen)
        self.mlb_ = MultiLabelBinarizer(classes=list(classes))
        Y = self.mlb_.fit_transform(y)
        self.pipe_ = make_pipeline(
            TfidfVectorizer(tokenizer=jieba.lcut, token_pattern=None, lowercase=False),
            OneVsRestClassifier(LogisticRegression(max_iter=1000)),
        )
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")  # labels with no positive example in a fold
            self.pipe_.fit(list(X), Y)
        return self

    def predict(self, X) -> list[tuple[str, ...]]:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore")
            P = self.pipe_.predict(list(X))
        return [tuple(c for c, v in zip(self.mlb_.classes_, row) if v) for row in P]


# -- report ---------------------------------------------------------------------------
@dataclass
class CVReport:
    """The result of :func:`cross_validate`.

    Attributes
    ----------
    document, sentence : dict
        :func:`label_metrics` results at document and sentence level.
    ece : float
        Expected calibration error of the out-of-fold document probabilities.
    baselines : dict
        Baseline name -> document-level :func:`label_metrics` result.
    n_folds : int
    predictions : list of tuple
        Out-of-fold document predictions, in input order.
    probabilities : ndarray
        Out-of-fold document probabilities.
    classes : list of str
    """

    document: dict
    sentence: dict | None
    ece: float
    baselines: dict = field(default_factory=dict)
    n_folds: int = 0
    predictions: list = field(default_factory=list, repr=False)
    probabilities: np.ndarray | None = field(default=None, repr=False)
    classes: list = field(default_factory=list)

    def summary(self) -> dict:
        """The headline figures as a flat dict."""
        out = {
            "doc_micro_f1": self.document["micro_f1"],
            "doc_macro_f1": self.document["macro_f1"],
            "ece": self.ece,
        }
        if self.sentence is not None:
            out["sent_micro_f1"] = self.sentence["micro_f1"]
            out["sent_macro_f1"] = self.sentence["macro_f1"]
        for name, m in self.baselines.items():
            out[f"{name}_micro_f1"] = m["micro_f1"]
            out[f"{name}_macro_f1"] = m["macro_f1"]
        return out

    def to_dict(self) -> dict:
        """JSON-ready form (without the per-text predictions)."""
        return {
            "n_folds": self.n_folds,
            "document": self.document,
            "sentence": self.sentence,
            "ece": self.ece,
            "baselines": self.baselines,
        }

    def format(self) -> str:
        """A plain-text report: headline figures, then a per-label table (columns
        aligned by display width, so Chinese label names line up)."""
        from ._display import name_column, pad

        names = [f"{name} (document)" for name in self.baselines] + list(self.classes)
        w = name_column(names, 22)
        lines = [f"Cross-validation over {self.n_folds} folds"]
        lines.append(f"{'':<{w}}{'micro-F1':>9}{'macro-F1':>9}")
        rows = [("model (document)", self.document)]
        if self.sentence is not None:
            rows.append(("model (sentence)", self.sentence))
        rows += [(f"{name} (document)", m) for name, m in self.baselines.items()]
        for name, m in rows:
            lines.append(f"{pad(name, w)}{m['micro_f1']:>9.3f}{m['macro_f1']:>9.3f}")
        lines.append(f"expected calibration error (document probabilities): {self.ece:.3f}")
        lines.append("")
        label = "theme" if set(self.classes) <= set(THEME_IDS) else "label"
        lines.append(f"{pad(label, w)}{'P':>6}{'R':>6}{'F1':>6}{'n':>5}" + (f"{'sent F1':>9}" if self.sentence else ""))
        for c in self.classes:
            m = self.document["per_label"][c]
            row = f"{pad(c, w)}{m['precision']:>6.2f}{m['recall']:>6.2f}{m['f1']:>6.2f}{m['support']:>5}"
            if self.sentence is not None:
                row += f"{self.sentence['per_label'][c]['f1']:>9.2f}"
            lines.append(row)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()


def _fit_predict_fold(model, train_items, train_y, test_items, with_sentences):
    from sklearn.base import clone

    m = clone(model)
    m.fit(train_items, train_y)
    texts = [x if isinstance(x, str) else x.text for x in test_items]
    proba = m.predict_proba(texts)
    pred = m._labels_from_proba(proba)
    sent = None
    if with_sentences:
        sent = [m.predict([s.text for s in x.sentences]) for x in test_items]
    return proba, pred, sent, list(m.classes_)


def cross_validate(
    model=None,
    data=None,
    y=None,
    *,
    groups: Sequence | str | None = "province",
    n_folds: int | None = None,
    baselines: bool = True,
    n_jobs: int | None = None,
    random_state: int = 0,
) -> CVReport:
    """Leave-one-group-out cross-validation of a theme classifier.

    Parameters
    ----------
    model : ThemeClassifier, optional
        An unfitted estimator (it is cloned for every fold).  Default: ``ThemeClassifier()``.
    data : Corpus or sequence of Paragraph or of str, optional
        Default: the bundled corpus.  With labelled paragraphs the sentence-level
        figures are computed too.
    y : sequence of label lists, optional
        Labels, when ``data`` holds plain texts.
    groups : "province", sequence or None, default="province"
        The groups to leave out one at a time: ``"province"`` uses each paragraph's
        province; a sequence gives one group per item; ``None`` leaves out one item at
        a time.
    n_folds : int, optional
        Instead of leaving out one group at a time, spread the groups over this many
        folds (a seeded shuffle; a group never straddles two folds) — for larger data.
    baselines : bool, default=True
        Also evaluate cue matching and the naive jieba + TF-IDF pipeline on the same folds.
    n_jobs : int, optional
        Folds run in parallel processes (joblib).
    random_state : int, default=0
        Seed of the group shuffle when ``n_folds`` is given.

    Returns
    -------
    CVReport

    Examples
    --------
    >>> report = cross_validate()          # doctest: +SKIP
    >>> print(report)                      # doctest: +SKIP
    """
    from joblib import Parallel, delayed

    from .classifier import ThemeClassifier, _check_texts
    from .corpus import Paragraph, load_corpus

    model = ThemeClassifier() if model is None else model
    items = _check_texts(load_corpus() if data is None else data, "data")
    if y is None:
        if not all(isinstance(x, Paragraph) for x in items):
            raise TypeError("y is required when data holds plain texts")
        label_sets = [x.labels for x in items]
    else:
        label_sets = [tuple(v) for v in y]
        if len(label_sets) != len(items):
            raise ValueError(f"data has {len(items)} items but y has {len(label_sets)}")
    if isinstance(groups, str):
        if groups != "province":
            raise ValueError(f"groups must be 'province', a sequence or None, got {groups!r}")
        groups = [
            (x.province or x.id) if isinstance(x, Paragraph) else i for i, x in enumerate(items)
        ]
    elif groups is None:
        groups = list(range(len(items)))
    else:
        groups = list(groups)
        if len(groups) != len(items):
            raise ValueError(f"data has {len(items)} items but groups has {len(groups)}")
    uniq = list(dict.fromkeys(groups))
    if len(uniq) < 2:
        raise ValueError("cross-validation needs at least 2 groups")
    if n_folds is None:
        folds = [[i for i, g in enumerate(groups) if g == u] for u in uniq]
    else:
        if isinstance(n_folds, bool) or not isinstance(n_folds, int) or n_folds < 2:
            raise ValueError(f"n_folds must be an int >= 2, got {n_folds!r}")
        if n_folds > len(uniq):
            raise ValueError(f"n_folds={n_folds} but there are only {len(uniq)} groups")
        order = np.random.RandomState(random_state).permutation(len(uniq))
        fold_of = {uniq[g]: r % n_folds for r, g in enumerate(order)}
        folds = [[i for i, g in enumerate(groups) if fold_of[g] == f] for f in range(n_folds)]
    with_sent = all(isinstance(x, Paragraph) for x in items)
    texts = [x if isinstance(x, str) else x.text for x in items]

    def split(test):
        tset = set(test)
        tr = [i for i in range(len(items)) if i not in tset]
        return tr, test

    jobs = []
    for test in folds:
        tr, te = split(test)
        use_y = None if (y is None) else [label_sets[i] for i in tr]
        jobs.append(delayed(_fit_predict_fold)(
            model, [items[i] for i in tr], use_y, [items[i] for i in te], with_sent
        ))
    results = Parallel(n_jobs=n_jobs)(jobs)
    classes = results[0][3]
    if any(r[3] != classes for r in results):  # a fold missing a custom label
        classes = sorted({c for r in results for c in r[3]})
    proba = np.zeros((len(items), len(classes)))
    preds: list = [None] * len(items)
    sent_true, sent_pred = [], []
    for test, (p, pr, sp, fold_classes) in zip(folds, results):
        cols = [classes.index(c) for c in fold_classes]
        proba[np.ix_(test, cols)] = p
        for k, i in enumerate(test):
            preds[i] = pr[k]
            if with_sent:
                sent_true.extend(s.labels for s in items[i].sentences)
                sent_pred.extend(sp[k])
    doc = label_metrics(label_sets, preds, classes)
    sent = label_metrics(sent_true, sent_pred, classes) if with_sent else None
    ece = expected_calibration_error(_indicator(label_sets, classes), proba)
    base = {}
    if baselines:
        if set(classes) <= set(THEME_IDS):  # cue words exist for taxonomy themes only
            cue = CueMatcher().fit()
            base["cue_matching"] = label_metrics(label_sets, cue.predict(texts), classes)
        naive_pred: list = [None] * len(items)
        for test in folds:
            tr, te = split(test)
            nb = NaivePipeline(classes).fit([texts[i] for i in tr], [label_sets[i] for i in tr])
            for i, p in zip(te, nb.predict([texts[i] for i in te])):
                naive_pred[i] = p
        base["naive_pipeline"] = label_metrics(label_sets, naive_pred, classes)
    return CVReport(doc, sent, ece, base, len(folds), preds, proba, classes)


def evaluate(model, data, y=None) -> dict:
    """Document-level (and, for labelled paragraphs, sentence-level) metrics of a fitted
    model on held-out data; also cue matching on the same texts.

    Returns
    -------
    dict
        ``{"document": ..., "sentence": ... or None, "cue_matching": ...}``.
    """
    from .classifier import _check_texts
    from .corpus import Paragraph

    items = _check_texts(data, "data")
    if y is None:
        label_sets = [x.labels for x in items]
    else:
        label_sets = [tuple(v) for v in y]
    texts = [x if isinstance(x, str) else x.text for x in items]
    classes = list(model.classes_)
    out = {"document": label_metrics(label_sets, model.predict(texts), classes)}
    if all(isinstance(x, Paragraph) for x in items):
        st = [s.labels for x in items for s in x.sentences]
        sp = model.predict([s.text for x in items for s in x.sentences])
        out["sentence"] = label_metrics(st, sp, classes)
    else:
        out["sentence"] = None
    out["cue_matching"] = label_metrics(label_sets, CueMatcher().predict(texts), classes)
    return out
