"""The cosine k-nearest-neighbour graph of the units, made connected: the graph that
:class:`~cyberreport.TopicModel`'s spectral clustering cuts.

Neighbours are searched a block of units at a time with a sparse product: only pairs
that share a term have a (positive) similarity, so a block's similarities are a sparse
matrix, and each unit's ``nn`` best are picked from it without a dense row.  Memory is
bounded by the block (about :data:`BLOCK_NNZ` similarities), not by ``n²``.

Examples
--------
>>> import numpy as np
>>> from scipy.sparse import csr_matrix
>>> X = csr_matrix(np.array([[1.0, 0, 0], [0.8, 0.6, 0], [0, 0.6, 0.8], [0, 0, 1.0]]))
>>> connected_knn_graph(X, 1).toarray().tolist()
[[0.0, 1.0, 0.0, 0.0], [1.0, 0.0, 0.5, 0.0], [0.0, 0.5, 0.0, 1.0], [0.0, 0.0, 1.0, 0.0]]
"""

from __future__ import annotations

import numpy as np

__all__ = ["knn_graph", "connected_knn_graph", "top_k_sparse", "BLOCK_NNZ"]

#: Similarities computed at a time (the memory of the neighbour search).
BLOCK_NNZ = 4_000_000


def top_k_sparse(S, k: int, col_offset: int = 0):
    """The ``k`` largest stored entries of each row of the CSR matrix ``S`` (ties: the
    lower column), leaving out the entry of column ``row + col_offset`` (a unit and
    itself) and entries that are not positive.  Returns ``(rows, cols)``."""
    S = S.tocsr()
    S.sum_duplicates()
    lengths = np.diff(S.indptr)
    rows = np.repeat(np.arange(S.shape[0]), lengths)
    cols, vals = S.indices.astype(np.int64), S.data
    ok = (vals > 0) & (cols != rows + col_offset)
    rows, cols, vals = rows[ok], cols[ok], vals[ok]
    order = np.lexsort((cols, -vals, rows))
    rows, cols = rows[order], cols[order]
    start = np.searchsorted(rows, np.arange(S.shape[0]))
    rank = np.arange(len(rows)) - start[rows]
    keep = rank < k
    return rows[keep], cols[keep]


def knn_graph(X, nn: int):
    """Connectivity graph of each unit's ``nn`` most cosine-similar other units that
    share a term with it (rows of ``X`` have unit length), symmetrised as
    ``(G + G.T) / 2``.  Ties go to the unit that comes first in the (canonical) unit
    order."""
    from scipy.sparse import csr_matrix

    n = X.shape[0]
    XT = X.T.tocsr()
    # rows per block: about BLOCK_NNZ similarities, estimated from a block of 200 units
    probe = (X[: min(n, 200)] @ XT).nnz / max(1, min(n, 200))
    step = max(1, min(n, int(BLOCK_NNZ / max(probe, 1.0))))
    rows, cols = [], []
    for start in range(0, n, step):
        stop = min(n, start + step)
        r, c = top_k_sparse(X[start:stop] @ XT, nn, col_offset=start)
        rows.append(r + start)
        cols.append(c)
    r = np.concatenate(rows)
    c = np.concatenate(cols)
    G = csr_matrix((np.ones(len(r)), (r, c)), shape=(n, n))
    return ((G + G.T) * 0.5).tocsr()


def connected_knn_graph(X, n_neighbors: int):
    """Symmetric cosine k-nearest-neighbour graph, made connected: every other component
    is linked, by one edge of weight 0.5, from its unit most similar to a unit of the
    largest component to that unit (ties: the largest component with the lowest first
    unit; the first pair in unit order)."""
    from scipy.sparse import csr_matrix
    from scipy.sparse.csgraph import connected_components

    n = X.shape[0]
    if n < 2:
        return csr_matrix((n, n))
    A = knn_graph(X, min(int(n_neighbors), n - 1))
    n_comp, comp = connected_components(A, directed=False)
    if n_comp == 1:
        return A
    sizes = np.bincount(comp, minlength=n_comp)
    main = int(np.flatnonzero(sizes == sizes.max())[0])  # labels follow the first unit
    inside = np.flatnonzero(comp == main)
    XmT = X[inside].T.tocsr()
    order = np.argsort(comp, kind="stable")
    bounds = np.searchsorted(comp[order], np.arange(n_comp + 1))
    rows, cols = [], []
    for c in range(n_comp):
        if c == main:
            continue
        members = order[bounds[c]:bounds[c + 1]]
        best = (-1.0, 0, 0)
        for a in range(0, len(members), 256):  # a large component, a block at a time
            S = (X[members[a:a + 256]] @ XmT).tocoo()
            if S.nnz:
                key = np.lexsort((S.col, S.row, -S.data))[0]
                if S.data[key] > best[0]:
                    best = (float(S.data[key]), int(members[a + S.row[key]]),
                            int(inside[S.col[key]]))
        if best[0] < 0:  # no shared term at all: link the first units
            best = (0.0, int(members[0]), int(inside[0]))
        _, i, j = best
        rows += [i, j]
        cols += [j, i]
    return (A + csr_matrix((np.full(len(rows), 0.5), (rows, cols)), shape=(n, n))).tocsr()
