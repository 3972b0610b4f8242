"""What every subcommand shares: argument types with the library's messages, the input
options, deprecated flag spellings, and the one error path."""

from __future__ import annotations

import argparse
import sys
import warnings

__all__ = ["threshold", "positive_int", "seed", "n_jobs", "n_topics", "add_input_options",
           "deprecated_flag", "warn_line"]


def _int(value: str) -> int:
    try:
        return int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not an integer: {value!r}") from None


def threshold(value: str) -> float:
    """A decision threshold in (0, 1)."""
    try:
        v = float(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"not a number: {value!r}") from None
    if not 0 < v < 1:
        raise argparse.ArgumentTypeError(f"must be between 0 and 1, got {v}")
    return v


def positive_int(value: str) -> int:
    """An int >= 1."""
    v = _int(value)
    if v < 1:
        raise argparse.ArgumentTypeError(f"must be a positive integer, got {v}")
    return v


def seed(value: str) -> int:
    """A random seed: an int in [0, 2**32 - 1]."""
    v = _int(value)
    if not 0 <= v <= 2**32 - 1:
        raise argparse.ArgumentTypeError(f"must be an integer in [0, 4294967295], got {v}")
    return v


def n_jobs(value: str) -> int:
    """-1 (all usable cores) or a positive int."""
    v = _int(value)
    if v == 0 or v < -1:
        raise argparse.ArgumentTypeError(f"must be -1 (all cores) or a positive integer, got {v}")
    return v


def n_topics(value: str):
    """'auto' or a positive int."""
    if value == "auto":
        return "auto"
    try:
        k = int(value)
    except ValueError:
        raise argparse.ArgumentTypeError(f"must be 'auto' or a positive integer, got {value!r}") from None
    if k < 1:
        raise argparse.ArgumentTypeError(f"must be 'auto' or a positive integer, got {k}")
    return k


class _Deprecated(argparse.Action):
    """An old flag spelling: stores into the new flag's destination with a warning line."""

    def __init__(self, option_strings, dest, new: str = "", **kwargs):
        self.new = new
        super().__init__(option_strings, dest, **kwargs)

    def __call__(self, parser, namespace, values, option_string=None):
        warn_line(f"{option_string} is deprecated and will be removed in cyberreport 0.4; "
                  f"use {self.new}")
        if self.nargs == 0:
            values = self.const if self.const is not None else True
        setattr(namespace, self.dest, values)


def deprecated_flag(parser, old: str, new: str, dest: str, **kwargs) -> None:
    """Accept ``old`` as a hidden, deprecated spelling of ``new``."""
    parser.add_argument(old, dest=dest, action=_Deprecated, new=new, help=argparse.SUPPRESS,
                        **kwargs)


def add_input_options(p) -> None:
    """``--text-field`` (``--field`` is its 0.1 spelling) and ``--id-field``."""
    p.add_argument("--text-field", default="text", metavar="NAME",
                   help="field (JSONL) or column (CSV, Excel) holding the text (default: text)")
    p.add_argument("--id-field", default="id", metavar="NAME",
                   help="field or column holding the record id (default: id)")
    deprecated_flag(p, "--field", "--text-field", "text_field")


def warn_line(message: str) -> None:
    """One ``warning:`` line on standard error."""
    print(f"cyberreport: warning: {message}", file=sys.stderr)


def show_warning(message, category, filename, lineno, file=None, line=None) -> None:
    """``warnings.showwarning`` for the command line: one line, no source code."""
    warn_line(str(message))


def quiet_warnings():
    """Context where Python warnings print as one ``warning:`` line each."""
    ctx = warnings.catch_warnings()
    ctx.__enter__()
    warnings.showwarning = show_warning
    return ctx
