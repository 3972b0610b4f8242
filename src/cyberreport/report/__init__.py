"""The report: tables, pictures and one self-contained HTML page for a corpus.

Examples
--------
>>> from cyberreport.report import Report
>>> Report.__name__
'Report'
"""

from ._write import Report, write_report

__all__ = ["write_report", "Report"]
