"""Text reuse: every passage two texts share (k-gram fingerprints, an inverted index, alignment).

How it works
------------
1. **Canonical text.**  Each text is read as its *content characters*: whitespace and
   invisible characters are dropped, full-width letters and digits become half-width,
   Latin letters lower-case, and every run of punctuation marks becomes one ``|`` (so
   ``，`` against ``、`` or ``”，`` against ``，`` is no difference).  Offsets reported are
   offsets into the texts as given.
2. **Fingerprints.**  Every *k*-gram (``ngram`` content characters, default
   ``min(10, min_chars)``) of every text is hashed (64-bit, numpy).  Its *document
   frequency* (how many texts contain it) is counted with one sort.  A *k*-gram found
   in one text only cannot be shared; one found in more than ``max_df`` texts is
   boilerplate.  The others are *informative*.  Each text keeps, by winnowing with
   window ``w = min_chars - ngram + 1`` over its informative *k*-grams (Schleimer,
   Wilkerson & Aiken 2003), the minimum hash of every window.
3. **Candidates.**  An inverted index (the fingerprints sorted by hash) lists the texts
   of each fingerprint; two texts under one fingerprint are a candidate pair when the
   exact match around the fingerprint extends to ``min_chars`` characters (checked for
   all such pairs at once with numpy, which discards the many *k*-grams two texts share
   by chance).  Work is proportional to the number of fingerprints plus the pairs under
   them, so near-linear in the size of the collection for a fixed ``max_df``.
4. **Alignment.**  Each candidate pair is aligned exactly: common ``seed``-grams
   (default 6 characters) are extended into maximal exact runs on each diagonal, runs
   separated by at most ``max_gap`` characters on both sides are merged (small edits:
   a changed, inserted or deleted word), and each merged span of at least ``min_chars``
   content characters in both texts, with at least ``min_similarity`` of its characters
   matched and at least one informative *k*-gram, is reported.

Guarantee
---------
Two texts that share an exact passage of at least ``min_chars`` content characters are
always a candidate pair, as long as the passage contains one informative *k*-gram (one
found in at most ``max_df`` texts): every window of ``w`` consecutive *k*-grams inside
the passage is the same in both texts, so its minimum is a fingerprint of both (the
winnowing guarantee; frequent and unique *k*-grams are excluded the same way in both
texts).  Short passages inside long texts are therefore never missed, unlike MinHash
over whole texts, which compares texts' overall resemblance.  The alignment then
reports the passage (exact runs of ``min_chars`` always qualify).  Passages made only
of *k*-grams that occur in more than ``max_df`` texts are boilerplate by definition and
are not reported; ``max_df=None`` keeps them, at a cost quadratic in the number of texts
that share them.  Passages with edits are found whenever one exact run of ``min_chars``
survives the edits; the alignment then extends the passage across them.
"""

from __future__ import annotations

import gc
import sys
import time
from collections.abc import Iterable
from dataclasses import dataclass
from numbers import Integral, Real

from .._frames import ResultList, TableMixin
from .._progress import DELAY, progress_bar, progress_enabled, show_last
from .._validation import Interval, check_value
from ..exceptions import InvalidParameterError
from ._reuse_align import _passages
from ._reuse_index import _canonical, _Index, _translate

__all__ = ["ReusedPassage", "find_reuse"]

# Canonical forms (with offsets) kept for the alignment before the cache is emptied.
_CACHE_TEXTS = 20_000


@dataclass(frozen=True)
class ReusedPassage(TableMixin):
    """One passage shared by two texts (see :func:`find_reuse`).

    Attributes
    ----------
    id_a, id_b : str
        The two texts' ids (``Record.id``, or the position as a string for plain
        texts); *a* comes first in the input.
    start_a, end_a : int
        The passage's span in text *a*, as given (``text_a[start_a:end_a]``).
    start_b, end_b : int
        Its span in text *b*.
    passage : str
        The passage as written in text *a*.
    passage_b : str
        As written in text *b* (differs from ``passage`` only by the edits and by
        punctuation or spacing).
    length : int
        Content characters (spaces not counted, a run of punctuation as one) of the
        shorter of the two spans.
    similarity : float
        Share of the longer span's content characters that the alignment matched
        (1.0 for an exact copy).

    Examples
    --------
    >>> p = find_reuse(["通知要求：各地要加强关键信息基础设施安全保护工作，压实责任。",
    ...                 "会上强调，各地要加强关键信息基础设施安全保护工作,压实责任！"])[0]
    >>> p.passage, p.passage_b, p.length, p.similarity
    ('各地要加强关键信息基础设施安全保护工作，压实责任', '各地要加强关键信息基础设施安全保护工作,压实责任', 24, 1.0)
    """

    id_a: str
    id_b: str
    start_a: int
    end_a: int
    start_b: int
    end_b: int
    passage: str
    passage_b: str
    length: int
    similarity: float

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"id_a": self.id_a, "id_b": self.id_b, "start_a": self.start_a,
                "end_a": self.end_a, "start_b": self.start_b, "end_b": self.end_b,
                "passage": self.passage, "passage_b": self.passage_b,
                "length": self.length, "similarity": self.similarity}

    def _row(self) -> dict:
        return self.to_dict()

    def _table(self) -> tuple[list[str], list[dict]]:
        row = self.to_dict()
        return list(row), [row]


