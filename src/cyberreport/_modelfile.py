"""The model-file container: a folder of JSON and ``.npy`` arrays with checksums, written
atomically and read as one consistent snapshot (no estimator knowledge here).

A model is a folder:

``model.json``
    Format name and version, the estimator's name, parameters and fitted state as data.
``<name>.npy``
    NumPy arrays (float64), read with ``allow_pickle=False``.
``MODEL_CARD.md`` (optional)
    Human-readable description.
``SHA256SUMS``
    The SHA-256 checksum of every other file, in ``sha256sum`` format.

Reading runs no code from the files: checksums are verified before anything is parsed,
symbolic links are refused, arrays are read as raw numbers.  Writing builds a complete
folder beside the destination and swaps it into place in one step (``renameat2``'s
exchange where the system has it), under a lock, so that a reader sees the complete old
or the complete new model; a reader that meets a save in progress reads again.  A folder
that holds anything but a cyberreport model is never replaced.
"""

from __future__ import annotations

import contextlib
import ctypes
import ctypes.util
import hashlib
import io
import json
import os
import shutil
import tempfile
import time
from datetime import datetime, timezone
from pathlib import Path

import numpy as np

from .exceptions import ModelFormatError

__all__ = ["FORMAT_NAME", "FORMAT_VERSION", "SUMS", "write_dir", "read_dir", "versions",
           "save_estimator", "jsonable", "is_model_dir", "check_destination"]

FORMAT_NAME = "cyberreport-model"
FORMAT_VERSION = 2
SUMS = "SHA256SUMS"
MAX_JSON_BYTES = 256 * 1024 * 1024
_ALLOWED = {"model.json", "MODEL_CARD.md", SUMS}
_READ_ATTEMPTS = 50


def versions() -> dict:
    """cyberreport, scikit-learn and numpy versions (recorded at save time)."""
    from importlib.metadata import PackageNotFoundError, version

    out = {"numpy": np.__version__}
    for dist in ("cyberreport", "scikit-learn"):
        try:
            out[dist] = version(dist)
        except PackageNotFoundError:
            out[dist] = None
    return out


