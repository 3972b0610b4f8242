"""Coverage-guided fuzz target (atheris) for the record parser and reader (issue 12).

Any bytes, as one line (``parse_line``) and as a whole file of any extension
(``iter_records``): the result is records and rejects, or the documented ``InputError``
naming the file; anything else (an exception, a record whose text is not valid text) is a
finding and stops the run with the input that caused it.

    pip install atheris
    python tests/fuzz/fuzz_records.py -runs=100000        # or -max_total_time=60
    python tests/fuzz/fuzz_records.py CRASH-FILE           # replay a finding
"""

from __future__ import annotations

import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["cyberreport"]):
    import importlib
    import pkgutil

    import cyberreport as cr
    import cyberreport.corpus
    import cyberreport.io
    from cyberreport.io._parse import parse_line

    for _m in pkgutil.walk_packages(cyberreport.io.__path__, "cyberreport.io."):
        importlib.import_module(_m.name)  # the lazily imported readers too

_DIR = tempfile.mkdtemp(prefix="fuzz-records-")
_EXTS = [".jsonl", ".txt", ".csv", ".tsv", ""]


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    fmt = fdp.PickValueInList(["jsonl", "lines"])
    ext = fdp.PickValueInList(_EXTS)
    raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    out = parse_line(1, raw.split(b"\n")[0], fmt, source="x.jsonl")
    if out is not None and not isinstance(out, (cr.Record, cr.Reject)):
        raise AssertionError(out)
    if isinstance(out, cr.Record):
        out.text.encode("utf-8")
    path = os.path.join(_DIR, "input" + ext)
    with open(path, "wb") as f:
        f.write(raw)
    try:
        items = list(cr.iter_records(path, on_error="yield"))
    except cr.InputError as exc:
        if path not in str(exc):
            raise AssertionError(f"the error does not name the file: {exc}") from None
        return
    lines = []
    for item in items:
        if not isinstance(item, (cr.Record, cr.Reject)):
            raise AssertionError(item)
        if isinstance(item, cr.Record):
            item.text.encode("utf-8")
        lines.append(item.line)
    if lines != sorted(lines):
        raise AssertionError(f"records out of order: {lines}")


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
