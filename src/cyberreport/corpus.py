"""The annotated corpus: typed records and the loader.

The bundled corpus is ``data/provincial_reports_2016.jsonl`` in the repository, shipped in
the wheel as ``cyberreport._data``.  See ``data/README.md`` (the datasheet) for how it was
made and labelled.
"""

from __future__ import annotations

import json
import os
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from .exceptions import CorpusFormatError
from .taxonomy import THEME_IDS

__all__ = ["Sentence", "Paragraph", "Corpus", "load_corpus", "CorpusFormatError"]

BUNDLED_CORPUS = "provincial_reports_2016.jsonl"


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

    def to_pandas(self):
        """One row per paragraph as a pandas DataFrame (needs pandas installed).

        Examples
        --------
        >>> df = load_corpus().to_pandas()   # doctest: +SKIP
        >>> df.shape
        (29, 7)
        """
        from ._optional import import_pandas

        pd = import_pandas("Corpus.to_pandas()")
        rows = []
        for p in self:
            d = p.to_dict()
            d["labels"] = list(p.labels)
            d["n_sentences"] = len(p.sentences)
            del d["sentences"]
            rows.append(d)
        return pd.DataFrame(rows)

    def __repr__(self) -> str:
        return f"<Corpus of {len(self)} paragraphs>"


def _fail(source: str, lineno: int, msg: str):
    raise CorpusFormatError(f"{source}, line {lineno}: {msg}")


def _parse_record(obj: object, source: str, lineno: int, valid: set[str]) -> Paragraph:
    if not isinstance(obj, dict):
        _fail(source, lineno, f"expected a JSON object, got {type(obj).__name__}")
    text = obj.get("text")
    if not isinstance(text, str) or not text.strip():
        _fail(source, lineno, "field 'text' must be a non-empty string")
    raw_sents = obj.get("sentences")
    if not isinstance(raw_sents, list) or not raw_sents:
        _fail(source, lineno, "field 'sentences' must be a non-empty list")
    sentences = []
    pos = 0
    for k, s in enumerate(raw_sents):
        if not isinstance(s, dict) or not isinstance(s.get("text"), str):
            _fail(source, lineno, f"sentences[{k}] must be an object with a string 'text'")
        labs = s.get("labels")
        if not isinstance(labs, list) or not all(isinstance(x, str) for x in labs):
            _fail(source, lineno, f"sentences[{k}].labels must be a list of strings")
        unknown = sorted(set(labs) - valid)
        if unknown:
            _fail(source, lineno, f"sentences[{k}] has unknown theme ids {unknown}")
        sentences.append(Sentence(s["text"], _ordered(labs), pos))
        pos += len(s["text"])
    if "".join(s.text for s in sentences) != text:
        _fail(source, lineno, "the sentence texts joined do not give the paragraph text")
    union = {t for s in sentences for t in s.labels}
    labels = obj.get("labels")
    if labels is not None and not (
        isinstance(labels, list) and all(isinstance(x, str) for x in labels)
    ):
        _fail(source, lineno, "field 'labels' must be a list of strings")
    if labels is not None and set(labels) != union:
        _fail(
            source, lineno,
            f"paragraph labels {sorted(labels)} are not the union of its sentences' "
            f"labels {sorted(union)}",
        )
    year = obj.get("year")
    if year is not None:
        try:
            year = int(year)
        except (TypeError, ValueError):
            _fail(source, lineno, f"field 'year' must be an integer, got {year!r}")
    return Paragraph(
        id=str(obj.get("id", f"{Path(source).stem}-{lineno}")),
        province=obj.get("province"),
        province_evidence=obj.get("province_evidence"),
        year=year,
        text=text,
        sentences=tuple(sentences),
        labels=_ordered(union),
    )


def _ordered(labels) -> tuple[str, ...]:
    """Labels in taxonomy order; labels outside the taxonomy follow, sorted."""
    labels = set(labels)
    return tuple(t for t in THEME_IDS if t in labels) + tuple(sorted(labels - set(THEME_IDS)))


_BUNDLED = {
    "corpus": BUNDLED_CORPUS,
    "eval": "eval/provincial_2017_2021.jsonl",
    "dev": "dev/dev_2017_2022.jsonl",
}


def load_corpus(path: str | os.PathLike | None = None, *, bundled: str = "corpus") -> Corpus:
    """Load an annotated corpus (by default the bundled 2016 provincial reports).

    Parameters
    ----------
    path : str or Path, optional
        A JSONL file in the corpus schema (``text``, ``sentences`` with ``text`` and
        ``labels``, optional ``id``, ``province``, ``province_evidence``, ``year``,
        ``labels``).  ``None`` loads a bundled set.
    bundled : {"corpus", "eval", "dev"}, default="corpus"
        Which bundled set to load when ``path`` is ``None``: the 2016 training corpus,
        the held-out evaluation texts (2017–2021), or the development set (see
        ``data/README.md``).

    Returns
    -------
    Corpus
        A tuple of :class:`Paragraph` records.

    Raises
    ------
    CorpusFormatError
        If a line is not valid JSON or breaks the schema; the message names the file
        and the line.

    Examples
    --------
    >>> corpus = load_corpus()
    >>> len(corpus), corpus[0].province
    (29, '北京')
    """
    if path is None:
        if bundled not in _BUNDLED:
            raise ValueError(
                f"bundled must be one of {', '.join(map(repr, _BUNDLED))}, got {bundled!r}"
            )
        rel = _BUNDLED[bundled]
        source = f"cyberreport/_data/{rel}"
        ref = resources.files("cyberreport._data")
        for part in rel.split("/"):
            ref = ref.joinpath(part)
        content = ref.read_text("utf-8")
    else:
        source = os.fspath(path)
        try:
            content = Path(source).read_text("utf-8")
        except OSError as exc:
            raise OSError(f"cannot read corpus file {source!r}: {exc}") from exc
        except UnicodeDecodeError as exc:
            raise CorpusFormatError(f"{source}: not UTF-8 text ({exc})") from exc
    valid = set(THEME_IDS)
    records = []
    for lineno, line in enumerate(content.splitlines(), 1):
        if not line.strip():
            continue
        try:
            obj = json.loads(line)
        except json.JSONDecodeError as exc:
            _fail(source, lineno, f"invalid JSON ({exc.msg} at column {exc.colno})")
        records.append(_parse_record(obj, source, lineno, valid))
    return Corpus(records)
