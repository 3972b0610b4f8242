"""Unit TF-IDF matrices for any number of units: tokens become integer ids a chunk of
units at a time (no token list of the whole input is ever held), and the rows are
computed with numpy, equal bit for bit to the one-row definition
(:func:`tfidf_row`: sublinear tf times idf, divided by the row's Euclidean norm).

Examples
--------
>>> import numpy as np
>>> ids, offsets = np.array([0, 1, 1], np.int32), np.array([0, 2, 3])
>>> tfidf_matrix(ids, offsets, np.array([1.0, 2.0])).toarray().round(3).tolist()
[[0.447, 0.894], [0.0, 1.0]]
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np

from ._features import is_term

__all__ = ["encode", "tfidf_matrix", "tfidf_row", "row_sums", "CHUNK"]

#: Units tokenized at a time (their token lists are all that is held as strings).
CHUNK = 20_000


def encode(units: Sequence[str], tokenizer, vocab_index: dict | None = None):
    """The topic terms of each unit as integer ids.

    With ``vocab_index`` (a fitted model's vocabulary), terms outside it are dropped;
    without, the vocabulary is the sorted set of the units' terms.

    Returns
    -------
    ids : ndarray of int32
        The term ids of all units, one after the other, in token order.
    offsets : ndarray of int64, shape (n_units + 1,)
        Unit ``i``'s ids are ``ids[offsets[i]:offsets[i + 1]]``.
    vocab : list of str
        The vocabulary (``None`` when ``vocab_index`` was given).
    """
    lut: dict[str, int] = {}  # token -> id (-1: not a term, or unknown)
    found: list[str] = []  # fitting: terms in order of first appearance
    parts, lengths = [], []
    for start in range(0, len(units), CHUNK):
        flat: list[int] = []
        for toks in tokenizer.cut_many(units[start:start + CHUNK]):
            n0 = len(flat)
            for t in toks:
                j = lut.get(t)
                if j is None:
                    if not is_term(t):
                        j = -1
                    elif vocab_index is not None:
                        j = vocab_index.get(t, -1)
                    else:
                        j = len(found)
                        found.append(t)
                    lut[t] = j
                if j >= 0:
                    flat.append(j)
            lengths.append(len(flat) - n0)
        parts.append(np.array(flat, dtype=np.int32))
    ids = np.concatenate(parts) if parts else np.zeros(0, np.int32)
    offsets = np.zeros(len(lengths) + 1, dtype=np.int64)
    np.cumsum(lengths, out=offsets[1:])
    if vocab_index is not None:
        return ids, offsets, None
    order = sorted(range(len(found)), key=found.__getitem__)
    rank = np.empty(len(found), dtype=np.int32)
    rank[np.array(order, dtype=np.int64)] = np.arange(len(found), dtype=np.int32)
    return (rank[ids] if len(ids) else ids), offsets, [found[i] for i in order]


def _counts(ids, offsets, n_cols):
    """``(row, col, count)`` of every distinct term of every unit, by row then col."""
    rows = np.repeat(np.arange(len(offsets) - 1, dtype=np.int64), np.diff(offsets))
    keys, counts = np.unique(rows * max(n_cols, 1) + ids, return_counts=True)
    return keys // max(n_cols, 1), (keys % max(n_cols, 1)).astype(np.int32), counts


def document_frequency(ids, offsets, n_cols) -> np.ndarray:
    """Units containing each term (float64, as :func:`smooth_idf` takes it)."""
    _, cols, _ = _counts(ids, offsets, n_cols)
    return np.bincount(cols, minlength=n_cols).astype(np.float64)


def row_sums(values: np.ndarray, indptr: np.ndarray) -> np.ndarray:
    """``values[indptr[i]:indptr[i + 1]].sum()`` for every row, bit for bit: numpy sums a
    float64 array of up to 128 values in eight interleaved partial sums, then adds the
    rest one by one; longer rows are summed by numpy itself."""
    n = len(indptr) - 1
    lengths = np.diff(indptr)
    out = np.zeros(n)
    long_rows = np.flatnonzero(lengths > 128)
    for i in long_rows:
        out[i] = values[indptr[i]:indptr[i + 1]].sum()
    short = lengths <= 128
    if not short.any():
        return out
    pos = np.arange(len(values)) - np.repeat(indptr[:-1], lengths)
    row = np.repeat(np.arange(n), lengths)
    sel = short[row]
    pos, row, vals = pos[sel], row[sel], values[sel]
    length = lengths[row]
    full = np.where(length >= 8, length - length % 8, 0)
    in_lanes = pos < full
    lanes = np.zeros((n, 8))
    n_blocks = int(full.max(initial=0)) // 8
    block = pos // 8
    for b in range(n_blocks):  # lane j accumulates its values block by block
        m = in_lanes & (block == b)
        add = np.zeros((n, 8))
        add[row[m], pos[m] % 8] = vals[m]
        lanes = add if b == 0 else lanes + add
    res = ((lanes[:, 0] + lanes[:, 1]) + (lanes[:, 2] + lanes[:, 3])) + \
          ((lanes[:, 4] + lanes[:, 5]) + (lanes[:, 6] + lanes[:, 7]))
    tail_pos = pos - full
    for t in range(8):  # then the values after the last full block, one by one
        m = ~in_lanes & (tail_pos == t)
        if not m.any():
            break
        add = np.zeros(n)
        add[row[m]] = vals[m]
        res = res + add
    out[short] = res[short]
    return out


_TF = [0.0]


def _tf_table(max_count: int) -> np.ndarray:
    """``1 + log(c)`` (Python's ``math.log``, as :func:`sublinear_tf`) for c = 0..max."""
    while len(_TF) <= max_count:
        _TF.append(1.0 + math.log(len(_TF)))
    return np.array(_TF[:max_count + 1])


def tfidf_matrix(ids, offsets, idf, rows_at_a_time: int = 100_000):
    """Unit-length TF-IDF rows (sublinear tf, the given idf) as a CSR matrix with one row
    per unit (an all-zero row for a unit without a term)."""
    from scipy.sparse import csr_matrix, vstack

    n_cols = len(idf)
    n = len(offsets) - 1
    blocks = []
    for a in range(0, max(n, 1), rows_at_a_time):
        b = min(n, a + rows_at_a_time)
        lo, hi = offsets[a], offsets[b]
        r, c, cnt = _counts(ids[lo:hi], offsets[a:b + 1] - lo, n_cols)
        vals = _tf_table(int(cnt.max(initial=1)))[cnt] * idf[c]
        indptr = np.zeros(b - a + 1, dtype=np.int64)
        np.cumsum(np.bincount(r, minlength=b - a), out=indptr[1:])
        norms = np.sqrt(row_sums(vals ** 2, indptr))
        with np.errstate(invalid="ignore", divide="ignore"):
            vals = vals / np.repeat(norms, np.diff(indptr))
        blocks.append(csr_matrix((vals, c, indptr), shape=(b - a, n_cols)))
    if not blocks:
        return csr_matrix((0, n_cols))
    return blocks[0] if len(blocks) == 1 else vstack(blocks, format="csr")


def tfidf_row(ids, idf) -> tuple[list[int], np.ndarray]:
    """The definition, for one unit: its sorted term ids and their unit-length weights."""
    counts: dict[int, int] = {}
    for j in ids:
        counts[int(j)] = counts.get(int(j), 0) + 1
    cols = sorted(counts)
    vals = np.array([(1.0 + math.log(counts[j])) * idf[j] for j in cols])
    if len(vals):
        vals /= np.sqrt((vals ** 2).sum())
    return cols, vals
