"""Progress of long operations: one mechanism for the whole library.

:func:`progress_bar` is a ``tqdm`` bar (``tqdm.auto``: a widget in notebooks, a line with
rate and ETA on a terminal) that appears only when the operation has run for
:data:`DELAY` seconds, so quick calls print nothing.  It is on when standard error is a
terminal or the code runs in a notebook; ``progress=False`` (every long operation takes
it) or the environment variable ``CYBERREPORT_PROGRESS=0`` turn it off, ``progress=True``
forces it on.  When ``tqdm`` cannot be imported a plain one-line counter is used.
"""

from __future__ import annotations

import os
import sys
import time

__all__ = ["progress_enabled", "progress_bar", "progress_steps", "show_last", "counted",
           "DELAY"]

#: Seconds an operation runs before its bar appears.
DELAY = 2.0


def _in_notebook() -> bool:
    shell = sys.modules.get("IPython")
    try:
        ip = shell.get_ipython() if shell is not None else None
    except Exception:  # noqa: BLE001 - any IPython oddity: not a notebook
        return False
    return ip is not None and type(ip).__name__ == "ZMQInteractiveShell"


def progress_enabled(progress: bool | None) -> bool:
    """``progress`` if given; else on when standard error is a terminal or in a
    notebook, unless the environment sets ``CYBERREPORT_PROGRESS=0``.

    Examples
    --------
    >>> progress_enabled(False), progress_enabled(True)
    (False, True)
    """
    if progress is not None:
        return bool(progress)
    env = os.environ.get("CYBERREPORT_PROGRESS")
    if env is not None and env.strip().lower() in ("0", "false", "no", "off"):
        return False
    try:
        tty = sys.stderr.isatty()
    except (AttributeError, ValueError):
        tty = False
    return tty or _in_notebook()


class _Null:
    """The bar of a run without progress: every call does nothing."""

    n = 0

    def update(self, n: int = 1) -> None:
        self.n += n

    def set_postfix_str(self, s: str) -> None:
        pass

    def set_description_str(self, s: str, refresh: bool = True) -> None:
        pass

    def refresh(self) -> None:
        pass

    def close(self) -> None:
        pass

    def __enter__(self):
        return self

    def __exit__(self, *exc) -> None:
        self.close()


class _Line(_Null):
    """A one-line counter on standard error, for when tqdm is missing."""

    def __init__(self, total, desc, unit, delay):
        self.total, self.desc, self.unit, self.delay = total, desc, unit, delay
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.postfix = ""
        self.shown = False

    def update(self, n: int = 1) -> None:
        self.n += n
        now = time.perf_counter()
        if now - self.t0 < self.delay or now - self.last < 0.25:
            return
        self._write(now)

    def refresh(self) -> None:
        now = time.perf_counter()
        if now - self.t0 >= self.delay:
            self._write(now)

    def _write(self, now: float) -> None:
        self.last = now
        rate = self.n / max(now - self.t0, 1e-9)
        of = f"/{self.total:,}" if self.total else ""
        sys.stderr.write(f"\r{self.desc}: {self.n:,}{of} {self.unit}  {rate:,.0f}/s "
                         f"{self.postfix}\033[K")
        sys.stderr.flush()
        self.shown = True

    def set_postfix_str(self, s: str) -> None:
        self.postfix = s

    def set_description_str(self, s: str, refresh: bool = True) -> None:
        self.desc = s
        if refresh:
            self.refresh()

    def close(self) -> None:
        if self.shown:
            sys.stderr.write("\n")
            sys.stderr.flush()
            self.shown = False


def progress_bar(total: int | None = None, *, desc: str, unit: str = "it",
                 progress: bool | None = None, unit_scale: bool = False,
                 delay: float = DELAY):
    """A progress bar for ``total`` steps (``None``: unknown), or a silent stand-in.

    Use it as a context manager and call ``update(n)`` as work is done.  The bar appears
    after ``delay`` seconds, at once when ``progress=True`` was asked for.

    Examples
    --------
    >>> with progress_bar(3, desc="folds", progress=False) as bar:
    ...     for _ in range(3):
    ...         bar.update(1)
    >>> bar.n
    3
    """
    if not progress_enabled(progress):
        return _Null()
    if progress is True:
        delay = 0.0
    try:
        from tqdm.auto import tqdm
    except ImportError:
        return _Line(total, desc, unit, delay)
    return tqdm(total=total, desc=desc, unit=unit, unit_scale=unit_scale, delay=delay,
                leave=False, file=sys.stderr, dynamic_ncols=True)


def show_last(bar) -> None:
    """Draw ``bar``'s final state if the bar is already visible.

    tqdm redraws at most every 0.1 s, so the last update of a fast run may never be
    shown; a bar still inside its delay stays hidden.
    """
    start = getattr(bar, "start_t", None)
    if start is not None and bar._time() < start + getattr(bar, "delay", 0):
        return
    bar.refresh()


class _Steps:
    """Progress of an operation made of named steps (``say`` each one)."""

    def __init__(self, bar, desc: str):
        self.bar, self.desc = bar, desc

    def say(self, msg: str) -> None:
        self.bar.set_description_str(f"{self.desc}: {msg}")
        self.bar.update(1)

    def done(self) -> None:
        self.bar.close()


def progress_steps(progress: bool | None, desc: str) -> _Steps:
    """Progress of an operation made of named steps: ``say(step)``, then ``done()``.

    Examples
    --------
    >>> steps = progress_steps(False, "training")
    >>> steps.say("fitting"); steps.done()
    """
    return _Steps(progress_bar(None, desc=desc, unit="step", progress=progress), desc)


def counted(parts, X, progress, desc: str):
    """``parts`` (one result per chunk) passed through, with a progress bar counting the
    texts done (it appears only for runs longer than a couple of seconds).

    Examples
    --------
    >>> [len(p) for p in counted([["a", "b"], ["c"]], "abc", False, "work")]
    [2, 1]
    """
    try:
        total = len(X) if not isinstance(X, str) else None
    except TypeError:  # an iterator (or a 0-d array, which the chunks reject)
        total = None
    with progress_bar(total, desc=desc, unit="text", progress=progress) as bar:
        for part in parts:
            bar.update(len(part))
            yield part
