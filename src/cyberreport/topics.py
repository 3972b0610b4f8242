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
>>> tm = cr.TopicModel(n_topics=8).fit(cr.load_corpus().texts)   # doctest: +SKIP
>>> tm.topics_[0].label                                          # doctest: +SKIP
'关键信息基础设施、网络安全、网络安全检查'
"""

from __future__ import annotations

import math
import re
from collections.abc import Sequence
from dataclasses import dataclass, field

import numpy as np

from ._validation import ParamsMixin
from .text import normalize, split_sentences
from .tokenize import Tokenizer

__all__ = ["TopicModel", "Topic", "TopicQuality", "topic_quality", "npmi_coherence",
           "topic_diversity"]

_UNITS = ("sentence", "paragraph")
# A topic term has a Chinese character or a Latin letter (no bare numbers, punctuation
# or whitespace) and at least two characters.
_LETTER_RE = re.compile(r"[A-Za-z\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff]")
_DIGITS_RE = re.compile(r"^[\d.,%+\-<>]*$")


# Longer tokens are shown as topic terms only when they are dictionary words: the
# tokenizer keeps book titles (《…》) whole, and a document's title names one document,
# not a topic.  Titles still count as features.
_MAX_TERM_LEN = 8


def _is_term(token: str) -> bool:
    return (
        len(token) >= 2
        and not token.isspace()
        and _LETTER_RE.search(token) is not None
        and not _DIGITS_RE.match(token)
    )


# -- input validation ------------------------------------------------------------------
def _check_texts(texts, name: str = "texts") -> list[str]:
    """Return ``texts`` as a list of str (corpus Paragraphs give their text)."""
    if isinstance(texts, (str, bytes)):
        raise TypeError(
            f"{name} must be a sequence of strings, got a single {type(texts).__name__}; "
            f"wrap it in a list: [{name}]"
        )
    if hasattr(texts, "tolist") and not isinstance(texts, list):  # numpy, pandas
        texts = texts.tolist()
    try:
        items = list(texts)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of strings, got {type(texts).__name__}") from None
    from .corpus import Paragraph

    out = []
    for i, x in enumerate(items):
        if isinstance(x, Paragraph):
            out.append(x.text)
        elif isinstance(x, str):
            out.append(x)
        else:
            raise TypeError(
                f"{name}[{i}] must be a str, got {type(x).__name__}"
                + (" (None)" if x is None else "")
            )
    return out


def _units_of(text: str, unit: str) -> list[str]:
    if unit == "sentence":
        return [s.strip() for s in split_sentences(text) if s.strip()]
    t = normalize(text).strip()
    return [t] if t else []


# -- records ---------------------------------------------------------------------------
@dataclass(frozen=True)
class Topic:
    """One topic of a fitted :class:`TopicModel`.

    Attributes
    ----------
    id : int
        Topic id, ``0 .. n_topics_ - 1``; topics are numbered by size, largest first.
    terms : tuple of (str, float)
        The top terms with their c-TF-IDF weights, best first.
    size : int
        Number of units (sentences or paragraphs, duplicates included) in the topic.
    representative : tuple of str
        The units closest to the topic's centroid, best first.
    label : str
        A short name: the top three terms joined by ``、``.
    """

    id: int
    terms: tuple[tuple[str, float], ...]
    size: int
    representative: tuple[str, ...]
    label: str

    def top_terms(self, n: int = 10) -> list[str]:
        """The first ``n`` terms, without weights."""
        return [t for t, _ in self.terms[:n]]

    def to_dict(self) -> dict:
        """JSON-ready representation."""
        return {
            "id": self.id,
            "label": self.label,
            "size": self.size,
            "terms": [[t, round(float(w), 6)] for t, w in self.terms],
            "representative": list(self.representative),
        }


# -- the estimator ---------------------------------------------------------------------
class TopicModel(ParamsMixin):
    """Topics of 网信 texts: spectral clustering of TF-IDF units, c-TF-IDF terms.

    Parameters
    ----------
    n_topics : int or "auto", default="auto"
        Number of topics, or ``"auto"`` to choose it (see :meth:`fit`).
    unit : {"sentence", "paragraph"}, default="sentence"
        What is clustered: the sentences of the texts, or each text as a whole.
    random_state : int, default=0
        Seed of the eigensolver.  The same seed gives identical topics.
    n_neighbors : int, default=15
        Neighbours per unit in the similarity graph (capped at ``n_units - 1``).
    n_terms : int, default=10
        Terms kept per topic in :attr:`topics_`.
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
        n_terms: int = 10,
        n_representative: int = 3,
        min_topic_size: int = 7,
        max_topics: int = 30,
    ):
        self.n_topics = n_topics
        self.unit = unit
        self.random_state = random_state
        self.n_neighbors = n_neighbors
        self.n_terms = n_terms
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
        params = self.get_params()
        params.update(changes)
        return type(self)(**params)

    # -- validation -----------------------------------------------------------------
    def _validate_params(self) -> None:
        k = self.n_topics
        if not (k == "auto" if isinstance(k, str) else
                isinstance(k, (int, np.integer)) and not isinstance(k, bool) and k >= 1):
            raise ValueError(f"n_topics must be a positive int or 'auto', got {k!r}")
        if self.unit not in _UNITS:
            raise ValueError(f"unit must be 'sentence' or 'paragraph', got {self.unit!r}")
        for name in ("n_neighbors", "n_terms", "n_representative", "min_topic_size", "max_topics"):
            v = getattr(self, name)
            if isinstance(v, bool) or not isinstance(v, (int, np.integer)) or v < 1:
                raise ValueError(f"{name} must be a positive int, got {v!r}")
        rs = self.random_state
        if isinstance(rs, bool) or not isinstance(rs, (int, np.integer)) or rs < 0:
            raise ValueError(f"random_state must be an int >= 0, got {rs!r}")

    def _check_fitted(self) -> None:
        if not hasattr(self, "topics_"):
            raise RuntimeError("this TopicModel is not fitted yet; call fit(texts) first")

    # -- features -------------------------------------------------------------------
    def _tokenizer(self) -> Tokenizer:
        tok = getattr(self, "_tok", None)
        if tok is None:
            tok = self._tok = Tokenizer(stopwords=True, numbers="drop")
        return tok

    def _analyze(self, units: Sequence[str]) -> list[list[str]]:
        tok = self._tokenizer()
        return [[t for t in toks if _is_term(t)] for toks in tok.cut_many(units)]

    def _tfidf(self, token_lists, vocab_index, idf):
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
            vals = np.array([(1.0 + math.log(counts[j])) * idf[j] for j in cols])
            if len(vals):
                vals /= np.sqrt((vals ** 2).sum())
            indices.extend(cols)
            data.extend(vals.tolist())
            indptr.append(len(indices))
        return csr_matrix((np.array(data, dtype=float), np.array(indices, dtype=np.int64),
                           np.array(indptr, dtype=np.int64)),
                          shape=(len(token_lists), len(vocab_index)))

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
        texts = _check_texts(texts)
        if not texts:
            raise ValueError("texts is empty: need at least one text to fit topics")
        counts: dict[str, int] = {}
        for t in texts:
            for u in _units_of(t, self.unit):
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
                f"{self.unit}s has a term left after removing stop-words, numbers and "
                "punctuation; cannot fit topics"
            )
        units = [units[i] for i in keep]
        tokens = [tokens[i] for i in keep]
        weights = np.array([counts[u] for u in units], dtype=float)
        n = len(units)
        if self.n_topics != "auto" and n < self.n_topics:
            raise ValueError(
                f"fewer texts than topics: the texts have {n} distinct non-empty "
                f"{self.unit}s, fewer than n_topics={self.n_topics}; lower n_topics or "
                "give more texts"
            )
        if self.n_topics == "auto" and n < 2:
            raise ValueError(
                f"fewer texts than topics: n_topics='auto' needs at least 2 distinct "
                f"non-empty {self.unit}s, the texts have {n}"
            )

        vocab = sorted({t for toks in tokens for t in toks})
        vocab_index = {t: j for j, t in enumerate(vocab)}
        dictionary = self._tokenizer().vocabulary()
        self._allowed = np.array([len(t) <= _MAX_TERM_LEN or t in dictionary for t in vocab],
                                 dtype=bool)
        df = np.zeros(len(vocab))
        for toks in tokens:
            for t in set(toks):
                df[vocab_index[t]] += 1
        idf = np.log((1.0 + n) / (1.0 + df)) + 1.0
        X = self._tfidf(tokens, vocab_index, idf)
        B = (X > 0).astype(float).tocsr()  # term presence per unit
        graph = self._graph(X)

        if self.n_topics == "auto":
            k, scores = self._choose_k(X, B, graph, weights, vocab, units)
            self.auto_scores_ = scores
        else:
            k = int(self.n_topics)
            self.auto_scores_ = None
        labels = self._cluster(X, graph, k, self.random_state)
        self._finish(X, B, labels, weights, vocab, idf, units)
        return self

    def _graph(self, X):
        """Symmetric cosine k-nearest-neighbour graph, made connected."""
        from scipy.sparse import csr_matrix
        from scipy.sparse.csgraph import connected_components

        n = X.shape[0]
        if n < 2:
            return csr_matrix((n, n))
        A = _knn_graph(X, min(int(self.n_neighbors), n - 1))
        # Link each stray component to its most similar unit outside it, so that the
        # spectral embedding is well defined (deterministic: argmax takes the first).
        while True:
            n_comp, comp = connected_components(A, directed=False)
            if n_comp == 1:
                break
            main = comp[0]
            rows, cols = [], []
            for c in range(n_comp):
                if c == main:
                    continue
                members = np.flatnonzero(comp == c)
                sims = np.asarray((X[members] @ X.T).todense())
                sims[:, comp == c] = -np.inf
                i, j = np.unravel_index(np.argmax(sims), sims.shape)
                rows += [members[i], j]
                cols += [j, members[i]]
            A = (A + csr_matrix((np.full(len(rows), 0.5), (rows, cols)), shape=(n, n))).tocsr()
        return A

    @staticmethod
    def _cluster(X, graph, k: int, seed: int) -> np.ndarray:
        """Spectral clustering into ``k`` topics (what scikit-learn's
        ``SpectralClustering(affinity="precomputed", assign_labels="cluster_qr")`` does),
        refined to nearest-centroid labels."""
        n = X.shape[0]
        if k == 1 or n <= k:
            return np.zeros(n, dtype=int) if k == 1 else np.arange(n)
        return _refine(X, _cluster_qr(_embedding(graph, k, seed)), k)

    def _choose_k(self, X, B, graph, weights, vocab, units):
        n = X.shape[0]
        k_max = max(2, min(int(self.max_topics), n // int(self.min_topic_size)))
        k_max = min(k_max, n)
        pres = _presence_in(units)  # reference: the training units themselves
        # One spectral embedding per seed with k_max eigenvectors; the first k columns
        # are the embedding for k topics.
        maps = [_embedding(graph, k_max, self.random_state + s) if n > 2 else None
                for s in range(3)]
        scores = []
        best = None
        for k in range(2, k_max + 1):
            if n <= k:
                labs = [np.arange(n)] * 3
            else:
                labs = [_refine(X, _cluster_qr(m[:, :k]), k) for m in maps]
            W = _ctfidf(B, labs[0], k, weights)
            tops = [_rank_terms(W[j], B, labs[0] == j, X, vocab, self._allowed)[:10]
                    for j in range(k)]
            tops = [[vocab[i] for i in t] for t in tops]
            npmi = float(np.nanmean(npmi_coherence(tops, pres)))
            div = topic_diversity(tops)
            stab = float(np.mean([_ari(labs[0], lab) for lab in labs[1:]]))
            score = (1.0 + npmi) / 2.0 * div * stab
            scores.append({"k": k, "npmi": npmi, "diversity": div, "stability": stab,
                           "score": score})
            if best is None or score > best[0] + 1e-12:
                best = (score, k)
        return best[1], scores

    def _finish(self, X, B, labels, weights, vocab, idf, units) -> None:
        from sklearn.preprocessing import normalize as l2_normalize

        present = sorted(set(labels.tolist()))
        k = len(present)
        remap = {old: new for new, old in enumerate(present)}
        labels = np.array([remap[x] for x in labels])
        W = _ctfidf(B, labels, k, weights)
        cents = _centroids(X, labels, k, weights)
        sims = np.asarray((X @ cents.T))
        ranked = [_rank_terms(W[j], B, labels == j, X, vocab, self._allowed) for j in range(k)]
        sizes = np.array([weights[labels == j].sum() for j in range(k)])
        # Order topics by size, then by their terms (content-based, order-independent).
        order = sorted(range(k), key=lambda j: (-sizes[j], [vocab[i] for i in ranked[j][:10]]))
        new_id = {old: new for new, old in enumerate(order)}
        labels = np.array([new_id[x] for x in labels])
        topics = []
        for new, j in enumerate(order):
            members = np.flatnonzero(labels == new)
            rep = sorted(members, key=lambda i: (-round(float(sims[i, j]), 12), units[i]))
            terms = tuple((vocab[i], float(W[j, i])) for i in ranked[j][: self.n_terms])
            topics.append(Topic(
                id=new,
                terms=terms,
                size=int(round(sizes[j])),
                representative=tuple(units[i] for i in rep[: self.n_representative]),
                label="、".join(t for t, _ in terms[:3]),
            ))
        self.vocabulary_ = list(vocab)
        self._vocab_index = {t: i for i, t in enumerate(vocab)}
        self.idf_ = idf
        self.ctfidf_ = W[order]
        self.centroids_ = l2_normalize(cents[order])
        self.units_ = list(units)
        self.unit_counts_ = weights.astype(int)
        self.labels_ = labels
        self.n_topics_ = k
        self.topics_ = topics

    # -- inference ------------------------------------------------------------------
    def _unit_weights(self, units: Sequence[str]) -> np.ndarray:
        """Topic weights of each unit: cosine to each topic centroid, clipped at 0 and
        normalised to sum 1 (all zero for a unit without a known term)."""
        if not units:
            return np.zeros((0, self.n_topics_))
        X = self._tfidf(self._analyze(units), self._vocab_index, self.idf_)
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
        >>> tm.transform(["开展网络安全检查。建设县级融媒体中心。"]).shape   # doctest: +SKIP
        (1, 12)
        """
        self._check_fitted()
        texts = _check_texts(texts)
        per_text = [_units_of(t, self.unit) for t in texts]
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
        >>> tm.predict(["加强关键信息基础设施网络安全检查。"])   # doctest: +SKIP
        array([0])
        """
        W = self.transform(texts)
        out = W.argmax(axis=1) if W.shape[0] else np.zeros(0, dtype=int)
        out = np.where(W.sum(axis=1) > 0, out, -1)
        return out.astype(int)

    def fit_predict(self, texts, y=None) -> np.ndarray:
        """``fit(texts).predict(texts)``."""
        return self.fit(texts).predict(texts)

    def get_topic_info(self, as_frame: bool | None = None):
        """One row per topic: id, label, size, top terms, representative unit.

        Parameters
        ----------
        as_frame : bool, optional
            ``True`` returns a pandas DataFrame (needs pandas), ``False`` a list of
            dicts; ``None`` (default) returns a DataFrame when pandas can be imported
            and a list of dicts otherwise.

        Examples
        --------
        >>> tm.get_topic_info(as_frame=False)[0]["label"]   # doctest: +SKIP
        '关键信息基础设施、网络安全、网络安全检查'
        """
        self._check_fitted()
        rows = [
            {
                "topic": t.id,
                "label": t.label,
                "size": t.size,
                "share": t.size / max(1, sum(x.size for x in self.topics_)),
                "terms": " ".join(t.top_terms(self.n_terms)),
                "representative": t.representative[0] if t.representative else "",
            }
            for t in self.topics_
        ]
        if as_frame is False:
            return rows
        from ._optional import import_pandas

        pd = import_pandas("get_topic_info(as_frame=True)", required=bool(as_frame))
        if pd is None:
            return rows
        return pd.DataFrame(rows, columns=["topic", "label", "size", "share", "terms",
                                           "representative"])

    def topic_terms(self, n: int = 10) -> list[list[str]]:
        """The top ``n`` terms of every topic, by topic id."""
        self._check_fitted()
        return [t.top_terms(n) for t in self.topics_]

    # -- pickling -----------------------------------------------------------------
    def __getstate__(self):
        state = self.__dict__.copy()
        state.pop("_tok", None)
        return state


# -- helpers (module level, shared with the benchmark) ------------------------------------
_DENSE_MAX = 2000  # up to this many units the eigenproblem is solved exactly (dense)


def _embedding(graph, n_components: int, seed: int) -> np.ndarray:
    """Spectral embedding of the graph: the ``n_components`` eigenvectors of the
    normalised Laplacian ``I - D^-1/2 A D^-1/2`` with the smallest eigenvalues (the
    largest of ``D^-1/2 A D^-1/2``), in that order, scaled by ``D^-1/2`` (as scikit-learn's
    ``spectral_embedding``).  Up to ``_DENSE_MAX`` units the eigenproblem is solved
    exactly; beyond, by Lanczos iteration (``eigsh``) started from a vector drawn with
    ``seed``."""
    from scipy.sparse import diags

    n = graph.shape[0]
    deg = np.asarray(graph.sum(axis=1)).ravel()
    d_is = 1.0 / np.sqrt(np.maximum(deg, 1e-12))
    M = (diags(d_is) @ graph @ diags(d_is)).tocsr()
    M = (M + M.T) * 0.5
    if n <= _DENSE_MAX or n_components >= n - 1:
        from scipy.linalg import eigh

        vals, vecs = eigh(M.toarray(), subset_by_index=[n - n_components, n - 1])
    else:
        from scipy.sparse.linalg import eigsh

        v0 = np.random.RandomState(int(seed)).uniform(-1, 1, n)
        vals, vecs = eigsh(M, k=n_components, which="LA", v0=v0, tol=1e-10,
                           maxiter=max(1000, 20 * n))
    order = np.argsort(-vals, kind="stable")
    return vecs[:, order] * d_is[:, None]


def _knn_graph(X, nn: int):
    """Connectivity graph of each unit's ``nn`` most cosine-similar other units that
    share a term with it (rows of ``X`` have unit length), symmetrised as
    ``(G + G.T) / 2``.  Ties go to the unit that comes first in the (canonical) unit
    order.  Similarities are computed in blocks of about 4 million entries."""
    from scipy.sparse import csr_matrix

    n = X.shape[0]
    chunk = max(1, min(n, 4_000_000 // max(n, 1)))
    rows, cols = [], []
    for start in range(0, n, chunk):
        stop = min(n, start + chunk)
        S = np.asarray((X[start:stop] @ X.T).todense())
        S[np.arange(stop - start), np.arange(start, stop)] = -np.inf
        # the nn largest of each row, ties by index: all above the nn-th largest value,
        # then the first ones equal to it
        thr = np.partition(S, n - nn, axis=1)[:, n - nn][:, None]
        above = S > thr
        need = nn - above.sum(axis=1, keepdims=True)
        equal = S == thr
        chosen = above | (equal & (np.cumsum(equal, axis=1) <= need))
        chosen &= S > 0  # no edge without a shared term
        r, c = np.nonzero(chosen)
        rows.append(r + start)
        cols.append(c)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    G = csr_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    return ((G + G.T) * 0.5).tocsr()


def _cluster_qr(vectors: np.ndarray) -> np.ndarray:
    """Labels from a spectral embedding by column-pivoted QR (Damle, Minden and Ying,
    2019), deterministic; the method of scikit-learn's ``assign_labels="cluster_qr"``."""
    from scipy.linalg import qr, svd

    k = vectors.shape[1]
    _, _, piv = qr(vectors.T, pivoting=True)
    ut, _, v = svd(vectors[piv[:k], :].T)
    return np.abs(vectors @ (ut @ v.conj())).argmax(axis=1)


def _refine(X, labels: np.ndarray, k: int, max_iter: int = 50) -> np.ndarray:
    """Move units to their nearest centroid until nothing changes (keeps the last
    labelling with k non-empty topics)."""
    from sklearn.preprocessing import normalize as l2_normalize

    for _ in range(max_iter):
        cents = l2_normalize(_centroids(X, labels, k, None))
        new = np.asarray(X @ cents.T).argmax(axis=1)
        if np.array_equal(new, labels) or len(np.unique(new)) < len(np.unique(labels)):
            break
        labels = new
    return labels


def _centroids(X, labels, k, weights) -> np.ndarray:
    w = np.ones(X.shape[0]) if weights is None else np.asarray(weights, float)
    out = np.zeros((k, X.shape[1]))
    for j in range(k):
        idx = np.flatnonzero(labels == j)
        if len(idx):
            out[j] = np.asarray(X[idx].T @ w[idx]).ravel() / w[idx].sum()
    return out


def _ctfidf(B, labels, k, weights) -> np.ndarray:
    """c-TF-IDF: ``tf(t, c) * log(1 + A / f(t))`` with tf the share of the topic's term
    occurrences (a term counted once per unit, times the unit's count)."""
    w = np.asarray(weights, float)
    M = np.zeros((k, B.shape[1]))
    for j in range(k):
        idx = np.flatnonzero(labels == j)
        if len(idx):
            M[j] = np.asarray(B[idx].T @ w[idx]).ravel()
    tot = M.sum(axis=1, keepdims=True)
    tf = np.divide(M, tot, out=np.zeros_like(M), where=tot > 0)
    f = M.sum(axis=0)
    A = M.sum() / max(k, 1)
    idf = np.log(1.0 + A / np.maximum(f, 1e-12))
    return tf * idf


def _rank_terms(w_row, B, member_mask, X, vocab, allowed=None) -> list[int]:
    """Term indices of one topic with a positive c-TF-IDF weight, best first; ties are
    broken by the representativeness of the term's best unit (cosine to the topic
    centroid), then by the term.  ``allowed`` masks the terms that may be shown."""
    idx = np.flatnonzero(member_mask)
    ok = w_row > 0 if allowed is None else (w_row > 0) & allowed
    cand = np.flatnonzero(ok)
    if not len(cand):
        return []
    Xm = X[idx]
    cen = np.asarray(Xm.mean(axis=0)).ravel()
    norm = np.sqrt((cen ** 2).sum())
    sim = np.asarray(Xm @ cen).ravel() / (norm if norm > 0 else 1.0)
    P = B[idx][:, cand].toarray() > 0
    rep = np.where(P, sim[:, None], -np.inf).max(axis=0)
    keys = sorted(range(len(cand)),
                  key=lambda c: (-round(float(w_row[cand[c]]), 12), -round(float(rep[c]), 12),
                                 vocab[cand[c]]))
    return [int(cand[c]) for c in keys]


def _ari(a, b) -> float:
    from sklearn.metrics import adjusted_rand_score

    return float(adjusted_rand_score(a, b))


# -- quality measures -----------------------------------------------------------------------
def _presence_in(sentences: Sequence[str]):
    """A lookup ``term -> boolean vector`` of the sentences containing the term (as a
    substring of the normalised sentence), cached per term."""
    norm = [normalize(s) for s in sentences]
    cache: dict[str, np.ndarray] = {}

    def presence(term: str) -> np.ndarray:
        v = cache.get(term)
        if v is None:
            t = normalize(term)
            v = np.fromiter((bool(t) and t in s for s in norm), dtype=bool, count=len(norm))
            cache[term] = v
        return v

    presence.n = len(norm)  # type: ignore[attr-defined]
    return presence


def npmi_coherence(topics: Sequence[Sequence[str]], reference) -> list[float]:
    """NPMI coherence of each topic's terms over reference sentences.

    For every pair of a topic's terms, ``NPMI = log(p(a, b) / (p(a) p(b))) / -log p(a, b)``
    where ``p`` is the share of reference sentences that contain the term(s); a term
    *occurs* in a sentence when it is a substring of the normalised sentence, which
    measures every model, whatever its tokenizer, against the same reference.  A pair
    that never occurs together scores -1; a topic's coherence is the mean over its
    pairs.

    Parameters
    ----------
    topics : sequence of sequences of str
        The terms of each topic (usually its top 10).
    reference : sequence of str
        Reference sentences (or a lookup made by the module's ``_presence_in``).

    Returns
    -------
    list of float
        One value per topic, in [-1, 1] (``nan`` for a topic with fewer than 2 terms).

    Examples
    --------
    >>> npmi_coherence([["网络安全", "检查"]], ["开展网络安全检查。", "建设融媒体中心。"])
    [1.0]
    """
    presence = reference if callable(reference) else _presence_in(list(reference))
    n = presence.n
    out = []
    for terms in topics:
        terms = list(dict.fromkeys(terms))
        vals = []
        for a in range(len(terms)):
            pa_v = presence(terms[a])
            pa = pa_v.mean() if n else 0.0
            for b in range(a + 1, len(terms)):
                pb_v = presence(terms[b])
                pab = (pa_v & pb_v).mean() if n else 0.0
                if pab <= 0:
                    vals.append(-1.0)
                elif pab >= 1:
                    vals.append(1.0)
                else:
                    pb = pb_v.mean()
                    vals.append(math.log(pab / (pa * pb)) / -math.log(pab))
        out.append(float(np.mean(vals)) if vals else float("nan"))
    return out


def topic_diversity(topics: Sequence[Sequence[str]]) -> float:
    """Unique share of the terms of all topics (1.0 when no term is repeated).

    Examples
    --------
    >>> topic_diversity([["a", "b"], ["b", "c"]])
    0.75
    """
    terms = [t for ts in topics for t in ts]
    return len(set(terms)) / len(terms) if terms else float("nan")


def _weighted_nmi(table: np.ndarray) -> float:
    """Normalised mutual information (arithmetic mean of the entropies) of a weighted
    contingency table."""
    total = table.sum()
    if total <= 0:
        return float("nan")
    P = table / total
    pr = P.sum(axis=1)
    pc = P.sum(axis=0)
    nz = P > 0
    mi = float((P[nz] * np.log(P[nz] / np.outer(pr, pc)[nz])).sum())
    hr = -float((pr[pr > 0] * np.log(pr[pr > 0])).sum())
    hc = -float((pc[pc > 0] * np.log(pc[pc > 0])).sum())
    denom = (hr + hc) / 2.0
    if denom <= 0:
        return 1.0 if hr == hc else 0.0
    return max(0.0, mi / denom)


@dataclass
class TopicQuality:
    """The quality measures of a topic model (see :func:`topic_quality`).

    Attributes
    ----------
    npmi : float
        Mean NPMI coherence of the topics' top terms.
    npmi_per_topic : list of float
    diversity : float
        Unique share of the top terms of all topics.
    stability : float
        Mean adjusted Rand index of the sentence assignments across seeds.
    stability_per_seed : list of float
    nmi : float or None
        Normalised mutual information between sentence topics and labelled themes
        (``None`` when the texts carry no theme labels).
    topic_theme : ndarray or None
        Topic × theme table: number of labelled sentences of each topic that carry
        each theme (a sentence counts under each of its themes).
    topic_ids, theme_ids : list
        Row and column names of ``topic_theme`` (topic ``-1``: no known term).
    n_sentences : int
    top_n : int
    """

    npmi: float
    npmi_per_topic: list[float]
    diversity: float
    stability: float
    stability_per_seed: list[float]
    nmi: float | None = None
    topic_theme: np.ndarray | None = None
    topic_ids: list[int] = field(default_factory=list)
    theme_ids: list[str] = field(default_factory=list)
    n_sentences: int = 0
    top_n: int = 10

    def to_dict(self) -> dict:
        """JSON-ready representation."""
        d = {
            "npmi": self.npmi,
            "npmi_per_topic": list(self.npmi_per_topic),
            "diversity": self.diversity,
            "stability": self.stability,
            "stability_per_seed": list(self.stability_per_seed),
            "nmi": self.nmi,
            "n_sentences": self.n_sentences,
            "top_n": self.top_n,
        }
        if self.topic_theme is not None:
            d["topic_theme"] = {
                str(t): {th: int(v) for th, v in zip(self.theme_ids, row)}
                for t, row in zip(self.topic_ids, self.topic_theme)
            }
        return d

    def format_table(self) -> str:
        """The topic × theme table as aligned text."""
        if self.topic_theme is None:
            return "(no theme labels)"
        return format_topic_theme(self.topic_theme, self.topic_ids, self.theme_ids)

    def format(self) -> str:
        """A short text report."""
        lines = [
            f"NPMI coherence (top-{self.top_n})  {self.npmi:.3f}",
            f"topic diversity (top-{self.top_n}) {self.diversity:.3f}",
            f"stability (ARI, {len(self.stability_per_seed)} seeds) {self.stability:.3f}",
        ]
        if self.nmi is not None:
            lines.append(f"NMI topic vs theme       {self.nmi:.3f}")
            lines.append("")
            lines.append(self.format_table())
        return "\n".join(lines)


def format_topic_theme(table, topic_ids, theme_ids, names: dict | None = None) -> str:
    """Aligned text of a topic × theme count table (columns: theme ids shortened)."""
    short = [th[:6] for th in theme_ids]
    width = max(4, *(len(s) for s in short)) + 1
    head = "topic".ljust(7) + "".join(s.rjust(width) for s in short) + "  total"
    lines = [head]
    for t, row in zip(topic_ids, table):
        name = str(t) if names is None else f"{t} {names.get(t, '')}"
        lines.append(name[:7].ljust(7) + "".join(f"{int(v):>{width}d}" for v in row)
                     + f"  {int(np.sum(row)):>5d}")
    return "\n".join(lines)


def _reference_sentences(texts) -> tuple[list[str], list[tuple[str, ...]] | None]:
    """Sentences of ``texts`` and, when all are labelled corpus paragraphs, their
    theme labels."""
    from .corpus import Paragraph

    if isinstance(texts, (str, bytes)):
        raise TypeError("texts must be a sequence of strings, got a single str; wrap it in a list")
    items = list(texts)
    if items and all(isinstance(x, Paragraph) for x in items):
        sents = [s.text for p in items for s in p.sentences]
        labels = [s.labels for p in items for s in p.sentences]
        keep = [i for i, s in enumerate(sents) if s.strip()]
        return [sents[i] for i in keep], [labels[i] for i in keep]
    plain = _check_texts(items)
    return [s for t in plain for s in split_sentences(t) if s.strip()], None


def topic_quality(model: TopicModel, texts, *, n_seeds: int = 5, top_n: int = 10) -> TopicQuality:
    """Measure a fitted :class:`TopicModel` on reference ``texts``.

    * **NPMI coherence** of each topic's top ``top_n`` terms, from their co-occurrence
      within the sentences of ``texts`` (see :func:`npmi_coherence`), averaged.
    * **Diversity**: unique share of the top ``top_n`` terms of all topics.
    * **Stability**: the model's parameters, with ``n_topics`` fixed to the model's
      ``n_topics_``, are fitted on ``texts`` with ``random_state`` and with
      ``random_state + 1 … + n_seeds``; the mean adjusted Rand index between the
      sentence assignments (:meth:`TopicModel.predict` of every sentence) of each
      extra seed and those of the model's own seed.
    * **Alignment with the themes**, when ``texts`` are labelled corpus paragraphs: the
      topic × theme table of the sentences (a sentence counts under each of its
      themes) and the NMI between a sentence's topic and its themes (each of a
      sentence's ``m`` themes weighs ``1/m``).

    Parameters
    ----------
    model : TopicModel
        A fitted model.
    texts : sequence of str or of :class:`~cyberreport.Paragraph`
        Reference texts; labelled paragraphs (e.g. ``load_corpus()``) add the theme
        alignment.
    n_seeds : int, default=5
    top_n : int, default=10

    Returns
    -------
    TopicQuality

    Examples
    --------
    >>> import cyberreport as cr
    >>> corpus = cr.load_corpus()
    >>> tm = cr.TopicModel(n_topics=8).fit(corpus.texts)          # doctest: +SKIP
    >>> q = cr.topic_quality(tm, corpus)                           # doctest: +SKIP
    >>> round(q.stability, 2)                                      # doctest: +SKIP
    1.0
    """
    if not isinstance(model, TopicModel):
        raise TypeError(f"model must be a fitted TopicModel, got {type(model).__name__}")
    model._check_fitted()
    for name, v in (("n_seeds", n_seeds), ("top_n", top_n)):
        if isinstance(v, bool) or not isinstance(v, int) or v < 1:
            raise ValueError(f"{name} must be a positive int, got {v!r}")
    sentences, labels = _reference_sentences(texts)
    if not sentences:
        raise ValueError("texts has no sentence to measure the topics on")
    tops = model.topic_terms(top_n)
    per_topic = npmi_coherence(tops, sentences)
    valid = [v for v in per_topic if not math.isnan(v)]
    npmi = float(np.mean(valid)) if valid else float("nan")
    div = topic_diversity(tops)

    fit_texts = [x if isinstance(x, str) else x.text for x in texts]
    base = model._clone(n_topics=model.n_topics_).fit(fit_texts)
    base_assign = base.predict(sentences)
    aris = []
    for s in range(1, n_seeds + 1):
        other = model._clone(n_topics=model.n_topics_, random_state=model.random_state + s)
        aris.append(_ari(base_assign, other.fit(fit_texts).predict(sentences)))
    q = TopicQuality(npmi=npmi, npmi_per_topic=per_topic, diversity=div,
                     stability=float(np.mean(aris)), stability_per_seed=aris,
                     n_sentences=len(sentences), top_n=top_n)
    if labels is not None:
        from .taxonomy import THEME_IDS

        assign = model.predict(sentences)
        q.topic_ids, q.theme_ids, q.topic_theme, q.nmi = _alignment(assign, labels, THEME_IDS,
                                                                    model.n_topics_)
    return q


def _alignment(assign, labels, theme_ids, n_topics):
    """Topic × theme counts and the weighted NMI (see :func:`topic_quality`)."""
    topic_ids = list(range(n_topics)) + ([-1] if (np.asarray(assign) == -1).any() else [])
    row = {t: i for i, t in enumerate(topic_ids)}
    col = {t: j for j, t in enumerate(theme_ids)}
    counts = np.zeros((len(topic_ids), len(theme_ids)), dtype=int)
    weighted = np.zeros(counts.shape)
    for a, labs in zip(assign, labels):
        labs = [x for x in labs if x in col]
        for lab in labs:
            counts[row[int(a)], col[lab]] += 1
            weighted[row[int(a)], col[lab]] += 1.0 / len(labs)
    return topic_ids, list(theme_ids), counts, _weighted_nmi(weighted)
