"""Evaluation: metrics of label sets, the two baselines, grouped cross-validation and
held-out evaluation of theme classifiers.

Examples
--------
>>> from cyberreport.evaluation import label_metrics
>>> round(label_metrics([("a",), ("b",)], [("a",), ()], ["a", "b"])["micro_f1"], 3)
0.667
"""

from ._cv import cross_validate, evaluate
from ._metrics import label_metrics
from ._report import CVReport

__all__ = ["cross_validate", "evaluate", "CVReport", "label_metrics"]
