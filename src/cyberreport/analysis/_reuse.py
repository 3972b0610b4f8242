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
import re
import sys
import time
import unicodedata
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from numbers import Integral, Real

import numpy as np

from .._validation import Interval, Options, check_value

__all__ = ["ReusedPassage", "ReuseMatrix", "find_reuse", "reuse_matrix"]

_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(1_000_003)
_SEP = "\x00"
# Pairs generated per chunk of the inverted index (bounds memory).
_PAIR_CHUNK = 2_000_000
# A seed k-gram occurring more often than this in one text (runs of one character,
# tables) is not used as a seed for that pair.
_MAX_SEED_REPEATS = 50
# Canonical forms (with offsets) kept for the alignment before the cache is emptied.
_CACHE_TEXTS = 20_000


# ---------------------------------------------------------------------------------------
# results
# ---------------------------------------------------------------------------------------

@dataclass(frozen=True)
class ReusedPassage:
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


@dataclass(frozen=True)
class ReuseMatrix:
    """Reuse between groups of texts (see :func:`reuse_matrix`).

    Attributes
    ----------
    labels : tuple of str
        Group names (rows and columns), sorted.
    values : tuple of tuple of float
        ``values[i][j]``: reuse between group ``labels[i]`` and group ``labels[j]``
        (symmetric; the diagonal is reuse within a group).
    value : str
        What is counted: ``"passages"``, ``"pairs"`` (text pairs) or ``"chars"``.
    by : str
        The record attribute that defines the groups.

    Examples
    --------
    >>> m = ReuseMatrix(("广东", "浙江"), ((0, 2), (2, 1)), "passages", "province")
    >>> m.get("浙江", "广东")
    2
    """

    labels: tuple
    values: tuple
    value: str
    by: str

    def get(self, a: str, b: str) -> float:
        """The value for groups ``a`` and ``b``."""
        return self.values[self.labels.index(a)][self.labels.index(b)]

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"labels": list(self.labels), "values": [list(r) for r in self.values],
                "value": self.value, "by": self.by}

    def table(self, as_frame: bool | None = None):
        """The matrix as a DataFrame (when pandas is installed, or ``as_frame=True``)
        or as a list of dicts, one per row (``as_frame=False``, or pandas missing).

        Examples
        --------
        >>> ReuseMatrix(("a", "b"), ((0, 1), (1, 0)), "pairs", "province").table(as_frame=False)
        [{'province': 'a', 'a': 0, 'b': 1}, {'province': 'b', 'a': 1, 'b': 0}]
        """
        rows = [{self.by: g, **dict(zip(self.labels, r))}
                for g, r in zip(self.labels, self.values)]
        if as_frame is False:
            return rows
        from .._optional import import_pandas

        pd = import_pandas("ReuseMatrix.table(as_frame=True)", required=bool(as_frame))
        if pd is None:
            return rows
        return pd.DataFrame(rows, columns=[self.by, *self.labels]).set_index(self.by)


# ---------------------------------------------------------------------------------------
# canonical text
# ---------------------------------------------------------------------------------------

def _canon_char(c: str) -> str:
    """What one character becomes in the canonical text ("" = dropped)."""
    cp = ord(c)
    if 0xFF01 <= cp <= 0xFF5E:
        c = chr(cp - 0xFEE0)
    if c.isspace():
        return ""
    cat = unicodedata.category(c)
    if cat in ("Cc", "Cf", "Cs", "Co", "Cn"):
        return ""
    if cat[0] == "P":
        return "|"
    if "A" <= c <= "Z":
        return c.lower()
    return c


class _Table(dict):
    """``str.translate`` table filled on first sight of each character."""

    def __missing__(self, cp: int):
        out = _canon_char(chr(cp))
        value = out or None
        self[cp] = value
        return value


_TABLE = _Table()
_BARS = re.compile(r"\|{2,}")


def _translate(text: str) -> str:
    """The canonical text (fast path): characters mapped, runs of ``|`` collapsed."""
    return _BARS.sub("|", text.translate(_TABLE))


def _canonical(text: str) -> tuple[str, list[int]]:
    """The canonical text and, for each of its characters, its offset in ``text``."""
    chars: list[str] = []
    pos: list[int] = []
    for i, c in enumerate(text):
        out = _canon_char(c)
        if not out or (out == "|" and chars and chars[-1] == "|"):
            continue
        chars.append(out)
        pos.append(i)
    return "".join(chars), pos


# ---------------------------------------------------------------------------------------
# hashing and the index
# ---------------------------------------------------------------------------------------

