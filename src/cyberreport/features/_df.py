"""Document frequencies of a ``SentenceVectorizer``'s features, for ``fit``: the fast path
of counting :meth:`~SentenceVectorizer.analyze`'s features sentence by sentence.

Counting the character n-grams of every sentence with a ``Counter`` is most of a fit's
time (tens of Python operations per sentence).  Here a chunk of sentences is one array
of code points and the n-grams of each length get dense ids level by level
(``id_k = unique(id_{k-1} * n_chars + char)``), so that a feature's document frequency is
a count of distinct ``(sentence, id)`` pairs; only the distinct n-grams become strings.
Words and lexicon hits come from the same per-sentence rules as ``analyze``.  The
result equals counting ``analyze(s).keys()`` over the sentences (tested).

Memory: the vocabulary, plus the arrays of one chunk (about 110 bytes per character of
:data:`CHUNK_CHARS`); a sentence longer than a chunk is counted in overlapping windows of
that size.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Iterator
from itertools import chain

import numpy as np

from ._fast import char_stream, word_mask
from ._lexicon import lexicon_theme

__all__ = ["check_keep_length", "document_frequencies"]

#: Characters counted together (one set of arrays; every sentence counts one more, so a
#: chunk also holds a bounded number of sentences).  Chosen in
#: ``benchmarks/bench_operations.py fit``: larger chunks save little time on short
#: sentences and cost memory.
CHUNK_CHARS = 250_000
_MISSING = object()


def check_keep_length(keep_flags: Iterator, n: int, *, exhausted: bool) -> bool:
    """The next ``keep`` flag of sentence ``n`` (counting from 0); with ``exhausted``,
    check that no flag is left after ``n`` sentences.  Raises ``ValueError`` when ``keep``
    has fewer or more flags than there are sentences."""
    flag = next(keep_flags, _MISSING)
    if exhausted:
        if flag is not _MISSING:
            raise ValueError(f"keep has more flags than the {n} sentences")
        return False
    if flag is _MISSING:
        raise ValueError(f"keep has {n} flags but there are more sentences")
    return bool(flag)


def _chunks(sentences: Iterable[str], keep) -> Iterator[tuple[list[str], list[bool]]]:
    """``(sentences, their keep flags)`` of at most :data:`CHUNK_CHARS` characters (each
    sentence counting one more); a longer sentence comes alone."""
    keep_flags = iter(keep) if keep is not None else None
    chunk: list[str] = []
    chunk_keep: list[bool] = []
    size = 0
    n = 0
    for s in sentences:
        flag = keep_flags is not None and check_keep_length(keep_flags, n, exhausted=False)
        n += 1
        if len(s) + 1 > CHUNK_CHARS:
            yield [s], [flag]
            continue
        if size + len(s) + 1 > CHUNK_CHARS:
            yield chunk, chunk_keep
            chunk, chunk_keep, size = [], [], 0
        chunk.append(s)
        chunk_keep.append(flag)
        size += len(s) + 1
    if keep_flags is not None:
        check_keep_length(keep_flags, n, exhausted=True)
    if chunk:
        yield chunk, chunk_keep


def _ngram_dfs(vec, chunk: list[str], chunk_keep: np.ndarray, df: dict, kept: dict) -> None:
    """Put the document frequencies of the character n-grams of ``chunk`` in ``df`` (and,
    among the sentences whose ``chunk_keep`` flag is true, in ``kept``)."""
    lo, hi = vec.char_ngram_range
    if hi < 1:
        return
    lens = np.fromiter(map(len, chunk), dtype=np.int64, count=len(chunk))
    raw = "".join(chunk).encode("utf-32-le", "surrogatepass")
    cp = np.frombuffer(raw, dtype=np.uint32).astype(np.int64)
    sid = np.repeat(np.arange(len(chunk), dtype=np.int64), lens)
    word = word_mask(cp)  # char_stream: word characters, ASCII digits folded to 0
    cp, sid = cp[word], sid[word]
    cp[(cp >= 48) & (cp <= 57)] = 48
    if not len(cp):
        return
    stream = cp.astype(np.uint32).tobytes().decode("utf-32-le", "surrogatepass")
    chars, char_id = np.unique(cp, return_inverse=True)
    n_chars = len(chars)
    starts = np.arange(len(cp), dtype=np.int64)
    ids, n_ids = char_id, n_chars  # ids of the n-grams of length k starting at `starts`
    all_kept = bool(chunk_keep.all())
    any_kept = bool(chunk_keep.any())
    for k in range(1, hi + 1):
        if k > 1:
            last = starts + (k - 1)
            ok = last < len(cp)
            ok[ok] = sid[last[ok]] == sid[starts[ok]]  # inside one sentence
            starts, ids, last = starts[ok], ids[ok], last[ok]
            if not len(starts):
                return
            uniq, ids = np.unique(ids * n_chars + char_id[last], return_inverse=True)
            n_ids = len(uniq)
        if k < max(lo, 1):
            continue
        pairs = np.sort(sid[starts] * n_ids + ids)
        if len(pairs) > 1:  # each n-gram once per sentence
            pairs = pairs[np.concatenate(([True], pairs[1:] != pairs[:-1]))]
        gid = pairs % n_ids
        counts = np.bincount(gid, minlength=n_ids)
        at = np.empty(n_ids, dtype=np.int64)  # a start of each n-gram (ids are dense)
        at[ids] = starts
        names = ["c:" + stream[p:p + k] for p in at.tolist()]
        df.update(zip(names, counts.tolist()))  # n-grams of another length: new keys
        if any_kept:
            kept_counts = counts if all_kept else np.bincount(
                gid[chunk_keep[pairs // n_ids]], minlength=n_ids)
            kept.update((f, c) for f, c in zip(names, kept_counts.tolist()) if c)


def _long_sentence_ngrams(vec, sentence: str) -> dict:
    """The character n-grams of one sentence longer than a chunk, each with count 1: its
    :func:`char_stream` in windows of :data:`CHUNK_CHARS` characters that overlap by
    ``max_n - 1``, so that memory stays that of a window and the n-grams found are exactly
    the sentence's."""
    hi = vec.char_ngram_range[1]
    if hi < 1:
        return {}
    stream = char_stream(sentence)
    names: dict = {}
    no_keep = np.zeros(1, dtype=bool)
    for a in range(0, max(len(stream), 1), CHUNK_CHARS):
        _ngram_dfs(vec, [stream[a:a + CHUNK_CHARS + hi - 1]], no_keep, names, {})
    return dict.fromkeys(names, 1)  # (windows may repeat an n-gram: one sentence)


