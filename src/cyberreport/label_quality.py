"""Label-quality tools: find labels that look wrong, and choose what to label next."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .training import read_labelled

__all__ = ["LabelIssue", "find_label_issues", "suggest_next", "Suggestion"]


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
    base: bool = False,
    threshold: float = 0.8,
    cv: int = 5,
    params: dict | None = None,
    n_jobs: int | None = None,
    random_state: int = 0,
) -> list[LabelIssue]:
    """Texts whose given labels the cross-validated model contradicts, most confident first.

    Every text is scored by a model that did not see it (``cv``-fold cross-validation).
    A given label whose probability is below ``1 - threshold`` is reported as
    ``"unlikely"``; an absent label whose probability is above ``threshold`` as
    ``"missing"``.

    Parameters
    ----------
    data : path, sequence of (text, labels) pairs, or Corpus
        Labelled data (see :func:`cyberreport.training.read_labelled`).
    base : bool, default=False
        Also train on the bundled corpus (its own records are not checked).
    threshold : float, default=0.8
        Confidence needed to report a label, in (0.5, 1).
    cv : int, default=5
    params : dict, optional
        :class:`~cyberreport.ThemeClassifier` parameters.
    n_jobs : int, optional
    random_state : int, default=0

    Returns
    -------
    list of LabelIssue

    Examples
    --------
    >>> issues = find_label_issues(cr.load_corpus())          # doctest: +SKIP
    >>> print(issues[0])                                      # doctest: +SKIP
    """
    from .classifier import ThemeClassifier
    from .corpus import load_corpus
    from .evaluation import cross_validate
    from .taxonomy import THEME_IDS

    if not 0.5 < threshold < 1:
        raise ValueError(f"threshold must be in (0.5, 1), got {threshold!r}")
    user = read_labelled(data)
    if len(user) < 2:
        raise ValueError("find_label_issues needs at least 2 labelled texts")
    items, y = list(user.items), list(user.labels)
    groups = [f"user:{i}" for i in range(len(items))]
    if base:
        corpus = load_corpus()
        items += list(corpus)
        y += [p.labels for p in corpus]
        groups += [f"base:{g}" for g in corpus.groups]
    seen = {lab for labs in y for lab in labs}
    custom = not seen <= set(THEME_IDS)
    defaults = {"unit": "document", "use_lexicon": False, "C": 10.0} if custom else {}
    model = ThemeClassifier(**{**defaults, **(params or {}), "random_state": random_state})
    folds = min(cv, len(set(groups)))
    report = cross_validate(model, items, y, groups=groups, n_folds=folds, baselines=False,
                            n_jobs=n_jobs, random_state=random_state)
    classes = report.classes
    proba = report.probabilities
    issues = []
    for i in range(len(user)):
        given = set(y[i])
        for j, c in enumerate(classes):
            p = float(proba[i, j])
            if c in given and p < 1 - threshold:
                issues.append((1 - p, i, c, "unlikely", p))
            elif c not in given and p > threshold:
                issues.append((p, i, c, "missing", p))
    issues.sort(key=lambda t: (-t[0], t[1], t[2]))
    texts = user.texts
    return [
        LabelIssue(i, user.origins[i][0], user.origins[i][1], texts[i], c, kind, p, conf)
        for conf, i, c, kind, p in issues
    ]


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


def suggest_next(
    texts: Sequence[str],
    k: int = 10,
    *,
    model=None,
    diversity: float = 0.5,
) -> list[Suggestion]:
    """Which unlabelled texts to label next: uncertain ones, diverse among themselves.

    A text's uncertainty is how close its most uncertain theme's probability is to that
    theme's decision threshold.  Texts are chosen greedily by uncertainty minus
    ``diversity`` times their highest cosine similarity (character n-gram TF-IDF) to a
    text already chosen, so near-duplicates are not suggested twice.

    Parameters
    ----------
    texts : sequence of str
    k : int, default=10
    model : ThemeClassifier, optional
        Default: the bundled model.
    diversity : float, default=0.5
        Weight of the similarity penalty (0 = uncertainty only).

    Returns
    -------
    list of Suggestion
        At most ``k``, in the order chosen.

    Examples
    --------
    >>> [s.index for s in suggest_next(["开展网络安全检查", "今天天气很好"], k=1)]  # doctest: +SKIP
    [1]
    """
    from .classifier import _check_texts
    from .persistence import load_model

    texts = [t for t in _check_texts(texts, "texts")]
    if isinstance(k, bool) or not isinstance(k, int) or k < 1:
        raise ValueError(f"k must be a positive int, got {k!r}")
    if diversity < 0:
        raise ValueError(f"diversity must be >= 0, got {diversity!r}")
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
    for _ in range(min(k, len(texts))):
        score = np.where(available, unc - diversity * best_sim, -np.inf)
        i = int(np.argmax(score))
        chosen.append(i)
        available[i] = False
        sim = (X @ X[i].T).toarray().ravel()
        best_sim = np.maximum(best_sim, sim)
    return [Suggestion(i, texts[i], float(unc[i]), model.classes_[theme_idx[i]]) for i in chosen]
