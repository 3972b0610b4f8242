"""Topic discovery: clusters of work that the texts report, with readable terms.

:class:`TopicModel` clusters the *units* of the texts (sentences by default) and
describes each cluster by its most characteristic terms; :func:`topic_quality` measures
the result (NPMI coherence, diversity, stability across seeds, agreement with the
themes).  ``docs/topics.md`` explains the method and the measures in full.

Method, in brief
----------------
1. **Units.** Each text is split into sentences (:func:`cyberreport.split_sentences`), or
   kept whole with ``unit="paragraph"``.  Identical units are merged (and counted), and
   the unique units are sorted, so the result never depends on the input order.
2. **Features.** Tokens from ``Tokenizer(stopwords=True, numbers="drop")``, keeping only
   tokens of at least two characters with a Chinese or Latin letter; TF-IDF with
   sublinear term frequency, smoothed IDF and unit-length rows.
3. **Clustering.** Spectral clustering of the cosine k-nearest-neighbour graph of the
   units (``n_neighbors=15``, UMAP's and BERTopic's default; only units that share a
   term are linked), eigenvectors discretised with the deterministic QR method, then
   refined to a fixed point where every unit belongs to its nearest topic centroid.  The
   benchmark (``benchmarks/bench_topics.py``) shows why this and not k-means or NMF:
   k-means on these short, sparse texts changes from seed to seed (adjusted Rand index
   about 0.25) and both give less coherent, less diverse topics.
4. **Terms.** Class-based TF-IDF (c-TF-IDF, as in BERTopic): a term's weight in topic
   *c* is ``tf(t, c) * log(1 + A / f(t))``, where ``tf`` is the share of the topic's
   term occurrences that are ``t`` (a term counts once per unit), ``f(t)`` its
   occurrences in all topics and ``A`` the mean number of term occurrences per topic.
   Ties, frequent on small data, are broken by how representative the term's best unit
   is (cosine to the topic centroid), then by the term itself.
5. **Number of topics.** ``n_topics="auto"`` tries every k from 2 to
   ``n_units // min_topic_size`` (at most ``max_topics``) and keeps the k that maximises
   ``(1 + NPMI) / 2 * diversity * stability`` (see :meth:`TopicModel.fit`).

Examples
--------
>>> import cyberreport as cr
>>> tm = cr.TopicModel(n_topics=8).fit(cr.load_corpus().texts)
>>> len(tm.topics_), len(tm.topics_[0].label) > 0
(8, True)
"""

from __future__ import annotations

from collections.abc import Sequence
from numbers import Integral

import numpy as np

from .._deprecation import renamed_param, renamed_value, warn_deprecated
from .._texts import check_texts, text_of
from .._validation import Interval, Options, ParamsMixin
from ..exceptions import NotFittedError
from ..features._tfidf import smooth_idf
from ..tokenize import Tokenizer
from ._tables import TopicTablesMixin
from ._features import MAX_TERM_LEN, is_term, tfidf_rows, units_of
from ._select import choose_k
from ._spectral import (cluster_qr, connected_knn_graph, embedding,
                        refine)
from ._state import from_state, get_state
from ._describe import describe
from ._topic import Topic

__all__ = ["TopicModel", "Topic"]

