"""Training on the user's labelled data: reading and validating it, fitting and
cross-validating a model, and checking label quality.

Examples
--------
>>> from cyberreport.training import read_labelled
>>> read_labelled([("开展网络安全检查", ["security"])]).labels
[('security',)]
"""

from ._label_quality import LabelIssue, find_label_issues
from ._labelled import DataIssue, LabelledData, read_labelled
from ._suggest import Suggestion, suggest_next
from ._train import TrainResult, train

__all__ = ["train", "TrainResult", "read_labelled", "LabelledData", "DataIssue", "find_label_issues", "suggest_next", "LabelIssue", "Suggestion"]
