"""Resuming an interrupted run: the output's complete records are checked against the
input, the run's settings against those that wrote the output."""

from __future__ import annotations

import json
import os

from ..exceptions import ResumeError
from ..io import Record
from ..io._writers import reject_line

__all__ = ["cut_partial_line", "resume_point", "check_settings", "write_settings"]


def cut_partial_line(path: str) -> None:
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


def resume_point(records, dst: str, src_name: str, rejects: str) -> int:
    """Check the complete records of ``dst`` against the first records of the input and
    return how many there are; the input iterator is left just after the last of them.
    The rejects file is rewritten with the input's rejected lines up to there (the rest
    are redone by the run)."""
    cut_partial_line(dst)
    n = 0
    tmp = rejects + ".resume-tmp"
    n_rej = 0
    rej = open(tmp, "wb")
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
                for item in records:
                    if isinstance(item, Record):
                        break
                    rej.write(reject_line(item))
                    n_rej += 1
                else:
                    raise ResumeError(
                        f"{dst} has more records ({out_no} or more) than {src_name} has; "
                        f"the output belongs to another input (remove it, or run without "
                        f"resume)")
                if item.id != out_id or ("text" in rec and rec["text"] != item.text):
                    what = "id" if item.id != out_id else "text"
                    raise ResumeError(
                        f"{dst}, line {out_no}: {what} does not match the input's record "
                        f"({src_name}, line {item.line}: id {item.id!r}, output: id "
                        f"{out_id!r}); the output belongs to another input (remove it, or "
                        f"run without resume)")
                n = out_no
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
    return n


def settings_path(dst: str) -> str:
    """Where a run records its settings, beside its output."""
    return dst + ".run.json"


def write_settings(dst: str, settings: dict) -> None:
    """Record the run's settings (atomically) so that a resume can check them."""
    path = settings_path(dst)
    tmp = path + ".tmp"
    with open(tmp, "w", encoding="utf-8") as f:
        json.dump(settings, f, ensure_ascii=False, sort_keys=True)
        f.write("\n")
        f.flush()
        os.fsync(f.fileno())
    os.replace(tmp, path)


def check_settings(dst: str, settings: dict) -> None:
    """Refuse to resume into ``dst`` unless it holds records of classify_file written with
    the same settings."""
    with open(dst, "rb") as f:
        first = f.readline()
    try:
        json.loads(first)["id"]
    except (ValueError, KeyError, TypeError):
        raise ResumeError(
            f"{dst}, line 1: not a record written by classify_file; cannot resume into "
            "this file (remove it, or run without resume)") from None
    path = settings_path(dst)
    try:
        with open(path, encoding="utf-8") as f:
            old = json.load(f)
    except FileNotFoundError:
        if os.path.getsize(dst) == 0:
            return
        raise ResumeError(
            f"{dst}: cannot check that it was written with the same model and settings "
            f"({path} is missing); remove the output, or run without resume") from None
    except (OSError, ValueError) as exc:
        raise ResumeError(f"{path}: unreadable ({exc}); remove the output, or run without "
                          "resume") from None
    differ = sorted(k for k in set(old) | set(settings) if old.get(k) != settings.get(k))
    if differ:
        detail = "; ".join(f"{k}: {old.get(k)!r} then, {settings.get(k)!r} now" for k in differ)
        raise ResumeError(
            f"{dst} was written with other settings ({detail}); resuming would mix two runs "
            "in one output (remove it, or run without resume)")
