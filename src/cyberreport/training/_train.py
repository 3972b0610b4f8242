"""Training a theme model on the user's labelled data: :func:`train` and its result."""

from __future__ import annotations

import warnings
from collections.abc import Iterable, Sequence
from dataclasses import dataclass

from ..text import normalize
from ._labelled import LabelledData
from ._setup import check_params, default_params, prepare

__all__ = ["train", "TrainResult"]


# -- training -----------------------------------------------------------------------
@dataclass(repr=False)
class TrainResult:
    """What :func:`train` produced.

    Attributes
    ----------
    model : ThemeClassifier
        Fitted on all the data.
    report : CVReport or None
        Cross-validated figures of the same configuration (``None`` if ``cv`` was 0).
    data : LabelledData
        The user's validated data (what was used, skipped and noted).
    n_base : int
        Bundled-corpus paragraphs added (0 when ``base=False``).
    label_counts : dict
        Label -> number of training texts carrying it.
    params : dict
        The estimator parameters used.
    """

    model: object
    report: object
    data: LabelledData
    n_base: int
    label_counts: dict
    params: dict
    n_pseudo: int = 0

    def __repr__(self) -> str:
        rep = "" if self.report is None else f"; {self.report!r}"
        return (f"<TrainResult: {len(self.data) + self.n_base} texts, "
                f"{len(self.label_counts)} labels{rep}>")

    def to_frame(self):
        """The cross-validated per-label figures with each label's training count, as a
        pandas DataFrame (needs the ``pandas`` extra)."""
        from .._frames import to_frame

        cols, rows = self._table()
        return to_frame(cols, rows, "TrainResult.to_frame()", "label")

    def to_dict(self) -> dict:
        """JSON-ready summary: counts, parameters, the report's figures."""
        return {"n_texts": len(self.data), "n_base": self.n_base, "n_pseudo": self.n_pseudo,
                "label_counts": dict(self.label_counts), "params": dict(self.params),
                "skipped": [str(i) for i in self.data.skipped],
                "report": None if self.report is None else self.report.to_dict()}

    def _table(self):
        if self.report is not None:
            cols, rows = self.report._table()
        else:
            cols, rows = ["label"], [{"label": k} for k in self.label_counts]
        cols = [*cols, "n_train"]
        for r in rows:
            r["n_train"] = self.label_counts.get(r["label"], 0)
        return cols, rows

    def _repr_html_(self) -> str:
        from .._frames import html_table

        cols, rows = self._table()
        return html_table(cols, rows, caption=str(self).splitlines()[0])

    def __str__(self) -> str:
        lines = [
            f"trained on {len(self.data) + self.n_base} texts "
            f"({len(self.data)} yours, {self.n_base} from the bundled corpus"
            + (f", {self.n_pseudo} pseudo-labelled" if self.n_pseudo else "") + ")",
            "labels: " + ", ".join(f"{k} ({v})" for k, v in self.label_counts.items()),
        ]
        if self.data.skipped or self.data.notes:
            lines.append(self.data.summary())
        if self.report is not None:
            lines.append("")
            lines.append(self.report.format())
        return "\n".join(lines)


