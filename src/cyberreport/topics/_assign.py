"""Assigning texts to the topics of a fitted :class:`~cyberreport.TopicModel`, for any
number of texts: ``chunk_size`` texts at a time, in this process or in joblib worker
processes (``n_jobs``), which receive the small :class:`Assigner` (vocabulary, idf,
centroids, tokenizer settings) once per call — not the model with its training units.

A text's weights depend on that text alone, so the result is the same (bit for bit)
for any ``n_jobs`` and ``chunk_size``.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._parallel import check_chunk_size, check_n_jobs, map_chunks
from .._progress import counted
from .._texts import iter_text_chunks
from ._features import units_of
from ._matrix import encode, tfidf_matrix

__all__ = ["Assigner", "transform", "predict"]


class Assigner:
    """What assigning a text to topics needs, taken from a fitted model."""

    def __init__(self, model):
        self.unit = model.unit_
        self.vocab_index = model._vocab_index
        self.idf = model.idf_
        self.centroids = model.centroids_
        self.tokenizer = model._tokenizer()

    @property
    def n_topics(self) -> int:
        return self.centroids.shape[0]

    def unit_weights(self, units: Sequence[str]) -> np.ndarray:
        """Topic weights of each unit: cosine to each topic centroid, clipped at 0 and
        normalised to sum 1 (all zero for a unit without a known term)."""
        if not units:
            return np.zeros((0, self.n_topics))
        ids, offsets, _ = encode(list(units), self.tokenizer, self.vocab_index)
        X = tfidf_matrix(ids, offsets, self.idf)
        S = np.maximum(np.asarray(X @ self.centroids.T), 0.0)
        tot = S.sum(axis=1, keepdims=True)
        return np.divide(S, tot, out=np.zeros_like(S), where=tot > 0)

    def transform(self, texts: list[str]) -> np.ndarray:
        """Document-topic weights: the mean over a text's units with a known term."""
        per_text = [units_of(t, self.unit) for t in texts]
        U = self.unit_weights([u for us in per_text for u in us])
        out = np.zeros((len(texts), self.n_topics))
        pos = 0
        for d, us in enumerate(per_text):
            rows = U[pos:pos + len(us)]
            pos += len(us)
            known = rows[rows.sum(axis=1) > 0]
            if len(known):
                out[d] = known.mean(axis=0)
        return out

    def predict(self, texts: list[str]) -> np.ndarray:
        """The largest weight's topic (ties: the lower id), ``-1`` without a known term."""
        return self.predict_from(self.transform(texts))

    @staticmethod
    def predict_from(W: np.ndarray) -> np.ndarray:
        """Topic ids from document-topic weights (see :meth:`predict`)."""
        out = W.argmax(axis=1) if W.shape[0] else np.zeros(0, dtype=int)
        return np.where(W.sum(axis=1) > 0, out, -1).astype(int)


def _transform_chunk(assigner: Assigner, texts: list[str]) -> np.ndarray:
    return assigner.transform(texts)


def _predict_chunk(assigner: Assigner, texts: list[str]) -> np.ndarray:
    return assigner.predict(texts)


def _run(model, func, texts, n_jobs, chunk_size, empty_shape, progress, desc):
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    chunks = iter_text_chunks(texts, "texts", chunk_size)
    parts = list(counted(map_chunks(Assigner(model), func, chunks, n_jobs), texts, progress,
                         desc))
    if not parts:
        return np.zeros(empty_shape, dtype=float if len(empty_shape) == 2 else int)
    return parts[0] if len(parts) == 1 else np.concatenate(parts)


def transform(model, texts, *, n_jobs=None, chunk_size=None, progress=None) -> np.ndarray:
    """:meth:`TopicModel.transform` in chunks, in parallel."""
    return _run(model, _transform_chunk, texts, n_jobs, chunk_size, (0, model.n_topics_),
                progress, "topics")


def predict(model, texts, *, n_jobs=None, chunk_size=None, progress=None) -> np.ndarray:
    """:meth:`TopicModel.predict` in chunks, in parallel."""
    return _run(model, _predict_chunk, texts, n_jobs, chunk_size, (0,), progress, "topics")
