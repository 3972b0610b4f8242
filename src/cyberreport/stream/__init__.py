"""Files of any size in, classified records out: streaming classification with rejects
and resume.

Examples
--------
>>> from cyberreport.stream import ClassifyFileSummary
>>> ClassifyFileSummary.__name__
'ClassifyFileSummary'
"""

from ._file import ClassifyFileSummary, classify_file
from ._frame import classify_frame

__all__ = ["classify_file", "ClassifyFileSummary", "classify_frame"]
