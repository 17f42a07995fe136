"""``python -m exercises``: the learner's course command (see ``course/cli.py``)."""

import sys

from course.interpreter import require_course_python

# Before course.cli, which needs Python 3.11+: one clear line on the wrong interpreter.
require_course_python("exercises")

from course.cli import main  # noqa: E402

sys.exit(main())