def _codes(canon: Sequence[str]) -> tuple[np.ndarray, np.ndarray]:
    """Code points of all canonical texts joined by a separator, and each text's start."""
    joined = _SEP.join(canon)
    codes = np.frombuffer(joined.encode("utf-32-le"), dtype=np.uint32)
    lengths = np.fromiter((len(c) for c in canon), dtype=np.int64, count=len(canon))
    starts = np.zeros(len(canon), dtype=np.int64)
    if len(canon) > 1:
        starts[1:] = np.cumsum(lengths[:-1] + 1)
    return codes, starts


def _kgram_hashes(codes: np.ndarray, k: int) -> np.ndarray:
    """64-bit hash of the k-gram starting at each position that has k characters left
    (length ``codes.size - k + 1``)."""
    m = codes.size - k + 1
    if m <= 0:
        return np.zeros(0, dtype=np.uint64)
    acc = np.zeros(m, dtype=np.uint64)
    for j in range(k):
        acc *= _BASE
        np.add(acc, codes[j:j + m], out=acc, casting="unsafe")
    # splitmix64 finaliser: a well-mixed order for winnowing
    acc ^= acc >> np.uint64(30)
    acc *= np.uint64(0xBF58476D1CE4E5B9)
    acc ^= acc >> np.uint64(27)
    acc *= np.uint64(0x94D049BB133111EB)
    acc ^= acc >> np.uint64(31)
    return acc


def _window_op(values: np.ndarray, w: int, op) -> np.ndarray:
    """out[i] = op over values[i:i+w] (length n-w+1), by doubling (O(n log w))."""
    n = values.size
    if w <= 1 or n == 0:
        return values.copy()
    if n < w:
        return np.array([op.reduce(values)], dtype=values.dtype)
    cur = values.copy()          # cur[i] = op over values[i:i+span]
    span = 1
    while span < w:
        step = min(span, w - span)
        # cur[i] = op(cur[i], cur[i+step]) covers [i, i+span+step)
        cur = op(cur[:-step], cur[step:])
        span += step
    return cur[: n - w + 1]


