"""Bootstrap confidence intervals for a share, and for a difference of two shares."""

from __future__ import annotations

import math
from dataclasses import dataclass
from numbers import Integral, Real
from statistics import NormalDist

import numpy as np

from .._frames import TableMixin
from .._validation import Interval, Options, validate_params

__all__ = ["ShareEstimate", "ShareDifference", "bootstrap_share", "bootstrap_share_difference"]

_N = NormalDist()
# At most this many resampled values are held at once (B x n in chunks of B).
_CHUNK_ELEMENTS = 4_000_000

_COMMON = {
    "level": [Interval(Real, 0, 1, "neither")],
    "n_boot": [Interval(Integral, 100, None, "left")],
    "method": [Options(("bca", "percentile"))],
    "expand": ["boolean"],
    "random_state": ["random_state"],
}


@dataclass(frozen=True)
class ShareEstimate(TableMixin):
    """A share with its bootstrap confidence interval (see :func:`bootstrap_share`).

    Attributes
    ----------
    estimate : float
        ``sum(hits) / sum(totals)``: e.g. the share of a group's sentences that carry a
        theme.
    low, high : float
        The interval's bounds.
    level : float
        Its nominal coverage (0.95).
    method : str
        ``"bca"`` or ``"percentile"`` (with ``expand``, the quantiles widened for small
        groups).
    n_texts : int
        Texts resampled (texts with a zero total left out).
    n_boot : int
        Bootstrap resamples.
    expand : bool
        Whether the quantiles were widened for a small group.

    Examples
    --------
    >>> e = bootstrap_share([1, 0, 2, 1], [4, 3, 5, 4])
    >>> round(e.estimate, 3), e.low <= e.estimate <= e.high
    (0.25, True)
    """

    estimate: float
    low: float
    high: float
    level: float
    method: str
    n_texts: int
    n_boot: int
    expand: bool = True

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"estimate": self.estimate, "low": self.low, "high": self.high,
                "level": self.level, "method": self.method, "n_texts": self.n_texts,
                "n_boot": self.n_boot, "expand": self.expand}

    def _table(self) -> tuple[list[str], list[dict]]:
        row = self.to_dict()
        return list(row), [row]


@dataclass(frozen=True)
class ShareDifference(TableMixin):
    """A difference of two shares, *a* minus *b*, with its bootstrap interval (see
    :func:`bootstrap_share_difference`).

    Attributes
    ----------
    estimate : float
        ``share_a - share_b``.
    low, high : float
        The interval's bounds; when it excludes 0 the shift is significant at
        ``1 - level`` (two-sided).
    share_a, share_b : float
        The two shares.
    level, method, n_boot, expand
        As in :class:`ShareEstimate`.
    n_texts_a, n_texts_b : int
        Texts resampled in each group.

    Examples
    --------
    >>> d = bootstrap_share_difference([3, 4, 3], [5, 5, 5], [1, 0, 1], [5, 5, 5])
    >>> round(d.estimate, 3)
    0.533
    """

    estimate: float
    low: float
    high: float
    share_a: float
    share_b: float
    level: float
    method: str
    n_texts_a: int
    n_texts_b: int
    n_boot: int
    expand: bool = True

    @property
    def excludes_zero(self) -> bool:
        """Whether the interval lies wholly above or wholly below 0."""
        return self.low > 0 or self.high < 0

    def to_dict(self) -> dict:
        """JSON-ready."""
        return {"estimate": self.estimate, "low": self.low, "high": self.high,
                "share_a": self.share_a, "share_b": self.share_b, "level": self.level,
                "method": self.method, "n_texts_a": self.n_texts_a,
                "n_texts_b": self.n_texts_b, "n_boot": self.n_boot, "expand": self.expand}

    def _table(self) -> tuple[list[str], list[dict]]:
        row = self.to_dict()
        return list(row), [row]


def _group(name: str, hits, totals) -> tuple[np.ndarray, np.ndarray]:
    h = np.asarray(hits, dtype=float)
    if h.ndim != 1:
        raise ValueError(f"{name} must be one-dimensional, got shape {h.shape}")
    t = np.ones_like(h) if totals is None else np.asarray(totals, dtype=float)
    if t.shape != h.shape:
        raise ValueError(f"{name} and its totals must have the same length, got "
                         f"{h.size} and {t.size}")
    if not (np.all(np.isfinite(h)) and np.all(np.isfinite(t))):
        raise ValueError(f"{name} and its totals must be finite")
    if np.any(h < 0) or np.any(h > t):
        raise ValueError(f"{name} must satisfy 0 <= hits <= totals for every text")
    keep = t > 0
    if not np.any(keep):
        raise ValueError(f"{name} needs at least one text with a positive total")
    return h[keep], t[keep]


