"""Corpus analysis: comparing groups of texts (provinces, years) by their themes and
topics.

Examples
--------
>>> from cyberreport.analysis import Profile
>>> Profile.__name__
'Profile'
"""

from ._profiles import Profile, profile, similar

__all__ = ["Profile", "profile", "similar"]
