"""Fitting the theme classifier's kernel, and choosing its thresholds on out-of-fold
probabilities."""

from __future__ import annotations

import numpy as np

from .._texts import text_of
from ._scorer import SentenceScorer, fit_scorer
from ._thresholds import cv_thresholds
from ._units import training_units

__all__ = ["fit_for", "oof_thresholds"]


def _min_df(setting, label_sets) -> int:
    """``min_df="auto"``: 1 below 500 labelled texts, 3 from there."""
    if setting != "auto":
        return int(setting)
    return 3 if sum(bool(labs) for labs in label_sets) >= 500 else 1


def fit_for(model, items, label_sets, classes, lexicon, unit, relevance=False) -> SentenceScorer:
    """Fit the scoring kernel of classifier ``model`` (its parameters) on these texts."""
    units = training_units(items, label_sets, unit)
    return fit_scorer(
        units, [set(labs) for labs in label_sets], classes, lexicon,
        char_ngram_range=model.char_ngram_range, use_words=model.use_words,
        use_lexicon=model.use_lexicon, lexicon_weight=model.lexicon_weight,
        prior_weight=model.prior_weight, class_weight=model.class_weight, C=model.C,
        random_state=model.random_state, label_descriptions=model.label_descriptions,
        unit=unit, relevance=relevance, negative_min_df=model.negative_min_df,
        min_df=_min_df(model.min_df, label_sets),
    )


def oof_thresholds(model, items, label_sets, classes, lexicon, unit, relevance=False):
    """``(thresholds, out-of-fold probabilities)``: per-class thresholds chosen on
    out-of-fold document probabilities of classifier ``model`` (see :func:`cv_thresholds`)."""
    n = len(items)
    folds = min(model.cv, n)
    if folds < 2:
        return np.full(len(classes), 0.5), None
    rng = np.random.RandomState(model.random_state)
    order = rng.permutation(n)
    fold_of = np.empty(n, dtype=int)
    fold_of[order] = np.arange(n) % folds
    oof = np.zeros((n, len(classes)))
    for f in range(folds):
        tr = [i for i in range(n) if fold_of[i] != f]
        te = [i for i in range(n) if fold_of[i] == f]
        scorer = fit_for(model, [items[i] for i in tr], [label_sets[i] for i in tr],
                         classes, lexicon, unit, relevance)
        oof[te] = scorer.doc_proba([text_of(items[i]) for i in te])
    Y = np.array([[c in labs for c in classes] for labs in label_sets], dtype=bool)
    return cv_thresholds(oof, Y, float(getattr(model, "threshold_beta", 1.0))), oof
