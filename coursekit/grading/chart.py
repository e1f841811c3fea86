"""The class's pass rate per exercise, as a bar chart for the report."""

from __future__ import annotations

from pathlib import Path


def pass_rate_chart(rates: list[tuple[str, float]], learners: int, path: Path) -> None:
    """``rates``: (label, percent of learners who passed) in course order."""
    import matplotlib  # here, not at import: an instructor's typo should fail fast

    matplotlib.use("Agg")  # files only: grading runs without a display
    import matplotlib.pyplot as plt

    labels = [label for label, _ in rates]
    values = [value for _, value in rates]
    fig, ax = plt.subplots(figsize=(7, max(2.5, 1.2 + 0.4 * len(rates))))
    bars = ax.barh(labels, values, color="#4c72b0")
    ax.bar_label(bars, labels=[f"{v:.0f}%" for v in values], padding=3)
    ax.invert_yaxis()  # first exercise on top, as in the course
    ax.set_xlim(0, 110)
    ax.set_title(f"Pass rate per exercise ({learners} learner{'s' if learners != 1 else ''})")
    ax.set_xlabel("learners who passed (%)")
    ax.set_ylabel("notebook / exercise")
    fig.tight_layout()
    fig.savefig(path, dpi=100)
    plt.close(fig)
