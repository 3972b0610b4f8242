"""Chunked and parallel prediction: the ``n_jobs`` and ``chunk_size`` of
:class:`~cyberreport.ThemeClassifier`'s prediction methods and of
:func:`~cyberreport.classify_file`.

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

import hashlib
import pickle
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

import numpy as np

__all__ = ["DEFAULT_CHUNK_SIZE", "BATCH_SIZE"]

#: Texts per chunk (the unit of memory and of work sent to a worker).
DEFAULT_CHUNK_SIZE = 2000
#: Texts per vectorised feature-extraction batch inside a chunk (cache-sized).
BATCH_SIZE = 64


# -- arguments ------------------------------------------------------------------------
def check_n_jobs(n_jobs) -> int:
    """The number of worker processes ``n_jobs`` asks for (1 = this process)."""
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs == 0:
        raise ValueError(f"n_jobs must be None, a positive int or a negative int (-1 = all "
                         f"cores), got {n_jobs!r}")
    if n_jobs == 1:
        return 1
    from joblib import effective_n_jobs

    return max(1, effective_n_jobs(int(n_jobs)))


def check_chunk_size(chunk_size) -> int:
    if chunk_size is None:
        return DEFAULT_CHUNK_SIZE
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) \
            or chunk_size < 1:
        raise ValueError(f"chunk_size must be a positive int, got {chunk_size!r}")
    return int(chunk_size)


def iter_text_chunks(X, name: str, chunk_size: int) -> Iterator[list[str]]:
    """The texts of ``X`` (str or corpus Paragraphs) as lists of at most ``chunk_size``
    str, validated as ``classifier._check_texts`` does (the same messages, with the index
    in the whole input).  A list or other sized sequence is checked completely before the
    first chunk is returned; any other iterable is read one chunk at a time."""
    from ._inputs import as_texts_iterable, check_text_item

    X = as_texts_iterable(X, name)
    it = iter(X)
    checked = False
    if hasattr(X, "__len__") and it is not X:  # a collection: can be read twice
        for i, x in enumerate(it):
            check_text_item(x, i, name)
        it = iter(X)
        checked = True
    start = 0
    while True:
        chunk = list(islice(it, chunk_size))
        if not chunk:
            return
        if not checked:
            for i, x in enumerate(chunk, start):
                check_text_item(x, i, name)
        yield [x if isinstance(x, str) else x.text for x in chunk]
        start += len(chunk)


# -- work done on a chunk (in this process or in a worker) -------------------------------
def _batched(method, texts: list[str]) -> np.ndarray:
    if len(texts) <= BATCH_SIZE:
        return method(texts)
    return np.vstack([method(texts[i:i + BATCH_SIZE]) for i in range(0, len(texts), BATCH_SIZE)])


def chunk_logits(model, texts: list[str]) -> np.ndarray:
    """``model._doc_logits(texts)``, computed in cache-sized batches."""
    return _batched(model._doc_logits, texts)


def chunk_proba(model, texts: list[str]) -> np.ndarray:
    """``model._doc_proba(texts)``, computed in cache-sized batches."""
    return _batched(model._doc_proba, texts)


def chunk_classify(model, texts: list[str], threshold=None) -> list:
    return [model.classify(t, threshold=threshold) for t in texts]


# -- running chunks ---------------------------------------------------------------------
_WORKER_MODELS: OrderedDict = OrderedDict()  # key -> model, in a worker process


class _Shipment:
    """A model pickled once for one parallel call: ``payload`` is a uint8 array (which
    joblib memory-maps and sends by reference), ``key`` the SHA-256 of the pickle."""

    def __init__(self, model):
        data = pickle.dumps(model, protocol=pickle.HIGHEST_PROTOCOL)
        self.key = hashlib.sha256(data).hexdigest()
        self.payload = np.frombuffer(data, dtype=np.uint8)
        self.nbytes = len(data)


def _worker_model(key: str, payload):
    model = _WORKER_MODELS.get(key)
    if model is None:
        model = pickle.loads(memoryview(np.ascontiguousarray(payload)))
        _WORKER_MODELS[key] = model
        while len(_WORKER_MODELS) > 2:
            _WORKER_MODELS.popitem(last=False)
    else:
        _WORKER_MODELS.move_to_end(key)
    return model


def _run_chunk(key, payload, func, chunk, kwargs):
    return func(_worker_model(key, payload), chunk, **kwargs)


def map_chunks(model, func: Callable, chunks: Iterable, n_jobs: int, **kwargs) -> Iterator:
    """``func(model, chunk, **kwargs)`` for each chunk, in order, in this process
    (``n_jobs == 1``) or in ``n_jobs`` joblib worker processes, with at most about
    ``2 * n_jobs`` chunks read ahead of the results."""
    chunks = iter(chunks)
    if n_jobs > 1:  # one chunk only: not worth starting workers
        head = list(islice(chunks, 2))
        if len(head) < 2:
            n_jobs = 1
        chunks = chain(head, chunks)
    if n_jobs == 1:
        for chunk in chunks:
            yield func(model, chunk, **kwargs)
        return
    from joblib import Parallel, delayed

    ship = _Shipment(model)
    tasks = (delayed(_run_chunk)(ship.key, ship.payload, func, chunk, kwargs) for chunk in chunks)
    # max_nbytes below the model's size: the model goes through one memory-mapped file.
    parallel = Parallel(n_jobs=n_jobs, prefer="processes", return_as="generator",
                        pre_dispatch="2*n_jobs", batch_size=1,
                        max_nbytes=min(ship.nbytes - 1, 1_000_000))
    results = parallel(tasks)
    try:
        yield from results
    finally:
        results.close()


# -- the prediction methods -------------------------------------------------------------
def _stacked(model, func, X, n_jobs, chunk_size, empty: float) -> np.ndarray:
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    parts = list(map_chunks(model, func, iter_text_chunks(X, "X", chunk_size), n_jobs))
    if not parts:
        return np.full((0, len(model.classes_)), empty)
    return parts[0] if len(parts) == 1 else np.vstack(parts)


def doc_logits(model, X, *, n_jobs=None, chunk_size=None) -> np.ndarray:
    """:meth:`ThemeClassifier.decision_function` in chunks, in parallel."""
    return _stacked(model, chunk_logits, X, n_jobs, chunk_size, -np.inf)


def doc_proba(model, X, *, n_jobs=None, chunk_size=None) -> np.ndarray:
    """:meth:`ThemeClassifier.predict_proba` in chunks, in parallel."""
    return _stacked(model, chunk_proba, X, n_jobs, chunk_size, 0.0)


def classify_many(model, texts, *, threshold=None, n_jobs=None, chunk_size=None) -> list:
    """:meth:`ThemeClassifier.classify_many` in chunks, in parallel."""
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    out: list = []
    for part in map_chunks(model, chunk_classify, iter_text_chunks(texts, "texts", chunk_size),
                           n_jobs, threshold=threshold):
        out.extend(part)
    return out
