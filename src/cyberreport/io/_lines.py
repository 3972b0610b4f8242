"""Reading raw lines: bounded memory per line, one line-break rule, byte-order marks."""

from __future__ import annotations

import os
from collections.abc import Iterator
from itertools import chain

from ..exceptions import InputError

__all__ = ["MAX_RECORD_BYTES", "max_record_bytes", "iter_lines", "first_content_line",
           "check_encoding"]

MAX_RECORD_BYTES = 256 * 1024 * 1024
"""The longest record (line) read by default, in bytes (256 MiB, about 85 million Chinese
characters).  ``CYBERREPORT_MAX_RECORD_BYTES`` changes it; a longer line is an error that
names the file and line, never a run out of memory."""

_BLOCK = 1 << 20
_BOM8 = b"\xef\xbb\xbf"


def max_record_bytes(value: int | None = None) -> int:
    """``value``, or the environment's ``CYBERREPORT_MAX_RECORD_BYTES``, or the default."""
    if value is not None:
        return int(value)
    env = os.environ.get("CYBERREPORT_MAX_RECORD_BYTES")
    if env:
        try:
            n = int(env)
        except ValueError:
            raise InputError(
                f"CYBERREPORT_MAX_RECORD_BYTES must be a positive int, got {env!r}") from None
        if n > 0:
            return n
    return MAX_RECORD_BYTES


def check_encoding(head: bytes, source: str, after: bytes = b"") -> None:
    """Refuse UTF-16/UTF-32 input with a message that says what to do.  It is recognised
    by its byte-order mark, by NUL bytes between ASCII characters, or, for Chinese text
    without a byte-order mark, by the NUL byte of a UTF-16 line break: at the end of the
    first line (``head``, big-endian) or at the start of the next one (``after``,
    little-endian).  UTF-8 text (or GBK) never holds a NUL byte."""
    if head.startswith((b"\xff\xfe", b"\xfe\xff")) or (
            len(head) >= 4 and head[1:4:2] == b"\x00\x00" and head[0:4:2] != b"\x00\x00") \
            or (head.endswith(b"\x00") and len(head) % 2 == 1) or after.startswith(b"\x00"):
        raise InputError(f"{source}: the file is UTF-16 encoded; save it as UTF-8")


def iter_lines(f, source: str, *, max_bytes: int | None = None,
               start_line: int = 1) -> Iterator[tuple[int, bytes]]:
    """``(line number, bytes)`` of every line of the binary stream ``f``, without the
    line break (``\\n`` or ``\\r\\n``; a lone ``\\r`` is not a line break).  A UTF-8
    byte-order mark at the start is dropped.  A line longer than ``max_bytes`` raises
    :class:`~cyberreport.exceptions.InputError` naming the file and the line after
    reading at most ``max_bytes`` of it.
    """
    limit = max_record_bytes(max_bytes)
    lineno = start_line - 1
    first = start_line == 1
    read = f.readline
    ahead: list[bytes] = []  # a block read ahead of its line (to check the encoding)

    def readline(size):
        return ahead.pop() if ahead else read(size)

    while True:
        chunk = readline(_BLOCK)
        if not chunk:
            return
        lineno += 1
        if not chunk.endswith(b"\n"):
            parts = [chunk]
            size = len(chunk)
            while not chunk.endswith(b"\n"):
                if size > limit + 2:
                    _too_long(source, lineno, limit)
                chunk = readline(_BLOCK)
                if not chunk:
                    break
                parts.append(chunk)
                size += len(chunk)
            chunk = b"".join(parts)
        if chunk.endswith(b"\n"):
            chunk = chunk[:-2] if chunk.endswith(b"\r\n") else chunk[:-1]
        if len(chunk) > limit:
            _too_long(source, lineno, limit)
        if first:
            first = False
            nxt = read(_BLOCK)
            if nxt:
                ahead.append(nxt)
            check_encoding(chunk, source, nxt)
            if chunk.startswith(_BOM8):
                chunk = chunk[3:]
        yield lineno, chunk


def _too_long(source: str, lineno: int, limit: int):
    raise InputError(
        f"{source}, line {lineno}: the record is longer than {limit:,} bytes (the maximum "
        "record length; set CYBERREPORT_MAX_RECORD_BYTES or max_record_bytes= to raise it)")


def first_content_line(lines: Iterator[tuple[int, bytes]]):
    """``(first non-blank line or None, the same lines re-chained)``: look at the first
    record without consuming a pipe."""
    seen = []
    for item in lines:
        seen.append(item)
        if item[1].strip():
            return item[1], chain(seen, lines)
    return None, iter(seen)
