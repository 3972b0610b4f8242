"""Benchmark ``cyberreport.analysis.find_reuse``: time, peak memory, recall and precision at
10k, 30k and 100k paragraphs.

Usage::

    python benchmarks/bench_reuse.py [--sizes 10000 30000 100000] [--seed 0] [--no-progress]
    python benchmarks/bench_reuse.py --write 100000 /tmp/reuse100k.jsonl   # for the CLI

Constructed collection (per size, seed fixed):

* **Background paragraphs** of 3–7 sentences, each sentence 6–20 words drawn at random
  (by frequency) from the words of the bundled texts (the 2016 corpus, the development
  set and the constructed sample corpus, cut by ``cyberreport.Tokenizer``), with
  numbers and commas mixed in: text in the register and vocabulary of the bundled texts
  whose word order is shuffled, so that two paragraphs share a passage of 20 characters
  only when one was planted.
* **Planted reuse**: ``n // 40`` passages of 20–120 characters — sentences of the bundled
  texts (2016 corpus, development set, sample corpus), and word sequences made like the
  background — no two of which share 12 characters.  Each is inserted, as a sentence, into
  2–4 random paragraphs; 30% of the copies after the first are edited (one character
  substituted, inserted or deleted, or a punctuation mark changed) outside a run of 20
  characters of the passage that every copy keeps.

Each size runs in a fresh process.  Reported: the time of ``find_reuse`` alone (best of
``--repeat`` runs), the
peak resident memory of that process (``VmHWM`` from ``/proc/self/status``, reset after
the collection is built when the kernel allows it), candidate pairs, **recall** (share of
the planted pairs of paragraphs for which a passage overlapping the planted one by at
least half is reported) and **precision** (share of the reported pairs of paragraphs that
share a planted passage).  The growth exponent is the slope of log(time) against
log(size) between the smallest and the largest size.
"""

from __future__ import annotations

import argparse
import json
import math
import os
import platform
import random
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
SOURCES = [ROOT / "data" / "provincial_reports_2016.jsonl",
           ROOT / "data" / "dev" / "dev_2017_2022.jsonl",
           ROOT / "data" / "sample" / "multiyear.jsonl"]
MIN_CHARS = 20


def _status(field: str) -> int:
    with open("/proc/self/status", encoding="ascii") as f:
        for line in f:
            if line.startswith(field + ":"):
                return int(line.split()[1])   # kB
    return -1


def _reset_peak() -> bool:
    try:
        with open("/proc/self/clear_refs", "w") as f:
            f.write("5")
        return True
    except OSError:
        return False


# ---------------------------------------------------------------------------------------
# the collection
# ---------------------------------------------------------------------------------------

def _source_texts() -> list[str]:
    texts = []
    for path in SOURCES:
        if path.exists():
            texts += [json.loads(line)["text"] for line in path.read_text("utf-8").splitlines()
                      if line.strip()]
    return texts


def _vocabulary(texts: list[str]) -> tuple[list[str], list[int]]:
    from cyberreport import Tokenizer

    tok = Tokenizer(stopwords=False, numbers="drop", keep_titles=False)
    counts = Counter()
    for t in texts:
        counts.update(w for w in tok.cut(t)
                      if len(w) <= 8 and all("\u4e00" <= c <= "\u9fff" for c in w))
    words = sorted(counts)
    return words, [counts[w] for w in words]


def _grams(s: str, n: int = 12) -> set:
    return {s[i:i + n] for i in range(len(s) - n + 1)}


