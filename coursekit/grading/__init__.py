"""Instructor grading: from a folder of submitted notebooks to a gradebook and a report.

    python -m coursekit grade SUBMISSIONS_DIR --out OUT_DIR      (or python -m coursekit.grading)

Pipeline, one module each: ``released`` (the course as handed out) -> ``submissions``
(who sent what) -> ``matching`` + ``grading_copy`` (released locked cells put back,
tampering noted) -> ``workbook.checkrun`` (nbval in a throwaway copy, everything stopped
afterwards; shared with the learners' ``progress``) -> ``scoring`` (a Grade per exercise)
-> ``gradebook`` + ``report`` + ``chart``. ``grader`` ties them together; ``cli`` is the command.
"""
