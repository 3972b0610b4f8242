"""Reading records from files, folders and standard input, whatever the format.

Formats: ``"jsonl"`` (an object per line), ``"lines"`` (one text per line), ``"csv"`` and
``"tsv"`` (a header row; the text column by name), ``"xlsx"`` (the first sheet, a header
row; needs the ``pandas`` extra), and folders (``.txt`` files one text each, and any of
the above inside).  One rule decides the format everywhere (:func:`detect_format`).
"""

from __future__ import annotations

import csv
import os
import re
import sys
from collections.abc import Iterator
from pathlib import Path

from ..exceptions import InputError
from ._lines import first_content_line, iter_lines, max_record_bytes
from ._parse import parse_line, record_from_mapping
from ._record import Record, Reject

__all__ = ["iter_records", "detect_format", "FORMATS", "describe_source"]

FORMATS = ("auto", "jsonl", "lines", "csv", "tsv", "xlsx")
_BY_SUFFIX = {".jsonl": "jsonl", ".ndjson": "jsonl", ".csv": "csv", ".tsv": "tsv",
              ".tab": "tsv", ".xlsx": "xlsx", ".xlsm": "xlsx"}
_FOLDER_SUFFIXES = (".txt", ".jsonl", ".ndjson", ".csv", ".tsv", ".xlsx", ".xlsm")
_YEAR_IN_NAME = re.compile(r"(?<![0-9])(19[0-9]{2}|20[0-9]{2})(?![0-9])")
_NAME_PARTS = re.compile(r"[_\-\s.·,，、]+")


def detect_format(path: str, first_line: bytes | None = None) -> str:
    """The format of an input: by its suffix (``.jsonl``, ``.csv``, ``.tsv``, ``.xlsx``),
    else (``.txt``, another name, standard input) by its first non-blank line: a JSON
    object makes it ``"jsonl"``, anything else ``"lines"``.

    Examples
    --------
    >>> detect_format("reports.csv")
    'csv'
    >>> detect_format("reports.txt", b'{"text": "..."}')
    'jsonl'
    >>> detect_format("-", "网信办召开会议".encode())
    'lines'
    """
    suffix = Path(path).suffix.lower() if path != "-" else ""
    if suffix in _BY_SUFFIX:
        return _BY_SUFFIX[suffix]
    if suffix == ".xls":
        raise InputError(f"{path}: old Excel (.xls) files are not read; save it as .xlsx or CSV")
    if first_line is not None and first_line.lstrip().startswith(b"{"):
        import json

        try:
            if isinstance(json.loads(first_line), dict):
                return "jsonl"
        except (ValueError, RecursionError):
            pass
    return "lines"


def describe_source(source) -> str:
    """The name of a source for messages."""
    return "<stdin>" if source == "-" else os.fspath(source)


def _open(path: str):
    try:
        return open(path, "rb")
    except FileNotFoundError:
        raise InputError(f"{path}: no such file or folder") from None
    except IsADirectoryError:
        raise InputError(f"{path}: is a folder") from None
    except OSError as exc:
        raise InputError(f"{path}: cannot open ({exc.strerror})") from None


def _meta_from_name(stem: str, province_of) -> tuple[str | None, int | None]:
    """Province and year from a file name such as ``2018_浙江`` or ``浙江省-2019年``."""
    m = _YEAR_IN_NAME.search(stem)
    year = int(m.group(1)) if m else None
    province = None
    if province_of is not None:
        for part in _NAME_PARTS.split(_YEAR_IN_NAME.sub(" ", stem).replace("年", " ")):
            if part:
                p = province_of(part)
                if p:
                    province = p
                    break
    return province, year


def _line_records(f, source: str, fmt: str, opts: dict, limit: int, stats=None) -> Iterator:
    if stats is not None:
        stats["file"] = f  # for the caller's progress (its position in bytes)
    lines = iter_lines(f, source, max_bytes=limit)
    if fmt == "auto":
        first, lines = first_content_line(lines)
        fmt = detect_format(source if source != "<stdin>" else "-", first)
    for lineno, raw in lines:
        item = parse_line(lineno, raw, fmt, source=source, **opts)
        if item is not None:
            yield item
        elif stats is not None:
            stats["blank"] += 1


