"""Fixtures shared by every layer of the reference suite.

Service fixtures (PostgreSQL, RabbitMQ, browsers) come from the provisioning layer's
pytest plugin, so the tests, the notebooks and ``python -m course_app`` all start
services the same way.
"""

pytest_plugins = ["course_app.provision.pytest_plugin"]
