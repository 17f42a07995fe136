"""Run pytest on the files named on the command line, and exit with its status.

The program of launch.json's "Debug the current test file": from Run and
Debug (F5) VS Code runs this file with the open test file as its argument.
The Testing view's Debug Test replaces ``program`` and ``args`` with the
Python extension's own pytest runner and the chosen tests, so this file is
not used there. Options reach pytest in both through ``PYTEST_ADDOPTS``.
"""

import sys

import pytest

if __name__ == "__main__":
    sys.exit(pytest.main(sys.argv[1:]))
