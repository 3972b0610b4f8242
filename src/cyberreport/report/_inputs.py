"""What a report is about: texts and their groups, from a corpus, texts, records or files."""

from __future__ import annotations

import os

from .._display import shown
from .._texts import check_texts
from ..corpus import Paragraph, load_corpus
from ..io import Record, iter_records

__all__ = ["texts_and_groups"]


def _is_corpus_file(path: str) -> bool:
    """True for a JSONL file whose first record is in the corpus schema."""
    if not (os.path.isfile(path) and path.lower().endswith((".jsonl", ".ndjson"))):
        return False
    for item in iter_records(path, on_error="yield"):
        return isinstance(item, Record) and isinstance(item.fields.get("sentences"), list)
    return False


def texts_and_groups(source, *, text_field: str = "text", by: str = "province"):
    """``(texts, groups)``: the texts (str or labelled Paragraph) and one group name each.

    A corpus file or :class:`Corpus` keeps its sentence labels; records are grouped by
    their field ``by`` (``province``, ``year``, or any extra field), else by id.

    Examples
    --------
    >>> texts, groups = texts_and_groups(None)
    >>> groups[:2]
    ['北京', '天津']
    """
    if source is None:
        source = load_corpus()
    if isinstance(source, (str, os.PathLike)) or (
            isinstance(source, (list, tuple)) and source
            and all(isinstance(x, (str, os.PathLike)) for x in source)
            and all(x == "-" or os.path.exists(x) for x in source)):
        paths = [os.fspath(p) for p in (source if isinstance(source, (list, tuple)) else [source])]
        texts, groups = [], []
        for path in paths:
            if _is_corpus_file(path):
                corpus = load_corpus(path)
                texts += list(corpus)
                groups += [_group_of_paragraph(p, by) for p in corpus]
            else:
                for r in iter_records(path, text_field=text_field):
                    texts.append(r.text)
                    groups.append(_group_of_record(r, by))
        return texts, groups
    items = check_texts(source, "source")
    texts, groups = [], []
    for i, x in enumerate(items):
        if isinstance(x, Paragraph):
            texts.append(x)
            groups.append(_group_of_paragraph(x, by))
        elif isinstance(x, Record):
            texts.append(x.text)
            groups.append(_group_of_record(x, by))
        else:
            texts.append(x)
            groups.append(str(i + 1))
    return texts, groups


def _group_of_paragraph(p: Paragraph, by: str) -> str:
    value = getattr(p, by, None) if by in ("province", "year", "id") else None
    return shown(str(value) if value not in (None, "") else (p.province or p.id))


def _group_of_record(r: Record, by: str) -> str:
    value = r.get(by)
    if value in (None, ""):
        value = r.get("group")
    return shown(str(value) if value not in (None, "") else r.id)
