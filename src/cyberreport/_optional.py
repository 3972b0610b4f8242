"""Lazy imports of optional dependencies, with one message naming the extra to install."""

from __future__ import annotations

import importlib

__all__: list[str] = []

_EXTRA_OF = {"pandas": "pandas", "openpyxl": "pandas", "matplotlib": "plot",
             "dask": "dask", "distributed": "dask"}


def import_optional(module: str, feature: str, *, extra: str | None = None,
                    required: bool = True):
    """``module``, imported on first use.  When it is missing: an ``ImportError`` saying
    that ``feature`` needs it and which extra installs it, or ``None`` if not
    ``required``."""
    try:
        return importlib.import_module(module)
    except ImportError as exc:
        if not required:
            return None
        extra = extra or _EXTRA_OF.get(module.split(".")[0], module)
        raise ImportError(
            f"{feature} needs {module.split('.')[0]}: pip install 'cyberreport[{extra}]'"
        ) from exc


def import_pandas(feature: str, *, required: bool = True):
    """``pandas``, imported on first use (see :func:`import_optional`)."""
    return import_optional("pandas", feature, extra="pandas", required=required)
