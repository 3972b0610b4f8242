"""Run the adversarial suite against this checkout and against a 0.1 reference install
(commit 4036fb0, the one issue 12's findings were measured on) and print one line per
test: its outcome on the reference and now.

Usage (from the repository root)::

    python tests/adversarial/before_after.py --ref-site /work/venv-ref/lib/python3.11/site-packages

The reference run puts the reference install's ``site-packages`` first on
``PYTHONPATH`` (pytest and hypothesis come from this interpreter), so ``import
cyberreport`` and the command line processes the tests start use the old code.  A test
that passes now and fails on the reference shows its finding fixed.  Extra arguments go
to pytest (e.g. ``-k d0`` or ``-m "not slow"``).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
import xml.etree.ElementTree as ET
from pathlib import Path

HERE = Path(__file__).resolve().parent


def _run(extra: list[str], env: dict, xml: Path) -> dict[str, tuple[str, str]]:
    cmd = [sys.executable, "-m", "pytest", str(HERE), "-p", "no:cacheprovider", "-q",
           "-o", "addopts=--import-mode=importlib", f"--junitxml={xml}", *extra]
    subprocess.run(cmd, env=env, cwd=HERE.parent.parent, stdout=subprocess.DEVNULL,
                   stderr=subprocess.DEVNULL)
    out = {}
    for case in ET.parse(xml).getroot().iter("testcase"):
        name = f"{case.get('classname', '').split('.')[-1]}::{case.get('name')}"
        outcome, why = "passed", ""
        for tag in ("failure", "error", "skipped"):
            el = case.find(tag)
            if el is not None:
                outcome = {"failure": "FAILED", "error": "ERROR", "skipped": "skipped"}[tag]
                why = (el.get("message") or "").splitlines()[0][:90] if el.get("message") else ""
                break
        out[name] = (outcome, why)
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--ref-site", required=True,
                    help="site-packages of the reference install (holds cyberreport 0.1)")
    args, extra = ap.parse_known_args()
    base = {k: v for k, v in os.environ.items() if not k.startswith("PYTEST")}
    with tempfile.TemporaryDirectory() as tmp:
        now = _run(extra, dict(base), Path(tmp) / "now.xml")
        ref_env = dict(base, PYTHONPATH=os.pathsep.join(
            [args.ref_site] + ([base["PYTHONPATH"]] if base.get("PYTHONPATH") else [])))
        ref = _run(extra, ref_env, Path(tmp) / "ref.xml")
    width = max(map(len, now | ref), default=10)
    print(f"{'test':<{width}}  {'4036fb0':<8}  {'now':<8}  reference failure")
    shown = 0
    for name in sorted(now.keys() | ref.keys()):
        r, n = ref.get(name, ("-", "")), now.get(name, ("-", ""))
        print(f"{name:<{width}}  {r[0]:<8}  {n[0]:<8}  {r[1]}")
        shown += 1
    fixed = sum(ref.get(k, ("",))[0] in ("FAILED", "ERROR") and v[0] == "passed"
                for k, v in now.items())
    held = sum(ref.get(k, ("",))[0] == "passed" for k in now)
    print(f"\n{shown} tests; {fixed} fail on 4036fb0 and pass now; {held} pass on both")
    return 0


if __name__ == "__main__":
    sys.exit(main())
