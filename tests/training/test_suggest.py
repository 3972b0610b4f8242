"""suggest_next: uncertain and diverse texts, the same choice as comparing every text
with every choice, in bounded memory (issue 12)."""

from __future__ import annotations

import random

import numpy as np
import pytest

import cyberreport as cr
from cyberreport.training import _suggest


def test_suggest_next_prefers_uncertain_and_diverse():
    texts = ["开展网络安全检查"] * 3 + ["今天天气晴朗", "网信办召开会议", "网信办召开会议。"]
    out = cr.suggest_next(texts, top_n=3)
    assert len(out) == 3
    assert len({s.index for s in out}) == 3
    chosen = [texts[s.index] for s in out]
    assert chosen.count("开展网络安全检查") <= 1  # near-duplicates are not suggested twice
    assert all(0 <= s.uncertainty <= 1 for s in out)


@pytest.mark.parametrize("k", [0, -1, 1.5, True])
def test_suggest_next_bad_k(k):
    with pytest.raises(ValueError, match="top_n must be a positive int"):
        cr.suggest_next(["x"], top_n=k)


def test_suggest_next_empty_and_types():
    assert cr.suggest_next([], top_n=3) == []
    with pytest.raises(TypeError, match=r"texts\[1\]"):
        cr.suggest_next(["a", None], top_n=1)


def _every_pair(texts, top_n, model, diversity):
    """The choice of 0.1: the character n-grams of every text at once (the definition)."""
    from scipy.sparse import csr_matrix

    proba = model.predict_proba(texts)
    t = np.asarray(model.thresholds_)
    unc_all = 1 - np.abs(proba - t) / np.maximum(t, 1 - t)
    theme_idx, unc = unc_all.argmax(axis=1), unc_all.max(axis=1)
    vec = model.vectorizer_
    indptr, indices, data = vec.transform_arrays(texts)
    mask = vec.block_[indices] == 0
    X = csr_matrix((np.where(mask, data, 0.0), indices, indptr), shape=(len(texts), len(vec.features_)))
    norms = np.sqrt(X.multiply(X).sum(axis=1)).A.ravel()
    norms[norms == 0] = 1.0
    X = csr_matrix(X.multiply(1.0 / norms[:, None]))
    chosen, best_sim = [], np.zeros(len(texts))
    available = np.ones(len(texts), dtype=bool)
    for _ in range(min(top_n, len(texts))):
        if not available.any():
            break
        i = int(np.argmax(np.where(available, unc - diversity * best_sim, -np.inf)))
        chosen.append(i)
        available[i] = False
        sim = (X @ X[i].T).toarray().ravel()
        best_sim = np.maximum(best_sim, sim)
        available &= sim < 1.0 - 1e-9
    return [(i, texts[i], float(unc[i]), model.classes_[theme_idx[i]]) for i in chosen]


@pytest.fixture(scope="module")
def sentences():
    return [s.text for p in cr.load_corpus() for s in p.sentences]


@pytest.mark.parametrize("seed", range(12))
def test_suggest_next_is_the_choice_of_comparing_every_pair(seed, sentences, monkeypatch):
    """Batches, cache and similarity tables of any size give the same choice, number
    for number, as comparing every text with every choice."""
    rng = random.Random(seed)
    n = rng.choice([1, 2, 5, 30, 150])
    texts = [rng.choice(sentences)[: rng.choice([4, 12, 200])] for _ in range(n)]
    for _ in range(n // 4):  # exact duplicates
        texts[rng.randrange(n)] = texts[rng.randrange(n)]
    monkeypatch.setattr(_suggest, "BATCH", rng.choice([1, 2, 7, 2000]))
    monkeypatch.setattr(_suggest, "BATCH_CHARS", rng.choice([10, 300, 250_000]))
    monkeypatch.setattr(_suggest, "CACHE_NNZ", rng.choice([0, 300, 10**6]))
    monkeypatch.setattr(_suggest, "SIM_CELLS", rng.choice([1, 5, 4_000_000]))
    model = cr.load_model()
    top_n, div = rng.choice([1, 3, 10, 200]), rng.choice([0.0, 0.5, 2.0])
    got = [(s.index, s.text, s.uncertainty, s.theme)
           for s in cr.suggest_next(texts, top_n, model=model, diversity=div)]
    assert got == _every_pair(texts, top_n, model, div)


def test_suggest_next_skips_texts_without_content():
    out = cr.suggest_next(["", "。", "  ", "…", "开展网络安全检查"], top_n=5)
    assert [s.index for s in out] == [4]


@pytest.mark.parametrize("window", [7, 50, 1000])
def test_a_long_text_is_counted_in_windows(window, sentences, monkeypatch):
    """A text longer than LONG: the character n-grams of the whole text, counted window
    by window."""
    vec = cr.load_model().vectorizer_
    rng = random.Random(window)
    for text in ["".join(rng.choice(sentences) for _ in range(30)), "网" * 2100,
                 "a1b2c3 " * 300 + "网信", "abc" * window]:
        g = _suggest._Greedy(vec, [text], np.array([0]), np.zeros(1), 0.5)
        idx, val = g._rows([0])[0]  # the whole text at once (LONG is 100,000)
        keep = val != 0
        order = np.argsort(idx[keep])
        monkeypatch.setattr(_suggest, "LONG", window)
        got_idx, got_val = _suggest._long_row(vec, text)
        monkeypatch.setattr(_suggest, "LONG", 100_000)
        assert np.array_equal(idx[keep][order], got_idx)
        assert np.allclose(val[keep][order], got_val, rtol=1e-12, atol=1e-15)


def test_suggest_next_with_a_long_text(monkeypatch):
    monkeypatch.setattr(_suggest, "LONG", 40)
    texts = ["开展网络安全检查。" * 20, "今天天气很好。", "开展网络安全检查。" * 20 + "。"]
    out = cr.suggest_next(texts, top_n=3, diversity=0.5)
    assert {s.index for s in out} <= {0, 1, 2} and len({s.index for s in out}) == len(out)
    assert not {0, 2} <= {s.index for s in out}  # the same n-grams: never both
