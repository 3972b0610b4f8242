"""Source of the bundled annotated data, installed as ``cyberreport._data``."""