def _inputs(data) -> tuple[list[str], list[str], list]:
    """(ids, texts, records or None) from strings and records."""
    if isinstance(data, (str, bytes)):
        raise TypeError("data must be a sequence of texts or records, got a single "
                        f"{type(data).__name__}; wrap it in a list: [data]")
    try:
        items = list(data)
    except TypeError:
        raise TypeError(f"data must be a sequence of texts or records, got "
                        f"{type(data).__name__}") from None
    ids, texts, records = [], [], []
    for i, x in enumerate(items):
        if isinstance(x, str):
            ids.append(str(i))
            texts.append(x)
            records.append(None)
        elif hasattr(x, "text") and hasattr(x, "id") and isinstance(getattr(x, "text"), str):
            ids.append(str(x.id))
            texts.append(x.text)
            records.append(x)
        else:
            raise TypeError(f"data[{i}] must be a str or a Record, got {type(x).__name__}"
                            + (" (None)" if x is None else ""))
    return ids, texts, records


def find_reuse(data: Iterable, min_chars: int = 20, *, ngram: int | None = None,
               max_df: int | None = 100, min_similarity: float = 0.8, max_gap: int = 5,
               seed: int = 6, progress: bool | None = None) -> ResultList:
    """Every passage of at least ``min_chars`` characters shared by two texts.

    Candidate pairs come from an inverted index of winnowed *k*-gram fingerprints
    (near-linear in the size of the collection); each candidate pair is then aligned
    exactly, tolerating small edits.  See the module documentation
    (``help(cyberreport.analysis._reuse)``) for the method and the guarantee: a pair
    sharing an exact passage of ``min_chars`` content characters is never missed unless
    the whole passage is boilerplate (every *k*-gram of it in more than ``max_df``
    texts).

    Parameters
    ----------
    data : iterable of str or Record
        The texts (ids are their positions, as strings) or records (``Record.id``,
        ``Record.text``).
    min_chars : int, default 20
        Shortest passage reported, in content characters (spaces not counted, a run of
        punctuation marks counts as one).
    ngram : int, optional
        Fingerprint length *k*; default ``min(10, min_chars)``.  Must not exceed
        ``min_chars``.
    max_df : int or None, default 100
        Boilerplate threshold: *k*-grams found in more than ``max_df`` texts do not make
        candidates, and a passage made only of them is not reported.  ``None``: no
        threshold (the cost grows with the square of the number of texts sharing a
        passage).
    min_similarity : float, default 0.8
        Share of a passage's characters the alignment must match (edits lower it).
    max_gap : int, default 5
        Largest edit (characters on either side) bridged inside one passage.
    seed : int, default 6
        Length of the exact matches the alignment starts from (at most ``ngram``).
    progress : bool, optional
        Show a progress bar on standard error (the phase, then the candidate pairs
        aligned out of their total) and a summary with the time of each phase;
        ``None``: on a terminal or in a notebook for runs longer than two seconds,
        unless ``CYBERREPORT_PROGRESS=0`` (see ``progress_bar``).

    Returns
    -------
    ResultList of ReusedPassage
        Ordered by the positions of text *a* and text *b* in the input, then by offset;
        a ``list`` that is also a table (``to_frame()``, ``to_dict()``, one row per
        passage).

    Raises
    ------
    TypeError
        If ``data`` is a single string or holds something other than texts or records
        (the message names the index).
    ValueError
        For out-of-range parameters (the message names the parameter).

    Examples
    --------
    >>> texts = ["2019年，全省开展网络安全检查，各地要切实增强全社会网络安全意识和防护能力。",
    ...          "会议强调，各地要切实增强全社会网络安全意识和防护能力，确保安全。",
    ...          "建设县级融媒体中心。"]
    >>> [(p.id_a, p.id_b, p.passage) for p in find_reuse(texts)]
    [('0', '1', '各地要切实增强全社会网络安全意识和防护能力')]
    """
    check_value("min_chars", min_chars, [Interval(Integral, 2, None, "left")])
    check_value("ngram", ngram, [None, Interval(Integral, 2, None, "left")])
    k = min(10, min_chars) if ngram is None else ngram
    if k > min_chars:
        raise InvalidParameterError(f"ngram must be an int <= min_chars ({min_chars}), "
                                    f"got {ngram!r}")
    check_value("max_df", max_df, [None, Interval(Integral, 2, None, "left")])
    check_value("min_similarity", min_similarity, [Interval(Real, 0, 1, "right")])
    check_value("max_gap", max_gap, [Interval(Integral, 0, None, "left")])
    check_value("seed", seed, [Interval(Integral, 2, None, "left")])
    if seed > k:
        raise InvalidParameterError(f"seed must be an int <= ngram ({k}), got {seed!r}")
    check_value("progress", progress, [None, "boolean"])
    ids, texts, _records = _inputs(data)
    # No reference cycles are made below; the collector's full passes over a large heap
    # (the caller's texts) only cost time.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _find_reuse(ids, texts, min_chars, k, max_df, min_similarity, max_gap, seed,
                           _Bar(progress))
    finally:
        if gc_was_on:
            gc.enable()


