"""Classifying a file of any size into a JSON Lines file: :func:`classify_file`.

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

import contextlib
import errno
import hashlib
import json
import os
import stat
import time
import warnings
from dataclasses import dataclass

import numpy as np

from .._deprecation import renamed_param
from ..exceptions import InputError, RejectedLinesWarning
from ..io import iter_records
from ..io._writers import jsonl_line, reject_line
from ._chunks import classify_records
from ._resume import check_settings, cut_partial_line, resume_point, write_settings

__all__ = ["classify_file", "ClassifyFileSummary", "check_outputs", "lock_output",
           "model_fingerprint", "is_regular_output"]

_MAX_EXAMPLES = 10


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


@renamed_param("field", "text_field")
def classify_file(
    src,
    dst,
    *,
    model=None,
    n_jobs: int | None = None,
    resume: bool = False,
    rejects=None,
    text_field: str = "text",
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
        Input in any format :func:`~cyberreport.iter_records` reads: ``.jsonl`` (an
        object per line, the text in ``text_field``), ``.txt`` (one text per line, or
        JSON Lines when its first non-blank line is a JSON object), ``.csv``/``.tsv``
        (a header row), ``.xlsx``.  ``"-"`` reads standard input (not resumable).  Blank
        lines are skipped.
    dst : str or Path
        Output JSON Lines file: per record ``{"id", "labels", "scores", ["evidence"],
        ["text"]}``, as ``cyberreport classify --format jsonl`` writes.  The id is the
        record's ``id_field`` as a string, or its line number when it has none.
        Replaced unless ``resume``; the run's settings are kept beside it in
        ``dst + ".run.json"`` so that a resume can check them.  It may not be an input
        file (or a hard link to one), and one run at a time may write it.
    model : ThemeClassifier, str or Path, optional
        A fitted model or a model directory; by default the bundled model.
    n_jobs : int, optional
        Worker processes (see :meth:`ThemeClassifier.predict`); the output is the same.
    resume : bool, default=False
        Continue an interrupted run: keep the complete records already in ``dst``
        (checked against the input, and the model and settings against those that
        wrote it: a mismatch raises :class:`ResumeError`) and classify the rest.
    rejects : str or Path, optional
        Where rejected lines go (default ``dst + ".rejects.jsonl"``); created only when
        a line is rejected.  Each entry is ``{"line", "error", "raw"}``.
    text_field, id_field : str
        Fields (columns) of the text and of the record id (``field`` in 0.1).
    chunk_size : int, optional
        Lines per chunk (default 2,000); memory is bounded by a few chunks.
    progress : bool, optional
        A progress bar (bytes read, records written, rate and ETA) for runs longer than
        two seconds; by default on a terminal or in a notebook (``CYBERREPORT_PROGRESS=0``
        turns it off).
    threshold : float, optional
        One decision threshold for every theme (as in :meth:`ThemeClassifier.classify`).
    explain : bool, default=False
        Add the evidence of each label (slower: one :meth:`~ThemeClassifier.classify`
        per record).
    keep_text : bool, default=True
        Copy each record's text into the output (it also lets ``resume`` check texts).
    fmt : {"auto", "jsonl", "lines", "csv", "tsv", "xlsx"}
        Input format (see :func:`~cyberreport.detect_format`).

    Returns
    -------
    ClassifyFileSummary

    Raises
    ------
    FileNotFoundError, IsADirectoryError
        ``src`` cannot be read.
    ValueError
        ``dst`` or ``rejects`` is an input file, or another argument is invalid.
    InputError
        Another process is writing ``dst``, or a line is longer than the maximum record
        length.
    ResumeError
        ``resume=True`` and ``dst`` holds records of another input.

    Examples
    --------
    >>> import cyberreport as cr
    >>> import json
    >>> with open("reports.jsonl", "w", encoding="utf-8") as f:
    ...     for i, t in enumerate(["开展网络安全检查。", "建设县级融媒体中心。"]):
    ...         _ = f.write(json.dumps({"id": i, "text": t}, ensure_ascii=False) + "\\n")
    ...     _ = f.write("not json\\n")
    >>> import warnings; warnings.simplefilter("ignore", cr.RejectedLinesWarning)
    >>> s = cr.classify_file("reports.jsonl", "themes.jsonl")
    >>> s.n_written, s.n_rejected
    (2, 1)
    >>> cr.classify_file("reports.jsonl", "themes.jsonl", resume=True).n_skipped_resumed
    2
    """
    from .._parallel import check_chunk_size, check_n_jobs
    from .._progress import progress_bar, show_last
    from .._validation import Interval, check_value
    from numbers import Real

    t0 = time.perf_counter()
    n_jobs = check_n_jobs(n_jobs)
    chunk_size = check_chunk_size(chunk_size)
    check_value("threshold", threshold, [None, Interval(Real, 0, 1, "neither")])
    check_value("text_field", text_field, ["nonempty_str"])
    check_value("id_field", id_field, ["nonempty_str"])
    stdin = src == "-"
    src = src if stdin else os.fspath(src)
    dst = os.fspath(dst)
    rejects = os.fspath(rejects) if rejects is not None else dst + ".rejects.jsonl"
    if stdin:
        if resume:
            raise ValueError("cannot resume when reading standard input (src='-')")
    else:
        if not os.path.exists(src):
            raise FileNotFoundError(f"{src}: no such file")
        if os.path.isdir(src):
            raise IsADirectoryError(f"{src}: is a folder, not a file")
    if os.path.isdir(dst):
        raise IsADirectoryError(f"{dst}: is a folder; dst must be a file")
    regular = is_regular_output(dst)
    if not regular:  # a device or a pipe (/dev/null): written as it is, not resumable
        if resume:
            raise ValueError(f"cannot resume into {dst}: it is not a regular file")
        if rejects == dst + ".rejects.jsonl":
            rejects = None  # never a file beside a device, such as /dev/null.rejects.jsonl
    check_outputs([dst, rejects], [src])
    if rejects is not None and os.path.abspath(rejects) == os.path.abspath(dst):
        raise ValueError(f"rejects and dst are the same file: {dst}")
    if model is None or isinstance(model, (str, os.PathLike)):
        from ..persistence import load_model

        model = load_model(model)
    model._check_fitted()
    settings = {"model": model_fingerprint(model), "threshold": threshold,
                "explain": bool(explain), "keep_text": bool(keep_text),
                "text_field": text_field, "id_field": id_field}
    stats: dict = {}
    records = iter_records(src, fmt=fmt, text_field=text_field, id_field=id_field,
                           on_error="yield", stats=stats)
    with _writing(dst), open(dst, "ab" if regular else "wb") as out:
        skipped = 0
        if regular:
            lock_output(out, dst)
            if resume and out.tell() > 0:
                cut_partial_line(dst)  # a record half-written when the run was stopped
            if resume and os.path.getsize(dst) > 0:
                check_settings(dst, settings)
                # (leaves the records iterator after the last record already done)
                skipped = resume_point(records, dst, "<stdin>" if stdin else src, rejects)
            else:
                out.truncate(0)
                if rejects is not None and os.path.exists(rejects):
                    os.remove(rejects)
            write_settings(dst, settings)
        total = None if stdin else os.path.getsize(src)
        name = "<stdin>" if stdin else os.path.basename(src)
        bar = progress_bar(total, desc=f"classify {name}", unit="B", unit_scale=True,
                           progress=progress)
        done_bytes = 0
        n_written = n_rejected = 0
        examples: list = []
        rej = None
        try:
            for results, bad in classify_records(model, records, n_jobs=n_jobs,
                                                 chunk_size=chunk_size, threshold=threshold,
                                                 explain=explain, keep_text=keep_text):
                if bad:  # rejects first: a resumed run redoes any after the output
                    if rej is None and rejects is not None:
                        rej = open(rejects, "ab")
                    if rej is not None:
                        rej.write(b"".join(reject_line(r) for r in bad))
                        rej.flush()
                    n_rejected += len(bad)
                    examples.extend((r.line, r.reason) for r in bad[:_MAX_EXAMPLES - len(examples)])
                out.write(b"".join(map(jsonl_line, results)))
                out.flush()
                n_written += len(results)
                pos = _tell(stats.get("file"))
                if pos is not None and pos > done_bytes:
                    bar.update(pos - done_bytes)
                    done_bytes = pos
                bar.set_postfix_str(f"{skipped + n_written:,} records")
            if total:
                bar.update(max(0, total - done_bytes))
            show_last(bar)
        finally:
            if rej is not None:
                rej.close()
            bar.close()
        _fsync(out)
    summary = ClassifyFileSummary(
        n_read=n_written + n_rejected, n_written=n_written, n_rejected=n_rejected,
        n_skipped_resumed=skipped, n_blank=stats.get("blank", 0),
        seconds=time.perf_counter() - t0,
        dst=dst, rejects=rejects or "", reject_examples=tuple(examples),
    )
    if n_rejected:
        shown = "; ".join(f"line {ln}: {reason}" for ln, reason in examples[:3])
        more = f"; and {n_rejected - 3} more" if n_rejected > 3 else ""
        warnings.warn(
            f"{n_rejected} line(s) of {src if not stdin else '<stdin>'} rejected ({shown}{more}); "
            + (f"see {rejects}" if rejects else "not kept (the output is not a regular file)"),
            RejectedLinesWarning, stacklevel=2,
        )
    return summary


