"""Tests for cyberreport.analysis bootstrap intervals, with a coverage simulation."""

from __future__ import annotations

import doctest
import json

import numpy as np
import pytest

from cyberreport.analysis import (ShareDifference, ShareEstimate, bootstrap_share,
                                  bootstrap_share_difference)
from cyberreport.analysis import _bootstrap


def simulate(rng, concentration=8.0):
    """A realistic group: 30-200 texts of 3-10 sentences; the theme in 5-60% of
    sentences, with its rate varying between texts (Beta around the share)."""
    n = int(rng.integers(30, 201))
    p = float(rng.uniform(0.05, 0.6))
    totals = rng.integers(3, 11, size=n)
    rates = rng.beta(p * concentration, (1 - p) * concentration, size=n)
    return rng.binomial(totals, rates), totals, p


def coverage(n_sets, method, seed, n_boot=1000, expand=True):
    rng = np.random.default_rng(seed)
    share = diff = 0
    for i in range(n_sets):
        h, t, p = simulate(rng)
        e = bootstrap_share(h, t, n_boot=n_boot, method=method, expand=expand,
                            random_state=i)
        share += e.low <= p <= e.high
        h2, t2, p2 = simulate(rng)
        d = bootstrap_share_difference(h, t, h2, t2, n_boot=n_boot, method=method,
                                       expand=expand, random_state=i)
        diff += d.low <= p - p2 <= d.high
    return share / n_sets, diff / n_sets


def test_coverage_of_nominal_95_percent_intervals():
    """>= 93% of 95% intervals cover the truth over 500 simulated data sets (BCa, the
    default), for a share and for a difference of two shares."""
    share, diff = coverage(500, "bca", seed=20240601)
    assert share >= 0.93, share
    assert diff >= 0.93, diff


@pytest.mark.slow
@pytest.mark.parametrize("method,expand", [("bca", True), ("percentile", True),
                                           ("bca", False), ("percentile", False)])
def test_coverage_with_more_data_sets(method, expand):
    share, diff = coverage(1000, method, seed=7, expand=expand)
    assert share >= 0.93 and diff >= 0.93, (share, diff)


@pytest.mark.slow
def test_the_default_covers_better_than_plain_percentiles_for_small_rare_groups():
    rng = np.random.default_rng(3)
    hits = {"default": 0, "plain": 0}
    for i in range(1000):
        t = rng.integers(3, 11, size=30)
        h = rng.binomial(t, rng.beta(0.4, 7.6, size=30))        # 5% on average
        e = bootstrap_share(h, t, n_boot=1000, random_state=i)
        hits["default"] += e.low <= 0.05 <= e.high
        e = bootstrap_share(h, t, n_boot=1000, method="percentile", expand=False,
                            random_state=i)
        hits["plain"] += e.low <= 0.05 <= e.high
    assert hits["default"] > hits["plain"], hits
    assert hits["default"] >= 900, hits


def test_estimate_is_the_ratio_of_sums():
    e = bootstrap_share([1, 0, 2], [4, 3, 5])
    assert e.estimate == pytest.approx(3 / 12)
    assert e.low <= e.estimate <= e.high
    assert (e.n_texts, e.n_boot, e.level, e.method) == (3, 2000, 0.95, "bca")


def test_default_totals_make_a_share_of_texts():
    e = bootstrap_share([1, 0, 0, 1])
    assert e.estimate == 0.5


def test_texts_with_no_sentences_are_left_out():
    e = bootstrap_share([1, 0, 2], [4, 0, 5])
    assert e.n_texts == 2 and e.estimate == pytest.approx(3 / 9)


def test_same_seed_same_interval_other_seed_other_interval():
    h, t = [0, 1, 3, 2, 0, 1, 1], [4, 5, 6, 5, 3, 4, 5]
    assert bootstrap_share(h, t, random_state=5) == bootstrap_share(h, t, random_state=5)
    assert bootstrap_share(h, t, random_state=5) != bootstrap_share(h, t, random_state=6)