_UNIT_RENAMES = {"paragraph": "text", "document": "text"}
# -- the estimator ---------------------------------------------------------------------
class TopicModel(TopicTablesMixin, ParamsMixin):
    """Topics of 网信 texts: spectral clustering of TF-IDF units, c-TF-IDF terms.

    Parameters
    ----------
    n_topics : int or "auto", default="auto"
        Number of topics, or ``"auto"`` to choose it (see :meth:`fit`).
    unit : {"sentence", "text"}, default="sentence"
        What is clustered: the sentences of the texts, or each text as a whole
        (``"paragraph"`` in 0.1).
    random_state : int, default=0
        Seed of the eigensolver.  The same seed gives identical topics.
    n_neighbors : int, default=15
        Neighbours per unit in the similarity graph (capped at ``n_units - 1``).
    top_n : int, default=10
        Terms kept per topic in :attr:`topics_` (``n_terms`` in 0.1).
    n_representative : int, default=3
        Representative units kept per topic.
    min_topic_size : int, default=7
        ``"auto"`` considers only k with at least this many units per topic on
        average, i.e. ``k <= n_units // min_topic_size``.
    max_topics : int, default=30
        Largest k that ``"auto"`` considers.

    Attributes
    ----------
    n_topics_ : int
        Number of topics found.
    topics_ : list of Topic
        The topics, by id.
    vocabulary_ : list of str
        The feature terms, sorted.
    idf_ : ndarray of shape (n_terms,)
    centroids_ : ndarray of shape (n_topics_, n_terms)
        Unit-length topic centroids in TF-IDF space (used by :meth:`transform`).
    ctfidf_ : ndarray of shape (n_topics_, n_terms)
        c-TF-IDF weight of every term in every topic.
    units_ : list of str
        The unique units that were clustered, sorted.
    unit_counts_ : ndarray of int
        How often each unit occurred in the training texts.
    labels_ : ndarray of int
        Topic of each unit of ``units_``.
    auto_scores_ : list of dict or None
        With ``n_topics="auto"``: for every k tried, its NPMI, diversity, stability
        and score.

    Examples
    --------
    >>> import cyberreport as cr
    >>> tm = cr.TopicModel(n_topics=6, random_state=0).fit(cr.load_corpus().texts)
    >>> tm.n_topics_
    6
    >>> len(tm.predict(["开展网络安全检查。"]))
    1
    """

    def __init__(
        self,
        n_topics: int | str = "auto",
        unit: str = "sentence",
        random_state: int = 0,
        n_neighbors: int = 15,
        top_n: int = 10,
        n_representative: int = 3,
        min_topic_size: int = 7,
        max_topics: int = 30,
        **deprecated,
    ):
        if "n_terms" in deprecated:
            warn_deprecated("TopicModel(n_terms=...) is deprecated since cyberreport 0.2 and "
                            "will be removed in 0.4; use top_n= instead")
            top_n = deprecated.pop("n_terms")
        if deprecated:
            raise TypeError(f"TopicModel() got unexpected keyword argument(s) "
                            f"{', '.join(map(repr, sorted(deprecated)))}")
        self.n_topics = n_topics
        self.unit = unit
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.top_n = top_n
        self.n_representative = n_representative
        self.min_topic_size = min_topic_size
        self.max_topics = max_topics

    # -- scikit-learn protocol ----------------------------------------------------
    def __sklearn_tags__(self):
        from sklearn.utils import InputTags, Tags, TargetTags

        return Tags(
            estimator_type="clusterer",
            target_tags=TargetTags(required=False),
            input_tags=InputTags(string=True, two_d_array=False),
            non_deterministic=False,
        )


    def _clone(self, **changes) -> "TopicModel":
        """An unfitted copy with some parameters changed."""
        return type(self)(**{**self.get_params(), **changes})

    # -- validation -----------------------------------------------------------------
    _parameter_constraints = {
        "n_topics": [Options(("auto",)), Interval(Integral, 1, None, "left")],
        "unit": [Options(("sentence", "text", "paragraph", "document"))],
        "random_state": ["random_state"],
        "n_neighbors": [Interval(Integral, 1, None, "left")],
        "top_n": [Interval(Integral, 1, None, "left")],
        "n_representative": [Interval(Integral, 1, None, "left")],
        "min_topic_size": [Interval(Integral, 1, None, "left")],
        "max_topics": [Interval(Integral, 1, None, "left")],
    }

    def _check_fitted(self) -> None:
        if not hasattr(self, "topics_"):
            raise NotFittedError("this TopicModel is not fitted yet; call fit(texts) first")

    # -- features -------------------------------------------------------------------
    def _tokenizer(self) -> Tokenizer:
        """The feature tokenizer (made on first use; not part of the parameters)."""
        tok = getattr(self, "_tok", None)
        if tok is None:
            tok = self._tok = Tokenizer(stopwords=True, numbers="drop")
        return tok

    def _analyze(self, units: Sequence[str]) -> list[list[str]]:
        tok = self._tokenizer()
        return [[t for t in toks if is_term(t)] for toks in tok.cut_many(units)]

    # -- fitting --------------------------------------------------------------------
    def fit(self, texts, y=None) -> "TopicModel":
        """Find the topics of ``texts``.

        With ``n_topics="auto"`` every k from 2 to ``min(max_topics, n_units //
        min_topic_size)`` is fitted, and the k with the best
        ``(1 + NPMI) / 2 * diversity * stability`` is kept: NPMI is the mean normalised
        pointwise mutual information of each topic's top-10 terms over the training
        units, diversity the unique share of all topics' top-10 terms, stability the
        mean adjusted Rand index between the clustering at ``random_state`` and at two
        further seeds.  Ties go to the smaller k.

        Parameters
        ----------
        texts : sequence of str or of :class:`~cyberreport.Paragraph`
        y : ignored

        Returns
        -------
        self

        Raises
        ------
        ValueError
            If the parameters are invalid, ``texts`` is empty, every text is empty
            (no unit with a content word), or there are fewer distinct units than
            ``n_topics``.
        """
        self._validate_params()
        self.unit_ = renamed_value("unit", self.unit, _UNIT_RENAMES, owner="TopicModel")
        texts = [text_of(x) for x in check_texts(texts, "texts")]
        if not texts:
            raise ValueError("texts is empty: need at least one text to fit topics")
        counts: dict[str, int] = {}
        for t in texts:
            for u in units_of(t, self.unit_):
                counts[u] = counts.get(u, 0) + 1
        if not counts:
            raise ValueError(
                f"all {len(texts)} texts are empty (nothing but whitespace); "
                "cannot fit topics"
            )
        units = sorted(counts)  # canonical order: independent of the input order
        tokens = self._analyze(units)
        keep = [i for i, toks in enumerate(tokens) if toks]
        if not keep:
            raise ValueError(
                f"all texts are empty of content words: none of their {len(units)} "
                f"{self.unit_}s has a term left after removing stop-words, numbers and "
                "punctuation; cannot fit topics"
            )
        units = [units[i] for i in keep]
        tokens = [tokens[i] for i in keep]
        weights = np.array([counts[u] for u in units], dtype=float)
        n = len(units)
        if self.n_topics != "auto" and n < self.n_topics:
            raise ValueError(
                f"fewer texts than topics: the texts have {n} distinct non-empty "
                f"{self.unit_}s, fewer than n_topics={self.n_topics}; lower n_topics or "
                "give more texts"
            )
        if self.n_topics == "auto" and n < 2:
            raise ValueError(
                f"fewer texts than topics: n_topics='auto' needs at least 2 distinct "
                f"non-empty {self.unit_}s, the texts have {n}"
            )

        vocab = sorted({t for toks in tokens for t in toks})
        vocab_index = {t: j for j, t in enumerate(vocab)}
        dictionary = self._tokenizer().vocabulary()
        self._allowed = np.array([len(t) <= MAX_TERM_LEN or t in dictionary for t in vocab],
                                 dtype=bool)
        df = np.zeros(len(vocab))
        for toks in tokens:
            for t in set(toks):
                df[vocab_index[t]] += 1
        idf = smooth_idf(df, n)
        X = tfidf_rows(tokens, vocab_index, idf)
        B = (X > 0).astype(float).tocsr()  # term presence per unit
        graph = connected_knn_graph(X, self.n_neighbors)

        if self.n_topics == "auto":
            k, scores = choose_k(self, X, B, graph, weights, vocab, units)
            self.auto_scores_ = scores
        else:
            k = int(self.n_topics)
            self.auto_scores_ = None
        labels = self._cluster(X, graph, k, self.random_state)
        self._finish(X, B, labels, weights, vocab, idf, units)
        return self

    @staticmethod
    def _cluster(X, graph, k: int, seed: int) -> np.ndarray:
        """Spectral clustering into ``k`` topics (what scikit-learn's
        ``SpectralClustering(affinity="precomputed", assign_labels="cluster_qr")`` does),
        refined to nearest-centroid labels."""
        n = X.shape[0]
        if k == 1 or n <= k:
            return np.zeros(n, dtype=int) if k == 1 else np.arange(n)
        return refine(X, cluster_qr(embedding(graph, k, seed)), k)

    def _finish(self, X, B, labels, weights, vocab, idf, units) -> None:
        """Set the fitted attributes from the final clustering (see :func:`describe`)."""
        for name, value in describe(self, X, B, labels, weights, vocab, idf, units).items():
            setattr(self, name, value)

    # -- inference ------------------------------------------------------------------
    def _unit_weights(self, units: Sequence[str]) -> np.ndarray:
        """Topic weights of each unit: cosine to each topic centroid, clipped at 0 and
        normalised to sum 1 (all zero for a unit without a known term)."""
        if not units:
            return np.zeros((0, self.n_topics_))
        X = tfidf_rows(self._analyze(units), self._vocab_index, self.idf_)
        S = np.maximum(np.asarray(X @ self.centroids_.T), 0.0)
        tot = S.sum(axis=1, keepdims=True)
        return np.divide(S, tot, out=np.zeros_like(S), where=tot > 0)

    def transform(self, texts) -> np.ndarray:
        """Document–topic weights, shape ``(n_texts, n_topics_)``.

        A unit's weights are its cosine similarities to the topic centroids, clipped at
        0 and normalised to sum 1; a text's weights are the mean over its units that
        have at least one known term.  A text without any known term gets a row of
        zeros.

        Examples
        --------
        >>> tm.transform(["开展网络安全检查。建设县级融媒体中心。"]).shape
        (1, 6)
        """
        self._check_fitted()
        texts = [text_of(x) for x in check_texts(texts, "texts")]
        per_text = [units_of(t, self.unit_) for t in texts]
        flat = [u for us in per_text for u in us]
        U = self._unit_weights(flat)
        out = np.zeros((len(texts), self.n_topics_))
        pos = 0
        for d, us in enumerate(per_text):
            rows = U[pos:pos + len(us)]
            pos += len(us)
            known = rows[rows.sum(axis=1) > 0]
            if len(known):
                out[d] = known.mean(axis=0)
        return out

    def predict(self, texts) -> np.ndarray:
        """The topic id of each text (the largest weight of :meth:`transform`;
        ties go to the lower id), or ``-1`` for a text without any known term.

        Examples
        --------
        >>> tm.predict(["加强关键信息基础设施网络安全检查。"]).shape
        (1,)
        """
        W = self.transform(texts)
        out = W.argmax(axis=1) if W.shape[0] else np.zeros(0, dtype=int)
        out = np.where(W.sum(axis=1) > 0, out, -1)
        return out.astype(int)

    def fit_predict(self, texts, y=None) -> np.ndarray:
        """``fit(texts).predict(texts)``."""
        return self.fit(texts).predict(texts)

    @renamed_param("n", "top_n")
    def topic_terms(self, top_n: int = 10) -> list[list[str]]:
        """The top ``top_n`` terms of every topic, by topic id.

        Examples
        --------
        >>> len(tm.topic_terms(3)[0])
        3
        """
        from .._validation import check_value

        check_value("top_n", top_n, [Interval(Integral, 1, None, "left")])
        self._check_fitted()
        return [t.top_terms(top_n) for t in self.topics_]

    # -- persistence ------------------------------------------------------------------
    def save(self, path) -> None:
        """Save the fitted model to folder ``path`` atomically (load it with
        :func:`cyberreport.load_model`).

        Examples
        --------
        >>> import tempfile, os, cyberreport as cr
        >>> folder = os.path.join(tempfile.mkdtemp(), "topics")
        >>> tm.save(folder)
        >>> cr.load_model(folder).topic_terms(3) == tm.topic_terms(3)
        True
        """
        from .._modelfile import save_estimator

        self._check_fitted()
        save_estimator(self, path)

    def _get_state(self) -> tuple[dict, dict[str, np.ndarray]]:
        """The fitted state as JSON-ready data and named arrays (the model-file protocol)."""
        self._check_fitted()
        return get_state(self)

    @classmethod
    def _from_state(cls, params: dict, state: dict, arrays: dict) -> "TopicModel":
        """A fitted model from :meth:`_get_state`'s data."""
        return from_state(cls, params, state, arrays)

    # -- pickling -----------------------------------------------------------------
    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_tok", None)
        return state