def _tell(f) -> int | None:
    try:
        return None if f is None else f.tell()
    except (OSError, ValueError):
        return None


def is_regular_output(path: str) -> bool:
    """True unless ``path`` exists and is not a regular file (a device such as
    ``/dev/null``, a pipe): such an output is written as it is, never replaced, locked,
    truncated or given files beside it."""
    try:
        return stat.S_ISREG(os.stat(path).st_mode)
    except OSError:
        return True


@contextlib.contextmanager
def _writing(path: str):
    """Name ``path`` in an error of writing it (a full disk, ``/dev/full``)."""
    try:
        yield
    except OSError as exc:
        if exc.filename is None and exc.errno is not None:
            raise OSError(exc.errno, exc.strerror, path) from None
        raise


def _fsync(f) -> None:
    """Flush ``f`` to disk where that is possible (not on /dev/null or a pipe)."""
    try:
        os.fsync(f.fileno())
    except OSError as exc:
        if exc.errno not in (errno.EINVAL, errno.EROFS, errno.ENOTSUP):
            raise


def model_fingerprint(model) -> str:
    """SHA-256 of a fitted model's parameters, state and arrays (what decides its
    output)."""
    from .._modelfile import jsonable

    state, arrays = model._get_state()
    state = {k: v for k, v in state.items() if k not in ("metrics",)}
    h = hashlib.sha256()
    h.update(json.dumps(jsonable({"params": model.get_params(), "state": state}),
                        sort_keys=True, ensure_ascii=False).encode())
    for name in sorted(arrays):
        h.update(name.encode())
        h.update(np.ascontiguousarray(arrays[name], dtype=np.float64).tobytes())
    return h.hexdigest()


