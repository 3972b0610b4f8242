"""Scoring extraction against gold annotations (``data/figures/GUIDELINES.md``, part 3).

A predicted figure matches a gold figure when their spans overlap and ``value``,
``value_max``, ``unit`` and ``qualifier`` are equal; the indicator is scored on the matched
figures. A predicted mention matches a gold mention when the entity is equal and the spans
overlap. Matching is one to one (each gold item is matched at most once, in text order).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

__all__ = ["ExtractionScore", "score_extraction"]

_FIGURE_KEYS = ("value", "value_max", "unit", "qualifier")


def _get(item, key):
    return item[key] if isinstance(item, Mapping) else getattr(item, key)


def _overlap(a, b) -> bool:
    return _get(a, "start") < _get(b, "end") and _get(b, "start") < _get(a, "end")


def _same_figure(p, g) -> bool:
    if not _overlap(p, g):
        return False
    for k in _FIGURE_KEYS:
        pv, gv = _get(p, k), _get(g, k)
        if isinstance(pv, float) or isinstance(gv, float):
            if pv is None or gv is None or abs(float(pv) - float(gv)) > 1e-9 * max(1.0, abs(gv)):
                return False
        elif pv != gv:
            return False
    return True


def _same_mention(p, g) -> bool:
    return _get(p, "entity") == _get(g, "entity") and _overlap(p, g)


def _match(pred: list, gold: list, same) -> list[tuple[int, int]]:
    used: set[int] = set()
    pairs = []
    for gi, g in enumerate(gold):
        for pi, p in enumerate(pred):
            if pi not in used and same(p, g):
                used.add(pi)
                pairs.append((pi, gi))
                break
    return pairs


@dataclass
class ExtractionScore:
    """Counts over a set of records and the precision, recall and indicator accuracy."""

    figures_pred: int = 0
    figures_gold: int = 0
    figures_matched: int = 0
    indicator_correct: int = 0
    mentions_pred: int = 0
    mentions_gold: int = 0
    mentions_matched: int = 0
    errors: list = field(default_factory=list)

    @staticmethod
    def _ratio(a: int, b: int) -> float:
        return a / b if b else float("nan")

    @property
    def figure_precision(self) -> float:
        return self._ratio(self.figures_matched, self.figures_pred)

    @property
    def figure_recall(self) -> float:
        return self._ratio(self.figures_matched, self.figures_gold)

    @property
    def indicator_accuracy(self) -> float:
        return self._ratio(self.indicator_correct, self.figures_matched)

    @property
    def mention_precision(self) -> float:
        return self._ratio(self.mentions_matched, self.mentions_pred)

    @property
    def mention_recall(self) -> float:
        return self._ratio(self.mentions_matched, self.mentions_gold)


def score_extraction(records: Iterable[tuple[str, str, Mapping]], *, figures=None,
                     mentions=None) -> ExtractionScore:
    """Score ``extract_figures`` and ``extract_mentions`` on ``(id, text, gold)`` triples.

    ``gold`` is one line of a gold file (``figures`` and ``mentions`` lists). ``errors`` of
    the result lists ``(id, kind, item)`` for every false positive (``"fp"``), false
    negative (``"fn"``) and wrong indicator (``"indicator"``).
    """
    if figures is None or mentions is None:
        from ._figures import extract_figures
        from ._mentions import extract_mentions
        figures = figures or extract_figures
        mentions = mentions or extract_mentions
    s = ExtractionScore()
    for rid, text, gold in records:
        pf, gf = figures(text), list(gold.get("figures", ()))
        pairs = _match(pf, gf, _same_figure)
        s.figures_pred += len(pf)
        s.figures_gold += len(gf)
        s.figures_matched += len(pairs)
        for pi, gi in pairs:
            if pf[pi].indicator == gf[gi]["indicator"]:
                s.indicator_correct += 1
            else:
                s.errors.append((rid, "indicator", pf[pi], gf[gi]))
        mp = {pi for pi, _ in pairs}
        mg = {gi for _, gi in pairs}
        s.errors += [(rid, "fp", p, None) for i, p in enumerate(pf) if i not in mp]
        s.errors += [(rid, "fn", None, g) for i, g in enumerate(gf) if i not in mg]
        pm, gm = mentions(text), list(gold.get("mentions", ()))
        pairs = _match(pm, gm, _same_mention)
        s.mentions_pred += len(pm)
        s.mentions_gold += len(gm)
        s.mentions_matched += len(pairs)
        mp = {pi for pi, _ in pairs}
        mg = {gi for _, gi in pairs}
        s.errors += [(rid, "mention fp", p, None) for i, p in enumerate(pm) if i not in mp]
        s.errors += [(rid, "mention fn", None, g) for i, g in enumerate(gm) if i not in mg]
    return s
