"""``python -m coursekit.grading SUBMISSIONS_DIR --out OUT_DIR``: see coursekit.grading.cli."""

import sys

from coursekit.grading.cli import main

sys.exit(main())
