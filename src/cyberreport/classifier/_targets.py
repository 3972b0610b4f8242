"""Targets of the theme classifier: label lists or indicator matrices in, the label set
chosen."""

from __future__ import annotations

import numpy as np

from ..corpus import Paragraph
from ..taxonomy import THEME_IDS

__all__ = ["label_sets_of", "choose_classes"]

def label_sets_of(items, y, labels=None) -> list[tuple[str, ...]]:
    """The label tuple of each item, from ``y`` (label lists or a 0/1 indicator matrix
    whose columns are ``labels``) or from labelled paragraphs when ``y`` is None."""
    if y is None:
        if not all(isinstance(x, Paragraph) for x in items):
            raise TypeError("y is required unless X holds labelled corpus Paragraphs")
        return [x.labels for x in items]
    if hasattr(y, "toarray"):
        y = y.toarray()
    if isinstance(y, np.ndarray) and y.ndim == 2:
        names = list(labels) if labels is not None else list(THEME_IDS)
        if y.shape[1] != len(names):
            raise ValueError(
                f"y is an indicator matrix with {y.shape[1]} columns but the label set "
                f"has {len(names)} ({', '.join(names)}); pass labels=[...] to name "
                "the columns"
            )
        if y.shape[0] != len(items):
            raise ValueError(f"X has {len(items)} texts but y has {y.shape[0]} rows")
        return [tuple(n for n, v in zip(names, row) if v) for row in y]
    if isinstance(y, (str, bytes)):
        raise TypeError("y must be a sequence of label lists, got a single string")
    y = list(y)
    if len(y) != len(items):
        raise ValueError(f"X has {len(items)} texts but y has {len(y)} label lists")
    out = []
    for i, labs in enumerate(y):
        if isinstance(labs, str):
            labs = (labs,)
        try:
            labs = tuple(labs)
        except TypeError:
            raise TypeError(
                f"y[{i}] must be a list of label strings, got {type(labs).__name__}"
            ) from None
        for lab in labs:
            if not isinstance(lab, str):
                raise TypeError(f"y[{i}] contains {lab!r}; labels must be strings")
        out.append(labs)
    return out


def choose_classes(label_sets, labels=None) -> list[str]:
    """The label set: ``labels`` if given; the 13 theme ids when every label is one; else
    the sorted labels seen."""
    seen = {lab for labs in label_sets for lab in labs}
    if labels is not None:
        classes = list(dict.fromkeys(labels))
        unknown = sorted(seen - set(classes))
        if unknown:
            raise ValueError(f"y has labels {unknown} that are not in labels={classes}")
        return classes
    if seen <= set(THEME_IDS):
        return list(THEME_IDS)
    return sorted(seen)