class _Index:
    """Informative k-grams, fingerprints and candidate pairs of a collection.

    Positions are offsets into the canonical texts joined by a separator (code 0, which
    no canonical text contains).  To count the documents of every k-gram with one sort,
    each k-gram's 64-bit hash keeps its high bits and gets its position in the low
    ``pos_bits`` bits (24 for 15 million characters): sorting these keys groups equal
    k-grams and orders their positions, hence their documents.  Two different k-grams
    agree on the remaining ``64 - pos_bits`` bits with negligible probability (about
    one pair in 10^4 for 100,000 paragraphs); such a collision can only add a candidate,
    which the exact checks discard, or raise a k-gram's count.
    """

    def __init__(self, canon: Sequence[str], k: int, w: int, max_df: int | None):
        self.k = k
        codes, starts = _codes(canon)
        self.codes, self.starts, self.n_docs = codes, starts, len(canon)
        n_docs = len(canon)
        n = codes.size
        m = max(n - k + 1, 0)
        if m == 0:                       # no text has k characters
            self.informative = np.zeros(0, dtype=bool)
            self.fp_hash = np.zeros(0, dtype=np.uint64)
            self.fp_pos = np.zeros(0, dtype=np.int64)
            self.fp_doc = np.zeros(0, dtype=np.int32)
            return
        # k-grams with a separator inside (the last k-1 positions of each text, and
        # the separators) are invalid
        valid = np.ones(m, dtype=bool)
        seps = starts[1:] - 1
        if seps.size:
            bad = (seps[:, None] - np.arange(k)[None, :]).ravel()
            valid[bad[(bad >= 0) & (bad < m)]] = False
        del seps
        # keys: the hash's high bits, then the position; one in-place sort groups equal
        # k-grams and orders their positions (hence their documents)
        pos_bits = max(1, int(m - 1).bit_length())
        pos_mask = np.uint64((1 << pos_bits) - 1)
        key = _kgram_hashes(codes, k)
        key &= ~pos_mask
        key |= np.arange(m, dtype=np.uint64)
        key = key[valid]
        del valid
        key.sort()
        spos = (key & pos_mask).astype(np.int32 if m < 2**31 else np.int64)
        key >>= np.uint64(pos_bits)                 # now the truncated hash
        lengths = np.diff(np.append(starts, n + 1))
        doc_of = np.repeat(np.arange(n_docs, dtype=np.int32), lengths)
        sdoc = doc_of[spos]
        del doc_of
        # runs of equal hashes; documents are non-decreasing inside a run
        new_run = np.ones(key.size, dtype=bool)
        new_run[1:] = key[1:] != key[:-1]
        new_doc = new_run.copy()
        new_doc[1:] |= sdoc[1:] != sdoc[:-1]
        del sdoc
        distinct = np.cumsum(new_doc, dtype=np.int32)
        del new_doc
        run_starts = np.flatnonzero(new_run).astype(spos.dtype)
        run_id = np.cumsum(new_run, dtype=np.int32) - 1
        del new_run
        run_ends = np.append(run_starts[1:], key.size) - 1
        df = distinct[run_ends] - distinct[run_starts] + 1       # per run
        del distinct, run_starts, run_ends
        ok_run = df >= 2
        if max_df is not None:
            ok_run &= df <= max_df
        del df
        ok = ok_run[run_id]
        del ok_run, run_id
        informative = np.zeros(m, dtype=bool)
        positions = spos[ok]
        del spos
        informative[positions] = True
        self.informative = informative
        # winnowing over the informative k-grams (the others count as +infinity)
        vals = np.full(m, _MAX, dtype=np.uint64)
        vals[positions] = key[ok]
        del key, ok, positions
        if m >= w:
            mins = _window_op(vals, w, np.minimum)          # minimum of each window
            # a position is a fingerprint iff it is the minimum of a window containing
            # it, i.e. iff the largest minimum over those windows equals its value
            pad = np.zeros(w - 1, dtype=np.uint64)
            best = _window_op(np.concatenate([pad, mins, pad]), w, np.maximum)[:m]
            del mins
            fp = np.flatnonzero((vals == best) & informative)
            del best
        else:
            fp = np.flatnonzero(informative)
        fh = vals[fp]
        del vals
        srt = np.lexsort((fp, fh))
        self.fp_hash, self.fp_pos = fh[srt], fp[srt]
        self.fp_doc = (np.searchsorted(starts, self.fp_pos, side="right") - 1).astype(np.int32)

    def _run_at_least(self, pa: np.ndarray, pb: np.ndarray, length: int) -> np.ndarray:
        """Whether the exact match of the k-grams at pa and pb extends to ``length``."""
        codes, k = self.codes, self.k
        n = codes.size
        need = length - k
        if need <= 0:
            return np.ones(pa.size, dtype=bool)
        left = np.zeros(pa.size, dtype=np.int32)
        alive = np.ones(pa.size, dtype=bool)
        for t in range(1, need + 1):
            ia, ib = pa - t, pb - t
            ok = alive & (ia >= 0) & (ib >= 0)
            ca = codes[np.clip(ia, 0, n - 1)]
            ok &= (ca == codes[np.clip(ib, 0, n - 1)]) & (ca != 0)
            left += ok
            alive = ok
        right = np.zeros(pa.size, dtype=np.int32)
        alive = np.ones(pa.size, dtype=bool)
        for t in range(need):
            ia, ib = pa + k + t, pb + k + t
            ok = alive & (ia < n) & (ib < n)
            ca = codes[np.clip(ia, 0, n - 1)]
            ok &= (ca == codes[np.clip(ib, 0, n - 1)]) & (ca != 0)
            right += ok
            alive = ok
        return left + right >= need

    def candidate_pairs(self, min_run: int) -> np.ndarray:
        """Unique (a, b) document pairs, a < b, whose texts share a fingerprint that
        lies in an exact common run of at least ``min_run`` characters: shape (m, 2)."""
        fh, fd, fp = self.fp_hash, self.fp_doc, self.fp_pos
        empty = np.zeros((0, 2), dtype=np.int64)
        if fh.size < 2:
            return empty
        bounds = np.flatnonzero(np.concatenate([[True], fh[1:] != fh[:-1], [True]]))
        sizes = np.diff(bounds)
        starts = bounds[:-1]
        n_docs = np.int64(self.n_docs)
        chunks = []
        for s in np.unique(sizes[sizes >= 2]):
            group_starts = starts[sizes == s]
            iu, ju = np.triu_indices(int(s), 1)
            step = max(1, _PAIR_CHUNK // iu.size)
            for lo in range(0, group_starts.size, step):
                members = group_starts[lo:lo + step, None] + np.arange(s)[None, :]
                x, y = members[:, iu].ravel(), members[:, ju].ravel()
                a, b = fd[x].astype(np.int64), fd[y].astype(np.int64)
                keep = a != b
                x, y, a, b = x[keep], y[keep], a[keep], b[keep]
                keep = self._run_at_least(fp[x], fp[y], min_run)
                a, b = a[keep], b[keep]
                if a.size:
                    chunks.append(np.unique(np.minimum(a, b) * n_docs + np.maximum(a, b)))
        if not chunks:
            return empty
        keys = np.unique(np.concatenate(chunks))
        return np.stack([keys // n_docs, keys % n_docs], axis=1)


# ---------------------------------------------------------------------------------------
# alignment
# ---------------------------------------------------------------------------------------

def _runs(ca: str, cb: str, seed: int) -> list[tuple[int, int, int]]:
    """Maximal exact runs ``(i, j, length)`` of length >= seed shared by ca and cb."""
    grams_b: dict[str, list[int]] = {}
    for j in range(len(cb) - seed + 1):
        grams_b.setdefault(cb[j:j + seed], []).append(j)
    runs: list[tuple[int, int, int]] = []
    open_runs: dict[int, list[int]] = {}       # diagonal -> [i0, j0, last_i]
    for i in range(len(ca) - seed + 1):
        js = grams_b.get(ca[i:i + seed])
        if js is None or len(js) > _MAX_SEED_REPEATS:
            continue
        for j in js:
            d = j - i
            r = open_runs.get(d)
            if r is not None and r[2] == i - 1:
                r[2] = i
            else:
                if r is not None:
                    runs.append((r[0], r[1], r[2] - r[0] + seed))
                open_runs[d] = [i, j, i]
    for r in open_runs.values():
        runs.append((r[0], r[1], r[2] - r[0] + seed))
    runs.sort()
    return runs


def _chains(runs: list[tuple[int, int, int]], seed: int, max_gap: int) -> list[list[tuple]]:
    """Group runs into chains whose consecutive runs are at most ``max_gap`` apart (and
    overlap by less than ``seed``) in both texts, moving forward in both."""
    chains: list[list[tuple]] = []
    for run in runs:
        i, j, length = run
        best = None
        best_gap = None
        for c in chains:
            pi, pj, pl = c[-1]
            ga, gb = i - (pi + pl), j - (pj + pl)
            if -seed < ga <= max_gap and -seed < gb <= max_gap and i > pi and j > pj:
                gap = max(ga, gb)
                if best_gap is None or gap < best_gap:
                    best, best_gap = c, gap
        if best is None:
            chains.append([run])
        else:
            best.append(run)
    return chains


def _passages(ca: str, cb: str, seed: int, max_gap: int, min_chars: int,
              min_similarity: float):
    """Aligned passages as ``(i0, i1, j0, j1, matched, runs)`` in canonical offsets."""
    out = []
    for chain in _chains(_runs(ca, cb, seed), seed, max_gap):
        i0, j0 = chain[0][0], chain[0][1]
        i1 = max(i + l for i, _j, l in chain)
        j1 = max(j + l for _i, j, l in chain)
        # a passage neither starts nor ends with punctuation
        while i0 < i1 and j0 < j1 and ca[i0] == "|" and cb[j0] == "|":
            i0, j0 = i0 + 1, j0 + 1
        while i1 > i0 and j1 > j0 and ca[i1 - 1] == "|" and cb[j1 - 1] == "|":
            i1, j1 = i1 - 1, j1 - 1
        if min(i1 - i0, j1 - j0) < min_chars:
            continue
        # matched characters: union of the runs' spans in a
        covered = 0
        reach = i0
        for i, _j, l in chain:
            start, end = max(i, reach), min(i + l, i1)
            if end > start:
                covered += end - start
                reach = end
        sim = covered / max(i1 - i0, j1 - j0)
        if sim + 1e-12 < min_similarity:
            continue
        out.append((i0, i1, j0, j1, sim, chain))
    return out


# ---------------------------------------------------------------------------------------
# progress
# ---------------------------------------------------------------------------------------

class _Progress:
    """A one-line progress display on standard error (replaced later by the shared one)."""

    def __init__(self, on: bool):
        self.on = on
        self.last = 0.0

    def say(self, msg: str, *, force: bool = False) -> None:
        if not self.on:
            return
        now = time.monotonic()
        if force or now - self.last >= 0.2:
            sys.stderr.write("\r" + msg + " " * 8)
            sys.stderr.flush()
            self.last = now

    def done(self, msg: str) -> None:
        if self.on:
            sys.stderr.write("\r" + msg + " " * 8 + "\n")
            sys.stderr.flush()


# ---------------------------------------------------------------------------------------
# public functions
# ---------------------------------------------------------------------------------------

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
               seed: int = 6, progress: bool = False) -> list[ReusedPassage]:
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
    progress : bool, default False
        Show a progress line on standard error.

    Returns
    -------
    list of ReusedPassage
        Ordered by the positions of text *a* and text *b* in the input, then by offset.

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
        raise ValueError(f"ngram must be <= min_chars ({min_chars}), got {ngram}")
    check_value("max_df", max_df, [None, Interval(Integral, 2, None, "left")])
    check_value("min_similarity", min_similarity, [Interval(Real, 0, 1, "right")])
    check_value("max_gap", max_gap, [Interval(Integral, 0, None, "left")])
    check_value("seed", seed, [Interval(Integral, 2, None, "left")])
    if seed > k:
        raise ValueError(f"seed must be <= ngram ({k}), got {seed}")
    check_value("progress", progress, ["boolean"])
    ids, texts, _records = _inputs(data)
    # No reference cycles are made below; the collector's full passes over a large heap
    # (the caller's texts) only cost time.
    gc_was_on = gc.isenabled()
    gc.disable()
    try:
        return _find_reuse(ids, texts, min_chars, k, max_df, min_similarity, max_gap, seed,
                           _Progress(progress))
    finally:
        if gc_was_on:
            gc.enable()


def _find_reuse(ids, texts, min_chars, k, max_df, min_similarity, max_gap, seed, bar):
    t0 = time.monotonic()
    bar.say(f"reuse: reading {len(texts):,} texts", force=True)
    canon = [_translate(t) for t in texts]
    bar.say(f"reuse: indexing {len(texts):,} texts", force=True)
    index = _Index(canon, k, min_chars - k + 1, max_df)
    del canon
    pairs = index.candidate_pairs(min_chars)
    n_pairs = len(pairs)
    t_index = time.monotonic() - t0
    bar.say(f"reuse: {n_pairs:,} candidate pairs", force=True)
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
        if n % 500 == 0:
            bar.say(f"reuse: aligned {n:,}/{n_pairs:,} candidate pairs")
    total = time.monotonic() - t0
    bar.done(f"reuse: {len(texts):,} texts, {n_pairs:,} candidate pairs, {len(out):,} "
             f"passages in {total:.1f} s (index {t_index:.1f} s, alignment "
             f"{total - t_index:.1f} s)")
    return out


def reuse_matrix(passages: Iterable[ReusedPassage], records: Iterable, by: str = "province",
                 *, value: str = "passages") -> ReuseMatrix:
    """Aggregate reused passages by a record attribute (province, year …).

    Parameters
    ----------
    passages : iterable of ReusedPassage
        From :func:`find_reuse`.
    records : iterable of Record
        The records given to :func:`find_reuse` (their ids identify the passages'
        texts); any object with ``id`` and ``get(name)`` works.
    by : str, default "province"
        The attribute (``Record.get(by)``); texts without it form the group ``"?"``.
    value : {"passages", "pairs", "chars"}, default "passages"
        Count passages, distinct text pairs, or sum the passages' lengths.

    Returns
    -------
    ReuseMatrix
        Symmetric; reuse within a group is on the diagonal.

    Raises
    ------
    KeyError
        If a passage names an id that is not among ``records``.

    Examples
    --------
    >>> from cyberreport.io import Record
    >>> recs = [Record("a", "各地要切实增强全社会网络安全意识和防护能力。", province="广东"),
    ...         Record("b", "要求各地要切实增强全社会网络安全意识和防护能力。", province="浙江")]
    >>> reuse_matrix(find_reuse(recs), recs).get("广东", "浙江")
    1
    """
    check_value("by", by, ["nonempty_str"])
    check_value("value", value, [Options(("passages", "pairs", "chars"))])
    group = {}
    for r in records:
        g = r.get(by) if hasattr(r, "get") else getattr(r, by, None)
        group[str(r.id)] = "?" if g is None else str(g)
    labels = tuple(sorted(set(group.values())))
    where = {g: i for i, g in enumerate(labels)}
    m = [[0] * len(labels) for _ in labels]
    seen_pairs = set()
    for p in passages:
        try:
            ga, gb = where[group[p.id_a]], where[group[p.id_b]]
        except KeyError as exc:
            raise KeyError(f"passage names id {exc.args[0]!r}, which is not among records") \
                from None
        if value == "pairs":
            key = (p.id_a, p.id_b)
            if key in seen_pairs:
                continue
            seen_pairs.add(key)
            inc = 1
        elif value == "chars":
            inc = p.length
        else:
            inc = 1
        m[ga][gb] += inc
        if ga != gb:
            m[gb][ga] += inc
    return ReuseMatrix(labels, tuple(tuple(r) for r in m), value, by)
