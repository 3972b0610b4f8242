"""A topic: its id, terms, size and representative units."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["Topic"]


@dataclass(frozen=True)
class Topic:
    """One topic of a fitted :class:`TopicModel`.

    Attributes
    ----------
    id : int
        Topic id, ``0 .. n_topics_ - 1``; topics are numbered by size, largest first.
    terms : tuple of (str, float)
        The top terms with their c-TF-IDF weights, best first.
    size : int
        Number of units (sentences or paragraphs, duplicates included) in the topic.
    representative : tuple of str
        The units closest to the topic's centroid, best first.
    label : str
        A short name: the top three terms joined by ``、``.
    """

    id: int
    terms: tuple[tuple[str, float], ...]
    size: int
    representative: tuple[str, ...]
    label: str

    def top_terms(self, n: int = 10) -> list[str]:
        """The first ``n`` terms, without weights."""
        return [t for t, _ in self.terms[:n]]

    def to_dict(self) -> dict:
        """JSON-ready representation."""
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "terms": [[t, round(float(w), 6)] for t, w in self.terms],
            "representative": list(self.representative),
        }
