"""Labelled data: reading and validating the user's texts and labels (JSONL, CSV, TSV,
Excel, folders of them, or pairs), with file and line for everything left out."""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from ..corpus import Paragraph
from ..corpus._load import paragraph_from_record
from ..exceptions import DataError, InputError
from ..io import Record, Reject, iter_records
from ..text import normalize

__all__ = ["read_labelled", "LabelledData", "DataIssue"]

_LABELLED_SUFFIXES = (".jsonl", ".ndjson", ".csv", ".tsv", ".xlsx", ".xlsm")


@dataclass(frozen=True)
class DataIssue:
    """A problem found in the input: where, and what (and what was done about it)."""

    source: str
    line: int | None
    message: str

    def __str__(self) -> str:
        where = self.source if self.line is None else f"{self.source}, line {self.line}"
        return f"{where}: {self.message}"


@dataclass
class LabelledData:
    """Validated labelled data.

    Attributes
    ----------
    items : list of str or Paragraph
        The texts (a :class:`~cyberreport.Paragraph` when the record carries sentence
        labels).
    labels : list of tuple of str
    origins : list of (source, line)
        Where each item came from.
    skipped : list of DataIssue
        Every record that was not used, with the reason.
    notes : list of DataIssue
        Things done to the data that did not drop information (exact duplicates kept once).
    """

    items: list = field(default_factory=list)
    labels: list = field(default_factory=list)
    origins: list = field(default_factory=list)
    skipped: list = field(default_factory=list)
    notes: list = field(default_factory=list)

    def __len__(self) -> int:
        return len(self.items)

    @property
    def texts(self) -> list[str]:
        return [x if isinstance(x, str) else x.text for x in self.items]

    def summary(self) -> str:
        lines = [f"{len(self.items)} labelled texts used"]
        if self.notes:
            lines.append(f"{len(self.notes)} notes:")
            lines += [f"  {n}" for n in self.notes]
        if self.skipped:
            lines.append(f"{len(self.skipped)} records skipped:")
            lines += [f"  {s}" for s in self.skipped]
        return "\n".join(lines)


def _labels_value(value, source, line, issues, split_str: bool):
    if isinstance(value, str) and split_str:
        value = value.split(";")
    elif not isinstance(value, (list, tuple)) or not all(isinstance(v, str) for v in value):
        issues.append(DataIssue(
            source, line,
            f"labels must be a list of strings, got {type(value).__name__} {value!r:.60}; record skipped",
        ))
        return None
    labs = tuple(v.strip() for v in value if v.strip())
    for lab in labs:
        try:
            lab.encode("utf-8")
        except UnicodeEncodeError:
            issues.append(DataIssue(source, line, f"label {lab!r} has a lone surrogate escape "
                                                  "(such as \\ud800), which is not a character; "
                                                  "record skipped"))
            return None
    return labs


def _check_text(text, source, line, issues):
    if not normalize(text):
        issues.append(DataIssue(source, line, "empty text; record skipped"))
        return None
    return text


def _from_record(r: Record, labels_field: str, out: list, issues: list) -> None:
    """A record of a labelled file: a corpus-schema paragraph (sentence labels) or a
    text with a labels field (a list, or ``;``-separated in CSV and Excel)."""
    src, line = r.source or "data", r.line
    if isinstance(r.fields.get("sentences"), list):  # corpus schema, sentence labels
        seen = {
            lab for st in r.fields["sentences"] if isinstance(st, dict)
            for lab in (st.get("labels") or []) if isinstance(lab, str)
        }
        try:
            rec = paragraph_from_record(r, seen)
        except ValueError as exc:
            issues.append(DataIssue(src, line, f"{str(exc).split(': ', 1)[-1]}; record skipped"))
            return
        out.append((rec, rec.labels, src, line))
        return
    if _check_text(r.text, src, line, issues) is None:
        return
    if labels_field not in r.fields:
        issues.append(DataIssue(src, line, f"missing field {labels_field!r}; record skipped"))
        return
    tabular = not str(src).lower().endswith((".jsonl", ".ndjson", ".txt", ".json")) \
        and src != "<stdin>"
    labs = _labels_value(r.fields[labels_field], src, line, issues, split_str=tabular)
    if labs is None:
        return
    out.append((r.text, labs, src, line))


