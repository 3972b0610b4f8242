"""Themes: the theme classifier, its results with evidence, and the one thresholding rule
(``features -> model -> predictions``).

Examples
--------
>>> from cyberreport.classifier import labels_from_proba
>>> import numpy as np
>>> labels_from_proba(np.array([[0.9, 0.1]]), ["security", "propaganda"], np.array([0.5, 0.5]))
[('security',)]
"""

from ._classifier import ThemeClassifier
from ._results import Classification, Evidence
from ._thresholds import labels_from_proba

__all__ = ["ThemeClassifier", "Classification", "Evidence", "labels_from_proba"]
