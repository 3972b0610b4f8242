"""Coverage-guided fuzz target (atheris) for the model loader (issue 12).

A small saved model whose ``model.json`` is changed as an attacker would (one value
anywhere in it replaced by another JSON value, or the whole file by arbitrary bytes) and
its checksums recomputed: ``load_model`` returns a model that predicts within the
per-input time limit, or raises ``ModelFormatError``; anything else is a finding.

    pip install atheris
    python tests/fuzz/fuzz_model.py -runs=20000 -timeout=20   # or -max_total_time=60
"""

from __future__ import annotations

import hashlib
import json
import os
import sys
import tempfile

import atheris

with atheris.instrument_imports(include=["cyberreport"]):
    import importlib
    import pkgutil

    import cyberreport as cr

    for _pkg in ("persistence", "classifier", "features", "tokenize", "text"):
        _mod = importlib.import_module(f"cyberreport.{_pkg}")
        for _m in pkgutil.walk_packages(_mod.__path__, f"cyberreport.{_pkg}."):
            importlib.import_module(_m.name)  # the lazily imported modules too
    importlib.import_module("cyberreport._modelfile")

_DIR = tempfile.mkdtemp(prefix="fuzz-model-")
_FOLDER = os.path.join(_DIR, "model")
_DATA = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]), ("基金净值回升", ["finance"]),
         ("球队赢得比赛", ["sports"]), ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
_X, _Y = zip(*_DATA)
cr.ThemeClassifier(threshold=0.5, char_ngram_range=(1, 2)).fit(list(_X), list(_Y)).save(_FOLDER)
with open(os.path.join(_FOLDER, "model.json"), encoding="utf-8") as _f:
    _BASE = json.load(_f)
_SUMS = {n: hashlib.sha256(open(os.path.join(_FOLDER, n), "rb").read()).hexdigest()
         for n in os.listdir(_FOLDER) if n not in ("SHA256SUMS", "model.json")}


def _paths(obj, prefix=()):
    """Every place in the JSON tree (path from the root)."""
    yield prefix
    if isinstance(obj, dict):
        for k, v in obj.items():
            yield from _paths(v, prefix + (k,))
    elif isinstance(obj, list):
        for i, v in enumerate(obj[:8]):  # the first items of long lists
            yield from _paths(v, prefix + (i,))


_PLACES = [p for p in _paths(_BASE) if p]


def _value(fdp, depth=0):
    kind = fdp.ConsumeIntInRange(0, 9 if depth < 3 else 6)
    if kind == 0:
        return None
    if kind == 1:
        return fdp.ConsumeBool()
    if kind == 2:
        return fdp.ConsumeInt(fdp.ConsumeIntInRange(1, 64))
    if kind == 3:
        return fdp.ConsumeRegularFloat()
    if kind == 4:
        return fdp.PickValueInList([float("nan"), float("inf"), -float("inf"), 1e308, -0.0,
                                    10**400, -1, 0, 1, 2**63])
    if kind in (5, 6):
        return fdp.ConsumeUnicode(fdp.ConsumeIntInRange(0, 40))
    if kind == 7:
        return [_value(fdp, depth + 1) for _ in range(fdp.ConsumeIntInRange(0, 4))]
    if kind == 8:
        return {fdp.ConsumeUnicode(6): _value(fdp, depth + 1)
                for _ in range(fdp.ConsumeIntInRange(0, 3))}
    return [[]] * fdp.ConsumeIntInRange(0, 3)


def _set(meta, path, value):
    """Put ``value`` at ``path``, if an earlier change left that place in the tree."""
    obj = meta
    try:
        for k in path[:-1]:
            obj = obj[k]
        if isinstance(obj, list) and not (isinstance(path[-1], int) and path[-1] < len(obj)):
            return
        if not isinstance(obj, (dict, list)):
            return
        obj[path[-1]] = value
    except (KeyError, IndexError, TypeError):
        return


def TestOneInput(data: bytes) -> None:
    fdp = atheris.FuzzedDataProvider(data)
    if fdp.ConsumeIntInRange(0, 15) == 0:
        raw = fdp.ConsumeBytes(fdp.remaining_bytes())
    else:
        meta = json.loads(json.dumps(_BASE))
        for _ in range(fdp.ConsumeIntInRange(1, 3)):
            _set(meta, _PLACES[fdp.ConsumeIntInRange(0, len(_PLACES) - 1)], _value(fdp))
        try:
            raw = json.dumps(meta, ensure_ascii=False).encode("utf-8", "surrogatepass")
        except ValueError:  # 10**400 and the like: json.dumps writes them; keep going
            return
    with open(os.path.join(_FOLDER, "model.json"), "wb") as f:
        f.write(raw)
    sums = dict(_SUMS, **{"model.json": hashlib.sha256(raw).hexdigest()})
    with open(os.path.join(_FOLDER, "SHA256SUMS"), "w") as f:
        f.write("".join(f"{h}  {n}\n" for n, h in sorted(sums.items())))
    try:
        model = cr.load_model(_FOLDER)
    except cr.ModelFormatError:
        return
    model.predict(["开展网络安全检查，银行下调贷款利率", ""])
    model.classify("球队赢得比赛。运动员打破纪录")


def main() -> None:
    atheris.Setup(sys.argv, TestOneInput)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