class _Bar:
    """The library's progress bar (``cyberreport._progress``): the phase in its
    description, then the candidate pairs aligned out of their total; a closing summary
    with the time of each phase when the bar was asked for or the run was long."""

    def __init__(self, progress: bool | None):
        self.progress = progress
        self.enabled = progress_enabled(progress)
        self.t0 = time.monotonic()
        self.bar = progress_bar(None, desc="reuse", unit="pair", progress=progress)

    def phase(self, msg: str) -> None:
        self.bar.set_description_str(f"reuse: {msg}", refresh=False)
        show_last(self.bar)  # redrawn now if the bar is already shown

    def aligning(self, n_pairs: int) -> None:
        self.bar.total = n_pairs
        self.phase("aligning candidate pairs")

    def update(self, n: int) -> None:
        self.bar.update(n)

    def done(self, msg: str) -> None:
        show_last(self.bar)
        self.bar.close()
        if self.enabled and (self.progress or time.monotonic() - self.t0 >= DELAY):
            sys.stderr.write(f"cyberreport reuse: {msg}\n")
            sys.stderr.flush()


def _find_reuse(ids, texts, min_chars, k, max_df, min_similarity, max_gap, seed, bar):
    t0 = time.monotonic()
    bar.phase(f"reading {len(texts):,} texts")
    canon = [_translate(t) for t in texts]
    bar.phase(f"indexing {len(texts):,} texts")
    index = _Index(canon, k, min_chars - k + 1, max_df)
    del canon
    pairs = index.candidate_pairs(min_chars)
    n_pairs = len(pairs)
    t_index = time.monotonic() - t0
    bar.aligning(n_pairs)
    cache: dict[int, tuple[str, list[int]]] = {}

    def canonical(d: int) -> tuple[str, list[int]]:
        got = cache.get(d)
        if got is None:
            if len(cache) >= _CACHE_TEXTS:
                cache.clear()
            got = cache[d] = _canonical(texts[d])
        return got

    informative = index.informative
    starts = index.starts
    out: list[ReusedPassage] = []
    for n, (a, b) in enumerate(pairs.tolist()):
        ca, pa = canonical(a)
        cb, pb = canonical(b)
        for i0, i1, j0, j1, sim, chain in _passages(ca, cb, seed, max_gap, min_chars,
                                                     min_similarity):
            # at least one informative k-gram inside an exact run of the passage
            base = starts[a]
            if not any(informative[base + i: base + i + max(l - k + 1, 0)].any()
                       for i, _j, l in chain):
                continue
            sa, ea = pa[i0], pa[i1 - 1] + 1
            sb, eb = pb[j0], pb[j1 - 1] + 1
            out.append(ReusedPassage(ids[a], ids[b], sa, ea, sb, eb, texts[a][sa:ea],
                                     texts[b][sb:eb], min(i1 - i0, j1 - j0), round(sim, 4)))
        if n % 500 == 499:
            bar.update(500)
    bar.update(n_pairs % 500)
    total = time.monotonic() - t0
    bar.done(f"{len(texts):,} texts, {n_pairs:,} candidate pairs, {len(out):,} "
             f"passages in {total:.1f} s (index {t_index:.1f} s, alignment "
             f"{total - t_index:.1f} s)")
    return ResultList(out)
