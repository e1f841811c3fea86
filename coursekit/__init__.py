"""Course tooling: learner-notebook builder, exercise checks, timing and grading."""
