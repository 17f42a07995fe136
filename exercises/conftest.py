"""Loads the self-grader (``course/grader.py``) whenever pytest runs the exercises."""

from course.datasets import _dataset_dirs, dataset  # noqa: F401  (fixtures for the checks)
from course.grader import pytest_configure  # noqa: F401  (pytest finds the hook here)
