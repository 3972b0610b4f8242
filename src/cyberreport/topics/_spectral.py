"""Spectral clustering of TF-IDF units and the c-TF-IDF terms of the clusters (the method
of :class:`~cyberreport.TopicModel`)."""

from __future__ import annotations

import numpy as np

__all__ = ["embedding", "cluster_qr", "refine", "centroids", "ctfidf", "rank_terms",
           "DENSE_MAX"]

DENSE_MAX = 2000  # up to this many units the eigenproblem is solved exactly (dense)


def embedding(graph, n_components: int, seed: int) -> np.ndarray:
    """Spectral embedding of the graph: the ``n_components`` eigenvectors of the
    normalised Laplacian ``I - D^-1/2 A D^-1/2`` with the smallest eigenvalues (the
    largest of ``D^-1/2 A D^-1/2``), in that order, scaled by ``D^-1/2`` (as scikit-learn's
    ``spectral_embedding``).  Up to ``DENSE_MAX`` units the eigenproblem is solved
    exactly; beyond, by Lanczos iteration (``eigsh``) started from a vector drawn with
    ``seed``."""
    from scipy.sparse import diags

    n = graph.shape[0]
    deg = np.asarray(graph.sum(axis=1)).ravel()
    d_is = 1.0 / np.sqrt(np.maximum(deg, 1e-12))
    M = (diags(d_is) @ graph @ diags(d_is)).tocsr()
    M = (M + M.T) * 0.5
    if n <= DENSE_MAX or n_components >= n - 1:
        from scipy.linalg import eigh

        vals, vecs = eigh(M.toarray(), subset_by_index=[n - n_components, n - 1])
    else:
        from scipy.sparse.linalg import eigsh

        v0 = np.random.RandomState(int(seed)).uniform(-1, 1, n)
        vals, vecs = eigsh(M, k=n_components, which="LA", v0=v0, tol=1e-10,
                           maxiter=max(1000, 20 * n))
    order = np.argsort(-vals, kind="stable")
    return vecs[:, order] * d_is[:, None]


def cluster_qr(vectors: np.ndarray) -> np.ndarray:
    """Labels from a spectral embedding by column-pivoted QR (Damle, Minden and Ying,
    2019), deterministic; the method of scikit-learn's ``assign_labels="cluster_qr"``."""
    from scipy.linalg import qr, svd

    k = vectors.shape[1]
    _, _, piv = qr(vectors.T, pivoting=True)
    ut, _, v = svd(vectors[piv[:k], :].T)
    return np.abs(vectors @ (ut @ v.conj())).argmax(axis=1)


def refine(X, labels: np.ndarray, k: int, max_iter: int = 50) -> np.ndarray:
    """Move units to their nearest centroid until nothing changes (keeps the last
    labelling with k non-empty topics)."""
    from sklearn.preprocessing import normalize as l2_normalize

    for _ in range(max_iter):
        cents = l2_normalize(centroids(X, labels, k, None))
        new = np.asarray(X @ cents.T).argmax(axis=1)
        if np.array_equal(new, labels) or len(np.unique(new)) < len(np.unique(labels)):
            break
        labels = new
    return labels


def _topic_sums(M, labels, k, w):
    """Row ``j``: the sum of the rows of ``M`` labelled ``j``, each times its weight —
    one sparse product, adding the rows in unit order as a member-by-member sum does."""
    from scipy.sparse import csr_matrix

    n = M.shape[0]
    L = csr_matrix((w, (np.asarray(labels), np.arange(n))), shape=(k, n))
    return (L @ M).toarray()


def centroids(X, labels, k, weights) -> np.ndarray:
    """The weighted mean of each topic's rows of ``X`` (zero for an empty topic)."""
    w = np.ones(X.shape[0]) if weights is None else np.asarray(weights, float)
    out = _topic_sums(X, labels, k, w)
    labels = np.asarray(labels)
    for j in range(k):
        m = labels == j
        if m.any():
            out[j] /= w[m].sum()
    return out


def ctfidf(B, labels, k, weights) -> np.ndarray:
    """c-TF-IDF: ``tf(t, c) * log(1 + A / f(t))`` with tf the share of the topic's term
    occurrences (a term counted once per unit, times the unit's count)."""
    M = _topic_sums(B, labels, k, np.asarray(weights, float))
    tot = M.sum(axis=1, keepdims=True)
    tf = np.divide(M, tot, out=np.zeros_like(M), where=tot > 0)
    f = M.sum(axis=0)
    A = M.sum() / max(k, 1)
    idf = np.log(1.0 + A / np.maximum(f, 1e-12))
    return tf * idf


def _best(values: np.ndarray, limit: int | None) -> np.ndarray:
    """Positions that can be among the ``limit`` largest of ``values`` once they are
    rounded to 12 decimals (all positions when ``limit`` is None)."""
    if limit is None or len(values) <= limit:
        return np.arange(len(values))
    cut = np.partition(values, len(values) - limit)[len(values) - limit]
    return np.flatnonzero(values >= cut - 1e-9)


def rank_terms(w_row, B, member_mask, X, vocab, allowed=None, limit=None) -> list[int]:
    """Term indices of one topic with a positive c-TF-IDF weight, best first; ties are
    broken by the representativeness of the term's best unit (cosine to the topic
    centroid), then by the term.  ``allowed`` masks the terms that may be shown;
    ``limit`` returns only the first ``limit`` (the same as the full ranking's first)."""
    idx = np.flatnonzero(member_mask)
    ok = w_row > 0 if allowed is None else (w_row > 0) & allowed
    cand = np.flatnonzero(ok)
    if not len(cand):
        return []
    cand = cand[_best(w_row[cand], limit)]
    Xm = X[idx]
    cen = np.asarray(Xm.mean(axis=0)).ravel()
    norm = np.sqrt((cen ** 2).sum())
    sim = np.asarray(Xm @ cen).ravel() / (norm if norm > 0 else 1.0)
    # the best unit of each candidate term: a sparse column maximum (similarities >= 0)
    P = B[idx][:, cand].tocsr()
    P.data = np.repeat(sim, np.diff(P.indptr)) * (P.data > 0)
    rep = P.max(axis=0).toarray().ravel()
    keys = sorted(range(len(cand)),
                  key=lambda c: (-round(float(w_row[cand[c]]), 12), -round(float(rep[c]), 12),
                                 vocab[cand[c]]))
    out = [int(cand[c]) for c in keys]
    return out if limit is None else out[:limit]
