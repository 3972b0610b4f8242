"""What the comparative analyses share: records read as texts with group keys and units
(sentences or whole texts), the theme labels of those units (from a model or given),
the models they need, and the one rule for returning a table.

Tables
------
Every analysis returns a *tidy* table: one row per group and theme (or term, topic).
``as_frame=None`` (the default) gives a pandas ``DataFrame`` when pandas can be imported
and a list of dicts otherwise; ``as_frame=True`` always a ``DataFrame`` (pandas
required), ``as_frame=False`` always a list of dicts — the rule of
``Profile.table``, ``ReuseMatrix.table`` and ``TopicModel.get_topic_info``.
"""

from __future__ import annotations

import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass

from .._validation import Options, check_value
from ..corpus import Paragraph
from ..io import Record
from ..text import split_sentences

__all__: list[str] = []

UNITS = Options(("sentence", "text"))
MISSING = None


@dataclass
class Item:
    """One text of an analysis: its id, text, group key and units."""

    id: str
    text: str
    key: tuple
    units: list
    source: object


def _value(x, name: str):
    if isinstance(x, Record):
        return x.get(name)
    if isinstance(x, Mapping):
        return x.get(name)
    return getattr(x, name, None)


def check_by(by, name: str = "by") -> tuple:
    """``by`` as a tuple of field names (a str, or a sequence of str; ``None`` or ``()``
    for one group of everything)."""
    if by is None:
        return ()
    if isinstance(by, str):
        by = tuple(p.strip() for p in by.split(",")) if "," in by else (by,)
    if not isinstance(by, (tuple, list)) or not all(isinstance(b, str) and b for b in by):
        from ..exceptions import InvalidParameterError

        raise InvalidParameterError(f"{name} must be a field name or a tuple of field names "
                                    f"(such as ('province', 'year')), got {by!r}")
    return tuple(by)


def collect(records, by: tuple, unit: str, name: str = "records") -> list[Item]:
    """The texts of ``records`` (Records, corpus Paragraphs, dicts with a ``"text"``, or
    plain strings when ``by`` is empty) with their group keys and units."""
    check_value("unit", unit, [UNITS])
    if isinstance(records, (str, bytes)) or hasattr(records, "columns"):
        raise TypeError(f"{name} must be a sequence of Records (cyberreport.iter_records), "
                        f"corpus Paragraphs or dicts, got {type(records).__name__}")
    try:
        items = list(records)
    except TypeError:
        raise TypeError(f"{name} must be a sequence of Records, Paragraphs or dicts, got "
                        f"{type(records).__name__}") from None
    out = []
    for i, x in enumerate(items):
        if isinstance(x, str):
            if by:
                raise TypeError(f"{name}[{i}] is a str, which has no {by[0]!r}; give Records "
                                f"(cyberreport.iter_records) or dicts, or by=None")
            rid, text = str(i), x
        elif isinstance(x, (Record, Paragraph)):
            rid, text = str(x.id), x.text
        elif isinstance(x, Mapping) and isinstance(x.get("text"), str):
            rid, text = str(x.get("id", i)), x["text"]
        else:
            raise TypeError(f"{name}[{i}] must be a Record, a Paragraph or a dict with a "
                            f"'text', got {type(x).__name__}")
        key = tuple(_value(x, b) for b in by)
        if isinstance(x, Paragraph) and unit == "sentence":
            units = [s.text.strip() for s in x.sentences if s.text.strip()]
        elif unit == "sentence":
            units = [s.strip() for s in split_sentences(text) if s.strip()]
        else:
            units = [text] if text.strip() else []
        out.append(Item(rid, text, key, units, x))
    if not out:
        raise ValueError(f"{name} is empty")
    return out


def sort_key(key: tuple) -> tuple:
    """Group keys in order: numbers before strings, a missing value last."""
    return tuple((v is None, (0, v, "") if isinstance(v, (int, float)) else (1, 0, str(v)))
                 for v in key)


def groups(items: Sequence[Item]) -> dict:
    """Group key -> indices of its items, keys in :func:`sort_key` order."""
    out: dict = {}
    for i, it in enumerate(items):
        out.setdefault(it.key, []).append(i)
    return {k: out[k] for k in sorted(out, key=sort_key)}


def theme_model(model):
    """``model`` as a fitted theme classifier: ``None`` is the default model, a path a
    model folder."""
    from ..persistence import load_model

    if model is None or isinstance(model, (str, os.PathLike)):
        model = load_model(model)
    if not hasattr(model, "classes_") or not hasattr(model, "predict"):
        raise TypeError(f"model must be a fitted ThemeClassifier or a model folder, got "
                        f"{type(model).__name__}")
    return model


def unit_labels(items: Sequence[Item], unit: str, model, labels: str, threshold,
                name: str = "records") -> tuple[list[str], list[list[tuple]]]:
    """``(themes, labels)``: the theme ids, and per item the labels of each of its units
    — predicted by ``model`` (``labels="model"``) or given by the data
    (``labels="given"``: a Paragraph's sentence labels, or a record's ``sentences``
    field of ``{"text", "labels"}`` and ``labels`` field)."""
    check_value("labels", labels, [Options(("model", "given"))])
    if labels == "given":
        return _given_labels(items, unit, name)
    model = theme_model(model)
    flat = [u for it in items for u in it.units]
    predicted = model.predict(flat, threshold=threshold) if flat else []
    out, pos = [], 0
    for it in items:
        out.append([tuple(p) for p in predicted[pos:pos + len(it.units)]])
        pos += len(it.units)
    return list(model.classes_), out


def _given_labels(items, unit, name):
    from ..taxonomy import THEME_IDS

    out, seen = [], set()
    for i, it in enumerate(items):
        x = it.source
        if isinstance(x, Paragraph):
            labs = ([tuple(s.labels) for s in x.sentences if s.text.strip()]
                    if unit == "sentence" else [tuple(x.labels)] * len(it.units))
        else:
            field = "sentences" if unit == "sentence" else "labels"
            value = _value(x, field)
            if value is None:
                raise ValueError(f"{name}[{i}] has no {field!r} field, which "
                                 f"labels='given' with unit={unit!r} needs")
            if unit == "sentence":
                it.units = [str(s.get("text", "")) for s in value]
                labs = [tuple(s.get("labels", ())) for s in value]
            else:
                labs = [tuple(value)] * len(it.units)
        for lab in labs:
            seen.update(lab)
        out.append(labs)
    themes = [t for t in THEME_IDS if t in seen] + sorted(seen - set(THEME_IDS))
    return themes, out


def as_table(rows: list[dict], columns: Sequence[str], as_frame, feature: str):
    """``rows`` as the library's table (see the module documentation)."""
    check_value("as_frame", as_frame, [None, "boolean"])
    if as_frame is False:
        return rows
    from .._optional import import_pandas

    pd = import_pandas(f"{feature}(as_frame=True)", required=bool(as_frame))
    if pd is None:
        return rows
    return pd.DataFrame(rows, columns=list(columns))


def rows_of(table, name: str = "table") -> list[dict]:
    """A table (DataFrame or list of dicts) as a list of dicts."""
    if hasattr(table, "to_dict") and hasattr(table, "columns"):
        return table.to_dict("records")
    if isinstance(table, list) and all(isinstance(r, Mapping) for r in table):
        return [dict(r) for r in table]
    raise TypeError(f"{name} must be a table from cyberreport (a DataFrame or a list of "
                    f"dicts), got {type(table).__name__}")
