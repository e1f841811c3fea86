"""Run a notebook's checks the way grading does: in a throwaway copy, every process stopped.

Grading (``coursekit.grading``) and a learner's ``progress`` share this, so a check passes
for the learner exactly when it would pass for the grader. One module each:
``repo_copy`` + ``workspace`` (the copy, its own HOME and TMPDIR, removed afterwards) ->
``runnable`` (check cells fail their cell, outputs cleared, cells numbered as nbval does) ->
``runner`` + ``nbval_record`` + ``run_sweep`` (nbval in a fresh kernel, each cell recorded,
everything the run started stopped) -> ``status`` (did each check, each exercise pass).
"""
