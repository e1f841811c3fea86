"""What a learner's notebook imports: the setup cell, test data and waiting, attack payloads,
figures, the Locust runner, the workflow linter and the suite-metrics plugin.

It ships in the learner release. The authoring and grading tools live in ``coursekit``,
which may import from here, never the other way round.
"""
