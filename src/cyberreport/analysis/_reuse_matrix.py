"""Reuse aggregated by groups of texts: a province × province (or year × year) matrix."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from .._frames import TableMixin, to_frame
from .._validation import Options, check_value
from ._reuse import ReusedPassage, find_reuse  # noqa: F401  (find_reuse: the examples)

__all__ = ["ReuseMatrix", "reuse_matrix"]


@dataclass(frozen=True)
class ReuseMatrix(TableMixin):
    """Reuse between groups of texts (see :func:`reuse_matrix`).

    Attributes
    ----------
    labels : tuple of str
        Group names (rows and columns), sorted.
    values : tuple of tuple of float
        ``values[i][j]``: reuse between group ``labels[i]`` and group ``labels[j]``
        (symmetric; the diagonal is reuse within a group).
    value : str
        What is counted: ``"passages"``, ``"pairs"`` (text pairs) or ``"chars"``.
    by : str
        The record attribute that defines the groups.

    Examples
    --------
    >>> m = ReuseMatrix(("广东", "浙江"), ((0, 2), (2, 1)), "passages", "province")
    >>> m.get("浙江", "广东")
    2
    """

    labels: tuple
    values: tuple
    value: str
    by: str

    def get(self, a: str, b: str) -> float:
        """The value for groups ``a`` and ``b``."""
        return self.values[self.labels.index(a)][self.labels.index(b)]

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"labels": list(self.labels), "values": [list(r) for r in self.values],
                "value": self.value, "by": self.by}

    def _table(self) -> tuple[list[str], list[dict]]:
        """One row per group: its name, then its value with every group."""
        rows = [{self.by: g, **dict(zip(self.labels, r))}
                for g, r in zip(self.labels, self.values)]
        return [self.by, *self.labels], rows

    def to_frame(self):
        """The matrix as a pandas DataFrame indexed by group (needs the ``pandas``
        extra).

        Examples
        --------
        >>> df = ReuseMatrix(("a", "b"), ((0, 1), (1, 0)), "pairs", "province").to_frame()
        >>> int(df.loc["a", "b"]), df.index.name
        (1, 'province')
        """
        cols, rows = self._table()
        return to_frame(cols, rows, "ReuseMatrix.to_frame()", self.by)


def reuse_matrix(passages: Iterable[ReusedPassage], records: Iterable, by: str = "province",
                 *, value: str = "passages") -> ReuseMatrix:
    """Aggregate reused passages by a record attribute (province, year …).

    Parameters
    ----------
    passages : iterable of ReusedPassage
        From :func:`find_reuse`.
    records : iterable of Record
        The records given to :func:`find_reuse` (their ids identify the passages'
        texts); any object with ``id`` and ``get(name)`` works.
    by : str, default "province"
        The attribute (``Record.get(by)``); texts without it form the group ``"?"``.
    value : {"passages", "pairs", "chars"}, default "passages"
        Count passages, distinct text pairs, or sum the passages' lengths.

    Returns
    -------
    ReuseMatrix
        Symmetric; reuse within a group is on the diagonal.

    Raises
    ------
    KeyError
        If a passage names an id that is not among ``records``.
    ValueError
        If two records of different groups share an id.

    Examples
    --------
    >>> from cyberreport.io import Record
    >>> recs = [Record("a", "各地要切实增强全社会网络安全意识和防护能力。", province="广东"),
    ...         Record("b", "要求各地要切实增强全社会网络安全意识和防护能力。", province="浙江")]
    >>> reuse_matrix(find_reuse(recs), recs).get("广东", "浙江")
    1
    """
    check_value("by", by, ["nonempty_str"])
    check_value("value", value, [Options(("passages", "pairs", "chars"))])
    group = {}
    for r in records:
        g = r.get(by) if hasattr(r, "get") else getattr(r, by, None)
        g = "?" if g is None else str(g)
        if group.setdefault(str(r.id), g) != g:
            raise ValueError(f"records has the id {r.id!r} twice, in the groups "
                             f"{group[str(r.id)]!r} and {g!r}; the passages name texts by "
                             "id, so ids must be unique")
    labels = tuple(sorted(set(group.values())))
    where = {g: i for i, g in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    seen_pairs = set()
    for p in passages:
        try:
            ga, gb = where[group[p.id_a]], where[group[p.id_b]]
        except KeyError as exc:
            raise KeyError(f"passage names id {exc.args[0]!r}, which is not among records") \
                from None
        if value == "pairs":
            key = (p.id_a, p.id_b)
            if key in seen_pairs:
                continue
            seen_pairs.add(key)
            inc = 1
        elif value == "chars":
            inc = p.length
        else:
            inc = 1
        m[ga][gb] += inc
        if ga != gb:
            m[gb][ga] += inc
    return ReuseMatrix(labels, tuple(tuple(r) for r in m), value, by)