def lock_output(f, name: str) -> None:
    """An exclusive lock on an open output file: a second run writing it stops with a
    clear error instead of interleaving its records."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        return
    try:
        fcntl.flock(f.fileno(), fcntl.LOCK_EX | fcntl.LOCK_NB)
    except BlockingIOError:
        raise InputError(f"{name}: another process is writing this file; wait for it to "
                         "finish or choose another output") from None
    except OSError:
        return  # a file system without locks


def check_outputs(outputs, inputs) -> None:
    """Refuse an output path that is one of the inputs (the same file, a hard link to it,
    the file behind standard input, or a file that the process writing into standard
    input's pipe is reading, as in ``cat f | cyberreport classify - -o f``), before
    anything is opened for writing."""
    ins = []
    for src in inputs:
        try:
            st = os.fstat(0) if src == "-" else os.stat(src)
        except OSError:
            continue
        if src == "-" and stat.S_ISFIFO(st.st_mode):
            ins += [(key, f"standard input, fed from {name}") for key, name in _pipe_sources(st)]
            continue
        if not stat.S_ISREG(st.st_mode):
            continue
        ins.append(((st.st_dev, st.st_ino), "standard input" if src == "-" else src))
    for dst in outputs:
        if dst is None:
            continue
        try:
            st = os.stat(dst)
        except OSError:
            continue
        for key, name in ins:
            if (st.st_dev, st.st_ino) == key:
                raise ValueError(f"{dst} is the input file itself ({name}); writing it would "
                                 "destroy the input — choose another output")


def _pipe_sources(pipe: os.stat_result) -> list:
    """``((st_dev, st_ino), path)`` of the regular files open in the other processes
    that hold the pipe ``pipe`` (Linux ``/proc``; nothing elsewhere).  A process still
    writing into standard input has not finished reading its file, so writing that file
    would cut its input short."""
    target = f"pipe:[{pipe.st_ino}]"
    me = os.getpid()
    found = []
    try:
        pids = [int(p) for p in os.listdir("/proc") if p.isdigit()]
    except OSError:
        return found
    for pid in pids:
        if pid == me:
            continue
        fds = f"/proc/{pid}/fd"
        try:
            names = os.listdir(fds)
        except OSError:  # gone, or another user's process
            continue
        links = {}
        for fd in names:
            try:
                links[fd] = os.readlink(f"{fds}/{fd}")
            except OSError:
                pass
        if target not in links.values():
            continue
        for fd, link in links.items():
            if not link.startswith("/"):
                continue
            try:
                st = os.stat(f"{fds}/{fd}")
            except OSError:
                continue
            if stat.S_ISREG(st.st_mode):
                found.append(((st.st_dev, st.st_ino), link))
    return found
