"""The sentence vectorizer of the theme classifier: character n-grams, words and lexicon
hits as TF-IDF blocks (``tokens -> features``).

A sentence becomes three blocks of sparse features:

* ``c:`` character n-grams of the normalised sentence (punctuation and spaces removed,
  digits folded to ``0``), robust to segmentation errors and unseen compounds;
* ``w:`` words from the domain :class:`~cyberreport.tokenize.Tokenizer` (stop-words
  dropped, numbers folded), which keep domain terms such as 关键信息基础设施 whole;
* ``L:`` hits of the theme lexicon (``resources/theme_lexicon.json``), one feature per
  theme counting its strong terms once and its weak terms ``weak_weight`` times, so that a lexicon term never seen in the
  labelled data still carries weight.

The first two blocks are TF-IDF weighted (sublinear tf, smoothed idf) and L2-normalised
block by block; the lexicon block is ``log(1 + hits)``.  Each block is multiplied by its
weight.  The learned state is plain data — a feature list, idf values and block ids —
so a model file stores it without pickle, and transforming needs only numpy.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence

import numpy as np

from ..tokenize import Tokenizer
from ._df import check_keep_length, document_frequencies
from ._fast import Tables, char_stream, transform
from ._lexicon import lexicon_matcher, lexicon_theme, pattern_matchers
from ._tfidf import smooth_idf, sublinear_tf

__all__ = ["SentenceVectorizer", "BLOCKS"]

BLOCKS = ("c", "w", "L")


class SentenceVectorizer:
    """Fit a vocabulary and idf on sentences; transform sentences to CSR arrays.

    Private building block of :class:`~cyberreport.ThemeClassifier`; its state is
    exported with :meth:`get_state` and restored with :meth:`from_state`.
    """

    BLOCKS = BLOCKS

    def __init__(
        self,
        char_ngram_range: tuple[int, int] = (1, 3),
        use_words: bool = True,
        lexicon: dict[str, Sequence[str]] | None = None,
        block_weights: dict[str, float] | None = None,
        min_df: int = 1,
        tokenizer: Tokenizer | None = None,
        weak_weight: float = 0.5,
    ):
        self.char_ngram_range = tuple(char_ngram_range)
        self.use_words = use_words
        self.lexicon = dict(lexicon) if lexicon else {}
        self.block_weights = {"c": 1.0, "w": 1.0, "L": 1.0, **(block_weights or {})}
        self.min_df = min_df
        self.weak_weight = weak_weight
        self.tokenizer = tokenizer or Tokenizer(stopwords=True, numbers="fold", keep_titles=False)
        self._matcher, self._owners = lexicon_matcher(self.lexicon)
        self._patterns = pattern_matchers(self.lexicon)
        self._fast = None  # lookup tables of transform_arrays, built on first use

    # -- pickling: derived state is rebuilt, not sent -------------------------------
    _DERIVED = ("index_", "block_", "_matcher", "_owners", "_patterns", "_fast")

    def __getstate__(self):
        state = self.__dict__.copy()
        for name in self._DERIVED:
            state.pop(name, None)
        return state

    def __setstate__(self, state):
        self.__dict__.update(state)
        self._matcher, self._owners = lexicon_matcher(self.lexicon)
        self._patterns = pattern_matchers(self.lexicon)
        self._fast = None
        if "features_" in state:
            self.index_ = {f: i for i, f in enumerate(self.features_)}
            self.block_ = np.array([BLOCKS.index(f[0]) for f in self.features_], dtype=np.int8)

    # -- analysis ------------------------------------------------------------------
    def analyze(self, sentence: str) -> Counter:
        """Raw feature counts of one (normalised) sentence."""
        feats: Counter = Counter()
        lo, hi = self.char_ngram_range
        if hi >= 1:
            s = char_stream(sentence)
            n = len(s)
            for k in range(max(lo, 1), hi + 1):
                feats.update("c:" + s[i:i + k] for i in range(n - k + 1))
        if self.use_words:
            feats.update("w:" + t for t in self.tokenizer.cut(sentence))
        if self._matcher is not None:
            weak = self.weak_weight
            for m in self._matcher.finditer(sentence):
                for key in self._owners[m.group()]:
                    feats["L:" + lexicon_theme(key)] += weak if key.endswith("/weak") else 1.0
        for theme, pattern in self._patterns:
            if pattern.search(sentence):
                feats["L:" + theme] += 1.0
        return feats

    # -- fitting -------------------------------------------------------------------
    def fit(self, sentences: Iterable[str], keep: Iterable[bool] | None = None,
            keep_min_df: int = 1) -> "SentenceVectorizer":
        """Learn the vocabulary and idf.  A feature is kept when it occurs in at least
        ``min_df`` sentences, or in at least ``keep_min_df`` of the sentences whose
        ``keep`` flag is true (the labelled sentences of a classifier: its unlabelled
        ones need ``min_df``).  The counts are those of :meth:`analyze` over the
        sentences (:func:`._df.document_frequencies`; :meth:`_fit_reference` is the
        definition).  ``keep`` must have one flag per sentence (``ValueError``)."""
        df, kept, n = document_frequencies(self, sentences, keep)
        return self._set_vocabulary(df, kept, n, keep_min_df)

    def _set_vocabulary(self, df: Counter, kept: Counter, n: int,
                        keep_min_df: int) -> "SentenceVectorizer":
        """Keep the features of ``df`` (document frequencies among ``n`` sentences) that
        reach ``min_df``, or ``keep_min_df`` in ``kept``, and every lexicon feature; set
        the vocabulary, idf and blocks."""
        names = sorted(f for f, c in df.items()
                       if c >= self.min_df or kept[f] >= keep_min_df or f.startswith("L:"))
        self.features_ = names
        self.index_ = {f: i for i, f in enumerate(names)}
        dfa = np.array([df[f] for f in names], dtype=np.float64)
        idf = smooth_idf(dfa, n)
        self.block_ = np.array([BLOCKS.index(f[0]) for f in names], dtype=np.int8)
        idf[self.block_ == BLOCKS.index("L")] = 1.0
        self.idf_ = idf
        return self

    def _fit_reference(self, sentences: Iterable[str], keep: Iterable[bool] | None = None,
                       keep_min_df: int = 1) -> "SentenceVectorizer":
        """:meth:`fit` with one :meth:`analyze` per sentence (the definition the fast
        counting is tested against)."""
        df: Counter = Counter()
        kept: Counter = Counter()
        n = 0
        flags = iter(keep) if keep is not None else None
        for s in sentences:
            feats = self.analyze(s).keys()
            df.update(feats)
            if flags is not None and check_keep_length(flags, n, exhausted=False):
                kept.update(feats)
            n += 1
        if flags is not None:
            check_keep_length(flags, n, exhausted=True)
        return self._set_vocabulary(df, kept, n, keep_min_df)

    def _get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """JSON-ready configuration (with the tokenizer's) and the arrays of the fitted
        state (the model-file protocol)."""
        config = {
            "char_ngram_range": list(self.char_ngram_range),
            "use_words": self.use_words,
            "block_weights": self.block_weights,
            "min_df": self.min_df,
            "weak_weight": self.weak_weight,
            "lexicon": {k: list(v) for k, v in self.lexicon.items()},
            "features": self.features_,
            "tokenizer": self.tokenizer._get_state()[0],
        }
        return config, {"idf": self.idf_}

    @classmethod
    def _from_state(cls, config: dict, arrays: dict[str, np.ndarray]):
        """A fitted vectorizer from :meth:`_get_state`'s data."""
        tokenizer = Tokenizer._from_state(config["tokenizer"])
        self = cls(
            char_ngram_range=tuple(config["char_ngram_range"]),
            use_words=config["use_words"],
            lexicon=config["lexicon"],
            block_weights=config["block_weights"],
            min_df=config["min_df"],
            tokenizer=tokenizer,
            weak_weight=config["weak_weight"],
        )
        self.features_ = list(config["features"])
        self.index_ = {f: i for i, f in enumerate(self.features_)}
        self.idf_ = np.asarray(arrays["idf"], dtype=np.float64)
        self.block_ = np.array([BLOCKS.index(f[0]) for f in self.features_], dtype=np.int8)
        return self

    # -- transforming --------------------------------------------------------------
    def transform_arrays(self, sentences: Sequence[str], found: bool = False):
        """CSR components ``(indptr, indices, data)`` of the sentences' features.

        Column indices are sorted within each row.  The result equals
        :meth:`_transform_arrays_reference` (one :meth:`analyze` per sentence) up to
        floating-point rounding of the norms; the work is done for all sentences at once:
        character n-grams are looked up as integer keys with numpy, words through the
        tokenizer's id fast path, and counting, weighting and normalisation are array
        operations.

        With ``found=True`` a fourth item is returned, a ``Found``
        (``features._fast``): the character n-grams that are whole words of their
        sentence and the lexicon terms found, from the same passes (what evidence shows).
        """
        return transform(self, self._fast_tables(), sentences, found)

    def _fast_tables(self):
        """Lookup tables of the vectorised transform for the fitted vocabulary (built once
        per process, never pickled)."""
        t = self._fast
        if t is None or t.features is not self.features_ or t.tokenizer is not self.tokenizer:
            t = self._fast = Tables(self)
        return t

    def _transform_arrays_reference(self, sentences: Sequence[str]):
        """:meth:`transform_arrays`, one sentence at a time from :meth:`analyze` (the
        definition the fast path is tested against)."""
        index = self.index_
        idf = self.idf_
        block = self.block_
        weights = np.array([self.block_weights[b] for b in BLOCKS])
        lex = BLOCKS.index("L")
        indptr = [0]
        all_idx: list[np.ndarray] = []
        all_val: list[np.ndarray] = []
        for s in sentences:
            feats = self.analyze(s)
            pairs = [(index[f], c) for f, c in feats.items() if f in index]
            if not pairs:
                indptr.append(indptr[-1])
                continue
            pairs.sort()
            idx = np.fromiter((p[0] for p in pairs), dtype=np.int32, count=len(pairs))
            cnt = np.fromiter((p[1] for p in pairs), dtype=np.float64, count=len(pairs))
            b = block[idx]
            val = np.where(b == lex, np.log1p(cnt), sublinear_tf(cnt) * idf[idx])
            for k in range(len(BLOCKS)):
                if k == lex:
                    continue
                mask = b == k
                norm = np.sqrt(np.sum(val[mask] ** 2))
                if norm > 0:
                    val[mask] /= norm
            val *= weights[b]
            all_idx.append(idx)
            all_val.append(val)
            indptr.append(indptr[-1] + len(idx))
        indices = np.concatenate(all_idx) if all_idx else np.zeros(0, np.int32)
        data = np.concatenate(all_val) if all_val else np.zeros(0, np.float64)
        return np.asarray(indptr, dtype=np.int64), indices, data

    def transform(self, sentences: Sequence[str]):
        """A ``scipy.sparse.csr_matrix`` of the sentences' features (for training)."""
        from scipy.sparse import csr_matrix

        indptr, indices, data = self.transform_arrays(sentences)
        return csr_matrix((data, indices, indptr), shape=(len(sentences), len(self.features_)))
