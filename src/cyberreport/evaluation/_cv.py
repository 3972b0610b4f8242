"""Grouped cross-validation of a theme classifier, and held-out evaluation of a fitted one.

:func:`cross_validate` runs leave-one-group-out cross-validation (by default one group
per province) and reports, in one :class:`CVReport`, per-theme precision, recall and F1
and micro/macro F1 at document and sentence level, the expected calibration error of the
document probabilities, and the same document-level figures for two baselines:

* ``cue_matching`` — a theme is predicted when one of the taxonomy's cue words occurs;
* ``naive_pipeline`` — what a user would write: ``TfidfVectorizer(tokenizer=jieba.lcut)``
  and one-vs-rest logistic regression, trained on paragraphs.
"""

from __future__ import annotations

from collections.abc import Sequence

import numpy as np

from .._deprecation import renamed_param
from .._parallel import check_n_jobs, tasks_run_in_processes, worker_task
from .._texts import check_texts, text_of
from ..corpus import Paragraph, load_corpus
from ..taxonomy import THEME_IDS
from ._baselines import CueMatcher, NaivePipeline, naive_tokens
from ._metrics import expected_calibration_error, indicator, label_metrics
from ._report import CVReport

__all__ = ["cross_validate", "evaluate"]


def _fit_predict_fold(model, train_items, train_y, test_items, with_sentences,
                      background=None, naive=None):
    """The fold's model fitted and applied to its test items; with ``naive`` =
    ``(classes, train tokens, train label sets, test tokens)`` the naive baseline too."""
    from sklearn.base import clone

    m = clone(model)
    if background is not None:
        bg_items, bg_y = background
        if train_y is None:
            train_y = [x.labels for x in train_items]
        train_items, train_y = list(train_items) + list(bg_items), list(train_y) + list(bg_y)
    m.fit(train_items, train_y)
    texts = [text_of(x) for x in test_items]
    proba = m.predict_proba(texts)
    pred = m.labels_from_proba(proba)
    sent = None
    if with_sentences:
        sent = [m.predict([s.text for s in x.sentences]) for x in test_items]
    naive_pred = None
    if naive is not None:
        classes, tr_tokens, tr_y, te_tokens = naive
        nb = NaivePipeline(classes, pretokenized=True).fit(tr_tokens, tr_y)
        naive_pred = nb.predict(te_tokens)
    return proba, pred, sent, list(m.classes_), naive_pred


