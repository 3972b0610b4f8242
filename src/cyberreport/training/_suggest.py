"""Active learning: which unlabelled texts to label next (:func:`suggest_next`).

The choice is greedy: each step takes the text with the highest uncertainty minus
``diversity`` times its highest similarity to a text already taken.  Comparing every text
with every choice once held the character n-grams of all texts at once (2.2 GB for 104k
texts of 30 MB).  Here only the texts' probabilities are kept for all of them; the
choice is made lazily: a text's similarity to the choices it has not been compared with
yet can only lower its score, so its score so far is an upper bound, and only texts
whose bound beats the best text known exactly are compared (in batches, their n-grams
computed again when they do not fit in a small cache).  The result is the same as
comparing everything, number for number.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass

import numpy as np

from .._deprecation import renamed_param
from .._frames import ResultList

__all__ = ["suggest_next", "Suggestion"]

#: At most this many texts are compared with the choices at a time.
BATCH = 2000
#: ... and at most this many characters (a text longer than :data:`LONG` is alone).
BATCH_CHARS = 250_000
#: A text longer than this has its character n-grams counted in windows of this length.
LONG = 100_000
#: Character n-gram entries kept between steps (about 12 bytes each).
CACHE_NNZ = 2_000_000
#: Entries of one batch's table of similarities (batch x choices compared).
SIM_CELLS = 4_000_000
_CONTENT_RE = re.compile(r"[^\W_]")
_DUP = 1.0 - 1e-9  # a similarity this high means the same character n-grams


@dataclass(frozen=True)
class Suggestion:
    """An unlabelled text worth labelling next.

    Attributes
    ----------
    index : int
        Position in the input.
    text : str
    uncertainty : float
        In [0, 1]; 1 when some theme's probability sits exactly on its threshold.
    theme : str
        The theme the model is least sure about.
    """

    index: int
    text: str
    uncertainty: float
    theme: str

    def to_dict(self) -> dict:
        """JSON-ready form."""
        return dict(self._row())

    def _row(self) -> dict:
        return {"index": self.index, "theme": self.theme,
                "uncertainty": round(self.uncertainty, 6), "text": self.text}


@renamed_param("k", "top_n")
def suggest_next(
    texts: Sequence[str],
    top_n: int = 10,
    *,
    model=None,
    diversity: float = 0.5,
) -> list[Suggestion]:
    """Which unlabelled texts to label next: uncertain ones, diverse among themselves.

    A text's uncertainty is how close its most uncertain theme's probability is to that
    theme's decision threshold.  Texts are chosen greedily by uncertainty minus
    ``diversity`` times their highest cosine similarity (character n-gram TF-IDF) to a
    text already chosen, so near-duplicates are not suggested twice; a text identical to a
    chosen one (the same character n-grams) is never suggested, so fewer than ``top_n``
    may come back; neither is a text without a letter, digit or Chinese character.

    Memory does not grow with the texts beyond their probabilities: character n-grams
    are computed for a batch of texts at a time, and only for the texts that can still
    be chosen (see the module documentation); the result is that of comparing every text.

    Parameters
    ----------
    texts : sequence of str
    top_n : int, default=10
        How many texts to suggest (``k`` in 0.1).
    model : ThemeClassifier, optional
        Default: the bundled model.
    diversity : float, default=0.5
        Weight of the similarity penalty (0 = uncertainty only).

    Returns
    -------
    list of Suggestion
        At most ``top_n``, in the order chosen.

    Examples
    --------
    >>> len(suggest_next(["开展网络安全检查", "今天天气很好"], top_n=1))
    1
    """
    from numbers import Real

    from .._texts import check_texts, text_of
    from .._validation import Interval, check_value
    from ..persistence import load_model

    texts = [text_of(t) for t in check_texts(texts, "texts")]
    if isinstance(top_n, bool) or not isinstance(top_n, int) or top_n < 1:
        raise ValueError(f"top_n must be a positive int, got {top_n!r}")
    check_value("diversity", diversity, [Interval(Real, 0, None, "left")])
    if not texts:
        return []
    model = load_model() if model is None else model
    proba = model.predict_proba(texts)  # in chunks
    t = np.asarray(model.thresholds_)
    unc_all = 1 - np.abs(proba - t) / np.maximum(t, 1 - t)
    theme_idx = unc_all.argmax(axis=1)
    unc = unc_all.max(axis=1)
    del proba, unc_all
    cand = np.array([i for i, s in enumerate(texts) if _has_content(s)], dtype=np.int64)
    greedy = _Greedy(model.vectorizer_, texts, cand, unc[cand], float(diversity))
    chosen: list[int] = []
    for _ in range(min(top_n, len(cand))):
        i = greedy.next()
        if i is None:
            break
        chosen.append(i)
    return ResultList(Suggestion(i, texts[i], float(unc[i]), model.classes_[theme_idx[i]])
                      for i in chosen)


def _has_content(text: str) -> bool:
    """Whether the normalised text has a letter, digit or Chinese character (a long text
    normalised window by window)."""
    from ..text import normalize

    return any(_CONTENT_RE.search(normalize(text[a:a + LONG]))
               for a in range(0, len(text), LONG))


class _Greedy:
    """The lazy greedy choice over the candidates ``cand`` (input positions, ascending).

    ``sim[j]`` is candidate ``j``'s highest similarity to the first ``seen[j]`` choices,
    so ``unc[j] - diversity * sim[j]`` bounds its score from above; a candidate whose
    bound is the highest (the first in input order among equals) and who has been
    compared with every choice is the next choice.
    """

    def __init__(self, vec, texts, cand, unc, diversity):
        self.vec, self.texts, self.cand, self.unc, self.div = vec, texts, cand, unc, diversity
        self.sim = np.zeros(len(cand))
        self.seen = np.zeros(len(cand), dtype=np.int64)
        self.alive = np.ones(len(cand), dtype=bool)
        self.chosen: list[tuple[np.ndarray, np.ndarray]] = []  # their rows
        self.cache: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        self.cache_nnz = 0

    def next(self) -> int | None:
        """The input position of the next choice, or ``None`` when none is left."""
        k = len(self.chosen)
        while self.alive.any():
            bound = np.where(self.alive, self.unc - self.div * self.sim, -np.inf)
            j = int(np.argmax(bound))  # the first among equals
            if self.seen[j] == k:
                self.alive[j] = False
                self.chosen.append(self._rows([j])[0])
                self.cache.pop(j, None)
                return int(self.cand[j])
            self._compare(j, bound)
        return None

    def _compare(self, j: int, bound: np.ndarray) -> None:
        """Compare ``j`` and the other stale candidates with the highest bounds with the
        choices they have not been compared with."""
        k = len(self.chosen)
        stale = np.flatnonzero(self.alive & (self.seen < k))
        room = max(1, min(BATCH, SIM_CELLS // k))
        if len(stale) > room:
            stale = stale[np.argpartition(-bound[stale], room - 1)[:room]]
        stale = stale[stale != j]
        batch, chars = [j], len(self.texts[self.cand[j]])
        for p in stale.tolist():
            n = len(self.texts[self.cand[p]])
            if chars + n > BATCH_CHARS or n > LONG:
                continue
            batch.append(p)
            chars += n
        pos = np.array(batch, dtype=np.int64)
        s0 = int(self.seen[pos].min())  # comparing again with a choice changes no maximum
        X = _csr(self._rows(batch), self.vec)
        C = _csr(self.chosen[s0:], self.vec)
        S = (X @ C.T).toarray()
        self.sim[pos] = np.maximum(self.sim[pos], S.max(axis=1))
        self.seen[pos] = k
        self.alive[pos[(S >= _DUP).any(axis=1)]] = False  # would teach nothing new

    def _rows(self, batch: list[int]) -> list[tuple[np.ndarray, np.ndarray]]:
        """The unit-length character n-gram rows ``(indices, values)`` of candidates."""
        rows: dict[int, tuple[np.ndarray, np.ndarray]] = {}
        todo = []
        for p in batch:
            if p in self.cache:
                rows[p] = self.cache[p]
            elif len(self.texts[self.cand[p]]) > LONG:
                rows[p] = _long_row(self.vec, self.texts[self.cand[p]])
            else:
                todo.append(p)
        if todo:
            indptr, indices, data = self.vec.transform_arrays(
                [self.texts[self.cand[p]] for p in todo])
            block = self.vec.block_[indices] if len(indices) else np.zeros(0, int)
            data = np.where(block == 0, data, 0.0)  # character n-grams only
            from scipy.sparse import csr_matrix

            X = csr_matrix((data, indices, indptr), shape=(len(todo), len(self.vec.features_)))
            norms = np.sqrt(X.multiply(X).sum(axis=1)).A.ravel()
            norms[norms == 0] = 1.0
            X = csr_matrix(X.multiply(1.0 / norms[:, None]))
            for r, p in enumerate(todo):
                a, b = X.indptr[r], X.indptr[r + 1]
                rows[p] = (X.indices[a:b].copy(), X.data[a:b].copy())
        for p, row in rows.items():
            if p not in self.cache and self.cache_nnz + len(row[0]) <= CACHE_NNZ:
                self.cache[p] = row
                self.cache_nnz += len(row[0])
        return [rows[p] for p in batch]


def _csr(rows, vec):
    from scipy.sparse import csr_matrix

    indptr = np.zeros(len(rows) + 1, dtype=np.int64)
    np.cumsum([len(r[0]) for r in rows], out=indptr[1:])
    indices = np.concatenate([r[0] for r in rows]) if rows else np.zeros(0, np.int32)
    data = np.concatenate([r[1] for r in rows]) if rows else np.zeros(0)
    return csr_matrix((data, indices, indptr), shape=(len(rows), len(vec.features_)))


def _long_row(vec, text: str) -> tuple[np.ndarray, np.ndarray]:
    """The character n-gram row of a text longer than :data:`LONG`, counted window by
    window (the same counts as the whole text at once; the values agree with
    ``transform_arrays`` up to rounding)."""
    from ..features._fast import word_mask
    from ..features._tfidf import sublinear_tf

    t = vec._fast_tables()
    if t.grams is None:
        return np.zeros(0, np.int32), np.zeros(0)
    reach = max(t.sizes) - 1  # an n-gram starting in a window ends at most this far past it
    counts = np.zeros(t.n_features, dtype=np.int64)
    carry = np.zeros(0, dtype=np.int64)
    for a in range(0, len(text) + 1, LONG):
        last = a + LONG >= len(text)
        cp = np.frombuffer(text[a:a + LONG].encode("utf-32-le", "surrogatepass"),
                           dtype=np.uint32).astype(np.int64)
        cp = cp[word_mask(cp)]
        cp[(cp >= 48) & (cp <= 57)] = 48
        buf = np.concatenate([carry, cp])
        upto = len(buf) if last else max(len(buf) - reach, 0)
        sid = np.zeros(len(buf), dtype=np.int64)
        for k, starts, fids in t.grams.walk(t.grams.char_ids(buf), sid, max(t.sizes)):
            if k in t.sizes:
                counts += np.bincount(fids[starts < upto], minlength=t.n_features)
        carry = buf[upto:]
        if last:
            break
    idx = np.flatnonzero(counts).astype(np.int32)
    val = sublinear_tf(counts[idx]) * vec.idf_[idx]
    norm = np.sqrt(np.sum(val ** 2))
    return idx, (val / norm if norm > 0 else val)
