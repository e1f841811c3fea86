"""Plumbing shared by the three services: errors, settings, database, broker, security,
and the pieces each composition root (``<service>/bootstrap.py``) builds with (``wiring``).

Each module holds one concept, so a learner reading a service can follow any import here
in a few lines.
"""
