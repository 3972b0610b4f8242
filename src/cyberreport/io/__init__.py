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

from ._lines import MAX_RECORD_BYTES, iter_lines
from ._parse import parse_line, record_from_mapping
from ._readers import FORMATS, describe_source, detect_format, iter_records
from ._record import Record, Reject
from ._writers import CSV_BOM, csv_line, jsonl_line, reject_line, safe_cell

__all__ = ["Record", "Reject", "iter_records", "detect_format", "parse_line",
           "record_from_mapping", "iter_lines", "FORMATS", "MAX_RECORD_BYTES",
           "describe_source", "jsonl_line", "reject_line", "csv_line", "safe_cell", "CSV_BOM"]
