"""Records in and out: the one input layer (formats, readers, writers) of every command.

Examples
--------
>>> from cyberreport.io import Record
>>> Record("1", "建设县级融媒体中心。").text
'建设县级融媒体中心。'
"""

from ._record import Record

__all__ = ["Record"]
