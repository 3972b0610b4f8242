"""Corpus analysis: comparing groups of texts (provinces, years) by their themes, topics
and words, with uncertainty, and finding the passages texts share.

* :func:`profile`, :func:`similar` — groups × themes and topics, and which groups are
  alike;
* :func:`log_odds` — weighted log-odds ratios with an informative Dirichlet prior
  (Monroe, Colaresi & Quinn 2008, "Fightin' Words"), with z-scores;
* :func:`bootstrap_share`, :func:`bootstrap_share_difference` — bootstrap confidence
  intervals for a share and for a difference of two shares, resampling texts;
* :func:`find_reuse`, :func:`reuse_matrix` — every passage two texts share, found at
  scale, and aggregated by province or year.

Examples
--------
>>> from cyberreport.analysis import Profile, log_odds
>>> Profile.__name__
'Profile'
>>> log_odds([30, 5], [10, 25], terms=["净网", "宽带"]).top(1)
[('净网', 4.25...)]
"""

from ._bootstrap import (ShareDifference, ShareEstimate, bootstrap_share,
                         bootstrap_share_difference)
from ._compare import compare
from ._logodds import LogOdds, dirichlet_prior, log_odds
from ._profiles import Profile, profile, similar
from ._reuse import ReusedPassage, find_reuse
from ._shares import theme_shares, topic_shares
from ._reuse_matrix import ReuseMatrix, reuse_matrix

__all__ = [
    "Profile", "profile", "similar",
    "log_odds", "dirichlet_prior", "LogOdds",
    "bootstrap_share", "bootstrap_share_difference", "ShareEstimate", "ShareDifference",
    "find_reuse", "reuse_matrix", "ReusedPassage", "ReuseMatrix",
    "theme_shares", "topic_shares", "compare",
]
