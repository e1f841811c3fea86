"""The readable report (Markdown): totals per learner, pass rates, problems, failures."""

from __future__ import annotations

from collections import Counter
from pathlib import Path

from coursekit.grading import models as m
from coursekit.grading.chart import pass_rate_chart

CHART_FILE = "pass_rates.png"
NOT_WORTH_LISTING = (m.PASSED, m.MISSING)


def _cell(text) -> str:
    return str(text).replace("|", "\\|").replace("\n", " ")


def _table(headers, rows) -> list[str]:
    lines = ["| " + " | ".join(headers) + " |", "|" + "---|" * len(headers)]
    return lines + ["| " + " | ".join(_cell(v) for v in row) + " |" for row in rows]


def learner_totals(grades: list[m.Grade], learners: list[str]) -> list[tuple]:
    rows = []
    for learner in learners:
        mine = [g for g in grades if g.learner == learner]
        points, most = sum(g.points for g in mine), sum(g.max_points for g in mine)
        counts = Counter(g.status for g in mine)
        share = f"{100 * points / most:.0f}%" if most else "-"
        rows.append((learner, points, most, share, *(counts[s] for s in m.STATUSES)))
    return rows


def pass_rates(grades: list[m.Grade], learners: int) -> list[tuple[str, float]]:
    passed: dict[str, int] = {}
    for g in grades:  # grades come in course order; dict keeps it
        key = f"{Path(g.notebook).stem} {g.exercise}"
        passed[key] = passed.get(key, 0) + (g.status == m.PASSED)
    return [(key, 100 * n / learners if learners else 0) for key, n in passed.items()]


def failure_lines(grades: list[m.Grade]) -> list[str]:
    lines = []
    for g in grades:
        if g.status in NOT_WORTH_LISTING:
            continue
        lines.append(f"- **{g.learner}** — {g.notebook}, exercise {g.exercise}: `{g.status}`")
        lines += ["  ```", *(f"  {line}" for line in g.detail.splitlines()), "  ```"]
    return lines or ["None: every submitted exercise passed."]


def write_report(
    grades: list[m.Grade],
    problems: list[m.Problem],
    learners: list[str],
    out_dir: Path,
    settings_line: str,
) -> Path:
    rates = pass_rates(grades, len(learners))
    pass_rate_chart(rates, len(learners), out_dir / CHART_FILE)
    lines = [
        "# Grading report",
        "",
        f"{len(learners)} learners; {settings_line}. The gradebook is `grades.csv`.",
        "",
        "## Totals per learner",
        "",
        *_table(
            ("learner", "points", "max", "score", *m.STATUSES), learner_totals(grades, learners)
        ),
        "",
        "## Pass rate per exercise",
        "",
        f"![Pass rate per exercise]({CHART_FILE})",
        "",
        *_table(("exercise", "passed"), [(k, f"{v:.0f}%") for k, v in rates]),
        "",
        "## Problems with submissions",
        "",
        *([f"- {_cell(p)}" for p in problems] or ["None."]),
        "",
        "## Failures (first lines of the failing assertion)",
        "",
        *failure_lines(grades),
        "",
    ]
    path = out_dir / "report.md"
    path.write_text("\n".join(lines), encoding="utf-8")
    return path
