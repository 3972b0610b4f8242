"""Chunked and parallel prediction: the ``n_jobs`` and ``chunk_size`` of the theme
classifier's prediction methods and of :func:`~cyberreport.classify_file`.

Texts are taken from the input ``chunk_size`` at a time, so that the work memory (the
sentences, features and scores of a chunk) is bounded by the chunk, not by the input;
within a chunk, features are computed in batches of :data:`BATCH_SIZE` texts, which keeps
the arrays of the vectorised feature extraction in the processor's cache.

With ``n_jobs`` > 1 the chunks go to joblib worker processes (``loky`` by default, or
the backend of an enclosing ``joblib.parallel_config``).  The model is pickled once per
call into a numpy byte array: joblib writes an array that large to a memory-mapped
temporary file once per call and sends each task only a reference to it, and a worker
unpickles a model once (it keeps the last two models it has seen, by the SHA-256 of
their pickle), however many chunks it computes.  Results come back in input order and
are identical to a single-process run: every number of a text depends on that text
alone, not on its chunk or its worker.
"""

from __future__ import annotations

import numpy as np

from .._parallel import check_chunk_size, check_n_jobs, map_chunks
from .._progress import counted
from .._texts import iter_text_chunks

__all__ = ["BATCH_SIZE", "iter_text_chunks", "chunk_logits", "chunk_proba", "chunk_classify",
           "doc_logits", "doc_proba", "classify_many"]

#: Texts per vectorised feature-extraction batch inside a chunk (cache-sized).
BATCH_SIZE = 64


# -- work done on a chunk (in this process or in a worker) -------------------------------
def _batched(method, texts: list[str]) -> np.ndarray:
    if len(texts) <= BATCH_SIZE:
        return method(texts)
    return np.vstack([method(texts[i:i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)])


def chunk_logits(model, texts: list[str]) -> np.ndarray:
    """The texts' document log-odds, computed in cache-sized batches."""
    return _batched(model.scorer_.doc_logits, texts)


def chunk_proba_relevance(model, texts: list[str]):
    """``(probabilities, relevance or None)`` of the texts, in cache-sized batches."""
    parts = [model.scorer_.doc_proba_relevance(texts[i:i + BATCH_SIZE])
             for i in range(0, max(len(texts), 1), BATCH_SIZE)]
    proba = np.vstack([p for p, _ in parts])
    if parts[0][1] is None:
        return proba, None
    return proba, np.concatenate([r for _, r in parts])


def chunk_relevance(model, texts: list[str]) -> np.ndarray:
    """The texts' relevance (probability of reporting 网信 work), in cache-sized batches."""
    if len(texts) <= BATCH_SIZE:
        return model.scorer_.doc_relevance(texts)
    return np.concatenate([model.scorer_.doc_relevance(texts[i:i + BATCH_SIZE])
                           for i in range(0, len(texts), BATCH_SIZE)])


def chunk_proba(model, texts: list[str]) -> np.ndarray:
    """The texts' document probabilities, computed in cache-sized batches."""
    return _batched(model.scorer_.doc_proba, texts)


def chunk_classify(model, texts: list[str], threshold=None, top_n: int = 5) -> list:
    """The texts' :class:`Classification` with evidence, in cache-sized batches."""
    out: list = []
    for i in range(0, len(texts), BATCH_SIZE):
        out.extend(model._explain(texts[i:i + BATCH_SIZE], threshold, top_n))
    return out


# -- the prediction methods -------------------------------------------------------------
def _stacked(model, func, X, n_jobs, chunk_size, empty: float, progress=None,
             desc: str = "predict") -> np.ndarray:
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    parts = list(counted(map_chunks(model, func, iter_text_chunks(X, "X", chunk_size), n_jobs),
                          X, progress, desc))
    if not parts:
        return np.full((0, len(model.classes_)), empty)
    return parts[0] if len(parts) == 1 else np.vstack(parts)


def doc_logits(model, X, *, n_jobs=None, chunk_size=None, progress=None) -> np.ndarray:
    """:meth:`ThemeClassifier.decision_function` in chunks, in parallel."""
    return _stacked(model, chunk_logits, X, n_jobs, chunk_size, -np.inf, progress)


def doc_proba(model, X, *, n_jobs=None, chunk_size=None, progress=None) -> np.ndarray:
    """:meth:`ThemeClassifier.predict_proba` in chunks, in parallel."""
    return _stacked(model, chunk_proba, X, n_jobs, chunk_size, 0.0, progress)


def doc_relevance(model, X, *, n_jobs=None, chunk_size=None, progress=None) -> np.ndarray:
    """:meth:`ThemeClassifier.relevance` in chunks, in parallel."""
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    parts = list(counted(map_chunks(model, chunk_relevance,
                                     iter_text_chunks(X, "X", chunk_size), n_jobs),
                          X, progress, "relevance"))
    return np.concatenate(parts) if parts else np.zeros(0)


def classify_many(model, texts, *, threshold=None, top_n=5, n_jobs=None, chunk_size=None,
                  progress=None) -> list:
    """:meth:`ThemeClassifier.classify_many` in chunks, in parallel."""
    from .._frames import ResultList

    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    out: list = ResultList()
    parts = map_chunks(model, chunk_classify, iter_text_chunks(texts, "texts", chunk_size),
                       n_jobs, threshold=threshold, top_n=top_n)
    for part in counted(parts, texts, progress, "classify"):
        out.extend(part)
    return out