def _resample(rng: np.random.Generator, h: np.ndarray, t: np.ndarray, n_boot: int) -> np.ndarray:
    """``n_boot`` bootstrap replicates of sum(h)/sum(t), resampling texts."""
    n = h.size
    out = np.empty(n_boot)
    step = max(1, _CHUNK_ELEMENTS // n)
    for lo in range(0, n_boot, step):
        hi = min(n_boot, lo + step)
        idx = rng.integers(0, n, size=(hi - lo, n))
        out[lo:hi] = h[idx].sum(axis=1) / t[idx].sum(axis=1)
    return out


def _jackknife(h: np.ndarray, t: np.ndarray) -> np.ndarray:
    """Leave-one-text-out values of sum(h)/sum(t) (a single text: its own value)."""
    if h.size == 1:
        return h / t
    return (h.sum() - h) / (t.sum() - t)


def _influence(jack: np.ndarray) -> np.ndarray:
    n = jack.size
    return (n - 1) * (jack.mean() - jack)


def _expanded_z(q: float, n: int | None) -> float:
    """The normal quantile of ``q``, or — for a group of ``n`` texts — Hesterberg's
    expanded quantile ``sqrt(n / (n - 1)) * t_{n-1}(q)``, which widens the interval by
    the bootstrap's small-sample narrowness (its variance is ``(n - 1) / n`` of the
    variance it estimates) and by the uncertainty of that variance."""
    if n is None or n < 2:
        return _N.inv_cdf(q)
    from scipy.special import stdtrit

    return math.sqrt(n / (n - 1)) * float(stdtrit(n - 1, q))


def _interval(theta: float, boot: np.ndarray, level: float, method: str,
              influences: list[np.ndarray], n_expand: int | None) -> tuple[float, float]:
    alpha = (1.0 - level) / 2.0
    if np.ptp(boot) == 0:
        return float(boot[0]), float(boot[0])
    z0 = acc = 0.0
    if method == "bca":
        below = (np.count_nonzero(boot < theta) + 0.5 * np.count_nonzero(boot == theta))
        p0 = min(max(below / boot.size, 0.5 / boot.size), 1.0 - 0.5 / boot.size)
        z0 = _N.inv_cdf(p0)
        # Acceleration from the jackknife influence values l of every group g:
        # a = sum_g n_g^-3 sum l^3 / (6 (sum_g n_g^-2 sum l^2)^1.5); for one group this
        # is Efron & Tibshirani's (1993, eq. 14.15) jackknife estimate
        num = sum(float(np.sum(u ** 3)) / u.size ** 3 for u in influences)
        den = sum(float(np.sum(u ** 2)) / u.size ** 2 for u in influences)
        acc = num / (6.0 * den ** 1.5) if den > 0 else 0.0

    def adjust(q: float) -> float:
        zq = _expanded_z(q, n_expand)
        if method == "percentile":
            return _N.cdf(zq)
        return _N.cdf(z0 + (z0 + zq) / (1.0 - acc * (z0 + zq)))

    low, high = np.quantile(boot, [adjust(alpha), adjust(1.0 - alpha)])
    return float(low), float(high)


@validate_params(_COMMON)
def bootstrap_share(hits, totals=None, *, level: float = 0.95, n_boot: int = 2000,
                    method: str = "bca", expand: bool = True,
                    random_state: int = 0) -> ShareEstimate:
    """Bootstrap confidence interval for a share, resampling texts.

    The share is ``sum(hits) / sum(totals)`` over a group's texts — e.g. ``hits[i]`` the
    number of sentences of text *i* that carry a theme and ``totals[i]`` its number of
    sentences.  Sentences of one text are not independent, so the bootstrap resamples
    whole texts (with replacement, ``n_boot`` times) and recomputes the ratio.

    ``method="bca"`` (the default) corrects the percentile interval for the bias and
    skew of the ratio (Efron 1987; acceleration from the jackknife), and ``expand=True``
    (the default) widens it for small groups as Hesterberg's (2015) expanded percentile
    interval does (the normal quantiles become ``sqrt(n/(n-1))`` times Student's *t*
    quantiles with ``n - 1`` degrees of freedom; the effect vanishes for large ``n``).
    Measured coverage of nominal 95% intervals over simulated groups of 30–200 texts of
    3–10 sentences with the theme in 5–60% of sentences (``tests/analysis/``; 1,000 data
    sets): 95.1% for a share, 94.4% for a difference (plain percentile intervals:
    94.7%, 93.9%).  Small groups with a rare theme remain the hard case: with 30 texts
    and the theme in 5% of sentences the share's intervals cover 91–93% (plain
    percentile: 88–90%) and those of a difference of two such groups about 91%.

    Parameters
    ----------
    hits : array-like of shape (n_texts,)
        Per text, the count of units (sentences) with the property.
    totals : array-like of shape (n_texts,), optional
        Per text, the count of units.  Default: 1 per text (then ``hits`` are 0/1 and the
        share is a share of texts).  Texts with a zero total are left out.
    level : float, default 0.95
        Nominal coverage.
    n_boot : int, default 2000
        Resamples (at least 100).
    method : {"bca", "percentile"}, default "bca"
    expand : bool, default True
        Widen the quantiles for small groups (see above).
    random_state : int, default 0
        Seed; the same seed gives the same interval.

    Returns
    -------
    ShareEstimate

    Raises
    ------
    ValueError
        For arrays of different lengths, ``hits`` outside ``[0, totals]``, no text with a
        positive total, or an out-of-range parameter (the message names it).

    Examples
    --------
    >>> e = bootstrap_share([2, 0, 1, 3, 0, 1], [5, 4, 3, 6, 4, 5])
    >>> round(e.estimate, 3), round(e.low, 3) < e.estimate < round(e.high, 3)
    (0.259, True)
    """
    h, t = _group("hits", hits, totals)
    rng = np.random.default_rng(random_state)
    theta = float(h.sum() / t.sum())
    boot = _resample(rng, h, t, n_boot)
    low, high = _interval(theta, boot, level, method, [_influence(_jackknife(h, t))],
                          h.size if expand else None)
    return ShareEstimate(theta, low, high, level, method, int(h.size), n_boot, expand)


@validate_params(_COMMON)
def bootstrap_share_difference(hits_a, totals_a, hits_b, totals_b, *, level: float = 0.95,
                               n_boot: int = 2000, method: str = "bca", expand: bool = True,
                               random_state: int = 0) -> ShareDifference:
    """Bootstrap confidence interval for the difference of two shares, *a* minus *b*
    (two groups, or one group in two years), resampling texts within each group.

    Each group's share is ``sum(hits) / sum(totals)`` (see :func:`bootstrap_share`);
    the groups are resampled independently.  The BCa acceleration uses the jackknife
    influence values of both groups, and the expansion the size of the smaller group.

    Parameters
    ----------
    hits_a, totals_a : array-like
        Group *a*, per text (``totals_a=None``: 1 per text).
    hits_b, totals_b : array-like
        Group *b*.
    level, n_boot, method, expand, random_state
        As in :func:`bootstrap_share`.

    Returns
    -------
    ShareDifference
        ``excludes_zero`` tells whether the interval lies on one side of 0.

    Raises
    ------
    ValueError
        As in :func:`bootstrap_share`, for either group.

    Examples
    --------
    >>> d = bootstrap_share_difference([4, 3, 5, 4], [6, 5, 6, 5], [1, 0, 1, 0], [5, 6, 5, 6])
    >>> round(d.estimate, 3), d.excludes_zero
    (0.636, True)
    """
    ha, ta = _group("hits_a", hits_a, totals_a)
    hb, tb = _group("hits_b", hits_b, totals_b)
    rng = np.random.default_rng(random_state)
    sa, sb = float(ha.sum() / ta.sum()), float(hb.sum() / tb.sum())
    boot = _resample(rng, ha, ta, n_boot) - _resample(rng, hb, tb, n_boot)
    influences = [_influence(_jackknife(ha, ta)), -_influence(_jackknife(hb, tb))]
    low, high = _interval(sa - sb, boot, level, method, influences,
                          min(ha.size, hb.size) if expand else None)
    return ShareDifference(sa - sb, low, high, sa, sb, level, method, int(ha.size),
                           int(hb.size), n_boot, expand)