@renamed_param("n_folds", "cv")
def cross_validate(
    model=None,
    data=None,
    y=None,
    *,
    groups: Sequence | str | None = "province",
    cv: int | None = None,
    baselines: bool = True,
    n_jobs: int | None = None,
    random_state: int = 0,
    background=None,
    progress: bool | None = None,
) -> CVReport:
    """Leave-one-group-out cross-validation of a theme classifier.

    Parameters
    ----------
    model : ThemeClassifier, optional
        An unfitted estimator (it is cloned for every fold).  Default: ``ThemeClassifier()``.
    data : Corpus or sequence of Paragraph or of str, optional
        Default: the bundled corpus.  With labelled paragraphs the sentence-level
        figures are computed too.
    y : sequence of label lists, optional
        Labels, when ``data`` holds plain texts.
    groups : "province", sequence or None, default="province"
        The groups to leave out one at a time: ``"province"`` uses each paragraph's
        province; a sequence gives one group per item; ``None`` leaves out one item at
        a time.
    cv : int, optional
        Instead of leaving out one group at a time, spread the groups over this many
        folds (a seeded shuffle; a group never straddles two folds) — for larger data.
    baselines : bool, default=True
        Also evaluate cue matching and the naive jieba + TF-IDF pipeline on the same folds
        (the texts are cut by jieba once for all folds; each fold's regressions run with
        one BLAS thread).
    n_jobs : int, optional
        Folds (the model's and the naive baseline's) run in parallel processes (joblib;
        ``-1`` = all cores).  This helps on idle cores only: on a machine whose cores are
        busy with other work, ``n_jobs=2`` can be slower than one process (see
        ``docs/benchmarks.md``).  Under a joblib threading backend the folds run one at
        a time (fits in threads of one process would not be reproducible).
    random_state : int, default=0
        Seed of the group shuffle when ``cv`` is given.
    background : (texts, label lists), optional
        Training data added to every fold and never tested (for example texts outside
        网信 work with empty label lists, or a model's other training sets): the figures
        are those of ``data`` alone, with the background in training.
    progress : bool, optional
        A progress bar over the folds on stderr; by default only when stderr is a
        terminal (and the run takes more than 2 s), never with ``progress=False`` or
        ``CYBERREPORT_PROGRESS=0``.

    Returns
    -------
    CVReport

    Examples
    --------
    >>> import cyberreport as cr
    >>> report = cross_validate(cr.ThemeClassifier(threshold=0.5), cv=3, baselines=False)
    >>> report.n_folds, 0 < report.document["micro_f1"] <= 1
    (3, True)
    """
    from joblib import Parallel, delayed

    from .._progress import progress_bar, show_last
    from ..classifier import ThemeClassifier
    from ..classifier._targets import choose_classes

    n_jobs = check_n_jobs(n_jobs)
    if not tasks_run_in_processes():
        n_jobs = 1  # folds in threads would share liblinear's random state: one at a time
    model = ThemeClassifier() if model is None else model
    items = check_texts(load_corpus() if data is None else data, "data")
    if y is None:
        if not all(isinstance(x, Paragraph) for x in items):
            raise TypeError("y is required when data holds plain texts")
        label_sets = [x.labels for x in items]
    else:
        label_sets = [tuple(v) for v in y]
        if len(label_sets) != len(items):
            raise ValueError(f"data has {len(items)} items but y has {len(label_sets)}")
    if isinstance(groups, str):
        if groups != "province":
            raise ValueError(f"groups must be 'province', a sequence or None, got {groups!r}")
        groups = [
            (x.province or x.id) if isinstance(x, Paragraph) else i for i, x in enumerate(items)
        ]
    elif groups is None:
        groups = list(range(len(items)))
    else:
        groups = list(groups)
        if len(groups) != len(items):
            raise ValueError(f"data has {len(items)} items but groups has {len(groups)}")
    uniq = list(dict.fromkeys(groups))
    if len(uniq) < 2:
        raise ValueError("cross-validation needs at least 2 groups")
    if cv is None:
        folds = [[i for i, g in enumerate(groups) if g == u] for u in uniq]
    else:
        if isinstance(cv, bool) or not isinstance(cv, int) or cv < 2:
            raise ValueError(f"cv must be an int >= 2, got {cv!r}")
        if cv > len(uniq):
            raise ValueError(f"cv={cv} but there are only {len(uniq)} groups")
        order = np.random.RandomState(random_state).permutation(len(uniq))
        fold_of = {uniq[g]: r % cv for r, g in enumerate(order)}
        folds = [[i for i, g in enumerate(groups) if fold_of[g] == f] for f in range(cv)]
    with_sent = all(isinstance(x, Paragraph) for x in items)
    texts = [text_of(x) for x in items]

    def split(test):
        tset = set(test)
        tr = [i for i in range(len(items)) if i not in tset]
        return tr, test

    bg = None
    if background is not None:
        bg_items = check_texts(background[0], "background[0]")
        bg_y = [tuple(v) for v in background[1]]
        if len(bg_y) != len(bg_items):
            raise ValueError(f"background has {len(bg_items)} texts but {len(bg_y)} label lists")
        bg = (bg_items, bg_y)
    naive_classes = None
    tokens = None
    if baselines:
        # the naive pipeline's label set is the report's: the folds' models' (all folds
        # alike), or the union of theirs when a fold misses a custom label
        labels = getattr(model, "labels", None)
        extra = list(bg[1]) if bg is not None else []
        per_fold = [choose_classes([label_sets[i] for i in split(test)[0]] + extra, labels)
                    for test in folds]
        naive_classes = per_fold[0]
        if any(c != naive_classes for c in per_fold):
            naive_classes = sorted({c for cs in per_fold for c in cs})
        tokens = naive_tokens(texts)
    jobs = []
    for test in folds:
        tr, te = split(test)
        use_y = None if (y is None) else [label_sets[i] for i in tr]
        naive = None
        if baselines:
            naive = (naive_classes, [tokens[i] for i in tr], [label_sets[i] for i in tr],
                     [tokens[i] for i in te])
        jobs.append(delayed(worker_task(_fit_predict_fold))(
            model, [items[i] for i in tr], use_y, [items[i] for i in te], with_sent, bg, naive
        ))
    results = []
    with progress_bar(len(jobs), desc="cross-validating", unit="fold",
                      progress=progress) as bar:
        for r in Parallel(n_jobs=n_jobs, return_as="generator")(jobs):
            results.append(r)
            bar.update(1)
        show_last(bar)  # the last fold may end within tqdm's redraw interval
    classes = results[0][3]
    if any(r[3] != classes for r in results):  # a fold missing a custom label
        classes = sorted({c for r in results for c in r[3]})
    proba = np.zeros((len(items), len(classes)))
    preds: list = [None] * len(items)
    sent_true, sent_pred = [], []
    for test, (p, pr, sp, fold_classes, _) in zip(folds, results):
        cols = [classes.index(c) for c in fold_classes]
        proba[np.ix_(test, cols)] = p
        for k, i in enumerate(test):
            preds[i] = pr[k]
            if with_sent:
                sent_true.extend(s.labels for s in items[i].sentences)
                sent_pred.extend(sp[k])
    doc = label_metrics(label_sets, preds, classes)
    sent = label_metrics(sent_true, sent_pred, classes) if with_sent else None
    ece = expected_calibration_error(indicator(label_sets, classes), proba)
    base = {}
    if baselines:
        if set(classes) <= set(THEME_IDS):  # cue words exist for taxonomy themes only
            cue = CueMatcher().fit()
            base["cue_matching"] = label_metrics(label_sets, cue.predict(texts), classes)
        naive_pred: list = [None] * len(items)
        for test, r in zip(folds, results):
            for i, p in zip(test, r[4]):
                naive_pred[i] = p
        base["naive_pipeline"] = label_metrics(label_sets, naive_pred, classes)
    return CVReport(doc, sent, ece, base, len(folds), preds, proba, classes)


def evaluate(model, data, y=None) -> dict:
    """Document-level (and, for labelled paragraphs, sentence-level) metrics of a fitted
    model on held-out data; also cue matching on the same texts.

    Returns
    -------
    dict
        ``{"document": ..., "sentence": ... or None, "cue_matching": ...}``.
    """
    items = check_texts(data, "data")
    if y is None:
        label_sets = [x.labels for x in items]
    else:
        label_sets = [tuple(v) for v in y]
    texts = [text_of(x) for x in items]
    classes = list(model.classes_)
    out = {"document": label_metrics(label_sets, model.predict(texts), classes)}
    if all(isinstance(x, Paragraph) for x in items):
        st = [s.labels for x in items for s in x.sentences]
        sp = model.predict([s.text for x in items for s in x.sentences])
        out["sentence"] = label_metrics(st, sp, classes)
    else:
        out["sentence"] = None
    out["cue_matching"] = label_metrics(label_sets, CueMatcher().predict(texts), classes)
    return out
