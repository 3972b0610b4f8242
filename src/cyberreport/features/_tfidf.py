"""The one TF-IDF definition of cyberreport: smoothed inverse document frequency and
sublinear term frequency (as scikit-learn's ``TfidfVectorizer(sublinear_tf=True)``)."""

from __future__ import annotations

import math

import numpy as np

__all__ = ["smooth_idf", "smooth_idf_unseen", "sublinear_tf"]


def smooth_idf(df, n: int):
    """``log((1 + n) / (1 + df)) + 1`` for document frequencies ``df`` (an array or a
    number) among ``n`` documents.

    Examples
    --------
    >>> float(smooth_idf(0, 1)) == math.log(2) + 1
    True
    """
    if np.isscalar(df):
        return math.log((1.0 + n) / (1.0 + df)) + 1.0
    return np.log((1.0 + n) / (1.0 + np.asarray(df, dtype=np.float64))) + 1.0


def smooth_idf_unseen(n: int) -> float:
    """The smoothed IDF of a term no document has (``df = 0``)."""
    return smooth_idf(0, n)


def sublinear_tf(counts):
    """``1 + log(count)`` for counts >= 1 (an array or a number)."""
    if np.isscalar(counts):
        return 1.0 + math.log(counts)
    return 1.0 + np.log(np.asarray(counts, dtype=np.float64))
