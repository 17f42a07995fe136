"""``python -m exercises``: the learner's course command (see ``exercises/cli.py``)."""

import sys

from exercises.cli import main

sys.exit(main())
