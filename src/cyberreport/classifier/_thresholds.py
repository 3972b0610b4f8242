"""From probabilities to labels: the one thresholding rule, and the per-class thresholds
chosen by cross-validation."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["labels_from_proba", "cv_thresholds", "f1", "fbeta"]


def labels_from_proba(proba: np.ndarray, classes: Sequence[str], thresholds: np.ndarray, *,
                      multilabel: bool = True,
                      threshold: float | None = None) -> list[tuple[str, ...]]:
    """The labels of each row of ``proba``: the rule of every prediction path.

    * ``threshold`` given: every class at or above that one value;
    * multi-label: every class at or above its own threshold;
    * single-label: the most probable class (when its probability is above 0).

    Examples
    --------
    >>> import numpy as np
    >>> p = np.array([[0.9, 0.2], [0.4, 0.6]])
    >>> labels_from_proba(p, ["a", "b"], np.array([0.5, 0.7]))
    [('a',), ()]
    >>> labels_from_proba(p, ["a", "b"], np.array([0.5, 0.7]), threshold=0.3)
    [('a',), ('a', 'b')]
    >>> labels_from_proba(p, ["a", "b"], np.array([0.5, 0.7]), multilabel=False)
    [('a',), ('b',)]
    """
    proba = np.asarray(proba)
    if threshold is not None:
        return [tuple(c for c, hit in zip(classes, row) if hit) for row in proba >= threshold]
    if not multilabel:
        best = np.argmax(proba, axis=1) if len(proba) else np.zeros(0, int)
        return [(classes[j],) if proba[i, j] > 0 else () for i, j in enumerate(best)]
    return [tuple(c for c, hit in zip(classes, row) if hit) for row in proba >= thresholds]


def fbeta(Y: np.ndarray, P: np.ndarray, beta: float = 1.0) -> float:
    """Micro-averaged F-beta of boolean indicator matrices (1.0 when both are empty);
    ``beta < 1`` weighs precision more, ``beta > 1`` recall."""
    tp = np.logical_and(Y, P).sum()
    fp = np.logical_and(~Y, P).sum()
    fn = np.logical_and(Y, ~P).sum()
    b2 = beta * beta
    denom = (1 + b2) * tp + fp + b2 * fn
    return float((1 + b2) * tp / denom) if denom else 1.0


def f1(Y: np.ndarray, P: np.ndarray) -> float:
    """Micro-averaged F1 of boolean indicator matrices (1.0 when both are empty)."""
    return fbeta(Y, P, 1.0)


def cv_thresholds(oof: np.ndarray, Y: np.ndarray, beta: float = 1.0) -> np.ndarray:
    """Per-class thresholds maximising out-of-fold document F-beta (F1 by default),
    shrunk toward the best single threshold so that rare classes do not over-fit.

    ``oof`` holds out-of-fold probabilities and ``Y`` the true labels (boolean), both of
    shape (n_texts, n_classes).
    """
    k = Y.shape[1]
    grid = np.round(np.arange(0.05, 0.96, 0.025), 3)
    # Global threshold: best micro-F1 over all classes.
    best_g, best_f = 0.5, -1.0
    for t in grid:
        score = fbeta(Y, oof >= t, beta)
        if score > best_f + 1e-12:
            best_g, best_f = t, score
    out = np.full(k, best_g)
    for j in range(k):
        if Y[:, j].sum() == 0:
            continue
        scores = [(fbeta(Y[:, j:j + 1], oof[:, j:j + 1] >= t, beta), -abs(t - best_g), t)
                  for t in grid]
        best_t = max(scores)[2]
        n_pos = Y[:, j].sum()
        shrink = n_pos / (n_pos + 5.0)  # few positives -> stay near the global value
        out[j] = shrink * best_t + (1 - shrink) * best_g
    return out