def _sha256_bytes(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


# -- writing -----------------------------------------------------------------------------
def _renameat2_exchange():
    """``renameat2(…, RENAME_EXCHANGE)`` from the C library, or ``None``."""
    try:
        libc = ctypes.CDLL(ctypes.util.find_library("c") or None, use_errno=True)
        fn = libc.renameat2
    except (OSError, AttributeError):
        return None
    fn.argtypes = [ctypes.c_int, ctypes.c_char_p, ctypes.c_int, ctypes.c_char_p, ctypes.c_uint]
    fn.restype = ctypes.c_int
    return fn


_EXCHANGE = _renameat2_exchange()
_AT_FDCWD = -100
_RENAME_EXCHANGE = 2


def _exchange(a: Path, b: Path) -> bool:
    """Swap two paths atomically; False when the system cannot."""
    if _EXCHANGE is None:
        return False
    rc = _EXCHANGE(_AT_FDCWD, os.fsencode(a), _AT_FDCWD, os.fsencode(b), _RENAME_EXCHANGE)
    if rc == 0:
        return True
    err = ctypes.get_errno()
    if err in (22, 38, 95):  # EINVAL, ENOSYS, EOPNOTSUPP: not supported here
        return False
    raise OSError(err, os.strerror(err), str(b))


@contextlib.contextmanager
def _locked(folder: Path):
    """An exclusive lock on ``folder`` (one save at a time per parent folder)."""
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        yield
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        fcntl.flock(fd, fcntl.LOCK_EX)
        yield
    finally:
        os.close(fd)


def is_model_dir(path: Path) -> bool:
    """True if ``path`` is a folder holding a cyberreport model (and nothing else)."""
    try:
        names = {p.name for p in path.iterdir()}
    except OSError:
        return False
    if "model.json" not in names or SUMS not in names:
        return False
    if any(not (n in _ALLOWED or n.endswith(".npy")) for n in names):
        return False
    try:
        with open(path / "model.json", "rb") as f:
            head = f.read(4096)
    except OSError:
        return False
    return f'"format": "{FORMAT_NAME}"'.encode() in head


def _check_destination(dest: Path) -> None:
    if dest.is_symlink():
        raise ModelFormatError(f"cannot save a model to {str(dest)!r}: it is a symbolic link")
    if dest.exists():
        if not dest.is_dir():
            raise NotADirectoryError(f"cannot save a model to {str(dest)!r}: it is a file")
        if any(dest.iterdir()) and not is_model_dir(dest):
            raise FileExistsError(
                f"cannot save a model to {str(dest)!r}: the folder holds other files than a "
                "cyberreport model; nothing was changed (choose a new or empty folder)")


def check_destination(path) -> None:
    """Refuse, before any work, a destination that a save would refuse or could not
    write: a symbolic link, a file, a folder holding other files, or a place where no
    folder can be created (read-only, missing permissions)."""
    dest = Path(path)
    _check_destination(dest)
    probe = dest if dest.is_dir() else dest.parent
    while not probe.exists() and probe != probe.parent:
        probe = probe.parent
    try:
        os.rmdir(tempfile.mkdtemp(prefix=f".{dest.name}.probe-", dir=probe))
    except OSError as exc:
        raise PermissionError(f"cannot save a model to {str(dest)!r}: cannot write in "
                              f"{str(probe)!r} ({exc.strerror or exc})") from None


def _clean_stale(dest: Path) -> None:
    """Remove what crashed saves of ``dest`` left behind (we hold the lock)."""
    for p in dest.parent.glob(f".{dest.name}.tmp-*"):
        shutil.rmtree(p, ignore_errors=True)
    for p in dest.parent.glob(f".{dest.name}.old-*"):
        if not dest.exists():  # a crash between two renames: the old model comes back
            with contextlib.suppress(OSError):
                os.replace(p, dest)
                continue
        shutil.rmtree(p, ignore_errors=True)


def write_dir(path, meta: dict, arrays: dict[str, np.ndarray], *,
              model_card: str | None = None) -> Path:
    """Write a model folder atomically: ``meta`` (JSON-ready, completed here with the
    format, version, time, versions and array shapes), the arrays and the checksums."""
    dest = Path(path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    meta = {"format": FORMAT_NAME, "format_version": FORMAT_VERSION,
            "created": datetime.now(timezone.utc).replace(microsecond=0).isoformat(),
            "versions": versions(), **meta, "arrays": {}}
    with _locked(dest.parent):
        _check_destination(dest)
        _clean_stale(dest)
        tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.tmp-", dir=dest.parent))
        umask = os.umask(0)
        os.umask(umask)
        os.chmod(tmp, 0o777 & ~umask)  # mkdtemp creates 0700; a model is a normal folder
        try:
            files: dict[str, bytes] = {}
            for name, arr in arrays.items():
                arr = np.ascontiguousarray(arr, dtype=np.float64)
                buf = io.BytesIO()
                np.save(buf, arr, allow_pickle=False)
                files[f"{name}.npy"] = buf.getvalue()
                meta["arrays"][name] = list(arr.shape)
            files["model.json"] = (json.dumps(meta, ensure_ascii=False, indent=1) + "\n").encode()
            if model_card is not None:
                files["MODEL_CARD.md"] = model_card.encode("utf-8")
            files[SUMS] = "".join(f"{_sha256_bytes(files[n])}  {n}\n"
                                  for n in sorted(files)).encode()
            for name, data in files.items():
                with open(tmp / name, "wb") as f:
                    f.write(data)
                    f.flush()
                    os.fsync(f.fileno())
            if dest.exists():
                if not _exchange(tmp, dest):
                    old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old-", dir=dest.parent))
                    old.rmdir()
                    os.replace(dest, old)
                    try:
                        os.replace(tmp, dest)
                    except BaseException:
                        os.replace(old, dest)
                        raise
                    shutil.rmtree(old, ignore_errors=True)
            else:
                os.replace(tmp, dest)
        finally:
            shutil.rmtree(tmp, ignore_errors=True)  # the new files, or the old model
    return dest


# -- reading -----------------------------------------------------------------------------
class _Retry(Exception):
    """The folder changed while it was read (a save in progress)."""


def _read_file(folder: Path, name: str) -> bytes:
    p = folder / name
    try:
        st = os.lstat(p)
    except FileNotFoundError:
        raise _Retry(f"{folder}: missing file {name}") from None
    import stat

    if stat.S_ISLNK(st.st_mode):
        raise ModelFormatError(f"{p}: is a symbolic link; model files must be regular files")
    if not stat.S_ISREG(st.st_mode):
        raise ModelFormatError(f"{p}: not a regular file")
    if st.st_size > MAX_JSON_BYTES * 4:
        raise ModelFormatError(f"{p}: too large ({st.st_size:,} bytes)")
    try:
        with open(p, "rb") as f:
            return f.read()
    except FileNotFoundError:
        raise _Retry(f"{folder}: missing file {name}") from None


def _parse_sums(folder: Path, data: bytes) -> dict[str, str]:
    sums = {}
    for lineno, line in enumerate(data.decode("utf-8", errors="replace").splitlines(), 1):
        if not line.strip():
            continue
        parts = line.split()
        if len(parts) != 2 or len(parts[0]) != 64:
            raise ModelFormatError(f"{folder / SUMS}, line {lineno}: malformed checksum line")
        name = parts[1].lstrip("*")
        if "/" in name or "\\" in name or name.startswith(".") or not (
                name in _ALLOWED or name.endswith(".npy")):
            raise ModelFormatError(f"{folder / SUMS}, line {lineno}: unexpected file name {name!r}")
        sums[name] = parts[0]
    return sums


def _read_once(folder: Path, required_arrays) -> tuple[dict, dict[str, bytes]]:
    if folder.is_symlink():
        raise ModelFormatError(f"{folder}: is a symbolic link; give the model folder itself")
    if not folder.exists() and not _recover(folder):
        raise ModelFormatError(f"{folder}: not a model folder (it does not exist)")
    if not folder.is_dir():
        raise ModelFormatError(f"{folder}: not a model folder (it is a file)")
    sums_data = _read_file(folder, SUMS)
    sums = _parse_sums(folder, sums_data)
    if "model.json" not in sums:
        raise ModelFormatError(f"{folder}: file model.json has no checksum in {SUMS}")
    blobs = {}
    for name in sorted(sums):
        data = _read_file(folder, name)
        if _sha256_bytes(data) != sums[name]:
            raise _Retry(f"{folder}: checksum mismatch for {name} (the file is corrupted "
                         "or was changed)")
        blobs[name] = data
    return sums, blobs


def _recover(folder: Path) -> bool:
    """``folder`` is missing: if a save was stopped between its two renames (the old
    model set aside as ``.NAME.old-*``, no save running now), put the old model back.
    True if ``folder`` exists afterwards; a save in progress makes the caller read
    again."""
    olds = sorted(folder.parent.glob(f".{folder.name}.old-*"))
    if not olds:
        return False
    try:
        import fcntl
    except ImportError:  # pragma: no cover - Windows
        raise _Retry(f"{folder}: not a model folder (it does not exist)") from None
    try:
        fd = os.open(folder.parent, os.O_RDONLY)
    except OSError:
        return False
    try:
        fcntl.flock(fd, fcntl.LOCK_SH)  # no save holds the folder's lock now
        if folder.exists():
            return True
        for old in olds:
            if is_model_dir(old):
                try:
                    os.rename(old, folder)
                    return True
                except OSError:  # no permission to write here: read the old one
                    return False
    finally:
        os.close(fd)
    return folder.exists()


def read_dir(path) -> tuple[dict, dict[str, np.ndarray], dict[str, bytes]]:
    """``(meta, arrays, files)`` of a model folder, checked: checksums first, then JSON and
    arrays (float64, finite, no pickles).  ``files`` holds the other files' bytes."""
    folder = Path(path)
    last: Exception | None = None
    for attempt in range(_READ_ATTEMPTS):
        try:
            before = _stamp(folder)
            sums, blobs = _read_once(folder, ())
            if _stamp(folder) != before:
                raise _Retry(f"{folder}: changed while it was read")
            break
        except _Retry as exc:
            last = exc
            time.sleep(min(0.002 * (attempt + 1), 0.05))
    else:
        raise ModelFormatError(str(last))
    if len(blobs["model.json"]) > MAX_JSON_BYTES:
        raise ModelFormatError(f"{folder}/model.json: too large")
    try:
        meta = json.loads(blobs["model.json"].decode("utf-8"))
    except ValueError as exc:  # not UTF-8, not JSON, an integer of over 4,300 digits
        raise ModelFormatError(f"{folder}/model.json: not valid JSON ({exc})") from None
    except RecursionError:
        raise ModelFormatError(f"{folder}/model.json: nested too deeply") from None
    if not isinstance(meta, dict) or meta.get("format") != FORMAT_NAME:
        raise ModelFormatError(f"{folder}/model.json: not a cyberreport model file")
    arrays = {}
    for name, data in blobs.items():
        if not name.endswith(".npy"):
            continue
        p = folder / name
        try:
            arr = np.load(io.BytesIO(data), allow_pickle=False)
        except Exception as exc:  # truncated, not an .npy file, or object arrays
            raise ModelFormatError(f"{p}: not a readable numeric array ({exc})") from None
        if arr.dtype != np.float64:
            raise ModelFormatError(f"{p}: expected float64 values, found {arr.dtype}")
        if not np.all(np.isfinite(arr)):
            raise ModelFormatError(f"{p}: contains non-finite values")
        arrays[name[:-4]] = arr
    return meta, arrays, {n: b for n, b in blobs.items() if not n.endswith(".npy")}


def _stamp(folder: Path):
    try:
        st = os.stat(folder)
    except FileNotFoundError:
        return None
    return (st.st_ino, st.st_mtime_ns, st.st_ctime_ns)


def jsonable(obj):
    """``obj`` with numpy scalars and arrays, tuples and other values made JSON-ready."""
    if obj is None or isinstance(obj, (bool, int, float, str)):
        return obj
    if isinstance(obj, np.integer):
        return int(obj)
    if isinstance(obj, np.floating):
        return float(obj)
    if isinstance(obj, np.ndarray):
        return obj.tolist()
    if isinstance(obj, dict):
        return {str(k): jsonable(v) for k, v in obj.items()}
    if isinstance(obj, (list, tuple)):
        return [jsonable(v) for v in obj]
    return repr(obj)


def save_estimator(estimator, path, *, metrics: dict | None = None,
                   model_card: str | None = None) -> Path:
    """Write a fitted estimator with the model-file protocol: its parameters, and its
    ``_get_state()`` (JSON-ready state and named arrays)."""
    state, arrays = estimator._get_state()
    if metrics is not None:
        state = dict(state, metrics=metrics)
    meta = {"estimator": type(estimator).__name__,
            "params": jsonable(estimator.get_params()),
            "state": jsonable(state)}
    return write_dir(path, meta, arrays, model_card=model_card)
