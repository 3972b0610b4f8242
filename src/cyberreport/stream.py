"""Classify a file of any size line by line: :func:`classify_file`.

The input is read and the output written one chunk of lines at a time, so memory does
not grow with the file.  The output is JSON Lines, one object per input record, in
input order, with the record's id.  Complete lines are appended and flushed chunk by
chunk; a run that is interrupted (Ctrl-C, ``kill -9``, a full disk) can be resumed
with ``resume=True``: the trailing partial line, if any, is cut off, the records already
written are checked against the first records of the input (by id, and by text when the
output has it) and the run goes on after them, so that the finished output is the same,
byte for byte, as that of an uninterrupted run.

Input lines that cannot be used (invalid JSON, not an object, no string text field, a
bad id, invalid UTF-8) are not dropped silently: each is written to the rejects file
with its line number, the reason and the raw line, and counted in the summary; a
:class:`RejectedLinesWarning` names the first few.
"""

from __future__ import annotations

import json
import os
import sys
import time
import warnings
from dataclasses import dataclass
from itertools import chain


__all__ = ["classify_file", "ClassifyFileSummary", "ResumeError", "RejectedLinesWarning"]

_MAX_EXAMPLES = 10


class ResumeError(ValueError):
    """``resume=True`` against an output that does not belong to the input."""


class RejectedLinesWarning(UserWarning):
    """Some input lines could not be classified (see the rejects file)."""


@dataclass(frozen=True)
class ClassifyFileSummary:
    """What :func:`classify_file` did.

    Attributes
    ----------
    n_read : int
        Non-blank input lines read by this run (after the records of an earlier run,
        when resuming); ``n_read == n_written + n_rejected``.
    n_written : int
        Records classified and written by this run.
    n_rejected : int
        Lines rejected by this run (in the rejects file).
    n_skipped_resumed : int
        Records that were already in the output from an earlier run.
    n_blank : int
        Blank input lines (skipped; they are not records).
    seconds : float
        Wall-clock time of the run.
    dst, rejects : str
        The output and rejects files (the rejects file exists only if a line was
        rejected).
    reject_examples : tuple of (int, str)
        Line number and reason of the first rejected lines of this run (at most 10).
    """

    n_read: int
    n_written: int
    n_rejected: int
    n_skipped_resumed: int
    n_blank: int
    seconds: float
    dst: str
    rejects: str
    reject_examples: tuple = ()


