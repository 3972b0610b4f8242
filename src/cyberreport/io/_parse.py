"""From one input line or row to a :class:`Record` (or a :class:`Reject` saying why not)."""

from __future__ import annotations

import json
import re
from collections.abc import Mapping

from ._record import Record, Reject

__all__ = ["parse_line", "record_from_mapping", "json_type"]

_YEAR_RE = re.compile(r"^\s*(1[89]\d\d|2[01]\d\d)\s*(年)?\s*$")
_META = ("province", "year", "date")


def json_type(v) -> str:
    """The JSON name of a value's type, for messages (``"an array"``)."""
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(v), type(v).__name__)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _year(value):
    """An int year from an int or a string such as ``"2018"``/``"2018年"``; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value if 1800 <= value <= 2199 else None
    if isinstance(value, float) and value.is_integer():
        return _year(int(value))
    if isinstance(value, str):
        m = _YEAR_RE.match(value)
        return int(m.group(1)) if m else None
    return None


def record_from_mapping(obj: Mapping, *, source: str, line: int, text_field: str,
                        id_field: str, raw: bytes = b"", default_id: str | None = None,
                        province_of=None) -> Record | Reject:
    """A record from a JSON object or a CSV row: the text from ``text_field``, the id from
    ``id_field`` (default: the line number), ``province``, ``year`` and ``date`` when
    present, every other field kept in ``fields``.  ``province_of`` normalises a
    province name (``浙江省`` -> ``浙江``) when given."""
    if text_field not in obj:
        return Reject(source, line, f"missing field {text_field!r}", raw)
    text = obj[text_field]
    if not isinstance(text, str):
        return Reject(source, line,
                      f"field {text_field!r} must be a string, got {json_type(text)}", raw)
    if _has_surrogate(text):
        return Reject(source, line, f"field {text_field!r} has a lone surrogate escape "
                                    "(such as \\ud800), which is not a character", raw)
    if id_field in obj and obj[id_field] != "":
        rid = obj[id_field]
        if isinstance(rid, bool) or not isinstance(rid, (str, int, float)):
            return Reject(source, line, f"field {id_field!r} must be a string or a number, "
                                        f"got {json_type(rid)}", raw)
        rid = str(rid)
    else:
        rid = default_id if default_id is not None else str(line)
    fields = {k: v for k, v in obj.items() if k not in (text_field, id_field)}
    province = fields.get("province")
    if not isinstance(province, str) or not province.strip():
        province = None
    else:
        province = province.strip()
        if province_of is not None:
            province = province_of(province) or province
    year = _year(fields.get("year"))
    date = fields.get("date")
    date = str(date) if isinstance(date, (str, int)) and not isinstance(date, bool) and date != "" else None
    for k in _META:
        if k == "year" and fields.get(k) is not None and year is None:
            continue  # an unreadable year stays visible among the fields
        fields.pop(k, None)
    return Record(rid, text, province=province, year=year, date=date, source=source,
                  line=line, fields=fields)


def parse_line(lineno: int, raw: bytes, fmt: str, *, source: str, text_field: str = "text",
               id_field: str = "id", province_of=None,
               default_id: str | None = None) -> Record | Reject | None:
    """The record of one line of a ``"jsonl"`` or ``"lines"`` input, ``None`` for a blank
    line, or a :class:`Reject`.

    Examples
    --------
    >>> parse_line(3, '{"id": "a", "text": "网信办"}'.encode(), "jsonl", source="x.jsonl").id
    'a'
    >>> print(parse_line(4, b'{"text": 5}', "jsonl", source="x.jsonl"))
    x.jsonl, line 4: field 'text' must be a string, got a number
    """
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return Reject(source, lineno, f"not UTF-8 text ({exc.reason} at byte {exc.start})", raw)
    if not line.strip():
        return None
    if fmt == "lines":
        return Record(str(lineno), line, source=source, line=lineno)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return Reject(source, lineno, f"invalid JSON ({exc.msg} at column {exc.colno})", raw)
    except ValueError as exc:  # an integer of more than 4,300 digits
        return Reject(source, lineno, f"invalid JSON ({exc})", raw)
    except RecursionError:
        return Reject(source, lineno, "invalid JSON (nested too deeply)", raw)
    if not isinstance(obj, dict):
        return Reject(source, lineno, f"expected a JSON object, got {json_type(obj)}", raw)
    return record_from_mapping(obj, source=source, line=lineno, text_field=text_field,
                               id_field=id_field, raw=raw, province_of=province_of,
                               default_id=default_id)
