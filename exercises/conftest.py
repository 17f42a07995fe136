"""Loads the self-grader (``course/grader.py``) whenever pytest runs the exercises."""

from course.grader import pytest_configure  # noqa: F401  (pytest finds the hook here)
