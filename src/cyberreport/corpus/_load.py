"""Loading an annotated corpus (the bundled sets or a JSONL file in the corpus schema).

The bundled corpus is ``data/provincial_reports_2016.jsonl`` in the repository, shipped in
the wheel as ``cyberreport._data``.  See ``data/README.md`` (the datasheet) for how it was
made and labelled.
"""

from __future__ import annotations

import io
import os
from collections.abc import Mapping
from importlib import resources
from pathlib import Path

from ..exceptions import CorpusFormatError, InputError
from ..io import Record, Reject
from ..io._lines import iter_lines
from ..io._parse import parse_line
from ..taxonomy import THEME_IDS
from ._types import Corpus, Paragraph, Sentence

__all__ = ["load_corpus", "paragraph_from_record", "ordered_labels", "BUNDLED"]

BUNDLED = {
    "corpus": "provincial_reports_2016.jsonl",
    "eval": "eval/provincial_2017_2021.jsonl",
    "dev": "dev/dev_2017_2022.jsonl",
    "realdev": "realdev/realdev.jsonl",
    "mixed": "realdev/mixed_report.jsonl",
    "contrastive_train": "contrastive/train.jsonl",
    "contrastive_test": "contrastive/test.jsonl",
    "offdomain": "offdomain/offdomain.jsonl",
    "train": "train/train.jsonl",
    "train_sentences": "train/sentences.jsonl",
    "sample": "sample/multiyear.jsonl",
}


def _fail(source: str, lineno: int, msg: str):
    raise CorpusFormatError(f"{source}, line {lineno}: {msg}")


def paragraph_from_record(record: Record, valid: set[str]) -> Paragraph:
    """The :class:`Paragraph` of a record in the corpus schema (``sentences`` with
    ``text`` and ``labels``), or a :class:`CorpusFormatError` naming file and line."""
    source, lineno = record.source or "<data>", record.line or 0
    obj: Mapping = record.fields
    text = record.text
    if not text.strip():
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
        sentences.append(Sentence(s["text"], ordered_labels(labs), pos))
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
    if "year" in obj:  # a year that is not an integer
        _fail(source, lineno, f"field 'year' must be an integer, got {obj['year']!r}")
    return Paragraph(
        id=record.id,
        province=record.province,
        province_evidence=obj.get("province_evidence"),
        year=record.year,
        text=text,
        sentences=tuple(sentences),
        labels=ordered_labels(union),
    )


def ordered_labels(labels) -> tuple[str, ...]:
    """Labels in taxonomy order; labels outside the taxonomy follow, sorted."""
    labels = set(labels)
    return tuple(t for t in THEME_IDS if t in labels) + tuple(sorted(labels - set(THEME_IDS)))


def load_corpus(path: str | os.PathLike | None = None, *, bundled: str = "corpus") -> Corpus:
    """Load an annotated corpus (by default the bundled 2016 provincial reports).

    Parameters
    ----------
    path : str or Path, optional
        A JSONL file in the corpus schema (``text``, ``sentences`` with ``text`` and
        ``labels``, optional ``id``, ``province``, ``province_evidence``, ``year``,
        ``labels``).  ``None`` loads a bundled set.
    bundled : str, default="corpus"
        Which bundled set to load when ``path`` is ``None`` (see ``data/README.md``):
        ``"corpus"`` (the 2016 training corpus), ``"eval"`` (held-out 2017–2021 texts),
        ``"dev"`` (development set), ``"realdev"`` (real-style development set of
        several genres), ``"mixed"`` (a 20-paragraph government work report with 网信
        work in 4 paragraphs), ``"contrastive_train"`` / ``"contrastive_test"`` (the
        boundary sentences, one half for training, one for the report only),
        ``"offdomain"`` (government-style paragraphs outside 网信 work), ``"train"``
        (real-style labelled paragraphs written for training), ``"train_sentences"``
        (single sentences written for training: cue words inside and outside 网信 work),
        ``"sample"`` (the constructed multi-year corpus of ``data/sample/``: 6 provinces
        × 2018–2022 with planted shifts and reused passages, for demonstrations only).

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
        if bundled not in BUNDLED:
            raise ValueError(
                f"bundled must be one of {', '.join(map(repr, BUNDLED))}, got {bundled!r}"
            )
        rel = BUNDLED[bundled]
        source = f"cyberreport/_data/{rel}"
        ref = resources.files("cyberreport._data")
        for part in rel.split("/"):
            ref = ref.joinpath(part)
        stream = io.BytesIO(ref.read_bytes())
    else:
        source = os.fspath(path)
        try:
            stream = open(source, "rb")
        except OSError as exc:
            raise OSError(f"cannot read corpus file {source!r}: {exc}") from exc
    valid = set(THEME_IDS)
    stem = Path(source).stem
    records = []
    with stream:
        try:
            for lineno, raw in iter_lines(stream, source):
                item = parse_line(lineno, raw, "jsonl", source=source,
                                  default_id=f"{stem}-{lineno}")
                if item is None:
                    continue
                if isinstance(item, Reject):
                    if item.reason.startswith("not UTF-8"):
                        raise CorpusFormatError(f"{source}: not UTF-8 text ({item.reason})")
                    _fail(source, lineno, item.reason)
                records.append(paragraph_from_record(item, valid))
        except InputError as exc:
            raise CorpusFormatError(str(exc)) from None
    return Corpus(records)
