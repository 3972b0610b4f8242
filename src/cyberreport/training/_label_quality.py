"""Label quality: labels the cross-validated model contradicts, and which texts to label next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from .._deprecation import renamed_param

import numpy as np


__all__ = ["LabelIssue", "find_label_issues", "label_issues", "suggest_next", "Suggestion"]


@dataclass(frozen=True)
class LabelIssue:
    """A label the cross-validated model contradicts with high confidence.

    Attributes
    ----------
    index : int
        Position of the text in the (validated) data.
    source : str
    line : int or None
        Where the text came from.
    text : str
    label : str
    kind : str
        ``"unlikely"`` (the text has the label; the model is confident it should not)
        or ``"missing"`` (the text lacks the label; the model is confident it should
        have it).
    probability : float
        The out-of-fold probability of the label.
    confidence : float
        How strongly the model contradicts the given label (the ranking key).
    """

    index: int
    source: str
    line: int | None
    text: str
    label: str
    kind: str
    probability: float
    confidence: float

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}:{self.line}"
        verb = "has" if self.kind == "unlikely" else "lacks"
        head = self.text if len(self.text) <= 50 else self.text[:49] + "…"
        return (f"{where}: {verb} {self.label!r} but p={self.probability:.2f} "
                f"({self.kind}) — {head}")


def find_label_issues(
    data,
    *,
    labels: Sequence[str] | None = None,
    base: bool = False,
    threshold: float = 0.8,
    cv: int = 5,
    params: dict | None = None,
    label_descriptions: dict[str, str] | None = None,
    n_jobs: int | None = None,
    random_state: int = 0,
    on_error: str = "skip",
) -> list[LabelIssue]:
    """Texts whose given labels the cross-validated model contradicts, most confident first.

    Every text is scored by a model that did not see it (``cv``-fold cross-validation),
    configured exactly as :func:`~cyberreport.train` would fit it on the same data.  A
    given label whose probability is below ``1 - threshold`` is reported as
    ``"unlikely"``; an absent label whose probability is above ``threshold`` as
    ``"missing"``.

    Parameters
    ----------
    data : path, sequence of (text, labels) pairs, or Corpus
        Labelled data (see :func:`~cyberreport.read_labelled`).
    labels : sequence of str, optional
        The label set, as in :func:`~cyberreport.train`.
    base : bool, default=False
        Also train on the bundled corpus (its own records are not checked).
    threshold : float, default=0.8
        Confidence needed to report a label, in (0.5, 1).
    cv : int, default=5
        Folds (at least 2).
    params : dict, optional
        :class:`~cyberreport.ThemeClassifier` parameters replacing the defaults one by
        one, as in :func:`~cyberreport.train`.
    label_descriptions : dict, optional
        As in :func:`~cyberreport.train`.
    n_jobs : int, optional
    random_state : int, default=0
    on_error : {"skip", "raise"}, default="skip"

    Returns
    -------
    list of LabelIssue

    Examples
    --------
    >>> import cyberreport as cr
    >>> issues = cr.find_label_issues(cr.load_corpus(), cv=3)
    >>> all(0.8 <= i.confidence <= 1 for i in issues)
    True
    """
    from .._validation import Interval, check_value
    from ..classifier import ThemeClassifier
    from ..evaluation import cross_validate
    from ._setup import check_params, default_params, prepare

    from numbers import Integral, Real

    check_value("threshold", threshold, [Interval(Real, 0.5, 1, "neither")])
    check_value("cv", cv, [Interval(Integral, 2, None, "left")])
    check_value("random_state", random_state, ["random_state"])
    check_value("n_jobs", n_jobs, [None, "n_jobs"])
    params = check_params(params, ThemeClassifier)
    ts = prepare(data, labels=labels, base=base, on_error=on_error, min_texts=2)
    chosen = dict(default_params(ts), **params)
    if label_descriptions:
        chosen["label_descriptions"] = dict(label_descriptions)
    chosen.update(labels=ts.classes, random_state=random_state)
    folds = min(cv, len(set(ts.groups)))
    report = cross_validate(ThemeClassifier(**chosen), ts.items, ts.y, groups=ts.groups,
                            cv=folds, baselines=False, n_jobs=n_jobs,
                            random_state=random_state)
    user = ts.user
    found = label_issues(ts.y[:len(user)], report.probabilities[:len(user)],
                         report.classes, threshold)
    texts = user.texts
    return [
        LabelIssue(i, user.origins[i][0], user.origins[i][1], texts[i], c, kind, p, conf)
        for conf, i, c, kind, p in found
    ]


def label_issues(y, proba, classes, threshold: float) -> list[tuple]:
    """``(confidence, index, label, kind, probability)`` of every given label whose
    out-of-fold probability is below ``1 - threshold`` (``"unlikely"``) and every absent
    label above ``threshold`` (``"missing"``), most confident first.

    Examples
    --------
    >>> import numpy as np
    >>> label_issues([("a",), ()], np.array([[0.125], [0.95]]), ["a"], 0.8)
    [(0.95, 1, 'a', 'missing', 0.95), (0.875, 0, 'a', 'unlikely', 0.125)]
    """
    out = []
    for i, labs in enumerate(y):
        given = set(labs)
        for j, c in enumerate(classes):
            p = float(proba[i, j])
            if c in given and p < 1 - threshold:
                out.append((1 - p, i, c, "unlikely", p))
            elif c not in given and p > threshold:
                out.append((p, i, c, "missing", p))
    out.sort(key=lambda t: (-t[0], t[1], t[2]))
    return out


@dataclass(frozen=True)
class Suggestion:
    """An unlabelled text worth labelling next.

    Attributes
    ----------
    index : int
        Position in the input.
    text : str
    uncertainty : float
        In [0, 1]; 1 when some theme's probability sits exactly on its threshold.
    theme : str
        The theme the model is least sure about.
    """

    index: int
    text: str
    uncertainty: float
    theme: str


@renamed_param("k", "top_n")
def suggest_next(
    texts: Sequence[str],
    top_n: int = 10,
    *,
    model=None,
    diversity: float = 0.5,
) -> list[Suggestion]:
    """Which unlabelled texts to label next: uncertain ones, diverse among themselves.

    A text's uncertainty is how close its most uncertain theme's probability is to that
    theme's decision threshold.  Texts are chosen greedily by uncertainty minus
    ``diversity`` times their highest cosine similarity (character n-gram TF-IDF) to a
    text already chosen, so near-duplicates are not suggested twice; a text identical to a
    chosen one (the same character n-grams) is never suggested, so fewer than ``top_n``
    may come back.

    Parameters
    ----------
    texts : sequence of str
    top_n : int, default=10
        How many texts to suggest (``k`` in 0.1).
    model : ThemeClassifier, optional
        Default: the bundled model.
    diversity : float, default=0.5
        Weight of the similarity penalty (0 = uncertainty only).

    Returns
    -------
    list of Suggestion
        At most ``top_n``, in the order chosen.

    Examples
    --------
    >>> len(suggest_next(["开展网络安全检查", "今天天气很好"], top_n=1))
    1
    """
    from .._texts import check_texts, text_of
    from ..persistence import load_model

    texts = [text_of(t) for t in check_texts(texts, "texts")]
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise ValueError(f"top_n must be a positive int, got {top_n!r}")
    from numbers import Real

    from .._validation import Interval, check_value

    check_value("diversity", diversity, [Interval(Real, 0, None, "left")])
    if not texts:
        return []
    model = load_model() if model is None else model
    proba = model.predict_proba(texts)
    t = np.asarray(model.thresholds_)
    span = np.maximum(t, 1 - t)
    unc_all = 1 - np.abs(proba - t) / span
    theme_idx = unc_all.argmax(axis=1)
    unc = unc_all.max(axis=1)
    vec = model.vectorizer_
    indptr, indices, data = vec.transform_arrays(texts)
    block = vec.block_[indices] if len(indices) else np.zeros(0, int)
    mask = block == 0  # character n-grams
    from scipy.sparse import csr_matrix

    X = csr_matrix((np.where(mask, data, 0.0), indices, indptr), shape=(len(texts), len(vec.features_)))
    norms = np.sqrt(X.multiply(X).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1.0
    X = csr_matrix(X.multiply(1.0 / norms[:, None]))
    chosen: list[int] = []
    best_sim = np.zeros(len(texts))
    available = np.ones(len(texts), dtype=bool)
    for _ in range(min(top_n, len(texts))):
        if not available.any():
            break
        score = np.where(available, unc - diversity * best_sim, -np.inf)
        i = int(np.argmax(score))
        chosen.append(i)
        available[i] = False
        sim = (X @ X[i].T).toarray().ravel()
        best_sim = np.maximum(best_sim, sim)
        available &= sim < 1.0 - 1e-9  # the same text again would teach nothing new
    return [Suggestion(i, texts[i], float(unc[i]), model.classes_[theme_idx[i]]) for i in chosen]
