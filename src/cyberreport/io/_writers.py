"""Writing records out: JSON Lines and CSV lines that are safe to open anywhere."""

from __future__ import annotations

import csv
import io
import json

from .._display import _NO_BIDI
from ._record import Reject

__all__ = ["jsonl_line", "reject_line", "csv_line", "safe_cell", "CSV_BOM"]

CSV_BOM = "\ufeff"
"""Written first in CSV files so that Excel on Chinese Windows reads them as UTF-8."""

_FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def jsonl_line(d: dict) -> bytes:
    """One JSON Lines record as UTF-8 bytes with its line break.  A string with a lone
    surrogate (from JSON ``"\\ud800"``) is kept as an escape rather than failing."""
    line = json.dumps(d, ensure_ascii=False) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:
        return (json.dumps(d) + "\n").encode("ascii")


def reject_line(reject: Reject) -> bytes:
    """A rejects-file entry ``{"line", "error", "raw"}``."""
    return jsonl_line(reject.to_dict())


def safe_cell(value) -> str:
    """A value for a CSV cell that a spreadsheet will not run as a formula: text that
    starts with ``= + - @`` (or a tab or carriage return) gets a leading ``'``;
    bidirectional controls are removed (they can make a cell read as something else).

    Examples
    --------
    >>> safe_cell("=HYPERLINK(1)"), safe_cell("网信办"), safe_cell(-0.5)
    ("'=HYPERLINK(1)", '网信办', '-0.5')
    """
    if not isinstance(value, str):
        return str(value)
    value = value.translate(_NO_BIDI)
    if value.startswith(_FORMULA_START):
        return "'" + value
    return value


def csv_line(values, *, delimiter: str = ",") -> str:
    """One CSV line (with its line break); text cells are neutralised with
    :func:`safe_cell`, numbers are written as they are."""
    buf = io.StringIO()
    csv.writer(buf, delimiter=delimiter, lineterminator="\n").writerow(
        [v if isinstance(v, (int, float)) and not isinstance(v, bool) else safe_cell(v)
         for v in values])
    return buf.getvalue()
