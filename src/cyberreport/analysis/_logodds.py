"""Weighted log-odds ratios with an informative Dirichlet prior ("Fightin' Words")."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from numbers import Real

import numpy as np

from .._frames import TableMixin
from .._validation import Interval, Options, check_value

__all__ = ["LogOdds", "log_odds", "dirichlet_prior"]

_SIDES = Options(("a", "b"))


@dataclass(frozen=True)
class LogOdds(TableMixin):
    """Per-term weighted log-odds of group *a* against group *b* (see :func:`log_odds`).

    Attributes
    ----------
    delta : ndarray of float
        Estimated log-odds ratio of each term, a against b (positive: used more by a).
    variance : ndarray of float
        Its approximate variance.
    z : ndarray of float
        ``delta / sqrt(variance)``.
    terms : tuple of str or None
        The terms, if given.
    prior_total : float
        The total of the prior vector (``alpha_0``).

    Examples
    --------
    >>> r = log_odds([10, 2, 5], [2, 10, 5], terms=["净网", "宽带", "网信"])
    >>> [t for t, _ in r.top(1)]
    ['净网']
    """

    delta: np.ndarray
    variance: np.ndarray
    z: np.ndarray
    terms: tuple | None = None
    prior_total: float = 0.0

    def top(self, k: int = 10, side: str = "a") -> list[tuple[str | int, float]]:
        """The ``k`` terms with the highest z-scores for group ``"a"`` (or the lowest,
        i.e. most typical of ``"b"``), as ``(term or index, z)`` pairs.

        Examples
        --------
        >>> log_odds([10, 2], [2, 10]).top(1, side="b")
        [(1, -2.64...)]
        """
        check_value("side", side, [_SIDES])
        order = np.argsort(-self.z if side == "a" else self.z, kind="stable")[:k]
        names = self.terms if self.terms is not None else range(len(self.z))
        return [(names[i] if self.terms is not None else int(i), float(self.z[i]))
                for i in order]

    def to_dict(self) -> dict:
        """JSON-ready: lists of equal length."""
        out = {"delta": self.delta.tolist(), "variance": self.variance.tolist(),
               "z": self.z.tolist(), "prior_total": self.prior_total}
        if self.terms is not None:
            out["terms"] = list(self.terms)
        return out

    def _table(self) -> tuple[list[str], list[dict]]:
        """One row per term (its index when no terms were given), highest z first."""
        names = self.terms if self.terms is not None else range(len(self.z))
        rows = [{"term": names[i] if self.terms is not None else int(i),
                 "delta": float(self.delta[i]), "variance": float(self.variance[i]),
                 "z": float(self.z[i])} for i in np.argsort(-self.z, kind="stable")]
        return ["term", "delta", "variance", "z"], rows


def _counts(name: str, x) -> np.ndarray:
    arr = np.asarray(x, dtype=float)
    if arr.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {arr.shape}")
    if not np.all(np.isfinite(arr)) or np.any(arr < 0):
        raise ValueError(f"{name} must hold finite non-negative counts")
    return arr


def dirichlet_prior(counts, total: float | None = None) -> np.ndarray:
    """An informative Dirichlet prior: ``counts`` scaled to sum to ``total``.

    Monroe, Colaresi & Quinn (2008) take the prior from a background corpus; pooled
    counts of the groups compared are the usual choice when there is none.

    Parameters
    ----------
    counts : array-like of shape (n_terms,)
        Non-negative background (or pooled) counts.
    total : float, optional
        ``alpha_0``, the prior's total; ``None`` keeps ``counts`` as they are.

    Returns
    -------
    ndarray of float

    Examples
    --------
    >>> dirichlet_prior([2, 6], total=2.0)
    array([0.5, 1.5])
    """
    c = _counts("counts", counts)
    if total is None:
        return c
    check_value("total", total, [Interval(Real, 0, None, "neither")])
    s = c.sum()
    if s == 0:
        raise ValueError("counts must not all be zero")
    return c * (float(total) / s)


def log_odds(counts_a, counts_b, prior=None, *, prior_total: float | None = None,
             terms: Sequence[str] | None = None) -> LogOdds:
    """Weighted log-odds ratio with an informative Dirichlet prior (Monroe, Colaresi &
    Quinn 2008, "Fightin' Words", eq. 22 and the variance approximation eq. 20).

    For each term *w* with counts :math:`y^a_w, y^b_w` (group totals :math:`n^a, n^b`) and
    prior :math:`\\alpha_w` (total :math:`\\alpha_0`):

    .. math::

        \\hat\\delta_w = \\log\\frac{y^a_w + \\alpha_w}{n^a + \\alpha_0 - y^a_w - \\alpha_w}
                     - \\log\\frac{y^b_w + \\alpha_w}{n^b + \\alpha_0 - y^b_w - \\alpha_w},
        \\qquad
        \\sigma^2(\\hat\\delta_w) \\approx \\frac{1}{y^a_w + \\alpha_w}
                                     + \\frac{1}{y^b_w + \\alpha_w},

    and :math:`z_w = \\hat\\delta_w / \\sigma(\\hat\\delta_w)`.

    Parameters
    ----------
    counts_a, counts_b : array-like of shape (n_terms,)
        Non-negative counts of each term in the two groups (same term order).
    prior : array-like of shape (n_terms,), optional
        The Dirichlet prior :math:`\\alpha`.  Default: the pooled counts
        ``counts_a + counts_b``.
    prior_total : float, optional
        Rescale the prior to this total :math:`\\alpha_0` (see :func:`dirichlet_prior`);
        ``None`` keeps it as given.
    terms : sequence of str, optional
        Term names, for :meth:`LogOdds.top`.

    Returns
    -------
    LogOdds
        A term with zero counts in both groups and a zero prior has ``delta`` 0,
        ``variance`` inf and ``z`` 0.

    Raises
    ------
    ValueError
        For vectors of different lengths, negative or non-finite counts, a group
        without any count, or a prior that is zero where a count is not.

    Examples
    --------
    >>> r = log_odds([30, 5, 15], [10, 25, 15])
    >>> r.z.round(2)
    array([ 3.02, -2.97,  0.  ])
    """
    a = _counts("counts_a", counts_a)
    b = _counts("counts_b", counts_b)
    if a.shape != b.shape:
        raise ValueError(f"counts_a and counts_b must have the same length, got "
                         f"{a.size} and {b.size}")
    if a.sum() == 0 or b.sum() == 0:
        raise ValueError("each group needs at least one count")
    alpha = a + b if prior is None else _counts("prior", prior)
    if alpha.shape != a.shape:
        raise ValueError(f"prior must have {a.size} entries, got {alpha.size}")
    if prior_total is not None:
        alpha = dirichlet_prior(alpha, prior_total)
    if terms is not None:
        terms = tuple(terms)
        if len(terms) != a.size:
            raise ValueError(f"terms must have {a.size} entries, got {len(terms)}")
    if np.any((alpha == 0) & ((a > 0) | (b > 0))):
        raise ValueError("prior must be positive wherever a count is")
    a0 = alpha.sum()
    na, nb = a.sum(), b.sum()
    empty = (alpha == 0) & (a == 0) & (b == 0)
    with np.errstate(divide="ignore", invalid="ignore"):
        delta = (np.log(a + alpha) - np.log(na + a0 - a - alpha)
                 - np.log(b + alpha) + np.log(nb + a0 - b - alpha))
        var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
        z = delta / np.sqrt(var)
    delta[empty], var[empty], z[empty] = 0.0, np.inf, 0.0
    return LogOdds(delta, var, z, terms, float(a0))
