"""The model-file state of a theme classifier: what is saved, and rebuilding a fitted
model from it."""

from __future__ import annotations

import numpy as np

from ..features._vectorizer import SentenceVectorizer
from ._scorer import SentenceScorer

__all__ = ["get_state", "from_state"]


def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
    """A fitted :class:`ThemeClassifier`'s state as JSON-ready data and named arrays."""
    vconfig, varrays = self.scorer_.vectorizer._get_state()
    state = {
        "classes": list(self.classes_),
        "thresholds": [float(t) for t in self.thresholds_],
        "multilabel": bool(self.multilabel_),
        "unit": self.unit_,
        "relevance": bool(self.scorer_.relevance),
        "vectorizer": vconfig,
        "training": {"sha256": getattr(self, "training_hash_", None)},
        "metrics": getattr(self, "metrics_", None),
    }
    arrays = {"coef": self.scorer_.coef, "intercept": self.scorer_.intercept,
              "idf": varrays["idf"]}
    return state, arrays


def from_state(cls, params: dict, state: dict, arrays: dict):
    """A fitted ``cls`` (a :class:`ThemeClassifier`) from :func:`get_state`'s data."""
    init = {p: params[p] for p in cls._get_param_names() if p in params}
    if isinstance(init.get("char_ngram_range"), list):
        init["char_ngram_range"] = tuple(init["char_ngram_range"])
    model = cls(**init)
    vec = SentenceVectorizer._from_state(state["vectorizer"], {"idf": arrays["idf"]})
    model.classes_ = list(state["classes"])
    model.unit_ = state["unit"]
    model.multilabel_ = bool(state["multilabel"])
    model.thresholds_ = np.asarray(state["thresholds"], dtype=np.float64)
    model.scorer_ = SentenceScorer(vec, arrays["coef"], arrays["intercept"], model.unit_,
                                   bool(state.get("relevance", False)))
    model.n_features_ = len(vec.features_)
    model.training_hash_ = (state.get("training") or {}).get("sha256")
    model.metrics_ = state.get("metrics")
    return model