def _word_and_lexicon_features(vec, sentence: str) -> set[str]:
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


def document_frequencies(vec, sentences: Iterable[str],
                         keep: Iterable[bool] | None = None) -> tuple[Counter, Counter, int]:
    """``(df, kept, n)``: for every feature of the ``n`` sentences, the number of sentences
    it occurs in, and the number of those whose ``keep`` flag is true (none when ``keep``
    is None) — the counts of ``analyze(s).keys()`` over the sentences.  Sentences are
    taken a chunk at a time (see the module's docstring for memory).

    Raises
    ------
    ValueError
        If ``keep`` has fewer or more flags than there are sentences.
    """
    df: Counter = Counter()
    kept: Counter = Counter()
    n = 0
    other = vec.use_words or vec._matcher is not None or bool(vec._patterns)
    for chunk, chunk_keep in _chunks(sentences, keep):
        n += len(chunk)
        chunk_df: dict = {}
        chunk_kept: dict = {}
        if len(chunk) == 1 and len(chunk[0]) + 1 > CHUNK_CHARS:
            chunk_df = _long_sentence_ngrams(vec, chunk[0])
            if chunk_keep[0]:
                chunk_kept = dict(chunk_df)
        else:
            _ngram_dfs(vec, chunk, np.asarray(chunk_keep, dtype=bool), chunk_df, chunk_kept)
        if other:  # words and lexicon themes: keys of their own ("w:", "L:")
            feats = [_word_and_lexicon_features(vec, s) for s in chunk]
            chunk_df.update(Counter(chain.from_iterable(feats)))
            chunk_kept.update(Counter(chain.from_iterable(
                f for f, flag in zip(feats, chunk_keep) if flag)))
        df.update(chunk_df)
        kept.update(chunk_kept)
    return df, kept, n
