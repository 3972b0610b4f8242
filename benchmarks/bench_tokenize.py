"""Benchmark cyberreport's Tokenizer against plain jieba: speed and domain-term coverage.

Usage::

    python benchmarks/bench_tokenize.py [--mb 2] [--repeat 3] [--verbose]

(a) Speed.  The paragraphs of the bundled 2016 corpus (``cyberreport.load_corpus()``) are
replicated into a list of at least ``--mb`` MB of UTF-8 text.  Each engine cuts every
paragraph of that list in turn, in this one process, after a warm-up; the best of
``--repeat`` passes is reported in characters per second:

* ``Tokenizer().cut``                  (default backend, rjieba when installed)
* ``Tokenizer(backend="jieba").cut``   (for reference)
* ``jieba.lcut``                       (plain jieba, its global default tokenizer)

and ``Tokenizer().cut_many(texts)`` against ``cut_many(texts, n_jobs=2)``, whose result
is checked to equal ``[cut(t) for t in texts]``.

(b) Domain-term coverage.  For every term of ``cyberreport.tokenize.domain_words()`` that
occurs in a corpus paragraph (normalised text), the share of its occurrences that come out
as exactly one token.  Token character spans are computed by aligning the tokens with the
normalised text.  Occurrences nested inside an occurrence of a longer domain term (网络安全
inside 网络安全宣传周) are judged through the longer term and not counted on their own;
occurrences that *cross* another domain term's occurrence (网络安全|检查 vs 安全检查) are
counted, and flagged as such in the failure list, because at most one of the two can be a
token.
"""

from __future__ import annotations

import argparse
import logging
import os
import platform
import sys
import time
from collections import defaultdict
from importlib import metadata

import cyberreport
from cyberreport import Tokenizer, load_corpus, normalize
from cyberreport.tokenize import _tokenizer as tokenize_mod
from cyberreport.tokenize import domain_words


# ---------------------------------------------------------------------------------------
# helpers
# ---------------------------------------------------------------------------------------

def _version(dist: str) -> str:
    try:
        return metadata.version(dist)
    except metadata.PackageNotFoundError:
        return "not installed"


def machine_info() -> list[str]:
    cpu = platform.processor() or platform.machine()
    try:
        with open("/proc/cpuinfo", encoding="utf-8") as fh:
            for line in fh:
                if line.startswith("model name"):
                    cpu = line.split(":", 1)[1].strip()
                    break
    except OSError:
        pass
    usable = len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else None
    return [
        f"platform     : {platform.platform()}",
        f"cpu          : {cpu}",
        f"cpu count    : {os.cpu_count()} (usable by this process: {usable})",
        f"python       : {platform.python_implementation()} {platform.python_version()}",
        f"cyberreport  : {cyberreport.__version__}",
        f"jieba        : {_version('jieba')}",
        f"rjieba       : {_version('rjieba')}",
        f"joblib       : {_version('joblib')}",
    ]


def replicate(paragraphs: list[str], mb: float) -> list[str]:
    """The paragraphs repeated (whole passes, then a prefix) to >= mb MB of UTF-8."""
    target = int(mb * 1_000_000)
    sizes = [len(p.encode("utf-8")) for p in paragraphs]
    out: list[str] = []
    total = 0
    while total < target:
        for p, n in zip(paragraphs, sizes):
            out.append(p)
            total += n
            if total >= target:
                break
    return out


