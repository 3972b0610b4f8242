"""Tests for cyberreport.analysis.log_odds: the published formula, computed step by step."""

from __future__ import annotations

import doctest
import json
import math

import numpy as np
import pytest

from cyberreport.analysis import LogOdds, dirichlet_prior, log_odds
from cyberreport.analysis import _logodds

# A hand-made table: 5 terms, two groups, and a background corpus for the prior.
TERMS = ["净网", "宽带", "网信办", "扶贫", "大数据"]
Y_A = [12, 3, 20, 0, 5]          # n_a = 40
Y_B = [2, 9, 18, 6, 5]           # n_b = 40
BACKGROUND = [30, 40, 200, 10, 20]


def direct(y_a, y_b, alpha):
    """Monroe, Colaresi & Quinn (2008), eq. 22 and the variance approximation (eq. 20),
    written out term by term with plain floats."""
    n_a, n_b, a0 = sum(y_a), sum(y_b), sum(alpha)
    out = []
    for ya, yb, aw in zip(y_a, y_b, alpha):
        omega_a = (ya + aw) / (n_a + a0 - ya - aw)      # odds of w in group a
        omega_b = (yb + aw) / (n_b + a0 - yb - aw)
        delta = math.log(omega_a) - math.log(omega_b)
        var = 1.0 / (ya + aw) + 1.0 / (yb + aw)
        out.append((delta, var, delta / math.sqrt(var)))
    return out


@pytest.mark.parametrize("prior_total", [None, 10.0, 100.0, 1000.0])
def test_equals_the_published_formula_with_a_background_prior(prior_total):
    alpha = list(BACKGROUND)
    if prior_total is not None:
        alpha = [a * prior_total / sum(BACKGROUND) for a in BACKGROUND]
    expected = direct(Y_A, Y_B, alpha)
    r = log_odds(Y_A, Y_B, BACKGROUND, prior_total=prior_total, terms=TERMS)
    assert np.allclose(r.delta, [e[0] for e in expected], rtol=1e-12, atol=1e-12)
    assert np.allclose(r.variance, [e[1] for e in expected], rtol=1e-12)
    assert np.allclose(r.z, [e[2] for e in expected], rtol=1e-12, atol=1e-12)
    assert r.prior_total == pytest.approx(sum(alpha))


def test_default_prior_is_the_pooled_counts():
    pooled = [a + b for a, b in zip(Y_A, Y_B)]
    expected = direct(Y_A, Y_B, pooled)
    r = log_odds(Y_A, Y_B)
    assert np.allclose(r.z, [e[2] for e in expected], rtol=1e-12, atol=1e-12)
    assert r.prior_total == sum(pooled)


def test_hand_checked_value():
    # term 0 with the pooled prior: alpha_w = 14, alpha_0 = 80, n_a = n_b = 40:
    # log((12+14)/(40+80-12-14)) - log((2+14)/(40+80-2-14)) = log(26/94) - log(16/104)
    r = log_odds(Y_A, Y_B)
    assert r.delta[0] == pytest.approx(math.log(26 / 94) - math.log(16 / 104))
    assert r.delta[0] == pytest.approx(0.58660, abs=1e-5)
    assert r.variance[0] == pytest.approx(1 / 26 + 1 / 16)


def test_swapping_the_groups_negates_delta_and_z():
    r1 = log_odds(Y_A, Y_B, BACKGROUND)
    r2 = log_odds(Y_B, Y_A, BACKGROUND)
    assert np.allclose(r1.delta, -r2.delta)
    assert np.allclose(r1.z, -r2.z)
    assert np.allclose(r1.variance, r2.variance)


def test_identical_groups_give_zero():
    r = log_odds(Y_A, Y_A)
    assert np.allclose(r.delta, 0) and np.allclose(r.z, 0)


def test_top_terms_of_each_side():
    r = log_odds(Y_A, Y_B, BACKGROUND, terms=TERMS)
    assert r.top(1)[0][0] == "净网"
    assert r.top(1, side="b")[0][0] == "扶贫"
    z = dict(r.top(5))
    assert z["净网"] > 0 > z["扶贫"]
    r2 = log_odds(Y_A, Y_B)
    assert r2.top(1)[0][0] == 0                         # indices without terms


def test_terms_absent_from_both_groups_and_the_prior():
    r = log_odds([3, 0, 1], [1, 0, 3], prior=[2, 0, 2])
    assert r.delta[1] == 0 and r.z[1] == 0 and math.isinf(r.variance[1])
    assert np.all(np.isfinite(r.z))


def test_to_dict_is_json_ready():
    r = log_odds(Y_A, Y_B, terms=TERMS)
    d = r.to_dict()
    assert json.loads(json.dumps(d, ensure_ascii=False)) == d
    assert d["terms"] == TERMS and len(d["z"]) == 5
    assert isinstance(r, LogOdds)


def test_dirichlet_prior_scales_to_the_total():
    assert np.allclose(dirichlet_prior([1, 3], total=8), [2, 6])
    assert np.allclose(dirichlet_prior([1, 3]), [1, 3])
    with pytest.raises(ValueError, match="total"):
        dirichlet_prior([1, 3], total=0)
    with pytest.raises(ValueError, match="zero"):
        dirichlet_prior([0, 0], total=5)


@pytest.mark.parametrize("args,kwargs,match", [
    (([1, 2], [1, 2, 3]), {}, "same length"),
    (([1, -2], [1, 2]), {}, "non-negative"),
    (([1, np.nan], [1, 2]), {}, "finite"),
    (([0, 0], [1, 2]), {}, "at least one count"),
    (([[1, 2]], [[1, 2]]), {}, "one-dimensional"),
    (([1, 2], [1, 2], [1, 0]), {}, "prior must be positive"),
    (([1, 2], [1, 2], [1, 2, 3]), {}, "prior must have 2"),
    (([1, 2], [1, 2]), {"terms": ["a"]}, "terms must have 2"),
    (([1, 2], [1, 2]), {"prior_total": -1}, "total"),
])
def test_errors(args, kwargs, match):
    with pytest.raises(ValueError, match=match):
        log_odds(*args, **kwargs)


def test_side_is_validated():
    with pytest.raises(ValueError, match="side must be"):
        log_odds([1, 2], [2, 1]).top(1, side="c")


def test_doctests():
    import cyberreport.analysis as package

    for mod in (_logodds, package):
        assert doctest.testmod(mod, optionflags=doctest.ELLIPSIS).failed == 0
