"""Results as tables: one way for every result type to become a pandas DataFrame
(``to_frame()``), an HTML table in a notebook (``_repr_html_``) and JSON (``to_dict()``).

A result type implements ``_table() -> (columns, rows)``; :class:`TableMixin` gives it
``to_frame`` and ``_repr_html_`` from that.  :class:`ResultList` is the list that
functions returning several results give back (``classify_many``,
``find_label_issues``, ``suggest_next`` …): still a ``list``, plus the same three views,
one row per item (``item._row()``).
"""

from __future__ import annotations

import html

__all__ = ["TableMixin", "ResultList", "html_table", "to_frame"]

#: Rows shown by an HTML table in a notebook (the frame holds them all).
HTML_MAX_ROWS = 50


def _cell(v) -> str:
    if isinstance(v, float):
        return f"{v:.3f}"
    if isinstance(v, (list, tuple)):
        return "、".join(map(str, v))
    return "" if v is None else str(v)


def html_table(columns, rows, *, caption: str | None = None,
               max_rows: int = HTML_MAX_ROWS) -> str:
    """An escaped HTML table of ``rows`` (dicts) under ``columns``; at most ``max_rows``
    rows, with a note saying how many were left out."""
    head = "".join(f"<th>{html.escape(str(c))}</th>" for c in columns)
    body = []
    for r in rows[:max_rows]:
        body.append("<tr>" + "".join(
            f"<td>{html.escape(_cell(r.get(c)))}</td>" for c in columns) + "</tr>")
    more = len(rows) - max_rows
    if more > 0:
        body.append(f"<tr><td colspan='{len(columns)}'>… {more:,} more rows "
                    "(<code>.to_frame()</code> holds them all)</td></tr>")
    cap = f"<caption>{html.escape(caption)}</caption>" if caption else ""
    return (f"<table>{cap}<thead><tr>{head}</tr></thead><tbody>{''.join(body)}"
            "</tbody></table>")


def to_frame(columns, rows, feature: str, index: str | None = None):
    """``rows`` (dicts) as a pandas DataFrame with ``columns`` (needs pandas: the message
    names ``feature`` and the extra that installs it)."""
    from ._optional import import_pandas

    pd = import_pandas(feature)
    df = pd.DataFrame(list(rows), columns=list(columns))
    return df.set_index(index) if index is not None else df


class TableMixin:
    """``to_frame()`` and ``_repr_html_()`` from the class's ``_table()``."""

    _frame_index: str | None = None

    def _table(self) -> tuple[list[str], list[dict]]:  # pragma: no cover - abstract
        raise NotImplementedError

    def to_frame(self):
        """This result as a pandas DataFrame (needs the ``pandas`` extra)."""
        cols, rows = self._table()
        return to_frame(cols, rows, f"{type(self).__name__}.to_frame()", self._frame_index)

    def _repr_html_(self) -> str:
        cols, rows = self._table()
        return html_table(cols, rows, caption=type(self).__name__)


class ResultList(list):
    """A list of results (e.g. :class:`~cyberreport.Classification`) that is also a
    table: ``to_frame()`` (one row per item), ``to_dict()`` (a list of each item's
    ``to_dict()``) and an HTML view in notebooks.

    Examples
    --------
    >>> rs = model.classify_many(["开展网络安全检查。", "今天天气晴朗。"])
    >>> isinstance(rs, list), len(rs)
    (True, 2)
    >>> rs.to_dict()[0]["labels"]
    ['security']
    """

    def _rows(self) -> tuple[list[str], list[dict]]:
        rows = [x._row() for x in self]
        cols: list[str] = []
        for r in rows:
            cols += [c for c in r if c not in cols]
        return cols, rows

    def to_frame(self):
        """One row per item as a pandas DataFrame (needs the ``pandas`` extra)."""
        cols, rows = self._rows()
        name = type(self[0]).__name__ if self else "ResultList"
        return to_frame(cols, rows, f"list of {name}: to_frame()")

    def to_dict(self) -> list[dict]:
        """Each item's ``to_dict()``, JSON-ready."""
        return [x.to_dict() for x in self]

    def _repr_html_(self) -> str:
        cols, rows = self._rows()
        name = type(self[0]).__name__ if self else "results"
        return html_table(cols, rows, caption=f"{len(self):,} × {name}")

    def __getitem__(self, key):
        out = super().__getitem__(key)
        return type(self)(out) if isinstance(key, slice) else out
