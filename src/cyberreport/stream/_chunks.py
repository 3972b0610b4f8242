"""Classifying records chunk by chunk: the output record of each text (one schema for the
file and the terminal), in this process or in worker processes."""

from __future__ import annotations

from collections.abc import Iterable, Iterator

from .._parallel import map_chunks
from ..io import Record, Reject

__all__ = ["result_record", "classify_chunk", "classify_records"]


def result_record(rid: str, text: str, labels, scores: dict, *, evidence=None,
                  keep_text: bool = True, relevance: float | None = None) -> dict:
    """The output record of one text: ``{"id", "labels", "scores", ["relevance"],
    ["evidence"], ["text"]}`` (scores and relevance rounded to 4 decimals; relevance
    when the model has a relevance model)."""
    d = {"id": rid, "labels": list(labels), "scores": {k: round(v, 4) for k, v in scores.items()}}
    if relevance is not None:
        d["relevance"] = round(float(relevance), 4)
    if evidence is not None:
        d["evidence"] = evidence
    if keep_text:
        d["text"] = text
    return d


def classify_chunk(model, items: list[tuple[str, str]], *, threshold=None,
                   explain: bool = False, keep_text: bool = True) -> list[dict]:
    """The output records of ``(id, text)`` pairs, in order."""
    from ..classifier._batch import chunk_classify, chunk_proba_relevance

    if not items:
        return []
    texts = [t for _, t in items]
    if explain:
        out = []
        for (rid, text), c in zip(items, chunk_classify(model, texts, threshold)):
            out.append(result_record(rid, text, c.labels, c.scores,
                                     evidence=c.to_dict()["evidence"], keep_text=keep_text,
                                     relevance=c.relevance))
        return out
    proba, rel = chunk_proba_relevance(model, texts)
    labels = model.labels_from_proba(proba, threshold=threshold)
    classes = model.classes_
    rel = [None] * len(items) if rel is None else rel.tolist()
    return [result_record(rid, text, labs, dict(zip(classes, row)), keep_text=keep_text,
                          relevance=r)
            for (rid, text), labs, row, r in zip(items, labels, proba.tolist(), rel)]


def _chunks(records: Iterable, chunk_size: int) -> Iterator[list]:
    chunk: list = []
    n_ok = 0
    for item in records:
        chunk.append(item)
        if isinstance(item, Record):
            n_ok += 1
            if n_ok >= chunk_size:
                yield chunk
                chunk, n_ok = [], 0
    if chunk:
        yield chunk


def _work(model, chunk, **opts):
    return classify_chunk(model, [(r.id, r.text) for r in chunk], **opts)


def classify_records(model, records: Iterable[Record | Reject], *, n_jobs: int = 1,
                     chunk_size: int = 2000, threshold=None, explain: bool = False,
                     keep_text: bool = True) -> Iterator[tuple[list[dict], list[Reject]]]:
    """``(output records, rejects)`` for each chunk of ``records``, in input order (the
    rejects of a chunk are the :class:`Reject` items among its records)."""
    pending: list[list[Reject]] = []

    def chunks():
        for chunk in _chunks(records, chunk_size):
            pending.append([x for x in chunk if isinstance(x, Reject)])
            yield [x for x in chunk if isinstance(x, Record)]

    opts = {"threshold": threshold, "explain": explain, "keep_text": keep_text}
    for results in map_chunks(model, _work, chunks(), n_jobs, **opts):
        yield results, pending.pop(0)
