"""The model-file state of a topic model: what is saved, and rebuilding a fitted model
from it."""

from __future__ import annotations

import numpy as np

from ..tokenize import Tokenizer
from ._topic import Topic

__all__ = ["get_state", "from_state"]


def get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
    """A fitted :class:`TopicModel`'s state as JSON-ready data and named arrays."""
    state = {
        "unit": self.unit_,
        "n_topics": int(self.n_topics_),
        "vocabulary": list(self.vocabulary_),
        "units": list(self.units_),
        "topics": [t.to_dict() for t in self.topics_],
        "auto_scores": self.auto_scores_,
        "n_graph_units": int(self.n_graph_units_),
        "tokenizer": self._tokenizer()._get_state()[0],
    }
    arrays = {
        "idf": self.idf_, "ctfidf": self.ctfidf_, "centroids": self.centroids_,
        "unit_counts": self.unit_counts_.astype(np.float64),
        "labels": self.labels_.astype(np.float64),
        "allowed": self._allowed.astype(np.float64),
    }
    return state, arrays

def from_state(cls, params: dict, state: dict, arrays: dict):
    """A fitted ``cls`` (a :class:`TopicModel`) from :func:`get_state`'s data."""
    init = {p: params[p] for p in cls._get_param_names() if p in params}
    model = cls(**init)
    k = int(state["n_topics"])
    vocab = [str(t) for t in state["vocabulary"]]
    n_terms, n_units = len(vocab), len(state["units"])
    expected = {"idf": (n_terms,), "ctfidf": (k, n_terms), "centroids": (k, n_terms),
                "unit_counts": (n_units,), "labels": (n_units,), "allowed": (n_terms,)}
    for name, shape in expected.items():
        if arrays[name].shape != shape:
            raise ValueError(f"{name}.npy has shape {arrays[name].shape}, expected {shape}")
    model.unit_ = state["unit"]
    model.n_topics_ = k
    model.vocabulary_ = vocab
    model._vocab_index = {t: i for i, t in enumerate(vocab)}
    model.units_ = [str(u) for u in state["units"]]
    model.topics_ = [Topic(id=int(t["id"]), label=str(t["label"]), size=int(t["size"]),
                           terms=tuple((str(a), float(b)) for a, b in t["terms"]),
                           representative=tuple(str(r) for r in t["representative"]))
                     for t in state["topics"]]
    model.auto_scores_ = state.get("auto_scores")
    model.n_graph_units_ = int(state.get("n_graph_units", n_units))  # 0.2: all units
    model.idf_ = arrays["idf"]
    model.ctfidf_ = arrays["ctfidf"]
    model.centroids_ = arrays["centroids"]
    model.unit_counts_ = arrays["unit_counts"].astype(int)
    model.labels_ = arrays["labels"].astype(int)
    model._allowed = arrays["allowed"] > 0.5
    model._tok = Tokenizer._from_state(state["tokenizer"])
    return model
