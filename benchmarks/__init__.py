"""Benchmarks of TechZone CRM: every figure a ratio against a baseline measured in the same run.

Run them with ``.venv/bin/python -m benchmarks`` (see ``--help``); they are not part of the
test suite.
"""
