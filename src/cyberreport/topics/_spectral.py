"""Spectral clustering of TF-IDF units and the c-TF-IDF terms of the clusters (the method
of :class:`~cyberreport.TopicModel`)."""

from __future__ import annotations

import numpy as np

__all__ = ["embedding", "knn_graph", "connected_knn_graph", "cluster_qr", "refine", "centroids", "ctfidf",
           "rank_terms", "DENSE_MAX"]

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


def knn_graph(X, nn: int):
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


def centroids(X, labels, k, weights) -> np.ndarray:
    w = np.ones(X.shape[0]) if weights is None else np.asarray(weights, float)
    out = np.zeros((k, X.shape[1]))
    for j in range(k):
        idx = np.flatnonzero(labels == j)
        if len(idx):
            out[j] = np.asarray(X[idx].T @ w[idx]).ravel() / w[idx].sum()
    return out


def ctfidf(B, labels, k, weights) -> np.ndarray:
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


def rank_terms(w_row, B, member_mask, X, vocab, allowed=None) -> list[int]:
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


def connected_knn_graph(X, n_neighbors: int):
    """Symmetric cosine k-nearest-neighbour graph, made connected."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = X.shape[0]
    if n < 2:
        return csr_matrix((n, n))
    A = knn_graph(X, min(int(n_neighbors), n - 1))
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
