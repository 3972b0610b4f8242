"""Topic features: the units of a text, which tokens are topic terms, and unit TF-IDF
rows (sublinear tf, smoothed idf, unit length)."""

from __future__ import annotations

import re

import numpy as np

from ..features._tfidf import sublinear_tf
from ..text import normalize, split_sentences

__all__ = ["is_term", "units_of", "tfidf_rows", "MAX_TERM_LEN"]

# A topic term has a Chinese character or a Latin letter (no bare numbers, punctuation
# or whitespace) and at least two characters.
_LETTER_RE = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGITS_RE = re.compile(r"^[\d.,%+\-<>]*$")


# Longer tokens are shown as topic terms only when they are dictionary words: the
# tokenizer keeps book titles (《…》) whole, and a document's title names one document,
# not a topic.  Titles still count as features.
MAX_TERM_LEN = 8


def is_term(token: str) -> bool:
    return (
        len(token) >= 2
        and not token.isspace()
        and _LETTER_RE.search(token) is not None
        and not _DIGITS_RE.match(token)
    )


def units_of(text: str, unit: str) -> list[str]:
    """The sentences of ``text``, or the whole normalised text as one unit."""
    if unit == "sentence":
        return [s.strip() for s in split_sentences(text) if s.strip()]
    t = normalize(text).strip()
    return [t] if t else []



def tfidf_rows(token_lists, vocab_index, idf):
    """Unit-length TF-IDF rows (sublinear tf) as a CSR matrix."""
    from scipy.sparse import csr_matrix

    indptr, indices, data = [0], [], []
    for toks in token_lists:
        counts: dict[int, int] = {}
        for t in toks:
            j = vocab_index.get(t)
            if j is not None:
                counts[j] = counts.get(j, 0) + 1
        cols = sorted(counts)
        vals = np.array([sublinear_tf(counts[j]) * idf[j] for j in cols])
        if len(vals):
            vals /= np.sqrt((vals ** 2).sum())
        indices.extend(cols)
        data.extend(vals.tolist())
        indptr.append(len(indices))
    return csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64),
                       np.array(indptr, dtype=np.int64)),
                      shape=(len(token_lists), len(vocab_index)))
