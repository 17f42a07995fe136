"""The course machinery behind the lab: catalogue, grader, learner state and course command.

Learners work in ``exercises/``; this package is what ``pytest exercises`` and
``python -m exercises`` load from there, kept out of their way.
"""
