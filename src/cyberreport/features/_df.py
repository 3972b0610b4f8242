"""Document frequencies of a ``SentenceVectorizer``'s features, for ``fit``: the fast path
of counting :meth:`~SentenceVectorizer.analyze`'s features sentence by sentence.

Counting the character n-grams of every sentence with a ``Counter`` is most of a fit's
time (tens of Python operations per sentence).  Here a chunk of sentences is one array
of code points and the n-grams of each length get dense ids level by level
(``id_k = unique(id_{k-1} * n_chars + char)``), so that a feature's document frequency is
a count of distinct ``(sentence, id)`` pairs; only the distinct n-grams become strings.
Words and lexicon hits come from the same per-sentence rules as ``analyze``.  The
result equals counting ``analyze(s).keys()`` over the sentences (tested).
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable
from itertools import chain

import numpy as np

from ._fast import word_mask
from ._lexicon import lexicon_theme

__all__ = ["document_frequencies"]

#: Sentences counted together (one set of arrays); a longer input is counted in chunks.
CHUNK_CHARS = 1_000_000


def _chunks(sentences: Iterable[str], flags):
    """``(sentences, marks)`` of at most about :data:`CHUNK_CHARS` characters; a longer
    sentence comes alone."""
    chunk: list[str] = []
    marks: list[bool] = []
    size = 0
    for s in sentences:
        mark = flags is not None and bool(next(flags))
        if len(s) > CHUNK_CHARS:
            yield [s], [mark]
            continue
        chunk.append(s)
        marks.append(mark)
        size += len(s)
        if size >= CHUNK_CHARS:
            yield chunk, marks
            chunk, marks, size = [], [], 0
    if chunk:
        yield chunk, marks


def _long_sentence_chars(vec, sentence: str) -> dict:
    """The character n-grams of one sentence longer than a chunk, each with count 1: the
    sentence's word characters (``analyze``'s stream) in windows of :data:`CHUNK_CHARS`
    that overlap by ``max_n - 1``, so that memory stays that of a window and the n-grams
    found are exactly the sentence's."""
    from ._vectorizer import _DIGIT_RE, _NON_WORD_RE

    hi = vec.char_ngram_range[1]
    if hi < 1:
        return {}
    stream = _DIGIT_RE.sub("0", _NON_WORD_RE.sub("", sentence))
    names: dict = {}
    none = np.zeros(1, dtype=bool)
    for a in range(0, max(len(stream), 1), CHUNK_CHARS):
        part: dict = {}
        _char_counts(vec, [stream[a:a + CHUNK_CHARS + hi - 1]], none, part, {})
        names.update(dict.fromkeys(part, 1))
    return names


def _char_counts(vec, chunk: list[str], marks: np.ndarray, df: dict, kept: dict) -> None:
    """Put the character n-gram document frequencies of ``chunk`` in ``df`` (and, among
    the sentences marked, in ``kept``)."""
    lo, hi = vec.char_ngram_range
    if hi < 1:
        return
    lens = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
    raw = "".join(chunk).encode("utf-32-le", "surrogatepass")
    cp = np.frombuffer(raw, dtype=np.uint32).astype(np.int64)
    sid = np.repeat(np.arange(len(chunk), dtype=np.int64), lens)
    keep = word_mask(cp)  # what _NON_WORD_RE leaves, then ASCII digits folded to 0
    cp, sid = cp[keep], sid[keep]
    cp[(cp >= 48) & (cp <= 57)] = 48
    if not len(cp):
        return
    stream = cp.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    chars, char_id = np.unique(cp, return_inverse=True)
    n_chars = len(chars)
    starts = np.arange(len(cp), dtype=np.int64)
    ids, n_ids = char_id, n_chars  # ids of the n-grams of length k starting at `starts`
    all_marked = bool(marks.all())
    any_marked = bool(marks.any())
    for k in range(1, hi + 1):
        if k > 1:
            last = starts + (k - 1)
            ok = last < len(cp)
            starts, ids, last = starts[ok], ids[ok], last[ok]
            ok = sid[last] == sid[starts]  # inside one sentence
            starts, ids, last = starts[ok], ids[ok], last[ok]
            if not len(starts):
                return
            _, ids = np.unique(ids * n_chars + char_id[last], return_inverse=True)
            n_ids = int(ids.max()) + 1
        if k < max(lo, 1):
            continue
        pairs = np.sort(sid[starts] * n_ids + ids)
        if len(pairs) > 1:  # each n-gram once per sentence
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        gid = pairs % n_ids
        counts = np.bincount(gid, minlength=n_ids)
        if any_marked:
            kept_counts = counts if all_marked else np.bincount(
                gid[marks[pairs // n_ids]], minlength=n_ids)
        at = np.empty(n_ids, dtype=np.int64)  # a start of each n-gram (ids are dense)
        at[ids] = starts
        at = at.tolist()
        names = ["c:" + stream[p:p + k] for p in at]
        df.update(zip(names, counts.tolist()))  # n-grams of another length: new keys
        if any_marked:
            kept.update((f, c) for f, c in zip(names, kept_counts.tolist()) if c)


def _other_features(vec, sentence: str) -> set[str]:
    """The word and lexicon features of one sentence (as ``analyze`` finds them)."""
    feats: set[str] = set()
    if vec.use_words:
        feats.update("w:" + t for t in vec.tokenizer.cut(sentence))
    if vec._matcher is not None:
        for m in vec._matcher.finditer(sentence):
            for key in vec._owners[m.group()]:
                feats.add("L:" + lexicon_theme(key))
    for theme, pattern in vec._patterns:
        if pattern.search(sentence):
            feats.add("L:" + theme)
    return feats


def document_frequencies(vec, sentences: Iterable[str], keep=None) -> tuple[Counter, Counter, int]:
    """``(df, kept, n)``: for every feature of the ``n`` sentences, the number of sentences
    it occurs in, and the number of those whose ``keep`` flag is true (none when ``keep``
    is None) — the counts of ``analyze(s).keys()`` over the sentences.  Memory
    grows with the vocabulary, not the input: sentences are taken a chunk at a time, and a
    sentence longer than a chunk in overlapping windows."""
    df: Counter = Counter()
    kept: Counter = Counter()
    n = 0
    flags = iter(keep) if keep is not None else None
    other = vec.use_words or vec._matcher is not None or bool(vec._patterns)
    for chunk, marks in _chunks(sentences, flags):
        n += len(chunk)
        chunk_df: dict = {}
        chunk_kept: dict = {}
        if len(chunk) == 1 and len(chunk[0]) > CHUNK_CHARS:
            chunk_df = _long_sentence_chars(vec, chunk[0])
            if marks[0]:
                chunk_kept = dict(chunk_df)
        else:
            _char_counts(vec, chunk, np.asarray(marks, dtype=bool), chunk_df, chunk_kept)
        if other:  # words and lexicon themes: keys of their own ("w:", "L:")
            feats = [_other_features(vec, s) for s in chunk]
            chunk_df.update(Counter(chain.from_iterable(feats)))
            chunk_kept.update(Counter(chain.from_iterable(f for f, m in zip(feats, marks) if m)))
        for total, part in ((df, chunk_df), (kept, chunk_kept)):
            if total:
                total.update(part)
            else:
                dict.update(total, part)
    return df, kept, n