def train(
    data,
    *,
    labels: Sequence[str] | None = None,
    base: bool = True,
    random_state: int = 0,
    params: dict | None = None,
    label_descriptions: dict[str, str] | None = None,
    unlabeled: Iterable[str] | None = None,
    cv: int | None = 5,
    n_jobs: int | None = None,
    on_error: str = "skip",
    progress: bool | None = None,
) -> TrainResult:
    """Train a theme model on your labelled data and report how good it is.

    Parameters
    ----------
    data : str, Path or sequence of (text, labels) pairs
        See :func:`read_labelled`.
    labels : sequence of str, optional
        The label set.  With ``base=True`` it must be taxonomy ids (the default is all
        13); with ``base=False`` it is inferred from the data when not given.
    base : bool, default=True
        Add the bundled 2016 corpus (with its sentence labels) to your data.  With
        ``base=True`` every label must be a taxonomy id.
    random_state : int, default=0
    params : dict, optional
        :class:`~cyberreport.ThemeClassifier` parameters that replace the defaults
        one by one (``params={"C": 3}`` changes ``C`` only).  ``labels``,
        ``label_descriptions`` and ``random_state`` are ``train``'s own arguments; in
        ``params`` they may only repeat them.  The defaults: the default
        model's configuration for taxonomy themes; for a custom label set, whole-text
        scoring without the taxonomy lexicon, with settings by data size (see
        ``docs/retraining.md``).
    label_descriptions : dict, optional
        Label -> short description (e.g. a Chinese name for an English label id), used
        as prior knowledge for labels outside the taxonomy.
    unlabeled : iterable of str, optional
        Unlabelled texts for one round of self-training (single-label data only): among
        the most confident fifth of these texts, the most confident predictions of each
        class (up to 100 per class) are added as training examples and the model is
        fitted again.
    cv : int or None, default=5
        Folds of the cross-validated report (grouped by province for corpus records);
        ``None`` or ``0`` skips it.
    n_jobs : int, optional
        Parallel processes for the cross-validation's folds (``-1`` = all cores); while
        they run, this process fits the model of all the data.  It helps on idle cores; on
        a machine busy with other work it can be slower than one process (see
        ``docs/benchmarks.md``).  The model and the report are the same for any
        ``n_jobs``.
    on_error : {"skip", "raise"}, default="skip"
        What to do with bad records (see :func:`read_labelled`).
    progress : bool, optional
        Show progress on stderr (the current step, and a bar over the cross-validation's
        folds); by default only when stderr is a terminal, never with
        ``progress=False`` or ``CYBERREPORT_PROGRESS=0``.

    Returns
    -------
    TrainResult

    Raises
    ------
    DataError
        Unreadable data, or with ``base=True`` labels that are not taxonomy ids (the
        message names them and the lines they came from).
    TypeError
        If ``params`` is not a mapping.
    ValueError
        If ``params`` has a key that is not a :class:`~cyberreport.ThemeClassifier`
        parameter, or sets ``labels``, ``label_descriptions`` or ``random_state`` to a
        value other than ``train``'s own (``params=result.params`` of an earlier run is
        fine).

    Warns
    -----
    FewExamplesWarning
        For each label with fewer than 3 training texts.

    Examples
    --------
    >>> data = [("银行下调贷款利率", ["finance"]), ("股市收盘上涨", ["finance"]),
    ...         ("基金净值回升", ["finance"]), ("球队赢得比赛", ["sports"]),
    ...         ("运动员打破纪录", ["sports"]), ("联赛开幕", ["sports"])]
    >>> result = train(data, base=False, cv=None, progress=False)
    >>> result.model.predict(["银行利率"])
    [('finance',)]
    """
    import numpy as np

    from .._parallel import check_n_jobs, tasks_run_in_processes
    from .._progress import progress_steps
    from ..classifier import ThemeClassifier
    from ..evaluation import cross_validate

    from numbers import Integral

    from .._validation import Interval, Options, check_value

    check_value("cv", cv, [None, Options((0,)), Interval(Integral, 2, None, "left")])
    check_value("n_jobs", n_jobs, [None, "n_jobs"])
    check_value("random_state", random_state, ["random_state"])
    params = check_params(params, ThemeClassifier)
    if unlabeled is not None:  # checked before any work
        from .._texts import as_texts_iterable

        unlabeled = list(as_texts_iterable(unlabeled, "unlabeled"))
    steps = progress_steps(progress, "training")
    steps.say("reading data")
    ts = prepare(data, labels=labels, base=base, on_error=on_error, stacklevel=3)
    descriptions = dict(label_descriptions) if label_descriptions else None
    for key, value in (("labels", ts.classes), ("label_descriptions", descriptions),
                       ("random_state", random_state)):
        # train's own arguments; a params dict from an earlier run may repeat them
        given = params.pop(key, None)
        if given is not None and (list(given) if key == "labels" else given) != value:
            raise ValueError(
                f"params[{key!r}] is {given!r} but train uses {key}={value!r}; "
                f"pass {key} as train's own argument"
            )
    chosen = dict(default_params(ts), **params)
    if descriptions:
        chosen["label_descriptions"] = descriptions
    chosen = dict(chosen, labels=ts.classes, random_state=random_state)
    jobs = check_n_jobs(n_jobs)
    folds = min(int(cv), len(set(ts.groups))) if cv else 0

    def fit_model():
        """The model of all the data (after one round of self-training when asked)."""
        model = ThemeClassifier(**chosen).fit(ts.items, ts.y)
        if unlabeled is None or model.multilabel_:  # (multi-label: warned below)
            return model, 0
        pool = [t for t in unlabeled if isinstance(t, str) and normalize(t)]
        if not pool:
            return model, 0
        steps.say(f"self-training on {len(pool)} unlabelled texts")
        proba = model.predict_proba(pool)
        best, conf = proba.argmax(1), proba.max(1)
        # Only the most confident fifth of the pool is eligible, at most 100 texts per
        # class: a small or hard pool adds few, uncertain texts add none.
        cut = np.quantile(conf, 0.8)
        add_x, add_y = [], []
        for j, c in enumerate(model.classes_):
            idx = np.where((best == j) & (conf >= cut))[0]
            idx = idx[np.argsort(-conf[idx], kind="stable")][:100]
            add_x += [pool[i] for i in idx]
            add_y += [(c,)] * len(idx)
        return ThemeClassifier(**chosen).fit(ts.items + add_x, ts.y + add_y), len(add_x)

    def report_of_folds():
        """Cross-validated figures of the same configuration."""
        steps.say(f"cross-validating ({folds} folds)")
        return cross_validate(
            ThemeClassifier(**chosen), ts.items, ts.y, groups=ts.groups, cv=folds,
            n_jobs=jobs, random_state=random_state, progress=progress,
        )

    steps.say(f"fitting on {len(ts.items)} texts")
    report = None
    if folds >= 2 and jobs > 1 and tasks_run_in_processes():
        # The folds run in worker processes; this process fits the model of all the data
        # meanwhile (in a thread: the solver releases the GIL), instead of before them.
        from concurrent.futures import ThreadPoolExecutor

        with ThreadPoolExecutor(max_workers=1, thread_name_prefix="cyberreport-fit") as ex:
            fitting = ex.submit(fit_model)
            report = report_of_folds()
            model, n_pseudo = fitting.result()
    else:
        model, n_pseudo = fit_model()
        if folds >= 2:
            report = report_of_folds()
    if unlabeled is not None and model.multilabel_:
        warnings.warn("unlabeled texts are used for single-label data only; ignored",
                      stacklevel=2)
    if report is not None:
        model.metrics_ = {"cross_validation": report.to_dict()}
    steps.done()
    return TrainResult(model, report, ts.user, ts.n_base, ts.label_counts(), chosen, n_pseudo)
