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
   refined to a fixed point where every unit belongs to its nearest topic centroid.
   Beyond ``sample_size`` distinct units (10,000 by default) the graph, the embedding and
   the choice of k use a seeded stratified sample of that many units, and every unit
   then joins its nearest topic, refined over all units (``docs/topics.md``).  The
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

from numbers import Integral

import numpy as np

from .._deprecation import renamed_kwargs, renamed_param, renamed_value
from .._validation import Interval, Options, ParamsMixin
from ..exceptions import NotFittedError
from ..tokenize import Tokenizer
from ._tables import TopicTablesMixin
from ._describe import describe
from ._spectral import cluster_qr, embedding, refine
from ._state import from_state, get_state
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
    sample_size : int or None, default=10000
        Up to this many distinct units the method is exact.  With more, the
        neighbour graph, its spectral embedding and the choice of k are computed on a
        stratified sample of ``sample_size`` units drawn with ``random_state``, and every
        unit then joins its nearest topic (refined over all units), so that time and
        memory grow linearly.  ``None``: always exact (time and memory grow with the
        square of the number of units).

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
        and score (on the sample, when there was one).
    n_graph_units_ : int
        Units in the neighbour graph: all of them (exact), or the sample's.

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
        sample_size: int | None = 10_000,
        **deprecated,
    ):
        top_n = renamed_kwargs("TopicModel", deprecated, {"n_terms": "top_n"}).get("top_n", top_n)
        self.n_topics = n_topics
        self.unit = unit
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.top_n = top_n
        self.n_representative = n_representative
        self.min_topic_size = min_topic_size
        self.max_topics = max_topics
        self.sample_size = sample_size

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
        "sample_size": [None, Interval(Integral, 2, None, "left")],
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

    # -- fitting --------------------------------------------------------------------
    def fit(self, texts, y=None, *, progress: bool | None = None) -> "TopicModel":
        """Find the topics of ``texts``.

        With ``n_topics="auto"`` every k from 2 to ``min(max_topics, n_units //
        min_topic_size)`` is fitted, and the k with the best
        ``(1 + NPMI) / 2 * diversity * stability`` is kept: NPMI is the mean normalised
        pointwise mutual information of each topic's top-10 terms over the training
        units, diversity the unique share of all topics' top-10 terms, stability the
        mean adjusted Rand index between the clustering at ``random_state`` and at two
        further seeds.  Ties go to the smaller k.

        Beyond ``sample_size`` distinct units, the graph, the embedding and the choice
        of k use a stratified sample of ``sample_size`` units (drawn with
        ``random_state``); every unit then joins its nearest topic, refined over all
        units.

        Parameters
        ----------
        texts : sequence of str or of :class:`~cyberreport.Paragraph`
        y : ignored
        progress : bool, optional
            Show the step being done (units, features, the neighbour graph, each k
            tried, assigning every unit, the terms) for fits longer than two seconds;
            by default on a terminal or in a notebook only (``CYBERREPORT_PROGRESS=0``
            turns it off).

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
        from .._parallel import blas_threads
        from .._progress import progress_steps
        from ._fit import fit_topics

        self._validate_params()
        self.unit_ = renamed_value("unit", self.unit, _UNIT_RENAMES, owner="TopicModel")
        steps = progress_steps(progress, "topics")
        try:
            with blas_threads(1):
                fit_topics(self, texts, steps.say)
        finally:
            steps.done()
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
    def transform(self, texts, *, n_jobs: int | None = None, chunk_size: int | None = None,
                  progress: bool | None = None) -> np.ndarray:
        """Document–topic weights, shape ``(n_texts, n_topics_)``.

        A unit's weights are its cosine similarities to the topic centroids, clipped at
        0 and normalised to sum 1; a text's weights are the mean over its units that
        have at least one known term.  A text without any known term gets a row of
        zeros.

        Parameters
        ----------
        texts : iterable of str (or corpus Paragraphs, Records)
        n_jobs : int, optional
            Worker processes (joblib; ``-1``: all cores).  The result is the same for
            any ``n_jobs``; more than one helps only when cores are idle (see
            ``docs/scale.md``).
        chunk_size : int, optional
            Texts assigned at a time (default 2,000): memory is bounded by a chunk,
            besides the result.
        progress : bool, optional
            A progress bar (texts done) for runs longer than two seconds; by default on
            a terminal or in a notebook only.

        Examples
        --------
        >>> tm.transform(["开展网络安全检查。建设县级融媒体中心。"]).shape
        (1, 6)
        """
        from ._assign import transform

        self._check_fitted()
        return transform(self, texts, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)

    def predict(self, texts, *, n_jobs: int | None = None, chunk_size: int | None = None,
                progress: bool | None = None) -> np.ndarray:
        """The topic id of each text (the largest weight of :meth:`transform`;
        ties go to the lower id), or ``-1`` for a text without any known term.
        ``n_jobs``, ``chunk_size`` and ``progress`` as in :meth:`transform`.

        Examples
        --------
        >>> tm.predict(["加强关键信息基础设施网络安全检查。"]).shape
        (1,)
        >>> tm.predict(["开展网络安全检查。"] * 3, n_jobs=2, chunk_size=1).tolist() == (
        ...     tm.predict(["开展网络安全检查。"] * 3).tolist())
        True
        """
        from ._assign import predict

        self._check_fitted()
        return predict(self, texts, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)

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


