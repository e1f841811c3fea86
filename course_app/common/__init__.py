"""Plumbing shared by the three services: errors, settings, database, broker, security.

Each module holds one concept, so a learner reading a service can follow any import here
in a few lines.
"""
