"""Loads the self-grader (``course/pytest_plugin.py``) whenever pytest runs the exercises."""

from course.interpreter import require_course_python

# First, before anything that needs the course's packages: one clear line outside .venv.
require_course_python("pytest exercises")

from course.datasets import _dataset_dirs, dataset  # noqa: E402, F401  (fixtures for the checks)
from course.pytest_plugin import pytest_configure  # noqa: E402, F401  (pytest finds the hook here)