def _csv_records(f, source: str, delimiter: str, opts: dict, limit: int) -> Iterator:
    def text_lines():
        for lineno, raw in iter_lines(f, source, max_bytes=limit):
            try:
                yield raw.decode("utf-8") + "\n"
            except UnicodeDecodeError as exc:
                raise InputError(f"{source}, line {lineno}: not UTF-8 text ({exc.reason}); "
                                 "save the file as UTF-8") from None

    old = csv.field_size_limit()
    csv.field_size_limit(max(max_record_bytes(limit), old))
    try:
        reader = csv.reader(text_lines(), delimiter=delimiter)
        try:
            header = next(reader)
        except StopIteration:
            return
        except csv.Error as exc:
            raise InputError(f"{source}, line 1: malformed header ({exc})") from None
        names = [h.strip() for h in header]
        text_field = opts["text_field"]
        if text_field not in names:
            raise InputError(
                f"{source}, line 1: the header has no column {text_field!r} (columns: "
                f"{', '.join(map(repr, names))}); name the text column with text_field= "
                "(--text-field)")
        while True:
            start = reader.line_num + 1
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as exc:
                yield Reject(source, start, f"malformed row ({exc})")
                continue
            if not row or all(not c.strip() for c in row):
                continue
            raw = delimiter.join(row).encode("utf-8", "replace")
            if len(row) != len(names):
                yield Reject(source, start, f"{len(row)} fields, the header has {len(names)}",
                             raw)
                continue
            yield record_from_mapping(dict(zip(names, row)), source=source, line=start,
                                      raw=raw, **opts)
    finally:
        csv.field_size_limit(old)


def _xlsx_records(path: str, opts: dict, sheet) -> Iterator:
    from .._optional import import_optional

    pd = import_optional("pandas", "reading Excel files", extra="pandas")
    import_optional("openpyxl", "reading Excel files", extra="pandas")
    try:
        df = pd.read_excel(path, sheet_name=0 if sheet is None else sheet, dtype=object)
    except (OSError, ValueError) as exc:
        raise InputError(f"{path}: cannot read as an Excel file ({exc})") from None
    names = [str(c).strip() for c in df.columns]
    if opts["text_field"] not in names:
        raise InputError(
            f"{path}, row 1: the header has no column {opts['text_field']!r} (columns: "
            f"{', '.join(map(repr, names))}); name the text column with text_field= "
            "(--text-field)")
    for i, values in enumerate(df.itertuples(index=False, name=None)):
        row = {}
        for k, v in zip(names, values):
            if v is None or (isinstance(v, float) and v != v):
                continue  # an empty cell
            if hasattr(v, "item"):
                v = v.item()
            row[k] = v
        if opts["text_field"] in row and not isinstance(row[opts["text_field"]], str):
            row[opts["text_field"]] = str(row[opts["text_field"]])
        if opts["text_field"] not in row:
            if not row:
                continue
        yield record_from_mapping(row, source=path, line=i + 2, **opts)


def _file_records(path: str, fmt: str, opts: dict, limit: int, sheet, stats=None) -> Iterator:
    if fmt == "auto":
        fmt = detect_format(path)
        if fmt == "lines":
            fmt = "auto"  # .txt and other names: the first line decides
    if fmt == "xlsx":
        yield from _xlsx_records(path, opts, sheet)
        return
    f = _open(path)
    with f:
        if fmt in ("csv", "tsv"):
            yield from _csv_records(f, path, "," if fmt == "csv" else "\t", opts, limit)
        else:
            yield from _line_records(f, path, fmt, opts, limit, stats)


def _folder_records(folder: str, fmt: str, opts: dict, limit: int, sheet, province_of):
    entries = sorted(p for p in Path(folder).iterdir()
                     if p.is_file() and not p.name.startswith(".")
                     and p.suffix.lower() in _FOLDER_SUFFIXES)
    if not entries:
        raise InputError(f"{folder}: the folder has no .txt, .jsonl, .csv, .tsv or .xlsx files")
    for p in entries:
        if p.suffix.lower() == ".txt" and fmt in ("auto", "lines"):
            data = p.read_bytes()
            limit_ = max_record_bytes(limit)
            if len(data) > limit_:
                raise InputError(f"{p}: longer than {limit_:,} bytes (the maximum record "
                                 "length; set CYBERREPORT_MAX_RECORD_BYTES to raise it)")
            if data.startswith(b"\xef\xbb\xbf"):
                data = data[3:]
            try:
                text = data.decode("utf-8")
            except UnicodeDecodeError:
                yield Reject(str(p), 1, "not UTF-8 text; save the file as UTF-8", data[:200])
                continue
            text = text.strip()
            if not text:
                continue
            province, year = _meta_from_name(p.stem, province_of)
            yield Record(p.stem, text, province=province, year=year, source=str(p))
        else:
            yield from _file_records(str(p), "auto", opts, limit, sheet)


