"""Model files: saving and loading estimators (any older format is upgraded on load).

See :mod:`cyberreport._modelfile` for the container (JSON, ``.npy`` arrays, checksums,
atomic save) and ``docs/retraining.md`` for the format.

Examples
--------
>>> from cyberreport.persistence import load_model
>>> load_model().classes_[0]
'security'
"""

from ._load import load_model, save_model

__all__ = ["load_model", "save_model"]
