"""Time the comparative analyses on the constructed sample corpus, replicated.

Usage::

    python benchmarks/bench_analysis.py [--copies 1 10 100] [--n-boot 2000]

The sample corpus (``data/sample/multiyear.jsonl``, 255 paragraphs of 6 provinces over
5 years) is replicated ``copies`` times (ids made unique; the groups stay 6 x 5, each
``copies`` times larger), and the script times, in one process:

* ``theme_shares(records)`` with the bundled model (prediction of every sentence, then
  2,000 bootstrap resamples for each of the 30 x 13 cells);
* the same with ``labels="given"`` (the bootstrap alone);
* ``compare(records, "广东")`` (terms) and ``compare(..., features="themes")``;
* ``find_reuse(records)`` (up to 10 copies: every copy of a text reuses every other
  copy, which is quadratic on purpose; ``bench_reuse.py`` measures reuse at scale).

It prints the seconds of each and the peak resident memory of the process.
"""

from __future__ import annotations

import argparse
import platform
import resource
import time
from dataclasses import replace
from pathlib import Path

import cyberreport as cr

ROOT = Path(__file__).resolve().parents[1]


def _timed(fn):
    t0 = time.perf_counter()
    out = fn()
    return out, time.perf_counter() - t0


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--copies", type=int, nargs="+", default=[1, 10, 100])
    ap.add_argument("--n-boot", type=int, default=2000)
    args = ap.parse_args(argv)
    base = list(cr.iter_records(ROOT / "data" / "sample" / "multiyear.jsonl"))
    model = cr.load_model()
    model.predict(["预热。"])
    print(f"python {platform.python_version()}; sample corpus x copies; n_boot={args.n_boot}")
    print(f"{'texts':>7} {'sentences':>9} {'shares':>7} {'given':>6} {'terms':>6} "
          f"{'themes':>7} {'reuse':>6}   (seconds)")
    for k in args.copies:
        recs = [replace(r, id=f"{r.id}#{c}") for c in range(k) for r in base]
        rows, t_shares = _timed(lambda: cr.theme_shares(recs, model=model, n_boot=args.n_boot,
                                                        as_frame=False))
        _, t_given = _timed(lambda: cr.theme_shares(recs, labels="given", n_boot=args.n_boot,
                                                    as_frame=False))
        _, t_terms = _timed(lambda: cr.compare(recs, "广东", as_frame=False))
        _, t_themes = _timed(lambda: cr.compare(recs, "广东", features="themes", model=model,
                                                n_boot=args.n_boot, as_frame=False))
        # every copy reuses every other copy: beyond 10 copies that is quadratic work on
        # purpose (bench_reuse.py measures reuse at scale)
        t_reuse = _timed(lambda: cr.find_reuse(recs, progress=False))[1] if k <= 10 else None
        n_sent = sum(r["n"] for r in rows if r["theme"] == rows[0]["theme"])
        print(f"{len(recs):>7,} {n_sent:>9,} {t_shares:>7.1f} {t_given:>6.1f} {t_terms:>6.1f} "
              f"{t_themes:>7.1f} {'-' if t_reuse is None else f'{t_reuse:.1f}':>6}")
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(f"\npeak resident memory: {peak:.0f} MB")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