def read_labelled(
    data,
    *,
    text_field: str = "text",
    labels_field: str = "labels",
    on_error: str = "skip",
) -> LabelledData:
    """Read and validate labelled data.

    Parameters
    ----------
    data : str, Path, or sequence of (text, labels) pairs
        A JSONL file (objects with ``text`` and ``labels`` — a list of label strings — or
        records in the corpus schema with sentence labels), a CSV, TSV or Excel file (a
        ``text`` column and a ``labels`` column of ``;``-separated labels), a folder of
        such files, or pairs whose labels are a list of strings or a ``;``-separated
        string.
    text_field, labels_field : str
        Field (column) names.
    on_error : {"skip", "raise"}, default="skip"
        ``"skip"`` leaves out bad records and lists them in ``skipped``; ``"raise"`` raises
        :class:`~cyberreport.exceptions.DataError` at the first one.

    Returns
    -------
    LabelledData

    Raises
    ------
    DataError
        For an unreadable file, a CSV without the needed columns, or (with
        ``on_error="raise"``) any bad record; the message names the file and line.

    Examples
    --------
    >>> d = read_labelled([("加强关键信息基础设施保护", ["security"])])
    >>> d.labels
    [('security',)]
    """
    if on_error not in ("skip", "raise"):
        raise ValueError(f"on_error must be 'skip' or 'raise', got {on_error!r}")
    raw: list = []
    issues: list = []
    if isinstance(data, (str, os.PathLike)):
        path = Path(data)
        if path.is_dir():
            files = sorted(p for p in path.iterdir() if p.suffix.lower() in _LABELLED_SUFFIXES)
            if not files:
                raise DataError(f"{path}: folder has no .jsonl, .csv, .tsv or .xlsx files")
        elif path.exists():
            files = [path]
        else:
            raise DataError(f"{path}: no such file or folder")
        for f in files:
            if f.suffix.lower() in (".csv", ".tsv", ".xlsx", ".xlsm"):
                _require_column(f, labels_field, text_field)
            try:
                for item in iter_records(str(f), text_field=text_field, on_error="yield",
                                         fmt="auto" if f.suffix.lower() != ".json" else "jsonl"):
                    if isinstance(item, Reject):
                        issues.append(DataIssue(item.source, item.line,
                                                f"{item.reason}; record skipped"))
                    else:
                        _from_record(item, labels_field, raw, issues)
            except InputError as exc:
                raise DataError(str(exc)) from None
    else:
        if isinstance(data, (bytes, str)):
            raise TypeError("data must be a path or a sequence of (text, labels) pairs")
        try:
            pairs = list(data)
        except TypeError:
            raise TypeError(
                f"data must be a path or a sequence of (text, labels) pairs, got {type(data).__name__}"
            ) from None
        for i, pair in enumerate(pairs):
            src = "data"
            if isinstance(pair, Paragraph):
                raw.append((pair, pair.labels, src, i))
                continue
            if not isinstance(pair, (tuple, list)) or len(pair) != 2:
                issues.append(DataIssue(src, i, f"item {i} is not a (text, labels) pair; skipped"))
                continue
            if not isinstance(pair[0], str):
                what = "missing" if pair[0] is None else f"not a string ({type(pair[0]).__name__})"
                issues.append(DataIssue(src, i, f"the text is {what}; record skipped"))
                continue
            if _check_text(pair[0], src, i, issues) is None:
                continue
            labs = _labels_value(pair[1], src, i, issues, split_str=True)
            if labs is None:
                continue
            raw.append((pair[0], labs, src, i))
    if issues and on_error == "raise":
        raise DataError(str(issues[0]))
    return _deduplicate(raw, issues)


def _require_column(path: Path, labels_field: str, text_field: str) -> None:
    """A table without the labels column is an error of the whole file (naming line 1)."""
    if path.suffix.lower() in (".xlsx", ".xlsm"):
        return  # checked per row (the header is read by pandas)
    import csv

    try:
        with open(path, encoding="utf-8-sig", newline="") as f:
            header = next(csv.reader(f, delimiter="\t" if path.suffix.lower() == ".tsv" else ","), [])
    except (OSError, UnicodeDecodeError, csv.Error):
        return  # the reader reports it
    names = [h.strip() for h in header]
    missing = [c for c in (text_field, labels_field) if c not in names]
    if missing:
        raise DataError(
            f"{path}, line 1: the header has no column {', '.join(map(repr, missing))} "
            f"(columns: {', '.join(map(repr, names))})")


def _deduplicate(raw, issues) -> LabelledData:
    """Exact duplicates (same normalised text, same labels) are kept once and noted;
    duplicates with conflicting labels are all left out and reported."""
    out = LabelledData(skipped=list(issues))
    by_text: dict[str, list[int]] = {}
    for i, (item, labs, src, line) in enumerate(raw):
        key = normalize(item if isinstance(item, str) else item.text)
        by_text.setdefault(key, []).append(i)
    drop = set()
    for key, idxs in by_text.items():
        if len(idxs) < 2:
            continue
        label_sets = {frozenset(raw[i][1]) for i in idxs}
        where = ", ".join(_where(raw[i][2], raw[i][3]) for i in idxs)
        if len(label_sets) > 1:
            for i in idxs:
                drop.add(i)
                variants = "; ".join(sorted("|".join(sorted(s)) or "(none)" for s in label_sets))
                out.skipped.append(DataIssue(
                    raw[i][2], raw[i][3],
                    f"the same text appears with conflicting labels ({variants}) at {where}; "
                    "all copies skipped — fix the labels",
                ))
        else:
            for i in idxs[1:]:
                drop.add(i)
            out.notes.append(DataIssue(
                raw[idxs[0]][2], raw[idxs[0]][3],
                f"the same text with the same labels appears {len(idxs)} times ({where}); kept once",
            ))
    for i, (item, labs, src, line) in enumerate(raw):
        if i not in drop:
            out.items.append(item)
            out.labels.append(tuple(dict.fromkeys(labs)))
            out.origins.append((src, line))
    return out


def _where(src, line) -> str:
    return f"{src}:{line}" if line is not None else src
