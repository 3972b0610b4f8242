"""Prediction methods of the theme classifier: scores, probabilities, relevance, labels
and explained classifications, on any number of texts in chunks."""

from __future__ import annotations

from numbers import Integral, Real

import numpy as np

from .._deprecation import renamed_param
from .._texts import check_texts
from .._validation import Interval, check_value
from ._results import Classification
from ._targets import label_sets_of
from ._thresholds import f1, labels_from_proba

__all__ = ["PredictionMixin"]

_THRESHOLD = [None, Interval(Real, 0, 1, "neither")]


class PredictionMixin:
    """What a fitted :class:`ThemeClassifier` predicts (its ``scorer_``, ``classes_``,
    ``thresholds_`` and ``multilabel_``)."""

    # -- prediction -----------------------------------------------------------------
    def decision_function(self, X, *, n_jobs: int | None = None,
                          chunk_size: int | None = None,
                          progress: bool | None = None) -> np.ndarray:
        """Document scores (log-odds of the best sentence), shape (n, n_classes).

        A text with no sentence (empty, or only whitespace) scores ``-inf``.

        Parameters
        ----------
        X : iterable of str (or of :class:`~cyberreport.Paragraph` or Record)
        n_jobs : int, optional
            Worker processes (joblib); ``None`` or ``1`` computes in this process, ``-1``
            uses all usable cores (more than the usable cores are capped, with a
            warning).  The result is identical whatever ``n_jobs``.
        chunk_size : int, optional
            Texts per chunk (default 2,000): work memory is bounded by a chunk, and a
            chunk is the unit of work of a worker.  The result does not depend on it.
        progress : bool, optional
            A progress bar for runs longer than two seconds; by default on a terminal or
            in a notebook (``CYBERREPORT_PROGRESS=0`` turns it off).

        Examples
        --------
        >>> model.decision_function(["开展网络安全宣传周活动"] * 3, n_jobs=2).shape
        (3, 13)
        """
        self._check_fitted()
        from ._batch import doc_logits

        return doc_logits(self, X, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)

    def predict_proba(self, X, *, n_jobs: int | None = None, chunk_size: int | None = None,
                      progress: bool | None = None) -> np.ndarray:
        """Probability of each theme for each text, shape (n, n_classes).

        ``n_jobs``, ``chunk_size`` and ``progress`` as in :meth:`decision_function`.

        Examples
        --------
        >>> model.predict_proba(["开展网络安全宣传周活动"]).shape
        (1, 13)
        """
        self._check_fitted()
        from ._batch import doc_proba

        return doc_proba(self, X, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)

    def predict(self, X, *, threshold: float | None = None, n_jobs: int | None = None,
                chunk_size: int | None = None, as_frame: bool = False,
                progress: bool | None = None):
        """Predicted themes of each text, as tuples of theme ids in class order.

        ``threshold`` as in :meth:`labels_from_proba`; ``n_jobs``, ``chunk_size`` and
        ``progress`` as in :meth:`decision_function`.  ``as_frame=True`` returns a pandas DataFrame instead
        (needs the ``pandas`` extra): one row per text, in order, with a ``labels``
        column and one probability column per class.

        Examples
        --------
        >>> model.predict(["加强关键信息基础设施安全保护"])
        [('security',)]
        >>> df = model.predict(["加强关键信息基础设施安全保护"], as_frame=True)
        >>> df.loc[0, "labels"], round(float(df.loc[0, "security"]), 1)
        (('security',), 1.0)
        """
        check_value("threshold", threshold, _THRESHOLD)
        check_value("as_frame", as_frame, ["boolean"])
        proba = self.predict_proba(X, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)
        labels = self.labels_from_proba(proba, threshold=threshold)
        if not as_frame:
            return labels
        from .._frames import to_frame

        cols = ["labels", *self.classes_]
        rows = ({"labels": lab, **dict(zip(self.classes_, map(float, p)))}
                for lab, p in zip(labels, proba))
        return to_frame(cols, rows, "predict(as_frame=True)")

    def relevance(self, X, *, n_jobs: int | None = None, chunk_size: int | None = None,
                  progress: bool | None = None) -> np.ndarray:
        """Probability that each text reports 网信 work (that of its most relevant
        sentence), shape (n,).

        ``n_jobs``, ``chunk_size`` and ``progress`` as in :meth:`decision_function`.

        Examples
        --------
        >>> r = model.relevance(["开展网络安全检查。", "今天天气晴朗。"])
        >>> bool(r[0] > r[1])
        True
        """
        self._check_fitted()
        if not self.scorer_.relevance:
            raise ValueError("this model has no relevance model (fitted with "
                             "use_relevance=False)")
        from ._batch import doc_relevance

        return doc_relevance(self, X, n_jobs=n_jobs, chunk_size=chunk_size, progress=progress)

    def labels_from_proba(self, proba, *, threshold: float | None = None
                          ) -> list[tuple[str, ...]]:
        """The labels of probabilities from :meth:`predict_proba`: the model's rule, used
        by every prediction path (``predict``, ``classify``, streaming, Dask, evaluation).

        Parameters
        ----------
        proba : array of shape (n, n_classes)
        threshold : float in (0, 1), optional
            One threshold for every class instead of the model's own (and instead of
            single-label argmax).

        Examples
        --------
        >>> proba = model.predict_proba(["开展网络安全宣传周活动", "今天天气晴朗。"])
        >>> model.labels_from_proba(proba)
        [('security',), ()]
        >>> model.labels_from_proba(proba, threshold=0.999)
        [(), ()]
        """
        self._check_fitted()
        check_value("threshold", threshold, _THRESHOLD)
        proba = np.asarray(proba, dtype=np.float64)
        if proba.ndim != 2 or proba.shape[1] != len(self.classes_):
            raise ValueError(f"proba must have shape (n, {len(self.classes_)}), got "
                             f"{proba.shape}")
        return labels_from_proba(proba, self.classes_, self.thresholds_,
                                 multilabel=self.multilabel_, threshold=threshold)

    def score(self, X, y) -> float:
        """Document-level micro-averaged F1 of ``predict(X)`` against ``y``."""
        label_sets = label_sets_of(check_texts(X), y, self.labels)
        pred = self.predict(X)
        Y = np.array([[c in labs for c in self.classes_] for labs in label_sets], dtype=bool)
        P = np.array([[c in labs for c in self.classes_] for labs in pred], dtype=bool)
        return f1(Y, P)

    @renamed_param("top_terms", "top_n")
    def classify(self, text: str, *, threshold: float | None = None,
                 top_n: int = 5) -> Classification:
        """Classify one text and explain the result.

        Parameters
        ----------
        text : str
        threshold : float in (0, 1), optional
            Use this threshold for every theme instead of the model's own.
        top_n : int, default=5
            How many weighing terms to report per evidence sentence (``top_terms`` in
            0.1).

        Returns
        -------
        Classification

        Examples
        --------
        >>> model.classify("开展“净网”专项行动，关闭违法违规网站。").labels
        ('content_governance',)
        """
        self._check_fitted()
        if not isinstance(text, str):
            raise TypeError(f"text must be a str, got {type(text).__name__}")
        return self._explain([text], threshold, top_n)[0]

    def _explain(self, texts, threshold, top_n) -> list[Classification]:
        from ._explain import explain

        check_value("threshold", threshold, _THRESHOLD)
        check_value("top_n", top_n, [Interval(Integral, 0, None, "left")])
        return explain(self.scorer_, texts, self.classes_,
                       lambda proba: self.labels_from_proba(proba, threshold=threshold),
                       threshold=threshold, thresholds=self.thresholds_, top_n=top_n)

    def classify_many(self, texts, *, threshold: float | None = None, top_n: int = 5,
                      n_jobs: int | None = None, chunk_size: int | None = None,
                      progress: bool | None = None) -> list[Classification]:
        """:meth:`classify` for each text of an iterable, in order, with the batched
        kernel.  The list is a :class:`~cyberreport.ResultList`: ``to_frame()`` gives one
        row per text (labels, relevance, evidence, every score).

        ``n_jobs``, ``chunk_size`` and ``progress`` as in :meth:`decision_function`.

        Examples
        --------
        >>> [c.labels for c in model.classify_many(["建设县级融媒体中心。"], n_jobs=2)]
        [('media_convergence',)]
        """
        self._check_fitted()
        check_value("threshold", threshold, _THRESHOLD)
        from ._batch import classify_many

        return classify_many(self, texts, threshold=threshold, top_n=top_n, n_jobs=n_jobs,
                             chunk_size=chunk_size, progress=progress)
