"""Text reuse, step 2: exact alignment of a candidate pair — maximal exact runs, chained
across small edits, into passages (see :mod:`cyberreport.analysis._reuse`)."""

from __future__ import annotations

__all__: list[str] = []

# A seed k-gram occurring more often than this in one text (runs of one character,
# tables) is not used as a seed for that pair.
_MAX_SEED_REPEATS = 50


def _runs(ca: str, cb: str, seed: int) -> list[tuple[int, int, int]]:
    """Maximal exact runs ``(i, j, length)`` of length >= seed shared by ca and cb."""
    grams_b: dict[str, list[int]] = {}
    for j in range(len(cb) - seed + 1):
        grams_b.setdefault(cb[j:j + seed], []).append(j)
    runs: list[tuple[int, int, int]] = []
    open_runs: dict[int, list[int]] = {}       # diagonal -> [i0, j0, last_i]
    for i in range(len(ca) - seed + 1):
        js = grams_b.get(ca[i:i + seed])
        if js is None or len(js) > _MAX_SEED_REPEATS:
            continue
        for j in js:
            d = j - i
            r = open_runs.get(d)
            if r is not None and r[2] == i - 1:
                r[2] = i
            else:
                if r is not None:
                    runs.append((r[0], r[1], r[2] - r[0] + seed))
                open_runs[d] = [i, j, i]
    for r in open_runs.values():
        runs.append((r[0], r[1], r[2] - r[0] + seed))
    runs.sort()
    return runs


def _chains(runs: list[tuple[int, int, int]], seed: int, max_gap: int) -> list[list[tuple]]:
    """Group runs into chains whose consecutive runs are at most ``max_gap`` apart (and
    overlap by less than ``seed``) in both texts, moving forward in both."""
    chains: list[list[tuple]] = []
    for run in runs:
        i, j, length = run
        best = None
        best_gap = None
        for c in chains:
            pi, pj, pl = c[-1]
            ga, gb = i - (pi + pl), j - (pj + pl)
            if -seed < ga <= max_gap and -seed < gb <= max_gap and i > pi and j > pj:
                gap = max(ga, gb)
                if best_gap is None or gap < best_gap:
                    best, best_gap = c, gap
        if best is None:
            chains.append([run])
        else:
            best.append(run)
    return chains


def _passages(ca: str, cb: str, seed: int, max_gap: int, min_chars: int,
              min_similarity: float):
    """Aligned passages as ``(i0, i1, j0, j1, matched, runs)`` in canonical offsets."""
    out = []
    for chain in _chains(_runs(ca, cb, seed), seed, max_gap):
        i0, j0 = chain[0][0], chain[0][1]
        i1 = max(i + l for i, _j, l in chain)
        j1 = max(j + l for _i, j, l in chain)
        # a passage neither starts nor ends with punctuation
        while i0 < i1 and j0 < j1 and ca[i0] == "|" and cb[j0] == "|":
            i0, j0 = i0 + 1, j0 + 1
        while i1 > i0 and j1 > j0 and ca[i1 - 1] == "|" and cb[j1 - 1] == "|":
            i1, j1 = i1 - 1, j1 - 1
        if min(i1 - i0, j1 - j0) < min_chars:
            continue
        # matched characters: union of the runs' spans in a
        covered = 0
        reach = i0
        for i, _j, l in chain:
            start, end = max(i, reach), min(i + l, i1)
            if end > start:
                covered += end - start
                reach = end
        sim = covered / max(i1 - i0, j1 - j0)
        if sim + 1e-12 < min_similarity:
            continue
        out.append((i0, i1, j0, j1, sim, chain))
    return out
