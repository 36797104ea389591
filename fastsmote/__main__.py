"""``python -m fastsmote``: the same as the ``fastsmote`` console script."""

import sys

from .app.cli import main

sys.exit(main())
