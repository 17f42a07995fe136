"""``python -m exercises``: the learner's course command (see ``course/cli.py``)."""

import sys

from course.cli import main

sys.exit(main())