def test_degenerate_groups():
    e = bootstrap_share([0, 0, 0], [3, 4, 5])
    assert (e.estimate, e.low, e.high) == (0.0, 0.0, 0.0)
    e = bootstrap_share([3, 4], [3, 4])
    assert (e.estimate, e.low, e.high) == (1.0, 1.0, 1.0)
    e = bootstrap_share([2], [5])
    assert e.low == e.high == 0.4


def test_a_large_shift_excludes_zero_and_a_null_one_does_not():
    rng = np.random.default_rng(0)
    t = rng.integers(3, 11, size=40)
    low = rng.binomial(t, 0.1)
    high = rng.binomial(t, 0.5)
    same = rng.binomial(t, 0.1)
    d = bootstrap_share_difference(high, t, low, t)
    assert d.excludes_zero and d.low > 0 and d.estimate == pytest.approx(d.share_a - d.share_b)
    assert not bootstrap_share_difference(same, t, low, t).excludes_zero


def test_percentile_interval_matches_numpy_quantiles():
    h, t = np.array([1, 0, 2, 3, 1]), np.array([4, 3, 5, 6, 4])
    e = bootstrap_share(h, t, n_boot=500, method="percentile", expand=False, random_state=1)
    rng = np.random.default_rng(1)
    idx = rng.integers(0, 5, size=(500, 5))
    boot = h[idx].sum(1) / t[idx].sum(1)
    assert (e.low, e.high) == tuple(np.quantile(boot, [0.025, 0.975]))


def test_large_groups_are_resampled_in_chunks():
    rng = np.random.default_rng(1)
    t = rng.integers(3, 11, size=50_000)
    h = rng.binomial(t, 0.2)
    e = bootstrap_share(h, t, n_boot=200)
    assert e.low < 0.2 < e.high or abs(e.estimate - 0.2) < 0.01


def test_results_are_frozen_and_json_ready():
    e = bootstrap_share([1, 2], [3, 3])
    d = bootstrap_share_difference([1, 2], [3, 3], [0, 1], [3, 3])
    for r, cls in ((e, ShareEstimate), (d, ShareDifference)):
        assert isinstance(r, cls)
        assert json.loads(json.dumps(r.to_dict())) == r.to_dict()
        with pytest.raises(AttributeError):
            r.low = 0


@pytest.mark.parametrize("kwargs,match", [
    ({"level": 1.0}, "level"), ({"level": 0}, "level"), ({"n_boot": 10}, "n_boot"),
    ({"n_boot": 200.5}, "n_boot"), ({"method": "bootstrap-t"}, "method"),
    ({"random_state": -1}, "random_state"), ({"random_state": "0"}, "random_state"),
    ({"expand": 1}, "expand"),
])
def test_parameters_are_validated_by_name(kwargs, match):
    with pytest.raises((TypeError, ValueError), match=match):
        bootstrap_share([1, 2], [3, 3], **kwargs)
    with pytest.raises((TypeError, ValueError), match=match):
        bootstrap_share_difference([1, 2], [3, 3], [1], [2], **kwargs)


@pytest.mark.parametrize("hits,totals,match", [
    ([1, 2], [3], "same length"),
    ([4], [3], "0 <= hits <= totals"),
    ([-1], [3], "0 <= hits <= totals"),
    ([0, 0], [0, 0], "positive total"),
    ([[1]], [[2]], "one-dimensional"),
    ([np.nan], [3], "finite"),
])
def test_bad_data(hits, totals, match):
    with pytest.raises(ValueError, match=match):
        bootstrap_share(hits, totals)
    with pytest.raises(ValueError, match=match) as info:
        bootstrap_share_difference([1], [2], hits, totals)
    assert "hits_b" in str(info.value)


def test_doctests():
    assert doctest.testmod(_bootstrap, optionflags=doctest.ELLIPSIS).failed == 0
