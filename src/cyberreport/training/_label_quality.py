"""Label quality: labels the cross-validated model contradicts (which texts to label next
is :mod:`._suggest`)."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._deprecation import renamed_param
from .._frames import ResultList

__all__ = ["LabelIssue", "find_label_issues", "label_issues"]


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

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return dict(self._row())

    def _row(self) -> dict:
        return {"index": self.index, "source": self.source, "line": self.line,
                "label": self.label, "kind": self.kind,
                "probability": round(self.probability, 6),
                "confidence": round(self.confidence, 6), "text": self.text}

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
    return ResultList(
        LabelIssue(i, user.origins[i][0], user.origins[i][1], texts[i], c, kind, p, conf)
        for conf, i, c, kind, p in found
    )


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
