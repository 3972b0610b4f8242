"""Topics at any size: the numpy unit features equal the one-row definition, the sparse
neighbour search equals the dense one, stray components join the largest, and the
approximate method (beyond ``sample_size`` units) is deterministic, independent of the
seed and of the input order, and assigns in chunks and in parallel like one call."""

from __future__ import annotations

import pickle
import random

import numpy as np
import pytest
from scipy.sparse import csr_matrix

import cyberreport as cr
from cyberreport.topics import TopicModel
from cyberreport.topics._fit import stratified_sample
from cyberreport.topics._graph import connected_knn_graph, knn_graph
from cyberreport.topics._matrix import row_sums, tfidf_matrix, tfidf_row


# -- features ---------------------------------------------------------------------------
def test_row_sums_are_numpys_sums_bit_for_bit():
    rng = np.random.default_rng(0)
    lengths = np.concatenate([np.arange(0, 300), rng.integers(0, 40, 500)])
    values = rng.random(int(lengths.sum())) ** 3 * 7
    indptr = np.concatenate([[0], np.cumsum(lengths)])
    got = row_sums(values, indptr)
    want = [values[a:b].sum() for a, b in zip(indptr[:-1], indptr[1:])]
    assert got.tolist() == [float(w) for w in want]


def test_tfidf_matrix_equals_the_one_row_definition():
    rng = np.random.default_rng(1)
    idf = 1 + rng.random(50) * 3
    lengths = rng.integers(0, 30, 400)
    ids = rng.integers(0, 50, int(lengths.sum())).astype(np.int32)
    offsets = np.concatenate([[0], np.cumsum(lengths)])
    X = tfidf_matrix(ids, offsets, idf, rows_at_a_time=77)
    for i in range(len(lengths)):
        cols, vals = tfidf_row(ids[offsets[i]:offsets[i + 1]], idf)
        row = X[i]
        assert row.indices.tolist() == cols and row.data.tolist() == vals.tolist()


# -- the graph ----------------------------------------------------------------------------
def _dense_knn(X, nn):
    """The 0.1 definition: dense similarities, nn largest per row, ties by index."""
    n = X.shape[0]
    S = np.asarray((X @ X.T).todense())
    S[np.arange(n), np.arange(n)] = -np.inf
    thr = np.partition(S, n - nn, axis=1)[:, n - nn][:, None]
    above = S > thr
    need = nn - above.sum(axis=1, keepdims=True)
    equal = S == thr
    chosen = (above | (equal & (np.cumsum(equal, axis=1) <= need))) & (S > 0)
    G = csr_matrix(chosen.astype(float))
    return ((G + G.T) * 0.5).toarray()


@pytest.mark.parametrize("seed", [0, 1, 2])
def test_sparse_neighbour_search_equals_the_dense_one(seed, monkeypatch):
    rng = np.random.default_rng(seed)
    dense = (rng.random((120, 30)) < 0.08) * rng.integers(1, 3, (120, 30)).astype(float)
    dense[:10] = dense[10:20]  # duplicates: ties
    norms = np.linalg.norm(dense, axis=1, keepdims=True)
    X = csr_matrix(np.divide(dense, norms, out=np.zeros_like(dense), where=norms > 0))
    monkeypatch.setattr("cyberreport.topics._graph.BLOCK_NNZ", 200)  # many blocks
    for nn in (1, 3, 15):
        assert np.array_equal(knn_graph(X, nn).toarray(), _dense_knn(X, nn))


def test_stray_components_join_the_largest():
    from scipy.sparse.csgraph import connected_components

    # two small groups first, the largest group last: each joins the largest
    rows = [[1, 0, 0, 0], [1, 0.1, 0, 0], [0, 1, 0, 0], [0, 1, 0.2, 0]] + \
           [[0, 0.3, 1, 0], [0, 0, 1, 0.1], [0, 0, 1, 0.2], [0.5, 0, 1, 0.3]]
    X = csr_matrix(np.array(rows) / np.linalg.norm(rows, axis=1, keepdims=True))
    A = connected_knn_graph(X, 1)
    assert connected_components(A, directed=False)[0] == 1
    added = A - knn_graph(X, 1)
    r, c = added.nonzero()
    assert set(r.tolist()) | set(c.tolist()) <= {0, 1, 2, 3, 4, 7}
    assert all((i >= 4) != (j >= 4) for i, j in zip(r, c))  # small group <-> largest


