"""The cross-validation report: figures of the model and the baselines on the same folds."""

from __future__ import annotations

from dataclasses import dataclass, field

import numpy as np

from .._frames import TableMixin, html_table
from ..taxonomy import THEME_IDS

__all__ = ["CVReport"]


@dataclass(repr=False)
class CVReport(TableMixin):
    """The result of :func:`cross_validate`.

    Attributes
    ----------
    document, sentence : dict
        :func:`label_metrics` results at document and sentence level.
    ece : float
        Expected calibration error of the out-of-fold document probabilities.
    baselines : dict
        Baseline name -> document-level :func:`label_metrics` result.
    n_folds : int
    predictions : list of tuple
        Out-of-fold document predictions, in input order.
    probabilities : ndarray
        Out-of-fold document probabilities.
    classes : list of str
    """

    document: dict
    sentence: dict | None
    ece: float
    baselines: dict = field(default_factory=dict)
    n_folds: int = 0
    predictions: list = field(default_factory=list, repr=False)
    probabilities: np.ndarray | None = field(default=None, repr=False)
    classes: list = field(default_factory=list)

    def summary(self) -> dict:
        """The headline figures as a flat dict."""
        out = {
            "doc_micro_f1": self.document["micro_f1"],
            "doc_macro_f1": self.document["macro_f1"],
            "doc_micro_precision": self.document["micro_precision"],
            "doc_micro_recall": self.document["micro_recall"],
            "ece": self.ece,
        }
        if self.sentence is not None:
            out["sent_micro_f1"] = self.sentence["micro_f1"]
            out["sent_macro_f1"] = self.sentence["macro_f1"]
            out["sent_micro_precision"] = self.sentence["micro_precision"]
            out["sent_micro_recall"] = self.sentence["micro_recall"]
        for name, m in self.baselines.items():
            out[f"{name}_micro_f1"] = m["micro_f1"]
            out[f"{name}_macro_f1"] = m["macro_f1"]
        return out

    def to_dict(self) -> dict:
        """JSON-ready form (without the per-text predictions)."""
        return {
            "n_folds": self.n_folds,
            "document": self.document,
            "sentence": self.sentence,
            "ece": self.ece,
            "baselines": self.baselines,
        }

    def format(self) -> str:
        """A plain-text report: headline figures, then a per-label table (columns
        aligned by display width, so Chinese label names line up)."""
        from .._display import name_column, pad

        names = [f"{name} (document)" for name in self.baselines] + list(self.classes)
        w = name_column(names, 22)
        lines = [f"Cross-validation over {self.n_folds} folds"]
        lines.append(f"{'':<{w}}{'micro-P':>9}{'micro-R':>9}{'micro-F1':>9}{'macro-F1':>9}")
        rows = [("model (document)", self.document)]
        if self.sentence is not None:
            rows.append(("model (sentence)", self.sentence))
        rows += [(f"{name} (document)", m) for name, m in self.baselines.items()]
        for name, m in rows:
            lines.append(f"{pad(name, w)}{m['micro_precision']:>9.3f}{m['micro_recall']:>9.3f}"
                         f"{m['micro_f1']:>9.3f}{m['macro_f1']:>9.3f}")
        lines.append(f"expected calibration error (document probabilities): {self.ece:.3f}")
        lines.append("")
        label = "theme" if set(self.classes) <= set(THEME_IDS) else "label"
        lines.append(f"{pad(label, w)}{'P':>6}{'R':>6}{'F1':>6}{'n':>5}" + (f"{'sent F1':>9}" if self.sentence else ""))
        for c in self.classes:
            m = self.document["per_label"][c]
            row = f"{pad(c, w)}{m['precision']:>6.2f}{m['recall']:>6.2f}{m['f1']:>6.2f}{m['support']:>5}"
            if self.sentence is not None:
                row += f"{self.sentence['per_label'][c]['f1']:>9.2f}"
            lines.append(row)
        return "\n".join(lines)

    def __str__(self) -> str:
        return self.format()

    def __repr__(self) -> str:
        d = self.document
        return (f"<CVReport: {self.n_folds} folds, {d.get('n', '?')} texts; document micro "
                f"P {d['micro_precision']:.3f} R {d['micro_recall']:.3f} "
                f"F1 {d['micro_f1']:.3f}>")

    def _table(self) -> tuple[list[str], list[dict]]:
        """One row per label: document precision, recall, F1, support (and sentence F1)."""
        cols = ["label", "precision", "recall", "f1", "support"]
        if self.sentence is not None:
            cols.append("sentence_f1")
        rows = []
        for c in self.classes:
            m = self.document["per_label"][c]
            row = {"label": c, "precision": m["precision"], "recall": m["recall"],
                   "f1": m["f1"], "support": m["support"]}
            if self.sentence is not None:
                row["sentence_f1"] = self.sentence["per_label"][c]["f1"]
            rows.append(row)
        return cols, rows

    _frame_index = "label"

    def headline(self) -> list[dict]:
        """The model's and the baselines' micro/macro figures, one dict per row."""
        rows = [("model (document)", self.document)]
        if self.sentence is not None:
            rows.append(("model (sentence)", self.sentence))
        rows += [(f"{name} (document)", m) for name, m in self.baselines.items()]
        return [{"": name, "micro-P": m["micro_precision"], "micro-R": m["micro_recall"],
                 "micro-F1": m["micro_f1"], "macro-F1": m["macro_f1"]} for name, m in rows]

    def _repr_html_(self) -> str:
        head = html_table(["", "micro-P", "micro-R", "micro-F1", "macro-F1"], self.headline(),
                          caption=f"Cross-validation over {self.n_folds} folds "
                                  f"(ECE {self.ece:.3f})")
        cols, rows = self._table()
        return head + html_table(cols, rows)
