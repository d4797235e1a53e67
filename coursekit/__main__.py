"""Allow ``python -m coursekit``."""

import sys

from .cli import main

sys.exit(main())
