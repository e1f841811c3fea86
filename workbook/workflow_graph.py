"""A workflow's jobs as a graph: when each job can start, the critical path, and a figure.

GitHub starts a job as soon as every job in its ``needs:`` has succeeded: there are no
rounds. So the pipeline's wall-clock time is the longest path through ``needs:`` (each job
weighted by its duration), not the sum of the slowest job of each "wave" of jobs that
could start together. ``critical_path`` computes the first; ``wave_sum`` the second, to
show how far they part.
"""

from __future__ import annotations

import matplotlib.pyplot as plt
from matplotlib.patches import FancyArrowPatch, FancyBboxPatch

from workbook.style import PALETTE
from workbook.workflow_check import missing_needs, needs_of

# The critical path: a thick solid line and a bold, hatched box; every other need: a thin
# dashed line. Line style and hatch tell them apart without the colours.
CRITICAL = {"colour": PALETTE["vermillion"], "line": "-", "width": 2.6, "hatch": "//"}
OTHER = {"colour": PALETTE["grey"], "line": "--", "width": 1.2, "hatch": ""}
BOX_FILL = "white"


def depths(jobs: dict) -> dict[str, int]:
    """For each job, the number of jobs on the longest chain of ``needs:`` before it.
    ValueError for a need of a missing job or a cycle: GitHub refuses such a workflow."""
    if problems := missing_needs(jobs):
        raise ValueError(problems[0])
    depth: dict[str, int] = {}

    def visit(name: str, seen: tuple[str, ...]) -> int:
        if name in seen:
            raise ValueError(f"a cycle through needs: {' -> '.join([*seen, name])}")
        if name not in depth:
            depth[name] = 1 + max(
                (visit(n, (*seen, name)) for n in needs_of(jobs[name])), default=-1
            )
        return depth[name]

    for name in jobs:
        visit(name, ())
    return depth


def waves(jobs: dict) -> list[list[str]]:
    """The jobs grouped by depth: wave k holds the jobs whose longest chain of needs is k."""
    depth = depths(jobs)
    return [[n for n in jobs if depth[n] == k] for k in range(max(depth.values()) + 1)]


def wave_sum(jobs: dict, minutes: dict[str, float]) -> float:
    """The sum of the slowest job of each wave: the estimate that is wrong."""
    return sum(max(minutes[name] for name in wave) for wave in waves(jobs))


def critical_path(jobs: dict, minutes: dict[str, float]) -> tuple[float, list[str]]:
    """(finish time of the whole run, the jobs on its longest path), every job starting the
    moment its last need finishes."""
    finish: dict[str, float] = {}
    before: dict[str, str | None] = {}
    for name in sorted(jobs, key=depths(jobs).get):
        last = max(needs_of(jobs[name]), key=finish.get, default=None)
        before[name] = last
        finish[name] = (finish[last] if last else 0.0) + minutes[name]
    end = max(finish, key=finish.get)
    path = [end]
    while before[path[-1]]:
        path.append(before[path[-1]])
    return finish[end], path[::-1]


def draw(jobs: dict, minutes: dict[str, float], title: str):
    """The job graph: a box per job (its minutes inside), an arrow per need, the critical path
    drawn thick, solid and hatched; jobs placed left to right by depth."""
    total, path = critical_path(jobs, minutes)
    on_path = set(zip(path, path[1:], strict=False))
    columns = waves(jobs)
    tallest = max(map(len, columns))
    place = {}
    for k, wave in enumerate(columns):  # a wave centred on the tallest; rows follow their needs
        wave = sorted(
            wave,
            key=lambda n: (
                sum(place[m][1] for m in needs_of(jobs[n])) / max(len(needs_of(jobs[n])), 1)
            ),
            reverse=True,
        )
        for row, name in enumerate(wave):
            place[name] = (3.2 * k, -1.4 * (row + (tallest - len(wave)) / 2))
    fig, ax = plt.subplots(figsize=(2.6 * len(columns) + 1, 1.4 * tallest + 1.6))
    for name, job in jobs.items():
        for need in needs_of(job):
            look = CRITICAL if (need, name) in on_path else OTHER
            (x0, y0), (x1, y1) = place[need], place[name]
            bend = 0.0 if x1 - x0 < 4 else -0.25  # a need that skips a column arcs over the boxes
            ax.add_patch(
                FancyArrowPatch(
                    (x0 + 1.15, y0),
                    (x1 - 1.15, y1),
                    arrowstyle="-|>",
                    mutation_scale=14,
                    color=look["colour"],
                    linestyle=look["line"],
                    linewidth=look["width"],
                    connectionstyle=f"arc3,rad={bend}",
                    zorder=3,
                )
            )
    for name, (x, y) in place.items():
        look = CRITICAL if name in path else OTHER
        ax.add_patch(
            FancyBboxPatch(
                (x - 1.1, y - 0.4),
                2.2,
                0.8,
                boxstyle="round,pad=0.05",
                facecolor=BOX_FILL,
                edgecolor=look["colour"],
                hatch=look["hatch"],
                linewidth=look["width"],
                zorder=4,
            )
        )
        ax.text(
            x,
            y,
            f"{name}\n{minutes[name]:g} min",
            ha="center",
            va="center",
            fontsize=9,
            fontweight="bold" if name in path else "normal",
            zorder=5,
            bbox={"facecolor": BOX_FILL, "edgecolor": "none", "pad": 1},
        )
    ax.set_xlim(-1.4, 3.2 * (len(columns) - 1) + 1.4)
    ax.set_ylim(-1.4 * tallest + 0.6, 1.2)
    ax.set_xticks(
        [3.2 * k for k in range(len(columns))], [f"depth {k}" for k in range(len(columns))]
    )
    ax.set_yticks([])
    ax.set_xlabel("depth: jobs on the longest chain of needs before the job")
    ax.set_ylabel("jobs at that depth")
    ax.set_title(f"{title}\ncritical path ({total:g} min, thick and hatched): {' → '.join(path)}")
    for side in ("left", "top", "right"):
        ax.spines[side].set_visible(False)
    fig.tight_layout()
    return fig
