"""The annotated corpus's types: labelled sentences and paragraphs, and the corpus."""

from __future__ import annotations

from dataclasses import dataclass

from .._deprecation import deprecated_method

__all__ = ["Sentence", "Paragraph", "Corpus"]


@dataclass(frozen=True)
class Sentence:
    """A labelled sentence of a paragraph.

    Attributes
    ----------
    text : str
        The sentence, exactly as it stands in the paragraph.
    labels : tuple of str
        Theme ids, in taxonomy order.
    start : int
        Character offset of the sentence in its paragraph's ``text``.
    """

    text: str
    labels: tuple[str, ...]
    start: int = 0

    @property
    def end(self) -> int:
        """Offset one past the sentence's last character."""
        return self.start + len(self.text)


@dataclass(frozen=True)
class Paragraph:
    """One annotated paragraph (document) of the corpus.

    Attributes
    ----------
    id : str
    province : str or None
        Province name (``"北京"``); ``None`` when unknown.
    province_evidence : str or None
        ``"explicit"`` (named in the text) or ``"inferred"`` (from the standard
        provincial order of the source document).
    year : int or None
    text : str
    sentences : tuple of Sentence
    labels : tuple of str
        The union of the sentences' labels, in taxonomy order.
    """

    id: str
    province: str | None
    province_evidence: str | None
    year: int | None
    text: str
    sentences: tuple[Sentence, ...]
    labels: tuple[str, ...]

    def to_dict(self) -> dict:
        """The record as JSON-ready data (the JSONL schema)."""
        return {
            "id": self.id,
            "province": self.province,
            "province_evidence": self.province_evidence,
            "year": self.year,
            "text": self.text,
            "sentences": [{"text": s.text, "labels": list(s.labels)} for s in self.sentences],
            "labels": list(self.labels),
        }


class Corpus(tuple):
    """An immutable sequence of :class:`Paragraph` records with a few conveniences."""

    @property
    def texts(self) -> list[str]:
        """The paragraph texts."""
        return [p.text for p in self]

    @property
    def labels(self) -> list[tuple[str, ...]]:
        """The paragraph label tuples."""
        return [p.labels for p in self]

    @property
    def groups(self) -> list[str]:
        """The province of each paragraph (its id when the province is unknown), for
        grouped cross-validation."""
        return [p.province or p.id for p in self]

    def sentences(self) -> list[tuple[str, Sentence]]:
        """All sentences as ``(paragraph id, Sentence)`` pairs."""
        return [(p.id, s) for p in self for s in p.sentences]

    def to_frame(self):
        """One row per paragraph as a pandas DataFrame (needs the ``pandas`` extra).

        Examples
        --------
        >>> from cyberreport import load_corpus
        >>> df = load_corpus().to_frame()
        >>> df.shape
        (29, 7)
        """
        from .._optional import import_pandas

        pd = import_pandas("Corpus.to_frame()")
        rows = []
        for p in self:
            d = p.to_dict()
            d["labels"] = list(p.labels)
            d["n_sentences"] = len(p.sentences)
            del d["sentences"]
            rows.append(d)
        return pd.DataFrame(rows)

    to_pandas = deprecated_method("to_frame")

    def _repr_html_(self) -> str:
        from .._frames import html_table

        rows = [{"id": p.id, "province": p.province, "year": p.year,
                 "labels": list(p.labels), "text": p.text} for p in self]
        return html_table(["id", "province", "year", "labels", "text"], rows,
                          caption=repr(self))

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} paragraphs>"
