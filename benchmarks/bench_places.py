"""Evaluate ``cyberreport.places.infer_province`` on the bundled texts with the province
names removed.

Usage::

    python benchmarks/bench_places.py [--verbose]

For every paragraph of the bundled corpus (``data/provincial_reports_2016.jsonl``), the
development set (``data/dev/dev_2017_2022.jsonl``) and the evaluation set
(``data/eval/provincial_2017_2021.jsonl``) — all of which carry a ``province`` field — the
script

1. removes every spelling of every province's name (full names such as 浙江省 and
   广西壮族自治区, short names such as 浙江, spellings such as 内蒙 and 北京市), longest
   first, and every landmark that contains its province's one-character abbreviation
   (粤省事, 渝快办, 皖北, 齐鲁 …: province names in disguise);
2. runs ``infer_province`` on what is left;
3. counts answers, correct answers and abstentions (and how each was decided);
4. runs it again with every place name removed as well, where it must abstain.

It prints, per file and overall, the answered share and the accuracy of the answers
(target: ≥ 0.95), then the result for the corpus paragraphs whose province is
``inferred`` (not named in the original text), and with ``--verbose`` every wrong answer
and every abstention with its evidence.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from pathlib import Path

from cyberreport.places import find_places, infer_province
from cyberreport.text import normalize
from cyberreport.places._data import gazetteer

ROOT = Path(__file__).resolve().parents[1]
FILES = [
    ("corpus 2016", ROOT / "data" / "provincial_reports_2016.jsonl"),
    ("dev 2017-2022", ROOT / "data" / "dev" / "dev_2017_2022.jsonl"),
    ("eval 2017-2021", ROOT / "data" / "eval" / "provincial_2017_2021.jsonl"),
]


def removal_pattern() -> re.Pattern:
    """Every province spelling, and every landmark containing its province's abbreviation."""
    g = gazetteer()
    words = set(g.aliases) - {a for abbrs in g.abbreviations.values() for a in abbrs}
    for name in g.landmarks:
        entry = g.names[name]
        if any(a in name for p in entry.provinces for a in g.abbreviations[p]):
            words.add(name)
    return re.compile("|".join(map(re.escape, sorted(words, key=len, reverse=True))))


def strip_provinces(text: str, pattern: re.Pattern) -> str:
    return pattern.sub("", text)


def without_places(text: str) -> str:
    """``text`` with every place name cut out (what is left points nowhere)."""
    text = normalize(text)
    for _ in range(5):
        found = find_places(text)
        if not found:
            break
        kept, last = [], 0
        for m in found:
            kept.append(text[last:m.start])
            last = m.end
        text = "".join(kept + [text[last:]])
    return text


def main(argv=None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--verbose", "-v", action="store_true")
    args = ap.parse_args(argv)
    pattern = removal_pattern()
    total = [0, 0, 0]          # texts, answered, right
    inferred = []
    problems = []
    bases: dict = {}
    no_place_guesses = 0
    print(f"{'file':<16} {'texts':>5} {'answered':>9} {'share':>6} {'right':>6} {'accuracy':>8}")
    for label, path in FILES:
        n = answered = right = 0
        for line in path.read_text("utf-8").splitlines():
            rec = json.loads(line)
            stripped = strip_provinces(rec["text"], pattern)
            guess = infer_province(stripped)
            n += 1
            bases[guess.basis] = bases.get(guess.basis, 0) + 1
            no_place_guesses += infer_province(without_places(rec["text"])).province is not None
            if guess.province is not None:
                answered += 1
                right += guess.province == rec["province"]
            if guess.province != rec["province"]:
                problems.append((rec["id"], rec["province"], guess))
            if rec.get("province_evidence") == "inferred":
                inferred.append((rec["id"], rec["province"], guess))
        total[0] += n
        total[1] += answered
        total[2] += right
        print(f"{label:<16} {n:>5} {answered:>9} {answered / n:>6.2f} {right:>6} "
              f"{right / max(answered, 1):>8.3f}")
    n, answered, right = total
    print(f"{'all':<16} {n:>5} {answered:>9} {answered / n:>6.2f} {right:>6} "
          f"{right / max(answered, 1):>8.3f}")
    print("\nhow it decided: " + ", ".join(f"{b} {c}" for b, c in sorted(bases.items())))
    print(f"answers on the texts with every place name removed: {no_place_guesses} of {n} "
          "(target 0: it abstains)")
    print("\ncorpus paragraphs whose province is inferred (not named in the text):")
    for rid, prov, guess in inferred:
        mark = "right" if guess.province == prov else ("abstained" if guess.province is None
                                                       else "WRONG")
        print(f"  {rid} {prov}: {guess.province} ({mark}; {guess.reason})")
    if args.verbose:
        print("\nwrong answers and abstentions:")
        for rid, prov, guess in problems:
            mark = "abstained" if guess.province is None else "WRONG"
            names = ", ".join(f"{m.name}>{'/'.join(m.provinces)}" for m in guess.places)
            print(f"  {rid} {prov}: {mark} {guess.province} [{names}] {guess.reason}")
    return 0 if right / max(answered, 1) >= 0.95 and no_place_guesses == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
