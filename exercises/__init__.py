"""The course lab: one package per exercise, graded by ``pytest exercises``."""