class Generator:
    def __init__(self, seed: int):
        self.rng = random.Random(seed)
        texts = _source_texts()
        self.words, self.weights = _vocabulary(texts)
        from cyberreport.text import split_sentences

        self.sentences = []
        for t in texts:
            for s in split_sentences(t):
                s = s.strip().rstrip("。；！？;!?")
                if 20 <= len(s) <= 120:
                    self.sentences.append(s)

    def words_run(self, n: int) -> str:
        return "".join(self.rng.choices(self.words, self.weights, k=n))

    def sentence(self) -> str:
        rng = self.rng
        parts = []
        for _ in range(rng.randint(1, 3)):
            piece = self.words_run(rng.randint(3, 8))
            if rng.random() < 0.3:
                piece += f"{rng.randint(1, 9999)}{rng.choice('个家次条项件')}"
            parts.append(piece)
        return "，".join(parts) + "。"

    def paragraph(self) -> list[str]:
        return [self.sentence() for _ in range(self.rng.randint(3, 7))]

    def passages(self, n: int) -> list[str]:
        """n passages of 20-120 characters (at least MIN_CHARS content characters), no
        two sharing 12 characters."""
        rng = self.rng
        pool = self.sentences[:]
        rng.shuffle(pool)
        seen: set = set()
        out = []
        while len(out) < n:
            if pool and rng.random() < 0.5:
                p = pool.pop()
            else:
                p = "，".join(self.words_run(rng.randint(3, 8)) for _ in range(rng.randint(1, 4)))
                p = p[:120]
            if len(p) < 20 or not self.core_spans(p):
                continue
            g = _grams(p)
            if g & seen:
                continue
            seen |= g
            out.append(p)
        return out

    @staticmethod
    def core_spans(p: str) -> list[tuple[int, int]]:
        """Spans of ``p`` with MIN_CHARS content characters (``find_reuse``'s count:
        punctuation runs count one, none at either end)."""
        from cyberreport.analysis._reuse_index import _translate

        spans = []
        for i in range(len(p)):
            if _translate(p[i]) == "|":
                continue
            for j in range(i + 1, len(p) + 1):
                if _translate(p[j - 1]) != "|" and len(_translate(p[i:j])) >= MIN_CHARS:
                    spans.append((i, j))
                    break
        return spans

    def core(self, p: str) -> tuple[int, int]:
        """A span of MIN_CHARS content characters that every copy of ``p`` keeps."""
        return self.rng.choice(self.core_spans(p))

    def edit(self, p: str, core: tuple[int, int]) -> str:
        """One small edit outside the ``core`` span."""
        rng = self.rng
        lo, hi = core
        outside = [i for i in range(len(p)) if not lo <= i < hi]
        if not outside:
            return p
        i = rng.choice(outside)
        kind = rng.choice(["sub", "ins", "del", "punct"])
        c = rng.choice(self.words)[0]
        if kind == "sub":
            return p[:i] + c + p[i + 1:]
        if kind == "ins":
            return p[:i] + c + p[i:]
        if kind == "del":
            return p[:i] + p[i + 1:]
        j = p.find("，", hi)
        return p[:j] + "、" + p[j + 1:] if j >= 0 else p[:i] + c + p[i + 1:]


