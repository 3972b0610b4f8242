"""Metrics of label sets: per-label precision, recall and F1, micro and macro averages,
and the calibration error of probabilities."""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

__all__ = ["label_metrics", "expected_calibration_error", "indicator"]


def indicator(label_sets, classes) -> np.ndarray:
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
    Y = indicator(y_true, classes)
    P = indicator(y_pred, classes)
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
