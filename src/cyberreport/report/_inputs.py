"""What a report is about: texts and their groups, from a corpus, texts, records or files."""

from __future__ import annotations

import os

from .._display import shown
from .._texts import check_texts
from ..corpus import Paragraph, load_corpus
from ..io import Record, iter_records

__all__ = ["records_of", "texts_and_groups"]


def _is_corpus_file(path: str) -> bool:
    """True for a JSONL file whose first record is in the corpus schema."""
    if not (os.path.isfile(path) and path.lower().endswith((".jsonl", ".ndjson"))):
        return False
    for item in iter_records(path, on_error="yield"):
        return isinstance(item, Record) and isinstance(item.fields.get("sentences"), list)
    return False


def records_of(source, *, text_field: str = "text", id_field: str = "id") -> list:
    """The records of ``source``, read once: corpus :class:`Paragraph` objects (a corpus
    file or :class:`Corpus`, sentence labels kept), :class:`Record` objects (any file or
    folder :func:`iter_records` reads, several of them, or standard input), or records
    made of plain texts (ids ``"1"``, ``"2"`` …).  Ids repeated across inputs are
    prefixed with the file name.

    Examples
    --------
    >>> [p.province for p in records_of(None)[:2]]
    ['北京', '天津']
    """
    from dataclasses import replace

    if source is None:
        source = load_corpus()
    if isinstance(source, (str, os.PathLike)) or (
            isinstance(source, (list, tuple)) and source
            and all(isinstance(x, (str, os.PathLike)) for x in source)
            and all(x == "-" or os.path.exists(x) for x in source)):
        paths = [os.fspath(p) for p in (source if isinstance(source, (list, tuple)) else [source])]
        out: list = []
        for path in paths:
            if _is_corpus_file(path):
                out += list(load_corpus(path))
            else:
                out += list(iter_records(path, text_field=text_field, id_field=id_field))
        ids = [x.id for x in out]
        if len(set(ids)) < len(ids):
            out = [replace(x, id=f"{os.path.basename(getattr(x, 'source', None) or 'corpus')}"
                                 f":{x.id}") for x in out]
        return out
    items = check_texts(source, "source")
    return [x if isinstance(x, (Paragraph, Record)) else Record(str(i + 1), x)
            for i, x in enumerate(items)]


def texts_and_groups(source, *, text_field: str = "text", by: str = "province",
                     records=None):
    """``(texts, groups)``: the texts (str or labelled Paragraph) and one group name each.

    A corpus file or :class:`Corpus` keeps its sentence labels; records are grouped by
    their field ``by`` (``province``, ``year``, or any extra field), else by id.
    ``records`` (from :func:`records_of`) saves reading ``source`` again.

    Examples
    --------
    >>> texts, groups = texts_and_groups(None)
    >>> groups[:2]
    ['北京', '天津']
    """
    if records is None:
        records = records_of(source, text_field=text_field)
    texts, groups = [], []
    for x in records:
        if isinstance(x, Paragraph):
            texts.append(x)
            groups.append(_group_of_paragraph(x, by))
        else:
            texts.append(x.text)
            groups.append(_group_of_record(x, by))
    return texts, groups


def _group_of_paragraph(p: Paragraph, by: str) -> str:
    value = getattr(p, by, None) if by in ("province", "year", "id") else None
    return shown(str(value) if value not in (None, "") else (p.province or p.id))


def _group_of_record(r: Record, by: str) -> str:
    """The record's field ``by`` (or ``group``); else the file it came from (a plain text
    file is one group, not one group per line); else its id."""
    value = r.get(by)
    if value in (None, ""):
        value = r.get("group")
    if value in (None, "") and r.source and r.source != "<stdin>":
        value = os.path.splitext(os.path.basename(r.source))[0]
    return shown(str(value) if value not in (None, "") else r.id)
