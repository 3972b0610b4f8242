"""Records in and out: the one input layer of every command (formats, readers, writers).

Every reader yields :class:`Record` objects (or, on request, :class:`Reject` objects for
lines that cannot be read); the format of an input is decided by one rule,
:func:`detect_format`.

Examples
--------
>>> from cyberreport.io import Record
>>> Record("1", "建设县级融媒体中心。").text
'建设县级融媒体中心。'
"""

from ._readers import detect_format, iter_records
from ._record import Record, Reject

__all__ = ["Record", "Reject", "iter_records", "detect_format"]