# -- the sample ---------------------------------------------------------------------------
def test_stratified_sample_is_proportional_and_depends_on_the_units_alone():
    units = [f"句子{i}" for i in range(1000)]
    n_terms = np.array([1 + i % 4 for i in range(1000)])
    s = stratified_sample(units, n_terms, 100)
    assert len(s) == 100 and list(s) == sorted(set(s.tolist()))
    assert np.bincount(n_terms[s]).tolist() == [0, 25, 25, 25, 25]
    # the same units in another position are still chosen; most survive a 10% cut
    keep = sorted(random.Random(0).sample(range(1000), 900))
    s2 = stratified_sample([units[i] for i in keep], n_terms[keep], 90)
    chosen = {units[i] for i in s}
    again = {units[keep[i]] for i in s2}
    assert len(chosen & again) >= 75


@pytest.fixture(scope="module")
def approx(corpus):
    return TopicModel(n_topics=6, sample_size=40).fit(corpus.texts)


def test_approximate_method_beyond_sample_size(corpus, approx):
    assert approx.n_graph_units_ == 40 and len(approx.units_) == 90
    assert sum(t.size for t in approx.topics_) == 90
    exact = TopicModel(n_topics=6, sample_size=None).fit(corpus.texts)
    assert exact.n_graph_units_ == 90
    assert [t.to_dict() for t in exact.topics_] == \
        [t.to_dict() for t in TopicModel(n_topics=6).fit(corpus.texts).topics_]


def test_approximate_method_is_deterministic_and_order_free(corpus, approx):
    texts = list(corpus.texts)
    random.Random(5).shuffle(texts)
    for m in (TopicModel(n_topics=6, sample_size=40).fit(texts),
              TopicModel(n_topics=6, sample_size=40, random_state=3).fit(corpus.texts)):
        assert [t.to_dict() for t in m.topics_] == [t.to_dict() for t in approx.topics_]
        assert m.labels_.tolist() == approx.labels_.tolist()


def test_approximate_auto_chooses_k_on_the_sample(corpus):
    m = TopicModel(sample_size=50).fit(corpus.texts)
    assert [s["k"] for s in m.auto_scores_] == list(range(2, 50 // 7 + 1))
    assert m.n_topics_ in range(2, 8)


def test_predict_on_training_units_matches_labels_beyond_the_sample(approx):
    assert approx.predict(approx.units_).tolist() == approx.labels_.tolist()


# -- assigning ----------------------------------------------------------------------------
def test_transform_and_predict_in_chunks_and_in_parallel(corpus, approx):
    texts = list(corpus.texts) + ["", "今天。"] + [s.text for p in corpus for s in p.sentences]
    W = approx.transform(texts)
    assert np.array_equal(approx.transform(texts, chunk_size=7), W)
    assert np.array_equal(approx.transform(iter(texts), n_jobs=2, chunk_size=13), W)
    p = approx.predict(texts, n_jobs=2, chunk_size=10)
    assert p.tolist() == approx.predict(texts).tolist()
    assert approx.predict([]).shape == (0,) and approx.transform([]).shape == (0, 6)
    with pytest.raises(TypeError, match=r"texts\[1\] must be a str"):
        approx.predict(["开展网络安全检查。", 3], chunk_size=1)
    with pytest.raises(ValueError, match="chunk_size"):
        approx.predict(texts, chunk_size=0)


def test_saved_and_pickled_models_keep_the_graph_size(approx, tmp_path):
    approx.save(tmp_path / "m")
    back = cr.load_model(tmp_path / "m")
    assert back.n_graph_units_ == 40 and back.get_params()["sample_size"] == 40
    assert pickle.loads(pickle.dumps(approx)).n_graph_units_ == 40
    sents = ["开展网络安全检查。", "组织网络文化活动。"]
    assert back.predict(sents).tolist() == approx.predict(sents).tolist()


def test_models_saved_before_the_sample_load_as_exact():
    tm = TopicModel(n_topics=3).fit(["开展网络安全检查。", "建设县级融媒体中心。",
                                     "开展净网专项行动。", "受理网民举报。"])
    state, arrays = tm._get_state()
    del state["n_graph_units"]  # a 0.2 development model file
    params = {k: v for k, v in tm.get_params().items() if k != "sample_size"}
    back = TopicModel._from_state(params, state, arrays)
    assert back.n_graph_units_ == len(tm.units_) == 4
    assert back.sample_size == 10_000
