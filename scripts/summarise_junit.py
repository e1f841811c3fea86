"""Sums the JUnit XML reports of every stage into one closing line.

Prints ``make test: N passed, N failed, N skipped`` and exits 1 when no test ran at all,
so an empty run can never look green.
"""

import sys
import xml.etree.ElementTree as ET


def totals(paths: list[str]) -> dict[str, int]:
    counts = {"tests": 0, "failures": 0, "errors": 0, "skipped": 0}
    for path in paths:
        root = ET.parse(path).getroot()
        suites = [root] if root.tag == "testsuite" else root.iter("testsuite")
        for suite in suites:
            for key in counts:
                counts[key] += int(suite.get(key, 0))
    return counts


def main(paths: list[str]) -> int:
    existing = [p for p in paths if not p.endswith("*.xml")]
    counts = totals(existing)
    failed = counts["failures"] + counts["errors"]
    passed = counts["tests"] - failed - counts["skipped"]
    print(f"make test: {passed} passed, {failed} failed, {counts['skipped']} skipped")
    return 0 if counts["tests"] else 1


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
