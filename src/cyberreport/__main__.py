"""``python -m cyberreport``: the command line (the same as the ``cyberreport`` command)."""

import sys

from .cli import main

if __name__ == "__main__":
    sys.exit(main())
