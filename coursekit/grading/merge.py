"""Join the parts of a sharded grading run: ``python -m coursekit grade-merge PART... --out OUT``.

Each PART is the --out folder of one ``grade --shard K/N``; all N must be given, each once.
Writes the same grades.csv, report.md and feedback/ one unsharded run would have. Exit
status 2 with one line on stderr when a shard is missing, given twice or unreadable.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from coursekit.grading.models import InstructorError

PROG = "python -m coursekit grade-merge"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog=PROG, description=__doc__.split("\n\n")[1])
    parser.add_argument("parts", type=Path, nargs="+", metavar="PART")
    parser.add_argument("--out", type=Path, required=True, metavar="OUT_DIR")
    args = parser.parse_args(sys.argv[1:] if argv is None else argv)
    from coursekit.grading.part import ClassPart, write_outputs
    from coursekit.grading.shards import merge

    try:
        merged = merge([(path, ClassPart.read(path)) for path in args.parts])
        args.out.mkdir(parents=True, exist_ok=True)
        report = write_outputs(merged, args.out)
    except InstructorError as exc:
        print(f"{PROG}: {exc}", file=sys.stderr)
        return 2
    except OSError as exc:
        print(f"{PROG}: cannot write {args.out}: {exc.strerror}", file=sys.stderr)
        return 2
    print(
        f"merged {len(args.parts)} parts, {len(merged.learners)} learners: wrote "
        f"{args.out / 'grades.csv'}, {report} and {args.out / 'feedback'}/"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
