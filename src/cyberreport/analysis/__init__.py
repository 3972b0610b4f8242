"""Comparative corpus analytics: what distinguishes groups of texts, how shares change,
and which texts reuse which.

* :func:`log_odds` — weighted log-odds ratios with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words"): the terms one group uses more than
  another, with z-scores;
* :func:`bootstrap_share`, :func:`bootstrap_share_difference` — bootstrap confidence
  intervals for a share (of sentences carrying a theme, say) and for the difference of
  two shares, resampling texts;
* :func:`find_reuse`, :func:`reuse_matrix` — every passage two texts share (a template
  copied by several provinces, last year's sentence repeated), found at scale, and
  aggregated by province or year.

Examples
--------
>>> from cyberreport.analysis import log_odds, bootstrap_share, find_reuse
>>> log_odds([30, 5], [10, 25], terms=["净网", "宽带"]).top(1)
[('净网', 4.25...)]
"""

from ._bootstrap import (ShareDifference, ShareEstimate, bootstrap_share,
                         bootstrap_share_difference)
from ._logodds import LogOdds, dirichlet_prior, log_odds
from ._reuse import ReuseMatrix, ReusedPassage, find_reuse, reuse_matrix

__all__ = [
    "log_odds", "dirichlet_prior", "LogOdds",
    "bootstrap_share", "bootstrap_share_difference", "ShareEstimate", "ShareDifference",
    "find_reuse", "reuse_matrix", "ReusedPassage", "ReuseMatrix",
]
