"""What classification returns: the themes of a text with scores and the evidence
sentences that justify them."""

from __future__ import annotations

import html
from dataclasses import dataclass, field

from .._frames import TableMixin
from ..taxonomy import get_theme

__all__ = ["Evidence", "Classification", "display_name"]


@dataclass(frozen=True)
class Evidence:
    """A sentence that supports a theme.

    Attributes
    ----------
    sentence : str
    start, end : int
        Character offsets of the sentence in :attr:`Classification.text`.
    score : float
        The sentence's probability for the theme.
    terms : tuple of str
        The terms of the sentence that weighed most for the theme.
    """

    sentence: str
    start: int
    end: int
    score: float
    terms: tuple[str, ...]

    def to_dict(self) -> dict:
        return {
            "sentence": self.sentence,
            "start": self.start,
            "end": self.end,
            "score": round(float(self.score), 6),
            "terms": list(self.terms),
        }


@dataclass(frozen=True)
class Classification(TableMixin):
    """The themes of one text, with scores and evidence.

    Attributes
    ----------
    text : str
        The normalised text that was classified (evidence offsets refer to it).
    labels : tuple of str
        Predicted theme ids, in taxonomy order.
    scores : dict
        Theme id -> probability, for every class of the model.
    evidence : dict
        Predicted theme id -> tuple of :class:`Evidence`, best first.
    relevance : float or None
        Probability that the text reports 网信 work at all (that of its most relevant
        sentence); ``None`` for a model without a relevance model.  A text with
        ``labels == ()`` and a low relevance is outside 网信 work.
    """

    text: str
    labels: tuple[str, ...]
    scores: dict[str, float]
    evidence: dict[str, tuple[Evidence, ...]] = field(default_factory=dict)
    relevance: float | None = None

    def to_dict(self) -> dict:
        """JSON-ready representation."""
        return {
            "text": self.text,
            "labels": list(self.labels),
            "scores": {k: round(float(v), 6) for k, v in self.scores.items()},
            "evidence": {k: [e.to_dict() for e in v] for k, v in self.evidence.items()},
            "relevance": None if self.relevance is None else round(float(self.relevance), 6),
        }

    def _table(self) -> tuple[list[str], list[dict]]:
        """One row per (predicted theme, evidence sentence)."""
        cols = ["theme", "name", "score", "sentence", "start", "end", "terms"]
        rows = [
            {"theme": lab, "name": display_name(lab).split(" (", 1)[-1].rstrip(")"),
             "score": float(self.scores[lab]), "sentence": e.sentence, "start": e.start,
             "end": e.end, "terms": list(e.terms)}
            for lab in self.labels for e in self.evidence.get(lab, ())
        ]
        return cols, rows

    def _row(self) -> dict:
        """This text as one row of a table of many (``ResultList.to_frame``): text,
        labels, relevance, the best evidence sentence of each theme, every score."""
        row = {
            "text": self.text,
            "labels": list(self.labels),
            "relevance": None if self.relevance is None else float(self.relevance),
            "evidence": " | ".join(f"{lab}: {self.evidence[lab][0].sentence}"
                                   for lab in self.labels if self.evidence.get(lab)),
        }
        row.update({k: float(v) for k, v in self.scores.items()})
        return row

    def __repr__(self) -> str:
        head = self.text if len(self.text) <= 40 else self.text[:39] + "…"
        lines = [f"Classification({head!r})"]
        if not self.labels:
            rel = "" if self.relevance is None else f" (relevance {self.relevance:.2f})"
            lines.append(f"  (no theme){rel}")
        for lab in self.labels:
            ev = self.evidence.get(lab, ())
            terms = ", ".join(ev[0].terms) if ev else ""
            lines.append(f"  {lab:<22} {self.scores[lab]:.2f}  {terms}")
        return "\n".join(lines)

    def _repr_html_(self) -> str:
        rows = []
        for lab in self.labels:
            name = display_name(lab)
            for e in self.evidence.get(lab, ()):
                rows.append(
                    f"<tr><td>{html.escape(name)}</td><td>{self.scores[lab]:.2f}</td>"
                    f"<td>{html.escape(e.sentence)}</td>"
                    f"<td>{html.escape('、'.join(e.terms))}</td></tr>"
                )
        if not rows:
            rows.append("<tr><td colspan='4'>(no theme)</td></tr>")
        return (
            "<table><thead><tr><th>theme</th><th>score</th><th>evidence</th>"
            "<th>terms</th></tr></thead><tbody>" + "".join(rows) + "</tbody></table>"
        )


def display_name(label: str) -> str:
    try:
        t = get_theme(label)
    except KeyError:
        return label
    return f"{t.id} ({t.name_zh})"
