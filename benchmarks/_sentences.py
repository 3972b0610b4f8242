"""Synthetic sentences for the topic benchmarks, made from the bundled texts with variation.

Every bundled set (``cyberreport.corpus._load.BUNDLED``: the 2016 corpus, the evaluation,
development, real-style, boundary, off-domain and training sets; about 6,500 sentences)
gives the base sentences.  A generated sentence is one base sentence, varied with a
seeded RNG the way reports of other places and years vary the same wording:

* a clause (between ，or ；) left out (half of the sentences with three or more clauses);
* a clause of another base sentence *of the same set* put in at a random place (half
  of the sentences), so that topics mix a little as they do in real reports;
* a place and year prefix (``2019年，浙江省…``) or another province named instead of the
  one in the text (half of the sentences each);
* every digit redrawn (numbers differ from report to report; the topic features drop
  them, so this varies the text, not its terms).

The same ``n`` and ``seed`` always give the same sentences (``bench_scale.py`` makes its
paragraphs the same way, from the corpus sentences).
"""

from __future__ import annotations

import random
import re

PROVINCES = ("北京市", "天津市", "河北省", "山西省", "内蒙古自治区", "辽宁省", "吉林省",
             "黑龙江省", "上海市", "江苏省", "浙江省", "安徽省", "福建省", "江西省", "山东省",
             "河南省", "湖北省", "湖南省", "广东省", "广西壮族自治区", "海南省", "重庆市",
             "四川省", "贵州省", "云南省", "西藏自治区", "陕西省", "甘肃省", "青海省",
             "宁夏回族自治区", "新疆维吾尔自治区")
_PROV_RE = re.compile("|".join(sorted((p[:-1] if p[-1] in "省市" else p for p in PROVINCES),
                                      key=len, reverse=True)))
_CLAUSE_RE = re.compile(r"(?<=[，；])")
_DIGIT_RE = re.compile(r"\d")


def base_sentences() -> list[list[str]]:
    """The bundled sentences, one list per bundled set (sorted, without duplicates)."""
    import cyberreport as cr
    from cyberreport.corpus._load import BUNDLED

    sets = []
    for name in BUNDLED:
        sents = sorted({s.text.strip() for p in cr.load_corpus(bundled=name)
                        for s in p.sentences if len(s.text.strip()) >= 8})
        if sents:
            sets.append(sents)
    return sets


def sentences(n: int, seed: int = 0) -> list[str]:
    """``n`` synthetic sentences (see the module docstring)."""
    sets = base_sentences()
    flat = [(i, s) for i, ss in enumerate(sets) for s in ss]
    rng = random.Random(seed)
    out = []
    for _ in range(n):
        si, s = flat[rng.randrange(len(flat))]
        body = s.rstrip("。！？；!?;")
        clauses = [c for c in _CLAUSE_RE.split(body) if c]
        if len(clauses) >= 3 and rng.random() < 0.5:
            del clauses[rng.randrange(len(clauses))]
        if rng.random() < 0.5:
            other = sets[si][rng.randrange(len(sets[si]))].rstrip("。！？；!?;")
            oc = [c for c in _CLAUSE_RE.split(other) if c]
            piece = oc[rng.randrange(len(oc))].rstrip("，；")
            clauses.insert(rng.randrange(len(clauses) + 1), piece + "，")
        text = _DIGIT_RE.sub(lambda m: str(rng.randrange(10)), "".join(clauses).rstrip("，；"))
        r = rng.random()
        if r < 0.5:
            text = f"{rng.randint(2015, 2024)}年，{rng.choice(PROVINCES)}" + text
        elif _PROV_RE.search(text):
            text = _PROV_RE.sub(lambda m: rng.choice(PROVINCES)[:-1], text, count=1)
        out.append(text + "。")
    return out
