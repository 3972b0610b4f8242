"""Running work over chunks of a large input, in this process or in joblib worker
processes that receive a model once per call (shared by classification and topics).

With ``n_jobs`` > 1 the chunks go to joblib worker processes (``loky`` by default, or
the backend of an enclosing ``joblib.parallel_config``).  The model is pickled once per
call into a numpy byte array: joblib writes an array that large to a memory-mapped
temporary file once per call and sends each task only a reference to it, and a worker
unpickles a model once (it keeps the last two models it has seen, by the SHA-256 of
their pickle), however many chunks it computes.  Results come back in input order.

A worker process dies with the process that started the work: every task sent to a
worker (:func:`worker_task`) first starts, once per worker, a watchdog thread that ends
the worker as soon as its parent is gone (a ``kill -9`` of ``cyberreport classify
--n-jobs 2`` leaves no worker, and so no resource tracker, behind).
"""

from __future__ import annotations

import functools
import hashlib
import os
import pickle
import threading
import time
import warnings
from collections import OrderedDict
from collections.abc import Callable, Iterable, Iterator
from itertools import chain, islice

import numpy as np

__all__ = ["DEFAULT_CHUNK_SIZE", "check_n_jobs", "check_chunk_size", "map_chunks",
           "usable_cores", "blas_threads", "worker_task", "die_with_parent"]

#: Texts per chunk (the unit of memory and of work sent to a worker).
DEFAULT_CHUNK_SIZE = 2000


def usable_cores() -> int:
    """The cores this process may run on (its CPU affinity, else the machine's)."""
    try:
        return max(1, len(os.sched_getaffinity(0)))
    except (AttributeError, OSError):
        return max(1, os.cpu_count() or 1)


def blas_threads(n: int = 1):
    """A context in which BLAS (OpenBLAS, MKL) uses at most ``n`` threads.

    Small matrix operations — QR factorisations of a few dozen columns, the solvers of
    one-vs-rest logistic regression — gain nothing from BLAS threads, and on a machine
    whose cores are busy the threads spin-wait for one another: a pivoted QR of a
    30 × 5,000 matrix took 0.2 s with two threads on two loaded cores and 0.012 s with
    one.  Results do not change (tested on the topic and theme models).  Without
    ``threadpoolctl`` (a scikit-learn dependency) the context does nothing.

    Only libraries loaded when the context starts are limited, so SciPy's linear algebra
    (which brings its own OpenBLAS) is loaded first.
    """
    try:
        import scipy.linalg  # noqa: F401  (loads SciPy's BLAS, so that it is limited too)
        from threadpoolctl import threadpool_limits
    except ImportError:  # pragma: no cover - scikit-learn requires both
        from contextlib import nullcontext

        return nullcontext()
    return threadpool_limits(limits=n, user_api="blas")


def tasks_run_in_processes() -> bool:
    """Whether joblib's active backend runs tasks in other processes.  Not under a
    threading backend (``joblib.parallel_config(backend="threading")``): there two
    liblinear fits would run at once in one process, and they share its random state, so
    folds fitted that way would not be reproducible."""
    from joblib.parallel import get_active_backend

    backend, _ = get_active_backend()
    return not getattr(backend, "uses_threads", False)


# -- arguments ------------------------------------------------------------------------
def check_n_jobs(n_jobs) -> int:
    """The number of worker processes ``n_jobs`` asks for (1 = this process)."""
    if n_jobs is None:
        return 1
    if isinstance(n_jobs, bool) or not isinstance(n_jobs, (int, np.integer)) or n_jobs == 0:
        from .exceptions import InvalidParameterError

        raise InvalidParameterError(f"n_jobs must be None, a positive int or a negative int "
                                    f"(-1 = all cores), got {n_jobs!r}")
    if n_jobs == 1:
        return 1
    cores = usable_cores()
    wanted = cores if n_jobs == -1 else (max(1, cores + 1 + int(n_jobs)) if n_jobs < 0
                                         else int(n_jobs))
    if wanted > cores:
        warnings.warn(f"n_jobs={n_jobs} asks for more workers than the {cores} usable "
                      f"core(s); using {cores}", UserWarning, stacklevel=3)
        wanted = cores
    return max(1, wanted)


def check_chunk_size(chunk_size) -> int:
    if chunk_size is None:
        return DEFAULT_CHUNK_SIZE
    if isinstance(chunk_size, bool) or not isinstance(chunk_size, (int, np.integer)) \
            or chunk_size < 1:
        from .exceptions import InvalidParameterError

        raise InvalidParameterError(f"chunk_size must be a positive int, got {chunk_size!r}")
    return int(chunk_size)


# -- workers die with their parent ---------------------------------------------------
_WATCHDOG: list = []  # the watchdog thread of this worker process, once started
_WATCH_SECONDS = 0.2


def die_with_parent(parent_pid: int) -> None:
    """In a worker process started by ``parent_pid``: start (once) a daemon thread that
    ends this process as soon as ``parent_pid`` is no longer its parent (it died, even by
    ``kill -9``, and the worker was handed to another process).  Does nothing in the
    process ``parent_pid`` itself, or in a process it did not start (the worker of
    another backend, such as Dask's)."""
    if _WATCHDOG or os.getpid() == parent_pid or os.getppid() != parent_pid:
        return

    def watch():
        while os.getppid() == parent_pid:
            time.sleep(_WATCH_SECONDS)
        os._exit(1)

    t = threading.Thread(target=watch, name="cyberreport-watchdog", daemon=True)
    _WATCHDOG.append(t)
    t.start()


def _guarded(parent_pid: int, func, *args, **kwargs):
    die_with_parent(parent_pid)
    return func(*args, **kwargs)


def worker_task(func):
    """``func`` for a joblib task: run in a worker process, it first makes that worker die
    with this process (see :func:`die_with_parent`)."""
    return functools.partial(_guarded, os.getpid(), func)


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
    run = worker_task(_run_chunk)
    tasks = (delayed(run)(ship.key, ship.payload, func, chunk, kwargs) for chunk in chunks)
    # max_nbytes below the model's size: the model goes through one memory-mapped file.
    parallel = Parallel(n_jobs=n_jobs, prefer="processes", return_as="generator",
                        pre_dispatch="2*n_jobs", batch_size=1,
                        max_nbytes=min(ship.nbytes - 1, 1_000_000))
    results = parallel(tasks)
    try:
        yield from results
    finally:
        results.close()


