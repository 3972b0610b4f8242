"""Lazy imports of optional dependencies, with one message naming the extra to install."""

from __future__ import annotations

__all__: list[str] = []


def import_pandas(feature: str, *, required: bool = True):
    """``pandas``, imported on first use.  When it is missing: an ``ImportError`` saying
    that ``feature`` needs it and how to install it, or ``None`` if not ``required``."""
    try:
        import pandas
    except ImportError as exc:
        if not required:
            return None
        raise ImportError(f"{feature} needs pandas: pip install 'cyberreport[pandas]'") from exc
    return pandas
