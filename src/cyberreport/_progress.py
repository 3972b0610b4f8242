"""Progress reporting for long operations: one mechanism, quiet when not wanted."""

from __future__ import annotations

import os
import sys
import time

__all__ = ["progress_steps", "progress_enabled", "ProgressLine"]


def progress_enabled(progress: bool | None) -> bool:
    """``progress`` if given; else on when standard error is a terminal, unless the
    environment sets ``CYBERREPORT_PROGRESS=0``."""
    env = os.environ.get("CYBERREPORT_PROGRESS")
    if env is not None and env.strip().lower() in ("0", "false", "no", "off"):
        return False if progress is None else bool(progress)
    if progress is None:
        try:
            return sys.stderr.isatty()
        except (AttributeError, ValueError):
            return False
    return bool(progress)


class _Steps:
    def __init__(self, enabled: bool, desc: str):
        self.enabled = enabled
        self.desc = desc
        self.shown = False

    def say(self, msg: str) -> None:
        if self.enabled:
            sys.stderr.write(f"\r\033[K{self.desc}: {msg}")
            sys.stderr.flush()
            self.shown = True

    def done(self) -> None:
        if self.enabled and self.shown:
            sys.stderr.write("\r\033[K")
            sys.stderr.flush()


def progress_steps(progress: bool | None, desc: str) -> _Steps:
    """A progress line for an operation made of named steps."""
    return _Steps(progress_enabled(progress), desc)


class ProgressLine:
    """A one-line counter on standard error: records done, rate, and the share of the
    input read when its size is known."""

    def __init__(self, enabled: bool, total_bytes: int | None):
        self.enabled = enabled
        self.total = total_bytes
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def update(self, n_done: int, pos: int | None, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.25:
            return
        self.last = now
        rate = n_done / max(now - self.t0, 1e-9)
        pct = f"{100 * pos / self.total:5.1f}%  " if self.total and pos is not None else ""
        sys.stderr.write(f"\rcyberreport: {pct}{n_done:,} records  {rate:,.0f}/s ")
        sys.stderr.flush()
        self.shown = True
        if final:
            sys.stderr.write("\n")
            sys.stderr.flush()
