"""The installed version of cyberreport."""

from __future__ import annotations

from importlib.metadata import PackageNotFoundError, version as _version

__all__ = ["__version__"]

try:
    __version__ = _version("cyberreport")
except PackageNotFoundError:  # running from a source tree that was never installed
    __version__ = "0+unknown"