def best_time(fn, repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        t0 = time.perf_counter()
        fn()
        best = min(best, time.perf_counter() - t0)
    return best


def token_spans(text: str, tokens: list[str], skippable: str) -> list[tuple[int, int]]:
    """Character spans of ``tokens`` in ``text``.

    Tokens are expected in order; characters between two tokens may only be ones in
    ``skippable`` (the brackets a kept title or name loses, or whitespace).
    """
    spans = []
    pos = 0
    for tok in tokens:
        start = text.find(tok, pos)
        if start < 0 or any(c not in skippable for c in text[pos:start]):
            raise AssertionError(f"token {tok!r} does not follow position {pos} in {text!r}")
        spans.append((start, start + len(tok)))
        pos = start + len(tok)
    if any(c not in skippable for c in text[pos:]):
        raise AssertionError(f"text not covered after position {pos}")
    return spans


def occurrences(texts: list[str], terms: tuple[str, ...]):
    """For each text, the domain-term occurrences ``(term, start, end, crossing)`` that are
    not nested inside an occurrence of a longer domain term."""
    result = []
    for text in texts:
        occ = []
        for term in terms:
            start = text.find(term)
            while start >= 0:
                occ.append((term, start, start + len(term)))
                start = text.find(term, start + 1)
        kept = []
        for term, s, e in occ:
            nested = any(
                (s2 <= s and e <= e2) and (e2 - s2) > (e - s) for _, s2, e2 in occ
            )
            if nested:
                continue
            crossing = any(s2 < e and s < e2 and not (s2 <= s and e <= e2)
                           and not (s <= s2 and e2 <= e) for _, s2, e2 in occ)
            kept.append((term, s, e, crossing))
        result.append(kept)
    return result


def max_disjoint(text_occ) -> int:
    """The most occurrences of one text that can be tokens at the same time (a maximum
    set of pairwise non-overlapping spans, by the greedy earliest-end rule)."""
    count, end = 0, -1
    for _, s, e, _ in sorted(text_occ, key=lambda o: o[2]):
        if s >= end:
            count, end = count + 1, e
    return count


def coverage(texts, occ, cut, protected_ok: bool, skippable: str):
    """(covered, total, per-term [covered, total], failures) for one engine."""
    per_term: dict[str, list[int]] = defaultdict(lambda: [0, 0])
    split = {False: [0, 0], True: [0, 0]}  # crossing? -> [covered, total]
    failures = []
    for text, text_occ in zip(texts, occ):
        tokens = cut(text)
        spans = token_spans(text, tokens, skippable)
        exact = set(spans)
        protected = []
        if protected_ok:
            for m in tokenize_mod._PROTECTED_RE.finditer(text):
                name = m.lastgroup
                protected.append((m.start(name), m.end(name)))
        for term, s, e, crossing in text_occ:
            ok = (s, e) in exact or any(ps <= s and e <= pe and (ps, pe) in exact
                                        for ps, pe in protected)
            per_term[term][1] += 1
            split[crossing][1] += 1
            if ok:
                per_term[term][0] += 1
                split[crossing][0] += 1
            else:
                around = [tokens[i] for i, (ts, te) in enumerate(spans) if ts < e and s < te]
                failures.append((term, crossing, text[max(0, s - 6):e + 6], around))
    covered = sum(c for c, _ in per_term.values())
    total = sum(n for _, n in per_term.values())
    return covered, total, per_term, failures, split


# ---------------------------------------------------------------------------------------
# main
# ---------------------------------------------------------------------------------------

def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--mb", type=float, default=2.0, help="MB of UTF-8 text to cut (default 2)")
    ap.add_argument("--repeat", type=int, default=3, help="timed passes, best is kept (default 3)")
    ap.add_argument("--verbose", action="store_true",
                    help="also list plain jieba's failing occurrences")
    args = ap.parse_args(argv)
    if args.mb <= 0 or args.repeat < 1:
        ap.error("--mb must be > 0 and --repeat >= 1")

    import jieba

    jieba.setLogLevel(logging.WARNING)  # no 'Building prefix dict' noise

    print("== machine")
    for line in machine_info():
        print(line)

    corpus = load_corpus()
    paragraphs = corpus.texts
    texts = replicate(paragraphs, args.mb)
    n_chars = sum(map(len, texts))
    n_bytes = sum(len(t.encode("utf-8")) for t in texts)

    print()
    print("== (a) speed: one process, each paragraph cut in turn, best of "
          f"{args.repeat} after a warm-up")
    print(f"text         : {len(paragraphs)} corpus paragraphs replicated to {len(texts)} "
          f"paragraphs, {n_chars:,} characters, {n_bytes / 1e6:.2f} MB UTF-8")

    tok = Tokenizer()
    tok_jieba = Tokenizer(backend="jieba")
    engines = [
        (f"Tokenizer().cut [{tok.backend_name}]", tok.cut),
        ("Tokenizer(backend='jieba').cut", tok_jieba.cut),
        ("jieba.lcut (plain)", jieba.lcut),
    ]
    rates = {}
    for name, cut in engines:
        for p in paragraphs:  # warm-up: dictionaries loaded, caches filled
            cut(p)
        secs = best_time(lambda cut=cut: [cut(t) for t in texts], args.repeat)
        rates[name] = n_chars / secs
        print(f"{name:<34}: {secs:7.3f} s  {rates[name]:>12,.0f} chars/s")
    base = rates["jieba.lcut (plain)"]
    for name, _ in engines[:2]:
        print(f"ratio {name} / jieba.lcut: {rates[name] / base:.2f}x")

    print()
    print("-- cut_many (default Tokenizer)")
    expected = [tok.cut(t) for t in texts]
    t0 = time.perf_counter()
    parallel = tok.cut_many(texts, n_jobs=2)
    first_parallel = time.perf_counter() - t0
    print(f"cut_many(texts, n_jobs=2) == [cut(t) for t in texts]: {parallel == expected}")
    serial_secs = best_time(lambda: tok.cut_many(texts), args.repeat)
    parallel_secs = best_time(lambda: tok.cut_many(texts, n_jobs=2), args.repeat)
    print(f"cut_many(texts)            : {serial_secs:7.3f} s  {n_chars / serial_secs:>12,.0f} chars/s")
    print(f"cut_many(texts, n_jobs=2)  : {parallel_secs:7.3f} s  "
          f"{n_chars / parallel_secs:>12,.0f} chars/s  (first call incl. worker start: "
          f"{first_parallel:.3f} s)")
    print(f"speed-up n_jobs=2 / serial : {serial_secs / parallel_secs:.2f}x")
    if parallel != expected:
        print("ERROR: cut_many(n_jobs=2) differs from cut()", file=sys.stderr)

    # -- (b) coverage -------------------------------------------------------------------
    print()
    print("== (b) domain-term coverage over the corpus (normalised paragraph texts)")
    norm = [normalize(p) for p in paragraphs]
    terms = domain_words()
    occ = occurrences(norm, terms)
    all_occ = sum(1 for text in norm for t in terms for _ in _find_all(text, t))
    counted = sum(map(len, occ))
    n_terms = len({o[0] for text_occ in occ for o in text_occ})
    n_crossing = sum(o[3] for text_occ in occ for o in text_occ)
    print(f"domain terms : {len(terms)} in the dictionary, {n_terms} occur in the corpus")
    print(f"occurrences  : {all_occ} in all, {all_occ - counted} nested inside a longer "
          f"domain term (not counted), {counted} counted, of which {n_crossing} cross "
          "another term's occurrence")
    bound = sum(max_disjoint(o) for o in occ)
    print(f"upper bound  : at most {bound}/{counted} = {bound / counted:.1%} of the counted "
          "occurrences can be single tokens at once (crossing pairs exclude each other)")

    raw = Tokenizer(keep_punct=True, stopwords=False, keep_titles=False)
    titled = Tokenizer(keep_punct=True, stopwords=False, keep_titles=True)
    # tokens are contiguous over the normalised text when nothing is dropped
    contiguous = all("".join(raw.cut(t)) == t for t in norm)
    contiguous_jieba = all("".join(jieba.lcut(t)) == t for t in norm)
    print(f"tokens contiguous over the text: Tokenizer(keep_punct=True, keep_titles=False) "
          f"{contiguous}, jieba.lcut {contiguous_jieba}")

    configs = [
        ("Tokenizer(keep_titles=False)", raw.cut, False, " "),
        ("Tokenizer(keep_titles=True)", titled.cut, True, " 《》“”\""),
        ("jieba.lcut (plain)", jieba.lcut, False, " "),
    ]
    for name, cut, protected_ok, skippable in configs:
        covered, total, per_term, failures, split = coverage(
            norm, occ, cut, protected_ok, skippable)
        print()
        print(f"-- {name}: {covered}/{total} occurrences = {covered / total:.1%} one token"
              + ("  (inside a kept 《title》 or short “name” counts as covered)"
                 if protected_ok else ""))
        (c0, n0), (c1, n1) = split[False], split[True]
        print(f"   not crossing another term: {c0}/{n0} = {c0 / max(n0, 1):.1%};  "
              f"crossing: {c1}/{n1} = {c1 / max(n1, 1):.1%};  "
              f"share of the upper bound: {covered / bound:.1%}")
        below = sorted((t for t, (c, n) in per_term.items() if c < n),
                       key=lambda t: (per_term[t][0] / per_term[t][1], t))
        print(f"terms below 100% ({len(below)} of {len(per_term)}):")
        if below:
            line = "  "
            for t in below:
                c, n = per_term[t]
                item = f"{t} {c}/{n}; "
                if len(line) + len(item) > 100:
                    print(line.rstrip())
                    line = "  "
                line += item
            print(line.rstrip("; "))
        if failures and (not name.startswith("jieba") or args.verbose):
            print("failing occurrences (term, crossing another term?, context, tokens there):")
            for term, crossing, context, around in failures:
                print(f"  {term:<12} {'crossing' if crossing else '-':<8} …{context}…  {around}")
    return 0


def _find_all(text: str, term: str):
    start = text.find(term)
    while start >= 0:
        yield start
        start = text.find(term, start + 1)


if __name__ == "__main__":
    sys.exit(main())
