"""The fitted topic model as a table: one row per topic (``to_frame``, ``to_dict``, the
notebook view) and the deprecated ``get_topic_info``."""

from __future__ import annotations

__all__ = ["TopicTablesMixin"]


class TopicTablesMixin:
    """Table views of :class:`~cyberreport.TopicModel` (needs ``topics_`` and ``top_n``)."""

    def _table(self) -> tuple[list[str], list[dict]]:
        self._check_fitted()
        total = max(1, sum(x.size for x in self.topics_))
        rows = [
            {
                "topic": t.id,
                "label": t.label,
                "size": t.size,
                "share": t.size / total,
                "terms": " ".join(t.top_terms(self.top_n)),
                "representative": t.representative[0] if t.representative else "",
            }
            for t in self.topics_
        ]
        return ["topic", "label", "size", "share", "terms", "representative"], rows

    def to_frame(self):
        """One row per topic as a pandas DataFrame (needs the ``pandas`` extra): id,
        label, size, share, top terms, representative unit.

        Examples
        --------
        >>> tm.to_frame().columns.tolist()
        ['topic', 'label', 'size', 'share', 'terms', 'representative']
        """
        from .._frames import to_frame

        cols, rows = self._table()
        return to_frame(cols, rows, "TopicModel.to_frame()")

    def to_dict(self) -> list[dict]:
        """One dict per topic (the rows of :meth:`to_frame`), JSON-ready.

        Examples
        --------
        >>> tm.to_dict()[0]["topic"]
        0
        """
        return self._table()[1]

    def _repr_html_(self) -> str:
        from .._frames import html_table

        if not hasattr(self, "topics_"):
            return html_table(["TopicModel"], [{"TopicModel": "not fitted"}])
        cols, rows = self._table()
        return html_table(cols, rows, caption=f"TopicModel: {len(rows)} topics")

    def get_topic_info(self, as_frame: bool | None = None):
        """Deprecated since 0.2 (removed in 0.4): :meth:`to_frame` for a DataFrame,
        :meth:`to_dict` for the rows."""
        from .._deprecation import warn_deprecated

        warn_deprecated("TopicModel.get_topic_info() is deprecated since cyberreport 0.2 and "
                        "will be removed in 0.4; use .to_frame() (a DataFrame) or .to_dict() "
                        "(a list of dicts) instead")
        if as_frame is False:
            return self.to_dict()
        from .._optional import import_pandas

        if import_pandas("get_topic_info(as_frame=True)", required=bool(as_frame)) is None:
            return self.to_dict()
        return self.to_frame()

