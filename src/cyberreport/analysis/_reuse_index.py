"""Text reuse, step 1: canonical text, k-gram hashes, the winnowed fingerprint index and
the candidate pairs of texts (see :mod:`cyberreport.analysis._reuse` for the method)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

import numpy as np

__all__: list[str] = []

_MAX = np.uint64(0xFFFFFFFFFFFFFFFF)
_BASE = np.uint64(1_000_003)
_SEP = "\x00"
# Pairs generated per chunk of the inverted index (bounds memory).
_PAIR_CHUNK = 2_000_000


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
