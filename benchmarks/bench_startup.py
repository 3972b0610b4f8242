"""Start-up costs, each the median of N fresh interpreters measured in one run.

    python benchmarks/bench_startup.py [--repeat 5]

* ``import cyberreport`` vs ``import numpy`` (target: < 0.3 s more), and whether importing
  loads a jieba dictionary;
* cold start of the main job vs plain jieba (target: ≤ 1.5×):
  ``python -c "import cyberreport as cr; print(cr.load_model().predict(['加强关键信息基础设施安全保护']))"``
  vs ``python -c "import jieba; jieba.lcut('测试')"``.
"""

from __future__ import annotations

import argparse
import os
import platform
import statistics
import subprocess
import sys
import time

CASES = {
    "python -c pass": "pass",
    "import numpy": "import numpy",
    "import cyberreport": "import cyberreport",
    "cyberreport cold start (load_model().predict)":
        "import cyberreport as cr; print(cr.load_model().predict(['加强关键信息基础设施安全保护']))",
    "jieba cold start (jieba.lcut)": "import jieba; jieba.lcut('测试')",
}


def median_time(code: str, repeat: int) -> float:
    times = []
    for _ in range(repeat):
        t0 = time.perf_counter()
        subprocess.run([sys.executable, "-c", code], check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        times.append(time.perf_counter() - t0)
    return statistics.median(times)


def main() -> None:
    ap = argparse.ArgumentParser()
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    print(f"machine: {platform.platform()}, {os.cpu_count()} CPUs, python {platform.python_version()}")
    # warm the OS file cache and jieba's dictionary cache once
    for code in CASES.values():
        subprocess.run([sys.executable, "-c", code], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    res = {name: median_time(code, args.repeat) for name, code in CASES.items()}
    for name, t in res.items():
        print(f"{name:<48}{t:>8.3f} s  (median of {args.repeat})")
    d = res["import cyberreport"] - res["import numpy"]
    print(f"import cyberreport - import numpy: {d:+.3f} s (target < 0.3 s)")
    loaded = subprocess.run(
        [sys.executable, "-c", "import sys, cyberreport; print(sorted(m for m in ('jieba', 'rjieba', 'sklearn', 'scipy') if m in sys.modules))"],
        capture_output=True, text=True, check=True).stdout.strip()
    print(f"modules loaded by import cyberreport among jieba, rjieba, sklearn, scipy: {loaded}")
    r = res["cyberreport cold start (load_model().predict)"] / res["jieba cold start (jieba.lcut)"]
    print(f"cold start ratio cyberreport / jieba: {r:.2f}x (target <= 1.5x)")


if __name__ == "__main__":
    main()