# -- parsing one input line (the same function checks a resumed output) ----------------
def _parse(lineno: int, raw: bytes, fmt: str, field: str, id_field: str):
    """``("ok", id, text)``, ``("blank",)`` or ``("reject", reason)`` for one line."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ("reject", f"not UTF-8 text ({exc.reason} at byte {exc.start})")
    line = line.rstrip("\r\n")
    if not line.strip():
        return ("blank",)
    if fmt == "lines":
        return ("ok", str(lineno), line)
    try:
        obj = json.loads(line)
    except json.JSONDecodeError as exc:
        return ("reject", f"invalid JSON ({exc.msg} at column {exc.colno})")
    if not isinstance(obj, dict):
        return ("reject", f"expected a JSON object, got {type(obj).__name__}")
    if field not in obj:
        return ("reject", f"missing field {field!r}")
    text = obj[field]
    if not isinstance(text, str):
        return ("reject", f"field {field!r} must be a string, got {_json_type(text)}")
    if (b"\\ud" in raw or b"\\uD" in raw) and _has_surrogate(text):
        return ("reject", f"field {field!r} has a lone surrogate escape (such as \\ud800), "
                          "which is not a character")
    if id_field in obj:
        rid = obj[id_field]
        if isinstance(rid, bool) or not isinstance(rid, (str, int, float)):
            return ("reject", f"field {id_field!r} must be a string or a number, "
                              f"got {_json_type(rid)}")
        rid = str(rid)
    else:
        rid = str(lineno)
    return ("ok", rid, text)


def _has_surrogate(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


def _json_type(v) -> str:
    return {dict: "an object", list: "an array", str: "a string", bool: "a boolean",
            int: "a number", float: "a number", type(None): "null"}.get(type(v), type(v).__name__)


# -- work on one chunk of lines (in this process or a worker) ---------------------------
def _classify_chunk(model, lines, *, fmt, field, id_field, threshold, explain, keep_text):
    """Output lines, reject lines and counts for a chunk of ``(lineno, raw)``."""
    from ._batch import chunk_proba

    ids, texts, rejects = [], [], []
    n_blank = 0
    for lineno, raw in lines:
        r = _parse(lineno, raw, fmt, field, id_field)
        if r[0] == "ok":
            ids.append(r[1])
            texts.append(r[2])
        elif r[0] == "blank":
            n_blank += 1
        else:
            rejects.append((lineno, r[1], raw))
    classes = model.classes_
    records = []
    if texts and explain:
        for rid, text in zip(ids, texts):
            c = model.classify(text, threshold=threshold)
            d = {"id": rid, "labels": list(c.labels),
                 "scores": {k: round(v, 4) for k, v in c.scores.items()},
                 "evidence": c.to_dict()["evidence"]}
            if keep_text:
                d["text"] = text
            records.append(d)
    elif texts:
        proba = chunk_proba(model, texts)
        if threshold is None:
            labels = model._labels_from_proba(proba)
        else:  # as classify(threshold=...): one threshold for every class
            labels = [tuple(c for c, hit in zip(classes, row) if hit) for row in proba >= threshold]
        for rid, text, labs, row in zip(ids, texts, labels, proba.tolist()):
            d = {"id": rid, "labels": list(labs),
                 "scores": {k: round(v, 4) for k, v in zip(classes, row)}}
            if keep_text:
                d["text"] = text
            records.append(d)
    out = b"".join(map(_record_line, records))
    rej = b"".join(_reject_line(lineno, reason, raw) for lineno, reason, raw in rejects)
    return out, len(records), rej, [(ln, reason) for ln, reason, _ in rejects], n_blank


# -- files --------------------------------------------------------------------------------
def _detect_format(path: str, fmt: str) -> str:
    if fmt not in ("auto", "jsonl", "lines"):
        raise ValueError(f"fmt must be 'auto', 'jsonl' or 'lines', got {fmt!r}")
    if fmt != "auto":
        return fmt
    if path.endswith((".jsonl", ".ndjson")):
        return "jsonl"
    if path.endswith(".txt"):
        return "lines"
    with open(path, "rb") as f:  # another name: the first non-blank line decides
        for raw in f:
            if raw.strip():
                return "jsonl" if raw.lstrip().startswith(b"{") else "lines"
    return "lines"


def _cut_partial_line(path: str) -> None:
    """Truncate ``path`` after its last newline (a line without one was half-written)."""
    with open(path, "r+b") as f:
        end = f.seek(0, os.SEEK_END)
        pos = end
        while pos > 0:
            step = min(pos, 1 << 16)
            f.seek(pos - step)
            block = f.read(step)
            i = block.rfind(b"\n")
            if i >= 0:
                keep = pos - step + i + 1
                break
            pos -= step
        else:
            keep = 0
        if keep != end:
            f.truncate(keep)


def _resume_point(src_lines, dst: str, fmt, field, id_field, src_name, rejects: str):
    """Check the complete records of ``dst`` against the first records of the input and
    return ``(records in dst, input line of the last one)``; the input iterator is left
    just after that line.  The rejects file is rewritten with the input's rejected
    lines up to there (the rest are redone by the run)."""
    _cut_partial_line(dst)
    n = 0
    last_line = 0
    tmp = rejects + ".resume-tmp"
    rej = open(tmp, "wb")
    n_rej = 0
    try:
        with open(dst, "rb") as out:
            for out_no, out_raw in enumerate(out, 1):
                try:
                    rec = json.loads(out_raw)
                    out_id = rec["id"]
                except (ValueError, KeyError, TypeError):
                    raise ResumeError(
                        f"{dst}, line {out_no}: not a record written by classify_file; "
                        f"cannot resume into this file (remove it, or run without resume)"
                    ) from None
                for lineno, raw in src_lines:
                    r = _parse(lineno, raw, fmt, field, id_field)
                    if r[0] == "ok":
                        break
                    if r[0] == "reject":
                        rej.write(_reject_line(lineno, r[1], raw))
                        n_rej += 1
                else:
                    raise ResumeError(
                        f"{dst} has more records ({out_no} or more) than {src_name} has; "
                        f"the output belongs to another input (remove it, or run without "
                        f"resume)"
                    )
                if r[1] != out_id or ("text" in rec and rec["text"] != r[2]):
                    what = "id" if r[1] != out_id else "text"
                    raise ResumeError(
                        f"{dst}, line {out_no}: {what} does not match the input's record "
                        f"({src_name}, line {lineno}: id {r[1]!r}, output: id {out_id!r}); "
                        f"the output belongs to another input (remove it, or run without "
                        f"resume)"
                    )
                n = out_no
                last_line = lineno
        rej.close()
        if n_rej:
            os.replace(tmp, rejects)
        else:
            os.remove(tmp)
            if os.path.exists(rejects):
                os.remove(rejects)
    except BaseException:
        rej.close()
        if os.path.exists(tmp):
            os.remove(tmp)
        raise
    return n, last_line


def _record_line(d: dict) -> bytes:
    line = json.dumps(d, ensure_ascii=False) + "\n"
    try:
        return line.encode("utf-8")
    except UnicodeEncodeError:  # a lone surrogate (JSON "\\ud800"): keep it as an escape
        return (json.dumps(d) + "\n").encode("ascii")


def _reject_line(lineno: int, reason: str, raw: bytes) -> bytes:
    return (json.dumps({"line": lineno, "error": reason,
                        "raw": raw.decode("utf-8", errors="replace").rstrip("\r\n")},
                       ensure_ascii=False) + "\n").encode("utf-8")


class _Progress:
    def __init__(self, enabled: bool, total_bytes: int | None):
        self.enabled = enabled
        self.total = total_bytes
        self.t0 = time.perf_counter()
        self.last = 0.0
        self.shown = False

    def update(self, n_done: int, pos: int | None, final: bool = False) -> None:
        if not self.enabled:
            return
        now = time.perf_counter()
        if not final and now - self.last < 0.25:
            return
        self.last = now
        rate = n_done / max(now - self.t0, 1e-9)
        pct = f"{100 * pos / self.total:5.1f}%  " if self.total and pos is not None else ""
        sys.stderr.write(f"\rcyberreport: {pct}{n_done:,} records  {rate:,.0f}/s ")
        sys.stderr.flush()
        self.shown = True
        if final:
            sys.stderr.write("\n")
            sys.stderr.flush()


def classify_file(
    src,
    dst,
    *,
    model=None,
    n_jobs: int | None = None,
    resume: bool = False,
    rejects=None,
    field: str = "text",
    id_field: str = "id",
    chunk_size: int | None = None,
    progress: bool | None = None,
    threshold: float | None = None,
    explain: bool = False,
    keep_text: bool = True,
    fmt: str = "auto",
) -> ClassifyFileSummary:
    """Classify every record of a JSON Lines (or one-text-per-line) file into a JSON
    Lines file, in constant memory; resumable.

    Parameters
    ----------
    src : str or Path
        Input: ``.jsonl``/``.ndjson`` (an object per line, the text in ``field``), ``.txt``
        (one text per line), or another name (JSONL if the first non-blank line starts
        with ``{``).  ``"-"`` reads standard input (not resumable).  Blank lines are
        skipped.
    dst : str or Path
        Output JSON Lines file: per record ``{"id", "labels", "scores", ["evidence"],
        ["text"]}``, as ``cyberreport classify --format jsonl`` writes.  The id is the
        record's ``id_field`` as a string, or its line number when it has none.
        Replaced unless ``resume``.
    model : ThemeClassifier, str or Path, optional
        A fitted model or a model directory; by default the bundled model.
    n_jobs : int, optional
        Worker processes (see :meth:`ThemeClassifier.predict`); the output is the same.
    resume : bool, default=False
        Continue an interrupted run: keep the complete records already in ``dst``
        (checked against the input: a mismatch raises :class:`ResumeError`) and classify
        the rest.
    rejects : str or Path, optional
        Where rejected lines go (default ``dst + ".rejects.jsonl"``); created only when
        a line is rejected.  Each entry is ``{"line", "error", "raw"}``.
    field, id_field : str
        JSONL fields of the text and of the record id.
    chunk_size : int, optional
        Lines per chunk (default 2,000); memory is bounded by a few chunks.
    progress : bool, optional
        Show a progress line on standard error; by default only when it is a terminal.
    threshold : float, optional
        One decision threshold for every theme (as in :meth:`ThemeClassifier.classify`).
    explain : bool, default=False
        Add the evidence of each label (slower: one :meth:`~ThemeClassifier.classify`
        per record).
    keep_text : bool, default=True
        Copy each record's text into the output (it also lets ``resume`` check texts).
    fmt : {"auto", "jsonl", "lines"}
        Input format.

    Returns
    -------
    ClassifyFileSummary

    Raises
    ------
    FileNotFoundError, IsADirectoryError
        ``src`` cannot be read.
    ResumeError
        ``resume=True`` and ``dst`` holds records of another input.

    Examples
    --------
    >>> import cyberreport as cr
    >>> s = cr.classify_file("reports.jsonl", "themes.jsonl", n_jobs=2)   # doctest: +SKIP
    >>> s.n_written, s.n_rejected                                          # doctest: +SKIP
    (100000, 3)
    >>> cr.classify_file("reports.jsonl", "themes.jsonl", resume=True)     # doctest: +SKIP
    """
    from ._batch import check_chunk_size, check_n_jobs, map_chunks

    t0 = time.perf_counter()
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    if threshold is not None and not (isinstance(threshold, (int, float))
                                      and not isinstance(threshold, bool) and 0 < threshold < 1):
        raise ValueError(f"threshold must be a number in (0, 1), got {threshold!r}")
    for name, value in (("field", field), ("id_field", id_field)):
        if not isinstance(value, str) or not value:
            raise ValueError(f"{name} must be a non-empty str, got {value!r}")
    stdin = src == "-"
    src = src if stdin else os.fspath(src)
    dst = os.fspath(dst)
    rejects = os.fspath(rejects) if rejects is not None else dst + ".rejects.jsonl"
    if stdin:
        if resume:
            raise ValueError("cannot resume when reading standard input (src='-')")
        fmt = _detect_format("", fmt) if fmt != "auto" else None  # sniffed below
    else:
        if not os.path.exists(src):
            raise FileNotFoundError(f"{src}: no such file")
        if os.path.isdir(src):
            raise IsADirectoryError(f"{src}: is a folder, not a file")
        fmt = _detect_format(src, fmt)
        if os.path.exists(dst) and os.path.samefile(src, dst):
            raise ValueError(f"dst is the input file itself: {dst}")
    if os.path.isdir(dst):
        raise IsADirectoryError(f"{dst}: is a folder; dst must be a file")
    if model is None or isinstance(model, (str, os.PathLike)):
        from .persistence import load_model

        model = load_model(model)
    model._check_fitted()

    f = sys.stdin.buffer if stdin else open(src, "rb")
    try:
        total = None if stdin else os.fstat(f.fileno()).st_size
        if fmt is None:  # standard input: the first line decides, as in the CLI
            first = f.readline()
            fmt = "jsonl" if first.lstrip().startswith(b"{") else "lines"
            lines = enumerate(chain([first] if first else [], f), 1)
        else:
            lines = enumerate(f, 1)
        skipped = 0
        if resume and os.path.exists(dst):
            # (leaves the input iterator after the last line already done)
            skipped, _ = _resume_point(lines, dst, fmt, field, id_field, src, rejects)
        else:
            with open(dst, "wb"):
                pass
            if os.path.exists(rejects):
                os.remove(rejects)
        if progress is None:
            progress = sys.stderr.isatty()
        bar = _Progress(bool(progress), total)
        # blank lines seen here (by the reading thread, which is joblib's when n_jobs > 1)
        # and in the workers (lines of Unicode spaces only); two counters, no race
        read_blank = [0]
        n_blank = 0

        def chunks():
            while True:
                chunk = []
                for lineno, raw in lines:
                    if raw.strip(b" \t\r\n"):
                        chunk.append((lineno, raw))
                        if len(chunk) >= chunk_size:
                            break
                    else:
                        read_blank[0] += 1
                if not chunk:
                    return
                yield chunk

        n_written = n_rejected = 0
        examples: list = []
        opts = dict(fmt=fmt, field=field, id_field=id_field, threshold=threshold,
                    explain=explain, keep_text=keep_text)
        with open(dst, "ab") as out:
            rej = None
            try:
                for out_bytes, n_rec, rej_bytes, rej_list, blank in map_chunks(
                        model, _classify_chunk, chunks(), n_jobs, **opts):
                    if rej_bytes:  # rejects first: a resumed run redoes any after the output
                        if rej is None:
                            rej = open(rejects, "ab")
                        rej.write(rej_bytes)
                        rej.flush()
                        n_rejected += len(rej_list)
                        examples.extend(rej_list[:_MAX_EXAMPLES - len(examples)])
                    out.write(out_bytes)
                    out.flush()
                    n_written += n_rec
                    n_blank += blank
                    bar.update(skipped + n_written, None if stdin else _tell(f))
            finally:
                if rej is not None:
                    rej.close()
            os.fsync(out.fileno())
        bar.update(skipped + n_written, total, final=True)
    finally:
        if not stdin:
            f.close()
    summary = ClassifyFileSummary(
        n_read=n_written + n_rejected, n_written=n_written, n_rejected=n_rejected,
        n_skipped_resumed=skipped, n_blank=n_blank + read_blank[0],
        seconds=time.perf_counter() - t0,
        dst=dst, rejects=rejects, reject_examples=tuple(examples),
    )
    if n_rejected:
        shown = "; ".join(f"line {ln}: {reason}" for ln, reason in examples[:3])
        more = f"; and {n_rejected - 3} more" if n_rejected > 3 else ""
        warnings.warn(
            f"{n_rejected} line(s) of {src if not stdin else '<stdin>'} rejected ({shown}{more}); "
            f"see {rejects}", RejectedLinesWarning, stacklevel=2,
        )
    return summary


def _tell(f) -> int | None:
    try:
        return f.tell()
    except (OSError, ValueError):
        return None
