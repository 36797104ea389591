"""``python -m fastsmote``: the same as the ``fastsmote`` console script."""

import sys

from .cli import main

sys.exit(main())