def iter_records(
    source,
    *,
    fmt: str = "auto",
    text_field: str = "text",
    id_field: str = "id",
    on_error: str = "raise",
    max_record_bytes: int | None = None,
    sheet: str | int | None = None,
    stats: dict | None = None,
) -> Iterator[Record | Reject]:
    """The records of one or more inputs, in order.

    Parameters
    ----------
    source : str, Path, or a list of them
        A file, a folder (its ``.txt`` files one text each — province and year taken
        from names such as ``2018_浙江.txt`` — and its ``.jsonl``/``.csv``/``.tsv``/
        ``.xlsx`` files), or ``"-"`` for standard input.
    fmt : {"auto", "jsonl", "lines", "csv", "tsv", "xlsx"}, default="auto"
        See :func:`detect_format`.
    text_field, id_field : str
        The field (column) of the text and of the id.  Records without an id are
        numbered by line (row).  ``province``, ``year`` and ``date`` fields become
        attributes; every other field is kept in :attr:`Record.fields`.
    on_error : {"raise", "yield"}, default="raise"
        What a line that cannot be read does: raise
        :class:`~cyberreport.exceptions.InputError` naming the file and line, or come out
        as a :class:`Reject` so that the caller can keep it.
    max_record_bytes : int, optional
        The longest line read (default 256 MiB, or ``CYBERREPORT_MAX_RECORD_BYTES``); a
        longer one raises ``InputError`` before memory grows further.
    sheet : str or int, optional
        The Excel sheet (default: the first).
    stats : dict, optional
        When given, ``stats["blank"]`` counts the blank lines skipped (line formats).

    Yields
    ------
    Record or Reject

    Raises
    ------
    InputError
        A missing or unreadable file, a CSV without the text column, a line longer than
        ``max_record_bytes`` and, with ``on_error="raise"``, any bad line.

    Examples
    --------
    >>> import json, tempfile, os
    >>> path = os.path.join(tempfile.mkdtemp(), "x.jsonl")
    >>> _ = open(path, "w", encoding="utf-8").write(json.dumps(
    ...     {"id": "a", "text": "网信办开展净网行动。", "province": "浙江", "year": 2018},
    ...     ensure_ascii=False) + "\\n")
    >>> [(r.id, r.province, r.year) for r in iter_records(path)]
    [('a', '浙江', 2018)]
    """
    from .._validation import Options, check_value

    check_value("fmt", fmt, [Options(FORMATS)])
    check_value("on_error", on_error, [Options(("raise", "yield"))])
    check_value("text_field", text_field, ["nonempty_str"])
    check_value("id_field", id_field, ["nonempty_str"])
    sources = list(source) if isinstance(source, (list, tuple)) else [source]
    if not sources:
        raise InputError("no input given")
    province_of = _province_normaliser()
    if stats is not None:
        stats.setdefault("blank", 0)
    opts = {"text_field": text_field, "id_field": id_field, "province_of": province_of}
    for src in sources:
        if isinstance(src, (bytes, bytearray)) or not isinstance(src, (str, os.PathLike)):
            raise TypeError(f"source must be a path, '-' or a list of them, got "
                            f"{type(src).__name__}")
        name = describe_source(src)
        if src == "-":
            if fmt == "xlsx":
                raise InputError("standard input cannot be an Excel file")
            stdin = _stdin_bytes()
            items = (_csv_records(stdin, name, "," if fmt == "csv" else "\t",
                                  opts, max_record_bytes) if fmt in ("csv", "tsv")
                     else _line_records(stdin, name, fmt, opts, max_record_bytes, stats))
        elif os.path.isdir(name):
            items = _folder_records(name, fmt, opts, max_record_bytes, sheet, province_of)
        else:
            items = _file_records(name, fmt, opts, max_record_bytes, sheet, stats)
        for item in items:
            if isinstance(item, Reject) and on_error == "raise":
                raise InputError(str(item))
            yield item


class _EncodedText:
    """A binary ``readline`` over a text stream (standard input replaced by a text
    object, as in notebooks and tests)."""

    def __init__(self, stream):
        self.stream = stream
        self.pending = b""

    def readline(self, size: int = -1) -> bytes:
        while b"\n" not in self.pending and (size < 0 or len(self.pending) < size):
            line = self.stream.readline()
            if not line:
                break
            self.pending += line.encode("utf-8", "surrogateescape")
        cut = self.pending.find(b"\n") + 1 or len(self.pending)
        if size >= 0:
            cut = min(cut, size)
        out, self.pending = self.pending[:cut], self.pending[cut:]
        return out

    def tell(self):
        raise OSError("not seekable")


def _stdin_bytes():
    """Standard input as a binary stream."""
    buffer = getattr(sys.stdin, "buffer", None)
    return buffer if buffer is not None else _EncodedText(sys.stdin)


def _province_normaliser():
    """The function that normalises province names read from inputs and file names
    (浙江省/浙江/浙 -> 浙江; ``None`` for a name that is not a province, which is then
    kept as written): :func:`cyberreport.places.normalize_province` (layer 1)."""
    from ..places import normalize_province

    return normalize_province


