"""Source of the bundled models, installed as ``cyberreport._models``."""
