"""The scikit-learn parameter protocol, shared by cyberreport's estimators.

cyberreport's estimators do not inherit ``sklearn.base.BaseEstimator`` so that importing
them (and predicting) does not import scikit-learn; this mixin gives them what
``sklearn.base.clone``, ``Pipeline`` and ``GridSearchCV`` need: ``get_params``,
``set_params`` and a repr that shows the parameters changed from their defaults.
"""

from __future__ import annotations

import inspect


class ParamsMixin:
    """``get_params`` / ``set_params`` / ``__repr__`` from the ``__init__`` signature."""

    @classmethod
    def _get_param_names(cls) -> list[str]:
        sig = inspect.signature(cls.__init__)
        return sorted(p for p in sig.parameters if p != "self")

    def get_params(self, deep: bool = True) -> dict:
        """Parameters of this estimator (scikit-learn protocol)."""
        return {name: getattr(self, name) for name in self._get_param_names()}

    def set_params(self, **params):
        """Set parameters (scikit-learn protocol); returns ``self``."""
        valid = self._get_param_names()
        for key, value in params.items():
            if key not in valid:
                raise ValueError(
                    f"invalid parameter {key!r} for {type(self).__name__}; valid parameters "
                    f"are: {', '.join(valid)}"
                )
            setattr(self, key, value)
        return self

    def __repr__(self) -> str:
        defaults = inspect.signature(type(self).__init__).parameters
        changed = [
            f"{k}={v!r}" for k, v in self.get_params().items()
            if not (defaults[k].default is v or defaults[k].default == v)
        ]
        return f"{type(self).__name__}({', '.join(changed)})"
