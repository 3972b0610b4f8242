"""Vectorised feature extraction: the fast path of ``SentenceVectorizer.transform_arrays``
(many sentences at once, with numpy).

``SentenceVectorizer.analyze``
defines the features of one sentence; doing that with a ``Counter`` per sentence costs
well over 100 µs a sentence, most of it Python-level work per character n-gram.  Here
the sentences of a batch are processed together:

* the text of the batch becomes one array of code points (``sid`` gives each position's
  sentence);
* character n-grams and lexicon terms are looked up with a :class:`_Trie` — an automaton
  over character ids whose transitions are numpy arrays — level by level for all
  positions at once;
* lexicon hits keep ``re.finditer``'s semantics over the longest-first alternation
  (leftmost, longest, non-overlapping), decided for all candidates at once;
* words come from the tokenizer's id fast path (``TokenIdCutter``), which cuts
  the sentences of the batch in one call; the lexicon patterns from their regexes, one
  sentence at a time;
* counting, tf-idf weighting and block normalisation are array operations.

The result equals ``SentenceVectorizer._transform_arrays_reference`` (tested); values
may differ in the last bits because sums of squares are added in another order.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import NamedTuple

import numpy as np

from ._lexicon import lexicon_theme

__all__: list[str] = []

# Dense transition tables up to this many entries (int32: 16 MB); sorted arrays beyond.
_DENSE_LIMIT = 1 << 22
_ALNUM_BMP: np.ndarray | None = None


def _alnum_bmp() -> np.ndarray:
    """``chr(c).isalnum()`` for every BMP code point (what ``re``'s ``\\w`` tests, bar
    ``_``), built once per process (~10 ms)."""
    global _ALNUM_BMP
    if _ALNUM_BMP is None:
        _ALNUM_BMP = np.fromiter((chr(c).isalnum() for c in range(0x10000)), dtype=bool,
                                 count=0x10000)
    return _ALNUM_BMP


_NON_WORD_RE = re.compile(r"[\W_]+")
_DIGIT_RE = re.compile(r"[0-9]")


def char_stream(sentence: str) -> str:
    """What the character n-grams of a sentence are taken from: its word characters
    (``[\\W_]+`` removed), ASCII digits folded to ``0``."""
    return _DIGIT_RE.sub("0", _NON_WORD_RE.sub("", sentence))


def word_mask(cp: np.ndarray) -> np.ndarray:
    """True where :func:`char_stream` keeps the character (``[\\W_]+`` removes the
    others): ``str.isalnum``."""
    table = _alnum_bmp()
    bmp = cp < 0x10000
    if bmp.all():
        return table[cp]
    out = np.zeros(len(cp), dtype=bool)
    out[bmp] = table[cp[bmp]]
    astral = cp[~bmp]
    uniq = np.unique(astral)
    ok = np.array([chr(int(c)).isalnum() for c in uniq], dtype=bool)
    out[~bmp] = ok[np.searchsorted(uniq, astral)]
    return out


class _Trie:
    """A set of terms (``term -> value >= 0``) as an automaton over character ids.

    Node ids of level ``k`` number the distinct ``k``-character prefixes of the terms
    (1-based; 0 means "no such prefix"); level 1 uses the character ids themselves.
    ``step(k, nodes, chars)`` moves from level ``k - 1`` to ``k`` for arrays of nodes and
    next characters; ``values[k][node]`` is the value of the term that ends there, or -1.
    """

    def __init__(self, terms: dict[str, int]):
        chars = sorted({c for t in terms for c in t})
        self.base = base = len(chars) + 1
        codes = np.array([ord(c) for c in chars], dtype=np.int64)
        self.depth = max((len(t) for t in terms), default=0)
        if len(codes) and codes[-1] < (1 << 18):
            self._char_table = np.zeros(int(codes[-1]) + 1, dtype=np.int64)
            self._char_table[codes] = np.arange(1, len(codes) + 1)
            self._codes = None
        else:
            self._char_table = None
            self._codes = codes
        char_id = {c: i + 1 for i, c in enumerate(chars)}
        ids = {c: char_id[c] for c in chars}  # level-1 prefixes
        self.values: list = [None, np.full(base, -1, dtype=np.int64)]
        for t, v in terms.items():
            if len(t) == 1:
                self.values[1][char_id[t]] = v
        self._edges: list = [None, None]
        for k in range(2, self.depth + 1):
            prefixes = sorted({t[:k] for t in terms if len(t) >= k})
            node = {p: i + 1 for i, p in enumerate(prefixes)}
            keys = np.array([ids[p[:-1]] * base + char_id[p[-1]] for p in prefixes], dtype=np.int64)
            child = np.arange(1, len(prefixes) + 1, dtype=np.int64)
            size = (len(ids) + 1) * base
            if size <= _DENSE_LIMIT:
                table = np.zeros(size, dtype=np.int32)
                table[keys] = child
                self._edges.append(table)
            else:
                order = np.argsort(keys)
                self._edges.append((keys[order], child[order]))
            vals = np.full(len(prefixes) + 1, -1, dtype=np.int64)
            for p, i in node.items():
                vals[i] = terms.get(p, -1)
            self.values.append(vals)
            ids = node

    def char_ids(self, cp: np.ndarray) -> np.ndarray:
        """The character id of every code point (0 for characters of no term)."""
        if self._char_table is not None:
            table = self._char_table
            inside = cp < len(table)
            if inside.all():
                return table[cp]
            return np.where(inside, table[np.minimum(cp, len(table) - 1)], 0)
        codes = self._codes
        if not len(codes):
            return np.zeros(len(cp), dtype=np.int64)
        pos = np.minimum(np.searchsorted(codes, cp), len(codes) - 1)
        return np.where(codes[pos] == cp, pos + 1, 0)

    def step(self, k: int, nodes: np.ndarray, chars: np.ndarray) -> np.ndarray:
        keys = nodes * self.base + chars
        edges = self._edges[k]
        if isinstance(edges, np.ndarray):
            return edges[keys].astype(np.int64)
        sorted_keys, child = edges
        if not len(sorted_keys):
            return np.zeros(len(keys), dtype=np.int64)
        pos = np.minimum(np.searchsorted(sorted_keys, keys), len(sorted_keys) - 1)
        return np.where(sorted_keys[pos] == keys, child[pos], 0)

    def walk(self, cid: np.ndarray, sid: np.ndarray, max_len: int | None = None):
        """For ``k = 1, 2, ...``: ``(k, starts, values)`` of the terms of length ``k``
        that occur in the stream at ``starts`` inside one sentence (``sid``)."""
        n = len(cid)
        depth = self.depth if max_len is None else min(self.depth, max_len)
        starts = np.flatnonzero(cid > 0)
        nodes = cid[starts]
        for k in range(1, depth + 1):
            if k > 1:
                nxt = starts + (k - 1)
                ok = nxt < n
                if not ok.all():
                    starts, nodes, nxt = starts[ok], nodes[ok], nxt[ok]
                ok = sid[nxt] == sid[starts]
                nodes = self.step(k, np.where(ok, nodes, 0), np.where(ok, cid[nxt], 0))
                alive = nodes > 0
                starts, nodes = starts[alive], nodes[alive]
            if not len(starts):
                return
            vals = self.values[k][nodes]
            hit = vals >= 0
            yield k, starts[hit], vals[hit]


class Tables:
    """What the vectorised transform needs from a fitted ``SentenceVectorizer``."""

    def __init__(self, vec):
        self.features = vec.features_
        self.tokenizer = vec.tokenizer
        index = vec.index_
        lo, hi = vec.char_ngram_range
        self.sizes = list(range(max(lo, 1), hi + 1)) if hi >= 1 else []
        grams = {f[2:]: i for f, i in index.items()
                 if f.startswith("c:") and len(f) - 2 in self.sizes}
        self.grams = _Trie(grams) if self.sizes else None
        self.words = None
        if vec.use_words:
            self.words = vec.tokenizer._token_ids(
                {f[2:]: i for f, i in index.items() if f.startswith("w:")}
            )
        self._char_words = None  # built when first asked for (evidence)
        # Lexicon terms: term number -> its (feature id, weight) hits, flattened.
        terms = sorted(vec._owners)
        self.lexicon = _Trie({t: i for i, t in enumerate(terms)}) if terms else None
        self.lexicon_terms = terms
        weak = vec.weak_weight
        hit_fid: list[int] = []
        hit_w: list[float] = []
        first = [0]
        for t in terms:
            for key in vec._owners[t]:
                fid = index.get("L:" + lexicon_theme(key))
                if fid is not None:
                    hit_fid.append(fid)
                    hit_w.append(weak if key.endswith("/weak") else 1.0)
            first.append(len(hit_fid))
        self.hit_fid = np.array(hit_fid, dtype=np.int64)
        self.hit_w = np.array(hit_w, dtype=np.float64)
        self.hit_first = np.array(first, dtype=np.int64)
        self.patterns = [(index["L:" + theme], p) for theme, p in vec._patterns
                         if "L:" + theme in index]
        self.block = vec.block_
        self.idf = vec.idf_
        blocks = vec.BLOCKS
        self.n_blocks = len(blocks)
        self.weights = np.array([vec.block_weights[b] for b in blocks], dtype=np.float64)
        self.unit_weights = bool(np.all(self.weights == 1.0))  # then weighting is a no-op
        self.lex_block = blocks.index("L")
        self.n_features = len(vec.features_)

    def char_words(self):
        """``(cutter, word_to_char)`` for finding the character n-gram features that are
        whole words of a sentence while cutting it for the word features: the cutter maps
        a word feature's token to its feature id, any other token that is a character
        n-gram feature (two characters or more) to ``n_features`` + that feature's id;
        ``word_to_char[id]`` is the character n-gram feature of word feature ``id`` (or
        -1)."""
        if self._char_words is None:
            n = self.n_features
            chars = {f[2:]: i for i, f in enumerate(self.features)
                     if f.startswith("c:") and len(f) >= 4}
            words = {f[2:]: i for i, f in enumerate(self.features) if f.startswith("w:")} \
                if self.words is not None else {}
            ids = {t: n + i for t, i in chars.items() if t not in words}
            ids.update(words)
            word_to_char = np.full(n, -1, dtype=np.int64)
            for t, i in words.items():
                word_to_char[i] = chars.get(t, -1)
            self._char_words = (self.tokenizer._token_ids(ids), word_to_char)
        return self._char_words


class Found(NamedTuple):
    """What a transform found in the sentences besides their features (for evidence).

    ``char_words``: sorted keys ``row * n_features + fid`` of the character n-gram
    features of two characters or more that are tokens of ``tokenizer.cut`` of their
    sentence; ``lexicon_rows``, ``lexicon_term``: the lexicon terms found (numbers into
    ``terms``), by sentence and position, as the lexicon regex's ``finditer`` finds them.
    """

    char_words: np.ndarray
    lexicon_rows: np.ndarray
    lexicon_term: np.ndarray
    terms: list

    def lexicon_of(self, n: int) -> list[list[str]]:
        """The lexicon terms of each of the ``n`` sentences, in order of occurrence."""
        rows = self.lexicon_rows
        bounds = np.searchsorted(rows, np.arange(n + 1)).tolist()
        names = [self.terms[i] for i in self.lexicon_term.tolist()]
        return [names[bounds[r]:bounds[r + 1]] for r in range(n)]


def _leftmost_nonoverlapping(starts: np.ndarray, ends: np.ndarray) -> np.ndarray:
    """The matches ``finditer`` keeps among candidates sorted by start: a candidate is
    kept unless a kept one before it ends after its start.

    Decided in vectorised rounds: a candidate that no undecided or kept earlier one
    overlaps is kept; one that a kept earlier one overlaps is dropped (usually one or
    two rounds: most overlaps are a term's own shorter suffix terms)."""
    n = len(starts)
    state = np.zeros(n, dtype=np.int8)  # 0 undecided, 1 kept, -1 dropped
    while True:
        und = np.flatnonzero(state == 0)
        if not len(und):
            return starts[state == 1]
        kept = np.flatnonzero(state == 1)
        if len(kept):
            # the largest end among kept candidates that start before each undecided one
            reach = np.maximum.accumulate(ends[kept])
            k = np.searchsorted(starts[kept], starts[und], side="left") - 1
            hit = k >= 0
            blocked = np.zeros(len(und), dtype=bool)
            blocked[hit] = reach[k[hit]] > starts[und][hit]
            state[und[blocked]] = -1
            und = und[~blocked]
            if not len(und):
                continue
        # kept: no earlier undecided candidate reaches it
        prev = np.full(len(und), -1, dtype=ends.dtype)
        if len(und) > 1:
            np.maximum.accumulate(ends[und][:-1], out=prev[1:])
        free = prev <= starts[und]
        state[und[free]] = 1


def _lexicon_matches(t: Tables, cp: np.ndarray, sid: np.ndarray):
    """``(rows, term numbers)`` of the lexicon terms found in the sentences, by sentence
    and position: the matches of the lexicon regex's ``finditer``."""
    empty = (np.zeros(0, np.int64), np.zeros(0, np.int64))
    trie = t.lexicon
    if trie is None or not len(cp):
        return empty
    cid = trie.char_ids(cp)
    best_len = np.zeros(len(cp), dtype=np.int64)
    best_term = np.zeros(len(cp), dtype=np.int64)
    for k, starts, vals in trie.walk(cid, sid):
        best_len[starts] = k  # deeper levels come later: the longest term wins
        best_term[starts] = vals
    cand = np.flatnonzero(best_len)
    if not len(cand):
        return empty
    pos = _leftmost_nonoverlapping(cand, cand + best_len[cand])
    return sid[pos], best_term[pos]


def _lexicon_hits(t: Tables, matches):
    """``(rows, feature ids, weights)`` of the lexicon hits, in the order ``analyze``
    adds them: by sentence, match position, then the term's owners."""
    row, term = matches
    if not len(row):
        return np.zeros(0, np.int64), np.zeros(0, np.int64), np.zeros(0)
    lo, hi = t.hit_first[term], t.hit_first[term + 1]
    reps = hi - lo
    rows = np.repeat(row, reps)
    # the hit indices lo..hi-1 of every match, concatenated
    offs = np.arange(reps.sum()) - np.repeat(np.cumsum(reps) - reps, reps)
    hit = np.repeat(lo, reps) + offs
    return rows, t.hit_fid[hit], t.hit_w[hit]


def transform(vec, t: Tables, sentences: Sequence[str], found: bool = False):
    """CSR arrays ``(indptr, indices, data)`` of ``sentences`` (see module docstring).

    With ``found=True`` also a :class:`Found`: what the features were computed from that
    evidence shows (the character n-grams that are whole words, the lexicon terms)."""
    if not isinstance(sentences, list):
        sentences = list(sentences)
    n = len(sentences)
    n_feat = t.n_features
    if n == 0:
        empty = np.zeros(1, dtype=np.int64), np.zeros(0, dtype=np.int32), np.zeros(0)
        none = np.zeros(0, dtype=np.int64)
        return (*empty, Found(none, none, none, t.lexicon_terms)) if found else empty
    lens = np.fromiter(map(len, sentences), dtype=np.int64, count=n)
    raw = "".join(sentences).encode("utf-32-le", "surrogatepass")
    cp = np.frombuffer(raw, dtype=np.uint32).astype(np.int64)
    sid = np.repeat(np.arange(n, dtype=np.int64), lens)
    keys = []  # row * n_feat + feature id, one per occurrence of a counted feature
    # character n-grams of the sentence without non-word characters, digits as 0
    if t.grams is not None:
        keep = word_mask(cp)
        ccp = cp[keep]
        csid = sid[keep]
        ccp[(ccp >= 48) & (ccp <= 57)] = 48
        for k, starts, fids in t.grams.walk(t.grams.char_ids(ccp), csid, max(t.sizes)):
            if k in t.sizes:
                keys.append(csid[starts] * n_feat + fids)
    # words: the tokenizer's ids of all sentences, cut in one call
    cw_keys = None
    if found:
        cutter, word_to_char = t.char_words()
        counts, ids = cutter.batch(sentences)
        row_of = np.repeat(np.arange(n, dtype=np.int64), counts)
        word = ids < n_feat
        cid = np.where(word, word_to_char[np.where(word, ids, 0)], ids - n_feat)
        cw_keys = np.unique(row_of[cid >= 0] * n_feat + cid[cid >= 0])
        if t.words is not None and word.any():
            keys.append(row_of[word] * n_feat + ids[word])
    elif t.words is not None:
        counts, ids = t.words.batch(sentences)
        if len(ids):
            keys.append(np.repeat(np.arange(n, dtype=np.int64), counts) * n_feat + ids)
    allk = np.sort(np.concatenate(keys)) if keys else np.zeros(0, dtype=np.int64)
    if len(allk):
        new = np.empty(len(allk), dtype=bool)
        new[0] = True
        np.not_equal(allk[1:], allk[:-1], out=new[1:])
        starts = np.flatnonzero(new)
        ukey = allk[starts]
        cnt = np.diff(starts, append=len(allk)).astype(np.float64)
    else:
        ukey, cnt = allk, np.zeros(0)
    # lexicon terms and patterns: weighted counts, summed in the order analyze() adds them
    matches = _lexicon_matches(t, cp, sid)
    l_rows, l_fid, l_w = _lexicon_hits(t, matches)
    if t.patterns:
        p_rows, p_fid = [], []
        for fid, pattern in t.patterns:
            search = pattern.search
            for r, s in enumerate(sentences):
                if search(s):
                    p_rows.append(r)
                    p_fid.append(fid)
        if p_rows:
            order = np.argsort(p_rows, kind="stable")  # by sentence, then pattern order
            p_rows = np.asarray(p_rows, dtype=np.int64)[order]
            p_fid = np.asarray(p_fid, dtype=np.int64)[order]
            l_rows = np.concatenate([l_rows, np.asarray(p_rows, dtype=np.int64)])
            l_fid = np.concatenate([l_fid, np.asarray(p_fid, dtype=np.int64)])
            l_w = np.concatenate([l_w, np.ones(len(p_rows))])
    if len(l_rows):
        lk = l_rows * n_feat + l_fid
        order = np.argsort(lk, kind="stable")  # by row (term hits before patterns), fid
        lk, lv = lk[order], l_w[order]
        first = np.flatnonzero(np.concatenate(([True], lk[1:] != lk[:-1])))
        at = np.searchsorted(ukey, lk[first])
        ukey = np.insert(ukey, at, lk[first])
        cnt = np.insert(cnt, at, np.add.reduceat(lv, first))
    # keys are sorted, i.e. by row then column: find the rows without dividing
    indptr = np.searchsorted(ukey, np.arange(n + 1, dtype=np.int64) * n_feat)
    rows = np.repeat(np.arange(n, dtype=np.int64), np.diff(indptr))
    idx = ukey - rows * n_feat
    b = t.block[idx]
    # tf-idf: (1 + log(count)) * idf, where most counts are 1 (log 0); lexicon log1p(count)
    val = t.idf[idx]
    many = cnt > 1
    if many.any():
        val[many] = (1.0 + np.log(cnt[many])) * val[many]
    is_lex = b == t.lex_block
    if is_lex.any():
        val[is_lex] = np.log1p(cnt[is_lex])
    sq = val * val
    sq[is_lex] = 0.0
    group = rows * t.n_blocks + b
    norm = np.sqrt(np.bincount(group, weights=sq, minlength=n * t.n_blocks))[group]
    np.divide(val, norm, out=val, where=~is_lex & (norm > 0))
    if not t.unit_weights:
        val *= t.weights[b]
    if found:
        return indptr, idx.astype(np.int32), val, Found(cw_keys, *matches, t.lexicon_terms)
    return indptr, idx.astype(np.int32), val
