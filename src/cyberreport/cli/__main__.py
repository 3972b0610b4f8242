"""``python -m cyberreport.cli``."""

import sys

from . import main

sys.exit(main())