def build(n: int, seed: int):
    gen = Generator(seed)
    paragraphs = [gen.paragraph() for _ in range(n)]
    passages = gen.passages(max(1, n // 40))
    plants = []                   # (passage index, paragraph index)
    rng = gen.rng
    for k, p in enumerate(passages):
        hosts = rng.sample(range(n), rng.randint(2, 4))
        core = gen.core(p)
        for c, h in enumerate(hosts):
            text = p if c == 0 or rng.random() >= 0.3 else gen.edit(p, core)
            pos = rng.randint(0, len(paragraphs[h]))
            paragraphs[h].insert(pos, ("PLANT", k, text + "。"))
            plants.append((k, h))
    texts, spans = [], {}
    for h, sents in enumerate(paragraphs):
        out = []
        length = 0
        for s in sents:
            if isinstance(s, tuple):
                _, k, body = s
                spans[(k, h)] = (length, length + len(body) - 1)
                s = body
            out.append(s)
            length += len(s)
        texts.append("".join(out))
    return texts, passages, plants, spans


# ---------------------------------------------------------------------------------------
# one size (in a child process)
# ---------------------------------------------------------------------------------------

def run_one(n: int, seed: int, progress: bool, repeat: int = 1) -> dict:
    from cyberreport.analysis import find_reuse

    texts, passages, plants, spans = build(n, seed)
    chars = sum(map(len, texts))
    reset = _reset_peak()
    rss_before = _status("VmRSS")
    seconds = math.inf
    for _ in range(repeat):
        t0 = time.perf_counter()
        found = find_reuse(texts, min_chars=MIN_CHARS, progress=progress)
        seconds = min(seconds, time.perf_counter() - t0)
    peak = _status("VmHWM")
    # planted pairs of paragraphs, and which passage they share
    hosts: dict[int, list[int]] = {}
    for k, h in plants:
        hosts.setdefault(k, []).append(h)
    planted = {}
    for k, hs in hosts.items():
        for i in range(len(hs)):
            for j in range(i + 1, len(hs)):
                a, b = sorted((hs[i], hs[j]))
                planted.setdefault((a, b), []).append(k)
    reported: dict[tuple, list] = {}
    for p in found:
        reported.setdefault((int(p.id_a), int(p.id_b)), []).append(p)

    def overlaps(p, k, a, b) -> bool:
        sa, ea = spans[(k, a)]
        sb, eb = spans[(k, b)]
        ov_a = min(ea, p.end_a) - max(sa, p.start_a)
        ov_b = min(eb, p.end_b) - max(sb, p.start_b)
        return ov_a >= (ea - sa) / 2 and ov_b >= (eb - sb) / 2

    hit = sum(1 for (a, b), ks in planted.items() for k in ks
              if any(overlaps(p, k, a, b) for p in reported.get((a, b), [])))
    n_planted = sum(len(ks) for ks in planted.values())
    true_pairs = sum(1 for key in reported if key in planted)
    return {"n": n, "chars": chars, "seconds": seconds, "peak_mb": peak / 1024,
            "rss_before_mb": rss_before / 1024, "peak_reset": reset,
            "passages_found": len(found), "pairs_reported": len(reported),
            "planted_pairs": n_planted, "recall": hit / max(n_planted, 1),
            "precision": true_pairs / max(len(reported), 1),
            "planted_passages": len(passages)}


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sizes", type=int, nargs="+", default=[10_000, 30_000, 100_000])
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--no-progress", action="store_true")
    ap.add_argument("--repeat", type=int, default=2, help="time the best of N runs")
    ap.add_argument("--child", type=int, help=argparse.SUPPRESS)
    ap.add_argument("--write", nargs=2, metavar=("N", "FILE.jsonl"),
                    help="only write the collection of N paragraphs as JSON Lines (for "
                    "timing the command line: cyberreport reuse FILE.jsonl)")
    args = ap.parse_args(argv)
    if args.write:
        texts, *_ = build(int(args.write[0]), args.seed)
        with open(args.write[1], "w", encoding="utf-8") as f:
            for i, t in enumerate(texts):
                f.write(json.dumps({"id": str(i), "text": t}, ensure_ascii=False) + "\n")
        print(f"{len(texts):,} paragraphs -> {args.write[1]}")
        return 0
    if args.child is not None:
        print(json.dumps(run_one(args.child, args.seed, not args.no_progress, args.repeat)))
        return 0
    print(f"python {platform.python_version()} on {platform.machine()}, "
          f"{os.cpu_count()} CPUs; min_chars={MIN_CHARS}; seed={args.seed}")
    rows = []
    for n in args.sizes:
        cmd = [sys.executable, __file__, "--child", str(n), "--seed", str(args.seed),
               "--repeat", str(args.repeat)]
        if args.no_progress:
            cmd.append("--no-progress")
        out = subprocess.run(cmd, check=True, stdout=subprocess.PIPE, text=True).stdout
        rows.append(json.loads(out.strip().splitlines()[-1]))
    print(f"\n{'paragraphs':>10} {'MB text':>8} {'seconds':>8} {'peak MB':>8} "
          f"{'planted':>8} {'recall':>7} {'reported':>9} {'precision':>9}")
    for r in rows:
        print(f"{r['n']:>10,} {r['chars'] * 3 / 1e6:>8.1f} {r['seconds']:>8.1f} "
              f"{r['peak_mb']:>8.0f} {r['planted_pairs']:>8,} {r['recall']:>7.3f} "
              f"{r['pairs_reported']:>9,} {r['precision']:>9.3f}")
    if len(rows) >= 2:
        a, b = rows[0], rows[-1]
        expo = math.log(b["seconds"] / a["seconds"]) / math.log(b["n"] / a["n"])
        steps = ", ".join(
            f"{rows[i]['n']:,}->{rows[i + 1]['n']:,}: "
            f"{math.log(rows[i + 1]['seconds'] / rows[i]['seconds']) / math.log(rows[i + 1]['n'] / rows[i]['n']):.2f}"
            for i in range(len(rows) - 1))
        print(f"\ngrowth exponent of time (log-log slope, {a['n']:,} to {b['n']:,}): "
              f"{expo:.2f} ({steps})")
    if not all(r["peak_reset"] for r in rows):
        print("(peak memory includes building the collection: the kernel did not allow "
              "resetting VmHWM)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
