"""Benchmark extract_figures and extract_mentions: paragraphs per second on one core.

Usage::

    python benchmarks/bench_extract.py [--n 5000] [--repeat 3]

The paragraphs of the bundled 2016 corpus and of the dev set (``data/dev``) are cycled
into a list of ``--n`` paragraphs.  Each function reads every paragraph of that list in
turn, in this one process, after a warm-up (which builds the gazetteer's automaton and
loads the inventory); the best of ``--repeat`` passes is reported as paragraphs and
characters per second, with the time to build the matcher once.
"""

from __future__ import annotations

import argparse
import itertools
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def _paragraphs(n: int) -> list[str]:
    texts = []
    for name in ("data/provincial_reports_2016.jsonl", "data/dev/dev_2017_2022.jsonl"):
        for line in (ROOT / name).read_text("utf-8").splitlines():
            if line.strip():
                texts.append(json.loads(line)["text"])
    return list(itertools.islice(itertools.cycle(texts), n))


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=5000)
    ap.add_argument("--repeat", type=int, default=3)
    args = ap.parse_args(argv)

    t0 = time.perf_counter()
    from cyberreport.extract import _mentions, extract_figures, extract_mentions
    t1 = time.perf_counter()
    _mentions._matcher()
    t2 = time.perf_counter()
    texts = _paragraphs(args.n)
    chars = sum(map(len, texts))
    print(f"Python {platform.python_version()} on {platform.machine()}; "
          f"{len(texts)} paragraphs, {chars} characters (mean {chars / len(texts):.0f})")
    print(f"import cyberreport.extract: {t1 - t0:.3f} s; gazetteer automaton built in "
          f"{t2 - t1:.3f} s")
    for fn in (extract_figures, extract_mentions):
        fn(texts[0])
        best = float("inf")
        for _ in range(args.repeat):
            start = time.perf_counter()
            found = 0
            for t in texts:
                found += len(fn(t))
            best = min(best, time.perf_counter() - start)
        print(f"{fn.__name__:17s} {len(texts) / best:8.0f} paragraphs/s  "
              f"{chars / best / 1e6:5.2f} M chars/s  ({found} records per pass)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
